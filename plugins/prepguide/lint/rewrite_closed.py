"""Rewrites of closed questions: do/have/modal forms, permission, "Any…?", and the dispatcher."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import gerund, gerund_phrase, is_participle
from .claims import _claim_rewrite
from .patterns import _I, _I_WONDER, _STRIP_END
from .phrases import _Clause, _expand, _Head, _lw, _split_np, _split_np_found, _wh_choice
from .rewrite_be import _be_rewrite, _choice_rewrite, _it_adj_rewrite, _there_rewrite
from .rewrite_fact import _fact_rewrite
from .words import _FEELING, _VERBS, _is_verb

_JOB_REWRITE = (
    "What would make someone like me a strong candidate for roles like the ones on your team?"
)


_QUANTIFIED = re.compile(r"^(?:most|many|all|some|a\s+lot\s+of|lots\s+of)\s+(?P<np>.+)$", _I)


_DO_ADVERBS = frozenset(
    {"ever", "still", "really", "usually", "also", "actually", "generally", "typically", "normally"}
)
_OBJECT_VERBS = frozenset(
    {"have", "need", "get", "want", "offer", "provide", "require", "recommend"}
)
_OBJECT = re.compile(
    r"^(?:(?P<det>any|some|a|an|many|much)\s+)?(?P<np>.+?)(?P<pp>\s+(?:for|to|in|on|at|"
    r"with|about|from|when|that|which|who|if|before|after|during|while|since|by|as)\b.*)?$",
    _I,
)
_OFTEN = r"\s*\b(?:much|a\s+lot(?:\s+of)?|often|frequently|many)\b"


def _do_parts(rest: str) -> tuple[str, bool, list[str]]:
    """``rest`` after "do" as ``(subject, whether a verb ended the subject, words from the
    verb on)``, adverbs such as "ever" and "usually" dropped."""
    words = rest.split()
    size, found_verb = _split_np_found(words, _is_verb)
    after_words = words[size:]
    while after_words and _lw(after_words[0]) in _DO_ADVERBS:
        after_words = after_words[1:]
    return " ".join(words[:size]), found_verb, after_words


def _do_by_verb(lower_aux: str, subj: str, verb: str, tail: str, you: bool) -> str | None:
    """Rewrites chosen by the verb: think, like, miss, find, help, know."""
    if verb == "think" and re.match(r"^(?:about|of)\s+", tail, _I):
        return f"How {lower_aux} {subj} think {tail}?"
    if verb in {"think", "believe", "reckon", "suppose", "expect", "agree"} and you and tail:
        claim = re.sub(r"^(?:that|with)\s+", "", tail, flags=_I)
        return _claim_rewrite(claim)
    if verb in {"like", "enjoy", "love"} and tail:
        return f"What {lower_aux} {subj} {verb} most about {tail}?"
    if verb == "miss" and tail:
        return f"What, if anything, {lower_aux} {subj} miss about {tail}?"
    if verb == "find" and re.match(r"^it\s+[\w-]+\s+(?:for\s+\S+\s+)?to\s+", tail, _I):
        rewritten = _it_adj_rewrite("was" if lower_aux == "did" else "is", tail)
        if rewritten:
            return rewritten
    if verb == "help" and tail:
        return f"What role {lower_aux} {subj} play in helping {tail}?"
    if verb in {"know"} and re.match(r"^(?:anyone|anybody|someone|somebody)\b", tail, _I):
        rest_of = " ".join(tail.split()[1:])
        return f"Who {lower_aux} {subj} know {rest_of}?"
    return None


def _do_object(match: re.Match[str], lower_aux: str, subj: str, verb: str, you: bool) -> str | None:
    """ "Did you need a degree?" → "What degree, if any, did you need?" (``match``:
    :data:`_OBJECT` on what follows the verb)."""
    det = (match["det"] or "").lower()
    pp = match["pp"] or ""
    if det in {"any", "some", "many", "much"} and verb in {"have", "recommend", "offer"}:
        return f"What {match['np']} {lower_aux} {subj} {verb}{pp}?"
    # "Did you need a degree?" presumes nothing; the rewrite must not either. Only a
    # short noun phrase after "a/an/any" reads right in "What X, if any, …".
    if you and det in {"a", "an", "any"} and len(match["np"].split()) <= 3:
        return f"What {match['np']}, if any, {lower_aux} {subj} {verb}{pp}?"
    return None


def _do_rewrite(aux: str, rest: str) -> str | None:
    """Rewrites of "Do/Does/Did …?"; ``None`` where no safe one exists (docs/linter.md).

    >>> _do_rewrite("do", "you like your job")
    'What do you like most about your job?'
    >>> _do_rewrite("do", "most architects here hold a licence")
    'How common is it for architects here to hold a licence?'
    >>> _do_rewrite("did", "you need a degree")
    'What degree, if any, did you need?'
    >>> _do_rewrite("do", "people at your agency work freelance")
    'What shapes whether people at your agency work freelance?'
    >>> _do_rewrite("did", "you do a bootcamp") is None  # any rewrite would presume they did
    True
    """
    lower_aux = aux.lower()
    subj, found_verb, after_words = _do_parts(rest)
    you = _lw(subj) in {"you", "i", "we"}
    if not after_words:
        return None
    verb = _lw(after_words[0])
    tail = " ".join(after_words[1:])
    if not you and not found_verb:
        return None  # the subject's end is a guess: "your legal experience count…"
    if verb in {"have", "need", "want", "get", "got"} and re.match(r"^to\s+\w", tail, _I):
        return None  # "Did you have to relocate…?": no sentence built from it reads right
    quantified = _QUANTIFIED.match(subj)
    if quantified and lower_aux in {"do", "did"}:
        # "Do most architects here hold a licence?" → "How common is it for architects here…"
        tense = "was" if lower_aux == "did" else "is"
        return f"How common {tense} it for {quantified['np']} to {verb} {tail}?".replace(" ?", "?")
    rewritten = _do_by_verb(lower_aux, subj, verb, tail, you)
    if rewritten is not None:
        return rewritten
    if verb in _OBJECT_VERBS:
        match = _OBJECT.match(tail)
        if match and match["np"]:
            return _do_object(match, lower_aux, subj, verb, you)
    quantity = re.search(_OFTEN, " " + tail, _I)
    if quantity and you:
        trimmed = re.sub(_OFTEN, "", " " + tail, flags=_I)
        return f"How often {lower_aux} {subj} {verb} {trimmed.strip()}?"
    if you:
        # "Did you do a bootcamp?" → "What was your experience of doing a bootcamp?" presumes
        # they did; say what to change instead.
        return None
    if lower_aux == "did":
        return f"How, if at all, did {subj} {verb} {tail}?".replace(" ?", "?")
    if lower_aux == "do":
        return f"What shapes whether {subj} {verb} {tail}?".replace(" ?", "?")
    return None


def _have_rewrite(aux: str, rest: str) -> str | None:
    """Rewrites of "Have/Has/Had …?"; ``None`` where any rewrite would presume the answer.

    >>> _have_rewrite("have", "you considered leaving")
    'How have you thought about leaving?'
    >>> _have_rewrite("have", "you regretted the move")
    'How do you feel now about the move?'
    >>> _have_rewrite("have", "you worked abroad") is None
    True
    """
    lower_aux = aux.lower()
    words = rest.split()
    size = _split_np(words, is_participle)
    subj = " ".join(words[:size])
    after = words[size:]
    while after and _lw(after[0]) in {"ever", "always", "never", "already", "recently", "really"}:
        after = after[1:]
    if not after:
        return None
    part = _lw(after[0])
    tail = " ".join(after[1:])
    tail = re.sub(r"\s+(?:before|yet|already|so\s+far)$", "", tail, flags=_I)
    you = _lw(subj) in {"you", "i", "we"}
    if part == "regretted" and tail:
        return f"How {'do' if lower_aux != 'had' else 'did'} {subj} feel now about {tail}?"
    if part == "considered" and tail:
        return f"How {lower_aux} {subj} thought about {tail}?"
    if part == "found" and you and len(tail.split()) >= 2:
        return f"How {lower_aux} {subj} found {' '.join(tail.split()[:-1])}?"
    if part == "changed":
        return f"How, if at all, {lower_aux} {subj} changed {tail}?"
    if part == "been" and tail:
        tail_words = tail.split()
        if _lw(tail_words[0]) in _FEELING:
            return f"How {lower_aux} {subj} felt {' '.join(tail_words[1:])}?"
        if _lw(tail_words[0]).endswith("ing"):
            part, tail = _lw(tail_words[0]), " ".join(tail_words[1:])
            if you:
                return f"What has your experience been with {part} {tail}?"
    if part == "got" or part == "gotten" or you:
        # "Have you worked abroad?" → "What has your experience been with working abroad?"
        # presumes they have: no rewrite, the advice says what to change.
        return None
    return f"How, if at all, {lower_aux} {subj} {part} {tail}?".replace(" ?", "?")


_IT_HELPS = re.compile(
    r"^it\s+(?:make\s+sense|be\s+(?:wise|smart|sensible|better|best|a\s+good\s+idea|"
    r"worth\s+it|a\s+mistake)|help)\s+(?:for\s+(?:me|someone)\s+)?(?:to\s+|if\s+i\s+)"
    r"(?P<x>.+)$",
    _I,
)


def _introduce(tail: str) -> str:
    """ "Could you introduce me to someone in policy?" → "Who in policy would you suggest I
    talk to?" (``tail`` follows the verb)."""
    match = re.match(
        r"^(?:me\s+)?(?:to|with)\s+(?:someone|somebody|anyone|people)\s+(?P<pp>(?:on|in|at|"
        r"from|who)\b.+)$",
        tail,
        _I,
    )
    if match and _lw(match["pp"].split()[0]) == "who":
        return f"Who do you know {match['pp']}?"
    if match:
        return f"Who {match['pp']} would you suggest I talk to?"
    return "Who else would you suggest I talk to?"


