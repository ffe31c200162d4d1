"""Their career change against yours: the same move only when both ends match.

Otherwise only the part that is true: you started in the same field, or they
moved into the field (or the kind of work) you aim for (docs/prep.md,
"Common ground").
"""

from __future__ import annotations

from ...read.model import Contact, Profile
from ...text import clause, with_article_simple
from .fields import CareerField, career_field, match, shared_domain, your_move
from .keys import split_transition
from .point import GroundPoint


def transition_points(profile: Profile, contact: Contact, first: str) -> list[GroundPoint]:
    """What the contact's ``background.transition`` shares with your move."""
    text = contact.background.transition
    if not text:
        return []
    origin, aim = your_move(profile)
    parts = split_transition(text)
    change = clause(text, keep_question=True)
    if parts is None:
        whole = career_field(text)
        if match(whole, origin) or match(whole, aim):
            return [_changed_careers_too(first, change)]
        return []
    source, target = career_field(parts[0]), career_field(parts[1])
    left = match(source, origin)
    right = match(target, aim)
    if left is not None and right is not None:
        return [_same_move(first, change, left, right)]
    domain = None
    if right is None and target is not None:
        domain = next((d for m in aim if (d := shared_domain(target, m))), None)
    if left is not None:
        return [_started_alike(first, left, domain)]
    if right is not None:
        return [_moved_into_your_aim(first, right)]
    if domain:
        return [_moved_into_your_domain(first, domain)]
    return []


def _changed_careers_too(first: str, change: str) -> GroundPoint:
    """A change without two sides ("left nursing") in a field of yours."""
    return GroundPoint(
        "transition",
        50,
        f"{first} changed careers too ({change}).",
        "You changed careers too, which is exactly what I am weighing now.",
    )


def _same_move(first: str, change: str, left: CareerField, right: CareerField) -> GroundPoint:
    """Both ends match: from where you come to where you aim."""
    return GroundPoint(
        "transition",
        85,
        f"{first} made the move you are considering: {change}.",
        f"You made the move I am considering, from {left.words()} to {right.words()}.",
    )


def _started_alike(first: str, left: CareerField, domain: str | None) -> GroundPoint:
    """Only the start matches (and maybe the kind of work they moved into)."""
    started = (
        f"Like you, {first} started out {left.phrase()}"
        if left.role
        else f"You and {first} both started out {left.phrase()}"
    )
    spoken = (
        f"Like me, you started out {left.phrase()}, so you know the world I come from."
        if left.role
        else f"We both started out {left.phrase()}, so you know the world I come from."
    )
    if domain:
        return GroundPoint(
            "transition",
            70,
            f"{started}, and {first} then moved into {domain} work, as you hope to.",
            spoken,
        )
    return GroundPoint("transition", 65, f"{started}.", spoken)


def _moved_into_your_aim(first: str, right: CareerField) -> GroundPoint:
    """Only the destination matches: they moved where you hope to."""
    into = "became" if right.role else "moved into"
    what = with_article_simple(right.words()) if right.role else right.words()
    return GroundPoint(
        "transition",
        55,
        f"{first} {into} {what} from another field, as you hope to.",
        f"You {into} {what} from another field, which is what I hope to do.",
    )


def _moved_into_your_domain(first: str, domain: str) -> GroundPoint:
    """Only the kind of work matches ("data work")."""
    return GroundPoint(
        "transition",
        40,
        f"Like you hope to, {first} moved into {domain} work from another field.",
        f"You moved into {domain} work from another field, which is what I hope to do.",
    )
