"""Question banks: the built-in bank, merging user banks, conditions and selection."""

from __future__ import annotations

import functools
from collections import Counter
from typing import Any

import pytest

from prepguide.read.model import TOPICS, Contact, Organization, Profile, QuestionEntry
from prepguide.tailor.questions import (
    INDUSTRIES,
    SelectedQuestion,
    builtin_bank,
    classify_topic,
    condition_holds,
    industry_key,
    industry_matches,
    is_referral_text,
    merge_banks,
    question_budget,
    render_text,
    select_questions,
)

PROFILE = Profile.model_validate(
    {
        "name": "Adaora Lindqvist",
        "headline": "ICU nurse exploring a move into UX research",
        "goal": "how clinicians move into UX research",
        "education": [{"school": "Lakeshore State University", "field": "Nursing", "year": 2016}],
        "experience": [{"organization": "Cedar Ridge Health", "role": "Nurse", "start": 2019}],
        "interests": ["patient safety"],
    }
)


def org(ident: str = "acme", **fields: Any) -> Organization:
    return Organization.model_validate({"id": ident, "name": "Acme", **fields})


def person(**fields: Any) -> Contact:
    return Contact.model_validate({"id": "x", "name": "Sam Rivera", **fields})


def entry(**fields: Any) -> QuestionEntry:
    return QuestionEntry.model_validate(fields)


RICH_ORG = org(
    name="Acme Health",
    industry="Health care",
    focus=["a new patient portal for rural clinics (pilot in 2027)"],
    news=[
        {"date": "2025-03-01", "headline": "Acme hires a chief nursing officer"},
        {"date": "2026-01-02", "headline": "Acme opens a usability lab"},
    ],
    roles=[{"title": "Junior UX Researcher"}],
)
RICH_CONTACT = person(
    organization="acme",
    role="Research Lead",
    background={
        "transition": "hospital pharmacy to human-factors research",
        "interests": ["medication labelling"],
        "education": [{"school": "Calder Institute", "field": "Human factors", "year": 2019}],
    },
    goals=["Understand the lab"],
)


def texts(selection_questions: Any) -> list[str]:
    return [q.text for q in selection_questions]


# ---------------------------------------------------------------------------
# The built-in bank


def test_builtin_bank_is_large_and_covers_every_topic() -> None:
    bank = builtin_bank()
    assert len(bank) >= 90
    assert len({e.id for e in bank}) == len(bank)
    topics = Counter(e.topic for e in bank)
    assert set(topics) == set(TOPICS)
    assert all(count >= 5 for count in topics.values())


def test_builtin_bank_has_industry_and_career_change_variants() -> None:
    bank = builtin_bank()
    industries = Counter(i for e in bank for i in e.industries)
    for key in ("health-care", "technology", "finance", "public-sector", "non-profit"):
        assert industries[key] >= 5, key
    assert set(industries) <= set(INDUSTRIES)
    changers = [e for e in bank if e.when and "transition" in e.when]
    assert len(changers) >= 10
    assert {e.topic for e in changers} >= {"transition", "advice", "resources", "timing"}


def test_every_builtin_question_renders_against_a_rich_contact() -> None:
    context = {"you": PROFILE, "contact": RICH_CONTACT, "org": RICH_ORG}
    for item in builtin_bank():
        text = render_text(item.text, context)
        assert text, item.id
        assert text.endswith("?"), item.id
        assert "None" not in text and "{" not in text, item.id


def test_builtin_bank_passes_the_open_question_linter() -> None:
    import prepguide.lint as lint

    context = {"you": PROFILE, "contact": RICH_CONTACT, "org": RICH_ORG}
    failures = []
    for item in builtin_bank():
        text = render_text(item.text, context)
        assert text is not None, item.id
        result = lint.lint_question(text)
        if result.label != "open" or result.flags:
            failures.append((item.id, text, result.label, result.flags))
    assert failures == []


