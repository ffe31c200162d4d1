"""Schools and fields of study you share with a contact."""

from __future__ import annotations

from ...read.model import Contact, Education, Profile
from ...text import lower_first
from .keys import fold, organization_key
from .point import GroundPoint


def school_points(
    profile: Profile, contact: Contact, first: str
) -> tuple[list[GroundPoint], set[str]]:
    """A point for each school you both studied at, and the (folded) fields of
    study already said with one, which :func:`field_points` leaves out."""
    mine = _by_school(profile.education)
    theirs = _by_school(contact.background.education)
    points = []
    fields_done: set[str] = set()
    for key in sorted(set(mine) & set(theirs), key=lambda k: (k, 0)):
        shared_fields = sorted(
            {fold(a.field) for a in mine[key] if a.field}
            & {fold(b.field) for b in theirs[key] if b.field}
        )
        fields_done.update(shared_fields)
        field_name = ""
        if shared_fields:
            field_name = next(
                lower_first(a.field)
                for a in mine[key]
                if a.field and fold(a.field) == shared_fields[0]
            )
        school = mine[key][0].school
        studied = f"studied {field_name} at {school}" if field_name else f"studied at {school}"
        strength = 70 + (5 if shared_fields else 0)
        points.append(_school_point(first, studied, strength, mine[key], theirs[key]))
    return points, fields_done


def _by_school(education: list[Education]) -> dict[str, list[Education]]:
    """Education entries by the key of their school."""
    found: dict[str, list[Education]] = {}
    for entry in education:
        found.setdefault(organization_key(entry.school), []).append(entry)
    return found


def _school_point(
    first: str, studied: str, strength: int, mine: list[Education], theirs: list[Education]
) -> GroundPoint:
    """The wording: with the years you finished when both are known (the closest pair)."""
    gaps = [
        (abs(a.year - b.year), a, b)
        for a in mine
        for b in theirs
        if a.year is not None and b.year is not None
    ]
    if not gaps:
        return GroundPoint(
            "school", min(strength, 89), f"You and {first} both {studied}.", f"We both {studied}."
        )
    gap, mine_entry, their_entry = min(gaps, key=lambda g: (g[0], g[1].year or 0))
    strength += max(0, 10 - gap)
    if gap == 0:
        sentence = (
            f"You and {first} both {studied}, and finished in the same year ({mine_entry.year})."
        )
        spoken = f"We both {studied}, and finished in the same year."
    else:
        order = "before" if (their_entry.year or 0) < (mine_entry.year or 0) else "after"
        sentence = (
            f"You and {first} both {studied}: {first} finished in "
            f"{their_entry.year}, {_years(gap)} {order} you."
        )
        spoken = f"We both {studied}; you finished {_years(gap)} {order} me."
    return GroundPoint("school", min(strength, 89), sentence, spoken)


def _years(gap: int) -> str:
    """``1 year``, ``3 years``.

    >>> _years(1), _years(3)
    ('1 year', '3 years')
    """
    return "1 year" if gap == 1 else f"{gap} years"


def field_points(
    profile: Profile, contact: Contact, first: str, done: set[str]
) -> list[GroundPoint]:
    """A point for each field of study you share, unless a school point said it."""
    mine = {fold(e.field): e.field for e in profile.education if e.field}
    theirs = {fold(e.field) for e in contact.background.education if e.field}
    points = []
    for key in sorted((set(mine) & theirs) - done):
        field = lower_first(mine[key])
        points.append(
            GroundPoint(
                "field",
                45,
                f"You and {first} both studied {field}.",
                f"We both studied {field}.",
            )
        )
    return points
