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
    _COMMONNESS,
    _DETERMINERS,
    _DIFFICULTY,
    _EVALUATIVE,
    _FEELING,
    _IMPORTANCE,
    _LOADED,
    _POSSIBILITY,
    _PREPOSITIONS,
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
_BAD_SHAPES = (
    # "Who else at the organisation I should contact?": no inversion after the wh-word.
    re.compile(
        r"^(?:who|what|where|which)\s+(?:else\s+)?(?!(?:else|do|does|did|is|are|was|were|can|could|"
        r"would|should|will|has|have|had|might|must)\b)(?:[\w'-]+\s+){0,5}?(?:i|you|we|they)\s+"
        r"(?:should|could|would|can|might|must|will)\b",
        _I,
    ),
    # "What is everyone says teaching like?": a reporting verb inside the subject.
    re.compile(r"^what\s+(?:is|are|was|were)\s+(?:[\w'-]+\s+){1,3}(?:says|tell|tells|keep)\b", _I),
    # "…heavier in is the winter": a verb straight after a preposition.
    re.compile(r"\b(?:in|at|on|of|for|with|to|about)\s+(?:is|are|was|were)\s+the\b", _I),
    re.compile(
        r"\bbeing\s+(?:right|wrong|correct)\s+to\b|\bhow\s+likely\s+is\s+it\s+that\s+it\b", _I
    ),
    re.compile(r"\b(\w+)\s+\1\b", _I),
    re.compile(r"\babout\s+(?:that|this|it)\s+(?:true|right|fair|accurate)\b", _I),
    # "…whether moving was to industry an advantage": a verb before a prepositional phrase.
    re.compile(
        r"\b(?:is|are|was|were)\s+(?:to|in|at|on|of|into|from)\s+[\w-]+\s+(?:an?|the)\b", _I
    ),
    re.compile(r"\bwhether\s+(?:i|we)\s+(?:always\s+|keep\s+)?(?:hear|say)\b", _I),
    # "What to relocate, if any, …": an infinitive right after the wh-word.
    re.compile(r"^(?:what|which|who|how|where|why)(?:\s+[\w'-]+)?\s+to\s+\w+\s*,", _I),
    re.compile(r"^(?:what|which|who|where|why)\s+to\b", _I),
    # "What is the pay like than in teaching?", "compare with in teaching".
    re.compile(r"\blike\s+than\b|\bwith\s+(?:in|at|on|for|during)\b", _I),
    # "with working with", "about whether given that…", "whether SQL used is".
    re.compile(r"\bwith\s+\w+ing\s+with\b", _I),
    re.compile(r"\bwhether\s+(?:given|when|since|if|because|as|while|so|and|but)\b", _I),
    re.compile(r"\bwhether\s+\S+\s+\w+ed\s+(?:is|are|was|were)\b", _I),
    re.compile(r"\bwhether\s+to\s+(?:even\s+)?bother\??$", _I),
    # "…whether it is because they burn out?": the suggested cause kept.
    re.compile(r"\bwhether\s+(?:it|that)\s+(?:is|was)\s+(?:just\s+)?(?:because|that|due)\b", _I),
    # Cut off: a sentence that ends on a determiner or conjunction (a stranded preposition,
    # "Who should I talk to?", is fine).
    re.compile(
        r"\b(?:the|a|an|than|and|or|against|your|my|their|whether)\?$",
        _I,
    ),
    # "…whether a coding bootcamp worth is the money": a verb after "worth".
    re.compile(r"\bworth\s+(?:is|are|was|were)\b", _I),
    # "What is it like?" alone: what they asked about is lost.
    re.compile(r"^what\s+(?:is|was)\s+(?:it|that)\s+like\?$", _I),
    # "…whether your team funded is mainly by grants": a participle before the verb (but "the
    # job you wanted is…", a relative clause, is fine).
    re.compile(
        r"\bwhether\s+(?:[\w'-]+\s+){1,4}?(?<!\byou\s)(?<!\bthey\s)(?<!\bwe\s)(?<!\bi\s)"
        r"(?<!\bhe\s)(?<!\bshe\s)[\w-]+(?:ed|en)\s+(?:is|are|was|were)\b",
        _I,
    ),
    # "How does your work compare with it was in retail?": a clause after "compare with".
    re.compile(
        r"\bcompare\s+with\s+(?:(?:it|they|you|he|she|we|i|there|that)\s+(?:is|are|was|were|"
        r"do|does|did|has|have|had|would|will|can|could)\b|(?:as|when|if|because|while)\b)",
        _I,
    ),
    # "How does it to get promoted as a nurse compare…": "it to VERB" after an auxiliary.
    re.compile(r"\b(?:does|do|did|is|was|are|were)\s+it\s+to\s+\w+", _I),
    # "What was the hours in retail like?": a singular verb before a plural noun.
    re.compile(
        r"^(?:what|how)\s+(?:is|was)\s+(?:the|your|their|those|these)\s+(?:[\w-]+\s+)?"
        r"(?!(?:[\w-]*(?:ss|us|is|ics|news)|series|means)\b)[\w-]+s\s+(?:like|in|at|of|for|during)\b",
        _I,
    ),
    # "What would make you have burned out…": "make … have" + a participle.
    re.compile(r"\bmake\s+(?:you|them|me|us|him|her)\s+have\s+\w+", _I),
)
_BE = r"is|are|was|were"
_FINITE = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "can",
        "could",
        "will",
        "would",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "'s",
        "'re",
        "'ve",
        "'d",
    ]
)
_IRREGULAR = frozenset(
    [
        "took",
        "taken",
        "went",
        "gone",
        "got",
        "gotten",
        "made",
        "left",
        "felt",
        "thought",
        "found",
        "became",
        "come",
        "came",
        "gave",
        "given",
        "kept",
        "knew",
        "known",
        "paid",
        "said",
        "told",
        "saw",
        "seen",
        "ran",
        "began",
        "begun",
        "brought",
        "bought",
        "built",
        "chose",
        "chosen",
        "did",
        "done",
        "grew",
        "grown",
        "held",
        "led",
        "lost",
        "meant",
        "met",
        "put",
        "quit",
        "sent",
        "set",
        "spent",
        "stood",
        "taught",
        "understood",
        "won",
        "wrote",
        "written",
        "fell",
        "fallen",
        "hit",
        "let",
    ]
)
# Adjective-like endings used to spot a word out of place in a "whether" clause.
_ADJ_END = re.compile(r"(?:ful|ous|ible|less|able)$", re.I)
_NOT_ADJ = frozenset({"table", "cable", "vegetable", "timetable", "stable", "less", "unless"})


