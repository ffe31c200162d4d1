"""Import an alumni spreadsheet or a LinkedIn export (CSV) as contact files.

One contact file per row (docs/playbook.md, "Import a spreadsheet"):

- **Reading.** The file is UTF-8 (a byte-order mark is fine; UTF-16 with a mark
  too). At most the delimiter is guessed (comma, semicolon or tab); quoting is
  always RFC 4180's, as Excel, Google Sheets, LibreOffice and LinkedIn write
  it: a cell in double quotes may hold the delimiter and line breaks, and a
  quote inside it is doubled. Every row must have as many cells as the header,
  or the file is refused at that line: a cell cut in two never shifts the
  columns after it.
- **The header** is the first row with a column that gives the name (rows
  before it, such as the ``Notes:`` preamble of LinkedIn's Connections.csv,
  are skipped). Headers are matched to fields by name (:data:`COLUMN_ALIASES`);
  ``First Name`` and ``Last Name`` are joined into the name; a LinkedIn
  Connections export is recognised by its header (:data:`LINKEDIN`);
  ``--map COLUMN=FIELD`` adds or overrides a mapping and
  ``--map "First Name+Last Name=name"`` joins columns.
- **Checked first, then written.** Every row is validated with the same model
  as a hand-written file before anything is written; then the good rows are
  written and every refused row is reported with its line (docs/usage.md: "bad
  rows reported by row number, the rest imported"). An organization file is
  written only for an employer of a row that is written, and before it.
  Existing files are never overwritten; if a file cannot be written, the files
  this import wrote are removed again.
- **Ids** are folded from the name (ids.py); two different people with the
  same name get ``ana-lima`` and ``ana-lima-2``. A person already in the guide
  (a contact with the same name) is skipped, never imported twice, so the same
  file can be imported again once its refused rows are corrected.

An employer that is not yet an organization of the guide gets a small
organization file of its own, written before the contacts that link to it.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .errors import Problem, os_reason
from .ids import free_id, slugify
from .model import Contact, Organization
from .reserved import RESERVED_IDS, unreserved

FIELDS: tuple[str, ...] = (
    "name",
    "organization",
    "role",
    "pronouns",
    "location",
    "email",
    "phone",
    "linkedin",
    "connection.type",
    "connection.story",
    "background.transition",
    "background.notes",
    "background.interests",
    "education.school",
    "education.degree",
    "education.field",
    "education.year",
    "industry",
    "tags",
    "goals",
    "notes",
    "visibility",
    "consent",
)
"""The fields a column can fill (``education.*`` is the first school of ``background``;
``industry`` goes to a newly created organization; ``consent`` yes/no sets ``visibility``)."""

COLUMN_ALIASES: dict[str, str] = {
    "name": "name",
    "full name": "name",
    "alumnus": "name",
    "alumna": "name",
    "organization": "organization",
    "organisation": "organization",
    "employer": "organization",
    "company": "organization",
    "role": "role",
    "title": "role",
    "job title": "role",
    "position": "role",
    "pronouns": "pronouns",
    "location": "location",
    "city": "location",
    "email": "email",
    "e mail": "email",
    "email address": "email",
    "phone": "phone",
    "telephone": "phone",
    "linkedin": "linkedin",
    "linkedin url": "linkedin",
    "connection": "connection.type",
    "connection type": "connection.type",
    "how we know them": "connection.story",
    "story": "connection.story",
    "career change": "background.transition",
    "transition": "background.transition",
    "bio": "background.notes",
    "background": "background.notes",
    "interests": "background.interests",
    "school": "education.school",
    "university": "education.school",
    "degree": "education.degree",
    "major": "education.field",
    "field": "education.field",
    "field of study": "education.field",
    "year": "education.year",
    "class year": "education.year",
    "graduation year": "education.year",
    "grad year": "education.year",
    "industry": "industry",
    "sector": "industry",
    "tags": "tags",
    "topics": "goals",
    "notes": "notes",
    "visibility": "visibility",
    "consent": "consent",
    "agreed to be listed": "consent",
}
"""Spreadsheet headers (case, spaces and punctuation folded) and the field each fills."""

CONSENT_WORDS = frozenset(
    {
        "consent",
        "consents",
        "consented",
        "agree",
        "agreed",
        "agrees",
        "agreement",
        "permission",
        "permissions",
        "permit",
        "permitted",
        "publish",
        "published",
        "publishing",
        "listed",
        "listing",
        "optin",
    }
)
CONSENT_PHRASES = ("opt in", "opted in")
"""Folded header words and phrases that make a column the consent column when no column is
named exactly ``consent`` (``Consent (Y/N)``, ``Consent given``, ``Listing consent``)."""

CONSENT_HINTS = frozenset(
    {
        "share",
        "shared",
        "sharing",
        "public",
        "publicly",
        "private",
        "privacy",
        "gdpr",
        "allow",
        "allowed",
        "allows",
        "approve",
        "approved",
        "approval",
        "optout",
        "unlisted",
        "hide",
        "hidden",
        "withdraw",
        "withdrawn",
        "decline",
        "declined",
        "refuse",
        "refused",
    }
)
NEGATIONS = frozenset(
    {"no", "not", "non", "un", "dis", "nor", "never", "without", "dont", "doesnt", "cannot"}
    # a condition on the answer: `Publish? (leave blank = yes)` reads a blank cell as yes
    | {"blank", "empty", "leave", "left", "unless", "if", "otherwise", "else", "default"}
    | {"yes", "y", "n", "true", "false"}
)
"""Words that turn a consent header round, or make it conditional, when they stand next to
consent words (``No consent``, ``Non-consent``): never read as consent."""

OPT_OUTS = frozenset(
    {"optout", "forgotten", "dnc", "anonymous", "anonymously", "anon", "confidential"}
    | {"restricted", "restrict", "hidden", "hide", "private", "dissent", "dissents"}
    | {"dissented", "erase", "erased", "erasure", "objection", "objections", "object"}
    | {"objects", "objected", "objecting", "unlisted", "incognito", "secret", "optedout"}
)
OPT_OUT_PREFIXES = (
    "withdr",  # withdraw, withdrew, withdrawn, withdrawal
    "revok",
    "revoc",
    "refus",
    "deni",  # denied, denial
    "deny",
    "remov",
    "delet",
    "exclu",
    "suppress",
    "unpublish",
    "declin",
    "retract",
    "unsubscrib",
)
NEGATED_STEMS = ("consent", "agree", "publi", "list", "permi", "approv", "allow", "shar")
"""A word made of ``un``, ``non`` or ``dis`` and one of these (``Unconsented``,
``Nonconsent``, ``Disagree``, ``Unpublish``) is an opt-out too."""
OPT_OUT_PHRASES = ("opt out", "opted out", "don t", "do not", "does not", "right to be")
"""Words and phrases that say a person must NOT be published, alone (``Delete me``,
``Suppress``, ``DNC``) or next to consent words (``Withdrew consent``): such a column is
never read as consent and never ignored (docs/playbook.md, "Consent")."""
ANSWER_FORMATS = ("yes or no", "yes no", "y or n", "y n", "no yes", "n y", "true false")
"""How a header may spell the answers it expects (``Consent (Y/N)``): not a condition."""
# A consent-like column that is not read as consent (docs/playbook.md, "Consent"): its
# header only hints at consent (`Share publicly?`, `Privacy`), or says the opposite
# (`Do not publish`). Such a column is never silently ignored: the file is refused until
# it is mapped.

FIRST_NAMES = ("first name", "firstname", "given name", "given names", "forename")
MIDDLE_NAMES = ("middle name", "middle names")
LAST_NAMES = ("last name", "lastname", "family name", "surname")
"""Headers (folded) joined, in this order, into the name when no column gives it whole."""

LINKEDIN_SIGNATURE = frozenset({"first name", "last name", "company", "position", "connected on"})
"""Folded headers that together mark LinkedIn's Connections.csv."""

