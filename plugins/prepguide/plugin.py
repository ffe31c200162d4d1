"""The MkDocs plugin: a thin adapter from MkDocs events to prepguide's core.

Loading, validation, tailoring and rendering live in engine-neutral modules
(:mod:`prepguide.corpus`, :mod:`prepguide.prep`, :mod:`prepguide.site`);
this module only uses MkDocs' public plugin API: events, ``File.generated``,
``Files``, ``PluginError`` and ``get_plugin_logger``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .config import PrepGuideConfig
from .corpus import Corpus, CorpusLoader, paused_gc, thaw
from .errors import Problem, format_problems
from .options import OptionError, Options, make_options
from .prep import WarningMemo, prep_warnings
from .privacy import for_audience
from .site import PageCache, Renderer, SiteContext, render_site, site_assets

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

ASSETS_DIR = Path(__file__).parent / "assets"
RESEARCH_SUFFIXES = (".yml", ".yaml")
REQUIRED_EXTENSIONS = ("md_in_html",)
"""Markdown extensions the generated pages use (added when mkdocs.yml lacks them)."""


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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Keep this instance (and its parse cache) across ``mkdocs serve`` rebuilds."""
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Validate the options and register the stylesheet and filter script."""
        if not self.config.enabled:
            return config
        try:
            self.options = options_from(self.config)
        except OptionError as exc:
            raise PluginError(f"prepguide: {exc}") from None
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
        """Load and validate every research file, before anything is written.

        Errors stop the build here, so an existing ``site/`` is left untouched.
        """
        if not self.config.enabled:
            return
        start = time.perf_counter()
        root = Path(config.config_file_path).parent if config.config_file_path else None
        with paused_gc(keep=True):  # the notes stay for the build: see paused_gc
            corpus = self.loader.load(Path(config.docs_dir), root)
            problems: list[Problem] = list(corpus.problems)
            if not corpus.errors:
                problems.extend(prep_warnings(corpus, self.options, self.warning_memo))
        report(problems)
        self.corpus = for_audience(corpus, self.options.audience)
        self.timings = {"load": time.perf_counter() - start}

    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Keep research files out of the site and add the generated pages.

        Priority: -50, after other plugins have added their files, so that a
        clash with a page of the same path is detected.
        """
        if not self.config.enabled or self.corpus is None or self.renderer is None:
            return remove_research_files(files)
        start = time.perf_counter()
        files = remove_research_files(files)
        ctx = SiteContext(
            options=self.options,
            today=self.options.resolved_today(),
            use_directory_urls=config.use_directory_urls,
            site_url=config.site_url,
            public=self.options.audience == "public",
        )
        with_dashboard = files.get_file_from_path("index.md") is None
        cache = self.page_cache if self.is_serve else None
        with paused_gc(keep=True):  # rendering keeps what it builds, or frees it by refcount
            pages = render_site(
                self.corpus, ctx, self.renderer, with_dashboard=with_dashboard, cache=cache
            )
            assets = site_assets(self.corpus, ctx, ASSETS_DIR, cache=cache)
        existing = files.src_uris
        for page in pages:
            if page.src_uri in existing:
                raise PluginError(
                    f"prepguide: content/{page.src_uri} already exists, but prepguide generates "
                    "that page; rename or remove your file"
                )
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(
                File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
            )
        for asset in assets:
            files.append(File.generated(config, asset.src_uri, content=asset.content))
        if not self.is_serve:
            self.release()
        self.timings["render"] = time.perf_counter() - start
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Give the collector back what the build set aside (see ``paused_gc``)."""
        thaw()

    def on_build_error(self, *, error: Exception) -> None:
        """As :meth:`on_post_build`, for a build that stopped on an error."""
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
        if self._releases(page):
            page.markdown = ""
            page.file.content_string = ""
        return html

    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Drop a generated page's HTML body once the page is rendered (it is then written)."""
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


def options_from(config: PrepGuideConfig) -> Options:
    """Build the core options from the plugin's config (``PREPGUIDE_AUDIENCE`` wins)."""
    return make_options(
        audience=config.audience,
        today=config.today,
        timezone=config.timezone,
        words_per_minute=config.words_per_minute,
        intro_seconds=config.intro_seconds,
    )


def remove_research_files(files: Files) -> Files:
    """Drop what must not be published as is.

    Every YAML file of ``docs_dir`` (research notes, private ones included) and
    prepguide's own template overrides (``custom_dir/prepguide/*.j2``, which MkDocs
    would otherwise copy from the theme as static files).
    """
    unpublished = [
        f
        for f in files
        if not f.generated_by
        and (f.src_uri.endswith(RESEARCH_SUFFIXES) or f.src_uri.endswith(".j2"))
    ]
    for file in unpublished:
        files.remove(file)
    return files


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
