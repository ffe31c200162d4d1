"""The texts prepguide writes in the user's name, read aloud (issue 14).

Two guides in different fields: tests/data/second-guide (Maren, an audit
manager exploring public-health data analysis; seven contacts: cold,
alumna, lapsed colleague, through a friend, conference, online, already
met) and the bundled example (Adaora, an ICU nurse). Each test reads the
rendered text of a contact and asserts what a careful reader would check:
the person (the contact is "you", the user "I"), case and articles of
headlines and roles, topics from the goals, and the real connection story.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pytest

from prepguide.cli import load_guide, main
from prepguide.tailor.prep import Prep, build_prep

ROOT = Path(__file__).resolve().parent.parent
SECOND = ROOT / "tests/data/second-guide"


@functools.cache
def _preps(root: Path) -> dict[str, Prep]:
    old = Path.cwd()
    os.chdir(root)
    try:
        guide, corpus = load_guide()
    finally:
        os.chdir(old)
    return {cid: build_prep(corpus, c, guide.options) for cid, c in corpus.contacts.items()}


def second(cid: str) -> Prep:
    return _preps(SECOND)[cid]


def example(cid: str) -> Prep:
    return _preps(ROOT)[cid]


def every_text(prep: Prep) -> list[str]:
    drafts = [prep.outreach, prep.thank_you, prep.follow_up, prep.referral_thanks]
    drafts += [d for d in (prep.intro_request, prep.forwardable) if d is not None]
    return [prep.intro.text] + [d.body for d in drafts] + [d.subject or "" for d in drafts]


SECOND_IDS = [
    "samuel-okoro",
    "grace-lund",
    "derek-haugen",
    "priya-castellanos",
    "rosa-whitfield",
    "tobias-lindgren",
    "kai-nakashima",
]

# Pronouns of the contact that must never reach a text spoken or sent to them.
_THIRD = {
    "he": re.compile(r"\b(he|him|his|himself)\b", re.IGNORECASE),
    "she": re.compile(r"\b(she|her|hers|herself)\b", re.IGNORECASE),
    "they": re.compile(r"\b(they|them|their|theirs|themselves)\b", re.IGNORECASE),
}


def third_person(prep_cid: str, root: Path) -> re.Pattern[str]:
    old = Path.cwd()
    os.chdir(root)
    try:
        _, corpus = load_guide()
    finally:
        os.chdir(old)
    pronouns = (corpus.contacts[prep_cid].pronouns or "they").split("/")[0].strip().casefold()
    return _THIRD[pronouns]


# --- 1. grammatical person ------------------------------------------------------


@pytest.mark.parametrize("cid", SECOND_IDS)
def test_no_text_to_a_contact_speaks_of_them_in_the_third_person(cid: str) -> None:
    prep = second(cid)
    pattern = third_person(cid, SECOND)
    for text in [prep.intro.text, prep.outreach.body, prep.thank_you.body]:
        spoken = re.sub(r"\[[^\]]*\]", "", text)  # marked blanks are notes to you
        assert not pattern.search(spoken), (cid, text)


def test_goals_written_as_private_notes_are_said_to_the_contact() -> None:
    assert "I'm hoping to hear how you combined finance and data work." in (
        second("derek-haugen").intro.text
    )
    assert "I'm hoping to understand how you moved from accounting into health data." in (
        second("grace-lund").intro.text
    )
    # they/them, and no pronouns at all (Rosa): the same
    assert "I'm hoping to hear what your fellowship projects look like week to week." in (
        second("kai-nakashima").intro.text
    )
    assert "I'm hoping to learn how you use claims data to choose members for care management." in (
        second("rosa-whitfield").intro.text
    )


def test_thank_you_quotes_a_note_in_the_second_person() -> None:
    assert second("priya-castellanos").thank_you.body == (
        "Hi Priya,\n\n"
        "Thank you for taking the time to talk with me on Saturday. One thing that stayed "
        "with me: you studied with the department's practice set before your MPH; you say it "
        "is the fastest way to learn R.\n\n"
        "Thank you also for suggesting I speak with Rosa Whitfield.\n\n"
        "Your advice has given me a clearer next step, and I'll let you know how it goes.\n\n"
        "Best wishes,\nMaren Oduya"
    )


def test_lapsed_colleague_is_reminded_how_you_know_each_other() -> None:
    expected = (
        "It has been a while since we last spoke, in March 2020. As a reminder, we worked on "
        "the same audit team at Holloway Brandt from 2013 to 2017; you taught me how to write "
        "an audit program."
    )
    prep = second("derek-haugen")
    assert expected in prep.intro.text
    assert expected in prep.outreach.body


def test_forwarded_note_stays_in_the_third_person() -> None:
    blurb = second("rosa-whitfield").forwardable
    assert blurb is not None
    assert blurb.body.startswith(
        "Maren Oduya is an audit manager and CPA exploring public-health data analysis. "
        "Maren wants to find out whether an auditor's habits carry over to public-health data "
        "analysis, and what she would need to learn first."
    )
    assert not re.search(r"\b(I|my|me)\b", blurb.body)


def test_example_guide_speaks_to_each_contact() -> None:
    assert "how you weigh clinical experience" in " ".join(every_text(example("colette-varga")))
    for cid in ("anais-thibodeaux", "colette-varga", "jonah-nakamura-reid", "ines-carvalho"):
        prep = example(cid)
        pattern = third_person(cid, ROOT)
        for text in (prep.intro.text, prep.outreach.body, prep.thank_you.body):
            spoken = re.sub(r"\[[^\]]*\]", "", text)  # marked blanks are notes to you
        assert not pattern.search(spoken), (cid, text)


# --- 2. case and articles --------------------------------------------------------


def test_headline_is_lower_case_mid_sentence_and_its_verb_is_not_repeated() -> None:
    intro = second("samuel-okoro").intro.text
    assert "I'm Maren Oduya, an audit manager and CPA exploring public-health data analysis." in (
        intro
    )
    assert "Audit manager and CPA" not in intro
    assert "I'm exploring" not in intro
    assert "Above all, I want to find out whether an auditor's habits carry over" in intro
    assert "I'm Adaora Lindqvist, an ICU nurse exploring a move into UX research." in (
        example("colette-varga").intro.text + example("colette-varga").outreach.body
    )


def test_roles_take_the_right_article_or_none() -> None:
    assert "your perspective as Head of Data" in second("grace-lund").outreach.body
    assert "as a Head of Data" not in " ".join(every_text(second("grace-lund")))
    assert "your perspective as an MPH candidate and data fellow" in (
        second("kai-nakashima").outreach.body
    )
    assert "your work as a biostatistician" in second("priya-castellanos").intro.text


# --- 6. emails with hooks ----------------------------------------------------------


def test_topics_come_from_the_goals_and_differ_between_emails() -> None:
    assert (
        "I'd love to hear how you decide which questions the surveillance data can answer and "
        "whether a master's degree in public health is necessary for analyst roles."
        in second("samuel-okoro").outreach.body  # a cold email gets topics
    )
    topic_lines = set()
    for cid in SECOND_IDS:
        found = re.search(r"I'd love to hear [^.]*\.", second(cid).outreach.body)
        assert found, cid
        topic_lines.add(found.group())
    assert len(topic_lines) == len(SECOND_IDS)
    assert all("day to day" not in line for line in topic_lines)


def test_the_real_story_replaces_the_generic_line() -> None:
    conference = second("tobias-lindgren")
    said = (
        "We talked after your session on Medicaid claims data at the 2026 Midwest Public "
        "Health Data Summit in Madison."
    )
    assert said in conference.outreach.body and said in conference.intro.text
    online = second("kai-nakashima")
    said = (
        "We met in the Public Health Data Careers Slack group, where you answered my "
        "question about SAS versus R."
    )
    assert said in online.outreach.body and said in online.intro.text
    for cid in SECOND_IDS:
        body = second(cid).outreach.body
        assert "We met at a conference" not in body and "We connected online" not in body
    assert (
        second("samuel-okoro")
        .outreach.body.split("\n\n")[1]
        .startswith("I found your name on the methods page of the county's overdose dashboard.")
    )
    assert "Priya worked with you on a claims study in 2025" in (
        second("rosa-whitfield").outreach.body
    )


def test_common_ground_and_story_survive_the_length_aim() -> None:
    for cid in SECOND_IDS:
        prep = second(cid)
        assert prep.outreach.words <= 150
        spoken = [p.spoken for p in prep.common_ground if p.kind != "mutual" and p.spoken]
        if spoken:
            assert spoken[0] in prep.outreach.body, cid
    assert "Thank you for considering it, and no worries" not in (
        second("samuel-okoro").outreach.body
    )


def test_long_organization_names_are_shortened_in_subjects_and_sentences() -> None:
    assert second("grace-lund").outreach.subject == (
        "A 20-minute conversation about your work at NIHME"
    )
    assert second("tobias-lindgren").outreach.subject == (
        "A 20-minute conversation about your work at Lindgren Public Health Analytics"
    )
    for cid in SECOND_IDS:
        for text in every_text(second(cid)):
            assert "LLC" not in text and "Inc." not in text and "(NIHME)" not in text


# --- check and intro show the conversion -------------------------------------------


def _copy_second(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(SECOND, tmp_path / "guide")
    return tmp_path / "guide"


def test_intro_command_shows_how_goals_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_copy_second(tmp_path))
    assert main(["intro", "derek-haugen"]) == 0
    out = capsys.readouterr().out
    assert (
        'content/contacts/derek-haugen.yml:25:5: goals[0]: "Hear how he combined finance and '
        'data work" -> "Hear how you combined finance and data work"'
    ) in out


def test_check_warns_at_the_line_of_an_ambiguous_goal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = _copy_second(tmp_path)
    path = guide / "content/contacts/grace-lund.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "  - Ask whether her team hires people without a statistics degree",
            "  - Ask her questions about the data team",
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(guide)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "Ask her q" in t)
    assert f"content/contacts/grace-lund.yml:{line}:5: warning: `goals[1]`: left out" in out
    assert '"her" after "Ask" could mean "you" or "your"' in out
    assert "Ask you questions" not in " ".join(every_text(second("grace-lund")))


def test_second_guide_checks_clean(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(SECOND)
    assert main(["check"]) == 0
    assert "warning" not in capsys.readouterr().out
