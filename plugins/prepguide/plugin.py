"""The MkDocs plugin: a thin adapter from MkDocs events to prepguide's core.

Loading, validation, tailoring and rendering live in engine-neutral modules
(:mod:`prepguide.corpus`, :mod:`prepguide.prep`, :mod:`prepguide.site`);
this module only uses MkDocs' public plugin API: events, ``File.generated``,
``Files``, ``PluginError`` and ``get_plugin_logger``.
"""

from __future__ import annotations

import contextlib
import html
import mimetypes
import os
import re
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2.bccache import Bucket
from jinja2.bccache import BytecodeCache as BytecodeCacheBase
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date

from .config import PrepGuideConfig
from .corpus import Corpus, CorpusLoader, is_unpublished, paused_gc, thaw, unsafe_link
from .errors import Problem, format_problems, visible
from .generated import clashes as generated_clashes
from .generated import user_sources
from .guide import GuideError, read_config
from .model import ID_RE, Contact, Organization
from .options import OptionError, Options, make_options
from .pagehtml import RETIRED_TEMPLATES, HeadingStyle, anchor_ids, searchable, toc_tokens
from .prep import WarningMemo, prep_warnings
from .privacy import for_audience
from .questions import TemplateBudgetError
from .rebuild import Entry, OutputCache, copy_entries, folder_signature, pure_extensions, signature
from .scaffold import unfilled_blanks
from .pagecache import PageCache
from .pages import SiteContext
from .site import render_site, site_assets
from .templating import Renderer

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)

ASSETS_DIR = Path(__file__).parent / "assets"
REQUIRED_EXTENSIONS = ("md_in_html",)
"""Markdown extensions the generated pages use (added when mkdocs.yml lacks them)."""
KEPT_TEMPLATE = "prepguide/kept-page.html"
"""The template of a page whose earlier output is still exact (see :class:`KeptPage`)."""
KEPT_OUTPUT = "prepguide_kept_output"
KEPT_FOLDERS = ("contacts", "organizations")
"""The served site's folders of generated pages, kept through MkDocs' cleaning (serve only)."""
PAGE_EVENTS = (
    "pre_page",
    "page_read_source",
    "page_markdown",
    "page_content",
    "page_context",
    "post_page",
    "env",
    "pre_template",
    "template_context",
)
"""Events through which a plugin could change what a page becomes."""


class HtmlPage(Page):
    """A prep or organization page, whose source is already HTML (prepguide.pagehtml).

    The plugin hands MkDocs this page in ``on_pre_page`` (the event may return
    another page). Its front matter is read as for any page; ``render`` takes the
    body as the page's HTML instead of converting Markdown, and reads the table
    of contents and the anchors from it, as Python-Markdown's ``toc`` would have
    made them (docs/development.md, "How a build runs").
    """

    def __init__(self, file: File, config: MkDocsConfig, style: HeadingStyle) -> None:
        super().__init__(None, file, config)
        self.style = style

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        body = self.markdown
        self.content = body
        self.toc = get_toc(toc_tokens(body, self.style))  # type: ignore[arg-type]
        self._title_from_render = None
        self.present_anchor_ids = anchor_ids(body)


