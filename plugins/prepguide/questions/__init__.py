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

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal, NamedTuple

from jinja2 import ChainableUndefined, Template, TemplateError, Undefined, nodes
from jinja2.exceptions import TemplateRuntimeError, TemplateSyntaxError, UndefinedError
from jinja2.filters import FILTERS as DEFAULT_FILTERS
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace, missing
from jinja2.visitor import NodeTransformer
from pydantic import TypeAdapter

from ..common_ground import (
    clause,
    first_name,
    fold,
    lower_first,
    split_transition,
    strip_markdown,
    with_article,
)
from ..loader import load_bytes
from ..model import (
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
from ..text import goal_clause, to_second_person

Source = Literal["yours", "goal", "bank", "builtin"]

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
        "public health",
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
        id: The bank entry's id, ``yours-N`` for the contact's own N-th question,
            ``goal-N`` for the N-th goal.
        topic: One of the bank topics (see :data:`prepguide.model.TOPICS`).
        text: The rendered question.
        source: ``yours`` (the contact file), ``goal`` (a goal made a question),
            ``bank`` (a user bank) or ``builtin``.
    """

    id: str
    topic: str
    text: str
    source: str
    mark: str | None = None
    """``closed`` or ``leading`` for a question of yours the linter flags, else ``None``."""
    rewrite: str | None = None
    """The linter's suggested open rewrite of a marked question."""
    reason: str | None = None
    """Why a marked question is closed or leading."""


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


_MAIN_PART = re.compile(r"\(|;|,|\s[-–—]\s")


@functools.lru_cache(maxsize=4096)
def _industry_head(text: str | None) -> tuple[str | None, tuple[str, ...] | None]:
    """The canonical key of an industry text and the keyword it was read from (see below)."""
    if not text:
        return None, None
    if text.strip().casefold() in INDUSTRIES:
        return text.strip().casefold(), None
    for part in (_MAIN_PART.split(text, maxsplit=1)[0], text):
        words = fold(part).split()
        best: tuple[int, int, tuple[str, ...], str] | None = None
        for start in range(len(words)):
            for phrase, key in _KEYWORDS:
                if tuple(words[start : start + len(phrase)]) == phrase:
                    found = (start + len(phrase), len(phrase), phrase, key)
                    if best is None or found[:2] > best[:2]:
                        best = found
                    break  # the longest phrase at this start (_KEYWORDS is longest first)
        if best is not None:
            # The main word ends the phrase: "Health insurance" is insurance.
            return best[3], best[2] if best[0] == len(words) else None
    return None, None


def industry_key(text: str | None) -> str | None:
    """Map a free-text industry to a canonical key.

    The text is folded (case, accents and punctuation) and searched for the
    keywords of :data:`INDUSTRY_KEYWORDS`, first in its main part (before a
    parenthesis, comma, semicolon or dash), then in the whole text. English
    puts the main word of a compound last, so the keyword that *ends last*
    wins, the longest one on a tie: "Health insurance" is ``finance``,
    "Health technology" is ``technology``, "Public health" is
    ``public-sector`` and "Finance (health insurance)" is ``finance``. A
    canonical key itself ("public-sector") maps to itself. The organization's
    name is never read.

    Arguments:
        text: An organization's ``industry`` (or an entry's ``industries`` item).

    Returns:
        One of :data:`INDUSTRIES`, or ``None`` when no keyword matches.
    """
    return _industry_head(text)[0]


def industry_matches(industries: Sequence[str], org: Organization | None) -> bool:
    """Whether an entry limited to ``industries`` applies to an organization.

    An item that maps to a canonical key matches an organization whose
    ``industry`` maps to the same key; an item that maps to none matches when
    its words appear in the organization's ``industry`` text (so "Design
    consultancy" matches "Technology (design consultancy)"). So "health" does
    not match "Health insurance": that is finance.

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
    return _industries_allow(
        _industry_items(industries), industry_key(org.industry), f" {fold(org.industry)} "
    )


_IndustryItem = tuple[str | None, str | None]
"""An ``industries`` item as matching reads it: ``(canonical key, " folded words ")``."""


def _industry_items(industries: Sequence[str]) -> tuple[_IndustryItem, ...]:
    """Prepare ``industries`` for :func:`_industries_allow` (once per bank entry)."""
    return tuple(
        (industry_key(item), f" {words} " if (words := fold(item)) else None) for item in industries
    )


def _industries_allow(items: Sequence[_IndustryItem], key: str | None, text: str) -> bool:
    """:func:`industry_matches` for prepared items, an industry key and `` folded text ``."""
    if not items:
        return True
    for wanted, words in items:
        if wanted is not None:
            if wanted == key:
                return True
        elif words is not None and words in text:
            return True
    return False


# ---------------------------------------------------------------------------
# Near-duplicates (docs/prep.md, "No two questions ask the same thing")
#
# Two questions are near-duplicates when they share an intent or most of their
# content words. A bank entry's intent is its ``group``; a question you wrote
# (or a goal) gets one when it matches one of the patterns below. Content
# words are the folded words less function words and the names of the contact
# and the organization, each cut to a crude stem; two questions are close when
# they share at least two stems and those are at least 60% of the shorter one's.


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


SIMILARITY = 0.6
"""The share of the shorter question's content stems two near-duplicates have in common."""

_INTENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "origin",
        re.compile(
            r"\bhow did you (get|make|move|come|find|end up|become|start|break|land|switch)\b"
            r"|\bwhat (first )?(led|brought|drew|made) you\b|\bturning point\b"
        ),
    ),
    (
        "typical-week",
        re.compile(
            r"\b(typical|usual|normal|average) (week|day|month)\b|\bweek to week\b"
            r"|\bday to day\b|\bone week to the next\b|\bfirst hour\b"
        ),
    ),
    (
        "feasibility",
        re.compile(
            r"\brealistic (first )?(step|timeline|plan|path)\b|\btimeline\b|\bfirst step\b"
            r"|\bfeasib|\bhow long (would|might|will) (it|this|the move)\b|\bin my (position|place)\b"
        ),
    ),
)
_FUNCTION_WORDS = _wordset(
    """
    a an the and or but nor of to in on at for from with by about as into over under than then so
    that this these those there here their theirs they them you your yours yourself i me my mine
    we our us he she his her hers him it its is are was were be been being am do does did done
    have has had having can could would should will shall may might must what how which who whom
    whose where when why whether if not no more most very much many some any all each every just
    also still really actually one ones like else today now way
    """
)


