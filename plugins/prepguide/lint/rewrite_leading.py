"""Rewrites of leading questions: negative questions, tags, presumption markers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import is_participle, third_singular
from .claims import _claim_rewrite
from .patterns import (
    _AUX,
    _HOW_GLAD,
    _HOW_MUCH_COMPARED,
    _I,
    _LOADED_ATTRIBUTIVE,
    _LOADED_HOW,
    _LOADED_HOW_MUCH,
    _LOADED_SO,
    _NEG_START,
    _NOT_START,
    _PRESUMPTIVE,
    _REPORTED,
    _TAG_AUX,
    _TAG_NEG_BARE,
    _TAG_WORD,
    _WH,
    _WHY_COMPARED,
)
from .phrases import (
    _Clause,
    _clauses,
    _first_rule,
    _Head,
    _lw,
    _Rule,
    _rule,
    _soften,
    _split_np,
    _split_np_found,
    _strip_filler,
)
from .rewrite_closed import _closed_rewrite
from .words import _is_predicate_start, _is_verb


def _bother(match: re.Match[str]) -> str:
    conj = (match["conj"] or "").lower()
    clause = match["x"]
    if not clause:
        return "How do you feel about that?"
    if conj == "when":
        return f"How do you feel when {clause}?"
    if conj == "to":
        return f"How do you feel about having to {clause}?"
    return f"How do you feel about the fact that {clause}?"


def _negative_be(match: re.Match[str]) -> str:
    """ "Isn't X just Y" → the claim "X is Y", asked about neutrally."""
    be = {"isn": "is", "aren": "are", "wasn": "was", "weren": "were"}[
        match["neg"].lower().replace("'", "").removesuffix("t").removesuffix("n") + "n"
    ]
    words = match["rest"].split()
    size = _split_np(words, _is_predicate_start)
    claim = " ".join([*words[:size], be, *words[size:]])
    claim = re.sub(r"\b(?:just|only|merely|simply)\s+", "", claim, flags=_I)
    return _claim_rewrite(claim)


_POSITIVE = {
    "dont": "",
    "doesnt": "",
    "didnt": "did",
    "wouldnt": "would",
    "wont": "will",
    "shouldnt": "should",
    "couldnt": "could",
    "cant": "can",
    "havent": "have",
    "hasnt": "has",
    "hadnt": "had",
    "mustnt": "must",
}


def _negative_aux(match: re.Match[str]) -> str | None:
    """ "Doesn't the team travel" → the claim "the team travels", asked about neutrally."""
    neg = match["neg"].lower().replace("'", "")
    positive = _POSITIVE[neg]
    words = match["rest"].split()
    if neg in {"havent", "hasnt", "hadnt"}:
        size, found = _split_np_found(words, is_participle)
    else:
        size, found = _split_np_found(words, _is_verb)
    subj, after = words[:size], words[size:]
    if not after:
        return None
    if not found and neg in {"dont", "doesnt", "didnt"}:
        aux = {"dont": "do", "doesnt": "does", "didnt": "did"}[neg]
        return f"How, if at all, {aux} {' '.join(words)}?"
    if neg == "doesnt":
        after = [third_singular(after[0]), *after[1:]]
    parts = [*subj, positive, *after] if positive else [*subj, *after]
    return _claim_rewrite(" ".join(parts))


_NEGATIVE_RULES: tuple[_Rule, ...] = (
    _rule(
        r"^(?:don'?t|didn'?t|do\s+you\s+not)\s+(?:you|we)\s+(?:really\s+|honestly\s+|also\s+)?"
        r"(?:think|believe|agree|suppose|reckon|say|worry|fear|expect|feel)\s+(?:that\s+)?"
        r"(?P<x>.+)$",
        lambda m: _claim_rewrite(m["x"]),
    ),
    _rule(
        r"^(?:don'?t|didn'?t)\s+you\s+find\s+it\s+[\w-]+\s+(?P<x>.+)$",
        lambda m: f"What is it like {m['x']}?",
    ),
    _rule(
        r"^(?:don'?t|didn'?t)\s+you\s+find\s+(?P<x>.+)\s+[\w-]+$",
        lambda m: f"How do you find {m['x']}?",
    ),
    _rule(
        r"^(?:doesn'?t|didn'?t|wouldn'?t|won'?t)\s+(?:it|that|this)\s+(?:ever\s+)?(?:bother|annoy|"
        r"frustrate|upset|worry|bug|concern|trouble|irritate|get\s+to|tire|wear\s+on)\s+you\s*"
        r"(?P<conj>that|when|how|to)?\s*(?P<x>.*)$",
        _bother,
    ),
    _rule(
        r"^(?:isn'?t|wasn'?t)\s+it\s+(?:true|obvious|clear|fair\s+to\s+say|the\s+case)\s+"
        r"(?:that\s+)?(?P<x>.+)$",
        lambda m: _claim_rewrite(m["x"]),
    ),
    _rule(
        r"^(?:wouldn'?t|won'?t|isn'?t)\s+it\s+be\s+(?:better|smarter|wiser|easier|best|safer|"
        r"quicker|cheaper|more\s+sensible|a\s+good\s+idea)\s+(?:for\s+(?:me|someone|us)\s+)?"
        r"to\s+(?P<x>.+)$",
        lambda m: f"How would you weigh the option to {m['x']}?",
    ),
    _rule(
        r"^(?:wouldn'?t|won'?t)\s+(?:i|someone|we|people)\s+be\s+better\s+off\s+(?P<x>.+)$",
        lambda m: f"How would you weigh {m['x']} against the alternatives?",
    ),
    _rule(
        r"^(?:wouldn'?t|won'?t)\s+you\s+(?:say|agree)\s+(?:that\s+)?(?P<x>.+)$",
        lambda m: _claim_rewrite(m["x"]),
    ),
    _rule(r"^(?P<neg>isn'?t|aren'?t|wasn'?t|weren'?t)\s+(?P<rest>.+)$", _negative_be),
    _rule(
        r"^(?P<neg>don'?t|doesn'?t|didn'?t|wouldn'?t|won'?t|shouldn'?t|couldn'?t|can'?t|"
        r"haven'?t|hasn'?t|hadn'?t|mustn'?t)\s+(?P<rest>.+)$",
        _negative_aux,
    ),
)


def _invert_negative(text: str) -> str | None:
    """Rewrite a question that starts with a negative auxiliary ("Isn't…", "Don't you…").

    >>> _invert_negative("don't you think remote work is here to stay")
    'What is your view on whether remote work is here to stay?'
    >>> _invert_negative("doesn't it bother you when clients shout")
    'How do you feel when clients shout?'
    >>> _invert_negative("wouldn't it be better to retrain")
    'How would you weigh the option to retrain?'
    >>> _invert_negative("doesn't the team travel")
    'What is your view on whether the team travels?'
    """
    return _first_rule(_NEGATIVE_RULES, _soften(text))


def _real_question(head: str) -> str | None:
    """The asker's own question after a claim or a premise, asked without it.

    "Everyone says X is the future, so how do I get in?" → "How do I get in?"; "Since you
    obviously hate meetings, how do you avoid them?" → "How do you avoid them?". A closed one
    ("…, so should I bother?") gets the closed rewrite, or none.

    >>> _real_question("Everyone says data science is the future, so how do I get in")
    'How do I get in?'
    """
    parts = _clauses(head)
    if len(parts) < 2 or _WH.match(_strip_filler(parts[0].text)):
        return None
    for part in parts[1:]:
        text = re.sub(
            r"^(?:so|then|and\s+so|and|but|therefore)\s+", "", part.text.strip(), flags=_I
        )
        text = _strip_filler(text)
        if len(text.split()) < 3:
            continue
        if _WH.match(text):
            return _soften(text[:1].upper() + text[1:]) + "?"
        if _AUX.match(text):
            return _closed_rewrite(_Head("yesno", 0, text), text, _clauses(text))
    return None


_OPENER = re.compile(
    r"^(?:what\s+do\s+you\s+think|what'?s\s+your\s+(?:take|view|opinion)|be\s+honest|"
    r"honestly|tell\s+me|seriously|come\s+on|let'?s\s+be\s+honest)\s*[,:;-]+\s*",
    _I,
)
_MARKER = re.compile(
    r"^(?:surely|obviously|clearly|of\s+course|naturally|undoubtedly|unquestionably|"
    r"evidently|no\s+doubt|needless\s+to\s+say|every(?:one|body)\s+knows(?:\s+that)?|"
    r"(?:as\s+)?we\s+all\s+know(?:\s+that)?|i\s+assume(?:\s+that)?|i'?m\s+assuming|"
    r"i\s+am\s+assuming|i\s+imagine|i'?d\s+imagine|i\s+bet|i'?ll\s+bet|i'?m\s+betting|"
    r"i'?m\s+guessing|i\s+am\s+guessing|i'?d\s+guess|i\s+suppose|i\s+take\s+it|"
    r"i'?m\s+sure|i\s+am\s+sure|i'?m\s+certain|i\s+expect|i\s+presume|presumably|"
    r"my\s+guess\s+is|it'?s\s+(?:obvious|clear)(?:\s+that)?|"
    r"it\s+is\s+(?:obvious|clear)(?:\s+that)?|"
    r"you'?d\s+(?:have\s+to\s+)?agree(?:\s+that)?|you\s+would\s+agree(?:\s+that)?|"
    r"you'?ll\s+agree(?:\s+that)?|you\s+will\s+agree(?:\s+that)?|"
    r"you\s+agree(?:\s+that)?|(?:do|would|will)\s+you\s+agree(?:\s+that|\s+with)?)"
    r"\b[\s,]*",
    _I,
)


def _without_tags(body: str) -> str:
    """The question without its tag ("…, right?"), an empty opener ("Honestly, …") and
    filler words."""
    core = body
    for pattern in (_TAG_WORD, _TAG_AUX, _TAG_NEG_BARE):
        core = pattern.sub("", core)
    core = core.strip().rstrip(",")
    # "What do you think, isn't X…?": the opener adds nothing, the inner clause carries it.
    opener = _OPENER.match(core)
    if opener:
        core = core[opener.end() :]
    return _strip_filler(core)


def _wh_then_negative(parts: Sequence[_Clause]) -> bool:
    """An open wh-question followed by a negative tag clause: "What do you like about it,
    don't you love the hours?" keeps the first clause."""
    return (
        len(parts) > 1
        and bool(_WH.match(_strip_filler(parts[0].text)))
        and len(parts[0].text.split()) >= 4
        and not _LOADED_SO.search(parts[0].text)
        and not _LOADED_HOW.match(parts[0].text)
        and any(_NEG_START.match(_strip_filler(p.text)) for p in parts[1:])
    )


