"""Goals as questions: a note to yourself becomes a question to ask aloud."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ...read.model import Contact, Profile
from ...text import goal_clause, to_second_person
from ...text.person import second_person_key

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


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


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

    >>> _lemma("combined"), _lemma("decides"), _lemma("table")
    (('combine', 'past'), ('decide', 'third'), None)
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

    >>> _finite_verb("what your team looks for".split(), 1)
    3
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
    """Where the question phrase of an embedded question ends ("how stable", "which of my…").

    >>> _wh_end("how stable is the field".split()), _wh_end("which of my projects could".split())
    (2, 4)
    """
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

    >>> _direct_question("how you combined finance and data work")
    'How did you combine finance and data work?'
    >>> _direct_question("what your team looks for")
    'What does your team look for?'
    >>> _direct_question("why") is None
    True
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

    >>> _whether_question("whether a degree is necessary for X")
    'How necessary is a degree for X?'
    >>> _whether_question("whether it rains")
    'What is your sense of whether it rains?'
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
    """The text with its first letter in upper case.

    >>> _capital("how did you start?")
    'How did you start?'
    """
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

    >>> from prepguide.read.model import Contact
    >>> sam = Contact(id="sam", name="Sam Rivera", pronouns="he/him")
    >>> goal_question("Hear how he combined finance and data work", sam)
    'How did you combine finance and data work?'
    >>> goal_question("Understand what his team looks for", sam)
    'What does your team look for?'
    >>> goal_question("Say hello", sam) is None
    True
    """
    text = _without_asides(goal)
    if not text:
        return None
    # A function of the text and the arguments of its conversion: many contacts share
    # a goal, and a name the goal does not mention is left out of the key.
    user_name = you.name if you is not None else None
    user_pronouns = you.pronouns if you is not None else None
    return _goal_question(
        *second_person_key(text, contact.pronouns, contact.name, user_name, user_pronouns)
    )


@functools.lru_cache(maxsize=4096)
def _without_asides(goal: str) -> str:
    """A goal on one line, without its parenthesized asides.

    >>> _without_asides("Ask  about pay (gently)")
    'Ask about pay'
    """
    return re.sub(r"\s*\([^)]*\)", "", " ".join(goal.split())).strip()


@functools.lru_cache(maxsize=4096)
def _goal_question(
    text: str,
    pronouns: str | None,
    name: str | None,
    user_name: str | None,
    user_pronouns: str | None,
) -> str | None:
    """:func:`goal_question` for a goal without asides and its conversion's key
    (:func:`prepguide.text.person.second_person_key`).

    >>> _goal_question("Hear how she started", "she/her", None, None, None)
    'How did you start?'
    """
    converted = to_second_person(
        text, pronouns, name=name, user_name=user_name, user_pronouns=user_pronouns
    ).text
    return None if converted is None else question_of(converted)


def question_of(converted: str) -> str | None:
    """The open question a goal already in the second person asks (None: it asks nothing).

    >>> question_of("Learn how you started")
    'How did you start?'
    >>> question_of("Say hello") is None
    True
    """
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
