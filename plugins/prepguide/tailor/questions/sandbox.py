"""The Jinja2 sandbox in which bank texts and conditions run, under the budget."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import ChainableUndefined, Template, TemplateError, nodes
from jinja2.exceptions import TemplateRuntimeError, TemplateSyntaxError, UndefinedError
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import missing
from jinja2.visitor import NodeTransformer

from ...read.model import Contact, Organization, Profile
from ...text import clause, first_name, lower_first, with_article_simple
from .budget import (
    _BUDGET,
    _HINT,
    MAX_BITS,
    MAX_OUTPUT,
    MAX_SIZE,
    TemplateBudgetError,
    _budget_concat,
    _budget_loop,
    _budget_output,
    _budget_range,
    _check_format,
    _check_join,
    _check_numbers,
    _check_replace,
    _checked,
    _OverBudget,
    _spend,
    _too_big,
)
from .filters import _RAW_FILTERS, _brief, _budget_filter, _latest, _move, _plain, _text_filter
from .workplace import work_of

_NAMES = frozenset({"you", "contact", "org", "work"})
"""The names a bank text or condition reads (see :func:`_context`)."""


class _Missing(ChainableUndefined):
    """Undefined that is false in conditions but cannot be printed."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = missing,
        name: str | None = None,
        exc: type[TemplateRuntimeError] = UndefinedError,
    ) -> None:
        # The evaluation read a field, or a name of the data, that is missing (see
        # budget_error); an unknown name (``{{ contcat.name }}``) is missing whatever the data.
        if obj is not missing or name in _NAMES:
            _BUDGET.missing += 1
        super().__init__(hint, obj, name, exc)

    def __str__(self) -> str:
        self._fail_with_undefined_error()
        return ""  # pragma: no cover (the call above raises)

    def __iter__(self) -> Any:
        self._fail_with_undefined_error()


