"""The outreach email: its subject, the opening about how you are connected, who you
are, what you hope to learn, the ask and the topics (docs/prep.md, "Outreach").
"""

from __future__ import annotations

import re

from ...text import (
    clause,
    first_name,
    goal_clause,
    is_question_clause,
    join_words,
    lower_first,
    org_phrase,
    role_phrase,
    short_name,
)
from ..intro import (
    BLANK_LEARN,
    BLANK_NAME,
    BLANK_WHO,
    convert,
    converted_goals,
    exploring_sentence,
    goal_phrase,
    is_reminder_due,
    month_year,
    story_sentence,
)
from ..spoken_time import count_words
from .letter import Draft, DraftContext, make_draft, paragraphs, via_relation

OUTREACH_MAX_WORDS = 150
"""The outreach email's body never exceeds this many words."""
OUTREACH_AIM_WORDS = 110
"""Optional sentences are dropped until the body is about this long."""

TOPIC_PHRASES = {
    "role": "what your work looks like day to day",
    "organization": "what it is like to work where you do",
    "trends": "where your field is heading",
    "path": "how you found your way into your role",
    "transition": "how you made your own career change",
    "advice": "what you would suggest to someone in my position",
    "resources": "what is worth reading or joining",
    "timing": "when people usually make a move like this",
}
"""How each question topic is named in the outreach email ("I'd love to hear about …")."""


def _goal_topic(goal: str) -> str | None:
    """A converted goal as something to "hear": ``"how you combined …"``, or ``None``.

    >>> _goal_topic("understand how you combined finance and data work")
    'how you combined finance and data work'
    >>> _goal_topic("learn about the lab"), _goal_topic("meet the team")
    ('about the lab', None)
    """
    verb, rest = goal_clause(goal)
    rest = lower_first(rest) if rest else rest
    if rest and is_question_clause(rest):
        return rest
    if verb and rest.split()[:1] == ["about"]:
        return rest
    return None


def _topics(ctx: DraftContext) -> list[str]:
    """What the email offers to talk about: the goals first, then the contact's work.

    Each topic follows "I'd love to hear": an embedded question ("how you
    combined finance and data work") or "about …". Generic topics from the
    question list fill in only when the goals and the organization say
    nothing (see docs/prep.md, "Outreach").
    """
    phrases: list[str] = []
    for goal in converted_goals(ctx.contact, ctx.profile):
        topic = _goal_topic(goal)
        if topic and topic not in phrases:
            phrases.append(topic)
    if len(phrases) < 2 and ctx.org is not None:
        focus = next((clause(re.sub(r"\s*\([^)]*\)", "", f)) for f in ctx.org.focus), "")
        if focus:
            phrases.append(
                f"about the work on {lower_first(focus)} at {org_phrase(short_name(ctx.org.name))}"
            )
    if not phrases:
        for question in ctx.questions:
            phrase = TOPIC_PHRASES.get(question.topic)
            if question.topic == "organization" and ctx.org is not None:
                phrase = f"what it is like to work at {org_phrase(short_name(ctx.org.name))}"
            if phrase and phrase not in phrases:
                phrases.append(phrase)
        for fallback in (TOPIC_PHRASES["role"], TOPIC_PHRASES["path"]):
            if len(phrases) >= 2:
                break
            if fallback not in phrases:
                phrases.append(fallback)
    return phrases[:2]


def _story_line(ctx: DraftContext) -> str | None:
    """The first sentence of ``connection.story``, spoken to the contact, or ``None``."""
    story = ctx.contact.connection.story
    if not story:
        return None
    told = story_sentence(story, 30)
    if told is None:
        return None
    return convert(told, ctx.contact, ctx.profile).text


