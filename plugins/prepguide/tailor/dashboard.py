"""What the dashboard shows: the pipeline, upcoming meetings and due actions.

Pure functions over a loaded :class:`~prepguide.guide.corpus.Corpus`; the site's
dashboard page and ``prepguide todo`` both call them, so the terminal and the
site agree. Everything counts from :meth:`Options.resolved_today
<prepguide.options.Options.resolved_today>` (the ``today`` option, else
``SOURCE_DATE_EPOCH``, else the current date), never from the clock directly,
so a build with a pinned ``today`` is reproducible.

A scheduled meeting whose time has passed (its start plus its duration is
not after "now", see :func:`current_time`) is no longer upcoming: it is due,
as a ``record`` item that asks whether the talk happened, until its status
changes (docs/workflow.md, "prepguide todo").

With ``audience: public`` only contacts with ``visibility: public`` are
counted and private data (``follow_up``) is left out, whatever corpus the
caller passes in.

No MkDocs imports: the module is shared by the plugin and the command line.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Literal

from ..guide.corpus import Corpus
from ..options import Options
from ..read.model import STATUS_LABELS, STATUSES, Contact
from ..text import MONTHS
from ..text.dates import WEEKDAYS
from .relations import relation

DueKind = Literal["record", "thank-you", "follow-up", "nudge"]

NUDGE_AFTER_BUSINESS_DAYS = 7
"""A request with no answer gets a nudge after this many business days (Mon-Fri)."""
FOLLOW_UP_WEEKS = (2, 4)
"""A follow-up is due between two and four weeks after the talk (drafts, next step)."""

FUNNEL: tuple[str, ...] = ("requested", "scheduled", "met")
"""The stages of the funnel, in order."""

_KIND_ORDER: dict[str, int] = {"record": 0, "thank-you": 1, "nudge": 2, "follow-up": 3}


@dataclass(frozen=True)
class DueItem:
    """One thing to do, as of the guide's ``today``.

    Attributes:
        contact_id: The contact it concerns.
        name: The contact's name.
        kind: ``record`` for a scheduled meeting whose time has passed
            (did the talk happen?), ``thank-you`` after a talk, ``follow-up``
            for an open ``follow_up`` entry, ``nudge`` for a request left
            unanswered.
        due: The day it is due.
        message: What to do, one line of plain text (not escaped).
        days_overdue: Days past ``due``; 0 when due today.
        when: For ``record``, the meeting's start, timezone-aware in the guide's
            ``timezone``; else None.
    """

    contact_id: str
    name: str
    kind: DueKind
    due: date
    message: str
    days_overdue: int
    when: datetime | None = None

    @property
    def overdue(self) -> bool:
        """Whether the item is past its due day."""
        return self.days_overdue > 0


@dataclass(frozen=True)
class Upcoming:
    """A scheduled meeting that has not ended yet (see :func:`current_time`).

    Attributes:
        when: The meeting's start, timezone-aware in the guide's ``timezone``.
        days: Whole days from ``today`` to the meeting's day (0 = today, or a
            meeting under way that began the day before).
        duration: Minutes.
    """

    contact_id: str
    name: str
    organization: str | None
    when: datetime
    days: int
    format: str | None
    duration: int


@dataclass(frozen=True)
class FunnelStage:
    """One stage of the outreach funnel.

    Attributes:
        status: ``requested``, ``scheduled`` or ``met``.
        label: A readable label ("Requested").
        count: Contacts that reached this stage or went beyond it.
        rate: ``count`` divided by the previous stage's count; ``None`` for the
            first stage, or when the previous stage is empty.
    """

    status: str
    label: str
    count: int
    rate: float | None


@dataclass(frozen=True)
class Pipeline:
    """Where every conversation stands.

    Attributes:
        counts: Contacts per ``meeting.status``: all seven statuses, in
            pipeline order, zeros included.
        funnel: requested → scheduled → met.
        total: All contacts counted.
    """

    counts: dict[str, int]
    funnel: tuple[FunnelStage, ...]
    total: int


def visible_contacts(corpus: Corpus, options: Options | None = None) -> list[Contact]:
    """Return the contacts the audience may see, sorted by name then id."""
    contacts: Iterable[Contact] = corpus.contacts.values()
    if options is not None and options.audience == "public":
        contacts = (c for c in contacts if c.visibility == "public")
    return sorted(contacts, key=lambda c: (c.name.casefold(), c.id))


def _stage_reached(contact: Contact, today: date | None) -> int:
    """How far a contact got: 0 none, 1 requested, 2 scheduled, 3 met."""
    meeting = contact.meeting
    status = meeting.status
    if status in ("met", "thanked"):
        return 3
    if status == "scheduled":
        return 2
    if status == "requested":
        return 1
    if status == "closed":
        if meeting.date is not None:
            held = today is None or meeting.date.date() <= today
            return 3 if held else 2
        return 1 if meeting.requested is not None else 0
    return 0


def pipeline(
    corpus: Corpus, options: Options | None = None, *, contacts: list[Contact] | None = None
) -> Pipeline:
    """Count contacts per status and build the requested → scheduled → met funnel.

    A contact at a later status counts as having passed the earlier stages:
    ``thanked`` counts as met, and so does ``closed`` when the meeting date is
    in the past (or, without ``options``, whenever it has a meeting date). A
    ``closed`` contact with only ``meeting.requested`` counts as requested.

    Arguments:
        corpus: The loaded guide.
        options: The guide's options; they set ``today`` (for ``closed``
            meetings) and the audience. Optional.
        contacts: ``visible_contacts(corpus, options)`` when the caller already
            has it (the dashboard computes it once for its three parts).
    """
    today = options.resolved_today() if options is not None else None
    if contacts is None:
        contacts = visible_contacts(corpus, options)
    counts = dict.fromkeys(STATUSES, 0)
    reached = [0, 0, 0, 0]
    for contact in contacts:
        counts[contact.meeting.status] += 1
        stage = _stage_reached(contact, today)
        for level in range(1, stage + 1):
            reached[level] += 1
    funnel: list[FunnelStage] = []
    previous: int | None = None
    for level, status in enumerate(FUNNEL, start=1):
        count = reached[level]
        rate = None if not previous else count / previous
        funnel.append(FunnelStage(status, STATUS_LABELS[status], count, rate))
        previous = count
    return Pipeline(counts=counts, funnel=tuple(funnel), total=len(contacts))


def current_time(options: Options) -> datetime:
    """ "Now" for the dashboard, as naive local time of the guide (like ``meeting.date``).

    * ``today`` set: the start (00:00) of that day. A pinned day has no time of
      day, and a build must not depend on the clock: every meeting of that day
      is still upcoming, every meeting of the days before it has passed.
    * else ``SOURCE_DATE_EPOCH``: that instant, in the guide's timezone.
    * else the current time in the guide's timezone.

    See docs/workflow.md, "prepguide todo".
    """
    if options.today is not None:
        return datetime.combine(options.today, time())
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        instant = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    else:
        instant = datetime.now(timezone.utc)
    return instant.astimezone(options.tz).replace(tzinfo=None)


def meeting_end(contact: Contact) -> datetime | None:
    """When a contact's meeting ends (start plus duration), naive local time; None without a date."""
    start = contact.meeting.date
    if start is None:
        return None
    return start + timedelta(minutes=contact.meeting.duration)