class _Budgeted(NodeTransformer):
    """Route loops, ``~`` and output through the budget (applied to every parsed template)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        if node.recursive:
            raise TemplateSyntaxError(
                "recursive loops are not allowed in question texts", node.lineno
            )
        self.generic_visit(node)
        node.iter = nodes.Call(
            nodes.Name("_budget_loop", "load"), [node.iter], [], None, None, lineno=node.lineno
        )
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(
            nodes.Name("_budget_concat", "load"),
            list(node.nodes),
            [],
            None,
            None,
            lineno=node.lineno,
        )

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [
            nodes.Call(
                nodes.Name("_budget_output", "load"),
                [nodes.Const(child.data) if isinstance(child, nodes.TemplateData) else child],
                [],
                None,
                None,
                lineno=child.lineno,
            )
            for child in node.nodes
        ]
        return node


class _Environment(ImmutableSandboxedEnvironment):
    """A sandbox in which ``None`` and empty strings read as undefined, under a budget.

    Lists and dicts cannot be changed (no ``append``); loops, calls, filters and
    operators spend the budget (see ``MAX_STEPS`` and the limits beside it).
    """

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def getattr(self, obj: Any, attribute: str) -> Any:
        value = super().getattr(obj, attribute)
        if value is None or value == "":
            return self.undefined(obj=obj, name=attribute)
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        value = super().getitem(obj, argument)
        if value is None or value == "":
            return self.undefined(obj=obj, name=str(argument))
        return value

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        return _Budgeted().visit(super()._parse(source, name, filename))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _spend()
        sequences = (str, list, tuple)
        over = False
        if operator == "*":
            over = any(
                isinstance(seq, sequences)
                and isinstance(times, int)
                and len(seq) * times > MAX_SIZE
                for seq, times in ((left, right), (right, left))
            ) or (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_BITS
            )
        elif operator == "**":
            over = (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left) > 1
                and (right > MAX_BITS or right * left.bit_length() > MAX_BITS)
            )
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right if isinstance(right, tuple) else (right,))
        elif operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
            over = len(left) + len(right) > MAX_SIZE
        if over:
            raise _OverBudget(f"computes a value over the size budget ({operator}); {_HINT}")
        return _checked(self.binop_table[operator](left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format``, its widths and size checked before it runs."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        pattern = value.__self__

        @functools.wraps(wrapped)
        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format(pattern, [*args, *kwargs.values()])
            return _checked(wrapped(*args, **kwargs))

        return checked

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if __obj is _budget_output:  # output, not a step: counted there
            return _budget_output(*args)
        _spend()
        _check_numbers(args)
        _check_numbers(kwargs.values())
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            method = getattr(__obj, "__name__", "")
            if method == "replace" and len(args) >= 2:
                _check_replace(owner, args[0], args[1])
            elif method == "join" and args:
                items = list(args[0])
                _check_join(items, owner)
                args = (items, *args[1:])
            elif method == "expandtabs":
                width = args[0] if args else kwargs.get("tabsize", 8)
                if isinstance(width, int) and len(owner) + owner.count("\t") * width > MAX_SIZE:
                    raise _too_big(0)
        return _checked(super().call(__context, __obj, *args, **kwargs))


# Not optimized: Jinja2 would otherwise run filters over constants while compiling,
# outside the budget (``{{ "x" | center(10**9) }}`` in ``check``).
_ENV = _Environment(
    undefined=_Missing, autoescape=False, keep_trailing_newline=False, optimized=False
)
_ENV.filters.clear()
_ENV.filters.update({name: _budget_filter(name) for name in sorted(_RAW_FILTERS)})
_ENV.globals.update(
    range=_budget_range,
    _budget_loop=_budget_loop,
    _budget_concat=_budget_concat,
    _budget_output=_budget_output,
)
_ENV.globals.pop("lipsum", None)  # random text: a page must not change between builds
_ENV.filters.update(
    {
        "article": _text_filter(with_article_simple),
        "lower_first": _text_filter(lower_first),
        "first_name": _text_filter(first_name),
        "clause": _text_filter(functools.partial(clause, keep_question=True)),
        "brief": _text_filter(_brief),
        "plain": _text_filter(_plain),
        "move_from": _text_filter(_move(0)),
        "move_to": _text_filter(_move(1)),
        "latest": _latest,
    }
)


# Compiling can fail in other ways than a TemplateError: a number literal of more
# than 4,300 digits (ValueError), brackets nested thousands deep (RecursionError).
_COMPILE_ERRORS = (TemplateError, ValueError, RecursionError, MemoryError, OverflowError)


def _unknown_name(parsed: nodes.Node) -> str | None:
    """Jinja2's message for a filter or test the sandbox does not have, if one is used.

    Jinja2 reports an unknown filter when compiling, except inside ``{% if %}``,
    where it fails only when rendered: a question that is then never used.
    """
    for node in parsed.find_all((nodes.Filter, nodes.Test)):
        if isinstance(node, nodes.Filter) and node.name not in _ENV.filters:
            return f"No filter named {node.name!r}."
        if isinstance(node, nodes.Test) and node.name not in _ENV.tests:
            return f"No test named {node.name!r}."
    return None


def _parse_expression(source: str) -> nodes.Expr:
    """Parse a ``when`` as :meth:`Environment.compile_expression` does."""
    parser = Parser(_ENV, source, state="variable")
    expression = parser.parse_expression()
    if not parser.stream.eos:
        raise TemplateSyntaxError(
            f"unexpected {parser.stream.current.type!r}", parser.stream.current.lineno
        )
    return expression


@functools.lru_cache(maxsize=4096)
def _template(text: str) -> Template | None:
    try:
        if _unknown_name(_ENV.parse(text)):
            return None
        return _ENV.from_string(text)
    except _COMPILE_ERRORS:
        return None


@functools.lru_cache(maxsize=4096)
def _expression(source: str) -> Any:
    try:
        if _unknown_name(_parse_expression(source)):
            return None
        return _ENV.compile_expression(source, undefined_to_none=False)
    except _COMPILE_ERRORS:
        return None


def template_error(text: str, *, expression: bool = False) -> str | None:
    """Say why a question text (or ``when`` condition) cannot be compiled.

    Arguments:
        text: The template or expression source.
        expression: Check it as a ``when`` expression rather than a text.

    Returns:
        Jinja2's message (also for a filter or test the sandbox does not have,
        such as ``random``), or ``None`` when it compiles.

    >>> template_error("{{ contact.name | random }}")
    "No filter named 'random'."
    >>> template_error("{{ contact.name }}") is None
    True
    """
    try:
        if expression:
            _ENV.compile_expression(text, undefined_to_none=False)
            unknown = _unknown_name(_parse_expression(text))
        else:
            _ENV.from_string(text)
            unknown = _unknown_name(_ENV.parse(text))
    except TemplateError as exc:
        return exc.message or str(exc)
    except _COMPILE_ERRORS as exc:
        return f"{type(exc).__name__}: {str(exc)[:200]}"
    return unknown


@functools.lru_cache(maxsize=4096)
def budget_error(text: str, *, expression: bool = False) -> str | None:
    """Say why a question text (or ``when``) is unusable whatever the data.

    The template is tried with no data at all: what it does without reading a field
    (``{% for i in range(100000) %}``, ``9 ** 9 ** 9``) it does for every contact.
    So a trial that goes over the budget, or fails (``{{ 1 / 0 }}``) without
    touching a field, means an entry that can never be used. A text or condition
    that goes over only with some data is found by the build, where it is used.
    ``check`` and the build report both as errors at the entry (docs/prep.md,
    "Question bank format").

    Returns:
        The message, or ``None`` when the trial stays within the budget and does
        not fail, fails on a missing field, or the template does not compile
        (:func:`template_error` says so).

    >>> budget_error("{% for i in range(100000) %}x{% endfor %}")
    'makes a range of 100,000 numbers (the limit is 1,000); simplify the template (question texts need no long loops or big values)'
    >>> budget_error("{{ contact.name }}") is None
    True
    """
    condition = _expression(text) if expression else None
    template = None if expression else _template(text)
    if condition is None and template is None:
        return None
    _BUDGET.reset()
    try:
        if template is None:
            assert condition is not None
            condition()
        else:
            size = 0
            for part in template.generate():
                size += len(part)
                if size > MAX_OUTPUT:
                    raise _OverBudget(f"renders more than {MAX_OUTPUT:,} characters; {_HINT}")
    except _OverBudget as exc:
        return str(exc)
    except RecursionError:
        return f"calls itself too deeply; {_HINT}"
    except Exception as exc:
        if _BUDGET.missing:
            return None  # it read a field: whether it works depends on the data
        reason = " ".join(str(exc).split())[:200]
        return (
            f"fails whatever the data ({type(exc).__name__}: {reason}), so this question "
            "is never used; fix the template or remove the entry"
        )
    return None


def _context(you: Profile | None, contact: Contact, org: Organization | None) -> dict[str, Any]:
    context: dict[str, Any] = {"contact": contact, "work": work_of(contact, org)}
    if you is not None:
        context["you"] = you
    if org is not None:
        context["org"] = org
    return context


def _tidy(rendered: str) -> str | None:
    """A rendered text on one line, or ``None`` when it is blank.

    >>> _tidy("  What do   you do? ")
    'What do you do?'
    >>> _tidy("   ") is None
    True
    """
    rendered = " ".join(rendered.split())
    return rendered or None


def _sandbox_render(text: str, context: Mapping[str, Any]) -> str | None:
    """Render a question template with Jinja2 (the reference for the fast path).

    Raises:
        TemplateBudgetError: The template went over its budget (see ``MAX_STEPS``).

    >>> _sandbox_render("Hi   {{ contact.name }}!", {"contact": {"name": "Sam"}})
    'Hi Sam!'
    """
    template = _template(text)
    if template is None:
        return None
    _BUDGET.reset()
    parts: list[str] = []
    size = 0
    try:
        for part in template.generate(**context):
            size += len(part)
            if size > MAX_OUTPUT:
                raise _OverBudget(f"renders more than {MAX_OUTPUT:,} characters; {_HINT}")
            parts.append(part)
    except _OverBudget as exc:
        raise TemplateBudgetError(text, str(exc)) from None
    except RecursionError:
        raise TemplateBudgetError(text, f"calls itself too deeply; {_HINT}") from None
    except Exception:  # a missing field, a sandbox refusal or a bad filter argument
        return None
    return _tidy("".join(parts))


def _sandbox_condition(when: str, context: Mapping[str, Any]) -> bool:
    """Evaluate a non-blank ``when`` with Jinja2 (the reference for the fast path).

    Raises:
        TemplateBudgetError: The condition went over its budget.
    """
    compiled = _expression(when)
    if compiled is None:
        return False
    _BUDGET.reset()
    try:
        return bool(compiled(**context))
    except _OverBudget as exc:
        raise TemplateBudgetError(when, str(exc), expression=True) from None
    except RecursionError:
        raise TemplateBudgetError(
            when, f"calls itself too deeply; {_HINT}", expression=True
        ) from None
    except Exception:  # any failure means the data does not support the entry
        return False
