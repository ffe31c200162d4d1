"""Rewrites of single-fact questions (docs/linter.md, "Fact questions").

A fact question ("How many people are on your team?") is fine as a quick check, but it gets a
number, not a story. Where the question names something the contact can describe, the rewrite
asks about that; otherwise there is no rewrite and the advice says what to change.

- "How many people are on your team?" → "How is your team organised?"
- "How many hours a week do you work?" → "What does a typical week look like for you?"
- "How long did your job search take?" → "How did your job search unfold?"
- "How long is the typical onboarding period?" → "What does the typical onboarding period
  involve?"
- "How long did it take you to feel settled?" → "What helped you feel settled?"
- "What year did you start at the agency?" → "How did you come to start at the agency?"
- "What's the starting salary for a junior analyst?" → "How does pay work for a junior
  analyst?"
"""

from __future__ import annotations

import re

from .patterns import _I
from .phrases import _first_rule, _Rule, _rule

_UNIT = r"team|department|group|unit|office|ward|practice|firm|division|lab|desk|squad|branch"
_WHO = r"(?:you|they|he|she|we|I|people)"


def _hours(match: re.Match[str]) -> str:
    who = match["who"].lower()
    whom = {"you": "you", "they": "them", "we": "us", "i": "me", "people": "people"}.get(
        who, "them"
    )
    return f"What does a typical {match['span'].lower()} look like for {whom}?"


def _took_to(match: re.Match[str]) -> str:
    who = f" {match['who'].lower()}" if match["who"] else ""
    return f"What helped{who} {match['x']}?"


def _how_long(match: re.Match[str]) -> str:
    past = match["be"].lower() in {"was", "were"}
    return f"What {'did' if past else 'does'} {match['np']} involve?"


def _started(match: re.Match[str]) -> str:
    who = (match["who"] or match["who2"]).lower()
    verb = (match["v"] or match["v2"]).lower()
    rest = match["x"] if match["v"] else match["x2"]
    return f"How did {who} come to {verb}{rest}?"


def _pay(match: re.Match[str]) -> str:
    if match["pp"]:
        pp = re.sub(r"^of\s+", "for ", match["pp"], flags=_I)
        return f"How does pay work {pp}?"
    return f"How does pay work for {match['np']}{match['rest'] or ''}?"


_FACT_RULES: tuple[_Rule, ...] = (
    _rule(
        rf"^how\s+many\s+[\w-]+(?:\s+[\w-]+)?\s+(?:are|work|sit)\s+(?:on|in|at)\s+"
        rf"(?P<det>your|the|this|their)\s+(?P<unit>(?:[\w-]+\s+)?(?:{_UNIT}))$",
        lambda m: f"How is {m['det'].lower()} {m['unit']} organised?",
    ),
    _rule(
        rf"^how\s+many\s+hours\s+(?:a|per|each)\s+(?P<span>week|day)\s+do\s+(?P<who>{_WHO})\s+"
        r"(?:\w+ly\s+)?work$",
        _hours,
    ),
    _rule(
        r"^how\s+long\s+did\s+it\s+take\s+(?:(?P<who>you|them|him|her)\s+)?to\s+(?P<x>.+)$",
        _took_to,
    ),
    _rule(
        r"^how\s+long\s+did\s+(?P<np>(?:your|the|their|his|her|that|this)\s+(?:[\w'-]+\s+){0,3}?"
        r"[\w'-]+)\s+take$",
        lambda m: f"How did {m['np']} unfold?",
    ),
    _rule(
        r"^how\s+long\s+(?P<be>is|was|are|were|does|do)\s+(?P<np>(?:your|the|a|their)\s+"
        r"(?:[\w'-]+\s+){0,3}?(?:period|process|programme|program|training|probation|"
        r"onboarding|induction|notice\s+period|residency|apprenticeship|course|scheme|"
        r"rotation|placement))(?:\s+(?:last|take))?$",
        _how_long,
    ),
    _rule(
        r"^(?:what|which)\s+year\s+did\s+(?P<who>you|they|he|she)\s+(?P<v>start|begin|join|"
        r"qualify|graduate)\b(?P<x>.*)$|^when\s+did\s+(?P<who2>you|they|he|she)\s+(?:first\s+)?"
        r"(?P<v2>start|begin|join|qualify)\b(?P<x2>.*)$",
        _started,
    ),
    _rule(
        r"^what(?:'s|\s+is|\s+are)\s+the\s+(?:typical\s+|usual\s+|average\s+|starting\s+|"
        r"entry-level\s+|base\s+|current\s+)*(?:salary|salaries|pay|wages?|day\s+rate|rate)"
        r"(?:\s+range)?\s+(?P<pp>(?:for|of)\s+.+)$|^how\s+much\s+(?:does|do|did)\s+"
        r"(?P<np>(?:an?|the|your|their|most)\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:earn|make|get\s+paid)"
        r"(?P<rest>\s+(?:in|at|here|there|after|when|per|a)\b.*)?$",
        _pay,
    ),
)


def _fact_rewrite(text: str) -> str | None:
    """An open question about what a fact question points at, or ``None``.

    >>> _fact_rewrite("How many people are on your team?")
    'How is your team organised?'
    >>> _fact_rewrite("How many hours a week do you work?")
    'What does a typical week look like for you?'
    >>> _fact_rewrite("How long did it take you to feel settled?")
    'What helped you feel settled?'
    >>> _fact_rewrite("What's the starting salary for a junior analyst?")
    'How does pay work for a junior analyst?'
    >>> _fact_rewrite("How old is the company?") is None
    True
    """
    return _first_rule(_FACT_RULES, text.strip().rstrip("?.! "))


FACT_ADVICE = (
    "what to change: it asks for a single fact (a number, a date, a length of time), which is "
    "fine as a quick check but gets a short answer; to hear their story, ask what shaped it or "
    "what it was like, starting with 'What' or 'How'"
)
