"""``prepguide import FILE.csv``: one contact file per spreadsheet row."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ...errors import visible
from ...guide.config_file import find_guide
from ...write.importer import FIELDS, ImportError_, import_csv, parse_maps
from ..base import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, CommandError


def register(sub: Any) -> None:
    """Add the ``import`` subcommand."""
    parser = sub.add_parser(
        "import",
        help="create one contact file per row of a CSV spreadsheet",
        description="Create content/contacts/<id>.yml for each row of FILE.csv (never "
        "overwriting a file). Headers such as name, first name and last name, employer, title, "
        "email, linkedin, school, graduation year, industry, tags and consent are recognised, "
        "and LinkedIn's Connections.csv is read as it is; --map COLUMN=FIELD maps any other "
        'header and --map "First Name+Last Name=name" joins columns. When a '
        "row is refused, it is reported by line number and the other rows are imported; people "
        "already in the guide are skipped.",
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
    """Import the good rows; exit 1 when any row is refused (docs/usage.md)."""
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
            # a consent-like column that is not read: the file needs a --map (exit 2)
            return EXIT_USAGE if exc.usage else EXIT_PROBLEM
        code = EXIT_USAGE if exc.usage or str(exc).startswith("--map") else EXIT_PROBLEM
        raise CommandError(str(exc), code) from None
    for note in result.notes:
        print(visible(note), file=sys.stderr)
    for path in result.organizations + result.written:
        shown = path.relative_to(guide.root).as_posix() if path.is_relative_to(guide.root) else path
        print(f"wrote {visible(str(shown))}")
    for problem in sorted(result.problems + result.warnings + result.skipped):
        print(problem.format(), file=sys.stderr)
    if result.ignored_columns:
        print(
            "ignored columns: "
            + ", ".join(visible(c) for c in result.ignored_columns)
            + " (map them with --map COLUMN=FIELD)",
            file=sys.stderr,
        )
    if result.failure:
        print(f"prepguide: {visible(result.failure)}", file=sys.stderr)
        return EXIT_PROBLEM
    if result.unreadable:
        print(
            "nothing imported: correct the file at those lines and import it again", file=sys.stderr
        )
        return EXIT_PROBLEM
    imported, refused, skipped = len(result.written), len(result.problems), len(result.skipped)
    summary = f"{imported} contact{'s' * (imported != 1)} imported"
    if skipped:
        summary += f", {skipped} already in the guide (skipped)"
    if refused:
        summary += (
            f", {refused} row{'s' * (refused != 1)} refused: correct "
            f"{'them' if refused != 1 else 'it'} and import the file again (the people "
            "imported now are then skipped)"
        )
    print(summary, file=sys.stderr)
    return EXIT_PROBLEM if refused else EXIT_OK
