"""Question banks: the built-in bank, user banks merged over it, and selection.

A bank entry's ``text`` is a Jinja2 template over ``you`` (the profile),
``contact`` and ``org`` (the contact's organization); its ``when`` is a Jinja2
expression over the same names. Both run in a sandbox in which a missing or
empty field is *undefined*: a condition that touches one is false, and a
text that prints one is not used at all. Templates are compiled once per
distinct text and cached for the whole process; the common kinds (names,
attributes, items, the filters below, ``not``/``and``/``or``, ``{% if %}``)
are evaluated straight from the parsed template with the sandbox's own
attribute and item access, which gives the sandbox's result without the cost
of a Jinja2 context per call.

Selection (:func:`select_questions`) keeps the contact's own questions,
adds the best tailored ones up to a budget fitted to the meeting's length,
puts everything in conversation order and ends with a referral question.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from jinja2 import ChainableUndefined, Template, TemplateError, Undefined, nodes
from jinja2.exceptions import TemplateSyntaxError, UndefinedError
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer
from pydantic import TypeAdapter

from .common_ground import (
    clause,
    first_name,
    fold,
    lower_first,
    split_transition,
    strip_markdown,
    with_article,
)
from .loader import load_bytes
from .model import (
    TOPICS,
    Background,
    Connection,
    Contact,
    Education,
    Experience,
    FollowUp,
    Meeting,
    News,
    Organization,
    Profile,
    QuestionEntry,
    Reflection,
    Role,
)

Source = Literal["yours", "bank", "builtin"]

INDUSTRIES = ("health-care", "technology", "finance", "public-sector", "non-profit", "education")
"""The canonical industry keys an entry's ``industries`` may name."""

INDUSTRY_KEYWORDS: dict[str, tuple[str, ...]] = {
    "health-care": (
        "health care",
        "healthcare",
        "health",
        "hospital",
        "hospitals",
        "health system",
        "clinic",
        "clinics",
        "clinical",
        "medical",
        "medicine",
        "nursing",
        "pharmacy",
        "pharmaceutical",
        "pharmaceuticals",
        "pharma",
        "biotech",
        "biotechnology",
        "life sciences",
        "dental",
        "care home",
        "long term care",
    ),
    "technology": (
        "technology",
        "tech",
        "software",
        "saas",
        "internet",
        "computing",
        "computer",
        "computers",
        "information technology",
        "it services",
        "telecommunications",
        "telecom",
        "hardware",
        "electronics",
        "semiconductors",
        "cybersecurity",
        "artificial intelligence",
        "ai",
        "data science",
        "cloud",
    ),
    "finance": (
        "finance",
        "financial",
        "financial services",
        "fintech",
        "bank",
        "banks",
        "banking",
        "insurance",
        "insurer",
        "reinsurance",
        "investment",
        "investments",
        "investing",
        "asset management",
        "wealth management",
        "accounting",
        "credit union",
        "capital markets",
        "private equity",
        "venture capital",
        "payments",
        "trading",
    ),
    "public-sector": (
        "government",
        "public sector",
        "public service",
        "public services",
        "public administration",
        "civil service",
        "local government",
        "state government",
        "federal",
        "municipal",
        "municipality",
        "county",
        "city council",
        "council",
        "ministry",
        "armed forces",
    ),
    "non-profit": (
        "non profit",
        "nonprofit",
        "not for profit",
        "charity",
        "charitable",
        "ngo",
        "foundation",
        "philanthropy",
        "advocacy",
        "voluntary sector",
        "third sector",
        "social enterprise",
    ),
    "education": (
        "education",
        "educational",
        "edtech",
        "higher education",
        "university",
        "college",
        "school",
        "schools",
        "academic",
        "academia",
        "k 12",
    ),
}
"""Keywords that map an organization's free-text ``industry`` to a canonical key."""

_KEYWORDS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        ((tuple(word.split()), key) for key, words in INDUSTRY_KEYWORDS.items() for word in words),
        key=lambda item: -len(item[0]),
    )
)

BACKUPS_PER_TOPIC = 3
"""How many unused questions of each topic are listed as backups."""

INTRO_MINUTES = 2
CLOSING_MINUTES = 2
MINUTES_PER_QUESTION = 3
MIN_QUESTIONS = 2

