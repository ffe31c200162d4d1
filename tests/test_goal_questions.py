"""Goals drive the questions (issue 14, item 5), on the example guide and the second guide.

Each goal is asked as an open question in the main list when the meeting has room, ahead of
generic bank questions; a talk of 20 minutes or more asks one feasibility question; no two
questions in a list ask the same thing; a closed question of yours is shown marked, with a
rewrite; a sole consultant or an insurer gets no "your team" or clinical-ward questions.
"""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from prepguide.guide.corpus import Corpus, CorpusLoader
from prepguide.read.model import Contact, Organization
from prepguide.tailor.common_ground import fold
from prepguide.tailor.questions import (
    FEASIBILITY_MINUTES,
    Selection,
    content_words,
    goal_question,
    industry_key,
    industry_matches,
    merge_banks,
    near_duplicates,
    question_intent,
    select_questions,
    work_of,
)

from .conftest import EXAMPLE_CONTENT, build_site, write

ROOT = Path(__file__).resolve().parent.parent
SECOND = ROOT / "tests/data/second-guide/content"


@pytest.fixture(scope="module")
def example() -> Corpus:
    corpus = CorpusLoader().load(EXAMPLE_CONTENT)
    assert corpus.errors == []
    return corpus


@pytest.fixture(scope="module")
def second() -> Corpus:
    corpus = CorpusLoader().load(SECOND)
    assert corpus.errors == []
    return corpus


def select(corpus: Corpus, cid: str, **changes: Any) -> Selection:
    contact = corpus.contacts[cid]
    if changes:
        contact = contact.model_copy(update=changes)
    org = corpus.organization_of(contact)
    return select_questions(merge_banks(corpus.questions), corpus.profile, contact, org)


def texts(selection: Selection) -> list[str]:
    return [q.text for q in selection.questions]


def every_selection(example: Corpus, second: Corpus) -> list[tuple[Corpus, str, Selection]]:
    return [
        (corpus, cid, select(corpus, cid))
        for corpus in (example, second)
        for cid in sorted(corpus.contacts)
    ]


# ---------------------------------------------------------------------------
# Goals become questions


@pytest.mark.parametrize(
    ("goal", "pronouns", "question"),
    [
        (
            "Hear how he combined finance and data work",
            "he/him",
            "How did you combine finance and data work?",
        ),
        (
            "Learn whether a master's degree in public health is necessary for analyst roles",
            "he/him",
            "How necessary is a master's degree in public health for analyst roles?",
        ),
        (
            "Ask what his team looks for when it hires analysts",
            "he/him",
            "What does your team look for when it hires analysts?",
        ),
        (
            "Understand how she moved from accounting into health data",
            "she/her",
            "How did you move from accounting into health data?",
        ),
        (
            "Ask whether her team hires people without a statistics degree",
            "she/her",
            "How often does your team hire people without a statistics degree?",
        ),
        (
            "Hear what their fellowship projects look like week to week",
            "they/them",
            "What do your fellowship projects look like week to week?",
        ),
        (
            "Understand whether they were able to study part-time while working",
            None,
            "How did you decide whether to study part-time while working?",
        ),
        (
            "Learn whether his clients value an audit background",
            "he/him",
            "How much do your clients value an audit background?",
        ),
        (
            "Learn what a research team inside an insurer actually does",
            None,
            "What does a research team inside an insurer actually do?",
        ),
        (
            "Learn how the lab recruits and protects patient participants",
            None,
            "How does the lab recruit and protect patient participants?",
        ),
        (
            "Understand how much design and research work really happens inside informatics",
            None,
            "How much design and research work really happens inside informatics?",
        ),
        (
            "Ask whether I could observe one of the design sessions",
            None,
            "How could I observe one of the design sessions?",
        ),
        (
            "Understand how Clearpath's lab works and who staffs it",
            None,
            "How does Clearpath's lab work?",
        ),
        ("Learn about the fellowship", None, "What can you tell me about the fellowship?"),
        (
            "Find out whether the content role is still a realistic stepping stone",
            None,
            "What is your sense of whether the content role is still a realistic stepping stone?",
        ),
        # Already a question: your words are kept (in the second person).
        ("What does he wish he had known?", "he/him", "What do you wish you had known?"),
        ("How do you pick projects?", None, "How do you pick projects?"),
        # Not a question at all: not asked.
        ("Reconnect, and finally send the checklist", None, None),
    ],
)
def test_goal_question(goal: str, pronouns: str | None, question: str | None) -> None:
    contact = Contact.model_validate({"id": "x", "name": "Sam Rivera", "pronouns": pronouns})
    assert goal_question(goal, contact) == question


