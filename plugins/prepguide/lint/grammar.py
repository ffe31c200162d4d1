"""Grammar checks on a rewrite (docs/linter.md, "Rewrites"): shapes known to be ungrammatical.

A template builds a rewrite from the question's own words; a few word orders it can produce do
not read as English ("What to relocate, if any, …", "…whether burnout inevitable is…"). These
checks find them, so :mod:`.safety` can refuse the rewrite and say what to change instead.
"""

from __future__ import annotations

import re

from .patterns import _I
from .phrases import _lw
from .words import (
    _CLAIM_JUDGEMENTS,
    _COMMONNESS,
    _DETERMINERS,
    _DIFFICULTY,
    _EVALUATIVE,
    _FEELING,
    _IMPORTANCE,
    _LOADED,
    _POSSIBILITY,
    _PREPOSITIONS,
    _VERBS,
)

_BAD_SHAPES = (
    # "Who else at the organisation I should contact?": no inversion after the wh-word.
    re.compile(
        r"^(?:who|what|where|which)\s+(?:else\s+)?(?!(?:else|do|does|did|is|are|was|were|can|could|"
        r"would|should|will|has|have|had|might|must)\b)(?:[\w'-]+\s+){0,5}?(?:i|you|we|they)\s+"
        r"(?:should|could|would|can|might|must|will)\b",
        _I,
    ),
    # "What is everyone says teaching like?": a reporting verb inside the subject.
    re.compile(r"^what\s+(?:is|are|was|were)\s+(?:[\w'-]+\s+){1,3}(?:says|tell|tells|keep)\b", _I),
    # "…heavier in is the winter": a verb straight after a preposition.
    re.compile(r"\b(?:in|at|on|of|for|with|to|about)\s+(?:is|are|was|were)\s+the\b", _I),
    re.compile(
        r"\bbeing\s+(?:right|wrong|correct)\s+to\b|\bhow\s+likely\s+is\s+it\s+that\s+it\b", _I
    ),
    re.compile(r"\b(\w+)\s+\1\b", _I),
    re.compile(r"\babout\s+(?:that|this|it)\s+(?:true|right|fair|accurate)\b", _I),
    # "…whether moving was to industry an advantage": a verb before a prepositional phrase.
    re.compile(
        r"\b(?:is|are|was|were)\s+(?:to|in|at|on|of|into|from)\s+[\w-]+\s+(?:an?|the)\b", _I
    ),
    re.compile(r"\bwhether\s+(?:i|we)\s+(?:always\s+|keep\s+)?(?:hear|say)\b", _I),
    # "What to relocate, if any, …": an infinitive right after the wh-word.
    re.compile(r"^(?:what|which|who|how|where|why)(?:\s+[\w'-]+)?\s+to\s+\w+\s*,", _I),
    re.compile(r"^(?:what|which|who|where|why)\s+to\b", _I),
    # "What is the pay like than in teaching?", "compare with in teaching".
    re.compile(r"\blike\s+than\b|\bwith\s+(?:in|at|on|for|during)\b", _I),
    # "with working with", "about whether given that…", "whether SQL used is".
    re.compile(r"\bwith\s+\w+ing\s+with\b", _I),
    re.compile(r"\bwhether\s+(?:given|when|since|if|because|as|while|so|and|but)\b", _I),
    re.compile(r"\bwhether\s+\S+\s+\w+ed\s+(?:is|are|was|were)\b", _I),
    re.compile(r"\bwhether\s+to\s+(?:even\s+)?bother\??$", _I),
    # "…whether it is because they burn out?": the suggested cause kept.
    re.compile(r"\bwhether\s+(?:it|that)\s+(?:is|was)\s+(?:just\s+)?(?:because|that|due)\b", _I),
    # Cut off: a sentence that ends on a determiner or conjunction (a stranded preposition,
    # "Who should I talk to?", is fine).
    re.compile(
        r"\b(?:the|a|an|than|and|or|against|your|my|their|whether)\?$",
        _I,
    ),
    # "…whether a coding bootcamp worth is the money": a verb after "worth".
    re.compile(r"\bworth\s+(?:is|are|was|were)\b", _I),
    # "What is it like?" alone: what they asked about is lost.
    re.compile(r"^what\s+(?:is|was)\s+(?:it|that)\s+like\?$", _I),
    # "…whether your team funded is mainly by grants": a participle before the verb (but "the
    # job you wanted is…", a relative clause, is fine).
    re.compile(
        r"\bwhether\s+(?:[\w'-]+\s+){1,4}?(?<!\byou\s)(?<!\bthey\s)(?<!\bwe\s)(?<!\bi\s)"
        r"(?<!\bhe\s)(?<!\bshe\s)[\w-]+(?:ed|en)\s+(?:is|are|was|were)\b",
        _I,
    ),
    # "How does your work compare with it was in retail?": a clause after "compare with".
    re.compile(
        r"\bcompare\s+with\s+(?:(?:it|they|you|he|she|we|i|there|that)\s+(?:is|are|was|were|"
        r"do|does|did|has|have|had|would|will|can|could)\b|(?:as|when|if|because|while)\b)",
        _I,
    ),
    # "How does it to get promoted as a nurse compare…": "it to VERB" after an auxiliary.
    re.compile(r"\b(?:does|do|did|is|was|are|were)\s+it\s+to\s+\w+", _I),
    # "What was the hours in retail like?": a singular verb before a plural noun.
    re.compile(
        r"^(?:what|how)\s+(?:is|was)\s+(?:the|your|their|those|these)\s+(?:[\w-]+\s+)?"
        r"(?!(?:[\w-]*(?:ss|us|is|ics|news)|series|means)\b)[\w-]+s\s+(?:like|in|at|of|for|during)\b",
        _I,
    ),
    # "What would make you have burned out…": "make … have" + a participle.
    re.compile(r"\bmake\s+(?:you|them|me|us|him|her)\s+have\s+\w+", _I),
)
_BE = r"is|are|was|were"
_FINITE = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "can",
        "could",
        "will",
        "would",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "'s",
        "'re",
        "'ve",
        "'d",
    ]
)
_IRREGULAR = frozenset(
    [
        "took",
        "taken",
        "went",
        "gone",
        "got",
        "gotten",
        "made",
        "left",
        "felt",
        "thought",
        "found",
        "became",
        "come",
        "came",
        "gave",
        "given",
        "kept",
        "knew",
        "known",
        "paid",
        "said",
        "told",
        "saw",
        "seen",
        "ran",
        "began",
        "begun",
        "brought",
        "bought",
        "built",
        "chose",
        "chosen",
        "did",
        "done",
        "grew",
        "grown",
        "held",
        "led",
        "lost",
        "meant",
        "met",
        "put",
        "quit",
        "sent",
        "set",
        "spent",
        "stood",
        "taught",
        "understood",
        "won",
        "wrote",
        "written",
        "fell",
        "fallen",
        "hit",
        "let",
    ]
)
# Adjective-like endings used to spot a word out of place in a "whether" clause.
_ADJ_END = re.compile(r"(?:ful|ous|ible|less|able)$", re.I)
_NOT_ADJ = frozenset({"table", "cable", "vegetable", "timetable", "stable", "less", "unless"})


