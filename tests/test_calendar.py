"""The iCalendar files: meetings in the guide's time zone, reminders, stable bytes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from prepguide.guide.config_file import find_guide
from prepguide.guide.corpus import Corpus, CorpusLoader
from prepguide.options import Options
from prepguide.read.model import Contact, Organization
from prepguide.render.calendar import (
    PRODID,
    CalendarEntry,
    _vtimezone,
    calendar_ics,
    contact_entries,
    follow_up_uid,
    meeting_ics,
)

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
    meetings = {uid for uid in found if "-follow-up-" not in uid}
    # Beatriz's call has passed but is still `scheduled`: it stays in the calendar.
    assert meetings == {
        "beatriz-olmstead@prepguide",
        "marcus-ebbesen@prepguide",
        "devika-raman@prepguide",
    }
    # open follow-ups only, named by contact, date and note
    follow_ups = sorted(
        (uid.split("-follow-up-")[0], found[uid].decoded("dtstart"))
        for uid in found
        if "-follow-up-" in uid
    )
    assert follow_ups == [
        ("ines-carvalho", date(2026, 11, 20)),
        ("ines-carvalho", date(2026, 12, 15)),
        ("joan-whitcombe", date(2026, 12, 9)),
        ("marcus-ebbesen", date(2026, 12, 1)),
    ]
    for uid, event in found.items():
        if "-follow-up-" in uid:
            note = str(event["summary"]).split(": ", 1)[1]
            contact = uid.split("-follow-up-")[0]
            assert uid == follow_up_uid(contact, event.decoded("dtstart"), note)


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
    [event] = [
        e
        for uid, e in events(calendar_ics(corpus, options, None)).items()
        if uid.startswith("joan-whitcombe-follow-up-20261209-")
    ]
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


def follow_up_events(follow_up: list[dict[str, object]]) -> dict[str, str]:
    """UID -> summary of a contact's follow-up reminders."""
    contact = Contact(id="ann-lee", name="Ann Lee", follow_up=follow_up)
    data = calendar_ics(
        Corpus(contacts={"ann-lee": contact}), Options(today=date(2027, 1, 1)), None
    )
    return {uid: str(e["summary"]) for uid, e in events(data).items()}


def test_follow_up_uid_follows_the_text_not_the_position() -> None:
    """A follow-up added at the top moves no reminder onto another's text."""
    send = {"date": "2027-02-01", "note": "Send the draft"}
    thank = {"date": "2027-02-03", "note": "Thank Ann"}
    before = follow_up_events([send, thank])
    after = follow_up_events([{"date": "2027-01-20", "note": "Ask about the team"}, send, thank])
    assert len(before) == 2 and len(after) == 3
    for uid, summary in before.items():
        assert after[uid] == summary  # same UID, same text
    assert follow_up_uid("ann-lee", date(2027, 2, 1), "Send the draft") in before
    # Another note or another date is another event.
    edited = follow_up_events([{**send, "note": "Send the final draft"}, thank])
    assert set(edited) & set(before) == {follow_up_uid("ann-lee", date(2027, 2, 3), "Thank Ann")}


def test_identical_follow_ups_get_distinct_stable_uids() -> None:
    send = {"date": "2027-02-01", "note": "Send the draft"}
    two = follow_up_events([send, send])
    first = follow_up_uid("ann-lee", date(2027, 2, 1), "Send the draft")
    second = follow_up_uid("ann-lee", date(2027, 2, 1), "Send the draft", 2)
    assert set(two) == {first, second}
    assert second == first.replace("@prepguide", "-2@prepguide")
    # Marking the first one done keeps the second's UID; other follow-ups count for nothing.
    assert set(follow_up_events([{**send, "done": True}, send])) == {second}
    other = {"date": "2027-02-01", "note": "Something else"}
    assert first in follow_up_events([other, send])


def vtimezone_text(tzid: str, first: int, last: int) -> str:
    data = _vtimezone(tzid, first, last)
    assert data is not None
    return data.decode("utf-8")


def test_vtimezone_is_rrule_based_like_calendar_apps_write() -> None:
    assert vtimezone_text("Europe/Stockholm", 2027, 2027).split("\r\n") == [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Stockholm",
        "BEGIN:DAYLIGHT",
        "DTSTART:19810329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "TZNAME:CEST",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:19961027T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "TZNAME:CET",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
    ]
    chicago = vtimezone_text("America/Chicago", 2031, 2035)
    assert "DTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n" in chicago
    assert "DTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n" in chicago
    sydney = vtimezone_text("Australia/Sydney", 2027, 2027)  # southern hemisphere
    assert "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\nTZNAME:AEDT\r\n" in sydney
    assert "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\nTZNAME:AEST\r\n" in sydney
    for text in (chicago, sydney):
        assert "RDATE" not in text and "UNTIL" not in text and "COMMENT" not in text


def test_vtimezone_of_a_zone_without_daylight_saving_is_one_standard() -> None:
    assert vtimezone_text("Asia/Kolkata", 2027, 2035).split("\r\n")[1:-2] == [
        "TZID:Asia/Kolkata",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZNAME:IST",
        "TZOFFSETFROM:+0530",
        "TZOFFSETTO:+0530",
        "END:STANDARD",
    ]
    # Daylight saving abolished in 2019: the last change is all a 2027 meeting needs.
    assert vtimezone_text("America/Sao_Paulo", 2027, 2035).split("\r\n")[1:-2] == [
        "TZID:America/Sao_Paulo",
        "BEGIN:STANDARD",
        "DTSTART:20190217T000000",
        "TZNAME:-03",
        "TZOFFSETFROM:-0200",
        "TZOFFSETTO:-0300",
        "END:STANDARD",
    ]


def test_vtimezone_has_historic_rules_only_for_dates_that_need_them() -> None:
    """A 2018 meeting in São Paulo needs the rules that ended in 2019, with an UNTIL."""
    old = vtimezone_text("America/Sao_Paulo", 2018, 2027)
    assert old.count("BEGIN:DAYLIGHT") >= 1 and "UNTIL=2019" in old
    assert "RRULE" in old
    # US rules before 2007 are not needed for 2027, but are for 2006.
    assert "BYMONTH=4" not in vtimezone_text("America/Chicago", 2027, 2027)
    before = vtimezone_text("America/Chicago", 2006, 2027)
    assert "BYMONTH=4;BYDAY=1SU;UNTIL=" in before and "BYMONTH=10;BYDAY=-1SU;UNTIL=" in before
