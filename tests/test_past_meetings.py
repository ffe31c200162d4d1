"""A scheduled meeting whose time has passed is due ("did you talk to X?"), never dropped.

See docs/workflow.md, "prepguide todo": "now" is the start of the pinned ``today``, else the
instant of ``SOURCE_DATE_EPOCH``, else the clock; a meeting has passed once its start plus its
duration is not after "now".
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepguide.cli import main
from prepguide.guide.corpus import Corpus
from prepguide.options import Options
from prepguide.read.model import Contact
from prepguide.tailor.dashboard import current_time, due, pipeline, upcoming

from .conftest import build_site, write

TODAY = date(2026, 11, 26)
PINNED = Options(today=TODAY, timezone="America/Chicago")


def person(ident: str, **meeting: Any) -> Contact:
    return Contact(id=ident, name=ident.replace("-", " ").title(), meeting=meeting)


def corpus_of(*contacts: Contact) -> Corpus:
    return Corpus(contacts={c.id: c for c in contacts})


def test_a_past_meeting_is_due_with_the_question_and_the_command() -> None:
    past = person("ann-lee", status="scheduled", date=datetime(2026, 11, 24, 16, 30), duration=15)
    corpus = corpus_of(past)
    assert upcoming(corpus, PINNED) == []
    [item] = due(corpus, PINNED)
    assert item.kind == "record"
    assert item.contact_id == "ann-lee"
    assert item.due == date(2026, 11, 24)
    assert item.days_overdue == 2
    assert item.message == (
        "Did you talk to Ann Lee on Tuesday 24 November 2026 at 16:30? "
        "Record it with `prepguide status ann-lee met`"
    )
    assert item.when == datetime(2026, 11, 24, 16, 30, tzinfo=ZoneInfo("America/Chicago"))


def test_it_never_vanishes() -> None:
    """Years later, the meeting is still asked about until its status changes."""
    old = person("ann-lee", status="scheduled", date=datetime(2024, 1, 5, 9, 0))
    later = Options(today=date(2026, 11, 26))
    assert [i.kind for i in due(corpus_of(old), later)] == ["record"]
    met = person("ann-lee", status="met", date=datetime(2024, 1, 5, 9, 0))
    assert "record" not in [i.kind for i in due(corpus_of(met), later)]


def test_a_pinned_today_starts_at_midnight() -> None:
    """A date-only ``today`` is the start of that day: its meetings are all still upcoming."""
    assert current_time(PINNED) == datetime(2026, 11, 26, 0, 0)
    early = person("early", status="scheduled", date=datetime(2026, 11, 26, 0, 0), duration=30)
    late_yesterday = person(
        "late", status="scheduled", date=datetime(2026, 11, 25, 23, 45), duration=30
    )
    ended_yesterday = person(
        "ended", status="scheduled", date=datetime(2026, 11, 25, 23, 0), duration=60
    )
    corpus = corpus_of(early, late_yesterday, ended_yesterday)
    assert [(u.contact_id, u.days) for u in upcoming(corpus, PINNED)] == [
        ("late", 0),  # under way at midnight: not over yet
        ("early", 0),
    ]
    assert [(i.contact_id, i.kind) for i in due(corpus, PINNED)] == [("ended", "record")]


def test_without_today_the_time_of_day_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """``SOURCE_DATE_EPOCH`` is an instant: a meeting earlier that day has passed once it ended."""
    zone = ZoneInfo("America/Chicago")
    instant = datetime(2026, 11, 26, 15, 0, tzinfo=zone)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(instant.timestamp())))
    options = Options(timezone="America/Chicago")
    assert current_time(options) == datetime(2026, 11, 26, 15, 0)
    ended = person("ended", status="scheduled", date=datetime(2026, 11, 26, 14, 0), duration=60)
    running = person("running", status="scheduled", date=datetime(2026, 11, 26, 14, 45))
    corpus = corpus_of(ended, running)
    assert [u.contact_id for u in upcoming(corpus, options)] == ["running"]
    [item] = due(corpus, options)
    assert (item.contact_id, item.kind, item.days_overdue) == ("ended", "record", 0)


def test_without_today_or_epoch_the_clock_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    options = Options(timezone="Asia/Tokyo")
    now = datetime.now(timezone.utc).astimezone(ZoneInfo("Asia/Tokyo")).replace(tzinfo=None)
    assert abs(current_time(options) - now) < timedelta(minutes=1)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["scheduled", "met", "requested", "closed"]),
            st.integers(min_value=-3 * 24 * 60, max_value=3 * 24 * 60),
            st.integers(min_value=5, max_value=120),
        ),
        max_size=8,
    )
)
def test_every_scheduled_meeting_is_upcoming_or_due(meetings: list[tuple[str, int, int]]) -> None:
    """The counts agree: scheduled = upcoming + past meetings to record, never fewer."""
    start = datetime.combine(TODAY, datetime.min.time())
    contacts = [
        person(f"p{i}", status=status, date=start + timedelta(minutes=offset), duration=minutes)
        for i, (status, offset, minutes) in enumerate(meetings)
    ]
    corpus = corpus_of(*contacts)
    coming = upcoming(corpus, PINNED)
    records = [i for i in due(corpus, PINNED) if i.kind == "record"]
    assert len(coming) + len(records) == pipeline(corpus, PINNED).counts["scheduled"]
    assert not {u.contact_id for u in coming} & {i.contact_id for i in records}
    assert all(u.when.replace(tzinfo=None) >= start - timedelta(hours=4) for u in coming)


# --- the command line and the site ---------------------------------------------------------

GUIDE = """\
site_name: T
site_url: http://127.0.0.1:8000/
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - prepguide:
      today: 2026-11-26
      timezone: America/Chicago
