"""iCalendar files of scheduled meetings and follow-up reminders.

``calendar_ics`` makes the guide's ``/calendar.ics`` (a private build only):
one event per scheduled meeting, in the guide's time zone with its
``VTIMEZONE``, plus an all-day reminder per open ``follow_up``.
``meeting_ics`` makes the file of one meeting, linked from its prep page.

The output is deterministic: UIDs come from contact ids, ``DTSTAMP`` from the
guide's ``today`` (not the clock), events are sorted, so two builds of the
same notes on the same ``today`` are byte-identical and calendar apps update
events in place instead of duplicating them.

No MkDocs imports: the module is shared by the plugin and the command line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import icalendar

from .corpus import Corpus
from .model import Contact
from .options import Options

PRODID = "-//prepguide//prepguide//EN"
UID_DOMAIN = "prepguide"

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str) -> str:
    """``text`` as one line for a calendar property: control characters become a space.

    Names are one line already (validation refuses others), but notes, places
    and roles may hold line breaks; and a raw line break (or any control
    character, which iCalendar forbids in text) in a property would start a
    line of its own in the file, e.g. an injected ``ATTENDEE:``.
    """
    return _CONTROL.sub(" ", text).strip()


def text_lines(text: str) -> str:
    """Multi-line ``text`` for a ``DESCRIPTION``: its lines (see :func:`one_line`) joined by LF.

    iCalendar writes each LF as the two characters ``\\n``, so the property
    stays one line of the file.
    """
    return "\n".join(one_line(line) for line in text.splitlines())


def meeting_uid(contact_id: str) -> str:
    """The UID of a contact's meeting event (stable across rebuilds)."""
    return f"{contact_id}@{UID_DOMAIN}"


def follow_up_uid(contact_id: str, index: int) -> str:
    """The UID of a follow-up reminder; ``index`` is its position in ``follow_up`` (from 0)."""
    return f"{contact_id}-follow-up-{index}@{UID_DOMAIN}"


def prep_url(contact_id: str, site_url: str | None) -> str:
    """The prep page's address: absolute under ``site_url``, else relative."""
    path = f"contacts/{contact_id}/"
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return path


def _stamp(options: Options) -> datetime:
    """DTSTAMP: midnight UTC of the guide's today (deterministic)."""
    return datetime.combine(options.resolved_today(), time(0), tzinfo=timezone.utc)


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", one_line(name))
    return cal


def _contacts(corpus: Corpus, options: Options) -> list[Contact]:
    contacts = sorted(corpus.contacts.values(), key=lambda c: c.id)
    if options.audience == "public":
        contacts = [c for c in contacts if c.visibility == "public"]
    return contacts


def has_meeting_event(contact: Contact) -> bool:
    """Whether a contact's meeting goes into the calendar (scheduled, with a date)."""
    return contact.meeting.status == "scheduled" and contact.meeting.date is not None


def has_events(contact: Contact) -> bool:
    """Whether a contact has anything for the calendar: the meeting or an open follow-up."""
    return has_meeting_event(contact) or any(not f.done for f in contact.follow_up)


def _meeting_event(
    corpus: Corpus, contact: Contact, options: Options, site_url: str | None
) -> icalendar.Event | None:
    meeting = contact.meeting
    if not has_meeting_event(contact) or meeting.date is None:
        return None
    zone = options.tz
    start = meeting.date.replace(tzinfo=zone)
    end = start + timedelta(minutes=meeting.duration)
    org = corpus.organization_of(contact)
    url = prep_url(contact.id, site_url)
    title = f"Informational interview: {contact.name}"
    if org is not None:
        title += f" ({org.name})"
    lines = []
    who = ", ".join(part for part in (contact.role, org.name if org else None) if part)
    if who:
        lines.append(f"{contact.name}: {who}.")
    how = f"{meeting.duration} minutes"
    if meeting.format:
        how = f"{meeting.format.replace('-', ' ')}, {how}"
    lines.append(f"Format: {how}.")
    lines.append(f"Prep page: {url}")
    event = icalendar.Event()
    event.add("uid", meeting_uid(contact.id))
    event.add("dtstamp", _stamp(options))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", one_line(title))
    event.add("description", "\n".join(text_lines(line) for line in lines))
    event.add("url", one_line(url))
    if meeting.place and options.audience != "public":
        event.add("location", one_line(meeting.place))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _follow_up_events(
    contact: Contact, options: Options, site_url: str | None
) -> list[icalendar.Event]:
    if options.audience == "public":
        return []  # follow_up is private
    events = []
    url = prep_url(contact.id, site_url)
    for index, entry in enumerate(contact.follow_up):
        if entry.done:
            continue
        event = icalendar.Event()
        event.add("uid", follow_up_uid(contact.id, index))
        event.add("dtstamp", _stamp(options))
        event.add("dtstart", entry.date)
        event.add("dtend", entry.date + timedelta(days=1))
        event.add("summary", one_line(f"Follow up with {contact.name}: {entry.note}"))
        event.add("description", text_lines(f"{entry.note}\nPrep page: {url}"))
        event.add("url", one_line(url))
        event.add("transp", "TRANSPARENT")
        events.append(event)
    return events


