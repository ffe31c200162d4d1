"""Near-duplicate questions: intents, content words and the test of closeness."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ..common_ground import fold

# ---------------------------------------------------------------------------
# Near-duplicates (docs/prep.md, "No two questions ask the same thing")
#
# Two questions are near-duplicates when they share an intent or most of their
# content words. A bank entry's intent is its ``group``; a question you wrote
# (or a goal) gets one when it matches one of the patterns below. Content
# words are the folded words less function words and the names of the contact
# and the organization, each cut to a crude stem; two questions are close when
# they share at least two stems and those are at least 60% of the shorter one's.


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


SIMILARITY = 0.6
"""The share of the shorter question's content stems two near-duplicates have in common."""

_INTENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "origin",
        re.compile(
            r"\bhow did you (get|make|move|come|find|end up|become|start|break|land|switch)\b"
            r"|\bwhat (first )?(led|brought|drew|made) you\b|\bturning point\b"
        ),
    ),
    (
        "typical-week",
        re.compile(
            r"\b(typical|usual|normal|average) (week|day|month)\b|\bweek to week\b"
            r"|\bday to day\b|\bone week to the next\b|\bfirst hour\b"
        ),
    ),
    (
        "feasibility",
        re.compile(
            r"\brealistic (first )?(step|timeline|plan|path)\b|\btimeline\b|\bfirst step\b"
            r"|\bfeasib|\bhow long (would|might|will) (it|this|the move)\b|\bin my (position|place)\b"
        ),
    ),
)
_FUNCTION_WORDS = _wordset(
    """
    a an the and or but nor of to in on at for from with by about as into over under than then so
    that this these those there here their theirs they them you your yours yourself i me my mine
    we our us he she his her hers him it its is are was were be been being am do does did done
    have has had having can could would should will shall may might must what how which who whom
    whose where when why whether if not no more most very much many some any all each every just
    also still really actually one ones like else today now way
    """
)


@functools.lru_cache(maxsize=16384)  # a function of the word: the same words recur in every text
def _stem(word: str) -> str:
    """A crude stem: "hiring", "hires", "hired" -> "hir"; "projects" -> "project".

    >>> _stem("hiring"), _stem("projects")
    ('hir', 'project')
    """
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "e", "y"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_words(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """The content stems of a question (function words and ``ignore`` left out).

    "What does a typical week look like for you?" -> {"typical", "week", "look"}.

    >>> sorted(content_words("What does a typical week look like for you?"))
    ['look', 'typical', 'week']
    >>> sorted(content_words("How did Ada start?", frozenset({"ada"})))
    ['start']
    """
    words, stems = _content_sets(text)
    if ignore.isdisjoint(words):
        # Nothing to leave out: the stems of every content word, worked out once per text
        # (tests/test_text_fast.py holds this to the full path).
        return stems
    return _content_words_ignoring(text, ignore)


@functools.lru_cache(maxsize=16384)
def _content_words_ignoring(text: str, ignore: frozenset[str]) -> frozenset[str]:
    """:func:`_content_words_full`, kept for each text and set of names (a contact's
    questions name the contact and the organization on every call for that contact).

    >>> sorted(_content_words_ignoring("How did Ada start?", frozenset({"ada"})))
    ['start']
    """
    return _content_words_full(text, ignore)


def _content_words_full(text: str, ignore: frozenset[str]) -> frozenset[str]:
    """:func:`content_words` by its definition, word by word.

    >>> sorted(_content_words_full("How did Ada start?", frozenset({"ada"})))
    ['start']
    """
    return frozenset(stem for word, stem in _content_pairs(text) if word not in ignore)


@functools.lru_cache(maxsize=16384)
def _content_sets(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A text's content words and their stems (the same bank texts recur on every page).

    >>> [sorted(part) for part in _content_sets("Which projects hire?")]
    [['hire', 'projects'], ['hir', 'project']]
    """
    pairs = _content_pairs(text)
    return frozenset(word for word, _ in pairs), frozenset(stem for _, stem in pairs)


@functools.lru_cache(maxsize=16384)
def _content_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """Each content word of ``text`` with its stem (the same bank texts recur on every page).

    >>> _content_pairs("What projects?")
    (('projects', 'project'),)
    """
    return tuple(
        (word, _stem(word))
        for word in fold(text).split()
        if len(word) > 1 and word not in _FUNCTION_WORDS
    )


@functools.lru_cache(maxsize=4096)
def question_intent(text: str) -> str | None:
    """The intent of a free-text question: ``origin``, ``typical-week``, ``feasibility`` or None.

    >>> question_intent("How did you get into UX research?")
    'origin'
    >>> question_intent("What do you read?") is None
    True
    """
    folded = fold(text)
    for intent, pattern in _INTENT_PATTERNS:
        if pattern.search(folded):
            return intent
    return None


def near_duplicates(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two questions' content stems make them near-duplicates (see :data:`SIMILARITY`).

    >>> near_duplicates(
    ...     content_words("What does a typical week look like?"),
    ...     content_words("What does your typical week look like?"),
    ... )
    True
    """
    if not a or not b:
        return False
    shared = len(a & b)
    return shared >= 2 and shared >= SIMILARITY * min(len(a), len(b))


class _Taken:
    """The questions a list already holds, for the near-duplicate test.

    Besides each question's content stems (:attr:`words`, in order), an index
    from each stem to the questions that have it (a bit per question), so that
    :meth:`clashes` compares a text only with the questions that share at least
    two of its stems: the others cannot be near-duplicates (:func:`near_duplicates`
    asks for two). tests/test_tailor_speed.py holds it to the loop over every held question.

    >>> taken = _Taken.of(frozenset(), ["What does a typical day look like?"])
    >>> taken.clashes("Which skills matter most?", None)
    False
    >>> taken.clashes("How does your typical day look?", "other")
    True
    """

    def __init__(self, ignore: frozenset[str]) -> None:
        self.ignore = ignore
        self.groups: set[str] = set()
        self.words: list[frozenset[str]] = []
        self._index: dict[str, int] = {}
        """Each stem's questions: bit ``i`` for ``words[i]``."""

    @classmethod
    def of(cls, ignore: frozenset[str], texts: Iterable[str]) -> _Taken:
        """A list holding ``texts`` (questions without a ``group``), in order."""
        taken = cls(ignore)
        for text in texts:
            taken.add(text, None)
        return taken

    def clashes(self, text: str, group: str | None) -> bool:
        group = group or question_intent(text)
        if group is not None and group in self.groups:
            return True
        words = content_words(text, self.ignore)
        # The questions that share at least two stems with ``text`` (``twice``), from the
        # index; only those can be near-duplicates (it runs some 50,000 times at 1,000
        # contacts).
        once = twice = 0
        index = self._index
        for word in words:
            have = index.get(word)
            if have:
                twice |= once & have
                once |= have
        if not twice:
            return False
        size = len(words)
        held = self.words
        while twice:
            bit = twice & -twice
            other = held[bit.bit_length() - 1]
            # shared >= 2 already: near_duplicates' other test.
            if len(words & other) >= SIMILARITY * min(size, len(other)):
                return True
            twice ^= bit
        return False

    def add(self, text: str, group: str | None) -> None:
        group = group or question_intent(text)
        if group is not None:
            self.groups.add(group)
        words = content_words(text, self.ignore)
        bit = 1 << len(self.words)
        index = self._index
        for word in words:
            index[word] = index.get(word, 0) | bit
        self.words.append(words)
