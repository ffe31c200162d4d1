# Over 600 lines with its docstrings (211 of them, most in->out examples); about 400 of code.
"""The one-minute intro script: composed from the profile and the contact, and timed.

The script is built from pieces (a greeting, who you are, how you are
connected, the strongest common ground, what you hope to learn, thanks for
the meeting's length). Each piece has a rank and one or more wordings,
longest first. Pieces are added in rank order while the spoken time stays
at or under the target; if the script is still short of the lower bound,
optional sentences are added until it fits. So the generated script always
lands within ``intro_seconds`` ± 15 seconds at the guide's speaking rate,
whatever the data (unless the options themselves make that impossible).
Counting words, timing and fitting pieces to the target live in tailor/spoken_time.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import Problem
from ..guide.corpus import Corpus
from ..options import Options
from ..read.model import Contact, Experience, Organization, Profile
from ..text import (
    MONTHS,
    Conversion,
    clause,
    first_name,
    first_sentence,
    goal_clause,
    headline_verb,
    is_question_clause,
    lower_first,
    note_items,
    org_phrase,
    pronoun_set,
    role_phrase,
    short_name,
    to_second_person,
)
from .common_ground import (
    GroundPoint,
    organization_key,
)
from .relations import relation
from .spoken_time import Intro, Piece, count_words, fit, time_intro, timed

BLANK_NAME = "[your name]"
BLANK_WHO = "[your program and year]"
BLANK_LEARN = "[what you hope to learn]"


def month_year(day: dt.date) -> str:
    """Format a date as ``"October 2023"``.

    Arguments:
        day: A date.

    Returns:
        The month's English name and the year.

    >>> month_year(dt.date(2023, 10, 5))
    'October 2023'
    """
    return f"{MONTHS[day.month - 1]} {day.year}"


def is_reminder_due(contact: Contact, today: dt.date) -> bool:
    """Whether you last spoke with a contact over a year before ``today``.

    Arguments:
        contact: The contact.
        today: The guide's today.

    Returns:
        True when ``connection.last_spoke`` is set and more than a year old.
    """
    last = contact.connection.last_spoke
    if last is None:
        return False
    try:
        year_later = last.replace(year=last.year + 1)
    except ValueError:  # 29 February
        year_later = last.replace(year=last.year + 1, day=28)
    return today > year_later


@functools.lru_cache(maxsize=4096)  # a function of the text: the warnings, intro and emails read it
def story_sentence(story: str, limit: int = 35) -> str | None:
    """Return the first sentence of a connection story, if short enough to say.

    Arguments:
        story: ``connection.story``.
        limit: The most words accepted.

    Returns:
        The sentence (ending in a full stop), or ``None``.

    >>> story_sentence("We met at  the 2019 UXPA conference. She gave a talk.")
    'We met at the 2019 UXPA conference.'
    >>> story_sentence("One two three four.", limit=3) is None
    True
    """
    sentence = clause(first_sentence(" ".join(story.split())))
    if not sentence or count_words(sentence) > limit:
        return None
    return sentence + "."


def address_directly(sentence: str, pronouns: str | None) -> str:
    """Rewrite a sentence about someone so it speaks to them ("her talk" -> "your talk").

    :func:`prepguide.text.to_second_person` with the contact's ``pronouns``
    (they/them without any); an ambiguous sentence is returned unchanged
    (callers that must never say the wrong person use :func:`convert`).

    Arguments:
        sentence: A sentence from ``connection.story``.
        pronouns: The contact's ``pronouns``.

    Returns:
        The rewritten sentence.

    >>> address_directly("She gave a talk on her research.", "she/her")
    'You gave a talk on your research.'
    """
    converted = to_second_person(sentence, pronouns)
    return converted.text if converted.text is not None else sentence


def convert(fragment: str, contact: Contact, profile: Profile | None) -> Conversion:
    """Convert a fragment of the data to the frame "you speak to the contact".

    Third person about the contact becomes second person, the user's name
    first person (see docs/prep.md, "Whose voice"). The result's ``text`` is
    ``None`` when the conversion is ambiguous: leave the fragment out.

    Arguments:
        fragment: A goal, a note, a story.
        contact: The person addressed.
        profile: You, or ``None``.

    Returns:
        The conversion.
    """
    return to_second_person(
        fragment,
        contact.pronouns,
        name=contact.name,
        user_name=profile.name if profile else None,
        user_pronouns=profile.pronouns if profile else None,
    )


def converted_goals(contact: Contact, profile: Profile | None) -> list[str]:
    """The contact's goals in the frame "you speak to the contact", ambiguous ones left out.

    Arguments:
        contact: The person.
        profile: You, or ``None``.

    Returns:
        The goals, converted, as clauses without final punctuation.
    """
    return list(
        _converted_goals(
            tuple(contact.goals),
            contact.pronouns,
            contact.name,
            profile.name if profile else None,
            profile.pronouns if profile else None,
        )
    )


@functools.lru_cache(maxsize=4096)
def _converted_goals(
    goals: tuple[str, ...],
    pronouns: str | None,
    name: str,
    user_name: str | None,
    user_pronouns: str | None,
) -> tuple[str, ...]:
    """:func:`converted_goals` from the texts it reads (:func:`convert`'s), kept for each:
    the intro and the outreach email ask for the same goals three times a page.

    >>> _converted_goals(("Hear how she started.",), "she/her", "Ana Ruiz", None, None)
    ('Hear how you started',)
    """
    converted = []
    for goal in goals:
        text = to_second_person(
            clause(goal), pronouns, name=name, user_name=user_name, user_pronouns=user_pronouns
        ).text
        if text and clause(text):
            converted.append(clause(text))
    return tuple(converted)


@functools.lru_cache(maxsize=256)  # a function of the profile's texts: the same on every page
def exploring_sentence(goal: str, headline: str | None) -> str:
    """Say what you are exploring, without repeating the headline's verb.

    Arguments:
        goal: ``profile.goal``, written to follow "I'm exploring".
        headline: ``profile.headline``.

    Returns:
        ``"I'm exploring how …."``, or, after a headline that says
        "exploring", ``"Above all, I want to find out how …."`` (a question)
        or ``"I'm looking closely at …."``.

    >>> exploring_sentence("clinical informatics", "ICU nurse")
    "I'm exploring clinical informatics."
    >>> exploring_sentence("how clinicians move into UX research", "Nurse exploring UX research")
    'Above all, I want to find out how clinicians move into UX research.'
    >>> exploring_sentence("clinical informatics", "Nurse exploring UX research")
    "I'm looking closely at clinical informatics."
    """
    goal = clause(goal)
    if headline_verb(headline or "") != "exploring":
        return f"I'm exploring {goal}."
    if is_question_clause(goal):
        return f"Above all, I want to find out {goal}."
    return f"I'm looking closely at {goal}."


def current_job(profile: Profile) -> Experience | None:
    """Return the job you hold now (no end, or ``present``), else the latest one.

    Arguments:
        profile: You.

    Returns:
        The job, or ``None`` without experience.
    """
    jobs = list(profile.experience)
    if not jobs:
        return None
    for job in jobs:
        if job.end is None or str(job.end).lower() == "present":
            return job
    return max(jobs, key=lambda j: str(j.end))


def organization_name(ref: str, corpus: Corpus) -> str:
    """Name an organization given as an id of the corpus or as free text.

    Arguments:
        ref: An ``organization`` value.
        corpus: The guide.

    Returns:
        The organization's name.

    >>> lumenchart = Organization(id="lumenchart", name="Lumenchart Inc.")
    >>> corpus = Corpus(organizations={"lumenchart": lumenchart})
    >>> organization_name("lumenchart", corpus), organization_name("City Hospital", corpus)
    ('Lumenchart Inc.', 'City Hospital')
    """
    org = corpus.organizations.get(ref)
    return org.name if org else ref


def goal_phrase(goal: str) -> str:
    """Turn a goal from ``contact.goals`` into a phrase that follows "I'm hoping to".

    Arguments:
        goal: A goal as written ("Understand how the lab works").

    Returns:
        ``"understand how the lab works"``; a goal starting with a question
        word gets "learn" in front ("learn how the lab works").

    >>> goal_phrase("Understand how the lab works")
    'understand how the lab works'
    >>> goal_phrase("How the lab works")
    'learn how the lab works'
    """
    verb, rest = goal_clause(goal)
    if verb:
        return f"{verb} {rest}"
    text = lower_first(clause(goal))
    if is_question_clause(text):
        return f"learn {text}"
    return text


_KNOWN = {"family", "friend", "colleague", "mentor"}

_CONNECTION_LINES = {
    "family": "It's a treat to talk about work with family for once.",
    "friend": "It's nice to talk about work with a friend for a change.",
    "colleague": "It's good to catch up properly since we worked together.",
    "mentor": "You have helped me before, and I'm grateful you're willing to again.",
    "alumni": "I found you through our school's alumni network.",
    "mutual": "We have people in common, which made it easier to reach out.",
    "conference": "We met at a conference, and I have wanted to follow up since.",
    "online": "We connected online, and I'm glad we can finally talk properly.",
    "cold": "Thank you for answering a message from someone you hadn't met.",
}

_FILLERS = (
    "I'm at an early stage, so I'm here to learn rather than to ask for a job.",
    "I have a few questions ready, but I'm happy to follow wherever the conversation goes.",
    "Hearing how the work looks from the inside will help me more than anything I can read.",
    "If a question touches on something you'd rather not discuss, just say so and we'll move on.",
    "I'll take a few notes as we talk, if that's all right with you.",
    "Whatever I decide, I want to decide it with real information rather than guesses.",
    "I'll keep an eye on the clock so that we finish on time.",
    "I have been looking forward to this conversation for a while.",
    "Your honest view, including the parts of the work that are hard, is exactly what I need.",
    "I'm also glad to share anything from my own experience that might be useful to you.",
    "Later on, I'd be grateful for any names of people you think I should meet.",
    "So thank you for being open to a conversation like this one.",
)


_FILLER_PIECES = tuple(
    Piece(80 + index, 20 + index, (filler,)) for index, filler in enumerate(_FILLERS)
)


def _greeting(first: str, contact: Contact) -> Piece:
    """ "Hi Ana, it's good to meet you." (or "good to talk again" to someone you know)."""
    conn = contact.connection
    met_before = (
        conn.type in _KNOWN or conn.last_spoke is not None or conn.type in {"conference", "online"}
    )
    greeting = (
        f"Hi {first}, it's really good to talk again."
        if met_before
        else f"Hi {first}, it's good to meet you."
    )
    return Piece(10, 0, (greeting, f"Hi {first}."), required=True)


def _who_you_are(profile: Profile | None, known: bool) -> Piece:
    """Your name and headline ("As you know, I'm …" to someone you know)."""
    if profile is None:
        return Piece(20, 1, (f"I'm {BLANK_NAME}, {BLANK_WHO}.",), required=True)
    headline = clause(profile.headline or "")
    if known and headline:
        variants: tuple[str, ...] = (
            f"As you know, I'm {profile.name}, and these days I'm {role_phrase(headline)}.",
            f"As you know, I'm {profile.name}.",
        )
    elif headline:
        variants = (f"I'm {profile.name}, {role_phrase(headline)}.", f"I'm {profile.name}.")
    else:
        variants = (f"I'm {profile.name}.",)
    return Piece(20, 1, variants, required=True)


def _thanks(contact: Contact) -> list[Piece]:
    """Thanks for the meeting's length (none without a duration)."""
    minutes = contact.meeting.duration
    if not minutes:
        return []
    return [
        Piece(
            90,
            2,
            (
                f"Thank you again for giving me {minutes} minutes of your time.",
                "Thank you for your time.",
            ),
            required=True,
        )
    ]


def _through(via: str, contact: Contact, corpus: Corpus) -> tuple[str, ...]:
    """How you are connected through ``connection.via``: suggested, or put in touch.

    >>> anais = Contact(id="anais", name="Anaïs Petit", pronouns="she/her", referrals=["ana"])
    >>> ana = Contact(id="ana", name="Ana Ruiz", connection={"via": "anais"})
    >>> _through("anais", ana, Corpus(contacts={"anais": anais, "ana": ana}))
    ("Anaïs suggested we talk, and I'm very glad she did.", 'Anaïs suggested we talk.')
    >>> _through("joe-bloggs", ana, Corpus())
    ("I'm grateful to Joe for putting us in touch.", 'We both know Joe.')
    """
    person = corpus.contacts.get(via)
    via_name = first_name(person.name) if person else via.split("-")[0].capitalize()
    they = pronoun_set(person.pronouns if person else None).subject
    # "suggested" only when their referrals list this contact (relations.relation);
    # the script is said at the meeting, which the introduction comes before.
    rel = relation(corpus, via, contact.id)
    if rel is not None and rel.suggested:
        return (
            f"{via_name} suggested we talk, and I'm very glad {they} did.",
            f"{via_name} suggested we talk.",
        )
    return (
        f"I'm grateful to {via_name} for putting us in touch.",
        f"We both know {via_name}.",
    )


def _connection(
    contact: Contact, profile: Profile | None, corpus: Corpus, today: dt.date
) -> list[Piece]:
    """How you are connected: the go-between, a reminder of when you last spoke, the
    story of how you met, or a line for the kind of connection."""
    conn = contact.connection
    connection: tuple[str, ...] = ()
    if conn.via and conn.via != contact.id:
        connection = _through(conn.via, contact, corpus)
    elif conn.last_spoke is not None and is_reminder_due(contact, today):
        when = month_year(conn.last_spoke)
        sentence = story_sentence(conn.story) if conn.story else None
        if sentence:
            sentence = convert(sentence, contact, profile).text
        short = f"It has been a while since we last spoke, back in {when}."
        connection = (
            (
                f"It has been a while since we last spoke, in {when}. As a reminder, {lower_first(sentence)}",
                short,
            )
            if sentence
            else (short,)
        )
    elif conn.type in ("conference", "online", "cold", "alumni") and conn.story:
        told = story_sentence(conn.story)
        told = convert(told, contact, profile).text if told else None
        generic = _CONNECTION_LINES[conn.type]
        connection = (told, generic) if told else (generic,)
    elif conn.type is not None:
        connection = (_CONNECTION_LINES[conn.type],)
    return [Piece(30, 3, connection)] if connection else []


def _your_work(
    profile: Profile | None, org: Organization | None, corpus: Corpus
) -> tuple[list[Piece], bool]:
    """``(pieces, own_org)``: your job (unless at their organization) and what you explore;
    ``own_org`` is whether you work where they do."""
    if profile is None:
        return [Piece(60, 4, (f"I'm exploring {BLANK_LEARN}.",))], False
    pieces: list[Piece] = []
    own_org = False
    job = current_job(profile)
    if job is not None and job.role:
        place = short_name(organization_name(job.organization, corpus))
        now = job.end is None or str(job.end).lower() == "present"
        own_org = org is not None and (
            job.organization == org.id or organization_key(place) == organization_key(org.name)
        )
        if not own_org:
            verb = "Right now I work as" if now else "Most recently I worked as"
            pieces.append(Piece(50, 8, (f"{verb} {role_phrase(job.role)} at {place}.",)))
    if profile.goal:
        pieces.append(Piece(60, 4, (exploring_sentence(profile.goal, profile.headline),)))
    return pieces, own_org


def _hopes(contact: Contact, profile: Profile | None) -> list[Piece]:
    """What you hope to learn in this conversation: the first two goals."""
    goals = converted_goals(contact, profile)
    pieces = []
    if goals:
        pieces.append(
            Piece(65, 6, (f"In our conversation, I'm hoping to {goal_phrase(goals[0])}.",))
        )
    if len(goals) > 1:
        pieces.append(Piece(66, 10, (f"I'd also love to {goal_phrase(goals[1])}.",)))
    return pieces


def _their_work(contact: Contact, org: Organization | None, own_org: bool) -> list[Piece]:
    """What you have read about their organization, and their role you are curious about."""
    pieces = []
    if org is not None and not own_org:
        focus = next((clause(re.sub(r"\s*\([^)]*\)", "", f)) for f in org.focus), "")
        named = org_phrase(short_name(org.name))
        if focus:
            line = f"I have been reading about {named}'s work on {lower_first(focus)}."
            pieces.append(Piece(70, 9, (line, f"I have been reading about {named}.")))
        else:
            pieces.append(Piece(70, 9, (f"I have been reading about {named}.",)))
    if contact.role:
        pieces.append(
            Piece(
                72,
                11,
                (f"I'm especially curious about your work as {role_phrase(contact.role)}.",),
            )
        )
    return pieces


def _pieces(
    profile: Profile | None,
    contact: Contact,
    org: Organization | None,
    ground: Sequence[GroundPoint],
    corpus: Corpus,
    today: dt.date,
) -> list[Piece]:
    """Every candidate piece of the script, each with its place, rank and wordings."""
    known = contact.connection.type in _KNOWN
    pieces = [_greeting(first_name(contact.name), contact), _who_you_are(profile, known)]
    pieces += _thanks(contact)
    pieces += _connection(contact, profile, corpus, today)
    spoken = [p for p in ground if p.kind != "mutual" and p.spoken]
    for index, point in enumerate(spoken[:2]):
        pieces.append(Piece(40 + index, 5 if index == 0 else 7, (point.spoken,)))
    work, own_org = _your_work(profile, org, corpus)
    pieces += work
    pieces += _hopes(contact, profile)
    pieces += _their_work(contact, org, own_org)
    pieces.extend(_FILLER_PIECES)
    return pieces


def build_intro(
    profile: Profile | None,
    contact: Contact,
    org: Organization | None,
    ground: Sequence[GroundPoint],
    corpus: Corpus,
    options: Options,
) -> Intro:
    """Write and time the intro script for one conversation.

    A hand-written ``contact.intro`` is used as it is (and timed).

    Arguments:
        profile: You, or ``None`` in a playbook (marked blanks are used).
        contact: The person.
        org: Their organization, or ``None``.
        ground: Common ground, strongest first.
        corpus: The guide (to name the person who introduces you).
        options: Speaking rate, target and today.

    Returns:
        The timed intro.
    """
    if contact.intro and contact.intro.strip():
        return time_intro(contact.intro.strip(), options, generated=False)
    pieces = _pieces(profile, contact, org, ground, corpus, options.resolved_today())
    text, words = fit(pieces, options)
    return timed(text, words, options, generated=True)


@dataclass(frozen=True)
class Reading:
    """How one fragment of a contact file reads once converted (see :func:`readings`).

    Attributes:
        field: Where it is, e.g. ``("goals", 1)`` or ``("connection", "story")``.
        original: The fragment as written.
        converted: How it reads spoken to the contact, or ``None`` when it is
            left out (ambiguous).
        reason: Why it is left out, or ``None``.
    """

    field: tuple[str | int, ...]
    original: str
    converted: str | None
    reason: str | None

    @property
    def label(self) -> str:
        """The field as written in messages: ``goals[1]``, ``connection.story``."""
        text = ""
        for part in self.field:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text


def readings(contact: Contact, profile: Profile | None) -> list[Reading]:
    """Every fragment the texts insert from a contact file, and how it reads converted.

    The goals, the first sentence of ``connection.story`` and the first
    sentence of each note, as the intro and the emails say them to the
    contact (docs/prep.md, "Whose voice").

    Arguments:
        contact: The person.
        profile: You, or ``None``.

    Returns:
        The readings, in file order.
    """
    found: list[Reading] = []
    for index, goal in enumerate(contact.goals):
        result = convert(clause(goal), contact, profile)
        found.append(Reading(("goals", index), clause(goal), result.text, result.reason))
    if contact.connection.story:
        told = story_sentence(contact.connection.story)
        if told:
            result = convert(told, contact, profile)
            found.append(Reading(("connection", "story"), told, result.text, result.reason))
    if contact.notes:
        for item in note_items(contact.notes):
            result = convert(item, contact, profile)
            found.append(Reading(("notes",), item, result.text, result.reason))
    return found


def conversion_warnings(corpus: Corpus, cid: str, contact: Contact) -> list[Problem]:
    """Warn, at its line, about each fragment left out because its person is ambiguous.

    A fragment that converts cleanly gets no warning (``prepguide intro ID``
    shows how it reads); one that cannot be converted without risking the
    wrong person ("I asked her questions": "you" or "your"?) is left out of
    every text, and the warning says how to rewrite it.

    Arguments:
        corpus: The guide.
        cid: The contact's id.
        contact: The contact.

    Returns:
        The warnings.
    """
    problems: list[Problem] = []
    for reading in readings(contact, corpus.profile):
        if reading.converted is not None:
            continue
        path, line, column = corpus.locate("contact", cid, reading.field)
        problems.append(
            Problem(
                path,
                line,
                column,
                "warning",
                f"`{reading.label}`: left out of the intro and the emails: {reading.reason}; "
                "write the person's name, or rephrase (e.g. 'her team' as 'the team she "
                "leads', 'asked her questions' as 'asked her some questions')",
            )
        )
    return problems
