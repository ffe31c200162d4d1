"""Load a whole guide (the ``content/`` folder) into one validated corpus.

Each file is parsed and validated on its own and cached by
``(path, mtime_ns, size)``, so a ``mkdocs serve`` rebuild re-parses only the
files that changed. Cross-references (contact -> organization, connection.via,
referrals, experience organizations) are resolved for the whole corpus on
every load, which is cheap.

The loader's order is here (:class:`CorpusLoader`); what it holds is
:class:`~prepguide.guide.corpus_data.Corpus` (re-exported here, where most callers
import it), the names and links of the research folders are checked in
:mod:`prepguide.guide.research`, and the cross-references in
:mod:`prepguide.guide.references`.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, dangling_link
from ..markup import tangled
from ..read.loader import Document, LoadError, load_file
from ..read.model import Contact, Organization, QuestionEntry
from ..read.validate import Kind, validate_document
from .corpus_data import Corpus
from .published import FOLDERS
from .references import resolve_references
from .research import (
    _dangling,
    _display,
    _file_name_problem,
    _folder_prefix,
    _linked_research,
    _research_name,
    _strays_elsewhere,
    _strays_in,
    _yaml_suffix_warning,
    link_loops,
)

__all__ = ["Corpus", "CorpusLoader", "paused_gc", "thaw"]


def _markdown_fields(model: object) -> Iterator[tuple[tuple[str | int, ...], str | None]]:
    """The Markdown fields of a validated file, with where each is (docs/usage.md).

    >>> org = Organization(id="acme", name="Acme", summary="We *make* things.")
    >>> list(_markdown_fields(org))
    [(('summary',), 'We *make* things.'), (('culture',), None), (('notes',), None)]
    """
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
            if name.startswith("."):
                continue  # hidden: an editor's file, or material's meta plugin's `.meta.yml`
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


def _check_surroundings(corpus: Corpus, content_dir: Path, root: Path) -> None:
    """Add the errors about looping links and the warnings about stray files outside the
    research folders (a looping link is reported once, not also as a stray)."""
    loops = link_loops(content_dir, root)
    corpus.problems.extend(loops)
    looped = {p.path for p in loops}
    corpus.problems.extend(p for p in _strays_elsewhere(content_dir, root) if p.path not in looped)