def test_every_goal_of_both_guides_reads_as_an_open_question(
    example: Corpus, second: Corpus
) -> None:
    import prepguide.lint as lint

    for corpus in (example, second):
        for contact in corpus.contacts.values():
            for goal in contact.goals:
                question = goal_question(goal, contact, corpus.profile)
                if question is None:
                    continue
                assert question.endswith("?") and question[0].isupper(), question
                # the person frame: the contact is "you", never "he"/"she"/"they"
                assert not re.search(r"\b(he|she|his|him|hers)\b", question, re.I), question
                result = lint.lint_question(question)
                assert result.label == "open" and not result.flags, (question, result)


def test_a_short_call_asks_both_goals(second: Corpus) -> None:
    chosen = select(second, "samuel-okoro")  # 15 minutes: room for 2 and the referral
    assert texts(chosen) == [
        "How do you decide which questions the surveillance data can answer?",
        "How necessary is a master's degree in public health for analyst roles?",
        "Who else, at Riverbend County Department of Public Health and Environment or "
        "elsewhere, would you suggest I talk to?",
    ]
    assert [q.source for q in chosen.questions[:2]] == ["goal", "goal"]


def test_goals_come_before_bank_questions(example: Corpus, second: Corpus) -> None:
    # Where the bank filled some of the room, every goal that reads as a question is
    # listed (unless it repeats one of your own questions).
    for corpus, cid, chosen in every_selection(example, second):
        contact = corpus.contacts[cid]
        bank = [q for q in chosen.questions[:-1] if q.source in ("bank", "builtin")]
        if not [q for q in bank if question_intent(q.text) != "feasibility"]:
            continue
        goals = {q.text for q in chosen.questions if q.source == "goal"}
        asked = [goal_question(g, contact, corpus.profile) for g in contact.goals]
        yours = [q.text for q in chosen.questions if q.source == "yours"]
        for question in filter(None, asked):
            assert question in goals or _clashes(question, yours), (cid, question)


def _clashes(text: str, others: list[str]) -> bool:
    words = content_words(text)
    return any(near_duplicates(words, content_words(o)) for o in others)


def test_goals_that_do_not_fit_lead_the_backups(example: Corpus) -> None:
    # 15 minutes and two questions of your own: no room left for the goals.
    chosen = select(example, "colette-varga")
    assert not any(q.source == "goal" for q in chosen.questions)
    goals = [q for q in chosen.backups if q.source == "goal"]
    assert "How do you weigh clinical experience against research experience when hiring?" in [
        q.text for q in goals
    ]
    assert "did not fit" in chosen.note


def test_derek_and_grace_get_their_goals(second: Corpus) -> None:
    derek = texts(select(second, "derek-haugen"))
    assert "How did you combine finance and data work?" in derek
    assert "What does your team look for when it hires analysts?" in derek
    grace = texts(select(second, "grace-lund"))
    assert "How did you move from accounting into health data?" in grace


# ---------------------------------------------------------------------------
# Feasibility and timing


def test_every_talk_of_20_minutes_asks_one_feasibility_question(
    example: Corpus, second: Corpus
) -> None:
    for corpus, cid, chosen in every_selection(example, second):
        feasibility = [q for q in chosen.questions if question_intent(q.text) == "feasibility"]
        if corpus.contacts[cid].meeting.duration >= FEASIBILITY_MINUTES:
            assert len(feasibility) == 1, (cid, texts(chosen))
            assert feasibility[0].topic == "timing"
        else:
            assert len(feasibility) <= 1


