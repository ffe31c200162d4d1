"""Common ground between the profile and a contact."""

from __future__ import annotations

from typing import Any

import pytest

from prepguide.guide.corpus import Corpus
from prepguide.read.model import Contact, Organization, Profile
from prepguide.tailor.common_ground import (
    career_field,
    find_common_ground,
    organization_key,
    same_field,
    split_transition,
)
from prepguide.text import first_item, strip_markdown, with_article_simple


def profile(**fields: Any) -> Profile:
    return Profile.model_validate({"name": "Adaora Lindqvist", **fields})


def person(**fields: Any) -> Contact:
    return Contact.model_validate({"id": "x", "name": "Sam Rivera", **fields})


def corpus(*contacts: Contact, orgs: tuple[Organization, ...] = ()) -> Corpus:
    return Corpus(
        organizations={o.id: o for o in orgs},
        contacts={c.id: c for c in contacts},
    )


def kinds(points: Any) -> list[str]:
    return [p.kind for p in points]


def test_same_school_and_years_apart() -> None:
    you = profile(education=[{"school": "Lakeshore State University", "year": 2016}])
    them = person(
        background={"education": [{"school": "lakeshore state university", "year": 2012}]}
    )
    (point,) = find_common_ground(you, them, corpus())
    assert point.kind == "school"
    assert "Lakeshore State University" in point.sentence
    assert "2012, 4 years before you" in point.sentence
    assert "4 years before me" in point.spoken


def test_same_school_same_year_and_field_is_stronger() -> None:
    you = profile(education=[{"school": "Kestrel College", "field": "Nursing", "year": 2016}])
    close = person(
        background={"education": [{"school": "Kestrel College", "field": "nursing", "year": 2016}]}
    )
    far = person(background={"education": [{"school": "Kestrel College", "year": 1990}]})
    (near_point,) = find_common_ground(you, close, corpus())
    (far_point,) = find_common_ground(you, far, corpus())
    assert near_point.strength > far_point.strength
    assert "same year (2016)" in near_point.sentence
    assert "nursing" in near_point.sentence
    assert not any(p.kind == "field" for p in find_common_ground(you, close, corpus()))


def test_same_employer_by_id_or_normalized_name() -> None:
    acme = Organization.model_validate({"id": "acme", "name": "The Acme Company, Inc."})
    you = profile(experience=[{"organization": "acme", "start": 2015, "end": 2018}])
    by_name = person(
        background={"experience": [{"organization": "ACME company", "start": 2017, "end": 2020}]}
    )
    points = find_common_ground(you, by_name, corpus(orgs=(acme,)))
    assert kinds(points) == ["employer"]
    assert "The Acme Company, Inc." in points[0].sentence
    assert "from 2017 to 2018" in points[0].sentence
    works_there = person(organization="acme")
    (point,) = find_common_ground(you, works_there, corpus(orgs=(acme,)))
    assert point.kind == "employer"
    assert "where you used to work" in point.sentence


def test_both_working_there_now() -> None:
    you = profile(experience=[{"organization": "Cedar Ridge Health", "start": 2019}])
    them = person(
        background={
            "experience": [
                {"organization": "Cedar Ridge Health LLC", "start": 2017, "end": "present"}
            ]
        }
    )
    (point,) = find_common_ground(you, them, corpus())
    assert point.sentence == "You and Sam both work at Cedar Ridge Health, together since 2019."


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Acme, Inc.", "acme"),
        ("ACME LLC", "acme"),
        ("The Acme Corporation", "acme"),
        ("Harbor & Finch Ltd", "harbor and finch"),
        ("Zoë's Café GmbH", "zoes cafe"),
    ],
)
def test_organization_key(name: str, key: str) -> None:
    assert organization_key(name) == key


def test_same_field_at_different_schools() -> None:
    you = profile(education=[{"school": "A College", "field": "Statistics"}])
    them = person(background={"education": [{"school": "B University", "field": "statistics"}]})
    (point,) = find_common_ground(you, them, corpus())
    assert point.kind == "field"
    assert point.sentence == "You and Sam both studied statistics."


def test_shared_city_and_region() -> None:
    you = profile(locations=["Minneapolis, Minnesota", "Duluth, Minnesota"])
    (city,) = find_common_ground(you, person(location="Remote (Duluth, Minnesota)"), corpus())
    assert city.kind == "city"
    assert "Duluth" in city.sentence
    (region,) = find_common_ground(you, person(location="Saint Paul, Minnesota"), corpus())
    assert region.kind == "city"
    assert "Minnesota" in region.sentence
    assert region.strength < city.strength
    assert find_common_ground(you, person(location="Lyon, France"), corpus()) == ()


