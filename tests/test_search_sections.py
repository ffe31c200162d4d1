"""prepguide.plugin.search_sections reads a page's search sections as Material's ``Parser`` does.

- On every HTML page of the example guide and the second guide (private and public) and of
  hostile guides, the sections (tag, attributes, depth, id, title, text, excluded) and the index
  entries are Material's own.
- On HTML made from prepguide-like fragments (headings with ids and permalinks, lists, emphasis,
  code, details, excluded blocks, entities, nested headings, stray end tags, void tags,
  attribute values holding ``>`` and quotes) the sections are Material's, read without it; with
  anything the tokenizer does not model (a comment, ``<!``, ``<?``, ``<script>``, an unquoted
  attribute, a lone ``<``…) Material's parser reads the page.
- A real build writes the same search index with and without it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin as material_search
from material.plugins.search.plugin import Parser, SearchIndex, Section
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from prepguide.plugin import search_sections
from prepguide.plugin.search_sections import add_sections, fast_sections, material_sections
from prepguide.render import pagehtml
from tests import hostile
from tests.conftest import build_site, copy_example
from tests.test_pagehtml import GUIDES, rendered

Key = list[tuple[Any, ...]]


def key(found: list[Section]) -> Key:
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text, s.is_excluded()) for s in found]


def material_or_error(html: str) -> Key | type[Exception]:
    try:
        return key(material_sections(html))
    except Exception as error:  # Material's parser stops on some broken nesting
        return type(error)


def assert_same(html: str, *, modelled: bool | None = True) -> None:
    """The fast reading is Material's (or None where Material's parser fails or must read).

    ``modelled``: whether the tokenizer must read ``html`` (True), must leave it to Material's
    parser (False), or either (None).
    """
    expected = material_or_error(html)
    fast = fast_sections(html)
    if isinstance(expected, type):
        assert fast is None, html
        with pytest.raises(expected):
            search_sections.sections(html)
        return
    if modelled is not None:
        assert (fast is not None) == modelled, html
    assert key(search_sections.sections(html)) == expected, html
    if fast is not None:
        assert key(fast) == expected, html


def test_checked_against_the_installed_material() -> None:
    """A Material this module was not compared with makes every page go to its own parser.

    When this fails after an upgrade of Material, compare its ``Parser`` with
    search_sections.fast_sections, run these tests and add the version to CHECKED_MATERIAL.
    """
    assert search_sections.CHECKED


# ---------------------------------------------------------------------------
# The guides' pages


def page_of(src_uri: str, source: str, content: str) -> SimpleNamespace:
    body, meta = get_data(source)
    style = pagehtml.HeadingStyle.from_toc_config({"permalink": True})
    return SimpleNamespace(
        meta=meta,
        content=content,
        toc=get_toc(pagehtml.toc_tokens(body, style)),  # type: ignore[arg-type]
        url=src_uri[:-3] + "/",
        title=meta.get("title"),
    )


def new_index() -> SearchIndex:
    return SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})


def assert_pages_read_alike(pages: list[tuple[str, str]]) -> None:
    assert pages
    for src_uri, source in pages:
        body, meta = get_data(source)
        # The whole page holds comments (where search is off): Material's parser reads it. A
        # page left out of search (the network map's SVG has <title>s) is never read.
        searched = not (meta.get("search") or {}).get("exclude")
        for html, modelled in ((body, None), (pagehtml.searchable(body), searched or None)):
            assert_same(html, modelled=modelled)
            page = page_of(src_uri, source, html)
            material, fast = new_index(), new_index()
            material.add_entry_from_context(page)
            assert add_sections(fast, page, html)
            assert fast.entries == material.entries, src_uri


@pytest.mark.parametrize("public", [False, True], ids=["private", "public"])
@pytest.mark.parametrize("name", sorted(GUIDES))
def test_the_guides_pages_read_as_material_reads_them(name: str, public: bool) -> None:
    root = GUIDES[name]
    assert_pages_read_alike(rendered(root / "content", root, public=public))


@settings(max_examples=6, **hostile.GUIDE_SETTINGS)
@given(guide=hostile.hostile_guide())
def test_hostile_pages_read_as_material_reads_them(tmp_path_factory: Any, guide: Any) -> None:
    files, _ = guide
    for root, public in hostile.audience_guides(tmp_path_factory, files):
        assert_pages_read_alike(rendered(root / "content", root, public=public))


def test_search_exclude_in_the_meta_gives_no_entries() -> None:
    page = SimpleNamespace(
        meta={"search": {"exclude": True}}, content="<h1 id='a'>A</h1>", toc=[], url="a/"
    )
    index = new_index()
    assert add_sections(index, page, page.content)
    assert index.entries == []


def test_another_search_index_is_left_to_itself() -> None:
    class Indexing(SearchIndex):  # type: ignore[misc]
        def add_entry_from_context(self, page: Any) -> None:
            pass

    page = SimpleNamespace(meta={}, content="<p>a</p>", toc=[], url="a/", title="A")
    assert not add_sections(Indexing(), page, page.content)
    assert not add_sections(object(), page, page.content)


# ---------------------------------------------------------------------------
# HTML made from prepguide-like fragments

WORDS = st.sampled_from(
    [
        "Ada",
        "tea",
        " ",
        "\n",
        "  \n  ",
        "\t",
        "&amp;",
        "&#8211;",
        "&para;",
        "&lt;b&gt;",
        "&quot;",
        "&nbsp;",
        "&bogus;",
        "& ",
        "&#x27;",
        "&#0;",
        "café",
        "a > b",
        "\u00a0",
        "\u2028",
        "O'Brien",
        '"quoted"',
    ]
)
TEXT = st.lists(WORDS, max_size=4).map("".join)
VALUE = st.lists(
    st.sampled_from(["x", "a>b", "it's", "&amp;", "&gt;", " ", "=", "/", "<p>", "#id"]),
    max_size=3,
).map("".join)
IDS = st.sampled_from(["a", "b", "notes", "who-they-are", "a&amp;b", ""])
TAGS = st.sampled_from(
    [
        "p",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "a",
        "code",
        "pre",
        "div",
        "span",
        "details",
        "summary",
        "sub",
        "sup",
        "h1",
        "h2",
        "h3",
        "h4",
        "P",
        "Div",
        "object",
        "section",
        "hx",
    ]
)
VOIDS = st.sampled_from(["<br>", "<br/>", "<br />", '<img src="x" alt="a>b">', "<hr>", "</br>"])


@st.composite
def attributes(draw: Any) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        name = draw(
            st.sampled_from(
                ["class", "id", "title", "href", "data-search-exclude", "ID", "data-x", "open"]
            )
        )
        form = draw(st.sampled_from(["none", "double", "single", "empty"]))
        value = draw(VALUE)
        if name == "class" and draw(st.booleans()):
            value = draw(st.sampled_from(["headerlink", "linenodiv", "pg-md", "pg-noprint"]))
        if form == "none":
            parts.append(f" {name}")
        elif form == "empty":
            parts.append(f' {name}=""')
        elif form == "double":
            parts.append(f' {name}="{value.replace(chr(34), "&quot;")}"')
        else:
            parts.append(f" {name}='{value.replace(chr(39), '&#39;')}'")
    space = draw(st.sampled_from(["", " ", "\n"]))
    return "".join(parts) + space


@st.composite
def heading(draw: Any) -> str:
    level = draw(st.integers(1, 6))
    hid = draw(IDS)
    exclude = " data-search-exclude" if draw(st.integers(0, 4)) == 0 else ""
    ident = f' id="{hid}"' if draw(st.integers(0, 5)) else ""
    permalink = (
        f'<a class="headerlink" href="#{hid}" title="Permanent link">&para;</a>'
        if draw(st.booleans())
        else ""
    )
    inner = draw(st.lists(st.one_of(TEXT, inline()), max_size=3))
    return f"<h{level}{ident}{exclude}>{''.join(inner)}{permalink}</h{level}>"


@st.composite
def inline(draw: Any) -> str:
    tag = draw(st.sampled_from(["strong", "em", "code", "a", "span", "sub", "sup"]))
    return f"<{tag}{draw(attributes())}>{draw(TEXT)}</{tag}>"


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: Any) -> str:
        tag = draw(TAGS)
        attrs = draw(attributes())
        if draw(st.integers(0, 9)) == 0:
            return f"<{tag}{attrs}/>"
        inner = "".join(draw(st.lists(children, max_size=4)))
        close = "" if draw(st.integers(0, 9)) == 0 else f"</{tag}>"  # left open sometimes
        return f"<{tag}{attrs}>{inner}{close}"

    return build()


STRAY = st.sampled_from(["</p>", "</div>", "</h2>", "</li>", "</a>", "</pre>", "</ul >", "</x-y>"])
FRAGMENT = st.recursive(
    st.one_of(TEXT, VOIDS, STRAY, heading(), inline()),
    element,
    max_leaves=25,
)
DOCUMENT = st.lists(FRAGMENT, max_size=8).map("".join)


@settings(max_examples=600, deadline=None)
@given(html=DOCUMENT)
def test_prepguide_like_html_reads_as_material_reads_it(html: str) -> None:
    assert_same(html)


# A flat sequence of tags explores the parser's states more than nesting does.
FLAT = st.lists(
    st.one_of(
        TEXT,
        VOIDS,
        STRAY,
        TAGS.flatmap(lambda tag: attributes().map(lambda attrs: f"<{tag}{attrs}>")),
        TAGS.map(lambda tag: f"</{tag}>"),
        heading(),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(html=FLAT)
def test_tag_soup_reads_as_material_reads_it(html: str) -> None:
    assert_same(html)


OUTSIDE = st.sampled_from(
    [
        "<!-- a note -->",
        "<!---->",
        "<!DOCTYPE html>",
        "<![CDATA[x<p>]]>",
        "<?php echo 1 ?>",
        "<script>var a = '<p>';</script>",
        "<style>p > a { color: red }</style>",
        "<textarea><p>x</textarea>",
        "<title>t</title>",
        "<p class=bare>",
        '<a href="x"class="y">',
        "<p\x0bid='x'>",
        "<p\u00a0id='x'>",
        "< p>",
        "a < b",
        "<",
        "</p foo>",
        "</ p>",
        "<p id = 'x'>",
        "<p id=='x'>",
        "<h2é>",
        "</>",
        "<>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(FRAGMENT, max_size=5), odd=OUTSIDE, where=st.integers(0, 5))
def test_what_the_tokenizer_does_not_model_goes_to_material(
    parts: list[str], odd: str, where: int
) -> None:
    parts.insert(min(where, len(parts)), odd)
    assert_same("".join(parts), modelled=False)


@pytest.mark.parametrize(
    "html",
    [
        # An excluded block is forgotten when an element of the same name inside it ends.
        "<div data-search-exclude><div>in</div>after</div><p>out</p>",
        # An end tag that is not the innermost open element's is ignored.
        "<p>a<strong>b</p>c</strong></p>",
        # A heading nested in a block ends its section with the block.
        '<h1 id="t">T</h1><div><h2 id="n">N</h2><p>in</p></div><p>back</p>',
        # Line numbers and permalinks stay out; whitespace is kept in <pre>.
        '<h2 id="c">Code<a class="headerlink" href="#c">&para;</a></h2>'
        '<div class="linenodiv"><pre>1\n2</pre></div><pre><code>a\n\n  b</code></pre>',
        # Attribute values with > and quotes, entities in them.
        "<p title=\"a>b 'c'\" class='x\"y&amp;z'>text &#8211; more</p>",
        # An empty element is dropped, a whitespace-only one too.
        "<p></p><ul>\n<li> </li>\n</ul><p>x</p>",
    ],
)
def test_quirks_are_material_s(html: str) -> None:
    assert_same(html)


def test_broken_nesting_fails_as_material_does() -> None:
    """Material's parser raises on this; so does the build, as it did before."""
    html = "<div data-search-exclude><p><div></div></p>"
    with pytest.raises(ValueError):
        material_sections(html)
    assert fast_sections(html) is None