def _modal_you(lower: str, rest: str, words: list[str]) -> str | None:
    """ "Could/Would/Will you …?": a request, a recommendation, a willingness; ``None`` for
    the other modals when no verb-specific rule fits."""
    verb = _lw(words[1])
    tail = " ".join(words[2:])
    be_open = re.match(
        r"^you\s+be\s+(?:open|willing|able|available|interested|up)\s+(?:to|for|in)\s+"
        r"(?P<x>.+)$",
        rest,
        _I,
    )
    if be_open:
        action = be_open["x"]
        action_words = action.split()
        if _lw(action_words[0]) in _VERBS:
            action = gerund_phrase(action)
        return f"How would you feel about {action}?"
    if verb in {"recommend", "suggest", "advise"} and tail:
        return f"What would you tell someone considering {tail}?"
    if verb == "describe" and re.search(r"\bas\b", tail, _I):
        target = re.split(r"\s+as\s+", tail, maxsplit=1, flags=_I)[0]
        return f"How would you describe {target}?"
    if verb == "say" and tail:
        return _claim_rewrite(re.sub(r"^that\s+", "", tail, flags=_I))
    if verb == "put" and re.match(r"^me\s+in\s+touch\b", tail, _I):
        verb, tail = "connect", re.sub(r"^me\s+in\s+touch\s+", "me ", tail, flags=_I)
    if verb in {"introduce", "connect", "refer"} and tail:
        return _introduce(tail)
    if re.search(r"\b(?:me|my|us|our)\b", tail, _I):
        return f"How would you feel about {gerund(verb)} {tail}?"
    if lower in {"can", "could"}:
        return f"How much flexibility do you have to {' '.join(words[1:])}?"
    if lower in {"would", "will"}:
        return f"What would make you {' '.join(words[1:])}, or not?"
    return None


