"""Notes with bold, emphasis and links: the shortcut gives exactly Python-Markdown's output.

markup.simple_html converts paragraphs and bullet lists whose text holds ``**bold**``,
``*emphasis*`` and ``[links](url)`` without Python-Markdown (issue 17). Python-Markdown (as
prepguide configures it), and render_markdown's full path (Python-Markdown, then the
sanitizer), are the references: generated notes mix those spans with every character
Markdown or HTML treats specially, and wherever the shortcut answers it must answer the same.
"""

from __future__ import annotations

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st

from prepguide import markup
from prepguide.markup import sanitize, simple_html, simple_spans, tangled

CONVERTER = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def python_markdown(source: str) -> str:
    CONVERTER.reset()
    return CONVERTER.convert(source)


def full_path(source: str) -> str:
    """render_markdown without any shortcut: Python-Markdown (or shown as written), sanitized."""
    if not source or not source.strip():
        return ""
    if tangled(source) is not None:
        return sanitize(markup.literal_html(source))
    return sanitize(python_markdown(source))


WORDS = ["word", "Ada", "2026", "café", "(note)", "it's", '"q"', "50%", "a-b", "x.", "ok,"]
SPECIAL = [
    *"\\`*_[]<>&#|{}=+~!()\t\r:;/?@$%,.'\"",
    *("\u00a0", "\u2028", "\x0b", "\x0c", "\u3000", "\x85", "\x1c", "\x02", "\x03"),
    *("1. ", "2) ", "- ", "* ", "    ", "  \n", "\n", "\n\n", " "),
    *("**", "***", "__", "](", "[]", "()", "&amp;", "<b>", "<https://x.org>", "\\*"),
]
URL_CHARS = st.sampled_from(
    [*"abcXYZ019-._~:/?#@!$+,;=%&'\"()<>*[] \n\\`{}|^", "https://x.org/", "mailto:a@b.org"]
)
URL = st.one_of(
    st.sampled_from(["https://x.org", "https://x.org/a_b?q=1#top", "mailto:a@b.org", "x.html"]),
    st.lists(URL_CHARS, min_size=0, max_size=6).map("".join),
)
RUN = st.lists(st.sampled_from([*WORDS, " ", " ", *SPECIAL]), min_size=0, max_size=4).map("".join)
PLAIN_RUN = st.lists(st.sampled_from([*WORDS, " "]), min_size=1, max_size=4).map("".join)
SPAN = st.one_of(
    st.builds(lambda t: f"**{t}**", st.one_of(PLAIN_RUN, RUN)),
    st.builds(lambda t: f"*{t}*", st.one_of(PLAIN_RUN, RUN)),
    st.builds(lambda t, u: f"[{t}]({u})", st.one_of(PLAIN_RUN, RUN), URL),
)
GOOD_URL = st.lists(st.sampled_from([*"abcXYZ019-._~:/?#@!$+,;=%", "https://x.org/"]), min_size=1)
GOOD_SPAN = st.one_of(
    st.builds(lambda t: f"**{t.strip() or 'w'}**", PLAIN_RUN),
    st.builds(lambda t: f"*{t.strip() or 'w'}*", PLAIN_RUN),
    st.builds(lambda t, u: f"[{t.strip() or 'w'}]({''.join(u)})", PLAIN_RUN, GOOD_URL),
)
PIECE = st.one_of(SPAN, SPAN, st.sampled_from(WORDS), st.sampled_from([" ", " ", *SPECIAL]))
GOOD_PIECE = st.one_of(GOOD_SPAN, GOOD_SPAN, st.sampled_from(WORDS), st.just(" "))


def notes(piece: st.SearchStrategy[str], joint: str = "") -> st.SearchStrategy[str]:
    """Paragraphs and bullet lists of lines made of ``piece`` (joined by ``joint``)."""
    line = st.lists(piece, min_size=1, max_size=8).map(joint.join)
    block = st.one_of(
        st.lists(line, min_size=1, max_size=3).map("\n".join),
        st.lists(line.map(lambda text: "- " + text), min_size=1, max_size=4).map("\n".join),
    )
    return st.tuples(
        st.lists(block, min_size=1, max_size=4),
        st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n"]), min_size=3, max_size=3),
    ).map(lambda parts: "".join(b + sep for b, sep in zip(parts[0], parts[1], strict=False)))


NOTES = st.one_of(notes(PIECE), notes(GOOD_PIECE), notes(GOOD_PIECE, " "), notes(GOOD_PIECE, " "))
# Mostly well-formed notes (so that the shortcut answers often), and any mix at all.
ANY_MIX = st.lists(st.one_of(PIECE, st.sampled_from(SPECIAL)), max_size=30).map("".join)


@settings(max_examples=4000, deadline=None)
@given(st.one_of(NOTES, NOTES, ANY_MIX))
@example("A **bold** claim, *an aside* and [a link](https://x.org/a_b).")
@example("x**a**y and (*b*), **c**: [d](e)[f](g)")
@example("**a***b*")  # marks next to each other: Python-Markdown decides
@example("*a**b*")
@example("** a **")
@example("- **one**\n- *two*\n- [three](https://x.org)")
@example("Para **x**\n- not an item")
@example("- a\n\n- **b**")  # two lists in a row: one loose list
@example("[a](javascript:alert)")
@example("[a](https://x.org)\n\n[ref]: https://y.org")
@example("*a*\n===")
def test_simple_html_is_python_markdown(source: str) -> None:
    produced = simple_html(source)
    if produced is not None:
        assert produced == python_markdown(source)
    assert markup._render_markdown.__wrapped__(source) == full_path(source)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(SPAN, st.sampled_from(WORDS), st.just(" ")), max_size=10).map("".join))
def test_simple_spans_is_python_markdown_inside_a_paragraph(text: str) -> None:
    produced = simple_spans(text)
    if produced is not None and text.strip() == text and text and text[0] not in "-1*":
        assert f"<p>{produced}</p>" == python_markdown(text)


def test_the_common_notes_need_no_python_markdown() -> None:
    notes = [
        "Aaliyah led handoff tools in **2024**, working with a team of 27 people.",
        "Most of the work is observational.\n\nSee the [write-up](https://blog.example.org/x) "
        "for details.",
        "The team meets in **a monthly review**, designers attend.\n\n- Moving to *portals*.\n"
        "- Busy around the end of each quarter.",
    ]
    for note in notes:
        assert simple_html(note) == python_markdown(note), note
    for other in ("**a*", "*a **b** c*", "[a] (b)", "[a](b c)", "** a**", "a\\*b", "`x`"):
        assert simple_html(other) is None, other


def test_a_tangled_field_is_still_shown_as_written() -> None:
    # tangled() comes first: a field over its budget is shown as written, also in the subset
    note = ("word **bold** " * 4000).strip()
    assert tangled(note) is not None
    assert markup._render_markdown.__wrapped__(note) == full_path(note)
    assert "<strong>" not in markup.render_markdown(note)
