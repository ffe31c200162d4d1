"""``prepguide check``: validate a guide and print every problem at once."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ...guide.config_file import Guide, GuideError, read_config
from ...render.generated import setup_problems
from ..base import EXIT_OK, EXIT_PROBLEM, all_problems, load_guide


def register(sub: Any) -> None:
    """Add the ``check`` subcommand."""
    check = sub.add_parser(
        "check",
        help="validate every research file and lint questions and intros",
        description="Validate every file under DIR (default: the guide's content folder) "
        "and print all problems at once as path:line:col: severity: message.",
    )
    check.add_argument("dir", nargs="?", type=Path, help="the content folder")
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json (a list of objects) or github (workflow annotations)",
    )
    check.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """``prepguide check``: print every problem; exit 1 when any is an error."""
    guide, corpus = load_guide(args.dir)
    # a playbook whose requirements.txt still names no prepguide (docs/playbook.md)
    problems = sorted(
        all_problems(guide, corpus)
        + setup_problems(guide.root, custom_dir(guide))  # as the build reports them
    )
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
    elif args.format == "github":
        for problem in problems:
            print(problem.format_github())
    else:
        for problem in problems:
            print(problem.format())
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        files = len(corpus.source_files)
        print(
            f"{files} file{'s' * (files != 1)} checked: "
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
            file=sys.stderr,
        )
    return EXIT_PROBLEM if any(p.severity == "error" for p in problems) else EXIT_OK


def custom_dir(guide: Guide) -> Path | None:
    """The theme's ``custom_dir`` of the guide's mkdocs.yml (as MkDocs resolves it), if any."""
    if guide.config_file is None:
        return None
    try:
        theme = read_config(guide.config_file).get("theme")
    except GuideError:
        return None
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    return guide.config_file.parent / str(folder) if isinstance(folder, str) and folder else None