def _will_rewrite(rest: str, words: list[str]) -> str | None:
    """ "Will the sector grow?" → "How likely is it that the sector will grow?"."""
    size = _split_np(words, lambda w: w in {"be", "have", "need", "get", "stay", "grow"})
    subj = " ".join(words[:size])
    after = words[size:]
    if after and _lw(after[0]) == "need" and len(after) > 1:
        return _do_rewrite("will", rest)
    if len(after) >= 2 and _lw(after[0]) == "be":
        return f"What is the outlook for {subj} {' '.join(after[1:])}?"
    return f"How likely is it that {subj} will {' '.join(after)}?"


def _modal_rewrite(modal: str, rest: str) -> str | None:
    """Rewrites of "Can/Could/Would/Will/Should …?" (``rest`` follows the modal).

    >>> _modal_rewrite("should", "I learn Python first")
    'How should I think about whether to learn Python first?'
    >>> _modal_rewrite("could", "you introduce me to someone in policy")
    'Who in policy would you suggest I talk to?'
    >>> _modal_rewrite("can", "you work remotely")
    'How much flexibility do you have to work remotely?'
    >>> _modal_rewrite("will", "the sector grow")
    'How likely is it that the sector will grow?'
    """
    lower = modal.lower()
    words = rest.split()
    first = _lw(words[0]) if words else ""
    if lower == "should" and first in {"i", "we"}:
        return f"How should {first if first == 'we' else 'I'} think about whether to {' '.join(words[1:])}?"
    if first == "it" and len(words) >= 3:
        match = _IT_HELPS.match(rest)
        if match:
            return f"How would you weigh the option to {match['x']}?"
    if first == "you" and len(words) >= 2:
        rewritten = _modal_you(lower, rest, words)
        if rewritten is not None:
            return rewritten
    if lower == "will" and len(words) >= 3:
        return _will_rewrite(rest, words)
    if lower in {"can", "could"} and words:
        size = _split_np(words, _is_verb)
        subj = " ".join(words[:size])
        return f"How could {subj} {' '.join(words[size:])}?"
    return f"How likely is it that {' '.join(words[:1])} {lower} {' '.join(words[1:])}?"


