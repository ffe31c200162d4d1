"""The tailoring's shortcuts (issue 17) give what the code they replaced gave.

Each faster path is compared here with the implementation it replaced, kept below as
the oracle, on random inputs and on every contact of real guides (the example, the
second guide and a generated one); the per-build and per-text caches are checked to
give the same preps whatever order the contacts come in, and to follow a changed file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepguide.guide.corpus import Corpus
from prepguide.options import Options
from prepguide.read.model import Contact, Profile
from prepguide.tailor.common_ground import fields, fold
from prepguide.tailor.common_ground.fields import your_move
from prepguide.tailor.intro import convert, converted_goals
from prepguide.tailor.prep import build_prep
from prepguide.tailor.questions import (
    duplicates,
    goal_question,
    goals,
    merge_banks,
    select_questions,
    selection,
)
from prepguide.tailor.questions.banks import builtin_bank
from prepguide.tailor.questions.duplicates import (
    SIMILARITY,
    _content_words_full,
    _Taken,
    content_words,
    question_intent,
)
from prepguide.text import clause, note_items, person, to_second_person

# --- questions.duplicates: the near-duplicate test through the stem index -------------------


class _OldTaken:
    """``_Taken`` before the stem index: every held question compared in turn (the oracle)."""

    def __init__(self, ignore: frozenset[str]) -> None:
        self.ignore = ignore
        self.groups: set[str] = set()
        self.words: list[frozenset[str]] = []

    def clashes(self, text: str, group: str | None) -> bool:
        group = group or question_intent(text)
        if group is not None and group in self.groups:
            return True
        words = content_words(text, self.ignore)
        if not words:
            return False
        size = len(words)
        for other in self.words:
            if other:
                shared = len(words & other)
                if shared >= 2 and shared >= SIMILARITY * min(size, len(other)):
                    return True
        return False

    def add(self, text: str, group: str | None) -> None:
        group = group or question_intent(text)
        if group is not None:
            self.groups.add(group)
        self.words.append(content_words(text, self.ignore))


BANK_TEXTS = [entry.text for entry in builtin_bank()]
QUESTION_WORDS = sorted({word for text in BANK_TEXTS for word in text.split()})
NAME_WORDS = ["Ada", "Lovelace", "Bluestem", "Health", "Maren", "Ruiz", "Ana", "María"]
GROUPS = [None, None, None, "origin", "feasibility", "typical-week", "culture"]


@st.composite
def questions(draw: st.DrawFn) -> str:
    """A bank question, or one made of bank and name words."""
    if draw(st.booleans()):
        return draw(st.sampled_from(BANK_TEXTS))
    words = draw(st.lists(st.sampled_from(QUESTION_WORDS + NAME_WORDS), min_size=1, max_size=10))
    return " ".join(words) + draw(st.sampled_from(["?", "", "."]))


IGNORES = st.frozensets(st.sampled_from([fold(w) for w in NAME_WORDS] + ["team", "work"]))


@settings(max_examples=300, deadline=None)
@given(
    IGNORES,
    st.lists(
        st.tuples(questions(), st.sampled_from(GROUPS), st.booleans()), min_size=1, max_size=90
    ),
)
def test_near_duplicate_index_is_the_old_loop(
    ignore: frozenset[str], steps: list[tuple[str, str | None, bool]]
) -> None:
    # Up to 90 held questions: the index's bit masks grow past a machine word.
    new, old = _Taken(ignore), _OldTaken(ignore)
    for text, group, add in steps:
        assert new.clashes(text, group) == old.clashes(text, group), text
        if add or not old.clashes(text, group):
            new.add(text, group)
            old.add(text, group)
    assert new.words == old.words and new.groups == old.groups


def test_content_words_with_names_are_the_full_path() -> None:
    ignore = frozenset({"ada", "bluestem"})
    for text in [*BANK_TEXTS, "What drew Ada to Bluestem Health?", "Ada? Ada!"]:
        assert content_words(text, ignore) == _content_words_full(text, ignore)
        assert content_words(text, ignore) == _content_words_full(text, ignore)  # kept


def test_question_selection_short_path_is_the_full_one(
    corpora: list[Corpus], monkeypatch: pytest.MonkeyPatch
) -> None:
    def selections() -> list[Any]:
        found = []
        for corpus in corpora:
            bank = merge_banks(corpus.questions)
            for contact in corpus.contacts.values():
                org = corpus.organization_of(contact)
                found.append(select_questions(bank, corpus.profile, contact, org))
        return found

    short = selections()
    monkeypatch.setattr(_Taken, "clashes", _OldTaken.clashes)  # every held question in turn
    monkeypatch.setattr(duplicates, "content_words", duplicates._content_words_full)
    assert selections() == short
    assert sum(len(s.questions) + len(s.backups) for s in short) > 2_000


# --- questions.selection: offers kept per entry and text -----------------------------------


def _selections(corpora: Iterable[Corpus], reverse: bool = False) -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for corpus in corpora:
        bank = merge_banks(corpus.questions)
        for cid in sorted(corpus.contacts, reverse=reverse):
            contact = corpus.contacts[cid]
            found.append(
                (
                    cid,
                    select_questions(
                        bank, corpus.profile, contact, corpus.organization_of(contact)
                    ),
                )
            )
    return sorted(found, key=lambda pair: pair[0])


def test_kept_offers_give_the_selection_made_afresh(
    corpora: list[Corpus], monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = _selections(corpora)
    again = _selections(corpora, reverse=True)  # every offer from the cache now
    monkeypatch.setattr(selection, "_OFFERS_PER_ENTRY", 0)  # every offer made anew
    fresh = _selections(corpora)
    assert kept == again == fresh
    assert len(kept) > 100


def test_kept_offers_are_bounded() -> None:
    from prepguide.tailor.questions.plan import _plan

    bank = merge_banks()
    plan = _plan(bank)
    assert all(len(slot.offers) <= selection._OFFERS_PER_ENTRY for slot in plan.slots)


# --- tailor.prep: whole preps ----------------------------------------------------------------


def _preps(corpus: Corpus, options: Options, order: Iterable[str]) -> dict[str, object]:
    return {cid: build_prep(corpus, corpus.contacts[cid], options) for cid in order}


def test_preps_do_not_depend_on_the_order_of_contacts(corpora: list[Corpus]) -> None:
    for corpus in corpora:
        options = Options()
        ids = sorted(corpus.contacts)
        forward = _preps(corpus, options, ids)
        backward = _preps(corpus, options, reversed(ids))
        assert forward == backward


def test_a_changed_contact_gets_a_new_prep(corpora: list[Corpus]) -> None:
    corpus = corpora[0]
    options = Options()
    cid = sorted(corpus.contacts)[0]
    contact = corpus.contacts[cid]
    before = build_prep(corpus, contact, options)
    changed = contact.model_copy(
        update={"questions": ["What surprised you most in your first year?"]}
    )
    after = build_prep(corpus, changed, options)
    assert "What surprised you most in your first year?" in [q.text for q in after.questions]
    assert before != after
    assert build_prep(corpus, contact, options) == before


# --- text and intro: results kept per text ---------------------------------------------------


def _old_converted_goals(contact: Contact, profile: Profile | None) -> list[str]:
    """``intro.converted_goals`` before it was kept per text (the oracle)."""
    goals = []
    for goal in contact.goals:
        text = convert(clause(goal), contact, profile).text
        if text and clause(text):
            goals.append(clause(text))
    return goals


def test_converted_goals_are_the_old_ones(corpora: list[Corpus]) -> None:
    compared = 0
    for corpus in corpora:
        for contact in corpus.contacts.values():
            for profile in (corpus.profile, None):
                assert converted_goals(contact, profile) == _old_converted_goals(contact, profile)
                compared += len(contact.goals)
    assert compared > 100


def test_kept_results_are_not_shared_lists() -> None:
    first = note_items("- One. Two.\n- Three")
    first.append("changed")
    assert note_items("- One. Two.\n- Three") == ["One.", "Three"]
    contact = Contact(id="ana", name="Ana Ruiz", pronouns="she/her", goals=["Hear how she started"])
    goals = converted_goals(contact, None)
    goals.clear()
    assert converted_goals(contact, None) == ["Hear how you started"]


def test_a_changed_profile_changes_the_kept_texts() -> None:
    contact = Contact(
        id="ana", name="Ana Ruiz", pronouns="she/her", goals=["Ask how Maren can help"]
    )
    maren = Profile(name="Maren Oduya")
    assert converted_goals(contact, None) == ["Ask how Maren can help"]
    assert converted_goals(contact, maren) == ["Ask how I can help"]


# --- common ground: your move, once per profile ----------------------------------------------


def test_your_move_is_kept_per_profile_and_follows_a_new_one(corpora: list[Corpus]) -> None:
    for corpus in corpora:
        if corpus.profile is None:
            continue
        origin, aim = fields._your_move(corpus.profile)
        assert your_move(corpus.profile) == (list(origin), list(aim))
        kept = your_move(corpus.profile)
        kept[0].clear()  # a caller's list is its own
        assert your_move(corpus.profile) == (list(origin), list(aim))
    nurse = Profile(name="Al", headline="Nurse exploring UX research")
    accountant = nurse.model_copy(update={"headline": "Accountant exploring data analysis"})
    assert [f.head for f in your_move(nurse)[0]] == ["nursing"]
    assert [f.head for f in your_move(accountant)[0]] == ["accounting"]
    assert [f.head for f in your_move(nurse)[0]] == ["nursing"]


# --- text.person: a conversion kept without the names a text does not mention ---------------

PRONOUN_SETS = [None, "she/her", "he/him", "they/them", "xe/xem", ""]
PERSON_NAMES = [None, "", "Maren Oduya", "Maren", "Ana Ruiz", "I Made Sutra", "Me", "My Tran", "I"]
PERSON_WORDS = [
    *["she", "her", "he", "his", "him", "they", "their", "I", "me", "my", "you", "your"],
    *["Maren", "Oduya", "Maren's", "Ana", "Ruiz", "Ana's", "Made", "Sutra", "Me", "My", "Tran"],
    *["asked", "gave", "introduce", "hear", "how", "started", "is", "to", "and", "team"],
]


@st.composite
def person_texts(draw: st.DrawFn) -> str:
    """Texts of pronouns, name pieces and a few verbs, with gaps."""
    words = draw(st.lists(st.sampled_from(PERSON_WORDS), max_size=10))
    gaps = st.sampled_from([" ", "  ", ", ", ". ", " (", ") ", "\n", "'s "])
    return "".join(word + draw(gaps) for word in words)


@settings(max_examples=1500, deadline=None)
@given(
    person_texts(),
    st.sampled_from(PRONOUN_SETS),
    st.sampled_from(PERSON_NAMES),
    st.sampled_from(PERSON_NAMES),
    st.sampled_from(PRONOUN_SETS),
)
def test_second_person_key_gives_the_conversion_with_every_argument(
    text: str, pronouns: str | None, name: str | None, user: str | None, own: str | None
) -> None:
    expected = person._to_second_person(
        text, pronouns, name=name, user_name=user, user_pronouns=own, full=False
    )
    key = person.second_person_key(text, pronouns, name, user, own)
    assert (
        person._to_second_person(
            *key[:2], name=key[2], user_name=key[3], user_pronouns=key[4], full=False
        )
        == expected
    )
    assert (
        to_second_person(text, pronouns, name=name, user_name=user, user_pronouns=own) == expected
    )


def _old_goal_question(goal: str, contact: Contact, you: Profile | None) -> str | None:
    """``goals.goal_question`` before it was kept per goal text (the oracle)."""
    text = re.sub(r"\s*\([^)]*\)", "", " ".join(goal.split())).strip()
    if not text:
        return None
    converted = person._to_second_person(
        text,
        contact.pronouns,
        name=contact.name,
        user_name=you.name if you is not None else None,
        user_pronouns=you.pronouns if you is not None else None,
        full=False,
    ).text
    # What changed is how the conversion is kept; the question made of it is the same step.
    return None if converted is None else goals.question_of(converted)


def test_goal_questions_kept_per_text_are_the_old_ones(corpora: list[Corpus]) -> None:
    compared = 0
    for corpus in corpora:
        for contact in corpus.contacts.values():
            for profile in (corpus.profile, None):
                for goal in contact.goals:
                    expected = _old_goal_question(goal, contact, profile)
                    assert goal_question(goal, contact, profile) == expected, goal
                    compared += 1
    assert compared > 200


@settings(max_examples=500, deadline=None)
@given(
    person_texts(),
    st.sampled_from(PRONOUN_SETS),
    st.sampled_from([n for n in PERSON_NAMES if n]),
    st.sampled_from(PERSON_NAMES),
)
def test_goal_question_with_names_is_the_old_one(
    text: str, pronouns: str | None, name: str, user: str | None
) -> None:
    contact = Contact(id="x", name=name, pronouns=pronouns or None)
    you = Profile(name=user) if user else None
    for goal in (text, "Hear how " + text, "Learn whether " + text + " (maybe)"):
        assert goal_question(goal, contact, you) == _old_goal_question(goal, contact, you)
