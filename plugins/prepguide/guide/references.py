"""The cross-references of a loaded guide, each checked with a located message.

A contact's ``organization``, ``connection.via`` and id-like ``referrals`` name a
file of the guide; an experience ``organization`` that looks like a missing id is a
warning; question ids are unique across the banks (docs/usage.md).
"""

from __future__ import annotations

from typing import Any

from ..errors import Problem, Severity
from ..read.fields import ID_RE
from ..read.model import Contact
from ..read.validate import closest
from .corpus_data import Corpus


def is_id_like(text: str) -> bool:
    """A referral or experience entry that looks like an id (``dana-whitfield``).

    >>> is_id_like("dana-whitfield"), is_id_like("Dana Whitfield")
    (True, False)
    """
    return bool(ID_RE.match(text))


def resolve_references(corpus: Corpus) -> None:
    """Check every cross-reference of the corpus, adding located problems.

    A contact's ``organization``, ``connection.via`` and id-like ``referrals``
    must name a file of the guide (a file with errors counts: its own errors say
    what is wrong); an experience entry that looks like an organization id but
    names none is a warning; question ids are unique across the banks.
    """
    for cid, contact in corpus.contacts.items():
        _check_contact(corpus, cid, contact)
    if corpus.profile is not None:
        for index, job in enumerate(corpus.profile.experience):
            loc = ("experience", index, "organization")
            _check_experience(corpus, "profile", "", loc, job.organization)
    _check_question_ids(corpus)


def _report(
    corpus: Corpus,
    kind: str,
    ident: str,
    loc: tuple[str | int, ...],
    severity: Severity,
    message: str,
) -> None:
    """Add a problem at the value ``loc`` of the file of ``(kind, ident)``."""
    path, line, column = corpus.locate(kind, ident, loc)
    corpus.problems.append(Problem(path, line, column, severity, message))


def _unknown(corpus: Corpus, kind: str, ref: str, known: dict[str, Any]) -> bool:
    """Whether ``ref`` names no file of ``kind``, neither a valid one nor one with errors."""
    return ref not in known and (kind, ref) not in corpus.invalid


def _missing(corpus: Corpus, what: str, ref: str, known: dict[str, Any], folder: str) -> str:
    """What to say about a reference to no file: the closest id, or the file to create.

    >>> _missing(Corpus(), "contact", "joan-whitcomb", {"joan-whitcombe": None}, "contacts")
    'no contact `joan-whitcomb`; did you mean `joan-whitcombe`?'
    >>> _missing(Corpus(), "organization", "acme", {}, "organizations")
    'no organization `acme`; create content/organizations/acme.yml or fix the id'
    """
    kind = "organization" if folder == "organizations" else "contact"
    guess = closest(ref, set(known) | {i for k, i in corpus.invalid if k == kind})
    if guess:
        return f"no {what} `{ref}`; did you mean `{guess}`?"
    return f"no {what} `{ref}`; create content/{folder}/{ref}.yml or fix the id"


def _check_contact(corpus: Corpus, cid: str, contact: Contact) -> None:
    """Check one contact's ``organization``, ``connection.via``, referrals and experience."""
    orgs = corpus.organizations
    contacts = corpus.contacts
    org = contact.organization
    if org and _unknown(corpus, "organization", org, orgs):
        message = _missing(corpus, "organization", org, orgs, "organizations")
        _report(corpus, "contact", cid, ("organization",), "error", f"`organization`: {message}")
    via = contact.connection.via
    if via is not None:
        problem = None
        if via == cid:
            problem = "a contact cannot introduce themselves; name who introduces you"
        elif _unknown(corpus, "contact", via, contacts):
            problem = _missing(corpus, "contact", via, contacts, "contacts")
        if problem is not None:
            _report(
                corpus,
                "contact",
                cid,
                ("connection", "via"),
                "error",
                f"`connection.via`: {problem}",
            )
    for index, referral in enumerate(contact.referrals):
        if is_id_like(referral) and _unknown(corpus, "contact", referral, contacts):
            _report(
                corpus,
                "contact",
                cid,
                ("referrals", index),
                "error",
                f"`referrals[{index}]`: "
                + _missing(corpus, "contact", referral, contacts, "contacts")
                + "; write a person's full name (with capitals) if they have no file yet",
            )
    for index, job in enumerate(contact.background.experience):
        loc = ("background", "experience", index, "organization")
        _check_experience(corpus, "contact", cid, loc, job.organization)


def _check_question_ids(corpus: Corpus) -> None:
    """An id used by two entries of the question banks is an error at the second one."""
    seen: dict[str, str] = {}
    for question, (path, index) in zip(corpus.questions, corpus.question_sources, strict=True):
        qid = question.id
        if qid in seen:
            line, column = corpus.documents[path].position((index, "id"))
            corpus.problems.append(
                Problem(
                    path,
                    line,
                    column,
                    "error",
                    f"question id `{qid}` is used twice (also in {seen[qid]}); give each entry its own id",
                )
            )
        else:
            seen[qid] = path


def _check_experience(
    corpus: Corpus, kind: str, ident: str, loc: tuple[str | int, ...], ref: str
) -> None:
    """A warning when an experience entry looks like an organization id but names none."""
    orgs = corpus.organizations
    if ref in orgs or not is_id_like(ref) or "-" not in ref:
        return
    _report(corpus, kind, ident, loc, "warning", _experience_message(loc, ref, orgs))


def _experience_message(loc: tuple[str | int, ...], ref: str, orgs: dict[str, Any]) -> str:
    """The warning about an experience ``organization`` that looks like a missing id.

    >>> print(_experience_message(("experience", 0, "organization"), "acme-corp", {"acme-corporation": None}))
    `experience.organization`: `acme-corp` looks like an organization id, but there is no such organization; did you mean `acme-corporation`?
    >>> print(_experience_message(("experience", 1, "organization"), "some-place", {}))
    `experience.organization`: `some-place` looks like an organization id, but there is no such organization; write the organization's name, or create its file
    """
    guess = closest(ref, orgs)
    hint = (
        f"did you mean `{guess}`?" if guess else "write the organization's name, or create its file"
    )
    return f"`{'.'.join(str(p) for p in loc if isinstance(p, str))}`: `{ref}` looks like an organization id, but there is no such organization; {hint}"
