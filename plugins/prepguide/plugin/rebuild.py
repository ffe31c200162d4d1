"""Outputs kept between ``mkdocs serve`` rebuilds: each generated page's HTML, search entries and page.

After one contact file is saved, prepguide's :class:`~prepguide.render.pagecache.PageCache`
makes again only the pages whose inputs changed; every other page has the same
Markdown as in the previous build. This module lets the plugin spare MkDocs the
work such a page costs it (converting the Markdown, indexing it for search and
rendering the theme's template), by keeping what that work made the last time,
under a key of everything the work read (docs/usage.md, "Files", on ``mkdocs serve``):

* the HTML (with the table of contents, anchors and title) of a page is reused
  when its source (front matter and Markdown), the site's configuration (theme,
  Markdown extensions and their options, plugins' options...) and every file
  lookup MkDocs made while converting it (links to other pages) are unchanged;
* its search entries when, in addition, the search plugin's options are unchanged
  (they are part of the configuration);
* the page MkDocs wrote when, in addition, the navigation, the list of pages, the
  theme's override files and the build date are unchanged.

Only pages prepguide generated and kept out of the navigation are kept, and only
when no plugin but prepguide and search acts on pages and every Markdown
extension is one known to read nothing but the page (a snippets extension
includes other files, which no key here would see): otherwise every page is
built as usual. The plugin wires this to MkDocs' events; this module holds the
keys and the entries, and imports nothing of MkDocs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PURE_EXTENSIONS = frozenset(
    {
        # Python-Markdown's own
        "abbr",
        "admonition",
        "attr_list",
        "codehilite",
        "def_list",
        "extra",
        "fenced_code",
        "footnotes",
        "legacy_attrs",
        "legacy_em",
        "md_in_html",
        "meta",
        "nl2br",
        "sane_lists",
        "smarty",
        "tables",
        "toc",
        "wikilinks",
        # PyMdown Extensions that read only the page
        "pymdownx.arithmatex",
        "pymdownx.betterem",
        "pymdownx.blocks.admonition",
        "pymdownx.blocks.details",
        "pymdownx.blocks.tab",
        "pymdownx.caret",
        "pymdownx.critic",
        "pymdownx.details",
        "pymdownx.emoji",
        "pymdownx.escapeall",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
        "pymdownx.keys",
        "pymdownx.magiclink",
        "pymdownx.mark",
        "pymdownx.progressbar",
        "pymdownx.saneheaders",
        "pymdownx.smartsymbols",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
        "pymdownx.tilde",
    }
)
"""Markdown extensions whose output depends on the page's text and options only."""


def _normal_extension(name: str) -> str:
    return name.removeprefix("markdown.extensions.")


def pure_extensions(names: Iterable[Any]) -> bool:
    """Whether every Markdown extension is known to read nothing but the page."""
    return all(isinstance(n, str) and _normal_extension(n) in PURE_EXTENSIONS for n in names)


class Unkeyable(Exception):
    """A value whose content cannot be written down (an object known only by its address)."""


def _describe(value: Any, out: list[str], seen: set[int], depth: int = 0) -> None:
    """Write ``value`` down deterministically (for :func:`signature`)."""
    if depth > 40:
        raise Unkeyable("too deep")
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        out.append(f"{type(value).__name__}:{value!r}")
        return
    if isinstance(value, Path):
        out.append(f"path:{value}")
        return
    if id(value) in seen:
        out.append("<cycle>")
        return
    seen.add(id(value))
    try:
        if isinstance(value, Mapping):
            out.append(f"{{{type(value).__name__}")
            for key in sorted(value, key=repr):
                out.append(repr(key))
                _describe(value[key], out, seen, depth + 1)
            out.append("}")
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
            out.append(f"[{type(value).__name__}")
            for item in items:
                _describe(item, out, seen, depth + 1)
            out.append("]")
        elif callable(value) and not hasattr(value, "__dict__"):
            raise Unkeyable(repr(value))
        elif hasattr(value, "config") and hasattr(value, "load_config"):
            # A plugin: its options (its state between builds is its own business).
            out.append(f"<plugin {type(value).__module__}.{type(value).__qualname__}")
            _describe(value.config, out, seen, depth + 1)
            out.append(">")
        elif hasattr(value, "__dict__"):
            out.append(f"<{type(value).__module__}.{type(value).__qualname__}")
            _describe(
                {k: v for k, v in vars(value).items() if not callable(v) or hasattr(v, "__dict__")},
                out,
                seen,
                depth + 1,
            )
            out.append(">")
        else:
            text = repr(value)
            if " at 0x" in text:
                raise Unkeyable(text)
            out.append(f"{type(value).__qualname__}:{text}")
    finally:
        seen.discard(id(value))


