"""A presumed claim turned into a neutral open question (used by both rewrite families).

The claim is matched against :data:`_CLAIM_RULES` in order; the first rule that applies builds
the question. A claim no rule fits is asked about as it stands ("What is your view on
whether…?").
"""

from __future__ import annotations

import re

from ..text import gerund_from_participle
from .patterns import _I
from .phrases import _decap, _expand, _first_rule, _lw, _Rule, _rule, _soften
from .words import _DIFFICULTY, _EVALUATIVE, _FEELING, _LOADED

_FEEL_VERBS = r"love|hate|enjoy|like|regret|miss|dislike|prefer|resent|adore|loathe"
_JUDGING = _EVALUATIVE | _DIFFICULTY | _LOADED


def _it_must_be(match: re.Match[str]) -> str:
    tense = "was" if match["be"].lower() != "be" else "is"
    return f"What {tense} it like {match['x']}?" if match["x"] else f"What {tense} that like?"


def _you_would(match: re.Match[str]) -> str:
    verb = match["v"].lower()
    if verb in {"recommend", "suggest", "advise"}:
        return f"What would you tell someone considering {match['x']}?"
    return f"What would make you {verb} {match['x']}, or not?"


def _it_is_hard(match: re.Match[str]) -> str:
    who = f" for {match['who']}" if match["who"] else ""
    return f"What does it take{who} to {match['x']}?"


def _compared(match: re.Match[str]) -> str | None:
    # "hospital jobs are safer than startup jobs" → "How do hospital jobs compare with…"
    if _lw(match["subj"]) in {"you", "i", "we", "it", "that", "this"}:
        return None
    verb = "does" if match["be"].lower() in {"is", "was"} else "do"
    return f"How {verb} {match['subj']} compare with {match['other']}?"


def _judged(match: re.Match[str]) -> str | None:
    if match["adj"].lower() not in _JUDGING or _lw(match["subj"]) in {"you", "i", "we", "it"}:
        return None
    return f"What {match['be'].lower()} {match['subj']} like{match['rest']}?"


