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
import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ruamel.yaml import YAML

from .errors import Problem, dangling_link, dangling_message, os_reason
from .loader import LoadError, load_bytes
from .model import ID_RE, slugify
from .reserved import RESERVED_IDS, unreserved
from .validate import Kind, validate_document

NewKind = Literal["contact", "organization"]
FOLDER: dict[str, str] = {"contact": "contacts", "organization": "organizations"}
SCHEMA_DIRS: tuple[str, ...] = ("plugins/prepguide/schemas", "schemas")
"""Where a guide may hold prepguide's JSON Schemas, relative to its root."""

_PLACEHOLDER = re.compile(r"%%([a-z_]+)%%")


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


def render(text: str, values: Mapping[str, str]) -> str:
    """Replace ``%%key%%`` placeholders; drop lines whose only content became empty.

    Raises:
        KeyError: A placeholder has no value (a bug in the template).
    """
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        only = _PLACEHOLDER.fullmatch(line.strip())
        replaced = _PLACEHOLDER.sub(lambda m: values[m.group(1)], line)
        if only and not values[only.group(1)]:
            continue
        out.append(replaced)
    return "".join(out)


def yaml_scalar(text: str) -> str:
    """Return ``text`` as one YAML scalar: plain when that is safe, else quoted."""
    yaml = YAML(typ="rt")
    yaml.width = 1 << 16
    buffer = io.StringIO()
    yaml.dump({"k": text}, buffer)
    value = buffer.getvalue()[len("k: ") :].rstrip("\n")
    if "\n" in value or value.startswith(("|", ">")):
        return json.dumps(text, ensure_ascii=False)
    return value


def comment_text(text: str) -> str:
    """Make user text safe inside a ``#`` comment (one line, no control characters)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def clean_name(name: str) -> str:
    """Collapse whitespace (line breaks included) in a name typed on the command line."""
    return " ".join(name.split())


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
    """Return the YAML of a new contact file."""
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
    text = (templates() / "contact.yml").read_text(encoding="utf-8")
    return render(
        text,
        {
            "schema": schema,
            "name": yaml_scalar(name),
            "name_comment": comment_text(name),
            "id": ident,
            "organization": org_line,
            "connection": connection,
        },
    )


def organization_text(name: str, ident: str, *, schema: str) -> str:
    """Return the YAML of a new organization file."""
    text = (templates() / "organization.yml").read_text(encoding="utf-8")
    return render(
        text,
        {
            "schema": schema,
            "name": yaml_scalar(name),
            "name_comment": comment_text(name),
            "id": ident,
        },
    )


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
    from .edit import suggest_id

    name = clean_name(name)
    if not name:
        raise ScaffoldError('the name is empty; write it in quotes: "Grace O\'Neil"')
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
    folder = content_dir / FOLDER[kind]
    if organization is not None:
        orgs = organizations or {}
        if organization not in orgs:
            guess = suggest_id(organization, orgs)
            hint = (
                f"did you mean `{guess}`?"
                if guess
                else f'create it first with `prepguide new organization "{organization}"`'
            )
            raise ScaffoldError(f"--org: no organization `{organization}`; {hint}")
    via_name = None
    if via is not None:
        people = contacts or {}
        if via not in people:
            guess = suggest_id(via, people)
            hint = f"did you mean `{guess}`?" if guess else "give the id of an existing contact"
            raise ScaffoldError(f"--via: no contact `{via}`; {hint}")
        via_name = people[via]
    path = folder / f"{ident}.yml"
    display = _display(path, root)
    target = dangling_link(path)
    if target is not None:  # not "nowhere exists": the link is there, its file is not
        message = dangling_message(f"{folder.name}/{path.name}", target)
        raise ScaffoldError(f"{message}, or pick another id with --id", exists=True)
    if path.exists() or ident in known:
        existing = known.get(ident)
        who = f" ({existing})" if existing and existing != ident else ""
        raise ScaffoldError(
            f"{display} exists{who}; prepguide never overwrites: edit that file, "
            "or pick another id with --id",
            exists=True,
        )
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
    """``dot-github/workflows/site.yml`` -> ``.github/workflows/site.yml``."""
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
            "source_notes": ("#\n" + _comments(source.notes)).rstrip("\n") if source.notes else "",
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


# --- where prepguide comes from (a playbook's requirements.txt and pre-commit hook) ----------

PLACEHOLDER = "REPLACE-WITH-"
"""Starts every blank that ``prepguide init --playbook`` leaves for the user to fill."""

_UNKNOWN_REQUIREMENT = "prepguide @ REPLACE-WITH-WHERE-PREPGUIDE-COMES-FROM"
_UNKNOWN_REPO = "REPLACE-WITH-THE-PREPGUIDE-REPOSITORY"
_UNKNOWN_REV = "REPLACE-WITH-A-COMMIT-OR-TAG"
_SCP_REMOTE = re.compile(r"^(?:[^@/:]+@)?([^/:]+):(?!//)(.+)$")


@dataclass(frozen=True)
class Source:
    """Where the running prepguide was installed from, as a playbook must name it.

    Read from pip's record of the installation (``direct_url.json``, PEP 610) by
    :func:`installed_source`; docs/playbook.md, "Where prepguide comes from",
    explains each case to the user.

    Attributes:
        requirement: The line of ``requirements.txt`` (a pip requirement).
        repo: The git repository of prepguide for pre-commit's ``repo:``, when known.
        rev: The commit (or tag) of ``repo`` for pre-commit's ``rev:``.
        notes: Comment lines for both files (a local path, uncommitted changes...).
        local: The requirement names a path on this computer only.
    """

    requirement: str
    repo: str | None = None
    rev: str | None = None
    notes: tuple[str, ...] = ()
    local: bool = False

    @property
    def placeholder(self) -> bool:
        """The source is unknown: the files hold blanks the user must fill."""
        return PLACEHOLDER in self.requirement


def unknown_source(reason: str) -> Source:
    """A source with placeholders, explained by ``reason``."""
    return Source(
        requirement=_UNKNOWN_REQUIREMENT,
        repo=_UNKNOWN_REPO,
        rev=_UNKNOWN_REV,
        notes=(
            f"prepguide init could not tell where prepguide comes from ({reason}).",
            "Replace the REPLACE-WITH-... blanks here and in .pre-commit-config.yaml: until "
            "they are filled, prepguide check refuses the playbook and pip cannot install it.",
        ),
    )


def _strip_credentials(url: str) -> str:
    """Drop ``user:password@`` from a URL (kept: a bare ``git@`` user of an ssh URL)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None and parts.username in (None, "git"):
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=host))