LINKEDIN: dict[str, str] = {"url": "linkedin", "connected on": "connected-on"}
"""Headers only a LinkedIn export gives a meaning to (the others are in COLUMN_ALIASES).

A LinkedIn connection is a first-degree connection made online, so its contacts get
``connection.type: online`` and ``connection.story`` "Connected on LinkedIn on DATE."
(docs/playbook.md); a column mapped to either field wins.
"""

LIST_FIELDS = {"background.interests", "tags", "goals"}
DELIMITERS = (",", ";", "\t")
"""The delimiters a file may use; the one that yields a header is chosen."""
HEADER_SEARCH_ROWS = 20
"""How many rows at the top may come before the header (a preamble)."""

_YES = {"yes", "y", "true", "1", "x", "public", "agreed"}
_NO = {"no", "n", "false", "0", "", "private"}
_SPLIT = re.compile(r"\s*[;|]\s*")
_QUOTING_HINT = (
    "a cell that holds the delimiter, a line break or a double quote must be in double "
    'quotes, with each quote inside doubled (""): export the file again from the spreadsheet '
    "as CSV, or correct that line"
)


class ImportError_(Exception):
    """The spreadsheet or the mapping cannot be used at all.

    ``problem``, when given, locates the reason in the file (``file.csv:7:1``).
    """

    def __init__(
        self, message: str, problem: Problem | None = None, *, usage: bool = False
    ) -> None:
        super().__init__(message)
        self.problem = problem
        self.usage = usage
        """The file needs a ``--map`` (exit 2, a usage error) rather than a correction."""