class KeptPage(HtmlPage):
    """A generated HTML page under ``mkdocs serve``, with what an earlier build made of it.

    For every page prepguide generated outside the navigation: when the page's
    source and the configuration are unchanged (:class:`~prepguide.rebuild.OutputCache`),
    the theme's output and search entries of the last build are reused (see
    ``on_env``); otherwise they are made again and kept for the next build.
    """

    def __init__(
        self, file: File, config: MkDocsConfig, style: HeadingStyle, entry: Entry, reuse: bool
    ) -> None:
        super().__init__(file, config, style)
        self.kept = entry
        self.reuse = reuse
        self.kept_output = False
        """Whether the theme's template is skipped (set in ``on_env``)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.reuse:
            restore(self, self.kept, files)
            return
        super().render(config, files)
        remember(self, self.kept)


def record_lookups(files: Files, entry: Entry) -> Any:
    """Note each file lookup of a conversion in ``entry`` (returns the function that stops it).

    The links of a page become what these lookups find, so a page's HTML is
    reused only while each lookup finds the same (see :class:`KeptPage`).
    """
    original = files.get_file_from_path
    lookups = entry.lookups

    def recorded(path: str) -> File | None:
        found = original(path)
        lookups[path] = file_key(found)
        return found

    files.get_file_from_path = recorded  # type: ignore[method-assign]

    def uninstall() -> None:
        if "get_file_from_path" in vars(files):
            del files.get_file_from_path

    return uninstall


def remember(page: Page, entry: Entry) -> None:
    """Keep what converting ``page`` made beside its HTML (kept in ``on_page_content``)."""
    entry.toc = page.toc
    entry.title_from_render = page._title_from_render
    entry.present_anchor_ids = page.present_anchor_ids
    if page.links_to_anchors is not None:
        entry.links_to_anchors = {
            f.src_uri: dict(anchors) for f, anchors in page.links_to_anchors.items()
        }


def restore(page: Page, entry: Entry, files: Files) -> None:
    """Give ``page`` what converting it made the last time."""
    page.content = entry.content
    page.toc = entry.toc
    page._title_from_render = entry.title_from_render
    page.present_anchor_ids = entry.present_anchor_ids
    if entry.links_to_anchors is not None:
        links: dict[File, dict[str, str]] = {}
        for src_uri, anchors in entry.links_to_anchors.items():
            target = files.get_file_from_path(src_uri)
            if target is not None:
                links[target] = dict(anchors)
        page.links_to_anchors = links


class MemoryBytecodeCache(BytecodeCacheBase):
    """Jinja2's bytecode cache, in memory: the theme's templates compile once per serve session."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.kept.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja2 if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


def file_key(file: File | None) -> tuple[str, str] | None:
    """What a link to ``file`` becomes: its URL, and whether it is built."""
    return None if file is None else (file.url, file.inclusion.name)