def test_a_region_in_brackets_is_named_as_written() -> None:
    """Brackets separate place names like parentheses (a crash found by the hostile-guide
    property test: the region was found but could not be named)."""
    you = profile(locations=["Zed [Minnesota]"])
    (region,) = find_common_ground(you, person(location="Saint Paul [Minnesota]"), corpus())
    assert region.sentence.startswith("You and Sam both know Minnesota:")


def test_shared_interests_are_normalized() -> None:
    you = profile(interests=["Trail running", "Plain-language health information", "Chess"])
    them = person(background={"interests": ["trail-running", "plain language health information!"]})
    (point,) = find_common_ground(you, them, corpus())
    assert point.kind == "interest"
    assert "trail running and plain-language health information" in point.sentence


def test_the_same_career_change() -> None:
    you = profile(headline="ICU nurse exploring UX research", goal="how nurses move into UX")
    same = person(background={"transition": "ICU nursing to UX research"})
    (point,) = find_common_ground(you, same, corpus())
    assert point.kind == "transition"
    assert point.strength >= 80
    assert "made the move you are considering" in point.sentence
    leaving = person(background={"transition": "pediatric nursing to program management"})
    (left,) = find_common_ground(you, leaving, corpus())
    assert left.kind == "transition" and left.strength < point.strength
    assert left.sentence == "You and Sam both started out in nursing."
    unrelated = person(background={"transition": "law to carpentry"})
    assert find_common_ground(you, unrelated, corpus()) == ()


def test_mutual_connection_names_the_introducer() -> None:
    anais = Contact.model_validate({"id": "anais", "name": "Anaïs Thibodeaux"})
    marcus = person(id="marcus", connection={"via": "anais"})
    (point,) = find_common_ground(profile(), marcus, corpus(anais, marcus))
    assert point.kind == "mutual"
    assert point.sentence.startswith("You both know Anaïs Thibodeaux")
    # Even in a playbook (no profile) a mutual connection is a fact of the data.
    assert kinds(find_common_ground(None, marcus, corpus(anais, marcus))) == ["mutual"]


def test_points_are_ranked_by_strength() -> None:
    anais = Contact.model_validate({"id": "anais", "name": "Anaïs Thibodeaux"})
    you = profile(
        headline="ICU nurse exploring UX research",
        education=[{"school": "Lakeshore", "field": "Nursing", "year": 2016}],
        experience=[{"organization": "Cedar Ridge", "start": 2019}],
        locations=["Minneapolis, Minnesota"],
        interests=["accessibility"],
    )
    them = person(
        location="Minneapolis, Minnesota",
        connection={"via": "anais"},
        background={
            "education": [
                {"school": "Lakeshore", "year": 2010},
                {"school": "Other", "field": "nursing"},
            ],
            "experience": [{"organization": "Cedar Ridge", "start": 2015, "end": 2018}],
            "interests": ["Accessibility"],
            "transition": "ICU nursing to UX research",
        },
    )
    points = find_common_ground(you, them, corpus(anais, them))
    assert kinds(points) == [
        "mutual",
        "transition",
        "school",
        "employer",
        "field",
        "city",
        "interest",
    ]
    strengths = [p.strength for p in points]
    assert strengths == sorted(strengths, reverse=True)
    assert all(p.sentence.endswith(".") and p.spoken for p in points)


def test_no_profile_no_common_ground() -> None:
    assert find_common_ground(None, person(location="Minneapolis"), corpus()) == ()


def test_text_helpers() -> None:
    # Common ground's sentences put articles with the simpler rules (prepguide.text).
    assert with_article_simple("ICU nurse") == "an ICU nurse"
    assert with_article_simple("UX researcher") == "a UX researcher"
    assert with_article_simple("engineer") == "an engineer"
    assert with_article_simple("university lecturer") == "a university lecturer"
    assert with_article_simple("the head of design") == "the head of design"
    assert split_transition("From nursing to UX research.") == ("nursing", "UX research")
    assert split_transition("law → carpentry") == ("law", "carpentry")
    assert split_transition("a career change") is None
    assert strip_markdown("**Bold** and [a link](https://x.example) and `code`") == (
        "Bold and a link and code"
    )
    notes = "- First point, with **emphasis**. Second sentence.\n- Next bullet"
    assert first_item(notes) == "First point, with emphasis."


# --- the same move only when both ends match (issue 14 item 4) ----------------------------------

SAME_FIELD = [
    ("audit", "government accounting"),
    ("Audit manager", "tax accounting"),
    ("CPA", "accounting"),
    ("an auditor", "Accountants"),
    ("ICU nurse", "pediatric nursing"),
    ("Registered Nurse, Medical ICU", "bedside nursing"),
    ("nursing", "Nurses"),
    ("UX research", "user research"),
    ("a UX researcher", "User experience research"),
    ("UX research on health software", "design research"),
    ("public-health data analysis", "data analytics"),
    ("data analysis", "a data analyst"),
    ("a pastry chef", "baking"),
    ("product manager", "product management"),
    ("Head of Data", "data"),
    ("the law", "a lawyer"),
]

