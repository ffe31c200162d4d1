"""What the plugin keeps and does between ``mkdocs serve`` rebuilds (docs/development.md).

The plugin class takes these methods from :class:`ServeMixin`: the site's
folders set aside and put back around MkDocs' cleaning, the search plugin
handed kept entries or a page's searchable part, the page shown while the
notes have errors, and the configuration's signature.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from material.plugins.search.plugin import SearchPlugin as MaterialSearch
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..read.fields import ID_RE
from ..render.pagehtml import searchable
from .rebuild import Entry, OutputCache, copy_entries, pure_extensions, signature

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation


from . import search_sections
from .pages import KEPT_FOLDERS, PAGE_EVENTS
from .reporting import error_page
from .search_sections import add_sections
from .settings import ASSETS_DIR, user_files


class ServeMixin:
    """The serve-rebuild half of :class:`~prepguide.plugin.PrepGuidePlugin`."""

    outputs: OutputCache
    building: dict[str, tuple[Entry, bool]]
    aside: list[str]
    aside_site: Path | None
    put: list[str]
    kept_files: Files | None
    served: dict[str, bool]
    served_assets: dict[str, bytes]
    html_pages: set[str]

    def outputs_config_key(self, config: MkDocsConfig) -> str | None:
        """The configuration's signature, or None when outputs cannot be kept safely.

        Kept only when every Markdown extension reads nothing but the page and no
        plugin but prepguide and search takes part in building pages (see
        :mod:`prepguide.plugin.rebuild`).
        """
        if not pure_extensions(config.markdown_extensions):
            return None
        for event in PAGE_EVENTS:
            for handler in config.plugins.events.get(event, []):
                owner = getattr(handler, "__self__", None)
                if owner is not self and not is_search_plugin(owner):
                    return None
        return signature(dict(config), mkdocs_versions())

    def error_files(self, config: MkDocsConfig, message: str) -> list[File]:
        """The site while the notes have errors (``mkdocs serve`` only).

        The page listing the errors stands at the address of every page the last
        good build generated, of every note in ``contacts/`` and ``organizations/``
        (a tab opened before the server started), and of the home page; the
        stylesheet, script and calendars of the last good build stay. A user's own
        page at one of these addresses is left to MkDocs: ``on_page_markdown`` puts
        the errors at its top.
        """
        docs = Path(config.docs_dir)
        pages = dict(self.served)
        for folder in ("contacts", "organizations"):
            if (docs / folder).is_dir():
                for path in sorted((docs / folder).glob("*.yml")):
                    if ID_RE.match(path.stem):
                        pages.setdefault(f"{folder}/{path.stem}.md", False)
        for top in ("index.md", "contacts.md", "organizations.md", "network.md"):
            pages.setdefault(top, True)
        user = user_files(config)
        taken = set(user.src_uris) | {f.dest_uri for f in user}
        body = error_page(message)
        files = []
        for src_uri, in_nav in pages.items():
            file = File.generated(
                config,
                src_uri,
                content=body,
                inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV,
            )
            if file.src_uri not in taken and file.dest_uri not in taken:
                files.append(file)
        assets = self.served_assets or {
            f"assets/prepguide/{path.name}": path.read_bytes()
            for path in sorted(ASSETS_DIR.iterdir())
            if path.is_file() and not path.name.startswith(".")
        }
        files.extend(
            File.generated(config, src_uri, content=content) for src_uri, content in assets.items()
        )
        return files

    def wrap_search_index(self, config: MkDocsConfig) -> None:
        """Hand the search plugin only the part of an HTML page it indexes.

        The text prepguide writes the same on every page is marked
        ``data-search-exclude`` and set off (pagehtml.searchable): the search
        plugin is given the page without it, rather than parsing it to skip it
        (tests/test_pagehtml.py checks the entries are the same). Material's index
        reads that part's sections with :mod:`prepguide.plugin.search_sections`
        rather than its ``HTMLParser`` (the same sections, faster). Under ``mkdocs
        serve`` a kept page's entries are given instead of indexing it again.
        """
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if not is_search_plugin(plugin) or index is None:
                continue
            entries = getattr(index, "entries", None)
            if not isinstance(entries, list):
                entries = getattr(index, "_entries", None)
            if not isinstance(entries, list):
                continue
            original = index.add_entry_from_context

            def add_entry_from_context(
                page: Page,
                entries: list[Any] = entries,
                original: Any = original,
                index: Any = index,
            ) -> None:
                entry, reuse = self.building.get(page.file.src_uri, (None, False))
                if entry is not None and reuse and entry.search is not None:
                    entries.extend(copy_entries(entry.search))
                    return
                start = len(entries)
                content = page.content
                if page.file.src_uri not in self.html_pages or not content:
                    original(page)
                elif not add_sections(index, page, searchable(content)):
                    page.content = searchable(content)
                    try:
                        original(page)
                    finally:
                        page.content = content
                if entry is not None:
                    entry.search = copy_entries(entries[start:])

            index.add_entry_from_context = add_entry_from_context
            self.wrap_page_context(config, plugin)

    def wrap_page_context(self, config: MkDocsConfig, plugin: Any) -> None:
        """Material's search ``on_page_context`` for prepguide's HTML pages, without its scan.

        Material removes ``data-search-*`` attributes from every page with a pattern tried at
        every character; prepguide's pages are long, so for them the same step runs as
        :func:`~prepguide.plugin.search_sections.index_page` (same result; Material's own
        method for every other page and any other version or search plugin).
        """
        handlers = config.plugins.events.get("page_context", [])
        for position, handler in enumerate(handlers):
            if getattr(handler, "__self__", None) is not plugin:
                continue
            if not search_sections.CHECKED or (
                getattr(handler, "__func__", None) is not MaterialSearch.on_page_context
            ):
                return

            def on_page_context(
                context: Any,
                /,
                *,
                page: Page,
                config: MkDocsConfig,
                nav: Navigation,
                original: Any = handler,
            ) -> Any:
                if page.file.src_uri in self.html_pages:
                    search_sections.index_page(plugin, page)
                    return None
                return original(context, page=page, config=config, nav=nav)

            # Still the search plugin's handler for outputs_config_key (which reads __self__).
            on_page_context.__self__ = plugin  # type: ignore[attr-defined]
            handlers[position] = on_page_context
            return

    # ``mkdocs serve`` cleans its folder before every rebuild, and then writes every page
    # again: at 1,000 contacts, removing and making 1,200 folders is a sixth of a rebuild.
    # The prep and organization pages' folders are set aside under a hidden name (MkDocs'
    # cleaning leaves hidden entries), put back once the folder is clean, and every file
    # in them that this build did not write is removed when it ends (``prune``): the
    # folder then holds what a clean build writes (tests/test_serve_equivalence.py).

    def set_aside(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        self.aside, self.aside_site, self.put = [], site, []
        for name in KEPT_FOLDERS:
            folder, hidden = site / name, site / f".prepguide-{name}"
            if hidden.exists():
                shutil.rmtree(hidden, ignore_errors=True)
            if folder.is_dir() and not folder.is_symlink():
                try:
                    os.replace(folder, hidden)
                except OSError:
                    continue
                self.aside.append(name)

    def put_back(self, config: MkDocsConfig | None) -> None:
        """Put the folders set aside back (``on_files``), or drop them (a failed build)."""
        site = Path(config.site_dir) if config is not None else self.aside_site
        for name in self.aside:
            if site is None:
                break
            folder, hidden = site / name, site / f".prepguide-{name}"
            if config is not None and not folder.exists() and hidden.is_dir():
                os.replace(hidden, folder)
                self.put.append(name)
            else:
                shutil.rmtree(hidden, ignore_errors=True)
        self.aside = []

    def prune(self, config: MkDocsConfig) -> None:
        """Remove what the folders put back hold but this build did not write."""
        put, self.put = self.put, []
        files, self.kept_files = self.kept_files, None
        if not put:
            return
        site = Path(config.site_dir)
        written = {os.path.normpath(f.abs_dest_path) for f in files} if files is not None else set()
        for name in put:
            for folder, dirnames, filenames in os.walk(site / name, topdown=False):
                for filename in filenames:
                    path = os.path.join(folder, filename)
                    if os.path.normpath(path) not in written:
                        os.remove(path)
                for dirname in dirnames:
                    with contextlib.suppress(OSError):  # not empty: it holds pages
                        os.rmdir(os.path.join(folder, dirname))


def is_search_plugin(plugin: object) -> bool:
    """MkDocs' or Material's search plugin (which index pages and change nothing else)."""
    module = type(plugin).__module__
    return module.startswith(("material.plugins.search", "mkdocs.contrib.search"))


def mkdocs_versions() -> dict[str, str]:
    """The versions of MkDocs, its theme and Markdown (part of a kept output's key)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = ""
    return found


def nav_signature(nav: Navigation) -> list[Any]:
    """The navigation as every page shows it: titles, URLs, nesting, and each page's metadata
    (the theme shows some of it in the sidebar: material's ``status``, ``icon`` and
    ``subtitle``)."""

    def item(node: Any) -> Any:
        children = getattr(node, "children", None) or []
        return (
            type(node).__name__,
            node.title,
            getattr(node, "url", None),
            getattr(node, "is_homepage", None),
            getattr(node, "meta", None),
            [item(child) for child in children],
        )

    return [item(node) for node in nav.items]
