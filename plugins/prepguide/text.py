"""English for the texts prepguide writes in the user's name: one place for it.

Every generated text has a speaker (you, the user) and an addressee (the
contact). Fragments taken from the data (goals, notes, ``connection.story``,
the headline, a role) were written for other readers, so before one is
inserted it is converted to that frame (see docs/prep.md, "Whose voice"):

- :func:`to_second_person`: third person about the contact becomes second
  person ("how he combined" -> "how you combined"), and the user's own name
  becomes first person ("introduce Maren to Rosa" -> "introduce me to Rosa").
  An ambiguous fragment gives ``None``: it is left out, never put in the
  wrong person.
- :func:`to_third_person`: first person about the user becomes third person
  (for a note someone else forwards).
- :func:`mid_sentence`, :func:`with_article`, :func:`role_phrase`: the case
  and article of a headline or role inserted mid-sentence.
- :func:`short_name`: a long organization name as people say it.
- :func:`join_words`, :func:`clause`, :func:`sentence`: lists and sentences.

Every function shows its behaviour as ``>>>`` examples, which the tests run
(tests/test_text.py). No MkDocs imports.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "MONTHS",
    "Conversion",
    "Pronouns",
    "agree_plural",
    "article",
    "clause",
    "gerund",
    "gerund_from_participle",
    "gerund_phrase",
    "goal_clause",
    "headline_verb",
    "is_participle",
    "join_words",
    "lower_first",
    "mid_sentence",
    "org_phrase",
    "pronoun_set",
    "role_phrase",
    "sentence",
    "short_name",
    "third_singular",
    "to_second_person",
    "to_third_person",
    "with_article",
]


# ---------------------------------------------------------------------------
# Dates in words


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, January first: ``MONTHS[day.month - 1]`` for 2026-11-20 is ``"November"``."""


# ---------------------------------------------------------------------------
# Clauses and sentences


def clause(text: str) -> str:
    """Strip a phrase of surrounding space and final punctuation.

    >>> clause("  Understand how the lab works. ")
    'Understand how the lab works'
    >>> clause("Is it hard?")
    'Is it hard'
    """
    return " ".join(text.split()).rstrip(" .;:!?,")


def sentence(*parts: str) -> str:
    """Join phrases into one sentence: first letter upper case, one full stop.

    Empty parts are skipped.

    >>> sentence("you studied accounting", "", "two years before me.")
    'You studied accounting two years before me.'
    >>> sentence("")
    ''
    """
    text = " ".join(clause(p) for p in parts if clause(p))
    if not text:
        return ""
    return text[0].upper() + text[1:] + "."


