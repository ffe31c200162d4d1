"""Generated pages kept between the builds of one ``mkdocs serve`` session (:class:`PageCache`)."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..guide.corpus import Corpus
from .directory import DirectoryRow
from .templating import Renderer

_MISSING = object()


class PageCache:
    """Generated pages kept between the builds of one ``mkdocs serve`` session.

    A page is reused when everything it was made from is unchanged: the values
    passed to its template (the contact, organization, profile, options...,
    compared by identity, then by equality), the templates, the question banks,
    and every contact and organization that rendering it *looked up* in the
    corpus (``corpus.contacts.get(id)``, ``corpus.organizations[id]``, ``id in
    ...``): those lookups are recorded while the page renders, so a page that
    names the person who introduced you is made again when that person's file
    changes, whatever code or template did the lookup. A page that reads the
    whole corpus (iterates over the contacts, asks how many there are, reads
    the loaded documents...) is never reused.

    Models loaded from unchanged files are the same objects from one load to
    the next (the parse cache), so checking a page costs a few identity tests.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[Any, tuple[tuple[str, str, Any], ...], Any]] = {}
        self._bases: list[tuple[Any, ...]] = []
        self._used: set[str] = set()
        self.rows: dict[str, DirectoryRow] = {}
        """The contacts index's rows (see :func:`contacts_context`)."""
        self.hits = 0
        """Pages reused during the last build."""
        self.misses = 0
        """Pages made during the last build."""
        self.made: list[str] = []
        """What was made (not reused) during the last build: page paths, rows, calendar entries."""

    def session(self, corpus: Corpus, renderer: Renderer | None, ctx: Any = None) -> _CacheSession:
        """Start using the cache for one build of ``corpus`` (resets the counters).

        ``ctx`` (the site context: options, URLs) is part of every output's key.
        """
        if renderer is not None:  # a new build
            self.hits = self.misses = 0
            self.made = []
            if self._used:  # forget what the last build did not use (deleted contacts...)
                self._entries = {k: v for k, v in self._entries.items() if k in self._used}
                self._used = set()
        base = (_templates_key(renderer), corpus.profile, tuple(corpus.questions), ctx)
        # The previous build's equal base, so that each page's key compares by identity.
        for known in self._bases:
            if known == base:
                base = known
                break
        else:
            self._bases = [base, *self._bases[:3]]
        return _CacheSession(self, corpus, base)

    @property
    def names(self) -> set[str]:
        """The outputs kept (page paths, rows, calendar entries)."""
        return set(self._entries)

    def clear(self) -> None:
        """Forget every page."""
        self._entries.clear()
        self._bases.clear()
        self._used.clear()
        self.rows.clear()


def _templates_key(renderer: Renderer | None) -> tuple[Any, ...]:
    """Every template as currently loaded: a template changed on disk is a new object."""
    if renderer is None:
        return ()
    env = renderer.env
    key: list[Any] = []
    for name in env.list_templates(filter_func=lambda n: n.endswith(".j2")):
        try:
            key.append(env.get_template(name))
        except Exception as exc:  # a broken override fails where it is used, not here
            key.append((name, type(exc).__name__, str(exc)))
    return tuple(key)


class _CacheSession:
    def __init__(self, cache: PageCache, corpus: Corpus, base: tuple[Any, ...]) -> None:
        self.cache = cache
        self.corpus = corpus
        self.base = base
        """What every output depends on: templates, profile, question banks, site context."""
        self.recorder = _Recorder()
        self.seen = _tracked(corpus, self.recorder)

    def get(self, name: str, key: Any, make: Any) -> Any:
        """The cached output ``name`` when ``key`` and its lookups are unchanged, else ``make(corpus)``."""
        key = (self.base, key)
        self.cache._used.add(name)
        entries = self.cache._entries
        entry = entries.get(name)
        if entry is not None and entry[0] == key and self._valid(entry[1]):
            self.cache.hits += 1
            return entry[2]
        self.cache.misses += 1
        self.cache.made.append(name)
        self.recorder.start()
        try:
            output = make(self.seen)
        finally:
            lookups, whole = self.recorder.stop()
        if whole:
            entries.pop(name, None)
        else:
            entries[name] = (key, lookups, output)
        return output

    def _valid(self, lookups: tuple[tuple[str, str, Any], ...]) -> bool:
        for table, ident, value in lookups:
            current = getattr(self.corpus, table).get(ident, _MISSING)
            if current is not value and (
                current is _MISSING or value is _MISSING or current != value
            ):
                return False
        return True


class _Recorder:
    """The corpus lookups made while one page renders."""

    def __init__(self) -> None:
        self.active = False
        self.lookups: dict[tuple[str, str], Any] = {}
        self.whole = False

    def start(self) -> None:
        self.active, self.lookups, self.whole = True, {}, False

    def stop(self) -> tuple[tuple[tuple[str, str, Any], ...], bool]:
        self.active = False
        return tuple((t, i, v) for (t, i), v in self.lookups.items()), self.whole


class _TrackedDict(dict):
    """The corpus' contacts or organizations, recording what a page looks up."""

    def __init__(self, table: str, data: dict[str, Any], recorder: _Recorder) -> None:
        super().__init__(data)
        self._table = table
        self._recorder = recorder

    def _note(self, key: Any) -> None:
        recorder = self._recorder
        if recorder.active:
            if isinstance(key, str):
                recorder.lookups.setdefault((self._table, key), dict.get(self, key, _MISSING))
            else:
                recorder.whole = True

    def _all(self) -> None:
        self._recorder.whole = True

    def __getitem__(self, key: Any) -> Any:
        self._note(key)
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._note(key)
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return dict.__contains__(self, key)

    def __iter__(self) -> Any:
        self._all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._all()
        return dict.__len__(self)

    def __reversed__(self) -> Any:
        self._all()
        return dict.__reversed__(self)

    def keys(self) -> Any:
        self._all()
        return dict.keys(self)

    def values(self) -> Any:
        self._all()
        return dict.values(self)

    def items(self) -> Any:
        self._all()
        return dict.items(self)

    def copy(self) -> dict[str, Any]:
        self._all()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self._all()
        return dict.__eq__(self, other)

    __hash__ = None

    def __reduce__(self) -> Any:
        self._all()
        return (dict, (dict(dict.items(self)),))


_TRACKED_FIELDS = ("contacts", "organizations", "profile", "questions", "_by_org")


class _TrackedCorpus(Corpus):
    """A view of a corpus whose contact and organization lookups are recorded."""

    def __getattribute__(self, name: str) -> Any:
        if name in _UNTRACKED_FIELDS:
            object.__getattribute__(self, "_recorder").whole = True
        return object.__getattribute__(self, name)


_UNTRACKED_FIELDS = frozenset(
    f.name for f in dataclasses.fields(Corpus) if f.name not in _TRACKED_FIELDS
)
"""Corpus fields a page may not read and still be reused (documents, problems...)."""


def _tracked(corpus: Corpus, recorder: _Recorder) -> Corpus:
    values = {f.name: getattr(corpus, f.name) for f in dataclasses.fields(Corpus) if f.init}
    values["contacts"] = _TrackedDict("contacts", corpus.contacts, recorder)
    values["organizations"] = _TrackedDict("organizations", corpus.organizations, recorder)
    seen = _TrackedCorpus(**values)
    object.__setattr__(seen, "_recorder", recorder)
    return seen
