"""Places you share with a contact: the same city, or the same region."""

from __future__ import annotations

import functools
import re

from ...read.model import Contact, Profile
from ...text import clause
from .keys import fold
from .point import GroundPoint


def _place_names(text: str) -> list[str]:
    """Folded place names in a location text: "Remote (Madison, Wisconsin)" -> madison, wisconsin.

    >>> _place_names("Remote (Madison, Wisconsin)")
    ['madison', 'wisconsin']
    """
    return list(_places(text))


def _place_parts(text: str) -> list[str]:
    """The parts of a location text, as written: "Remote (Madison, Wisconsin)" -> "Remote ",
    "Madison", " Wisconsin", "" (brackets and parentheses separate parts like commas).
    >>> _place_parts("Remote (Madison, Wisconsin)")
    ['Remote ', 'Madison', ' Wisconsin', '']
    """
    return re.sub(r"[()\[\]]", ",", text).split(",")


@functools.lru_cache(maxsize=4096)
def _places(text: str) -> tuple[str, ...]:
    """The folded places of a location, without remote, hybrid and the country.

    >>> _places("Hybrid, Saint Paul, Minnesota, USA")
    ('saint paul', 'minnesota')
    """
    names = []
    for part in _place_parts(text):
        key = fold(part)
        if key and key not in {"remote", "hybrid", "usa", "us", "united states", "uk"}:
            names.append(key)
    return tuple(names)


def _city_of(location: str) -> str:
    """The first place of a location, as written: "Minneapolis, Minnesota" -> Minneapolis.

    >>> _city_of("Remote (Minneapolis, Minnesota)")
    'Minneapolis'
    """
    inner = re.sub(r"^\s*(remote|hybrid)\s*", "", location, flags=re.IGNORECASE)
    inner = inner.strip(" ()[]")
    return clause(inner.split(",")[0].strip(" ()"), keep_question=True) or location


def city_points(profile: Profile, contact: Contact, first: str) -> list[GroundPoint]:
    """The same city (the first place of a location), or else a shared region."""
    if not contact.location or not profile.locations:
        return []
    places = _place_names(contact.location)
    if not places:
        return []
    city = places[0]
    regions = set(places[1:])
    for location in profile.locations:
        mine = _place_names(location)
        if mine and mine[0] == city:
            name = _city_of(location)
            return [
                GroundPoint(
                    "city",
                    40,
                    f"{first} is based in {name}, where you live or have lived.",
                    f"I know {name} well too.",
                )
            ]
    for location in profile.locations:
        mine = _place_names(location)
        shared = [p for p in mine[1:] if p in regions]
        if shared:
            region = next(
                clause(part, keep_question=True).strip(" ()[]")
                for part in _place_parts(location)
                if fold(part) == shared[0]
            )
            return [
                GroundPoint(
                    "city",
                    15,
                    f"You and {first} both know {region}: {first} is based in "
                    f"{_city_of(contact.location)}.",
                    f"I know {region} well too.",
                )
            ]
    return []
