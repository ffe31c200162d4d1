"""Checks on a rewrite before it is offered (docs/linter.md, "Rewrites").

A rewrite must be grammatical, free of the original's judging words and presumptions, and open.
:func:`_make_safe` strips judging words the templates carried over ("the terrible pay" → "the
pay"), then refuses shapes known to be ungrammatical; when a rewrite cannot be made safe the
linter says what to change instead of offering a bad sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..text import article
from .patterns import (
    _ANY_LOADED,
    _I,
    _JUDGING_PREDICATE,
    _LOADED_ADJ,
    _LOADED_ADVERB,
    _LOADED_ATTRIBUTIVE,
    _LOADED_WORDS,
    _MID_MARKER,
    _PRESUMING_WORDS,
    _PRESUMPTIVE,
    _REPORTED,
    _SO_COMPARED,
    _STRONG_MARKER,
    _SUGGESTED_CAUSE,
    _SWEEPING,
)
from .phrases import _cap, _tidy

# Intensifiers that carry the asker's view when they sit before a comparative or a noun.
_BOOSTERS = r"far|way|much|so\s+much|hugely|vastly|massively|infinitely"
_BIG = r"huge|massive|enormous|tremendous|incredible|amazing|fantastic|obvious"
_STRIP_RULES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"\bsuch\s+(?:an?\s+)?(?:{_LOADED_WORDS})\s+", _I), "the "),
    (re.compile(rf"\bsuch\s+(?:an?\s+)?(?:{_BIG})\s+", _I), "the "),
    (re.compile(rf"\b(?:{_BOOSTERS})\s+(?=(?:more|less|better|worse|[\w-]+er)\b)", _I), ""),
    (
        re.compile(
            rf"\b(?P<det>an?)\s+(?:{_BIG}|{_LOADED_WORDS}|{_LOADED_ADJ})\s+(?P<next>[\w'-]+)", _I
        ),
        lambda m: f"{article(m['next'])} {m['next']}",
    ),
    # Only before a noun, after a determiner ("the terrible pay" → "the pay"): a judging word
    # that says what something is ("basically useless without…") carries the meaning, and
    # dropping it would change the question; it stays, and the rewrite is refused.
    (
        re.compile(
            rf"\b(?P<det>the|your|their|his|her|its|our|my|this|that|these|those)\s+"
            rf"(?:{_BIG}|{_LOADED_WORDS}|{_LOADED_ADJ})\s+(?=[\w'-]+)",
            _I,
        ),
        r"\g<det> ",
    ),
    (re.compile(r"\b(?:actually|finally|just|really|truly)\s+", _I), ""),
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
)
# Verbs that presume the old situation was bad ("How did you escape…?").
_PRESUMING_VERBS = re.compile(
    r"\b(?:escape[sd]?|escaping|put\s+up\s+with|endure[sd]?|enduring|suffer(?:ed)?\s+through|"
    r"tolerate[sd]?|survive[sd]?\s+(?:in|at)|realis(?:e|ed|ing)|realiz(?:e|ed|ing))\b",
    _I,
)
# The comparison a "so much more … than" question presumed, still there in the rewrite.
_COMPARISON = re.compile(r"\b(?:more|less)\s+[\w-]+\s+than\b|\b[\w-]+er\s+than\b", _I)


def judging_words(text: str) -> list[str]:
    """The judging and presuming words of ``text``, as written, in order."""
    found = [m["word"] for m in _LOADED_ATTRIBUTIVE.finditer(text)]
    found += [m["word"] for m in _LOADED_ADVERB.finditer(text)]
    found += [m["word"] for m in _JUDGING_PREDICATE.finditer(text)]
    found += [m.group(0) for m in _SO_COMPARED.finditer(text)]
    found += [m.group(0) for m in _MID_MARKER.finditer(text)]
    found += [m["word"] for m in _ANY_LOADED.finditer(text)]
    found += [m.group(0).split()[-2] for m in _SWEEPING.finditer(text)]
    for opener in (_PRESUMPTIVE, _REPORTED, _STRONG_MARKER):
        found += [m.group(0) for m in [opener.match(text.strip())] if m]
    found += [m.group(0) for m in _PRESUMING_WORDS.finditer(text)]
    found += [m.group(0) for m in re.finditer(rf"\b(?:{_BOOSTERS})\s+(?:better|worse)\b", text, _I)]
    found += [m.group(0) for m in re.finditer(rf"\b(?:{_BIG})\s+[\w-]+", text, _I)]
    return found


def _strip(rewrite: str) -> str:
    for pattern, replacement in _STRIP_RULES:
        rewrite = pattern.sub(replacement, rewrite)
    return " ".join(rewrite.split())


def _ungrammatical(rewrite: str) -> bool:
    return any(pattern.search(rewrite) for pattern in _BAD_SHAPES)


def _make_safe(
    original: str, rewrite: str, is_open: Callable[[str], bool]
) -> tuple[str | None, str | None]:
    """``(rewrite, None)`` when the rewrite is safe, else ``(None, what to change)``."""
    cleaned = _cap(_tidy(_strip(rewrite)))
    if not problems(original, cleaned) and is_open(cleaned):
        return cleaned, None
    return None, _advice(original)


def _cut_off(original: str, rewrite: str) -> bool:
    """Whether the rewrite stops inside a noun phrase of the original: "…against career?" for
    "…against career changers?"."""
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


def problems(original: str, rewrite: str) -> list[str]:
    """Why ``rewrite`` may not be offered for ``original`` (empty when it may).

    The checks of docs/linter.md, "Rewrites": no judging word left, no known-bad shape
    ("What to relocate, if any…", "…like than…", a cut-off ending), no presumption the
    original did not make ("about the mentorship scheme" for "Is there a mentorship
    scheme?"), and a presumed comparison not carried over.
    """
    found: list[str] = []
    leftover = judging_words(rewrite) or re.findall(rf"\b(?:{_LOADED_WORDS})\b", rewrite, _I)
    if leftover:
        found.append(f"keeps the judging words {leftover}")
    if _PRESUMING_VERBS.search(rewrite):
        found.append("keeps a verb that presumes the answer")
    if _ungrammatical(rewrite):
        found.append("has a known ungrammatical shape")
    if re.match(r"^(?:is|are|was|were)\s+there\b", original.strip(), _I) and re.search(
        r"\babout\s+(?:the|your|their)\b", rewrite, _I
    ):
        found.append("presumes that what they asked about exists")
    if _cut_off(original, rewrite):
        found.append("ends in the middle of a phrase of the original")
    if _SO_COMPARED.search(original) and _COMPARISON.search(rewrite):
        found.append("keeps the presumed comparison")
    return found


GENERIC_ADVICE = (
    "what to change: state no view of your own and start with what or how, so they can "
    "answer in their own words"
)
CLOSED_ADVICE = (
    "what to change: they can answer it with yes or no; ask what it involved, how it works or "
    "what shaped it, starting with 'What' or 'How', so they can tell you the story"
)


def _advice(original: str) -> str:
    if _SUGGESTED_CAUSE.match(original.strip()):
        return (
            "what to change: drop the suggested cause ('is it because…') and let them give "
            "their own reasons"
        )
    words = judging_words(original)
    if words:
        quoted = ", ".join(f"'{w.lower()}'" for w in dict.fromkeys(words))
        return f"what to change: drop {quoted} and ask about the same thing without judging it"
    return GENERIC_ADVICE
