"""Markdown notes as plain sentences: for drafts, intros and question templates."""

from __future__ import annotations

import functools
import re

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(\*\*|__|\*|_|`|~~)(?=\S)(.+?)(?<=\S)\1")


def strip_markdown(text: str) -> str:
    """Turn a little Markdown into plain text on one line.

    Links keep their text, emphasis and code marks are removed, as are
    heading, quote and list markers. Lines are joined with single spaces.

    >>> strip_markdown("## Talk\\n- See [her post](https://x.example) on **budgets**")
    'Talk See her post on budgets'
    """
    text = _MD_LINK.sub(r"\1", text)
    for _ in range(3):
        text = _MD_MARKS.sub(r"\2", text)
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", "", line)
        lines.append(line.strip())
    return " ".join(" ".join(lines).split())


def note_items(markdown: str) -> list[str]:
    """The first sentence of each bullet (or paragraph) of Markdown notes, as plain text.

    >>> note_items("- First point, with **emphasis**. More.\\n- Second")
    ['First point, with emphasis.', 'Second']
    """
    return list(_note_items(markdown))


@functools.lru_cache(maxsize=4096)
def _note_items(markdown: str) -> tuple[str, ...]:
    """:func:`note_items`, kept for each text (the warnings, the intro and the thank-you
    note read the same notes).

    >>> _note_items("Met at the fair. She runs the lab.")
    ('Met at the fair.',)
    """
    blocks: list[list[str]] = []
    for line in markdown.splitlines():
        if re.match(r"^\s{0,3}([-*+]|\d+[.)])\s+", line) or not line.strip():
            blocks.append([])
        if line.strip():
            if not blocks:
                blocks.append([])
            blocks[-1].append(line)
    items = []
    for block in blocks:
        plain = strip_markdown("\n".join(block))
        if plain:
            items.append(first_sentence(plain))
    return tuple(items)


def first_item(markdown: str) -> str | None:
    """Return the first bullet, or else the first sentence, of a Markdown text.

    ``None`` when the text is empty.

    >>> first_item("Met at the *fair*. She runs the lab.")
    'Met at the fair.'
    >>> first_item("") is None
    True
    """
    return next(iter(note_items(markdown)), None)


def first_sentence(text: str) -> str:
    """Return the first sentence of plain text (the whole text if it has one).

    With its final punctuation.

    >>> first_sentence("Met at the fair. She runs the lab.")
    'Met at the fair.'
    """
    match = re.search(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“‘(])", text)
    return text[: match.start()].strip() if match else text.strip()
