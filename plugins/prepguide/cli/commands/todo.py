"""``prepguide todo``: what is due as of the guide's ``today``, then upcoming meetings.

The same lists as the site's dashboard (see :mod:`prepguide.tailor.dashboard`).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ...errors import visible
from ...tailor.dashboard import DueItem, Upcoming, due, upcoming
from ..base import EXIT_OK, load_guide


def register(sub: Any) -> None:
    """Add the ``todo`` subcommand."""
    todo = sub.add_parser(
        "todo",
        help="list what is due (past meetings to record, thank-you notes, follow-ups, nudges), "
        "then upcoming meetings",
        description="Print what is due as of the guide's `today` (scheduled meetings whose time "
        "has passed, to record with `prepguide status ID met`; thank-you notes; follow-ups; "
        "nudges for unanswered requests), then the upcoming meetings: the same lists as the "
        "site's dashboard.",
    )
    todo.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help='text (default) or json: {"today": …, "due": […], "upcoming": […]}; a due item '
        'of kind "record" is a meeting whose time has passed, with its start in "when"',
    )
    todo.set_defaults(handler=run)


def due_as_dict(item: DueItem) -> dict[str, Any]:
    """Return a due item as JSON-ready data (ISO dates)."""
    return {
        "contact_id": item.contact_id,
        "name": item.name,
        "kind": item.kind,
        "due": item.due.isoformat(),
        "message": item.message,
        "days_overdue": item.days_overdue,
        "overdue": item.overdue,
        "when": item.when.isoformat(timespec="minutes") if item.when else None,
    }


def upcoming_as_dict(item: Upcoming) -> dict[str, Any]:
    """Return an upcoming meeting as JSON-ready data (ISO date-time with offset)."""
    return {
        "contact_id": item.contact_id,
        "name": item.name,
        "organization": item.organization,
        "when": item.when.isoformat(timespec="minutes"),
        "days": item.days,
        "format": item.format,
        "duration": item.duration,
    }


def format_due(item: DueItem) -> str:
    """One line for a due item: ``2026-11-26  thank-you  Joan Whitcombe — …``.

    Names and notes are the user's: control characters and bidi overrides in them
    are shown as escapes (``\\x1b``, ``\\u202e``), as in every command's text output
    (docs/usage.md); ``--format json`` keeps them exact.

    >>> from datetime import date
    >>> item = DueItem("joan", "Joan\\x1b[2J", "thank-you", date(2026, 11, 26), "send a note", 2)
    >>> print(format_due(item))
    2026-11-26  thank-you  Joan\\x1b[2J — send a note  (overdue by 2 days)
    """
    late = ""
    if item.overdue:
        late = f"  (overdue by {item.days_overdue} day{'s' * (item.days_overdue != 1)})"
    return f"{item.due.isoformat()}  {item.kind:<9}  {visible(item.name)} — {visible(item.message)}{late}"


def format_upcoming(item: Upcoming) -> str:
    """One line for an upcoming meeting (user strings shown with :func:`visible`).

    >>> from datetime import datetime
    >>> when = datetime(2026, 12, 4, 15, 30)
    >>> print(format_upcoming(Upcoming("ana", "Ana Ruiz", "Lumenchart", when, 1, "video", 30)))
    2026-12-04 15:30  tomorrow     Ana Ruiz (Lumenchart) — video, 30 min
    """
    if item.days == 0:
        when = "today"
    elif item.days == 1:
        when = "tomorrow"
    else:
        when = f"in {item.days} days"
    who = item.name + (f" ({item.organization})" if item.organization else "")
    details = ", ".join(part for part in (item.format, f"{item.duration} min") if part)
    return f"{item.when:%Y-%m-%d %H:%M}  {when:<11}  {visible(who)} — {visible(details)}"


def run(args: argparse.Namespace) -> int:
    """Print the due items and upcoming meetings; always exit 0."""
    guide, corpus = load_guide()
    today = guide.options.resolved_today()
    items = due(corpus, guide.options)
    meetings = upcoming(corpus, guide.options)
    if corpus.errors:
        files = len({p.path for p in corpus.errors})
        print(
            f"prepguide: {files} file{'s' * (files != 1)} with errors left out; "
            "run `prepguide check` to see them",
            file=sys.stderr,
        )
    if args.format == "json":
        data = {
            "today": today.isoformat(),
            "due": [due_as_dict(i) for i in items],
            "upcoming": [upcoming_as_dict(m) for m in meetings],
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    if items:
        print(f"Due as of {today.isoformat()}:")
        for item in items:
            print("  " + format_due(item))
    else:
        print(f"Nothing due as of {today.isoformat()}.")
    print()
    if meetings:
        print("Upcoming meetings:")
        for meeting in meetings:
            print("  " + format_upcoming(meeting))
    else:
        print("No upcoming meetings.")
    past = sum(1 for item in items if item.kind == "record")
    if past:
        # The pipeline counts these as scheduled: say where they went
        # (docs/workflow.md, "prepguide todo").
        print(
            f"{past} scheduled meeting{'s' * (past != 1)} whose time has passed "
            f"{'are' if past != 1 else 'is'} listed above: record whether "
            f"{'they' if past != 1 else 'it'} happened."
        )
    return EXIT_OK