@dataclass(frozen=True)
class MapRule:
    """One ``--map COLUMN=FIELD`` (``COLUMN`` may join columns: ``First Name+Last Name``)."""

    text: str
    """As typed."""
    column: str
    """The left side, as typed."""
    target: str


@dataclass
class ImportResult:
    """What an import did."""

    written: list[Path] = field(default_factory=list)
    organizations: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Refused rows (the others are written), or the line that makes the file unreadable
    (then nothing is written)."""
    unreadable: bool = False
    """The file is not a table (``problems`` say where): nothing was written."""
    skipped: list[Problem] = field(default_factory=list)
    """Rows whose person is already in the guide (left as they are)."""
    warnings: list[Problem] = field(default_factory=list)
    """Rows imported in a way worth a look (a second person of the same name)."""
    notes: list[str] = field(default_factory=list)
    """How the file was read (a skipped preamble, a recognised LinkedIn export)."""
    mapping: dict[str, str] = field(default_factory=dict)
    """Column header (``First Name + Last Name`` when joined) -> field, as used."""
    ignored_columns: list[str] = field(default_factory=list)
    failure: str | None = None
    """Why nothing was imported although every row was good: a file could not be
    written (the files written before it were removed again)."""


def fold_header(header: str) -> str:
    """``"Graduation Year"`` -> ``graduation year``."""
    return " ".join(re.sub(r"[^a-z0-9@]+", " ", header.lower()).split())


def _opts_out(word: str) -> bool:
    """``Withdrew``, ``Unconsented``, ``Disagree``, ``DNC``: a word that refuses publication."""
    if word in OPT_OUTS or word.startswith(OPT_OUT_PREFIXES):
        return True
    return any(
        word.startswith(prefix) and word[len(prefix) :].startswith(NEGATED_STEMS)
        for prefix in ("non", "un", "dis")
    )


def consent_kind(folded: str) -> str | None:
    """How a folded header speaks of consent (docs/playbook.md, "Consent").

    ``consent`` (it may be read as the consent column), ``negated`` (it speaks of consent
    the other way round or on a condition: ``Do not publish``, ``Withdrew consent``,
    ``Publish? (leave blank = yes)``, or of an opt-out on its own: ``Delete me``),
    ``hint`` (``Share publicly?``) or ``None``. Conservative: a header is ``consent`` only
    when its words say consent and none of them negates it.
    """
    padded = f" {folded} "
    for answers in ANSWER_FORMATS:  # `Consent (Y/N)`: the answers, not a negation
        padded = padded.replace(f" {answers} ", " ")
    words = padded.split()
    padded = f" {' '.join(words)} "
    if any(_opts_out(w) for w in words) or any(f" {p} " in padded for p in OPT_OUT_PHRASES):
        return "negated"
    said = bool(set(words) & CONSENT_WORDS) or any(f" {p} " in padded for p in CONSENT_PHRASES)
    negated = bool(set(words) & NEGATIONS)
    if said:
        return "negated" if negated else "consent"
    if negated and set(words) & (CONSENT_HINTS | {"list", "show", "include", "display"}):
        return "negated"  # `Never share`, `No listing`
    return "hint" if set(words) & CONSENT_HINTS else None


def parse_maps(items: list[str]) -> list[MapRule]:
    """Parse ``COLUMN=FIELD`` options (``A+B=FIELD`` joins columns A and B).

    Raises:
        ImportError_: An item has no ``=`` or names an unknown field.
    """
    result: list[MapRule] = []
    for item in items:
        column, sep, target = item.rpartition("=")
        if not sep or not column.strip() or not target.strip():
            raise ImportError_(f"--map takes COLUMN=FIELD, not `{item}`")
        target = target.strip()
        if target not in FIELDS:
            raise ImportError_(
                f"--map {item}: unknown field `{target}`; the fields are: {', '.join(FIELDS)}"
            )
        result.append(MapRule(item, column.strip(), target))
    return result


@dataclass
class _Plan:
    """How the columns of a header fill the fields."""

    targets: dict[str, tuple[int, ...]]
    """Field -> the columns joined into it, in order."""
    ignored: list[int]
    linkedin: bool
    consent_by_words: int | None = None
    """The column read as consent for the words of its header (not an exact alias)."""


def _decode(raw: bytes, shown: str) -> str:
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
    """Read ``text`` as RFC 4180 CSV: double quotes, doubled inside (never guessed)."""
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


def _resolve(
    header: list[str], rules: list[MapRule], *, strict_rules: bool
) -> tuple[_Plan | None, str | None]:
    """Map the columns of ``header`` to fields.

    Returns the plan, or ``None`` with why when no column gives the name.

    Raises:
        ImportError_: (only with ``strict_rules``) a --map names a column the header
            lacks, or two columns fill one field.
    """
    folded = [fold_header(h) for h in header]
    index: dict[str, int] = {}
    for i, name in enumerate(folded):
        index.setdefault(name, i)
    targets: dict[str, tuple[int, ...]] = {}
    used: set[int] = set()
    for rule in rules:
        whole = fold_header(rule.column)
        parts = [whole] if whole in index else [fold_header(p) for p in rule.column.split("+")]
        missing = [p for p in parts if p not in index]
        if missing:
            if not strict_rules:
                continue
            raise ImportError_(
                f"--map {rule.text}: no column `{missing[0]}` in the header; its columns are: "
                + ", ".join(h for h in header if h.strip())
            )
        columns = tuple(index[p] for p in parts)
        if rule.target in targets or used.intersection(columns):
            if not strict_rules:
                continue
            raise ImportError_(
                f"--map {rule.text}: the field or a column is already mapped by another --map"
            )
        targets[rule.target] = columns
        used.update(columns)
    linkedin = set(folded) >= LINKEDIN_SIGNATURE
    aliases = {**COLUMN_ALIASES, **(LINKEDIN if linkedin else {})}
    automatic: dict[str, int] = {}
    for i, name in enumerate(folded):
        target = aliases.get(name)
        if i in used or target is None or target in targets:
            continue  # an explicit --map of the same field wins
        if target in automatic:
            if not strict_rules:
                continue
            first = header[automatic[target]]
            raise ImportError_(
                f"two columns fill `{target}` (`{first}` and `{header[i]}`); "
                f'map one elsewhere with --map "{header[i]}=FIELD"'
            )
        automatic[target] = i
    targets.update({target: (i,) for target, i in automatic.items()})
    used.update(automatic.values())
    by_words = None
    if "consent" not in targets:
        candidates = [
            i for i, name in enumerate(folded) if i not in used and consent_kind(name) == "consent"
        ]
        if len(candidates) == 1:  # several: none is guessed, each is refused below
            by_words = candidates[0]
            targets["consent"] = (by_words,)
            used.add(by_words)
    if "name" not in targets:
        pieces = [
            next((index[h] for h in group if h in index and index[h] not in used), None)
            for group in (FIRST_NAMES, MIDDLE_NAMES, LAST_NAMES)
        ]
        if pieces[0] is not None and pieces[2] is not None:
            targets["name"] = tuple(i for i in pieces if i is not None)
            used.update(targets["name"])
    if "name" not in targets:
        return None, "no column gives the name"
    ignored = [i for i in range(len(header)) if i not in used and header[i].strip()]
    return _Plan(targets, ignored, linkedin, by_words), None


@dataclass
class _Table:
    header_line: int
    header: list[str]
    plan: _Plan
    rows: list[tuple[int, list[str]]]
    skipped: int
    """Non-blank records before the header."""


def read_table(path: Path, rules: list[MapRule], shown: str) -> tuple[_Table, list[Problem]]:
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
    best: tuple[tuple[int, int, int], _Parsed, int, _Plan] | None = None
    for order, delimiter in enumerate(DELIMITERS):
        parsed = _parse(text, delimiter)
        for position, (_line, cells) in enumerate(parsed.records[:HEADER_SEARCH_ROWS]):
            plan, _why = _resolve(cells, rules, strict_rules=False)
            if plan is None:
                continue
            known = sum(len(c) for c in plan.targets.values())
            score = (known, -(parsed.error is not None), -order)
            if best is None or score > best[0]:
                best = (score, parsed, position, plan)
            break
    if best is None:
        parsed = _parse(text, _likely_delimiter(text))
        if not parsed.records:
            if parsed.error:
                line, reason = parsed.error
                message = f"this is not CSV ({reason}); {_QUOTING_HINT}"
                raise ImportError_(message, Problem(shown, line, 1, "error", message))
            raise ImportError_(f"{shown} is empty; the first line must name the columns")
        line, cells = parsed.records[0]
        for rule in rules:  # a --map naming a column that is not there: say so
            _resolve(cells, [rule], strict_rules=True)
        message = (
            "no column gives the name: call a column `Name` (or `First Name` and `Last Name`), "
            'or add --map "COLUMN=name" (the columns are: '
            + ", ".join(c for c in cells if c.strip())
            + ")"
        )
        raise ImportError_(message, Problem(shown, line, 1, "error", message))
    _score, parsed, position, _plan = best
    header_line, header = parsed.records[position]
    plan, _ = _resolve(header, rules, strict_rules=True)  # now with its errors
    assert plan is not None  # resolved above without the strict checks
    _refuse_unread_consent(header, plan, shown, header_line)
    problems: list[Problem] = []
    rows = parsed.records[position + 1 :]
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
    if parsed.error:
        line, reason = parsed.error
        problems.append(
            Problem(
                shown,
                line,
                1,
                "error",
                f"the row starting here is not CSV ({reason}); " + _QUOTING_HINT,
            )
        )
    table = _Table(header_line, header, plan, rows, position)
    return table, problems


def _refuse_unread_consent(header: list[str], plan: _Plan, shown: str, line: int) -> None:
    """Refuse a file with a consent-like column that is not read as consent.

    A consent ``no`` in a column the import does not read would publish the person
    anyway (with a ``public`` visibility): such a column is never ignored
    (docs/playbook.md, "Consent").

    Raises:
        ImportError_: (a usage error) naming the column and the ``--map`` that reads it.
    """
    for i in plan.ignored:
        column = header[i]
        kind = consent_kind(fold_header(column))
        if kind is None:
            continue
        current = plan.targets.get("consent")
        if kind == "negated" and current:
            message = (
                f"column `{column}` seems to say who must NOT be published (or says it on a "
                f"condition), and the import reads only the consent column `{header[current[0]]}` "
                "(yes: may be published): write no in that column for everyone this one holds "
                "back and remove this column, or, if it says nothing about publishing, map it "
                f'to another field (--map "{column}=notes")'
            )
        elif kind == "negated":
            message = (
                f"column `{column}` seems to say who must NOT be published (or says it on a "
                "condition), and the import reads only a consent column (yes: may be "
                "published): turn it into a consent column and import again, or map it to "
                f'another field (--map "{column}=notes") to keep everyone private'
            )
        else:
            already = (
                f"; consent is read from `{header[current[0]]}`, so map one of the two "
                "to another field"
                if current
                else ""
            )
            message = (
                f"column `{column}` may say whether the person agreed to be published, but it "
                f'is not read as consent: if it is, add --map "{column}=consent"{already}; if '
                f'not, map it to another field (--map "{column}=notes") or remove it from the '
                "file"
            )
        raise ImportError_(message, Problem(shown, line, 1, "error", message), usage=True)


def _likely_delimiter(text: str) -> str:
    """The candidate delimiter used most on the first non-blank line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=first.count)