def _stem(word: str) -> str:
    """A crude stem: "hiring", "hires", "hired" -> "hir"; "projects" -> "project"."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "e", "y"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_words(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """The content stems of a question (function words and ``ignore`` left out).

    "What does a typical week look like for you?" -> {"typical", "week", "look"}.
    """
    return frozenset(
        _stem(word)
        for word in fold(text).split()
        if len(word) > 1 and word not in _FUNCTION_WORDS and word not in ignore
    )


@functools.lru_cache(maxsize=4096)
def question_intent(text: str) -> str | None:
    """The intent of a free-text question: ``origin``, ``typical-week``, ``feasibility`` or None."""
    folded = fold(text)
    for intent, pattern in _INTENT_PATTERNS:
        if pattern.search(folded):
            return intent
    return None


def near_duplicates(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two questions' content stems make them near-duplicates (see :data:`SIMILARITY`)."""
    if not a or not b:
        return False
    shared = len(a & b)
    return shared >= 2 and shared >= SIMILARITY * min(len(a), len(b))


# ---------------------------------------------------------------------------
# The kind of workplace (docs/prep.md, "Questions that fit the workplace")

_SOLO_SIZE = re.compile(
    r"^(1|one)( person| consultant| employee| people)?$|\bsole\b|\bsolo\b|\bself employed\b"
    r"|\bjust me\b|\bone person\b|\bone consultant\b|\bindependent\b|\bfreelance"
)
_SOLO_ROLE = re.compile(
    r"\bfreelance|\bindependent\b|\bself employed\b|\bsole (trader|proprietor|practitioner)\b"
)
_CONSULTANCY = re.compile(r"\bconsult(ing|ancy|ancies|ants?)\b|\badvisory\b|\bagency\b")
_CARE_PROVIDERS = frozenset(
    {
        ("health", "care"),
        ("healthcare",),
        ("health",),
        ("hospital",),
        ("hospitals",),
        ("health", "system"),
        ("clinic",),
        ("clinics",),
        ("nursing",),
        ("care", "home"),
        ("long", "term", "care"),
        ("dental",),
        ("medicine",),
    }
)