# Which topics a short conversation covers first. "path" and "transition" are one
# group: a contact who changed careers gets a transition question in its place.
_PICK_GROUPS: tuple[tuple[str, ...], ...] = (
    ("path", "transition"),
    ("role",),
    ("advice",),
    ("organization",),
    ("trends",),
    ("resources",),
    ("rapport",),
    ("timing",),
    ("next-steps",),
)


@dataclass(frozen=True)
class SelectedQuestion:
    """A question chosen for one conversation.

    Attributes:
        id: The bank entry's id, or ``yours-N`` for the contact's own N-th question.
        topic: One of the bank topics (see :data:`prepguide.model.TOPICS`).
        text: The rendered question.
        source: ``yours`` (the contact file), ``bank`` (a user bank) or ``builtin``.
    """

    id: str
    topic: str
    text: str
    source: str


@dataclass(frozen=True)
class BankItem:
    """An entry of the merged bank and where it comes from."""

    entry: QuestionEntry
    source: Source
    order: int
    """Position in the merged bank (a replaced built-in keeps its place); breaks ties."""


@dataclass(frozen=True)
class Selection:
    """The questions chosen for one conversation.

    Attributes:
        questions: In conversation order, ending with a referral question.
        backups: Further good questions, in conversation order.
        budget: How many questions fit the meeting.
        note: One or two sentences explaining the budget.
    """

    questions: tuple[SelectedQuestion, ...]
    backups: tuple[SelectedQuestion, ...]
    budget: int
    note: str


# ---------------------------------------------------------------------------
# Industries


@functools.lru_cache(maxsize=4096)
def industry_key(text: str | None) -> str | None:
    """Map a free-text industry to a canonical key.

    The text is folded (case, accents and punctuation) and searched for the
    keywords of :data:`INDUSTRY_KEYWORDS`; the keyword that appears *first*
    wins, the longest one on a tie. So "Finance (health insurance)" is
    ``finance`` and "Health tech" is ``health-care``. A canonical key itself
    ("public-sector") maps to itself.

    Arguments:
        text: An organization's ``industry`` (or an entry's ``industries`` item).

    Returns:
        One of :data:`INDUSTRIES`, or ``None`` when no keyword matches.
    """
    if not text:
        return None
    if text.strip().casefold() in INDUSTRIES:
        return text.strip().casefold()
    words = fold(text).split()
    for start in range(len(words)):
        for phrase, key in _KEYWORDS:
            if tuple(words[start : start + len(phrase)]) == phrase:
                return key
    return None


def industry_matches(industries: Sequence[str], org: Organization | None) -> bool:
    """Whether an entry limited to ``industries`` applies to an organization.

    An item matches when it maps to the organization's canonical key, or when
    its words appear in the organization's ``industry`` text (so "Design
    consultancy" matches "Technology (design consultancy)").

    Arguments:
        industries: The entry's ``industries`` (empty: any organization, or none).
        org: The contact's organization.

    Returns:
        True when the entry may be used.
    """
    if not industries:
        return True
    if org is None or not org.industry:
        return False
    key = industry_key(org.industry)
    text = f" {fold(org.industry)} "
    for item in industries:
        wanted = industry_key(item)
        if wanted is not None and wanted == key:
            return True
        words = fold(item)
        if words and f" {words} " in text:
            return True
    return False


# ---------------------------------------------------------------------------
# Templates


class _Missing(ChainableUndefined):
    """Undefined that is false in conditions but cannot be printed."""

    __slots__ = ()

    def __str__(self) -> str:
        self._fail_with_undefined_error()
        return ""  # pragma: no cover (the call above raises)

    def __iter__(self) -> Any:
        self._fail_with_undefined_error()


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


