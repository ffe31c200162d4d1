"""Introductions through ``connection.via``: the note asking the go-between, and the
short text they can forward (docs/workflow.md, "Referrals and introductions").
"""

from __future__ import annotations

from ...read.model import Profile
from ...text import (
    clause,
    first_name,
    headline_verb,
    is_question_clause,
    org_phrase,
    role_phrase,
    short_name,
    to_third_person,
)
from ...text.dates import long_date
from ..intro import BLANK_LEARN, BLANK_NAME, BLANK_WHO
from ..relations import Relation
from ..spoken_time import count_words
from .letter import Draft, DraftContext, make_draft, paragraphs, via_relation

FORWARDABLE_MAX_WORDS = 80


def _pending(ctx: DraftContext) -> tuple[bool, Relation | None]:
    """``(pending, relation)``: whether an introduction through ``connection.via`` is still
    to be made (relations.relation), and the relation with the go-between."""
    via = ctx.contact.connection.via
    if not via or via == ctx.contact.id:
        return False, None
    rel = via_relation(ctx)
    return not (rel is not None and rel.introduced), rel


def _who_to_meet(ctx: DraftContext) -> str:
    """The contact as the request names them: ``"Ana Ruiz, a designer at Lumenchart"``.

    >>> from prepguide.guide.corpus import Corpus
    >>> from prepguide.options import Options
    >>> from prepguide.read.model import Contact, Organization
    >>> ana = Contact(id="ana", name="Ana Ruiz", role="Designer")
    >>> lumenchart = Organization(id="lumenchart", name="Lumenchart Inc.")
    >>> _who_to_meet(DraftContext(None, ana, lumenchart, Corpus(), Options(), (), ()))
    'Ana Ruiz, a designer at Lumenchart'
    """
    contact = ctx.contact
    role = role_phrase(contact.role or "")
    who = contact.name
    place = org_phrase(short_name(ctx.org.name)) if ctx.org else ""
    if role and place:
        who += f", {role} at {place}"
    elif place:
        who += f" at {place}"
    return who


def _exploring(ctx: DraftContext) -> str:
    """``"I'm exploring …"`` from ``profile.goal`` (or its blank, or a general change).

    >>> from prepguide.guide.corpus import Corpus
    >>> from prepguide.options import Options
    >>> from prepguide.read.model import Contact
    >>> ana = Contact(id="ana", name="Ana Ruiz")
    >>> sam = Profile(name="Sam Lee", goal="moving into UX research")
    >>> _exploring(DraftContext(sam, ana, None, Corpus(), Options(), (), ()))
    "I'm exploring moving into UX research"
    >>> _exploring(DraftContext(None, ana, None, Corpus(), Options(), (), ()))
    "I'm exploring [what you hope to learn]"
    """
    if ctx.profile is None:
        return f"I'm exploring {BLANK_LEARN}"
    if ctx.profile.goal:
        return f"I'm exploring {clause(ctx.profile.goal)}"
    return "I'm exploring a change of direction"


def _request_note(ctx: DraftContext, rel: Relation | None, via_name: str) -> str:
    """When to send the request: first, or (already asked) when to write to the contact.

    >>> import datetime as dt
    >>> from prepguide.guide.corpus import Corpus
    >>> from prepguide.options import Options
    >>> from prepguide.read.model import Contact
    >>> ana = Contact(id="ana", name="Ana Ruiz", connection={"via": "anais"})
    >>> ctx = DraftContext(None, ana, None, Corpus(), Options(), (), ())
    >>> print(_request_note(ctx, None, "Anaïs Petit"))
    Send this to Anaïs Petit first; write to Ana yourself only once Anaïs has introduced you.
    >>> asked = Relation("anais", "ana", False, "requested", dt.date(2026, 11, 20))
    >>> print(_request_note(ctx, asked, "Anaïs Petit"))
    You sent this to Anaïs Petit on Friday 20 November 2026; write to Ana yourself only once Anaïs has introduced you.
    """
    via_first = first_name(via_name)
    then = f"write to {ctx.first} yourself only once {via_first} has introduced you."
    if rel is not None and rel.introduction == "requested":
        on = f" on {long_date(rel.requested_on)}" if rel.requested_on else ""
        return f"You sent this to {via_name}{on}; {then}"
    return f"Send this to {via_name} first; {then}"


