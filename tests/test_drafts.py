"""Drafts: outreach, introductions, thank-you notes, logistics and reflection."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prepguide.guide.corpus import Corpus
from prepguide.options import Options
from prepguide.read.model import Contact, Organization, Profile
from prepguide.tailor.common_ground import find_common_ground
from prepguide.tailor.drafts import (
    DraftContext,
    follow_up,
    forwardable,
    intro_request,
    logistics,
    make_mailto,
    outreach,
    referral_thanks,
    reflection,
    thank_you,
)
from prepguide.tailor.questions import merge_banks, select_questions
from prepguide.tailor.spoken_time import count_words

TODAY = dt.date(2026, 11, 26)
OPTIONS = Options(today=TODAY, timezone="Europe/Paris")

PROFILE = Profile.model_validate(
    {
        "name": "Adaora Lindqvist",
        "headline": "ICU nurse exploring a move into UX research",
        "goal": "how clinicians move into UX research on health software",
        "email": "adaora@example.com",
        "phone": "555-0100",
    }
)
ACME = Organization.model_validate({"id": "acme", "name": "Acme Health", "industry": "Hospital"})


def person(**fields: Any) -> Contact:
    return Contact.model_validate({"id": "x", "name": "Sam Rivera", **fields})


def context(
    contact: Contact,
    you: Profile | None = PROFILE,
    others: tuple[Contact, ...] = (),
    options: Options = OPTIONS,
    org: Organization | None = ACME,
) -> DraftContext:
    corpus = Corpus(
        profile=you,
        organizations={org.id: org} if org else {},
        contacts={c.id: c for c in (contact, *others)},
    )
    ground = find_common_ground(you, contact, corpus)
    chosen = select_questions(merge_banks(), you, contact, org)
    return DraftContext(you, contact, org, corpus, options, ground, chosen.questions)


def decode_mailto(link: str) -> tuple[str, str, str]:
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True)
    return unquote(parts.path), query["subject"][0], query["body"][0]


# ---------------------------------------------------------------------------
# Outreach


def test_outreach_has_connection_duration_topics_and_thanks() -> None:
    anais = Contact.model_validate(
        {
            "id": "anais",
            "name": "Anaïs Thibodeaux",
            "email": "anais@example.org",
            "referrals": ["x"],
        }
    )
    contact = person(
        organization="acme",
        role="Research Lead",
        email="sam@example.org",
        connection={"via": "anais", "type": "mutual"},
        meeting={"duration": 20, "format": "video"},
    )
    draft = outreach(context(contact, others=(anais,)))
    body = draft.body
    assert body.startswith("Hi Sam,")
    assert body.index("Anaïs Thibodeaux suggested") < body.index("I'm Adaora Lindqvist")
    assert "20 minutes" in body
    assert "flexible" in body
    assert "I'd love to hear what your work looks like" in body
    assert "Thank you" in body
    assert body.rstrip().endswith("Adaora Lindqvist")
    assert draft.subject == "Anaïs suggested I get in touch"
    assert draft.words == count_words(body)
    assert draft.words <= 150
    assert "adaora@example.com" not in body and "555-0100" not in body


def test_outreach_reminds_after_a_year() -> None:
    contact = person(
        pronouns="she/her",
        connection={
            "type": "conference",
            "story": "We met at the safety forum after her talk. Then we lost touch.",
            "last_spoke": "2023-10-12",
        },
    )
    draft = outreach(context(contact))
    assert "since we last spoke, in October 2023" in draft.body
    assert "we met at the safety forum after your talk." in draft.body
    assert "October 2023" in (draft.subject or "")


def test_mailto_encodes_subject_and_body() -> None:
    link = make_mailto("sam@example.org", "Hello & welcome?", "Line one\n\nLine two: 50% = half")
    assert link.startswith("mailto:sam@example.org?subject=")
    assert " " not in link and "\n" not in link
    address, subject, body = decode_mailto(link)
    assert address == "sam@example.org"
    assert subject == "Hello & welcome?"
    assert body == "Line one\r\n\r\nLine two: 50% = half"


def test_outreach_mailto_round_trips_and_handles_missing_address() -> None:
    with_email = outreach(context(person(email="sam@example.org")))
    address, subject, body = decode_mailto(with_email.mailto or "")
    assert address == "sam@example.org"
    assert subject == with_email.subject
    assert body.replace("\r\n", "\n") == with_email.body
    without = outreach(context(person()))
    assert (without.mailto or "").startswith("mailto:?subject=")


def test_public_build_keeps_addresses_out() -> None:
    public = Options(today=TODAY, audience="public")
    draft = outreach(context(person(email="sam@example.org"), options=public))
    assert (draft.mailto or "").startswith("mailto:?subject=")


@pytest.mark.parametrize("duration", [5, 20, 45, 120])
@pytest.mark.parametrize("kind", [None, "friend", "alumni", "cold", "colleague", "online"])
def test_outreach_states_the_requested_time(duration: int, kind: str | None) -> None:
    contact = person(connection={"type": kind}, meeting={"duration": duration})
    draft = outreach(context(contact))
    assert f"{duration} minutes" in draft.body
    assert draft.words <= 150


WORDS = [
    "research",
    "design",
    "health",
    "patient",
    "data",
    "public",
    "service",
    "software",
    "clinic",
    "policy",
]


def phrase(low: int, high: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), min_size=low, max_size=high).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    headline=st.none() | phrase(1, 60),
    goal=st.none() | phrase(1, 80),
    story=st.none() | phrase(1, 60),
    role=st.none() | phrase(1, 20),
    name=phrase(1, 8),
    via=st.booleans(),
    duration=st.integers(5, 120),
)
def test_outreach_never_exceeds_150_words(
    headline: str | None,
    goal: str | None,
    story: str | None,
    role: str | None,
    name: str,
    via: bool,
    duration: int,
) -> None:
    you = Profile.model_validate({"name": name, "headline": headline, "goal": goal})
    helper = Contact.model_validate({"id": "helper", "name": name})
    connection: dict[str, Any] = {"story": story, "last_spoke": "2020-01-01"}
    if via:
        connection["via"] = "helper"
    contact = person(name=name, role=role, connection=connection, meeting={"duration": duration})
    ctx = context(contact, you=you, others=(helper,))
    draft = outreach(ctx)
    assert draft.words <= 150, draft.body
    assert f"{duration} minutes" in draft.body
    if via:
        blurb = forwardable(ctx)
        assert blurb is not None
        assert blurb.words <= 80, blurb.body


def test_outreach_is_near_100_words_for_typical_data() -> None:
    contact = person(organization="acme", role="Research Lead", connection={"type": "cold"})
    draft = outreach(context(contact))
    assert 70 <= draft.words <= 130


# ---------------------------------------------------------------------------
# Introductions


def test_intro_request_only_with_via() -> None:
    assert intro_request(context(person())) is None
    assert forwardable(context(person())) is None
    anais = Contact.model_validate(
        {"id": "anais", "name": "Anaïs Thibodeaux", "email": "anais@example.org"}
    )
    contact = person(organization="acme", role="Research Lead", connection={"via": "anais"})
    ctx = context(contact, others=(anais,))
    request = intro_request(ctx)
    assert request is not None
    assert request.body.startswith("Hi Anaïs,")
    assert "introduce me to Sam Rivera, a Research Lead at Acme Health" in request.body
    address, _, _ = decode_mailto(request.mailto or "")
    assert address == "anais@example.org"
    blurb = forwardable(ctx)
    assert blurb is not None
    assert blurb.words <= 80
    assert "Adaora Lindqvist is an ICU nurse" in blurb.body
    assert "Sam" in blurb.body


# ---------------------------------------------------------------------------
# After the talk


def test_thank_you_mentions_a_note_and_the_deadline() -> None:
    contact = person(
        notes="- Informatics here is **about 70% configuration**, 30% design. More.\n- Other",
        meeting={"date": "2026-11-25 14:00", "duration": 45},
        referrals=["Dr. Amara Quist (Chief Nursing Informatics Officer)"],
    )
    draft = thank_you(context(contact))
    assert "informatics here is about 70% configuration, 30% design." in draft.body
    assert "**" not in draft.body
    assert "Dr. Amara Quist" in draft.body and "(Chief" not in draft.body
    assert "on Wednesday" in draft.body
    assert "24 hours" in (draft.note or "")
    assert "Thursday 26 November 2026" in (draft.note or "")
    public = thank_you(context(contact, options=Options(today=TODAY, audience="public")))
    assert "70%" not in public.body
    assert "[one thing they said that stayed with you]" in public.body


def test_thank_you_without_notes_leaves_a_blank() -> None:
    draft = thank_you(context(person()))
    assert "[one thing they said that stayed with you]" in draft.body
    assert draft.note == "Send within 24 hours of the conversation."


def test_follow_up_and_referral_thanks() -> None:
    jonah = Contact.model_validate(
        {
            "id": "jonah",
            "name": "Jonah Nakamura-Reid",
            "meeting": {"status": "scheduled", "date": "2026-12-03 10:00"},
        }
    )
    contact = person(referrals=["jonah"], meeting={"date": "2026-11-25 14:00"})
    ctx = context(contact, others=(jonah,))
    later = follow_up(ctx)
    assert "[what you did with their advice]" in later.body
    assert "Jonah Nakamura-Reid" in later.body
    assert "two to four weeks" in (later.note or "")
    assert "Wednesday 9 December 2026" in (later.note or "")
    thanks = referral_thanks(ctx)
    # Jonah was only suggested (no connection.via): no introduction is claimed (issue 14).
    assert "Thank you for suggesting I speak with Jonah Nakamura-Reid." in thanks.body
    assert "Thursday 3 December 2026" in thanks.body
    assert thanks.subject == "Thank you for suggesting I talk to Jonah"
    none_yet = referral_thanks(context(person()))
    assert "[the person they suggested]" in none_yet.body


# ---------------------------------------------------------------------------
# Logistics and reflection


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("in-person", ["quiet for them", "arrive ten minutes early", "printed brief"]),
        ("video", ["Test the call link", "connection", "lit", "backup"]),
        ("phone", ["quiet room", "Confirm the number", "notes and questions at hand"]),
        (None, ["Offer to meet where it suits them"]),
    ],
)
def test_logistics_by_format(fmt: str | None, expected: list[str]) -> None:
    contact = person(meeting={"format": fmt, "date": "2026-12-04 15:30", "duration": 30})
    items = logistics(context(contact))
    assert items[0] == "Friday 4 December 2026, 15:30 (Europe/Paris), 30 minutes"
    joined = " | ".join(items)
    for text in expected:
        assert text in joined
    if fmt is None:
        assert len(items) <= 7


def test_logistics_without_a_date() -> None:
    items = logistics(context(person(meeting={"duration": 15})))
    assert "15 minutes" in items[0]


def test_reflection_pairs_prompts_with_answers() -> None:
    contact = person(
        reflection={"still_interested": False, "timing": "Not this year.", "next_steps": "Rest."}
    )
    pairs = reflection(context(contact))
    assert [answer for _, answer in pairs[:3]] == ["No", "Not this year.", "Rest."]
    assert all(prompt.endswith("?") for prompt, _ in pairs)
    empty = reflection(context(person()))
    assert all(answer is None for _, answer in empty)
    hidden = reflection(context(contact, options=Options(today=TODAY, audience="public")))
    assert all(answer is None for _, answer in hidden)


# ---------------------------------------------------------------------------
# Playbook mode


def test_playbook_drafts_use_marked_blanks() -> None:
    ctx = context(person(connection={"type": "alumni"}), you=None)
    draft = outreach(ctx)
    assert "[your name]" in draft.body
    assert "[your program and year]" in draft.body
    assert "[what you hope to learn]" in draft.body
    assert "[your name]" in thank_you(ctx).body
