# One module on purpose: its limits guard text, parser and converter alike, which share the tag table.
"""Read one YAML research file into plain Python data with source positions.

The loader composes the document into ruamel.yaml nodes (fast with
``ruamel.yaml.clib``) and converts them itself, so that it can:

* remember the line and column of every key and value for error messages;
* refuse duplicate keys, unknown tags and merge keys with a located message;
* bound the expansion of anchors and aliases, so that a "billion laughs"
  document cannot make a build hang or eat memory;
* bound the nesting depth *before* the C composer sees the text (it recurses
  once per level and runs out of stack long before Python would notice:
  30,000 ``[`` in a 60 KB file killed the process), see :func:`_check_depth`;
* bound the length of numbers, so that ``int()`` never meets a 5,000 digit
  literal.

Dates stay strings here: the model parses them, so that an impossible date
such as ``2026-02-30`` is reported at its own line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    NodeEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver, implicit_resolvers
from ruamel.yaml.tag import Tag

from ..errors import Problem, dangling_link, dangling_message

try:  # ruamel.yaml.clib: libyaml's parser and composer
    from ruamel.yaml.cyaml import CParser
except ImportError:  # pragma: no cover - pure-Python installs
    CParser = None

MAX_BYTES = 1024 * 1024
"""Files larger than this are refused (research notes are small)."""

MAX_VALUES = 20_000
"""At most this many values once aliases are expanded."""

MAX_DEPTH = 50
"""At most this deep nesting of mappings and lists."""

MAX_NUMBER_CHARS = 100
"""A number written with more characters than this is refused (no data needs it)."""

SAFE_DEPTH = 200
"""Text whose nesting provably stays below this goes straight to the C composer.