@dataclass(frozen=True)
class Work:
    """What the data says about where the contact works, for ``when`` conditions.

    Read from the organization's ``industry`` and ``size`` and the contact's
    ``role``, never from a name (docs/prep.md, "Questions that fit the workplace").

    Attributes:
        industry: The canonical industry key (:func:`industry_key`), or ``None``.
        alone: The contact works on their own: the organization's ``size`` says
            one person ("1 person", "one consultant", "sole trader") or the role
            says so ("Independent consultant", "Freelance analyst").
        team: Not ``alone`` (also when the size is unknown).
        clinical: The organization gives care: its industry's main word names a
            care provider ("Health care", "Hospital", "Clinics"), not a health
            insurer, health technology or public-health agency.
        consultancy: The industry names consulting or an agency.
    """

    industry: str | None
    alone: bool
    team: bool
    clinical: bool
    consultancy: bool


@functools.lru_cache(maxsize=1024)
def _work(industry: str | None, size: str | None, role: str | None) -> Work:
    key, head = _industry_head(industry)
    folded_size = fold(size or "")
    alone = bool(_SOLO_SIZE.search(folded_size)) or bool(_SOLO_ROLE.search(fold(role or "")))
    clinical = key == "health-care" and head in _CARE_PROVIDERS
    consultancy = bool(_CONSULTANCY.search(fold(industry or "")))
    return Work(key, alone, not alone, clinical and not consultancy, consultancy)


def work_of(contact: Contact, org: Organization | None) -> Work:
    """Where the contact works, from the data (see :class:`Work`)."""
    return _work(
        org.industry if org is not None else None,
        org.size if org is not None else None,
        contact.role,
    )


# ---------------------------------------------------------------------------
# Goals as questions (docs/prep.md, "Goals become questions")
#
# A goal is written as a note to yourself ("Hear how he combined finance and
# data work"); in the question list it becomes a question you can say aloud
# to the contact ("How did you combine finance and data work?"). The person
# frame is converted by prepguide.text (third person about the contact becomes
# "you"); the embedded question is then turned into a direct one. When the
# clause cannot be turned safely, the question keeps it embedded after "What
# can you tell me about…", which is grammatical for any clause.

_AUXILIARIES = _wordset(
    "is are was were am has have had do does did can could will would should may might must"
    " isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't can't couldn't"
    " won't wouldn't shouldn't"
)
_SUBJECT_START = _wordset(
    "the a an your my our their his her its this that these those you i we they he she it"
    " some people"
)
_PRONOUN_SUBJECTS = frozenset({"you", "i", "we", "they"})
_ADVERBS = _wordset(
    "actually really usually still also often now first ever generally typically mostly"
    " already currently normally truly just even"
)
_HOW_MODIFIERS = _wordset(
    "much many long often far well soon quickly easily hard important common different"
    " stable realistic likely useful necessary big large small early late"
)
_VERB_BASES = _wordset(
    """
    look do work use decide combine move learn find feel take make get become begin think go
    come choose know lead leave keep pay spend run build say tell have see bring teach hold meet
    grow give write stand weigh recruit protect hire value mean involve need plan study manage
    start help differ handle deal balance prepare approach apply select judge measure train fund
    organize organise split share divide test answer ask explain switch change shift adapt cope
    stay land earn pick reach win gain develop expect view describe define evaluate assess rate
    prioritize prioritise compare carry translate show prove demonstrate happen live juggle afford
    finish complete pursue rely depend matter count care consider believe want like enjoy miss
    prefer recommend suggest advise contribute collaborate partner coordinate communicate present
    report publish review audit analyse analyze link join hear listen talk speak connect interview
    observe shadow volunteer mentor support solve fix create produce deliver ship launch maintain
    staff select break fit set put cut read feel sell play
    """
)
_IRREGULAR_LEMMAS = {
    "found": "find", "felt": "feel", "took": "take", "made": "make", "got": "get",
    "became": "become", "began": "begin", "learnt": "learn", "thought": "think", "went": "go",
    "came": "come", "chose": "choose", "knew": "know", "led": "lead", "left": "leave",
    "kept": "keep", "paid": "pay", "spent": "spend", "ran": "run", "built": "build",
    "said": "say", "told": "tell", "had": "have", "did": "do", "saw": "see", "brought": "bring",
    "taught": "teach", "held": "hold", "met": "meet", "grew": "grow", "gave": "give",
    "wrote": "write", "stood": "stand", "heard": "hear", "meant": "mean", "won": "win",
    "sold": "sell", "dealt": "deal", "understood": "understand",
}  # fmt: skip
_PREDICATE_ADJECTIVES = _wordset(
    "necessary useful important essential required needed valuable realistic possible common"
    " feasible helpful worthwhile stable hard difficult easy open competitive relevant"
    " expected usual"
)
_HOW_OFTEN_VERBS = frozenset({"hire", "accept", "recruit", "take", "consider", "promote"})


