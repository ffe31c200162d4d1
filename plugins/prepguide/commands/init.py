"""``prepguide init DIR [--playbook]``: start a new guide repository."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any

from ..cli import EXIT_OK, CommandError
from ..errors import visible
from ..scaffold import ScaffoldError, init_guide


def register(sub: Any) -> None:
    """Add the ``init`` subcommand."""
    init = sub.add_parser(
        "init",
        help="create a new guide: mkdocs.yml, content/ with samples, site_overrides/",
        description="Create a new guide repository in DIR (which must be new or empty): "
        "mkdocs.yml, content/ with a sample profile, organization and contact, "
        "site_overrides/ and .gitignore.",
    )
    init.add_argument("dir", metavar="DIR", type=Path, help="the folder to create")
    init.add_argument(
        "--playbook",
        action="store_true",
        help="a career office's public playbook: no profile, audience public, guide pages "
        "in content/guides/, a sample alumnus, branding in site_overrides/, a CI workflow "
        "and a pre-commit hook",
    )
    init.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Create the guide and print what was written and what to do next."""
    target: Path = args.dir
    try:
        written = init_guide(target, playbook=args.playbook)
    except ScaffoldError as exc:
        raise CommandError(str(exc)) from None
    kind = "playbook" if args.playbook else "guide"
    print(f"Created a new {kind} in {visible(str(target))}:")
    for path in written:
        print(f"  {path.relative_to(target).as_posix()}")
    folder = shlex.quote(str(target))
    print()
    print("Next:")
    print(f"  cd {visible(folder)}")
    install = "-r requirements.txt" if args.playbook else "prepguide"
    print(f"  python3 -m venv .venv && .venv/bin/pip install {install}")
    print("  .venv/bin/prepguide check")
    print("  .venv/bin/mkdocs serve")
    return EXIT_OK
