"""Small text helpers of the linter: normalising, clauses, noun phrases, contractions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .patterns import _AUX, _CLAUSE_SPLIT, _FILLER, _I, _INTENSIFIERS, _WH
from .words import _DETERMINERS, _PERSONAL

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
    }
)


def _display(text: str) -> str:
    r"""The question as shown in output: one line, whitespace collapsed, no control chars.

    >>> _display("Two\tlines\nhere")
    'Two lines here'
    """
    cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(cleaned.split())


def _analysis_text(text: str) -> str:
    """The text the patterns read: NFKC, straight quotes, whitespace collapsed.

    >>> _analysis_text("It\u2019s  fine")
    "It's fine"
    """
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


def _lw(word: str) -> str:
    """A word in lower case without surrounding punctuation: ``_lw("Team,")`` is ``'team'``."""
    return word.lower().strip(".,;:!?\"'()")


def _tidy(text: str) -> str:
    """One question mark at the end, no space before punctuation.

    >>> _tidy("what is it like ?.")
    'what is it like?'
    """
    text = " ".join(text.split())
    text = re.sub(r"\s+([,?.!;:])", r"\1", text)
    text = re.sub(r"[?.!]+$", "", text)
    text = re.sub(r",\s*$", "", text)
    return text + "?"


def _cap(text: str) -> str:
    """The first letter in upper case: ``_cap("what next")`` is ``'What next'``."""
    return text[:1].upper() + text[1:] if text else text


def _decap(text: str) -> str:
    """The first letter in lower case, except "I".

    >>> _decap("What next"), _decap("I left")
    ('what next', 'I left')
    """
    if text[:2] == "I " or text[:2] == "I'":
        return text
    return text[:1].lower() + text[1:] if text else text


def _split_np(words: Sequence[str], stop: Callable[[str], bool]) -> int:
    """How many of ``words`` form the subject noun phrase at the start."""
    return _split_np_found(words, stop)[0]


def _split_np_found(words: Sequence[str], stop: Callable[[str], bool]) -> tuple[int, bool]:
    """Like ``_split_np``, and whether a stop word actually marked the end."""
    if not words:
        return 0, False
    first = _lw(words[0])
    if first in _PERSONAL:
        return 1, True
    # After a determiner the next word is the noun, even if it can be a verb ("the commute").
    start = 2 if first in _DETERMINERS and len(words) > 2 else 1
    if len(words) > 3 and _lw(words[1]) == "of" and _lw(words[2]) in _DETERMINERS | {"them"}:
        # "most of your colleagues …": the noun after "of your" closes the phrase.
        start = 4 if _lw(words[2]) != "them" else 3
        if start < len(words) and not stop(_lw(words[start])):
            return start, True
    for index in range(start, min(len(words), 8)):
        if stop(_lw(words[index])):
            return index, True
    if first in _DETERMINERS and len(words) > 2:
        return 2, False
    return 1, False


_CONTRACTIONS = [
    (re.compile(r"\bit's\b", _I), "it is"),
    (re.compile(r"\bthat's\b", _I), "that is"),
    (re.compile(r"\bthere's\b", _I), "there is"),
    (re.compile(r"\byou're\b", _I), "you are"),
    (re.compile(r"\byou've\b", _I), "you have"),
    (re.compile(r"\byou'd\b", _I), "you would"),
    (re.compile(r"\byou'll\b", _I), "you will"),
    (re.compile(r"\bthey're\b", _I), "they are"),
    (re.compile(r"\bwe're\b", _I), "we are"),
    (re.compile(r"\bI'm\b", _I), "I am"),
]


def _expand(text: str) -> str:
    """Contractions spelled out.

    >>> _expand("it's what you're after")
    'it is what you are after'
    """
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def _soften(text: str) -> str:
    """Drop intensifiers that carry the asker's opinion ("pretty", "incredibly", "such").

    >>> _soften("is it incredibly hard")
    'is it hard'
    """
    return " ".join(_INTENSIFIERS.sub("", text).split())


# A rewrite rule: a pattern matched at the start of the text, and what to build from the match
# (``None``: this rule does not apply after all, the next one tries).
_Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], "str | None"]]


def _rule(pattern: str, build: Callable[[re.Match[str]], str | None]) -> _Rule:
    """A case-insensitive :data:`_Rule`."""
    return re.compile(pattern, _I), build


def _first_rule(rules: Sequence[_Rule], text: str) -> str | None:
    r"""What the first rule that matches ``text`` and applies builds, or ``None``.

    >>> rules = [_rule(r"^is\s+(?P<x>.+)$", lambda m: f"What about {m['x']}?")]
    >>> _first_rule(rules, "Is remote work here to stay")
    'What about remote work here to stay?'
    >>> _first_rule(rules, "Do you travel") is None
    True
    """
    for pattern, build in rules:
        match = pattern.match(text)
        if match:
            built = build(match)
            if built is not None:
                return built
    return None


@dataclass(frozen=True)
class _Clause:
    start: int
    text: str


def _clauses(body: str) -> list[_Clause]:
    clauses: list[_Clause] = []
    position = 0
    for match in _CLAUSE_SPLIT.finditer(body):
        piece = body[position : match.start()]
        if piece.strip():
            clauses.append(_Clause(position, piece))
        position = match.end()
    tail = body[position:]
    if tail.strip():
        clauses.append(_Clause(position, tail))
    return clauses


def _strip_filler(text: str) -> str:
    """The text without a leading filler word: ``"So, what do you do"`` → ``'what do you do'``."""
    return _FILLER.sub("", text).strip()


@dataclass(frozen=True)
class _Head:
    kind: str
    start: int
    text: str


def _wh_choice(body: str, clauses: Sequence[_Clause]) -> tuple[str, str] | None:
    """``Which do you prefer, A or B?`` → ``(A, B)``.

    >>> question = "Which do you prefer, remote or office"
    >>> _wh_choice(question, _clauses(question))
    ('remote', 'office')
    """
    if len(clauses) < 2:
        return None
    first = _strip_filler(clauses[0].text)
    if not re.match(r"^(?:which|what|what's|who)\b", first, _I):
        return None
    last = clauses[-1].text.strip()
    if len(last.split()) > 8 or _WH.match(last) or _AUX.match(last):
        return None
    parts = re.split(r"\s+or\s+", last, maxsplit=1, flags=_I)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return None
    option_a = re.sub(r"^(?:either|between)\s+", "", parts[0].strip(), flags=_I)
    return option_a, parts[1].strip()
