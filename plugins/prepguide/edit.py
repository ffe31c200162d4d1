"""Edit a research file in place, changing only the lines that must change.

``prepguide status`` rewrites one contact's ``meeting`` fields. The file is a
person's notes, full of comments and their own formatting, so the edit must
leave every other line byte for byte as it was. The approach:

1. Load the file with ruamel.yaml's round-trip mode (comments, key order and
   quoting kept), with the indentation detected from the file itself.
2. Change the values in the loaded tree and dump it.
3. Compare the dump with the original line by line and keep the original
   text of every line outside the edited entries: ruamel.yaml normalises a
   few things (``key:   value`` spacing, ``~``, escapes, a leading ``---``)
   that must not show up as changes.
4. Check that the result means exactly the original data plus the edits
   (parsed with prepguide's own loader). If keeping the original lines broke
   anything, fall back to the plain round-trip dump and say so.

Line endings (LF or CRLF) and a UTF-8 byte-order mark are kept. Writing is
atomic (a temporary file in the same folder, then ``os.replace``) and refused
when the file changed on disk while it was being edited.

**Concurrent edits** (see docs/workflow.md). :func:`edit_file` holds an
exclusive ``flock`` on the file from the read to the rename, so two
``prepguide status`` runs on one file take turns and the second reads what the
first wrote. The lock is on the file itself, not on a lock file beside it, so
nothing is left in ``contacts/``; since the rename puts a new file in place, a
process that waited for the lock checks that the path still names the file it
locked, and locks the new one if not. Other programs (an editor) do not take
the lock: for them the fingerprint check before the rename remains.

**Interruptions.** The temporary file is removed on every way out (an error,
Ctrl-C, ``SIGTERM`` or ``SIGHUP`` during the write): no hidden copy of the
notes is left behind.

**Symbolic links.** A contact file that is a symbolic link is edited where it
points: the target is replaced atomically and the link stays a link.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import io
import os
import re
import signal
import stat
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from .errors import format_problems, os_reason
from .loader import LoadError, load_bytes
from .model import STATUSES, slugify
from .validate import closest, validate_document

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, the fingerprint check stays
    fcntl = None  # type: ignore[assignment]

BOM = b"\xef\xbb\xbf"

MEETING_ORDER: tuple[str, ...] = ("status", "requested", "date", "duration", "format", "place")
"""The order of ``meeting`` fields; a new field goes after the ones before it."""

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_WHEN = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$")


class EditError(Exception):
    """The file cannot be edited; the message says why and what to do."""


class ConcurrentEditError(EditError):
    """The file changed on disk while it was being edited."""


LOCK_TIMEOUT = 30.0
"""Seconds to wait for another prepguide editing the same file."""


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when it was read."""

    mtime_ns: int
    size: int
    digest: str


@dataclass(frozen=True)
class TextEdit:
    """The edited bytes of a file.

    Attributes:
        data: The new file content.
        exact: True when only the lines of the edited entries changed; False when
            the file had to be re-dumped as a whole (other lines reformatted).
        changed_lines: How many lines were removed, added or replaced.
    """

    data: bytes
    exact: bool
    changed_lines: int


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
    """Write a date as ``YYYY-MM-DD`` and a date-time as ``YYYY-MM-DD HH:MM``."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def suggest_id(word: str, known: Mapping[str, str]) -> str | None:
    """Return the id a user probably meant.

    Arguments:
        word: What the user typed: an id with a typo, a first name, a full name.
        known: The existing ids, each with its person's or organization's name.
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


# --- files ----------------------------------------------------------------------------------


def fingerprint(path: Path, data: bytes | None = None) -> Fingerprint:
    """Return the modification time, size and SHA-256 of a file.

    Arguments:
        path: The file.
        data: Its content when already read (it is read otherwise).
    """
    st = path.stat()
    if data is None:
        data = path.read_bytes()
    return Fingerprint(st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())