def signature(*values: Any) -> str | None:
    """A digest of everything ``values`` hold, or None when one of them cannot be written down."""
    out: list[str] = []
    try:
        for value in values:
            _describe(value, out, set())
    except Unkeyable:
        return None
    return hashlib.blake2b("\x1f".join(out).encode("utf-8", "surrogatepass")).hexdigest()


def folder_signature(folders: Iterable[str | os.PathLike[str]]) -> str:
    """Every file under ``folders`` by path, size and modification time (theme overrides)."""
    digest = hashlib.blake2b()
    for folder in folders:
        digest.update(f"\x1e{folder}".encode())
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                digest.update(f"\x1f{path}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


@dataclass
class Entry:
    """What MkDocs made of one generated page in an earlier build."""

    key: str
    """The page's source and the configuration's signature."""
    lookups: dict[str, tuple[str, str] | None] = field(default_factory=dict)
    """Every file lookup converting the page made: path -> (URL, inclusion) or None."""
    content: str | None = None
    toc: Any = None
    title_from_render: str | None = None
    present_anchor_ids: set[str] | None = None
    links_to_anchors: dict[str, dict[str, str]] | None = None
    """Links to anchors of other pages, by the other page's source path."""
    search: list[dict[str, Any]] | None = None
    """The page's search entries."""
    output_key: str | None = None
    output: str | None = None
    """The page as MkDocs wrote it, under ``output_key``."""


def copy_entries(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Search entries, copied one level deep (the index may change them)."""
    return [
        {k: (list(v) if isinstance(v, list) else v) for k, v in entry.items()} for entry in entries
    ]


class OutputCache:
    """Generated pages' HTML, search entries and written pages, between serve rebuilds."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.config_key: str | None = None
        """This build's configuration signature; None: nothing is kept or reused."""
        self.output_key: str | None = None
        """This build's signature of what every written page shares (nav, theme...)."""
        self.used: set[str] = set()
        self.converted = 0
        """Pages converted from Markdown during the last build."""
        self.reused = 0
        """Pages whose HTML was reused during the last build."""
        self.rendered = 0
        """Pages whose theme template was rendered during the last build."""

    def begin(self, config_key: str | None) -> None:
        """Start a build (``config_key`` None: this build neither uses nor keeps anything)."""
        self.config_key = config_key
        self.output_key = None
        self.used = set()
        self.converted = self.reused = self.rendered = 0

    def end(self) -> None:
        """Forget the pages this build did not have (deleted contacts...)."""
        if self.config_key is not None:
            self.entries = {k: v for k, v in self.entries.items() if k in self.used}

    def key(self, source: str) -> str | None:
        if self.config_key is None:
            return None
        digest = hashlib.blake2b(source.encode("utf-8", "surrogatepass"))
        digest.update(self.config_key.encode())
        return digest.hexdigest()

    def find(
        self,
        src_uri: str,
        source: str,
        lookup: Callable[[str], tuple[str, str] | None],
    ) -> tuple[Entry | None, bool]:
        """The entry for a page about to be built, and whether its HTML can be reused.

        A new, empty entry is returned (and kept) when it cannot.
        """
        key = self.key(source)
        if key is None:
            return None, False
        self.used.add(src_uri)
        entry = self.entries.get(src_uri)
        if (
            entry is not None
            and entry.key == key
            and entry.content is not None
            and all(lookup(path) == found for path, found in entry.lookups.items())
        ):
            self.reused += 1
            return entry, True
        entry = Entry(key)
        self.entries[src_uri] = entry
        self.converted += 1
        return entry, False

    def clear(self) -> None:
        self.entries.clear()
        self.config_key = self.output_key = None
