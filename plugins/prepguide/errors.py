"""Problems a user can cause, located at ``path:line:col``.

This module has no MkDocs imports: the command line and the MkDocs plugin
share it, and the plugin turns a :class:`ContentError` into MkDocs'
``PluginError`` at its boundary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file.

    Attributes:
        path: The file, as the user should see it (relative to the guide's root).
        line: 1-based line of the offending key or value.
        column: 1-based column.
        severity: ``error`` fails checks and builds; ``warning`` fails only ``--strict``.
        message: What is wrong and how to fix it.
    """

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def format(self) -> str:
        """Return the problem as ``path:line:col: severity: message``."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """Return the problem as a JSON-ready mapping."""
        return asdict(self)

    def format_github(self) -> str:
        """Return the problem as a GitHub Actions workflow annotation."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.path},line={self.line},col={self.column}::{message}"


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """Return only the problems of severity ``error``."""
    return [p for p in problems if p.severity == "error"]


class ContentError(Exception):
    """Raised when the research notes have errors; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    """Format problems one per line, sorted by path and position."""
    return "\n".join(p.format() for p in sorted(problems))
