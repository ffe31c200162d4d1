"""``prepguide init DIR [--playbook]``: start a new guide repository."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from ...errors import visible
from ...write.scaffold import ScaffoldError, init_guide, installed_source
from ..base import EXIT_OK, CommandError


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
    source = installed_source() if args.playbook else None
    try:
        written = init_guide(target, playbook=args.playbook, source=source)
    except ScaffoldError as exc:
        raise CommandError(str(exc)) from None
    kind = "playbook" if args.playbook else "guide"
    print(f"Created a new {kind} in {visible(str(target))}:")
    for path in written:
        print(f"  {path.relative_to(target).as_posix()}")
    if source is not None:
        # docs/playbook.md, "Where prepguide comes from"
        print()
        print(f"requirements.txt installs {visible(source.requirement)}")
        if source.placeholder:
            print(
                "warning: prepguide could not tell where it was installed from: fill in the "
                "REPLACE-WITH-... blanks of requirements.txt and .pre-commit-config.yaml "
                "before the first build",
                file=sys.stderr,
            )
        elif source.local:
            print(
                "warning: that is a folder on this computer: before you publish the "
                "playbook, write the address of the prepguide repository in "
                "requirements.txt and .pre-commit-config.yaml",
                file=sys.stderr,
            )
    folder = shlex.quote(str(target))
    print()
    print("Next:")
    print(f"  cd {visible(folder)}")
    install = "-r requirements.txt" if args.playbook else "prepguide"
    print(f"  python3 -m venv .venv && .venv/bin/pip install {install}")
    print("  .venv/bin/prepguide check")
    print("  .venv/bin/mkdocs serve")
    return EXIT_OK