def _permission_rewrite(text: str) -> str:
    """Rewrites of "Can I …?", "Would it be OK if I …?".

    >>> _permission_rewrite("can I ask you a few questions about your role")
    'What can you tell me about your role?'
    >>> _permission_rewrite("could I send you my CV")
    'How would you feel about me sending you my CV?'
    """
    match = re.match(
        r"^(?:can|could|may|might)\s+i\s+ask\s+(?:you\s+)?(?:a\s+few|some|a\s+couple\s+of|"
        r"several|a|one|two|three)?\s*(?:more\s+|quick\s+|short\s+)?questions?\s+(?:about|on|"
        r"regarding)\s+(?P<x>.+)$",
        text,
        _I,
    )
    if match:
        return f"What can you tell me about {match['x']}?"
    match = re.match(
        r"^(?:(?:would|will|is)\s+it\s+be\s+\w+(?:\s+\w+)?|is\s+it\s+\w+(?:\s+\w+)?|"
        r"(?:do|would)\s+you\s+mind)\s+if\s+i\s+(?P<x>.+)$",
        text,
        _I,
    )
    if match:
        return f"How would you feel if I {match['x']}?"
    match = re.match(
        r"^(?:(?:would|will|is)\s+it\s+be\s+\w+(?:\s+\w+)?|is\s+it\s+\w+(?:\s+\w+)?)\s+"
        r"(?:for\s+me\s+)?to\s+(?P<v>\S+)(?P<rest>.*)$",
        text,
        _I,
    )
    if match:
        return f"How would you feel about me {gerund(match['v'])}{match['rest']}?"
    match = re.match(r"^(?:can|could|may|might|shall)\s+i\s+(?P<v>\S+)(?P<rest>.*)$", text, _I)
    if match:
        return f"How would you feel about me {gerund(match['v'])}{match['rest']}?"
    return "What would be the best way for me to follow up with you?"


