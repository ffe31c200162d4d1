"""What the question modules pass around: bank items and the questions chosen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...read.model import QuestionEntry

Source = Literal["yours", "goal", "bank", "builtin"]


@dataclass(frozen=True)
class SelectedQuestion:
    """A question chosen for one conversation.

    Attributes:
        id: The bank entry's id, ``yours-N`` for the contact's own N-th question,
            ``goal-N`` for the N-th goal.
        topic: One of the bank topics (see :data:`prepguide.read.model.TOPICS`).
        text: The rendered question.
        source: ``yours`` (the contact file), ``goal`` (a goal made a question),
            ``bank`` (a user bank) or ``builtin``.
    """

    id: str
    topic: str
    text: str
    source: str
    mark: str | None = None
    """``closed`` or ``leading`` for a question of yours the linter flags, else ``None``."""
    rewrite: str | None = None
    """The linter's suggested open rewrite of a marked question."""
    reason: str | None = None
    """Why a marked question is closed or leading."""


@dataclass(frozen=True)
class BankItem:
    """An entry of the merged bank and where it comes from."""

    entry: QuestionEntry
    source: Source
    order: int
    """Position in the merged bank (a replaced built-in keeps its place); breaks ties."""


@dataclass(frozen=True)
class Selection:
    """The questions chosen for one conversation.

    Attributes:
        questions: In conversation order, ending with a referral question.
        backups: Further good questions, in conversation order.
        budget: How many questions fit the meeting.
        note: One or two sentences explaining the budget.
    """

    questions: tuple[SelectedQuestion, ...]
    backups: tuple[SelectedQuestion, ...]
    budget: int
    note: str
