"""What a build is made of: page and asset specs, the site context, and page URLs."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from dataclasses import dataclass
from typing import Any

from ..options import Options
from . import pagehtml


@dataclass(frozen=True)
class PageSpec:
    """A generated Markdown page."""

    src_uri: str
    markdown: str
    in_nav: bool = False
    html: bool = False
    """Whether the body after the front matter is HTML (render/pagehtml.py), not Markdown."""


@dataclass(frozen=True)
class AssetSpec:
    """A generated file copied as is (a calendar, for example)."""

    src_uri: str
    content: bytes


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL path of a page, as MkDocs computes it.

    >>> page_url("contacts/ana.md", True), page_url("contacts/ana.md", False)
    ('contacts/ana/', 'contacts/ana.html')
    >>> page_url("index.md", True)
    ''
    """
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) in ("index", "README"):
        parent = posixpath.dirname(stem)
        return f"{parent}/" if parent else ""
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


@functools.lru_cache(maxsize=65536)
def relative_url(to_src: str, from_src: str, use_directory_urls: bool) -> str:
    """A URL to page ``to_src`` relative to page ``from_src`` (for raw HTML links).

    >>> relative_url("organizations/acme.md", "contacts/ana.md", True)
    '../../organizations/acme/'
    >>> relative_url("contacts/ana.md", "index.md", False)
    'contacts/ana.html'
    """
    target = page_url(to_src, use_directory_urls)
    source = page_url(from_src, use_directory_urls)
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    rel = relpath("/" + target, "/" + base.rstrip("/") if base else "/")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


def relpath(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for absolute paths, without its normalizing.

    Five times faster for paths made of plain names (no ``.`` or ``..`` parts),
    which page URLs are; anything else goes to ``posixpath.relpath``.

    >>> relpath("/contacts/ana", "/organizations/acme")
    '../../contacts/ana'
    """
    path_parts = [part for part in path.split("/") if part]
    start_parts = [part for part in start.split("/") if part]
    if not (path.startswith("/") and start.startswith("/")) or any(
        part in (".", "..") for part in (*path_parts, *start_parts)
    ):
        return posixpath.relpath(path, start)
    common = 0
    for mine, theirs in zip(start_parts, path_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + path_parts[common:]
    return "/".join(parts) if parts else "."


@dataclass(frozen=True)
class SiteContext:
    """What every template may use besides the corpus."""

    options: Options
    today: dt.date
    use_directory_urls: bool
    site_url: str | None
    public: bool
    headings: pagehtml.HeadingStyle = pagehtml.DEFAULT_STYLE
    """How the HTML pages' headings get ids and permalinks (``mkdocs.yml``'s ``toc``)."""
    tags_shown: bool = True
    """Whether a tags plugin shows pages' tags (else they stay out of the front matter)."""

    def link(self, to_src: str, from_src: str) -> str:
        """A relative URL from one generated page to another (for HTML blocks)."""
        return relative_url(to_src, from_src, self.use_directory_urls)


def html_helpers(ctx: SiteContext, src: str) -> dict[str, Any]:
    """What an HTML template (``*.html.j2``) of page ``src`` is given besides its values.

    ``h``: its headings (:class:`pagehtml.Headings`), ``link``: the relative URL
    of another generated page (``link("contacts/ada.md")``).
    """
    return {"h": pagehtml.Headings(ctx.headings), "link": functools.partial(ctx.link, from_src=src)}


def contact_src(contact_id: str) -> str:
    """The source path of a contact's prep page."""
    return f"contacts/{contact_id}.md"


def organization_src(org_id: str) -> str:
    """The source path of an organization page."""
    return f"organizations/{org_id}.md"


def meeting_ics_link(contact_id: str, ctx: SiteContext) -> str:
    """The link from a prep page to its meeting's ``.ics`` file."""
    up = "../../" if ctx.use_directory_urls else "../"
    return f"{up}calendar/{contact_id}.ics"