def _without_markers(core: str) -> str:
    """``core`` without presumption markers ("Surely", "I assume that", "Everyone says")."""
    for _ in range(3):
        stripped = _strip_opinion(_MARKER.sub("", core))
        if stripped == core:
            break
        core = stripped
    return re.sub(r"^(?:that)\s+", "", core, flags=_I)


def _loaded_rewrite(head: str) -> str | None:
    """Loaded wh-questions: "How awful is X", "Why is X so much worse than Y", "Why would
    anyone…"."""
    if _LOADED_HOW_MUCH.match(head):
        match = re.match(r"^how\s+much\s+do\s+(?P<who>you|people)\s+\S+\s+(?P<x>.+)$", head, _I)
        if match:
            return f"How do {match['who'].lower()} feel about {match['x']}?"
    if _LOADED_HOW.match(head):
        match = re.match(r"^how\s+\S+\s+(?P<be>is|was|are|were)\s+it\s+(?P<x>.+)$", head, _I)
        if match:
            return f"What {match['be'].lower()} it like {_soften(match['x'])}?"
        match = re.match(
            r"^how\s+\S+\s+(?P<be>is|was|are|were)\s+(?P<subj>.+?)(?P<rest>\s+(?:when|while|"
            r"during|after|before|if|in|at|for|on|with)\b.*)?$",
            head,
            _I,
        )
        if match:
            rest = match["rest"] or ""
            return f"What {match['be'].lower()} {match['subj']} like{rest}?"
        return "What is that like for you?"
    match = re.match(
        r"^why\s+(?P<be>is|are|was|were)\s+(?P<subj>.+?)\s+(?:so\s+)?(?:much\s+)?(?:better|worse|"
        r"harder|easier)\s+than\s+(?P<other>.+)$",
        head,
        _I,
    )
    if match:
        verb = "does" if match["be"].lower() in {"is", "was"} else "do"
        return f"How {verb} {match['subj']} compare with {match['other']}?"
    match = re.match(
        r"^given\s+how\s+(?P<adj>[\w-]+)\s+(?P<subj>.+?)\s+(?P<be>is|are|was|were)\b", head, _I
    )
    if match:
        return f"What {match['be'].lower()} {match['subj']} like?"
    match = re.match(
        r"^why\s+(?:would|does|do|did|should|will)\s+(?:anyone|anybody)\s+(?P<x>.+)$", head, _I
    )
    if match:
        return f"What leads people to {match['x']}?"
    return None