# ---------------------------------------------------------------------------
# Industries


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Health care", "health-care"),
        ("Hospital", "health-care"),
        ("Healthcare", "health-care"),
        ("Software", "technology"),
        ("Technology (design consultancy)", "technology"),
        ("Banking", "finance"),
        ("Finance (health insurance)", "finance"),
        ("Insurance", "finance"),
        ("Government", "public-sector"),
        ("Public sector", "public-sector"),
        ("County government", "public-sector"),
        ("Non-profit", "non-profit"),
        ("Nonprofit", "non-profit"),
        ("Not-for-profit", "non-profit"),
        ("Charity", "non-profit"),
        ("Higher education", "education"),
        ("University", "education"),
        ("public-sector", "public-sector"),
        ("Design consultancy", None),
        ("", None),
        (None, None),
    ],
)
def test_industry_key(text: str | None, key: str | None) -> None:
    assert industry_key(text) == key


def test_industry_matches_keys_and_free_text() -> None:
    studio = org(industry="Technology (design consultancy)")
    assert industry_matches([], None)
    assert industry_matches(["technology"], studio)
    assert industry_matches(["Software"], studio)
    assert industry_matches(["Design consultancy"], studio)
    assert not industry_matches(["finance"], studio)
    assert not industry_matches(["finance"], None)
    assert not industry_matches(["finance"], org(industry=None))


# ---------------------------------------------------------------------------
# Budget and order


@pytest.mark.parametrize(("minutes", "budget"), [(5, 2), (10, 2), (20, 5), (30, 8), (45, 13)])
def test_question_budget(minutes: int, budget: int) -> None:
    assert question_budget(minutes) == budget


@pytest.mark.parametrize(("minutes", "budget"), [(10, 2), (20, 5), (45, 13)])
def test_selection_fills_the_budget_in_conversation_order(minutes: int, budget: int) -> None:
    contact = person(organization="acme", role="Analyst", meeting={"duration": minutes})
    chosen = select_questions(merge_banks(), PROFILE, contact, org(industry="Banking"))
    assert chosen.budget == budget
    assert len(chosen.questions) == budget
    assert chosen.backups
    assert f"{minutes} minutes" in chosen.note
    assert f"about {budget} questions" in chosen.note
    order = [TOPICS.index(q.topic) for q in chosen.questions[:-1]]
    assert order == sorted(order)
    last = chosen.questions[-1]
    assert last.topic == "next-steps" and is_referral_text(last.text)
    assert not any(is_referral_text(q.text) for q in chosen.questions[:-1])
    ids = [q.id for q in chosen.questions + chosen.backups]
    assert len(ids) == len(set(ids))
    backup_order = [TOPICS.index(q.topic) for q in chosen.backups]
    assert backup_order == sorted(backup_order)


def test_short_meeting_still_gets_a_question_and_the_referral() -> None:
    chosen = select_questions(merge_banks(), PROFILE, person(meeting={"duration": 5}), None)
    assert len(chosen.questions) == 2
    assert is_referral_text(chosen.questions[-1].text)


def test_long_meeting_covers_many_topics() -> None:
    contact = person(
        organization="acme",
        role="Director",
        meeting={"duration": 45},
        background={"transition": "teaching to software engineering"},
    )
    chosen = select_questions(merge_banks(), PROFILE, contact, org(industry="Software"))
    assert len({q.topic for q in chosen.questions}) >= 8


def test_own_questions_are_always_kept_and_ordered() -> None:
    own = [
        "What do you read to keep up with the field?",
        "How did you get into this work?",
        "What does your team's typical project look like?",
        "What surprised you in your first year?",
        "Where do you see your field going over the next few years?",
        "How do you decide what to work on each week?",
    ]
    contact = person(questions=own, meeting={"duration": 15})
    chosen = select_questions(merge_banks(), PROFILE, contact, None)
    yours = [q for q in chosen.questions if q.source == "yours"]
    assert sorted(q.text for q in yours) == sorted(own)
    assert chosen.budget == 3
    assert len(chosen.questions) == len(own) + 1
    assert "Your own 6 questions are all kept" in chosen.note
    assert is_referral_text(chosen.questions[-1].text)
    assert chosen.questions[-1].source == "builtin"