def remote_url(remote: str, base: Path | None = None) -> str:
    """A git remote as a URL pip and pre-commit can fetch without an account.

    ``git@github.com:owner/prepguide.git`` (scp-like, needs an ssh key) becomes
    ``https://github.com/owner/prepguide.git``, which a workflow runner and every
    contributor can read; a local path (relative to ``base``, the checkout) becomes a
    ``file://`` URL.
    """
    if "://" not in remote:
        local = (base or Path.cwd()) / remote
        scp = _SCP_REMOTE.match(remote)
        if scp and not local.exists():
            return f"https://{scp.group(1)}/{scp.group(2)}"
        return local.resolve().as_uri()
    if remote.startswith("ssh://git@"):
        rest = remote[len("ssh://git@") :]
        host, _, path = rest.partition("/")
        return f"https://{host.split(':')[0]}/{path}"
    return _strip_credentials(remote)


def _vcs_url(url: str) -> str:
    """A URL for a ``git+`` requirement: ``file:///x`` as ``file://localhost/x``.

    pip before 23.3 refuses ``git+file:///x`` (a URL without a host) in a
    requirement; git and newer pips read both spellings the same.
    """
    return "file://localhost/" + url[len("file:///") :] if url.startswith("file:///") else url


def _git(folder: Path, *args: str) -> str | None:
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _git_source(folder: Path) -> Source | None:
    """The pinned source of a git checkout: its remote (else its path) and HEAD."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    commit = _git(folder, "rev-parse", "--verify", "HEAD^{commit}")
    if not top or not commit:
        return None
    try:
        sub = folder.resolve().relative_to(Path(top).resolve()).as_posix()
    except ValueError:
        return None
    remotes = (_git(folder, "remote") or "").split()
    name = "origin" if "origin" in remotes else (remotes[0] if remotes else None)
    remote = _git(folder, "remote", "get-url", name) if name else None
    notes: list[str] = []
    if remote:
        url = remote_url(remote, folder)
        notes.append(
            f"From the git checkout {folder} at commit {commit[:12]}: push that commit "
            f"to {url} before others install it."
        )
    else:
        url = Path(top).resolve().as_uri()
    local = url.startswith("file:")
    if local:
        notes.append(
            f"{url} is a folder on this computer: the workflow and other people cannot "
            "install from it. Replace it with the address of the prepguide repository."
        )
    if _git(folder, "status", "--porcelain", "--untracked-files=no"):
        notes.append(f"Uncommitted changes in {folder} are not part of commit {commit[:12]}.")
    requirement = f"prepguide @ git+{_vcs_url(url)}@{commit}"
    if sub != ".":
        # pre-commit reads .pre-commit-hooks.yaml at a repository's root only
        return Source(f"{requirement}#subdirectory={sub}", notes=tuple(notes), local=local)
    return Source(requirement, repo=url, rev=commit, notes=tuple(notes), local=local)


def source_from_direct_url(info: object, version: str | None) -> Source:
    """The source recorded in ``direct_url.json`` (PEP 610), or in its absence the version.

    Arguments:
        info: The parsed ``direct_url.json``, or ``None`` when pip wrote none (an
            install from a package index).
        version: The installed version.
    """
    if info is None:
        if not version:
            return unknown_source("no version is recorded")
        return Source(
            f"prepguide=={version}",
            notes=(
                f"prepguide {version} was installed from a package index: check that the "
                "index your pip uses serves this prepguide, or name its repository instead.",
            ),
        )
    if not isinstance(info, dict) or not isinstance(info.get("url"), str):
        return unknown_source("pip's record of the installation is not readable")
    url = _strip_credentials(info["url"])
    local = url.startswith("file:")
    here = (
        (
            f"{url} is on this computer: the workflow and other people cannot install "
            "from it. Replace it with the address of the prepguide repository.",
        )
        if local
        else ()
    )
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict) and isinstance(vcs.get("commit_id"), str):
        kind, commit = str(vcs.get("vcs", "git")), vcs["commit_id"]
        requirement = f"prepguide @ {kind}+{_vcs_url(url)}@{commit}"
        sub = info.get("subdirectory")
        if isinstance(sub, str) and sub.strip("/."):
            requirement += f"#subdirectory={sub}"
        elif kind == "git":
            return Source(requirement, repo=url, rev=commit, notes=here, local=local)
        return Source(requirement, notes=here, local=local)
    archive = info.get("archive_info")
    if isinstance(archive, dict):
        hashes = archive.get("hashes")
        if isinstance(hashes, dict) and isinstance(hashes.get("sha256"), str):
            url = f"{url.split('#')[0]}#sha256={hashes['sha256']}"
        elif isinstance(archive.get("hash"), str) and "=" in archive["hash"]:
            url = f"{url.split('#')[0]}#{archive['hash']}"
        return Source(f"prepguide @ {url}", notes=here, local=local)
    if isinstance(info.get("dir_info"), dict) and local:
        from urllib.request import url2pathname

        folder = Path(url2pathname(url[len("file://") :]))
        pinned = _git_source(folder)
        if pinned is not None:
            return pinned
        return Source(
            f"prepguide @ {url}",
            notes=(
                *here,
                f"{folder} is not a git checkout, so this is not pinned to a version.",
            ),
            local=True,
        )
    return unknown_source("pip's record of the installation is not one prepguide knows")


def installed_source() -> Source:
    """Where the running prepguide was installed from (see :class:`Source`)."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("prepguide")
    except PackageNotFoundError:
        return unknown_source("prepguide runs without being installed")
    try:
        text = dist.read_text("direct_url.json")
        info = json.loads(text) if text is not None else None
    except (OSError, ValueError):
        return unknown_source("pip's record of the installation is not readable")
    return source_from_direct_url(info, dist.version)