def _before_write(path: Path) -> None:
    """Called after the new content is ready and before the final check.

    Does nothing; tests replace it to simulate another program writing the
    file in the meantime.
    """


def write_atomically(path: Path, data: bytes, expected: Fingerprint) -> None:
    """Replace ``path`` with ``data`` unless it changed since ``expected`` was taken.

    The data goes to a temporary file in the same folder, which then replaces
    the original with ``os.replace`` (atomic on POSIX and Windows); the
    original's permission bits are kept. The temporary file is removed on
    every way out, Ctrl-C and ``SIGTERM`` included.

    Raises:
        ConcurrentEditError: The file's time, size or content differ from ``expected``.
        EditError: The file cannot be written.
    """
    _before_write(path)
    try:
        current = fingerprint(path)
    except OSError:
        current = None
    if current != expected:
        raise ConcurrentEditError(
            f"{path.name} changed on disk while prepguide was editing it; nothing was written: "
            "run the command again"
        )
    temp: str | None = None
    with _signals_interrupt():
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, mode)
            os.replace(temp, path)
            temp = None
        except OSError as exc:
            raise EditError(f"cannot write {path.name}: {os_reason(exc)}") from None
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """Turn ``SIGTERM`` and ``SIGHUP`` into ``SystemExit`` while the block runs.

    Their default action ends the process at once, skipping ``finally`` blocks
    (which remove the temporary file); as an exception they unwind like Ctrl-C.
    Only the main thread can set signal handlers; elsewhere nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = ("SIGTERM", "SIGHUP")
    numbers = [getattr(signal, n) for n in names if hasattr(signal, n)]

    def interrupt(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {}
    for number in numbers:
        handler = signal.getsignal(number)
        if handler in (signal.SIG_DFL, None):  # keep a handler someone else installed
            previous[number] = signal.signal(number, interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def real_path(path: Path) -> Path:
    """The file to edit for ``path``: itself, or where its symbolic link(s) lead."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


@contextlib.contextmanager
def locked(
    path: Path, display: str, *, timeout: float = LOCK_TIMEOUT
) -> Iterator[io.BufferedReader]:
    """Open ``path`` for reading and hold an exclusive lock on it while the block runs.

    Another prepguide editing the file waits for the block to end. Since a
    finished edit replaces the file (a new inode), the lock is taken again on
    the new file when the path changed while waiting. Without ``fcntl``
    (Windows) or on a file system without locks, the file is only opened.

    Raises:
        EditError: The file cannot be opened, disappeared, or stayed locked
            for ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below or by the caller's block
        except OSError as exc:
            raise EditError(f"cannot read {display}: {os_reason(exc)}") from None
        try:
            if _lock(handle, deadline, display) and not _same_file(handle, path):
                handle.close()  # replaced by the edit we waited for: lock the new file
                if time.monotonic() > deadline:
                    raise EditError(f"{display} keeps changing; run the command again")
                continue
        except BaseException:
            handle.close()
            raise
        break
    try:
        yield handle
    finally:
        handle.close()  # closing releases the lock


def _lock(handle: io.BufferedReader, deadline: float, display: str) -> bool:
    """Take an exclusive lock on an open file; return False when locks are unavailable."""
    if fcntl is None:  # pragma: no cover - Windows
        return False
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise EditError(
                    f"{display} is being edited by another prepguide command; "
                    "wait for it to finish and run the command again"
                ) from None
            time.sleep(0.01)
        except OSError:  # pragma: no cover - a file system without locks (some NFS)
            return False


def _same_file(handle: io.BufferedReader, path: Path) -> bool:
    """Whether ``path`` still names the open file."""
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(handle.fileno())
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


def edit_file(
    path: Path, change: Callable[[bytes], bytes], *, display: str | None = None
) -> tuple[bytes, bytes]:
    """Read, change and write back one file, holding its lock all along.

    The read happens under the lock (see :func:`locked`), so ``change`` always
    sees the latest version written by another prepguide; the write is atomic
    (:func:`write_atomically`). A symbolic link is followed: its target is
    edited and the link kept.

    Arguments:
        path: The file (or a symbolic link to it).
        change: Returns the new content for the current content; returning the
            same bytes writes nothing. Its :class:`EditError` aborts the edit.
        display: The file's name in messages.

    Returns:
        The content before and after the edit.

    Raises:
        EditError: The file cannot be read or written, ``change`` refused, or the
            file changed on disk meanwhile (:class:`ConcurrentEditError`).
    """
    display = display or path.name
    target = real_path(path)
    with locked(target, display) as handle:
        try:
            raw = handle.read()
            st = os.fstat(handle.fileno())
        except OSError as exc:
            raise EditError(f"cannot read {display}: {os_reason(exc)}") from None
        before = Fingerprint(st.st_mtime_ns, st.st_size, hashlib.sha256(raw).hexdigest())
        data = change(raw)
        if data != raw:
            write_atomically(target, data, before)
    return raw, data


# --- round-trip editing ----------------------------------------------------------------------


def _split_lines(text: str) -> list[str]:
    return _LINE.findall(text)


def _bare(line: str) -> str:
    return line[:-1].rstrip("\r") if line.endswith("\n") else line


def _is_filler(line: str) -> bool:
    """A blank line, a comment or a document marker: never part of a value's text."""
    text = _bare(line).strip()
    return not text or text.startswith("#") or text in ("---", "...")


