"""Classification: which label a question gets, why, and its flags (see docs/linter.md)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from .patterns import (
    _AGREE,
    _ANY,
    _ANY_LOADED,
    _AUX,
    _DOUBLE_JOIN,
    _EMBEDDED_YESNO,
    _FACT,
    _FIGURE,
    _FILLER,
    _HOW_GLAD,
    _HOW_MUCH_COMPARED,
    _I,
    _I_WONDER,
    _IMPERATIVE,
    _JOB_ASK,
    _JUDGING_PREDICATE,
    _LOADED_ADVERB,
    _LOADED_ATTRIBUTIVE,
    _LOADED_HOW,
    _LOADED_HOW_MUCH,
    _LOADED_SO,
    _MID_MARKER,
    _NEG_START,
    _NOT_START,
    _OR_OPTIONS,
    _PERMISSION,
    _PERMISSION_OPEN,
    _PRESUMING_WORDS,
    _PRESUMPTIVE,
    _REPORTED,
    _REPORTED_CHECK,
    _REQUEST,
    _REQUEST_NOT,
    _REQUEST_WILLING,
    _SO_COMPARED,
    _STATEMENT_OPEN,
    _STATEMENT_YESNO,
    _STRONG_MARKER,
    _SUBORDINATE,
    _SUGGESTED_CAUSE,
    _SWEEPING,
    _TAG_AUX,
    _TAG_NEG_BARE,
    _TAG_WORD,
    _WEAK_MARKER,
    _WH,
    _WH_PLACE_TIME,
    _WHY_ANYONE,
    _WHY_COMPARED,
    _WHY_NOT,
    _WHY_PRESUMING_VERB,
)
from .phrases import _cap, _Clause, _Head, _lw, _strip_filler
from .result import FLAG_DOUBLE, FLAG_JOB_ASK
from .rewrite_be import _choice_rewrite


def _has_open_wh_clause(clauses: Sequence[_Clause], after: int) -> bool:
    return any(_WH.match(_strip_filler(c.text)) for c in clauses[after + 1 :])


def _leading_reason(body: str, clauses: Sequence[_Clause]) -> str | None:
    first_word = _lw(body.split()[0]) if body.split() else ""
    if _TAG_WORD.search(body) or _TAG_AUX.search(body):
        return "a tag question (', right?') asks them to agree with you"
    if (
        _TAG_NEG_BARE.search(body)
        and not _WH.match(body)
        and not _AUX.match(body)
        and len(body.split()) >= 4
        and first_word not in {"when", "where"}
    ):
        return "a tag question ('…, isn't it?') asks them to agree with you"
    for index, clause in enumerate(clauses):
        text = _strip_filler(clause.text)
        if not text:
            continue
        if _NEG_START.match(text) or _NOT_START.match(text):
            word = text.split()[0]
            return f"a negative question ('{_cap(word)}…') presumes the answer"
        marker = _STRONG_MARKER.match(text)
        if marker:
            return f"'{marker.group(0).lower()}' presumes the answer"
        marker = _WEAK_MARKER.match(text)
        if marker and not _has_open_wh_clause(clauses, index):
            return f"'{marker.group(0).lower()}' states your assumption and asks them to confirm it"
    if _AGREE.search(body):
        return "asks them to agree with a view you state"
    return _presumption_reason(body, clauses)


def _presumption_reason(body: str, clauses: Sequence[_Clause]) -> str | None:
    """Leading wording inside an otherwise well-formed question (docs/linter.md, "leading"):
    the first of :data:`_PRESUMPTIONS` that finds it.

    >>> _presumption_reason("Why would anyone leave nursing?", [])
    "'why would anyone…' presumes the answer"
    >>> _presumption_reason("Why is remote work so much better than the office?", [])
    "'why is X more … than Y' presumes the comparison"
    """
    head = _strip_filler(body)
    for test, say in _PRESUMPTIONS:
        found = test(head, body, clauses)
        if found:
            return say(found)
    return None


_Test = Callable[[str, str, Sequence[_Clause]], Any]


def _head(pattern: re.Pattern[str]) -> _Test:
    """A rule's test: ``pattern`` at the start of the question (fillers left out)."""
    return lambda head, body, clauses: pattern.match(head)


def _body(pattern: re.Pattern[str]) -> _Test:
    """A rule's test: ``pattern`` anywhere in the question."""
    return lambda head, body, clauses: pattern.search(body)


def _said(reason: str) -> Callable[[Any], str]:
    return lambda found: reason


def _reported(head: str, body: str, clauses: Sequence[_Clause]) -> bool:
    return bool(_REPORTED.match(head)) and not any(
        _REPORTED_CHECK.match(_strip_filler(c.text)) for c in clauses[1:]
    )


def _suggested_cause(head: str, body: str, clauses: Sequence[_Clause]) -> bool:
    return bool(_WH.match(head)) and any(
        _SUGGESTED_CAUSE.match(_strip_filler(c.text)) for c in clauses[1:]
    )