def _adjective_like(word: str) -> bool:
    """Whether ``word`` reads as an adjective (a listed one, or "-ful", "-ous", …).

    >>> _adjective_like("stressful"), _adjective_like("table")
    (True, False)
    """
    word = word.lower()
    if word in _NOT_ADJ:
        return False
    lists = _EVALUATIVE | _DIFFICULTY | _FEELING | _LOADED | _CLAIM_JUDGEMENTS | _COMMONNESS
    lists |= _IMPORTANCE | _POSSIBILITY
    return word in lists or bool(_ADJ_END.search(word))


def _bad_whether(rewrite: str) -> bool:
    """An ungrammatical "whether" clause: no finite verb ("whether burnout inevitable in…"), an
    adjective before the verb ("whether burnout inevitable is…"), or a participle then an
    adjective at the end ("whether the pay was cut painful?").

    >>> _bad_whether("What can you tell me about whether burnout inevitable in nursing?")
    True
    >>> _bad_whether("What can you tell me about whether the pay is good?")
    False
    """
    match = re.search(r"\bwhether\s+(?P<x>[^?]+)", rewrite, _I)
    if not match:
        return False
    words = re.findall(r"[\w'-]+", match["x"])
    if not words:
        return True
    lower = [w.lower() for w in words]
    subjects = {"i", "you", "we", "they", "he", "she", "it", "people", "everyone", "nobody"}

    def verb_at(index: int) -> bool:
        word = lower[index]
        before = lower[index - 1] if index else ""
        # "…at your agency work freelance": a listed verb with words after it, not after a
        # determiner or a preposition ("in hospice care" ends the clause: a noun).
        bare = (
            word in _VERBS
            and index > 0
            and (
                before in subjects
                or before.endswith("s")
                or (index + 1 < len(lower) and before not in _DETERMINERS | _PREPOSITIONS)
            )
        )
        third = index > 0 and (
            (word.endswith("es") and word[:-2] in _VERBS)
            or (word.endswith("s") and word[:-1] in _VERBS)
        )
        return (
            word in _FINITE
            or word in _IRREGULAR
            or word.endswith("ed")
            or "'" in word
            or bare
            or third
        )

    if not any(verb_at(i) for i in range(len(lower))):
        return True
    for index, word in enumerate(lower[1:], 1):
        if word in {"is", "are", "was", "were"} and _adjective_like(lower[index - 1]):
            return index < 4
    end = re.search(rf"\b(?:{_BE})\s+(?P<p>[\w-]+)\s+(?P<adj>[\w-]+)\s*$", match["x"].strip(), _I)
    return bool(
        end
        and _lw(end["p"]) not in _DEGREE
        and not end["p"].lower().endswith("ly")
        and not _adjective_like(end["p"])
        and _adjective_like(end["adj"])
    )


