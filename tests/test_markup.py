"""Escaping and Markdown fields: the plain-prose shortcut gives Python-Markdown's output."""

from __future__ import annotations

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st

from prepguide.markup import (
    is_plain_prose,
    markdown_block,
    narrow,
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
    *("1. ", "2) ", "- ", "    ", "  \n"),
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
