"""Problems a user can cause, located at ``path:line:col``.

This module has no MkDocs imports: the command line and the MkDocs plugin
share it; the plugin turns the errors it finds into MkDocs' ``PluginError``
at its boundary.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]

# Everything but printable ASCII is looked at (see `_escape`): C0 controls but tab, DEL,
# C1 controls (NEL U+0085 among them), the line and paragraph separators (Zl, Zp: U+2028,
# U+2029) and every format character (Cf: the bidirectional marks, embeddings, overrides
# and isolates, the zero-width characters, U+FEFF, the tag characters) are shown as
# escapes: they move the cursor, recolour or rewrite the terminal, break a line of output
# or make text read in another order than it is (docs/usage.md, "--format github").
_SUSPECT = re.compile(r"[^\t -~]")
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def _escape(match: re.Match[str]) -> str:
    r"""One suspect character as an escape, if it is unsafe (see :func:`visible`).

    >>> print(*(_escape(re.match(".", c)) for c in "\x1b\u202e\U000e0041é"))
    \x1b \u202e \U000e0041 é
    """
    char = match.group()
    if unicodedata.category(char) not in _UNSAFE_CATEGORIES:
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    r"""Make text safe to print on a terminal: control characters shown as escapes.

    ESC, line breaks (U+2028, U+2029 and NEL too), other C0 and C1 control characters,
    bidirectional overrides and every other format character (U+FEFF, zero-width spaces)
    become ``\x1b``, ``\x0a``, ``\u202e``…, so that a file name or a value cannot
    recolour the terminal, move the cursor or fake a line of output. Tabs and everything
    printable are kept.

    >>> print(visible("ok\x1b[31m red\u202egnp.exe Zoë"))
    ok\x1b[31m red\u202egnp.exe Zoë
    >>> print(visible("two\nlines\u2028"))
    two\x0alines\u2028
    """
    return _SUSPECT.sub(_escape, text)


def visible_lines(text: str) -> str:
    r"""Like :func:`visible`, but keep the line breaks of a multi-line message.

    >>> print(visible_lines("first\x07\nsecond"))
    first\x07
    second
    """
    return "\n".join(visible(line) for line in text.split("\n"))


_OS_HINTS: dict[str, str] = {
    "EACCES": "check the permissions of the file and of its folder",
    "EPERM": "check the permissions of the file and of its folder",
    "EROFS": "work in a writable copy of the guide",
    "ENOSPC": "the disk is full; free some space and run the command again",
    "EDQUOT": "the disk quota is exceeded; free some space and run the command again",
    "EISDIR": "a folder stands where a file is expected; rename or remove it",
    "ENOTDIR": "a file stands where a folder is expected; rename or remove it",
    "EEXIST": "something is already there; rename or remove it",
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, with what to do: ``Permission denied; check …``.

    >>> import errno
    >>> os_reason(PermissionError(errno.EACCES, "Permission denied"))
    'Permission denied; check the permissions of the file and of its folder'
    >>> os_reason(OSError(errno.EIO, "Input/output error"))
    'Input/output error'
    """
    import errno

    reason = exc.strerror or str(exc) or type(exc).__name__
    name = errno.errorcode.get(exc.errno or 0, "")
    hint = _OS_HINTS.get(name)
    return f"{reason}; {hint}" if hint else reason


def dangling_link(path: Path) -> str | None:
    """The target of ``path`` if it is a symbolic link to nothing (else ``None``).

    A link whose file is gone (or a loop of links) is neither a file nor a folder:
    the messages about it say so (:func:`dangling_message`), rather than suggest
    renaming the link to the name it already has.
    """
    try:
        if not path.is_symlink() or path.exists():
            return None
        return os.readlink(path)
    except OSError:
        return None


def dangling_message(shown: str, target: str) -> str:
    """The message about a symbolic link to nothing.

    >>> print(dangling_message("contacts/x.yml", "../gone.yml"))
    `contacts/x.yml` is a symbolic link to a missing file (`../gone.yml`); remove it or point it at a file
    """
    return (
        f"`{shown}` is a symbolic link to a missing file (`{target}`); remove it or point it "
        "at a file"
    )


def _github_property(text: str) -> str:
    r"""Escape a property value of a workflow command, as GitHub's runner reads it.

    Then the other control characters and bidi controls are shown as escapes
    (:func:`visible`): a CI log is read like a terminal, so ESC, BEL or U+202E
    never reach it raw (docs/usage.md, "--format github").

    >>> print(_github_property("contacts/Doe, Jane: 100%\x1b.yml"))
    contacts/Doe%2C Jane%3A 100%25\x1b.yml
    """
    return visible(
        text.replace("%", "%25")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
        .replace(":", "%3A")
        .replace(",", "%2C")
    )


def _github_data(text: str) -> str:
    r"""Escape the message of a workflow command (then :func:`visible`, as above).

    >>> print(_github_data("50% done: line\nbreak\x1b"))
    50%25 done: line%0Abreak\x1b
    """
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file.

    Attributes:
        path: The file, as the user should see it (relative to the guide's root).
        line: 1-based line of the offending key or value.
        column: 1-based column.
        severity: ``error`` fails checks and builds; ``warning`` fails only ``--strict``.
        message: What is wrong and how to fix it.
    """

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def format(self) -> str:
        r"""Return the problem as ``path:line:col: severity: message``, safe for a terminal.

        Control characters and bidirectional overrides in the path and the message
        are shown as escapes (see :func:`visible`); :meth:`as_dict` keeps them exact.

        >>> print(Problem("contacts/a\x1b.yml", 3, 7, "error", "`name` is required").format())
        contacts/a\x1b.yml:3:7: error: `name` is required
        """
        return (
            f"{visible(self.path)}:{self.line}:{self.column}: {self.severity}: "
            f"{visible(self.message)}"
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the problem as a JSON-ready mapping."""
        return asdict(self)

    def format_github(self) -> str:
        """Return the problem as a GitHub Actions workflow annotation.

        Property values escape ``%``, CR, LF, ``:`` and ``,`` and the message ``%``,
        CR and LF, as the runner expects: a file name cannot end the annotation
        early or start one of its own (``Doe, Jane.yml`` stays whole).

        >>> print(Problem("contacts/Doe, Jane.yml", 2, 1, "warning", "50%").format_github())
        ::warning file=contacts/Doe%2C Jane.yml,line=2,col=1::50%25
        """
        properties = ",".join(
            f"{key}={_github_property(str(value))}"
            for key, value in (("file", self.path), ("line", self.line), ("col", self.column))
        )
        return f"::{self.severity} {properties}::{_github_data(self.message)}"


def format_problems(problems: Iterable[Problem]) -> str:
    """Format problems one per line, sorted by path and position.

    >>> print(format_problems([Problem("b.yml", 1, 1, "error", "x"), Problem("a.yml", 9, 2, "warning", "y")]))
    a.yml:9:2: warning: y
    b.yml:1:1: error: x
    """
    return "\n".join(p.format() for p in sorted(problems))
