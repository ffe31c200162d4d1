"""Subcommands of the ``prepguide`` command line, one module each.

Each module has ``register(sub)``, which adds its parser and sets ``handler``.
"""

from __future__ import annotations

from . import check, lint_questions, status, todo

REGISTRARS = [check.register, lint_questions.register, todo.register, status.register]
