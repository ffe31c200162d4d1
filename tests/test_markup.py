"""Escaping and Markdown fields: the shortcuts give exactly Python-Markdown's output."""

from __future__ import annotations

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st

from prepguide.markup import (
    INLINE_PATTERNS,
    _converter,
    inline_patterns,
    is_plain_prose,
    markdown_block,
    narrow,
    plain_html,
    plain_paragraphs,
    render_markdown,
    sanitize,
)

CONVERTER = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def python_markdown(source: str) -> str:
    CONVERTER.reset()
    return CONVERTER.convert(source)


# Prose-like text: letters (accents included), digits, punctuation, spaces of
# several kinds and line breaks, plus every character Markdown treats specially.
ORDINARY = [*"abcdefghij ABCÉßñ 0123456789 .,;:'\"()?/%$@ -\n", "\n\n", "word", "Sentence. "]
SPECIAL = [
    *"\\`*_[]<>&#|{}=+~!\t\r",
    *("\u00a0", "\u2028", "\x0b", "\x0c", "\u3000", "\x85"),
    *("1. ", "2) ", "- ", "    ", "  \n", "\x02", "\x03"),
]
PIECES = st.sampled_from([*ORDINARY, *SPECIAL])
SAFE_PIECES = st.sampled_from(ORDINARY)
# Mostly special characters, or only ordinary ones (so that many examples are plain prose).
PROSE = st.one_of(
    st.lists(PIECES, max_size=60).map("".join),
    st.lists(SAFE_PIECES, max_size=60).map("".join),
)


@settings(max_examples=3000, deadline=None)
@given(PROSE)
@example("First paragraph.\n\nSecond one,\nwith two lines.")
@example("\n\nLeading and trailing blank lines.\n\n\n")
@example("Ends with a full stop.\n")
@example("A line\u00a0with a no-break space\u00a0")
def test_plain_prose_shortcut_matches_python_markdown(source: str) -> None:
    if is_plain_prose(source):
        assert plain_paragraphs(source) == python_markdown(source)


# Notes as people write them: paragraphs and bullet lists of plain words, with
# now and then something that is not plain (an ordered or nested item, a rule,
# a second line in an item, stray spaces, markup).
WORDS = st.lists(
    st.sampled_from(["word", "Ada", "2026", "4", "café", "(note)", "it's", "50%", "-", "a-b"]),
    min_size=1,
    max_size=6,
).map(" ".join)
ODD_LINES = st.sampled_from(
    ["- - -", "---", "- 1. item", "-  two spaces", "- ", "-", "1. first", "2) second", " - indented",
     "- item ", "- *bold*", "    code", "word\ttab", "== x", "- - nested", "- a\x02b", "a\x03"]
)  # fmt: skip
LINE = st.one_of(WORDS, WORDS.map(lambda w: "- " + w), ODD_LINES)
BLOCK = st.one_of(
    st.lists(WORDS, min_size=1, max_size=3).map("\n".join),
    st.lists(WORDS.map(lambda w: "- " + w), min_size=1, max_size=4).map("\n".join),
    st.lists(LINE, min_size=1, max_size=4).map("\n".join),
)
NOTES = st.tuples(
    st.lists(BLOCK, min_size=1, max_size=5),
    st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n"]), min_size=4, max_size=4),
    st.sampled_from(["", "\n", "\n\n"]),
).map(lambda t: "".join(b + t[1][i % 4] for i, b in enumerate(t[0])).rstrip("\n") + t[2])


@settings(max_examples=1500, deadline=None)
@given(st.one_of(NOTES, PROSE))
@example("- a\n- b")
@example("Intro line\nsecond line\n\n- one\n- two\n\nAfter the list.")
@example("- a\n\n- b")  # two lists in a row: one loose list
@example("- a\n\nNot a list\n\n- c")
@example("- a\n-")  # a heading underline
@example("Para\n- not an item")
@example("- a\x02\n- b")  # Python-Markdown drops STX
def test_plain_html_matches_python_markdown(source: str) -> None:
    produced = plain_html(source)
    if produced is not None:
        assert produced == python_markdown(source)