def _connection_lines(ctx: DraftContext) -> tuple[str, ...]:
    """The opening about how you are connected, longest first: the go-between
    (:func:`via_lines`), a reunion, or a line for the kind of connection.

    >>> from prepguide.guide.corpus import Corpus
    >>> from prepguide.options import Options
    >>> from prepguide.read.model import Contact
    >>> ana = Contact(id="ana", name="Ana Ruiz", connection={"type": "colleague"})
    >>> _connection_lines(DraftContext(None, ana, None, Corpus(), Options(), (), ()))
    ('I hope all is well since we worked together.',)
    """
    contact = ctx.contact
    conn = contact.connection
    if conn.via and conn.via != contact.id:
        person = ctx.corpus.contacts.get(conn.via)
        name = person.name if person else conn.via.replace("-", " ").title()
        told = _story_line(ctx)
        return (told, *via_lines(ctx, name)) if told else via_lines(ctx, name)
    if conn.last_spoke is not None and is_reminder_due(contact, ctx.options.resolved_today()):
        when = month_year(conn.last_spoke)
        sentence = _story_line(ctx)
        short = f"It has been a while since we last spoke, in {when}, and I hope you are well."
        if sentence:
            return (
                f"It has been a while since we last spoke, in {when}. As a reminder, "
                f"{lower_first(sentence)}",
                short,
            )
        return (short,)
    kind = conn.type
    if kind in ("family", "friend"):
        return ("I hope you're doing well.",)
    if kind == "colleague":
        return ("I hope all is well since we worked together.",)
    if kind == "mentor":
        return ("I hope you're well. Your advice has stayed with me since we last spoke.",)
    told = _story_line(ctx)
    if told and kind in ("alumni", "mutual", "conference", "online", "cold"):
        return (told,)
    if kind == "alumni":
        school = next(
            (
                e.school
                for e in contact.background.education
                for p in ctx.ground
                if p.kind == "school" and e.school in p.sentence
            ),
            None,
        )
        if school:
            return (f"I found your name through the {school} alumni network.",)
        return ("I found your name through our alumni network.",)
    if kind == "mutual":
        return ("We have people in common, so I hope you don't mind my writing.",)
    if kind == "conference":
        return ("We met at a conference, and I have wanted to follow up since.",)
    if kind == "online":
        return ("We connected online, and I would like to continue the conversation.",)
    where = f" at {org_phrase(short_name(ctx.org.name))}" if ctx.org else ""
    return (
        f"I came across your work{where} and hoped you might be open to a short conversation.",
        "I hope you don't mind a message out of the blue.",
    )


def _who_lines(ctx: DraftContext) -> tuple[str, ...]:
    profile = ctx.profile
    if profile is None:
        return (f"I'm {BLANK_NAME}, {BLANK_WHO}.",)
    headline = clause(profile.headline or "")
    known = ctx.contact.connection.type in {"family", "friend", "colleague", "mentor"}
    if headline and known:
        return (f"These days I'm {role_phrase(headline)}.", "")
    if headline:
        return (f"I'm {profile.name}, {role_phrase(headline)}.", f"I'm {profile.name}.")
    return ("",) if known else (f"I'm {profile.name}.",)


def _learn_lines(ctx: DraftContext) -> tuple[str, ...]:
    contact = ctx.contact
    role = role_phrase(contact.role or "")
    perspective = ""
    if role:
        perspective = f"your perspective as {role}"
    elif ctx.org:
        perspective = f"your perspective from {org_phrase(short_name(ctx.org.name))}"
    else:
        perspective = "your perspective"
    if ctx.profile is None:
        return (f"I'm hoping to learn {BLANK_LEARN}, and I would value {perspective}.",)
    lines = []
    if ctx.profile.goal:
        exploring = exploring_sentence(ctx.profile.goal, ctx.profile.headline)[:-1]
        lines.append(f"{exploring}. I would value {perspective}.")
    goals = converted_goals(contact, ctx.profile)
    if goals and not any(_goal_topic(goal) for goal in goals):
        # a goal the topics line does not already carry
        lines.append(f"I'm hoping to {goal_phrase(goals[0])}, and I would value {perspective}.")
    lines.append(f"I would value {perspective}.")
    return tuple(lines)


