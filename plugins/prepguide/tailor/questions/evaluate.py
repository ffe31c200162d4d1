"""Rendering bank texts and evaluating conditions: the fast path, Jinja2 for the rest."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.parser import Parser

from ...read.model import PAGE_MODELS
from .budget import _HINT, MAX_OUTPUT, TemplateBudgetError, _OverBudget
from .sandbox import (
    _COMPILE_ERRORS,
    _ENV,
    _NAMES,
    _expression,
    _sandbox_condition,
    _sandbox_render,
    _template,
    _tidy,
)

# ---------------------------------------------------------------------------
# Fast evaluation
#
# Most bank texts and conditions use a small part of Jinja2: the names
# ``you``/``contact``/``org``, attribute and item access, the filters above,
# ``not``/``and``/``or`` and ``{% if %}``. Those are evaluated here directly
# from the parsed template, with the sandbox's own ``getattr``/``getitem``
# (and the same filter functions), so the result is the sandbox's result
# without building a Jinja2 context for every call. Anything else falls back
# to the compiled template. Texts without any template syntax are rendered
# once.

_Eval = Callable[[Mapping[str, Any]], Any]

_FAST_FILTERS = frozenset(
    {"article", "lower_first", "first_name", "clause", "brief", "plain", "move_from", "move_to"}
    | {"latest"}
)
_MODEL_FIELDS: dict[type, frozenset[str]] = {m: frozenset(m.model_fields) for m in PAGE_MODELS}


class _Unsupported(Exception):
    """A template construct the fast evaluator leaves to Jinja2."""


def _field_getter(attr: str) -> Callable[[Any], Any]:
    """``_ENV.getattr(obj, attr)``, with a shortcut for the fields of the data models.

    For a model instance and one of its declared fields, the sandbox's checks
    always pass (the value is plain data and the name has no underscore), so
    the value is read directly; it still becomes undefined when None or empty.
    """
    sandbox_getattr = _ENV.getattr
    undefined = _ENV.undefined
    fields = _MODEL_FIELDS

    def get(obj: Any) -> Any:
        names = fields.get(type(obj))
        if names is None or attr not in names:
            return sandbox_getattr(obj, attr)
        try:
            value = getattr(obj, attr)
        except AttributeError:  # not set at all: let the sandbox decide
            return sandbox_getattr(obj, attr)
        if value is None or value == "":
            return undefined(obj=obj, name=attr)
        return value

    if attr.startswith("_"):
        return lambda obj: sandbox_getattr(obj, attr)
    return get


def _compile_expr(node: nodes.Node) -> _Eval:
    """Turn an expression node into a function of the context (or raise _Unsupported)."""
    if isinstance(node, nodes.Name):
        if node.ctx != "load" or node.name not in _NAMES:
            raise _Unsupported(node.name)
        name = node.name
        undefined = _ENV.undefined

        def load(context: Mapping[str, Any]) -> Any:
            if name in context:
                return context[name]
            return undefined(name=name)

        return load
    if isinstance(node, nodes.Const):
        value = node.value
        return lambda context: value
    if isinstance(node, nodes.Getattr):
        inner = _compile_expr(node.node)
        get = _field_getter(node.attr)
        return lambda context: get(inner(context))
    if isinstance(node, nodes.Getitem):
        if isinstance(node.arg, nodes.Slice):
            raise _Unsupported("slice")
        inner = _compile_expr(node.node)
        argument = _compile_expr(node.arg)
        getitem = _ENV.getitem
        return lambda context: getitem(inner(context), argument(context))
    if isinstance(node, nodes.Filter):
        if (
            node.node is None
            or node.name not in _FAST_FILTERS
            or node.args
            or node.kwargs
            or node.dyn_args is not None
            or node.dyn_kwargs is not None
        ):
            raise _Unsupported(node.name)
        inner = _compile_expr(node.node)
        function = _ENV.filters[node.name]
        return lambda context: function(inner(context))
    if isinstance(node, nodes.Not):
        operand = _compile_expr(node.node)
        return lambda context: not operand(context)
    if isinstance(node, nodes.Neg):
        operand = _compile_expr(node.node)
        return lambda context: -operand(context)
    if isinstance(node, nodes.And):
        left, right = _compile_expr(node.left), _compile_expr(node.right)
        return lambda context: left(context) and right(context)
    if isinstance(node, nodes.Or):
        left, right = _compile_expr(node.left), _compile_expr(node.right)
        return lambda context: left(context) or right(context)
    raise _Unsupported(type(node).__name__)


_Writer = Callable[[Mapping[str, Any], list[str]], None]


def _compile_body(body: Sequence[nodes.Node]) -> list[_Writer]:
    """Turn template statements into writers that append their output to a list."""
    writers: list[_Writer] = []
    for node in body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                writers.append(_compile_output(child))
        elif isinstance(node, nodes.If):
            writers.append(_compile_if(node))
        else:
            raise _Unsupported(type(node).__name__)
    return writers


def _compile_output(child: nodes.Node) -> _Writer:
    if isinstance(child, nodes.TemplateData):
        data = child.data
        return lambda context, out: out.append(data)
    value = _compile_expr(child)

    def write(context: Mapping[str, Any], out: list[str]) -> None:
        text = str(value(context))
        out.append(text)
        # The fast path has no loops: its output grows with the template and the
        # data alone, and long values are checked against the output budget as
        # they come (short ones at the end, in render).
        if len(text) > 256 and sum(map(len, out)) > MAX_OUTPUT:
            raise _OverBudget(f"renders more than {MAX_OUTPUT:,} characters; {_HINT}")

    return write


def _compile_if(node: nodes.If) -> _Writer:
    branches = [(_compile_expr(node.test), _compile_body(node.body))]
    for elif_ in node.elif_:
        branches.append((_compile_expr(elif_.test), _compile_body(elif_.body)))
    otherwise = _compile_body(node.else_)

    def write(context: Mapping[str, Any], out: list[str]) -> None:
        chosen = otherwise
        for test, writers in branches:
            if test(context):
                chosen = writers
                break
        for writer in chosen:
            writer(context, out)

    return write


def _static_output(template: nodes.Template) -> str | None:
    """What a template made of text alone outputs (``None`` if it has more than text)."""
    parts = []
    for node in template.body:
        if not isinstance(node, nodes.Output):
            return None
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                return None
            parts.append(child.data)
    return "".join(parts)


def _never(context: Mapping[str, Any]) -> None:
    return None


@dataclass(frozen=True)
class _Text:
    """A compiled question text.

    Attributes:
        static: The rendering of a text without template syntax (its only
            one), else ``None``.
        render: Renders the text for a context (``None`` when unusable).
    """

    static: str | None
    render: Callable[[Mapping[str, Any]], str | None]
    names: frozenset[str] | None = frozenset()
    """The context names the fast evaluator reads (None: left to Jinja2)."""


_MAX_FAST_DEPTH = 32
"""Deeper templates are left to Jinja2 (whose compiler has nesting limits)."""


def _depth(node: nodes.Node) -> int:
    return 1 + max((_depth(child) for child in node.iter_child_nodes()), default=0)


@functools.lru_cache(maxsize=4096)
def _compiled_text(text: str) -> _Text:
    if "{" not in text:
        # No tag can start: Jinja2 would output the text as it is, but for
        # newlines (normalized, a final one dropped), which _tidy folds anyway.
        result = _tidy(text)
        return _Text(result, _never if result is None else lambda context: result)
    try:
        parsed = Parser(_ENV, text).parse()  # as written (without the budget calls)
    except _COMPILE_ERRORS:  # then it does not compile either
        return _Text(None, _never)
    try:
        if _depth(parsed) > _MAX_FAST_DEPTH:
            raise _Unsupported("depth")
        writers = _compile_body(parsed.body)
    except _Unsupported:
        # Left to Jinja2. (A template of the supported kinds, once parsed,
        # always compiles, so the fast path needs no compilation.)
        if _template(text) is None:
            return _Text(None, _never)
        return _Text(None, functools.partial(_sandbox_render, text), None)
    output = _static_output(parsed)
    if output is not None:
        result = _tidy(output)
        return _Text(result, _never if result is None else lambda context: result)

    def render(context: Mapping[str, Any]) -> str | None:
        out: list[str] = []
        try:
            for writer in writers:
                writer(context, out)
        except _OverBudget as exc:
            raise TemplateBudgetError(text, str(exc)) from None
        except Exception:  # as in _sandbox_render
            return None
        rendered = "".join(out)
        if len(rendered) > MAX_OUTPUT:
            raise TemplateBudgetError(text, f"renders more than {MAX_OUTPUT:,} characters; {_HINT}")
        return _tidy(rendered)

    return _Text(None, render, _names(parsed))


def _names(node: nodes.Node) -> frozenset[str]:
    """The names (``you``, ``contact``, ``org``) a fast-compiled template or expression reads."""
    return frozenset(name.name for name in node.find_all(nodes.Name))


_SHARED_NAMES = frozenset({"you", "org"})
"""Names that are the same for everyone at one organization (in one build)."""


def _always(context: Mapping[str, Any]) -> bool:
    return True


def _never_holds(context: Mapping[str, Any]) -> bool:
    return False


@dataclass(frozen=True)
class _Condition:
    """A compiled ``when``.

    Attributes:
        check: Evaluates it for a context.
        names: The context names ``check`` reads when it is the fast evaluator,
            None when the condition is left to Jinja2.
    """

    check: Callable[[Mapping[str, Any]], bool]
    names: frozenset[str] | None = frozenset()

    @property
    def pure(self) -> bool:
        """Whether ``check`` is the fast evaluator (a plain function of the data, so
        equal conditions give equal results for one context)."""
        return self.names is not None


@functools.lru_cache(maxsize=4096)
def _compiled_condition(when: str | None) -> _Condition:
    if when is None or not when.strip():
        return _Condition(_always)
    try:  # as Environment.compile_expression parses it
        parser = Parser(_ENV, when, state="variable")
        expression = parser.parse_expression()
        if not parser.stream.eos:
            return _Condition(_never_holds)
    except _COMPILE_ERRORS:  # then it does not compile either
        return _Condition(_never_holds)
    try:
        if _depth(expression) > _MAX_FAST_DEPTH:
            raise _Unsupported("depth")
        evaluate = _compile_expr(expression)
    except _Unsupported:
        if _expression(when) is None:
            return _Condition(_never_holds)
        return _Condition(functools.partial(_sandbox_condition, when), None)

    def holds(context: Mapping[str, Any]) -> bool:
        try:
            return bool(evaluate(context))
        except Exception:  # as in _sandbox_condition
            return False

    return _Condition(holds, _names(expression))


def condition_holds(when: str | None, context: Mapping[str, Any]) -> bool:
    """Evaluate a ``when`` condition.

    Arguments:
        when: A Jinja2 expression, or ``None`` (always holds).
        context: ``you``, ``contact`` and ``org`` (missing ones left out).

    Returns:
        True when the expression is truthy. A condition that does not compile
        or cannot be evaluated (a comparison with a missing field) does not hold.

    >>> condition_holds("contact.role", {"contact": {"role": "Nurse"}})
    True
    >>> condition_holds("contact.role", {"contact": {}}), condition_holds(None, {})
    (False, True)
    """
    return _compiled_condition(when).check(context)


def render_text(text: str, context: Mapping[str, Any]) -> str | None:
    """Render a question template.

    Arguments:
        text: The entry's ``text``.
        context: ``you``, ``contact`` and ``org`` (missing ones left out).

    Returns:
        The question on one line, or ``None`` when it touches a missing field,
        does not compile or renders empty.

    >>> render_text("How did {{ contact.name | first_name }} start?", {"contact": {"name": "Sam Rivera"}})
    'How did Sam start?'
    >>> render_text("{{ contact.email }}?", {"contact": {"name": "Sam"}}) is None
    True
    """
    compiled = _compiled_text(text)
    return compiled.static if compiled.static is not None else compiled.render(context)
