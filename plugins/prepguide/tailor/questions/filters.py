"""The filters a question text may use: Jinja2's own, bounded, and prepguide's."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jinja2 import Undefined
from jinja2.exceptions import UndefinedError
from jinja2.filters import FILTERS as DEFAULT_FILTERS

from ...text import clause, strip_markdown
from ..common_ground import split_transition
from .budget import (
    _HINT,
    MAX_SIZE,
    _check_format,
    _check_join,
    _check_numbers,
    _check_replace,
    _check_text,
    _checked,
    _OverBudget,
    _spend,
    _too_big,
)

# The filters of Jinja2 a question text may use: those that cannot publish markup
# or depend on chance (``random``), each bounded below. Left out: ``random``
# (a page must not change from build to build), ``e``/``escape``/``forceescape``/
# ``safe``/``striptags``/``urlize``/``urlencode``/``xmlattr``/``tojson``/``pprint``/
# ``filesizeformat`` (markup, URLs and data dumps have no place in a question).
_JINJA_FILTERS = frozenset(
    {
        "abs", "attr", "batch", "capitalize", "center", "count", "d", "default",
        "dictsort", "first", "float", "format", "groupby", "indent", "int", "items",
        "join", "last", "length", "list", "lower", "map", "max", "min", "reject",
        "rejectattr", "replace", "reverse", "round", "select", "selectattr", "slice",
        "sort", "string", "sum", "title", "trim", "truncate", "unique", "upper",
        "wordcount", "wordwrap",
    }
)  # fmt: skip
_RAW_FILTERS: dict[str, Callable[..., Any]] = {
    name: function for name, function in DEFAULT_FILTERS.items() if name in _JINJA_FILTERS
}
"""The functions behind the filters (looked up on each call, so tests can watch them)."""

_TEXT_FILTERS = frozenset(
    {
        "capitalize", "center", "format", "indent", "lower", "upper", "title", "trim",
        "truncate", "wordwrap", "wordcount", "replace", "string", "join",
    }
)  # fmt: skip
"""Filters that turn their value and arguments into text."""

MAX_WRAP = 100_000
"""The longest text ``wordwrap`` takes (it works word by word in Python)."""
_MAX_WRAP_WORK = 200_000_000
"""``wordwrap`` copies a word longer than the width once per line it fills."""


def _argument(rest: Sequence[Any], kwargs: Mapping[str, Any], index: int, name: str) -> Any:
    return rest[index] if len(rest) > index else kwargs.get(name)


def _before_filter(name: str, value: Any, rest: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
    """Check what filter ``name`` would build before it runs; return the value to filter."""
    if name in _TEXT_FILTERS and name != "join":
        _check_text(value, *rest, *kwargs.values())
    if name == "format" and isinstance(value, str):
        _check_format(value, [*rest, *kwargs.values()])
    elif name == "replace" and len(rest) >= 2:
        _check_replace(str(value), str(rest[0]), str(rest[1]))
    elif name == "join" and value is not None and not isinstance(value, Undefined):
        items = list(value)
        separator = _argument(rest, kwargs, 0, "d")
        _check_join(items, "" if separator is None else separator)
        return items
    elif name == "indent":
        text = str(value)
        width = _argument(rest, kwargs, 0, "width")
        pad = 4 if width is None else len(width) if isinstance(width, str) else width
        if isinstance(pad, int) and len(text) + (text.count("\n") + 1) * pad > MAX_SIZE:
            raise _too_big(0)
    elif name == "wordwrap":
        text = str(value)
        if len(text) > MAX_WRAP:
            raise _OverBudget(
                f"wraps a text of more than {MAX_WRAP:,} characters (wordwrap); {_HINT}"
            )
        width = _argument(rest, kwargs, 0, "width")
        width = 79 if not isinstance(width, int) else max(width, 1)
        wrapstring = _argument(rest, kwargs, 2, "wrapstring")
        breaks = text.count("\n") + len(text) // width + 1
        if len(text) + breaks * (len(str(wrapstring)) if wrapstring else 1) > MAX_SIZE:
            raise _too_big(0)
        work = sum(len(w) * len(w) // width for w in text.split() if len(w) > width)
        if work > _MAX_WRAP_WORK:
            raise _OverBudget(f"wraps words far longer than the width (wordwrap); {_HINT}")
    elif name == "sum":
        start = _argument(rest, kwargs, 1, "start")
        if start is not None and (isinstance(start, bool) or not isinstance(start, (int, float))):
            raise _OverBudget(f"sums something other than numbers (sum); {_HINT}")
    return value


def _budget_filter(name: str) -> Callable[..., Any]:
    """One of Jinja2's filters, under the budget: its numbers bounded, what it would
    build checked before it runs (:func:`_before_filter`), its result checked."""
    takes = 1 if getattr(_RAW_FILTERS[name], "jinja_pass_arg", None) is not None else 0

    def budgeted(*args: Any, **kwargs: Any) -> Any:
        _spend()
        function = _RAW_FILTERS[name]
        value, rest = (args[takes] if len(args) > takes else None), args[takes + 1 :]
        _check_numbers(rest)
        _check_numbers(kwargs.values())
        if len(args) > takes:
            value = _before_filter(name, value, rest, kwargs)
            args = (*args[:takes], value, *rest)
        return _checked(function(*args, **kwargs))

    functools.update_wrapper(budgeted, _RAW_FILTERS[name])
    return budgeted


def _text_filter(function: Callable[[str], str]) -> Callable[[Any], str]:
    # The text functions are pure, and the same values recur from contact to
    # contact (an organization's focus, a career change), so results are kept.
    cached = functools.lru_cache(maxsize=4096, typed=True)(function)

    def wrapped(value: Any) -> str:
        if isinstance(value, Undefined):
            value._fail_with_undefined_error()
        _check_text(value)
        return cached(str(value))

    wrapped.__doc__ = function.__doc__
    return wrapped


def _move(side: int) -> Callable[[str], str]:
    """The filter that picks one side of a career move (``move_from``, ``move_to``).

    >>> _move(0)("From nursing to UX research"), _move(1)("From nursing to UX research")
    ('nursing', 'UX research')
    """

    def pick(text: str) -> str:
        parts = split_transition(text)
        if parts is None:
            raise UndefinedError(f"`{text}` does not say what the move was from and to")
        return parts[side]

    return pick


def _drop_parentheses(text: str) -> str:
    r"""``re.sub(r"\s*\([^)]*\)", "", text)`` in linear time.

    The expression takes time in the square of the length on a text of many
    ``(`` without ``)`` or of long runs of spaces (a 100 KB organization focus).

    >>> _drop_parentheses("Acme (the big one) builds (things")
    'Acme builds (things'
    """
    out: list[str] = []
    done = 0
    while True:
        start = text.find("(", done)
        if start == -1:
            break
        end = text.find(")", start)
        if end == -1:  # no later "(" is closed either
            break
        cut = start
        while cut > done and text[cut - 1].isspace():
            cut -= 1
        out.append(text[done:cut])
        done = end + 1
    out.append(text[done:])
    return "".join(out)


def _brief(text: str) -> str:
    """Shorten a phrase: drop parentheses and whatever follows a semicolon or dash.

    >>> _brief("Patient portals (beta); mobile apps")
    'Patient portals'
    """
    text = _drop_parentheses(text)
    text = re.split(r";|\s[-–—]\s", text, maxsplit=1)[0]
    return clause(text, keep_question=True)


MAX_PLAIN_WORK = 20_000_000
"""How much scanning ``plain`` may do on one value (see :func:`_plain_work`)."""


def _plain_work(text: str) -> int:
    """About how many characters ``strip_markdown`` scans for ``text`` (an upper bound).

    Its link pattern scans from each ``[`` to the next ``]`` (and from a ``](`` to
    the next ``)``), its emphasis pattern from each mark (``*``, ``_``, a backtick,
    ``~``) to the end of its line, three times: ``[[[…]]]`` or a long line of
    unmatched marks takes time in the square of the length.

    >>> _plain_work("[[x]]")
    8
    """
    work = 0
    for line in text.split("\n"):
        marks = line.count("*") + line.count("_") + line.count("`") + line.count("~")
        work += 10 * marks * len(line)  # three passes, each slower than the link scan
        if work > MAX_PLAIN_WORK:
            return work
    position = text.find("[")
    while position != -1:
        close = text.find("]", position)
        close = len(text) if close == -1 else close
        opened = text.count("[", position, close)
        span = close - position
        if text.startswith("(", close + 1):
            end = text.find(")", close)
            span += (len(text) if end == -1 else end) - close
        work += opened * (span + 1)
        if work > MAX_PLAIN_WORK:
            return work
        position = text.find("[", close)
    return work


def _plain(text: str) -> str:
    """``strip_markdown``, for a text it can convert in reasonable time.

    >>> _plain("**Bold** and [a link](https://example.org)")
    'Bold and a link'
    """
    if _plain_work(text) > MAX_PLAIN_WORK:
        raise _OverBudget(
            "gives `plain` a text too long or with too many nested brackets or unmatched "
            f"emphasis marks to convert; {_HINT}"
        )
    return strip_markdown(text)


def _latest(items: Any) -> Any:
    """The ``latest`` filter: the item with the latest ``date`` (the first of equals), else the first."""
    if isinstance(items, Undefined) or not items:
        raise UndefinedError("the list is empty")
    dated = [(getattr(item, "date", None), index, item) for index, item in enumerate(items)]
    with_dates = [d for d in dated if d[0] is not None]
    if with_dates:
        return max(with_dates, key=lambda d: (d[0], -d[1]))[2]
    return items[0]