def test_the_parse_is_not_material_s_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Parser, data: str) -> None:
        raise AssertionError("Material's parser was used")

    monkeypatch.setattr(Parser, "feed", refuse)
    html = '<h1 id="a">A</h1><p>x</p>'
    assert [s.el.tag for s in search_sections.sections(html)] == ["h1"]


# ---------------------------------------------------------------------------
# In a real build


def test_a_build_writes_the_same_index_without_material_s_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path / "guide")
    fed: list[str] = []
    feed = Parser.feed

    def counted(self: Parser, data: str) -> None:
        fed.append(data)
        feed(self, data)

    monkeypatch.setattr(Parser, "feed", counted)
    stripped: list[str] = []  # pages Material's own pattern took data-search-* attributes from

    class CountingRe:
        def __getattr__(self, name: str) -> Any:
            return getattr(re, name)

        def sub(self, pattern: str, replacement: str, text: str) -> str:
            stripped.append(text)
            return re.sub(pattern, replacement, text)

    monkeypatch.setattr(material_search, "re", CountingRe())
    site = build_site(root)
    fast_index = (site / "search/search_index.json").read_bytes()
    fast_pages = {p: p.read_bytes() for p in sorted(site.rglob("*.html"))}
    assert len(fed) <= 3  # the Markdown pages only
    assert len(stripped) <= 3
    assert b"who-they-are-and-how-you-are-connected" in fast_index
    shutil.rmtree(site)
    monkeypatch.setattr(search_sections, "CHECKED", False)
    fed.clear()
    stripped.clear()
    site = build_site(root)
    assert len(fed) > 3
    assert len(stripped) > 3
    assert (site / "search/search_index.json").read_bytes() == fast_index
    assert {p: p.read_bytes() for p in sorted(site.rglob("*.html"))} == fast_pages


