"""Prep and organization pages written as HTML: headings, table of contents, search part.

prepguide owns the structure of its pages, so the templates of the prep and
organization pages and of the large index pages (``*.html.j2``: contact,
draft, organization, contacts and its rows, dashboard, network) write HTML
rather than Markdown for MkDocs to parse back (docs/benchmarks.md:
parsing was most of a build). What Python-Markdown's ``toc`` extension would
add is made here, from the same settings of ``mkdocs.yml``: heading ids (its
``slugify`` and ``unique``) and permalinks; and what MkDocs reads from a
converted page is read back from the HTML: the table of contents
(:func:`toc_tokens`) and the anchors (:func:`anchor_ids`). Text that prepguide
writes the same on every page sits between :data:`SEARCH_OFF` and
:data:`SEARCH_ON` and carries ``data-search-exclude``: :func:`searchable`
drops it, so the search plugin parses only what it would index
(tests/test_pagehtml.py checks both give the same entries). Nothing here imports MkDocs.
"""

from __future__ import annotations

import contextlib
import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from markupsafe import Markup

from ..errors import Problem

SEARCH_OFF = "<!--pg-search-off-->"
SEARCH_ON = "<!--pg-search-on-->"
RETIRED_TEMPLATES = {
    "contact.md.j2": "contact.html.j2",
    "organization.md.j2": "organization.html.j2",
    "draft.md.j2": "draft.html.j2",
    "contacts.md.j2": "contacts.html.j2",
    "contacts-row.md.j2": "contacts-row.html.j2",
    "dashboard.md.j2": "dashboard.html.j2",
    "network.md.j2": "network.html.j2",
}
"""Overrides of earlier versions' Markdown templates, and the HTML template now used."""


def overrides_not_used(custom_dir: Path | None, root: Path | None) -> list[Problem]:
    """A warning for each override in ``custom_dir/prepguide/`` of a retired template.

    These pages are written by HTML templates now (docs/usage.md, "Overriding
    templates"): an override of the Markdown template they had before would be
    silently ignored. ``prepguide check`` and the build both report it.
    """
    if custom_dir is None:
        return []
    problems = []
    for old, new in RETIRED_TEMPLATES.items():
        path = custom_dir / "prepguide" / old
        if not path.is_file():
            continue
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


@dataclass(frozen=True)
class HeadingStyle:
    """How headings get their ids and permalinks: ``mkdocs.yml``'s ``toc`` settings.

    Attributes:
        slugify: ``toc``'s ``slugify`` (text, separator -> id).
        separator: ``toc``'s ``separator``.
        permalink: The permalink's text (``&para;`` for ``permalink: true``), or "" for none.
        permalink_class: ``toc``'s ``permalink_class``.
        permalink_title: ``toc``'s ``permalink_title`` ("" for no title).
        permalink_leading: ``toc``'s ``permalink_leading``.
        toc_top, toc_bottom: The levels ``toc_depth`` keeps in the table of contents.
    """

    slugify: Callable[[str, str], str] = slugify
    separator: str = "-"
    permalink: str = ""
    permalink_class: str = "headerlink"
    permalink_title: str = "Permanent link"
    permalink_leading: bool = False
    toc_top: int = 1
    toc_bottom: int = 6

    @classmethod
    def from_toc_config(cls, config: dict[str, Any]) -> HeadingStyle:
        """The style of Python-Markdown's ``toc`` extension configured with ``config``.

        >>> HeadingStyle.from_toc_config({"permalink": True}).permalink
        '&para;'
        >>> HeadingStyle.from_toc_config({"toc_depth": "2-3"}).toc_top
        2
        """
        permalink = config.get("permalink", False)
        if permalink is True:
            text = "&para;"
        elif permalink in (False, None, ""):
            text = ""
        else:
            text = str(permalink)
        depth = config.get("toc_depth", 6)
        if isinstance(depth, str) and "-" in depth:
            top, bottom = (int(x) for x in depth.split("-", 1))
        else:
            top, bottom = 1, int(depth)
        return cls(
            slugify=config.get("slugify", slugify),
            separator=str(config.get("separator", "-")),
            permalink=text,
            permalink_class=str(config.get("permalink_class", "headerlink")),
            permalink_title=str(config.get("permalink_title", "Permanent link")),
            permalink_leading=bool(config.get("permalink_leading", False)),
            toc_top=top,
            toc_bottom=bottom,
        )

    def permalink_html(self, anchor: str) -> str:
        """The permalink of heading ``anchor`` ("" without permalinks)."""
        if not self.permalink:
            return ""
        start, end = self._permalink_parts
        return f"{start}{html.escape(anchor)}{end}"

    @functools.cached_property
    def _made(self) -> dict[tuple[int, str, bool], tuple[str, Markup]]:
        """Headings made in this style: (level, inner HTML, excluded) -> (its id, its HTML).

        The id before it is made unique on a page: most headings ("Common ground",
        "Questions"...) are on every page, and their HTML is the same while the id is.
        """
        return {}

    @functools.cached_property
    def _permalink_parts(self) -> tuple[str, str]:
        """A permalink's HTML before and after its (escaped) anchor, made once per style."""
        title = f' title="{html.escape(self.permalink_title)}"' if self.permalink_title else ""
        return (
            f'<a class="{html.escape(self.permalink_class)}" href="#',
            f'"{title}>{self.permalink}</a>',
        )

    def slug(self, name: str) -> str:
        """The id ``toc`` gives a heading whose text (references kept) is ``name``.

        Before it is made unique on the page; a slug starting like one of the theme's
        or prepguide's own ids gets ``h-`` in front (:data:`RESERVED_ID_PREFIXES`).

        >>> HeadingStyle().slug("__search &amp; more")
        'h-__search-more'
        """
        try:
            return _slug(self.slugify, self.separator, name)
        except TypeError:  # a slugify that cannot be a cache key
            return _slug.__wrapped__(self.slugify, self.separator, name)


