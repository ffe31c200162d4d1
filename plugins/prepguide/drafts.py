"""Drafts for one conversation: outreach, introduction request, thank-you notes,
the logistics checklist and the after-talk reflection prompts.

Every draft is plain text written from the data; where the data cannot say
something (what you did with their advice, or anything about you in a
playbook without a profile) the draft carries a marked blank in square
brackets, such as ``[your name]``, for you to fill in.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .common_ground import (
    GroundPoint,
    first_name,
    note_items,
)
from .corpus import Corpus
from .intro import (
    BLANK_LEARN,
    BLANK_NAME,
    BLANK_WHO,
    MONTHS,
    WEEKDAYS,
    convert,
    converted_goals,
    count_words,
    exploring_sentence,
    goal_phrase,
    is_reminder_due,
    month_year,
    story_sentence,
)
from .model import Contact, Organization, Profile
from .network import Relation, relation
from .options import Options
from .questions import SelectedQuestion
from .text import (
    clause,
    goal_clause,
    headline_verb,
    is_question_clause,
    join_words,
    lower_first,
    org_phrase,
    role_phrase,
    short_name,
    to_third_person,
)

OUTREACH_MAX_WORDS = 150
"""The outreach email's body never exceeds this many words."""
OUTREACH_AIM_WORDS = 110
"""Optional sentences are dropped until the body is about this long."""
FORWARDABLE_MAX_WORDS = 80

BLANK_ADVICE = "[what you did with their advice]"
BLANK_MEMORY = "[one thing they said that stayed with you]"
BLANK_REFERRAL = "[the person they suggested]"

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

REFLECTION_PROMPTS = (
    "Now that you have heard how the work really goes, do you still want to make this change?",
    "Is this the right time for the move, or should it wait? What would change the timing?",
    "What will you need to prepare, learn or arrange before your next step?",
    "What surprised you most, and what would you ask next time?",
)


@dataclass(frozen=True)
class Draft:
    """A message to send (or a text to hand over).

    Attributes:
        title: What the draft is, for the page ("Outreach email").
        subject: The email subject, or ``None`` for a text without one.
        body: The text, paragraphs separated by blank lines.
        words: The body's word count.
        mailto: A ``mailto:`` link that opens the draft in a mail program, or ``None``.
        note: Advice on when or how to send it, or ``None``.
    """

    title: str
    subject: str | None
    body: str
    words: int
    mailto: str | None
    note: str | None


@dataclass(frozen=True)
class DraftContext:
    """Everything the drafts are written from.

    Attributes:
        profile: You, or ``None`` in a playbook (drafts then use marked blanks).
        contact: The person.
        org: Their organization, or ``None``.
        corpus: The guide (other contacts: the introducer, the referrals).
        options: The guide's options (today, timezone, audience).
        ground: Common ground, strongest first.
        questions: The selected questions, in conversation order.
    """

    profile: Profile | None
    contact: Contact
    org: Organization | None
    corpus: Corpus
    options: Options
    ground: Sequence[GroundPoint]
    questions: Sequence[SelectedQuestion]

    @property
    def public(self) -> bool:
        """Whether private fields must stay out of the drafts."""
        return self.options.audience == "public"

    @functools.cached_property
    def first(self) -> str:
        """The contact's first name."""
        return first_name(self.contact.name)

    @property
    def your_name(self) -> str:
        """Your name, or its blank."""
        return self.profile.name if self.profile else BLANK_NAME

    @property
    def minutes(self) -> int:
        """The meeting's length in minutes."""
        return self.contact.meeting.duration

    def email_of(self, contact: Contact) -> str:
        """A contact's email address for a ``mailto:`` link (empty in a public build)."""
        if self.public or not contact.email:
            return ""
        return contact.email


