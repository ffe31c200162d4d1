"""Checks on a rewrite before it is offered (docs/linter.md, "Rewrites").

A rewrite must be grammatical, free of the original's judging words and presumptions, and open.
:func:`_make_safe` strips judging words the templates carried over ("the terrible pay" → "the
pay"), then refuses shapes known to be ungrammatical; when a rewrite cannot be made safe the
linter says what to change instead of offering a bad sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..text import article
from .grammar import _BE, _FINITE, _adjective_like, _bad_whether, _cut_off, _ungrammatical
from .patterns import (
    _ANY_LOADED,
    _I,
    _JUDGING_PREDICATE,
    _LOADED_ADJ,
    _LOADED_ADVERB,
    _LOADED_ATTRIBUTIVE,
    _LOADED_WORDS,
    _MID_MARKER,
    _PRESUMING_WORDS,
    _PRESUMPTIVE,
    _REPORTED,
    _SO_COMPARED,
    _STRONG_MARKER,
    _SUGGESTED_CAUSE,
    _SWEEPING,
    _WHY_PRESUMING_VERB,
)
from .phrases import _cap, _lw, _split_np, _tidy
from .words import (
    _CLAIM_JUDGEMENTS,
    _FEELING,
    _VERBS,
    _is_predicate_start,
)

# Intensifiers that carry the asker's view when they sit before a comparative or a noun.
_BOOSTERS = r"far|way|much|so\s+much|hugely|vastly|massively|infinitely"
_BIG = r"huge|massive|enormous|tremendous|incredible|amazing|fantastic|obvious"
_STRIP_RULES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"\bsuch\s+(?:an?\s+)?(?:{_LOADED_WORDS})\s+", _I), "the "),
    (re.compile(rf"\bsuch\s+(?:an?\s+)?(?:{_BIG})\s+", _I), "the "),
    (re.compile(rf"\b(?:{_BOOSTERS})\s+(?=(?:more|less|better|worse|[\w-]+er)\b)", _I), ""),
    (
        re.compile(
            rf"\b(?P<det>an?)\s+(?:{_BIG}|{_LOADED_WORDS}|{_LOADED_ADJ})\s+(?P<next>[\w'-]+)", _I
        ),
        lambda m: f"{article(m['next'])} {m['next']}",
    ),
    # Only before a noun, after a determiner ("the terrible pay" → "the pay"): a judging word
    # that says what something is ("basically useless without…") carries the meaning, and
    # dropping it would change the question; it stays, and the rewrite is refused.
    (
        re.compile(
            rf"\b(?P<det>the|your|their|his|her|its|our|my|this|that|these|those)\s+"
            rf"(?:{_BIG}|{_LOADED_WORDS}|{_LOADED_ADJ})\s+(?=[\w'-]+)",
            _I,
        ),
        r"\g<det> ",
    ),
    (re.compile(r"\b(?:actually|finally|just|really|truly)\s+", _I), ""),
)
_COMPARATIVE_JUDGEMENT = re.compile(
    r"\b(?:a\s+lot|much|far|way|even|so)\s+(?:more|less)\s+[\w-]+|"
    r"\b(?:more|less)\s+(?P<adj>[\w-]+(?:ing|ful|ous|ive|ible|able|ic|al|less|ed|y))\b|"
    r"\bthe\s+(?:most|least)\s+[\w-]+|"
    r"\b(?!(?:earl|carr|front|cash|barr|prem|cour|sold|ear|coll|suppl|happ)ier\b)[\w-]+ier\b|"
    r"\bthe\s+[\w-]+iest\b",
    _I,
)
# "Why do engineers make such poor managers?": after "make"/"be" the judging word says what
# something is; "make the managers" would change the question.
_SUCH_PREDICATE = re.compile(
    r"\b(?:make|makes|made|making|become|becomes|became|be|is|are|was|were|seem|seems)\s+"
    r"such\b",
    _I,
)
_CAUSE = re.compile(r"\b(?:because|due\s+to|thanks\s+to)\b", _I)


def claim_judgements(claim: str) -> list[str]:
    """What makes a presumed claim a judgement (docs/linter.md, "Rewrites"): judging words,
    intensifiers ("basically", "mostly"), comparative or superlative judgements ("a lot more
    boring", "a fancier title", "the easiest exit") and a suggested cause ("because…").

    >>> claim_judgements("remote work is here to stay")
    []
    >>> claim_judgements("product management is mostly meetings")
    ['mostly']
    """
    found = judging_words(claim)
    found += [w for w in re.findall(r"[\w'-]+", claim) if w.lower() in _CLAIM_JUDGEMENTS]
    found += [m.group(0) for m in _COMPARATIVE_JUDGEMENT.finditer(claim)]
    found += [m.group(0) for m in _CAUSE.finditer(claim)]
    return list(dict.fromkeys(found))


def _whether_claim(rewrite: str) -> str | None:
    match = re.search(r"\bwhether\s+(?P<x>[^?]+)", rewrite, _I)
    return match["x"] if match else None


def _claim_of(original: str) -> str:
    """The claim of a leading question without its tag, opener and "don't you think (that)".

    >>> _claim_of("Don't you think product management is mostly meetings, right?")
    'product management is mostly meetings'
    """
    text = re.sub(r"[?.!]+\s*$", "", original.strip())
    text = re.sub(
        r",\s*(?:right|correct|yes|no|true|isn'?t\s+it|aren'?t\s+they|don'?t\s+you)\s*$",
        "",
        text,
        flags=_I,
    )
    text = re.sub(
        r"^(?:(?:what\s+do\s+you\s+think|honestly|be\s+honest)\s*[,:;-]+\s*)?", "", text, flags=_I
    )
    return re.sub(
        r"^(?:don'?t|do)\s+you\s+(?:really\s+)?(?:think|believe|agree|feel)\s+(?:that\s+)?|"
        r"^(?:isn'?t|is)\s+it\s+(?:true|fair\s+to\s+say|obvious)\s+(?:that\s+)?|"
        r"^wouldn'?t\s+you\s+(?:say|agree)\s+(?:that\s+)?",
        "",
        text,
        flags=_I,
    )


def _subject_of(claim: str) -> tuple[str, list[str]] | None:
    """``(verb, subject words)`` of "<subject> is …" or "Isn't <subject> …", or ``None``."""
    match = re.match(r"^(?P<neg>isn'?t|aren'?t|wasn'?t|weren'?t)\s+(?P<rest>.+)$", claim, _I)
    if match:
        be = match["neg"].lower().replace("'", "")[:-2]
        be = {"is": "is", "are": "are", "was": "was", "were": "were"}.get(be, "is")
        words = match["rest"].split()
        return be, words[: _split_np(words, _is_predicate_start)]
    match = re.match(rf"^(?P<subj>(?:[\w'-]+\s+){{1,4}}?)(?P<be>{_BE})\b", claim, _I)
    if not match:
        return None
    return match["be"].lower(), match["subj"].split()


_NOT_A_TOPIC = frozenset(
    {"it", "that", "this", "you", "i", "we", "they", "he", "she", "there", "a", "an"}
)


def neutral_topic(original: str) -> str | None:
    """ "What is <topic> like?" for a leading question whose claim is "<topic> is …", when the
    topic is a short neutral noun phrase; else ``None``.

    >>> neutral_topic("Isn't product management mostly meetings?")
    'What is product management like?'
    >>> neutral_topic("Isn't it obvious that you hated it?") is None
    True
    """
    found = _subject_of(_claim_of(original))
    if found is None:
        return None
    be, subject = found
    if not subject or len(subject) > 4:
        return None
    lower = [_lw(w) for w in subject]
    if lower[0] in _NOT_A_TOPIC:
        return None
    if any(w in _FINITE or w in _VERBS or w in {"not", "so", "such"} for w in lower):
        return None
    topic = " ".join(subject)
    if topic[:1].isupper() and topic[1:2].islower():
        topic = topic[:1].lower() + topic[1:]
    if claim_judgements(topic) or any(_adjective_like(w) for w in lower):
        return None
    verb = "are" if be in {"are", "were"} else "is"
    suggestion = f"What {verb} {topic} like?"
    if problems(original, suggestion):
        return None
    return suggestion


# Verbs that presume the old situation was bad ("How did you escape…?").
_PRESUMING_VERBS = re.compile(
    r"\b(?:escape[sd]?|escaping|put\s+up\s+with|endure[sd]?|enduring|suffer(?:ed)?\s+through|"
    r"tolerate[sd]?|survive[sd]?\s+(?:in|at)|realis(?:e|ed|ing)|realiz(?:e|ed|ing))\b",
    _I,
)
# The comparison a "so much more … than" question presumed, still there in the rewrite.
_COMPARISON = re.compile(r"\b(?:more|less)\s+[\w-]+\s+than\b|\b[\w-]+er\s+than\b", _I)


def judging_words(text: str) -> list[str]:
    """The judging and presuming words of ``text``, as written, in order.

    >>> judging_words("Why is the pay so terrible?")
    ['terrible']
    """
    found = [m["word"] for m in _LOADED_ATTRIBUTIVE.finditer(text)]
    found += [m["word"] for m in _LOADED_ADVERB.finditer(text)]
    found += [m["word"] for m in _JUDGING_PREDICATE.finditer(text)]
    found += [m.group(0) for m in _SO_COMPARED.finditer(text)]
    found += [m.group(0) for m in _MID_MARKER.finditer(text)]
    found += [m["word"] for m in _ANY_LOADED.finditer(text)]
    found += [m.group(0).split()[-2] for m in _SWEEPING.finditer(text)]
    for opener in (_PRESUMPTIVE, _REPORTED, _STRONG_MARKER):
        found += [m.group(0) for m in [opener.match(text.strip())] if m]
    found += [m.group(0) for m in _PRESUMING_WORDS.finditer(text)]
    found += [m["verb"] for m in [_WHY_PRESUMING_VERB.match(text.strip())] if m]
    found += [m.group(0) for m in re.finditer(rf"\b(?:{_BOOSTERS})\s+(?:better|worse)\b", text, _I)]
    found += [m.group(0) for m in re.finditer(rf"\b(?:{_BIG})\s+[\w-]+", text, _I)]
    return found


def _strip(rewrite: str) -> str:
    """The rewrite without the judging words its template carried over.

    >>> _strip("What is the terrible pay like?")
    'What is the pay like?'
    """
    for pattern, replacement in _STRIP_RULES:
        rewrite = pattern.sub(replacement, rewrite)
    return " ".join(rewrite.split())


def _make_safe(
    original: str, rewrite: str, is_open: Callable[[str], bool], leading: bool = False
) -> tuple[str | None, str | None]:
    """``(rewrite, None)`` when the rewrite is safe, else ``(None, what to change)``.

    For a leading question a "whether <claim>" rewrite is refused when the claim carries a
    judgement (:func:`claim_judgements`): "…whether product management is mostly meetings?"
    keeps the asker's view.

    >>> _make_safe("Is the pay good?", "what is the pay like", lambda rewrite: True)
    ('What is the pay like?', None)
    >>> _make_safe("Who should I talk to?", "Who else at the firm I should contact?", bool)
    (None, 'what to change: state no view of your own and start with what or how, ...')
    """
    cleaned = _cap(_tidy(_strip(rewrite)))
    if leading:
        # The claim as the template built it and as the original said it: the templates drop
        # "just"/"only", which carried the asker's view.
        claim = _whether_claim(rewrite)
        kept = [w for w in re.findall(r"[\w'-]+", original) if w.lower() in _CLAIM_JUDGEMENTS]
        found = claim_judgements(claim) + kept if claim is not None else []
        # A presumed feeling or verdict carried over ("What was it like being relieved…").
        said = {w.lower() for w in re.findall(r"[\w'-]+", original)}
        found += [
            w
            for w in re.findall(r"[\w'-]+", cleaned)
            if w.lower() in said and w.lower() in (_CLAIM_JUDGEMENTS | _FEELING)
        ]
        if found:
            return None, _advice(original, list(dict.fromkeys(found)))
    if not problems(original, cleaned) and is_open(cleaned):
        return cleaned, None
    return None, _advice(original)


def problems(original: str, rewrite: str) -> list[str]:
    """Why ``rewrite`` may not be offered for ``original`` (empty when it may).

    The checks of docs/linter.md, "Rewrites": no judging word left, no known-bad shape
    ("What to relocate, if any…", "…like than…", a cut-off ending), no presumption the
    original did not make ("about the mentorship scheme" for "Is there a mentorship
    scheme?"), and a presumed comparison not carried over.

    >>> problems("Is there a mentorship scheme?", "What can you tell me about the scheme?")
    ['presumes that what they asked about exists']
    """
    found: list[str] = []
    leftover = judging_words(rewrite) or re.findall(rf"\b(?:{_LOADED_WORDS})\b", rewrite, _I)
    if leftover:
        found.append(f"keeps the judging words {leftover}")
    if _PRESUMING_VERBS.search(rewrite):
        found.append("keeps a verb that presumes the answer")
    if _ungrammatical(rewrite) or _bad_whether(rewrite):
        found.append("has a known ungrammatical shape")
    if re.match(r"^(?:is|are|was|were)\s+there\b", original.strip(), _I) and re.search(
        r"\babout\s+(?:the|your|their)\b", rewrite, _I
    ):
        found.append("presumes that what they asked about exists")
    if _cut_off(original, rewrite):
        found.append("ends in the middle of a phrase of the original")
    if _SUCH_PREDICATE.search(original) and not _SUCH_PREDICATE.search(rewrite):
        found.append("drops a judging word that says what something is ('make such…')")
    if _SO_COMPARED.search(original) and _COMPARISON.search(rewrite):
        found.append("keeps the presumed comparison")
    return found


GENERIC_ADVICE = (
    "what to change: state no view of your own and start with what or how, so they can "
    "answer in their own words"
)
CLOSED_ADVICE = (
    "what to change: they can answer it with yes or no; ask what it involved, how it works or "
    "what shaped it, starting with 'What' or 'How', so they can tell you the story"
)


def _advice(original: str, extra: list[str] | None = None) -> str:
    """What to change when no safe rewrite exists: the words to drop and, where one can be
    built safely, a neutral form ("What is product management like?").

    >>> _advice("Is it because they burn out?")
    "what to change: drop the suggested cause ('is it because…') and let them give their own reasons"
    """
    if _SUGGESTED_CAUSE.match(original.strip()):
        return (
            "what to change: drop the suggested cause ('is it because…') and let them give "
            "their own reasons"
        )
    cause = _yes_no_cause(original)
    if cause is not None:
        return cause
    words = [w.lower() for w in [*judging_words(original), *(extra or [])]]
    if words:
        quoted = ", ".join(f"'{w}'" for w in dict.fromkeys(words))
        text = f"what to change: drop {quoted} and ask about the same thing without judging it"
        topic = neutral_topic(original)
        return f"{text}, for example '{topic}'" if topic else text
    return GENERIC_ADVICE


def _yes_no_cause(original: str) -> str | None:
    """ "Did you leave law because the hours were so brutal?": a yes/no question that suggests
    its own cause. The advice names the cause and the yes/no form, and suggests "What led you
    to leave law?" when that can be built safely.

    >>> _yes_no_cause("Did you leave law because the hours were so brutal?")
    "what to change: it suggests the cause ('because the hours were so brutal?') and 'brutal' ... for example 'What led you to leave law?'"
    """
    match = re.match(
        r"^(?P<aux>did|do|does|was|were|is|are|have|has)\s+(?P<who>you|they|he|she|people)\s+"
        r"(?P<rest>.+?)\s+(?P<cause>because|due\s+to|thanks\s+to)\b(?P<after>.*)$",
        original.strip(),
        _I,
    )
    if not match:
        return None
    words = [w.lower() for w in judging_words(match["after"])]
    dropped = f" and {', '.join(repr(w) for w in dict.fromkeys(words))}" if words else ""
    text = (
        f"what to change: it suggests the cause ('{match['cause'].lower()}{match['after']}')"
        f"{dropped} and can be answered yes or no; ask what led to it and let them give their "
        "own reasons"
    )
    rest = match["rest"]
    if match["aux"].lower() == "did" and match["who"].lower() == "you":
        suggestion = f"What led you to {rest}?"
        if not problems(original, suggestion) and not claim_judgements(rest):
            return f"{text}, for example '{suggestion}'"
    return text
