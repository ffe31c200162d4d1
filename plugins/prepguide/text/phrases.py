"""Sentences, lists and goals: the glue of every generated text.

:func:`clause` and :func:`sentence` embed and finish phrases, :func:`join_words`
lists them, :func:`lower_first` puts a phrase mid-sentence, and
:func:`goal_clause` / :func:`headline_verb` read a goal or a headline.
"""

from __future__ import annotations

from collections.abc import Iterable

# ---------------------------------------------------------------------------
# Dates in words


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, January first: ``MONTHS[day.month - 1]`` for 2026-11-20 is ``"November"``."""


# ---------------------------------------------------------------------------
# Clauses and sentences


def clause(text: str, *, keep_question: bool = False) -> str:
    """Strip a phrase of surrounding space and final punctuation.

    With ``keep_question`` a final "?" stays (the question templates' ``clause``
    filter, docs/prep.md, and common ground's sentences): only ".;:!," and
    spaces go.

    >>> clause("  Understand how the lab works. ")
    'Understand how the lab works'
    >>> clause("Is it hard?")
    'Is it hard'
    >>> clause("Is it hard?", keep_question=True)
    'Is it hard?'
    >>> clause("Is it hard?!", keep_question=True)
    'Is it hard?'
    """
    return " ".join(text.split()).rstrip(" .;:!," if keep_question else " .;:!?,")


def sentence(*parts: str) -> str:
    """Join phrases into one sentence: first letter upper case, one full stop.

    Empty parts are skipped.

    >>> sentence("you studied accounting", "", "two years before me.")
    'You studied accounting two years before me.'
    >>> sentence("")
    ''
    """
    text = " ".join(clause(p) for p in parts if clause(p))
    if not text:
        return ""
    return text[0].upper() + text[1:] + "."


def join_words(items: Iterable[str], *, keep_empty: bool = False) -> str:
    """Join phrases as English prose: "a", "a and b", "a, b and c".

    Empty phrases are skipped, unless ``keep_empty`` (common ground's list of
    interests, which joins every item it found).

    >>> join_words(["SQL"])
    'SQL'
    >>> join_words(["rowing", "data visualization", "open data"])
    'rowing, data visualization and open data'
    >>> join_words(["rowing", "", "open data"])
    'rowing and open data'
    >>> join_words(["rowing", "", "open data"], keep_empty=True)
    'rowing,  and open data'
    """
    items = list(items) if keep_empty else [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def is_acronym(word: str) -> bool:
    """Whether a word has more than one capital letter ("ICU", "NGOs", "McKinsey").

    >>> [is_acronym(w) for w in ("ICU", "NGOs", "McKinsey", "Nurse", "A")]
    [True, True, True, False, False]
    """
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and sum(ch.isupper() for ch in letters) > 1


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or name-like.

    Text that starts with anything but a letter (or is only space) is kept.

    >>> lower_first("Understand how the lab works")
    'understand how the lab works'
    >>> lower_first("ICU nursing")
    'ICU nursing'
    >>> lower_first("McKinsey alumni")
    'McKinsey alumni'
    >>> lower_first("   ")
    '   '
    """
    if not text.split() or not text[:1].isalpha():
        return text
    word = text.split()[0]
    if len(word) > 1 and (is_acronym(word) or not word[1:].islower()):
        return text
    return text[0].lower() + text[1:]


# ---------------------------------------------------------------------------
# Headlines and goals


def headline_verb(headline: str) -> str | None:
    """The "-ing" verb a headline uses to say what you are doing, if any.

    >>> headline_verb("Audit manager and CPA exploring public-health data analysis")
    'exploring'
    >>> headline_verb("ICU nurse moving into UX research")
    'moving'
    >>> headline_verb("Nursing lecturer") is None
    True
    """
    words = clause(headline).split()
    for word in words[1:]:
        low = word.casefold()
        if low.endswith("ing") and len(low) > 5 and low not in _ING_NOUNS:
            return low
    return None


_ING_NOUNS = {"nursing", "engineering", "accounting", "marketing", "banking", "training"}

_GOAL_VERBS = (
    "find out",
    "figure out",
    "work out",
    "learn",
    "hear",
    "understand",
    "ask",
    "know",
    "discover",
    "see",
    "explore",
    "check",
    "get a sense of",
    "get a feel for",
)
_QUESTION_WORDS = {"how", "what", "why", "where", "when", "who", "which", "whether", "if"}


def goal_clause(goal: str) -> tuple[str, str]:
    """Split a goal into its verb and what it is about.

    Returns ``(verb, rest)``; ``verb`` is empty when the goal does not start
    with one of the usual verbs ("Learn", "Hear", "Understand", "Ask"…).

    >>> goal_clause("Hear how he combined finance and data work")
    ('hear', 'how he combined finance and data work')
    >>> goal_clause("Find out whether a master's degree is necessary")
    ('find out', "whether a master's degree is necessary")
    >>> goal_clause("The two-year term role")
    ('', 'The two-year term role')
    """
    text = clause(goal)
    low = text.casefold()
    for verb in _GOAL_VERBS:
        if low.startswith(verb + " "):
            return verb, text[len(verb) + 1 :].strip()
    return "", text


def is_question_clause(text: str) -> bool:
    """Whether a phrase is an embedded question ("how you …", "whether …").

    >>> is_question_clause("whether a degree is needed")
    True
    >>> is_question_clause("the public-sector pay scale")
    False
    """
    words = text.split()
    return bool(words) and words[0].casefold() in _QUESTION_WORDS
