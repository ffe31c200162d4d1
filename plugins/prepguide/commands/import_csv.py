"""``prepguide import FILE.csv``: one contact file per spreadsheet row."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..cli import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, CommandError
from ..errors import visible
from ..guide import find_guide
from ..importer import FIELDS, ImportError_, import_csv, parse_maps


def register(sub: Any) -> None:
    """Add the ``import`` subcommand."""
    parser = sub.add_parser(
        "import",
        help="create one contact file per row of a CSV spreadsheet",
        description="Create content/contacts/<id>.yml for each row of FILE.csv (never "
        "overwriting a file). Headers such as name, employer, title, email, linkedin, school, "
        "graduation year, industry, tags and consent are recognised; --map COLUMN=FIELD maps "
        "any other header. Bad rows are reported by line number; the rest are imported.",
    )
    parser.add_argument("file", type=Path, metavar="FILE.csv", help="the spreadsheet, as CSV")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=f"map a column to a field ({', '.join(FIELDS)})",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Import the rows; exit 1 when any row was refused."""
    guide = find_guide()
    try:
        maps = parse_maps(args.map)
        result = import_csv(
            args.file, guide.content_dir, maps=maps, display=str(args.file), root=guide.root
        )
    except ImportError_ as exc:
        code = EXIT_USAGE if str(exc).startswith("--map") else EXIT_PROBLEM
        raise CommandError(str(exc), code) from None
    for path in result.written + result.organizations:
        shown = path.relative_to(guide.root).as_posix() if path.is_relative_to(guide.root) else path
        print(f"wrote {visible(str(shown))}")
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    if result.ignored_columns:
        print(
            "ignored columns: "
            + ", ".join(visible(c) for c in result.ignored_columns)
            + " (map them with --map COLUMN=FIELD)",
            file=sys.stderr,
        )
    refused = len(result.problems)
    print(
        f"{len(result.written)} contact{'s' * (len(result.written) != 1)} imported, "
        f"{refused} row{'s' * (refused != 1)} refused",
        file=sys.stderr,
    )
    if result.failure:
        print(f"prepguide: {visible(result.failure)}", file=sys.stderr)
    return EXIT_PROBLEM if refused or result.failure else EXIT_OK