def test_own_referral_question_closes_the_list() -> None:
    mine = "Who else should I be talking to while I figure this out?"
    contact = person(questions=[mine, "What does a usual week look like for you?"])
    chosen = select_questions(merge_banks(), PROFILE, contact, None)
    assert chosen.questions[-1].text == mine
    assert chosen.questions[-1].source == "yours"
    assert sum(is_referral_text(q.text) for q in chosen.questions) == 1


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Who else should I talk to?", "next-steps"),
        ("What do you miss about nursing since you switched careers?", "transition"),
        ("How long does hiring usually take?", "timing"),
        ("What books would you suggest reading?", "resources"),
        ("What advice would you give a new graduate?", "advice"),
        ("How has the field changed in ten years?", "trends"),
        ("How did you get into design?", "path"),
        ("How does your team decide what to build?", "organization"),
        ("What does your day look like?", "role"),
    ],
)
def test_classify_own_questions(text: str, topic: str) -> None:
    assert classify_topic(text) == topic


# ---------------------------------------------------------------------------
# Conditions and missing fields


def test_transition_questions_appear_only_with_a_transition() -> None:
    bank = merge_banks()
    plain = select_questions(bank, PROFILE, person(meeting={"duration": 120}), None)
    every = plain.questions + plain.backups
    assert not any(q.topic == "transition" for q in every)
    assert not any("nursing" in q.text for q in every)
    changer = person(meeting={"duration": 120}, background={"transition": "nursing to UX research"})
    tailored = select_questions(bank, PROFILE, changer, None)
    moved = [q for q in tailored.questions + tailored.backups if q.topic == "transition"]
    assert moved
    assert any("from nursing to UX research" in q.text for q in moved)


def test_a_question_touching_a_missing_field_is_not_used() -> None:
    bank = merge_banks(
        [
            entry(
                id="role-echo",
                topic="role",
                text="What does {{ contact.role }} involve?",
                priority=30,
            ),
            entry(
                id="org-echo", topic="organization", text="How big is {{ org.size }}?", priority=30
            ),
        ]
    )
    chosen = select_questions(bank, PROFILE, person(meeting={"duration": 120}), None)
    ids = {q.id for q in chosen.questions + chosen.backups}
    assert "role-echo" not in ids and "org-echo" not in ids
    with_role = select_questions(
        bank, PROFILE, person(role="Data Analyst", meeting={"duration": 120}), None
    )
    texts_found = texts(with_role.questions + with_role.backups)
    assert "What does Data Analyst involve?" in texts_found


def test_questions_about_you_are_skipped_without_a_profile() -> None:
    bank = merge_banks()
    chosen = select_questions(bank, None, person(meeting={"duration": 120}), None)
    assert chosen.questions
    assert "advice-for-headline" not in {q.id for q in chosen.questions + chosen.backups}


def test_conditions_and_templates_are_forgiving_but_strict() -> None:
    context = {"contact": person(role="Analyst")}
    assert render_text("What is {{ contact.role }}?", context) == "What is Analyst?"
    assert render_text("{{ contact.location }}?", context) is None
    assert render_text("{{ org.name }}?", context) is None
    assert render_text("{% if org %}{{ org.name }}{% endif %}What now?", context) == "What now?"
    assert render_text("{{ unclosed", context) is None
    assert render_text("{{ ''.__class__.__mro__ }}", context) is None


def test_user_bank_with_bad_templates_is_ignored() -> None:
    bank = merge_banks(
        [
            entry(id="broken", topic="role", text="What is {{ contact.role"),
            entry(
                id="bad-when", topic="role", text="What now?", when="contact.role ==", priority=9
            ),
        ]
    )
    chosen = select_questions(bank, PROFILE, person(role="X", meeting={"duration": 120}), None)
    ids = {q.id for q in chosen.questions + chosen.backups}
    assert "broken" not in ids and "bad-when" not in ids


