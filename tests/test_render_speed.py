"""The faster ways of rendering a prep page give exactly what the plain ones did (issue 17).

Each rewritten function is checked against the code it replaced, kept here as the reference:
reading the table of contents and the anchors back from a page, the headings with their
cached slugs, a draft's paragraphs, escaping for HTML.
"""

from __future__ import annotations

import html
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import nest_toc_tokens, slugify, slugify_unicode, unique
from markupsafe import Markup, escape

from prepguide import markup
from prepguide.render import pagehtml, templating

# --- the reference implementations (as they were before issue 17's speed work) -------------

_REF_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>(.*?)</h\1>', re.DOTALL)
_REF_ID = re.compile(r'\sid="([^"]*)"')


def ref_permalink_html(style: pagehtml.HeadingStyle, anchor: str) -> str:
    if not style.permalink:
        return ""
    title = f' title="{html.escape(style.permalink_title)}"' if style.permalink_title else ""
    return (
        f'<a class="{html.escape(style.permalink_class)}" href="#{html.escape(anchor)}"'
        f"{title}>{style.permalink}</a>"
    )


def ref_toc_tokens(page_html: str, style: pagehtml.HeadingStyle) -> list[dict[str, Any]]:
    flat: list[Any] = []
    for match in _REF_HEADING.finditer(page_html):
        level, anchor, inner = int(match.group(1)), match.group(2), match.group(3)
        if not style.toc_top <= level <= style.toc_bottom:
            continue
        link = ref_permalink_html(style, html.unescape(anchor))
        if link:
            inner = inner.replace(link, "", 1)
        flat.append(
            {"level": level, "id": html.unescape(anchor), "name": re.sub(r"<[^>]*>", "", inner)}
        )
    return nest_toc_tokens(flat)  # type: ignore[return-value]


def ref_anchor_ids(page_html: str) -> set[str]:
    return {html.unescape(value) for value in _REF_ID.findall(page_html)}


class RefHeadings:
    def __init__(self, style: pagehtml.HeadingStyle) -> None:
        self.style = style
        self.ids: set[str] = set()

    def heading(self, level: int, inner: str, *, exclude: bool = False) -> Markup:
        name = re.sub(r"<[^>]*>", "", str(inner))
        slug = self.style.slugify(html.unescape(name), self.style.separator)
        if slug.startswith(pagehtml.RESERVED_ID_PREFIXES):
            slug = "h-" + slug
        anchor = unique(slug, self.ids)
        self.ids.add(anchor)
        link = ref_permalink_html(self.style, anchor)
        body = link + str(inner) if self.style.permalink_leading else str(inner) + link
        mark = " data-search-exclude" if exclude else ""
        return Markup(f'<h{level} id="{html.escape(anchor)}"{mark}>{body}</h{level}>')


def ref_html(value: object) -> Markup:
    return Markup(markup.inert_braces(str(escape("" if value is None else str(value)))))


def ref_letter_html(body: object) -> str:
    paragraphs = [p.strip("\n") for p in str(body or "").split("\n\n")]
    return "".join(
        f"<p>{'<br>'.join(ref_html(line) for line in p.split(chr(10)))}</p>"
        for p in paragraphs
        if p.strip()
    )


# --- strategies ------------------------------------------------------------------------------

STYLES = [
    pagehtml.HeadingStyle(),
    pagehtml.HeadingStyle.from_toc_config({"permalink": True}),
    pagehtml.HeadingStyle.from_toc_config(
        {"permalink": "#", "permalink_leading": True, "permalink_title": "", "toc_depth": "2-3"}
    ),
    pagehtml.HeadingStyle.from_toc_config(
        {"slugify": slugify_unicode, "separator": "_", "permalink": "§", "permalink_class": "a&b"}
    ),
]
styles = st.sampled_from(STYLES)

# Pieces of pages: tags and attributes as the templates write them, and the broken and odd ones
# a user's override or a Markdown field could hold.
PAGE_PIECES = [
    "<h1",
    "<h2",
    "<h3",
    "<h7",
    " id=",
    'id="',
    ' id="',
    '\tid="',
    '\xa0id="',
    '\u2003id="',
    "\nid=",
    '"',
    "'",
    ">",
    "<",
    "</h1>",
    "</h2>",
    "</h3>",
    "</h",
    " data-search-exclude",
    '<a class="headerlink" href="#a" title="Permanent link">&para;</a>',
    '<a class="headerlink" href="#x" title="Permanent link">&para;</a>',
    '<a class="a&amp;b" href="#a">§</a>',
    "&amp;",
    "&para;",
    "&#233;",
    "&lt",
    "a",
    "x",
    "é",
    "\n",
    " ",
    "<p>",
    "</p>",
    "<b>",
]
pages = st.lists(st.sampled_from(PAGE_PIECES), max_size=60).map("".join)
texts = st.lists(
    st.sampled_from([*"ab É&<>\"'{}\n\t\r\xa0_-–#;", "&amp;", "&#8211;", "__", "pg-"]),
    max_size=20,
).map("".join)