def test_a_feasibility_question_of_yours_is_enough(second: Corpus) -> None:
    mine = "Given where I am now, what would a realistic first step look like?"
    chosen = select(second, "kai-nakashima", questions=[mine])
    feasibility = [q for q in chosen.questions if question_intent(q.text) == "feasibility"]
    assert [q.text for q in feasibility] == [mine]


# ---------------------------------------------------------------------------
# No near-duplicates


def test_no_two_questions_in_a_list_ask_the_same_thing(example: Corpus, second: Corpus) -> None:
    week = re.compile(r"\b(typical|usual) week\b|\bweek to week\b|\bone week to the next\b")
    origin = re.compile(r"\bhow did you get started\b|\bwhat led you\b|\bfind your way\b")
    for corpus, cid, chosen in every_selection(example, second):
        contact = corpus.contacts[cid]
        org = corpus.organization_of(contact)
        names = frozenset(fold(contact.name + " " + (org.name if org else "")).split())
        listed = [q for q in chosen.questions if q.source != "yours"]
        assert sum(bool(week.search(q.text)) for q in chosen.questions) <= 1, cid
        assert sum(bool(origin.search(q.text)) for q in chosen.questions) <= 1, cid
        for a, b in itertools.combinations(listed, 2):
            intent = question_intent(a.text)
            assert intent is None or intent != question_intent(b.text), (cid, a.text, b.text)
            words = content_words(a.text, names), content_words(b.text, names)
            assert not near_duplicates(*words) or (a.source == "goal" and b.source == "goal"), (
                cid,
                a.text,
                b.text,
            )
        backups = {q.text for q in chosen.backups}
        assert not backups & {q.text for q in chosen.questions}


def test_a_week_goal_replaces_the_typical_week_question(second: Corpus) -> None:
    chosen = texts(select(second, "kai-nakashima"))
    assert "What do your fellowship projects look like week to week?" in chosen
    assert not any("typical week" in t for t in chosen)


def test_a_long_talk_has_one_how_did_you_get_here_question() -> None:
    org = Organization.model_validate(
        {"id": "acme", "name": "Acme", "industry": "Technology", "size": "about 200 people"}
    )
    contact = Contact.model_validate(
        {
            "id": "x",
            "name": "Sam Rivera",
            "organization": "acme",
            "role": "Research Lead",
            "meeting": {"duration": 60},
        }
    )
    chosen = select_questions(merge_banks(), None, contact, org)
    groups = [
        q.id
        for q in chosen.questions
        if q.id
        in {
            "path-start",
            "path-steps",
            "path-current-role",
            "path-joined-org",
            "path-technology",
            "rapport-drawn-to-org",
            "rapport-drawn-to-role",
            "path-turning-point",
        }
    ]
    assert len(groups) == 1, texts(chosen)
    weeks = [q.id for q in chosen.questions if q.id.startswith(("role-typical", "role-title"))]
    assert len(weeks) <= 1


# ---------------------------------------------------------------------------
# Your closed question, marked


def test_your_closed_question_is_marked_with_a_rewrite(example: Corpus) -> None:
    closed = "Do you enjoy working on the research team?"
    chosen = select(example, "oliver-brandt", questions=[closed])
    mine = next(q for q in chosen.questions if q.source == "yours")
    assert mine.text == closed
    assert mine.mark == "closed"
    assert mine.rewrite and mine.rewrite.endswith("?") and mine.rewrite != closed
    open_ = select(example, "oliver-brandt")
    assert all(q.mark is None for q in open_.questions)


def test_the_page_shows_the_mark_and_the_rewrite(guide: Path) -> None:
    path = guide / "content/contacts/oliver-brandt.yml"
    text = path.read_text(encoding="utf-8")
    assert "questions:\n" in text
    text = text.replace(
        "questions:\n", "questions:\n  - Do you enjoy working on the research team?\n"
    )
    write(path, text)
    site = build_site(guide)
    page = (site / "contacts/oliver-brandt/index.html").read_text(encoding="utf-8")
    item = re.search(r"<li>Do you enjoy working on the research team\?.*?</li>", page, re.S)
    assert item is not None
    assert "pg-mark-closed" in item.group(0)
    assert "try: “What" in html.unescape(item.group(0))