def _ask_line(ctx: DraftContext) -> str:
    """The ask: the meeting's length and format (``meeting.duration``, ``meeting.format``).

    >>> from prepguide.guide.corpus import Corpus
    >>> from prepguide.options import Options
    >>> from prepguide.read.model import Contact
    >>> ana = Contact(id="ana", name="Ana Ruiz", meeting={"format": "video", "duration": 30})
    >>> print(_ask_line(DraftContext(None, ana, None, Corpus(), Options(), (), ())))
    Would you have 30 minutes for a video call in the coming weeks? I'm flexible, so any time that suits you works for me.
    """
    fmt = ctx.contact.meeting.format
    kind = {
        "video": "a video call",
        "phone": "a phone call",
        "in-person": "a coffee",
    }.get(fmt or "", "a call or a coffee")
    where = "time" if fmt in ("video", "phone") else "time and place"
    return (
        f"Would you have {ctx.minutes} minutes for {kind} in the coming weeks? "
        f"I'm flexible, so any {where} that suits you works for me."
    )


def via_lines(ctx: DraftContext, name: str) -> tuple[str, ...]:
    """The outreach's opening about the go-between, longest first: only what happened.

    "Anaïs suggested I get in touch" only when her ``referrals`` lists the
    contact; "introduced us" only once the introduction was made (docs/workflow.md,
    "Referrals and introductions"); else the one thing that is true, that you both
    know them.

    >>> from prepguide.guide.corpus import Corpus
    >>> from prepguide.options import Options
    >>> from prepguide.read.model import Contact
    >>> anais = Contact(id="anais", name="Anaïs Petit", referrals=["ana"])
    >>> ana = Contact(id="ana", name="Ana Ruiz", connection={"via": "anais"})
    >>> corpus = Corpus(contacts={"anais": anais, "ana": ana})
    >>> via_lines(DraftContext(None, ana, None, corpus, Options(), (), ()), "Anaïs Petit")
    ('Anaïs Petit suggested I get in touch with you.', 'Anaïs suggested I write to you.')
    >>> via_lines(DraftContext(None, ana, None, Corpus(), Options(), (), ()), "Anaïs Petit")
    ('We both know Anaïs Petit.',)
    """
    rel = via_relation(ctx)
    first = first_name(name)
    suggested = rel is not None and rel.suggested
    if rel is not None and rel.introduced:
        if suggested:
            return (
                f"{name} suggested I get in touch with you, and kindly introduced us.",
                f"{first} kindly introduced us.",
            )
        return (f"{name} kindly introduced us.", f"{first} kindly introduced us.")
    if suggested:
        return (f"{name} suggested I get in touch with you.", f"{first} suggested I write to you.")
    return (f"We both know {name}.",)


def outreach_subject(ctx: DraftContext) -> str:
    """The outreach email's subject line.

    Arguments:
        ctx: The draft context.

    Returns:
        A short subject naming the introducer, the reunion or the request.

    >>> from prepguide.guide.corpus import Corpus
    >>> from prepguide.options import Options
    >>> from prepguide.read.model import Contact, Organization
    >>> ana = Contact(id="ana", name="Ana Ruiz", connection={"type": "cold"})
    >>> lumenchart = Organization(id="lumenchart", name="Lumenchart Inc.")
    >>> outreach_subject(DraftContext(None, ana, lumenchart, Corpus(), Options(), (), ()))
    'A 20-minute conversation about your work at Lumenchart'
    >>> marcus = Contact(id="marcus", name="Marcus Lee", connection={"via": "anais-petit"})
    >>> outreach_subject(DraftContext(None, marcus, None, Corpus(), Options(), (), ()))
    'Through Anais: could I borrow 20 minutes of your advice?'
    """
    contact = ctx.contact
    conn = contact.connection
    if conn.via and conn.via != contact.id:
        person = ctx.corpus.contacts.get(conn.via)
        via = first_name(person.name) if person else conn.via.split("-")[0].capitalize()
        rel = via_relation(ctx)
        if rel is not None and rel.introduced:
            return f"Following {via}'s introduction"
        if rel is not None and rel.suggested:
            return f"{via} suggested I get in touch"
        return f"Through {via}: could I borrow {ctx.minutes} minutes of your advice?"
    if conn.last_spoke is not None and is_reminder_due(contact, ctx.options.resolved_today()):
        return f"Reconnecting since {month_year(conn.last_spoke)}, and a small request"
    if conn.type in {"family", "friend", "colleague", "mentor"}:
        return f"Could I borrow {ctx.minutes} minutes of your advice?"
    where = f" at {org_phrase(short_name(ctx.org.name))}" if ctx.org else ""
    return f"A {ctx.minutes}-minute conversation about your work{where}"


