"""Matching keys: folded text, organization names, word stems, the two sides of a move.

Names are compared by equality of their keys (case, accents, punctuation and
company suffixes folded); career changes by the stems of their words.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from ...text import clause


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold text for comparison: no accents, case folded, punctuation as spaces.

    Arguments:
        text: Any text.

    Returns:
        Words separated by single spaces, e.g. ``"Zoë's  Café!"`` -> ``"zoes cafe"``.

    >>> fold("Zoë's  Café!")
    'zoes cafe'
    """
    if text.isascii():
        # The same steps for ASCII: NFKD leaves it as it is, it has no
        # combining marks, it folds to lower case, and its word characters
        # are then [a-z0-9_] (the underscore becoming a space too).
        folded = text.encode("ascii").translate(_ASCII_FOLD, b"'`").decode("ascii")
        return " ".join(folded.split())
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(itertools.filterfalse(unicodedata.combining, folded)).casefold()
    folded = _APOSTROPHES.sub("", folded)
    return " ".join(_NOT_WORD.sub(" ", folded).split())


_APOSTROPHES = re.compile(r"['’`]")
_NOT_WORD = re.compile(r"[^\w]+|_")
_ASCII_FOLD = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 48 <= byte <= 57 or 97 <= byte <= 122 else 32
    for byte in range(256)
)
"""Per byte: A-Z to lower case, a-z and 0-9 kept, anything else a space."""


_COMPANY_SUFFIXES = {
    "inc",
    "incorporated",
    "llc",
    "llp",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "bv",
    "nv",
    "pty",
    "lp",
}


@functools.lru_cache(maxsize=4096)
def organization_key(name: str) -> str:
    """Normalize an organization's name for matching.

    Case, accents and punctuation are folded, a leading "the" and trailing
    legal suffixes (Inc, LLC, Ltd, Corp, GmbH…) are removed, and "&" counts as
    "and".

    Arguments:
        name: An organization's name as written.

    Returns:
        The key, e.g. ``"The Acme Company, Inc."`` -> ``"acme"``.

    >>> organization_key("The Acme Company, Inc.")
    'acme'
    """
    words = fold(name.replace("&", " and ")).split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


_STOPWORDS = {
    "a",
    "an",
    "the",
    "to",
    "from",
    "into",
    "in",
    "of",
    "and",
    "or",
    "for",
    "on",
    "at",
    "with",
    "by",
    "my",
    "your",
    "move",
    "moving",
    "exploring",
    "explore",
    "career",
    "careers",
    "change",
    "changing",
    "work",
    "working",
    "job",
    "jobs",
    "role",
    "roles",
    "new",
    "after",
    "years",
    "year",
    "how",
    "what",
    "who",
    "that",
    "this",
    "their",
    "them",
    "look",
    "like",
    "first",
    "two",
    "actually",
    "now",
    "then",
    "i",
    "im",
}


def _stem(word: str) -> str:
    """A crude stem: one common suffix off, if three letters are left.

    >>> [_stem(w) for w in ("nursing", "analysts", "teacher", "data")]
    ['nurs', 'analyst', 'teach', 'data']
    """
    for suffix in ("ists", "ist", "ians", "ian", "ings", "ing", "ers", "er", "es", "s", "e", "y"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def stems(text: str) -> set[str]:
    """Return the content-word stems of a text (for comparing career changes).

    Arguments:
        text: Any text.

    Returns:
        A set of crude stems: ``"ICU nursing"`` -> ``{"icu", "nurs"}``.

    >>> sorted(stems("ICU nursing"))
    ['icu', 'nurs']
    """
    return set(_stems(text))


@functools.lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    """:func:`stems`, kept (function words and one-letter words left out).

    >>> sorted(_stems("moving into UX research"))
    ['research', 'ux']
    """
    return frozenset(_stem(w) for w in fold(text).split() if w not in _STOPWORDS and len(w) > 1)


_TRANSITION_SPLIT = re.compile(r"\s*(?:\s(?:to|into)\s|→|->|=>|—>)\s*", re.IGNORECASE)


def split_transition(text: str) -> tuple[str, str] | None:
    """Split a career change such as ``"nursing to UX research"`` into its two sides.

    Understands "X to Y", "from X to Y", "X into Y", "X → Y" and "X -> Y".

    Arguments:
        text: The ``background.transition`` text.

    Returns:
        ``(from, to)`` without surrounding punctuation, or ``None`` when the
        text names no destination.

    >>> split_transition("From nursing to UX research.")
    ('nursing', 'UX research')
    >>> split_transition("a career change") is None
    True
    """
    body = clause(text, keep_question=True)
    body = re.sub(r"^(?:moved\s+|moving\s+|switched\s+)?from\s+", "", body, flags=re.IGNORECASE)
    parts = _TRANSITION_SPLIT.split(body, maxsplit=1)
    if len(parts) != 2:
        return None
    source, target = clause(parts[0], keep_question=True), clause(parts[1], keep_question=True)
    if not source or not target:
        return None
    return source, target