def _lemma(word: str) -> tuple[str, str] | None:
    """A verb's base form and tense: ``("combine", "past")`` for "combined".

    Tense is ``past``, ``third`` ("decides") or ``base``; ``None`` when the
    word is not a verb prepguide knows.
    """
    low = word.casefold()
    if low in _IRREGULAR_LEMMAS:
        return _IRREGULAR_LEMMAS[low], "past"
    if low in _VERB_BASES:
        return low, "base"
    if low.endswith("ed"):
        stem = low[:-2]
        for candidate in (stem, low[:-1], stem[:-1] if stem[-1:] == stem[-2:-1] else "",
                          stem[:-1] + "y" if stem.endswith("i") else ""):  # fmt: skip
            if candidate in _VERB_BASES:
                return candidate, "past"
    if low.endswith("s") and not low.endswith("ss"):
        for candidate in (low[:-1], low[:-2], low[:-3] + "y" if low.endswith("ies") else ""):
            if candidate in _VERB_BASES:
                return candidate, "third"
    return None


def _finite_verb(words: Sequence[str], start: int) -> int | None:
    """Where the finite verb of a clause is, from ``start`` (``None``: not found).

    First an auxiliary, a past or "-s" form (not after a determiner), or a base
    form after a subject pronoun; failing that a base form after a plural noun
    or after "X and Y" ("content design and research work together").
    """
    for i in range(start, len(words)):
        low = words[i].casefold()
        before = words[i - 1].casefold() if i > start else ""
        if low in _AUXILIARIES:
            return i
        if before in _SUBJECT_START - _PRONOUN_SUBJECTS:
            continue
        found = _lemma(low)
        if found is None:
            continue
        if found[1] != "base" or before in _PRONOUN_SUBJECTS:
            return i
    for i in range(start + 1, len(words)):
        before = words[i - 1].casefold()
        found = _lemma(words[i])
        if found is None or found[1] != "base":
            continue
        plural = before.endswith("s") and not before.endswith("ss")
        if plural or "and" in (w.casefold() for w in words[start:i]):
            return i
    return None


def _wh_end(words: Sequence[str]) -> int:
    """Where the question phrase of an embedded question ends ("how stable", "which of my…")."""
    first = words[0].casefold()
    end = 1
    if first == "how":
        if len(words) > 1 and (
            words[1].casefold() in _HOW_MODIFIERS or words[1].casefold().endswith("ly")
        ):
            end = 2
        if first == "how" and words[end - 1].casefold() not in ("much", "many"):
            return end
    while end < len(words):
        low = words[end].casefold()
        if low == "of" and end + 1 < len(words):
            end += 2  # "which of my projects": the determiner belongs to the phrase
            continue
        if low in _SUBJECT_START or low in _AUXILIARIES or (words[end][:1].isupper()):
            return end
        found = _lemma(low)
        if found is not None and found[1] != "base":
            return end
        end += 1
    return end