# ---------------------------------------------------------------------------
# User banks and priorities


def test_user_bank_replaces_a_builtin_by_id_and_adds_entries() -> None:
    replacement = entry(id="role-typical-week", topic="role", text="What fills your week?")
    added = entry(id="my-own", topic="role", text="What tool do you use most?", priority=9)
    bank = merge_banks([replacement, added])
    by_id = {item.entry.id: item for item in bank}
    assert by_id["role-typical-week"].entry.text == "What fills your week?"
    assert by_id["role-typical-week"].source == "bank"
    assert by_id["my-own"].source == "bank"
    assert len(bank) == len(builtin_bank()) + 1
    chosen = select_questions(bank, PROFILE, person(meeting={"duration": 45}), None)
    role = [q for q in chosen.questions if q.topic == "role"]
    assert role[0].id == "my-own"
    assert role[0].source == "bank"
    every = texts(chosen.questions + chosen.backups)
    assert "What fills your week?" in every
    assert not any(t.startswith("What does a typical week look like") for t in every)


def test_higher_priority_comes_first_within_a_topic() -> None:
    bank = merge_banks(
        [
            entry(id="low", topic="trends", text="What is fading in your field?", priority=-5),
            entry(id="high", topic="trends", text="What is rising in your field?", priority=50),
        ]
    )
    chosen = select_questions(bank, PROFILE, person(meeting={"duration": 120}), None)
    trends = [q.id for q in chosen.questions + chosen.backups if q.topic == "trends"]
    assert trends[0] == "high"
    assert "low" not in trends[:2]


def test_user_industry_entries_apply_only_to_matching_organizations() -> None:
    bank = merge_banks(
        [
            entry(
                id="bank-only",
                topic="role",
                industries=["Banking"],
                text="How do audits shape your year at {{ org.name }}?",
                priority=20,
            )
        ]
    )
    at_bank = select_questions(bank, PROFILE, person(), org(name="Northway", industry="Bank"))
    at_hospital = select_questions(bank, PROFILE, person(), org(industry="Hospital"))
    assert "How do audits shape your year at Northway?" in texts(at_bank.questions)
    assert "bank-only" not in {q.id for q in at_hospital.questions + at_hospital.backups}


# ---------------------------------------------------------------------------
# Tailoring and determinism


def test_a_hospital_and_a_bank_get_visibly_different_questions() -> None:
    bank = merge_banks()
    nurse = person(id="n", organization="st-anne", role="Charge Nurse", meeting={"duration": 30})
    banker = person(id="b", organization="northway", role="Analyst", meeting={"duration": 30})
    hospital = org("st-anne", name="St Anne Hospital", industry="Hospital")
    lender = org("northway", name="Northway Bank", industry="Banking")
    a = select_questions(bank, PROFILE, nurse, hospital)
    b = select_questions(bank, PROFILE, banker, lender)
    assert set(texts(a.questions)) != set(texts(b.questions))
    every_a = a.questions + a.backups
    every_b = b.questions + b.backups
    assert any(q.id.endswith("health-care") for q in every_a)
    assert any(q.id.endswith("finance") for q in every_b)
    assert not any(q.id.endswith("finance") for q in every_a)
    assert not any(q.id.endswith("health-care") for q in every_b)
    assert any("health care" in t for t in texts(a.questions))
    assert any("finance" in t for t in texts(b.questions))


def test_selection_is_deterministic() -> None:
    contact = RICH_CONTACT.model_copy(update={"meeting": RICH_CONTACT.meeting})
    first = select_questions(merge_banks(), PROFILE, contact, RICH_ORG)
    second = select_questions(merge_banks(), PROFILE, contact, RICH_ORG)
    assert first == second


