"""The brief at the top of a prep page, and the order of its sections (docs/usage.md, "Prep pages")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..guide.corpus import Corpus
from ..guide.references import is_id_like
from ..read.model import Contact
from ..tailor.next_step import next_step
from ..text.dates import long_datetime
from .pages import SiteContext

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
        when = long_datetime(meeting.date)
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
