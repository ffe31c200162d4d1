"""The ``prepguide`` command line.

Every command finds its guide from the current folder (see
:mod:`prepguide.guide.config_file`), prints located problems rather than tracebacks, and
exits 0 on success, 1 on a problem in the notes, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from .. import __version__
from ..errors import os_reason, visible, visible_lines
from ..guide.config_file import GuideError
from .base import (  # re-exported: the commands' shared ground (see cli.base)
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    CommandError,
    all_problems,
    extra_warnings,
    generated_clashes,
    load_guide,
)
from .commands import REGISTRARS

__all__ = [
    "EXIT_OK",
    "EXIT_PROBLEM",
    "EXIT_USAGE",
    "CommandError",
    "all_problems",
    "build_parser",
    "extra_warnings",
    "generated_clashes",
    "load_guide",
    "main",
    "os_error_message",
]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every subcommand."""
    parser = _Parser(
        prog="prepguide",
        description="Prepare informational interviews from YAML research notes.",
    )
    parser.add_argument("--version", action="version", version=f"prepguide {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    for register in REGISTRARS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except (CommandError, GuideError) as exc:
        code = exc.code if isinstance(exc, CommandError) else EXIT_PROBLEM
        print(f"prepguide: {visible_lines(str(exc))}", file=sys.stderr)
        return code
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        # The last resort for a file that cannot be read or written (permission
        # denied, disk full, read-only file system, a folder where a file should
        # be): one line naming the path, never a traceback (docs/usage.md).
        print(f"prepguide: {os_error_message(exc)}", file=sys.stderr)
        return EXIT_PROBLEM


def os_error_message(exc: OSError) -> str:
    """One line for an error of the file system: the path(s), the reason and a hint."""
    if exc.filename is not None and exc.filename2 is not None:
        where = f"{_name(exc.filename)} -> {_name(exc.filename2)}: "
    elif exc.filename is not None:
        where = f"{_name(exc.filename)}: "
    else:
        where = ""
    return visible(where + os_reason(exc))


def _name(path: object) -> str:
    if isinstance(path, (str, bytes, os.PathLike)):
        return os.fsdecode(path)
    return str(path)
