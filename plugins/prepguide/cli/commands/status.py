"""``prepguide status ID STATUS [--date WHEN]``: move a conversation along.

Sets ``meeting.status`` (and ``meeting.date``, or ``meeting.requested`` for
``requested``) in ``contacts/ID.yml``, changing no other line of the file
(see :mod:`prepguide.write.edit`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ...errors import dangling_link, dangling_message, visible
from ...guide.config_file import Guide, find_guide
from ...guide.corpus import CorpusLoader
from ...read.fields import ID_RE
from ...read.model import STATUSES
from ...write.edit import EditError, parse_status, parse_when, set_status, suggest_id
from ..base import EXIT_OK, CommandError


def register(sub: Any) -> None:
    """Add the ``status`` subcommand."""
    status = sub.add_parser(
        "status",
        help="set a contact's meeting status (and date) in its file, changing no other line",
        description="Set meeting.status in contacts/ID.yml, keeping every other line, comment "
        "and quote as it is. With --date, also set meeting.date; for `requested`, --date sets "
        "meeting.requested instead (default: today).",
        epilog="statuses: " + ", ".join(STATUSES),
    )
    status.add_argument("id", metavar="ID", help="the contact's id (its file name without .yml)")
    status.add_argument("status", metavar="STATUS", help="one of: " + ", ".join(STATUSES))
    status.add_argument(
        "--date",
        metavar="WHEN",
        help='YYYY-MM-DD or "YYYY-MM-DD HH:MM" (local time of the guide)',
    )
    status.set_defaults(handler=run)


def known_ids(folder: Path, kind: str, guide: Guide) -> dict[str, str]:
    """Return the ids of one folder (``contacts`` or ``organizations``) with their names.

    A file that does not load keeps its id as its name.
    """
    if not folder.is_dir():
        return {}
    stems = {p.stem: p.stem for p in folder.glob("*.yml") if ID_RE.match(p.stem)}
    corpus = CorpusLoader().load(guide.content_dir, guide.root)
    items = corpus.contacts if kind == "contact" else corpus.organizations
    for ident, model in items.items():
        if ident in stems:
            stems[ident] = model.name
    return stems


def unknown_id_message(word: str, kind: str, folder: Path, guide: Guide) -> str:
    """The message for an id that has no file: a did-you-mean, or how to create it."""
    where = _display(folder, guide.root)
    guess = suggest_id(word, known_ids(folder, kind, guide))
    if guess:
        return f"no {kind} `{word}` in {where}/; did you mean `{guess}`?"
    return f'no {kind} `{word}` in {where}/; create it with `prepguide new {kind} "Full Name"`'


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def run(args: argparse.Namespace) -> int:
    """Edit the contact's file; exit 1 with a one-line reason on any problem."""
    try:
        status = parse_status(args.status)
        when = parse_when(args.date) if args.date is not None else None
    except EditError as exc:
        raise CommandError(str(exc)) from None
    guide = find_guide()
    folder = guide.content_dir / "contacts"
    path = folder / f"{args.id}.yml"
    if not ID_RE.match(args.id) or not path.is_file():
        target = dangling_link(path) if ID_RE.match(args.id) else None
        if target is not None:  # not "did you mean `x`?" for the link `x.yml` itself
            raise CommandError(dangling_message(f"contacts/{path.name}", target))
        raise CommandError(unknown_id_message(args.id, "contact", folder, guide))
    display = _display(path, guide.root)
    try:
        change = set_status(
            path,
            status,
            when=when,
            today=guide.options.resolved_today(),
            contact_id=args.id,
            display=display,
        )
    except EditError as exc:
        raise CommandError(f"{display}: {exc}" if display not in str(exc) else str(exc)) from None
    if change.changed_lines == 0:
        print(f"{display}: already {status}; nothing changed")
        return EXIT_OK
    before = change.before or "(none)"
    details = [f"meeting.status {before} → {status}"]
    details += [f"meeting.{k} {v}" for k, v in change.fields.items() if k != "status"]
    print(f"{display}: " + ", ".join(details))
    if change.target is not None:
        print(
            f"note: {display} is a symbolic link; the file it points to, "
            f"{visible(_display(change.target, guide.root))}, was edited and the link kept",
            file=sys.stderr,
        )
    if change.note:
        print(f"note: {change.note}", file=sys.stderr)
    if not change.exact:
        print(
            "note: the file was rewritten as a whole, so some other lines were reformatted; "
            "check `git diff`",
            file=sys.stderr,
        )
    if status == "scheduled" and not (change.meeting or {}).get("date"):
        print(
            f'tip: add --date "YYYY-MM-DD HH:MM" (prepguide status {args.id} scheduled --date …) '
            "to show the meeting as upcoming and put it in the calendar",
            file=sys.stderr,
        )
    return EXIT_OK
