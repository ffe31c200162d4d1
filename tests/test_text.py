"""The English of generated texts (prepguide.text): person, case, articles, names, lists."""

from __future__ import annotations

import pytest

from prepguide.text import (
    article,
    mid_sentence,
    role_phrase,
    short_name,
    to_second_person,
    to_third_person,
)


@pytest.mark.parametrize(
    ("fragment", "pronouns", "expected"),
    [
        ("Hear how he combined finance and data work", "he/him", "Hear how you combined"),
        ("Ask what his team looks for", "he/him", "Ask what your team looks for"),
        ("she studied with the department's practice set", "she/her", "you studied with"),
        ("Ask who she knows in public-sector design", "she/her", "Ask who you know"),
        ("Learn how she weighs clinical experience", "she/her", "how you weigh clinical"),
        ("Hear what their projects look like", "they/them", "what your projects look like"),
        ("they were hired in 2020", None, "you were hired in 2020"),
        ("Does he still teach?", "he/him", "Do you still teach?"),
        ("I thanked her.", "she/her", "I thanked you."),
        ("I asked her team", "she/her", None),  # "her" after "asked": you or your?
        ("We met after her talk", "she/her", "after your talk"),
        ("The idea was his.", "he/him", "The idea was yours."),
        ("He's been there since 2019", "he/him", "You've been there since 2019"),
        ("She's kind", "she/her", "You're kind"),
    ],
)
def test_third_person_about_the_contact_becomes_second_person(
    fragment: str, pronouns: str | None, expected: str | None
) -> None:
    result = to_second_person(fragment, pronouns)
    if expected is None:
        assert result.text is None and result.reason
    else:
        assert result.text is not None and expected in result.text


def test_the_users_name_becomes_first_person_and_shared_pronouns_are_not_guessed() -> None:
    said = to_second_person(
        "She offered to introduce Maren to Rosa", "she/her", user_name="Maren Oduya"
    )
    assert said.text == "You offered to introduce me to Rosa"
    # the user is she/her too: a "she" after the user's name may be either of them
    unsure = to_second_person(
        "Maren said she would write", "she/her", user_name="Maren Oduya", user_pronouns="she/her"
    )
    assert unsure.text is None


def test_unknown_pronouns_are_never_declined() -> None:
    assert to_second_person("Ask xem about xyr work", "xe/xem").text is None
    assert to_second_person("Ask about the team", "xe/xem").text == "Ask about the team"


def test_first_person_becomes_third_for_a_forwarded_note() -> None:
    assert (
        to_third_person(
            "whether my habits carry over, and what I would need to learn first",
            "Maren Oduya",
            "she/her",
        ).text
        == "whether her habits carry over, and what Maren would need to learn first"
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("MPH", "an"),
        ("UX", "a"),
        ("RN", "an"),
        ("hour", "an"),
        ("university", "a"),
        ("MBA", "an"),
        ("auditor", "an"),
        ("CPA", "a"),
        ("FAQ", "an"),
        ("European", "a"),
    ],
)
def test_a_or_an_by_sound(word: str, expected: str) -> None:
    assert article(word) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            "Audit manager and CPA exploring public-health data analysis",
            "an audit manager and CPA exploring public-health data analysis",
        ),
        ("High-school chemistry teacher", "a high-school chemistry teacher"),
        ("School nurse", "a school nurse"),
        ("Head of Data", "Head of Data"),
        ("Director of Finance and Data", "Director of Finance and Data"),
        ("Chief Nursing Officer", "Chief Nursing Officer"),
        ("UX researcher", "a UX researcher"),
        ("MPH candidate and data fellow", "an MPH candidate and data fellow"),
        ("Mayo Clinic nurse educator", "a Mayo Clinic nurse educator"),
        ("Senior Data Analyst, Population Health", "a Senior Data Analyst"),
    ],
)
def test_roles_mid_sentence(role: str, expected: str) -> None:
    assert role_phrase(role) == expected


def test_mid_sentence_keeps_acronyms_and_proper_nouns() -> None:
    assert mid_sentence("CPA and auditor") == "CPA and auditor"
    assert mid_sentence("Mayo Clinic") == "Mayo Clinic"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Northfield Institute for Health Metrics and Evaluation (NIHME)", "NIHME"),
        ("Halvard Health Analytics, Inc.", "Halvard Health Analytics"),
        ("Lindgren Public Health Analytics LLC", "Lindgren Public Health Analytics"),
        ("Acme Ltd", "Acme"),
        (
            "Riverbend County Department of Public Health and Environment",
            "Riverbend County Public Health and Environment",
        ),
        ("Cedar Ridge Health", "Cedar Ridge Health"),
    ],
)
def test_short_organization_names(name: str, expected: str) -> None:
    assert short_name(name) == expected


def test_one_place_for_the_differences_question_templates_rely_on() -> None:
    """common_ground's copies of clause/with_article/join_words/lower_first became
    keyword arguments and with_article_simple in prepguide.text (issue 18)."""
    from prepguide.text import clause, join_words, lower_first, with_article, with_article_simple

    assert clause("Why now?!") == "Why now"
    assert clause("Why now?!", keep_question=True) == "Why now?"
    assert (with_article("NGOs office"), with_article_simple("NGOs office")) == (
        "an NGOs office",
        "a NGOs office",
    )
    assert with_article_simple("each team") == "an each team"
    assert join_words(["rowing", ""]) == "rowing"
    assert join_words(["rowing", ""], keep_empty=True) == "rowing and "
    assert lower_first("   ") == "   "  # common_ground's copy raised IndexError
