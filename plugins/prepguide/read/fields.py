"""The types of the model's values and the rules each one checks (docs/usage.md).

``Name`` (one line, no bidirectional or control characters, something that shows),
``Text``, ``Id``, ``Url``, ``Date``, ``DateTime`` (naive local time of the guide),
``YearOrDate``, ``WholeNumber`` and ``Flag``: annotated types that
:mod:`prepguide.read.model` uses, each with its validator, its precise message and
its JSON Schema.

The rules below are regular expressions that mean the same in Python and in
ECMA-262 (the YAML language server, check-jsonschema): the exported JSON
Schemas carry the same text, so that an editor accepts exactly what
`prepguide check` accepts (see docs/usage.md, "Editor support").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..ids import slugify

WHITE_SPACE = r"\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""The white space trimmed from text values (Unicode ``White_Space``), as a character class."""


WHITE_SPACE_CHARS = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
"""The same characters as text: what pydantic's ``str_strip_whitespace`` strips."""


CONTROL = r"\u0000-\u001f\u007f-\u009f\u2028\u2029"
"""Control characters (C0, DEL, C1) and the Unicode line and paragraph separators."""


def _padded(core: str) -> str:
    r"""A whole-value pattern: ``core``, with the white space that is trimmed around it.

    >>> bool(re.match(_padded("[a-z]+"), "\u00a0 ana \t")), bool(re.match(_padded("[a-z]+"), "a b"))
    (True, False)
    """
    return f"^[{WHITE_SPACE}]*(?:{core})[{WHITE_SPACE}]*$"


def _trim(value: str) -> str:
    r"""A text value without the white space around it (Unicode ``White_Space``).

    >>> _trim("\u00a0 2026-12-04\u3000\n")
    '2026-12-04'
    """
    return value.strip(WHITE_SPACE_CHARS)


_URL_UNSAFE = WHITE_SPACE + CONTROL + '<>"`\\\\'


URL_CORE = f"[Hh][Tt][Tt][Pp][Ss]?://[^/?#{_URL_UNSAFE}]+(?:[/?#][^{_URL_UNSAFE}]*)?"
"""An absolute http(s) URL with a host; no white space, control characters or ``<>"`\\``."""


_URL_RE = re.compile(URL_CORE)


def _check_url(value: str) -> str:
    """An absolute http(s) URL, as written; anything else is refused.

    >>> _check_url("https://example.org/a?b#c")
    'https://example.org/a?b#c'
    >>> _check_url("javascript:alert(1)")
    Traceback (most recent call last):
    pydantic_core._pydantic_core.PydanticCustomError: `javascript:alert(1)` is not an http(s) URL; write a full address such as https://example.org/
    """
    if not _URL_RE.fullmatch(value):
        raise PydanticCustomError(
            "http_url",
            "`{value}` is not an http(s) URL; write a full address such as https://example.org/",
            {"value": value},
        )
    return value


ID_CORE = "[a-z0-9]+(?:-[a-z0-9]+)*"


ID_PATTERN = f"^{ID_CORE}$"


ID_RE = re.compile(ID_CORE + r"\Z")
"""An id, from the first character (``ID_RE.match``) to the very end (no final line break)."""


def _check_id(value: str) -> str:
    """An id, as written; anything else is refused with the id it would fold to.

    >>> _check_id("ana-lima")
    'ana-lima'
    >>> _check_id("Ana Lima")
    Traceback (most recent call last):
    pydantic_core._pydantic_core.PydanticCustomError: `Ana Lima` is not an id; ids are lowercase words joined by hyphens, like `ana-lima`
    """
    if not ID_RE.match(value):
        raise PydanticCustomError(
            "prepguide_id",
            "`{value}` is not an id; ids are lowercase words joined by hyphens, like `{fixed}`",
            {"value": value, "fixed": slugify(value) or "jane-doe"},
        )
    return value


Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "pattern": _padded(URL_CORE)}),
]
"""An absolute http or https URL (no ``javascript:``, ``data:``, ``ftp:`` or ``file:``)."""


Id = Annotated[
    str,
    AfterValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": _padded(ID_CORE)}),
]
"""A file stem: lowercase words and digits joined by single hyphens."""