def test_rich_contact_gets_tailored_text() -> None:
    chosen = select_questions(merge_banks(), PROFILE, RICH_CONTACT, RICH_ORG)
    joined = " ".join(texts(chosen.questions + chosen.backups))
    assert "from hospital pharmacy to human-factors research" in joined
    assert "Acme Health" in joined
    assert "a new patient portal for rural clinics?" in joined  # parentheses trimmed
    news = next(item for item in builtin_bank() if item.id == "org-news")
    context = {"you": PROFILE, "contact": RICH_CONTACT, "org": RICH_ORG}
    assert "Acme opens a usability lab" in (render_text(news.text, context) or "")  # the latest


def test_templates_are_compiled_once() -> None:
    from prepguide.tailor.questions import sandbox

    bank = merge_banks()
    select_questions(bank, PROFILE, RICH_CONTACT, RICH_ORG)
    before = sandbox._template.cache_info().misses
    other = RICH_CONTACT.model_copy(update={"id": "y", "name": "Kim Lee", "role": "Designer"})
    select_questions(bank, PROFILE, other, RICH_ORG)
    assert sandbox._template.cache_info().misses == before


# ---------------------------------------------------------------------------
# The fast evaluation agrees with the Jinja2 sandbox

_CONTACTS = [
    RICH_CONTACT,
    person(),
    person(role="", location="Duluth", background={"transition": "teaching"}),
    person(
        role="Nurse",
        background={
            "transition": "from nursing into UX research",
            "interests": [],
            "education": [{"school": "Calder", "field": ""}, {"school": "Lakeshore"}],
        },
        goals=["See the lab"],
        meeting={"duration": 45, "format": "video"},
    ),
]
_ORGS = [
    None,
    RICH_ORG,
    org(),
    org(industry="", focus=[], news=[{"headline": "No date"}, {"headline": "Also none"}]),
    org(
        industry="Banking",
        focus=["Payments; then lending — maybe"],
        roles=[{"title": "Analyst (temp)"}],
    ),
]
_CONTEXTS = [
    {
        key: value
        for key, value in (("you", you), ("contact", contact), ("org", organization))
        if value is not None
    }
    for you in (PROFILE, None)
    for contact in _CONTACTS
    for organization in _ORGS
]

_CONDITIONS = [
    "contact.background.transition",
    "org.industry",
    "you.education",
    "you",
    "org",
    "not org",
    "org and contact.role",
    "not org and you.headline",
    "contact.role or org.industry",
    "not not contact.role",
    "contact.background.education[0].field",
    "contact.background.education[-1].field | lower_first",
    "(org.news | latest).headline",
    "org.focus[0] | brief",
    "contact.background.transition | move_to",
    "org.roles[0].title",
    "contact.background.interests",
    "contact.meeting.duration",
    "contact.meeting.format",
    "contact.name | first_name",
    "org.nothing",
    "contact.__class__",
    "contact.model_dump",
    "contact.name.upper",
    "true",
    "false",
    "none",
    "0",
    "''",
    # left to the sandbox
    "contact.meeting.duration > 30",
    'contact["role"] and not you.goal',
    "contact.background.transition is defined",
    "(org.focus | length) > 1",
    "org.name ~ 'x'",
    "range",
    "somebody.else",
    "contact.role and",
    "contact.role)",
    "{{ contact.role }}",
]