def join_words(items: Iterable[str]) -> str:
    """Join phrases as English prose: "a", "a and b", "a, b and c".

    >>> join_words(["SQL"])
    'SQL'
    >>> join_words(["rowing", "data visualization", "open data"])
    'rowing, data visualization and open data'
    """
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and sum(ch.isupper() for ch in letters) > 1


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or name-like.

    >>> lower_first("Understand how the lab works")
    'understand how the lab works'
    >>> lower_first("ICU nursing")
    'ICU nursing'
    >>> lower_first("McKinsey alumni")
    'McKinsey alumni'
    """
    if not text.split() or not text[:1].isalpha():
        return text
    word = text.split()[0]
    if len(word) > 1 and (_is_acronym(word) or not word[1:].islower()):
        return text
    return text[0].lower() + text[1:]


# ---------------------------------------------------------------------------
# Case and articles


_TITLE_HEADS = {
    "head",
    "director",
    "chief",
    "vice",
    "president",
    "dean",
    "chair",
    "chairperson",
    "provost",
    "founder",
    "co-founder",
    "cofounder",
    "owner",
}
_C_LEVEL = re.compile(r"^C[A-Z]O$")
_SMALL_WORDS = {"of", "and", "for", "the", "in", "at", "on", "to", "&", "a", "an"}


def _title_case(words: list[str]) -> bool:
    """Whether every word but small ones starts with a capital (``Head of Data``)."""
    big = [w for w in words if w.casefold() not in _SMALL_WORDS]
    return bool(big) and all(w[:1].isupper() or not w[:1].isalpha() for w in big)


def mid_sentence(phrase: str) -> str:
    """Write a headline or role as it reads in the middle of a sentence.

    A phrase in sentence case ("Audit manager and CPA") is a common noun
    phrase whose capital only started a line: its first word is lower-cased.
    Acronyms ("CPA", "UX", "MPH") and phrases in title case ("Head of Data",
    "Mayo Clinic", "Senior Data Analyst") are kept as written.

    >>> mid_sentence("Audit manager and CPA exploring public-health data analysis")
    'audit manager and CPA exploring public-health data analysis'
    >>> mid_sentence("High-school chemistry teacher")
    'high-school chemistry teacher'
    >>> mid_sentence("School nurse")
    'school nurse'
    >>> mid_sentence("UX researcher")
    'UX researcher'
    >>> mid_sentence("Head of Data")
    'Head of Data'
    >>> mid_sentence("Mayo Clinic nurse")
    'Mayo Clinic nurse'
    """
    phrase = clause(phrase)
    words = phrase.split()
    if not words:
        return phrase
    first = words[0]
    if _is_acronym(first) or not first[:1].isupper():
        return phrase
    if len(words) > 1 and (_title_case(words[:4]) or words[1][:1].isupper()):
        return phrase  # title case, or a proper noun of two words ("Mayo Clinic nurse")
    if len(words) == 1 and first[1:].islower():
        return first[0].lower() + first[1:]
    if not first[1:].replace("-", "").replace("'", "").islower():
        return phrase  # McKinsey, iOS-like words
    return first[0].lower() + first[1:] + phrase[len(first) :]


def is_unique_title(role: str) -> bool:
    """Whether a role is one-of-a-kind and takes no article ("as Head of Data").

    >>> is_unique_title("Head of Data")
    True
    >>> is_unique_title("Chief Financial Officer")
    True
    >>> is_unique_title("CFO")
    True
    >>> is_unique_title("Senior Data Analyst")
    False
    >>> is_unique_title("director of a small lab")
    False
    """
    words = clause(role).split()
    if not words:
        return False
    if len(words) == 1 and _C_LEVEL.match(words[0]):
        return True
    if not _title_case(words):
        return False
    head = words[0].casefold()
    if head == "chief":
        return True
    return head in _TITLE_HEADS and "of" in {w.casefold() for w in words[1:3]}


_DETERMINERS = {
    "a",
    "an",
    "the",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "its",
    "one",
    "someone",
    "somebody",
    "this",
    "that",
    "these",
    "those",
    "some",
    "any",
    "each",
    "every",
    "i",
    "i'm",
}
_AN_LETTERS = set("AEFHILMNORSX")
"""Letters whose name starts with a vowel sound: an MPH, an RN, an FAQ."""


def article(word: str) -> str:
    """Return "a" or "an" for a word, by how it sounds.

    Acronyms (a word that starts with two capitals) are read letter by letter; a
    name with a capital inside it is read as a word.

    >>> [article(w) for w in ("MPH", "UX", "RN", "hour", "university", "auditor")]
    ['an', 'a', 'an', 'an', 'a', 'an']
    >>> [article(w) for w in ("one-person", "honest", "European", "SQL", "year")]
    ['a', 'an', 'a', 'an', 'a']
    >>> [article(w) for w in ("McKinsey", "MacArthur", "eBay", "FBI", "NGOs")]
    ['a', 'a', 'an', 'an', 'an']
    """
    bare = word.strip("\"'“‘(")
    letters = [ch for ch in bare if ch.isalpha()]
    spelled = len(letters) > 1 and letters[0].isupper() and letters[1].isupper()
    if spelled or (len(bare) == 1 and bare.isupper()):
        return "an" if bare[0].upper() in _AN_LETTERS else "a"
    low = bare.casefold()
    if low.startswith(("uni", "use", "usu", "uti", "ure", "uro", "eu", "ewe", "one", "once")):
        return "a"
    if low.startswith(("hour", "honest", "honor", "honour", "heir")):
        return "an"
    return "an" if low[:1] in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """Put "a" or "an" before a noun phrase, unless it has a determiner already.

    >>> with_article("ICU nurse exploring UX research")
    'an ICU nurse exploring UX research'
    >>> with_article("UX researcher")
    'a UX researcher'
    >>> with_article("the head nurse")
    'the head nurse'
    >>> with_article("2nd-year student")
    '2nd-year student'
    """
    phrase = clause(phrase)
    if not phrase:
        return phrase
    bare = phrase.split()[0].strip("\"'“‘(")
    if bare.casefold() in _DETERMINERS or bare[:1].isdigit():
        return phrase
    return f"{article(bare)} {phrase}"


def role_phrase(role: str) -> str:
    """A role or headline as it follows "as" or "I'm" mid-sentence.

    Lower-cased as :func:`mid_sentence` says, with "a"/"an" by sound, and no
    article for a unique title. A role with a comma keeps its first part.

    >>> role_phrase("Audit manager and CPA exploring public-health data analysis")
    'an audit manager and CPA exploring public-health data analysis'
    >>> role_phrase("Head of Data")
    'Head of Data'
    >>> role_phrase("MPH candidate and data fellow")
    'an MPH candidate and data fellow'
    >>> role_phrase("Senior Data Analyst, Population Health")
    'a Senior Data Analyst'
    >>> role_phrase("School nurse")
    'a school nurse'
    """
    text = clause(role.split(",")[0])
    if not text:
        return text
    if is_unique_title(text):
        return text
    return with_article(mid_sentence(text))


def headline_verb(headline: str) -> str | None:
    """The "-ing" verb a headline uses to say what you are doing, if any.

    >>> headline_verb("Audit manager and CPA exploring public-health data analysis")
    'exploring'
    >>> headline_verb("ICU nurse moving into UX research")
    'moving'
    >>> headline_verb("Nursing lecturer") is None
    True
    """
    words = clause(headline).split()
    for word in words[1:]:
        low = word.casefold()
        if low.endswith("ing") and len(low) > 5 and low not in _ING_NOUNS:
            return low
    return None


_ING_NOUNS = {"nursing", "engineering", "accounting", "marketing", "banking", "training"}


# ---------------------------------------------------------------------------
# Organization names


_LEGAL_SUFFIX = re.compile(
    r"(,?\s+(Inc\.?|Incorporated|LLC|L\.L\.C\.|LLP|Ltd\.?|Limited|Corp\.?|Corporation|"
    r"GmbH|PLC|plc|AG|S\.A\.|B\.V\.|Pty\.?\s+Ltd\.?|&\s+Co\.?|Co\.))+\s*$"
)
_ACRONYM_IN_PARENS = re.compile(r"\(([A-Z][A-Za-z&]*[A-Z])\)")


def short_name(name: str) -> str:
    """The name of an organization as people say it in a sentence or subject line.

    An acronym in parentheses is used ("… Evaluation (NIHME)" -> "NIHME");
    legal suffixes are dropped ("Inc.", "LLC", "Ltd"), and so is
    "Department of" in a name of more than four words.

    >>> short_name("Northfield Institute for Health Metrics and Evaluation (NIHME)")
    'NIHME'
    >>> short_name("Halvard Health Analytics, Inc.")
    'Halvard Health Analytics'
    >>> short_name("Lindgren Public Health Analytics LLC")
    'Lindgren Public Health Analytics'
    >>> short_name("Riverbend County Department of Public Health and Environment")
    'Riverbend County Public Health and Environment'
    >>> short_name("Department of Health")
    'Department of Health'
    >>> short_name("Harbor & Finch")
    'Harbor & Finch'
    """
    text = " ".join(name.split())
    found = _ACRONYM_IN_PARENS.search(text)
    if found:
        return found.group(1)
    shorter = _LEGAL_SUFFIX.sub("", text).strip(" ,")
    text = shorter or text
    if len(text.split()) > 4:
        dropped = re.sub(r"\bDepartment of\s+", "", text).strip()
        if len(dropped.split()) >= 2:
            text = dropped
    return text


_THE_HEADS = re.compile(
    r"^(University|Department|Office|School|Institute|Center|Centre|Centers|Bureau|Ministry|"
    r"Board|College|Council|Agency|Division|Society|Association|Academy|Museum)\s+(of|for)\s"
)


def org_phrase(name: str) -> str:
    """An organization's name as it reads in running text: "the" before "University of …".

    >>> org_phrase("University of Lakemont School of Public Health")
    'the University of Lakemont School of Public Health'
    >>> org_phrase("Bluestem Mutual Insurance Company")
    'Bluestem Mutual Insurance Company'
    >>> org_phrase("The Acme Company")
    'The Acme Company'
    """
    text = " ".join(name.split())
    return f"the {text}" if _THE_HEADS.match(text) else text


# ---------------------------------------------------------------------------
# Verbs


_TO_PLURAL = {
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
_ADVERBS = {
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
    if low in _TO_PLURAL:
        return _match_case(_TO_PLURAL[low], verb)
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
        return _match_case(_TO_SINGULAR[low], verb)
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


def _match_case(word: str, like: str) -> str:
    return word[0].upper() + word[1:] if like[:1].isupper() else word


# ---------------------------------------------------------------------------
# Person


@dataclass(frozen=True)
class Pronouns:
    """The forms of a set of pronouns.

    Attributes:
        subject: "she", "he", "they" (or another set's first form).
        object: "her", "him", "them".
        possessive: "her", "his", "their" (before a noun).
        independent: "hers", "his", "theirs".
        reflexive: The reflexive forms ("herself"; "themselves", "themself").
        plural: Whether the verb agrees as with "they" ("they were").
        known: False for a set prepguide cannot decline: any of its words
            makes a fragment ambiguous.
    """

    subject: str
    object: str
    possessive: str
    independent: str
    reflexive: tuple[str, ...]
    plural: bool
    known: bool = True

    @property
    def words(self) -> frozenset[str]:
        """Every form, lower case."""
        return frozenset(
            {self.subject, self.object, self.possessive, self.independent, *self.reflexive}
        )


_SHE = Pronouns("she", "her", "her", "hers", ("herself",), False)
_HE = Pronouns("he", "him", "his", "his", ("himself",), False)
_THEY = Pronouns("they", "them", "their", "theirs", ("themselves", "themself"), True)


def pronoun_set(pronouns: str | None) -> Pronouns:
    """Read a ``pronouns`` field; without one, they/them.

    >>> pronoun_set("she/her").possessive
    'her'
    >>> pronoun_set("He / Him").subject
    'he'
    >>> pronoun_set(None).subject
    'they'
    >>> pronoun_set("xe/xem").known
    False
    """
    key = (pronouns or "").casefold().replace(" ", "")
    first = key.split("/")[0] if key else "they"
    if first == "she":
        return _SHE
    if first == "he":
        return _HE
    if first in ("they", ""):
        return _THEY
    parts = [p for p in key.split("/") if p]
    obj = parts[1] if len(parts) > 1 else first
    return Pronouns(first, obj, obj, obj, (), False, known=False)


@dataclass(frozen=True)
class Conversion:
    """A fragment converted to the frame of a text.

    Attributes:
        text: The converted fragment, or ``None`` when the conversion is
            ambiguous (the fragment is then left out).
        changed: Whether the words changed.
        reason: Why the fragment is left out, or ``None``.
    """

    text: str | None
    changed: bool
    reason: str | None = None


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_OBJECT_NEXT = {
    # After these, "her" is an object: "ask her how", "thank her for".
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "some",
    "any",
    "how",
    "what",
    "why",
    "where",
    "when",
    "who",
    "whom",
    "which",
    "whether",
    "if",
    "to",
    "for",
    "about",
    "with",
    "at",
    "in",
    "on",
    "from",
    "by",
    "of",
    "into",
    "over",
    "and",
    "or",
    "but",
    "so",
    "because",
    "again",
    "back",
    "up",
    "out",
    "later",
    "soon",
    "today",
    "first",
    "directly",
    "once",
    "too",
    "as",
    "than",
    "before",
    "after",
    "since",
    "until",
    "my",
    "me",
    "i",
    "we",
    "us",
    "our",
}
_TWO_OBJECT_VERBS = re.compile(
    r"^(ask|give|tell|show|send|offer|bring|teach|buy|pay|lend|hand|promise|owe|get|"
    r"find|leave|write|read|owe)(s|ed|ing)?$|^(gave|told|showed|sent|offered|brought|"
    r"taught|bought|paid|lent|handed|promised|got|found|left|wrote)$"
)
_SUBJECT_STARTERS = {
    "and",
    "but",
    "so",
    "because",
    "that",
    "when",
    "while",
    "if",
    "whether",
    "how",
    "why",
    "what",
    "where",
    "since",
    "until",
    "though",
    "although",
    "as",
}


def _norm(word: str) -> str:
    return word.replace("’", "'").casefold()


def _tokens(text: str) -> list[str]:
    """Words and the text between them, alternating (``re.split`` with a group)."""
    return re.split(r"([A-Za-z][A-Za-z'’-]*)", text)


def _is_word(token: str) -> bool:
    return bool(token) and _WORD.fullmatch(token) is not None


def _next_word(tokens: list[str], index: int) -> tuple[int | None, bool]:
    """The index of the next word and whether only spaces separate them."""
    for j in range(index + 1, len(tokens)):
        if _is_word(tokens[j]):
            between = "".join(tokens[index + 1 : j])
            return j, between.strip() == ""
    return None, False


def _previous_word(tokens: list[str], index: int) -> tuple[int | None, bool]:
    for j in range(index - 1, -1, -1):
        if _is_word(tokens[j]):
            between = "".join(tokens[j + 1 : index])
            return j, between.strip() == ""
    return None, False


def _agree_after(tokens: list[str], index: int, change: dict[int, str], form: str) -> None:
    """Make the verb after the subject at ``index`` agree (``form``: plural, first, third)."""
    j, adjacent = _next_word(tokens, index)
    while j is not None and adjacent and _norm(tokens[j]) in _ADVERBS:
        j, adjacent = _next_word(tokens, j)
    if j is None or not adjacent:
        return
    word = tokens[j]
    if form == "plural":
        new = agree_plural(word)
    elif form == "first":
        low = _norm(word)
        new = {"is": "am", "are": "am", "was": "was", "were": "was"}.get(low) or agree_plural(word)
        new = _match_case(new, word)
    else:
        new = third_singular(word)
    if new != word:
        change[j] = new


_AFTER_VERB = {
    "the",
    "a",
    "an",
    "that",
    "it",
    "this",
    "his",
    "her",
    "their",
    "my",
    "me",
    "us",
    "them",
    "to",
    "about",
    "how",
    "what",
    "whether",
    "if",
    "so",
}
_OTHER_SUBJECTS = {"i", "we", "it", "he", "she", "they", "you", "there", "who", "which", "that"}


def _agree_coordinated(tokens: list[str], index: int, change: dict[int, str]) -> None:
    """After a subject made "you": "… and thinks Rosa would …" -> "… and think Rosa would …".

    Only a word after "and"/"but"/"or" whose next word starts an object or a
    clause (a determiner, a pronoun, a name) is taken for a verb.
    """
    j, _ = _next_word(tokens, index)
    while j is not None:
        between = "".join(tokens[index + 1 : j]) if j > index + 1 else ""
        if any(ch in between for ch in ".;:!?"):
            return
        low = _norm(tokens[j])
        if low in _OTHER_SUBJECTS and j != index:
            return
        if low in ("and", "but", "or"):
            k, adjacent = _next_word(tokens, j)
            if k is not None and adjacent:
                after, after_adjacent = _next_word(tokens, k)
                word = tokens[k]
                plural = agree_plural(word)
                follows = (
                    after is not None
                    and after_adjacent
                    and (_norm(tokens[after]) in _AFTER_VERB or tokens[after][:1].isupper())
                )
                if plural != word and follows:
                    change[k] = plural
        index, (j, _) = j, _next_word(tokens, j)


def _set_case(new: str, old: str) -> str:
    if old[:1].isupper() and new != "I":
        return new[0].upper() + new[1:]
    return new


def _name_forms(name: str | None) -> tuple[str, ...]:
    """A person's full name and first name, longest first (for matching)."""
    if not name:
        return ()
    words = name.split()
    forms = [" ".join(words)]
    if len(words) > 1:
        forms.append(words[0])
    return tuple(forms)


@functools.lru_cache(maxsize=1024)
def _name_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w'’])(" + "|".join(re.escape(f) for f in forms) + r")(['’]s\b)?(?![\w'’])"
    )


def _replace_names(
    text: str, forms: tuple[str, ...], subject: str, obj: str, possessive: str
) -> tuple[str, list[tuple[int, str]]]:
    """Replace a person's name with a pronoun; return the text and the subject spots."""
    if not forms:
        return text, []
    pattern = _name_pattern(forms)
    out: list[str] = []
    last = 0
    marks: list[tuple[int, str]] = []
    for found in pattern.finditer(text):
        out.append(text[last : found.start()])
        before = text[: found.start()].rstrip()
        prev = re.search(r"([A-Za-z]+)\W*$", before)
        prev_word = prev.group(1).casefold() if prev else ""
        starts = not before or before[-1] in ".;:!?,(" or prev_word in _SUBJECT_STARTERS
        if found.group(2):
            word = possessive
        elif starts:
            word = subject
            marks.append((len("".join(out)), subject))
        else:
            word = obj
        if not before or before[-1] in ".!?":
            word = word[0].upper() + word[1:]
        out.append(word)
        last = found.end()
    out.append(text[last:])
    return "".join(out), marks


def to_second_person(
    text: str,
    pronouns: str | None,
    *,
    name: str | None = None,
    user_name: str | None = None,
    user_pronouns: str | None = None,
) -> Conversion:
    """Convert a fragment to the frame "the user speaks to the contact".

    Third person about the contact (their pronouns, default they/them, and
    their name) becomes second person, with the verb agreeing; the user's
    name becomes first person. "her" is an object before a preposition,
    question word or the end, and a possessive before a noun; after a verb
    that takes two objects ("asked her questions") it could be either, and
    the fragment is left out. When the user and the contact share a set of
    pronouns, such a pronoun after the user's name is ambiguous too.

    >>> to_second_person("Hear how he combined finance and data work", "he/him").text
    'Hear how you combined finance and data work'
    >>> to_second_person("She studies R; her team uses SAS", "she/her").text
    'You study R; your team uses SAS'
    >>> to_second_person("She worked at Bluestem and thinks Rosa would talk", "she/her").text
    'You worked at Bluestem and think Rosa would talk'
    >>> to_second_person("He combined finance and budgets", "he/him").text
    'You combined finance and budgets'
    >>> to_second_person("Ask her how she got started", "she/her").text
    'Ask you how you got started'
    >>> to_second_person("How does he decide", "he/him").text
    'How do you decide'
    >>> to_second_person("they were hired in 2020", None).text
    'you were hired in 2020'
    >>> to_second_person("I asked her questions", "she/her").reason
    '"her" after "asked" could mean "you" or "your"'
    >>> to_second_person("She offered to introduce Maren to Rosa", "she/her",
    ...                  user_name="Maren Oduya").text
    'You offered to introduce me to Rosa'
    >>> to_second_person("Grace's team hires auditors", "she/her", name="Grace Lund").text
    'Your team hires auditors'
    """
    own = pronoun_set(pronouns)
    user = pronoun_set(user_pronouns) if user_pronouns else None
    working = " ".join(text.split())
    # The user's name first: "introduce Maren" -> "introduce me".
    working, user_marks = _replace_names(working, _name_forms(user_name), "I", "me", "my")
    if user_marks or working != " ".join(text.split()):
        named_at = min(
            (i for i, _ in user_marks), default=working.find(" me") if " me" in working else 0
        )
        after = working[named_at:].casefold()
        if (
            user is not None
            and user == own
            and re.search(r"\b(" + "|".join(sorted(own.words)) + r")\b", after)
        ):
            return Conversion(
                None, True, f'"{own.subject}" after your name could mean you or the contact'
            )
    working, name_marks = _replace_names(working, _name_forms(name), "you", "you", "your")
    tokens = _tokens(working)
    change: dict[int, str] = {}
    if not own.known:
        for token in tokens:
            if _is_word(token) and _norm(token) in own.words:
                return Conversion(
                    None, True, f'prepguide cannot decline "{own.subject}"; use the name'
                )
    for i, token in enumerate(tokens):
        if not _is_word(token):
            continue
        low = _norm(token)
        if low == "i":
            # "I" after the user's name was replaced: make its verb agree ("Maren is" -> "I am")
            if any(abs(len("".join(tokens[:i])) - pos) <= 1 for pos, _ in user_marks):
                _agree_after(tokens, i, change, "first")
            continue
        if low == "you" and any(abs(len("".join(tokens[:i])) - pos) <= 1 for pos, _ in name_marks):
            _agree_after(tokens, i, change, "plural")
            continue
        if own.known and low == own.subject:
            change[i] = _set_case("you", token)
            if not own.plural:
                _agree_after(tokens, i, change, "plural")
                _agree_coordinated(tokens, i, change)
                p, adjacent = _previous_word(tokens, i)
                if p is not None and adjacent and _norm(tokens[p]) in _TO_PLURAL:
                    change[p] = agree_plural(tokens[p])
            continue
        if low in (f"{own.subject}'s",):
            nxt, _ = _next_word(tokens, i)
            participle = nxt is not None and (
                _norm(tokens[nxt]).endswith(("ed", "en")) or _norm(tokens[nxt]) in ("got", "had")
            )
            change[i] = _set_case("you've" if participle else "you're", token)
            continue
        if low in (
            f"{own.subject}'d",
            f"{own.subject}'ll",
            f"{own.subject}'re",
            f"{own.subject}'ve",
        ):
            change[i] = _set_case("you" + low[len(own.subject) :], token)
            continue
        if low in own.reflexive:
            change[i] = _set_case("yourself", token)
            continue
        if low == own.independent and own.independent != own.possessive:
            change[i] = _set_case("yours", token)
            continue
        is_object = low == own.object
        is_possessive = low == own.possessive
        if not (is_object or is_possessive):
            continue
        if is_object and not is_possessive:
            change[i] = _set_case("you", token)
            continue
        nxt, adjacent = _next_word(tokens, i)
        if is_possessive and not is_object:
            if nxt is None or not adjacent:
                change[i] = _set_case("yours", token)  # "the idea was his"
            else:
                change[i] = _set_case("your", token)
            continue
        # "her": object or possessive
        if nxt is None or not adjacent or _norm(tokens[nxt]) in _OBJECT_NEXT:
            change[i] = _set_case("you", token)
            continue
        p, p_adjacent = _previous_word(tokens, i)
        if p is not None and p_adjacent and _TWO_OBJECT_VERBS.match(_norm(tokens[p])):
            return Conversion(
                None,
                True,
                f'"{token}" after "{tokens[p]}" could mean "you" or "your"',
            )
        change[i] = _set_case("your", token)
    for i, new in change.items():
        tokens[i] = new
    result = "".join(tokens)
    return Conversion(result, result != " ".join(text.split()))


def to_third_person(
    text: str, name: str, pronouns: str | None, *, named: bool = False
) -> Conversion:
    """Convert first person about the user to third person (a note someone forwards).

    The first "I" becomes the user's first name (the pronoun when ``named``:
    the name was just said), later ones the pronoun, with the verb agreeing;
    "me", "my", "mine", "myself" follow the pronouns.

    >>> to_third_person("what I would need to learn first", "Maren Oduya", "she/her").text
    'what Maren would need to learn first'
    >>> to_third_person("whether my audit skills carry over, and what I need", "Maren", "she/her").text
    'whether her audit skills carry over, and what Maren needs'
    >>> to_third_person("how I am placed", "Sam Lee", None).text
    'how Sam is placed'
    >>> to_third_person("I think I was lucky", "Sam Lee", "they/them").text
    'Sam thinks they were lucky'
    >>> to_third_person("what I would need", "Maren", "she/her", named=True).text
    'what she would need'
    """
    forms = pronoun_set(pronouns)
    if not forms.known:
        forms = _THEY
    first = name.split()[0] if name.split() else forms.subject
    tokens = _tokens(" ".join(text.split()))
    change: dict[int, str] = {}
    for i, token in enumerate(tokens):
        if not _is_word(token):
            continue
        low = _norm(token)
        subject_form = None
        if low == "i":
            subject_form = first if not named else forms.subject
            named = True
            change[i] = subject_form
            plural = subject_form != first and forms.plural
            j, adjacent = _next_word(tokens, i)
            while j is not None and adjacent and _norm(tokens[j]) in _ADVERBS:
                j, adjacent = _next_word(tokens, j)
            if j is not None and adjacent:
                word = tokens[j]
                if plural:
                    new = {"am": "are", "was": "were"}.get(_norm(word), word)
                else:
                    new = third_singular(word)
                if new != word:
                    change[j] = new
        elif low in ("i'm", "i've", "i'd", "i'll"):
            who = first if not named else forms.subject
            named = True
            tail = {
                "i'm": "'s" if not (who != first and forms.plural) else "'re",
                "i've": "'s" if not (who != first and forms.plural) else "'ve",
                "i'd": "'d",
                "i'll": "'ll",
            }[low]
            change[i] = who + tail
        elif low == "me":
            change[i] = forms.object
        elif low == "my":
            change[i] = forms.possessive
        elif low == "mine":
            change[i] = forms.independent
        elif low == "myself":
            change[i] = forms.reflexive[0]
    for i, new in change.items():
        start = not "".join(tokens[:i]).strip() or "".join(tokens[:i]).rstrip()[-1] in ".!?"
        tokens[i] = new[:1].upper() + new[1:] if start else new
    result = "".join(tokens)
    return Conversion(result, result != " ".join(text.split()))


# ---------------------------------------------------------------------------
# Goals


_GOAL_VERBS = (
    "find out",
    "figure out",
    "work out",
    "learn",
    "hear",
    "understand",
    "ask",
    "know",
    "discover",
    "see",
    "explore",
    "check",
    "get a sense of",
    "get a feel for",
)
_QUESTION_WORDS = {"how", "what", "why", "where", "when", "who", "which", "whether", "if"}


def goal_clause(goal: str) -> tuple[str, str]:
    """Split a goal into its verb and what it is about.

    Returns ``(verb, rest)``; ``verb`` is empty when the goal does not start
    with one of the usual verbs ("Learn", "Hear", "Understand", "Ask"…).

    >>> goal_clause("Hear how he combined finance and data work")
    ('hear', 'how he combined finance and data work')
    >>> goal_clause("Find out whether a master's degree is necessary")
    ('find out', "whether a master's degree is necessary")
    >>> goal_clause("The two-year term role")
    ('', 'The two-year term role')
    """
    text = clause(goal)
    low = text.casefold()
    for verb in _GOAL_VERBS:
        if low.startswith(verb + " "):
            return verb, text[len(verb) + 1 :].strip()
    return "", text


def is_question_clause(text: str) -> bool:
    """Whether a phrase is an embedded question ("how you …", "whether …").

    >>> is_question_clause("whether a degree is needed")
    True
    >>> is_question_clause("the public-sector pay scale")
    False
    """
    words = text.split()
    return bool(words) and words[0].casefold() in _QUESTION_WORDS