_PRESUMPTIONS: tuple[tuple[_Test, Callable[[Any], str]], ...] = (
    (
        _head(_PRESUMPTIVE),
        lambda m: f"'{_cap(m.group(0).lower())}…' asks them to confirm your view",
    ),
    (_reported, _said("a reported opinion ('Everyone says…') presumes it is true")),
    (
        _body(_LOADED_ATTRIBUTIVE),
        lambda m: f"the judging word '{m['word'].lower()}' presumes the answer",
    ),
    (
        lambda head, body, clauses: _HOW_MUCH_COMPARED.match(head) or _HOW_GLAD.match(head),
        _said("the wording presumes things are better or worse now"),
    ),
    (_head(_WHY_COMPARED), _said("'why is X more … than Y' presumes the comparison")),
    (_head(_WHY_NOT), _said("'why not…' suggests the answer")),
    (
        _head(_WHY_PRESUMING_VERB),
        lambda m: f"'why … {m['verb'].lower()}' presumes that it happens and judges it",
    ),
    (
        _body(_PRESUMING_WORDS),
        lambda m: f"'{m.group(0).lower()}' presumes the old situation was worse",
    ),
    (
        lambda head, body, clauses: _LOADED_HOW.match(head) or _LOADED_HOW_MUCH.match(head),
        _said("the wording presumes how they feel"),
    ),
    (_head(_WHY_ANYONE), _said("'why would anyone…' presumes the answer")),
    (_body(_LOADED_SO), lambda m: f"loaded wording ('{m.group(0).lower()}') presumes the answer"),
    # Anywhere in the question: judging adverbs and predicates, "so much more … than", a marker
    # inside a clause, a sweeping never/always, a suggested cause.
    (
        _body(_LOADED_ADVERB),
        lambda m: f"the judging word '{m['word'].lower()}' presumes the answer",
    ),
    (_body(_JUDGING_PREDICATE), lambda m: f"calling it '{m['word'].lower()}' presumes the answer"),
    (_body(_SO_COMPARED), lambda m: f"'{m.group(0).lower()}' presumes the comparison"),
    (_body(_MID_MARKER), lambda m: f"'{m.group(0).split()[-1].lower()}' presumes the answer"),
    (
        _head(_SWEEPING),
        lambda m: f"a sweeping '{m.group(0).split()[-2].lower()}' presumes the pattern",
    ),
    (_body(_ANY_LOADED), lambda m: f"the judging word '{m['word'].lower()}' presumes the answer"),
    (_suggested_cause, _said("suggesting the cause ('is it because…?') hands them the answer")),
)
"""Presumptions in a question, in the order they are looked for: (test, reason of what it found)."""


_OPEN_KINDS = {
    "wh": "a what/how/why question invites a full answer",
    "figure": "asks how much or how often, which invites an explanation",
    "request": "a polite request that opens the floor",
    "imperative": "an invitation to talk ('Tell me…')",
    "statement": "an invitation to talk ('I'd love to hear…')",
    "permission-open": "asks permission, then an open question",
    "prompt": "not phrased as a question; nothing to flag",
    "unknown": "no English question pattern recognised; left as open",
    "empty": "no words to check",
}


_CLOSED_KINDS = {
    "yesno": "answerable with yes or no",
    "choice": "offers a choice between the options you give",
    "permission": "asks permission; answerable with yes or no",
    "embedded": "asks whether something is so; answerable with yes or no",
    "any": "answerable with yes or no ('Any advice?')",
    "confirm": "a statement with a question mark; they can only confirm or deny it",
    "job": "asks a favour they can only grant or refuse",
    "fact": "asks for a single fact (a number, a date, a length of time), not their story",
}


def _clause_kind(text: str) -> str | None:
    if not text:
        return None
    wonder = _I_WONDER.match(text)
    if wonder:
        text = "could you " + text[wonder.end() :]
    if _EMBEDDED_YESNO.match(text):
        return "embedded"
    if _FACT.match(text):
        return "fact"
    if _FIGURE.match(text):
        return "figure"
    if _WH.match(text) or _WH_PLACE_TIME.match(text):
        return "wh"
    if (_REQUEST.match(text) or _REQUEST_WILLING.match(text)) and not _REQUEST_NOT.match(text):
        if re.search(r"\b(?:recommend|suggest)\b", text, _I) and _OR_OPTIONS.search(text):
            return "choice"
        return "request"
    if wonder:
        return "embedded"
    if _PERMISSION_OPEN.match(text):
        return "permission-open"
    if _PERMISSION.match(text):
        return "permission"
    if _EMBEDDED_YESNO.match(text) or _STATEMENT_YESNO.match(text):
        return "embedded"
    if _IMPERATIVE.match(text):
        return "imperative"
    if _STATEMENT_OPEN.match(text):
        return "statement"
    if _ANY.match(text):
        return "any"
    if _AUX.match(text):
        return "choice" if _OR_OPTIONS.search(text) and _choice_rewrite(text) else "yesno"
    if _SUBORDINATE.match(text):
        return "sub"
    return None


def _find_head(body: str, clauses: Sequence[_Clause]) -> _Head:
    for clause in clauses:
        text = _strip_filler(clause.text)
        kind = _clause_kind(text)
        if kind is None or kind == "sub":
            continue
        offset = clause.start + (len(clause.text) - len(clause.text.lstrip()))
        filler = _FILLER.match(body[offset:])
        if filler:
            offset += filler.end()
        return _Head(kind, offset, body[offset:])
    return _Head("declarative", 0, _strip_filler(body))


def _flags(text: str, body: str) -> tuple[str, ...]:
    flags: list[str] = []
    segments = [s for s in re.split(r"\?+", text) if len(s.split()) >= 2]
    if len(segments) >= 2 or _DOUBLE_JOIN.search(body):
        flags.append(FLAG_DOUBLE)
    if _JOB_ASK.search(body):
        flags.append(FLAG_JOB_ASK)
    return tuple(flags)
