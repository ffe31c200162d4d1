"""Subcommands of the ``prepguide`` command line, one module each.

Each module has ``register(sub)``, which adds its parser and sets ``handler``.
"""

from __future__ import annotations

from . import check, import_csv, init, intro, lint_questions, new, status, todo

REGISTRARS = [
    check.register,
    intro.register,
    lint_questions.register,
    todo.register,
    status.register,
    new.register,
    init.register,
    import_csv.register,
]
