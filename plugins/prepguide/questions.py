"""Question banks: the built-in bank, user banks merged over it, and selection.

A bank entry's ``text`` is a Jinja2 template over ``you`` (the profile),
``contact`` and ``org`` (the contact's organization); its ``when`` is a Jinja2
expression over the same names. Both run in a sandbox in which a missing or
empty field is *undefined*: a condition that touches one is false, and a
text that prints one is not used at all. Templates are compiled once per
distinct text and cached for the whole process.

Selection (:func:`select_questions`) keeps the contact's own questions,
adds the best tailored ones up to a budget fitted to the meeting's length,
puts everything in conversation order and ends with a referral question.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from jinja2 import ChainableUndefined, Template, TemplateError, Undefined
from jinja2.exceptions import UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import TypeAdapter
from ruamel.yaml import YAML

from .common_ground import (
    clause,
    first_name,
    fold,
    lower_first,
    split_transition,
    strip_markdown,
    with_article,
)
from .model import TOPICS, Contact, Organization, Profile, QuestionEntry

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


class _Environment(SandboxedEnvironment):
    """A sandbox in which ``None`` and empty strings read as undefined."""

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


def _text_filter(function: Callable[[str], str]) -> Callable[[Any], str]:
    def wrapped(value: Any) -> str:
        if isinstance(value, Undefined):
            value._fail_with_undefined_error()
        return function(str(value))

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


_ENV = _Environment(undefined=_Missing, autoescape=False, keep_trailing_newline=False)
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


@functools.lru_cache(maxsize=4096)
def _template(text: str) -> Template | None:
    try:
        return _ENV.from_string(text)
    except TemplateError:
        return None


@functools.lru_cache(maxsize=4096)
def _expression(source: str) -> Any:
    try:
        return _ENV.compile_expression(source, undefined_to_none=False)
    except TemplateError:
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
    return None


def _context(you: Profile | None, contact: Contact, org: Organization | None) -> dict[str, Any]:
    context: dict[str, Any] = {"contact": contact}
    if you is not None:
        context["you"] = you
    if org is not None:
        context["org"] = org
    return context


def condition_holds(when: str | None, context: Mapping[str, Any]) -> bool:
    """Evaluate a ``when`` condition.

    Arguments:
        when: A Jinja2 expression, or ``None`` (always holds).
        context: ``you``, ``contact`` and ``org`` (missing ones left out).

    Returns:
        True when the expression is truthy. A condition that does not compile
        or cannot be evaluated (a comparison with a missing field) does not hold.
    """
    if when is None or not when.strip():
        return True
    compiled = _expression(when)
    if compiled is None:
        return False
    try:
        return bool(compiled(**context))
    except Exception:  # any failure means the data does not support the entry
        return False


def render_text(text: str, context: Mapping[str, Any]) -> str | None:
    """Render a question template.

    Arguments:
        text: The entry's ``text``.
        context: ``you``, ``contact`` and ``org`` (missing ones left out).

    Returns:
        The question on one line, or ``None`` when it touches a missing field,
        does not compile or renders empty.
    """
    template = _template(text)
    if template is None:
        return None
    try:
        rendered = template.render(**context)
    except Exception:  # a missing field, a sandbox refusal or a bad filter argument
        return None
    rendered = " ".join(rendered.split())
    return rendered or None


# ---------------------------------------------------------------------------
# Banks


@functools.lru_cache(maxsize=1)
def builtin_bank() -> tuple[QuestionEntry, ...]:
    """Return the built-in question bank (``data/questions/builtin.yml``), loaded once.

    Returns:
        The validated entries, in file order.
    """
    source = resources.files("prepguide").joinpath("data/questions/builtin.yml")
    data = YAML(typ="safe").load(source.read_text(encoding="utf-8"))
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
        The merged bank.
    """
    items: dict[str, BankItem] = {}
    for index, entry in enumerate(builtin_bank()):
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


def is_referral_text(text: str) -> bool:
    """Whether a question asks who else to talk to.

    Arguments:
        text: A question.

    Returns:
        True for referral questions ("Who else should I talk to?").
    """
    return bool(_REFERRAL_RE.search(fold(text)))


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


@dataclass(frozen=True)
class _Candidate:
    item: BankItem
    text: str

    @property
    def rank(self) -> tuple[int, int, int, str]:
        entry = self.item.entry
        specificity = (1 if entry.industries else 0) + (1 if entry.when else 0)
        return (-entry.priority, -specificity, self.item.order, entry.id)

    def selected(self) -> SelectedQuestion:
        entry = self.item.entry
        return SelectedQuestion(entry.id, entry.topic, self.text, self.item.source)


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
    found = []
    for item in bank:
        entry = item.entry
        if not industry_matches(entry.industries, org):
            continue
        if not condition_holds(entry.when, context):
            continue
        text = render_text(entry.text, context)
        if text is not None:
            found.append((item, text))
    return found


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
    topic_index = {topic: i for i, topic in enumerate(TOPICS)}
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

    referrals: list[_Candidate] = []
    others: list[_Candidate] = []
    for item, text in candidates_for(bank, you, contact, org):
        key = fold(text)
        if key in seen:
            continue
        seen.add(key)
        candidate = _Candidate(item, text)
        (referrals if is_referral_entry(item.entry) else others).append(candidate)
    referrals.sort(key=lambda c: c.rank)

    closing: SelectedQuestion | None = own_referral
    if closing is None and referrals:
        closing = referrals[0].selected()

    budget = question_budget(contact.meeting.duration)
    room = budget - len(yours) - (1 if closing is not None else 0)

    by_topic: dict[str, list[_Candidate]] = {}
    for candidate in sorted(others, key=lambda c: c.rank):
        by_topic.setdefault(candidate.item.entry.topic, []).append(candidate)
    covered = {q.topic for q in yours}
    groups = sorted(_PICK_GROUPS, key=lambda g: any(t in covered for t in g))
    picked: list[_Candidate] = []
    while room > 0:
        progress = False
        for group in groups:
            if room <= 0:
                break
            pool = [c for topic in group for c in by_topic.get(topic, [])]
            if not pool:
                continue
            best = min(pool, key=lambda c: c.rank)
            by_topic[best.item.entry.topic].remove(best)
            picked.append(best)
            room -= 1
            progress = True
        if not progress:
            break

    def order_key(pair: tuple[int, tuple[Any, ...], SelectedQuestion]) -> tuple[Any, ...]:
        weight, rank, question = pair
        return (topic_index.get(question.topic, len(TOPICS)), weight, rank)

    ordered = sorted(
        [(0, (i,), q) for i, q in enumerate(yours)] + [(1, c.rank, c.selected()) for c in picked],
        key=order_key,
    )
    questions = [q for _, _, q in ordered]
    if closing is not None:
        questions.append(closing)

    spare: list[_Candidate] = []
    for topic in TOPICS:
        spare.extend(by_topic.get(topic, [])[:BACKUPS_PER_TOPIC])
    backups = tuple(c.selected() for c in spare)

    note = _budget_note(
        contact.meeting.duration,
        budget,
        len(yours) + (1 if own_referral else 0),
        len(questions),
        len(backups),
    )
    return Selection(tuple(questions), backups, budget, note)
