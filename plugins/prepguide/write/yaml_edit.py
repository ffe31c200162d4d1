"""Set fields of one top-level YAML mapping, changing only the lines that must change.

A research file is a person's notes, full of comments and their own
formatting, so an edit (:func:`update_section`) must leave every other line
byte for byte as it was. The approach:

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

Line endings (LF or CRLF) and a UTF-8 byte-order mark are kept.
"""

from __future__ import annotations

import difflib
import io
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from ..read.loader import LoadError, load_bytes
from .file_edit import EditError

BOM = b"\xef\xbb\xbf"
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


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


def _split_lines(text: str) -> list[str]:
    r"""The lines of ``text``, each with its line ending (the last may have none).

    >>> _split_lines("a: 1\r\n\nb: 2")
    ['a: 1\r\n', '\n', 'b: 2']
    """
    return _LINE.findall(text)


def _bare(line: str) -> str:
    r"""A line without its line ending.

    >>> _bare("a: 1\r\n"), _bare("b: 2")
    ('a: 1', 'b: 2')
    """
    return line[:-1].rstrip("\r") if line.endswith("\n") else line


def _is_filler(line: str) -> bool:
    r"""A blank line, a comment or a document marker: never part of a value's text.

    >>> [_is_filler(x) for x in ("  # note\n", "...\n", "\n", "  status: met\n")]
    [True, True, True, False]
    """
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


def plain(value: Any) -> Any:
    """A value as prepguide's loader reads it back (dates stay text).

    >>> plain(date(2026, 12, 4)), plain(datetime(2026, 12, 4, 15, 30)), plain(90)
    ('2026-12-04', '2026-12-04T15:30:00', '90')
    """
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
    r"""The indentation and key of a ``key: value`` line, if it is one.

    >>> _key_of("  status:   met  # ok\n")
    ('  ', 'status')
    >>> _key_of("- 'a b': 1\n")
    ('- ', "'a b'")
    >>> _key_of("  # status: met\n") is None
    True
    """
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
    r"""How many lines were removed, added or replaced (line endings included).

    >>> _count_changes(["a\n", "b\n", "c\n"], ["a\n", "B\n", "c\n", "d\n"])
    2
    """
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
    text = _decoded(raw[len(BOM) :] if bom else raw, display)
    original, current = _original(raw, section, display)
    newline = _newline(text)
    old_lines = _split_lines(text)
    yaml, root = _round_trip(text.replace("\r\n", "\n"), display)
    allowed, region = _edit_range(root, section, updates, current, old_lines)
    expected = dict(original)
    expected[section] = {**(current or {}), **{k: plain(v) for k, v in updates.items()}}
    _set_fields(root, section, updates, order, text)
    dumped = _dump_checked(yaml, root, expected, section, display)
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


def _decoded(body: bytes, display: str) -> str:
    """The text of a file (without its byte-order mark).

    Raises:
        EditError: Not UTF-8.
    """
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError(f"{display} is not valid UTF-8; save it with UTF-8 encoding") from None


def _original(raw: bytes, section: str, display: str) -> tuple[dict[str, Any], Any]:
    """The file's data as prepguide's loader reads it, and the section's (or None).

    Raises:
        EditError: The file does not load, is not a mapping, or the section is not one.
    """
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
    return original, current


def _newline(text: str) -> str:
    r"""The file's line ending: CRLF when at least half its lines end so, else LF.

    >>> _newline("a: 1\r\nb: 2\r\n"), _newline("a: 1\nb: 2\r\nc: 3\n")
    ('\r\n', '\n')
    """
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def _round_trip(normal: str, display: str) -> tuple[YAML, CommentedMap]:
    """A round-trip YAML with the file's own indentation, and the file's tree."""
    probe = YAML(typ="rt")
    try:
        root = probe.load(normal)
    except YAMLError as exc:  # pragma: no cover - the loader accepted it
        raise EditError(f"{display} cannot be read as YAML: {exc}") from None
    yaml = _yaml(_detect_indent(root))
    root = yaml.load(normal)
    if not isinstance(root, CommentedMap):  # pragma: no cover - checked by _original
        raise EditError(f"{display} must be a mapping of fields")
    return yaml, root


def _edit_range(
    root: CommentedMap,
    section: str,
    updates: Mapping[str, Any],
    current: dict[str, Any] | None,
    old_lines: list[str],
) -> tuple[set[int], tuple[int, int]]:
    """Which original lines the edit replaces, and the region where lines may change.

    Returns the indexes of the lines of every entry whose value changes (the whole
    section when it is in flow style or empty) and the inclusive range of the
    section's lines (for a new section: the insertion point after the last value).
    """
    keys = list(root)
    last_line = len(old_lines) - 1
    allowed: set[int] = set()
    if section not in root:
        start = last_line  # the new section goes after the last value
        while start > 0 and _is_filler(old_lines[start]):
            start -= 1
        return allowed, (start + 1, last_line + 1)
    start = root.lc.key(section)[0]
    following = [root.lc.key(k)[0] for k in keys[keys.index(section) + 1 :]]
    end = following[0] - 1 if following else last_line
    value = root[section]
    if isinstance(value, CommentedMap) and not value.fa.flow_style() and value:
        names = list(value)
        for key, new_value in updates.items():
            if key in value and (current or {}).get(key) != plain(new_value):
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
    return allowed, (start, end)


def _set_fields(
    root: CommentedMap,
    section: str,
    updates: Mapping[str, Any],
    order: Sequence[str],
    text: str,
) -> None:
    """Set the fields in the round-trip tree: in place, keeping each value's quoting, or
    as a new block mapping (after a blank line when the file separates its sections so)."""
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
        return
    fresh = CommentedMap()
    for key in sorted(updates, key=lambda k: order.index(k) if k in order else len(order)):
        fresh[key] = updates[key]
    if section in root:
        root[section] = fresh
    else:
        blank = bool(re.search(r"\n[ \t]*\r?\n[^\s#]", text))
        _append(root, section, fresh, blank_line=blank)


def _dump_checked(
    yaml: YAML, root: CommentedMap, expected: dict[str, Any], section: str, display: str
) -> str:
    """The dumped tree, once it means exactly ``expected``.

    Raises:
        EditError: The dump means other data (the edit is left to the user).
    """
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
    return dumped
