"""Material's sidebars drawn once for prepguide's pages that share them, and their HTML reused.

Every page Material builds carries the site's navigation sidebar (``partials/nav.html``) and
the page's table of contents (``partials/toc.html``); drawing them was the largest part of the
theme's work on a prep page, about half a millisecond, a tenth of a build at 1,000 contacts
(docs/benchmarks.md). Many of prepguide's pages share them:

- The navigation sidebar. Prep and organization pages are kept out of the navigation, so no
  item of it is their own: nothing in the sidebar is active, expanded or followed by the page's
  table of contents, and what differs from one page to the next is only where its links point
  from. Links are written relative to the page by the ``url`` filter, and two pages in the same
  folder (``contacts/ana/``, ``contacts/bob/``) reach every address outside their own folders
  by the same relative path. So the key is every address the sidebar links to, made relative
  by MkDocs' own ``normalize_url`` (:meth:`ThemePartials.sidebar_key`): pages of one folder
  share it, and a page that a link points into gets its own.
- The table of contents. It is drawn from the page's headings alone (their titles, anchors and
  nesting), and prep pages of the same stage have the same sections: it is drawn for the first
  page with those headings and reused for the others (:meth:`ThemePartials.toc_key`).
- The search box and the palette toggle (``partials/search.html``, ``partials/palette.html``),
  drawn from the configuration alone: once per build (:meth:`ThemePartials.constant_key`).
- ``base.html``'s ``styles``, ``scripts`` and ``config`` blocks (stylesheet and script links,
  the theme's settings and translations as JSON), drawn from the configuration and links to
  the site's assets: the same on pages that reach those by the same relative paths
  (:meth:`ThemePartials.assets_key`). A theme override of one of these blocks is drawn by
  Jinja2 as usual; Material's own (``super()``) is then reused.

That holds for the templates of the Material versions this was checked against (``nav.html``
and what it includes read the page only to compare it with the navigation's items and to
write links from it; ``toc.html`` reads only its headings; tests compare whole sites built with
and without it). It is not used when any template these are drawn from is not Material's own
(a ``custom_dir`` override, another theme) or an icon is overridden (icons are templates too),
when the theme's environment has a filter from
elsewhere (a hook's ``url`` filter may write a link for each page), when a hook or another
plugin handles ``page_context`` or ``post_page`` (it may change the navigation for one page),
for a page that is in the navigation or not one of prepguide's, or for headings another plugin
marked for Material's typeset plugin. The features, the configuration and the language module
are part of each key (a theme override may include a partial again with other features, or
import another language as ``lang``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

import material
from mkdocs.utils import normalize_url

from ..render.theme_cache import environment_tag
from .search_sections import CHECKED_MATERIAL

NAV_TEMPLATE = "partials/nav.html"
TOC_TEMPLATE = "partials/toc.html"
# Drawn from the configuration alone: the same on every page of a build.
CONSTANT_TEMPLATES = ("partials/search.html", "partials/palette.html")
BASE_TEMPLATE = "base.html"
# base.html's blocks drawn from the configuration and links to the site's assets alone.
ASSET_BLOCKS = ("styles", "scripts", "config")

# What the two are drawn from (their includes and theirs), checked to be Material's own.
_MATERIAL_PARTIALS = (
    NAV_TEMPLATE,
    "partials/nav-item.html",
    "partials/logo.html",
    "partials/source.html",
    TOC_TEMPLATE,
    "partials/toc-item.html",
    "partials/language.html",
    *CONSTANT_TEMPLATES,
    BASE_TEMPLATE,
    "partials/icons.html",
)

_MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"

CHECKED = str(getattr(material, "__version__", "")).startswith(CHECKED_MATERIAL)

_WRAPPED = "_prepguide_reused"


class ThemePartials:
    """The sidebars' HTML drawn in one build, by what decides it (see the module's docstring).

    Arguments:
        pages: The ``src_uri`` of each of prepguide's pages outside the navigation.
        nav: The build's navigation.
        config: The build's configuration (the logo's and home page's addresses).
    """

    def __init__(self, pages: set[str], nav: Any, config: Any) -> None:
        self.pages = pages
        self.nav = nav
        self.targets = tuple(_targets(nav, config))
        self.assets = tuple(_assets(config))
        self.outputs: dict[tuple[str, Hashable], str] = {}
        self.drawn: Counter[str] = Counter()
        """How many times each partial was drawn for prepguide's pages (the others reused it)."""
        self.keys: dict[str, Callable[[Any], Hashable | None]] = {
            NAV_TEMPLATE: self.sidebar_key,
            TOC_TEMPLATE: self.toc_key,
            **dict.fromkeys(CONSTANT_TEMPLATES, self.constant_key),
            **{f"{BASE_TEMPLATE}:{block}": self.assets_key for block in ASSET_BLOCKS},
        }

    def _page(self, context: Any) -> Any:
        """The context's page if it is one of prepguide's outside the nav, in this build."""
        page = context.get("page")
        file = getattr(page, "file", None)
        if file is None or file.src_uri not in self.pages or context.get("nav") is not self.nav:
            return None
        return page

    def sidebar_key(self, context: Any) -> Hashable | None:
        """What the navigation sidebar of this context is drawn from, or None.

        Every address it links to as the theme's ``url`` filter writes it from this page
        (MkDocs' ``normalize_url``, as ``nav_item.url | url`` does), the features and the
        configuration: pages that agree on these get the same sidebar.
        """
        page = self._page(context)
        if page is None:
            return None
        base = context.get("base_url", "")
        links = tuple(normalize_url(target, page=page, base=base) for target in self.targets)
        return (links, _settings(context))

    def constant_key(self, context: Any) -> Hashable | None:
        """What the search box and the palette toggle are drawn from: the features and the
        configuration (they read nothing of the page)."""
        if self._page(context) is None:
            return None
        return _settings(context)

    def assets_key(self, context: Any) -> Hashable | None:
        """What base.html's ``styles``, ``scripts`` and ``config`` blocks are drawn from: links
        to the theme's assets and the configured stylesheets and scripts, as the ``url`` and
        ``script_tag`` filters write them from this page, the features and the configuration."""
        page = self._page(context)
        if page is None:
            return None
        base = context.get("base_url", "")
        links = tuple(normalize_url(target, page=page, base=base) for target in self.assets)
        return (links, base, _settings(context))

    def toc_key(self, context: Any) -> tuple[Any, ...] | None:
        """The headings the table of contents of this context is drawn from, or None."""
        page = self._page(context)
        if page is None:
            return None
        items = list(page.toc)
        if items and items[0].level == 1:  # as toc.html: a first h1 stands for the page
            items = items[0].children
        headings = _headings(items)
        return None if headings is None else (headings, _settings(context))

    def wrap(
        self, name: str, render: Callable[[Any], Iterator[str]]
    ) -> Callable[[Any], Iterator[str]]:
        """The render function of partial ``name``, reusing its output for the same key."""
        key_of = self.keys[name]

        def reused(context: Any) -> Iterator[str]:
            key = key_of(context)
            if key is None:
                yield from render(context)
                return
            html = self.outputs.get((name, key))
            if html is None:
                self.drawn[name] += 1
                html = self.outputs[(name, key)] = "".join(render(context))
            yield html

        return reused