def _detect_indent(root: Any) -> tuple[int, int, int]:
    """Return ruamel's ``(mapping, sequence, offset)`` indentation used by the file."""
    maps: Counter[int] = Counter()
    seqs: Counter[tuple[int, int]] = Counter()

    def walk(node: Any) -> None:
        if isinstance(node, CommentedMap):
            if node.fa.flow_style():
                return
            for key in node:
                value = node[key]
                key_col = node.lc.key(key)[1]
                if isinstance(value, CommentedMap) and value and not value.fa.flow_style():
                    maps[value.lc.key(next(iter(value)))[1] - key_col] += 1
                elif isinstance(value, CommentedSeq) and value and not value.fa.flow_style():
                    dash = value.lc.col
                    item = value.lc.item(0)[1]
                    if dash is not None and dash >= key_col and item > dash:
                        seqs[(item - key_col, dash - key_col)] += 1
                walk(value)
        elif isinstance(node, CommentedSeq):
            if node.fa.flow_style():
                return
            for item in node:
                walk(item)

    walk(root)
    mapping = maps.most_common(1)[0][0] if maps else 2
    mapping = mapping if 1 < mapping < 10 else 2
    sequence, offset = seqs.most_common(1)[0][0] if seqs else (mapping, 0)
    if not (offset >= 0 and offset + 2 <= sequence < 12):
        sequence, offset = max(mapping, 2), 0
    return mapping, sequence, offset


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return yaml


def _styled(new: Any, old: Any) -> Any:
    """Give a new value the quoting of the value it replaces."""
    text = new.isoformat() if isinstance(new, date) else str(new)
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(text)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(text)
    return new