def _adjective_like(word: str) -> bool:
    word = word.lower()
    if word in _NOT_ADJ:
        return False
    lists = _EVALUATIVE | _DIFFICULTY | _FEELING | _LOADED | _CLAIM_JUDGEMENTS | _COMMONNESS
    lists |= _IMPORTANCE | _POSSIBILITY
    return word in lists or bool(_ADJ_END.search(word))


def _bad_whether(rewrite: str) -> bool:
    """An ungrammatical "whether" clause: no finite verb ("whether burnout inevitable in…"), an
    adjective before the verb ("whether burnout inevitable is…"), or a participle then an
    adjective at the end ("whether the pay was cut painful?")."""
    match = re.search(r"\bwhether\s+(?P<x>[^?]+)", rewrite, _I)
    if not match:
        return False
    words = re.findall(r"[\w'-]+", match["x"])
    if not words:
        return True
    lower = [w.lower() for w in words]
    subjects = {"i", "you", "we", "they", "he", "she", "it", "people", "everyone", "nobody"}

    def verb_at(index: int) -> bool:
        word = lower[index]
        before = lower[index - 1] if index else ""
        # "…at your agency work freelance": a listed verb with words after it, not after a
        # determiner or a preposition ("in hospice care" ends the clause: a noun).
        bare = (
            word in _VERBS
            and index > 0
            and (
                before in subjects
                or before.endswith("s")
                or (index + 1 < len(lower) and before not in _DETERMINERS | _PREPOSITIONS)
            )
        )
        third = index > 0 and (
            (word.endswith("es") and word[:-2] in _VERBS)
            or (word.endswith("s") and word[:-1] in _VERBS)
        )
        return (
            word in _FINITE
            or word in _IRREGULAR
            or word.endswith("ed")
            or "'" in word
            or bare
            or third
        )

    if not any(verb_at(i) for i in range(len(lower))):
        return True
    for index, word in enumerate(lower[1:], 1):
        if word in {"is", "are", "was", "were"} and _adjective_like(lower[index - 1]):
            return index < 4
    end = re.search(rf"\b(?:{_BE})\s+(?P<p>[\w-]+)\s+(?P<adj>[\w-]+)\s*$", match["x"].strip(), _I)
    return bool(
        end
        and _lw(end["p"]) not in _DEGREE
        and not end["p"].lower().endswith("ly")
        and not _adjective_like(end["p"])
        and _adjective_like(end["adj"])
    )


