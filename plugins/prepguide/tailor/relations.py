"""What happened between two contacts: who suggested whom, and how far an introduction
through ``connection.via`` went.

Every relation between two contacts comes from :func:`relation`, the one
place that reads what the notes say happened (docs/workflow.md, "Referrals
and introductions"); the network map, the network page, both prep pages, the drafts
and the dashboard all word it from there:

* A's ``referrals`` lists B: A *suggested* B;
* B's ``connection.via`` is A: A is the go-between, and B's
  ``meeting.status`` says how far the introduction went: ``researching`` or
  ``to-contact``, not asked for yet; ``requested``, asked for (on
  ``meeting.requested``); ``scheduled``, ``met`` or ``thanked`` (or ``closed``
  with a meeting date), made. A public build carries no status, so
  there the introduction's state is unknown and the words claim none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..guide.corpus import Corpus
from ..guide.references import is_id_like
from ..read.model import Contact
from ..text.dates import day_month_year

IntroductionState = Literal["to-request", "requested", "introduced", "unknown"]
"""How far an introduction through ``connection.via`` went (docs/workflow.md)."""


@dataclass(frozen=True)
class Relation:
    """What the notes say happened between a go-between and a contact.

    Attributes:
        source: The go-between's id (A).
        target: The contact's id (B).
        suggested: A's ``referrals`` lists B: A suggested you talk to B.
        introduction: ``None`` when B's ``connection.via`` is not A; else how
            far the introduction went: ``to-request`` (not asked for yet),
            ``requested`` (asked for), ``introduced`` (made) or ``unknown`` (a
            public build, which carries no meeting status).
        requested_on: When you asked A for the introduction
            (B's ``meeting.requested``), for ``requested`` only.
    """

    source: str
    target: str
    suggested: bool
    introduction: IntroductionState | None
    requested_on: dt.date | None = None

    @property
    def introduced(self) -> bool:
        """Whether the introduction was made (the only state that says "introduced")."""
        return self.introduction == "introduced"


def introduction_state(contact: Contact, *, public: bool = False) -> IntroductionState:
    """How far the introduction to ``contact`` through its ``connection.via`` went.

    The mapping of docs/workflow.md ("Referrals and introductions"):
    ``researching``/``to-contact`` -> ``to-request``; ``requested`` ->
    ``requested`` (you asked the go-between, on ``meeting.requested``);
    ``scheduled``/``met``/``thanked`` -> ``introduced``; ``closed`` ->
    ``introduced`` with a meeting date, ``requested`` with only a request date,
    else ``to-request``. A public build publishes no status: ``unknown``.
    """
    if public:
        return "unknown"
    meeting = contact.meeting
    status = meeting.status
    if status in ("scheduled", "met", "thanked"):
        return "introduced"
    if status == "closed":
        if meeting.date is not None:
            return "introduced"
        return "requested" if meeting.requested is not None else "to-request"
    if status == "requested":
        return "requested"
    return "to-request"


def relation(corpus: Corpus, source: str, target: str, *, public: bool = False) -> Relation | None:
    """What the notes say happened between contact ``source`` (A) and ``target`` (B).

    The single source of the relation's state: every page, draft and reminder
    words a suggestion or an introduction from it, in the tense the data
    allows (see :class:`Relation`).

    Arguments:
        corpus: The guide (as the audience sees it).
        source: A's id.
        target: B's id.
        public: A public build (no meeting status: the introduction's state is
            ``unknown``).

    Returns:
        The relation, or ``None`` when A neither suggested B nor is B's ``connection.via``
        (or either is missing, or they are the same contact).
    """
    contacts = corpus.contacts
    a, b = contacts.get(source), contacts.get(target)
    if a is None or b is None or source == target:
        return None
    suggested = target in a.referrals and is_id_like(target)
    introduction = introduction_state(b, public=public) if b.connection.via == source else None
    if not suggested and introduction is None:
        return None
    requested_on = b.meeting.requested if introduction == "requested" else None
    return Relation(source, target, suggested, introduction, requested_on)


def all_relations(corpus: Corpus, *, public: bool = False) -> tuple[Relation, ...]:
    """Every relation between two contacts of ``corpus``, sorted by source then target."""
    contacts = corpus.contacts
    pairs: set[tuple[str, str]] = set()
    for cid, contact in contacts.items():
        via = contact.connection.via
        if via and via in contacts and via != cid:
            pairs.add((via, cid))
        for referral in contact.referrals:
            if is_id_like(referral) and referral in contacts and referral != cid:
                pairs.add((cid, referral))
    found = (relation(corpus, a, b, public=public) for a, b in sorted(pairs))
    return tuple(r for r in found if r is not None)


Segment = tuple[Literal["person", "text"], str]
"""A piece of a sentence: a contact (by id, shown as a link to their page) or plain text."""


def suggestion_line(rel: Relation) -> tuple[Segment, ...] | None:
    """``[A] suggested you talk to [B].``, when A's ``referrals`` lists B."""
    if not rel.suggested:
        return None
    return (
        ("person", rel.source),
        ("text", " suggested you talk to "),
        ("person", rel.target),
        ("text", "."),
    )


def introduction_line(rel: Relation) -> tuple[Segment, ...] | None:
    """The introduction as a sentence, in the tense the data allows.

    ``[A] introduced you to [B].``; ``You asked [A] on 20 November 2026 to
    introduce you to [B].``; ``[A] can introduce you to [B]; you have not asked
    yet.``; ``[A] can introduce you to [B].`` (state unknown). ``None`` when B's
    ``connection.via`` is not A.
    """
    a: Segment = ("person", rel.source)
    b: Segment = ("person", rel.target)
    state = rel.introduction
    if state == "introduced":
        return (a, ("text", " introduced you to "), b, ("text", "."))
    if state == "requested":
        on = f" on {day_month_year(rel.requested_on)}" if rel.requested_on else ""
        return (("text", "You asked "), a, ("text", f"{on} to introduce you to "), b, ("text", "."))
    if state == "to-request":
        return (a, ("text", " can introduce you to "), b, ("text", "; you have not asked yet."))
    if state == "unknown":
        return (a, ("text", " can introduce you to "), b, ("text", "."))
    return None


def network_sentences(
    corpus: Corpus, *, public: bool = False
) -> tuple[tuple[tuple[Segment, ...], ...], tuple[tuple[Segment, ...], ...]]:
    """The network page's sentences: ``(introductions, suggestions)``, each in relation order."""
    found = all_relations(corpus, public=public)
    introductions = tuple(line for r in found if (line := introduction_line(r)) is not None)
    suggestions = tuple(line for r in found if (line := suggestion_line(r)) is not None)
    return introductions, suggestions


def facts_about_source(rel: Relation) -> str:
    """What A did for B, said on B's page after A's name: ``suggested them; introduced you``.

    >>> facts_about_source(Relation("anais", "marcus", True, "introduced"))
    'suggested them; introduced you'
    """
    return _facts(rel, "suggested them")


def facts_about_target(rel: Relation) -> str:
    """What A did for B, said on A's page after B's name: ``suggested; introduced you``.

    >>> facts_about_target(Relation("anais", "marcus", True, "requested", dt.date(2026, 11, 20)))
    'suggested; you asked for an introduction on 20 November 2026'
    """
    return _facts(rel, "suggested")


def _facts(rel: Relation, suggested: str) -> str:
    """The suggestion (worded ``suggested``) and the introduction, joined.

    >>> _facts(Relation("anais", "marcus", True, "introduced"), "suggested")
    'suggested; introduced you'
    """
    facts = [suggested] if rel.suggested else []
    facts += [_introduction_fact(rel)] if rel.introduction else []
    return "; ".join(facts)


def _introduction_fact(rel: Relation) -> str:
    """How far the introduction went, said to you: ``introduced you``, ``you asked for …``.

    >>> _introduction_fact(Relation("anais", "marcus", False, "requested", dt.date(2026, 11, 20)))
    'you asked for an introduction on 20 November 2026'
    >>> _introduction_fact(Relation("anais", "marcus", False, "to-request"))
    'can introduce you; you have not asked yet'
    """
    state = rel.introduction
    if state == "introduced":
        return "introduced you"
    if state == "requested":
        on = f" on {day_month_year(rel.requested_on)}" if rel.requested_on else ""
        return f"you asked for an introduction{on}"
    if state == "to-request":
        return "can introduce you; you have not asked yet"
    return "can introduce you"


def relations_of(
    corpus: Corpus, contact_id: str, *, public: bool = False
) -> tuple[tuple[Relation, ...], tuple[Relation, ...]]:
    """The relations that led to a contact, and those the contact led to.

    Returns:
        ``(by, to)``: relations whose target is ``contact_id`` (sorted by
        source) and whose source is it (sorted by target).
    """
    led_by, led_to = relations_by_contact(corpus, public=public)
    return led_by.get(contact_id, ()), led_to.get(contact_id, ())


def relations_by_contact(
    corpus: Corpus, *, public: bool = False
) -> tuple[dict[str, tuple[Relation, ...]], dict[str, tuple[Relation, ...]]]:
    """:func:`relations_of` for every contact at once, in one pass over the relations.

    Returns:
        ``(by, to)``: ``by[id]`` holds the relations whose target is ``id``,
        ``to[id]`` those whose source is ``id``, each in relation order; a
        contact without any is not a key.
    """
    led_by: dict[str, tuple[Relation, ...]] = {}
    led_to: dict[str, tuple[Relation, ...]] = {}
    for rel in all_relations(corpus, public=public):
        led_by[rel.target] = (*led_by.get(rel.target, ()), rel)
        led_to[rel.source] = (*led_to.get(rel.source, ()), rel)
    return led_by, led_to
