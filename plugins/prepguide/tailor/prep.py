"""The tailored preparation for one conversation, and the warnings about it.

:func:`build_prep` is the public entry: it compares you with the contact,
chooses and orders the questions, writes and times the intro, and drafts the
emails, the logistics checklist and the reflection prompts. Everything is
computed from the corpus and the options alone: the same data always gives
the same :class:`Prep`.

:func:`prep_warnings` reports what a user should fix: hand-written intros
that run too long or too short, and closed or leading questions (in contact
files and in user question banks), each located at its line.

No MkDocs imports: the command line and the plugin share this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from ..guide.corpus import Corpus
from ..options import Options
from ..read.model import Contact
from .common_ground import GroundPoint, find_common_ground
from .drafts import (
    Draft,
    DraftContext,
    follow_up,
    forwardable,
    intro_request,
    logistics,
    outreach,
    referral_thanks,
    reflection,
    thank_you,
)
from .intro import build_intro, conversion_warnings
from .questions import SelectedQuestion, merge_banks, select_questions, template_error
from .spoken_time import Intro, intro_bounds, time_intro

__all__ = [
    "Draft",
    "GroundPoint",
    "Intro",
    "Prep",
    "SelectedQuestion",
    "build_prep",
    "build_preps",
    "prep_warnings",
]


@dataclass(frozen=True)
class Prep:
    """Everything prepared for one conversation.

    Attributes:
        common_ground: What you share with the contact, strongest first.
        questions: Fitted to ``meeting.duration``, in conversation order,
            ending with a referral question: your own questions (a closed or
            leading one carries its ``mark`` and ``rewrite``), your goals as
            questions, one feasibility question for a talk of 20 minutes or
            more, then bank questions, without near-duplicates (docs/prep.md).
        backups: Further questions, in conversation order.
        question_budget: How many questions fit the meeting.
        budget_note: A sentence explaining the budget.
        intro: The intro script (generated, or the hand-written one) and its timing.
        outreach: The email asking for the conversation.
        intro_request: With ``connection.via``, until the introduction was
            made (relations.relation): a note asking that person for an
            introduction; else ``None``.
        forwardable: With ``connection.via``, until the introduction was made:
            a short blurb they can forward.
        thank_you: The thank-you note (send within 24 hours).
        follow_up: The follow-up note (two to four weeks later).
        referral_thanks: Thanks for the introduction to the first referral.
        logistics: Checklist items for the meeting's format.
        reflection: ``(prompt, your answer or None)`` pairs for after the talk.
        placeholders: True in playbook mode (no profile): the texts carry
            marked blanks such as ``[your name]``.
    """

    common_ground: tuple[GroundPoint, ...]
    questions: tuple[SelectedQuestion, ...]
    backups: tuple[SelectedQuestion, ...]
    question_budget: int
    budget_note: str
    intro: Intro
    outreach: Draft
    intro_request: Draft | None
    forwardable: Draft | None
    thank_you: Draft
    follow_up: Draft
    referral_thanks: Draft
    logistics: tuple[str, ...]
    reflection: tuple[tuple[str, str | None], ...]
    placeholders: bool


def build_prep(corpus: Corpus, contact: Contact, options: Options) -> Prep:
    """Prepare one conversation.

    Arguments:
        corpus: The validated guide (profile, organizations, contacts, question banks).
        contact: The person to prepare for (one of ``corpus.contacts``).
        options: The guide's options: speaking rate and intro target, today,
            timezone, and audience (a public build leaves private fields out
            of the drafts and the reflection).

    Returns:
        The prep.
    """
    profile = corpus.profile
    org = corpus.organization_of(contact)
    ground = find_common_ground(profile, contact, corpus)
    selection = select_questions(merge_banks(corpus.questions), profile, contact, org)
    intro = build_intro(profile, contact, org, ground, corpus, options)
    ctx = DraftContext(profile, contact, org, corpus, options, ground, selection.questions)
    return Prep(
        common_ground=ground,
        questions=selection.questions,
        backups=selection.backups,
        question_budget=selection.budget,
        budget_note=selection.note,
        intro=intro,
        outreach=outreach(ctx),
        intro_request=intro_request(ctx),
        forwardable=forwardable(ctx),
        thank_you=thank_you(ctx),
        follow_up=follow_up(ctx),
        referral_thanks=referral_thanks(ctx),
        logistics=logistics(ctx),
        reflection=reflection(ctx),
        placeholders=profile is None,
    )


def build_preps(corpus: Corpus, options: Options) -> dict[str, Prep]:
    """Prepare every contact of a guide.

    Arguments:
        corpus: The validated guide.
        options: The guide's options.

    Returns:
        The preps by contact id, in id order.
    """
    return {
        cid: build_prep(corpus, corpus.contacts[cid], options) for cid in sorted(corpus.contacts)
    }


# ---------------------------------------------------------------------------
# Warnings

_DEFAULT_REASONS = {
    "closed": "answerable with yes or no",
    "leading": "it suggests the answer",
}


def _linter() -> Callable[[str], Any]:
    """Return the question linter (:func:`prepguide.lint.lint_question`)."""
    from ..lint import lint_question

    return lint_question


def lint_message(where: str, text: str, lint: Callable[[str], Any]) -> str | None:
    """Describe a question that is not plainly open, with a suggested rewrite.

    Arguments:
        where: The field, e.g. ``questions[2]``.
        text: The question.
        lint: ``lint_question``.

    Returns:
        A message such as ``"`questions[2]`: closed question (answerable with yes
        or no); try: \\"What …?\\""``, a message naming the linter's flags (two
        questions in one, asking for a job outright) for an open question that has
        them, or ``None`` for a plain open question.

    >>> from prepguide.lint import lint_question
    >>> print(lint_message("questions[2]", "Do you like your job?", lint_question))
    `questions[2]`: closed question (answerable with yes or no); try: "What do you like most about your job?"
    >>> lint_message("questions[0]", "What does a typical week look like?", lint_question) is None
    True
    """
    result = lint(text)
    label = getattr(result, "label", "open")
    flags = [m for m in getattr(result, "flag_messages", ()) if m]
    if label not in ("closed", "leading"):
        return f"`{where}`: " + "; ".join(flags) if flags else None
    reason = getattr(result, "reason", None) or _DEFAULT_REASONS[label]
    message = f"`{where}`: {label} question ({reason})"
    rewrite = getattr(result, "rewrite", None)
    if rewrite:
        message += f'; try: "{rewrite}"'
    if flags:
        message += "; also: " + "; ".join(flags)
    return message


_JINJA_BLOCK = re.compile(r"\{%-?.*?-?%\}|\{#.*?#\}", re.DOTALL)
_JINJA_VALUE = re.compile(r"\{\{.*?\}\}", re.DOTALL)


def _template_for_lint(text: str) -> str:
    """A question template as plain words: values become "this", tags disappear.

    >>> _template_for_lint("What drew you to {{ org.name }}?{% if x %} Why?{% endif %}")
    'What drew you to this? Why?'
    """
    text = _JINJA_BLOCK.sub("", text)
    text = _JINJA_VALUE.sub("this", text)
    return " ".join(text.split())


@dataclass
class WarningMemo:
    """Each contact's warnings from the last :func:`prep_warnings` call (see there)."""

    options: Options | None = None
    contacts: dict[str, tuple[Contact, list[Problem]]] = field(default_factory=dict)