def intro_request(ctx: DraftContext) -> Draft | None:
    """Write a note asking the person in ``connection.via`` for an introduction.

    Arguments:
        ctx: The draft context.

    Returns:
        The draft, or ``None`` when the contact has no ``connection.via`` or the
        introduction was made (relations.relation).
    """
    pending, rel = _pending(ctx)
    via = ctx.contact.connection.via
    if not pending or not via:
        return None
    person = ctx.corpus.contacts.get(via)
    via_name = person.name if person else via.replace("-", " ").title()
    via_first = first_name(via_name)
    body = paragraphs(
        [
            f"Hi {via_first},",
            f"I'm hoping you might introduce me to {_who_to_meet(ctx)}. {_exploring(ctx)}, and "
            f"{ctx.first}'s experience would help me a great deal.",
            f"If you're happy to, could you forward the short note below, or copy me into an "
            f"email to {ctx.first}? I'm asking for {ctx.minutes} minutes, at a time that suits "
            f"{ctx.first}.",
            "Thank you so much for your help.",
            f"Best wishes,\n{ctx.your_name}",
        ]
    )
    return make_draft(
        f"Ask {via_first} for an introduction",
        f"Could you introduce me to {ctx.first}?",
        body,
        "" if person is None else ctx.email_of(person),
        _request_note(ctx, rel, via_name),
    )


def _described(profile: Profile | None) -> tuple[list[str], str]:
    """``(lines, short)``: who you are in the third person, longest first, and your short name.

    The last line may be empty (no headline: the ask says it all).
    """
    if profile is None:
        return [
            f"{BLANK_NAME} is {BLANK_WHO}, exploring {BLANK_LEARN}.",
            f"{BLANK_NAME} is {BLANK_WHO}.",
        ], BLANK_NAME
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
    who.append(f"{described}." if headline else "")
    return who, short


def _longest_fitting(lines: list[str], asks: list[str]) -> str:
    """The first pairing of a line and an ask (longest first) within FORWARDABLE_MAX_WORDS,
    else the shortest pairing.

    >>> _longest_fitting(["Ana is a nurse.", ""], ["Ana would be grateful for a talk."])
    'Ana is a nurse. Ana would be grateful for a talk.'
    """
    body = ""
    for line in lines:
        for ask in asks:
            body = " ".join(p for p in (line, ask) if p)
            if count_words(body) <= FORWARDABLE_MAX_WORDS:
                return body
    return body


def forwardable(ctx: DraftContext) -> Draft | None:
    """Write a short blurb (at most 80 words) the introducer can forward.

    Arguments:
        ctx: The draft context.

    Returns:
        The draft, or ``None`` when the contact has no ``connection.via`` or the
        introduction was made.
    """
    if not _pending(ctx)[0]:
        return None
    who, short = _described(ctx.profile)
    about = (
        f"the work at {org_phrase(short_name(ctx.org.name))}" if ctx.org else f"{ctx.first}'s work"
    )
    asks = [
        f"{short} would be grateful for a {ctx.minutes}-minute conversation with {ctx.first} "
        f"about {about} and how people find their way into it, at a time that suits {ctx.first}.",
        f"{short} would be grateful for a {ctx.minutes}-minute conversation with {ctx.first}.",
    ]
    return make_draft(
        "A note they can forward",
        None,
        _longest_fitting(who, asks),
        None,
        f"Short enough to paste into an email to {ctx.first} as it is.",
    )
