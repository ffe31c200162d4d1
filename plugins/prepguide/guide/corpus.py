"""Load a whole guide (the ``content/`` folder) into one validated corpus.

Each file is parsed and validated on its own and cached by
``(path, mtime_ns, size)``, so a ``mkdocs serve`` rebuild re-parses only the
files that changed. Cross-references (contact -> organization, connection.via,
referrals, experience organizations) are resolved for the whole corpus on
every load, which is cheap.
"""

from __future__ import annotations

import contextlib
import gc
import os
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, Severity, dangling_link, dangling_message
from ..markup import tangled
from ..read.loader import Document, LoadError, load_file
from ..read.model import ID_RE, Contact, Organization, Profile, QuestionEntry, slugify
from ..read.validate import Kind, closest, validate_document
from ..reserved import RESERVED_IDS

FOLDERS: dict[str, Kind] = {
    "organizations": "organization",
    "contacts": "contact",
    "questions": "questions",
}

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What MkDocs reads as a Markdown page (case-insensitive)."""


def name_key(name: str) -> str:
    """A file name as the checks below compare it: NFKC-normalized and case-folded, so a
    fullwidth ``x.ｙｍｌ`` or ``ＰＲＯＦＩＬＥ`` is caught like ``x.yml`` and ``profile``.

    >>> name_key("ＰＲＯＦＩＬＥ.ｙｍｌ"), name_key("Ana.YML")
    ('profile.yml', 'ana.yml')
    """
    return unicodedata.normalize("NFKC", name).casefold()


def looks_like_yaml(name: str) -> bool:
    """A file name that may hold research notes: ``x.yml``, ``x.YAML``, ``x.yml~``, ``#x.yml#``,
    ``x.ｙｍｌ``…

    >>> looks_like_yaml("x.YML~"), looks_like_yaml("#x.yml#"), looks_like_yaml("notes.md")
    (True, True, False)
    """
    lowered = name_key(name)
    return ".yml" in lowered or ".yaml" in lowered


def is_profile_like(name: str) -> bool:
    """A name at the top of the content folder that may be a copy of the profile: ``profile``,
    ``profile~``, ``Profile.json``, ``profile.yml.bak`` (a ``profile.md`` page is not).

    >>> is_profile_like("profile.yml.bak"), is_profile_like("Profile.json"), is_profile_like("profile.md")
    (True, True, False)
    """
    return name_key(name).startswith("profile") and not is_page(name)


def is_page(name: str) -> bool:
    """Whether MkDocs renders a file of this name as a Markdown page.

    >>> is_page("About.MD"), is_page("notes.markdown"), is_page("notes.txt")
    (True, True, False)
    """
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def is_unpublished(src_uri: str) -> bool:
    """Whether a user's file of ``content/`` must stay out of the site.

    No research data reaches ``site/`` unless prepguide rendered it (docs/usage.md,
    "What is never published"): every file that looks like YAML, whatever its
    case or its editor's suffix (``x.yml~``, ``x.yml.orig``, ``#x.yml#``, ``x.YML``),
    ``profile.*`` beside the content folder's pages, and everything in the
    research folders (``contacts/``, ``organizations/``, ``questions/``) but the
    user's own Markdown pages.

    >>> [is_unpublished(uri) for uri in ("contacts/ana.yml", "guides/x.yml~", "profile.bak")]
    [True, True, True]
    >>> [is_unpublished(uri) for uri in ("contacts/notes.md", "about.md", "guides/profile.bak")]
    [False, False, False]
    >>> is_unpublished("contacts/photo.jpg")
    True
    """
    folder, _, rest = src_uri.partition("/")
    name = src_uri.rpartition("/")[2]
    if looks_like_yaml(name):
        return True
    if not rest:
        return is_profile_like(name)
    return folder in FOLDERS and not is_page(name)


def unsafe_link(src_uri: str, src_dir: str | Path) -> str | None:
    """Why the file (or folder) ``src_uri`` of ``src_dir``, reached through a symbolic link,
    must stay out of the site, or None (not a link, or a harmless one).

    MkDocs follows links, so ``content/guides/reading.txt`` linked to
    ``../contacts/priv.yml`` would publish a private contact under another name. A
    link is left out when what it points at is research notes (a file the rules of
    :func:`is_unpublished` keep out, a name that looks like YAML, anything in a
    folder named like a research folder, a copy of the profile), is hidden (``.env``,
    ``.ssh/``), or lies outside the content folder (docs/security.md).
    """
    real_dir = os.path.realpath(src_dir)
    target = os.path.realpath(os.path.join(src_dir, src_uri))
    if target == os.path.join(real_dir, *src_uri.split("/")):
        return None
    shown = target
    if os.path.commonpath([real_dir, target]) != real_dir:
        outside = Path(target).parts
        if any(looks_like_yaml(p) or p.startswith(".") or name_key(p) in FOLDERS for p in outside):
            return f"it is a link to research notes or a hidden file (`{shown}`)"
        return f"it is a link to a file outside the content folder (`{shown}`)"
    relative = Path(os.path.relpath(target, real_dir)).as_posix()
    parts = relative.split("/")
    if (
        is_unpublished(relative)
        or name_key(parts[0]) in FOLDERS
        or (len(parts) == 1 and is_profile_like(parts[0]))
        or any(p.startswith(".") or looks_like_yaml(p) for p in parts)
    ):
        return f"it is a link to research notes (`{relative}`)"
    return None


LOOP_MESSAGE = "a symbolic link that loops back into content/; remove it"


def link_loops(content_dir: Path, root: Path) -> list[Problem]:
    """Errors about symbolic links to a folder that holds the link itself.

    MkDocs walks the content folder following links (``os.walk(followlinks=True)``),
    so ``content/guides/a -> .`` makes it copy the guide into itself until the
    system says "Too many levels of symbolic links", and three such links make the
    walk take forever. Every folder is walked here as MkDocs would, but a link whose
    real folder is one of the folders it lies in (``.``, ``..``, ``content/`` itself,
    or a folder outside that links back) is an error and is not entered
    (docs/security.md, "Symbolic links").
    """
    problems: list[Problem] = []
    start = os.path.realpath(content_dir)
    stack: list[tuple[str, frozenset[str]]] = [(str(content_dir), frozenset([start]))]
    while stack:
        folder, ancestors = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            try:
                if not entry.is_dir():
                    continue
            except OSError:
                continue
            real = os.path.realpath(entry.path)
            if entry.is_symlink() and (
                real in ancestors or os.path.commonpath([real, start]) == real
            ):
                display = Path(os.path.relpath(entry.path, root)).as_posix()  # as walked
                problems.append(Problem(display, 1, 1, "error", LOOP_MESSAGE))
                continue
            if real in ancestors:  # a bind mount or the like: never walk in circles
                continue
            stack.append((entry.path, ancestors | {real}))
    return problems


def _research_area(real: str, areas: dict[str, str]) -> str | None:
    """Which research folder (or ``profile.yml``) the real path ``real`` lies in, if any."""
    for area, where in areas.items():
        if real == where or (area != "profile.yml" and real.startswith(where + os.sep)):
            return area
    return None


def _linked_research(
    path: Path, area: str, own_base: str | None, content_dir: Path, areas: dict[str, str]
) -> str | None:
    """Why the research file ``path`` (a symbolic link) cannot be read, or None.

    A contact linked as ``organizations/x.yml`` would publish a private contact's
    name as an organization: a research file may link only to a file of its own
    folder or elsewhere in the content folder, never into another research folder
    or out of the content folder (docs/security.md, "Symbolic links").
    """
    real = os.path.realpath(path)
    if own_base is not None and real.startswith(own_base + os.sep):
        return None
    top = str(content_dir)
    if not real.startswith(top + os.sep):
        return (
            f"it is a symbolic link to a file outside the content folder (`{real}`); "
            "copy the file into the content folder instead of linking it, or remove the link"
        )
    other = _research_area(real, areas)
    if other is not None and other != area:
        shown = Path(os.path.relpath(real, top)).as_posix()
        return (
            f"it is a symbolic link to `{shown}`, research notes of another kind; "
            "copy the file instead of linking it, or remove the link"
        )
    return None


def _markdown_fields(model: object) -> Iterator[tuple[tuple[str | int, ...], str | None]]:
    """The Markdown fields of a validated file, with where each is (docs/usage.md)."""
    if isinstance(model, Contact):
        yield ("notes",), model.notes
        yield ("background", "notes"), model.background.notes
    elif isinstance(model, Organization):
        yield ("summary",), model.summary
        yield ("culture",), model.culture
        yield ("notes",), model.notes
        for index, role in enumerate(model.roles):
            yield ("roles", index, "notes"), role.notes


def _tangled_fields(doc: Document, model: object) -> list[Problem]:
    """Warnings about Markdown fields shown as written because converting them would take long."""
    problems: list[Problem] = []
    for loc, value in _markdown_fields(model):
        reason = tangled(value) if value else None
        if reason is None:
            continue
        line, column = doc.position(loc)
        field_name = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in loc)
        problems.append(
            Problem(
                doc.path,
                line,
                column,
                "warning",
                f"`{field_name.replace('.[', '[')}` is shown as written, not as Markdown: "
                f"{reason}, which would take Python-Markdown very long; "
                "split it into paragraphs or remove the stray characters",
            )
        )
    return problems


def _left_out(display: str, name: str, research: str | None, *, nested: bool = False) -> Problem:
    """The warning about a file of the content folder that is kept out of the site.

    >>> print(_left_out("content/contacts/ana.yaml", "ana.yaml", "contacts").message)
    `ana.yaml` is left out of the site: prepguide reads `.yml` files; rename it to `ana.yml`, or delete it
    >>> print(_left_out("content/profile.yaml", "profile.yaml", None).message)
    `profile.yaml` is left out of the site: prepguide reads your profile from `profile.yml`; rename it, or delete it
    >>> print(_left_out("content/x.yml~", "x.yml~", None).message)
    `x.yml~` is left out of the site: it looks like a copy of research notes (an editor's backup or a merge leftover); delete it, or move it out of the content folder
    >>> print(_left_out("content/contacts/notes.txt", "notes.txt", "contacts").message)
    `notes.txt` is left out of the site: files in `contacts/` are research notes, published only as prepguide renders them (Markdown pages excepted); move it to another folder
    >>> print(_left_out("content/contacts/old/a.yml", "a.yml", "contacts", nested=True).message)
    `a.yml` is left out of the site: prepguide reads only the files directly in `contacts/`, and publishes nothing else from it; move the file, or delete it
    """
    lowered = name.lower()
    if nested:
        hint = (
            f"prepguide reads only the files directly in `{research}/`, and publishes nothing "
            "else from it; move the file, or delete it"
        )
    elif research is None and name.startswith("profile.") and lowered.endswith((".yml", ".yaml")):
        hint = "prepguide reads your profile from `profile.yml`; rename it, or delete it"
    elif research is not None and lowered.endswith((".yml", ".yaml")):
        stem = slugify(name.rsplit(".", 1)[0]) or "untitled"
        hint = f"prepguide reads `.yml` files; rename it to `{stem}.yml`, or delete it"
    elif looks_like_yaml(name) or research is None:
        hint = (
            "it looks like a copy of research notes (an editor's backup or a merge leftover); "
            "delete it, or move it out of the content folder"
        )
    else:
        hint = (
            f"files in `{research}/` are research notes, published only as prepguide renders "
            "them (Markdown pages excepted); move it to another folder"
        )
    return Problem(display, 1, 1, "warning", f"`{name}` is left out of the site: {hint}")


def _strays_in(base: Path, entry: os.DirEntry[str], folder: str, root: Path) -> list[Problem]:
    """Warnings about an entry of a research folder that is not a research file.

    Hidden files (an editor's ``.x.yml.swp``) say nothing: MkDocs never publishes
    them, and prepguide leaves them out too.
    """
    name = entry.name
    if name.startswith("."):
        return []
    path = base / name
    target = dangling_link(path)
    if target is not None:
        return [_dangling(base, name, folder, target, root, "warning")]
    if not entry.is_dir():
        if is_page(name) and not looks_like_yaml(name):
            reason = unsafe_link(f"{folder}/{name}", base.parent) if entry.is_symlink() else None
            return [] if reason is None else [_link_left_out(base, name, folder, reason, root)]
        return [_left_out(_display(path, root), name, folder)]
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for file in sorted(filenames):
            if not file.startswith(".") and (looks_like_yaml(file) or not is_page(file)):
                display = _display(Path(dirpath) / file, root)
                problems.append(_left_out(display, file, folder, nested=True))
    return problems


def _dangling(
    base: Path, name: str, folder: str, target: str, root: Path, severity: Severity
) -> Problem:
    """The one message about a symbolic link to a missing file (not "rename it").

    >>> base, root = Path("/guide/content/contacts"), Path("/guide")
    >>> print(_dangling(base, "x.yml", "contacts", "gone.yml", root, "error").format())
    content/contacts/x.yml:1:1: error: `contacts/x.yml` is a symbolic link to a missing file (`gone.yml`); remove it or point it at a file
    """
    display = f"{_display(base, root)}/{name}"  # the link, not where it points
    message = dangling_message(f"{folder}/{name}" if folder else name, target)
    return Problem(display, 1, 1, severity, message)


def _link_left_out(base: Path, name: str, folder: str, reason: str, root: Path) -> Problem:
    """The warning about a symbolic link left out of the site (see :func:`unsafe_link`).

    >>> why = "it is a link to research notes (`contacts/a.yml`)"
    >>> print(_link_left_out(Path("/guide/content/guides"), "r.txt", "guides", why, Path("/guide")).format())
    content/guides/r.txt:1:1: warning: `guides/r.txt` is left out of the site: it is a link to research notes (`contacts/a.yml`); copy what should be published into the content folder instead of linking it, or delete the link
    """
    display = f"{_display(base, root)}/{name}"  # the link, not where it points
    shown = f"{folder}/{name}" if folder else name
    return Problem(
        display,
        1,
        1,
        "warning",
        f"`{shown}` is left out of the site: {reason}; copy what should be published into "
        "the content folder instead of linking it, or delete the link",
    )


def _strays_elsewhere(content_dir: Path, root: Path) -> list[Problem]:
    """Warnings about files outside the research folders that look like research notes.

    ``x.yml~``, ``#x.yml#``, ``x.YML``, ``profile.bak``…: left out of the site
    (see :func:`is_unpublished`). Plain ``.yml``/``.yaml`` files outside the
    research folders (data for other plugins) are left out silently, as always.
    """
    problems: list[Problem] = []
    top = str(content_dir)
    for dirpath, dirnames, filenames in os.walk(content_dir):
        at_top = dirpath == top
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not (at_top and d in FOLDERS)
        )
        folder = Path(os.path.relpath(dirpath, top)).as_posix()
        prefix = "" if at_top else folder + "/"
        for linked in dirnames:  # os.walk does not enter a linked folder; MkDocs does
            if os.path.islink(os.path.join(dirpath, linked)):
                reason = unsafe_link(prefix + linked, top)
                if reason is not None:
                    problems.append(
                        _link_left_out(Path(dirpath), linked, prefix.rstrip("/"), reason, root)
                    )
        for file in sorted(filenames):
            if file.startswith(".") or (at_top and file == "profile.yml"):
                continue
            profile = at_top and is_profile_like(file)
            plain = file.endswith((".yml", ".yaml"))
            if profile or (looks_like_yaml(file) and not plain):
                display = _display(Path(dirpath) / file, root)
                problems.append(_left_out(display, file, None))
            elif not plain and os.path.islink(os.path.join(dirpath, file)):
                reason = unsafe_link(prefix + file, top)
                if reason is not None:
                    problems.append(
                        _link_left_out(Path(dirpath), file, prefix.rstrip("/"), reason, root)
                    )
    return problems


@dataclass
class Corpus:
    """Every research file of a guide, validated and cross-referenced."""

    profile: Profile | None = None
    organizations: dict[str, Organization] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    questions: list[QuestionEntry] = field(default_factory=list)
    question_sources: list[tuple[str, int]] = field(default_factory=list)
    """For each entry of ``questions``: its file's display path and index in that file."""
    documents: dict[str, Document] = field(default_factory=dict)
    """Loaded documents by display path, for locating later warnings (their
    ``positions``; ``data`` is dropped once the file is validated)."""
    paths: dict[tuple[str, str], str] = field(default_factory=dict)
    """Display path of each file, keyed by ``(kind, id)``; the profile is ``("profile", "")``."""
    problems: list[Problem] = field(default_factory=list)
    invalid: set[tuple[str, str]] = field(default_factory=set)
    """``(kind, id)`` of files that exist but have errors (references to them are not missing)."""
    source_files: list[Path] = field(default_factory=list)
    """Every YAML file read (they must be kept out of the built site)."""
    _by_org: tuple[dict[str, Contact], int, dict[str, list[Contact]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """Contacts grouped by organization for :meth:`contacts_at`, with the dict and size seen."""

    @property
    def errors(self) -> list[Problem]:
        """The problems of severity error."""
        return [p for p in self.problems if p.severity == "error"]

    def document(self, kind: str, ident: str = "") -> Document | None:
        """Return the loaded document of a profile, organization or contact."""
        path = self.paths.get((kind, ident))
        return self.documents.get(path) if path else None

    def locate(self, kind: str, ident: str, loc: tuple[str | int, ...]) -> tuple[str, int, int]:
        """Return ``(path, line, column)`` of a value in a file of the corpus."""
        path = self.paths.get((kind, ident), "")
        doc = self.documents.get(path)
        line, column = doc.position(loc) if doc else (1, 1)
        return path, line, column

    def organization_of(self, contact: Contact) -> Organization | None:
        """Return the organization a contact works at, if known."""
        return self.organizations.get(contact.organization) if contact.organization else None

    def contacts_at(self, org_id: str) -> list[Contact]:
        """Return the contacts of one organization, sorted by name.

        The contacts are grouped by organization once (on the first call) and
        again only when ``contacts`` is replaced or changes size, so listing
        every organization's people costs one pass over the contacts rather
        than one pass per organization.
        """
        cached = self._by_org
        if cached is None or cached[0] is not self.contacts or cached[1] != len(self.contacts):
            groups: dict[str, list[Contact]] = {}
            for contact in self.contacts.values():
                if contact.organization:
                    groups.setdefault(contact.organization, []).append(contact)
            for people in groups.values():
                people.sort(key=lambda c: c.name.casefold())
            cached = self._by_org = (self.contacts, len(self.contacts), groups)
        return list(cached[2].get(org_id, ()))


@dataclass
class _Entry:
    stamp: tuple[int, int]
    doc: Document | None
    model: Any
    problems: list[Problem]


class CorpusLoader:
    """Loads guides, keeping a parse cache across loads (and serve rebuilds)."""

    def __init__(self) -> None:
        self._cache: dict[Path, _Entry] = {}
        self._children: dict[tuple[Path, Path, Path], dict[str, tuple[Path, str]]] = {}
        self.parsed = 0
        """How many files were actually parsed (not served from the cache)."""
        self.timezone = "UTC"
        """The ``timezone`` the cached files were validated with."""

    def load(self, content_dir: Path, root: Path | None = None, *, timezone: str = "UTC") -> Corpus:
        """Load and validate every research file under ``content_dir``.

        Arguments:
            content_dir: The guide's content folder (MkDocs' ``docs_dir``).
            root: Paths in messages are shown relative to this folder
                (default: the parent of ``content_dir``).
            timezone: The guide's ``timezone`` option: date-times written with
                an offset are converted into it (see docs/usage.md, "Dates").

        Returns:
            The corpus; its ``problems`` hold every error and warning found.
        """
        if timezone != self.timezone:  # date-times with an offset would be converted anew
            self._cache.clear()
            self.timezone = timezone
        with paused_gc():
            return self._load_all(content_dir, root)

    def _load_all(self, content_dir: Path, root: Path | None) -> Corpus:
        """Read the profile, then each research folder, then check what lies around them."""
        content_dir = content_dir.resolve()
        root = (root or content_dir.parent).resolve()
        corpus = Corpus()
        seen: set[Path] = set()
        profile = content_dir / "profile.yml"
        areas = {name: os.path.realpath(content_dir / name) for name in (*FOLDERS, "profile.yml")}
        self._load_profile(corpus, profile, content_dir, root, areas, seen)
        for folder, kind in FOLDERS.items():
            base = content_dir / folder
            if base.is_dir():
                self._load_folder(corpus, base, folder, kind, content_dir, root, areas, seen)
        if profile.is_file():
            corpus.source_files.insert(0, profile)
        _check_surroundings(corpus, content_dir, root)
        self._forget_stale(content_dir, seen)
        resolve_references(corpus)
        corpus.problems.sort()
        return corpus

    def _load_profile(
        self,
        corpus: Corpus,
        profile: Path,
        content_dir: Path,
        root: Path,
        areas: dict[str, str],
        seen: set[Path],
    ) -> None:
        """Load ``content/profile.yml``, unless it is a dangling link or a link it may not be."""
        target = dangling_link(profile)
        if target is not None:
            corpus.problems.append(_dangling(content_dir, "profile.yml", "", target, root, "error"))
        linked = (
            _linked_research(profile, "profile.yml", None, content_dir, areas)
            if profile.is_symlink() and profile.is_file()
            else None
        )
        if linked is not None:
            corpus.problems.append(
                Problem(_display(content_dir, root) + "/profile.yml", 1, 1, "error", linked)
            )
            corpus.invalid.add(("profile", ""))
        elif profile.is_file():
            entry = self._load(profile, _display(profile, root), "profile", None)
            seen.add(profile)
            self._add(corpus, profile, entry, "profile", "")

    def _load_folder(
        self,
        corpus: Corpus,
        base: Path,
        folder: str,
        kind: Kind,
        content_dir: Path,
        root: Path,
        areas: dict[str, str],
        seen: set[Path],
    ) -> None:
        """Load the research files directly in ``base`` (``contacts/``…), in name order.

        Anything else in the folder is a warning (:func:`_strays_in`); a file that
        cannot be one of the guide's (a dangling or forbidden link, a ``.yaml``
        suffix, a name that is not an id or is reserved) is one located problem.
        """
        real_base = base.resolve()
        key = (base, real_base, root)
        known = self._children.get(key, {})
        prefix = _folder_prefix(base, real_base, root)
        children: dict[str, tuple[Path, str]] = {}
        self._children[key] = children
        with os.scandir(base) as listing:
            dir_entries = sorted(listing, key=lambda e: e.name)
        for dir_entry in dir_entries:
            name = dir_entry.name
            split = _research_name(name)
            if split is None:
                corpus.problems.extend(_strays_in(base, dir_entry, folder, root))
                continue
            suffix, stem = split
            if not dir_entry.is_file():
                _not_a_file(corpus, base, dir_entry, folder, kind, split, root)
                continue
            if dir_entry.is_symlink():
                path = base / name
                display = _display(path, root)
                linked = _linked_research(path, folder, str(real_base), content_dir, areas)
                if linked is not None:
                    shown = f"{_display(base, root)}/{name}"  # the link, not its target
                    corpus.problems.append(Problem(shown, 1, 1, "error", linked))
                    corpus.invalid.add((kind, stem))
                    continue
            else:
                # The real path of a file that is not a link is its folder's real
                # path and its name: no need to resolve every part of it again.
                # Paths and display paths are kept from one load to the next.
                child = known.get(name)
                if child is None:
                    path = base / name
                    child = (path, prefix + name)  # as _display(path, root) says it
                children[name] = child
                path, display = child
            if suffix == ".yaml":
                corpus.problems.append(_yaml_suffix_warning(display, stem))
                continue
            seen.add(path)
            corpus.source_files.append(path)
            problem = _file_name_problem(display, name, stem, kind)
            if problem is not None:
                corpus.problems.append(problem)
                continue
            file_id = stem if kind != "questions" else None
            entry = self._load(path, display, kind, file_id, dir_entry.stat)
            self._add(corpus, path, entry, kind, stem)

    def _forget_stale(self, content_dir: Path, seen: set[Path]) -> None:
        """Drop the cached files of ``content_dir`` that this load did not read (gone or renamed)."""
        for stale in set(self._cache) - seen:
            if stale.is_relative_to(content_dir):
                del self._cache[stale]

    def _load(
        self,
        path: Path,
        display: str,
        kind: Kind,
        file_id: str | None,
        stat: Callable[[], os.stat_result] | None = None,
    ) -> _Entry:
        try:
            st = stat() if stat is not None else path.stat()
        except OSError:
            return _Entry(
                (0, 0), None, None, [Problem(display, 1, 1, "error", "cannot read the file")]
            )
        stamp = (st.st_mtime_ns, st.st_size)
        cached = self._cache.get(path)
        if (
            cached is not None
            and cached.stamp == stamp
            and (cached.doc is None or cached.doc.path == display)
        ):
            return cached
        self.parsed += 1
        try:
            doc = load_file(path, display)
        except LoadError as exc:
            entry = _Entry(stamp, None, None, [exc.problem])
        else:
            model, problems = validate_document(doc, kind, file_id, timezone=self.timezone)
            if model is not None:
                problems = [*problems, *_tangled_fields(doc, model)]
            doc.data = None  # the model holds the values; only the positions are used from now on
            entry = _Entry(stamp, doc, model, problems)
        self._cache[path] = entry
        return entry

    @staticmethod
    def _add(corpus: Corpus, path: Path, entry: _Entry, kind: Kind, ident: str) -> None:
        corpus.problems.extend(entry.problems)
        if entry.doc is not None:
            corpus.documents[entry.doc.path] = entry.doc
        if entry.model is None or entry.doc is None:
            corpus.invalid.add((kind, ident))
            return
        if kind == "questions":
            _check_budgets(corpus, entry.doc, entry.model)
            corpus.questions.extend(entry.model)
            corpus.question_sources.extend((entry.doc.path, i) for i in range(len(entry.model)))
            return
        corpus.paths[(kind, ident)] = entry.doc.path
        if kind == "profile":
            corpus.profile = entry.model
        elif kind == "organization":
            corpus.organizations[ident] = entry.model
        else:
            corpus.contacts[ident] = entry.model


def _check_budgets(corpus: Corpus, doc: Document, entries: list[QuestionEntry]) -> None:
    """An entry whose ``text`` or ``when`` goes over its evaluation budget is an error.

    So ``check`` finds what would otherwise stop (or, without a budget, hang)
    every build (docs/prep.md, "Question bank format"). Trials are cached by text.
    """
    from ..tailor.questions import budget_error

    for index, question in enumerate(entries):
        for key, source in (("text", question.text), ("when", question.when)):
            message = budget_error(source, expression=key == "when") if source else None
            if message:
                line, column = doc.position((index, key))
                corpus.problems.append(
                    Problem(doc.path, line, column, "error", f"`{key}`: {message}")
                )


@contextlib.contextmanager
def paused_gc(*, keep: bool = False) -> Iterator[None]:
    """Pause Python's cycle collector while a guide loads (or its pages render).

    Loading builds tens of thousands of small containers (YAML nodes, dicts,
    models) that all stay alive, and each batch of them sets off a collection
    that walks the whole heap, MkDocs' included, and finds nothing: about a
    fifth of the loading time at 1,000 contacts, and 0.15 s of rendering.
    Reference counting still frees what is dropped; the collector resumes (if
    it was running) at the end.

    With ``keep`` (the plugin, for the notes and pages a build goes on using),
    what exists at the end is also set aside from the collector
    (:func:`gc.freeze`) until :func:`thaw`: otherwise the first collections
    after the pause walk all of it once as young objects, again as middle-aged
    ones, and then the whole heap (0.18 s at 1,000 contacts), to find nothing.
    Frozen objects are still freed by reference counting when dropped.
    """
    global _frozen
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if keep:
                gc.freeze()
                _frozen = True
            gc.enable()


_frozen = False


def thaw() -> None:
    """Hand what :func:`paused_gc` set aside back to the collector (at the end of a build)."""
    global _frozen
    if _frozen:
        gc.unfreeze()
        _frozen = False


def _research_name(name: str) -> tuple[str, str] | None:
    """The suffix and stem of a name that may be a research file, else None.

    >>> _research_name("ana-lima.yml")
    ('.yml', 'ana-lima')
    >>> _research_name("ana-lima.yaml")
    ('.yaml', 'ana-lima')
    >>> _research_name(".yml") is None, _research_name("notes.txt") is None
    (True, True)
    """
    if name.endswith(".yml") and len(name) > 4:
        return ".yml", name[:-4]
    if name.endswith(".yaml") and len(name) > 5:
        return ".yaml", name[:-5]
    return None


def _not_a_file(
    corpus: Corpus,
    base: Path,
    dir_entry: os.DirEntry[str],
    folder: str,
    kind: Kind,
    split: tuple[str, str],
    root: Path,
) -> None:
    """The problems of an entry named like a research file that is not a file.

    A ``.yml`` link to nothing is a research file that cannot be read: one error,
    and no "no contact `x`" where it is referred to. A folder (or a ``.yaml``
    link to nothing) is a stray (:func:`_strays_in`).
    """
    suffix, stem = split
    target = dangling_link(base / dir_entry.name)
    if target is not None and suffix == ".yml":
        corpus.problems.append(_dangling(base, dir_entry.name, folder, target, root, "error"))
        corpus.invalid.add((kind, stem))
        return
    corpus.problems.extend(_strays_in(base, dir_entry, folder, root))


def _yaml_suffix_warning(display: str, stem: str) -> Problem:
    """The warning about a research file named ``.yaml`` (it is not read).

    >>> _yaml_suffix_warning("content/contacts/ana.yaml", "ana").message
    'ignored: prepguide reads `.yml` files; rename it to `ana.yml`'
    """
    return Problem(
        display,
        1,
        1,
        "warning",
        f"ignored: prepguide reads `.yml` files; rename it to `{stem}.yml`",
    )


def _file_name_problem(display: str, name: str, stem: str, kind: Kind) -> Problem | None:
    """The error about a research file whose name cannot be an id, or None.

    >>> _file_name_problem("c/Ana Lima.yml", "Ana Lima.yml", "Ana Lima", "contact").message
    '`Ana Lima.yml` is not a valid file name: ids are lowercase words joined by hyphens; rename it to `ana-lima.yml`'
    >>> print(_file_name_problem("c/index.yml", "index.yml", "index", "contact").message)
    `index` is a reserved id: its page would replace the generated list of contacts (/contacts/); rename the file, e.g. to `index-2.yml`
    >>> _file_name_problem("c/ana-lima.yml", "ana-lima.yml", "ana-lima", "contact") is None
    True
    """
    if not ID_RE.match(stem):
        fixed = slugify(stem) or "untitled"
        return Problem(
            display,
            1,
            1,
            "error",
            f"`{name}` is not a valid file name: ids are lowercase words "
            f"joined by hyphens; rename it to `{fixed}.yml`",
        )
    if kind != "questions" and stem in RESERVED_IDS:
        page = "contacts" if kind == "contact" else "organizations"
        return Problem(
            display,
            1,
            1,
            "error",
            f"`{stem}` is a reserved id: its page would replace the generated "
            f"list of {page} (/{page}/); rename the file, e.g. to "
            f"`{stem}-2.yml`",
        )
    return None


def _check_surroundings(corpus: Corpus, content_dir: Path, root: Path) -> None:
    """Add the errors about looping links and the warnings about stray files outside the
    research folders (a looping link is reported once, not also as a stray)."""
    loops = link_loops(content_dir, root)
    corpus.problems.extend(loops)
    looped = {p.path for p in loops}
    corpus.problems.extend(p for p in _strays_elsewhere(content_dir, root) if p.path not in looped)


def _folder_prefix(base: Path, real_base: Path, root: Path) -> str:
    """What :func:`_display` puts before the name of a file (not a link) in ``base``.

    >>> folder = Path("/guide/content/contacts")
    >>> _folder_prefix(folder, folder, Path("/guide")), _folder_prefix(folder, folder, folder)
    ('content/contacts/', '')
    """
    try:
        folder = real_base.relative_to(root).as_posix()
    except ValueError:
        folder = os.path.relpath(base, root).replace(os.sep, "/")
    return "" if folder == "." else folder + "/"


def _display(path: Path, root: Path) -> str:
    """A path as messages show it: from ``root`` (with ``..`` when outside it).

    >>> _display(Path("/guide/content/contacts/a.yml"), Path("/guide"))
    'content/contacts/a.yml'
    >>> _display(Path("/elsewhere/a.yml"), Path("/guide"))
    '../elsewhere/a.yml'
    """
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return os.path.relpath(path, root).replace(os.sep, "/")


def is_id_like(text: str) -> bool:
    """A referral or experience entry that looks like an id (``dana-whitfield``).

    >>> is_id_like("dana-whitfield"), is_id_like("Dana Whitfield")
    (True, False)
    """
    return bool(ID_RE.match(text))


def resolve_references(corpus: Corpus) -> None:
    """Check every cross-reference of the corpus, adding located problems.

    A contact's ``organization``, ``connection.via`` and id-like ``referrals``
    must name a file of the guide (a file with errors counts: its own errors say
    what is wrong); an experience entry that looks like an organization id but
    names none is a warning; question ids are unique across the banks.
    """
    for cid, contact in corpus.contacts.items():
        _check_contact(corpus, cid, contact)
    if corpus.profile is not None:
        for index, job in enumerate(corpus.profile.experience):
            loc = ("experience", index, "organization")
            _check_experience(corpus, "profile", "", loc, job.organization)
    _check_question_ids(corpus)


def _report(
    corpus: Corpus,
    kind: str,
    ident: str,
    loc: tuple[str | int, ...],
    severity: Severity,
    message: str,
) -> None:
    """Add a problem at the value ``loc`` of the file of ``(kind, ident)``."""
    path, line, column = corpus.locate(kind, ident, loc)
    corpus.problems.append(Problem(path, line, column, severity, message))


def _unknown(corpus: Corpus, kind: str, ref: str, known: dict[str, Any]) -> bool:
    """Whether ``ref`` names no file of ``kind``, neither a valid one nor one with errors."""
    return ref not in known and (kind, ref) not in corpus.invalid


def _missing(corpus: Corpus, what: str, ref: str, known: dict[str, Any], folder: str) -> str:
    """What to say about a reference to no file: the closest id, or the file to create.

    >>> _missing(Corpus(), "contact", "joan-whitcomb", {"joan-whitcombe": None}, "contacts")
    'no contact `joan-whitcomb`; did you mean `joan-whitcombe`?'
    >>> _missing(Corpus(), "organization", "acme", {}, "organizations")
    'no organization `acme`; create content/organizations/acme.yml or fix the id'
    """
    kind = "organization" if folder == "organizations" else "contact"
    guess = closest(ref, set(known) | {i for k, i in corpus.invalid if k == kind})
    if guess:
        return f"no {what} `{ref}`; did you mean `{guess}`?"
    return f"no {what} `{ref}`; create content/{folder}/{ref}.yml or fix the id"


def _check_contact(corpus: Corpus, cid: str, contact: Contact) -> None:
    """Check one contact's ``organization``, ``connection.via``, referrals and experience."""
    orgs = corpus.organizations
    contacts = corpus.contacts
    org = contact.organization
    if org and _unknown(corpus, "organization", org, orgs):
        message = _missing(corpus, "organization", org, orgs, "organizations")
        _report(corpus, "contact", cid, ("organization",), "error", f"`organization`: {message}")
    via = contact.connection.via
    if via is not None:
        if via == cid:
            _report(
                corpus,
                "contact",
                cid,
                ("connection", "via"),
                "error",
                "`connection.via`: a contact cannot introduce themselves; name who introduces you",
            )
        elif _unknown(corpus, "contact", via, contacts):
            message = _missing(corpus, "contact", via, contacts, "contacts")
            _report(
                corpus,
                "contact",
                cid,
                ("connection", "via"),
                "error",
                f"`connection.via`: {message}",
            )
    for index, referral in enumerate(contact.referrals):
        if is_id_like(referral) and _unknown(corpus, "contact", referral, contacts):
            _report(
                corpus,
                "contact",
                cid,
                ("referrals", index),
                "error",
                f"`referrals[{index}]`: "
                + _missing(corpus, "contact", referral, contacts, "contacts")
                + "; write a person's full name (with capitals) if they have no file yet",
            )
    for index, job in enumerate(contact.background.experience):
        loc = ("background", "experience", index, "organization")
        _check_experience(corpus, "contact", cid, loc, job.organization)


def _check_question_ids(corpus: Corpus) -> None:
    """An id used by two entries of the question banks is an error at the second one."""
    seen: dict[str, str] = {}
    for question, (path, index) in zip(corpus.questions, corpus.question_sources, strict=True):
        qid = question.id
        if qid in seen:
            line, column = corpus.documents[path].position((index, "id"))
            corpus.problems.append(
                Problem(
                    path,
                    line,
                    column,
                    "error",
                    f"question id `{qid}` is used twice (also in {seen[qid]}); give each entry its own id",
                )
            )
        else:
            seen[qid] = path


def _check_experience(
    corpus: Corpus, kind: str, ident: str, loc: tuple[str | int, ...], ref: str
) -> None:
    """A warning when an experience entry looks like an organization id but names none."""
    orgs = corpus.organizations
    if ref in orgs or not is_id_like(ref) or "-" not in ref:
        return
    _report(corpus, kind, ident, loc, "warning", _experience_message(loc, ref, orgs))


def _experience_message(loc: tuple[str | int, ...], ref: str, orgs: dict[str, Any]) -> str:
    """The warning about an experience ``organization`` that looks like a missing id.

    >>> print(_experience_message(("experience", 0, "organization"), "acme-corp", {"acme-corporation": None}))
    `experience.organization`: `acme-corp` looks like an organization id, but there is no such organization; did you mean `acme-corporation`?
    >>> print(_experience_message(("experience", 1, "organization"), "some-place", {}))
    `experience.organization`: `some-place` looks like an organization id, but there is no such organization; write the organization's name, or create its file
    """
    guess = closest(ref, orgs)
    hint = (
        f"did you mean `{guess}`?" if guess else "write the organization's name, or create its file"
    )
    return f"`{'.'.join(str(p) for p in loc if isinstance(p, str))}`: `{ref}` looks like an organization id, but there is no such organization; {hint}"
