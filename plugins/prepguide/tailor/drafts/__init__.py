"""Drafts for one conversation: outreach, introduction request, thank-you notes,
the logistics checklist and the after-talk reflection prompts.

Every draft is plain text written from the data; where the data cannot say
something (what you did with their advice, or anything about you in a
playbook without a profile) the draft carries a marked blank in square
brackets, such as ``[your name]``, for you to fill in.

``letter.py`` holds what every draft shares (:class:`Draft`, :class:`DraftContext`,
the ``mailto:`` link, dates); ``outreach_email.py`` the outreach email;
``introductions.py`` the request to a go-between and the note they forward;
``after_talk.py`` the logistics, thank-you, follow-up, referral thanks and
reflection.
"""

from .after_talk import follow_up, logistics, referral_thanks, reflection, thank_you
from .introductions import forwardable, intro_request
from .letter import Draft, DraftContext, format_meeting_time, make_mailto
from .outreach_email import outreach, outreach_subject, via_lines

__all__ = [
    "Draft",
    "DraftContext",
    "follow_up",
    "format_meeting_time",
    "forwardable",
    "intro_request",
    "logistics",
    "make_mailto",
    "outreach",
    "outreach_subject",
    "referral_thanks",
    "reflection",
    "thank_you",
    "via_lines",
]
