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

The steps live in their own modules: :mod:`prepguide.write.import_table` reads the
CSV, :mod:`prepguide.write.import_columns` maps its header to fields (and reads
``--map``), :mod:`prepguide.write.import_rows` turns a row into a contact; this module
checks every row against the guide and writes the files.
"""

from __future__ import annotations

import errno
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..errors import Problem, os_reason
from ..ids import free_id, slugify
from ..read.model import Contact
from ..reserved import RESERVED_IDS, unreserved
from .import_columns import FIELDS, ColumnPlan, ImportError_, MapRule, parse_maps
from .import_rows import RowError, cell_value, fold_name, org_key, row_to_contact
from .import_table import Table, read_table

__all__ = ["FIELDS", "ImportError_", "ImportResult", "MapRule", "import_csv", "parse_maps"]


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
    _describe(table, shown, result)
    if problems:
        result.unreadable = True
        return result
    rows = _RowChecker.for_guide(content_dir, table.plan, shown)
    for line, cells in table.rows:
        rows.check(line, cells, result)
    employers = {d.get("organization") for _p, d in rows.planned}
    writes = [
        (content_dir / "organizations" / f"{oid}.yml", d, "organization")
        for oid, d in rows.pending_orgs.items()
        if oid in employers  # not the employer of a refused row only
    ]
    writes += [(p, d, "contact") for p, d in rows.planned]
    _write_all(writes, root, result)
    return result


def _describe(table: Table, shown: str, result: ImportResult) -> None:
    """Record how the file was read: the mapping, ignored columns and notes."""
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


@dataclass
class _RowChecker:
    """Checks the rows of one import, in order, against the guide and the rows before."""

    shown: str
    plan: ColumnPlan
    contacts_dir: Path
    existing: dict[str, str | None]
    """Contact ids in the guide with their names (``None``: the file does not load)."""
    existing_orgs: dict[str, str]
    org_ids: set[str]
    by_name: dict[str, str]
    """Folded name -> the id of the contact in the guide with that name."""
    taken: set[str]
    seen_rows: dict[tuple[str, ...], int] = field(default_factory=dict)
    first_of_name: dict[str, tuple[int, str]] = field(default_factory=dict)
    pending_orgs: dict[str, dict[str, Any]] = field(default_factory=dict)
    planned: list[tuple[Path, dict[str, Any]]] = field(default_factory=list)
    """The contact files to write, with their data."""

    @classmethod
    def for_guide(cls, content_dir: Path, plan: ColumnPlan, shown: str) -> _RowChecker:
        """A checker that knows the contacts and organizations already in the guide."""
        contacts_dir = content_dir / "contacts"
        orgs_dir = content_dir / "organizations"
        existing = _existing_contacts(contacts_dir)
        by_name: dict[str, str] = {}
        for ident, name in existing.items():
            if name is not None:
                by_name.setdefault(fold_name(name), ident)
        return cls(
            shown=shown,
            plan=plan,
            contacts_dir=contacts_dir,
            existing=existing,
            existing_orgs=_existing_organizations(orgs_dir),
            org_ids={p.stem for p in orgs_dir.glob("*.yml")} if orgs_dir.is_dir() else set(),
            by_name=by_name,
            taken=set(existing) | set(RESERVED_IDS),
        )

    def check(self, line: int, cells: list[str], result: ImportResult) -> None:
        """Plan the row's contact file, or record why it is refused or skipped."""
        values = {t: cell_value(cells, columns, t) for t, columns in self.plan.targets.items()}
        try:
            data = self._data(line, cells, values)
            folded = fold_name(data["name"])
            if folded in self.by_name:
                result.skipped.append(self._already(line, data["name"], self.by_name[folded]))
                return
            base, cid = self._new_id(data)
        except RowError as exc:
            result.problems.append(Problem(self.shown, line, 1, "error", f"row refused: {exc}"))
            return
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            result.problems.append(
                Problem(self.shown, line, 1, "error", f"row refused: `{where}`: {first['msg']}")
            )
            return
        self.taken.add(cid)
        if cid != (base or "contact"):
            earlier = self.first_of_name.get(folded)
            why = (
                f"a second {data['name']} (line {earlier[0]} is {earlier[1]})"
                if earlier
                else f"`{base or 'contact'}` is taken"
            )
            result.warnings.append(
                Problem(
                    self.shown,
                    line,
                    1,
                    "warning",
                    f"{why}, so this person's id is `{cid}`; if it is the same person, "
                    "remove one of the rows",
                )
            )
        self.first_of_name.setdefault(folded, (line, cid))
        self.planned.append((self.contacts_dir / f"{cid}.yml", data))

    def _data(self, line: int, cells: list[str], values: dict[str, str]) -> dict[str, Any]:
        """The contact data of a row that does not repeat an earlier one."""
        repeated = self.seen_rows.setdefault(tuple(c.strip() for c in cells), line)
        if repeated != line:
            raise RowError(f"this row repeats line {repeated}; remove one of the two")
        return row_to_contact(
            values,
            self.existing_orgs,
            self.pending_orgs,
            self.org_ids,
            "online" if self.plan.linkedin else "alumni",
        )

    def _new_id(self, data: dict[str, Any]) -> tuple[str, str]:
        """The id folded from the name and the free id the contact gets (checked)."""
        base = unreserved(slugify(data["name"]))  # "Index" -> index-2 (reserved.py)
        cid = free_id(base, self.taken, fallback="contact")
        if base in self.existing and self.existing[base] is None:  # perhaps this person
            raise RowError(
                f"contacts/{base}.yml already exists; not overwritten (correct or remove "
                "that file, or rename the person in the spreadsheet)"
            )
        Contact.model_validate({**data, "id": cid})
        return base, cid

    def _already(self, line: int, name: str, ident: str) -> Problem:
        """The warning for a person already in the guide (the row is skipped)."""
        return Problem(
            self.shown,
            line,
            1,
            "warning",
            f"{name} is already in the guide (contacts/{ident}.yml): "
            "skipped, that file is left as it is (for another person of the same "
            f'name, run prepguide new contact "{name}" --id ANOTHER-ID)',
        )


def _write_all(
    writes: list[tuple[Path, dict[str, Any], str]], root: Path, result: ImportResult
) -> None:
    """Write the files in order; when one fails, remove those written and say why."""
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
            return
        done.append(target_path)
    result.organizations = [p for p, _d, kind in writes if kind == "organization"]
    result.written = [p for p, _d, kind in writes if kind == "contact"]


def _shown_target(target: str) -> str:
    """A field as the mapping shows it.

    >>> _shown_target("connected-on"), _shown_target("education.year")
    ('connection.story', 'education.year')
    """
    return "connection.story" if target == "connected-on" else target


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
            found.setdefault(org_key(data["name"]), path.stem)
    return found


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
