"""Rewrites of closed questions built on "be": "Is it hard to…", "Is there…", "A or B?"."""

from __future__ import annotations

import re

from ..text import gerund, gerund_phrase
from .claims import _claim_rewrite
from .patterns import _I
from .phrases import _first_rule, _lw, _Rule, _rule, _split_np, _split_np_found
from .words import (
    _BE_ADJECTIVES,
    _COMMONNESS,
    _COMPARATIVES,
    _DETERMINERS,
    _DIFFICULTY,
    _EVALUATIVE,
    _FEELING,
    _IMPORTANCE,
    _LOADED,
    _POSSIBILITY,
    _PREPOSITIONS,
    _is_adjective_like,
    _is_be_adjective,
)


def _trade_offs(match: re.Match[str]) -> str:
    """ "is it better to A or B": the second option borrows the first one's verb."""
    option_a, option_b = match["a"], match["b"]
    a_words = option_a.split()
    b_first = _lw(option_b.split()[0])
    if b_first in _DETERMINERS or option_b[:1].isupper():
        prep = a_words[1] if len(a_words) > 2 and _lw(a_words[1]) in _PREPOSITIONS else ""
        option_b = " ".join(w for w in (a_words[0], prep, option_b) if w)
    return (
        f"What are the trade-offs between {gerund_phrase(option_a)} and {gerund_phrase(option_b)}?"
    )


def _weigh(match: re.Match[str]) -> str:
    """ "should I A or B": "learn Python or SQL" shares its verb."""
    a_words = match["a"].split()
    option_b = match["b"]
    b_first = option_b.split()[0]
    if len(a_words) >= 2 and (_lw(b_first) in _DETERMINERS or b_first[:1].isupper()):
        verb = gerund(a_words[0])
        return f"How would you weigh {verb} {' '.join(a_words[1:])} against {verb} {option_b}?"
    return f"How would you weigh {gerund_phrase(match['a'])} against {gerund_phrase(option_b)}?"


def _recommend_either(match: re.Match[str]) -> str:
    if match["verb"].lower() in {"prefer", "choose", "pick"}:
        return f"How do {match['a']} and {match['b']} compare for you?"
    return f"How would you compare {match['a']} and {match['b']} for someone in my position?"


_CHOICE_RULES: tuple[_Rule, ...] = (
    _rule(
        r"^(?:is|was)\s+it\s+(?:better|best|smarter|wiser|easier)\s+(?:for\s+\S+(?:\s+\S+)?\s+)?"
        r"to\s+(?P<a>.+?)\s+or\s+(?:to\s+)?(?P<b>.+)$",
        _trade_offs,
    ),
    _rule(
        r"^should\s+(?:i|we)\s+(?P<a>.+?)\s+or\s+(?P<b>.+?)(?:\s+(?:first|next|now|instead))?$",
        _weigh,
    ),
    _rule(
        r"^(?:would|do|did|will)\s+you\s+(?P<verb>recommend|prefer|suggest|choose|pick|advise)\s+"
        r"(?P<a>.+?)\s+or\s+(?P<b>.+)$",
        _recommend_either,
    ),
    _rule(
        r"^(?:is|are|was|were)\s+(?P<a>[\w'. +#-]+?)\s+or\s+(?P<b>[\w'.+#-]+(?:\s+[\w'.+#-]+)?)"
        r"\s+(?:more|less|better|worse|\w+er)\b\s*(?:\w+\s*)?(?P<rest>(?:\s*\b(?:on|in|at|for|"
        r"among|within|across|with)\b.*)?)$",
        lambda m: f"How do {m['a']} and {m['b']} compare {m['rest']}",
    ),
    _rule(
        r"^(?:would\s+you\s+say\s+(?:that\s+)?)?(?P<subj>.+?)\s+(?P<be>is|are|was|were)\s+"
        r"(?:more\s+|mostly\s+|mainly\s+)?[\w-]+\s+or\s+(?:more\s+|mostly\s+)?[\w-]+$",
        lambda m: (
            None
            if re.match(r"^(?:is|are|was|were)\b", m.string, _I)
            else f"How would you describe {m['subj']}?"
        ),
    ),
    _rule(
        r"^(?P<be>is|are|was|were)\s+(?P<subj>.+?)\s+[\w-]+\s+or\s+[\w-]+$",
        lambda m: f"How would you describe {m['subj']}?",
    ),
)