def _sections(ctx: DraftContext) -> list[list[str]]:
    """The outreach body's sections, each its wordings longest first ("" leaves it out)."""
    topics = _topics(ctx)
    topic_lines = [
        f"If it helps you prepare, I'd love to hear {join_words(topics[:n])}."
        for n in range(len(topics), 0, -1)
    ]
    ground = next((p.spoken for p in ctx.ground if p.kind != "mutual" and p.spoken), "")
    return [
        [f"Hi {ctx.first},"],
        list(_connection_lines(ctx)),
        list(_who_lines(ctx)),
        [ground, ""] if ground else [""],
        list(_learn_lines(ctx)),
        [_ask_line(ctx), _ask_line(ctx).split("? ")[0] + "?"],
        [*topic_lines, ""],
        [
            "Thank you for considering it, and no worries if now is a busy time.",
            "Thank you for considering it.",
        ],
        [f"Best wishes,\n{ctx.your_name}"],
    ]


def _shorten(sections: list[list[str]]) -> tuple[list[int], int]:
    """Pick a wording of each section so the body keeps to the word limits.

    Returns:
        ``(choice, words)``: the index of the wording picked in each section,
        and the body's word count.
    """
    choice = [0] * len(sections)
    # The body joins every picked sentence with whitespace, so its word count
    # is the sum of theirs.
    counts = [[count_words(sentence) for sentence in section] for section in sections]

    def words() -> int:
        return sum(section[index] for section, index in zip(counts, choice, strict=True))

    # Shorten section by section: first the generic sentences (the flexible
    # time, "no worries", the perspective), down to about OUTREACH_AIM_WORDS;
    # then, only as the hard limit needs, a topic, who you are, and last the
    # connection story and the common ground (docs/prep.md, "Outreach").
    for limit, steps in (
        (OUTREACH_AIM_WORDS, (7, 5, 4, 4)),
        (OUTREACH_MAX_WORDS, (6, 2, 6, 1, 3, 6, 4)),
    ):
        for index in steps:
            if words() <= limit:
                break
            if choice[index] < len(sections[index]) - 1:
                choice[index] += 1
    return choice, words()


def outreach(ctx: DraftContext) -> Draft:
    """Write the outreach email asking for the conversation.

    The body opens with the connection (or a reminder of how you met), says
    who you are in one sentence and what you hope to learn, asks for the
    meeting's length with flexibility on time and place, names two or three
    topics so they can prepare, and thanks them. Optional sentences are
    dropped until it is about 110 words, and it never exceeds 150.

    Arguments:
        ctx: The draft context.

    Returns:
        The draft, with a ``mailto:`` link to the contact's address (empty
        when unknown, or in a public build).
    """
    sections = _sections(ctx)
    choice, words = _shorten(sections)
    picked = [section[index] for section, index in zip(sections, choice, strict=True)]
    opening = " ".join(p for p in picked[1:4] if p)
    ask = " ".join(p for p in picked[5:7] if p)
    return make_draft(
        "Outreach email",
        outreach_subject(ctx),
        paragraphs([picked[0], opening, picked[4], ask, picked[7], picked[8]]),
        ctx.email_of(ctx.contact),
        "Keep it short; send it from your own address and follow up once after about a week "
        "if there is no answer.",
        words,
    )