def import_csv(
    path: Path,
    content_dir: Path,
    *,
    maps: list[MapRule] | None = None,
    display: str | None = None,
    root: Path | None = None,
) -> ImportResult:
    """Import the rows of a CSV file into ``content_dir/contacts``: every good row once all
    rows are checked; refused rows are reported, never half-written.

    Arguments:
        path: The spreadsheet.
        content_dir: The guide's content folder.
        maps: ``--map`` options (see :func:`parse_maps`).
        display: How to name the CSV file in messages.
        root: Paths of written files are relative to this folder in messages.

    Raises:
        ImportError_: The file or the mapping cannot be used at all.
    """
    shown = display or path.name
    root = root or content_dir.parent
    table, problems = read_table(path, maps or [], shown)
    result = ImportResult(problems=problems)
    header, plan = table.header, table.plan
    for target, columns in plan.targets.items():
        result.mapping[" + ".join(header[i] for i in columns)] = _shown_target(target)
    result.ignored_columns = [header[i] for i in plan.ignored]
    if table.skipped:
        before = "line 1" if table.header_line == 2 else f"lines 1-{table.header_line - 1}"
        result.notes.append(
            f"{shown}: the header is on line {table.header_line}; {before}, before it, "
            "skipped (a preamble)"
        )
    if plan.consent_by_words is not None:
        result.notes.append(
            f"{shown}: column `{header[plan.consent_by_words]}` read as consent: yes publishes "
            "the person, no or an empty cell keeps them private"
        )
    if plan.linkedin:
        result.notes.append(
            f"{shown}: read as a LinkedIn Connections export: the people are private "
            "contacts with connection.type online"
        )
    if problems:
        result.unreadable = True
        return result
    contacts_dir = content_dir / "contacts"
    orgs_dir = content_dir / "organizations"
    existing_orgs = _existing_organizations(orgs_dir)
    org_ids: set[str] = {p.stem for p in orgs_dir.glob("*.yml")} if orgs_dir.is_dir() else set()
    existing = _existing_contacts(contacts_dir)
    by_name: dict[str, str] = {}
    for ident, name in existing.items():
        if name is not None:
            by_name.setdefault(_fold_name(name), ident)
    taken: set[str] = set(existing) | set(RESERVED_IDS)
    seen_rows: dict[tuple[str, ...], int] = {}
    first_of_name: dict[str, tuple[int, str]] = {}
    pending_orgs: dict[str, dict[str, Any]] = {}
    planned: list[tuple[Path, dict[str, Any]]] = []
    for line, cells in table.rows:
        values = {target: _cell(cells, columns, target) for target, columns in plan.targets.items()}
        try:
            repeated = seen_rows.setdefault(tuple(c.strip() for c in cells), line)
            if repeated != line:
                raise _RowError(f"this row repeats line {repeated}; remove one of the two")
            data = _row_to_contact(
                values,
                existing_orgs,
                pending_orgs,
                org_ids,
                "online" if plan.linkedin else "alumni",
            )
            folded = _fold_name(data["name"])
            if folded in by_name:
                ident = by_name[folded]
                result.skipped.append(
                    Problem(
                        shown,
                        line,
                        1,
                        "warning",
                        f"{data['name']} is already in the guide (contacts/{ident}.yml): "
                        "skipped, that file is left as it is (for another person of the same "
                        f'name, run prepguide new contact "{data["name"]}" --id ANOTHER-ID)',
                    )
                )
                continue
            base = unreserved(slugify(data["name"]))  # "Index" -> index-2 (reserved.py)
            cid = free_id(base, taken, fallback="contact")
            if base in existing and existing[base] is None:  # perhaps this person: never guess
                raise _RowError(
                    f"contacts/{base}.yml already exists; not overwritten (correct or remove "
                    "that file, or rename the person in the spreadsheet)"
                )
            Contact.model_validate({**data, "id": cid})
        except _RowError as exc:
            result.problems.append(Problem(shown, line, 1, "error", f"row refused: {exc}"))
            continue
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            result.problems.append(
                Problem(shown, line, 1, "error", f"row refused: `{where}`: {first['msg']}")
            )
            continue
        taken.add(cid)
        if cid != (base or "contact"):
            earlier = first_of_name.get(folded)
            why = (
                f"a second {data['name']} (line {earlier[0]} is {earlier[1]})"
                if earlier
                else f"`{base or 'contact'}` is taken"
            )
            result.warnings.append(
                Problem(
                    shown,
                    line,
                    1,
                    "warning",
                    f"{why}, so this person's id is `{cid}`; if it is the same person, "
                    "remove one of the rows",
                )
            )
        first_of_name.setdefault(folded, (line, cid))
        planned.append((contacts_dir / f"{cid}.yml", data))
    employers = {d.get("organization") for _p, d in planned}
    writes = [
        (orgs_dir / f"{oid}.yml", d, "organization")
        for oid, d in pending_orgs.items()
        if oid in employers  # not the employer of a refused row only
    ]
    writes += [(p, d, "contact") for p, d in planned]
    done: list[Path] = []
    for target_path, data, kind in writes:
        try:
            _write_yaml(target_path, data, kind, root)
        except OSError as exc:
            for written in reversed(done):
                try:
                    written.unlink()
                except OSError:  # pragma: no cover - it was just written
                    continue
            result.failure = _failure(exc, target_path, root)
            return result
        done.append(target_path)
    result.organizations = [p for p, _d, kind in writes if kind == "organization"]
    result.written = [p for p, _d, kind in writes if kind == "contact"]
    return result


