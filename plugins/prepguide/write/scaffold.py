"""Write new files from the templates in ``scaffold/``: a contact, an organization, a guide.

``prepguide new`` fills a commented template (``scaffold/contact.yml``,
``scaffold/organization.yml``) with the name, the organization and the
referring contact; ``prepguide init`` copies ``scaffold/init/common`` plus
``personal`` or ``playbook`` into an empty folder.

Placeholders in templates are ``%%key%%``; a placeholder alone on a line that
receives an empty value removes the line. A template file or folder named
``dot-x`` is written as ``.x`` (package data skips dot files), so
``dot-github/workflows/site.yml`` becomes ``.github/workflows/site.yml``.

**The ``$schema`` line.** A new file starts with a ``yaml-language-server``
line pointing at prepguide's JSON Schema when the guide holds the schemas
itself: ``plugins/prepguide/schemas/`` (the prepguide repository, like the
example guide) or ``schemas/`` at the guide's root; the path is relative to
the new file. Otherwise the first line only names the schema file, since a
path into an installed package or a virtual environment would not survive a
clone of the guide on another machine.

Nothing is ever overwritten: files are created with ``open(…, "x")``.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import Problem, dangling_link, dangling_message, os_reason
from ..ids import slugify
from ..read.fields import ID_RE
from ..read.loader import LoadError, load_bytes
from ..read.validate import Kind, validate_document
from ..reserved import RESERVED_IDS, unreserved
from .install_source import PLACEHOLDER, Source, comment_lines, installed_source, pre_commit_hook
from .scaffold_text import clean_name, comment_text, render, yaml_scalar

__all__ = [
    "FOLDER",
    "NewFile",
    "ScaffoldError",
    "Source",
    "clean_name",
    "init_files",
    "init_guide",
    "installed_source",
    "local_timezone",
    "new_file",
    "schema_line",
    "unfilled_blanks",
]

NewKind = Literal["contact", "organization"]
FOLDER: dict[str, str] = {"contact": "contacts", "organization": "organizations"}
SCHEMA_DIRS: tuple[str, ...] = ("plugins/prepguide/schemas", "schemas")
"""Where a guide may hold prepguide's JSON Schemas, relative to its root."""


class ScaffoldError(Exception):
    """A file or guide cannot be created; ``exists`` tells a refusal to overwrite."""

    def __init__(self, message: str, *, exists: bool = False) -> None:
        super().__init__(message)
        self.exists = exists


@dataclass(frozen=True)
class NewFile:
    """A file written by :func:`new_file`."""

    path: Path
    ident: str
    warnings: list[str] = field(default_factory=list)
    """Similar names already in the guide (the file was written anyway)."""


# --- small helpers ---------------------------------------------------------------------------


def templates() -> Traversable:
    """The folder of templates inside the installed package."""
    return resources.files("prepguide") / "scaffold"


def schema_line(kind: str, target: Path, root: Path) -> str:
    """The first line of a new file: a ``$schema`` modeline, or a note naming the schema.

    Arguments:
        kind: ``contact``, ``organization`` or ``profile``.
        target: The file about to be written.
        root: The guide's root folder.
    """
    name = f"{kind}.schema.json"
    for folder in SCHEMA_DIRS:
        schema = root / folder / name
        if schema.is_file():
            relative = os.path.relpath(schema, target.parent).replace(os.sep, "/")
            return f"# yaml-language-server: $schema={relative}"
    return f"# Fields: see {name} in the prepguide package (prepguide/schemas/)."


def similar(name: str, known: Mapping[str, str], *, cutoff: float = 0.85) -> list[str]:
    """Return ids whose name (or id) looks like ``name``.

    Arguments:
        name: The new name.
        known: Existing ids with their names.
        cutoff: How alike the folded names must be (0-1).

    >>> similar("Grace ONeil", {"grace-oneil": "Grace O'Neil", "mei-fontaine": "Mei Fontaine"})
    ['grace-oneil']
    >>> similar("Fontaine Mei", {"mei-fontaine": "Mei Fontaine"})
    ['mei-fontaine']
    """
    slug = slugify(name)
    words = sorted(slug.split("-"))
    found: list[str] = []
    for ident, other in sorted(known.items()):
        other_slug = slugify(other) or ident
        ratio = max(
            difflib.SequenceMatcher(None, slug, other_slug).ratio(),
            difflib.SequenceMatcher(None, slug, ident).ratio(),
        )
        if ratio >= cutoff or (len(words) > 1 and words == sorted(other_slug.split("-"))):
            found.append(ident)
    return found


