"""The MkDocs plugin: a thin adapter from MkDocs events to prepguide's core.

Loading, validation, tailoring and rendering live in engine-neutral modules
(:mod:`prepguide.guide.corpus`, :mod:`prepguide.tailor.prep`, :mod:`prepguide.render.site`);
this module only uses MkDocs' public plugin API: events, ``File.generated``,
``Files``, ``PluginError`` and ``get_plugin_logger``.
"""

from __future__ import annotations

import mimetypes
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date

from ..errors import Problem, visible
from ..guide.corpus import Corpus, CorpusLoader, paused_gc, thaw
from ..guide.privacy import for_audience
from ..options import OptionError, Options
from ..render.pagecache import PageCache
from ..render.pagehtml import HeadingStyle, anchor_ids, toc_tokens
from ..render.pages import SiteContext
from ..render.site import render_site, site_assets
from ..render.templating import Renderer
from ..render.theme_cache import theme_bytecode_cache
from ..tailor.prep import WarningMemo, prep_warnings
from ..tailor.questions import TemplateBudgetError
from .config import PrepGuideConfig
from .rebuild import Entry, OutputCache, folder_signature, signature

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.utils.templates import TemplateContext
from ..render.generated import setup_problems
from .pages import (
    KEPT_OUTPUT,
    KEPT_TEMPLATE,
    HtmlPage,
    KeptPage,
    MemoryBytecodeCache,
    file_key,
    record_lookups,
    remember,
    restore,
)
from .reporting import clashes, error_block, located_failure, report
from .serving import ServeMixin, nav_signature
from .settings import (
    ASSETS_DIR,
    chose_web_font,
    heading_style,
    options_from,
    remove_research_files,
    shows_tags,
    user_files,
)
from .theme_partials import ThemePartials, install, others_between_pages

log = get_plugin_logger(__name__)

REQUIRED_EXTENSIONS = ("md_in_html",)
"""Markdown extensions the generated pages use (added when mkdocs.yml lacks them)."""


class PrepGuidePlugin(ServeMixin, BasePlugin[PrepGuideConfig]):
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
        """What MkDocs made of each generated page, kept between serve rebuilds."""
        self.nav: Navigation | None = None
        """This build's navigation (see ``on_nav``)."""
        self.partials: ThemePartials | None = None
        """The sidebars of this build's pages outside the nav (see ``on_env``)."""
        self.building: dict[str, tuple[Entry, bool]] = {}
        """This build's kept entries, by source path, and whether each is reused."""
        self.recording: Any = None
        """Stops noting file lookups (set while MkDocs converts a page, see ``on_page_markdown``)."""
        self.bytecode = MemoryBytecodeCache()
        """The theme's compiled templates, kept between serve rebuilds."""
        self.aside: list[str] = []
        """Folders of the served site set aside before MkDocs cleans it (see ``set_aside``)."""
        self.aside_site: Path | None = None
        """The site folder they were set aside in (to drop them if the build fails)."""
        self.put: list[str] = []
        """The folders put back after the cleaning (``prune`` empties them of stale files)."""
        self.kept_files: Files | None = None
        """This build's files (``prune`` keeps what they wrote)."""
        self.built_key: str | None = None
        """The configuration's signature in the last good serve build."""
        self.html_pages: set[str] = set()
        """Source paths of the generated pages written as HTML (see :class:`HtmlPage`)."""
        self.style = HeadingStyle()
        """How headings get ids and permalinks (``mkdocs.yml``'s ``toc``)."""
        self.nav_html: dict[str, str] = {}
        """The HTML of pages in the navigation written as HTML, from ``on_page_markdown``."""
        self.dirty_build = False
        """``mkdocs build --dirty`` (set in ``on_startup``; refused for a public build)."""

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
        if self.dirty_build and self.options.audience == "public":
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

        ``mkdocs build`` stops with every error found (see :meth:`build_pages`).
        ``mkdocs serve`` logs it as an error and serves a page that lists the
        problems at every address the site had (docs/usage.md, "Files"): an
        open tab reloads to it, instead of a stale page, and back to the guide
        on the next good save.
        """
        self.pending = []
        self.html_pages = set()  # until render() writes them (an error page is Markdown)
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
        custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        problems.extend(setup_problems(root, custom_dir))  # as `prepguide check` reports them
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
        """Keep the theme's compiled templates, and skip them for pages whose output is still exact.

        The sidebars of prepguide's pages outside the nav are drawn once for the pages that
        share them (:mod:`~prepguide.plugin.theme_partials`). A build gives the theme's
        environment a bytecode cache on disk (:func:`theme_bytecode_cache`) unless it has one.
        Under ``mkdocs serve`` the cache is in memory, and a generated page whose earlier output is still
        exact skips the theme's template. That output is the same when the page's HTML is (see :class:`KeptPage`)
        and so is everything every page shares: the configuration, the
        navigation, the list of pages, the theme's override files and the build
        date (``outputs.output_key``).
        """
        self.wrap_search_index(config)
        self.partials = None
        if self.nav is not None and not others_between_pages(config.plugins):
            in_nav = {page.file.src_uri for page in self.nav.pages}
            self.partials = ThemePartials(self.html_pages - in_nav, self.nav, config)
            install(env, self.partials)  # the sidebars drawn once for the pages that share them
        if self.outputs.config_key is None:
            if env.bytecode_cache is None:
                # The theme's templates compiled once per machine, not once per build.
                env.bytecode_cache = theme_bytecode_cache()
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
            tags_shown=shows_tags(config),
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