def _check_numbers(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_NUMBER:
            raise _OverBudget(
                f"passes the number {arg} to a call (the limit is {MAX_NUMBER:,}); {_HINT}"
            )


def _longest(values: Iterable[Any]) -> int:
    return max((len(v) if isinstance(v, str) else len(str(v)) for v in values), default=0)


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
    size = sum(len(i) if isinstance(i, str) else len(str(i)) for i in items)
    if size + len(str(separator)) * len(items) > MAX_SIZE:
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
    texts = [str(part) for part in parts]
    if sum(map(len, texts)) > MAX_SIZE:
        raise _too_big(0)
    return "".join(texts)


class _Budgeted(NodeTransformer):
    """Route loops and ``~`` through the budget (applied to every parsed template)."""

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


def _budget_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """One of Jinja2's filters, under the budget (its numbers bounded, its result checked)."""
    takes = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(function)
    def budgeted(*args: Any, **kwargs: Any) -> Any:
        _spend()
        value, rest = (args[takes] if len(args) > takes else None), args[takes + 1 :]
        _check_numbers(rest)
        _check_numbers(kwargs.values())
        if name == "format" and isinstance(value, str):
            _check_format(value, [*rest, *kwargs.values()])
        elif name == "replace" and len(rest) >= 2:
            _check_replace(value, rest[0], rest[1])
        elif name == "join" and value is not None and not isinstance(value, Undefined):
            items = list(value)
            _check_join(items, rest[0] if rest else kwargs.get("d", ""))
            args = (*args[:takes], items, *rest)
        elif name in ("indent", "wordwrap") and isinstance(value, str):
            extra = [a for a in (*rest, *kwargs.values()) if isinstance(a, str)]
            if len(value) + (value.count("\n") + len(value) + 1) * _longest(extra) > MAX_SIZE:
                raise _too_big(0)
        return _checked(function(*args, **kwargs))

    return budgeted


def _text_filter(function: Callable[[str], str]) -> Callable[[Any], str]:
    # The text functions are pure, and the same values recur from contact to
    # contact (an organization's focus, a career change), so results are kept.
    cached = functools.lru_cache(maxsize=4096, typed=True)(function)

    def wrapped(value: Any) -> str:
        if isinstance(value, Undefined):
            value._fail_with_undefined_error()
        return cached(str(value))

    wrapped.__doc__ = function.__doc__
    return wrapped


def _move(side: int) -> Callable[[str], str]:
    def pick(text: str) -> str:
        parts = split_transition(text)
        if parts is None:
            raise UndefinedError(f"`{text}` does not say what the move was from and to")
        return parts[side]

    return pick


def _brief(text: str) -> str:
    """Shorten a phrase: drop parentheses and whatever follows a semicolon or dash."""
    text = re.sub(r"\s*\([^)]*\)", "", text)
    text = re.split(r";|\s[-–—]\s", text, maxsplit=1)[0]
    return clause(text)


def _latest(items: Any) -> Any:
    if isinstance(items, Undefined) or not items:
        raise UndefinedError("the list is empty")
    dated = [(getattr(item, "date", None), index, item) for index, item in enumerate(items)]
    with_dates = [d for d in dated if d[0] is not None]
    if with_dates:
        return max(with_dates, key=lambda d: (d[0], -d[1]))[2]
    return items[0]


# Not optimized: Jinja2 would otherwise run filters over constants while compiling,
# outside the budget (``{{ "x" | center(10**9) }}`` in ``check``).
_ENV = _Environment(
    undefined=_Missing, autoescape=False, keep_trailing_newline=False, optimized=False
)
_ENV.filters.update({name: _budget_filter(name, f) for name, f in _ENV.filters.items()})
_ENV.globals.update(range=_budget_range, _budget_loop=_budget_loop, _budget_concat=_budget_concat)
_ENV.globals.pop("lipsum", None)
_ENV.filters.update(
    {
        "article": _text_filter(with_article),
        "lower_first": _text_filter(lower_first),
        "first_name": _text_filter(first_name),
        "clause": _text_filter(clause),
        "brief": _text_filter(_brief),
        "plain": _text_filter(strip_markdown),
        "move_from": _text_filter(_move(0)),
        "move_to": _text_filter(_move(1)),
        "latest": _latest,
    }
)


# Compiling can fail in other ways than a TemplateError: a number literal of more
# than 4,300 digits (ValueError), brackets nested thousands deep (RecursionError).
_COMPILE_ERRORS = (TemplateError, ValueError, RecursionError, MemoryError, OverflowError)


@functools.lru_cache(maxsize=4096)
def _template(text: str) -> Template | None:
    try:
        return _ENV.from_string(text)
    except _COMPILE_ERRORS:
        return None


@functools.lru_cache(maxsize=4096)
def _expression(source: str) -> Any:
    try:
        return _ENV.compile_expression(source, undefined_to_none=False)
    except _COMPILE_ERRORS:
        return None


def template_error(text: str, *, expression: bool = False) -> str | None:
    """Say why a question text (or ``when`` condition) cannot be compiled.

    Arguments:
        text: The template or expression source.
        expression: Check it as a ``when`` expression rather than a text.

    Returns:
        Jinja2's message, or ``None`` when it compiles.
    """
    try:
        if expression:
            _ENV.compile_expression(text, undefined_to_none=False)
        else:
            _ENV.from_string(text)
    except TemplateError as exc:
        return exc.message or str(exc)
    except _COMPILE_ERRORS as exc:
        return f"{type(exc).__name__}: {str(exc)[:200]}"
    return None


@functools.lru_cache(maxsize=4096)
def budget_error(text: str, *, expression: bool = False) -> str | None:
    """Say why a question text (or ``when``) goes over its evaluation budget whatever the data.

    The template is tried with no data at all: what it does without reading a field
    (``{% for i in range(100000) %}``, ``9 ** 9 ** 9``) it does for every contact.
    A text or condition that goes over only with some data is found by the build,
    where it is used. ``check`` and the build report both as errors at the entry.

    Returns:
        The message, or ``None`` when the trial stays within the budget (or the
        template does not compile: :func:`template_error` says so).
    """
    try:
        if expression:
            if _compiled_condition(text).names is None:
                _sandbox_condition(text, {})
        elif _compiled_text(text).names is None:
            _sandbox_render(text, {})
    except TemplateBudgetError as exc:
        return exc.message
    return None


def _context(you: Profile | None, contact: Contact, org: Organization | None) -> dict[str, Any]:
    context: dict[str, Any] = {"contact": contact}
    if you is not None:
        context["you"] = you
    if org is not None:
        context["org"] = org
    return context


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

_NAMES = frozenset({"you", "contact", "org"})
_FAST_FILTERS = frozenset(
    {"article", "lower_first", "first_name", "clause", "brief", "plain", "move_from", "move_to"}
    | {"latest"}
)
_MODEL_FIELDS: dict[type, frozenset[str]] = {
    model: frozenset(model.model_fields)
    for model in (
        Background,
        Connection,
        Contact,
        Education,
        Experience,
        FollowUp,
        Meeting,
        News,
        Organization,
        Profile,
        Reflection,
        Role,
    )
}


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


def _tidy(rendered: str) -> str | None:
    rendered = " ".join(rendered.split())
    return rendered or None


def _sandbox_render(text: str, context: Mapping[str, Any]) -> str | None:
    """Render a question template with Jinja2 (the reference for the fast path).

    Raises:
        TemplateBudgetError: The template went over its budget (see ``MAX_STEPS``).
    """
    template = _template(text)
    if template is None:
        return None
    _BUDGET.steps = 0
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
    _BUDGET.steps = 0
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
        parsed = _ENV.parse(text)
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
    """
    compiled = _compiled_text(text)
    return compiled.static if compiled.static is not None else compiled.render(context)


# ---------------------------------------------------------------------------
# Banks


@functools.lru_cache(maxsize=1)
def builtin_bank() -> tuple[QuestionEntry, ...]:
    """Return the built-in question bank (``data/questions/builtin.yml``), loaded once.

    Returns:
        The validated entries, in file order.
    """
    source = resources.files("prepguide").joinpath("data/questions/builtin.yml")
    # The guides' own YAML 1.2 loader: the same data as ruamel's safe loader
    # (the tests check), in a fraction of the time.
    data = load_bytes(source.read_bytes(), "data/questions/builtin.yml").data
    entries = TypeAdapter(list[QuestionEntry]).validate_python(data)
    return tuple(entries)


def merge_banks(user: Iterable[QuestionEntry] = ()) -> tuple[BankItem, ...]:
    """Merge user banks over the built-in bank.

    A user entry with the id of a built-in entry replaces it (and takes its
    place in the order); other user entries are added after the built-in ones.
    When a user bank repeats an id, the last entry wins.

    Arguments:
        user: The entries of ``content/questions/*.yml`` in load order.

    Returns:
        The merged bank (the same tuple again for the same entries).
    """
    builtin = builtin_bank()
    entries = tuple(user)
    key = (id(builtin), *map(id, entries))
    cached = _MERGED.get(key)
    if cached is not None:
        return cached[1]
    merged = _merge(builtin, entries)
    if len(_MERGED) >= _MERGED_MAX:
        del _MERGED[next(iter(_MERGED))]
    # The entries are kept with the result, so their ids stay theirs.
    _MERGED[key] = ((builtin, *entries), merged)
    return merged


_MERGED: dict[tuple[int, ...], tuple[tuple[Any, ...], tuple[BankItem, ...]]] = {}
"""Merged banks by the identities of the built-in bank and the user entries."""
_MERGED_MAX = 16


def _merge(
    builtin: tuple[QuestionEntry, ...], user: tuple[QuestionEntry, ...]
) -> tuple[BankItem, ...]:
    items: dict[str, BankItem] = {}
    for index, entry in enumerate(builtin):
        items[entry.id] = BankItem(entry, "builtin", index)
    next_order = len(items)
    for entry in user:
        previous = items.get(entry.id)
        if previous is not None:
            items[entry.id] = BankItem(entry, "bank", previous.order)
        else:
            items[entry.id] = BankItem(entry, "bank", next_order)
            next_order += 1
    return tuple(sorted(items.values(), key=lambda item: item.order))


def is_referral_entry(entry: QuestionEntry) -> bool:
    """Whether an entry is a closing referral question ("who else…").

    Referral entries are ``next-steps`` entries whose id starts with ``referral``.

    Arguments:
        entry: A bank entry.

    Returns:
        True for referral entries.
    """
    return entry.topic == "next-steps" and entry.id.startswith("referral")


_REFERRAL_RE = re.compile(
    r"\bwho else\b|\banyone else\b|\bsomeone else\b|\bintroduc|\bwho (should|could|would|might|do you think) i\b"
    r"|\bpeople i should\b|\bother people\b|\bwho would you suggest\b|\bwho do you recommend\b"
)

_TOPIC_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("next-steps", _REFERRAL_RE),
    (
        "transition",
        re.compile(
            r"\bcareer change|\bchanging careers?\b|\bchange careers?\b|\bswitch|\btransition"
            r"|\byour move\b|\bmiss about\b|\bleft\b|\bleaving\b"
        ),
    ),
    (
        "timing",
        re.compile(
            r"\bhiring\b|\bhire\b|\btimeline\b|\bhow long\b|\bopenings?\b|\bposting\b"
            r"|\bright time\b|\bwhen do\b|\bwhen does\b"
        ),
    ),
    (
        "resources",
        re.compile(
            r"\bread\b|\bbooks?\b|\bcourses?\b|\bresources?\b|\bcommunit(y|ies)\b|\bnewsletters?\b"
            r"|\bpodcasts?\b|\bassociations?\b|\bmeetups?\b"
        ),
    ),
    (
        "advice",
        re.compile(
            r"\badvice\b|\badvise\b|\brecommend|\bsuggest\b|\bshould i\b|\bwish you\b"
            r"|\bif you were\b|\bstand out\b|\bstrongest\b|\blook for\b|\bapplicants?\b"
            r"|\bapplications?\b|\bapplying\b|\bbefore applying\b|\bwant .* to understand\b"
        ),
    ),
    (
        "trends",
        re.compile(
            r"\bchanging\b|\bchanged\b|\bfuture\b|\btrends?\b|\bheading\b|\bnext (few|couple|two|five)\b"
            r"|\bover the next\b|\bcoming years\b"
        ),
    ),
    (
        "path",
        re.compile(
            r"\bhow did you\b|\bget into\b|\bgot into\b|\bget started\b|\bfirst job\b"
            r"|\bpath\b|\bbackground\b|\bwhat led you\b|\bwhat brought you\b"
        ),
    ),
    (
        "organization",
        re.compile(
            r"\bteam\b|\bcompany\b|\bculture\b|\borgani[sz]ation\b|\blab\b|\bhere\b|\bdepartment\b"
        ),
    ),
)


@functools.lru_cache(maxsize=4096)
def is_referral_text(text: str) -> bool:
    """Whether a question asks who else to talk to.

    Arguments:
        text: A question.

    Returns:
        True for referral questions ("Who else should I talk to?").
    """
    return bool(_REFERRAL_RE.search(fold(text)))


@functools.lru_cache(maxsize=4096)
def classify_topic(text: str) -> str:
    """Guess the topic of a question the user wrote (for conversation order).

    Keyword rules, first match wins: next-steps (who else…), transition,
    timing, resources, advice, trends, path, organization; anything else is
    a ``role`` question.

    Arguments:
        text: A question.

    Returns:
        A topic of :data:`prepguide.model.TOPICS`.
    """
    folded = fold(text)
    for topic, pattern in _TOPIC_RULES:
        if pattern.search(folded):
            return topic
    return "role"


# ---------------------------------------------------------------------------
# Selection


def question_budget(duration: int) -> int:
    """How many questions fit a meeting.

    About one question per three minutes of conversation, after two minutes
    for your intro and two for the closing; at least two.

    Arguments:
        duration: The meeting's length in minutes.

    Returns:
        The number of questions.
    """
    talk = duration - INTRO_MINUTES - CLOSING_MINUTES
    return max(MIN_QUESTIONS, talk // MINUTES_PER_QUESTION)


def _budget_note(duration: int, budget: int, yours: int, total: int, backups: int) -> str:
    talk = max(duration - INTRO_MINUTES - CLOSING_MINUTES, 0)
    note = (
        f"{duration} minutes: after about {INTRO_MINUTES} for your intro and "
        f"{CLOSING_MINUTES} to close, {talk} minutes of conversation leave room for "
        f"about {budget} questions (one every {MINUTES_PER_QUESTION} minutes)."
    )
    if total > budget:
        note += (
            f" Your own {yours} questions are all kept, so the list runs over; "
            "be ready to skip some, or trim them."
        )
    if backups:
        note += f" {backups} backup questions follow, for when answers run short."
    return note


class _Slot:
    """A bank item with what selection needs of it, worked out once per bank."""

    __slots__ = (
        "fixed",
        "holds",
        "industries",
        "item",
        "key",
        "memo",
        "never",
        "place",
        "rank",
        "referral",
        "render",
        "shared",
        "static",
        "topic",
    )

    def __init__(self, item: BankItem) -> None:
        entry = item.entry
        self.item = item
        self.topic: str = entry.topic
        # industry_matches, item by item: (canonical key, " folded words ").
        self.industries = tuple(
            (industry_key(item), f" {words} " if (words := fold(item)) else None)
            for item in entry.industries
        )
        condition = _compiled_condition(entry.when)
        self.holds = None if condition.check is _always else condition.check
        self.memo = condition.pure
        """Whether the result may be shared by entries with the same condition."""
        compiled = _compiled_text(entry.text)
        self.static = compiled.static
        self.render = compiled.render
        # A text without template syntax is the same for every contact: so
        # are its folded form and the (immutable) selected question.
        self.key = fold(self.static) if self.static is not None else ""
        self.fixed: SelectedQuestion | None = None
        self.never = (self.static is None and self.render is _never) or self.holds is _never_holds
        """Whether the entry can never be used (its text or condition does not compile)."""
        reads = set()
        if self.holds is not None:
            reads.add(condition.names)
        if self.static is None:
            reads.add(compiled.names)
        self.shared = bool(reads) and all(n is not None and n <= _SHARED_NAMES for n in reads)
        """Whether the condition and text read only ``you`` and ``org``, with the fast
        evaluator: their outcome is then the same for everyone at an organization."""
        self.referral = is_referral_entry(entry)
        specificity = (1 if entry.industries else 0) + (1 if entry.when else 0)
        self.rank: tuple[int, int, int, str] = (
            -entry.priority,
            -specificity,
            item.order,
            entry.id,
        )
        self.place = 0
        """Position of ``rank`` among the bank's ranks (ranks are unique: ids are)."""

    def allows(self, key: str | None, text: str) -> bool:
        """:func:`industry_matches` for an organization's industry key and folded text."""
        if not self.industries:
            return True
        for wanted, words in self.industries:
            if wanted is not None and wanted == key:
                return True
            if words is not None and words in text:
                return True
        return False

    def selected(self, text: str) -> SelectedQuestion:
        if self.static is None:
            return SelectedQuestion(self.item.entry.id, self.topic, text, self.item.source)
        if self.fixed is None:
            self.fixed = SelectedQuestion(self.item.entry.id, self.topic, text, self.item.source)
        return self.fixed


class _Plan:
    """A merged bank prepared for selection: slots in bank order, usable ones by industry."""

    def __init__(self, bank: Sequence[BankItem]) -> None:
        self.bank = bank
        self.slots = tuple(_Slot(item) for item in bank)
        for place, slot in enumerate(sorted(self.slots, key=lambda s: s.rank)):
            slot.place = place
        self._usable: dict[str | None, tuple[_Slot, ...]] = {}
        self._shared: dict[tuple[int, int], tuple[Any, Any, dict[_Slot, str | None]]] = {}

    def shared(self, org: Organization | None, you: Any) -> dict[_Slot, str | None]:
        """Outcomes of the :attr:`_Slot.shared` entries for one organization and profile.

        Keyed by identity: the models are immutable, and each one is kept with
        its outcomes so that its id stays its own (a ``mkdocs serve`` rebuild
        loads new models, and the oldest outcomes are dropped in bulk).
        """
        key = (id(org), id(you))
        found = self._shared.get(key)
        if found is None or found[0] is not org or found[1] is not you:
            if len(self._shared) >= 4096:
                self._shared.clear()
            found = self._shared[key] = (org, you, {})
        return found[2]

    def usable(self, org: Organization | None) -> tuple[_Slot, ...]:
        """The slots whose ``industries`` allow the organization, in bank order.

        Entries that can never be used (a text or condition that does not
        compile, a text without template syntax that is blank) are left out.
        """
        industry = org.industry if org is not None and org.industry else None
        found = self._usable.get(industry)
        if found is None:
            if len(self._usable) >= 1024:
                self._usable.clear()
            if industry is None:  # only entries without industries apply
                found = tuple(s for s in self.slots if not s.never and not s.industries)
            else:
                key, text = industry_key(industry), f" {fold(industry)} "
                found = tuple(s for s in self.slots if not s.never and s.allows(key, text))
            self._usable[industry] = found
        return found


_PLANS: dict[int, _Plan] = {}
_PLANS_MAX = 16


def _plan(bank: Sequence[BankItem]) -> _Plan:
    # Keyed by identity (merge_banks returns the same tuple for the same
    # entries); the plan keeps the bank alive, so the id stays its own. Only
    # tuples are cached: a list could change between calls.
    if not isinstance(bank, tuple):
        return _Plan(bank)
    plan = _PLANS.get(id(bank))
    if plan is None or plan.bank is not bank:
        plan = _Plan(bank)
        if len(_PLANS) >= _PLANS_MAX:
            del _PLANS[next(iter(_PLANS))]
        _PLANS[id(bank)] = plan
    return plan


def _candidates(
    plan: _Plan, context: Mapping[str, Any], org: Organization | None
) -> list[tuple[_Slot, str]]:
    """The usable entries whose condition holds and whose text renders, in bank order."""
    found = []
    known: dict[Callable[[Mapping[str, Any]], bool], bool] = {}
    shared = plan.shared(org, context.get("you"))
    for slot in plan.usable(org):
        if slot.shared:
            # The same outcome for everyone at the organization: worked out once.
            if slot in shared:
                outcome = shared[slot]
            else:
                outcome = shared[slot] = _outcome(slot, context)
            if outcome is not None:
                found.append((slot, outcome))
            continue
        holds = slot.holds
        if holds is not None:
            if slot.memo:
                ok = known.get(holds)
                if ok is None:
                    ok = known[holds] = holds(context)
            else:
                ok = holds(context)
            if not ok:
                continue
        text = slot.static
        if text is None:
            text = slot.render(context)
            if text is None:
                continue
        found.append((slot, text))
    return found


def _outcome(slot: _Slot, context: Mapping[str, Any]) -> str | None:
    """A slot's text for a context, or None when its condition fails or the text does not render."""
    if slot.holds is not None and not slot.holds(context):
        return None
    return slot.static if slot.static is not None else slot.render(context)


def _place(candidate: tuple[_Slot, str]) -> int:
    return candidate[0].place


def candidates_for(
    bank: Sequence[BankItem],
    you: Profile | None,
    contact: Contact,
    org: Organization | None,
) -> list[tuple[BankItem, str]]:
    """Return every bank entry usable for a contact, rendered.

    Arguments:
        bank: The merged bank (:func:`merge_banks`).
        you: The profile, or ``None``.
        contact: The contact.
        org: The contact's organization, or ``None``.

    Returns:
        ``(item, text)`` pairs, in bank order, for entries whose industries
        match, whose condition holds and whose text renders.
    """
    context = _context(you, contact, org)
    return [(slot.item, text) for slot, text in _candidates(_plan(bank), context, org)]


def select_questions(
    bank: Sequence[BankItem],
    you: Profile | None,
    contact: Contact,
    org: Organization | None,
) -> Selection:
    """Choose and order the questions for one conversation.

    The contact's own questions are always kept (source ``yours``). The
    remaining room in the budget (:func:`question_budget`) is filled one topic
    group at a time (path or transition, role, advice, organization, trends,
    resources, rapport, timing, next steps), topics you already cover coming
    last; within a topic the highest ``priority`` wins, then the more specific
    entry (one limited by industry or condition), then bank order. The list is
    shown in conversation order and ends with a referral question: your own if
    you wrote one, else the best referral entry.

    Arguments:
        bank: The merged bank (:func:`merge_banks`).
        you: The profile, or ``None`` in a playbook.
        contact: The contact.
        org: The contact's organization, or ``None``.

    Returns:
        The selection with its budget and an explanation.
    """
    seen: set[str] = set()
    yours: list[SelectedQuestion] = []
    own_referral: SelectedQuestion | None = None
    for index, text in enumerate(contact.questions):
        text = " ".join(text.split())
        key = fold(text)
        if not key or key in seen:
            continue
        seen.add(key)
        question = SelectedQuestion(f"yours-{index + 1}", classify_topic(text), text, "yours")
        if own_referral is None and question.topic == "next-steps" and is_referral_text(text):
            own_referral = question
        else:
            yours.append(question)

    # Every usable entry, rendered, in bank order (as candidates_for): a
    # text equal (once folded) to one of yours or to an earlier entry's is
    # left out. Candidates are (place, slot, text): places are unique, so
    # sorting candidates sorts them by rank.
    context = _context(you, contact, org)
    referrals: list[tuple[int, _Slot, str]] = []
    others: list[tuple[int, _Slot, str]] = []
    for slot, rendered in _candidates(_plan(bank), context, org):
        key = slot.key if slot.static is not None else fold(rendered)
        if key in seen:
            continue
        seen.add(key)
        (referrals if slot.referral else others).append((slot.place, slot, rendered))

    closing: SelectedQuestion | None = own_referral
    if closing is None and referrals:
        _, slot, text = min(referrals)
        closing = slot.selected(text)

    budget = question_budget(contact.meeting.duration)
    room = budget - len(yours) - (1 if closing is not None else 0)

    # Each topic's candidates, best first.
    by_topic: dict[str, list[tuple[int, _Slot, str]]] = {}
    others.sort()
    for candidate in others:
        topic = candidate[1].topic
        if topic in by_topic:
            by_topic[topic].append(candidate)
        else:
            by_topic[topic] = [candidate]
    covered = {q.topic for q in yours}
    # Groups already covered by your questions go last (a stable partition).
    groups = [g for g in _PICK_GROUPS if covered.isdisjoint(g)] + [
        g for g in _PICK_GROUPS if not covered.isdisjoint(g)
    ]
    picked: list[tuple[int, _Slot, str]] = []
    while room > 0:
        progress = False
        for group in groups:
            if room <= 0:
                break
            pools = [by_topic[topic] for topic in group if by_topic.get(topic)]
            if not pools:
                continue
            pool = min(pools) if len(pools) > 1 else pools[0]
            picked.append(pool.pop(0))
            room -= 1
            progress = True
        if not progress:
            break

    def order_key(pair: tuple[int, tuple[Any, ...], SelectedQuestion]) -> tuple[Any, ...]:
        weight, rank, question = pair
        return (_TOPIC_INDEX.get(question.topic, len(TOPICS)), weight, rank)

    ordered = sorted(
        [(0, (i,), q) for i, q in enumerate(yours)]
        + [(1, slot.rank, slot.selected(text)) for _, slot, text in picked],
        key=order_key,
    )
    questions = [q for _, _, q in ordered]
    if closing is not None:
        questions.append(closing)

    backups = tuple(
        slot.selected(text)
        for topic in TOPICS
        for _, slot, text in by_topic.get(topic, ())[:BACKUPS_PER_TOPIC]
    )

    note = _budget_note(
        contact.meeting.duration,
        budget,
        len(yours) + (1 if own_referral else 0),
        len(questions),
        len(backups),
    )
    return Selection(tuple(questions), backups, budget, note)


_TOPIC_INDEX = {topic: i for i, topic in enumerate(TOPICS)}