_TEMPLATES = [item.text for item in builtin_bank()] + [
    "What is {{ contact.role }}?",
    "{{ contact.location }}?",
    "{% if org %}{{ org.name }}{% elif you %}{{ you.name }}{% else %}nobody{% endif %} now?",
    "{% if not org %}Alone?{% endif %}",
    "{{ contact.background.education[-1].field | lower_first }} and {{ org.focus[0] | plain }}?",
    "{{ contact.background.transition | move_from }} to {{ contact.background.transition | move_to }}",
    "{{ (org.news | latest).headline | clause }}?",
    "{{ org.roles[0] }}",
    "{{ org.roles[0].title | article }}",
    "{{ contact.meeting.duration }} minutes, {{ contact.meeting }}",
    "{{ contact.goals }}",
    "{{ org.nothing }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ contact.__class__ }}",
    "{{ contact.name.upper }}",
    "{{ true }} {{ 1 }} {{ -1 }} {{ 'x' | article }}",
    "{# only a comment #}",
    "   \n",
    "Plain text,\r\n  on two lines?\n",
    "{% raw %}{{ not a tag }}{% endraw %}",
    "{{- contact.role -}} ?",
    # left to the sandbox
    "{{ contact.role | default('your role') }}",
    "{% for r in org.roles %}{{ r.title }}; {% endfor %}",
    "{% set t = contact.role %}{{ t }}",
    "{{ contact.role if you else 'me' }}",
    "{{ you.headline | truncate(5) }}",
    "{{ unclosed",
    "{{ contact.role | no_such_filter }}",
]


@pytest.mark.parametrize("when", _CONDITIONS)
def test_fast_conditions_agree_with_the_sandbox(when: str) -> None:
    from prepguide.tailor.questions import sandbox

    for context in _CONTEXTS:
        assert condition_holds(when, context) == sandbox._sandbox_condition(when, context), (
            when,
            context.keys(),
        )


def test_plain_conditions_take_the_fast_path() -> None:
    from prepguide.tailor.questions import evaluate

    for when in _CONDITIONS[: _CONDITIONS.index("contact.meeting.duration > 30")]:
        assert evaluate._compiled_condition(when).pure, when
    for entry_ in builtin_bank():
        assert evaluate._compiled_condition(entry_.when).pure, entry_.id
    assert not evaluate._compiled_condition("contact.meeting.duration > 30").pure


@pytest.mark.parametrize("text", _TEMPLATES)
def test_fast_texts_agree_with_the_sandbox(text: str) -> None:
    from prepguide.tailor.questions import evaluate, sandbox

    compiled = evaluate._compiled_text(text)
    usable = compiled.static is not None or compiled.render is not evaluate._never
    if usable and not isinstance(compiled.render, functools.partial):  # not left to Jinja2
        assert sandbox._template(text) is not None, "the fast path skips compilation"
    for context in _CONTEXTS:
        assert render_text(text, context) == sandbox._sandbox_render(text, context), (
            text,
            context.keys(),
        )


def test_builtin_texts_take_the_fast_path() -> None:
    from prepguide.tailor.questions import evaluate

    for item in builtin_bank():
        assert not isinstance(evaluate._compiled_text(item.text).render, functools.partial)


def _reference_selection(
    bank: Any, you: Profile | None, contact: Contact, organization: Organization | None
) -> Any:
    """The selection from every entry rendered by the sandbox (the reference for the fast path).

    Conditions and texts go through Jinja2 itself; the choice among the usable
    entries is :func:`prepguide.tailor.questions.selection.choose_questions`, tested on its own below.
    """
    from prepguide.tailor.questions import banks, sandbox, selection

    context = sandbox._context(you, contact, organization)

    def rank(item: Any) -> tuple[int, int, int, str]:
        e = item.entry
        return (-e.priority, -((1 if e.industries else 0) + (1 if e.when else 0)), item.order, e.id)

    offers = []
    for item in bank:
        e = item.entry
        if not industry_matches(e.industries, organization):
            continue
        if e.when and e.when.strip() and not sandbox._sandbox_condition(e.when, context):
            continue
        text = sandbox._sandbox_render(e.text, context)
        if text is None:
            continue
        offers.append(
            selection._Offer(
                rank(item),
                e.topic,
                e.group,
                banks.is_referral_entry(e),
                SelectedQuestion(e.id, e.topic, text, item.source),
            )
        )
    chosen = selection.choose_questions(offers, you, contact, organization)
    return chosen.questions, chosen.backups, chosen.budget