class PrepGuidePlugin(BasePlugin[PrepGuideConfig]):
    """Turn the YAML research notes in ``docs_dir`` into prep pages."""

    def __init__(self) -> None:
        self.loader = CorpusLoader()
        self.is_serve = False
        self.options = Options()
        self.corpus: Corpus | None = None
        self.renderer: Renderer | None = None
        self.timings: dict[str, float] = {}
        """Seconds spent in prepguide's own work during the last build, by step."""
        self.page_cache = PageCache()
        """Pages kept between ``mkdocs serve`` rebuilds (used only when serving)."""
        self.warning_memo = WarningMemo()
        """Each contact's prep warnings, kept while its file is unchanged."""
        self.pending: list[File] = []
        """The files rendered in ``on_pre_build``, added to the site in ``on_files``."""
        self.config_error: str | None = None
        """An option of ``mkdocs.yml`` that ``mkdocs serve`` could not use (see ``on_config``)."""
        self.serve_errors: str | None = None
        """Why the last ``mkdocs serve`` rebuild failed; None after a good one."""
        self.served: dict[str, bool] = {}
        """Every page the last good serve build generated (source path: in the navigation)."""
        self.served_assets: dict[str, bytes] = {}
        """And every other file it generated (stylesheet, script, calendars)."""
        self.outputs = OutputCache()
        self.nav: Navigation | None = None
        self.building: dict[str, tuple[Entry, bool]] = {}
        """This build's kept entries, by source path, and whether each is reused."""
        self.recording: Any = None
        """Stops noting file lookups (set while MkDocs converts a page, see ``on_page_markdown``)."""
        self.bytecode = MemoryBytecodeCache()
        self.aside: list[str] = []
        """Folders of the served site set aside before MkDocs cleans it (see ``set_aside``)."""
        self.aside_site: Path | None = None
        self.put: list[str] = []
        self.kept_files: Files | None = None
        self.built_key: str | None = None
        self.html_pages: set[str] = set()
        """Source paths of the generated pages written as HTML (see :class:`HtmlPage`)."""
        self.style = HeadingStyle()
        self.nav_html: dict[str, str] = {}
        """The HTML of pages in the navigation written as HTML, from ``on_page_markdown``."""
        """The configuration's signature in the last good serve build."""
        """The theme's compiled templates, kept between serve rebuilds."""
        """What MkDocs made of each generated page, kept between serve rebuilds."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Keep this instance (and its parse cache) across ``mkdocs serve`` rebuilds."""
        self.is_serve = command == "serve"
        # `build --dirty` keeps what an earlier build wrote (serve builds into an empty folder)
        self.dirty_build = dirty and not self.is_serve
        if self.is_serve:
            # The calendar answers as text/calendar (docs/usage.md, "The generated site");
            # Python knows .ics only from the system's mime.types, if there is one.
            mimetypes.add_type("text/calendar", ".ics")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Validate the options and register the stylesheet and filter script."""
        if not self.config.enabled:
            return config
        self.config_error = None
        try:
            self.options = options_from(self.config)
        except OptionError as exc:
            if not self.is_serve:
                raise PluginError(f"prepguide: {exc}") from None
            # Serving: the pages show the error until mkdocs.yml is fixed (on_pre_build).
            where = visible(Path(config.config_file_path).name) if config.config_file_path else ""
            self.config_error = f"{where or 'mkdocs.yml'}:1:1: error: prepguide: {exc}"
            self.options = Options()
        if getattr(self, "dirty_build", False) and self.options.audience == "public":
            # An earlier private build's calendar and private contacts' pages would stay in
            # site/ (docs/usage.md, "Audience"): refused before anything is written.
            raise PluginError(
                "prepguide: a public build must start from an empty site: run it without "
                "--dirty (files of an earlier build, private pages among them, would stay "
                "in the site folder)"
            )
        if not chose_web_font(config):
            # Offline by default (docs/usage.md, "Plugin options"): material loads its
            # default font from Google Fonts on every page view unless told not to.
            config.theme["font"] = False
        custom_dir = config.theme.custom_dir
        overrides = [Path(custom_dir) / "prepguide"] if custom_dir else []
        self.renderer = Renderer(overrides, auto_reload=self.is_serve)
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        for asset in ("assets/prepguide/prepguide.css",):
            if asset not in config.extra_css:
                config.extra_css.append(asset)
        scripts = [str(s) for s in config.extra_javascript]
        if "assets/prepguide/prepguide.js" not in scripts:
            config.extra_javascript.append("assets/prepguide/prepguide.js")
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Load, validate and render everything, before anything is written.

        ``mkdocs build`` stops on the first problem (see :meth:`build_pages`).
        ``mkdocs serve`` logs it as an error and serves a page that lists the
        problems at every address the site had (docs/usage.md, "Files"): an
        open tab reloads to it, instead of a stale page, and back to the guide
        on the next good save.
        """
        self.pending = []
        self.serve_errors = None
        self.outputs.begin(None)
        self.nav = None
        self.building = {}
        if not self.config.enabled:
            return
        if not self.is_serve:
            self.build_pages(config)
            return
        try:
            if self.config_error is not None:
                raise PluginError(self.config_error)
            self.build_pages(config)
        except PluginError as exc:
            message = str(exc)
            log.error(message)
            self.serve_errors = message
            self.pending = self.error_files(config, message)
            self.outputs.clear()
            return
        self.outputs.begin(self.outputs_config_key(config))
        if self.outputs.config_key is not None and self.outputs.config_key == self.built_key:
            self.set_aside(config)  # the same configuration: the same layout of the site
        self.built_key = None
        self.served = {
            f.src_uri: f.inclusion is InclusionLevel.UNDEFINED
            for f in self.pending
            if f.src_uri.endswith(".md")
        }
        self.served_assets = {
            f.src_uri: f.content_bytes for f in self.pending if not f.src_uri.endswith(".md")
        }

    def outputs_config_key(self, config: MkDocsConfig) -> str | None:
        """The configuration's signature, or None when outputs cannot be kept safely.

        Kept only when every Markdown extension reads nothing but the page and no
        plugin but prepguide and search takes part in building pages (see
        :mod:`prepguide.rebuild`).
        """
        if not pure_extensions(config.markdown_extensions):
            return None
        for event in PAGE_EVENTS:
            for handler in config.plugins.events.get(event, []):
                owner = getattr(handler, "__self__", None)
                if owner is not self and not is_search_plugin(owner):
                    return None
        return signature(dict(config), mkdocs_versions())

    def build_pages(self, config: MkDocsConfig) -> None:
        """Load, validate and render everything (``on_pre_build``).

        MkDocs cleans ``site_dir`` after this event and before ``on_files``, so every
        problem a user can cause is found here: errors in the notes, a page that
        cannot be rendered, a user's file at the path of a generated page. Any of
        them stops the build with an existing ``site/`` left untouched; ``on_files``
        then only appends the pages rendered here (docs/usage.md, "Building").

        Raises:
            PluginError: Every error found, each as ``path:line:col: error: message``.
        """
        start = time.perf_counter()
        root = Path(config.config_file_path).parent if config.config_file_path else None
        corpus = Corpus()
        try:
            with paused_gc(keep=True):  # the notes stay for the build: see paused_gc
                corpus = self.loader.load(
                    Path(config.docs_dir), root, timezone=self.options.timezone
                )
                problems: list[Problem] = list(corpus.problems)
                if not corpus.errors:
                    problems.extend(prep_warnings(corpus, self.options, self.warning_memo))
        except Exception as exc:  # a last resort, as in render()
            raise PluginError(located_failure(exc, corpus)) from None
        if root is not None:  # a playbook that still names no prepguide (docs/playbook.md)
            problems.extend(unfilled_blanks(root))
        problems.extend(retired_overrides(config, root))
        report(problems)
        self.corpus = for_audience(corpus, self.options.audience)
        self.timings = {"load": time.perf_counter() - start}
        start = time.perf_counter()
        user = user_files(config)
        self.pending = self.render(config, user, corpus)
        report(clashes(self.pending, user, config, root))
        if not self.is_serve:
            self.release()
        self.timings["render"] = time.perf_counter() - start

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

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        """A page prepguide wrote as HTML outside the navigation is built from it (:class:`HtmlPage`).

        Under ``mkdocs serve`` such a page is built from its earlier output if still
        exact. A page in the navigation keeps its object (the navigation holds it):
        ``on_page_markdown`` and ``on_page_content`` hand MkDocs its HTML instead.
        """
        file = page.file
        if (
            file.generated_by != "prepguide"
            or file.src_uri not in self.html_pages
            or not file.inclusion.is_not_in_nav()
            or page.parent is not None
        ):
            return page
        if self.outputs.config_key is None:
            return HtmlPage(file, config, self.style)
        entry, reuse = self.outputs.find(file.src_uri, file.content_string, lambda path: None)
        if entry is None:
            return HtmlPage(file, config, self.style)
        self.building[file.src_uri] = (entry, reuse)
        return KeptPage(file, config, self.style, entry, reuse)

    @event_priority(-100)
    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        """Skip the theme's template for generated pages whose earlier output is still exact.

        That output is the same when the page's HTML is (see :class:`KeptPage`)
        and so is everything every page shares: the configuration, the
        navigation, the list of pages, the theme's override files and the build
        date (``outputs.output_key``).
        """
        self.wrap_search_index(config)
        if self.outputs.config_key is None:
            return env
        import jinja2

        if env.bytecode_cache is None:
            # Compiled once per template source, not once per rebuild (Jinja2 checks the source).
            env.bytecode_cache = self.bytecode
        nav = self.nav
        overrides = [config.theme.custom_dir] if config.theme.custom_dir else []
        self.outputs.output_key = signature(
            self.outputs.config_key,
            nav_signature(nav) if nav is not None else None,
            [(f.src_uri, f.url, f.inclusion.name) for f in files.documentation_pages()],
            folder_signature(overrides),
            list(config.theme.dirs),
            get_build_date(),
        )
        self.kept_files = files
        if nav is None or self.outputs.output_key is None or env.loader is None:
            return env
        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({KEPT_TEMPLATE: "{{ " + KEPT_OUTPUT + " }}"}), env.loader]
        )
        for file in files.documentation_pages():
            page = file.page
            if (
                isinstance(page, KeptPage)
                and page.reuse
                and page.kept.output is not None
                and page.kept.output_key == self.outputs.output_key
                and "template" not in page.meta
            ):
                page.kept_output = True
                page.meta["template"] = KEPT_TEMPLATE
        return env

    def wrap_search_index(self, config: MkDocsConfig) -> None:
        """Hand the search plugin only the part of an HTML page it indexes.

        The text prepguide writes the same on every page is marked
        ``data-search-exclude`` and set off (pagehtml.searchable): the search
        plugin is given the page without it, rather than parsing it to skip it
        (tests/test_pagehtml.py checks the entries are the same). Under ``mkdocs
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
                page: Page, entries: list[Any] = entries, original: Any = original
            ) -> None:
                entry, reuse = self.building.get(page.file.src_uri, (None, False))
                if entry is not None and reuse and entry.search is not None:
                    entries.extend(copy_entries(entry.search))
                    return
                start = len(entries)
                content = page.content
                if page.file.src_uri in self.html_pages and content:
                    page.content = searchable(content)
                try:
                    original(page)
                finally:
                    page.content = content
                if entry is not None:
                    entry.search = copy_entries(entries[start:])

            index.add_entry_from_context = add_entry_from_context

    @event_priority(-100)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        """Note the navigation for :meth:`on_env` (its titles are known only then)."""
        self.nav = nav

    @event_priority(50)  # before the search plugin's
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """A kept page's output, for the template that writes it (see :meth:`on_env`).

        Its HTML is then needed by nobody (the search plugin is given the kept
        entries, and strips search attributes from it for the theme otherwise).
        """
        if isinstance(page, KeptPage) and page.kept_output:
            context[KEPT_OUTPUT] = page.kept.output  # type: ignore[literal-required]
            if page.kept.search is not None:
                page.content = ""
        return context

    @event_priority(-100)  # the last change to the Markdown before MkDocs converts it
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """While the notes have errors (``mkdocs serve``), a user's own page shows them first.

        Under ``mkdocs serve`` a generated page in the navigation whose HTML is
        still exact (see :class:`KeptPage`) is given no Markdown: its HTML is
        restored in ``on_page_content``.
        """
        file = page.file
        if (
            self.outputs.config_key is not None
            and file.generated_by == "prepguide"
            and file.src_uri.endswith(".md")
            and not isinstance(page, KeptPage)
        ):
            entry, reuse = self.outputs.find(
                file.src_uri,
                file.content_string,
                lambda path: file_key(files.get_file_from_path(path)),
            )
            if entry is not None:
                self.building[file.src_uri] = (entry, reuse)
                if reuse:
                    return ""
                self.recording = record_lookups(files, entry)
        if (
            file.generated_by == "prepguide"
            and file.src_uri in self.html_pages
            and not isinstance(page, HtmlPage)
        ):
            # A page in the navigation written as HTML: nothing to convert (on_page_content).
            self.nav_html[file.src_uri] = markdown
            return ""
        if self.serve_errors is None or page.file.generated_by == "prepguide":
            return markdown
        return error_block(self.serve_errors) + "\n\n" + markdown

    def render(self, config: MkDocsConfig, user: Files, full: Corpus) -> list[File]:
        """Render every generated page and asset, as MkDocs files (not yet added).

        Raises:
            PluginError: A value could not be rendered; the message names its file.
        """
        assert self.corpus is not None and self.renderer is not None
        self.style = heading_style(config)
        ctx = SiteContext(
            options=self.options,
            today=self.options.resolved_today(),
            use_directory_urls=config.use_directory_urls,
            site_url=config.site_url,
            public=self.options.audience == "public",
            headings=self.style,
        )
        # The user's own home page (index.md, or README.md) replaces the dashboard.
        with_dashboard = not any(f.dest_uri == "index.html" for f in user)
        cache = self.page_cache if self.is_serve else None
        try:
            with paused_gc(keep=True):  # rendering keeps what it builds, or frees it by refcount
                pages = render_site(
                    self.corpus, ctx, self.renderer, with_dashboard=with_dashboard, cache=cache
                )
                assets = site_assets(self.corpus, ctx, ASSETS_DIR, cache=cache)
        except TemplateBudgetError as exc:
            raise PluginError(located_failure(exc, full, budget=True)) from None
        except Exception as exc:  # a last resort: name the file whose values failed
            raise PluginError(located_failure(exc, full)) from None
        self.html_pages = {page.src_uri for page in pages if page.html}
        generated = [
            File.generated(
                config,
                page.src_uri,
                content=page.markdown,
                inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV,
            )
            for page in pages
        ]
        generated.extend(
            File.generated(config, asset.src_uri, content=asset.content) for asset in assets
        )
        return generated

    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Keep research files out of the site and add the pages rendered before.

        Priority: -50, after other plugins have added their files, so that a
        clash with a file one of them added is still caught (the user's own
        files were checked in ``on_pre_build``).
        """
        files = remove_research_files(files)
        if self.aside:
            self.put_back(config)
        if not self.config.enabled or not self.pending:
            return files
        start = time.perf_counter()
        pending, self.pending = self.pending, []
        by_dest = {f.dest_uri: f for f in files}
        for file in pending:
            if file.src_uri == "index.md" and file.src_uri in files.src_uris:
                continue  # another plugin made the home page: no dashboard
            other = files.get_file_from_path(file.src_uri) or by_dest.get(file.dest_uri)
            if other is not None:
                raise PluginError(
                    f"prepguide: {other.src_uri} (added by {other.generated_by or 'MkDocs'}) "
                    f"takes the place of the page prepguide generates at {file.src_uri}; "
                    "remove that file or disable the plugin that adds it"
                )
            files.append(file)
        self.timings["render"] = self.timings.get("render", 0.0) + time.perf_counter() - start
        return files

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Give the collector back what the build set aside (see ``paused_gc``)."""
        self.outputs.end()
        self.prune(config)
        self.built_key = self.outputs.config_key
        thaw()

    def on_build_error(self, *, error: Exception) -> None:
        """As :meth:`on_post_build`, for a build that stopped on an error."""
        self.outputs.clear()
        self.put_back(None)
        self.kept_files = None
        thaw()

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

    def on_shutdown(self) -> None:
        """As :meth:`on_post_build`, when MkDocs exits."""
        thaw()

    def release(self) -> None:
        """Forget the loaded notes once every page is generated (``mkdocs build``).

        Nothing after ``on_files`` needs them, and MkDocs is about to hold the
        HTML of every page at once: at 10,000 contacts the notes and their parse
        cache are a few hundred MB better given back first. ``mkdocs serve``
        keeps them, to re-parse only the files that change.
        """
        self.corpus = None
        self.loader = CorpusLoader()
        self.warning_memo = WarningMemo()
        self.page_cache.clear()
        self.outputs.clear()

    # Releasing what MkDocs no longer needs of prepguide's own pages (``mkdocs build``).
    # MkDocs converts every page before it writes any, so at 10,000 contacts it holds
    # the Markdown and the HTML of 12,000 pages at once; these two handlers let each
    # go as soon as it has been used. Only pages prepguide generated are touched.

    @event_priority(-100)  # after every other plugin has seen the page
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Drop a generated page's Markdown once it is converted.

        Emptied rather than set to None: MkDocs' ``Page.title`` is None for a page
        without Markdown, and every page's navigation shows the other pages' titles
        (they come from the front matter, which stays in ``page.meta``).
        """
        if self.recording is not None:
            self.recording()
            self.recording = None
        body = self.nav_html.pop(page.file.src_uri, None)
        if body is not None:  # written as HTML (see on_page_markdown)
            html = body
            page.toc = get_toc(toc_tokens(body, self.style))  # type: ignore[arg-type]
            page.present_anchor_ids = anchor_ids(body)
        entry, reuse = self.building.get(page.file.src_uri, (None, False))
        if entry is not None and not isinstance(page, KeptPage):
            if reuse:
                restore(page, entry, files)
                return entry.content
            remember(page, entry)
        if entry is not None and not reuse:
            entry.content = html
        if self._releases(page):
            page.markdown = ""
            page.file.content_string = ""
        return html

    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Drop a generated page's HTML body once the page is rendered (it is then written)."""
        if isinstance(page, KeptPage):
            if page.kept_output:
                return page.kept.output
            page.kept.output = output
            page.kept.output_key = self.outputs.output_key
            self.outputs.rendered += 1
        if self._releases(page):
            page.content = None
        return output

    def _releases(self, page: Page) -> bool:
        return (
            not self.is_serve
            and self.config.enabled
            and page.file.generated_by == "prepguide"
            and page.file.src_uri.endswith(".md")
        )