Text = Annotated[str, Field(min_length=1, json_schema_extra={"pattern": f"[^{WHITE_SPACE}]"})]
"""Text that is not empty once trimmed."""


_LINE_BREAKS = re.compile(f"[{CONTROL}]")


BIDI_CONTROLS = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""The bidirectional marks, embeddings, overrides and isolates (ALM, LRM, RLM, LRE…RLO,
LRI…PDI): refused anywhere in a name, which they would show reversed or reordered
(docs/usage.md, "Names")."""


_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


INVISIBLE = (
    WHITE_SPACE
    + CONTROL
    # format characters (Unicode Cf): soft hyphen, zero-width space and joiners, bidi
    # marks, word joiner and invisible operators, byte-order mark, tag characters
    + r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    + r"\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    + "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    + "\U000e0001\U000e0020-\U000e007f"
    # combining marks that belong to no script, and variation selectors
    + r"\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    + r"\u180b-\u180d\u180f\ufe00-\ufe0f"
    + "\U000e0100-\U000e01ef"
    # letters and symbols drawn blank: Hangul fillers, Khmer inherent vowels, Braille blank
    + r"\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0"
)
"""Characters that show nothing on their own, as a character class (docs/usage.md, "Names").

A name needs at least one character outside it. The class lists code points (BMP ones
as ``\\uXXXX``, the few astral ones as the characters themselves), never a Unicode
property: ``\\p{…}`` has no meaning in Python's ``re``, and a list reads the same in
Python and in ECMA-262 with the ``u`` flag (the JSON Schema). It is deliberately a list
of the usual invisible characters, not every combining mark of every script: a name of
only, say, Devanagari vowel signs is accepted (it is drawn, on dotted circles)."""


_VISIBLE = re.compile(f"[^{INVISIBLE}]")


def _check_one_line(value: str) -> str:
    r"""A name, as written, if it is one line without bidi controls and shows something.

    >>> _check_one_line("Zoë Núñez")
    'Zoë Núñez'
    >>> _check_one_line("Ana\nLima")
    Traceback (most recent call last):
    pydantic_core._pydantic_core.PydanticCustomError: a name is one line of text, but this one holds a line break or control character (U+000A); write the name on one line
    >>> _check_one_line("Ana\u202eLima")
    Traceback (most recent call last):
    pydantic_core._pydantic_core.PydanticCustomError: this name holds a bidirectional control character (U+202E), which shows the name reversed or reordered; write the name without it
    >>> _check_one_line("\u200b\u200b")
    Traceback (most recent call last):
    pydantic_core._pydantic_core.PydanticCustomError: this name shows nothing: it is only invisible characters (U+200B), such as zero-width spaces, format characters or combining marks; write the name in letters
    """
    found = _LINE_BREAKS.search(value)
    if found is not None:
        raise PydanticCustomError(
            "prepguide_one_line",
            "a name is one line of text, but this one holds a line break or control "
            "character (U+{code}); write the name on one line",
            {"code": f"{ord(found.group()):04X}"},
        )
    found = _BIDI.search(value)
    if found is not None:
        raise PydanticCustomError(
            "prepguide_bidi_name",
            "this name holds a bidirectional control character (U+{code}), which shows the "
            "name reversed or reordered; write the name without it",
            {"code": f"{ord(found.group()):04X}"},
        )
    if _VISIBLE.search(value) is None:
        # a name only of zero-width spaces, BOMs or combining marks: a blank title,
        # link and calendar entry that cannot be told from another
        codes = " ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(value))
        raise PydanticCustomError(
            "prepguide_invisible_name",
            "this name shows nothing: it is only invisible characters ({codes}), such as "
            "zero-width spaces, format characters or combining marks; write the name in "
            "letters",
            {"codes": codes if len(codes) <= 60 else codes[:56] + " …"},
        )
    return value


NAME_PATTERN = _padded(
    f"(?=[^{CONTROL}]*[^{INVISIBLE}])"
    f"[^{WHITE_SPACE}{CONTROL}{BIDI_CONTROLS}]"
    f"(?:[^{CONTROL}{BIDI_CONTROLS}]*[^{WHITE_SPACE}{CONTROL}{BIDI_CONTROLS}])?"
)
"""Not empty once trimmed, no control character, line break or bidirectional control
within, and at least one character that shows (not :data:`INVISIBLE`)."""


Name = Annotated[
    str,
    Field(min_length=1, json_schema_extra={"pattern": NAME_PATTERN}),
    AfterValidator(_check_one_line),
]
"""A name: one line of text without control characters (it goes into titles and calendars)."""


FIRST_YEAR, LAST_YEAR = 1900, 2200
"""Dates must fall in these years (both included): far enough for any career, and date
arithmetic (nudges, due days, calendars) never leaves the range Python can represent."""


_YEAR = "(?:19[0-9]{2}|2[01][0-9]{2}|2200)"


_LEAP_YEAR = (
    "(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:[02468][048]|[13579][26])"
    "|21(?:0[48]|[2468][048]|[13579][26]))"
)


_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)


DATE_CORE = f"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
"""Exactly the days of the years 1900 to 2200, ``YYYY-MM-DD``."""


_HOUR, _SIXTY = "(?:[01][0-9]|2[0-3])", "[0-5][0-9]"


DATETIME_CORE = (
    f"{DATE_CORE}(?:[Tt ]{_HOUR}:{_SIXTY}(?::{_SIXTY}(?:[.][0-9]{{1,6}})?)?"
    f"(?:[Zz]|[+-]{_HOUR}:?{_SIXTY})?)?"
)
"""A day, optionally with a time (``HH:MM``, seconds, fractions) and then an offset."""


DATE_PATTERN = _padded(DATE_CORE)


DATETIME_PATTERN = _padded(DATETIME_CORE)


_DATE_SHAPE = re.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})")


_DATETIME_SHAPE = re.compile(
    "([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt ]([0-9]{2}):([0-9]{2})"
    "(?::([0-9]{2})(?:[.]([0-9]{1,6}))?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?)?"
)
"""The shapes of :data:`DATE_CORE` and :data:`DATETIME_CORE`, read by :func:`_parse_date` and
:func:`_parse_datetime`, which refuse what the patterns refuse with a precise message."""


_DATETIME_EXAMPLE = (
    "YYYY-MM-DD HH:MM, e.g. 2026-12-04 15:30 (local time of the guide), "
    "or with an offset, e.g. 2026-12-04T15:30:00+01:00"
)


def _not_a_date(value: Any, kind: str, example: str) -> PydanticCustomError:
    """The error for a value that is not written as a date (a bare number says so).

    >>> _not_a_date(20261204, "date", "YYYY-MM-DD").message()
    '`20261204` is a bare number, not a date; write it as YYYY-MM-DD'
    >>> _not_a_date("soon", "date-time", "YYYY-MM-DD HH:MM").message()
    '`soon` is not a valid date-time; write it as YYYY-MM-DD HH:MM'
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return PydanticCustomError(
            "prepguide_date",
            "`{value}` is a bare number, not a {kind}; write it as {example}",
            {"value": value, "kind": kind, "example": example},
        )
    return PydanticCustomError(
        "prepguide_date",
        "`{value}` is not a valid {kind}; write it as {example}",
        {"value": value, "kind": kind, "example": example},
    )


