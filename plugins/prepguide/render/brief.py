"""The brief at the top of a prep page, and the order of its sections (docs/usage.md, "Prep pages")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..guide.corpus import Corpus
from ..guide.references import is_id_like
from ..read.model import Contact
from .pages import SiteContext
from .templating import format_date, format_datetime

STAGES: dict[str, str] = {
    "researching": "before-contact",
    "to-contact": "before-contact",
    "requested": "before-talk",
    "scheduled": "before-talk",
    "met": "after-talk",
    "thanked": "after-talk",
    "closed": "after-talk",
}
"""The stage of a conversation, from ``meeting.status``."""

SECTION_ORDER: dict[str, tuple[str, ...]] = {
    "before-contact": (
        "outreach", "person", "common", "organization", "goals", "questions", "intro",
        "logistics", "after",
    ),
    "before-talk": (
        "person", "common", "organization", "goals", "questions", "intro", "outreach",
        "logistics", "after",
    ),
    "after-talk": (
        "after", "person", "common", "organization", "goals", "questions", "intro", "outreach",
        "logistics",
    ),
}  # fmt: skip
"""The sections of a prep page at each stage; "before-talk" is the order docs/usage.md lists."""

FOLDED: dict[str, frozenset[str]] = {
    "before-contact": frozenset({"after"}),
    "before-talk": frozenset({"outreach", "after"}),
    "after-talk": frozenset({"questions", "intro", "outreach"}),
}
"""The sections folded (``<details>``) at each stage: on the page, one click away."""


@dataclass(frozen=True)
class Brief:
    """The facts at the top of a prep page (all plain text; the template escapes them).

    Attributes:
        stage: ``before-contact``, ``before-talk`` or ``after-talk`` (``before-talk``
            in a public build, which carries no status).
        when: The meeting's day and time in the guide's timezone ("Wednesday 2
            December 2026, 12:30"), or "".
        relative: The same from the build's ``today`` ("tomorrow, 12:30"), or "".
        place_url: ``meeting.place`` when it is an http(s) address (the call link).
        place: ``meeting.place`` when it is not an address.
        step: The one next step ("Send the thank-you note").
        due: When it is due ("by Friday 27 November 2026"), or "".
        command: A command that records the step (shown as code), or "".
    """

    stage: str
    when: str = ""
    relative: str = ""
    place_url: str = ""
    place: str = ""
    step: str = ""
    due: str = ""
    command: str = ""


def is_web_address(value: str | None) -> bool:
    """Whether a value is one http(s) address (a call link), nothing else.

    >>> is_web_address("https://meet.example/abc"), is_web_address("Café Luna, 5th St")
    (True, False)
    """
    if not value:
        return False
    candidate = value.strip()
    return (
        candidate.lower().startswith(("https://", "http://"))
        and len(candidate) > 8
        and not any(ch.isspace() or ch in "<>\"'`" or ord(ch) < 32 for ch in candidate)
    )


def relative_day(day: dt.date, today: dt.date) -> str:
    """A day as seen from ``today``.

    >>> today = dt.date(2026, 12, 1)
    >>> [relative_day(today + dt.timedelta(days=n), today) for n in (0, 1, 6, -3, 40)]
    ['today', 'tomorrow', 'in 6 days', '3 days ago', 'on 10 January 2027']
    """
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if 1 < days < 14:
        return f"in {days} days"
    if -14 < days < -1:
        return f"{-days} days ago"
    return f"on {day.day} {day:%B}" + (f" {day.year}" if day.year != today.year else "")


def stage_of(contact: Contact, public: bool) -> str:
    """The stage that orders a prep page (a public build's pages prepare a talk)."""
    return "before-talk" if public else STAGES.get(contact.meeting.status, "before-talk")


def prep_brief(corpus: Corpus, contact: Contact, ctx: SiteContext) -> Brief:
    """The brief of a prep page: when, where, and the one next step (docs/usage.md).

    A public build shows no status, no place and no step that depends on them.
    """
    stage = stage_of(contact, ctx.public)
    meeting = contact.meeting
    today = ctx.today
    when = relative = ""
    if meeting.date is not None and not ctx.public:
        when = format_datetime(meeting.date)
        relative = f"{relative_day(meeting.date.date(), today)}, {meeting.date:%H:%M}"
    place_url = place = ""
    if meeting.place and not ctx.public:
        if is_web_address(meeting.place):
            place_url = meeting.place.strip()
        else:
            place = meeting.place
    if ctx.public:
        return Brief(stage)
    step, due, command = next_step(corpus, contact, ctx.today, relative)
    return Brief(stage, when, relative, place_url, place, step, due, command)


def referral_links(corpus: Corpus, contact: Contact) -> list[tuple[str, str | None]]:
    """Each referral as ``(name, contact id or None)``."""
    result: list[tuple[str, str | None]] = []
    for referral in contact.referrals:
        if is_id_like(referral) and referral in corpus.contacts:
            result.append((corpus.contacts[referral].name, referral))
        else:
            result.append((referral, None))
    return result


def next_step(
    corpus: Corpus, contact: Contact, today: dt.date, relative: str
) -> tuple[str, str, str]:
    """The one next step of a conversation: (what, when it is due, a command that records it).

    ``relative`` is when the meeting is, from ``today`` ("tomorrow, 12:30").
    """
    from ..tailor.dashboard import NUDGE_AFTER_BUSINESS_DAYS, add_business_days
    from ..tailor.relations import introduction_state
    from ..text import first_name

    meeting = contact.meeting
    first = first_name(contact.name) or contact.name
    status = meeting.status
    step = due = command = ""
    via = corpus.contacts.get(contact.connection.via or "")
    if status in ("researching", "to-contact"):
        if via is not None and introduction_state(contact) == "to-request":
            step = f"Ask {via.name} for an introduction to {first}"
        else:
            step = f"Send {first} the request"
        if status == "researching":
            step = f"Finish your research, then {step[0].lower()}{step[1:]}"
    elif status == "requested":
        step = f"Wait for {first}'s answer, then confirm a date and time"
        if meeting.requested is not None:
            nudge = add_business_days(meeting.requested, NUDGE_AFTER_BUSINESS_DAYS)
            due = f"no answer by {format_date(nudge)}: send a polite nudge"
    elif status == "scheduled":
        if meeting.date is None:
            step = f"Confirm a date and time with {first}"
        elif meeting.date.date() < today:
            step = f"Did you talk to {first} on {format_date(meeting.date.date())}? Record it with"
            command = f"prepguide status {contact.id} met"
        elif (meeting.date.date() - today).days > 1:
            step = f"Confirm the time with {first}, then prepare: questions and intro"
            due = f"confirm by {format_date(meeting.date.date() - dt.timedelta(days=1))}"
        else:
            step = "Prepare: read the questions and say your intro aloud"
            due = f"before {relative}"
    elif status == "met":
        step = f"Send {first} the thank-you note"
        held = meeting.date.date() if meeting.date is not None else today
        due = f"by {format_date(held + dt.timedelta(days=1))}"
    elif status == "thanked":
        pending = sorted((f for f in contact.follow_up if not f.done), key=lambda f: f.date)
        if pending:
            step = f"Follow up: {pending[0].note}"
            due = f"by {format_date(pending[0].date)}"
        elif meeting.date is not None:
            day = meeting.date.date()
            step = f"Follow up with {first}: tell them what you did with their advice"
            due = (
                f"between {format_date(day + dt.timedelta(weeks=2))} "
                f"and {format_date(day + dt.timedelta(weeks=4))}"
            )
        else:
            step = f"Follow up with {first} in two to four weeks"
    else:  # closed
        step = "Reflect: is this direction still right for you?"
    return step, due, command
