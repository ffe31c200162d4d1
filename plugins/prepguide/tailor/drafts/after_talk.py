"""After the conversation: the thank-you note, the follow-up, thanks for a referral,
and before it the logistics checklist; the reflection prompts (docs/prep.md).
"""

from __future__ import annotations

import datetime as dt

from ...read.model import Contact
from ...text import clause, first_name, lower_first, note_items
from ...text.dates import WEEKDAYS, long_date
from ..dashboard import FOLLOW_UP_WEEKS
from ..intro import convert
from ..relations import Relation, relation
from .letter import (
    BLANK_ADVICE,
    BLANK_MEMORY,
    BLANK_REFERRAL,
    Draft,
    DraftContext,
    format_meeting_time,
    make_draft,
    paragraphs,
    referral_name,
)

REFLECTION_PROMPTS = (
    "Now that you have heard how the work really goes, do you still want to make this change?",
    "Is this the right time for the move, or should it wait? What would change the timing?",
    "What will you need to prepare, learn or arrange before your next step?",
    "What surprised you most, and what would you ask next time?",
)


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
        ref = referral_name(contact.referrals[0], ctx.corpus)
        referral = f"Thank you also for suggesting I speak with {ref}."
    body = paragraphs(
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
    return make_draft(
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
        first_week, last_week = FOLLOW_UP_WEEKS
        start = long_date(day + dt.timedelta(weeks=first_week))
        end = long_date(day + dt.timedelta(weeks=last_week))
        note = f"Send two to four weeks after the conversation: between {start} and {end}."
    return make_draft(
        "Follow-up note",
        "An update since we spoke",
        paragraphs(lines),
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


def _meeting_line(referred: Contact | None, who: str) -> str:
    """Where things stand with the suggested person, from their meeting date, else a blank.

    >>> joan = Contact(id="joan", name="Joan", meeting={"status": "met", "date": "2026-11-24 16:30"})
    >>> _meeting_line(joan, "Joan")
    'We talked on Tuesday 24 November 2026.'
    >>> _meeting_line(None, "Joan")
    '[When you are meeting Joan, or how the conversation went.]'
    """
    if referred is not None and referred.meeting.date is not None:
        day = long_date(referred.meeting.date.date())
        if referred.meeting.status in ("met", "thanked", "closed"):
            return f"We talked on {day}."
        return f"We have a conversation planned for {day}."
    return f"[When you are meeting {who}, or how the conversation went.]"


def _suggestion_note(
    ctx: DraftContext, referred: Contact | None, rel: Relation | None, ref_first: str
) -> str:
    """When to send thanks for a suggestion: after the introduction, now, or once you wrote."""
    reached = referred.meeting.status if referred is not None and not ctx.public else None
    if rel is not None and rel.introduction is not None:
        return f"Send once {ctx.first} has introduced you to {ref_first}, and again after you talk."
    if reached in ("met", "thanked", "closed"):
        return "Send it now: you have talked."
    if reached in ("requested", "scheduled"):
        return "Send it now, and again after you talk."
    return f"Send once you have written to {ref_first}, and again after you talk."


def referral_thanks(ctx: DraftContext) -> Draft:
    """Write the note thanking the contact for their first referral.

    It thanks them for the suggestion, and for an introduction only once it was
    made (relations.relation; docs/workflow.md, "Referrals and introductions").

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
        name = referral_name(ref_id, ctx.corpus)
        referred = ctx.corpus.contacts.get(ref_id)
        rel = relation(ctx.corpus, contact.id, ref_id, public=ctx.public)
    else:
        name = BLANK_REFERRAL
    ref_first = first_name(name) if contact.referrals else name
    status = _meeting_line(referred, ref_first if contact.referrals else "them")
    if rel is not None and rel.introduced:
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
        note = _suggestion_note(ctx, referred, rel, ref_first)
    body = paragraphs(
        [f"Hi {ctx.first},", f"{thanks} {status}", closing, f"Best wishes,\n{ctx.your_name}"]
    )
    return make_draft(title, subject, body, ctx.email_of(contact), note)


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