def _choice_rewrite(text: str) -> str | None:
    """Rewrites for yes/no questions that offer options ("A or B").

    >>> _choice_rewrite("is it better to freelance or to join an agency")
    'What are the trade-offs between freelancing and joining an agency?'
    >>> _choice_rewrite("should I learn Python or SQL first")
    'How would you weigh learning Python against learning SQL?'
    >>> _choice_rewrite("would you say the culture is formal or relaxed")
    'How would you describe the culture?'
    """
    return _first_rule(_CHOICE_RULES, text)


_SOMEONE = re.compile(
    r"^(?P<pro>anything|something|anyone|anybody|someone|somebody|anywhere|somewhere|"
    r"any\s+way|a\s+way)(?P<else>\s+else)?\s*(?P<x>.*)$",
    _I,
)


def _wh_for(pronoun: str) -> str:
    """The question word that asks for what ``pronoun`` stands for: "anyone" → "Who"."""
    if pronoun in {"anyone", "anybody", "someone", "somebody"}:
        return "Who"
    if pronoun in {"anywhere", "somewhere"}:
        return "Where"
    return "How" if "way" in pronoun else "What"


def _there_someone(match: re.Match[str]) -> str:
    """ "Is there anyone else I should talk to?" → "Who else should I talk to?"."""
    wh = _wh_for(match["pro"].lower())
    extra = " else" if match["else"] else ""
    clause = re.sub(r"^(?:that|which|who)\s+", "", match["x"].strip(), flags=_I)
    if wh == "How":
        clause = re.sub(r"^(?:to|for\s+me\s+to)\s+", "", clause, flags=_I)
        return f"How could someone {clause}?" if clause else "How could someone do that?"
    words = clause.split()
    if len(words) >= 2 and _lw(words[0]) in {"you", "i", "we"}:
        subj = words[0]
        second = _lw(words[1])
        if second in {"should", "could", "would", "can", "might", "must", "ought"}:
            return f"{wh}{extra} {second} {subj} {' '.join(words[2:])}?"
        if second in {"'d", "would"}:
            return f"{wh}{extra} would {subj} {' '.join(words[2:])}?"
        aux = "did" if words[1].endswith("ed") else "do"
        return f"{wh}{extra} {aux} {subj} {' '.join(words[1:])}?"
    inner = re.match(
        r"^(?P<pre>.*?)\s*\b(?P<subj>you|I|we)\s+(?P<modal>should|could|would|can|might|must)\s+"
        r"(?P<x>.+)$",
        clause,
        _I,
    )
    if inner and inner["pre"]:
        # "anyone else at the firm I should contact" → "Who else at the firm should I contact?"
        pre, modal, who = inner["pre"], inner["modal"].lower(), inner["subj"]
        return f"{wh}{extra} {pre} {modal} {who} {inner['x']}?"
    if clause:
        return f"{wh}{extra} {clause}?"
    return f"{wh}{extra} would you add?"


