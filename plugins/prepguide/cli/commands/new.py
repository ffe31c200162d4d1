"""``prepguide new contact|organization NAME``: a new commented file from a template."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ...errors import visible
from ...guide.config_file import find_guide
from ...ids import MAX_ID_LENGTH, free_id, slugify
from ...write.scaffold import FOLDER, ScaffoldError, clean_name, new_file
from ..base import EXIT_OK, EXIT_USAGE, CommandError
from .status import known_ids


def register(sub: Any) -> None:
    """Add the ``new`` subcommand."""
    new = sub.add_parser(
        "new",
        help="write a new contact or organization file from a commented template",
        description="Write content/contacts/ID.yml (or content/organizations/ID.yml) from a "
        'commented template, with the id folded from NAME ("Zoë Núñez" → zoe-nunez). '
        "Never overwrites an existing file.",
    )
    new.add_argument("kind", choices=("contact", "organization"), help="what to create")
    new.add_argument("name", metavar="NAME", help='the full name, in quotes: "Grace O\'Neil"')
    new.add_argument("--org", metavar="ID", help="the contact's organization (an existing id)")
    new.add_argument(
        "--via",
        metavar="ID",
        help="the contact who referred this person (an existing id): sets connection.type "
        "mutual and connection.via",
    )
    new.add_argument("--id", metavar="ID", help="the id to use instead of the one from NAME")
    new.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the file and print its path; exit 1 when it exists or an id is unknown."""
    if args.kind == "organization" and (args.org or args.via):
        option = "--org" if args.org else "--via"
        raise CommandError(f"{option} applies to contacts only", EXIT_USAGE)
    guide = find_guide()
    if not guide.content_dir.is_dir():
        raise CommandError(
            f"no content folder at {guide.content_dir}; run the command inside a guide "
            "(or `prepguide init DIR` to start one)"
        )
    contacts = known_ids(guide.content_dir / "contacts", "contact", guide)
    organizations = known_ids(guide.content_dir / "organizations", "organization", guide)
    known = contacts if args.kind == "contact" else organizations
    ident: str | None = args.id
    notes: list[str] = []
    if ident is not None and len(ident) > MAX_ID_LENGTH:
        raise CommandError(
            f"--id: `{ident}` is longer than {MAX_ID_LENGTH} characters; ids become file names "
            f"and URLs, so choose a shorter one, e.g. --id {slugify(ident) or args.kind}"
        )
    if ident is None and clean_name(args.name) and not slugify(args.name):
        # A name of only symbols or emoji still gets a file (docs/usage.md, "Files").
        folder = guide.content_dir / FOLDER[args.kind]
        ident = free_id(
            "",
            lambda i: i in known or (folder / f"{i}.yml").exists(),
            fallback=args.kind,
        )
        notes.append(
            f"the name has no letter or digit to make an id from, so the id is `{ident}`; "
            "choose another with --id"
        )
    try:
        created = new_file(
            args.kind,
            args.name,
            content_dir=guide.content_dir,
            root=guide.root,
            known=known,
            organizations=organizations,
            contacts=contacts,
            organization=args.org,
            via=args.via,
            ident=ident,
        )
    except ScaffoldError as exc:
        raise CommandError(str(exc)) from None
    for warning in notes + created.warnings:
        print(f"warning: {visible(warning)}", file=sys.stderr)
    print(visible(_shown(created.path)))
    return EXIT_OK


def _shown(path: Path) -> str:
    """The path relative to the current folder when it is below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return os.fspath(path)
