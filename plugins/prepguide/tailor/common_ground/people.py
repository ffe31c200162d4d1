"""People and interests you share with a contact: a mutual connection, hobbies."""

from __future__ import annotations

from ...guide.corpus import Corpus
from ...read.model import Contact, Profile
from ...text import clause, first_name, join_words, lower_first
from ..relations import relation
from .keys import fold
from .point import GroundPoint


def mutual_points(contact: Contact, corpus: Corpus) -> list[GroundPoint]:
    """The person in ``connection.via``, and whether they introduced you yet."""
    via = contact.connection.via
    if not via or via == contact.id:
        return []
    person = corpus.contacts.get(via)
    name = person.name if person else " ".join(w.capitalize() for w in via.split("-"))
    # Only what the notes say happened (relations.relation): introduced, asked, or not yet.
    rel = relation(corpus, via, contact.id)
    state = rel.introduction if rel is not None else None
    if state == "introduced":
        sentence = f"You both know {name}, who introduced you."
        spoken = f"We both know {first_name(name)}, who kindly put us in touch."
    elif state == "requested":
        sentence = f"You both know {name}, whom you asked for an introduction."
        spoken = f"We both know {first_name(name)}."
    else:
        sentence = f"You both know {name}, who can introduce you."
        spoken = f"We both know {first_name(name)}."
    return [GroundPoint("mutual", 90, sentence, spoken)]


def interest_points(profile: Profile, contact: Contact) -> list[GroundPoint]:
    """One point listing the interests you share (up to four; two when spoken)."""
    theirs = {fold(i) for i in contact.background.interests}
    shared = []
    seen = set()
    for interest in profile.interests:
        key = fold(interest)
        if key in theirs and key not in seen:
            seen.add(key)
            shared.append(lower_first(clause(interest, keep_question=True)))
    if not shared:
        return []
    strength = min(30 + 5 * (len(shared) - 1), 45)
    listed = join_words(shared[:4], keep_empty=True)
    return [
        GroundPoint(
            "interest",
            strength,
            f"You share an interest in {listed}.",
            f"I noticed we share an interest in {join_words(shared[:2], keep_empty=True)}.",
        )
    ]
