"""Import an alumni spreadsheet (CSV) as contact files.

One contact file per row. Column headers are matched to fields by name
(see :data:`COLUMN_ALIASES`, documented in docs/playbook.md); ``--map
COLUMN=FIELD`` adds or overrides a mapping. Each row is validated with the
same model as a hand-written file before anything is written; a bad row is
reported with its line number in the spreadsheet and skipped, the others are
imported. Existing files are never overwritten. An employer that is not yet
an organization of the guide gets a small organization file of its own.
"""

from __future__ import annotations

import csv
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
from .model import ID_RE, Contact, Organization, slugify
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

LIST_FIELDS = {"background.interests", "tags", "goals"}
_YES = {"yes", "y", "true", "1", "x", "public", "agreed"}
_NO = {"no", "n", "false", "0", "", "private"}
_SPLIT = re.compile(r"\s*[;|]\s*")


class ImportError_(Exception):
    """The spreadsheet or the mapping cannot be used at all."""


@dataclass
class ImportResult:
    """What an import did."""

    written: list[Path] = field(default_factory=list)
    organizations: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    """Column header -> field, as used."""
    ignored_columns: list[str] = field(default_factory=list)
    failure: str | None = None
    """Why the import stopped early: a file could not be written (rows after it were not
    imported; files written before it stay)."""


def fold_header(header: str) -> str:
    """``"Graduation Year"`` -> ``graduation year``."""
    return " ".join(re.sub(r"[^a-z0-9@]+", " ", header.lower()).split())


def parse_maps(items: list[str]) -> dict[str, str]:
    """Parse ``COLUMN=FIELD`` options.

    Raises:
        ImportError_: An item has no ``=`` or names an unknown field.
    """
    result: dict[str, str] = {}
    for item in items:
        column, sep, target = item.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise ImportError_(f"--map takes COLUMN=FIELD, not `{item}`")
        target = target.strip()
        if target not in FIELDS:
            raise ImportError_(
                f"--map {item}: unknown field `{target}`; the fields are: {', '.join(FIELDS)}"
            )
        result[fold_header(column)] = target
    return result


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Read a CSV file: its header and ``(line number, cells)`` rows.

    Raises:
        ImportError_: Unreadable, not UTF-8, or empty.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportError_(f"cannot read {path}: {os_reason(exc)}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportError_(
            f'{path} is not UTF-8 text; export the spreadsheet as "CSV UTF-8"'
        ) from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    for cells in reader:
        if header is None:
            if any(c.strip() for c in cells):
                header = cells
            continue
        if any(c.strip() for c in cells):
            rows.append((reader.line_num, cells))
    if header is None:
        raise ImportError_(f"{path} is empty; the first line must name the columns")
    return header, rows


