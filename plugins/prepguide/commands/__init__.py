"""Subcommands of the ``prepguide`` command line, one module each.

Each module has ``register(sub)``, which adds its parser and sets ``handler``.
"""

from __future__ import annotations

from . import check, todo

REGISTRARS = [check.register, todo.register]