def test_selection_matches_the_reference_selection() -> None:
    bank = merge_banks(
        [
            entry(
                id="dup-of-builtin",
                topic="role",
                text="What does a typical week look like for you?",
            ),
            entry(
                id="role-duty", topic="role", when="org", text="What drew you to {{ org.name }}?"
            ),
            entry(id="referral-yours", topic="next-steps", text="Who else should I talk to?"),
            entry(
                id="referral-move",
                topic="next-steps",
                when="contact.background.transition and org",
                text="Who else at {{ org.name }} made a move like yours?",
                priority=2,
            ),
            entry(
                id="cmp",
                topic="advice",
                when="contact.meeting.duration > 30",
                text="With {{ contact.meeting.duration }} minutes, what first?",
                priority=3,
            ),
            entry(
                id="for", topic="role", text="{% for r in org.roles %}{{ r.title }} {% endfor %}?"
            ),
            entry(id="banking", topic="trends", industries=["Banking", "health"], text="Why?"),
        ]
    )
    own = [
        [],
        ["What does a typical week look like for you?", "Who else should I talk to?"],
        ["How did you get into this?", "What should I read?", "Any advice?", "Who else?"],
    ]
    for you in (PROFILE, None):
        for index, contact in enumerate(_CONTACTS):
            for questions_ in own:
                for duration in (5, 20, 60, 120):
                    for organization in _ORGS:
                        who = contact.model_copy(
                            update={
                                "questions": questions_,
                                "meeting": contact.meeting.model_copy(
                                    update={"duration": duration}
                                ),
                            }
                        )
                        got = select_questions(bank, you, who, organization)
                        assert (got.questions, got.backups, got.budget) == _reference_selection(
                            bank, you, who, organization
                        ), (index, duration)


def test_builtin_bank_reads_as_the_safe_yaml_loader_reads_it() -> None:
    from importlib import resources

    from ruamel.yaml import YAML

    source = resources.files("prepguide").joinpath("data/questions/builtin.yml")
    data = YAML(typ="safe").load(source.read_text(encoding="utf-8"))
    assert [entry_.model_dump() for entry_ in builtin_bank()] == [
        QuestionEntry.model_validate(item).model_dump() for item in data
    ]


def test_entries_about_the_organization_are_worked_out_once_per_organization() -> None:
    from prepguide.tailor.questions.plan import _plan, candidates_for

    bank = merge_banks(
        [
            entry(
                id="org-only",
                topic="role",
                when="org.focus",
                text="What is the thinking behind {{ org.focus[0] | lower_first }}?",
            ),
            entry(id="mixed", topic="role", when="org", text="How did {{ contact.name }} join?"),
            entry(
                id="sandboxed",
                topic="role",
                text="{% for r in org.roles %}{{ r.title }}{% endfor %}?",
            ),
        ]
    )
    plan = _plan(bank)
    slots = {slot.item.entry.id: slot for slot in plan.slots}
    assert slots["org-only"].shared
    assert not slots["mixed"].shared and not slots["sandboxed"].shared
    calls = []
    render = slots["org-only"].render

    def counted(context: Any) -> Any:
        calls.append(context["org"].name)
        return render(context)

    slots["org-only"].render = counted
    try:
        acme = org(focus=["A patient portal"])
        for name in ("Sam Rivera", "Ada Obi", "Lee Park"):
            got = candidates_for(bank, PROFILE, person(name=name), acme)
            assert ("org-only", "What is the thinking behind a patient portal?") in [
                (item.entry.id, text) for item, text in got
            ]
        assert calls == ["Acme"]  # once for the three people at Acme
        # Another organization (or the same one reloaded) is worked out again.
        changed = acme.model_copy(update={"focus": ["Rural clinics"]})
        got = candidates_for(bank, PROFILE, person(), changed)
        assert "What is the thinking behind rural clinics?" in [text for _, text in got]
        assert calls == ["Acme", "Acme"]
    finally:
        slots["org-only"].render = render