def make_mailto(address: str, subject: str, body: str) -> str:
    """Build a ``mailto:`` link (RFC 6068) with an encoded subject and body.

    Arguments:
        address: The recipient, possibly empty (``mailto:?subject=…``).
        subject: The subject line.
        body: The body; line breaks are sent as CRLF.

    Returns:
        The link.
    """
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    quoted = _PARAGRAPH_BREAK.join(map(_quote_paragraph, body.split("\r\n\r\n")))
    return f"mailto:{_quote(address, '@')}?subject={_quote(subject)}&body={quoted}"


# Percent-encoding, as ``urllib.parse.quote`` does it (UTF-8, strict; letters,
# digits and ``_.-~`` kept), but a character at a time: each character becomes
# its own escape, so a text can be escaped by replacing each distinct
# character, and a text's escape is the concatenation of its parts' escapes
# (the body is escaped paragraph by paragraph, and paragraphs that recur are
# escaped once).

_COMMON_UNSAFE = (" ", ",", "'", "?", "!", "\r", "\n", ":", ";", "(", ")", '"', "’", "—", "–", "/")
_LEFT_UNSAFE = {
    "": re.compile(r"[^A-Za-z0-9_.~%-]"),
    "@": re.compile(r"[^A-Za-z0-9_.~%@-]"),
}
_ESCAPES: dict[str, str] = {}


def _escape(char: str) -> str:
    escaped = _ESCAPES.get(char)
    if escaped is None:
        escaped = "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
        _ESCAPES[char] = escaped
    return escaped


def _quote(text: str, safe: str = "") -> str:
    """Return ``urllib.parse.quote(text, safe=safe)``, for ``safe`` "" or "@".

    Arguments:
        text: Any text.
        safe: Characters kept besides letters, digits and ``_.-~``.

    Returns:
        The text with every other character replaced by the ``%XX`` escapes
        of its UTF-8 bytes.
    """
    if not text.isascii():
        text.encode("utf-8")  # a lone surrogate fails here, as in urllib
    if "%" in text:
        text = text.replace("%", "%25")  # first: the escapes below add "%"
    for char in _COMMON_UNSAFE:
        if char in text:
            text = text.replace(char, _escape(char))
    left = _LEFT_UNSAFE[safe]
    if left.search(text) is not None:
        for char in set(left.findall(text)):
            text = text.replace(char, _escape(char))
    return text


_PARAGRAPH_BREAK = _quote("\r\n\r\n")


@functools.lru_cache(maxsize=4096)
def _quote_paragraph(text: str) -> str:
    return _quote(text)


def _draft(
    title: str,
    subject: str | None,
    body: str,
    address: str | None,
    note: str | None,
    words: int | None = None,
) -> Draft:
    mailto = make_mailto(address, subject or "", body) if address is not None else None
    return Draft(title, subject, body, count_words(body) if words is None else words, mailto, note)


def _paragraphs(parts: Sequence[str]) -> str:
    return "\n\n".join(p for p in parts if p)


def _referral_name(ref: str, corpus: Corpus) -> str:
    person = corpus.contacts.get(ref)
    if person is not None:
        return person.name
    name = ref.split("(")[0].strip()
    return clause(name) or ref


def format_meeting_time(when: dt.datetime, options: Options) -> str:
    """Format a meeting's date and time in the guide's timezone.

    Arguments:
        when: ``meeting.date`` (naive values are local time of the guide).
        options: The guide's options (``timezone``).

    Returns:
        E.g. ``"Thursday 4 December 2026, 15:30 (Europe/Paris)"``.
    """
    if when.tzinfo is not None:
        when = when.astimezone(options.tz)
    return (
        f"{WEEKDAYS[when.weekday()]} {when.day} {MONTHS[when.month - 1]} {when.year}, "
        f"{when.hour:02d}:{when.minute:02d} ({options.timezone})"
    )


def format_day(day: dt.date) -> str:
    """Format a date as ``"Thursday 4 December 2026"``.

    Arguments:
        day: A date.

    Returns:
        The weekday, day, month and year in English.
    """
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


# ---------------------------------------------------------------------------
# Outreach


