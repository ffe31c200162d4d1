"""The dashboard's pure functions: pipeline, upcoming meetings, due actions."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prepguide.guide.config_file import find_guide
from prepguide.guide.corpus import Corpus, CorpusLoader
from prepguide.options import Options
from prepguide.read.model import STATUSES, Contact, Organization
from prepguide.tailor.dashboard import (
    STATUS_LABELS,
    DueItem,
    add_business_days,
    due,
    pipeline,
    upcoming,
)


def person(ident: str, name: str | None = None, **fields: Any) -> Contact:
    """A contact with just enough fields."""
    return Contact(id=ident, name=name or ident.replace("-", " ").title(), **fields)


def corpus_of(*contacts: Contact, orgs: tuple[Organization, ...] = ()) -> Corpus:
    return Corpus(
        contacts={c.id: c for c in contacts},
        organizations={o.id: o for o in orgs},
    )


TODAY = date(2026, 11, 26)  # a Thursday
OPTIONS = Options(today=TODAY, timezone="Europe/Stockholm")


@pytest.fixture
def example(guide: Path) -> tuple[Corpus, Options]:
    found = find_guide(cwd=guide)
    corpus = CorpusLoader().load(found.content_dir, found.root)
    assert not corpus.errors
    return corpus, found.options


# --- the example guide -----------------------------------------------------------------------


def test_pipeline_of_example(example: tuple[Corpus, Options]) -> None:
    corpus, options = example
    result = pipeline(corpus, options)
    assert list(result.counts) == list(STATUSES)
    assert result.counts == {
        "researching": 1,
        "to-contact": 1,
        "requested": 1,
        "scheduled": 3,
        "met": 1,
        "thanked": 2,
        "closed": 1,
    }
    assert result.total == 10
    stages = {s.status: s for s in result.funnel}
    assert [s.status for s in result.funnel] == ["requested", "scheduled", "met"]
    # requested or beyond: Jonah, Beatriz, Devika, Marcus, Joan, Anaïs, Inês, Elin (closed
    # after a talk); Beatriz's call is past but still `scheduled` until she records it
    assert stages["requested"].count == 8
    assert stages["requested"].rate is None
    assert stages["scheduled"].count == 7
    assert stages["scheduled"].rate == pytest.approx(7 / 8)
    assert stages["met"].count == 4
    assert stages["met"].rate == pytest.approx(4 / 7)
    assert stages["met"].label == STATUS_LABELS["met"] == "Met"


def test_upcoming_of_example(example: tuple[Corpus, Options]) -> None:
    corpus, options = example
    items = upcoming(corpus, options)
    assert [(u.contact_id, u.days) for u in items] == [
        ("marcus-ebbesen", 6),
        ("devika-raman", 12),
    ]
    first = items[0]
    assert first.when == datetime(2026, 12, 2, 12, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert first.organization == "Wexley County Digital Service"
    assert (first.format, first.duration) == ("video", 20)


def test_due_of_example(example: tuple[Corpus, Options]) -> None:
    corpus, options = example
    items = due(corpus, options)
    assert [(i.due, i.kind, i.contact_id, i.days_overdue) for i in items] == [
        (date(2026, 11, 19), "nudge", "jonah-nakamura-reid", 7),
        (date(2026, 11, 20), "follow-up", "ines-carvalho", 6),
        (date(2026, 11, 24), "record", "beatriz-olmstead", 2),
        (date(2026, 11, 26), "thank-you", "joan-whitcombe", 0),
    ]
    nudge, follow, _record, thanks = items
    # Anaïs also works at Clearpath Patient Alliance: the nudge names her.
    assert "polite nudge" in nudge.message and "Anaïs Thibodeaux" in nudge.message
    assert follow.message.startswith("Send Inês my draft case study")
    assert follow.overdue and not thanks.overdue
    assert thanks.message == "send a thank-you note (met 2026-11-25)"


# --- thank-you notes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("met_on", "expected"),
    [
        (datetime(2026, 11, 26, 9, 0), (date(2026, 11, 27), 0)),  # met this morning
        (datetime(2026, 11, 25, 14, 0), (date(2026, 11, 26), 0)),  # yesterday: due today
        (datetime(2026, 11, 22, 14, 0), (date(2026, 11, 23), 3)),  # overdue by 3 days
    ],
)
def test_thank_you_due_within_a_day(met_on: datetime, expected: tuple[date, int]) -> None:
    contact = person("a-b", meeting={"status": "met", "date": met_on})
    [item] = due(corpus_of(contact), OPTIONS)
    assert (item.due, item.days_overdue) == expected
    assert item.kind == "thank-you"


def test_no_thank_you_before_the_meeting_or_after_thanking() -> None:
    later = person("later", meeting={"status": "met", "date": datetime(2026, 12, 1, 10)})
    thanked = person("thanked", meeting={"status": "thanked", "date": datetime(2026, 11, 1)})
    scheduled = person("sched", meeting={"status": "scheduled", "date": datetime(2026, 11, 1)})
    # A scheduled meeting whose time has passed asks to be recorded, not thanked.
    assert [(i.contact_id, i.kind) for i in due(corpus_of(later, thanked, scheduled), OPTIONS)] == [
        ("sched", "record")
    ]


def test_met_without_a_date_is_due_today() -> None:
    [item] = due(corpus_of(person("a-b", meeting={"status": "met"})), OPTIONS)
    assert item == DueItem("a-b", "A B", "thank-you", TODAY, "send a thank-you note", 0)


# --- follow-ups ------------------------------------------------------------------------------


def test_follow_ups_open_and_due_only() -> None:
    contact = person(
        "a-b",
        follow_up=[
            {"date": "2026-11-20", "note": "old, done", "done": True},
            {"date": "2026-11-21", "note": "open, overdue"},
            {"date": "2026-11-26", "note": "open, today"},
            {"date": "2026-11-27", "note": "tomorrow"},
        ],
    )
    items = due(corpus_of(contact), OPTIONS)
    assert [(i.message, i.days_overdue) for i in items] == [
        ("open, overdue", 5),
        ("open, today", 0),
    ]


def test_public_audience_hides_private_contacts_and_follow_ups() -> None:
    public = person(
        "pub",
        visibility="public",
        meeting={"status": "met", "date": datetime(2026, 11, 25, 9)},
        follow_up=[{"date": "2026-11-20", "note": "private note"}],
    )
    private = person("priv", meeting={"status": "met", "date": datetime(2026, 11, 25, 9)})
    options = Options(audience="public", today=TODAY)
    items = due(corpus_of(public, private), options)
    assert [(i.contact_id, i.kind) for i in items] == [("pub", "thank-you")]
    assert pipeline(corpus_of(public, private), options).total == 1


# --- nudges -----------------------------------------------------------------------------------


def test_nudge_after_seven_business_days() -> None:
    # Requested on Friday 2026-11-13: seven business days later is Tuesday 2026-11-24.
    contact = person("a-b", meeting={"status": "requested", "requested": "2026-11-13"})
    assert due(corpus_of(contact), Options(today=date(2026, 11, 23))) == []
    [item] = due(corpus_of(contact), Options(today=date(2026, 11, 24)))
    assert (item.kind, item.due, item.days_overdue) == ("nudge", date(2026, 11, 24), 0)
    assert item.message == "no answer since 2026-11-13: send a polite nudge"


def test_nudge_needs_requested_status_and_date() -> None:
    no_date = person("no-date", meeting={"status": "requested"})
    answered = person("answered", meeting={"status": "scheduled", "requested": "2026-10-01"})
    assert due(corpus_of(no_date, answered), OPTIONS) == []


def test_nudge_suggests_a_second_person_at_the_organization() -> None:
    org = Organization(id="acme", name="Acme Health")
    asked = person(
        "asked",
        "Asked Person",
        organization="acme",
        meeting={"status": "requested", "requested": "2026-11-02"},
    )
    closed = person(
        "aaron-closed", "Aaron Closed", organization="acme", meeting={"status": "closed"}
    )
    open_ = person("zed-open", "Zed Open", organization="acme")
    [item] = due(corpus_of(asked, closed, open_, orgs=(org,)), OPTIONS)
    # An open conversation is preferred over a closed one.
    assert item.message.endswith("or reach out to Zed Open, who also works at Acme Health")
    [alone] = due(corpus_of(asked, orgs=(org,)), OPTIONS)
    assert alone.message.endswith("or look for a second person at Acme Health")


def test_due_sorted_by_day_then_name() -> None:
    contacts = [
        person("b", "Bea", follow_up=[{"date": "2026-11-20", "note": "x"}]),
        person("a", "Abe", follow_up=[{"date": "2026-11-20", "note": "y"}]),
        person("c", "Cy", follow_up=[{"date": "2026-11-19", "note": "z"}]),
    ]
    assert [i.name for i in due(corpus_of(*contacts), OPTIONS)] == ["Cy", "Abe", "Bea"]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 40))
def test_add_business_days(start: date, days: int) -> None:
    end = add_business_days(start, days)
    if days:
        assert end.weekday() < 5
    span = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(d.weekday() < 5 for d in span) == days


# --- pipeline details -------------------------------------------------------------------------


def test_pipeline_counts_later_stages_as_passed() -> None:
    contacts = [
        person("r", meeting={"status": "researching"}),
        person("q", meeting={"status": "requested"}),
        person("t", meeting={"status": "thanked"}),
        person("c1", meeting={"status": "closed", "date": datetime(2026, 11, 1, 10)}),
        person("c2", meeting={"status": "closed", "date": datetime(2026, 12, 24, 10)}),
        person("c3", meeting={"status": "closed", "requested": "2026-11-01"}),
        person("c4", meeting={"status": "closed"}),
    ]
    result = pipeline(corpus_of(*contacts), OPTIONS)
    counts = [s.count for s in result.funnel]
    # requested: q, t, c1, c2, c3; scheduled: t, c1, c2; met: t, c1 (c2 is in the future)
    assert counts == [5, 3, 2]
    assert result.counts["closed"] == 4 and result.counts["met"] == 0
    # Without options a closed contact with any meeting date counts as met.
    assert [s.count for s in pipeline(corpus_of(*contacts)).funnel] == [5, 3, 3]


def test_empty_pipeline() -> None:
    result = pipeline(Corpus())
    assert result.total == 0
    assert all(v == 0 for v in result.counts.values())
    assert [s.rate for s in result.funnel] == [None, None, None]


def test_upcoming_includes_today_and_skips_past_and_unscheduled() -> None:
    contacts = [
        person("today", meeting={"status": "scheduled", "date": datetime(2026, 11, 26, 8)}),
        person("past", meeting={"status": "scheduled", "date": datetime(2026, 11, 25, 23)}),
        person("nodate", meeting={"status": "scheduled"}),
        person("met", meeting={"status": "met", "date": datetime(2026, 11, 30, 8)}),
    ]
    items = upcoming(corpus_of(*contacts), OPTIONS)
    assert [(u.contact_id, u.days, u.organization) for u in items] == [("today", 0, None)]