_CLAIM_RULES: tuple[_Rule, ...] = (
    _rule(
        rf"^you\s+(?:(?:must|probably|surely|really|definitely|always|secretly|would)\s+)*"
        rf"(?P<v>{_FEEL_VERBS})s?\s+(?P<x>.+)$",
        lambda m: f"How do you feel about {m['x']}?",
    ),
    _rule(
        r"^you\s+(?:have|had)\s+never\s+(?P<part>regretted|missed|hated|doubted|disliked)\s+"
        r"(?P<x>.+)$",
        lambda m: f"How do you feel now about {m['x']}?",
    ),
    _rule(
        r"^(?:nobody|no\s+one|everyone|everybody|people|most\s+people|anyone)\s+"
        rf"(?:{_FEEL_VERBS}|wants?|enjoys?|likes?|loves?|hates?)s?\s+(?P<x>.+)$",
        lambda m: f"How do people feel about {m['x']}?",
    ),
    _rule(
        r"^you\s+are\s+(?:glad|happy|relieved|proud|thrilled|pleased)\s+(?:that\s+)?"
        r"(?P<x>you\s+.+)$",
        lambda m: f"What has it been like since {m['x']}?",
    ),
    _rule(
        r"^you\s+(?:must\s+be|are|would\s+be)\s+(?:feeling\s+)?(?P<adj>[\w-]+)\s+(?:of|about|with)\s+"
        r"(?P<x>.+)$",
        lambda m: f"How do you feel about {m['x']}?" if m["adj"].lower() in _FEELING else None,
    ),
    _rule(
        r"^you\s+would\s+never\s+(?P<x>.+)$",
        lambda m: f"What would it take for you to {m['x']}?",
    ),
    _rule(
        r"^you\s+must\s+have\s+(?P<part>\S+)\s*(?P<x>.*)$",
        lambda m: f"What was it like {gerund_from_participle(m['part'])} {m['x']}?",
    ),
    _rule(
        r"^(?:it|that)\s+(?:must|would|will)\s+(?P<be>be|have\s+been)\s+[\w-]+\s*(?P<x>.*)$",
        _it_must_be,
    ),
    _rule(r"^you\s+would\s+(?P<v>\S+)\s+(?P<x>.+)$", _you_would),
    _rule(
        r"^it\s+is\s+(?P<adj>impossible|possible|hard|difficult|easy|tough|unrealistic|"
        r"realistic)\s+(?:for\s+(?P<who>\S+(?:\s+\S+)?)\s+)?to\s+(?P<x>.+)$",
        _it_is_hard,
    ),
    # "it is exhausting to work nights" → "What is it like to work nights?"
    _rule(
        r"^it\s+(?P<be>is|was)\s+(?:so\s+|really\s+|very\s+)?(?P<adj>[\w-]+)\s+"
        r"(?P<x>(?:to|working|being|doing|living)\b.+)$",
        lambda m: (
            f"What {m['be'].lower()} it like {m['x']}?" if m["adj"].lower() in _JUDGING else None
        ),
    ),
    _rule(
        r"^(?P<subj>.+?)\s+(?P<be>is|are|was|were)\s+(?:much\s+|far\s+|way\s+|a\s+lot\s+)?"
        r"(?:more\s+|less\s+)?[\w-]+\s+than\s+(?P<other>.+)$",
        _compared,
    ),
    _rule(
        r"^(?P<subj>.+?)\s+(?P<be>is|are|was|were)\s+(?:much\s+|far\s+|way\s+|a\s+lot\s+)?"
        r"(?P<comp>better|worse)(?:\s+than\s+(?P<other>.+))?$",
        lambda m: f"How do you see {m['subj']} compared with {m['other'] or 'the alternatives'}?",
    ),
    _rule(
        r"^(?P<subj>.+?)\s+(?P<be>is|are|was|were)\s+(?P<adj>[\w-]+)(?P<rest>(?:\s+(?:in|at|on|"
        r"for|now|these\s+days|today|here|there|with)\b.*)?)$",
        _judged,
    ),
)


def _normalise_claim(claim: str) -> str:
    """The claim without contractions, intensifiers, a leading "that"/"just", and in lower
    case unless it starts with a name ("I", "Python")."""
    claim = _soften(_expand(claim.strip()))
    claim = re.sub(r"^(?:that|just)\s+", "", claim, flags=_I)
    first = claim.split()[0] if claim.split() else ""
    if first[1:].islower() or (len(first) == 1 and first != "I"):
        claim = _decap(claim)
    return claim


def _claim_rewrite(claim: str) -> str:
    """Turn a presumed claim into a neutral open question.

    >>> _claim_rewrite("you must love your job")
    'How do you feel about your job?'
    >>> _claim_rewrite("you must have hated the commute")
    'What was it like hating the commute?'
    >>> _claim_rewrite("hospital jobs are safer than startup jobs")
    'How do hospital jobs compare with startup jobs?'
    >>> _claim_rewrite("consulting is boring these days")
    'What is consulting like these days?'
    >>> _claim_rewrite("you are right")
    'What can you tell me about whether you are right?'
    >>> _claim_rewrite("the market is here to stay")
    'What is your view on whether the market is here to stay?'
    """
    claim = _normalise_claim(claim)
    if not claim:
        return "What is your view on that?"
    rewritten = _first_rule(_CLAIM_RULES, claim)
    if rewritten is not None:
        return rewritten
    if re.match(r"^you\b", claim, _I):
        claim = re.sub(r"^you\s+must\s+be\b", "you are", claim, flags=_I)
        claim = re.sub(r"^you\s+must\s+", "you ", claim, flags=_I)
        return f"What can you tell me about whether {claim}?"
    return f"What is your view on whether {claim}?"