The composer of ``ruamel.yaml.clib`` uses about 300 bytes of C stack per level
(an 8 MiB stack overflows between 20,000 and 30,000 levels); 200 levels keep
far from that even on a thread with a small stack. Deeper text is first read
as a stream of events (libyaml's parser keeps its own stack on the heap),
which stops at the first value deeper than :data:`MAX_DEPTH`."""

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
_DEEP_SPACES = " " * (SAFE_DEPTH // 6)
_INDICATOR = re.compile(r"[-?:](?=[ \t]|$)")
_OTHER_BREAKS = {ord(c): "\n" for c in "\r\x85\u2028\u2029"}
"""Line breaks for libyaml besides LF (CRLF is LF by now)."""
_STR, _TIMESTAMP, _NULL, _BOOL, _INT, _FLOAT, _SEQ, _MAP, _MERGE = (
    _TAG + name
    for name in ("str", "timestamp", "null", "bool", "int", "float", "seq", "map", "merge")
)


class Position(NamedTuple):
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
        r"""Return the (line, column) of the deepest known part of ``loc``.

        Arguments:
            loc: A path of keys and list indexes, e.g. ``("meeting", "date")``.
            value: Point at the value rather than at the key.

        >>> doc = load_bytes(b"name: Ana\n\nmeeting:\n  date: 2026-12-04\ntags: [a, b]", "c/ana.yml")
        >>> doc.position(("meeting", "date")), doc.position(("meeting", "date"), value=False)
        ((4, 9), (4, 3))
        >>> doc.position(("tags", 1)), doc.position(("meeting", "place")), doc.position(("x",))
        ((5, 11), (3, 1), (1, 1))
        """
        for end in range(len(loc), 0, -1):
            pos = self.positions.get(tuple(loc[:end]))
            if pos is not None:
                if value and end == len(loc):
                    return pos.value_line, pos.value_column
                return pos.line, pos.column
        return 1, 1


_SHARED_PATHS: dict[Path_, Path_] = {}
_SHARED_POSITIONS: dict[Position, Position] = {}
_SHARED_MAX = 100_000


def _shared_path(path: Path_) -> Path_:
    """One copy of a key path for every file (``("meeting", "date")`` recurs in each)."""
    found = _SHARED_PATHS.get(path)
    if found is not None:
        return found
    if len(_SHARED_PATHS) < _SHARED_MAX:  # bounded: keys come from the files
        _SHARED_PATHS[path] = path
    return path


def _shared_position(line: int, column: int, value_line: int, value_column: int) -> Position:
    """One copy of each position: most files have their keys at the same few places.

    Looked up by a plain tuple (equal to the :class:`Position` of the same
    numbers, and hashed alike), so that a known position makes no new one.
    """
    found = _SHARED_POSITIONS.get((line, column, value_line, value_column))  # type: ignore[call-overload]
    if found is not None:
        return found
    position = Position(line, column, value_line, value_column)
    if len(_SHARED_POSITIONS) < _SHARED_MAX:
        _SHARED_POSITIONS[position] = position
    return position


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
        target = dangling_link(path)
        if target is not None:  # the link's file is gone: say so, not "No such file"
            raise LoadError(_problem(display, 1, 1, dangling_message(path.name, target))) from None
        raise LoadError(_problem(display, 1, 1, f"cannot read the file: {exc.strerror}")) from None
    return load_bytes(raw, display)


def load_bytes(raw: bytes, display: str) -> Document:
    r"""Parse the bytes of one YAML file (see :func:`load_file`).

    Dates stay text; ``yes``/``no`` too (YAML 1.2); numbers become numbers.

    >>> load_bytes(b"name: Ana\nmeeting:\n  date: 2026-12-04 15:30\nflag: yes\nn: 0x1F\n", "c/ana.yml").data
    {'name': 'Ana', 'meeting': {'date': '2026-12-04 15:30'}, 'flag': 'yes', 'n': 31}
    >>> for text in (b"name: A\nname: B\n", b"name: a: b\n", b"\tname: x\n", b"", b"x: \xff"):
    ...     try:
    ...         load_bytes(text, "c/x.yml")
    ...     except LoadError as exc:
    ...         print(exc.problem.format())
    c/x.yml:2:1: error: duplicate key `name` (first defined at line 1); keep only one of them
    c/x.yml:1:8: error: YAML syntax error: mapping values are not allowed in this context; put text that contains `: ` in quotes
    c/x.yml:1:1: error: a tab is used for indentation; YAML indents with spaces only: replace the tab with spaces
    c/x.yml:1:1: error: the file is empty; write the fields as `key: value` lines
    c/x.yml:1:4: error: the file is not valid UTF-8 (byte 0xFF); save it with UTF-8 encoding
    """
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
    try:
        _check_depth(text, display)
        root = _compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        tab = _tab_problem(text, display, line, exc)
        if tab is not None:
            raise LoadError(tab) from None
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


def _tab_problem(text: str, display: str, line: int, exc: MarkedYAMLError) -> Problem | None:
    """The located message for a syntax error caused by a tab used as indentation.

    A tab is only refused where the parser refuses it: inside a ``|`` or ``>``
    block it is part of the text (valid YAML, kept as written), and between
    the indentation and the text of a continued line it is white space.
    Where libyaml stops at a tab in the indentation of a line, the message
    says so instead of its own "cannot start any token".
    """
    if any(c in text for c in "\r\x85\u2028\u2029"):  # libyaml counts these lines too
        text = text.translate(_OTHER_BREAKS)
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    tab = _TAB_INDENT.match(text, start)
    if tab is None:
        return None
    hint = "replace the tab with spaces"
    if "block scalar" in (exc.context or ""):
        hint += (
            "; a tab may follow the indentation inside a `|` block, but the first "
            "line of the block sets the indentation: start the block with a line "
            "indented by spaces only, or give the indentation after the bar, e.g. `|2`"
        )
    return _problem(
        display,
        line,
        tab.end() - start,
        f"a tab is used for indentation; YAML indents with spaces only: {hint}",
    )


def _check_depth(text: str, display: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` before the C composer recurses.

    A cheap bound comes first: every open flow collection needs a ``[`` or
    ``{``; the block collections open on a line have distinct columns up to
    its indentation (two per column at most: a mapping and the sequence
    written at its key's column), and each one opened on the line itself
    needs a ``-``, ``?`` or ``:`` followed by a space, a tab or the end of
    the line. Only when that bound could reach :data:`SAFE_DEPTH` are the
    events read (see :data:`SAFE_DEPTH`).

    Raises:
        LoadError: a value is nested deeper than :data:`MAX_DEPTH`.
        MarkedYAMLError: the text is not YAML (found before the depth).
    """
    if _shallow(text):
        return
    # Per open collection: -1 for a list, else how many keys and values of the
    # mapping came so far (even: a key comes next). Like the converter, a plain
    # key is not counted as a level: its value is.
    stack: list[int] = []
    for event in _events(text):
        if isinstance(event, CollectionEndEvent):
            stack.pop()
            continue
        if not isinstance(event, NodeEvent):
            continue
        is_key = False
        if stack and stack[-1] >= 0:
            is_key = stack[-1] % 2 == 0
            stack[-1] += 1
        if len(stack) > MAX_DEPTH and not (is_key and not isinstance(event, CollectionStartEvent)):
            mark = event.start_mark
            raise LoadError(_problem(display, mark.line + 1, mark.column + 1, _DEPTH_MESSAGE))
        if isinstance(event, CollectionStartEvent):
            stack.append(0 if isinstance(event, MappingStartEvent) else -1)


def _shallow(text: str) -> bool:
    r"""Whether ``text`` certainly nests less than :data:`SAFE_DEPTH` deep (see :func:`_check_depth`).

    That is: fewer than a third of :data:`SAFE_DEPTH` brackets in all, an
    indentation under a sixth (at most two block collections per column:
    under a third), and fewer than a third of indicators on any one line.

    >>> _shallow("a: [1, 2]\n"), _shallow("[" * 100)
    (True, False)
    """
    third = SAFE_DEPTH // 3
    if text.count("[") + text.count("{") >= third:
        return False
    if any(c in text for c in "\r\x85\u2028\u2029"):
        text = text.translate(_OTHER_BREAKS)
    if text.startswith(_DEEP_SPACES) or "\n" + _DEEP_SPACES in text:
        return False
    # `third` indicators, each followed by white space, take 2 * third - 1 characters.
    longest = 2 * third - 1
    lines = text.split("\n")
    if max(map(len, lines)) < longest:
        return True
    return all(len(line) < longest or len(_INDICATOR.findall(line)) < third for line in lines)


_DEPTH_MESSAGE = (
    f"nesting deeper than {MAX_DEPTH} levels; flatten the data: "
    f"at most {MAX_DEPTH} lists and mappings inside each other"
)


class _Resolver(BaseResolver):
    """YAML 1.2 tag resolution for scalars, with the rule table built once.

    ``YAML(typ="safe").compose`` resolves the same way (its C parser always
    works in YAML 1.2), but builds a new loader class and a new rule table for
    every document and looks the YAML version up again for every scalar; that
    was two thirds of the time spent loading a file.
    """

    _rules: dict[str, list[tuple[Tag, Any]]] | None = None

    @classmethod
    def rules(cls) -> dict[str, list[tuple[Tag, Any]]]:
        """Implicit YAML 1.2 rules by first character: ``(tag, regexp.match)``."""
        if cls._rules is None:
            tags: dict[str, Tag] = {}
            table: dict[str, list[tuple[Tag, Any]]] = {}
            for versions, tag, regexp, first in implicit_resolvers:
                if (1, 2) in versions:
                    shared = tags.setdefault(tag, Tag(suffix=tag))
                    _remember(shared)
                    for char in first or [""]:
                        table.setdefault(char, []).append((shared, regexp.match))
            cls._rules = table
        return cls._rules

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            if implicit[0]:
                found = _RESOLVED.get(value)
                if found is not None:  # keys and short values recur in every file
                    return found
                found = self.DEFAULT_SCALAR_TAG
                for tag, match in (self._rules or self.rules()).get(value[:1], ()):
                    if match(value):
                        found = tag
                        break
                if len(value) <= _RESOLVED_LENGTH and len(_RESOLVED) < _SHARED_MAX:
                    _RESOLVED[value] = found
                return found
            return self.DEFAULT_SCALAR_TAG
        if kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG

    # No path resolvers are used: the composer's calls around each node do
    # nothing, and a builtin that takes the same arguments costs no Python call.
    descend_resolver = staticmethod(slice)  # type: ignore[assignment]
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]