def heading_style(config: MkDocsConfig) -> HeadingStyle:
    """How Python-Markdown's ``toc``, as ``mkdocs.yml`` sets it, makes headings."""
    settings: dict[str, Any] = {}
    for name in ("toc", "markdown.extensions.toc"):
        settings.update(config.mdx_configs.get(name) or {})
    return HeadingStyle.from_toc_config(settings)


def retired_overrides(config: MkDocsConfig, root: Path | None) -> list[Problem]:
    """A warning for each override of a template prepguide no longer uses.

    Prep, organization and draft pages are written by HTML templates now
    (docs/usage.md, "Overriding templates"): an override of the Markdown
    template they had before would be silently ignored.
    """
    custom_dir = config.theme.custom_dir
    if not custom_dir:
        return []
    problems = []
    for old, new in RETIRED_TEMPLATES.items():
        path = Path(custom_dir) / "prepguide" / old
        if path.is_file():
            shown = path
            if root is not None:
                with contextlib.suppress(ValueError):
                    shown = path.resolve().relative_to(root.resolve())
            problems.append(
                Problem(
                    str(shown),
                    1,
                    1,
                    "warning",
                    f"this override is not used: prepguide writes these pages with "
                    f"{new} (HTML) now; copy the built-in {new} next to it, move your "
                    f'changes into it and delete {old} (docs/usage.md, "Overriding templates")',
                )
            )
    return problems


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
    """The navigation as every page shows it: titles, URLs and nesting."""

    def item(node: Any) -> Any:
        children = getattr(node, "children", None) or []
        return (
            type(node).__name__,
            node.title,
            getattr(node, "url", None),
            getattr(node, "is_homepage", None),
            [item(child) for child in children],
        )

    return [item(node) for node in nav.items]


