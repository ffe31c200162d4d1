"""Nothing untrue: a referral is not an introduction (issue 14 item 3).

The notes say three things about a go-between A and a contact B
(docs/workflow.md, "Referrals and introductions"): A *suggested* B (A's
``referrals``), an introduction is *to ask for* or was *asked for* (B's
``connection.via`` is A, B not yet scheduled), or A *introduced* you (B
scheduled or met). Every page and draft says only what happened, and all of
them read it from :func:`prepguide.tailor.relations.relation`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from prepguide.guide.corpus import Corpus
from prepguide.options import Options
from prepguide.read.model import Contact, Profile
from prepguide.render.network import build_network
from prepguide.tailor.dashboard import due
from prepguide.tailor.prep import build_prep
from prepguide.tailor.relations import (
    Relation,
    introduction_line,
    introduction_state,
    relation,
    suggestion_line,
)
from tests.conftest import build_site

SECOND_GUIDE = Path(__file__).parent / "data" / "second-guide"
TODAY = dt.date(2026, 11, 26)
OPTIONS = Options(today=TODAY, timezone="America/Chicago")
YOU = Profile.model_validate({"name": "Maren Solberg", "headline": "Audit manager"})


def contact(ident: str, **fields: Any) -> Contact:
    return Contact.model_validate({"id": ident, "name": ident.title() + " Person", **fields})


def guide(a: Contact, b: Contact) -> Corpus:
    return Corpus(profile=YOU, contacts={a.id: a, b.id: b})


def words(segments: Any) -> str:
    return "".join(value for _, value in segments)


# --- the one source of the state ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "state"),
    [
        ({}, "to-request"),
        ({"status": "to-contact"}, "to-request"),
        ({"status": "requested", "requested": "2026-11-20"}, "requested"),
        ({"status": "scheduled", "date": "2026-12-02 12:30"}, "introduced"),
        ({"status": "met", "date": "2026-11-20 12:30"}, "introduced"),
        ({"status": "thanked"}, "introduced"),
        ({"status": "closed", "date": "2026-11-20 12:30"}, "introduced"),
        ({"status": "closed", "requested": "2026-11-20"}, "requested"),
        ({"status": "closed"}, "to-request"),
    ],
)
def test_introduction_state_follows_the_status(meeting: dict[str, str], state: str) -> None:
    b = contact("bea", connection={"via": "alex"}, meeting=meeting)
    assert introduction_state(b) == state
    assert introduction_state(b, public=True) == "unknown"  # no status in a public build


def test_suggested_is_not_introduced() -> None:
    a = contact("alex", referrals=["bea"])
    b = contact("bea", meeting={"status": "to-contact"})
    rel = relation(guide(a, b), "alex", "bea")
    assert rel == Relation("alex", "bea", suggested=True, introduction=None)
    assert not rel.introduced
    assert words(suggestion_line(rel)) == "alex suggested you talk to bea."
    assert introduction_line(rel) is None
    assert [e.kind for e in build_network(guide(a, b)).edges] == ["referred"]
    assert relation(guide(a, b), "bea", "alex") is None


@pytest.mark.parametrize(
    ("meeting", "sentence", "kind"),
    [
        ({"status": "to-contact"}, "alex can introduce you to bea; you have not asked yet.", "via"),
        (
            {"status": "requested", "requested": "2026-11-20"},
            "You asked alex on 20 November 2026 to introduce you to bea.",
            "via",
        ),
        ({"status": "scheduled"}, "alex introduced you to bea.", "introduced"),
    ],
)
def test_introduction_in_the_right_tense(meeting: dict[str, str], sentence: str, kind: str) -> None:
    a = contact("alex", referrals=["bea"])
    b = contact("bea", connection={"via": "alex"}, meeting=meeting)
    rel = relation(guide(a, b), "alex", "bea")
    assert rel is not None and rel.suggested
    assert words(introduction_line(rel)) == sentence
    kinds = {e.kind for e in build_network(guide(a, b)).edges}
    assert kinds == {"referred", kind}


# --- drafts and reminders ----------------------------------------------------------------------


def test_referral_thanks_thanks_for_the_suggestion_only() -> None:
    a = contact("alex", referrals=["bea"], meeting={"status": "met", "date": "2026-11-20 10:00"})
    b = contact("bea", meeting={"status": "to-contact"})
    thanks = build_prep(guide(a, b), a, OPTIONS).referral_thanks
    assert "Thank you for suggesting I speak with Bea Person." in thanks.body
    assert "introduc" not in thanks.body + (thanks.subject or "") + thanks.title
    assert "vouch" not in thanks.body
    follow = build_prep(guide(a, b), a, OPTIONS).follow_up
    assert "Bea" not in follow.body  # you have not written to Bea: nothing is claimed


def test_referral_thanks_after_the_introduction() -> None:
    a = contact("alex", referrals=["bea"], meeting={"status": "met", "date": "2026-11-20 10:00"})
    b = contact(
        "bea", connection={"via": "alex"}, meeting={"status": "met", "date": "2026-11-24 10:00"}
    )
    prep = build_prep(guide(a, b), a, OPTIONS)
    assert "Thank you for introducing me to Bea Person. We talked on" in prep.referral_thanks.body
    assert "vouch" not in prep.referral_thanks.body
    assert "I have also talked with Bea Person, as you suggested." in prep.follow_up.body


def test_the_introduced_contacts_page_drops_the_request() -> None:
    a = contact("alex")
    asked = contact(
        "bea",
        connection={"via": "alex"},
        meeting={"status": "requested", "requested": "2026-11-20"},
    )
    prep = build_prep(guide(a, asked), asked, OPTIONS)
    assert prep.intro_request is not None
    assert "You sent this to Alex Person on Friday 20 November 2026" in (
        prep.intro_request.note or ""
    )
    # Alex never suggested Bea: the outreach says only that you both know Alex.
    assert "suggested" not in prep.outreach.body and "introduced" not in prep.outreach.body
    met = asked.model_copy(
        update={"meeting": asked.meeting.model_copy(update={"status": "scheduled"})}
    )
    done = build_prep(guide(a, met), met, OPTIONS)
    assert done.intro_request is None and done.forwardable is None
    assert "Alex Person kindly introduced us." in done.outreach.body


def test_a_nudge_for_an_introduction_names_the_go_between() -> None:
    a = contact("alex")
    b = contact(
        "bea",
        connection={"via": "alex"},
        meeting={"status": "requested", "requested": "2026-11-10"},
    )
    (item,) = due(guide(a, b), OPTIONS)
    assert item.kind == "nudge"
    assert "your request to Alex Person for an introduction" in item.message
    assert "send Alex Person a polite nudge" in item.message


# --- the rendered guides -----------------------------------------------------------------------


def page_text(site: Path, page: str) -> str:
    raw = (site / page / "index.html").read_text(encoding="utf-8")
    raw = re.sub(r"<svg.*?</svg>|<script.*?</script>", "", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", raw)).split())


@pytest.fixture(scope="module")
def second_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("second") / "guide"
    shutil.copytree(SECOND_GUIDE, root)
    return build_site(root)


def test_second_guide_reads_true(second_site: Path) -> None:
    """Priya suggested Rosa; Rosa is still to-contact, reachable only through Priya."""
    network = page_text(second_site, "network")
    assert "Priya Castellanos suggested you talk to Rosa Whitfield." in network
    assert (
        "Priya Castellanos can introduce you to Rosa Whitfield; you have not asked yet." in network
    )
    assert "introduced you to Rosa" not in network
    rosa = page_text(second_site, "contacts/rosa-whitfield")
    assert "Priya Castellanos (suggested them; can introduce you; you have not asked yet)" in rosa
    assert "who can introduce you" in rosa
    assert "only once Priya has introduced you" in rosa
    assert "introduced us" not in rosa and "introducing you" not in rosa
    priya = page_text(second_site, "contacts/priya-castellanos")
    assert "Rosa Whitfield (suggested; can introduce you; you have not asked yet)" in priya
    assert "Thank you for suggesting I speak with Rosa Whitfield." in priya
    assert "Thank you for introducing me" not in priya and "vouching" not in priya
    grace = page_text(second_site, "contacts/grace-lund")
    assert "made the move you are considering" not in grace
    assert "made the move I am considering" not in grace


def test_example_guide_reads_true(guide: Path) -> None:
    """Inês suggested Oliver, who is to-contact; Anaïs introduced Marcus, who is scheduled."""
    site = build_site(guide)
    network = page_text(site, "network")
    assert "Anaïs Thibodeaux introduced you to Marcus Ebbesen." in network
    assert "Inês Carvalho can introduce you to Oliver Brandt; you have not asked yet." in network
    assert "Inês Carvalho introduced you to Oliver" not in network
    oliver = page_text(site, "contacts/oliver-brandt")
    assert "Ask Inês for an introduction" in oliver
    assert "who is introducing you" not in oliver
    marcus = page_text(site, "contacts/marcus-ebbesen")
    assert "Anaïs Thibodeaux (suggested them; introduced you)" in marcus
    assert "Ask Anaïs for an introduction" not in marcus
    ines = page_text(site, "contacts/ines-carvalho")
    assert "Thanks for suggesting Oliver Brandt" in ines
    assert "Thank you for introducing me to Oliver" not in ines
    assert "I have also been in touch with Oliver" not in ines
