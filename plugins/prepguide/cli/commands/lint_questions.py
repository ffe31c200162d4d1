"""``prepguide lint-questions``: label questions open, closed or leading."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ...errors import visible
from ..base import EXIT_OK, EXIT_USAGE, CommandError


def register(sub: Any) -> None:
    """Add the ``lint-questions`` subcommand."""
    parser = sub.add_parser(
        "lint-questions",
        help="label questions open, closed or leading, with rewrites",
        description="Read one question a line from FILE (or standard input) and print "
        "`open`, `closed` or `leading`, a tab, the question and, for the last two, a tab and "
        "a suggested open rewrite (or, where no safe rewrite exists, what to change). Notes on two questions in one or on asking for a job "
        "outright go to standard error.",
    )
    parser.add_argument("file", nargs="?", type=Path, help="a text file (default: standard input)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Lint each non-blank line."""
    from ...lint import format_line, lint_question

    if args.file is None:
        lines = sys.stdin.read().splitlines()
    else:
        try:
            lines = args.file.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise CommandError(f"cannot read {args.file}: {reason}", EXIT_USAGE) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        result = lint_question(line.strip())
        print(visible(format_line(result)))
        for message in result.flag_messages:
            print(f"line {number}: {visible(message)}", file=sys.stderr)
    return EXIT_OK