def _there_something(rest: str) -> str | None:
    """ "Is there a mentorship scheme?" → "What can you tell me about any mentorship scheme?"."""
    np = re.sub(
        r"^(?:a\s+lot\s+of|lots\s+of|plenty\s+of|a\s+good\s+deal\s+of|many|much|any|some|a|an|"
        r"enough)\s+",
        "",
        rest,
        flags=_I,
    )
    relative = re.match(
        r"^(?P<noun>[\w'-]+(?:\s+[\w'-]+)?)\s+(?:that\s+)?(?P<subj>you|I)\s*"
        r"(?P<modal>'d|would|should|could|can|might)\s+(?P<x>.+)$",
        np,
        _I,
    )
    if relative:
        modal = "would" if relative["modal"].lower() == "'d" else relative["modal"].lower()
        return f"What {relative['noun']} {modal} {relative['subj']} {relative['x']}?"
    if not np.split():
        return None
    quantity = re.match(r"^(?:a\s+lot\s+of|lots\s+of|plenty\s+of|many)\s+", rest, _I)
    head_noun = _lw(
        re.split(r"\s+(?:in|at|on|for|with|to|of|from|here|there)\b", np, maxsplit=1, flags=_I)[
            0
        ].split()[-1]
    )
    if quantity and head_noun.endswith("s") and not head_noun.endswith("ss"):
        # "Are there many part-time roles in the field?" → "How common are part-time roles…?"
        return f"How common are {np}?"
    if re.match(r"^(?:a|an|any)\s+", rest, _I):
        # "Is there a mentorship scheme?": "about the scheme" would presume there is one.
        return f"What can you tell me about any {np}?"
    first = _lw(np.split()[0])
    if first in _DETERMINERS:
        return f"What can you tell me about {np}?"
    return f"What can you tell me about {np}?" if not quantity else None


def _there_rewrite(be: str, rest: str) -> str | None:
    """Rewrites of "Is there …?" (``rest`` follows "there").

    >>> _there_rewrite("is", "anyone else at the firm I should contact")
    'Who else at the firm should I contact?'
    >>> _there_rewrite("is", "any way to get in without a degree")
    'How could someone get in without a degree?'
    >>> _there_rewrite("are", "many part-time roles in the field")
    'How common are part-time roles in the field?'
    >>> _there_rewrite("is", "a mentorship scheme")
    'What can you tell me about any mentorship scheme?'
    """
    match = _SOMEONE.match(rest)
    if match:
        return _there_someone(match)
    return _there_something(rest)


def _it_adj_rewrite(be: str, rest: str) -> str | None:
    """Rewrites of "Is it <adjective> to …?" (``rest`` starts with "it").

    >>> _it_adj_rewrite("is", "it hard to get promoted")
    'What makes it easier or harder to get promoted?'
    >>> _it_adj_rewrite("was", "it possible to work part-time")
    'What did it take to work part-time?'
    >>> _it_adj_rewrite("is", "it true that the hours are long")
    'What is your view on whether the hours are long?'
    """
    past = be.lower() == "was"
    match = re.match(
        r"^it\s+(?:fair|accurate|right|true|safe)\s+to\s+(?:say|assume)\s+(?:that\s+)?(?P<x>.+)$",
        rest,
        _I,
    )
    if match:
        return _claim_rewrite(match["x"])
    match = re.match(
        r"^it\s+(?P<adj>[\w-]+)\s+(?:for\s+(?P<who>\S+(?:\s+\S+)?)\s+)?to\s+(?P<x>.+)$",
        rest,
        _I,
    )
    if match:
        adj = match["adj"].lower()
        who = f" for {match['who']}" if match["who"] else ""
        action = match["x"]
        if adj in _DIFFICULTY:
            verb = "made" if past else "makes"
            return f"What {verb} it easier or harder{who} to {action}?"
        if adj in _POSSIBILITY:
            return f"What {'did' if past else 'would'} it take{who} to {action}?"
        if adj in {"worth", "worthwhile", "wise", "smart", "better", "best"}:
            return f"How would you weigh the option{who} to {action}?"
        return f"How {adj} {'was' if past else 'is'} it{who} to {action}?"
    match = re.match(r"^it\s+(?:true|the\s+case)\s+(?:that\s+)?(?P<x>.+)$", rest, _I)
    if match:
        return f"What is your view on whether {match['x']}?"
    return None


_AFTER_ADJECTIVE = frozenset(
    {"than", "to", "for", "when", "if", "now", "these", "today", "enough", "or", "and", "as"}
)