def validate_text(text: str, kind: Kind, ident: str | None, display: str) -> list[str]:
    """Validate the text of a new file; return formatted errors (none expected)."""
    try:
        doc = load_bytes(text.encode("utf-8"), display)
    except LoadError as exc:
        return [exc.problem.format()]
    _model, problems = validate_document(doc, kind, ident)
    return [p.format() for p in problems if p.severity == "error"]


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; never replace an existing file.

    Raises:
        ScaffoldError: The file exists (``exists=True``) or cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ScaffoldError(
            f"cannot create the folder {path.parent}: a file of that name is in the way; "
            "rename or remove it"
        ) from None
    except OSError as exc:
        folder = exc.filename or path.parent
        raise ScaffoldError(f"cannot create the folder {folder}: {os_reason(exc)}") from None
    written = False
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            written = True
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} exists; prepguide never overwrites", exists=True) from None
    except OSError as exc:
        if written:  # created but not filled (disk full): leave no half-written file
            with contextlib.suppress(OSError):
                path.unlink()
        raise ScaffoldError(f"cannot write {path}: {os_reason(exc)}") from None


# --- prepguide new ---------------------------------------------------------------------------


def contact_text(
    name: str,
    ident: str,
    *,
    schema: str,
    organization: str | None = None,
    via: str | None = None,
    via_name: str | None = None,
) -> str:
    """Return the YAML of a new contact file.

    >>> text = contact_text(
    ...     "Ana Ruiz", "ana-ruiz", schema="# yaml-language-server: $schema=../../schemas/contact.json",
    ...     via="anais", via_name="Anaïs Petit",
    ... )
    >>> print("\\n".join(line for line in text.splitlines() if line and line.lstrip()[0] != "#"))
    name: Ana Ruiz
    connection:
      type: mutual
      via: anais
    meeting:
      status: researching  # researching, to-contact, requested, scheduled, met, thanked, closed
      duration: 20  # minutes, 5 to 120
    """
    if organization:
        org_line = f"organization: {organization}"
    else:
        org_line = (
            "# organization: an-organization-id  # a file in organizations/ "
            '(`prepguide new organization "Name"`)'
        )
    if via:
        who = comment_text(via_name or via)
        connection = (
            f"# A referral from {who} (contacts/{via}.yml), who can introduce you.\n"
            "connection:\n"
            "  type: mutual\n"
            f"  via: {via}\n"
            f"  # story: How {who} knows them, and what {who} said about them.\n"
            "  # last_spoke: 2027-01-05"
        )
    else:
        connection = (
            "# How you know them. type: family, friend, colleague, mentor, alumni, mutual,\n"
            "# conference, online or cold; via: the id of the contact who introduces you.\n"
            "# connection:\n"
            "#   type: alumni\n"
            "#   story: Where you met, or why you are writing to them.\n"
            "#   last_spoke: 2026-06-01"
        )
    return _new_file_text(
        "contact.yml", name, ident, schema, organization=org_line, connection=connection
    )


def organization_text(name: str, ident: str, *, schema: str) -> str:
    """Return the YAML of a new organization file."""
    return _new_file_text("organization.yml", name, ident, schema)


def _new_file_text(template: str, name: str, ident: str, schema: str, **values: str) -> str:
    """A scaffold template filled with the new file's name, id and schema (and ``values``)."""
    text = (templates() / template).read_text(encoding="utf-8")
    fields = {"schema": schema, "name": yaml_scalar(name), "name_comment": comment_text(name)}
    return render(text, {**fields, "id": ident, **values})


def new_file(
    kind: NewKind,
    name: str,
    *,
    content_dir: Path,
    root: Path,
    known: Mapping[str, str],
    organizations: Mapping[str, str] | None = None,
    contacts: Mapping[str, str] | None = None,
    organization: str | None = None,
    via: str | None = None,
    ident: str | None = None,
) -> NewFile:
    """Write a new contact or organization file from its template.

    Arguments:
        kind: ``contact`` or ``organization``.
        name: The person's or organization's name (whitespace is collapsed).
        content_dir: The guide's content folder.
        root: The guide's root (for the ``$schema`` path and messages).
        known: Existing ids of this kind with their names.
        organizations: Existing organization ids with names (``--org`` check).
        contacts: Existing contact ids with names (``--via`` check).
        organization: ``--org``: the organization id, which must exist.
        via: ``--via``: the id of the contact who referred this one, which must exist.
        ident: An explicit id instead of the one folded from the name.

    Raises:
        ScaffoldError: The name gives no id, an id is unknown, or the file
            exists (``exists=True``; the message names the existing file).
    """
    name = clean_name(name)
    if not name:
        raise ScaffoldError('the name is empty; write it in quotes: "Grace O\'Neil"')
    ident, notes = _new_id(kind, name, ident)
    folder = content_dir / FOLDER[kind]
    via_name = _check_links(organization, organizations or {}, via, contacts or {})
    path = folder / f"{ident}.yml"
    display = _display(path, root)
    _refuse_existing(path, ident, known, display)
    warnings = notes + [
        f"a {kind} with the same name exists: `{other}` ({known[other]}); is it the same one?"
        if known[other].casefold() == name.casefold()
        else f"a similar {kind} exists: `{other}` ({known[other]}); is it the same one?"
        for other in similar(name, known)
    ]
    schema = schema_line(kind, path, root)
    if kind == "contact":
        text = contact_text(
            name, ident, schema=schema, organization=organization, via=via, via_name=via_name
        )
    else:
        text = organization_text(name, ident, schema=schema)
    errors = validate_text(text, kind, ident, display)
    if errors:  # pragma: no cover - the templates are tested
        raise ScaffoldError("the new file would not be valid:\n" + "\n".join(errors))
    write_new(path, text)
    return NewFile(path=path, ident=ident, warnings=warnings)