def _comments(lines: tuple[str, ...]) -> str:
    """``#`` comment lines of at most about 90 characters (a long URL stays whole)."""
    import textwrap

    wrapped = [
        part
        for line in lines
        for part in textwrap.wrap(comment_text(line), 88, break_long_words=False)
    ]
    return "".join(f"# {part}\n" for part in wrapped)


def pre_commit_hook(source: Source) -> str:
    """The ``repos:`` entry of the playbook's ``.pre-commit-config.yaml``.

    The hook published by the prepguide repository (``.pre-commit-hooks.yaml``)
    at the same commit as ``requirements.txt`` when the repository is known; else
    the same hook defined locally, with ``source.requirement`` installed into
    pre-commit's own environment.
    """
    notes = "".join(f"  {line}" for line in _comments(source.notes).splitlines(keepends=True))
    if source.repo and source.rev:
        return (
            f"{notes}"
            f"  - repo: {yaml_scalar(source.repo)}\n"
            f"    rev: {yaml_scalar(source.rev)}\n"
            "    hooks:\n"
            "      - id: prepguide-check\n"
        )
    return (
        f"{notes}"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: prepguide-check\n"
        "        name: prepguide check\n"
        "        entry: prepguide check\n"
        "        language: python\n"
        f"        additional_dependencies: [{json.dumps(source.requirement)}]\n"
        "        pass_filenames: false\n"
        "        files: \\.ya?ml$\n"
    )


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
