"""The short paths of prepguide's text and tailoring code give what the full paths give.

Each shortcut (docs/development.md, "Caches") is compared here with the path it skips, on
random texts made of the words it looks for and on every text of real guides: the example,
the second guide and a generated one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from prepguide.guide.corpus import Corpus
from prepguide.text.person import _name_spans, _to_second_person, to_second_person

PRONOUNS = [None, "she/her", "he/him", "they/them", "xe/xem", "ze/hir", "it/its", "She / Her", ""]
NAMES = [None, "Maren Oduya", "Maren", "Ann Lee", "Anna Leeds", "Jo", "Rosa María Díaz", "I"]
WORDS = [
    # every pronoun form, contraction and name piece the conversion acts on, in both cases
    # and with both apostrophes, and words that sit next to them
    *[
        "she",
        "he",
        "they",
        "her",
        "him",
        "his",
        "hers",
        "their",
        "theirs",
        "them",
        "herself",
        "himself",
        "themselves",
        "themself",
    ],
    *[
        "xe",
        "xem",
        "xyr",
        "ze",
        "hir",
        "it",
        "its",
        "i",
        "you",
        "me",
        "my",
        "we",
        "us",
        "our",
        "your",
        "yours",
    ],
    *[
        "she's",
        "he's",
        "they're",
        "they've",
        "she'd",
        "he'll",
        "she’s",
        "he’s",
        "they’re",
        "i'm",
        "i’ve",
        "you're",
    ],
    *[
        "Maren",
        "Oduya",
        "Maren's",
        "Maren’s",
        "Ann",
        "Anna",
        "Lee",
        "Leeds",
        "Jo",
        "Jo's",
        "Rosa",
        "María",
        "Díaz",
    ],
    *[
        "asked",
        "gave",
        "told",
        "thank",
        "ask",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "does",
        "do",
        "studies",
        "works",
    ],
    *[
        "the",
        "a",
        "to",
        "for",
        "about",
        "how",
        "what",
        "and",
        "but",
        "so",
        "because",
        "that",
        "when",
        "still",
    ],
    *["She", "He", "They", "Her", "His", "I", "You", "Ask", "Hear"],
]
GAPS = [" ", "  ", ", ", ". ", "; ", "? ", "! ", " (", ") ", "-", "\n", "’", "'", ": "]


@st.composite
def fragments(draw: st.DrawFn) -> str:
    """Texts of the words the conversion acts on, with gaps, or anything at all."""
    if draw(st.booleans()):
        return draw(st.text(max_size=60))
    words = draw(st.lists(st.sampled_from(WORDS), max_size=14))
    out = []
    for word in words:
        out.append(word)
        out.append(draw(st.sampled_from(GAPS)))
    return "".join(out)


def _both(
    text: str, pronouns: str | None, name: str | None, user_name: str | None, user: str | None
) -> tuple[Any, Any]:
    arguments = {"name": name, "user_name": user_name, "user_pronouns": user}
    short = _to_second_person(text, pronouns, **arguments, full=False)
    full = _to_second_person(text, pronouns, **arguments, full=True)
    return short, full


@settings(max_examples=1500, deadline=None)
@given(
    fragments(),
    st.sampled_from(PRONOUNS),
    st.sampled_from(NAMES),
    st.sampled_from(NAMES),
    st.sampled_from(PRONOUNS),
)
def test_second_person_short_path_is_the_full_one_on_random_texts(
    text: str, pronouns: str | None, name: str | None, user_name: str | None, user: str | None
) -> None:
    short, full = _both(text, pronouns, name, user_name, user or None)
    assert short == full
    cached = to_second_person(
        text, pronouns, name=name, user_name=user_name, user_pronouns=user or None
    )
    assert cached == full


def _strings(value: Any) -> Iterator[str]:
    """Every string in a model's data, nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_second_person_short_path_is_the_full_one_on_real_texts(corpora: list[Corpus]) -> None:
    compared = 0
    for corpus in corpora:
        assert corpus.contacts
        profile = corpus.profile
        user_name = profile.name if profile else None
        user = profile.pronouns if profile else None
        for contact in corpus.contacts.values():
            for text in set(_strings(contact.model_dump(mode="json"))):
                # the contact's own pronouns, and every other set, about them and the user
                for pronouns in {contact.pronouns, *PRONOUNS[:5]}:
                    short, full = _both(text, pronouns, contact.name, user_name, user)
                    assert short == full, (text, pronouns)
                    compared += 1
    assert compared > 10_000


# --- text.person: where a name is found ----------------------------------------------------

NAME_FORMS = [
    ("Maren Oduya", "Maren"),
    ("Maren",),
    ("Ann Lee", "Ann"),
    ("J.R. Díaz", "J.R."),
    ("Zoë O'Neil", "Zoë"),
    ("Ann Marie", "Ann"),
    ("Ma", "M"),
    ("A+B (x)", "A+B"),
]
EDGE_CHARS = [*"Ms'’_ .,-(2²٣ǅⅫé\u0301\n", "'s", "’s", "'S", "s"]


@st.composite
def name_texts(draw: st.DrawFn, forms: tuple[str, ...]) -> str:
    """Texts of the forms and of characters that may or may not touch a name."""
    pieces = st.sampled_from([*forms, *EDGE_CHARS, " and ", "Marena", "Ann's"])
    return "".join(draw(st.lists(pieces, max_size=16)))


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(NAME_FORMS).flatmap(lambda f: st.tuples(st.just(f), name_texts(f))))
def test_name_spans_are_the_pattern_matches(case: tuple[tuple[str, ...], str]) -> None:
    forms, text = case
    assert _name_spans(text, forms, full=False) == _name_spans(text, forms, full=True)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40), st.sampled_from(NAME_FORMS))
def test_name_spans_are_the_pattern_matches_on_any_text(text: str, forms: tuple[str, ...]) -> None:
    text = text + forms[-1] + text[::-1] + forms[0]
    assert _name_spans(text, forms, full=False) == _name_spans(text, forms, full=True)
