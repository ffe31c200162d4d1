"""CSV bytes -> the header, how its columns map, and the rows after it.

The reading rules of ``prepguide import`` (docs/playbook.md, "Import a
spreadsheet"): the file is UTF-8 (a byte-order mark is fine; UTF-16 with a
mark too). At most the delimiter is guessed (comma, semicolon or tab); quoting
is always RFC 4180's, as Excel, Google Sheets, LibreOffice and LinkedIn write
it: a cell in double quotes may hold the delimiter and line breaks, and a quote
inside it is doubled. Every row must have as many cells as the header, or the
file is refused at that line: a cell cut in two never shifts the columns after
it. The header is the first row with a column that gives the name (rows before
it, such as the ``Notes:`` preamble of LinkedIn's Connections.csv, are skipped).
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, os_reason
from .import_columns import (
    ColumnPlan,
    ImportError_,
    MapRule,
    refuse_unread_consent,
    resolve_columns,
)

DELIMITERS = (",", ";", "\t")
"""The delimiters a file may use; the one that yields a header is chosen."""
HEADER_SEARCH_ROWS = 20
"""How many rows at the top may come before the header (a preamble)."""
_QUOTING_HINT = (
    "a cell that holds the delimiter, a line break or a double quote must be in double "
    'quotes, with each quote inside doubled (""): export the file again from the spreadsheet '
    "as CSV, or correct that line"
)


def _decode(raw: bytes, shown: str) -> str:
    r"""The text of the file: UTF-16 with a byte-order mark, else UTF-8 (a mark is fine).

    >>> _decode(b"\xef\xbb\xbfName\n", "a.csv")
    'Name\n'

    Raises:
        ImportError_: Not UTF-8, located at the line of the first bad byte.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = (
            f"{shown} is not UTF-8 text (byte 0x{raw[exc.start]:02x}); export the spreadsheet "
            'as "CSV UTF-8" (Excel) or "Text CSV" with the character set UTF-8 (LibreOffice)'
        )
        raise ImportError_(message, Problem(shown, line, 1, "error", message)) from None


@dataclass
class _Parsed:
    """A whole file read with one delimiter."""

    records: list[tuple[int, list[str]]]
    """(first line, cells), blank lines left out."""
    error: tuple[int, str] | None
    """(first line of the record, csv's reason) where the text stopped being CSV."""


def _parse(text: str, delimiter: str) -> _Parsed:
    r"""Read ``text`` as RFC 4180 CSV: double quotes, doubled inside (never guessed).

    >>> _parse('a;"b;c"\n\n1;"2 ""x"" 3"\n', ";").records
    [(1, ['a', 'b;c']), (3, ['1', '2 "x" 3'])]
    """
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quotechar='"',
        doublequote=True,
        skipinitialspace=False,
        strict=True,
    )
    records: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return _Parsed(records, None)
        except csv.Error as exc:
            return _Parsed(records, (start, str(exc)))
        if any(cell.strip() for cell in cells):
            records.append((start, cells))


@dataclass
class Table:
    """A spreadsheet read: its header, how the header maps, and the rows after it."""

    header_line: int
    header: list[str]
    plan: ColumnPlan
    rows: list[tuple[int, list[str]]]
    skipped: int
    """Non-blank records before the header."""


def read_table(path: Path, rules: list[MapRule], shown: str) -> tuple[Table, list[Problem]]:
    """Read the file: the header, how its columns map, and the rows after it.

    Returns the table and the problems that refuse the whole file (a line that is
    not CSV, a row whose cell count differs from the header's).

    Raises:
        ImportError_: Unreadable, not UTF-8, empty, or no column gives the name.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportError_(f"cannot read {shown}: {os_reason(exc)}") from None
    text = _decode(raw, shown)
    found = _find_header(text, rules)
    if found is None:
        raise _no_header(text, rules, shown)
    parsed, position = found
    header_line, header = parsed.records[position]
    plan, _ = resolve_columns(header, rules, strict_rules=True)  # now with its errors
    assert plan is not None  # resolved in _find_header without the strict checks
    refuse_unread_consent(header, plan, shown, header_line)
    rows = parsed.records[position + 1 :]
    problems = _shape_problems(rows, header, header_line, parsed.error, shown)
    return Table(header_line, header, plan, rows, position), problems


def _find_header(text: str, rules: list[MapRule]) -> tuple[_Parsed, int] | None:
    """The delimiter and header row that map the most columns: the parsed file and the
    header's position among its records (``None``: no row of any reading gives a name).

    Ties go to a reading without a CSV error, then to the earlier of :data:`DELIMITERS`.
    """
    best: tuple[tuple[int, int, int], _Parsed, int] | None = None
    for order, delimiter in enumerate(DELIMITERS):
        parsed = _parse(text, delimiter)
        for position, (_line, cells) in enumerate(parsed.records[:HEADER_SEARCH_ROWS]):
            plan, _why = resolve_columns(cells, rules, strict_rules=False)
            if plan is None:
                continue
            known = sum(len(c) for c in plan.targets.values())
            score = (known, -(parsed.error is not None), -order)
            if best is None or score > best[0]:
                best = (score, parsed, position)
            break
    return None if best is None else (best[1], best[2])


def _no_header(text: str, rules: list[MapRule], shown: str) -> ImportError_:
    """Why no header was found: the file is not CSV, is empty, a ``--map`` names a
    column that is not there, or no column gives the name (raised or returned)."""
    parsed = _parse(text, _likely_delimiter(text))
    if not parsed.records:
        if parsed.error:
            line, reason = parsed.error
            message = f"this is not CSV ({reason}); {_QUOTING_HINT}"
            return ImportError_(message, Problem(shown, line, 1, "error", message))
        return ImportError_(f"{shown} is empty; the first line must name the columns")
    line, cells = parsed.records[0]
    for rule in rules:  # a --map naming a column that is not there: say so (raises)
        resolve_columns(cells, [rule], strict_rules=True)
    message = (
        "no column gives the name: call a column `Name` (or `First Name` and `Last Name`), "
        'or add --map "COLUMN=name" (the columns are: '
        + ", ".join(c for c in cells if c.strip())
        + ")"
    )
    return ImportError_(message, Problem(shown, line, 1, "error", message))


def _shape_problems(
    rows: list[tuple[int, list[str]]],
    header: list[str],
    header_line: int,
    error: tuple[int, str] | None,
    shown: str,
) -> list[Problem]:
    """The rows whose cell count differs from the header's, and where the text stopped
    being CSV: each refuses the whole file."""
    problems: list[Problem] = []
    for line, cells in rows:
        if len(cells) != len(header):
            problems.append(
                Problem(
                    shown,
                    line,
                    1,
                    "error",
                    f"this row has {len(cells)} cells but the header (line {header_line}) has "
                    f"{len(header)}, so its columns would shift; {_QUOTING_HINT}",
                )
            )
    if error:
        line, reason = error
        problems.append(
            Problem(
                shown,
                line,
                1,
                "error",
                f"the row starting here is not CSV ({reason}); " + _QUOTING_HINT,
            )
        )
    return problems


def _likely_delimiter(text: str) -> str:
    r"""The candidate delimiter used most on the first non-blank line.

    >>> _likely_delimiter("\nName;Employer;Title\n")
    ';'
    >>> _likely_delimiter("Name\tEmployer, Inc.\tTitle")
    '\t'
    """
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=first.count)
