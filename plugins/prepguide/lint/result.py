"""The linter's verdict: labels, flags and :class:`LintResult`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Label = Literal["open", "closed", "leading"]


LABELS: tuple[Label, ...] = ("open", "closed", "leading")


FLAG_DOUBLE = "double"


FLAG_JOB_ASK = "job-ask"


FLAG_MESSAGES: dict[str, str] = {
    FLAG_DOUBLE: "asks two questions at once; split it so each gets a full answer",
    FLAG_JOB_ASK: (
        "asks for a job outright; an informational interview is for learning, so ask how "
        "people get hired or who else to talk to instead"
    ),
}


@dataclass(frozen=True)
class LintResult:
    """The verdict on one question.

    ``rewrite`` is a suggested open question (two, one after the other, for a double question:
    ``rewrites`` holds them apart). Where no safe rewrite exists, ``rewrite`` is ``None`` and
    ``advice`` says what to change instead (docs/linter.md, "Rewrites").
    """

    label: Label
    question: str
    rewrite: str | None
    reason: str
    flags: tuple[str, ...] = ()
    flag_messages: tuple[str, ...] = ()
    advice: str | None = None
    rewrites: tuple[str, ...] = ()