def _shown_target(target: str) -> str:
    return "connection.story" if target == "connected-on" else target


def _cell(cells: list[str], columns: tuple[int, ...], target: str) -> str:
    """The value of a field: its cell, or its cells joined (a space, ``; `` for lists)."""
    parts = [cells[i].strip() for i in columns if cells[i].strip()]
    return ("; " if target in LIST_FIELDS else " ").join(parts)


def _fold_name(name: str) -> str:
    return " ".join(name.casefold().split())


def _failure(exc: OSError, path: Path, root: Path) -> str:
    """The message that stops an import: the file that could not be written, and why."""
    if isinstance(exc, FileExistsError):
        reason = "it appeared while the import ran; run the import again"
    else:
        reason = os_reason(exc)
    if isinstance(exc, NotADirectoryError) and exc.filename == str(path.parent):
        path = path.parent  # the folder is the problem, not the file
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = str(path)
    return f"cannot write {shown}, so nothing was imported: {reason}"


class _RowError(Exception):
    pass


def _existing_contacts(folder: Path) -> dict[str, str | None]:
    """Contact ids with their names (``None`` when the file does not load)."""
    found: dict[str, str | None] = {}
    if not folder.is_dir():
        return found
    yaml = YAML(typ="safe")
    for path in sorted(folder.glob("*.yml")):
        found[path.stem] = None
        try:
            data = yaml.load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, YAMLError):  # reported by `check`, not here
            continue
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            found[path.stem] = data["name"]
    return found