def _negative_clause_rewrite(head: str) -> str | None:
    """The first clause that starts with a negative ("…, isn't it just meetings?"), inverted."""
    for clause in _clauses(head):
        text = _strip_filler(clause.text)
        if _NEG_START.match(text) or _NOT_START.match(text):
            return _invert_negative(head[clause.start :] if clause.start else text)
    return None


def _claim_question(head: str) -> str | None:
    """What is left: a wh-question with its loaded words softened, or the claim asked about."""
    if _WH.match(head) and not _LOADED_SO.search(head):
        return _soften(head) + "?"
    if _LOADED_SO.search(head) and _WH.match(head):
        return _soften(_LOADED_SO.sub(_unload, head)) + "?"
    # Claim followed by ", so how…": neutralise the claim, keep it as the question.
    first = _clauses(head)
    claim = first[0].text if first and len(first) > 1 else head
    if _AUX.match(claim):
        return _closed_rewrite(_Head("yesno", 0, claim), claim, _clauses(claim))
    return _claim_rewrite(claim)


def _leading_rewrite(body: str, clauses: Sequence[_Clause]) -> str | None:
    """The neutral open question a leading question leaves once its presumption is dropped.

    >>> from .phrases import _clauses
    >>> question = "Surely the pay is terrible"
    >>> _leading_rewrite(question, _clauses(question))
    'What is the pay like?'
    >>> question = "How awful is the commute"
    >>> _leading_rewrite(question, _clauses(question))
    'What is the commute like?'
    >>> question = "Everyone says data science is the future, so how do I get in"
    >>> _leading_rewrite(question, _clauses(question))
    'How do I get in?'
    """
    core = _without_tags(body)
    parts = _clauses(core)
    if _wh_then_negative(parts):
        return parts[0].text.strip() + "?"
    head = _strip_filler(_without_markers(core))
    for step in (_real_question, _presumption_rewrite, _loaded_rewrite, _negative_clause_rewrite):
        rewritten = step(head)
        if rewritten:
            return rewritten
    return _claim_question(head)