def is_past_meeting(contact: Contact, now: datetime) -> bool:
    """Whether the contact is ``scheduled`` and the meeting ended at or before ``now``."""
    end = meeting_end(contact)
    return contact.meeting.status == "scheduled" and end is not None and end <= now


def upcoming(
    corpus: Corpus, options: Options, *, contacts: list[Contact] | None = None
) -> list[Upcoming]:
    """Return the scheduled meetings that have not ended yet, soonest first.

    Only contacts with status ``scheduled`` and a ``meeting.date`` are listed,
    and only while the meeting's end (start plus duration) is after
    :func:`current_time`; a meeting whose time has passed is in :func:`due`
    instead (``record``). ``days`` counts calendar days from ``today`` to the
    meeting's day.
    """
    today = options.resolved_today()
    now = current_time(options)
    zone = options.tz
    items: list[Upcoming] = []
    if contacts is None:
        contacts = visible_contacts(corpus, options)
    for contact in contacts:
        meeting = contact.meeting
        if meeting.status != "scheduled" or meeting.date is None:
            continue
        if is_past_meeting(contact, now):
            continue
        day = meeting.date.date()
        org = corpus.organization_of(contact)
        items.append(
            Upcoming(
                contact_id=contact.id,
                name=contact.name,
                organization=org.name if org else None,
                when=meeting.date.replace(tzinfo=zone),
                days=max(0, (day - today).days),
                format=meeting.format,
                duration=meeting.duration,
            )
        )
    items.sort(key=lambda u: (u.when.replace(tzinfo=None), u.name.casefold(), u.contact_id))
    return items