def _direct_question(clause_text: str) -> str | None:
    """Turn an embedded question into a direct one (``None`` when unsure).

    "how you combined finance and data work" -> "How did you combine finance and data work?";
    "what your team looks for" -> "What does your team look for?";
    "which of my projects could become case studies" -> unchanged but for case.
    """
    words = clause_text.split()
    if len(words) < 2:
        return None
    wh = _wh_end(words)
    verb = _finite_verb(words, wh)
    if verb is None:
        return None
    phrase, subject, rest = words[:wh], words[wh:verb], words[verb + 1 :]
    if not subject:
        # The question phrase is the subject: "who helped you", "which of my projects could…".
        if phrase[0].casefold() in ("why", "when", "where") or (
            phrase[0].casefold() == "how" and phrase[1:2] not in (["much"], ["many"])
        ):
            return None
        return _capital(" ".join(words)) + "?"
    adverbs: list[str] = []
    while subject and subject[-1].casefold() in _ADVERBS:
        adverbs.insert(0, subject.pop())
    if not subject:
        return None
    low = words[verb].casefold()
    if low in ("do", "does", "did") and (not rest or _lemma(rest[0]) is None):
        # "do" as the main verb: "what a research team actually does"
        support = "did" if low == "did" else ("do" if low == "do" else "does")
        return _capital(" ".join([*phrase, support, *subject, *adverbs, "do", *rest])) + "?"
    if low in _AUXILIARIES:
        if low in ("has", "have", "had") and not (
            rest and (rest[0].endswith(("ed", "en")) or rest[0].casefold() in _IRREGULAR_LEMMAS)
        ):
            pass  # "has" as the main verb: do-support below
        else:
            return _capital(" ".join([*phrase, words[verb], *subject, *adverbs, *rest])) + "?"
    found = _lemma(low)
    if found is None:
        return None
    lemma, tense = found
    plural = subject[-1].casefold() in _PRONOUN_SUBJECTS or "and" in (w.casefold() for w in subject)
    support = {"past": "did", "third": "does"}.get(tense, "do")
    if tense == "base" and not plural and subject[-1].casefold() not in _PRONOUN_SUBJECTS:
        plural = subject[-1].endswith("s")
    if support == "do" and not plural and tense != "base":
        support = "does"
    # Verbs joined to this one ("recruits and protects") take the base form too.
    rest = list(rest)
    for i in range(1, len(rest)):
        if rest[i - 1].casefold() in ("and", "or"):
            joined = _lemma(rest[i])
            if joined is not None and joined[1] == tense and tense != "base":
                rest[i] = joined[0]
    return _capital(" ".join([*phrase, support, *subject, *adverbs, lemma, *rest])) + "?"


def _whether_question(clause_text: str) -> str:
    """Turn "whether …" into an open question.

    "whether a degree is necessary for X" -> "How necessary is a degree for X?";
    "whether your clients value Y" -> "How much do your clients value Y?";
    "whether I could observe a session" -> "How could I observe a session?";
    "whether you were able to study part-time" -> "How did you decide whether to study
    part-time?"; otherwise "What is your sense of whether …?".
    """
    words = clause_text.split()[1:]
    lows = [w.casefold() for w in words]
    if len(words) >= 3 and lows[0] == "i" and lows[1] in ("could", "can", "might"):
        return _capital(" ".join(["how", words[1], "I", *words[2:]])) + "?"
    if lows[:1] == ["you"]:
        rest = words[1:]
        if [w.casefold() for w in rest[:3]] in (["were", "able", "to"], ["are", "able", "to"]):
            rest = rest[3:]
        elif rest and rest[0].casefold() in ("could", "can", "would", "should", "did"):
            rest = rest[1:]
        elif rest and (found := _lemma(rest[0])) is not None:
            rest = [found[0], *rest[1:]]
        else:
            rest = []
        if rest:
            return "How did you decide whether to " + " ".join(rest) + "?"
    verb = _finite_verb(words, 0)
    if verb is not None and verb > 0:
        subject, low = words[:verb], lows[verb]
        rest = words[verb + 1 :]
        while rest and rest[0].casefold() in _ADVERBS:
            rest = rest[1:]
        if low in ("is", "are") and rest and rest[0].casefold() in _PREDICATE_ADJECTIVES:
            return _capital(" ".join(["how", rest[0], low, *subject, *rest[1:]])) + "?"
        found = _lemma(low) if low not in _AUXILIARIES else None
        if found is not None and found[1] != "past" and rest:
            plural = found[1] == "base"
            how = "how often" if found[0] in _HOW_OFTEN_VERBS else "how much"
            support = "do" if plural else "does"
            return _capital(" ".join([how, support, *subject, found[0], *rest])) + "?"
    return "What is your sense of " + clause_text + "?"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_FEEDBACK_GOAL = re.compile(
    r"(get|ask for|hear)(?: (?:some|honest|frank|specific|your))* (?:feedback|advice|ideas|views?)"
    r" (?:on|about)\s+",
    re.I,
)
_WH_WORDS = frozenset({"how", "what", "which", "who", "whom", "whose", "where", "when", "why"})
_SECOND_QUESTION = re.compile(
    r",?\s+(?:and|or)\s+(?=(?:how|what|which|who|whom|whose|where|when|why|whether|if)\b)", re.I
)