def _goal_topic(goal: str) -> str | None:
    """A converted goal as something to "hear": ``"how you combined …"``, or ``None``."""
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


def _via_relation(ctx: DraftContext) -> Relation | None:
    """The relation with the contact's ``connection.via`` (see network.relation)."""
    via = ctx.contact.connection.via
    if not via:
        return None
    return relation(ctx.corpus, via, ctx.contact.id, public=ctx.public)


def via_lines(ctx: DraftContext, name: str) -> tuple[str, ...]:
    """The outreach's opening about the go-between, longest first: only what happened.

    "Anaïs suggested I get in touch" only when her ``referrals`` lists the
    contact; "introduced us" only once the introduction was made (docs/workflow.md,
    "Referrals and introductions"); else the one thing that is true, that you both
    know them.
    """
    rel = _via_relation(ctx)
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
    """
    contact = ctx.contact
    conn = contact.connection
    if conn.via and conn.via != contact.id:
        person = ctx.corpus.contacts.get(conn.via)
        via = first_name(person.name) if person else conn.via.split("-")[0].capitalize()
        rel = _via_relation(ctx)
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
    topics = _topics(ctx)
    topic_lines = [
        f"If it helps you prepare, I'd love to hear {join_words(topics[:n])}."
        for n in range(len(topics), 0, -1)
    ]
    ground = next((p.spoken for p in ctx.ground if p.kind != "mutual" and p.spoken), "")
    sections: list[list[str]] = [
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
    choice = [0] * len(sections)

    def body() -> str:
        picked = [sections[i][choice[i]] for i in range(len(sections))]
        opening = " ".join(p for p in picked[1:4] if p)
        ask = " ".join(p for p in picked[5:7] if p)
        return _paragraphs([picked[0], opening, picked[4], ask, picked[7], picked[8]])

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
    return _draft(
        "Outreach email",
        outreach_subject(ctx),
        body(),
        ctx.email_of(ctx.contact),
        "Keep it short; send it from your own address and follow up once after about a week "
        "if there is no answer.",
        words(),
    )


# ---------------------------------------------------------------------------
# Introductions


def intro_request(ctx: DraftContext) -> Draft | None:
    """Write a note asking the person in ``connection.via`` for an introduction.

    Arguments:
        ctx: The draft context.

    Returns:
        The draft, or ``None`` when the contact has no ``connection.via`` or the
        introduction was made (network.relation).
    """
    contact = ctx.contact
    via = contact.connection.via
    if not via or via == contact.id:
        return None
    rel = _via_relation(ctx)
    if rel is not None and rel.introduced:
        return None
    person = ctx.corpus.contacts.get(via)
    via_name = person.name if person else via.replace("-", " ").title()
    via_first = first_name(via_name)
    role = role_phrase(contact.role or "")
    who = contact.name
    place = org_phrase(short_name(ctx.org.name)) if ctx.org else ""
    if role and place:
        who += f", {role} at {place}"
    elif place:
        who += f" at {place}"
    if ctx.profile is None:
        exploring = f"I'm exploring {BLANK_LEARN}"
    elif ctx.profile.goal:
        exploring = f"I'm exploring {clause(ctx.profile.goal)}"
    else:
        exploring = "I'm exploring a change of direction"
    body = _paragraphs(
        [
            f"Hi {via_first},",
            f"I'm hoping you might introduce me to {who}. {exploring}, and "
            f"{ctx.first}'s experience would help me a great deal.",
            f"If you're happy to, could you forward the short note below, or copy me into an "
            f"email to {ctx.first}? I'm asking for {ctx.minutes} minutes, at a time that suits "
            f"{ctx.first}.",
            "Thank you so much for your help.",
            f"Best wishes,\n{ctx.your_name}",
        ]
    )
    address = "" if person is None else ctx.email_of(person)
    if rel is not None and rel.introduction == "requested":
        on = f" on {format_day(rel.requested_on)}" if rel.requested_on else ""
        note = (
            f"You sent this to {via_name}{on}; write to {ctx.first} yourself only once "
            f"{via_first} has introduced you."
        )
    else:
        note = (
            f"Send this to {via_name} first; write to {ctx.first} yourself only once "
            f"{via_first} has introduced you."
        )
    return _draft(
        f"Ask {via_first} for an introduction",
        f"Could you introduce me to {ctx.first}?",
        body,
        address,
        note,
    )


def forwardable(ctx: DraftContext) -> Draft | None:
    """Write a short blurb (at most 80 words) the introducer can forward.

    Arguments:
        ctx: The draft context.

    Returns:
        The draft, or ``None`` when the contact has no ``connection.via`` or the
        introduction was made.
    """
    contact = ctx.contact
    if not contact.connection.via or contact.connection.via == contact.id:
        return None
    rel = _via_relation(ctx)
    if rel is not None and rel.introduced:
        return None
    profile = ctx.profile
    if profile is None:
        name, short = BLANK_NAME, BLANK_NAME
        who = [
            f"{name} is {BLANK_WHO}, exploring {BLANK_LEARN}.",
            f"{name} is {BLANK_WHO}.",
        ]
    else:
        name, short = profile.name, first_name(profile.name)
        headline = clause(profile.headline or "")
        described = f"{name} is {role_phrase(headline)}" if headline else f"{name} is"
        who = []
        goal = to_third_person(clause(profile.goal or ""), name, profile.pronouns).text or ""
        if goal and headline:
            # the name was just said: the goal's "I" becomes the pronoun (docs/prep.md)
            goal = (
                to_third_person(clause(profile.goal or ""), name, profile.pronouns, named=True).text
                or ""
            )
        if goal:
            if headline_verb(headline) == "exploring":
                verb = "wants to find out" if is_question_clause(goal) else "is looking closely at"
            else:
                verb = "is exploring"
            exploring = f"{short} {verb} {goal}."
            who.append(f"{described}. {exploring}" if headline else exploring)
        if headline:
            who.append(f"{described}.")
        else:
            who.append("")
    about = (
        f"the work at {org_phrase(short_name(ctx.org.name))}" if ctx.org else f"{ctx.first}'s work"
    )
    asks = [
        f"{short} would be grateful for a {ctx.minutes}-minute conversation with {ctx.first} "
        f"about {about} and how people find their way into it, at a time that suits {ctx.first}.",
        f"{short} would be grateful for a {ctx.minutes}-minute conversation with {ctx.first}.",
    ]
    body = ""
    for line in who:
        for ask in asks:
            body = " ".join(p for p in (line, ask) if p)
            if count_words(body) <= FORWARDABLE_MAX_WORDS:
                break
        if count_words(body) <= FORWARDABLE_MAX_WORDS:
            break
    return _draft(
        "A note they can forward",
        None,
        body,
        None,
        f"Short enough to paste into an email to {ctx.first} as it is.",
    )


# ---------------------------------------------------------------------------
# After the conversation


def thank_you(ctx: DraftContext) -> Draft:
    """Write the thank-you note, mentioning one thing from your notes.

    Arguments:
        ctx: The draft context.

    Returns:
        The draft; its note says to send it within 24 hours.
    """
    contact = ctx.contact
    meeting = contact.meeting
    on_day = f" on {WEEKDAYS[meeting.date.weekday()]}" if meeting.date else ""
    remembered = None
    if contact.notes and not ctx.public:
        # the first note that reads right spoken to them (an ambiguous one is left out)
        for item in note_items(contact.notes):
            remembered = convert(item, contact, ctx.profile).text
            if remembered:
                break
    memory = (
        f"One thing that stayed with me: {lower_first(clause(remembered))}."
        if remembered
        else f"One thing that stayed with me: {BLANK_MEMORY}."
    )
    referral = ""
    if contact.referrals:
        ref = _referral_name(contact.referrals[0], ctx.corpus)
        referral = f"Thank you also for suggesting I speak with {ref}."
    body = _paragraphs(
        [
            f"Hi {ctx.first},",
            f"Thank you for taking the time to talk with me{on_day}. {memory}",
            referral,
            "Your advice has given me a clearer next step, and I'll let you know how it goes.",
            f"Best wishes,\n{ctx.your_name}",
        ]
    )
    note = "Send within 24 hours of the conversation."
    if meeting.date is not None:
        due = meeting.date + dt.timedelta(hours=24 + meeting.duration / 60)
        note = (
            f"Send within 24 hours of the conversation: by {format_meeting_time(due, ctx.options)}."
        )
    return _draft(
        "Thank-you note",
        f"Thank you, {ctx.first}",
        body,
        ctx.email_of(contact),
        note,
    )


def follow_up(ctx: DraftContext) -> Draft:
    """Write the follow-up note: what you did with their advice.

    Arguments:
        ctx: The draft context.

    Returns:
        The draft; its note says to send it two to four weeks after the talk.
    """
    contact = ctx.contact
    lines = [
        f"Hi {ctx.first},",
        "It has been a few weeks since we talked, and I wanted to tell you what I did with "
        f"your advice: {BLANK_ADVICE}.",
    ]
    if contact.referrals:
        progress = _referral_progress(ctx, contact.referrals[0])
        if progress:
            lines.append(progress)
    lines += [
        "Thank you again; our conversation made a real difference to how I'm approaching this.",
        f"Best wishes,\n{ctx.your_name}",
    ]
    note = "Send two to four weeks after the conversation."
    if contact.meeting.date is not None:
        day = contact.meeting.date.date()
        start = format_day(day + dt.timedelta(weeks=2))
        end = format_day(day + dt.timedelta(weeks=4))
        note = f"Send two to four weeks after the conversation: between {start} and {end}."
    return _draft(
        "Follow-up note",
        "An update since we spoke",
        _paragraphs(lines),
        ctx.email_of(contact),
        note,
    )


def _referral_progress(ctx: DraftContext, ref: str) -> str:
    """What you did about a suggestion, from the suggested contact's status ("" when unknown).

    A name with no file, a public build (no status) or a contact not yet
    written to says nothing: the follow-up claims no contact that did not happen.
    """
    person = ctx.corpus.contacts.get(ref)
    if person is None or ctx.public:
        return ""
    meeting = person.meeting
    rel = relation(ctx.corpus, ctx.contact.id, ref)
    asked_them = rel is not None and rel.introduction is not None
    if meeting.status in ("met", "thanked"):
        return f"I have also talked with {person.name}, as you suggested."
    if meeting.status == "scheduled":
        return f"I have a conversation planned with {person.name}, as you suggested."
    if meeting.status == "requested" and not asked_them:
        return f"I have also written to {person.name}, as you suggested."
    return ""


def referral_thanks(ctx: DraftContext) -> Draft:
    """Write the note thanking the contact for their first referral.

    It thanks them for the suggestion, and for an introduction only once it was
    made (network.relation; docs/workflow.md, "Referrals and introductions").

    Arguments:
        ctx: The draft context.

    Returns:
        The draft (with a marked blank when there is no referral yet).
    """
    contact = ctx.contact
    referred: Contact | None = None
    rel: Relation | None = None
    if contact.referrals:
        ref_id = contact.referrals[0]
        name = _referral_name(ref_id, ctx.corpus)
        referred = ctx.corpus.contacts.get(ref_id)
        rel = relation(ctx.corpus, contact.id, ref_id, public=ctx.public)
    else:
        name = BLANK_REFERRAL
    ref_first = first_name(name) if contact.referrals else name
    introduced = rel is not None and rel.introduced
    status = ""
    if referred is not None and referred.meeting.date is not None:
        day = format_day(referred.meeting.date.date())
        if referred.meeting.status in ("met", "thanked", "closed"):
            status = f"We talked on {day}."
        else:
            status = f"We have a conversation planned for {day}."
    if not status:
        who = ref_first if contact.referrals else "them"
        status = f"[When you are meeting {who}, or how the conversation went.]"
    if introduced:
        thanks = f"Thank you for introducing me to {name}."
        title = f"Thanks for the introduction to {name}"
        subject = f"Thank you for introducing me to {ref_first}"
        closing = "I really appreciate you putting us in touch."
        note = f"Send once you have heard back from {ref_first}, and again after you talk."
    else:
        thanks = f"Thank you for suggesting I speak with {name}."
        title = f"Thanks for suggesting {name}"
        subject = f"Thank you for suggesting I talk to {ref_first}"
        closing = "I really appreciate your help."
        reached = referred.meeting.status if referred is not None and not ctx.public else None
        if rel is not None and rel.introduction is not None:
            note = (
                f"Send once {ctx.first} has introduced you to {ref_first}, "
                "and again after you talk."
            )
        elif reached in ("met", "thanked", "closed"):
            note = "Send it now: you have talked."
        elif reached in ("requested", "scheduled"):
            note = "Send it now, and again after you talk."
        else:
            note = f"Send once you have written to {ref_first}, and again after you talk."
    body = _paragraphs(
        [
            f"Hi {ctx.first},",
            f"{thanks} {status}",
            closing,
            f"Best wishes,\n{ctx.your_name}",
        ]
    )
    return _draft(title, subject, body, ctx.email_of(contact), note)


# ---------------------------------------------------------------------------
# Logistics and reflection


def logistics(ctx: DraftContext) -> tuple[str, ...]:
    """Return the checklist for the meeting's format (in person, video, phone or unknown).

    Arguments:
        ctx: The draft context.

    Returns:
        The checklist items, starting with the date and length when known.
    """
    meeting = ctx.contact.meeting
    items: list[str] = []
    if meeting.date is not None:
        items.append(
            f"{format_meeting_time(meeting.date, ctx.options)}, {meeting.duration} minutes"
        )
    else:
        items.append(f"Agree on a day and time; plan for {meeting.duration} minutes")
    if meeting.format == "in-person":
        items += [
            "Suggest a place that is convenient and quiet for them",
            "Plan the route and arrive ten minutes early",
            "Bring the printed brief, a notebook and a pen",
            "Offer to pay for the coffee",
        ]
    elif meeting.format == "video":
        items += [
            "Test the call link, your camera and your microphone the day before",
            "Check your connection, and sit facing a window or a lamp so your face is well lit",
            "Have a phone number ready as a backup in case the call drops",
            "Keep the brief open beside the call, with notifications silenced",
        ]
    elif meeting.format == "phone":
        items += [
            "Book a quiet room with good reception",
            "Confirm the number, and who calls whom",
            "Keep your notes and questions at hand",
        ]
    else:
        items += [
            "Offer to meet where it suits them",
            "Confirm the format: in person, video or phone",
            "Keep your notes and questions at hand",
        ]
    items += [
        "Confirm the day before",
        f"Watch the time, and offer to stop when the {meeting.duration} minutes are up",
    ]
    return tuple(items)


def reflection(ctx: DraftContext) -> tuple[tuple[str, str | None], ...]:
    """Pair the after-talk reflection prompts with your answers.

    Arguments:
        ctx: The draft context.

    Returns:
        ``(prompt, answer)`` pairs; an answer is ``None`` when not written yet
        (and always in a public build: reflections are private).
    """
    answers: list[str | None] = [None, None, None, None]
    given = ctx.contact.reflection
    if given is not None and not ctx.public:
        if given.still_interested is not None:
            answers[0] = "Yes" if given.still_interested else "No"
        answers[1] = " ".join(given.timing.split()) or None if given.timing else None
        answers[2] = " ".join(given.next_steps.split()) or None if given.next_steps else None
    return tuple(zip(REFLECTION_PROMPTS, answers, strict=True))
