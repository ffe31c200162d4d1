"""The letter every draft is: :class:`Draft`, :class:`DraftContext`, the ``mailto:`` link
and the dates the drafts say (docs/prep.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...guide.corpus import Corpus
from ...options import Options
from ...read.model import Contact, Organization, Profile
from ...text import clause, first_name
from ...text.dates import long_date
from ..common_ground import GroundPoint
from ..intro import BLANK_NAME
from ..questions import SelectedQuestion
from ..relations import Relation, relation
from ..spoken_time import count_words

BLANK_ADVICE = "[what you did with their advice]"
BLANK_MEMORY = "[one thing they said that stayed with you]"
BLANK_REFERRAL = "[the person they suggested]"


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

    >>> make_mailto("ana@example.org", "Hello, Ana", "Hi Ana,\\n\\nBest,\\nMe")
    'mailto:ana@example.org?subject=Hello%2C%20Ana&body=Hi%20Ana%2C%0D%0A%0D%0ABest%2C%0D%0AMe'
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

    >>> _quote("a b/é@%"), _quote("ana@example.org", "@")
    ('a%20b%2F%C3%A9%40%25', 'ana@example.org')
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


def make_draft(
    title: str,
    subject: str | None,
    body: str,
    address: str | None,
    note: str | None,
    words: int | None = None,
) -> Draft:
    """A :class:`Draft`, with its word count and, when ``address`` is not ``None``, its link."""
    mailto = make_mailto(address, subject or "", body) if address is not None else None
    return Draft(title, subject, body, count_words(body) if words is None else words, mailto, note)


def paragraphs(parts: Sequence[str]) -> str:
    r"""Join the non-empty parts as paragraphs.

    >>> paragraphs(["Hi Ana,", "", "Best wishes,\nAdaora"])
    'Hi Ana,\n\nBest wishes,\nAdaora'
    """
    return "\n\n".join(p for p in parts if p)


def referral_name(ref: str, corpus: Corpus) -> str:
    """The name of a ``referrals`` entry: a contact's name, or the text before any brackets.

    >>> corpus = Corpus(contacts={"ana": Contact(id="ana", name="Ana Ruiz")})
    >>> referral_name("ana", corpus), referral_name("Joan Whitcombe (her manager)", corpus)
    ('Ana Ruiz', 'Joan Whitcombe')
    """
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
        E.g. ``"Friday 4 December 2026, 15:30 (Europe/Paris)"``.

    >>> format_meeting_time(dt.datetime(2026, 12, 4, 15, 30), Options(timezone="Europe/Paris"))
    'Friday 4 December 2026, 15:30 (Europe/Paris)'
    """
    if when.tzinfo is not None:
        when = when.astimezone(options.tz)
    return f"{long_date(when.date())}, {when.hour:02d}:{when.minute:02d} ({options.timezone})"


def via_relation(ctx: DraftContext) -> Relation | None:
    """The relation with the contact's ``connection.via`` (see relations.relation)."""
    via = ctx.contact.connection.via
    if not via:
        return None
    return relation(ctx.corpus, via, ctx.contact.id, public=ctx.public)