def _plain(value: Any) -> Any:
    """A value as prepguide's loader reads it back (dates stay text)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _cut_trailing(token: CommentToken) -> str | None:
    """Split a comment token after its first line; return the rest (comment lines)."""
    text = token.value
    end = text.find("\n")
    if end < 0 or end == len(text) - 1:
        return None
    token.value = text[: end + 1]
    return text[end + 1 :]


def _take_trailing(node: Any) -> tuple[str | None, Any]:
    """Detach the comment lines that follow the last entry of a block collection.

    ruamel.yaml attaches blank lines and comments that stand between two
    entries to the end of the entry before. Appending an entry after that
    would put the comment above the new entry instead of where it was; this
    takes it off so that the caller can re-attach it after the new entry.

    Returns:
        The detached text (or None) and the comment slot of the last entry, where
        the caller may add a blank line.
    """
    if not isinstance(node, (CommentedMap, CommentedSeq)) or not node or node.fa.flow_style():
        return None, None
    # ruamel keeps a mapping entry's trailing comment in slot 2, a list item's in slot 0
    key: Any = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
    position = 2 if isinstance(node, CommentedMap) else 0
    value = node[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and value:
        rest, slot = _take_trailing(value)
        if slot is not None:
            return rest, slot
        if not value.fa.flow_style():
            return None, None
    entry = node.ca.items.setdefault(key, [None, None, None, None])
    if entry[position] is None:
        return None, (entry, position)
    return _cut_trailing(entry[position]), (entry, position)


def _attach_trailing(node: CommentedMap, rest: str) -> None:
    """Attach comment lines after the last (scalar) entry of a new mapping."""
    last = list(node)[-1]
    node.ca.items[last] = [None, None, CommentToken("\n" + rest, CommentMark(0), None), None]


def _append(mapping: CommentedMap, key: str, value: Any, *, blank_line: bool = False) -> None:
    """Append an entry to a block mapping, keeping the comments below the old last entry."""
    rest, slot = _take_trailing(mapping)
    if blank_line and slot is not None:
        entry, index = slot
        token = entry[index]
        if token is None:
            entry[index] = CommentToken("\n\n", CommentMark(0), None)
        elif not token.value.endswith("\n\n"):
            token.value += "\n"
    mapping[key] = value
    if rest:
        if isinstance(value, CommentedMap) and value:
            _attach_trailing(value, rest)
        else:
            mapping.ca.items[key] = [
                None,
                None,
                CommentToken("\n" + rest, CommentMark(0), None),
                None,
            ]


def _insert(section: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Insert a new entry at its place in ``order`` (after the fields that precede it)."""
    rank = {name: i for i, name in enumerate(order)}
    mine = rank.get(key, len(order))
    position = 0
    for index, existing in enumerate(section):
        if rank.get(existing, len(order)) <= mine:
            position = index + 1
    if position >= len(section):
        _append(section, key, value)
    else:
        section.insert(position, key, value)


_KEY = re.compile(r"^([ ]*(?:-[ ]+)?)([^\s#:'\"][^:#]*?|'[^']*'|\"[^\"]*\")[ ]*:(?:[ ]|$)")


def _key_of(line: str) -> tuple[str, str] | None:
    """The indentation and key of a ``key: value`` line, if it is one."""
    match = _KEY.match(_bare(line))
    return (match.group(1), match.group(2)) if match else None


def _counterpart(
    line: str, key: tuple[str, str] | None, chunk: list[str], used: set[int]
) -> int | None:
    """The unused dumped line that stands for an original line, if any.

    Tried in order: the same indentation and key; the same text; the same text
    indented differently.
    """
    free = [(p, c) for p, c in enumerate(chunk) if p not in used]
    if key is not None:
        for position, candidate in free:
            if _key_of(candidate) == key:
                return position
    text = _bare(line)
    for position, candidate in free:
        if _bare(candidate) == text:
            return position
    for position, candidate in free:
        if _bare(candidate).strip() == text.strip():
            return position
    return None