def goal_question(goal: str, contact: Contact, you: Profile | None = None) -> str | None:
    """Turn a goal into an open question to say aloud to the contact.

    The goal's leading verb ("Learn", "Understand", "Find out", "Hear",
    "Ask"…) is dropped, the person frame converted (third person about the
    contact becomes "you", your own name "I") and the embedded question made
    direct. A goal that already is a question is kept in your words (converted
    to "you" if it speaks about the contact). Of two questions joined by "and"
    only the first is asked.

    "Hear how he combined finance and data work" -> "How did you combine finance and
    data work?"; "Learn whether a master's degree is necessary for analyst roles" ->
    "How necessary is a master's degree for analyst roles?"

    Arguments:
        goal: One of the contact's ``goals``.
        contact: The contact (pronouns and name).
        you: The profile (your name becomes "I"), or ``None``.

    Returns:
        The question, or ``None`` when the goal asks nothing (or cannot be put
        in the second person without guessing).
    """
    text = re.sub(r"\s*\([^)]*\)", "", " ".join(goal.split())).strip()
    if not text:
        return None
    converted = to_second_person(
        text,
        contact.pronouns,
        name=contact.name,
        user_name=you.name if you is not None else None,
        user_pronouns=you.pronouns if you is not None else None,
    ).text
    if converted is None:
        return None
    if converted.rstrip().endswith("?"):
        return _capital(converted.strip())
    verb, rest = goal_clause(converted)
    if not verb:
        found = _FEEDBACK_GOAL.match(converted)
        if found:
            verb, rest = found.group(1), converted[found.end() :]
    rest = rest.strip().rstrip(".!;:,")
    if not verb or not rest:
        return None
    if rest.casefold().startswith("about "):
        rest = rest[6:]
    rest = _SECOND_QUESTION.split(rest, maxsplit=1)[0]
    first = rest.split()[0].casefold()
    if first in ("whether", "if"):
        return _whether_question(rest)
    if first in _WH_WORDS:
        return _direct_question(rest) or f"What can you tell me about {rest}?"
    return f"What can you tell me about {rest}?"


# ---------------------------------------------------------------------------
# Templates


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
    """Shorten a phrase: drop parentheses and whatever follows a semicolon or dash."""
    text = _drop_parentheses(text)
    text = re.split(r";|\s[-–—]\s", text, maxsplit=1)[0]
    return clause(text)


MAX_PLAIN_WORK = 20_000_000
"""How much scanning ``plain`` may do on one value (see :func:`_plain_work`)."""


