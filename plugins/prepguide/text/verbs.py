"""Verb forms: agreement with "you" or "she", gerunds, participles.

No MkDocs imports; no prepguide imports.
"""

from __future__ import annotations

import re

TO_PLURAL = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
    "says": "say",
    "goes": "go",
}
ADVERBS = {
    "also",
    "still",
    "always",
    "never",
    "often",
    "just",
    "only",
    "now",
    "then",
    "sometimes",
    "even",
    "already",
    "recently",
    "mostly",
    "actually",
    "usually",
    "really",
    "clearly",
    "once",
    "later",
    "first",
    "not",
}


def agree_plural(verb: str) -> str:
    """The verb form that follows "you" (or "they") given the form after "he"/"she".

    >>> [agree_plural(v) for v in ("is", "was", "has", "studies", "teaches", "runs")]
    ['are', 'were', 'have', 'study', 'teach', 'run']
    >>> [agree_plural(v) for v in ("studied", "can", "focus", "analysis")]
    ['studied', 'can', 'focus', 'analysis']
    """
    low = verb.casefold()
    if low in TO_PLURAL:
        return match_case(TO_PLURAL[low], verb)
    if not low.isalpha() or not low.endswith("s") or low.endswith(("ss", "us", "is", "ous")):
        return verb
    if low.endswith("ies") and len(low) > 4:
        return verb[:-3] + "y"
    if low.endswith(("shes", "ches", "xes", "zes", "sses", "oes")):
        return verb[:-2]
    return verb[:-1]


_MODALS = {
    "can",
    "could",
    "will",
    "would",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "did",
    "had",
    "was",
    "can't",
    "couldn't",
    "won't",
    "wouldn't",
    "shouldn't",
    "didn't",
    "hadn't",
    "wasn't",
    "ought",
}
_IRREGULAR_PAST = {
    "became",
    "began",
    "brought",
    "bought",
    "came",
    "chose",
    "did",
    "felt",
    "found",
    "gave",
    "got",
    "grew",
    "had",
    "heard",
    "kept",
    "knew",
    "led",
    "left",
    "made",
    "meant",
    "met",
    "paid",
    "put",
    "ran",
    "read",
    "said",
    "saw",
    "sent",
    "set",
    "sat",
    "spent",
    "spoke",
    "stood",
    "taught",
    "thought",
    "told",
    "took",
    "understood",
    "went",
    "won",
    "wrote",
}
_TO_SINGULAR = {
    "am": "is",
    "are": "is",
    "have": "has",
    "do": "does",
    "don't": "doesn't",
    "haven't": "hasn't",
    "aren't": "isn't",
    "go": "goes",
    "were": "was",
}


def third_singular(verb: str) -> str:
    """The verb form after "she"/"he" given the form after "I".

    >>> [third_singular(v) for v in ("am", "have", "need", "study", "watch", "go")]
    ['is', 'has', 'needs', 'studies', 'watches', 'goes']
    >>> [third_singular(v) for v in ("would", "studied", "found", "can")]
    ['would', 'studied', 'found', 'can']
    """
    low = verb.casefold()
    if low in _TO_SINGULAR:
        return match_case(_TO_SINGULAR[low], verb)
    past = low.endswith("ed") and not low.endswith("eed")
    if low in _MODALS or low in _IRREGULAR_PAST or past or not low.isalpha():
        return verb
    if low.endswith("y") and len(low) > 2 and low[-2] not in "aeiou":
        return verb[:-1] + "ies"
    if low.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    return verb + "s"


_GERUND_IRREGULAR = {
    "be": "being",
    "see": "seeing",
    "die": "dying",
    "lie": "lying",
    "tie": "tying",
    "go": "going",
    "do": "doing",
    "quit": "quitting",
    "visit": "visiting",
    "offer": "offering",
    "bring": "bringing",
    "sing": "singing",
    "ring": "ringing",
    "string": "stringing",
    "spring": "springing",
    "swing": "swinging",
}
_PARTICIPLE_GERUND = {
    "been": "being",
    "done": "doing",
    "had": "having",
    "made": "making",
    "taken": "taking",
    "seen": "seeing",
    "thought": "thinking",
    "found": "finding",
    "felt": "feeling",
    "gone": "going",
    "led": "leading",
    "taught": "teaching",
    "built": "building",
    "written": "writing",
    "spoken": "speaking",
    "given": "giving",
    "run": "running",
    "met": "meeting",
    "known": "knowing",
    "kept": "keeping",
    "left": "leaving",
    "heard": "hearing",
    "held": "holding",
    "sought": "seeking",
    "brought": "bringing",
    "won": "winning",
    "become": "becoming",
    "got": "getting",
    "gotten": "getting",
    "paid": "paying",
    "said": "saying",
    "sent": "sending",
    "spent": "spending",
    "begun": "beginning",
    "chosen": "choosing",
    "lost": "losing",
    "told": "telling",
    "sold": "selling",
    "grown": "growing",
    "put": "putting",
    "set": "setting",
    "cut": "cutting",
    "quit": "quitting",
    "read": "reading",
    "let": "letting",
    "understood": "understanding",
    "stood": "standing",
    "bought": "buying",
    "caught": "catching",
    "shown": "showing",
    "forgotten": "forgetting",
    "dealt": "dealing",
    "meant": "meaning",
    "learnt": "learning",
    "burnt": "burning",
    "worked": "working",
}


def gerund(verb: str) -> str:
    """The -ing form of a base verb (lower case).

    >>> [gerund(v) for v in ("start", "move", "get", "see", "lie", "offer", "visit")]
    ['starting', 'moving', 'getting', 'seeing', 'lying', 'offering', 'visiting']
    >>> gerund("working")
    'working'
    """
    word = verb.lower()
    if word in _GERUND_IRREGULAR:
        return _GERUND_IRREGULAR[word]
    if word.endswith("ing") and len(word) > 4:
        return word
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith(("ee", "oe", "ye")):
        return word + "ing"
    if word.endswith("e") and len(word) > 2:
        return word[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", word):
        return word + word[-1] + "ing"
    return word + "ing"


def is_participle(word: str) -> bool:
    """Whether ``word`` looks like a past participle (regular -ed or a known irregular one).

    >>> [is_participle(w) for w in ("worked", "taught", "been", "work")]
    [True, True, True, False]
    """
    low = word.lower()
    return low.endswith("ed") or low in _PARTICIPLE_GERUND


def gerund_from_participle(word: str) -> str:
    """The -ing form of a past participle (lower case).

    >>> [gerund_from_participle(w) for w in ("regretted", "tried", "left", "agreed", "taught")]
    ['regretting', 'trying', 'leaving', 'agreeing', 'teaching']
    """
    lower = word.lower()
    if lower in _PARTICIPLE_GERUND:
        return _PARTICIPLE_GERUND[lower]
    if lower.endswith("ied"):
        return lower[:-3] + "ying"
    if lower.endswith("eed"):
        return lower[:-1] + "ing"
    if lower.endswith("ed"):
        return lower[:-2] + "ing"
    return gerund(lower)


def gerund_phrase(phrase: str) -> str:
    """A verb phrase with its first word in the -ing form.

    >>> gerund_phrase("learn SQL first")
    'learning SQL first'
    """
    words = phrase.split()
    if not words:
        return phrase
    return " ".join([gerund(words[0]), *words[1:]])


def match_case(word: str, like: str) -> str:
    """``word`` with a capital when ``like`` starts with one.

    >>> match_case("are", "Is"), match_case("are", "is")
    ('Are', 'are')
    """
    return word[0].upper() + word[1:] if like[:1].isupper() else word