def _merge_hunk(old: list[str], indexes: range, chunk: list[str], allowed: set[int]) -> list[str]:
    """Merge one changed block: the dumped lines, with the original text put back.

    Every original line outside ``allowed`` survives as it was: a ``key: value``
    line replaces the dumped line with the same indentation and key (ruamel.yaml
    may have re-spaced it); another line (comment, blank, ``---``, ``...``) that
    the dump dropped is put back after the line it followed, a document end
    marker at the end. Original lines in ``allowed`` give way to the dumped ones.

    Arguments:
        old: The original lines of the block.
        indexes: Their indexes in the file.
        chunk: The dumped lines of the block (with the file's line endings).
        allowed: Indexes of original lines that the edit replaces.
    """
    result = list(chunk)
    used: set[int] = set()
    before: dict[int, list[str]] = defaultdict(list)
    anchor = -1
    for line, index in zip(old, indexes, strict=True):
        key = _key_of(line)
        match = _counterpart(line, key, chunk, used)
        if match is not None:
            used.add(match)
            if index not in allowed:
                result[match] = line
            anchor = max(anchor, match)
            continue
        if index in allowed:
            continue  # replaced by the edit (e.g. a folded value's continuation line)
        mark = _bare(line).strip()
        if mark == "...":
            before[len(chunk)].append(line)
        elif mark.startswith(("---", "%")):
            before[0].append(line)
        else:
            before[anchor + 1].append(line)
    merged: list[str] = []
    for position, line in enumerate(result):
        merged.extend(before.get(position, ()))
        merged.append(line)
    merged.extend(before.get(len(result), ()))
    return merged


def _reconcile(
    old: list[str],
    new: list[str],
    allowed: set[int],
    region: tuple[int, int],
    newline: str,
) -> list[str]:
    """Keep the original text of every line outside the edit.

    Arguments:
        old: The original lines, with their line endings.
        new: The dumped lines (LF endings).
        allowed: Indexes of original lines that the edit replaces.
        region: The inclusive range of original lines (and insertion points)
            where lines may be added or removed; a changed block that touches or
            adjoins it is merged (original lines put back), any other is reverted.
        newline: The line ending for lines taken from ``new``.

    Returns:
        The merged lines.
    """
    # Blank lines are "junk": they never anchor a match, so the alignment follows
    # the lines with content (a blank line matches only next to its neighbours).
    matcher = difflib.SequenceMatcher(
        lambda x: not x.strip(), [_bare(x) for x in old], [_bare(x) for x in new], False
    )
    merged: list[str] = []

    def fresh(line: str) -> str:
        return _bare(line) + newline if line.endswith("\n") else line

    low, high = region
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            merged.extend(old[i1:i2])
            continue
        touches = any(i in allowed for i in range(i1, i2))
        near = i1 <= high + 1 and i2 >= low  # overlaps or adjoins the region
        if touches or near:
            chunk = [fresh(x) for x in new[j1:j2]]
            merged.extend(_merge_hunk(old[i1:i2], range(i1, i2), chunk, allowed))
        else:
            merged.extend(old[i1:i2])
    for index in range(len(merged) - 1):
        if not merged[index].endswith("\n"):
            merged[index] += newline
    return merged