def _plain_work(text: str) -> int:
    """About how many characters ``strip_markdown`` scans for ``text`` (an upper bound).

    Its link pattern scans from each ``[`` to the next ``]`` (and from a ``](`` to
    the next ``)``), its emphasis pattern from each mark (``*``, ``_``, a backtick,
    ``~``) to the end of its line, three times: ``[[[…]]]`` or a long line of
    unmatched marks takes time in the square of the length.
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
    """``strip_markdown``, for a text it can convert in reasonable time."""
    if _plain_work(text) > MAX_PLAIN_WORK:
        raise _OverBudget(
            "gives `plain` a text too long or with too many nested brackets or unmatched "
            f"emphasis marks to convert; {_HINT}"
        )
    return strip_markdown(text)


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
        "article": _text_filter(with_article),
        "lower_first": _text_filter(lower_first),
        "first_name": _text_filter(first_name),
        "clause": _text_filter(clause),
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

_NAMES = frozenset({"you", "contact", "org", "work"})
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
        self.industries = _industry_items(entry.industries)
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
        return _industries_allow(self.industries, key, text)

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

    The contact's own questions are always kept (source ``yours``); a closed
    or leading one carries the linter's mark and rewrite. Then, while the
    budget (:func:`question_budget`) has room: one question on feasibility and
    timing for a talk of :data:`FEASIBILITY_MINUTES` or more, each goal as a
    question (source ``goal``, :func:`goal_question`), and bank questions one
    topic group at a time (path or transition, role, advice, organization,
    trends, resources, rapport, timing, next steps), topics already covered
    coming last; within a topic the highest ``priority`` wins, then the more
    specific entry (one limited by industry or condition), then bank order. A
    question that is a near-duplicate of one already chosen (same ``group`` or
    intent, or most content words shared) is skipped. The list is shown in
    conversation order and ends with a referral question: your own if you
    wrote one, else the best referral entry.

    Arguments:
        bank: The merged bank (:func:`merge_banks`).
        you: The profile, or ``None`` in a playbook.
        contact: The contact.
        org: The contact's organization, or ``None``.

    Returns:
        The selection with its budget and an explanation.
    """
    context = _context(you, contact, org)
    offers = [
        _Offer(slot.place, slot.topic, slot.item.entry.group, slot.referral, slot.selected(text))
        for slot, text in _candidates(_plan(bank), context, org)
    ]
    return choose_questions(offers, you, contact, org)


FEASIBILITY_MINUTES = 20
"""A talk this long or longer always asks one feasibility-and-timing question."""


class _Offer(NamedTuple):
    """A usable bank entry, rendered: what :func:`choose_questions` needs of it."""

    order: Any
    """Sorts offers best first (the entry's rank)."""
    topic: str
    group: str | None
    referral: bool
    question: SelectedQuestion


@functools.lru_cache(maxsize=4096)
def _lint_mark(text: str) -> tuple[str, str | None, str | None] | None:
    """The linter's label, rewrite and reason for a closed or leading question."""
    from ..lint import lint_question  # imported late: the linter is large

    result = lint_question(text)
    if result.label not in ("closed", "leading"):
        return None
    return result.label, result.rewrite, result.reason


class _Taken:
    """The questions a list already holds, for the near-duplicate test."""

    def __init__(self, ignore: frozenset[str]) -> None:
        self.ignore = ignore
        self.groups: set[str] = set()
        self.words: list[frozenset[str]] = []

    def clashes(self, text: str, group: str | None) -> bool:
        group = group or question_intent(text)
        if group is not None and group in self.groups:
            return True
        words = content_words(text, self.ignore)
        return any(near_duplicates(words, other) for other in self.words)

    def add(self, text: str, group: str | None) -> None:
        group = group or question_intent(text)
        if group is not None:
            self.groups.add(group)
        self.words.append(content_words(text, self.ignore))


