"""Read one file under an exclusive lock and replace it atomically (:func:`edit_file`).

Writing is atomic (a temporary file in the same folder, then ``os.replace``)
and refused when the file changed on disk while it was being edited.

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

**Symbolic links.** A file that is a symbolic link is edited where it
points: the target is replaced atomically and the link stays a link.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import os_reason

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, the fingerprint check stays
    fcntl = None  # type: ignore[assignment]


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