def chose_web_font(config: MkDocsConfig) -> bool:
    """Whether ``mkdocs.yml`` names a web font (``theme.font`` with ``text`` or ``code``).

    Read from the files as the user wrote them (``INHERIT`` followed): the
    theme's own default (material's Roboto) is not a choice.
    """
    path = Path(config.config_file_path) if config.config_file_path else None
    seen: set[Path] = set()
    while path is not None and path not in seen and path.is_file():
        seen.add(path)
        try:
            raw = read_config(path)
        except GuideError:
            return False
        theme = raw.get("theme")
        if isinstance(theme, dict) and "font" in theme:
            font = theme["font"]
            return isinstance(font, dict) and bool(font.get("text") or font.get("code"))
        parent = raw.get("INHERIT")
        path = (path.parent / parent).resolve() if isinstance(parent, str) else None
    return False


def options_from(config: PrepGuideConfig) -> Options:
    """Build the core options from the plugin's config.

    ``PREPGUIDE_AUDIENCE=public`` makes the build public; ``private`` never
    downgrades a public guide (it is ignored, with a warning).
    """
    return make_options(
        audience=config.audience,
        today=config.today,
        timezone=config.timezone,
        words_per_minute=config.words_per_minute,
        intro_seconds=config.intro_seconds,
        warn=log.warning,
    )


