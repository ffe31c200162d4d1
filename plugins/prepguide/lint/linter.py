"""The public entry point: :func:`lint_question` and the output line format."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .analysis import _CLOSED_KINDS, _OPEN_KINDS, _find_head, _flags, _leading_reason
from .patterns import (
    _DECLARATIVE_CONFIRM,
    _DOUBLE_SPLIT,
    _SECOND_QUESTION,
    _STRIP_END,
    _STRIP_START,
    _SUBORDINATE,
)
from .phrases import (
    _analysis_text,
    _cap,
    _clauses,
    _decap,
    _display,
    _Head,
    _strip_filler,
    _tidy,
    _wh_choice,
)
from .result import FLAG_DOUBLE, FLAG_JOB_ASK, FLAG_MESSAGES, Label, LintResult
from .rewrite_closed import _JOB_REWRITE, _closed_rewrite
from .rewrite_fact import FACT_ADVICE
from .rewrite_leading import _leading_rewrite
from .safety import CLOSED_ADVICE, GENERIC_ADVICE, _advice, _make_safe

_SEVERITY = {"open": 0, "closed": 1, "leading": 2}


@dataclass(frozen=True)
class _Verdict:
    label: Label
    reason: str
    rewrite: str | None  # the template's rewrite, before the safety checks


def _prepare(text: str) -> tuple[str, str]:
    analysed = _analysis_text(text)
    return analysed, _STRIP_END.sub("", _STRIP_START.sub("", analysed))


def _verdict(analysed: str, body: str, flags: tuple[str, ...]) -> _Verdict:
    """Label one question (no splitting, no safety checks) and its template rewrite."""
    clauses = _clauses(body)
    leading = _leading_reason(body, clauses)
    if leading is not None:
        return _Verdict("leading", leading, _leading_rewrite(body, clauses))
    head = _find_head(body, clauses)
    kind = head.kind
    if kind == "wh" and _wh_choice(body, clauses):
        kind = "choice"
    if kind == "declarative":
        has_question_mark = "?" in analysed
        if has_question_mark and _DECLARATIVE_CONFIRM.search(head.text):
            kind = "confirm"
        elif has_question_mark or not re.search(r"[A-Za-z]", body):
            kind = "unknown"
        else:
            kind = "prompt"
    if FLAG_JOB_ASK in flags and kind not in {"wh", "figure", "fact"}:
        kind = "job"
    if kind in _OPEN_KINDS:
        return _Verdict("open", _OPEN_KINDS[kind], None)
    if kind == "job":
        return _Verdict("closed", _CLOSED_KINDS[kind], _JOB_REWRITE)
    head_text = re.split(r"\?", head.text, maxsplit=1)[0]
    head_text = re.split(_SECOND_QUESTION, head_text, maxsplit=1)[0]
    rewrite = _closed_rewrite(_Head(kind, head.start, head_text), body, clauses)
    preamble = _strip_filler(body[: head.start].strip().rstrip(",;:").strip())
    if rewrite and preamble and _SUBORDINATE.match(preamble):
        rewrite = f"{preamble}, {_decap(rewrite)}"
    return _Verdict("closed", _CLOSED_KINDS[kind], rewrite)


@functools.lru_cache(maxsize=16384)
def _label_of(text: str) -> Label:
    """The label alone (used to check that a rewrite is open)."""
    analysed, body = _prepare(text)
    if not re.search(r"\w", body):
        return "open"
    return _verdict(analysed, body, _flags(analysed, body)).label


def _is_open(rewrite: str) -> bool:
    analysed, body = _prepare(rewrite)
    return _label_of(rewrite) == "open" and not _flags(analysed, body)


def _parts(analysed: str) -> list[str]:
    """The questions of a double question, each as written (docs/linter.md, "Flags")."""
    pieces = [p.strip(" ,;") for p in _DOUBLE_SPLIT.split(analysed)]
    return [p for p in pieces if len(p.split()) >= 2]


def _safe(original: str, verdict: _Verdict) -> tuple[str | None, str | None]:
    """The rewrite if it passes the safety checks, else what to change (docs/linter.md)."""
    if verdict.label == "open":
        return None, None
    if verdict.rewrite is not None:
        rewrite, change = _make_safe(
            original, verdict.rewrite, _is_open, leading=verdict.label == "leading"
        )
        if rewrite is not None:
            return rewrite, None
        if verdict.label == "leading" and change is not None:
            return None, change
    if verdict.reason == _CLOSED_KINDS["fact"]:
        return None, FACT_ADVICE
    advice = _advice(original)
    if verdict.label == "closed" and advice == GENERIC_ADVICE:
        return None, CLOSED_ADVICE
    return None, advice


@functools.lru_cache(maxsize=16384)
def lint_question(text: str) -> LintResult:
    """Label one question ``open``, ``closed`` or ``leading`` and suggest an open rewrite.

    A double question gets one rewrite a part (``rewrites``); where no safe rewrite exists,
    ``advice`` says what to change instead (docs/linter.md).

    >>> result = lint_question("Do you like your job?")
    >>> result.label, result.rewrite
    ('closed', 'What do you like most about your job?')
    >>> lint_question("What pulled you into informatics?").label
    'open'
    """
    shown = _display(text)
    analysed, body = _prepare(text)
    if not re.search(r"\w", body):
        return LintResult("open", shown, None, _OPEN_KINDS["empty"])
    flags = _flags(analysed, body)
    messages = tuple(FLAG_MESSAGES[f] for f in flags)
    whole = _verdict(analysed, body, flags)
    parts = _parts(analysed) if FLAG_DOUBLE in flags else []
    if len(parts) < 2:
        if whole.label == "open":
            return LintResult("open", shown, None, whole.reason, flags, messages)
        rewrite, advice = _safe(body, whole)
        reason = f"{whole.reason}; {advice}" if advice else whole.reason
        rewrites = (rewrite,) if rewrite else ()
        return LintResult(whole.label, shown, rewrite, reason, flags, messages, advice, rewrites)
    return _lint_double(shown, whole, parts, flags, messages)


def _lint_double(
    shown: str, whole: _Verdict, parts: list[str], flags: tuple[str, ...], messages: tuple[str, ...]
) -> LintResult:
    """A double question: the worst label of its parts, and one rewrite a part."""
    verdicts = []
    for part in parts:
        analysed, body = _prepare(part)
        verdicts.append((body, _verdict(analysed, body, _flags(analysed, body))))
    worst = max([whole, *(v for _, v in verdicts)], key=lambda v: _SEVERITY[v.label])
    if worst.label == "open":
        return LintResult("open", shown, None, whole.reason, flags, messages)
    safe: list[tuple[str, _Verdict]] = []
    rewrites: list[str] = []  # one a part that has a safe rewrite (or is open)
    advice: list[str] = []
    for body, verdict in verdicts:
        if verdict.label == "open":
            rewrites.append(_as_said(body))
            safe.append((body, verdict))
            continue
        rewrite, change = _safe(body, verdict)
        if rewrite:
            rewrites.append(rewrite)
            safe.append((body, verdict))
        else:
            advice.append(f"'{_cap(_tidy(body))}': {change}")
    if advice:
        # Never drop half: the part that has a safe rewrite is still offered, in the advice.
        offered = [
            f"'{_as_said(b)}': try '{r}'" if v.label != "open" else f"'{r}' is fine as it is"
            for (b, v), r in zip(safe, rewrites, strict=True)
        ]
        text = "; ".join([*advice, *offered])
        reason = f"{worst.reason}; {text}"
        return LintResult(worst.label, shown, None, reason, flags, messages, text, tuple(rewrites))
    return LintResult(
        worst.label, shown, " ".join(rewrites), worst.reason, flags, messages, None, tuple(rewrites)
    )


def _as_said(text: str) -> str:
    """An open part of a double question as said: "Tell me about your role." ends with a full
    stop, a question with a question mark."""
    shown = _cap(_tidy(text))
    if re.match(
        r"^(?:what|how|why|which|who|whom|whose|where|when|in\s+what|to\s+what|could|can|"
        r"would|will|do|does|did|is|are)\b",
        shown,
        re.I,
    ):
        return shown
    return shown[:-1] + "."


def _finish(rewrite: str) -> str:
    return _cap(_tidy(rewrite))


def format_line(result: LintResult) -> str:
    r"""The ``prepguide lint-questions`` output line: ``label TAB question [TAB rewrite]``.

    >>> format_line(lint_question("Do you like your job?"))
    'closed\tDo you like your job?\tWhat do you like most about your job?'
    """
    question = result.question.replace("\t", " ")
    if result.label != "open" and not result.rewrite and result.advice:
        return f"{result.label}\t{question}\t{result.advice.replace(chr(9), ' ')}"
    if result.label == "open" or not result.rewrite:
        return f"{result.label}\t{question}"
    return f"{result.label}\t{question}\t{result.rewrite.replace(chr(9), ' ')}"


def lint_lines(lines: Iterable[str]) -> Iterator[str]:
    """Lint one question per line, skipping blank lines; yields output lines."""
    for line in lines:
        if line.strip():
            yield format_line(lint_question(line))
