"""A presumed claim turned into a neutral open question (used by both rewrite families)."""

from __future__ import annotations

import re

from ..text import gerund_from_participle
from .patterns import _I
from .phrases import _decap, _expand, _lw, _soften
from .words import _DIFFICULTY, _EVALUATIVE, _FEELING, _LOADED

_FEEL_VERBS = r"love|hate|enjoy|like|regret|miss|dislike|prefer|resent|adore|loathe"


def _claim_rewrite(claim: str) -> str:
    """Turn a presumed claim into a neutral open question."""
    claim = _soften(_expand(claim.strip()))
    claim = re.sub(r"^(?:that|just)\s+", "", claim, flags=_I)
    first = claim.split()[0] if claim.split() else ""
    if first[1:].islower() or (len(first) == 1 and first != "I"):
        claim = _decap(claim)
    if not claim:
        return "What is your view on that?"
    match = re.match(
        rf"^you\s+(?:(?:must|probably|surely|really|definitely|always|secretly|would)\s+)*"
        rf"(?P<v>{_FEEL_VERBS})s?\s+(?P<x>.+)$",
        claim,
        _I,
    )
    if match:
        return f"How do you feel about {match['x']}?"
    match = re.match(
        r"^you\s+(?:have|had)\s+never\s+(?P<part>regretted|missed|hated|doubted|disliked)\s+"
        r"(?P<x>.+)$",
        claim,
        _I,
    )
    if match:
        return f"How do you feel now about {match['x']}?"
    match = re.match(
        r"^(?:nobody|no\s+one|everyone|everybody|people|most\s+people|anyone)\s+"
        rf"(?:{_FEEL_VERBS}|wants?|enjoys?|likes?|loves?|hates?)s?\s+(?P<x>.+)$",
        claim,
        _I,
    )
    if match:
        return f"How do people feel about {match['x']}?"
    match = re.match(
        r"^you\s+are\s+(?:glad|happy|relieved|proud|thrilled|pleased)\s+(?:that\s+)?"
        r"(?P<x>you\s+.+)$",
        claim,
        _I,
    )
    if match:
        return f"What has it been like since {match['x']}?"
    match = re.match(
        r"^you\s+(?:must\s+be|are|would\s+be)\s+(?:feeling\s+)?(?P<adj>[\w-]+)\s+(?:of|about|with)\s+"
        r"(?P<x>.+)$",
        claim,
        _I,
    )
    if match and match["adj"].lower() in _FEELING:
        return f"How do you feel about {match['x']}?"
    match = re.match(r"^you\s+would\s+never\s+(?P<x>.+)$", claim, _I)
    if match:
        return f"What would it take for you to {match['x']}?"
    match = re.match(r"^you\s+must\s+have\s+(?P<part>\S+)\s*(?P<x>.*)$", claim, _I)
    if match:
        return f"What was it like {gerund_from_participle(match['part'])} {match['x']}?"
    match = re.match(
        r"^(?:it|that)\s+(?:must|would|will)\s+(?P<be>be|have\s+been)\s+[\w-]+\s*(?P<x>.*)$",
        claim,
        _I,
    )
    if match:
        tense = "was" if match["be"].lower() != "be" else "is"
        return f"What {tense} it like {match['x']}?" if match["x"] else f"What {tense} that like?"
    match = re.match(r"^you\s+would\s+(?P<v>\S+)\s+(?P<x>.+)$", claim, _I)
    if match:
        verb = match["v"].lower()
        if verb in {"recommend", "suggest", "advise"}:
            return f"What would you tell someone considering {match['x']}?"
        return f"What would make you {verb} {match['x']}, or not?"
    match = re.match(
        r"^it\s+is\s+(?P<adj>impossible|possible|hard|difficult|easy|tough|unrealistic|"
        r"realistic)\s+(?:for\s+(?P<who>\S+(?:\s+\S+)?)\s+)?to\s+(?P<x>.+)$",
        claim,
        _I,
    )
    if match:
        who = f" for {match['who']}" if match["who"] else ""
        return f"What does it take{who} to {match['x']}?"
    match = re.match(
        r"^it\s+(?P<be>is|was)\s+(?:so\s+|really\s+|very\s+)?(?P<adj>[\w-]+)\s+"
        r"(?P<x>(?:to|working|being|doing|living)\b.+)$",
        claim,
        _I,
    )
    if match and match["adj"].lower() in (_EVALUATIVE | _DIFFICULTY | _LOADED):
        # "it is exhausting to work nights" → "What is it like to work nights?"
        return f"What {match['be'].lower()} it like {match['x']}?"
    match = re.match(
        r"^(?P<subj>.+?)\s+(?P<be>is|are|was|were)\s+(?:much\s+|far\s+|way\s+|a\s+lot\s+)?"
        r"(?:more\s+|less\s+)?[\w-]+\s+than\s+(?P<other>.+)$",
        claim,
        _I,
    )
    if match and _lw(match["subj"]) not in {"you", "i", "we", "it", "that", "this"}:
        # "hospital jobs are safer than startup jobs" → "How do hospital jobs compare with…"
        verb = "does" if match["be"].lower() in {"is", "was"} else "do"
        return f"How {verb} {match['subj']} compare with {match['other']}?"
    match = re.match(
        r"^(?P<subj>.+?)\s+(?P<be>is|are|was|were)\s+(?:much\s+|far\s+|way\s+|a\s+lot\s+)?"
        r"(?P<comp>better|worse)(?:\s+than\s+(?P<other>.+))?$",
        claim,
        _I,
    )
    if match:
        other = match["other"] or "the alternatives"
        return f"How do you see {match['subj']} compared with {other}?"
    match = re.match(
        r"^(?P<subj>.+?)\s+(?P<be>is|are|was|were)\s+(?P<adj>[\w-]+)(?P<rest>(?:\s+(?:in|at|on|"
        r"for|now|these\s+days|today|here|there|with)\b.*)?)$",
        claim,
        _I,
    )
    if (
        match
        and match["adj"].lower() in (_EVALUATIVE | _DIFFICULTY | _LOADED)
        and _lw(match["subj"]) not in {"you", "i", "we", "it"}
    ):
        return f"What {match['be'].lower()} {match['subj']} like{match['rest']}?"
    if re.match(r"^you\b", claim, _I):
        claim = re.sub(r"^you\s+must\s+be\b", "you are", claim, flags=_I)
        claim = re.sub(r"^you\s+must\s+", "you ", claim, flags=_I)
        return f"What can you tell me about whether {claim}?"
    return f"What is your view on whether {claim}?"