def _new_id(kind: NewKind, name: str, ident: str | None) -> tuple[str, list[str]]:
    """The id of the new file (folded from the name unless given) and a note on it.

    A reserved id folded from the name gets a suffix (with a note); a reserved or
    malformed ``--id`` is refused.

    Raises:
        ScaffoldError: No id can be made from the name, or ``ident`` is not usable.
    """
    notes: list[str] = []
    if ident is None:
        ident = slugify(name)
        if not ident:
            raise ScaffoldError(
                f"cannot make an id from `{name}`; give one with --id (lowercase words "
                "joined by hyphens, e.g. --id wang-xiaoming)"
            )
        if ident in RESERVED_IDS:
            notes.append(
                f"the id `{ident}` is reserved for the generated {FOLDER[kind]} page, so this "
                f"{kind} gets `{unreserved(ident)}` (or choose one with --id)"
            )
            ident = unreserved(ident)
    elif not ID_RE.match(ident):
        raise ScaffoldError(
            f"`{ident}` is not an id; use lowercase words joined by hyphens, "
            f"like `{slugify(ident) or 'jane-doe'}`"
        )
    elif ident in RESERVED_IDS:
        raise ScaffoldError(
            f"the id `{ident}` is reserved: {FOLDER[kind]}/{ident}.yml would take the place of "
            f"the generated {FOLDER[kind]} page; pick another id, e.g. --id {unreserved(ident)}"
        )
    return ident, notes


def _check_links(
    organization: str | None,
    organizations: Mapping[str, str],
    via: str | None,
    contacts: Mapping[str, str],
) -> str | None:
    """Check that ``--org`` and ``--via`` name existing files; return the referrer's name.

    Raises:
        ScaffoldError: An id is unknown (with a did-you-mean, or how to create it).
    """
    from .edit import suggest_id

    if organization is not None and organization not in organizations:
        guess = suggest_id(organization, organizations)
        hint = (
            f"did you mean `{guess}`?"
            if guess
            else f'create it first with `prepguide new organization "{organization}"`'
        )
        raise ScaffoldError(f"--org: no organization `{organization}`; {hint}")
    if via is None:
        return None
    if via not in contacts:
        guess = suggest_id(via, contacts)
        hint = f"did you mean `{guess}`?" if guess else "give the id of an existing contact"
        raise ScaffoldError(f"--via: no contact `{via}`; {hint}")
    return contacts[via]


def _refuse_existing(path: Path, ident: str, known: Mapping[str, str], display: str) -> None:
    """Refuse to write over a file, a dangling link or a known id (``exists=True``)."""
    target = dangling_link(path)
    if target is not None:  # not "nowhere exists": the link is there, its file is not
        message = dangling_message(f"{path.parent.name}/{path.name}", target)
        raise ScaffoldError(f"{message}, or pick another id with --id", exists=True)
    if path.exists() or ident in known:
        existing = known.get(ident)
        who = f" ({existing})" if existing and existing != ident else ""
        raise ScaffoldError(
            f"{display} exists{who}; prepguide never overwrites: edit that file, "
            "or pick another id with --id",
            exists=True,
        )


# --- prepguide init --------------------------------------------------------------------------


