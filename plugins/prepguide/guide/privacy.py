"""Audience filtering: what a public build may hold.

A public build (a career office's playbook) keeps only contacts marked
``visibility: public`` and drops every private field *in the model*, before
anything renders, so no template, search index or later feature can reach a
private value. References to contacts that are not public are dropped too, so
a private person's id or name does not leak through ``connection.via`` or
``referrals``.
"""

from __future__ import annotations

from dataclasses import replace

from ..read.model import Contact, Meeting, Organization, Profile
from .corpus import Corpus
from .references import is_id_like

PRIVATE_FIELDS = {
    "profile": ("email", "phone"),
    "contact": ("email", "phone", "notes", "meeting.place", "follow_up", "reflection"),
    "organization": ("notes",),
}
"""The private fields of docs/usage.md ("Audience"), by kind of file.

Besides these, a public build drops the meeting's status, date and request date
(see :func:`public_contact`).
"""

PUBLIC_MEETING_STATUS = "researching"
"""The status every contact has in a public build (the model's default)."""


def for_audience(corpus: Corpus, audience: str) -> Corpus:
    """Return the corpus as the given audience may see it.

    Arguments:
        corpus: A validated corpus.
        audience: ``private`` (returned unchanged) or ``public``.
    """
    if audience != "public":
        return corpus
    public_ids = {cid for cid, c in corpus.contacts.items() if c.visibility == "public"}
    contacts = {
        cid: public_contact(contact, public_ids)
        for cid, contact in corpus.contacts.items()
        if cid in public_ids
    }
    organizations = {oid: public_organization(org) for oid, org in corpus.organizations.items()}
    profile = public_profile(corpus.profile) if corpus.profile is not None else None
    return replace(
        corpus,
        profile=profile,
        organizations=organizations,
        contacts=contacts,
        documents={},
        paths={k: v for k, v in corpus.paths.items() if k[0] != "contact" or k[1] in public_ids},
        # What templates see is data, not the files it came from: no path of a research file
        # (a private contact's among them), no message about one (docs/security.md).
        source_files=[],
        problems=[],
        invalid={k for k in corpus.invalid if k[0] != "contact"},
    )


def public_profile(profile: Profile) -> Profile:
    """The profile without contact details.

    >>> public_profile(Profile(name="Me", email="me@example.org", phone="555")).model_dump(
    ...     include={"name", "email", "phone"}
    ... )
    {'name': 'Me', 'email': None, 'phone': None}
    """
    return profile.model_copy(update={"email": None, "phone": None})


def public_organization(org: Organization) -> Organization:
    """The organization without its private notes."""
    return org.model_copy(update={"notes": None})


def public_contact(contact: Contact, public_ids: set[str]) -> Contact:
    """A public contact without its private fields or links to private people.

    >>> ana = Contact(
    ...     id="ana", name="Ana", email="ana@example.org", connection={"via": "bob"},
    ...     referrals=["bob", "carl", "Dee Dee"], meeting={"status": "met", "place": "Café"},
    ... )
    >>> shown = public_contact(ana, public_ids={"carl"})
    >>> shown.email, shown.meeting.status, shown.meeting.place, shown.connection.via, shown.referrals
    (None, 'researching', None, None, ['carl', 'Dee Dee'])
    """
    # Where the conversation stands is the student's own business: a public build shows
    # every contact as not yet approached (no status, date or request date), so no badge,
    # data attribute, draft or count can tell (docs/usage.md, "Audience").
    meeting: Meeting = contact.meeting.model_copy(
        update={
            "place": None,
            "status": PUBLIC_MEETING_STATUS,
            "date": None,
            "requested": None,
        }
    )
    connection = contact.connection
    if connection.via is not None and connection.via not in public_ids:
        connection = connection.model_copy(update={"via": None})
    referrals = [r for r in contact.referrals if not is_id_like(r) or r in public_ids]
    return contact.model_copy(
        update={
            "email": None,
            "phone": None,
            "notes": None,
            "follow_up": [],
            "reflection": None,
            "meeting": meeting,
            "connection": connection,
            "referrals": referrals,
        }
    )