def _any_rewrite(text: str) -> str | None:
    """Rewrites of "Any …?" and "Anyone …?".

    >>> _any_rewrite("any books")
    'What books would you recommend?'
    >>> _any_rewrite("anyone I should talk to")
    'Who should I talk to?'
    """
    text = re.sub(r"^got\s+", "", text, flags=_I)
    match = re.match(
        r"^any\s+chance\s+(?:that\s+)?I\s+(?:could|can|might|may)\s+(?P<v>\S+)(?P<rest>.*)$",
        text,
        _I,
    )
    if match:
        return f"How would you feel about me {gerund(match['v'])}{match['rest']}?"
    match = re.match(
        r"^any\s+(?:other\s+|more\s+|final\s+|last\s+)?(?P<noun>advice|tips?|suggestions?|"
        r"pointers|recommendations?|resources|books|thoughts|ideas|words\s+of\s+wisdom)"
        r"(?P<rest>.*)$",
        text,
        _I,
    )
    if match:
        noun = match["noun"].lower()
        rest = match["rest"]
        if noun.startswith(("recommendation", "resource", "book")):
            return f"What {noun} would you recommend{rest}?"
        if noun in {"thoughts", "ideas"}:
            return f"What are your {noun}{rest}?"
        return f"What {noun} would you give{rest}?"
    match = re.match(r"^(?P<pro>anything|anyone|anybody|anywhere)(?P<rest>.*)$", text, _I)
    if match:
        return _there_rewrite("is", match["pro"] + match["rest"])
    topic = re.sub(r"^any\s+", "", text, flags=_I)
    return f"What can you tell me about {topic}?"


def _closed_rewrite(head: _Head, body: str, clauses: Sequence[_Clause]) -> str | None:
    """The rewrite of a closed question, by the kind of its head (docs/linter.md).

    >>> from .phrases import _clauses
    >>> text = "Is there a mentorship scheme"
    >>> _closed_rewrite(_Head("yesno", 0, text), text, _clauses(text))
    'What can you tell me about any mentorship scheme?'
    """
    text = _STRIP_END.sub("", head.text)
    if head.kind == "fact":
        return _fact_rewrite(text)
    wonder = _I_WONDER.match(text)
    if wonder:
        text = "could you " + text[wonder.end() :]
    if head.kind == "choice":
        options = _wh_choice(body, clauses)
        if options:
            verb_prefer = re.search(r"\b(?:prefer|enjoy|like)\b", body, _I)
            if verb_prefer:
                return f"How do {options[0]} and {options[1]} compare for you?"
            return f"How would you compare {options[0]} and {options[1]}?"
        choice = _choice_rewrite(text)
        if choice:
            return choice
    if head.kind == "permission":
        return _permission_rewrite(text)
    if head.kind == "any":
        return _any_rewrite(text)
    if head.kind == "embedded":
        match = re.search(r"\b(?:if|whether)\s+(?P<x>.+)$", text, _I)
        if match:
            return f"What can you tell me about whether {match['x']}?"
    match = re.match(
        r"^(?P<aux>do|does|did|is|are|was|were|am|have|has|had|can|could|will|would|should|"
        r"shall|may|might|must)\s+(?P<rest>.+)$",
        text,
        _I,
    )
    if match:
        aux = match["aux"].lower()
        rest = match["rest"]
        if aux in {"do", "does", "did"}:
            return _do_rewrite(aux, rest)
        if aux in {"is", "are", "was", "were", "am"}:
            return _be_rewrite(aux, rest)
        if aux in {"have", "has", "had"}:
            return _have_rewrite(aux, rest)
        return _modal_rewrite(aux, rest)
    if head.kind in {"confirm", "job"}:
        return _claim_rewrite(_expand(text))
    return _fallback_rewrite(text)


def _fallback_rewrite(text: str) -> str | None:
    """No pattern fits: no sentence is built from a guess (the advice says what to change).

    >>> _fallback_rewrite("Your team is remote") is None
    True
    """
    return None
