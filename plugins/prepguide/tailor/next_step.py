"""The one next step of a conversation, from its stage (the brief at the top of a prep page).

The same rules as the dashboard's due list (:mod:`prepguide.tailor.dashboard`): the
thank-you the day after the talk, a nudge after a few business days without an answer,
a follow-up two to four weeks after the talk.
"""

from __future__ import annotations

import datetime as dt

from ..guide.corpus import Corpus
from ..read.model import Contact
from ..text import first_name
from ..text.dates import long_date
from .dashboard import FOLLOW_UP_WEEKS, NUDGE_AFTER_BUSINESS_DAYS, add_business_days
from .relations import introduction_state


def next_step(
    corpus: Corpus, contact: Contact, today: dt.date, relative: str
) -> tuple[str, str, str]:
    """The one next step of a conversation: (what, when it is due, a command that records it).

    ``relative`` is when the meeting is, from ``today`` ("tomorrow, 12:30").

    >>> ana = Contact(id="ana-lee", name="Ana Lee", meeting={"status": "met"})
    >>> next_step(Corpus(), ana, dt.date(2026, 12, 1), "")
    ('Send Ana the thank-you note', 'by Wednesday 2 December 2026', '')
    >>> next_step(Corpus(), Contact(id="ana-lee", name="Ana Lee"), dt.date(2026, 12, 1), "")
    ('Finish your research, then send Ana the request', '', '')
    """
    meeting = contact.meeting
    first = first_name(contact.name) or contact.name
    status = meeting.status
    step = due = command = ""
    via = corpus.contacts.get(contact.connection.via or "")
    if status in ("researching", "to-contact"):
        if via is not None and introduction_state(contact) == "to-request":
            step = f"Ask {via.name} for an introduction to {first}"
        else:
            step = f"Send {first} the request"
        if status == "researching":
            step = f"Finish your research, then {step[0].lower()}{step[1:]}"
    elif status == "requested":
        step = f"Wait for {first}'s answer, then confirm a date and time"
        if meeting.requested is not None:
            nudge = add_business_days(meeting.requested, NUDGE_AFTER_BUSINESS_DAYS)
            due = f"no answer by {long_date(nudge)}: send a polite nudge"
    elif status == "scheduled":
        if meeting.date is None:
            step = f"Confirm a date and time with {first}"
        elif meeting.date.date() < today:
            step = f"Did you talk to {first} on {long_date(meeting.date.date())}? Record it with"
            command = f"prepguide status {contact.id} met"
        elif (meeting.date.date() - today).days > 1:
            step = f"Confirm the time with {first}, then prepare: questions and intro"
            due = f"confirm by {long_date(meeting.date.date() - dt.timedelta(days=1))}"
        else:
            step = "Prepare: read the questions and say your intro aloud"
            due = f"before {relative}"
    elif status == "met":
        step = f"Send {first} the thank-you note"
        held = meeting.date.date() if meeting.date is not None else today
        due = f"by {long_date(held + dt.timedelta(days=1))}"
    elif status == "thanked":
        pending = sorted((f for f in contact.follow_up if not f.done), key=lambda f: f.date)
        if pending:
            step = f"Follow up: {pending[0].note}"
            due = f"by {long_date(pending[0].date)}"
        elif meeting.date is not None:
            day = meeting.date.date()
            step = f"Follow up with {first}: tell them what you did with their advice"
            first_week, last_week = FOLLOW_UP_WEEKS
            due = (
                f"between {long_date(day + dt.timedelta(weeks=first_week))} "
                f"and {long_date(day + dt.timedelta(weeks=last_week))}"
            )
        else:
            step = f"Follow up with {first} in two to four weeks"
    else:  # closed
        step = "Reflect: is this direction still right for you?"
    return step, due, command