DIFFERENT_FIELDS = [
    ("public-health data analysis", "nonprofit data management"),
    ("data analysis", "data"),
    ("data analysis", "policy analysis"),
    ("UX research", "market research"),
    ("UX research", "human-factors research"),
    ("UX research", "UX design"),
    ("nursing", "pharmacy"),
    ("accounting", "a pastry chef"),
    ("program management", "product management"),
    ("graphic design", "service design"),
    ("teaching", "nursing"),
    ("law", "carpentry"),
]


@pytest.mark.parametrize(("a", "b"), SAME_FIELD)
def test_fields_that_are_the_same(a: str, b: str) -> None:
    fa, fb = career_field(a), career_field(b)
    assert fa is not None and fb is not None
    assert same_field(fa, fb) is not None and same_field(fb, fa) is not None


@pytest.mark.parametrize(("a", "b"), DIFFERENT_FIELDS)
def test_fields_that_are_not_the_same(a: str, b: str) -> None:
    fa, fb = career_field(a), career_field(b)
    assert fa is not None and fb is not None
    assert same_field(fa, fb) is None and same_field(fb, fa) is None


AUDITOR = {
    "headline": "Audit manager and CPA exploring public-health data analysis",
    "goal": "whether a master's degree is necessary to move into data analysis",
}


def transition_point(you: Profile, change: str) -> Any:
    them = person(background={"transition": change})
    points = [p for p in find_common_ground(you, them, corpus(them)) if p.kind == "transition"]
    return points[0] if points else None


def test_one_shared_word_is_not_the_same_move() -> None:
    """The probe of issue 14: only "data" was shared, and the move was claimed."""
    you = profile(**AUDITOR)
    point = transition_point(you, "government accounting to nonprofit data management")
    assert "made the move" not in point.sentence and "made the move" not in point.spoken
    assert point.sentence == (
        "You and Sam both started out in accounting, and Sam then moved into data work, "
        "as you hope to."
    )


def test_the_part_that_is_true_in_a_grammatical_sentence() -> None:
    you = profile(**AUDITOR)
    chef = transition_point(you, "tax accounting to a pastry chef")
    assert chef.sentence == "You and Sam both started out in accounting."
    assert "pastry" not in chef.sentence and "moved to" not in chef.sentence
    same = transition_point(you, "Audit to data analytics")
    assert "made the move you are considering" in same.sentence
    assert same.spoken == "You made the move I am considering, from accounting to data analysis."
    into = transition_point(you, "a pastry chef to data analysts")
    assert into.sentence == "Sam moved into data analysis from another field, as you hope to."
    assert transition_point(you, "nursing to UX research") is None


def test_hostile_noun_phrases_read_right() -> None:
    nurse = profile(headline="ICU nurse exploring a move into UX research")
    role = transition_point(nurse, "firefighter to a UX researcher")
    assert role.sentence == "Sam moved into UX research from another field, as you hope to."
    firefighter = profile(headline="Firefighter exploring UX research")
    same_start = transition_point(firefighter, "a firefighter to the law")
    assert same_start.sentence == "Like you, Sam started out as a firefighter."
    assert same_start.spoken.startswith("Like me, you started out as a firefighter")
    assert career_field("the") is None
    for phrase in ("a pastry chef", "Nurses", "UX research", "nursing", "an ICU nurse"):
        field = career_field(phrase)
        assert field is not None
        assert not field.words().startswith(("a ", "an ", "the ")), phrase
    assert career_field("UX research").words() == "UX research"  # type: ignore[union-attr]
    assert career_field("Nurses").phrase() == "in nursing"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("status", "extra", "sentence"),
    [
        ("to-contact", {}, "You both know Anaïs Thibodeaux, who can introduce you."),
        (
            "requested",
            {"requested": "2026-11-20"},
            "You both know Anaïs Thibodeaux, whom you asked for an introduction.",
        ),
        (
            "scheduled",
            {"date": "2026-12-02 12:30"},
            "You both know Anaïs Thibodeaux, who introduced you.",
        ),
    ],
)
def test_mutual_connection_says_how_far_the_introduction_went(
    status: str, extra: dict[str, str], sentence: str
) -> None:
    anais = Contact.model_validate({"id": "anais", "name": "Anaïs Thibodeaux"})
    marcus = person(id="marcus", connection={"via": "anais"}, meeting={"status": status, **extra})
    (point,) = find_common_ground(None, marcus, corpus(anais, marcus))
    assert point.sentence == sentence
    assert ("put us in touch" in point.spoken) == (status == "scheduled")
