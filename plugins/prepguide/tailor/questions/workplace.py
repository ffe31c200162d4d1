"""The kind of workplace a contact has, for ``when`` conditions (:class:`Work`)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...read.model import Contact, Organization
from ..common_ground import fold
from .industry import _industry_head

# ---------------------------------------------------------------------------
# The kind of workplace (docs/prep.md, "Questions that fit the workplace")

_SOLO_SIZE = re.compile(
    r"^(1|one)( person| consultant| employee| people)?$|\bsole\b|\bsolo\b|\bself employed\b"
    r"|\bjust me\b|\bone person\b|\bone consultant\b|\bindependent\b|\bfreelance"
)
_SOLO_ROLE = re.compile(
    r"\bfreelance|\bindependent\b|\bself employed\b|\bsole (trader|proprietor|practitioner)\b"
)
_CONSULTANCY = re.compile(r"\bconsult(ing|ancy|ancies|ants?)\b|\badvisory\b|\bagency\b")
_CARE_PROVIDERS = frozenset(
    {
        ("health", "care"),
        ("healthcare",),
        ("health",),
        ("hospital",),
        ("hospitals",),
        ("health", "system"),
        ("clinic",),
        ("clinics",),
        ("nursing",),
        ("care", "home"),
        ("long", "term", "care"),
        ("dental",),
        ("medicine",),
    }
)


@dataclass(frozen=True)
class Work:
    """What the data says about where the contact works, for ``when`` conditions.

    Read from the organization's ``industry`` and ``size`` and the contact's
    ``role``, never from a name (docs/prep.md, "Questions that fit the workplace").

    Attributes:
        industry: The canonical industry key (:func:`industry_key`), or ``None``.
        alone: The contact works on their own: the organization's ``size`` says
            one person ("1 person", "one consultant", "sole trader") or the role
            says so ("Independent consultant", "Freelance analyst").
        team: Not ``alone`` (also when the size is unknown).
        clinical: The organization gives care: its industry's main word names a
            care provider ("Health care", "Hospital", "Clinics"), not a health
            insurer, health technology or public-health agency.
        consultancy: The industry names consulting or an agency.
    """

    industry: str | None
    alone: bool
    team: bool
    clinical: bool
    consultancy: bool


@functools.lru_cache(maxsize=1024)
def _work(industry: str | None, size: str | None, role: str | None) -> Work:
    """:class:`Work` from an organization's ``industry`` and ``size`` and the contact's ``role``.

    >>> work = _work("Hospital consulting", None, "Freelance analyst")
    >>> work.industry, work.alone, work.clinical, work.consultancy
    ('health-care', True, False, True)
    """
    key, head = _industry_head(industry)
    folded_size = fold(size or "")
    alone = bool(_SOLO_SIZE.search(folded_size)) or bool(_SOLO_ROLE.search(fold(role or "")))
    clinical = key == "health-care" and head in _CARE_PROVIDERS
    consultancy = bool(_CONSULTANCY.search(fold(industry or "")))
    return Work(key, alone, not alone, clinical and not consultancy, consultancy)


def work_of(contact: Contact, org: Organization | None) -> Work:
    """Where the contact works, from the data (see :class:`Work`)."""
    return _work(
        org.industry if org is not None else None,
        org.size if org is not None else None,
        contact.role,
    )
