"""The calendar read by parsers nobody here wrote: vobject (Python) and, when node and npm are
available, ical.js (the parser of Thunderbird and many web calendars).

A meeting must be read at the instant the guide means, years out, in zones north and south,
without daylight saving, and where daylight saving was abolished; also when the parser keeps the
zone of an earlier file for the next one (vobject does).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject

from prepguide.guide.corpus import Corpus
from prepguide.options import Options
from prepguide.read.model import Contact
from prepguide.render.calendar import calendar_ics

ZONES = [
    "America/Chicago",
    "Europe/Stockholm",
    "Australia/Sydney",  # southern hemisphere
    "Asia/Kolkata",  # no daylight saving
    "America/Sao_Paulo",  # daylight saving abolished in 2019
]
YEARS = (2027, 2031, 2035)


def local_times(zone: str, year: int) -> list[datetime]:
    """A winter and a summer meeting, and noon before and after each change of offset."""
    tz = ZoneInfo(zone)
    times = [datetime(year, 1, 15, 9, 0), datetime(year, 7, 2, 14, 30)]
    day = date(year, 1, 2)
    while day.year == year:
        noon = datetime(day.year, day.month, day.day, 12, 0)
        before = noon - timedelta(days=1)
        if noon.replace(tzinfo=tz).utcoffset() != before.replace(tzinfo=tz).utcoffset():
            times += [before, noon]
        day += timedelta(days=1)
    return times


def guide_calendar(zone: str, years: tuple[int, ...]) -> tuple[bytes, dict[str, datetime]]:
    """The calendar of meetings in ``years`` and the instant each UID means."""
    contacts, meant = {}, {}
    for year in years:
        for index, when in enumerate(local_times(zone, year)):
            cid = f"m-{year}-{index}"
            contacts[cid] = Contact(
                id=cid,
                name=f"Person {year} {index}",
                meeting={"status": "scheduled", "date": f"{when:%Y-%m-%d %H:%M}", "duration": 30},
            )
            meant[f"{cid}@prepguide"] = when.replace(tzinfo=ZoneInfo(zone))
    options = Options(today=date(2026, 11, 26), timezone=zone)
    return calendar_ics(Corpus(contacts=contacts), options, None), meant


_REGISTRY: dict[str, object] = vobject.icalendar.__dict__["__tzidMap"]
"""vobject's zones by TZID, kept from file to file (what made a 2031 meeting wrong)."""


@pytest.fixture
def fresh_vobject() -> Iterator[None]:
    for zone in ZONES:
        _REGISTRY.pop(zone, None)
    yield
    for zone in ZONES:
        _REGISTRY.pop(zone, None)


def vobject_starts(data: bytes) -> dict[str, datetime]:
    cal = vobject.readOne(data.decode("utf-8"))
    return {str(event.uid.value): event.dtstart.value for event in cal.vevent_list}


@pytest.mark.usefixtures("fresh_vobject")
@pytest.mark.parametrize("zone", ZONES)
def test_vobject_reads_every_meeting_at_its_instant_file_after_file(zone: str) -> None:
    for year in YEARS:  # one file a year, read one after the other in the same process
        data, meant = guide_calendar(zone, (year,))
        starts = vobject_starts(data)
        assert set(starts) == set(meant)
        for uid, instant in meant.items():
            start = starts[uid]
            # the file's VTIMEZONE, not a zone vobject looked up by name
            assert not type(start.tzinfo).__module__.startswith("pytz")
            assert (start, start.utcoffset()) == (instant, instant.utcoffset()), (uid, year)


@pytest.mark.usefixtures("fresh_vobject")
@pytest.mark.parametrize("zone", ["America/Sao_Paulo", "America/Chicago"])
def test_vobject_reads_meetings_before_a_change_of_rules(zone: str) -> None:
    """Meetings on both sides of a change of rules (2019 in Brazil, 2007 in the US) in one file."""
    data, meant = guide_calendar(zone, (2006, 2018, 2027))
    starts = vobject_starts(data)
    for uid, instant in meant.items():
        assert (starts[uid], starts[uid].utcoffset()) == (instant, instant.utcoffset()), uid


ICAL_JS_READER = """
import ICAL from "ical.js";
import { readFileSync } from "node:fs";
const out = {};
for (const file of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const vtz of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  }
  for (const vevent of root.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    out[file + " " + event.uid] = event.startDate.toUnixTime();
  }
}
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="session")
def ical_js(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ical.js installed from the npm registry; skips the test when it can't be."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are not installed")
    folder = tmp_path_factory.mktemp("icaljs")
    (folder / "package.json").write_text('{"private": true, "type": "module"}\n')
    try:
        subprocess.run(
            [npm, "install", "--prefer-offline", "--no-audit", "--no-fund", "ical.js@2"],
            cwd=folder,
            capture_output=True,
            timeout=180,
            check=True,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"ical.js could not be installed with npm: {exc}")
    (folder / "read.mjs").write_text(ICAL_JS_READER, encoding="utf-8")
    return folder


def test_ical_js_reads_every_meeting_at_its_instant(ical_js: Path) -> None:
    files, meant = [], {}
    for zone in ZONES:
        for year in YEARS:
            data, instants = guide_calendar(zone, (year,))
            path = ical_js / f"{zone.replace('/', '-')}-{year}.ics"
            path.write_bytes(data)
            files.append(str(path))
            meant.update({f"{path} {uid}": int(at.timestamp()) for uid, at in instants.items()})
    result = subprocess.run(
        ["node", "read.mjs", *files],
        cwd=ical_js,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    read = json.loads(result.stdout)
    wrong = {key: (read.get(key), at) for key, at in meant.items() if read.get(key) != at}
    assert wrong == {}