def _unload(match: re.Match[str]) -> str:
    """ "such a boring job" → "the job"; "so much better" → "better" (safety checks the rest).

    >>> _LOADED_SO.sub(_unload, "why is teaching so much better")
    'why is teaching better'
    """
    words = match.group(0).split()
    return "the" if words[0].lower() == "such" else words[-1]


def _strip_opinion(text: str) -> str:
    """Drop "Is it fair to say (that)", "Everyone says (that)", "I keep hearing (that)".

    >>> _strip_opinion("Everyone says that law is boring")
    'law is boring'
    """
    for pattern in (_PRESUMPTIVE, _REPORTED):
        match = pattern.match(text)
        if match:
            rest = text[match.end() :]
            rest = re.sub(r"^\s*(?:me\s+)?(?:that\s+)?", "", rest, flags=_I)
            return rest.lstrip(" ,")
    return text


_COPE = (
    r"put\s+up\s+with|tolerate|endure|survive|cope\s+with|deal\s+with|stand|bear|"
    r"get\s+through|live\s+with|handle|manage|stomach"
)


def _presumption_rewrite(head: str) -> str | None:
    """Rewrites for the presumptions of docs/linter.md: coping with X, how much better, why more.

    >>> _presumption_rewrite("how much better is remote work than office work")
    'How does remote work compare with office work?'
    >>> _presumption_rewrite("why not just retrain")
    'How would you weigh the option to retrain?'
    """
    match = re.match(
        rf"^how\s+(?P<aux>do|did|does)\s+(?P<who>you|people)\s+(?:manage\s+to\s+)?(?:{_COPE})\s+"
        r"(?:on\s+)?"
        r"(?P<x>.+)$",
        head,
        _I,
    )
    if match and _LOADED_ATTRIBUTIVE.search(head):
        if match["aux"].lower() == "did":
            return f"What was {match['x']} like for {match['who'].lower()}?"
        return f"How do {match['who'].lower()} find {match['x']}?"
    match = re.match(
        r"^how\s+much\s+(?:more\s+|less\s+)?[\w-]+\s+(?P<be>is|are|was|were)\s+(?P<subj>.+?)"
        r"(?:\s+than\s+(?P<other>.+))?$",
        head,
        _I,
    )
    if match and _HOW_MUCH_COMPARED.match(head):
        return _compare(match["be"], match["subj"], match["other"])
    match = re.match(
        r"^how\s+[\w-]+\s+(?:are|were)\s+you\s+(?:that\s+)?(?P<x>(?:you|I)\s+.+)$", head, _I
    )
    if match and _HOW_GLAD.match(head):
        return f"What has it been like since {match['x']}?"
    match = re.match(
        r"^why\s+(?P<be>is|are|was|were)\s+(?P<subj>.+?)\s+(?:so\s+)?(?:much\s+|far\s+)?"
        r"(?:more\s+|less\s+)?[\w-]+\s+than\s+(?P<other>.+)$",
        head,
        _I,
    )
    if match and _WHY_COMPARED.match(head):
        return _compare(match["be"], match["subj"], match["other"])
    match = re.match(r"^why\s+not\s+(?:just\s+|simply\s+)?(?P<x>.+)$", head, _I)
    if match:
        return f"How would you weigh the option to {match['x']}?"
    return None


def _compare(be: str, subject: str, other: str | None) -> str:
    """ "How does X compare with Y?", or for "you": "How have things changed for you…?".

    >>> _compare("is", "remote work", "office work")
    'How does remote work compare with office work?'
    >>> _compare("were", "you", None)
    'How have things changed?'
    """
    words = subject.split()
    if words and _lw(words[0]) in {"you", "i"}:
        rest = " ".join(words[1:])
        return f"How have things changed for you {rest}?" if rest else "How have things changed?"
    verb = "does" if be.lower() in {"is", "was"} else "do"
    if other:
        return f"How {verb} {subject} compare with {other}?"
    return f"How {verb} {subject} compare with the alternatives?"
