"""Common ground between you (the profile) and a contact.

Each point is one sentence for the prep page ("You both studied at …") with a
spoken variant for the intro script ("We both studied at …") and a strength
used to rank the points. The comparison is deliberately simple and
deterministic: names are folded (case, accents, punctuation, company
suffixes) and compared for equality; career changes are compared by their
career fields (docs/prep.md, "Common ground").

The package's modules, one per kind of point after the shared ones:
:mod:`~prepguide.tailor.common_ground.point` (:class:`GroundPoint`),
:mod:`~prepguide.tailor.common_ground.keys` (:func:`fold`, :func:`organization_key`,
:func:`stems`, :func:`split_transition`), :mod:`~prepguide.tailor.common_ground.fields`
(career fields), then ``transition``, ``schools`` (and fields of study),
``employers``, ``places`` and ``people`` (a mutual connection, interests).
The English they write with is :mod:`prepguide.text`.
"""

from __future__ import annotations

from ...guide.corpus import Corpus
from ...read.model import Contact, Profile
from ...text import first_name
from .employers import employer_points
from .fields import CareerField, career_field, same_field, shared_domain, your_move
from .keys import fold, organization_key, split_transition, stems
from .people import interest_points, mutual_points
from .places import city_points
from .point import GROUND_KINDS, GroundPoint
from .schools import field_points, school_points
from .transition import transition_points

__all__ = [
    "GROUND_KINDS",
    "CareerField",
    "GroundPoint",
    "career_field",
    "find_common_ground",
    "fold",
    "organization_key",
    "same_field",
    "shared_domain",
    "split_transition",
    "stems",
    "your_move",
]


def find_common_ground(
    profile: Profile | None, contact: Contact, corpus: Corpus
) -> tuple[GroundPoint, ...]:
    """Compare you with a contact and rank what you share.

    Arguments:
        profile: You, or ``None`` in a playbook (then only a mutual
            connection can be found).
        contact: The person.
        corpus: The guide, to name organizations and the person who introduces you.

    Returns:
        The points, strongest first; ties broken by kind (mutual, transition,
        school, employer, field, city, interest) and then by sentence.
    """
    first = first_name(contact.name)
    points: list[GroundPoint] = []
    points.extend(mutual_points(contact, corpus))
    if profile is not None:
        points.extend(transition_points(profile, contact, first))
        school, fields_done = school_points(profile, contact, first)
        points.extend(school)
        points.extend(employer_points(profile, contact, corpus, first))
        points.extend(field_points(profile, contact, first, fields_done))
        points.extend(city_points(profile, contact, first))
        points.extend(interest_points(profile, contact))
    order = {kind: i for i, kind in enumerate(GROUND_KINDS)}
    points.sort(key=lambda p: (-p.strength, order.get(p.kind, 99), p.sentence))
    return tuple(points)