# --- tests -----------------------------------------------------------------------------------


@settings(max_examples=800)
@given(page=pages, style=styles)
def test_toc_tokens_as_the_regular_expression_read_them(
    page: str, style: pagehtml.HeadingStyle
) -> None:
    assert pagehtml.toc_tokens(page, style) == ref_toc_tokens(page, style)


@settings(max_examples=800)
@given(page=pages)
def test_anchor_ids_as_the_regular_expression_found_them(page: str) -> None:
    assert pagehtml.anchor_ids(page) == ref_anchor_ids(page)


def test_anchor_ids_white_space_is_what_the_regular_expression_calls_white_space() -> None:
    for code in range(0x3000 + 1):
        char = chr(code)
        page = f'<p{char}id="v{code}">'
        assert pagehtml.anchor_ids(page) == ref_anchor_ids(page), hex(code)


@settings(max_examples=400)
@given(
    titles=st.lists(st.tuples(st.integers(1, 6), texts, st.booleans()), max_size=12),
    style=styles,
)
def test_headings_as_before(
    titles: list[tuple[int, str, bool]], style: pagehtml.HeadingStyle
) -> None:
    ours, theirs = pagehtml.Headings(style), RefHeadings(style)
    for level, title, exclude in titles:
        for inner in (title, str(markup.inline_html(title))):
            assert ours.heading(level, inner, exclude=exclude) == theirs.heading(
                level, inner, exclude=exclude
            )


@settings(max_examples=200)
@given(
    pages_titles=st.lists(
        st.lists(st.tuples(st.integers(1, 3), texts, st.booleans()), max_size=8), max_size=4
    ),
    style=styles,
)
def test_headings_kept_by_the_style_are_as_made_on_each_page(
    pages_titles: list[list[tuple[int, str, bool]]], style: pagehtml.HeadingStyle
) -> None:
    # One style makes the headings of page after page (a build): what it keeps of a heading
    # made on one page gives the same HTML on the next, each page's ids its own.
    for titles in [*pages_titles, *pages_titles]:
        ours, theirs = pagehtml.Headings(style), RefHeadings(style)
        for level, title, exclude in titles:
            assert ours.heading(level, title, exclude=exclude) == theirs.heading(
                level, title, exclude=exclude
            )


def test_headings_with_a_slugify_that_cannot_be_a_cache_key() -> None:
    class Unhashable:
        __hash__ = None  # type: ignore[assignment]

        def __call__(self, text: str, separator: str) -> str:
            return slugify(text, separator)

    style = pagehtml.HeadingStyle(slugify=Unhashable())
    assert 'id="a-b"' in pagehtml.Headings(style).heading(2, "A b")


@settings(max_examples=400)
@given(value=st.one_of(texts, st.text(max_size=30), st.none(), st.integers()))
def test_html_as_markupsafe_escaped_it(value: object) -> None:
    assert markup.html(value) == ref_html(value)
    assert type(markup.html(value)) is Markup


@settings(max_examples=400)
@given(
    body=st.one_of(
        st.none(),
        st.lists(st.sampled_from(["Hi", "\n", "\n\n", " ", "\t", "<3", "{x}", "&", "é"])).map(
            "".join
        ),
        st.text(max_size=40),
    )
)
def test_letter_html_as_before(body: str | None) -> None:
    assert templating.letter_html(body) == ref_letter_html(body)


def test_search_markers_are_the_same_each_call() -> None:
    assert pagehtml.search_off() == pagehtml.SEARCH_OFF
    assert pagehtml.search_on() == pagehtml.SEARCH_ON
    assert isinstance(pagehtml.search_off(), Markup)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(max_size=30), st.none(), st.integers()))
def test_text_filter_as_before(value: object) -> None:
    # The text filter calls the cached escaping directly (was: markup.inline_html / markup.text).
    class Context:
        def __init__(self, name: str | None) -> None:
            self.name = name

    for name, reference in (
        ("contact.html.j2", markup.inline_html),
        ("home.md.j2", markup.text),
        (None, markup.text),
    ):
        produced = templating._text_filter(Context(name), value)  # type: ignore[arg-type]
        assert produced == reference(value) and isinstance(produced, Markup)


def test_html_is_cached_and_still_markup() -> None:
    first = markup.html("R&D <b>{x}</b>")
    assert first is markup.html("R&D <b>{x}</b>") and isinstance(first, Markup)
    assert first == ref_html("R&D <b>{x}</b>")