def remove_research_files(files: Files) -> Files:
    """Drop what must not be published as is.

    No research data reaches the site unless prepguide rendered it (docs/usage.md,
    "What is never published"): every file that looks like YAML, whatever its case
    or suffix (``x.yml~``, ``#x.yml#``, ``x.YML``), ``profile.*``, everything in the
    research folders but the user's Markdown pages (see
    :func:`prepguide.corpus.is_unpublished`; the loader warns about each), and
    prepguide's own template overrides (``custom_dir/prepguide/*.j2``, which
    MkDocs would otherwise copy from the theme as static files).
    """
    unpublished = [
        f
        for f in files
        if not f.generated_by
        and (
            f.src_uri.endswith(".j2")
            or is_unpublished(f.src_uri)
            # a link to research notes, a hidden file or outside its folder (docs/security.md)
            or (f.src_dir is not None and unsafe_link(f.src_uri, f.src_dir) is not None)
        )
    ]
    for file in unpublished:
        files.remove(file)
    return files


def user_files(config: MkDocsConfig) -> Files:
    """The files of ``docs_dir`` MkDocs will build or copy, as it will see them.

    Walked as MkDocs' ``get_files`` walks them (links followed, ``exclude_docs``
    and the default exclusions applied), but research notes and everything
    :func:`remove_research_files` drops are left out: they never reach the site.
    """
    docs_dir = config.docs_dir
    found: list[File] = []
    for folder, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        relative = os.path.relpath(folder, docs_dir)
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith((".yml", ".yaml")):
                continue  # the notes themselves (and other YAML): never published
            src_uri = name if relative == "." else f"{relative.replace(os.sep, '/')}/{name}"
            if (
                not is_unpublished(src_uri)
                and not name.endswith(".j2")
                and unsafe_link(src_uri, docs_dir) is None
            ):
                found.append(File(src_uri, docs_dir, config.site_dir, config.use_directory_urls))
    set_exclusions(found, config)
    return Files([f for f in found if not f.inclusion.is_excluded()])