def local_timezone() -> str:
    """Best guess of this computer's IANA time zone, else ``UTC``."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    link = os.path.realpath("/etc/localtime")
    if "zoneinfo/" in link:
        candidates.append(link.split("zoneinfo/", 1)[1])
    for name in candidates:
        if not name or name.startswith("/") or name in ("localtime", "posixrules"):
            continue
        name = name.removeprefix("posix/").removeprefix("right/")
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return name
    return "UTC"


def _walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        relative = f"{prefix}{item.name}"
        if item.is_dir():
            yield from _walk(item, relative + "/")
        elif not item.name.endswith((".pyc", ".pyo")):
            yield relative, item


def _destination(relative: str) -> str:
    """A template's path as written into the guide: ``dot-x`` becomes ``.x``.

    >>> _destination("dot-github/workflows/site.yml")
    '.github/workflows/site.yml'
    """
    parts = [
        "." + part[len("dot-") :] if part.startswith("dot-") else part
        for part in relative.split("/")
    ]
    return "/".join(parts)


def init_files(
    *, playbook: bool = False, timezone: str | None = None, source: Source | None = None
) -> dict[str, str]:
    """Return the files of a new guide: relative path → text.

    Arguments:
        playbook: A career office's public playbook instead of a personal guide.
        timezone: The ``timezone`` option to write (default: this computer's).
        source: Where a playbook installs prepguide from (``requirements.txt`` and
            ``.pre-commit-config.yaml``); default: where the running prepguide was
            installed from (:func:`installed_source`).
    """
    base = templates() / "init"
    files: dict[str, str] = {}
    for variant in ("common", "playbook" if playbook else "personal"):
        for relative, item in _walk(base / variant):
            files[_destination(relative)] = item.read_text(encoding="utf-8")
    zone = timezone or local_timezone()
    sourced: dict[str, str] = {}
    if playbook:
        source = source or installed_source()
        sourced = {
            "requirement": source.requirement,
            "source_notes": ("#\n" + comment_lines(source.notes)).rstrip("\n")
            if source.notes
            else "",
            "hook": pre_commit_hook(source).rstrip("\n"),
        }
    rendered: dict[str, str] = {}
    for relative, text in files.items():
        kind = _schema_kind(relative)
        values = {
            **sourced,
            "timezone": yaml_scalar(zone),
            "schema": f"# Fields: see {kind}.schema.json in the prepguide package "
            "(prepguide/schemas/)."
            if kind
            else "",
        }
        rendered[relative] = render(text, values) if "%%" in text else text
    return dict(sorted(rendered.items()))


def _schema_kind(relative: str) -> str | None:
    if relative == "content/profile.yml":
        return "profile"
    if relative.startswith("content/contacts/") and relative.endswith(".yml"):
        return "contact"
    if relative.startswith("content/organizations/") and relative.endswith(".yml"):
        return "organization"
    return None


def init_guide(
    target: Path,
    *,
    playbook: bool = False,
    timezone: str | None = None,
    source: Source | None = None,
) -> list[Path]:
    """Create a new guide in ``target``, which must be missing or empty.

    Returns:
        The files written, in order.

    Raises:
        ScaffoldError: ``target`` is a file or a folder that is not empty
            (``exists=True``), or cannot be written.
    """
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} is a file; give the name of a new folder", exists=True)
    try:
        occupied = target.is_dir() and any(target.iterdir())
    except OSError as exc:
        raise ScaffoldError(f"cannot read {target}: {os_reason(exc)}") from None
    if occupied:
        raise ScaffoldError(
            f"{target} is not empty; prepguide init writes only into a new or empty folder",
            exists=True,
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScaffoldError(f"cannot create {target}: {os_reason(exc)}") from None
    written: list[Path] = []
    files = init_files(playbook=playbook, timezone=timezone, source=source)
    for relative, text in files.items():
        path = target / relative
        write_new(path, text)
        written.append(path)
    return written


def unfilled_blanks(root: Path) -> list[Problem]:
    """The blanks ``prepguide init --playbook`` left in ``requirements.txt`` and
    ``.pre-commit-config.yaml`` when it could not tell where prepguide comes from.

    ``prepguide check`` reports them as errors (docs/playbook.md, "Where prepguide
    comes from"), so that a playbook is not shared with a requirement nobody can
    install.
    """
    found: list[Problem] = []
    for name in ("requirements.txt", ".pre-commit-config.yaml"):
        try:
            text = (root / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if line.lstrip().startswith("#"):
                continue
            column = line.find(PLACEHOLDER)
            if column < 0:
                continue
            blank = line[column:].split()[0].strip("\"',]")
            found.append(
                Problem(
                    name,
                    number,
                    column + 1,
                    "error",
                    f"`{blank}` is a blank left by `prepguide init`: replace it with where "
                    "prepguide comes from, e.g. `prepguide @ git+https://<host>/<owner>/"
                    "prepguide.git@<commit>` in requirements.txt and the same address and "
                    "commit as `repo:` and `rev:` in .pre-commit-config.yaml "
                    '(docs/playbook.md, "Where prepguide comes from")',
                )
            )
    return found


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
