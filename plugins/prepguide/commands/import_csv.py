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
        "overwriting a file). Headers such as name, first name and last name, employer, title, "
        "email, linkedin, school, graduation year, industry, tags and consent are recognised, "
        "and LinkedIn's Connections.csv is read as it is; --map COLUMN=FIELD maps any other "
        'header and --map "First Name+Last Name=name" joins columns. All or nothing: when a '
        "row is refused, every bad row is reported by line number and nothing is written.",
    )
    parser.add_argument("file", type=Path, metavar="FILE.csv", help="the spreadsheet, as CSV")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=f"map a column (or COLUMN+COLUMN, joined) to a field ({', '.join(FIELDS)})",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Import every row, or none: exit 1 when any row is refused (nothing is written then)."""
    guide = find_guide()
    try:
        maps = parse_maps(args.map)
        result = import_csv(
            args.file, guide.content_dir, maps=maps, display=str(args.file), root=guide.root
        )
    except ImportError_ as exc:
        if exc.problem is not None:
            print(exc.problem.format(), file=sys.stderr)
            print("nothing imported", file=sys.stderr)
            return EXIT_PROBLEM
        code = EXIT_USAGE if str(exc).startswith("--map") else EXIT_PROBLEM
        raise CommandError(str(exc), code) from None
    for note in result.notes:
        print(visible(note), file=sys.stderr)
    for path in result.organizations + result.written:
        shown = path.relative_to(guide.root).as_posix() if path.is_relative_to(guide.root) else path
        print(f"wrote {visible(str(shown))}")
    for problem in sorted(result.problems + result.warnings):
        print(problem.format(), file=sys.stderr)
    if result.ignored_columns:
        print(
            "ignored columns: "
            + ", ".join(visible(c) for c in result.ignored_columns)
            + " (map them with --map COLUMN=FIELD)",
            file=sys.stderr,
        )
    refused = len(result.problems)
    if refused:
        print(
            f"nothing imported: {refused} row{'s' * (refused != 1)} refused; correct "
            f"{'them' if refused != 1 else 'it'} (or remove {'them' if refused != 1 else 'it'} "
            "from the file) and run the import again",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    if result.failure:
        print(f"prepguide: {visible(result.failure)}", file=sys.stderr)
        return EXIT_PROBLEM
    print(
        f"{len(result.written)} contact{'s' * (len(result.written) != 1)} imported",
        file=sys.stderr,
    )
    return EXIT_OK