def _settings(context: Any) -> tuple[Any, ...]:
    """What every one of these reads besides the page: the features, the configuration and the
    language module (a theme override may import another as ``lang``)."""
    lang = context.get("lang")
    return (
        tuple(context.get("features") or ()),
        id(context.get("config")),
        getattr(lang, "__name__", None) if lang is not None else None,
    )


def _headings(items: Any) -> tuple[Any, ...] | None:
    """What Material's table of contents shows of ``items``: each one's anchor, title, level and
    children (None when one is marked for the typeset plugin, which shows other text).

    >>> from types import SimpleNamespace as Item
    >>> questions = Item(url="#questions", title="Questions", level=2, children=[])
    >>> _headings([Item(url="#ana", title="Ana", level=1, children=[questions])])
    (('#ana', 'Ana', 1, (('#questions', 'Questions', 2, ()),)),)
    >>> _headings([Item(url="#q", title="Q", level=2, children=[], typeset={"title": "Q"})])
    """
    found = []
    for item in items:
        if getattr(item, "typeset", None):
            return None
        children = _headings(item.children)
        if children is None:
            return None
        found.append((item.url, item.title, item.level, children))
    return tuple(found)


def _assets(config: Any) -> Iterator[str]:
    """The addresses base.html's asset blocks link to (the theme's assets under ``assets/``)."""
    yield "assets/"
    for value in (
        *config.extra_css,
        *config.extra_javascript,
        *(config.extra.get("polyfills") or ()),
    ):
        yield str(value)