@dataclass(frozen=True)
class CalendarEntry:
    """One event of a calendar, already serialized.

    Serializing is most of a calendar's cost, so the plugin keeps a contact's
    entries between ``mkdocs serve`` rebuilds and only makes them again when
    that contact (or its organization) changes.
    """

    sort_key: tuple[str, str]
    """Start in UTC (``YYYYMMDDTHHMMSS``), then UID: the order in the file."""
    ical: bytes
    """The ``BEGIN:VEVENT`` ... ``END:VEVENT`` lines."""
    tzids: frozenset[str]
    """Time zones the event refers to (each needs a ``VTIMEZONE``)."""
    year: int | None
    """The year of a timed start (bounds the ``VTIMEZONE`` rules), None for all-day."""
    meeting: bool
    """True for the meeting itself, False for a follow-up reminder."""


def _entry(event: icalendar.Event, meeting: bool) -> CalendarEntry:
    start: Any = event.decoded("dtstart")
    if isinstance(start, datetime):
        key = start.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S")
        year: int | None = start.year
    else:
        key, year = start.strftime("%Y%m%dT000000"), None
    tzids = {
        value.params.get("TZID")
        for _name, value in event.property_items(sorted=False)
        if hasattr(value, "params")
    }
    return CalendarEntry(
        sort_key=(key, str(event.get("uid"))),
        ical=bytes(event.to_ical()),
        tzids=frozenset(t for t in tzids if t and t != "UTC"),
        year=year,
        meeting=meeting,
    )


def contact_entries(
    corpus: Corpus, contact: Contact, options: Options, site_url: str | None
) -> tuple[CalendarEntry, ...]:
    """A contact's events: the scheduled meeting (if any) first, then open follow-ups."""
    entries = []
    event = _meeting_event(corpus, contact, options, site_url)
    if event is not None:
        entries.append(_entry(event, meeting=True))
    entries.extend(_entry(e, meeting=False) for e in _follow_up_events(contact, options, site_url))
    return tuple(entries)


@functools.lru_cache(maxsize=32)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> bytes | None:
    """A ``VTIMEZONE`` covering the years around the events (slow to make, so kept)."""
    try:
        zone = icalendar.Timezone.from_tzid(
            tzid, first_date=date(first_year - 1, 1, 1), last_date=date(last_year + 2, 1, 1)
        )
    except ValueError:  # unknown to the time zone provider: calendar apps use the TZID as is
        return None
    return bytes(zone.to_ical())


def assemble(name: str, entries: Iterable[CalendarEntry]) -> bytes:
    """A calendar named ``name`` holding ``entries`` in start order, with their time zones."""
    ordered = sorted(entries, key=lambda e: e.sort_key)
    head = bytes(_calendar(name).to_ical())
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    parts = [head[: -len(end)]]
    years = [e.year for e in ordered if e.year is not None]
    if years:
        for tzid in sorted({t for e in ordered for t in e.tzids}):
            vtimezone = _vtimezone(tzid, min(years), max(years))
            if vtimezone is not None:
                parts.append(vtimezone)
    parts.extend(e.ical for e in ordered)
    parts.append(end)
    return b"".join(parts)


def calendar_ics(
    corpus: Corpus,
    options: Options,
    site_url: str | None,
    *,
    entries_of: Callable[[Contact], Sequence[CalendarEntry]] | None = None,
) -> bytes:
    """Return the guide's calendar: scheduled meetings and open follow-up reminders.

    Arguments:
        corpus: The loaded guide.
        options: Its options (time zone, ``today`` for ``DTSTAMP``, audience).
        site_url: The site's ``site_url`` (links become absolute), or None.
        entries_of: Where to get a contact's entries (the plugin passes its
            cache); by default they are made with :func:`contact_entries`.

    Meetings are events with status ``scheduled`` and a ``meeting.date``, from
    that local time for ``meeting.duration`` minutes, with the prep page as
    ``URL``. Each ``follow_up`` entry not ``done`` is an all-day reminder.
    With ``audience: public``, only public contacts are included, without
    ``LOCATION`` or follow-ups (both private); the plugin publishes no calendar
    in a public build anyway.
    """
    if entries_of is None:

        def entries_of(contact: Contact) -> Sequence[CalendarEntry]:
            return contact_entries(corpus, contact, options, site_url)

    entries = [e for contact in _contacts(corpus, options) for e in entries_of(contact)]
    return assemble("Informational interviews", entries)


def meeting_ics(
    corpus: Corpus,
    contact_id: str,
    options: Options,
    site_url: str | None,
    *,
    entries: Sequence[CalendarEntry] | None = None,
) -> bytes | None:
    """Return a calendar with one contact's scheduled meeting, or None if there is none.

    ``entries`` are the contact's entries when the caller already has them.
    """
    contact = corpus.contacts.get(contact_id)
    if contact is None or (options.audience == "public" and contact.visibility != "public"):
        return None
    if entries is None:
        entries = contact_entries(corpus, contact, options, site_url)
    meeting = [e for e in entries if e.meeting]
    if not meeting:
        return None
    return assemble(f"Informational interview: {contact.name}", meeting)