def choose_questions(
    offers: Sequence[_Offer],
    you: Profile | None,
    contact: Contact,
    org: Organization | None,
) -> Selection:
    """The selection of :func:`select_questions` from the usable bank entries (its ``offers``)."""
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
            continue
        mark = _lint_mark(text)
        if mark is not None:
            question = dataclasses.replace(question, mark=mark[0], rewrite=mark[1], reason=mark[2])
        yours.append(question)

    ignore = frozenset(fold(contact.name).split()) | (
        frozenset(fold(org.name).split()) if org is not None else frozenset()
    )
    taken = _Taken(ignore)
    for question in yours:
        taken.add(question.text, None)

    goals: list[SelectedQuestion] = []
    for index, goal in enumerate(contact.goals):
        asked = goal_question(goal, contact, you)
        if asked is None or (key := fold(asked)) in seen or taken.clashes(asked, None):
            continue
        seen.add(key)
        goals.append(SelectedQuestion(f"goal-{index + 1}", classify_topic(asked), asked, "goal"))
        taken.add(asked, None)

    # The usable entries: a text equal (once folded) to one of yours, a goal's
    # or an earlier entry's is left out.
    referrals: list[_Offer] = []
    others: list[_Offer] = []
    for offer in offers:
        key = fold(offer.question.text)
        if key in seen:
            continue
        seen.add(key)
        (referrals if offer.referral else others).append(offer)

    closing: SelectedQuestion | None = own_referral
    if closing is None and referrals:
        closing = min(referrals).question

    budget = question_budget(contact.meeting.duration)
    room = budget - len(yours) - (1 if closing is not None else 0)
    others.sort()

    # The feasibility question, for a talk long enough (unless you ask one).
    feasibility: _Offer | None = None
    if contact.meeting.duration >= FEASIBILITY_MINUTES and "feasibility" not in taken.groups:
        for offer in others:
            if offer.group == "feasibility" and not taken.clashes(offer.question.text, None):
                feasibility = offer
                break
    if feasibility is not None:
        others.remove(feasibility)
        room -= 1

    # Goals come before the bank, as many as fit.
    fitted = max(room, 0)
    main_goals, extra_goals = goals[:fitted], goals[fitted:]
    room -= len(main_goals)
    taken = _Taken(ignore)
    for question in (*yours, *main_goals):
        taken.add(question.text, None)
    if feasibility is not None:
        taken.add(feasibility.question.text, feasibility.group)

    # Each topic's candidates, best first.
    by_topic: dict[str, list[_Offer]] = {}
    for offer in others:
        by_topic.setdefault(offer.topic, []).append(offer)
    covered = {q.topic for q in (*yours, *main_goals)}
    # Groups already covered by your questions and goals go last (a stable partition).
    groups = [g for g in _PICK_GROUPS if covered.isdisjoint(g)] + [
        g for g in _PICK_GROUPS if not covered.isdisjoint(g)
    ]
    picked: list[_Offer] = [feasibility] if feasibility is not None else []
    while room > 0:
        progress = False
        for group in groups:
            if room <= 0:
                break
            pools = [pool for topic in group if (pool := by_topic.get(topic))]
            while pools:
                pool = min(pools) if len(pools) > 1 else pools[0]
                offer = pool.pop(0)
                if not pool:
                    pools.remove(pool)
                if taken.clashes(offer.question.text, offer.group):
                    continue  # a near-duplicate: neither asked nor a backup
                picked.append(offer)
                taken.add(offer.question.text, offer.group)
                room -= 1
                progress = True
                break
        if not progress:
            break

    def order_key(pair: tuple[int, Any, SelectedQuestion]) -> tuple[Any, ...]:
        weight, rank, question = pair
        return (_TOPIC_INDEX.get(question.topic, len(TOPICS)), weight, rank)

    ordered = sorted(
        [(0, i, q) for i, q in enumerate(yours)]
        + [(1, i, q) for i, q in enumerate(main_goals)]
        + [(2, offer.order, offer.question) for offer in picked],
        key=order_key,
    )
    questions = [q for _, _, q in ordered]
    if closing is not None:
        questions.append(closing)

    # Backups: the goals that did not fit lead their topic, then the best
    # entries that are not near-duplicates of the list or of each other.
    backups: list[SelectedQuestion] = []
    for topic in TOPICS:
        backups.extend(q for q in extra_goals if q.topic == topic)
        count = 0
        for offer in by_topic.get(topic, ()):
            if count >= BACKUPS_PER_TOPIC:
                break
            if taken.clashes(offer.question.text, offer.group):
                continue
            taken.add(offer.question.text, offer.group)
            backups.append(offer.question)
            count += 1

    note = _budget_note(
        contact.meeting.duration,
        budget,
        len(yours) + (1 if own_referral else 0),
        len(questions),
        len(backups),
    )
    if extra_goals:
        note += (
            f" {len(extra_goals)} of your goals did not fit: they lead the backups."
            if len(extra_goals) > 1
            else " One of your goals did not fit: it leads the backups."
        )
    return Selection(tuple(questions), tuple(backups), budget, note)


_TOPIC_INDEX = {topic: i for i, topic in enumerate(TOPICS)}