@functools.lru_cache(maxsize=4096)
def add_business_days(start: date, days: int) -> date:
    """Return the day ``days`` business days (Monday to Friday) after ``start``."""
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            counted += 1
    return current


def _second_person(corpus: Corpus, contact: Contact, options: Options) -> Contact | None:
    """Another contact at the same organization, preferring open conversations."""
    if not contact.organization:
        return None
    public = options.audience == "public"
    others = [
        c
        for c in corpus.contacts_at(contact.organization)
        if c.id != contact.id and (not public or c.visibility == "public")
    ]
    if not others:
        return None
    others.sort(key=lambda c: (c.meeting.status == "closed", c.name.casefold(), c.id))
    return others[0]


def _nudge_message(corpus: Corpus, contact: Contact, requested: date, options: Options) -> str:
    """What to do about a request left unanswered: nudge the contact (or the go-between
    asked for an introduction), or try a second person at their organization.

    >>> from prepguide.read.model import Organization
    >>> lumenchart = Organization(id="lumenchart", name="Lumenchart Inc.")
    >>> ana = Contact(id="ana", name="Ana Ruiz", organization="lumenchart")
    >>> corpus = Corpus(contacts={"ana": ana}, organizations={"lumenchart": lumenchart})
    >>> print(_nudge_message(corpus, ana, date(2026, 11, 20), Options()))
    no answer since 2026-11-20: send a polite nudge, or look for a second person at Lumenchart Inc.
    """
    via = contact.connection.via
    rel = relation(corpus, via, contact.id, public=options.audience == "public") if via else None
    if rel is not None and rel.introduction == "requested" and via in corpus.contacts:
        # The request went to the go-between (relations.relation, docs/workflow.md).
        go_between = corpus.contacts[via].name
        return (
            f"no answer since {requested.isoformat()} to your request to {go_between} for an "
            f"introduction: send {go_between} a polite nudge"
        )
    message = f"no answer since {requested.isoformat()}: send a polite nudge"
    org = corpus.organization_of(contact)
    other = _second_person(corpus, contact, options)
    if other is not None:
        where = f" at {org.name}" if org else ""
        return f"{message}, or reach out to {other.name}, who also works{where}"
    if org is not None:
        return f"{message}, or look for a second person at {org.name}"
    return message


def spoken_datetime(value: datetime) -> str:
    """``2026-11-24 16:30`` -> ``Tuesday 24 November 2026 at 16:30`` (English, whatever the locale).

    >>> spoken_datetime(datetime(2026, 11, 24, 16, 30))
    'Tuesday 24 November 2026 at 16:30'
    """
    return (
        f"{WEEKDAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]} {value.year} "
        f"at {value:%H:%M}"
    )


def record_message(contact: Contact) -> str:
    """The question for a scheduled meeting whose time has passed.

    >>> joan = Contact(id="joan", name="Joan Whitcombe", meeting={"date": "2026-11-24 16:30"})
    >>> print(record_message(joan))
    Did you talk to Joan Whitcombe on Tuesday 24 November 2026 at 16:30? Record it with `prepguide status joan met`
    """
    assert contact.meeting.date is not None
    return (
        f"Did you talk to {contact.name} on {spoken_datetime(contact.meeting.date)}? "
        f"Record it with `prepguide status {contact.id} met`"
    )