def _connected_on(value: str) -> str:
    """LinkedIn's ``15 Mar 2023`` as ``2023-03-15`` (other spellings kept as they are)."""
    for pattern in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return value.strip()


def _existing_organizations(folder: Path) -> dict[str, str]:
    """Organization ids by folded name and by id."""
    found: dict[str, str] = {}
    if not folder.is_dir():
        return found
    yaml = YAML(typ="safe")
    for path in sorted(folder.glob("*.yml")):
        if path.stem in RESERVED_IDS:  # refused by `check`; never link to it
            continue
        found[path.stem] = path.stem
        try:
            data = yaml.load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, YAMLError):  # reported by `check`, not here
            continue
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            found.setdefault(_org_key(data["name"]), path.stem)
    return found


def _org_key(name: str) -> str:
    """How an employer is matched to an organization: its folded name."""
    return slugify(name) or "\0" + " ".join(name.casefold().split())


def _row_to_contact(
    values: dict[str, str],
    orgs: dict[str, str],
    pending: dict[str, dict[str, Any]],
    org_ids: set[str],
    connection_type: str,
) -> dict[str, Any]:
    """The contact of one row; a new employer is added to ``orgs``, ``pending`` and ``org_ids``."""
    name = values.get("name", "")
    if not name:
        raise _RowError("the name is empty")
    data: dict[str, Any] = {"name": name}
    connection: dict[str, Any] = {"type": connection_type}
    background: dict[str, Any] = {}
    education: dict[str, Any] = {}
    for target, value in values.items():
        if not value or target in ("name", "industry"):
            continue
        if target in LIST_FIELDS:
            items = [v for v in _SPLIT.split(value) if v]
            if target == "background.interests":
                background["interests"] = items
            else:
                data[target] = items
        elif target.startswith("connection."):
            connection[target.split(".", 1)[1]] = value
        elif target.startswith("background."):
            background[target.split(".", 1)[1]] = value
        elif target.startswith("education."):
            key = target.split(".", 1)[1]
            if key == "year":
                if not re.fullmatch(r"(19|20)\d\d", value):
                    raise _RowError(f"`{value}` is not a graduation year like 2014")
                education[key] = int(value)
            else:
                education[key] = value
        elif target == "consent":
            continue  # decided after the loop, with the visibility column
        elif target == "connected-on":  # LinkedIn's Connected On, unless a story is mapped
            connection.setdefault("story", f"Connected on LinkedIn on {_connected_on(value)}.")
        elif target == "organization":
            oid = orgs.get(value) or orgs.get(_org_key(value))
            if oid is None:
                oid = free_id(
                    unreserved(slugify(value)), org_ids | RESERVED_IDS, fallback="organization"
                )
                org_data: dict[str, Any] = {"name": value}
                if values.get("industry"):
                    org_data["industry"] = values["industry"]
                Organization.model_validate({**org_data, "id": oid})
                pending[oid] = org_data
                org_ids.add(oid)
                orgs[_org_key(value)] = oid
            data["organization"] = oid
        else:
            data[target] = value
    visibility = _visibility(values)
    if visibility is None:
        data.pop("visibility", None)
    else:
        data["visibility"] = visibility
    if education:
        if "school" not in education:
            raise _RowError("a degree, field or year is given without a school")
        background["education"] = [education]
    data["connection"] = connection
    if background:
        data["background"] = background
    return data


