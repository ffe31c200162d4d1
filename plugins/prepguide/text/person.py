# Over 600 lines with its docstrings (147 of them, most in->out examples); about 470 of code.
"""Person: a fragment written about someone, converted to the frame of a text.

:func:`to_second_person` turns third person about the contact into second
person and the user's name into first person; :func:`to_third_person` turns
first person about the user into third person (docs/prep.md, "Whose voice").
An ambiguous fragment gives a :class:`Conversion` without text: it is left
out, never put in the wrong person.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .tokens import (
    agree_after,
    agree_coordinated,
    is_word,
    next_word,
    norm,
    previous_word,
    set_case,
    tokens_of,
)
from .verbs import ADVERBS, TO_PLURAL, agree_plural, third_singular


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


def _name_forms(name: str | None) -> tuple[str, ...]:
    """A person's full name and first name, longest first (for matching).

    >>> _name_forms("Maren Oduya")
    ('Maren Oduya', 'Maren')
    """
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


def _is_name_edge(char: str) -> bool:
    """Whether a character may not touch a name: what ``[\\w'’]`` matches."""
    return char.isalnum() or char in "_'’"


def _name_spans(text: str, forms: tuple[str, ...], *, full: bool) -> list[tuple[int, int, bool]]:
    """Where :func:`_name_pattern` matches: ``(start, end, possessive)``, in order.

    Found with ``str.find`` and the pattern's own tests (a person's pattern was
    compiled for each name: 763 compiles at 1,000 contacts); ``full`` (or an
    empty form) runs the pattern itself, as tests/test_text_fast.py does to
    compare them. ``\\w`` is ``str.isalnum`` or ``_``, as in :mod:`re`.

    >>> _name_spans("Ask Maren's boss, not Marena", ("Maren",), full=False)
    [(4, 11, True)]
    """
    if full or not all(forms):
        return [(m.start(), m.end(), bool(m.group(2))) for m in _name_pattern(forms).finditer(text)]
    spans: list[tuple[int, int, bool]] = []
    size = len(text)
    pos = 0
    while True:
        found = [at for form in forms if (at := text.find(form, pos)) >= 0]
        if not found:
            return spans
        start = min(found)
        match = None
        if start == 0 or not _is_name_edge(text[start - 1]):
            for form in forms:  # in the pattern's order: the first that matches here
                if not text.startswith(form, start):
                    continue
                end = start + len(form)
                if (
                    end + 1 < size
                    and text[end] in "'’"
                    and text[end + 1] == "s"
                    and (end + 2 == size or not _is_name_edge(text[end + 2]))
                ):
                    match = (start, end + 2, True)
                elif end == size or not _is_name_edge(text[end]):
                    match = (start, end, False)
                if match is not None:
                    break
        if match is None:
            pos = start + 1
        else:
            spans.append(match)
            pos = match[1]


def _replace_names(
    text: str,
    forms: tuple[str, ...],
    subject: str,
    obj: str,
    possessive: str,
    *,
    full: bool = False,
) -> tuple[str, list[tuple[int, str]]]:
    """Replace a person's name with a pronoun; return the text and the subject spots.
    ``full`` runs the name pattern even on a text that holds none of ``forms``.

    >>> _replace_names("Maren asked Maren's boss", ("Maren",), "I", "me", "my")
    ('I asked my boss', [(0, 'I')])
    """
    if not forms or not (full or any(form in text for form in forms)):
        # The pattern matches a form's own letters: without one there is nothing to do
        # (tests/test_text_fast.py holds this to the pattern on random and real texts).
        return text, []
    out: list[str] = []
    last = 0
    marks: list[tuple[int, str]] = []
    for start, end, owner in _name_spans(text, forms, full=full):
        out.append(text[last:start])
        before = text[:start].rstrip()
        prev = re.search(r"([A-Za-z]+)\W*$", before)
        prev_word = prev.group(1).casefold() if prev else ""
        starts = not before or before[-1] in ".;:!?,(" or prev_word in _SUBJECT_STARTERS
        if owner:
            word = possessive
        elif starts:
            word = subject
            marks.append((len("".join(out)), subject))
        else:
            word = obj
        if not before or before[-1] in ".!?":
            word = word[0].upper() + word[1:]
        out.append(word)
        last = end
    out.append(text[last:])
    return "".join(out), marks


def _ambiguous_after_user(
    working: str, user_marks: list[tuple[int, str]], own: Pronouns, user: Pronouns | None
) -> bool:
    """Whether one of the contact's pronouns follows the user's name while both
    share a set of pronouns ("Maren said she…": the user or the contact?)."""
    named_at = min(
        (i for i, _ in user_marks), default=working.find(" me") if " me" in working else 0
    )
    after = working[named_at:].casefold()
    return bool(
        user is not None
        and user == own
        and re.search(r"\b(" + "|".join(sorted(own.words)) + r")\b", after)
    )


def _at_mark(tokens: list[str], index: int, marks: list[tuple[int, str]]) -> bool:
    """Whether the word at ``index`` is where a name was replaced (``marks``)."""
    return any(abs(len("".join(tokens[:index])) - pos) <= 1 for pos, _ in marks)


def _subject_to_you(tokens: list[str], i: int, own: Pronouns, change: dict[int, str]) -> None:
    """ "she" -> "you", with the verbs after it (and a "does" before it) agreeing."""
    change[i] = set_case("you", tokens[i])
    if not own.plural:
        agree_after(tokens, i, change, "plural")
        agree_coordinated(tokens, i, change)
        p, adjacent = previous_word(tokens, i)
        if p is not None and adjacent and norm(tokens[p]) in TO_PLURAL:
            change[p] = agree_plural(tokens[p])


def _contraction_to_you(tokens: list[str], i: int, own: Pronouns) -> str | None:
    """ "she's" -> "you're" or "you've" (before a participle), "she'd" -> "you'd"…;
    ``None`` for any other word."""
    low = norm(tokens[i])
    if low == f"{own.subject}'s":
        nxt, _ = next_word(tokens, i)
        participle = nxt is not None and (
            norm(tokens[nxt]).endswith(("ed", "en")) or norm(tokens[nxt]) in ("got", "had")
        )
        return set_case("you've" if participle else "you're", tokens[i])
    if low in (f"{own.subject}'d", f"{own.subject}'ll", f"{own.subject}'re", f"{own.subject}'ve"):
        return set_case("you" + low[len(own.subject) :], tokens[i])
    return None


def _object_or_possessive(
    tokens: list[str], i: int, own: Pronouns, change: dict[int, str]
) -> str | None:
    """ "him" -> "you", "his" -> "your"/"yours", "her" -> "you" or "your" by what
    follows; returns why "her" is ambiguous after a verb of two objects."""
    token, low = tokens[i], norm(tokens[i])
    is_object, is_possessive = low == own.object, low == own.possessive
    if is_object and not is_possessive:
        change[i] = set_case("you", token)
        return None
    nxt, adjacent = next_word(tokens, i)
    if is_possessive and not is_object:
        # "the idea was his" -> "yours"
        change[i] = set_case("yours" if nxt is None or not adjacent else "your", token)
        return None
    # "her": object or possessive
    if nxt is None or not adjacent or norm(tokens[nxt]) in _OBJECT_NEXT:
        change[i] = set_case("you", token)
        return None
    p, p_adjacent = previous_word(tokens, i)
    if p is not None and p_adjacent and _TWO_OBJECT_VERBS.match(norm(tokens[p])):
        return f'"{token}" after "{tokens[p]}" could mean "you" or "your"'
    change[i] = set_case("your", token)
    return None


def _word_to_second_person(
    tokens: list[str],
    i: int,
    own: Pronouns,
    marks: tuple[list[tuple[int, str]], list[tuple[int, str]]],
    change: dict[int, str],
) -> str | None:
    """Convert the word at ``i`` (into ``change``); return why the fragment is
    ambiguous, if it is. ``marks``: where the user's and the contact's names were."""
    user_marks, name_marks = marks
    token = tokens[i]
    low = norm(token)
    if low == "i":
        # "I" after the user's name was replaced: make its verb agree ("Maren is" -> "I am")
        if _at_mark(tokens, i, user_marks):
            agree_after(tokens, i, change, "first")
        return None
    if low == "you" and _at_mark(tokens, i, name_marks):
        agree_after(tokens, i, change, "plural")
        return None
    if own.known and low == own.subject:
        _subject_to_you(tokens, i, own, change)
        return None
    contracted = _contraction_to_you(tokens, i, own)
    if contracted is not None:
        change[i] = contracted
        return None
    if low in own.reflexive:
        change[i] = set_case("yourself", token)
        return None
    if low == own.independent and own.independent != own.possessive:
        change[i] = set_case("yours", token)
        return None
    if low in (own.object, own.possessive):
        return _object_or_possessive(tokens, i, own, change)
    return None


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

    The result is kept for each set of arguments (all strings; the
    :class:`Conversion` is frozen): a prep page converts the same goals for
    its intro, its drafts and its warnings. A name the text does not mention
    is left out of the key (:func:`second_person_key`), so that a goal many
    contacts share is converted once for each set of pronouns.
    """
    return _kept_second_person(*second_person_key(text, pronouns, name, user_name, user_pronouns))


def _mentions(plain: str, name: str) -> bool:
    """Whether a text holds one of a name's forms (what :func:`_replace_names` looks for).

    >>> _mentions("Ask Maren's boss", "Maren Oduya"), _mentions("Ask her", "Maren Oduya")
    (True, False)
    """
    return any(form in plain for form in _name_forms(name))


def second_person_key(
    text: str,
    pronouns: str | None,
    name: str | None,
    user_name: str | None,
    user_pronouns: str | None,
) -> tuple[str, str | None, str | None, str | None, str | None]:
    """The arguments :func:`to_second_person`'s result depends on: the text on one line,
    and the names (with your pronouns) only when the text mentions them.

    :func:`_replace_names` leaves a text without a form of the name as it is, and
    then no mark is made: without a mention of your name, your name and pronouns are
    not read; without one of the contact's too, neither is the contact's name. (With
    your name mentioned, the contact's name is kept: replacing yours writes "I", "me"
    or "my", which a contact's name could be.) tests/test_tailor_speed.py holds this
    to the conversion with every argument.

    >>> second_person_key("Ask  her", "she/her", "Ana Ruiz", "Maren", "she/her")
    ('Ask her', 'she/her', None, None, None)
    >>> second_person_key("Ask Ana", "she/her", "Ana Ruiz", "Maren", "she/her")
    ('Ask Ana', 'she/her', 'Ana Ruiz', None, None)
    """
    plain = " ".join(text.split())
    if user_name and _mentions(plain, user_name):
        return plain, pronouns, name, user_name, user_pronouns
    if name and not _mentions(plain, name):
        name = None
    return plain, pronouns, name, None, None


@functools.lru_cache(maxsize=8192)
def _kept_second_person(
    plain: str,
    pronouns: str | None,
    name: str | None,
    user_name: str | None,
    user_pronouns: str | None,
) -> Conversion:
    """:func:`to_second_person` for the arguments of its key, kept for each."""
    return _to_second_person(
        plain,
        pronouns,
        name=name,
        user_name=user_name,
        user_pronouns=user_pronouns,
        full=False,
    )


@functools.lru_cache(maxsize=64)
def _triggers(own: Pronouns) -> frozenset[str]:
    """The words (as :func:`norm` gives them) :func:`_word_to_second_person` may act on:
    any other word it leaves alone.

    >>> sorted(_triggers(pronoun_set("he/him")))
    ['he', "he'd", "he'll", "he're", "he's", "he've", 'him', 'himself', 'his', 'i', 'you']
    """
    contractions = {f"{own.subject}{end}" for end in ("'s", "'d", "'ll", "'re", "'ve")}
    return frozenset({"i", "you", *own.words, *contractions})


def _to_second_person(
    text: str,
    pronouns: str | None,
    *,
    name: str | None,
    user_name: str | None,
    user_pronouns: str | None,
    full: bool,
) -> Conversion:
    """:func:`to_second_person`; ``full`` runs the name patterns on every text and
    walks every word through :func:`_word_to_second_person`, where the short path
    skips a text without the name and a word not in :func:`_triggers` (the full
    path is what tests/test_text_fast.py compares the short one with).

    >>> _to_second_person("Ask her how", "she/her", name=None, user_name=None,
    ...                   user_pronouns=None, full=True).text
    'Ask you how'
    """
    own = pronoun_set(pronouns)
    user = pronoun_set(user_pronouns) if user_pronouns else None
    plain = " ".join(text.split())
    # The user's name first: "introduce Maren" -> "introduce me".
    working, user_marks = _replace_names(plain, _name_forms(user_name), "I", "me", "my", full=full)
    if (user_marks or working != plain) and _ambiguous_after_user(working, user_marks, own, user):
        return Conversion(
            None, True, f'"{own.subject}" after your name could mean you or the contact'
        )
    working, name_marks = _replace_names(
        working, _name_forms(name), "you", "you", "your", full=full
    )
    tokens = tokens_of(working)
    if not own.known and any(is_word(t) and norm(t) in own.words for t in tokens):
        return Conversion(None, True, f'prepguide cannot decline "{own.subject}"; use the name')
    change: dict[int, str] = {}
    triggers = _triggers(own)
    for i, token in enumerate(tokens):
        if not is_word(token) or not (full or norm(token) in triggers):
            continue
        reason = _word_to_second_person(tokens, i, own, (user_marks, name_marks), change)
        if reason is not None:
            return Conversion(None, True, reason)
    for i, new in change.items():
        tokens[i] = new
    result = "".join(tokens)
    return Conversion(result, result != plain)


def _agree_with_third(tokens: list[str], i: int, plural: bool, change: dict[int, str]) -> None:
    """The verb after the subject at ``i`` (made third person) agrees with it."""
    j, adjacent = next_word(tokens, i)
    while j is not None and adjacent and norm(tokens[j]) in ADVERBS:
        j, adjacent = next_word(tokens, j)
    if j is not None and adjacent:
        word = tokens[j]
        new = {"am": "are", "was": "were"}.get(norm(word), word) if plural else third_singular(word)
        if new != word:
            change[j] = new


def _third_contraction(low: str, plural: bool) -> str:
    """The ending of "I'm", "I've", "I'd", "I'll" after a third-person subject.

    >>> _third_contraction("i'm", False), _third_contraction("i'm", True)
    ("'s", "'re")
    """
    return {
        "i'm": "'s" if not plural else "'re",
        "i've": "'s" if not plural else "'ve",
        "i'd": "'d",
        "i'll": "'ll",
    }[low]


def _capitalize_starts(tokens: list[str], change: dict[int, str]) -> None:
    """Write ``change`` into ``tokens``, with a capital where a sentence starts."""
    for i, new in change.items():
        start = not "".join(tokens[:i]).strip() or "".join(tokens[:i]).rstrip()[-1] in ".!?"
        tokens[i] = new[:1].upper() + new[1:] if start else new


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
    tokens = tokens_of(" ".join(text.split()))
    change: dict[int, str] = {}
    objects = {"me": forms.object, "my": forms.possessive, "mine": forms.independent}
    objects["myself"] = forms.reflexive[0]
    for i, token in enumerate(tokens):
        if not is_word(token):
            continue
        low = norm(token)
        if low == "i" or low in ("i'm", "i've", "i'd", "i'll"):
            # The first "I" is the name, later ones (or all, once ``named``) the pronoun.
            who = first if not named else forms.subject
            named = True
            plural = who != first and forms.plural
            if low == "i":
                change[i] = who
                _agree_with_third(tokens, i, plural, change)
            else:
                change[i] = who + _third_contraction(low, plural)
        elif low in objects:
            change[i] = objects[low]
    _capitalize_starts(tokens, change)
    result = "".join(tokens)
    return Conversion(result, result != " ".join(text.split()))