def _record_item(contact: Contact, now: datetime, today: date, options: Options) -> DueItem | None:
    """``record``: a scheduled meeting whose time has passed (see :func:`due`)."""
    meeting = contact.meeting
    if meeting.date is None or not is_past_meeting(contact, now):
        return None
    held = meeting.date.date()
    return DueItem(
        contact.id,
        contact.name,
        "record",
        held,
        record_message(contact),
        max(0, (today - held).days),
        meeting.date.replace(tzinfo=options.tz),
    )


def _thank_you_item(contact: Contact, today: date) -> DueItem | None:
    """``thank-you``: a talk was held; due the day after (today without a date)."""
    meeting = contact.meeting
    if meeting.status != "met":
        return None
    if meeting.date is None:
        return DueItem(contact.id, contact.name, "thank-you", today, "send a thank-you note", 0)
    held = meeting.date.date()
    if held > today:
        return None
    deadline = held + timedelta(days=1)
    return DueItem(
        contact.id,
        contact.name,
        "thank-you",
        deadline,
        f"send a thank-you note (met {held.isoformat()})",
        max(0, (today - deadline).days),
    )


def _nudge_item(corpus: Corpus, contact: Contact, today: date, options: Options) -> DueItem | None:
    """``nudge``: no answer seven business days after ``meeting.requested``."""
    meeting = contact.meeting
    if meeting.status != "requested" or meeting.requested is None:
        return None
    deadline = add_business_days(meeting.requested, NUDGE_AFTER_BUSINESS_DAYS)
    if deadline > today:
        return None
    return DueItem(
        contact.id,
        contact.name,
        "nudge",
        deadline,
        _nudge_message(corpus, contact, meeting.requested, options),
        (today - deadline).days,
    )


def _follow_up_items(contact: Contact, today: date) -> list[DueItem]:
    """``follow-up``: each ``follow_up`` entry not done, dated on or before ``today``."""
    return [
        DueItem(
            contact.id,
            contact.name,
            "follow-up",
            entry.date,
            entry.note,
            (today - entry.date).days,
        )
        for entry in contact.follow_up
        if not entry.done and entry.date <= today
    ]


def due(
    corpus: Corpus, options: Options, *, contacts: list[Contact] | None = None
) -> list[DueItem]:
    """Return what is due as of ``today``, sorted by due day, then name.

    * ``record``: status ``scheduled`` and the meeting's end (start plus
      duration) is not after :func:`current_time`. It asks whether the talk
      happened and how to record it (``prepguide status ID met``); it stays
      until the status changes. Due on the meeting's day, overdue after it.
    * ``thank-you``: a talk was held (status ``met``, its date on or before
      ``today``): the note is due the day after the meeting (within 24
      hours) and overdue after that. A ``met`` contact without a meeting date
      gets a thank-you due today.
    * ``follow-up``: each ``follow_up`` entry not ``done`` whose date is on or
      before ``today`` (private: left out for a public audience).
    * ``nudge``: status ``requested`` with ``meeting.requested`` set and no
      answer after seven business days; the message suggests a polite nudge,
      or another contact at the same organization.
    """
    today = options.resolved_today()
    now = current_time(options)
    items: list[DueItem] = []
    if contacts is None:
        contacts = visible_contacts(corpus, options)
    for contact in contacts:
        found = (
            _record_item(contact, now, today, options),
            _thank_you_item(contact, today),
            _nudge_item(corpus, contact, today, options),
        )
        items += [item for item in found if item is not None]
        if options.audience != "public":
            items += _follow_up_items(contact, today)
    items.sort(
        key=lambda i: (i.due, i.name.casefold(), _KIND_ORDER[i.kind], i.contact_id, i.message)
    )
    return items