_RESOLVED: dict[str, Tag] = {}
"""The tag of each plain text seen (bounded like the shared paths; short texts only)."""
_RESOLVED_LENGTH = 40


_TAG_NAMES: dict[int, str] = {}
"""Names of the long-lived shared tags, by ``id``: most nodes carry one of them."""


def _remember(tag: Tag) -> None:
    _TAG_NAMES[id(tag)] = str(tag)


for _shared in (
    BaseResolver.DEFAULT_SCALAR_TAG,
    BaseResolver.DEFAULT_SEQUENCE_TAG,
    BaseResolver.DEFAULT_MAPPING_TAG,
):
    _remember(_shared)


def _tag(node: Node) -> str | None:
    """The tag of a node as text (``node.tag``, without re-formatting shared tags)."""
    ctag = node.ctag
    name = _TAG_NAMES.get(id(ctag))
    return name if name is not None else node.tag


if CParser is not None:

    class _NodeLoader(CParser, _Resolver):
        """libyaml's parser and composer with :class:`_Resolver`: nodes only."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            self._parser = self._composer = self
            _Resolver.__init__(self, loadumper=self)


def _events(text: str) -> Iterator[Any]:
    """The parser's events for ``text``, one at a time (no nodes are built)."""
    if CParser is None:  # pragma: no cover - pure-Python installs
        yield from YAML(typ="safe", pure=True).parse(text)
        return
    loader = _NodeLoader(text)
    try:
        while True:
            event = loader.get_event()
            yield event
            if isinstance(event, StreamEndEvent):
                return
    finally:
        loader.dispose()