"""


@pytest.fixture
def small_guide(tmp_path: Path) -> Path:
    write(tmp_path / "mkdocs.yml", GUIDE)
    write(
        tmp_path / "content/contacts/ann-lee.yml",
        "name: Ann Lee\nmeeting:\n  status: scheduled\n  date: 2026-11-24 16:30\n",
    )
    return tmp_path


def test_todo_asks_about_the_past_meeting(
    small_guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(small_guide)
    assert main(["todo"]) == 0
    out = capsys.readouterr().out
    assert "No upcoming meetings." in out
    assert (
        "  2026-11-24  record     Ann Lee — Did you talk to Ann Lee on Tuesday 24 November 2026 "
        "at 16:30? Record it with `prepguide status ann-lee met`  (overdue by 2 days)"
    ) in out
    assert "1 scheduled meeting whose time has passed is listed above" in out
    assert main(["todo", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["upcoming"] == []
    [item] = data["due"]
    assert item["kind"] == "record"
    assert item["when"] == "2026-11-24T16:30-06:00"  # America/Chicago in winter
    assert "prepguide status ann-lee met" in item["message"]


def test_the_dashboard_asks_and_links_the_calendar(small_guide: Path) -> None:
    site = build_site(small_guide)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'Did you talk to <a href="contacts/ann-lee/">Ann Lee</a>' in html
    assert "Tuesday 24 November 2026, 16:30?" in html
    assert "<code>prepguide status ann-lee met</code>" in html
    upcoming_part = html.split('id="upcoming-meetings"')[1].split('id="calendar"')[0]
    assert "No meetings scheduled" not in upcoming_part
    assert "1 scheduled meeting whose time has passed is listed" in upcoming_part
    # The calendar: a visible link, and how to subscribe.
    assert '<a href="calendar.ics" download>' in html
    assert "<code>http://127.0.0.1:8000/calendar.ics</code>" in html
    assert "subscribe" in html
    ics = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    assert [str(e["uid"]) for e in ics.walk("VEVENT")] == ["ann-lee@prepguide"]


def test_the_dashboard_gives_the_published_calendar_address(small_guide: Path) -> None:
    text = (small_guide / "mkdocs.yml").read_text(encoding="utf-8")
    (small_guide / "mkdocs.yml").write_text(
        text.replace("http://127.0.0.1:8000/", "https://me.example.org/prep"), encoding="utf-8"
    )
    html = (build_site(small_guide) / "index.html").read_text(encoding="utf-8")
    assert "<code>https://me.example.org/prep/calendar.ics</code>" in html
    assert "<code>http://127.0.0.1:8000/calendar.ics</code>" in html  # while serving


def test_a_public_build_has_no_calendar_link(
    small_guide: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREPGUIDE_AUDIENCE", "public")
    site = build_site(small_guide)
    assert not (site / "calendar.ics").exists()
    assert "calendar.ics" not in (site / "index.html").read_text(encoding="utf-8")