def import_csv(
    path: Path,
    content_dir: Path,
    *,
    maps: dict[str, str] | None = None,
    display: str | None = None,
    root: Path | None = None,
) -> ImportResult:
    """Import every row of a CSV file into ``content_dir/contacts``.

    Arguments:
        path: The spreadsheet.
        content_dir: The guide's content folder.
        maps: Extra header -> field mappings (headers folded with :func:`fold_header`).
        display: How to name the CSV file in messages.
        root: Paths of written files are relative to this folder in messages.

    Raises:
        ImportError_: The file or the mapping cannot be used at all.
    """
    shown = display or path.name
    header, rows = read_rows(path)
    mapping: dict[int, str] = {}
    result = ImportResult()
    wanted = {**COLUMN_ALIASES, **(maps or {})}
    for index, column in enumerate(header):
        target = wanted.get(fold_header(column))
        if target is None:
            result.ignored_columns.append(column)
            continue
        if target in mapping.values():
            raise ImportError_(
                f"two columns fill `{target}` (the second is `{column}`); "
                f'map one elsewhere with --map "{column}=FIELD"'
            )
        mapping[index] = target
        result.mapping[column] = target
    if "name" not in mapping.values():
        raise ImportError_(
            f'{shown}: no column gives the name; call it `name` or add --map "COLUMN=name"'
        )
    contacts_dir = content_dir / "contacts"
    orgs_dir = content_dir / "organizations"
    existing_orgs = _existing_organizations(orgs_dir)
    taken: set[str] = (
        {p.stem for p in contacts_dir.glob("*.yml")} if contacts_dir.is_dir() else set()
    )
    pending_orgs: dict[str, dict[str, Any]] = {}
    for line, cells in rows:
        values = {
            target: cells[i].strip() if i < len(cells) else "" for i, target in mapping.items()
        }
        try:
            data, org = _row_to_contact(values, existing_orgs, pending_orgs)
            cid = unreserved(slugify(data["name"]))  # "Index" -> index-2 (reserved.py)
            if not cid:
                raise _RowError("the name has no letters or digits to make an id from")
            if cid in taken:
                raise _RowError(
                    f"contacts/{cid}.yml already exists; not overwritten (rename the person "
                    "in the spreadsheet or remove the file)"
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
        target_path = contacts_dir / f"{cid}.yml"
        try:
            _write_yaml(target_path, data, "contact", root or content_dir.parent)
        except FileExistsError:  # created meanwhile by someone else: still never overwritten
            result.problems.append(
                Problem(shown, line, 1, "error", f"row refused: contacts/{cid}.yml already exists")
            )
            continue
        except OSError as exc:
            result.failure = _failure(exc, target_path, root or content_dir.parent)
            return result
        if org is not None:
            pending_orgs[org[0]] = org[1]
        result.written.append(target_path)
    for oid, org_data in sorted(pending_orgs.items()):
        org_path = orgs_dir / f"{oid}.yml"
        if org_path.exists():
            continue
        try:
            _write_yaml(org_path, org_data, "organization", root or content_dir.parent)
        except FileExistsError:
            continue
        except OSError as exc:
            result.failure = _failure(exc, org_path, root or content_dir.parent)
            return result
        result.organizations.append(org_path)
    return result


def _failure(exc: OSError, path: Path, root: Path) -> str:
    """The message that stops an import: the file that could not be written, and why."""
    if isinstance(exc, NotADirectoryError) and exc.filename == str(path.parent):
        path = path.parent  # the folder is the problem, not the file
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = str(path)
    return f"cannot write {shown}, so the import stopped there: {os_reason(exc)}"


class _RowError(Exception):
    pass


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
            found[slugify(data["name"])] = path.stem
    return found


def _row_to_contact(
    values: dict[str, str], orgs: dict[str, str], pending: dict[str, dict[str, Any]]
) -> tuple[dict[str, Any], tuple[str, dict[str, Any]] | None]:
    name = values.get("name", "")
    if not name:
        raise _RowError("the name is empty")
    data: dict[str, Any] = {"name": name}
    connection: dict[str, Any] = {"type": "alumni"}
    background: dict[str, Any] = {}
    education: dict[str, Any] = {}
    new_org: tuple[str, dict[str, Any]] | None = None
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
        elif target == "organization":
            oid = orgs.get(value) or orgs.get(slugify(value))
            if oid is None:
                oid = unreserved(slugify(value)) if slugify(value) else ""
                if not oid or not ID_RE.match(oid):
                    raise _RowError(f"cannot make an organization id from `{value}`")
                org_data: dict[str, Any] = {"name": value}
                if values.get("industry"):
                    org_data["industry"] = values["industry"]
                Organization.model_validate({**org_data, "id": oid})
                new_org = (oid, pending.get(oid, org_data))
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
    return data, new_org


def _visibility(values: dict[str, str]) -> str | None:
    """The row's ``visibility`` from its consent and visibility cells (None: the default).

    Consent decides: a negative consent (or an empty consent cell) is never
    published, whatever the visibility column says, and a row that says both
    "no consent" and "public" is refused rather than guessed (docs/playbook.md).
    A positive consent with ``visibility: private`` stays private: the more
    private of the two wins.
    """
    shown = values.get("visibility", "")
    wanted = shown.strip().lower() or None
    if "consent" not in values:
        return shown.strip() or None  # validated by the model (public or private)
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
