"""Material's navigation sidebar rendered once per folder for prepguide's pages outside the nav.

Every page Material builds carries the site's navigation sidebar (``partials/nav.html``), and
rendering it was the largest part of the theme's work on a prep page: about a third of a
millisecond, a tenth of a build at 1,000 contacts (docs/benchmarks.md). Prep and organization
pages are kept out of the navigation, so no item of it is their own: nothing in the sidebar is
active, expanded or followed by the page's table of contents, and what differs from one page to
the next is only where its links point from. Links are written relative to the page, and two
pages in the same folder (``contacts/ana/``, ``contacts/bob/``) reach every address outside
their own folders by the same relative path. So the sidebar is rendered for the first such page
of a folder and its HTML reused for the others (:class:`NavSidebar`).

That holds for the templates of the Material versions it was checked against (``nav.html`` and
what it includes read the page only to compare it with the navigation's items; tests compare
whole sites built with and without it). It is not used when any template the sidebar is drawn
from is not Material's own (a ``custom_dir`` override, another theme), for a page that is in
the navigation or not one of prepguide's, or for a page under whose address a link of the
sidebar points (its relative path would differ from its neighbours').
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import material

from .search_sections import CHECKED_MATERIAL

NAV_TEMPLATE = "partials/nav.html"

# What nav.html draws the sidebar from (its includes and theirs), checked to be Material's own.
_SIDEBAR_TEMPLATES = (
    NAV_TEMPLATE,
    "partials/nav-item.html",
    "partials/logo.html",
    "partials/source.html",
    "partials/toc.html",
    "partials/toc-item.html",
    "partials/language.html",
)

_MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"

CHECKED = str(getattr(material, "__version__", "")).startswith(CHECKED_MATERIAL)

_WRAPPED = "_prepguide_nav_sidebar"


class NavSidebar:
    """The sidebar's HTML for each folder of one build (see the module's docstring).

    Arguments:
        pages: The ``src_uri`` of each of prepguide's pages outside the navigation.
        nav: The build's navigation.
        config: The build's configuration (the logo's and home page's addresses).
    """

    def __init__(self, pages: set[str], nav: Any, config: Any) -> None:
        self.pages = pages
        self.nav = nav
        self.targets = tuple(_targets(nav, config))
        self.outputs: dict[str, str] = {}
        self.rendered = 0
        """How many times the sidebar was rendered for prepguide's pages (the others reused it)."""

    def key(self, context: Any) -> str | None:
        """The folder whose pages share the sidebar of this template context, or None."""
        page = context.get("page")
        file = getattr(page, "file", None)
        if file is None or file.src_uri not in self.pages or context.get("nav") is not self.nav:
            return None
        url = page.url
        if not url or url.startswith("/") or "://" in url:
            return None
        own = url.rstrip("/")
        if "." in posixpath.basename(own) and not url.endswith("/"):
            return posixpath.dirname(own) + "/"  # "a/b.html": links are relative to "a/"
        if any(target == own or target.startswith(own + "/") for target in self.targets):
            return None  # a link points under the page's own folder
        return posixpath.dirname(own) + "/"

    def wrap(self, render: Callable[[Any], Iterator[str]]) -> Callable[[Any], Iterator[str]]:
        """``nav.html``'s render function, reusing its output within a folder."""

        def sidebar(context: Any) -> Iterator[str]:
            key = self.key(context)
            if key is None:
                yield from render(context)
                return
            html = self.outputs.get(key)
            if html is None:
                self.rendered += 1
                html = self.outputs[key] = "".join(render(context))
            yield html

        return sidebar


def _targets(nav: Any, config: Any) -> Iterator[str]:
    """Every address the sidebar may link to, as written (before it is made relative)."""
    items = list(getattr(nav, "items", ()))
    while items:
        item = items.pop()
        url = getattr(item, "url", None)
        if isinstance(url, str):
            yield url.lstrip("/")
        items.extend(getattr(item, "children", None) or ())
    homepage = getattr(nav, "homepage", None)
    if homepage is not None and isinstance(getattr(homepage, "url", None), str):
        yield homepage.url.lstrip("/")
    for value in (config.extra.get("homepage"), config.theme.get("logo")):
        if isinstance(value, str):
            yield value.lstrip("/")


def material_sidebar(env: Any) -> bool:
    """Whether every template the sidebar is drawn from is Material's own, of a checked version."""
    if not CHECKED or env.loader is None:
        return False
    for name in _SIDEBAR_TEMPLATES:
        try:
            _source, filename, _uptodate = env.loader.get_source(env, name)
        except Exception:  # not found, or a loader that cannot say: not Material's
            return False
        if filename is None or Path(filename).resolve() != _MATERIAL_TEMPLATES / name:
            return False
    return True


def install(env: Any, sidebar: NavSidebar) -> None:
    """Reuse the sidebar of ``env``'s ``nav.html`` within a folder, if it is Material's own.

    ``env.get_template`` is wrapped so that the template it returns for ``nav.html`` renders
    through :meth:`NavSidebar.wrap`, also when Jinja2 loads it again after dropping it from its
    cache. Whether the templates are Material's is decided when the sidebar is first drawn,
    after every plugin's ``on_env`` (one may add a template folder after prepguide's).
    """
    if not CHECKED:
        return
    get_template = env.get_template
    material_own: list[bool] = []

    def get_template_reusing_sidebar(name: Any, *args: Any, **kwargs: Any) -> Any:
        template = get_template(name, *args, **kwargs)
        if name == NAV_TEMPLATE and not getattr(template, _WRAPPED, False):
            if not material_own:
                material_own.append(material_sidebar(env))
            if material_own[0]:
                template.root_render_func = sidebar.wrap(template.root_render_func)
            setattr(template, _WRAPPED, True)
        return template

    env.get_template = get_template_reusing_sidebar