# Participles that say a state, not an action ("Is a degree required…?"): no "How is X …?".
_STATE_PARTICIPLES = frozenset(
    {
        "required",
        "needed",
        "expected",
        "allowed",
        "supposed",
        "involved",
        "interested",
        "based",
        "qualified",
        "located",
        "related",
        "concerned",
        "considered",
        "valued",
        "regarded",
        "recommended",
        "preferred",
        "accepted",
        "respected",
        "advised",
        "tired",
        "bored",
        "worried",
    }
)
_PARTICIPLE_ADVERBS = r"(?:much|a\s+lot|often|widely|heavily|really|still|ever|commonly)"


def _be_feeling(feel: re.Match[str], past: bool) -> str:
    """ "Are you happy with the move?" → "How do you feel about the move?"."""
    subj = feel["subj"]
    aux = "did" if past else "do"
    if feel["x"]:
        return f"How {aux} {subj} feel about {feel['x']}?"
    if feel["when"]:
        clause = feel["when"]
        if clause.lower().startswith("that "):
            return f"How {aux} {subj} feel about the fact {clause}?"
        if clause.lower().startswith("to "):
            return f"How {aux} {subj} feel about the chance {clause}?"
        return f"How did {subj} feel {clause}?"
    return f"How {aux} {subj} feel about {'how things went' if past else 'where you are now'}?"


def _be_personal(rest: str, past: bool) -> str:
    """ "Are you …?": a feeling, an interest, or what being so is like."""
    feel = re.match(
        r"^(?P<subj>you|i|we)\s+(?:(?:still|really|ever|now|currently|generally|usually)\s+)?"
        r"(?P<adj>[\w-]+)(?:\s+(?:with|about|in|by|of|at)\s+(?P<x>.+)|\s+(?P<when>(?:when|after|"
        r"before|during|while|that|to)\s+.+))?$",
        rest,
        _I,
    )
    if feel and feel["adj"].lower() in _FEELING:
        return _be_feeling(feel, past)
    interest = re.match(
        r"^you\s+(?:(?:always|still|really|ever|now|currently|also)\s+)?interested\s+in\s+"
        r"(?P<x>.+)$",
        rest,
        _I,
    )
    if interest:
        if past:
            return f"How did your interest in {interest['x']} develop?"
        return f"What draws you to {interest['x']}?"
    remainder = " ".join(rest.split()[1:])
    remainder = re.sub(
        r"^(?:still|really|ever|now|currently|also|always|usually)\s+", "", remainder, flags=_I
    )
    tense = "was" if past else "is"
    return f"What {tense} it like being {remainder}?" if remainder else "What is that like?"


