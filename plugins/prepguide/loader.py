"""Read one YAML research file into plain Python data with source positions.

The loader composes the document into ruamel.yaml nodes (fast with
``ruamel.yaml.clib``) and converts them itself, so that it can:

* remember the line and column of every key and value for error messages;
* refuse duplicate keys, unknown tags and merge keys with a located message;
* bound the expansion of anchors and aliases, so that a "billion laughs"
  document cannot make a build hang or eat memory.

Dates stay strings here: the model parses them, so that an impossible date
such as ``2026-02-30`` is reported at its own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem

MAX_BYTES = 1024 * 1024
"""Files larger than this are refused (research notes are small)."""

MAX_VALUES = 20_000
"""At most this many values once aliases are expanded."""

MAX_DEPTH = 50
"""At most this deep nesting of mappings and lists."""

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


@dataclass(frozen=True)
class Position:
    """1-based line and column of a key and of its value."""

    line: int
    column: int
    value_line: int
    value_column: int


@dataclass
class Document:
    """A loaded YAML file: its data and where each key and value stands."""

    path: str
    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)

    def position(self, loc: Path_, *, value: bool = True) -> tuple[int, int]:
        """Return the (line, column) of the deepest known part of ``loc``.

        Arguments:
            loc: A path of keys and list indexes, e.g. ``("meeting", "date")``.
            value: Point at the value rather than at the key.
        """
        for end in range(len(loc), 0, -1):
            pos = self.positions.get(tuple(loc[:end]))
            if pos is not None:
                if value and end == len(loc):
                    return pos.value_line, pos.value_column
                return pos.line, pos.column
        return 1, 1


class LoadError(Exception):
    """A file could not be read as YAML; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.format())


def load_file(path: Path, display: str) -> Document:
    """Read and parse one YAML file.

    Arguments:
        path: The file on disk.
        display: The path to show the user in messages.

    Raises:
        LoadError: The file cannot be read, decoded or parsed.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(_problem(display, 1, 1, f"cannot read the file: {exc.strerror}")) from None
    return load_bytes(raw, display)


def load_bytes(raw: bytes, display: str) -> Document:
    """Parse the bytes of one YAML file (see :func:`load_file`)."""
    if len(raw) > MAX_BYTES:
        raise LoadError(
            _problem(
                display,
                1,
                1,
                f"the file is {len(raw):,} bytes, over the 1 MiB limit; "
                "research notes should be short: move long text elsewhere or split the file",
            )
        )
    text = _decode(raw, display)
    tab = _TAB_INDENT.search(text)
    if tab is not None:
        line = text.count("\n", 0, tab.start()) + 1
        column = tab.end() - tab.start()
        raise LoadError(
            _problem(
                display,
                line,
                column,
                "a tab is used for indentation; YAML indents with spaces only: "
                "replace the tab with spaces",
            )
        )
    try:
        root = YAML(typ="safe").compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        raise LoadError(
            _problem(display, line, column, f"YAML syntax error: {what}; {_syntax_hint(what)}")
        ) from None
    except YAMLError as exc:  # composer errors without marks, e.g. several documents
        raise LoadError(_problem(display, 1, 1, f"YAML error: {exc}")) from None
    if root is None:
        raise LoadError(
            _problem(display, 1, 1, "the file is empty; write the fields as `key: value` lines")
        )
    converter = _Converter(display)
    data = converter.convert(root, ())
    return Document(display, data, converter.positions)


def _decode(raw: bytes, display: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            _problem(
                display,
                line,
                column,
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02X}); "
                "save it with UTF-8 encoding",
            )
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise LoadError(
            _problem(display, line, 1, "the file contains a NUL byte; is it a binary file?")
        )
    return text.replace("\r\n", "\n")


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "put text that contains `: ` in quotes"
    if "could not find expected ':'" in problem:
        return "each line of a mapping needs `key: value`"
    if "found character" in problem and "cannot start any token" in problem:
        return "put the value in quotes"
    if "expected a single document" in problem or "but found another document" in problem:
        return "keep one document per file (remove the extra `---`)"
    return "check the indentation and quoting near this line"


def _problem(path: str, line: int, column: int, message: str) -> Problem:
    return Problem(path, line, column, "error", message)


class _Converter:
    """Turn ruamel.yaml nodes into plain data, recording positions."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.positions: dict[Path_, Position] = {}
        self.count = 0
        self.active: set[int] = set()

    def fail(self, node: Node, message: str) -> LoadError:
        mark = node.start_mark
        return LoadError(_problem(self.display, mark.line + 1, mark.column + 1, message))

    def convert(self, node: Node, loc: Path_) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(
                node,
                f"the document expands to more than {MAX_VALUES:,} values; "
                "anchors and aliases (`&name`, `*name`) must not multiply the data: "
                "write the values out or remove the aliases",
            )
        if len(loc) > MAX_DEPTH:
            raise self.fail(node, f"nesting deeper than {MAX_DEPTH} levels; flatten the data")
        if id(node) in self.active:
            raise self.fail(node, "an alias refers to itself; remove the recursive `*alias`")
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        self.active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node, loc)
            if isinstance(node, SequenceNode):
                if node.tag != _TAG + "seq":
                    raise self.fail(node, f"unsupported tag `{node.tag}`; remove it")
                items = []
                for index, item in enumerate(node.value):
                    mark = item.start_mark
                    self.positions[(*loc, index)] = Position(
                        mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 1
                    )
                    items.append(self.convert(item, (*loc, index)))
                return items
        finally:
            self.active.discard(id(node))
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover

    def mapping(self, node: MappingNode, loc: Path_) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            raise self.fail(node, f"unsupported tag `{node.tag}`; remove it")
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise self.fail(
                    key_node, "merge keys (`<<: *alias`) are not supported; write the fields out"
                )
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, "a key must be plain text")
            key = self.scalar(key_node)
            if not isinstance(key, str):
                key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in first_seen:
                raise self.fail(
                    key_node,
                    f"duplicate key `{key}` (first defined at line {first_seen[key]}); "
                    "keep only one of them",
                )
            first_seen[key] = line
            vmark = value_node.start_mark
            self.positions[(*loc, key)] = Position(
                line, key_node.start_mark.column + 1, vmark.line + 1, vmark.column + 1
            )
            result[key] = self.convert(value_node, (*loc, key))
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        value: str = node.value
        if tag in (_TAG + "str", _TAG + "timestamp"):
            return value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return value.lower() == "true"
        if tag == _TAG + "int":
            return _to_int(value)
        if tag == _TAG + "float":
            return _to_float(value)
        raise self.fail(
            node, f"unsupported tag `{tag}`; remove it, or put the value in quotes if it is text"
        )


def _to_int(value: str) -> int:
    text = value.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text.startswith(("0x", "0X")):
        return sign * int(text[2:], 16)
    if text.startswith(("0o", "0O")):
        return sign * int(text[2:], 8)
    return sign * int(text)


def _to_float(value: str) -> float:
    text = value.replace("_", "").lower()
    if text in (".inf", "+.inf"):
        return float("inf")
    if text == "-.inf":
        return float("-inf")
    if text == ".nan":
        return float("nan")
    return float(text)