def _targets(nav: Any, config: Any) -> Iterator[str]:
    """Every address the sidebar may link to, as written (the ``url`` filter makes each relative)."""
    items = list(getattr(nav, "items", ()))
    while items:
        item = items.pop()
        url = getattr(item, "url", None)
        if url is not None:
            yield str(url)
        items.extend(getattr(item, "children", None) or ())
    homepage = getattr(nav, "homepage", None)
    if homepage is not None and getattr(homepage, "url", None) is not None:
        yield str(homepage.url)
    for value in (config.extra.get("homepage"), config.theme.get("logo")):
        if value:
            yield str(value)


def material_partials(env: Any) -> bool:
    """Whether every template these are drawn from is Material's own, of a checked version,
    with no icon of the theme overridden (an icon is a template too, and may read the page)
    and filters of Jinja2, MkDocs and Material only (a hook's ``url`` filter may write a link
    for each page)."""
    if not CHECKED or env.loader is None or environment_tag(env) is None:
        return False
    folders = _theme_folders(env.loader)
    if folders is None or any(
        folder.resolve() != _MATERIAL_TEMPLATES and (folder / ".icons").exists()
        for folder in folders
    ):
        return False
    for name in _MATERIAL_PARTIALS:
        try:
            _source, filename, _uptodate = env.loader.get_source(env, name)
        except Exception:  # not found, or a loader that cannot say: not Material's
            return False
        if filename is None or Path(filename).resolve() != _MATERIAL_TEMPLATES / name:
            return False
    return True


def _theme_folders(loader: Any) -> list[Path] | None:
    """The folders ``loader`` reads templates from, or None for a loader of another kind.

    A folder loader gives its folders; a choice of loaders, theirs; a loader of named texts
    (prepguide's own under ``mkdocs serve``) none, unless it holds an icon or one of the
    templates above.
    """
    import jinja2

    if isinstance(loader, jinja2.FileSystemLoader):
        return [Path(folder) for folder in loader.searchpath]
    if isinstance(loader, jinja2.ChoiceLoader):
        found: list[Path] = []
        for inner in loader.loaders:
            if isinstance(inner, jinja2.DictLoader) and not any(
                name.startswith(".icons/") or name in _MATERIAL_PARTIALS for name in inner.mapping
            ):
                continue
            folders = _theme_folders(inner)
            if folders is None:
                return None
            found += folders
        return found
    return None


_KNOWN_PACKAGES = ("mkdocs.", "material.", "prepguide.")
"""Whose handlers of the events between two pages' templates are known to leave the
navigation and the pages alone."""


def others_between_pages(plugins: Any) -> list[str]:
    """The handlers of ``page_context`` and ``post_page`` from elsewhere (a hook, another
    plugin): one may change the navigation for one page (a title, an active item), so with
    one the sidebars are drawn for every page."""
    found = []
    for event in ("page_context", "post_page"):
        for handler in plugins.events.get(event, ()):
            function = getattr(handler, "__func__", handler)
            module = getattr(function, "__module__", None) or ""
            if not module.startswith(_KNOWN_PACKAGES):
                found.append(f"{module}.{getattr(function, '__qualname__', '?')}")
    return found


def install(env: Any, partials: ThemePartials) -> None:
    """Reuse the sidebars ``env`` draws where their output is the same, if they are Material's own.

    ``env.get_template`` is wrapped so that the templates it returns for ``nav.html`` and
    ``toc.html`` render through :meth:`ThemePartials.wrap`, also when Jinja2 loads one again
    after dropping it from its cache. Whether the templates are Material's is decided when the
    first is drawn, after every plugin's ``on_env`` (one may add a template folder after
    prepguide's).
    """
    if not CHECKED:
        return
    get_template = env.get_template
    material_own: list[bool] = []

    def get_template_reusing_partials(name: Any, *args: Any, **kwargs: Any) -> Any:
        template = get_template(name, *args, **kwargs)
        if (name in partials.keys or name == BASE_TEMPLATE) and not getattr(
            template, _WRAPPED, False
        ):
            if not material_own:
                material_own.append(material_partials(env))
            if material_own[0] and name == BASE_TEMPLATE:
                for block in ASSET_BLOCKS:
                    if block in template.blocks:
                        template.blocks[block] = partials.wrap(
                            f"{BASE_TEMPLATE}:{block}", template.blocks[block]
                        )
            elif material_own[0]:
                template.root_render_func = partials.wrap(name, template.root_render_func)
            setattr(template, _WRAPPED, True)
        return template

    env.get_template = get_template_reusing_partials