def _be_compared(lower_be: str, rest: str) -> str | None:
    """A subject compared, changing or acted on: "Is the workload heavier in the winter?"."""
    past = lower_be in {"was", "were"}
    expected = re.match(
        r"^(?P<subj>.+?)\s+what\s+(?P<who>you|I|we)\s+(?:had\s+)?expected\b", rest, _I
    )
    if expected:
        return f"How did {expected['subj']} compare with what {expected['who']} expected?"
    passive = re.match(
        rf"^(?P<subj>(?:(?:the|a|an|your|their|this|that)\s+)?[\w'.+#-]+(?:\s+[\w'.+#-]+)?)\s+"
        rf"(?P<part>[a-z]+ed|used|done|taught|given|paid|kept|run|built|known|seen|taken)"
        rf"(?:\s+{_PARTICIPLE_ADVERBS})*(?P<pp>\s+(?:on|in|at|by|for|across|within|around)\b.*)?$",
        rest,
        _I,
    )
    if (
        passive
        and _lw(passive["subj"].split()[0]) not in {"you", "i", "we", "it", "there"}
        and _lw(passive["part"]) not in _STATE_PARTICIPLES
    ):
        # "Is SQL used a lot on your team?" → "How is SQL used on your team?"
        return f"How {lower_be} {passive['subj']} {passive['part']}{passive['pp'] or ''}?"
    changes = re.match(
        r"^(?P<subj>(?:(?:the|your|their|a)\s+)?[\w'-]+(?:\s+[\w'-]+)?)\s+(?:much\s+)?"
        r"(?:more\s+[\w-]+|(?!other\b|rather\b|under\b|over\b|after\b|ever\b|never\b)[a-z]+er|"
        r"better|worse)\s+(?P<pp>(?:in|during|at|over|after|before)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)$",
        rest,
        _I,
    )
    if changes and _lw(changes["subj"].split()[0]) not in {"you", "i", "we", "it", "there"}:
        # "Is the workload heavier in the winter?" → "How does the workload change in the winter?"
        verb = "did" if past else "do" if lower_be == "are" else "does"
        return f"How {verb} {changes['subj']} change {changes['pp']}?"
    compared = re.match(
        r"^(?P<subj>.+?)\s+(?:much\s+|far\s+|a\s+lot\s+)?(?:(?:more|less)\s+[\w-]+|"
        r"(?!other\b|rather\b|under\b|over\b|ever\b|never\b|either\b|whether\b|after\b)[\w-]+er|"
        r"better|worse)\s+than\s+(?:(?:in|at|on|for|with|during)\s+)?(?P<other>.+)$",
        rest,
        _I,
    )
    if compared and len(compared["subj"].split()) <= 5:
        # "Is the workload lighter than in the hospital?" → "How does the workload compare with
        # the hospital?"; never "What is the workload like than…".
        verb = "did" if past else "do" if lower_be in {"are"} else "does"
        other = compared["other"]
        if _lw(other.split()[0]) in {"you", "i", "we", "they"}:
            other = f"what {other}"  # "…than you expected" → "…with what you expected"
        return f"How {verb} {compared['subj']} compare with {other}?"
    return None


def _be_adjective(lower_be: str, subj: str, adj: str, after: str) -> str:
    """ "Is <subj> <adj> <after>?", by what kind of word ``adj`` is ("hard", "common", …)."""
    past = lower_be in {"was", "were"}
    if adj in _COMPARATIVES and re.match(r"^than\s+(?:you|i|we)\b", after, _I):
        who = after.split()[1]
        return f"How did {subj} compare with what {who} expected?"
    if adj in _IMPORTANCE:
        return f"How important {lower_be} {subj} {after}?"
    if adj in _DIFFICULTY:
        verb = "made" if past else "makes"
        return f"What {verb} {subj} easier or harder {after}?"
    if adj in _COMMONNESS:
        return f"How {adj} {lower_be} {subj} {after}?"
    if adj in _POSSIBILITY:
        return f"What would make {subj} possible {after}?"
    if adj == "worth":
        return f"What makes {subj} worth {after}, or not?"
    if adj in {"paid", "unpaid", "well-paid"}:
        return f"How does pay work for {subj} {after}?"
    if adj in {"true", "ok", "okay", "fine", "available", "open", "growing"}:
        return f"What can you tell me about whether {subj} {lower_be} {adj} {after}?"
    if adj in _EVALUATIVE and adj not in _LOADED and not after:
        # "Is it stable?" → "How stable is it?" keeps what they asked about.
        return f"How {adj} {lower_be} {subj}?"
    return f"What {lower_be} {subj} like {after}?"


