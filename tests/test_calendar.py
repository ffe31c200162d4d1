"""The iCalendar files: meetings in the guide's time zone, reminders, stable bytes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from prepguide.calendar import (
    PRODID,
    CalendarEntry,
    calendar_ics,
    contact_entries,
    meeting_ics,
)
from prepguide.corpus import Corpus, CorpusLoader
from prepguide.guide import find_guide
from prepguide.model import Contact, Organization
from prepguide.options import Options

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def example(guide: Path) -> tuple[Corpus, Options]:
    found = find_guide(cwd=guide)
    return CorpusLoader().load(found.content_dir, found.root), found.options


def events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_parses_back_with_meetings_and_reminders(example: tuple[Corpus, Options]) -> None:
    corpus, options = example
    data = calendar_ics(corpus, options, "https://guide.example.org/")
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["prodid"]) == PRODID
    assert str(cal["version"]) == "2.0"
    found = events(data)
    assert set(found) == {
        "marcus-ebbesen@prepguide",
        "devika-raman@prepguide",
        # open follow-ups only, numbered by their place in `follow_up`
        "ines-carvalho-follow-up-1@prepguide",
        "ines-carvalho-follow-up-2@prepguide",
        "marcus-ebbesen-follow-up-0@prepguide",
        "joan-whitcombe-follow-up-0@prepguide",
    }


def test_meeting_event(example: tuple[Corpus, Options]) -> None:
    corpus, options = example
    event = events(calendar_ics(corpus, options, "https://guide.example.org/"))[
        "devika-raman@prepguide"
    ]
    start = event.decoded("dtstart")
    assert start == datetime(2026, 12, 8, 8, 0, tzinfo=STOCKHOLM)
    assert event["dtstart"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("dtend") - start == timedelta(minutes=30)
    assert str(event["summary"]) == "Informational interview: Devika Raman (Fieldnote Studio)"
    assert str(event["location"]).startswith("Blue Heron Coffee, Lake Street")
    assert str(event["url"]) == "https://guide.example.org/contacts/devika-raman/"
    assert "https://guide.example.org/contacts/devika-raman/" in str(event["description"])
    assert event.decoded("dtstamp") == datetime(2026, 11, 26, tzinfo=ZoneInfo("UTC"))


def test_vtimezone_is_included(example: tuple[Corpus, Options]) -> None:
    corpus, options = example
    cal = icalendar.Calendar.from_ical(calendar_ics(corpus, options, None))
    zones = [str(z["tzid"]) for z in cal.walk("VTIMEZONE")]
    assert zones == ["Europe/Stockholm"]


def test_follow_up_reminder_is_all_day(example: tuple[Corpus, Options]) -> None:
    corpus, options = example
    event = events(calendar_ics(corpus, options, None))["joan-whitcombe-follow-up-0@prepguide"]
    assert event.decoded("dtstart") == date(2026, 12, 9)
    assert event.decoded("dtend") == date(2026, 12, 10)
    assert str(event["summary"]).startswith("Follow up with Joan Whitcombe: If Joan has not")
    assert str(event["url"]) == "contacts/joan-whitcombe/"


def test_bytes_are_deterministic(guide: Path, example: tuple[Corpus, Options]) -> None:
    corpus, options = example
    first = calendar_ics(corpus, options, "https://guide.example.org/")
    again = CorpusLoader().load(guide / "content", guide)
    assert calendar_ics(again, options, "https://guide.example.org/") == first
    assert first.endswith(b"END:VCALENDAR\r\n")
    # Another day changes DTSTAMP only; UIDs stay.
    later = Options(today=date(2026, 11, 27), timezone=options.timezone)
    other = calendar_ics(corpus, later, "https://guide.example.org/")
    assert set(events(other)) == set(events(first))
    strip = [line for line in first.splitlines() if not line.startswith(b"DTSTAMP")]
    assert strip == [line for line in other.splitlines() if not line.startswith(b"DTSTAMP")]


def test_site_url_forms(example: tuple[Corpus, Options]) -> None:
    corpus, options = example
    for site_url in ("https://x.example/guide", "https://x.example/guide/"):
        one = meeting_ics(corpus, "marcus-ebbesen", options, site_url)
        assert one is not None
        [event] = events(one).values()
        assert str(event["url"]) == "https://x.example/guide/contacts/marcus-ebbesen/"


def test_meeting_ics(example: tuple[Corpus, Options]) -> None:
    corpus, options = example
    one = meeting_ics(corpus, "marcus-ebbesen", options, None)
    assert one is not None
    cal = icalendar.Calendar.from_ical(one)
    assert list(events(one)) == ["marcus-ebbesen@prepguide"]
    assert [str(z["tzid"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert meeting_ics(corpus, "joan-whitcombe", options, None) is None  # met, not scheduled
    assert meeting_ics(corpus, "nobody", options, None) is None


def test_public_audience_leaves_private_data_out(example: tuple[Corpus, Options]) -> None:
    corpus, options = example
    public = Options(audience="public", today=options.today, timezone=options.timezone)
    found = events(calendar_ics(corpus, public, None))
    # Devika and Marcus are public; follow-ups and places are private.
    assert set(found) == {"devika-raman@prepguide", "marcus-ebbesen@prepguide"}
    assert all("location" not in e for e in found.values())
    assert meeting_ics(corpus, "jonah-nakamura-reid", public, None) is None


def test_utc_guide_needs_no_vtimezone() -> None:
    contact = Contact(
        id="ann-lee",
        name='Ann, Lee; "the" <b>',
        organization="acme",
        meeting={"status": "scheduled", "date": "2027-03-28 01:30", "duration": 15},
    )
    corpus = Corpus(
        contacts={"ann-lee": contact}, organizations={"acme": Organization(id="acme", name="Acme")}
    )
    data = calendar_ics(corpus, Options(today=date(2027, 1, 1), timezone="UTC"), None)
    assert b"DTSTART:20270328T013000Z" in data
    cal = icalendar.Calendar.from_ical(data)
    assert list(cal.walk("VTIMEZONE")) == []
    [event] = events(data).values()
    assert str(event["summary"]) == 'Informational interview: Ann, Lee; "the" <b> (Acme)'
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=15)


def test_empty_guide_is_a_valid_calendar() -> None:
    data = calendar_ics(Corpus(), Options(today=date(2027, 1, 1)), None)
    cal = icalendar.Calendar.from_ical(data)
    assert list(cal.walk("VEVENT")) == []


def test_one_vtimezone_for_every_meeting_and_entries_reused(
    example: tuple[Corpus, Options],
) -> None:
    """The zone is described once, and entries made earlier give the same bytes."""
    corpus, options = example
    data = calendar_ics(corpus, options, None)
    cal = icalendar.Calendar.from_ical(data)
    assert [str(z["tzid"]) for z in cal.walk("VTIMEZONE")] == [str(options.timezone)]
    assert data.index(b"BEGIN:VTIMEZONE") < data.index(b"BEGIN:VEVENT")
    assert data.endswith(b"END:VEVENT\r\nEND:VCALENDAR\r\n")

    made = {cid: contact_entries(corpus, c, options, None) for cid, c in corpus.contacts.items()}
    asked: list[str] = []

    def entries_of(contact: Contact) -> tuple[CalendarEntry, ...]:
        asked.append(contact.id)
        return made[contact.id]

    assert calendar_ics(corpus, options, None, entries_of=entries_of) == data
    assert sorted(asked) == sorted(corpus.contacts)
    for cid in ("marcus-ebbesen", "devika-raman"):
        assert meeting_ics(corpus, cid, options, None, entries=made[cid]) == meeting_ics(
            corpus, cid, options, None
        )
        assert made[cid][0].meeting and not any(e.meeting for e in made[cid][1:])


def test_events_in_start_order() -> None:
    people = {
        cid: Contact(
            id=cid,
            name=cid.title(),
            meeting={"status": "scheduled", "date": when, "duration": 30},
        )
        for cid, when in (("late", "2027-05-02 09:00"), ("early", "2027-05-01 17:00"))
    }
    data = calendar_ics(Corpus(contacts=people), Options(today=date(2027, 1, 1)), None)
    assert data.index(b"UID:early@prepguide") < data.index(b"UID:late@prepguide")