def _count_changes(old: list[str], new: list[str]) -> int:
    """How many lines were removed, added or replaced (line endings included)."""
    matcher = difflib.SequenceMatcher(None, old, new, False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


def update_section(
    raw: bytes,
    section: str,
    updates: Mapping[str, Any],
    *,
    order: Sequence[str] = (),
    display: str = "the file",
) -> TextEdit:
    """Set fields of one top-level mapping of a YAML file, changing no other line.

    Arguments:
        raw: The file's bytes (UTF-8, with or without a byte-order mark).
        section: The top-level key, e.g. ``meeting``; created when absent.
        updates: The fields to set, e.g. ``{"status": "scheduled"}``. Values are
            text, ``date`` objects (written ``2026-12-04``) or numbers.
        order: The usual order of the section's fields; a new field is put
            after the existing ones that come before it.
        display: The file's name in messages.

    Raises:
        EditError: The file is not a YAML mapping, ``section`` is not a mapping,
            or the edit cannot be made without changing the data otherwise.
    """
    bom = raw.startswith(BOM)
    body = raw[len(BOM) :] if bom else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError(f"{display} is not valid UTF-8; save it with UTF-8 encoding") from None
    try:
        original = load_bytes(raw, display).data
    except LoadError as exc:
        raise EditError(f"{exc.problem.format()}; fix it first") from None
    if not isinstance(original, dict):
        raise EditError(f"{display} must be a mapping of fields such as `name: …`")
    current = original.get(section)
    if current is not None and not isinstance(current, dict):
        raise EditError(
            f"{display}: `{section}` must be a mapping of fields (`status: …` lines), "
            "fix it by hand first"
        )
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
    old_lines = _split_lines(text)
    normal = text.replace("\r\n", "\n")

    probe = YAML(typ="rt")
    try:
        root = probe.load(normal)
    except YAMLError as exc:  # pragma: no cover - the loader accepted it
        raise EditError(f"{display} cannot be read as YAML: {exc}") from None
    indent = _detect_indent(root)
    yaml = _yaml(indent)
    root = yaml.load(normal)
    if not isinstance(root, CommentedMap):  # pragma: no cover - checked above
        raise EditError(f"{display} must be a mapping of fields")

    keys = list(root)
    last_line = len(old_lines) - 1
    allowed: set[int] = set()
    if section in root:
        start = root.lc.key(section)[0]
        following = [root.lc.key(k)[0] for k in keys[keys.index(section) + 1 :]]
        end = following[0] - 1 if following else last_line
        region = (start, end)
        value = root[section]
        if isinstance(value, CommentedMap) and not value.fa.flow_style() and value:
            names = list(value)
            for key, new_value in updates.items():
                if key in value and (current or {}).get(key) != _plain(new_value):
                    first = value.lc.key(key)[0]
                    after = [value.lc.key(k)[0] for k in names[names.index(key) + 1 :]]
                    last = after[0] - 1 if after else end
                    while last > first and _is_filler(old_lines[last]):
                        last -= 1
                    allowed.update(range(first, last + 1))
        else:
            last = end
            while last > start and _is_filler(old_lines[last]):
                last -= 1
            allowed.update(range(start, last + 1))
    else:
        start = last_line  # the new section goes after the last value
        while start > 0 and _is_filler(old_lines[start]):
            start -= 1
        region = (start + 1, last_line + 1)

    expected = dict(original)
    expected[section] = {**(current or {}), **{k: _plain(v) for k, v in updates.items()}}

    target = root.get(section)
    if isinstance(target, CommentedMap):
        flow = bool(target.fa.flow_style())
        for key, new in updates.items():
            if flow and isinstance(new, str) and ":" in new:
                # ruamel.yaml reads `15:30` inside `{…}` as a key separator: quote it.
                new = DoubleQuotedScalarString(new)
            if key in target:
                target[key] = _styled(new, target[key])
            else:
                _insert(target, key, new, order)
    else:
        fresh = CommentedMap()
        for key in sorted(updates, key=lambda k: order.index(k) if k in order else len(order)):
            fresh[key] = updates[key]
        if section in root:
            root[section] = fresh
        else:
            blank = bool(re.search(r"\n[ \t]*\r?\n[^\s#]", text))
            _append(root, section, fresh, blank_line=blank)

    out = io.StringIO()
    yaml.dump(root, out)
    dumped = out.getvalue()
    try:
        dumped_data = load_bytes(dumped.encode("utf-8"), display).data
    except LoadError:  # pragma: no cover - a ruamel.yaml bug
        dumped_data = None
    if dumped_data != expected:
        raise EditError(
            f"{display}: prepguide could not make this edit without changing other data; "
            f"edit `{section}` by hand"
        )
    prefix = "\ufeff" if bom else ""
    merged = _reconcile(old_lines, _split_lines(dumped), allowed, region, newline)
    candidate = "".join(merged)
    try:
        ok = load_bytes(candidate.encode("utf-8"), display).data == expected
    except LoadError:
        ok = False
    if ok:
        return TextEdit(
            (prefix + candidate).encode("utf-8"), True, _count_changes(old_lines, merged)
        )
    whole = dumped.replace("\n", newline)
    return TextEdit(
        (prefix + whole).encode("utf-8"), False, _count_changes(old_lines, _split_lines(whole))
    )


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
        fields={k: _plain(v) for k, v in updates.items()},
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
