"""iCalendar files of scheduled meetings and follow-up reminders.

``calendar_ics`` makes the guide's ``/calendar.ics`` (a private build only):
one event per scheduled meeting, in the guide's time zone with its
``VTIMEZONE``, plus an all-day reminder per open ``follow_up``.
``meeting_ics`` makes the file of one meeting, linked from its prep page.

The output is deterministic: UIDs come from contact ids (and a follow-up's
date and note), ``DTSTAMP`` from the guide's ``today`` (not the clock), the
``VTIMEZONE`` from the zone's rules, events are sorted, so two builds of the
same notes on the same ``today`` are byte-identical and calendar apps update
events in place instead of duplicating them.

No MkDocs imports: the module is shared by the plugin and the command line.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from ..guide.corpus import Corpus
from ..options import Options
from ..read.model import Contact

PRODID = "-//prepguide//prepguide//EN"
UID_DOMAIN = "prepguide"

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str) -> str:
    """``text`` as one line for a calendar property: control characters become a space.

    Names are one line already (validation refuses others), but notes, places
    and roles may hold line breaks; and a raw line break (or any control
    character, which iCalendar forbids in text) in a property would start a
    line of its own in the file, e.g. an injected ``ATTENDEE:``.

    >>> one_line("Coffee\\nATTENDEE:x ")
    'Coffee ATTENDEE:x'
    """
    return _CONTROL.sub(" ", text).strip()


def text_lines(text: str) -> str:
    """Multi-line ``text`` for a ``DESCRIPTION``: its lines (see :func:`one_line`) joined by LF.

    iCalendar writes each LF as the two characters ``\\n``, so the property
    stays one line of the file.

    >>> text_lines("Bring the draft\\r\\nand\\tnotes")
    'Bring the draft\\nand notes'
    """
    return "\n".join(one_line(line) for line in text.splitlines())


def meeting_uid(contact_id: str) -> str:
    """The UID of a contact's meeting event (stable across rebuilds).

    >>> meeting_uid("ana-ruiz")
    'ana-ruiz@prepguide'
    """
    return f"{contact_id}@{UID_DOMAIN}"


def follow_up_uid(contact_id: str, due: date, note: str, occurrence: int = 1) -> str:
    """The UID of a follow-up reminder, from what it says rather than where it is in the list.

    ``<id>-follow-up-<YYYYMMDD>-<first 10 hex digits of the SHA-256 of the note>@prepguide``
    (docs/workflow.md, "The calendar"): adding, removing or reordering follow-ups
    never moves a reminder onto another's text. ``occurrence`` counts identical
    follow-ups (same date and note) in the list, from 1; the second and later
    get ``-2``, ``-3``… before the ``@``.

    >>> follow_up_uid("ana-ruiz", date(2026, 12, 1), "Send the draft", 2)
    'ana-ruiz-follow-up-20261201-62e60de5f9-2@prepguide'
    """
    digest = hashlib.sha256(note.encode("utf-8")).hexdigest()[:10]
    suffix = f"-{occurrence}" if occurrence > 1 else ""
    return f"{contact_id}-follow-up-{due:%Y%m%d}-{digest}{suffix}@{UID_DOMAIN}"


def prep_url(contact_id: str, site_url: str | None) -> str:
    """The prep page's address: absolute under ``site_url``, else relative.

    >>> prep_url("ana-ruiz", "https://example.org/guide/")
    'https://example.org/guide/contacts/ana-ruiz/'
    >>> prep_url("ana-ruiz", None)
    'contacts/ana-ruiz/'
    """
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
    seen: Counter[tuple[date, str]] = Counter()
    for entry in contact.follow_up:
        # Done entries count too: marking the first of two identical follow-ups
        # done keeps the UID of the second.
        seen[entry.date, entry.note] += 1
        if entry.done:
            continue
        event = icalendar.Event()
        event.add(
            "uid", follow_up_uid(contact.id, entry.date, entry.note, seen[entry.date, entry.note])
        )
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


# The VTIMEZONE (see docs/workflow.md, "The calendar"): RRULE-based STANDARD and
# DAYLIGHT components as mainstream calendar applications write them, derived
# from the zone's transitions in zoneinfo. A run of yearly transitions that
# share a rule ("second Sunday of March at 02:00") is one component with an
# RRULE; the rule in force is open-ended (no UNTIL), so a parser that keeps the
# zone of one file for the next (vobject does) still reads later years right.
# Rules that ended get an UNTIL and are written only when the events need them.

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_SCAN_FROM = 1970
"""The first year whose transitions are read (where calendar applications start theirs)."""
_SCAN_AHEAD = 8
"""Years read past the last event, so the rule in force is seen over every weekday position."""

_State = tuple[timedelta, bool, str]
"""UTC offset, daylight saving or not, abbreviation."""


@dataclass(frozen=True)
class _Transition:
    utc: datetime
    before: _State
    after: _State

    @property
    def onset(self) -> datetime:
        """The local time the change happens at, in the offset before it (RFC 5545 DTSTART)."""
        return (self.utc + self.before[0]).replace(tzinfo=None)


@dataclass
class _Run:
    """Transitions of consecutive years that one yearly rule describes."""

    transitions: list[_Transition]
    rules: set[str]
    """The rules (RRULE parts after BYMONTH) every transition so far fits."""


def _state(zone: Any, when: datetime) -> _State:
    local = when.astimezone(zone)
    return (local.utcoffset() or timedelta(0), bool(local.dst()), local.tzname() or "")


def _transitions(zone: Any, first_year: int, last_year: int) -> tuple[_State, list[_Transition]]:
    """The state on 1 January ``first_year`` (UTC) and every change until ``last_year`` ends."""
    step = timedelta(days=1)
    when = datetime(first_year, 1, 1, tzinfo=timezone.utc)
    stop = datetime(last_year + 1, 1, 1, tzinfo=timezone.utc)
    initial = state = _state(zone, when)
    found = []
    while when < stop:
        after = _state(zone, when + step)
        if after != state:
            low, high = when, when + step  # the change is in (low, high]: bisect to the second
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) // 2
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            found.append(_Transition(high, state, _state(zone, high)))
            state = _state(zone, high)
            if state != after:  # two changes within a day: look again from this one
                when = high
                continue
        when += step
    return initial, found


def _rules(onset: datetime) -> set[str]:
    """The yearly rules an onset fits: nth or last weekday, day of month, weekday in a week."""
    day, weekday = onset.day, _WEEKDAYS[onset.weekday()]
    month_days = (date(onset.year + onset.month // 12, onset.month % 12 + 1, 1) - timedelta(1)).day
    rules = {f"BYDAY={(day - 1) // 7 + 1}{weekday}", f"BYMONTHDAY={day}"}
    if day + 7 > month_days:
        rules.add(f"BYDAY=-1{weekday}")
    for first in range(max(1, day - 6), day + 1):  # e.g. "the Friday from the 23rd to the 29th"
        days = ",".join(str(d) for d in range(first, first + 7))
        rules.add(f"BYDAY={weekday};BYMONTHDAY={days}")
    return rules


def _preferred(rules: set[str]) -> str:
    """The rule to write: last weekday, nth weekday, day of month, weekday in a week."""

    def rank(rule: str) -> tuple[int, str]:
        if rule.startswith("BYDAY=-1"):
            return (0, rule)
        if rule.startswith("BYDAY=") and ";" not in rule:
            return (1, rule)
        if rule.startswith("BYMONTHDAY="):
            return (2, rule)
        return (3, rule)

    return min(rules, key=rank)


def _runs(transitions: list[_Transition]) -> list[_Run]:
    """Group transitions into runs of consecutive years that share one yearly rule."""
    runs: list[_Run] = []
    open_runs: dict[tuple[Any, ...], _Run] = {}
    for transition in transitions:
        onset = transition.onset
        key = (transition.before, transition.after, onset.month, onset.time())
        rules = _rules(onset)
        run = open_runs.get(key)
        if run is not None and run.transitions[-1].onset.year == onset.year - 1:
            common = run.rules & rules
            if common:
                run.transitions.append(transition)
                run.rules = common
                continue
        run = _Run([transition], rules)
        open_runs[key] = run
        runs.append(run)
    return runs


def _offset(value: timedelta) -> str:
    """A UTC offset as iCalendar writes it.

    >>> _offset(timedelta(hours=1)), _offset(timedelta(hours=-5, minutes=-30))
    ('+0100', '-0530')
    """
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _text(value: str) -> str:
    r"""A TEXT value escaped as iCalendar (RFC 5545) requires, by the icalendar library.

    >>> print(_text("Lunch; then, a walk"))
    Lunch\; then\, a walk
    """
    return bytes(icalendar.vText(value).to_ical()).decode("utf-8")


def _component(before: _State, after: _State, onset: datetime, rrule: str | None) -> list[str]:
    kind = "DAYLIGHT" if after[1] else "STANDARD"
    lines = [f"BEGIN:{kind}", f"DTSTART:{onset:%Y%m%dT%H%M%S}"]
    if rrule:
        lines.append(f"RRULE:{rrule}")
    if after[2]:
        lines.append(f"TZNAME:{_text(after[2])}")
    lines += [f"TZOFFSETFROM:{_offset(before[0])}", f"TZOFFSETTO:{_offset(after[0])}"]
    return [*lines, f"END:{kind}"]


@functools.lru_cache(maxsize=32)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> bytes | None:
    """A ``VTIMEZONE`` that is right for events from ``first_year`` to ``last_year`` and after.

    Every run of changes that goes on into ``first_year`` or later is written
    (the rule in force without an end, from the year it began), and the last
    change before ``first_year`` when its rule had ended by then; a zone
    without changes since 1970 has one ``STANDARD`` component. The result
    depends only on the arguments and the tz database: builds are
    byte-identical.
    """
    try:
        zone = ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError):  # calendar apps use an unknown TZID as is
        return None
    scan_from = min(_SCAN_FROM, first_year - 1)
    scan_to = last_year + _SCAN_AHEAD
    initial, transitions = _transitions(zone, scan_from, scan_to)
    runs = _runs(transitions)
    # Events are on or after 1 January of first_year in local time (at most 14 hours earlier in UTC).
    cutoff = datetime(first_year, 1, 1, tzinfo=timezone.utc) - timedelta(hours=14)
    earlier = [r for r in runs if r.transitions[0].utc < cutoff]
    lines = ["BEGIN:VTIMEZONE", f"TZID:{_text(tzid)}"]
    if earlier:  # the run of the last change before the events, and every run after it
        last_before = max(
            earlier, key=lambda r: max(t.utc for t in r.transitions if t.utc < cutoff)
        )
        needed = [r for r in runs if r is last_before or r.transitions[-1].utc >= cutoff]
    else:  # no change since 1970 before the events: the offset then holds until the first one
        lines += _component(initial, initial, datetime(scan_from, 1, 1), None)
        needed = runs
    for run in needed:
        first, last = run.transitions[0], run.transitions[-1]
        if last.utc < cutoff:  # a rule that ended before the events: only its last change counts
            first = last
        rrule = None
        if first is not last:
            onset = first.onset
            rrule = f"FREQ=YEARLY;BYMONTH={onset.month};{_preferred(run.rules)}"
            if last.onset.year < scan_to:  # the rule ended
                # UNTIL is UTC, a day after the last change: some parsers compare it with the
                # local onset, and the next change of the rule is months away in any reading.
                until = last.onset + timedelta(days=1)
                rrule += f";UNTIL={until:%Y%m%dT%H%M%SZ}"
        lines += _component(first.before, first.after, first.onset, rrule)
    lines.append("END:VTIMEZONE")
    return "".join(line + "\r\n" for line in lines).encode("utf-8")


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