def clashes(
    generated: list[File], user: Files, config: MkDocsConfig, root: Path | None
) -> list[Problem]:
    """A user's file at the source path or the URL of a generated page is an error.

    MkDocs would silently replace one with the other (``content/contacts/index.md``
    and the generated ``contacts.md`` are both ``/contacts/``): prepguide never
    overwrites a user's page, and never lets one replace a generated page.
    """
    # The rule is shared with `prepguide check` (prepguide.generated); the user's files
    # are listed as check lists them, with those exclude_docs excludes (MkDocs keeps them
    # in its files, and on_files would refuse them after site/ is cleaned).
    del user
    return generated_clashes(
        [f.src_uri for f in generated],
        user_sources(Path(config.docs_dir)),
        use_directory_urls=config.use_directory_urls,
        docs_dir=Path(config.docs_dir),
        root=root,
    )


def located_failure(exc: BaseException, corpus: Corpus, *, budget: bool = False) -> str:
    """The message of a build stopped by a value that could not be rendered.

    ``check`` accepts what the build can render, so this is a last resort: the
    message names the contact or organization whose page failed (found in the
    traceback), or the question bank entry over its budget, and asks for a report.
    """
    if budget and isinstance(exc, TemplateBudgetError):
        located = locate_bank_entry(exc, corpus)
        if located:
            return f"prepguide could not build the site; nothing was written:\n{located}"
    what = visible(f"{type(exc).__name__}: {exc}")[:300]
    place = "content/:1:1"
    tb = exc.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):  # the innermost frame that knows whose file it was
        values = frame.f_locals
        contact, org = values.get("contact"), values.get("org")
        display = values.get("display")
        if isinstance(display, str) and isinstance(values.get("path"), Path):
            place = f"{visible(display)}:1:1"  # the loader, reading that file
            break
        if isinstance(contact, Contact) and contact.id in corpus.contacts:
            path, line, column = corpus.locate("contact", contact.id, ())
            place = f"{visible(path)}:{line}:{column}"
            break
        if isinstance(org, Organization) and org.id in corpus.organizations:
            path, line, column = corpus.locate("organization", org.id, ())
            place = f"{visible(path)}:{line}:{column}"
            break
    return (
        "prepguide could not build the site; nothing was written:\n"
        f"{place}: error: a value here could not be read or rendered ({what}); "
        "check this file's values, and please report this as a bug of prepguide"
    )


