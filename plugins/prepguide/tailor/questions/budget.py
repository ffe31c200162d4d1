"""The evaluation budget of a question text or condition: its limits and checks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from jinja2 import Undefined
from jinja2.utils import Namespace

# ---------------------------------------------------------------------------
# The evaluation budget
#
# A bank entry is written by whoever contributes to a playbook, and a template
# is a program: nested loops over ``range``, exponents, repeated strings or
# recursive macros could hang or exhaust every build. Each evaluation of a
# text or condition therefore has a budget (docs/prep.md, "Question bank
# format"): steps (loop turns, calls, filters, operators), the size of each
# value built, the length of the output and of ``range``. Numbers passed to
# calls and filters (widths, counts) are bounded too, and every step that can
# grow a value is checked before it runs. Going over the budget is an error at
# the entry, never a hang.

MAX_STEPS = 10_000
"""Loop turns, calls, filters and operators one evaluation may take."""
MAX_RANGE = 1_000
"""The longest ``range`` a template may make."""
MAX_SIZE = 2_000_000
"""The most characters (or items) in one value (above the 1 MiB file limit, so any value
of the notes fits)."""
MAX_NUMBER = 100_000
"""The largest number a call or filter takes (a width, a count)."""
MAX_BITS = 100_000
"""The largest integer a template may compute, in bits."""
MAX_OUTPUT = 2_000_000
"""The most characters a question text may render (a template may quote any value of the
notes, which is at most 1 MiB, so only a runaway template reaches it)."""


MAX_PRINTED_BITS = 13_300
"""The largest integer a template may print, in bits (about 4,000 digits; Python refuses
to print one of more than 4,300)."""


class TemplateBudgetError(Exception):
    """A question text or condition went over its evaluation budget.

    Attributes:
        source: The template (``text``) or expression (``when``).
        expression: Whether ``source`` is a ``when`` condition.
        message: What went over, and the hint.
    """

    def __init__(self, source: str, message: str, *, expression: bool = False) -> None:
        super().__init__(message)
        self.source = source
        self.expression = expression
        self.message = message


class _OverBudget(Exception):
    """Raised inside an evaluation; becomes a :class:`TemplateBudgetError` at its boundary."""


_HINT = "simplify the template (question texts need no long loops or big values)"


class _Budget:
    steps = 0
    output = 0
    """Characters output so far, in blocks and macros too (``{% set %}…{% endset %}``)."""
    missing = 0
    """Undefined values made so far (none: the evaluation read no data)."""

    def reset(self) -> None:
        self.steps = self.output = self.missing = 0


_BUDGET = _Budget()


def _spend() -> None:
    _BUDGET.steps += 1
    if _BUDGET.steps > MAX_STEPS:
        raise _OverBudget(
            f"takes more than {MAX_STEPS:,} steps (loop turns, calls, filters); {_HINT}"
        )


def _too_big(size: int) -> _OverBudget:
    return _OverBudget(f"builds a value of more than {MAX_SIZE:,} characters or items; {_HINT}")


def _checked(value: Any) -> Any:
    """Refuse a value over the size budget."""
    if isinstance(value, (str, list, tuple, dict, set, frozenset, bytes)):
        if len(value) > MAX_SIZE:
            raise _too_big(len(value))
    elif isinstance(value, int) and value.bit_length() > MAX_BITS:
        raise _OverBudget(f"computes a number of more than {MAX_BITS:,} bits; {_HINT}")
    return value


def _text_size(value: Any, limit: int = MAX_SIZE) -> int:
    """How long ``str(value)`` would be (at least; exact for text), without building it.

    A list can hold the same big value many times, and lists of lists multiply
    it (``[a, a]``, then ``[b, b]``…): its text can be exponentially longer
    than anything built so far. Sizes are counted once per object and the count
    stops past ``limit``, so this takes time in proportion to what was built.
    """
    seen: dict[int, int] = {}
    work = [0]

    def size(item: Any) -> int:
        if isinstance(item, str):
            return len(item)
        known = seen.get(id(item))
        if known is not None:
            return known
        work[0] += 1
        if work[0] > MAX_SIZE:
            raise _too_big(0)
        if isinstance(item, (list, tuple, set, frozenset)):
            total = 2 + 2 * len(item)
            for part in item:
                total += quoted(part)
                if total > limit:
                    break
        elif isinstance(item, dict):
            total = 2 + 4 * len(item)
            for key, part in item.items():
                total += quoted(key) + quoted(part)
                if total > limit:
                    break
        elif isinstance(item, Namespace):
            total = 14 + size(item._Namespace__attrs)
        elif isinstance(item, bool) or item is None:
            total = 5
        elif isinstance(item, int):
            total = item.bit_length() * 3 // 10 + 2
        elif isinstance(item, float):
            total = 24
        elif isinstance(item, Undefined):
            total = 0  # printing it fails
        else:  # a model of the notes, a loop, a range: bounded by the notes
            total = len(str(item))
        seen[id(item)] = total
        return total

    def quoted(item: Any) -> int:
        """The length of ``repr(item)``, as a container prints its items."""
        if isinstance(item, str):
            if item.isprintable():
                return len(item) + 2 + item.count("\\") + item.count("'")
            return 10 * len(item) + 2
        return size(item)

    try:
        return size(value)
    except RecursionError:
        raise _OverBudget(f"builds values nested too deeply; {_HINT}") from None


def _check_text(*values: Any) -> None:
    """Before a value is turned into text: its text stays within the size budget."""
    for value in values:
        if not isinstance(value, str) and _text_size(value) > MAX_SIZE:
            raise _too_big(0)


def _check_numbers(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_NUMBER:
            raise _OverBudget(
                f"passes the number {arg} to a call (the limit is {MAX_NUMBER:,}); {_HINT}"
            )


def _longest(values: Iterable[Any]) -> int:
    return max((_text_size(v) for v in values), default=0)


def _check_format(pattern: str, args: Sequence[Any]) -> None:
    """Before ``pattern % args`` or ``pattern.format(*args)``: widths and size bounded."""
    _check_numbers(int(d) for d in re.findall(r"\d{1,12}", pattern))
    if len(pattern) + (pattern.count("{") + pattern.count("%")) * _longest(args) > MAX_SIZE:
        raise _too_big(0)


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        times = text.count(old) if old else len(text) + 1
        if len(text) + times * len(new) > MAX_SIZE:
            raise _too_big(0)


def _check_join(items: Sequence[Any], separator: Any) -> None:
    if len(items) > MAX_SIZE:
        raise _too_big(len(items))
    size = 0
    for item in items:
        size += _text_size(item)
        if size > MAX_SIZE:
            raise _too_big(size)
    if size + _text_size(separator) * len(items) > MAX_SIZE:
        raise _too_big(size)


def _budget_range(*args: Any) -> range:
    _spend()
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise _OverBudget(
            f"makes a range of {len(numbers):,} numbers (the limit is {MAX_RANGE:,}); {_HINT}"
        )
    return numbers


def _budget_loop(items: Any) -> Iterator[Any]:
    """What a ``{% for %}`` loop iterates over: each turn is a step."""
    for item in items:
        _spend()
        yield item


def _budget_concat(*parts: Any) -> str:
    """``a ~ b``, its size checked before it is built."""
    _spend()
    _check_text(*parts)
    texts = [str(part) for part in parts]
    if sum(map(len, texts)) > MAX_SIZE:
        raise _too_big(0)
    return "".join(texts)


def _budget_output(value: Any) -> Any:
    """What a template outputs (text, ``{{ … }}``), counted before it is turned into text.

    Counted wherever it is output, in ``{% set %}`` blocks, ``{% filter %}``
    blocks and macros too, whose output is joined into one value before the
    render sees it (``{% macro m() %}{% for … %}{{ big }}…``).
    """
    if isinstance(value, int) and value.bit_length() > MAX_PRINTED_BITS:
        raise _OverBudget(f"prints a number of more than 4,000 digits; {_HINT}")
    size = len(value) if isinstance(value, str) else _text_size(value, MAX_OUTPUT)
    _BUDGET.output += size
    if _BUDGET.output > MAX_OUTPUT:
        raise _OverBudget(f"renders more than {MAX_OUTPUT:,} characters; {_HINT}")
    return value
