"""Hostile research files: nothing `check` accepts crashes a build, and no file kills the process.

Issue 13, items 3 (deep nesting killed the C composer), 7 (values that crashed the build:
years 1 and 9999, a line break in a name, numbers of thousands of digits), 11 (offsets of
meeting times were dropped, epoch numbers taken as dates) and 14 (a tab inside a `|` block).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from prepguide.cli import main
from prepguide.guide.corpus import Corpus, CorpusLoader
from prepguide.options import Options
from prepguide.read.loader import MAX_DEPTH, LoadError, load_bytes
from prepguide.render.calendar import calendar_ics, meeting_ics, one_line

from .conftest import ROOT, build_site, write

CONTACT = "content/contacts/hostile.yml"


def run_cli(guide: Path, *args: str, optimize: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``prepguide ARGS`` in a fresh interpreter (a crash must not take pytest with it)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    entry = "import sys; from prepguide.cli import main; sys.exit(main())"
    command = [sys.executable, *(["-O"] if optimize else []), "-c", entry, *args]
    return subprocess.run(
        command, cwd=guide, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def run_mkdocs_build(guide: Path, *, optimize: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, *(["-O"] if optimize else []), "-m", "mkdocs", "build", "-q"]
    return subprocess.run(
        command, cwd=guide, env=env, capture_output=True, text=True, timeout=300, check=False
    )


# --- item 3: deep nesting ---------------------------------------------------------------

DEEP = {
    "flow sequences": ("[" * 30_000, (1, MAX_DEPTH + 2)),
    "flow mappings": ("{" * 30_000, (1, MAX_DEPTH + 2)),
    "block sequences on one line": ("- " * 30_000, (1, 2 * MAX_DEPTH + 3)),
    "explicit keys": ("? " * 30_000, (1, 2 * MAX_DEPTH + 3)),
    "mixed": ("- " * 20 + "[{k: " * 10_000, (1, 41 + 5 * 15 + 1)),
    "nested block mappings": (
        "".join(f"{' ' * i}k{i}:\n" for i in range(1_000)) + " " * 1_000 + "leaf\n",
        (MAX_DEPTH + 2, MAX_DEPTH + 2),
    ),
    "nested block mappings, lines ended by CR": (
        "".join(f"{' ' * i}k{i}:\r" for i in range(1_000)) + " " * 1_000 + "leaf\r",
        (MAX_DEPTH + 2, MAX_DEPTH + 2),
    ),
    "nested block sequences": (
        "".join(f"{' ' * (2 * i)}-\n" for i in range(400)) + " " * 800 + "leaf\n",
        (MAX_DEPTH + 2, 2 * MAX_DEPTH + 3),
    ),
}


@pytest.mark.parametrize("name", list(DEEP))
def test_deep_nesting_is_a_located_error_not_a_crash(guide: Path, name: str) -> None:
    text, (line, column) = DEEP[name]
    write(guide / CONTACT, text)
    result = run_cli(guide, "check")
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    output = result.stdout + result.stderr
    assert (
        f"{CONTACT}:{line}:{column}: error: nesting deeper than {MAX_DEPTH} levels; "
        "flatten the data" in output
    ), output


def test_deep_nesting_stops_the_other_commands_and_the_build(guide: Path) -> None:
    write(guide / CONTACT, "[" * 30_000)
    for command in (("todo",), ("status", "hostile", "met")):
        result = run_cli(guide, *command)
        assert result.returncode >= 0, command
        assert "Traceback" not in result.stderr, command
    result = run_mkdocs_build(guide)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{CONTACT}:1:{MAX_DEPTH + 2}: error: nesting deeper than" in result.stderr


# --- item 14: tabs ----------------------------------------------------------------------


def test_a_tab_inside_a_block_scalar_is_text() -> None:
    doc = load_bytes(
        b"name: Dana\nnotes: |\n  Agenda:\n  \t1. ask about the move\n  \t2. thank her\n"
        b"background:\n  notes: >-\n    folded\n    \tkept\n",
        CONTACT,
    )
    assert doc.data["notes"] == "Agenda:\n\t1. ask about the move\n\t2. thank her\n"
    assert doc.data["background"]["notes"] == "folded\n\tkept"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("name: Dana\nmeeting:\n\tstatus: met\n", 3, 1),
        ("name: Dana\nmeeting:\n  \tstatus: met\n", 3, 3),
        ("name: Dana\ntags:\n\t- a\n", 3, 1),
        ("name: Dana\nnotes: |\n  fine\n  \tfine too\nmeeting:\n\tstatus: met\n", 6, 1),
    ],
)
def test_a_tab_as_indentation_is_still_refused(text: str, line: int, column: int) -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(text.encode(), CONTACT)
    problem = info.value.problem
    assert (problem.line, problem.column) == (line, column)
    assert problem.message.startswith("a tab is used for indentation")
    assert "replace the tab with spaces" in problem.message


def test_a_tab_on_the_first_line_of_a_block_explains_the_indentation_indicator() -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(b"name: Dana\nnotes: |\n  \tfirst\n", CONTACT)
    assert (info.value.problem.line, info.value.problem.column) == (3, 3)
    assert "`|2`" in info.value.problem.message
    assert load_bytes(b"name: Dana\nnotes: |2\n  \tfirst\n", CONTACT).data["notes"] == "\tfirst\n"


# --- item 7: values that crashed the build ----------------------------------------------


def problems_of_check(guide: Path) -> tuple[int, str]:
    result = run_cli(guide, "check")
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("field", "value", "line", "message"),
    [
        ("requested", "9999-12-31", 6, "`meeting.requested`: `9999-12-31` is not in the years"),
        ("requested", "0001-01-01", 6, "`meeting.requested`: `0001-01-01` is not in the years"),
        ("date", "9999-12-31 23:30", 6, "`meeting.date`: `9999-12-31 23:30` is not in the"),
        ("date", "0001-01-01 00:30", 6, "`meeting.date`: `0001-01-01 00:30` is not in the"),
        ("requested", "1700000000", 6, "`meeting.requested`: `1700000000` is a bare number"),
        ("date", "1700000000", 6, "`meeting.date`: `1700000000` is a bare number"),
        ("date", "1700000000.5", 6, "`meeting.date`: `1700000000.5` is a bare number"),
        ("date", "'1700000000'", 6, "`meeting.date`: `1700000000` is not a valid date-time"),
        ("requested", "0", 6, "`meeting.requested`: `0` is a bare number, not a date"),
    ],
)
def test_dates_out_of_range_or_numbers_are_refused_by_check(
    guide: Path, field: str, value: str, line: int, message: str
) -> None:
    write(
        guide / CONTACT,
        "name: Hostile\nvisibility: public\nmeeting:\n  status: scheduled\n  format: video\n"
        f"  {field}: {value}\n",
    )
    code, output = problems_of_check(guide)
    assert code == 1
    found = re.search(rf"{re.escape(CONTACT)}:{line}:\d+: error: (.*)", output)
    assert found is not None, output
    assert found.group(1).startswith(message), found.group(1)
    assert "write it as YYYY-MM-DD" in found.group(1) or "check the year" in found.group(1)


def test_follow_up_and_news_years_are_bounded(guide: Path) -> None:
    write(
        guide / CONTACT,
        "name: Hostile\nfollow_up:\n  - date: 9999-12-31\n    note: later\n"
        "connection:\n  last_spoke: 1899-12-31\n",
    )
    write(
        guide / "content/organizations/hostile-org.yml",
        "name: Hostile Org\nnews:\n  - date: 2201-01-01\n    headline: Future\n",
    )
    code, output = problems_of_check(guide)
    assert code == 1
    assert f"{CONTACT}:3:11: error: `follow_up[0].date`: `9999-12-31` is not in the years" in (
        output
    )
    assert f"{CONTACT}:6:15: error: `connection.last_spoke`: `1899-12-31`" in output
    assert "hostile-org.yml:3:11: error: `news[0].date`: `2201-01-01`" in output


@pytest.mark.parametrize(
    "name", ["Ann\nATTENDEE:mailto:x@example.org", "Ann\rB", "Ann\x0bB", "A\u2028B"]
)
def test_a_name_with_a_line_break_is_refused(guide: Path, name: str) -> None:
    write(guide / CONTACT, f"name: {json.dumps(name)}\nmeeting:\n  status: scheduled\n")
    write(guide / "content/organizations/hostile-org.yml", f"name: {json.dumps(name)}\n")
    code, output = problems_of_check(guide)
    assert code == 1
    for path in (CONTACT, "content/organizations/hostile-org.yml"):
        assert f"{path}:1:7: error: `name`: a name is one line of text" in output, output
    bad = re.search(r"[\x00-\x1f\u2028]", name)
    assert bad is not None
    assert f"control character (U+{ord(bad.group()):04X}); write the name on one line" in output


@pytest.mark.parametrize(
    "number", ["9" * 5_000, "-" + "1" * 4_400, "0x" + "f" * 5_000, "1." + "5" * 5_000]
)
def test_a_number_of_thousands_of_digits_is_refused_by_check(guide: Path, number: str) -> None:
    write(guide / CONTACT, f"name: Hostile\nmeeting:\n  duration: {number}\n")
    code, output = problems_of_check(guide)
    assert code == 1
    assert f"{CONTACT}:3:13: error: a number of {len(number):,} characters is too long" in output
    assert "put it in quotes if it is text" in output


def test_values_at_the_bounds_build_cleanly(guide: Path) -> None:
    """Years 1900 and 2200, line breaks in places and notes: check accepts, mkdocs builds."""
    write(
        guide / "content/contacts/first-year.yml",
        "name: First Year\nrole: |\n  Line one\n  ATTENDEE:mailto:evil@example.org\n"
        "meeting:\n  status: scheduled\n  date: 1900-01-01 00:00\n  duration: 120\n"
        '  place: "Room 1\\r\\nATTENDEE:mailto:evil@example.org\\u000b"\n'
        "follow_up:\n  - date: 1900-01-01\n    note: |\n      call\r\n      ATTENDEE:x\n",
    )
    write(
        guide / "content/contacts/last-year.yml",
        "name: Last Year\nmeeting:\n  status: scheduled\n  date: 2200-12-31 23:30\n"
        "  duration: 120\nfollow_up:\n  - date: 2200-12-31\n    note: the last day\n",
    )
    write(
        guide / "content/contacts/nudge-late.yml",
        "name: Nudge Late\nmeeting:\n  status: requested\n  requested: 2200-12-31\n",
    )
    write(
        guide / "content/contacts/met-early.yml",
        "name: Met Early\nmeeting:\n  status: met\n  date: 1900-01-01 00:00\n"
        "  requested: 1900-01-01\n",
    )
    code, output = problems_of_check(guide)
    assert code == 0, output
    todo = run_cli(guide, "todo")
    assert todo.returncode == 0 and "Traceback" not in todo.stderr, todo.stderr
    assert "1900-01-02  thank-you  Met Early" in todo.stdout
    site = build_site(guide)
    calendar = (site / "calendar.ics").read_bytes()
    assert not re.search(rb"(^|\r\n)ATTENDEE", calendar)
    assert b"\x0b" not in calendar
    assert b"\n" not in calendar.replace(b"\r\n", b"")  # every line ends with CRLF
    parsed = icalendar.Calendar.from_ical(calendar)
    starts = {str(e["uid"]): e.decoded("dtstart") for e in parsed.walk("VEVENT")}
    assert starts["first-year@prepguide"].year == 1900
    assert starts["last-year@prepguide"].year == 2200
    one = (site / "calendar/first-year.ics").read_bytes()
    assert not re.search(rb"(^|\r\n)ATTENDEE", one)


def test_the_ics_stays_one_line_per_property_under_python_o(guide: Path) -> None:
    """With assertions off, icalendar no longer refuses raw line breaks: prepguide removes them."""
    write(
        guide / "content/contacts/injected.yml",
        'name: Injected\nrole: "Nurse\\r\\nATTENDEE:mailto:evil@example.org"\n'
        "meeting:\n  status: scheduled\n  date: 2026-12-03 10:00\n"
        '  place: "Room\\rATTENDEE:mailto:evil@example.org"\n',
    )
    result = run_mkdocs_build(guide, optimize=True)
    assert result.returncode == 0, result.stderr
    for path in (guide / "site/calendar.ics", guide / "site/calendar/injected.ics"):
        data = path.read_bytes()
        assert not re.search(rb"(^|[\r\n])ATTENDEE", data), data


def test_calendar_text_is_one_line_even_for_unvalidated_models() -> None:
    """The calendar does not rely on validation: a name built in code cannot break the file."""
    corpus = CorpusLoader().load(ROOT / "content")
    contact = corpus.contacts["marcus-ebbesen"]
    bad = "Ann\r\nATTENDEE:mailto:evil@example.org\x0b\u2028"
    corpus.contacts["marcus-ebbesen"] = contact.model_copy(update={"name": bad})
    options = Options(timezone="Europe/Stockholm")
    for data in (
        calendar_ics(corpus, options, None),
        meeting_ics(corpus, "marcus-ebbesen", options, None),
    ):
        assert data is not None
        assert not re.search(rb"(^|[\r\n])ATTENDEE", data)
        assert b"\x0b" not in data and "\u2028".encode() not in data
    assert one_line(" a\r\nb\tc\x7f ") == "a b c"


# --- item 11: offsets -------------------------------------------------------------------


def test_an_offset_is_that_instant_in_the_guides_timezone(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """12:30+05:00 is 08:30 in Stockholm in winter; 11:30Z is 12:30; naive stays local."""
    marcus = guide / "content/contacts/marcus-ebbesen.yml"
    marcus.write_text(
        marcus.read_text(encoding="utf-8").replace(
            "date: 2026-12-02 12:30", "date: 2026-12-02T12:30:00+05:00"
        ),
        encoding="utf-8",
    )
    devika = guide / "content/contacts/devika-raman.yml"
    text = devika.read_text(encoding="utf-8")
    found = re.search(r"\n  date: (\d{4}-\d\d-\d\d) (\d\d):(\d\d)\n", text)
    assert found is not None
    day, hour, minute = found.groups()
    utc_hour = int(hour) - 1  # Stockholm is UTC+1 in winter
    devika.write_text(
        text.replace(found.group(0), f"\n  date: {day}T{utc_hour:02d}:{minute}:00Z\n"),
        encoding="utf-8",
    )
    monkeypatch.chdir(guide)
    assert main(["todo", "--format", "json"]) == 0
    upcoming = {u["contact_id"]: u["when"] for u in json.loads(capsys.readouterr().out)["upcoming"]}
    assert upcoming["marcus-ebbesen"] == "2026-12-02T08:30+01:00"
    assert upcoming["devika-raman"] == f"{day}T{hour}:{minute}+01:00"
    assert main(["todo"]) == 0
    assert "2026-12-02 08:30  in 6 days    Marcus Ebbesen" in capsys.readouterr().out

    site = build_site(guide)
    page = (site / "contacts/marcus-ebbesen/index.html").read_text(encoding="utf-8")
    assert "Wednesday 2 December 2026, 08:30" in page
    assert "12:30" not in page.split("Venue and logistics")[-1].split("After the talk")[0]
    directory = (site / "contacts/index.html").read_text(encoding="utf-8")
    assert "2026-12-02 08:30" in directory
    ics = icalendar.Calendar.from_ical((site / "calendar/marcus-ebbesen.ics").read_bytes())
    [event] = ics.walk("VEVENT")
    start = event.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert (start.hour, start.minute) == (8, 30)
    assert (
        b"DTSTART;TZID=Europe/Stockholm:20261202T083000"
        in (site / "calendar/marcus-ebbesen.ics").read_bytes()
    )


def test_the_conversion_follows_the_timezone_option() -> None:
    doc = load_bytes(
        b"name: Dana\nmeeting:\n  status: scheduled\n  date: 2026-07-01T12:30:00+05:00\n", CONTACT
    )
    from prepguide.read.validate import validate_document

    for zone, local in (("UTC", "07:30"), ("Europe/Stockholm", "09:30"), ("Asia/Tokyo", "16:30")):
        model, problems = validate_document(doc, "contact", "dana", timezone=zone)
        assert problems == []
        assert model.meeting.date.tzinfo is None
        assert model.meeting.date.strftime("%H:%M") == local
    naive = load_bytes(b"name: Dana\nmeeting:\n  date: 2026-07-01 12:30\n", CONTACT)
    model, _ = validate_document(naive, "contact", "dana", timezone="Asia/Tokyo")
    assert model.meeting.date.strftime("%H:%M") == "12:30"


def test_a_changed_timezone_reconverts_cached_files(tmp_path: Path) -> None:
    write(
        tmp_path / "content/contacts/dana.yml",
        "name: Dana\nmeeting:\n  date: 2026-07-01T12:00:00Z\n",
    )
    loader = CorpusLoader()
    utc = loader.load(tmp_path / "content", tmp_path, timezone="UTC")
    tokyo = loader.load(tmp_path / "content", tmp_path, timezone="Asia/Tokyo")
    assert utc.contacts["dana"].meeting.date.hour == 12
    assert tokyo.contacts["dana"].meeting.date.hour == 21


def test_schema_meeting_date_accepts_what_the_model_accepts() -> None:
    import jsonschema

    from prepguide.read.schema import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "contact.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for ok in ("2026-12-04 15:30", "2026-12-04T15:30:00+01:00", "2026-12-04T15:30:00Z"):
        assert validator.is_valid({"name": "Dana", "meeting": {"date": ok}}), ok
    for bad in (1700000000, "1700000000", "next tuesday", "2026-12-04 15:30 +01:00"):
        assert not validator.is_valid({"name": "Dana", "meeting": {"date": bad}}), bad
        doc = load_bytes(f"name: Dana\nmeeting:\n  date: {json.dumps(bad)}\n".encode(), CONTACT)
        from prepguide.read.validate import validate_document

        assert validate_document(doc, "contact", "dana")[0] is None, bad
    assert not validator.is_valid({"name": "A\nB"})
    assert not validator.is_valid({"name": "Dana", "meeting": {"requested": 0}})


def test_an_empty_corpus_still_makes_a_calendar() -> None:
    assert calendar_ics(Corpus(), Options(), None).startswith(b"BEGIN:VCALENDAR")