def test_plain_html_covers_paragraphs_and_bullet_lists() -> None:
    assert plain_html("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    assert plain_html("Some text.\n\n- one\n- two") == (
        "<p>Some text.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    )
    for other in ("- a\n\n- b", "- a\nlazy", "- 1. x", "- **b**", "1. first", "- a\n-"):
        assert plain_html(other) is None, other


# Block syntax of every kind, and inline syntax of every kind, a few pieces of each at a time.
BLOCK_PIECES = st.sampled_from(
    [*"abc XYZ 019 .,;:'\"()?/%$@-=#>|+~{}\t\n\r\x02", "\n\n", "- ", "1. ", "2) ", "# ", "> ",
     "    ", "---", "===", "| a | b |\n|---|---|\n| 1 | 2 |", "word", "\u00a0", "  "]
)  # fmt: skip
INLINE_PIECES = st.sampled_from(
    ["`", "``code``", "\\", "\\*", "[", "]", "(", ")", "[a](https://x.org)", "![i](x.png)",
     "[r]", "[r]: https://x.org", "<", ">", "<b>", "</b>", "<https://x.org>", "<a@b.org>",
     "<!-- c -->", "&", "&amp;", "&#35;", "*", "**", "_", "__", "  \n", "!", "<div>x</div>",
     "\n  <p>y</p>", "<pre>", "</pre>", "  <div>", "\t<hr>", "<!DOCTYPE html>"]
)  # fmt: skip
BLOCKS = st.lists(BLOCK_PIECES, max_size=50).map("".join)
MIXED = st.lists(st.one_of(BLOCK_PIECES, BLOCK_PIECES, INLINE_PIECES), max_size=40).map("".join)


def convert(converter: markdown.Markdown, source: str) -> str:
    converter.reset()
    return converter.convert(source)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(MIXED, BLOCKS, NOTES))
@example("# Title\n\n> quoted\n\n1. one\n2. two\n\n    code\n\n| a | b |\n|---|---|\n| 1 | 2 |")
@example("A **bold** claim, [a link](https://x.org) and `code`.\n\n- *one*\n- two")
@example("Tom &amp; Jerry <b>bold</b> <https://x.org> line  \nbreak \\*not em\\*")
@example("[ref] and ![img][ref]\n\n[ref]: https://x.org")
@example("a\t\na")  # the tab becomes spaces: a line break
@example("a  \rb")
@example("a \x02\nb")  # STX is dropped
@example("- Asked about hiring\n  <p>She said spring.</p>")  # raw HTML makes a hard break
@example("<hr>> \\</pre>  &amp;\t&amp;<script>")
def test_only_the_inline_patterns_that_could_match_are_needed(source: str) -> None:
    assert convert(_converter(inline_patterns(source)), source) == convert(_converter(), source)


def test_inline_syntax_is_detected() -> None:
    for source in ("`code`", "a\\b", "[link]", "![img]", "<b>", "&amp;", "*em*", "_em_", "a  \nb"):
        assert inline_patterns(source), source
    assert not inline_patterns("- plain list\n- of words\n\n# and a heading")
    assert inline_patterns("Some **bold** text.") == {"em_strong"}
    assert inline_patterns("A [link](https://x.org).") >= {"link", "reference"}


def test_the_inline_patterns_are_the_known_ones() -> None:
    # A Python-Markdown release with a new inline pattern must fail here: what
    # its matches must contain would need adding to INLINE_PATTERNS.
    names = [item.name for item in _converter().inlinePatterns._priority]
    assert sorted(names) == sorted(INLINE_PATTERNS)
    assert "inline" not in _converter(frozenset()).treeprocessors
    assert "inline" in _converter().treeprocessors
    assert [i.name for i in _converter(frozenset({"em_strong"})).inlinePatterns._priority] == [
        "em_strong"
    ]


def test_markdown_is_not_plain() -> None:
    for source in (
        "Some **bold**.",
        "- a list",
        "1. first",
        "    code",
        "line break  \nhere",
        "a [link](https://example.org)",
        "<b>html</b>",
        "Fish & chips",
        "Heading\n===",
        "Heading\n---",
    ):
        assert not is_plain_prose(source), source


def test_plain_prose_is_rendered_and_sanitized_like_the_rest() -> None:
    source = "She leads the clinic's redesign (2025).\n\nAsk about hiring: it's slow."
    assert render_markdown(source) == sanitize(python_markdown(source))
    assert "<p>She leads the clinic's redesign (2025).</p>" in markdown_block(source)


def test_markdown_fields_are_sanitized() -> None:
    html = render_markdown(
        '<img src=x onerror="alert(1)"> [x](javascript:alert(1)) <script>alert(2)</script> **ok**'
    )
    assert "onerror" not in html and "javascript:" not in html and "<script" not in html
    assert "<strong>ok</strong>" in html


def test_narrow_writes_wide_characters_as_references() -> None:
    assert narrow("a – b’s 😀 café ¶") == "a &#8211; b&#8217;s &#128512; café ¶"
    page = narrow("# Łukasz\n\nHe’s “great”.\n")
    assert max(map(ord, page)) <= 0xFF
    assert python_markdown(page) == "<h1>&#321;ukasz</h1>\n<p>He&#8217;s &#8220;great&#8221;.</p>"