MATERIAL_STRIP = r"\s?data-search-\w+=\"[^\"]+\""  # as material/plugins/search/plugin.py writes it


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "data-search-",
                "exclude",
                "boost",
                '="',
                '"',
                "=",
                " ",
                "\n",
                "\t",
                "\u00a0",
                "\u2003",
                "\x1c",
                "x",
                "é",
                "_",
                "-",
                "<li ",
                ">",
                'data-search-exclude=""',
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_search_attributes_are_stripped_as_material_strips_them(html: str) -> None:
    assert search_sections.strip_search_attributes(html) == re.sub(MATERIAL_STRIP, "", html)


def test_material_still_strips_with_the_pattern_compared_with() -> None:
    import inspect

    assert MATERIAL_STRIP in inspect.getsource(material_search.SearchPlugin.on_page_context)


def test_a_note_that_looks_like_a_search_attribute_stays_on_the_page(tmp_path: Path) -> None:
    """A review found a Markdown field cut out of its page but kept in the index.

    The attribute removal (Material's, and prepguide's same step) searches the page's text:
    ``data-search-boost="`` in a note took everything up to the next quote off the page,
    paragraphs and the next heading included, while the index kept it. Sanitized text now
    writes ``data-search&#45;`` (docs/security.md).
    """
    import json

    root = copy_example(tmp_path / "guide")
    (root / "content/organizations/rx-org.yml").write_text(
        "name: Rx Org\n"
        "summary: |\n"
        '  Acme builds software. data-search-boost="zzinvisible salary\n\n'
        "  A second paragraph of **stuffed** keywords zzstuffed\n\n"
        '  " Visible end of the summary.\n'
        "culture: |\n"
        '  Culture text data-search-y="\n'
        "focus: [clinical research]\n",
        encoding="utf-8",
    )
    site = build_site(root)
    page = (site / "organizations/rx-org/index.html").read_text(encoding="utf-8")
    assert "zzstuffed" in page
    assert "Visible end of the summary" in page
    assert 'id="current-focus"' in page  # the heading after the fields is whole
    assert "data-search&#45;boost" in page
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    entries = [e for e in index["docs"] if e["location"].startswith("organizations/rx-org/")]
    assert any("zzstuffed" in e["text"] for e in entries)
    for entry in entries:  # every anchor the index links to is on the page
        anchor = entry["location"].partition("#")[2]
        assert not anchor or f'id="{anchor}"' in page