RESERVED_ID_PREFIXES = ("__", "pg-")
"""Ids the theme (``__search``, ``__drawer``…) and prepguide's script (``pg-tab-2``) use: a
heading whose slug starts so gets ``h-`` in front (a contact named ``__search``)."""

DEFAULT_STYLE = HeadingStyle()
"""Python-Markdown's ``toc`` without settings: ids, no permalinks."""


@dataclass
class Headings:
    """The headings of one page: each gets a unique id, as ``toc`` gives it.

    >>> h = Headings(HeadingStyle(permalink="&para;"))
    >>> str(h.heading(2, "Ask Inês for an introduction"))  # doctest: +NORMALIZE_WHITESPACE
    '<h2 id="ask-ines-for-an-introduction">Ask Inês for an introduction<a class="headerlink"
    href="#ask-ines-for-an-introduction" title="Permanent link">&para;</a></h2>'
    >>> str(h.heading(3, "Referrals", exclude=True))  # doctest: +NORMALIZE_WHITESPACE
    '<h3 id="referrals" data-search-exclude>Referrals<a class="headerlink" href="#referrals"
    title="Permanent link">&para;</a></h3>'
    >>> str(h.heading(3, "Referrals")).split('"')[1]  # the same title again
    'referrals_1'
    """

    style: HeadingStyle
    ids: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)

    def heading(self, level: int, inner: str, *, exclude: bool = False) -> Markup:
        """``<hN id=…>inner</hN>`` (``inner`` is HTML), with its permalink.

        ``exclude`` marks it ``data-search-exclude``: its section stays out of search.
        """
        inner = str(inner)
        style = self.style
        made = style._made.get((level, inner, exclude))
        if made is not None and made[0] not in self.ids:
            self.ids.add(made[0])
            return made[1]
        anchor = style.slug(strip_tags(inner))
        first = anchor
        if anchor in self.ids or not anchor:
            anchor = unique(anchor, self.ids)
        self.ids.add(anchor)
        escaped = html.escape(anchor)
        if style.permalink:  # style.permalink_html(anchor), the anchor escaped once
            start, end = style._permalink_parts
            link = f"{start}{escaped}{end}"
            body = link + inner if style.permalink_leading else inner + link
        else:
            body = inner
        mark = " data-search-exclude" if exclude else ""
        result = Markup(f'<h{level} id="{escaped}"{mark}>{body}</h{level}>')
        if anchor == first:
            if len(style._made) >= 4096:
                style._made.clear()
            style._made[(level, inner, exclude)] = (anchor, result)
        return result


@functools.lru_cache(maxsize=4096)
def _slug(slugify: Callable[[str, str], str], separator: str, name: str) -> str:
    # Cached: most headings of a page ("Common ground", "Questions"...) are on every page.
    slug = slugify(html.unescape(name), separator)
    if slug.startswith(RESERVED_ID_PREFIXES):  # the theme's ids and prepguide's own
        slug = "h-" + slug
    return slug