def _be_predicate(lower_be: str, words: list[str]) -> str | None:
    """ "Is <noun phrase> <adjective> …?": the subject's end is found by the adjective."""
    size = _split_np(words, _is_be_adjective)
    inner_det = next((i for i in range(1, size) if _lw(words[i]) in {"a", "an", "the"}), None)
    if inner_det is not None and 0 < size < len(words):
        subj = " ".join(words[:inner_det])
        adj = _lw(words[size])
        predicate = [w for i, w in enumerate(words[inner_det:], inner_det) if i != size]
        if adj in _EVALUATIVE | _DIFFICULTY:
            return f"What {lower_be} {subj} like as {' '.join(predicate)}?"
        claim = " ".join([subj, lower_be, *words[inner_det:]])
        return f"What can you tell me about whether {claim}?"
    follows = _lw(words[size + 1]) if 0 < size < len(words) - 1 else ""
    # The adjective must end the predicate ("Is the pay good in X?"), not start a noun phrase
    # ("Is a better salary the main reason…?").
    ends_predicate = not follows or follows in _PREPOSITIONS | _AFTER_ADJECTIVE
    if 0 < size < len(words) and _lw(words[size]) in _BE_ADJECTIVES and ends_predicate:
        subj, adj, after = " ".join(words[:size]), _lw(words[size]), " ".join(words[size + 1 :])
        return _be_adjective(lower_be, subj, adj, after)
    size, found = _split_np_found(words, _is_adjective_like)
    if found and 0 < size < len(words) and _is_adjective_like(_lw(words[size])):
        subj = " ".join(words[:size])
        adj = words[size]
        after = " ".join(words[size + 1 :])
        return f"How {adj} {lower_be} {subj} {after}?"
    return None


def _be_whether(lower_be: str, rest: str, words: list[str]) -> str | None:
    """The claim asked about as it stands: "What can you tell me about whether X is Y?"."""
    size, found = _split_np_found(words, lambda w: w.endswith("ier") or w in _COMPARATIVES)
    nxt = _lw(words[size + 1]) if 0 < size < len(words) - 1 else ""
    if found and 1 < size < len(words) and (not nxt or nxt in _PREPOSITIONS | _AFTER_ADJECTIVE):
        claim = " ".join([*words[:size], lower_be, *words[size:]])
        return f"What can you tell me about whether {claim}?"
    size, found = _split_np_found(words, lambda w: w in {"the", "a", "an"} or w.endswith("ly"))
    if found and 0 < size < len(words):
        claim = " ".join([*words[:size], lower_be, *words[size:]])
        return f"What can you tell me about whether {claim}?"
    if len(words) >= 3 and re.match(
        r"^(?:most|many|some|all|few|none|several|half)\s+of\b", rest, _I
    ):
        size = _split_np(words, lambda w: False)
        claim = " ".join([*words[:size], lower_be, *words[size:]])
        return f"What can you tell me about whether {claim}?"
    return None  # no pattern fits: no sentence built from a guess


def _be_rewrite(be: str, rest: str) -> str | None:
    """Rewrites of "Is/Are/Was/Were …?" (``rest`` follows the verb); ``None`` where no
    pattern fits.

    >>> _be_rewrite("is", "it hard to get promoted")
    'What makes it easier or harder to get promoted?'
    >>> _be_rewrite("are", "you happy with the move")
    'How do you feel about the move?'
    >>> _be_rewrite("is", "SQL used a lot on your team")
    'How is SQL used on your team?'
    >>> _be_rewrite("is", "the workload heavier in the winter")
    'How does the workload change in the winter?'
    >>> _be_rewrite("is", "the pay good in consulting")
    'What is the pay like in consulting?'
    >>> _be_rewrite("is", "the founder a good manager")
    'What is the founder like as a manager?'
    """
    lower_be = be.lower()
    first = _lw(rest.split()[0]) if rest.split() else ""
    if first == "there":
        return _there_rewrite(be, rest.split(maxsplit=1)[1] if len(rest.split()) > 1 else "")
    if first in {"that", "this"} and re.match(r"^\w+\s+(?:true|right|fair|accurate)\b", rest, _I):
        return "How does that compare with what you have seen?"
    if first == "it":
        rewritten = _it_adj_rewrite(be, rest)
        if rewritten:
            return rewritten
    if first in {"you", "i", "we"}:
        return _be_personal(rest, lower_be in {"was", "were"})
    words = rest.split()
    return (
        _be_compared(lower_be, rest)
        or _be_predicate(lower_be, words)
        or _be_whether(lower_be, rest, words)
    )
