"""``prepguide status``: read its arguments and set a contact's ``meeting`` fields in place.

The edit changes only the lines that must change (:mod:`prepguide.write.yaml_edit`),
under the file's lock and atomically (:mod:`prepguide.write.file_edit`); this module
reads ``STATUS`` and ``--date``, decides the fields to write and checks the
result against the contact model before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import format_problems
from ..ids import slugify
from ..read.loader import LoadError, load_bytes
from ..read.model import STATUSES
from ..read.validate import closest, validate_document
from .file_edit import EditError, edit_file, real_path
from .yaml_edit import TextEdit, plain, update_section

__all__ = [
    "MEETING_ORDER",
    "EditError",
    "StatusChange",
    "format_when",
    "parse_status",
    "parse_when",
    "set_status",
    "status_updates",
    "suggest_id",
]

MEETING_ORDER: tuple[str, ...] = ("status", "requested", "date", "duration", "format", "place")
"""The order of ``meeting`` fields; a new field goes after the ones before it."""

_WHEN = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$")


@dataclass(frozen=True)
class StatusChange:
    """What ``set_status`` did to a contact file."""

    path: Path
    before: str | None
    """The previous ``meeting.status`` (None when the file had none)."""
    status: str
    fields: dict[str, str]
    """Every ``meeting`` field written, as text (``{"status": "scheduled", "date": …}``)."""
    exact: bool
    changed_lines: int
    note: str | None = None
    """A remark for the user (e.g. a time left out of ``meeting.requested``)."""
    meeting: dict[str, Any] | None = None
    """The ``meeting`` fields after the edit, as the loader reads them."""
    target: Path | None = None
    """The file actually edited when ``path`` is a symbolic link (None otherwise)."""


# --- reading arguments --------------------------------------------------------------------


def parse_status(text: str) -> str:
    """Return ``text`` if it is a meeting status.

    >>> parse_status(" met ")
    'met'

    Raises:
        EditError: Not one of the seven statuses (the message lists them and
            suggests the closest).
    """
    value = text.strip()
    if value in STATUSES:
        return value
    guess = closest(value.lower(), STATUSES)
    hint = f"; did you mean `{guess}`?" if guess else ""
    raise EditError(f"`{text}` is not a status; use one of: {', '.join(STATUSES)}{hint}")


def parse_when(text: str) -> date | datetime:
    """Read ``--date``: ``YYYY-MM-DD`` (a date) or ``YYYY-MM-DD HH:MM`` (a date-time).

    >>> parse_when("2026-12-04"), parse_when("2026-12-04 9:05")
    (datetime.date(2026, 12, 4), datetime.datetime(2026, 12, 4, 9, 5))

    Raises:
        EditError: The text is neither, or names an impossible date or time.
    """
    match = _WHEN.match(text.strip())
    if match is None:
        raise EditError(
            f'`{text}` is not a date; write YYYY-MM-DD or "YYYY-MM-DD HH:MM", '
            'e.g. --date "2026-12-04 15:30"'
        )
    try:
        day = date.fromisoformat(match.group(1))
        if match.group(2) is None:
            return day
        return datetime(day.year, day.month, day.day, int(match.group(2)), int(match.group(3)))
    except ValueError as exc:
        raise EditError(f"`{text}` is not a valid date: {exc}") from None


def format_when(value: date | datetime) -> str:
    """Write a date as ``YYYY-MM-DD`` and a date-time as ``YYYY-MM-DD HH:MM``.

    >>> format_when(date(2026, 12, 4)), format_when(datetime(2026, 12, 4, 9, 5))
    ('2026-12-04', '2026-12-04 09:05')
    """
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def suggest_id(word: str, known: Mapping[str, str]) -> str | None:
    """Return the id a user probably meant.

    Arguments:
        word: What the user typed: an id with a typo, a first name, a full name.
        known: The existing ids, each with its person's or organization's name.

    >>> known = {"grace-oneil": "Grace O'Neil", "mei-fontaine": "Mei Fontaine"}
    >>> suggest_id("mei-fontain", known), suggest_id("Grace", known), suggest_id("Bo", known)
    ('mei-fontaine', 'grace-oneil', None)
    """
    slug = slugify(word)
    if not slug:
        return None
    if slug in known:
        return slug
    guess = closest(slug, known)
    if guess:
        return guess
    by_name = {slugify(name) or ident: ident for ident, name in sorted(known.items())}
    guess = closest(slug, by_name)
    if guess:
        return by_name[guess]
    parts = [
        ident
        for ident, name in sorted(known.items())
        if slug in ident.split("-")
        or slug in (slugify(name) or "").split("-")
        or ident.startswith(slug + "-")
    ]
    return parts[0] if parts else None


# --- the status command's edit ----------------------------------------------------------------


def status_updates(
    status: str, when: date | datetime | None, today: date
) -> tuple[dict[str, Any], str | None]:
    """Return the ``meeting`` fields to write for ``prepguide status``, and a note.

    ``requested`` records ``meeting.requested`` (``--date``, else ``today``; a
    time of day is dropped, with a note); any other status with ``--date`` sets
    ``meeting.date``.
    """
    updates: dict[str, Any] = {"status": status}
    note = None
    if status == "requested":
        day = when if when is not None else today
        if isinstance(day, datetime):
            note = "meeting.requested records the day only; the time was left out"
            day = day.date()
        updates["requested"] = day
    elif isinstance(when, datetime):
        updates["date"] = format_when(when)
    elif when is not None:
        updates["date"] = when
    return updates, note


def set_status(
    path: Path,
    status: str,
    *,
    when: date | datetime | None = None,
    today: date,
    contact_id: str | None = None,
    display: str | None = None,
    validate: Callable[[bytes], list[str]] | None = None,
) -> StatusChange:
    """Set a contact's ``meeting.status`` (and date) in its file, in place.

    Arguments:
        path: The contact file.
        status: One of the seven statuses (checked).
        when: ``--date``: the meeting's date-time, or for ``requested`` the
            day the request was sent.
        today: The guide's today, recorded as ``meeting.requested`` for
            ``requested`` without ``when``.
        contact_id: The id (the file stem by default).
        display: The path to show in messages.
        validate: Returns the error messages of the new content; the default
            validates it as a contact file with prepguide's model.

    Raises:
        EditError: The status, the file or the result is invalid, or the file
            changed on disk meanwhile (:class:`ConcurrentEditError`).
    """
    status = parse_status(status)
    display = display or path.name
    ident = contact_id or path.stem
    updates, note = status_updates(status, when, today)
    check = validate or (lambda data: _contact_errors(data, display, ident))
    made: list[TextEdit] = []

    def change(raw: bytes) -> bytes:
        edit = update_section(raw, "meeting", updates, order=MEETING_ORDER, display=display)
        errors = check(edit.data)
        if errors:
            raise EditError(
                "the file would not be valid after the edit, so it was left unchanged:\n"
                + "\n".join(errors)
            )
        made.append(edit)
        return edit.data

    target = real_path(path)
    raw, data = edit_file(path, change, display=display)
    edit = made[-1]
    previous = load_bytes(raw, display).data.get("meeting") or {}
    after = load_bytes(data, display).data.get("meeting") or {}
    return StatusChange(
        path=path,
        before=previous.get("status") if isinstance(previous, dict) else None,
        status=status,
        fields={k: plain(v) for k, v in updates.items()},
        exact=edit.exact,
        changed_lines=edit.changed_lines,
        note=note,
        meeting=dict(after),
        target=target if target != path else None,
    )


def _contact_errors(data: bytes, display: str, ident: str) -> list[str]:
    """Validate bytes as a contact file; return formatted errors."""
    try:
        doc = load_bytes(data, display)
    except LoadError as exc:
        return [exc.problem.format()]
    _model, problems = validate_document(doc, "contact", ident)
    errors = [p for p in problems if p.severity == "error"]
    return format_problems(errors).splitlines() if errors else []
