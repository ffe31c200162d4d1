"""The public entry point: :func:`lint_question` and the output line format."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from .analysis import _CLOSED_KINDS, _OPEN_KINDS, _find_head, _flags, _leading_reason
from .patterns import _DECLARATIVE_CONFIRM, _SECOND_QUESTION, _STRIP_END, _STRIP_START, _SUBORDINATE
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
from .result import FLAG_JOB_ASK, FLAG_MESSAGES, LintResult
from .rewrite_closed import _JOB_REWRITE, _closed_rewrite
from .rewrite_leading import _leading_rewrite


@functools.lru_cache(maxsize=16384)
def lint_question(text: str) -> LintResult:
    """Label one question ``open``, ``closed`` or ``leading`` and suggest an open rewrite."""
    shown = _display(text)
    analysed = _analysis_text(text)
    body = _STRIP_END.sub("", _STRIP_START.sub("", analysed))
    if not re.search(r"\w", body):
        return LintResult("open", shown, None, _OPEN_KINDS["empty"])
    flags = _flags(analysed, body)
    messages = tuple(FLAG_MESSAGES[f] for f in flags)
    clauses = _clauses(body)

    leading = _leading_reason(body, clauses)
    if leading is not None:
        rewrite = _finish(_leading_rewrite(body, clauses))
        return LintResult("leading", shown, rewrite, leading, flags, messages)

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
    if FLAG_JOB_ASK in flags and kind not in {"wh", "figure"}:
        kind = "job"

    if kind in _OPEN_KINDS:
        return LintResult("open", shown, None, _OPEN_KINDS[kind], flags, messages)

    if kind == "job":
        rewrite = _JOB_REWRITE
    else:
        head_text = re.split(r"\?", head.text, maxsplit=1)[0]
        head_text = re.split(_SECOND_QUESTION, head_text, maxsplit=1)[0]
        rewrite = _closed_rewrite(_Head(kind, head.start, head_text), body, clauses)
        preamble = body[: head.start].strip().rstrip(",;:").strip()
        preamble = _strip_filler(preamble)
        if preamble and _SUBORDINATE.match(preamble):
            rewrite = f"{preamble}, {_decap(rewrite)}"
    return LintResult("closed", shown, _finish(rewrite), _CLOSED_KINDS[kind], flags, messages)


def _finish(rewrite: str) -> str:
    return _cap(_tidy(rewrite))


def format_line(result: LintResult) -> str:
    """The ``prepguide lint-questions`` output line: ``label TAB question [TAB rewrite]``."""
    question = result.question.replace("\t", " ")
    if result.label == "open" or not result.rewrite:
        return f"{result.label}\t{question}"
    return f"{result.label}\t{question}\t{result.rewrite.replace(chr(9), ' ')}"


def lint_lines(lines: Iterable[str]) -> Iterator[str]:
    """Lint one question per line, skipping blank lines; yields output lines."""
    for line in lines:
        if line.strip():
            yield format_line(lint_question(line))