_TAGS = re.compile(r"<[^>]*>")


def strip_tags(fragment: str) -> str:
    """The text of an HTML fragment, its references kept (as ``toc`` names a heading).

    >>> strip_tags('<a href="x">AT&amp;T</a> news')
    'AT&amp;T news'
    """
    return _TAGS.sub("", fragment) if "<" in fragment else fragment


_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>(.*?)</h\1>', re.DOTALL)
"""A heading with an id, as :func:`toc_tokens` reads it (its text up to the first ``</hN>``)."""
_HEADING_START = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>')
_HEADING_ENDS = {str(level): f"</h{level}>" for level in range(1, 7)}


def toc_tokens(page_html: str, style: HeadingStyle) -> list[dict[str, Any]]:
    """The table of contents of a page written by prepguide's HTML templates.

    The tokens Python-Markdown's ``toc`` extension gives MkDocs: nested
    ``{"level", "id", "name", "children"}``, ``name`` the heading's text without
    its permalink (user text in prepguide's pages is sanitized, and the sanitizer
    keeps no ``id``: every heading with an id is one :class:`Headings` wrote).

    >>> [t["name"] for t in toc_tokens('<h1 id="a">A</h1><h2 id="b">B &amp; C</h2>',
    ...                                 HeadingStyle())[0]["children"]]
    ['B &amp; C']
    """
    # What matching _HEADING from left to right finds, in two steps: the opening tag (a
    # regular expression with a literal start, which skips fast through the page), then
    # the first closing tag of its level after it. Without one, the search goes on from
    # the character after the tag's start, as the regular expression's would.
    flat: list[Any] = []
    search = _HEADING_START.search
    find = page_html.find
    top, bottom = style.toc_top, style.toc_bottom
    at = 0
    while (match := search(page_html, at)) is not None:
        digit, anchor = match.group(1, 2)
        end = find(_HEADING_ENDS[digit], match.end())
        if end == -1:
            at = match.start() + 1
            continue
        at = end + 5
        level = int(digit)
        if not top <= level <= bottom:
            continue
        inner = page_html[match.end() : end]
        ident = html.unescape(anchor) if "&" in anchor else anchor
        link = style.permalink_html(ident)
        if link:
            inner = inner.replace(link, "", 1)
        flat.append({"level": level, "id": ident, "name": strip_tags(inner)})
    nested: list[dict[str, Any]] = nest_toc_tokens(flat)  # type: ignore[assignment]
    return nested


def anchor_ids(page_html: str) -> set[str]:
    """Every ``id`` of a page (what MkDocs notes as the anchors links may point to).

    Each ``id="…"`` after white space, as ``re.findall(r'\\sid="([^"]*)"', page_html)``
    finds them (a property test holds the two equal), found with ``str.find``.

    >>> sorted(anchor_ids('<h2 id="questions">Q</h2><div id="pg-letter-1"></div>'))
    ['pg-letter-1', 'questions']
    """
    values = set()
    find = page_html.find
    at = find('id="', 1)
    while at != -1:
        if not page_html[at - 1].isspace():
            at = find('id="', at + 1)
            continue
        end = find('"', at + 4)
        if end == -1:
            break
        values.add(page_html[at + 4 : end])
        at = find('id="', end + 1)
    return {html.unescape(value) if "&" in value else value for value in values}


def searchable(page_html: str) -> str:
    """The page without the parts marked off for search (``SEARCH_OFF`` … ``SEARCH_ON``).

    Each part also carries ``data-search-exclude`` (on its heading or its
    block), so a search plugin that reads the whole page indexes the same.

    >>> searchable("<p>a</p><!--pg-search-off--><p>b</p><!--pg-search-on--><p>c</p>")
    '<p>a</p><p>c</p>'
    """
    if SEARCH_OFF not in page_html:
        return page_html
    parts = []
    start = 0
    while True:
        off = page_html.find(SEARCH_OFF, start)
        if off == -1:
            parts.append(page_html[start:])
            break
        parts.append(page_html[start:off])
        on = page_html.find(SEARCH_ON, off)
        if on == -1:
            break
        start = on + len(SEARCH_ON)
    return "".join(parts)


_SEARCH_OFF = Markup(SEARCH_OFF)
_SEARCH_ON = Markup(SEARCH_ON)


def search_off() -> Markup:
    """Where text left out of search starts (a template global)."""
    return _SEARCH_OFF


def search_on() -> Markup:
    """Where it ends."""
    return _SEARCH_ON