def locate_bank_entry(exc: TemplateBudgetError, corpus: Corpus) -> str | None:
    """``path:line:col: error: ...`` for the bank entry whose template is over budget."""
    key = "when" if exc.expression else "text"
    for entry, (path, index) in zip(corpus.questions, corpus.question_sources, strict=False):
        if getattr(entry, key) == exc.source:
            document = corpus.documents.get(path)
            line, column = document.position((index, key)) if document else (1, 1)
            return Problem(path, line, column, "error", f"`{key}`: {exc.message}").format()
    return None


_LOCATED = re.compile(r"^(?P<where>.+?:\d+:\d+): (?P<severity>error|warning): (?P<message>.*)$")


def error_block(message: str) -> str:
    """The problems of a failed serve build as an HTML block, every value escaped.

    ``message`` is the ``PluginError``'s text: a first line saying what failed,
    then one ``path:line:col: error: message`` line per problem (the message
    ends with how to fix it).
    """
    lines = [line for line in message.splitlines() if line.strip()]
    head = lines[0] if lines and not _LOCATED.match(lines[0]) else ""
    body = lines[1:] if head else lines
    # The site is served, with this page: "nothing was written" is for `mkdocs build`.
    head = re.sub(r"; nothing was written:$", ":", head)
    items = []
    for line in body:
        found = _LOCATED.match(line)
        if found is None:
            items.append(f"<li>{html.escape(line)}</li>")
            continue
        items.append(
            f'<li><code class="pg-error-where">{html.escape(found["where"])}</code> '
            f'<span class="pg-error-severity">{found["severity"]}:</span> '
            f'<span class="pg-error-message">{html.escape(found["message"])}</span></li>'
        )
    return (
        '<div class="pg-build-errors admonition failure" role="alert">\n'
        '<p class="admonition-title">The guide has errors: these pages are not up to date</p>\n'
        + (f"<p>{html.escape(head)}</p>\n" if head else "")
        + "<ul>\n"
        + "\n".join(items)
        + "\n</ul>\n"
        "<p>Fix them and save: this page reloads by itself. "
        "<code>prepguide check</code> lists the same problems.</p>\n"
        "</div>"
    )


def error_page(message: str) -> str:
    """The Markdown of the page served at every address while the notes have errors."""
    return (
        '---\ntitle: "Errors in the research notes"\n---\n\n'
        "# Errors in the research notes\n\n" + error_block(message) + "\n"
    )


def report(problems: list[Problem]) -> None:
    """Log warnings; raise one ``PluginError`` listing every error."""
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        if problem.severity == "warning":
            log.warning(problem.format())
    if errors:
        count = len(errors)
        raise PluginError(
            f"prepguide found {count} error{'s' * (count != 1)} in the research notes; "
            f"nothing was written:\n{format_problems(errors)}"
        )