def _visibility(values: dict[str, str]) -> str | None:
    """The row's ``visibility`` from its consent and visibility cells (None: the default).

    Consent decides: a negative consent (or an empty consent cell) is never
    published, whatever the visibility column says, and a row that says both
    "no consent" and "public" is refused rather than guessed (docs/playbook.md).
    A positive consent with ``visibility: private`` stays private: the more
    private of the two wins. Without a consent column nobody is published:
    ``visibility: public`` is refused.
    """
    shown = values.get("visibility", "")
    wanted = shown.strip().lower() or None
    if "consent" not in values:
        if wanted == "public":
            raise _RowError(
                f"visibility `{shown}` but no consent column: a person is published only with "
                "their consent; add a consent column (yes or no) to the file, or leave the "
                "visibility empty"
            )
        return shown.strip() or None  # validated by the model (private)
    consent = values["consent"]
    folded = consent.strip().lower()
    if folded in _YES:
        agreed = True
    elif folded in _NO:
        agreed = False
    else:
        raise _RowError(f"consent `{consent}` is not yes or no")
    if wanted == "public" and not agreed:
        said = f"consent `{consent}`" if folded else "an empty consent cell"
        raise _RowError(
            f"visibility `{shown}` contradicts {said}; a person is published only with "
            "consent `yes`: correct one of the two cells"
        )
    if wanted not in (None, "public"):
        return shown.strip()  # `private`, or a value the model refuses with its message
    return "public" if agreed else "private" if folded else wanted


def _write_yaml(path: Path, data: dict[str, Any], kind: str, root: Path) -> None:
    from .scaffold import schema_line

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where the folder should be
        raise NotADirectoryError(
            errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path.parent)
        ) from None
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    buffer.write(
        f"{schema_line(kind, path, root)}\n# Imported by `prepguide import`; edit freely.\n"
    )
    yaml.dump(data, buffer)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(buffer.getvalue())