_DEGREE = frozenset(
    [
        "very",
        "so",
        "too",
        "really",
        "quite",
        "more",
        "less",
        "most",
        "least",
        "not",
        "a",
        "an",
        "the",
        "still",
        "also",
        "always",
        "never",
        "pretty",
        "fairly",
        "rather",
        "as",
        "even",
        "that",
        "this",
        "all",
        "just",
    ]
)


def _ungrammatical(rewrite: str) -> bool:
    """Whether the rewrite has one of the known-ungrammatical shapes of :data:`_BAD_SHAPES`.

    >>> _ungrammatical("What to relocate, if any, did you need?")
    True
    >>> _ungrammatical("What did you need?")
    False
    """
    return any(pattern.search(rewrite) for pattern in _BAD_SHAPES)


def _cut_off(original: str, rewrite: str) -> bool:
    """Whether the rewrite stops inside a noun phrase of the original: "…against career?" for
    "…against career changers?".

    >>> _cut_off("Is it biased against career changers?", "How does it treat career?")
    True
    """
    words = re.findall(r"[\w'-]+", rewrite.lower())
    source = re.findall(r"[\w'-]+", original.lower())
    if not words or not source:
        return False
    last = words[-1]
    for index, word in enumerate(source[:-1]):
        following = source[index + 1]
        if (
            word == last
            and following not in words
            and following.endswith("s")
            and not following.endswith(("ss", "'s"))
            and len(following) > 3
            and not re.search(rf"\b{re.escape(word)}\s*[,;:?.!-]", original.lower())
        ):
            return True
    return False