def _compose(text: str) -> Node | None:
    """Compose the single document of ``text`` into nodes (``None`` when empty)."""
    if CParser is None:  # pragma: no cover - pure-Python installs
        return YAML(typ="safe").compose(text)
    loader = _NodeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _decode(raw: bytes, display: str) -> str:
    r"""The text of a file: UTF-8 without its byte-order mark, CRLF read as LF.

    >>> _decode(b"\xef\xbb\xbfname: Ana\r\nrole: x", "c/ana.yml")
    'name: Ana\nrole: x'

    Raises:
        LoadError: not UTF-8 (at the first bad byte), or a NUL byte (a binary file).
    """
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
    """What to do about one of libyaml's syntax errors.

    >>> _syntax_hint("mapping values are not allowed in this context")
    'put text that contains `: ` in quotes'
    >>> _syntax_hint("did not find expected ',' or ']'")
    'check the indentation and quoting near this line'
    """
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
    """An error of the file ``path`` at ``line:column``."""
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
            raise self.fail(node, _DEPTH_MESSAGE)
        if id(node) in self.active:
            raise self.fail(node, "an alias refers to itself; remove the recursive `*alias`")
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        self.active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node, loc)
            if isinstance(node, SequenceNode):
                return self.sequence(node, loc)
        finally:
            self.active.discard(id(node))
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover

    def sequence(self, node: SequenceNode, loc: Path_) -> list[Any]:
        if _tag(node) != _SEQ:
            raise self.fail(node, f"unsupported tag `{node.tag}`; remove it")
        items: list[Any] = []
        positions = self.positions
        names = _TAG_NAMES
        # Values that are plain text are taken in the loop (most are): the same
        # count as convert() makes, without a call per value.
        flat = len(loc) < MAX_DEPTH
        shared = _SHARED_POSITIONS
        for index, item in enumerate(node.value):
            mark = item.start_mark
            line, column = mark.line + 1, mark.column + 1
            sub = _shared_path((*loc, index))
            where = (line, column, line, column)
            positions[sub] = shared.get(where) or _shared_position(*where)  # type: ignore[call-overload]
            if flat and item.__class__ is ScalarNode and self.count < MAX_VALUES:
                self.count += 1
                if names.get(id(item.ctag)) == _STR:
                    items.append(item.value)
                else:
                    items.append(self.scalar(item))
            else:
                items.append(self.convert(item, sub))
        return items

    def mapping(self, node: MappingNode, loc: Path_) -> dict[str, Any]:
        if _tag(node) != _MAP:
            raise self.fail(node, f"unsupported tag `{node.tag}`; remove it")
        result: dict[str, Any] = {}
        positions = self.positions
        names = _TAG_NAMES
        flat = len(loc) < MAX_DEPTH  # as in sequence()
        paths, shared = _SHARED_PATHS, _SHARED_POSITIONS
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode and not isinstance(key_node, ScalarNode):
                if _tag(key_node) == _MERGE:
                    raise self.fail(
                        key_node,
                        "merge keys (`<<: *alias`) are not supported; write the fields out",
                    )
                raise self.fail(key_node, "a key must be plain text")
            key_tag = names.get(id(key_node.ctag)) or key_node.tag
            if key_tag == _STR:
                key = key_node.value
            else:
                if key_tag == _MERGE:
                    raise self.fail(
                        key_node,
                        "merge keys (`<<: *alias`) are not supported; write the fields out",
                    )
                key = self.scalar(key_node)
                if not isinstance(key, str):
                    key = str(key_node.value)
            key_mark = key_node.start_mark
            sub = (*loc, key)
            sub = paths.get(sub) or _shared_path(sub)
            if key in result:
                raise self.fail(
                    key_node,
                    f"duplicate key `{key}` (first defined at line {positions[sub].line}); "
                    "keep only one of them",
                )
            vmark = value_node.start_mark
            where = (key_mark.line + 1, key_mark.column + 1, vmark.line + 1, vmark.column + 1)
            positions[sub] = shared.get(where) or _shared_position(*where)  # type: ignore[call-overload]
            if flat and value_node.__class__ is ScalarNode and self.count < MAX_VALUES:
                self.count += 1
                if names.get(id(value_node.ctag)) == _STR:
                    result[key] = value_node.value
                else:
                    result[key] = self.scalar(value_node)
            else:
                result[key] = self.convert(value_node, sub)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag = _tag(node)
        value: str = node.value
        if tag in (_STR, _TIMESTAMP):
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() == "true"
        if tag in (_INT, _FLOAT) and len(value) > MAX_NUMBER_CHARS:
            raise self.fail(
                node,
                f"a number of {len(value):,} characters is too long (at most "
                f"{MAX_NUMBER_CHARS}); put it in quotes if it is text",
            )
        if tag == _INT:
            return _to_int(value)
        if tag == _FLOAT:
            return _to_float(value)
        raise self.fail(
            node, f"unsupported tag `{tag}`; remove it, or put the value in quotes if it is text"
        )


def _to_int(value: str) -> int:
    """A YAML 1.2 integer (plain text the resolver tagged ``int``), with ``_`` separators.

    >>> _to_int("0x1F"), _to_int("-1_000"), _to_int("0o17"), _to_int("+7")
    (31, -1000, 15, 7)
    """
    text = value.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text.startswith(("0x", "0X")):
        return sign * int(text[2:], 16)
    if text.startswith(("0o", "0O")):
        return sign * int(text[2:], 8)
    return sign * int(text)


def _to_float(value: str) -> float:
    """A YAML 1.2 float (plain text the resolver tagged ``float``).

    >>> _to_float("-.inf"), _to_float("1_0.5e1"), _to_float(".NaN")
    (-inf, 105.0, nan)
    """
    text = value.replace("_", "").lower()
    if text in (".inf", "+.inf"):
        return float("inf")
    if text == "-.inf":
        return float("-inf")
    if text == ".nan":
        return float("nan")
    return float(text)