# ---------------------------------------------------------------------------
# The workplace, from the data


def test_industry_comes_from_the_main_word_of_the_industry_field() -> None:
    assert industry_key("Insurance") == "finance"
    assert industry_key("Health insurance") == "finance"
    assert industry_key("Health technology") == "technology"
    assert industry_key("Public health") == "public-sector"
    assert industry_key("Consulting") is None
    assert industry_key("Health care") == "health-care"
    insurer = Organization.model_validate(
        {"id": "b", "name": "Bluestem Health", "industry": "Health insurance"}
    )
    assert not industry_matches(["health"], insurer)
    assert not industry_matches(["health-care"], insurer)
    assert industry_matches(["finance"], insurer)


def test_work_comes_from_industry_size_and_role(second: Corpus) -> None:
    def work(cid: str) -> Any:
        contact = second.contacts[cid]
        return work_of(contact, second.organization_of(contact))

    assert work("tobias-lindgren").alone and not work("tobias-lindgren").team
    assert work("tobias-lindgren").consultancy
    assert work("rosa-whitfield").team and not work("rosa-whitfield").clinical
    assert not work("derek-haugen").clinical  # health technology
    assert not work("samuel-okoro").clinical  # public health
    hospital = Organization.model_validate(
        {"id": "h", "name": "Northway", "industry": "Hospital", "size": "about 900 staff"}
    )
    nurse = Contact.model_validate({"id": "n", "name": "Kim Lee", "role": "Charge Nurse"})
    assert work_of(nurse, hospital).clinical
    freelancer = Contact.model_validate(
        {"id": "f", "name": "Ana Ruiz", "role": "Freelance data analyst"}
    )
    assert work_of(freelancer, None).alone


_TEAM = re.compile(
    r"\byour team\b|\bteams?\b|\bwhere you work\b|\bpeople you work with\b|\bculture\b"
    r"|\bcolleagues\b|\bsomeone thinking of joining\b|\bat [A-Z][^,?]* or elsewhere\b"
)
_WARD = re.compile(r"\bclinical\b|\bward\b|\bstaffing\b|\bpatients?\b")


def test_a_sole_consultant_gets_no_team_or_ward_questions(second: Corpus) -> None:
    chosen = select(second, "tobias-lindgren")
    bank = [q.text for q in chosen.questions + chosen.backups if q.source == "builtin"]
    assert bank
    assert not [t for t in bank if _TEAM.search(t) or _WARD.search(t)]
    # with a long meeting too, where the bank fills more room
    longer = select(
        second,
        "tobias-lindgren",
        meeting=second.contacts["tobias-lindgren"].meeting.model_copy(update={"duration": 60}),
    )
    bank = [q.text for q in longer.questions + longer.backups if q.source == "builtin"]
    assert not [t for t in bank if _TEAM.search(t) or _WARD.search(t)]


def test_an_insurer_and_a_health_data_company_get_no_ward_questions(second: Corpus) -> None:
    for cid in ("rosa-whitfield", "derek-haugen", "samuel-okoro", "kai-nakashima"):
        chosen = select(
            second,
            cid,
            meeting=second.contacts[cid].meeting.model_copy(update={"duration": 90}),
        )
        every = [q.text for q in chosen.questions + chosen.backups if q.source == "builtin"]
        assert not [t for t in every if _WARD.search(t)], cid
    rosa = select(second, "rosa-whitfield")
    assert any(q.id.endswith("finance") for q in rosa.questions + rosa.backups)


def test_a_hospital_still_gets_clinical_questions() -> None:
    hospital = Organization.model_validate(
        {"id": "h", "name": "Northway", "industry": "Hospital", "size": "about 900 staff"}
    )
    nurse = Contact.model_validate(
        {
            "id": "n",
            "name": "Kim Lee",
            "organization": "h",
            "role": "Charge Nurse",
            "meeting": {"duration": 90},
        }
    )
    chosen = select_questions(merge_banks(), None, nurse, hospital)
    assert any(_WARD.search(q.text) for q in chosen.questions + chosen.backups)
