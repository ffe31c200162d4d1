"""Ids folded from names: ``"Łukasz Żółć"`` -> ``lukasz-zolc``, ``"王小明"`` -> ``wang-xiao-ming``.

An id becomes a file name (``contacts/<id>.yml``) and a URL for good, so it
keeps every letter of the name (docs/usage.md, "Files"):

- every letter and digit, of any script, is transliterated to ASCII with
  `anyascii <https://pypi.org/project/anyascii/>`_ (ISC licence):
  ``Ø`` -> ``o``, ``ı`` -> ``i``, ``Þ`` -> ``th``, ``ß`` -> ``ss``,
  Cyrillic, Greek, Arabic, Devanagari… are romanized; each Chinese character
  and each Hangul syllable is a word of its own (``wang-xiao-ming``,
  ``gim-min-jun``);
- apostrophes vanish (``O'Neil`` -> ``oneil``); any other punctuation,
  symbol, emoji or space separates words;
- the words are lowercased and joined by single hyphens;
- an id is at most :data:`MAX_ID_LENGTH` characters, cut at a word boundary
  (a single longer word is cut at the limit), so that a file name never
  exceeds what a file system allows.

A name of only symbols or emoji folds to nothing; :func:`free_id` then gives
a fallback id (``contact``, ``contact-2``…). This module imports nothing from
prepguide, so the model can import :func:`slugify` from it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container

from anyascii import anyascii

MAX_ID_LENGTH = 60
"""The longest id :func:`slugify` makes (docs/usage.md, "Files")."""

_APOSTROPHES = frozenset("'’‘`´ʹʻʼʽˈ′")
"""Marks that join the parts of one word: ``O'Neil``, ``D’Angelo``, ``Hawaiʻi``."""

_NOT_ID = re.compile(r"[^a-z0-9]+")
_NOT_LETTERS = re.compile(r"[^A-Za-z0-9 ]+")


def _own_word(char: str) -> bool:
    """Whether ``char`` reads as a syllable of its own (Han ideographs, Hangul syllables).

    >>> _own_word("王"), _own_word("민"), _own_word("a")
    (True, True, False)
    """
    code = ord(char)
    return (
        0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0x20000 <= code <= 0x3FFFF  # CJK extensions B and later
        or 0xAC00 <= code <= 0xD7A3  # Hangul syllables
    )


def _ascii(char: str) -> str:
    """One character of a name as ASCII: its transliteration, ``''`` or a separator.

    >>> [_ascii(char) for char in "Ø'-王ь"]
    ['O', '', ' ', ' Wang ', '']
    """
    if char in _APOSTROPHES:
        return ""
    category = unicodedata.category(char)
    if category[0] not in "LNM":  # punctuation, symbols, emoji, spaces: between words
        return " "
    # A transliteration mark (Cyrillic ь -> "'", Arabic ع -> "`") joins like an apostrophe.
    text = _NOT_LETTERS.sub("", anyascii(char))
    return f" {text} " if _own_word(char) else text


def slugify(text: str, max_length: int = MAX_ID_LENGTH) -> str:
    """Fold a name to an id: ``"Zoë Núñez"`` -> ``zoe-nunez``, ``"O'Neil"`` -> ``oneil``.

    Returns ``""`` when the name has no letter or digit (only symbols or emoji).

    >>> slugify("Łukasz Żółć"), slugify("王小明"), slugify("O'Neil"), slugify("🎉")
    ('lukasz-zolc', 'wang-xiao-ming', 'oneil', '')
    >>> slugify("María de los Ángeles", max_length=12)
    'maria-de-los'

    Arguments:
        text: The name.
        max_length: The longest id; longer ones are cut at a word boundary.
    """
    normalized = unicodedata.normalize("NFC", text)
    folded = "".join(_ascii(char) for char in normalized).lower()
    slug = _NOT_ID.sub("-", folded).strip("-")
    return bound(slug, max_length)


def bound(slug: str, max_length: int = MAX_ID_LENGTH) -> str:
    """Cut an id to ``max_length`` characters at a word boundary (a hyphen) when it can.

    >>> bound("maria-de-los-angeles", 12), bound("abcdefghijklmnop", 10), bound("ana-lima")
    ('maria-de-los', 'abcdefghij', 'ana-lima')
    """
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    if cut.endswith("-"):
        return cut[:-1]
    head, sep, _tail = cut.rpartition("-")
    return head if sep and head else slug[:max_length].rstrip("-")


def numbered(ident: str, number: int, max_length: int = MAX_ID_LENGTH) -> str:
    """``ana-lima``, 2 -> ``ana-lima-2``, still at most ``max_length`` characters.

    >>> numbered("ana-lima", 2), numbered("maria-de-los-angeles", 3, max_length=14)
    ('ana-lima-2', 'maria-de-los-3')
    """
    suffix = f"-{number}"
    return bound(ident, max_length - len(suffix)) + suffix


def free_id(
    ident: str,
    taken: Container[str] | Callable[[str], bool],
    *,
    fallback: str,
    max_length: int = MAX_ID_LENGTH,
) -> str:
    """The first of ``ident``, ``ident-2``, ``ident-3``… that is not taken.

    Arguments:
        ident: The id folded from the name, possibly ``""``.
        taken: The ids in use (a container, or a function that says whether one is).
        fallback: The id to start from when ``ident`` is empty (``contact``).
        max_length: The longest id.

    >>> free_id("ana-lima", {"ana-lima", "ana-lima-2"}, fallback="contact")
    'ana-lima-3'
    >>> free_id("", {"contact"}.__contains__, fallback="contact")
    'contact-2'
    """
    is_taken = taken if callable(taken) else taken.__contains__
    base = ident or fallback
    if not is_taken(base):
        return base
    number = 2
    while is_taken(numbered(base, number, max_length)):
        number += 1
    return numbered(base, number, max_length)
