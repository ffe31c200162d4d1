"""``prepguide intro ID``: print a contact's one-minute intro and its spoken time."""

from __future__ import annotations

import argparse
from typing import Any

from ...errors import visible, visible_lines
from ...read.validate import closest
from ..base import EXIT_OK, CommandError, load_guide


def register(sub: Any) -> None:
    """Add the ``intro`` subcommand."""
    parser = sub.add_parser(
        "intro",
        help="print a contact's intro script and its spoken time",
        description="Print the one-minute intro for contact ID (the hand-written `intro`, or "
        "the generated one), then a line `~N seconds (W words)` at the guide's "
        "words_per_minute, then how the contact's goals, story and notes read once "
        "converted to speak to them (only those whose words change).",
    )
    parser.add_argument("id", help="the contact's id (its file name without .yml)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the intro of one contact."""
    from ...tailor.intro import readings
    from ...tailor.prep import build_prep

    guide, corpus = load_guide()
    contact = corpus.contacts.get(args.id)
    if contact is None:
        if corpus.errors and corpus.paths.get(("contact", args.id)) is None:
            problems = [p for p in corpus.errors if p.path.endswith(f"/{args.id}.yml")]
            if problems:
                raise CommandError(
                    f"{problems[0].format()}\nfix the file first (`prepguide check`)"
                )
        guess = closest(args.id, corpus.contacts)
        hint = f"; did you mean `{guess}`?" if guess else "; see `content/contacts/`"
        raise CommandError(f"no contact `{args.id}`{hint}")
    intro = build_prep(corpus, contact, guide.options).intro
    print(visible_lines(intro.text))
    print(f"~{intro.seconds} seconds ({intro.words} words)")
    # How goals, story and notes read once converted to "you speak to them"
    # (docs/prep.md, "Whose voice"): only those whose words change.
    changed = [r for r in readings(contact, corpus.profile) if r.converted != r.original]
    if changed:
        print("\nYour notes as the texts say them to " + visible(contact.name) + ":")
    for reading in changed:
        path, line, column = corpus.locate("contact", args.id, reading.field)
        where = f"{visible(path)}:{line}:{column}: {reading.label}"
        if reading.converted is None:
            print(f"{where}: left out ({visible(reading.reason or '')})")
        else:
            print(f'{where}: "{visible(reading.original)}" -> "{visible(reading.converted)}"')
    return EXIT_OK