def _out_of_range(kind: str, text: str, why: str) -> PydanticCustomError:
    """The error for a date of the right shape that does not exist.

    >>> error = _out_of_range("date", "2026-02-30", "day value is outside expected range")
    >>> error.type, error.message()
    ('date_from_text', '`2026-02-30` is not a valid date (day value is outside expected range)')
    """
    # The type starts with `date` or `datetime`: read/validate.py words it as for pydantic's own.
    return PydanticCustomError(
        f"{kind}_from_text",
        f"`{{value}}` is not a valid {kind} ({{error}})",
        {"value": text, "error": why},
    )


def _check_year(year: int, text: str) -> None:
    """Refuse a date outside :data:`FIRST_YEAR` to :data:`LAST_YEAR`.

    >>> _check_year(1850, "1850-01-01")
    Traceback (most recent call last):
    pydantic_core._pydantic_core.PydanticCustomError: `1850-01-01` is not in the years 1900 to 2200; check the year
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PydanticCustomError(
            "prepguide_date_range",
            "`{value}` is not in the years {first} to {last}; check the year",
            {"value": text, "first": FIRST_YEAR, "last": LAST_YEAR},
        )


def _parse_date(value: Any) -> Any:
    """A day from ISO text, ``YYYY-MM-DD`` (trimmed); date objects pass.

    >>> _parse_date(" 2026-12-04 ")
    datetime.date(2026, 12, 4)
    >>> _parse_date("2026-02-30")
    Traceback (most recent call last):
    pydantic_core._pydantic_core.PydanticCustomError: `2026-02-30` is not a valid date (day value is outside expected range)
    """
    if isinstance(value, dt.date):
        return value
    text = _trim(value) if isinstance(value, str) else ""
    found = _DATE_SHAPE.fullmatch(text)
    if found is None:
        raise _not_a_date(value, "date", "YYYY-MM-DD, e.g. 2026-12-04")
    year, month, day = map(int, found.groups())
    _check_year(year, text)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise _out_of_range("date", text, _why(exc)) from None


def _parse_datetime(value: Any) -> Any:
    """A date-time from ISO text (trimmed), aware when written with an offset.

    The text is read here rather than by pydantic, so that the model accepts
    exactly :data:`DATETIME_PATTERN`, the pattern of the JSON Schema.

    >>> _parse_datetime("2026-12-04 15:30")
    datetime.datetime(2026, 12, 4, 15, 30)
    >>> _parse_datetime("2026-12-04T15:30:00+01:00")
    datetime.datetime(2026, 12, 4, 15, 30, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600)))
    >>> _parse_datetime("2026-12-04T10:00+24:00")
    Traceback (most recent call last):
    pydantic_core._pydantic_core.PydanticCustomError: `2026-12-04T10:00+24:00` is not a valid datetime (offset is outside expected range)
    """
    if isinstance(value, dt.date):
        return value
    text = _trim(value) if isinstance(value, str) else ""
    found = _DATETIME_SHAPE.fullmatch(text)
    if found is None:
        raise _not_a_date(value, "date-time", _DATETIME_EXAMPLE)
    year, month, day, hour, minute, second = (int(found.group(i) or 0) for i in range(1, 7))
    micro = int((found.group(7) or "0").ljust(6, "0"))
    _check_year(year, text)
    offset = found.group(8)
    zone: dt.tzinfo | None = None
    if offset in ("Z", "z"):
        zone = dt.timezone.utc
    elif offset is not None:
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            raise _out_of_range("datetime", text, "offset is outside expected range")
        sign = -1 if offset[0] == "-" else 1
        zone = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    try:
        return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=zone)
    except ValueError as exc:
        raise _out_of_range("datetime", text, _why(exc)) from None


def _why(exc: ValueError) -> str:
    """The reason of a ``datetime`` error, in pydantic's words.

    >>> _why(ValueError("day is out of range for month"))
    'day value is outside expected range'
    """
    what = str(exc).split(" ", 1)[0]
    return f"{what} value is outside expected range"


def _date_in_range(value: dt.date) -> dt.date:
    """A date object, refused outside the years 1900 to 2200 (see :func:`_check_year`)."""
    _check_year(value.year, value.isoformat())
    return value


def _local_time(value: dt.datetime, info: ValidationInfo) -> dt.datetime:
    """A date-time as naive local time of the guide (see docs/usage.md, "Dates").

    Text without an offset is already local time of the guide. Text with an
    offset (``…+05:00``, ``…Z``) is that instant, converted here into the
    guide's time zone: the ``timezone`` of the validation context (a
    ``tzinfo``, which :func:`prepguide.read.validate.validate_document` passes),
    else UTC. So every ``meeting.date`` of a loaded guide is naive and in
    the same zone, for pages, dashboard, ``todo`` and calendar alike. The
    years 1900 to 2200 apply to the date as written.
    """
    _check_year(value.year, value.isoformat(sep=" "))
    if value.tzinfo is not None:
        context = info.context if isinstance(info.context, dict) else {}
        zone = context.get("timezone") or dt.timezone.utc
        value = value.astimezone(zone).replace(tzinfo=None)  # keeps `fold` in a repeated hour
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    AfterValidator(_date_in_range),
    # No `"format": "date"`: it refuses the white space that is trimmed; the pattern is exact.
    WithJsonSchema({"type": "string", "pattern": DATE_PATTERN}),
]
"""A day, ``2026-12-04``, in the years 1900 to 2200 (not a bare number)."""


DateTime = Annotated[
    dt.datetime,
    BeforeValidator(_parse_datetime),
    AfterValidator(_local_time),
    WithJsonSchema({"type": "string", "pattern": DATETIME_PATTERN}),
]
"""A date-time, naive local time of the guide once validated (see :func:`_local_time`)."""


PERIOD_CORE = (
    "(?:19|20)[0-9]{2}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?"
    "|[Pp][Rr][Ee][Ss][Ee][Nn][Tt]"
)


_PERIOD_RE = re.compile(PERIOD_CORE)


def _check_period(value: Any) -> str | None:
    """A year, month, date or ``present`` of an experience, as text (``None`` passes).

    >>> _check_period(2019), _check_period(2019.0), _check_period(" Present "), _check_period("2019-09")
    ('2019', '2019', 'present', '2019-09')
    >>> _check_period("19xx")
    Traceback (most recent call last):
    pydantic_core._pydantic_core.PydanticCustomError: `19xx` is not a year or date; write a year (2019), a month (2019-09), a date (2019-09-01) or `present`
    """
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _trim(value) if isinstance(value, str) else ""
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    if _PERIOD_RE.fullmatch(text):
        return text.lower() if text.lower() == "present" else text
    raise PydanticCustomError(
        "prepguide_period",
        "`{value}` is not a year or date; write a year (2019), a month (2019-09), "
        "a date (2019-09-01) or `present`",
        {"value": value},
    )


YearOrDate = Annotated[
    Any,
    AfterValidator(_check_period),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2099},
                {"type": "string", "pattern": _padded(PERIOD_CORE)},
                {"type": "null"},
            ],
            "description": "A year, YYYY-MM, YYYY-MM-DD or `present`.",
        }
    ),
]


_QUOTED_NUMBER = re.compile("[+-]?[0-9][0-9_]*(?:[.][0-9]*)?")


def _whole_number(value: Any) -> Any:
    """A whole YAML number (``30``, ``30.0``); text, even ``"30"``, is not a number.

    >>> _whole_number(30.0)
    30
    >>> _whole_number("30")
    Traceback (most recent call last):
    pydantic_core._pydantic_core.PydanticCustomError: `30` is text, not a number; write the number without quotes
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _QUOTED_NUMBER.fullmatch(_trim(value)):
        raise PydanticCustomError(
            "prepguide_quoted_number",
            "`{value}` is text, not a number; write the number without quotes",
            {"value": value},
        )
    raise PydanticCustomError("int_type", "Input should be a valid integer")


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
"""A whole number, written as a YAML number (see docs/usage.md, "Numbers and yes/no")."""


YAML11_TRUE = ("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON")


YAML11_FALSE = ("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF")
"""``yes``/``no`` and ``on``/``off`` are booleans in YAML 1.1 and text in YAML 1.2 (the
loader's): both are read as ``true``/``false`` (see docs/usage.md, "Numbers and yes/no")."""


def _flag(value: Any) -> bool:
    """``true``/``false``, and the YAML 1.1 words (:data:`YAML11_TRUE`, :data:`YAML11_FALSE`).

    >>> _flag(True), _flag("on"), _flag("No")
    (True, True, False)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in YAML11_TRUE:
        return True
    if isinstance(value, str) and value in YAML11_FALSE:
        return False
    raise PydanticCustomError("bool_parsing", "Input should be a valid boolean")


Flag = Annotated[
    bool,
    BeforeValidator(_flag),
    WithJsonSchema({"enum": [True, False, *YAML11_TRUE, *YAML11_FALSE]}),
]
"""``true`` or ``false``; ``yes``/``no`` and ``on``/``off`` too."""
