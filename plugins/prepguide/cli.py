"""The ``prepguide`` command line.

Every command finds its guide from the current folder (see
:mod:`prepguide.guide`), prints located problems rather than tracebacks, and
exits 0 on success, 1 on a problem in the notes, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .corpus import Corpus, CorpusLoader
from .errors import Problem, os_reason, visible, visible_lines
from .guide import Guide, GuideError, find_guide

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


class CommandError(Exception):
    """A command cannot go on; the message is shown as is."""

    def __init__(self, message: str, code: int = EXIT_PROBLEM) -> None:
        super().__init__(message)
        self.code = code


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

    from .commands import REGISTRARS

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


def load_guide(content: Path | None = None) -> tuple[Guide, Corpus]:
    """Find the guide from the current folder and load its corpus."""
    guide = find_guide(content=content)
    if not guide.content_dir.is_dir():
        named = ""
        if content is None and guide.config_file is not None:
            named = f" (the docs_dir of {guide.config_file})"
        raise CommandError(
            f"no content folder at {guide.content_dir}{named}; run the command inside a guide "
            "(or `prepguide init DIR` to start one)"
        )
    corpus = CorpusLoader().load(guide.content_dir, guide.root, timezone=guide.options.timezone)
    return guide, corpus


def all_problems(guide: Guide, corpus: Corpus) -> list[Problem]:
    """Every problem of a guide: validation, cross-references, prep warnings, and the
    user's files at the path of a generated page (as the build finds them)."""
    problems = list(corpus.problems)
    if not corpus.errors:
        problems.extend(extra_warnings(guide, corpus))
        problems.extend(generated_clashes(guide, corpus))
    return sorted(problems)


def generated_clashes(guide: Guide, corpus: Corpus) -> list[Problem]:
    """A user's file where the build generates one (see :mod:`prepguide.generated`)."""
    from .generated import guide_clashes
    from .guide import plugin_options, read_config

    config = read_config(guide.config_file) if guide.config_file is not None else {}
    if (plugin_options(config) or {}).get("enabled", True) is False:
        return []
    return guide_clashes(
        corpus,
        docs_dir=guide.content_dir,
        root=guide.root,
        public=guide.options.audience == "public",
        config=config,
    )


def extra_warnings(guide: Guide, corpus: Corpus) -> list[Problem]:
    """Warnings beyond the schema: question lint and intro timing."""
    from .prep import prep_warnings

    return prep_warnings(corpus, guide.options)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
