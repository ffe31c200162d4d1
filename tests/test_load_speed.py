"""Issue 17, loading and the calendar: the faster code says exactly what the code it replaced said.

The calendar's events and head are written by prepguide itself (render/calendar.py):
they are held here, byte for byte, to what the icalendar library writes for the
same properties.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta, timezone

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser.string import _foldline

from prepguide.render import calendar
from prepguide.render.calendar import Property, _calendar_head, _entry, _fold, _vevent

TEXT = st.text(
    alphabet=st.sampled_from(list("ab ,;:\\^N\n\r\t\"'é€😀\u2028x-_/"))
    | st.characters(exclude_categories=["Cs"]),  # notes are UTF-8: no surrogates
    max_size=220,
)
ZONES = sorted(zoneinfo.available_timezones())


def icalendar_event(event: list[Property]) -> bytes:
    vevent = icalendar.Event()
    for name, value in event:
        vevent.add(name, value)
    return bytes(vevent.to_ical())


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_fold_is_icalendar_s(line: str) -> None:
    line = line.replace("\n", " ")
    assert _fold(line) == _foldline(line)
    assert _fold("DESCRIPTION:" + line) == _foldline("DESCRIPTION:" + line)


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(TEXT, min_size=6, max_size=6),
    zone=st.sampled_from(ZONES),
    start=st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2090, 12, 31)),
    minutes=st.integers(5, 120),
    day=st.dates(min_value=date(1971, 1, 1), max_value=date(2090, 12, 31)),
    place=st.booleans(),
)
def test_events_are_written_as_icalendar_writes_them(
    texts: list[str],
    zone: str,
    start: datetime,
    minutes: int,
    day: date,
    place: bool,
) -> None:
    uid, summary, description, url, location, note = texts
    url = calendar.one_line(url)  # as the calendar writes every URL
    begins = start.replace(microsecond=0, tzinfo=zoneinfo.ZoneInfo(zone))
    stamp = datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc)
    meeting: list[Property] = [
        ("uid", uid),
        ("dtstamp", stamp),
        ("dtstart", begins),
        ("dtend", begins + timedelta(minutes=minutes)),
        ("summary", summary),
        ("description", description),
        ("url", url),
    ]
    if place:
        meeting.append(("location", location))
    meeting += [("status", "CONFIRMED"), ("transp", "OPAQUE")]
    reminder: list[Property] = [
        ("uid", note),
        ("dtstamp", stamp),
        ("dtstart", day),
        ("dtend", day + timedelta(days=1)),
        ("summary", summary),
        ("description", note),
        ("url", url),
        ("transp", "TRANSPARENT"),
    ]
    for event in (meeting, reminder):
        expected = icalendar_event(event)
        assert _entry(event, meeting=True).ical == expected
        written = _vevent(event)
        if written is not None:  # None: a time at UTC+0, written by icalendar itself
            assert written[0] == expected
    entry = _entry(meeting, meeting=True)
    assert entry.tzids == ({zone} - {"UTC"} if f"TZID={zone}".encode() in entry.ical else set())


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_the_calendar_head_is_icalendar_s(name: str) -> None:
    cal = icalendar.Calendar()
    cal.add("prodid", calendar.PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar.one_line(name))
    assert _calendar_head(name) + b"END:VCALENDAR\r\n" == bytes(cal.to_ical())


def test_every_zone_at_a_nonzero_offset_is_named_as_icalendar_names_it() -> None:
    for key in ZONES:
        zone = zoneinfo.ZoneInfo(key)
        for when in (
            datetime(2026, 1, 15, 12, tzinfo=zone),
            datetime(2026, 7, 15, 12, tzinfo=zone),
        ):
            event: list[Property] = [("uid", "x"), ("dtstart", when)]
            written = _vevent(event)
            assert (written is None) == (not when.utcoffset())
            if written is not None:
                assert written[0] == icalendar_event(event)


def test_the_build_does_not_import_icalendar() -> None:
    """The library costs 30 ms to import; the calendar module no longer needs it."""
    import subprocess
    import sys

    code = (
        "import sys; import prepguide.render.calendar, prepguide.plugin; "
        "print('icalendar' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# The loader (read/loader.py): plain texts' tags kept per text, the composer's
# path-resolver calls made builtins, positions shared by a plain tuple.

PLAIN = st.one_of(
    st.from_regex(r"[-+.~0-9a-zA-Z_:]{1,12}", fullmatch=True),
    st.sampled_from(
        ["yes", "No", "TRUE", "null", "~", "0x1F", "0o17", "-.inf", ".NaN", "1_000", "2026-12-04"]
    ),
)


@settings(max_examples=300, deadline=None)
@given(PLAIN)
def test_a_plain_text_resolves_as_ruamel_s_own_resolver_says_every_time(text: str) -> None:
    from ruamel.yaml import YAML

    from prepguide.read.loader import LoadError, _compose

    document = f"key: {text}\n"
    try:
        expected = YAML(typ="safe", pure=True).compose(document)
    except Exception:  # not a plain scalar after all (e.g. `key: -`): nothing to compare
        return
    value = expected.value[0][1]
    if value.__class__.__name__ != "ScalarNode" or value.style is not None:
        return
    for _ in range(2):  # the second time from the cache
        node = _compose(document)
        assert node is not None
        assert node.value[0][1].tag == value.tag
    try:
        from prepguide.read.loader import load_bytes

        load_bytes(document.encode(), "c/x.yml")
    except LoadError:
        pass


def test_positions_are_shared_and_right() -> None:
    from prepguide.read.loader import load_bytes

    one = load_bytes(b"name: Ana\nmeeting:\n  date: 2026-12-04\ntags: [a, b]\n", "c/a.yml")
    two = load_bytes(b"name: Bo\nmeeting:\n  date: 2026-12-05\ntags: [c, d]\n", "c/b.yml")
    assert one.positions == two.positions
    assert one.positions[("tags", 1)] == (4, 11, 4, 11)
    assert one.positions[("meeting", "date")] == (3, 3, 3, 9)
    for key, position in one.positions.items():
        assert type(position).__name__ == "Position"
        assert two.positions[key] is position


# corpus._surely_untangled: markup.tangled is asked only where it could find something.

MARKDOWN_CHUNK = st.text(
    alphabet=st.sampled_from(list("ab [](){}<>!-*+_`&\\#.)19١\t\n  >|~=")), min_size=1, max_size=12
)
MARKDOWN = st.lists(st.tuples(MARKDOWN_CHUNK, st.integers(1, 400)), max_size=6).map(
    lambda parts: "".join(chunk * times for chunk, times in parts)
)


@settings(max_examples=400, deadline=None)
@given(MARKDOWN)
def test_surely_untangled_texts_are_untangled(source: str) -> None:
    from prepguide.guide.corpus import _surely_untangled
    from prepguide.markup import tangled

    if _surely_untangled(source):
        assert tangled(source) is None


def test_surely_untangled_at_each_budget() -> None:
    from prepguide.guide.corpus import _surely_untangled
    from prepguide.markup import tangled

    for source in (
        "[" * 320,
        "x" * 250 + "[" * 60,
        "<a" * 500,
        ">" * 40 + " deep" + "x" * 300,
        "\t" * 33 + "x" * 300,
        "- " * 20 + "item " * 60,
        "x\n" * 5000,
        "*a* " * 2000,
        "1. one\n" * 300,
        "\u0661. one\n" * 300,
    ):
        if tangled(source) is not None:
            assert not _surely_untangled(source), source[:40]
