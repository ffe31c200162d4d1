"""Case and articles of a headline, role or noun phrase inserted mid-sentence.

:func:`mid_sentence` decides whether a capital only started a line,
:func:`article` / :func:`with_article` choose "a" or "an" by sound, and
:func:`role_phrase` puts a role after "as" or "I'm". :func:`with_article_simple`
keeps the older, simpler rules of the question templates' ``article`` filter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from .phrases import clause, is_acronym

_TITLE_HEADS = {
    "head",
    "director",
    "chief",
    "vice",
    "president",
    "dean",
    "chair",
    "chairperson",
    "provost",
    "founder",
    "co-founder",
    "cofounder",
    "owner",
}
_C_LEVEL = re.compile(r"^C[A-Z]O$")
_SMALL_WORDS = {"of", "and", "for", "the", "in", "at", "on", "to", "&", "a", "an"}


def _title_case(words: list[str]) -> bool:
    """Whether every word but small ones starts with a capital (``Head of Data``)."""
    big = [w for w in words if w.casefold() not in _SMALL_WORDS]
    return bool(big) and all(w[:1].isupper() or not w[:1].isalpha() for w in big)


def mid_sentence(phrase: str) -> str:
    """Write a headline or role as it reads in the middle of a sentence.

    A phrase in sentence case ("Audit manager and CPA") is a common noun
    phrase whose capital only started a line: its first word is lower-cased.
    Acronyms ("CPA", "UX", "MPH") and phrases in title case ("Head of Data",
    "Mayo Clinic", "Senior Data Analyst") are kept as written.

    >>> mid_sentence("Audit manager and CPA exploring public-health data analysis")
    'audit manager and CPA exploring public-health data analysis'
    >>> mid_sentence("High-school chemistry teacher")
    'high-school chemistry teacher'
    >>> mid_sentence("School nurse")
    'school nurse'
    >>> mid_sentence("UX researcher")
    'UX researcher'
    >>> mid_sentence("Head of Data")
    'Head of Data'
    >>> mid_sentence("Mayo Clinic nurse")
    'Mayo Clinic nurse'
    """
    phrase = clause(phrase)
    words = phrase.split()
    if not words:
        return phrase
    first = words[0]
    if is_acronym(first) or not first[:1].isupper():
        return phrase
    if len(words) > 1 and (_title_case(words[:4]) or words[1][:1].isupper()):
        return phrase  # title case, or a proper noun of two words ("Mayo Clinic nurse")
    if len(words) == 1 and first[1:].islower():
        return first[0].lower() + first[1:]
    if not first[1:].replace("-", "").replace("'", "").islower():
        return phrase  # McKinsey, iOS-like words
    return first[0].lower() + first[1:] + phrase[len(first) :]


def is_unique_title(role: str) -> bool:
    """Whether a role is one-of-a-kind and takes no article ("as Head of Data").

    >>> is_unique_title("Head of Data")
    True
    >>> is_unique_title("Chief Financial Officer")
    True
    >>> is_unique_title("CFO")
    True
    >>> is_unique_title("Senior Data Analyst")
    False
    >>> is_unique_title("director of a small lab")
    False
    """
    words = clause(role).split()
    if not words:
        return False
    if len(words) == 1 and _C_LEVEL.match(words[0]):
        return True
    if not _title_case(words):
        return False
    head = words[0].casefold()
    if head == "chief":
        return True
    return head in _TITLE_HEADS and "of" in {w.casefold() for w in words[1:3]}


_DETERMINERS = {
    "a",
    "an",
    "the",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "its",
    "one",
    "someone",
    "somebody",
    "this",
    "that",
    "these",
    "those",
    "some",
    "any",
    "each",
    "every",
    "i",
    "i'm",
}
_AN_LETTERS = set("AEFHILMNORSX")
"""Letters whose name starts with a vowel sound: an MPH, an RN, an FAQ."""


_A_BY_SOUND = ("uni", "use", "usu", "uti", "ure", "uro", "eu", "ewe", "one", "once")
"""Word starts read with a consonant sound: a university, a user, a European, a one-person…"""
_AN_BY_SOUND = ("hour", "honest", "honor", "honour", "heir")
"""Word starts read with a vowel sound: an hour, an honest…"""
_QUOTES = "\"'“‘("


def _by_sound(word: str, a_starts: tuple[str, ...] = _A_BY_SOUND) -> str:
    """ "a" or "an" for a word read as a word (not letter by letter).

    >>> [_by_sound(w) for w in ("hour", "user", "apple", "year")]
    ['an', 'a', 'an', 'a']
    """
    low = word.casefold()
    if low.startswith(a_starts):
        return "a"
    if low.startswith(_AN_BY_SOUND):
        return "an"
    return "an" if low[:1] in "aeiou" else "a"


def article(word: str) -> str:
    """Return "a" or "an" for a word, by how it sounds.

    Acronyms (a word that starts with two capitals) are read letter by letter; a
    name with a capital inside it is read as a word.

    >>> [article(w) for w in ("MPH", "UX", "RN", "hour", "university", "auditor")]
    ['an', 'a', 'an', 'an', 'a', 'an']
    >>> [article(w) for w in ("one-person", "honest", "European", "SQL", "year")]
    ['a', 'an', 'a', 'an', 'a']
    >>> [article(w) for w in ("McKinsey", "MacArthur", "eBay", "FBI", "NGOs")]
    ['a', 'a', 'an', 'an', 'an']
    """
    bare = word.strip(_QUOTES)
    letters = [ch for ch in bare if ch.isalpha()]
    spelled = len(letters) > 1 and letters[0].isupper() and letters[1].isupper()
    if spelled or (len(bare) == 1 and bare.isupper()):
        return "an" if bare[0].upper() in _AN_LETTERS else "a"
    return _by_sound(bare)


def _put_article(phrase: str, determiners: set[str], choose: Callable[[str], str]) -> str:
    """``phrase`` with ``choose(first word)`` before it, unless it starts with a
    determiner or a digit.
    >>> _put_article("ICU nurse", {"the"}, article), _put_article("the ICU", {"the"}, article)
    ('an ICU nurse', 'the ICU')
    """
    if not phrase:
        return phrase
    bare = phrase.split()[0].strip(_QUOTES)
    if bare.casefold() in determiners or bare[:1].isdigit():
        return phrase
    return f"{choose(bare)} {phrase}"


def with_article(phrase: str) -> str:
    """Put "a" or "an" before a noun phrase, unless it has a determiner already.

    >>> with_article("ICU nurse exploring UX research")
    'an ICU nurse exploring UX research'
    >>> with_article("UX researcher")
    'a UX researcher'
    >>> with_article("the head nurse")
    'the head nurse'
    >>> with_article("2nd-year student")
    '2nd-year student'
    """
    return _put_article(clause(phrase), _DETERMINERS, article)


_SIMPLE_DETERMINERS = _DETERMINERS - {"its", "these", "those", "some", "any", "each", "every"}
_SIMPLE_A_BY_SOUND = tuple(start for start in _A_BY_SOUND if start not in ("uro", "ewe"))


def _simple_article(word: str) -> str:
    """:func:`article` with the simpler rules of :func:`with_article_simple`.

    >>> [_simple_article(w) for w in ("NGOs", "MPH", "urologist")]
    ['a', 'an', 'an']
    """
    if len(word) > 1 and word.isupper():
        return "an" if word[0] in _AN_LETTERS else "a"
    return _by_sound(word, _SIMPLE_A_BY_SOUND)


def with_article_simple(phrase: str) -> str:
    """:func:`with_article` with the simpler rules of the question templates' ``article``
    filter (docs/prep.md), which common ground's sentences use too.

    Kept as they are so that question banks written against them read the same.
    The differences: a final "?" is kept; only a word all in capitals is read
    letter by letter ("a NGOs office", "a X-ray"); "its", "these", "those",
    "some", "any", "each" and "every" are not taken for determiners; "uro-" and
    "ewe" words take "an".

    >>> with_article_simple("ICU nurse exploring UX research")
    'an ICU nurse exploring UX research'
    >>> with_article_simple("NGOs office"), with_article("NGOs office")
    ('a NGOs office', 'an NGOs office')
    >>> with_article_simple("some analysts"), with_article("some analysts")
    ('a some analysts', 'some analysts')
    >>> with_article_simple("urologist?"), with_article("urologist?")
    ('an urologist?', 'a urologist')
    """
    return _put_article(clause(phrase, keep_question=True), _SIMPLE_DETERMINERS, _simple_article)


@functools.lru_cache(maxsize=4096)  # a function of the text: the same roles recur on every page
def role_phrase(role: str) -> str:
    """A role or headline as it follows "as" or "I'm" mid-sentence.

    Lower-cased as :func:`mid_sentence` says, with "a"/"an" by sound, and no
    article for a unique title. A role with a comma keeps its first part.

    >>> role_phrase("Audit manager and CPA exploring public-health data analysis")
    'an audit manager and CPA exploring public-health data analysis'
    >>> role_phrase("Head of Data")
    'Head of Data'
    >>> role_phrase("MPH candidate and data fellow")
    'an MPH candidate and data fellow'
    >>> role_phrase("Senior Data Analyst, Population Health")
    'a Senior Data Analyst'
    >>> role_phrase("School nurse")
    'a school nurse'
    """
    text = clause(role.split(",")[0])
    if not text:
        return text
    if is_unique_title(text):
        return text
    return with_article(mid_sentence(text))