def _contact_warnings(
    corpus: Corpus, cid: str, contact: Contact, options: Options
) -> list[Problem]:
    """The warnings about one contact's hand-written intro and questions."""
    problems: list[Problem] = []
    lint = _linter()
    low, high = intro_bounds(options)

    def warn(path: str, line: int, column: int, message: str) -> None:
        problems.append(Problem(path, line, column, "warning", message))

    if contact.intro and contact.intro.strip():
        timed = time_intro(contact.intro.strip(), options, generated=False)
        if not timed.in_range:
            advice = "cut some sentences" if timed.seconds > high else "add a sentence or two"
            path, line, column = corpus.locate("contact", cid, ("intro",))
            warn(
                path,
                line,
                column,
                f"`intro`: takes about {timed.seconds} seconds to say ({timed.words} words "
                f"at {options.words_per_minute} words a minute); aim for {low}–{high} "
                f"seconds: {advice}",
            )
    problems.extend(conversion_warnings(corpus, cid, contact))  # issue 14: wrong person
    for index, question in enumerate(contact.questions):
        message = lint_message(f"questions[{index}]", question, lint)
        if message:
            path, line, column = corpus.locate("contact", cid, ("questions", index))
            warn(path, line, column, message)
    return problems


def _contacts_warnings(corpus: Corpus, options: Options, memo: WarningMemo | None) -> list[Problem]:
    """Every contact's warnings, in id order, reused from ``memo`` where the contact is the
    same object (and ``memo`` brought up to date)."""
    problems: list[Problem] = []
    if memo is not None and memo.options != options:
        memo.options, memo.contacts = options, {}
    for cid in sorted(corpus.contacts):
        contact = corpus.contacts[cid]
        known = memo.contacts.get(cid) if memo is not None else None
        if known is not None and known[0] is contact:
            found = known[1]
        else:
            found = _contact_warnings(corpus, cid, contact, options)
            if memo is not None:
                memo.contacts[cid] = (contact, found)
        problems.extend(found)
    if memo is not None:
        for gone in memo.contacts.keys() - corpus.contacts.keys():
            del memo.contacts[gone]
    return problems


