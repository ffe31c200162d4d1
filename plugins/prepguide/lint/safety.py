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
from .patterns import _I, _LOADED_ATTRIBUTIVE, _LOADED_WORDS, _PRESUMING_WORDS
from .phrases import _cap, _tidy

# Intensifiers that carry the asker's view when they sit before a comparative or a noun.
_BOOSTERS = r"far|way|much|so\s+much|hugely|vastly|massively|infinitely"
_BIG = r"huge|massive|enormous|tremendous|incredible|amazing|fantastic|obvious"
_STRIP_RULES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"\bsuch\s+(?:an?\s+)?(?:{_LOADED_WORDS})\s+", _I), "the "),
    (re.compile(rf"\bsuch\s+(?:an?\s+)?(?:{_BIG})\s+", _I), "the "),
    (re.compile(rf"\b(?:{_BOOSTERS})\s+(?=(?:more|less|better|worse|[\w-]+er)\b)", _I), ""),
    (
        re.compile(rf"\b(?P<det>an?)\s+(?:{_BIG}|{_LOADED_WORDS})\s+(?P<next>[\w'-]+)", _I),
        lambda m: f"{article(m['next'])} {m['next']}",
    ),
    (re.compile(rf"\b(?:{_BIG}|{_LOADED_WORDS})\s+(?=[\w'-]+)", _I), ""),
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
)


def judging_words(text: str) -> list[str]:
    """The judging and presuming words of ``text``, as written, in order."""
    found = [m["word"] for m in _LOADED_ATTRIBUTIVE.finditer(text)]
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
    leftover = judging_words(cleaned) or re.findall(rf"\b(?:{_LOADED_WORDS})\b", cleaned, _I)
    if not leftover and not _ungrammatical(cleaned) and is_open(cleaned):
        return cleaned, None
    return None, _advice(original)


def _advice(original: str) -> str:
    words = judging_words(original)
    if words:
        quoted = ", ".join(f"'{w.lower()}'" for w in dict.fromkeys(words))
        return f"what to change: drop {quoted} and ask about the same thing without judging it"
    return (
        "what to change: state no view of your own and start with what or how, so they can "
        "answer in their own words"
    )