_DEGREE = frozenset(
    [
        "very",
        "so",
        "too",
        "really",
        "quite",
        "more",
        "less",
        "most",
        "least",
        "not",
        "a",
        "an",
        "the",
        "still",
        "also",
        "always",
        "never",
        "pretty",
        "fairly",
        "rather",
        "as",
        "even",
        "that",
        "this",
        "all",
        "just",
    ]
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

    "remote work is here to stay" → []; "product management is mostly meetings" → ['mostly'].
    """
    found = judging_words(claim)
    found += [w for w in re.findall(r"[\w'-]+", claim) if w.lower() in _CLAIM_JUDGEMENTS]
    found += [m.group(0) for m in _COMPARATIVE_JUDGEMENT.finditer(claim)]
    found += [m.group(0) for m in _CAUSE.finditer(claim)]
    return list(dict.fromkeys(found))


def _whether_claim(rewrite: str) -> str | None:
    match = re.search(r"\bwhether\s+(?P<x>[^?]+)", rewrite, _I)
    return match["x"] if match else None


def neutral_topic(original: str) -> str | None:
    """ "What is <topic> like?" for a leading question whose claim is "<topic> is …", when the
    topic is a short neutral noun phrase; else ``None``.

    "Isn't product management mostly meetings?" → "What is product management like?".
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
    text = re.sub(
        r"^(?:don'?t|do)\s+you\s+(?:really\s+)?(?:think|believe|agree|feel)\s+(?:that\s+)?|"
        r"^(?:isn'?t|is)\s+it\s+(?:true|fair\s+to\s+say|obvious)\s+(?:that\s+)?|"
        r"^wouldn'?t\s+you\s+(?:say|agree)\s+(?:that\s+)?",
        "",
        text,
        flags=_I,
    )
    match = re.match(r"^(?P<neg>isn'?t|aren'?t|wasn'?t|weren'?t)\s+(?P<rest>.+)$", text, _I)
    if match:
        be = match["neg"].lower().replace("'", "")[:-2]
        be = {"is": "is", "are": "are", "was": "was", "were": "were"}.get(be, "is")
        words = match["rest"].split()
        size = _split_np(words, _is_predicate_start)
        subject = words[:size]
    else:
        match = re.match(rf"^(?P<subj>(?:[\w'-]+\s+){{1,4}}?)(?P<be>{_BE})\b", text, _I)
        if not match:
            return None
        be = match["be"].lower()
        subject = match["subj"].split()
    if not subject or len(subject) > 4:
        return None
    lower = [_lw(w) for w in subject]
    if lower[0] in {
        "it",
        "that",
        "this",
        "you",
        "i",
        "we",
        "they",
        "he",
        "she",
        "there",
        "a",
        "an",
    }:
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
    """The judging and presuming words of ``text``, as written, in order."""
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
    for pattern, replacement in _STRIP_RULES:
        rewrite = pattern.sub(replacement, rewrite)
    return " ".join(rewrite.split())


def _ungrammatical(rewrite: str) -> bool:
    return any(pattern.search(rewrite) for pattern in _BAD_SHAPES)


def _make_safe(
    original: str, rewrite: str, is_open: Callable[[str], bool], leading: bool = False
) -> tuple[str | None, str | None]:
    """``(rewrite, None)`` when the rewrite is safe, else ``(None, what to change)``.

    For a leading question a "whether <claim>" rewrite is refused when the claim carries a
    judgement (:func:`claim_judgements`): "…whether product management is mostly meetings?"
    keeps the asker's view.
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


def _cut_off(original: str, rewrite: str) -> bool:
    """Whether the rewrite stops inside a noun phrase of the original: "…against career?" for
    "…against career changers?"."""
    words = re.findall(r"[\w'-]+", rewrite.lower())
    source = re.findall(r"[\w'-]+", original.lower())
    if not words or not source:
        return False
    last = words[-1]
    for index, word in enumerate(source[:-1]):
        following = source[index + 1]
        if (
            word == last
            and following not in words
            and following.endswith("s")
            and not following.endswith(("ss", "'s"))
            and len(following) > 3
            and not re.search(rf"\b{re.escape(word)}\s*[,;:?.!-]", original.lower())
        ):
            return True
    return False


def problems(original: str, rewrite: str) -> list[str]:
    """Why ``rewrite`` may not be offered for ``original`` (empty when it may).

    The checks of docs/linter.md, "Rewrites": no judging word left, no known-bad shape
    ("What to relocate, if any…", "…like than…", a cut-off ending), no presumption the
    original did not make ("about the mentorship scheme" for "Is there a mentorship
    scheme?"), and a presumed comparison not carried over.
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
    built safely, a neutral form ("What is product management like?")."""
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
    to leave law?" when that can be built safely."""
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