def _bank_warnings(corpus: Corpus) -> list[Problem]:
    """The user question banks' warnings: invalid templates and conditions, and what the
    linter says about each question's text."""
    problems: list[Problem] = []
    lint = _linter()

    def warn(path: str, line: int, column: int, message: str) -> None:
        problems.append(Problem(path, line, column, "warning", message))

    for entry, (path, index) in zip(corpus.questions, corpus.question_sources, strict=False):
        document = corpus.documents.get(path)

        def position(key: str, document: Any = document, index: int = index) -> tuple[int, int]:
            return document.position((index, key)) if document is not None else (1, 1)

        error = template_error(entry.text)
        if error:
            line, column = position("text")
            warn(
                path,
                line,
                column,
                f"`text`: not a valid template ({error}); this question is never used",
            )
        else:
            message = lint_message("text", _template_for_lint(entry.text), lint)
            if message:
                line, column = position("text")
                warn(path, line, column, message)
        if entry.when:
            error = template_error(entry.when, expression=True)
            if error:
                line, column = position("when")
                warn(
                    path,
                    line,
                    column,
                    f"`when`: not a valid condition ({error}); this question is never used",
                )
    return problems


def prep_warnings(
    corpus: Corpus, options: Options, memo: WarningMemo | None = None
) -> list[Problem]:
    """Return the warnings about intros and questions, each at its line.

    - a hand-written ``intro`` whose spoken time is outside ``intro_seconds``
      ± 15 seconds (at the ``intro`` key);
    - a closed or leading question, two questions in one, or a request for a job
      in a contact's ``questions`` (at that item);
    - the same in a user question bank (at its ``text``), and a ``text`` or
      ``when`` that is not a valid Jinja2 template.

    Arguments:
        corpus: The validated guide.
        options: The guide's options (speaking rate and intro target).
        memo: A contact's warnings from an earlier call, reused while its
            model is the same object (the parse cache keeps unchanged files'
            models), so a ``mkdocs serve`` rebuild checks only what changed.

    Returns:
        The warnings, sorted by path and position.
    """
    problems = _contacts_warnings(corpus, options, memo) + _bank_warnings(corpus)
    problems.sort()
    return problems
