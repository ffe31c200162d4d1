"""A fragment as alternating words and gaps, and verb agreement after a subject.

The steps :mod:`prepguide.text.person` converts a fragment with: it changes
words in place (a ``change`` map from token index to the new word) and joins
the tokens again, so the spaces and punctuation between words are kept.
"""

from __future__ import annotations

import re

from .verbs import ADVERBS, agree_plural, match_case, third_singular

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def norm(word: str) -> str:
    """A word for comparison: straight apostrophe, case folded.

    >>> norm("Don’t")
    "don't"
    """
    return word.replace("’", "'").casefold()


def tokens_of(text: str) -> list[str]:
    """Words and the text between them, alternating (``re.split`` with a group).

    >>> tokens_of("Ask her, then")
    ['', 'Ask', ' ', 'her', ', ', 'then', '']
    """
    return re.split(r"([A-Za-z][A-Za-z'’-]*)", text)


def is_word(token: str) -> bool:
    return bool(token) and WORD.fullmatch(token) is not None


def next_word(tokens: list[str], index: int) -> tuple[int | None, bool]:
    """The index of the next word and whether only spaces separate them."""
    for j in range(index + 1, len(tokens)):
        if is_word(tokens[j]):
            between = "".join(tokens[index + 1 : j])
            return j, between.strip() == ""
    return None, False


def previous_word(tokens: list[str], index: int) -> tuple[int | None, bool]:
    for j in range(index - 1, -1, -1):
        if is_word(tokens[j]):
            between = "".join(tokens[j + 1 : index])
            return j, between.strip() == ""
    return None, False


def agree_after(tokens: list[str], index: int, change: dict[int, str], form: str) -> None:
    """Make the verb after the subject at ``index`` agree (``form``: plural, first, third)."""
    j, adjacent = next_word(tokens, index)
    while j is not None and adjacent and norm(tokens[j]) in ADVERBS:
        j, adjacent = next_word(tokens, j)
    if j is None or not adjacent:
        return
    word = tokens[j]
    if form == "plural":
        new = agree_plural(word)
    elif form == "first":
        low = norm(word)
        new = {"is": "am", "are": "am", "was": "was", "were": "was"}.get(low) or agree_plural(word)
        new = match_case(new, word)
    else:
        new = third_singular(word)
    if new != word:
        change[j] = new


_AFTER_VERB = {
    "the",
    "a",
    "an",
    "that",
    "it",
    "this",
    "his",
    "her",
    "their",
    "my",
    "me",
    "us",
    "them",
    "to",
    "about",
    "how",
    "what",
    "whether",
    "if",
    "so",
}
_OTHER_SUBJECTS = {"i", "we", "it", "he", "she", "they", "you", "there", "who", "which", "that"}


def agree_coordinated(tokens: list[str], index: int, change: dict[int, str]) -> None:
    """After a subject made "you": "… and thinks Rosa would …" -> "… and think Rosa would …".

    Only a word after "and"/"but"/"or" whose next word starts an object or a
    clause (a determiner, a pronoun, a name) is taken for a verb.
    """
    j, _ = next_word(tokens, index)
    while j is not None:
        between = "".join(tokens[index + 1 : j]) if j > index + 1 else ""
        if any(ch in between for ch in ".;:!?"):
            return
        low = norm(tokens[j])
        if low in _OTHER_SUBJECTS and j != index:
            return
        if low in ("and", "but", "or"):
            k, adjacent = next_word(tokens, j)
            if k is not None and adjacent:
                after, after_adjacent = next_word(tokens, k)
                word = tokens[k]
                plural = agree_plural(word)
                follows = (
                    after is not None
                    and after_adjacent
                    and (norm(tokens[after]) in _AFTER_VERB or tokens[after][:1].isupper())
                )
                if plural != word and follows:
                    change[k] = plural
        index, (j, _) = j, next_word(tokens, j)


def set_case(new: str, old: str) -> str:
    """``new`` with a capital when ``old`` had one ("I" is always a capital).

    >>> set_case("you", "She"), set_case("I", "Me")
    ('You', 'I')
    """
    if old[:1].isupper() and new != "I":
        return new[0].upper() + new[1:]
    return new
