"""The linter's word lists, read from ``prepguide/data/lint/*.txt`` (one word a line).

Each file starts with a comment saying what its words are for; edit the files, not this module,
to teach the linter a new word (see docs/linter.md, "Word lists").
"""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def load(name: str) -> frozenset[str]:
    """The words of ``data/lint/NAME.txt``, lower case; blank lines and ``#`` comments skipped."""
    path = resources.files("prepguide").joinpath("data", "lint", f"{name}.txt")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


_PERSONAL = load("personal")
_DETERMINERS = load("determiners")
_VERBS = load("verbs")
_DIFFICULTY = load("difficulty")
_IMPORTANCE = load("importance")
_POSSIBILITY = load("possibility")
_COMMONNESS = load("commonness")
_FEELING = load("feeling")
_EVALUATIVE = load("evaluative")
_COMPARATIVES = load("comparatives")
_PREPOSITIONS = load("prepositions")
_BE_ADJECTIVES = (
    _DIFFICULTY | _IMPORTANCE | _POSSIBILITY | _COMMONNESS | _EVALUATIVE | _COMPARATIVES
) | frozenset({"worth", "true", "ok", "okay", "fine", "available", "open", "growing"})
_PREDICATE_STARTERS = (
    load("predicate_starters")
    | (_PREPOSITIONS - {"here", "there"})
    | _EVALUATIVE
    | _DIFFICULTY
    | _IMPORTANCE
)


def _is_verb(word: str) -> bool:
    return word in _VERBS


def _is_be_adjective(word: str) -> bool:
    return word in _BE_ADJECTIVES


def _is_adjective_like(word: str) -> bool:
    return (
        word.endswith(("able", "ible", "ful", "ous", "ive", "less", "ish", "ical"))
        and len(word) > 5
    )


def _is_predicate_start(word: str) -> bool:
    return word in _PREDICATE_STARTERS or word.endswith("est") or word.endswith("ly")


_LOADED = load("loaded")
_LOADED_ADVERBS = load("loaded_adverbs")
_JUDGING_NOUNS = load("judging_nouns")
_REPORTERS = load("reporters")
_CLAIM_JUDGEMENTS = load("claim_judgements")
_WHY_PRESUMING = load("why_presuming")
