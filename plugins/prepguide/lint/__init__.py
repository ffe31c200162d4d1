"""Open-ended question linter for informational interviews.

``lint_question`` labels one question ``open``, ``closed`` or ``leading``, explains why, and for
closed and leading questions suggests an open rewrite built from the question's own words (or,
where no safe rewrite exists, says what to change). It also flags two problems that can sit on
top of any label: a *double* question (two questions in one) and a *job ask*.

The linter is a set of hand-written English patterns: deterministic, fast, offline, stdlib only.
``docs/linter.md`` lists the rules, the measured accuracy and the known limitations. The package
is split by concern:

- ``words``: the word lists, read from ``prepguide/data/lint/*.txt``;
- ``patterns``: the compiled patterns;
- ``phrases``: small text helpers (clauses, noun phrases, contractions);
- ``analysis``: which label a question gets, and its flags;
- ``claims``, ``rewrite_be``, ``rewrite_closed``, ``rewrite_fact``, ``rewrite_leading``: the
  rewrites (most are tables of ``phrases._rule``; each rewrite shows an example in its docstring,
  run by ``tests/test_doctests.py``);
- ``safety``: the checks on a rewrite before it is offered, and the advice when none is safe;
- ``grammar``: the known-ungrammatical shapes ``safety`` refuses;
- ``linter``: :func:`lint_question` and the output line;
- ``measure``: the harness that measures the linter on a labelled file
  (``python -m prepguide.lint.measure FILE``).
"""

from __future__ import annotations

import importlib
from typing import Any

from .linter import format_line, lint_lines, lint_question
from .result import FLAG_MESSAGES, LABELS, Label, LintResult

__all__ = [
    "FLAG_MESSAGES",
    "LABELS",
    "Evaluation",
    "Label",
    "LintResult",
    "evaluate",
    "format_line",
    "lint_lines",
    "lint_question",
    "load_labelled",
]

_EVALUATE_NAMES = {"Evaluation", "evaluate", "load_labelled", "_main"}


def __getattr__(name: str) -> Any:
    # The harness is imported on first use, so `python -m prepguide.lint.evaluate` runs it once.
    if name in _EVALUATE_NAMES:
        module = importlib.import_module(".measure", __name__)
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
