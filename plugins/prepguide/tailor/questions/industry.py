"""Industries: the canonical keys, their keywords, and matching an entry's ``industries``.

An organization's ``industry`` is free text ("Health insurance", "Finance (health
insurance)"); it is read as one of :data:`INDUSTRIES` by keyword (docs/prep.md,
"Questions that fit the workplace"). The organization's name is never read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ...read.model import Organization
from ..common_ground import fold

INDUSTRIES = ("health-care", "technology", "finance", "public-sector", "non-profit", "education")
"""The canonical industry keys an entry's ``industries`` may name."""

INDUSTRY_KEYWORDS: dict[str, tuple[str, ...]] = {
    "health-care": (
        "health care",
        "healthcare",
        "health",
        "hospital",
        "hospitals",
        "health system",
        "clinic",
        "clinics",
        "clinical",
        "medical",
        "medicine",
        "nursing",
        "pharmacy",
        "pharmaceutical",
        "pharmaceuticals",
        "pharma",
        "biotech",
        "biotechnology",
        "life sciences",
        "dental",
        "care home",
        "long term care",
    ),
    "technology": (
        "technology",
        "tech",
        "software",
        "saas",
        "internet",
        "computing",
        "computer",
        "computers",
        "information technology",
        "it services",
        "telecommunications",
        "telecom",
        "hardware",
        "electronics",
        "semiconductors",
        "cybersecurity",
        "artificial intelligence",
        "ai",
        "data science",
        "cloud",
    ),
    "finance": (
        "finance",
        "financial",
        "financial services",
        "fintech",
        "bank",
        "banks",
        "banking",
        "insurance",
        "insurer",
        "reinsurance",
        "investment",
        "investments",
        "investing",
        "asset management",
        "wealth management",
        "accounting",
        "credit union",
        "capital markets",
        "private equity",
        "venture capital",
        "payments",
        "trading",
    ),
    "public-sector": (
        "government",
        "public sector",
        "public service",
        "public services",
        "public administration",
        "civil service",
        "local government",
        "state government",
        "federal",
        "municipal",
        "municipality",
        "county",
        "public health",
        "city council",
        "council",
        "ministry",
        "armed forces",
    ),
    "non-profit": (
        "non profit",
        "nonprofit",
        "not for profit",
        "charity",
        "charitable",
        "ngo",
        "foundation",
        "philanthropy",
        "advocacy",
        "voluntary sector",
        "third sector",
        "social enterprise",
    ),
    "education": (
        "education",
        "educational",
        "edtech",
        "higher education",
        "university",
        "college",
        "school",
        "schools",
        "academic",
        "academia",
        "k 12",
    ),
}
"""Keywords that map an organization's free-text ``industry`` to a canonical key."""

_KEYWORDS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        ((tuple(word.split()), key) for key, words in INDUSTRY_KEYWORDS.items() for word in words),
        key=lambda item: -len(item[0]),
    )
)


_MAIN_PART = re.compile(r"\(|;|,|\s[-–—]\s")


@functools.lru_cache(maxsize=4096)
def _industry_head(text: str | None) -> tuple[str | None, tuple[str, ...] | None]:
    """The canonical key of an industry text and the keyword it was read from (see below).

    >>> _industry_head("Health insurance")
    ('finance', ('insurance',))
    >>> _industry_head("Finance (health insurance)")
    ('finance', ('finance',))
    """
    if not text:
        return None, None
    if text.strip().casefold() in INDUSTRIES:
        return text.strip().casefold(), None
    for part in (_MAIN_PART.split(text, maxsplit=1)[0], text):
        words = fold(part).split()
        best: tuple[int, int, tuple[str, ...], str] | None = None
        for start in range(len(words)):
            for phrase, key in _KEYWORDS:
                if tuple(words[start : start + len(phrase)]) == phrase:
                    found = (start + len(phrase), len(phrase), phrase, key)
                    if best is None or found[:2] > best[:2]:
                        best = found
                    break  # the longest phrase at this start (_KEYWORDS is longest first)
        if best is not None:
            # The main word ends the phrase: "Health insurance" is insurance.
            return best[3], best[2] if best[0] == len(words) else None
    return None, None


def industry_key(text: str | None) -> str | None:
    """Map a free-text industry to a canonical key.

    The text is folded (case, accents and punctuation) and searched for the
    keywords of :data:`INDUSTRY_KEYWORDS`, first in its main part (before a
    parenthesis, comma, semicolon or dash), then in the whole text. English
    puts the main word of a compound last, so the keyword that *ends last*
    wins, the longest one on a tie: "Health insurance" is ``finance``,
    "Health technology" is ``technology``, "Public health" is
    ``public-sector`` and "Finance (health insurance)" is ``finance``. A
    canonical key itself ("public-sector") maps to itself. The organization's
    name is never read.

    Arguments:
        text: An organization's ``industry`` (or an entry's ``industries`` item).

    Returns:
        One of :data:`INDUSTRIES`, or ``None`` when no keyword matches.

    >>> industry_key("Health insurance"), industry_key("Public health")
    ('finance', 'public-sector')
    >>> industry_key("Bakery") is None
    True
    """
    return _industry_head(text)[0]


def industry_matches(industries: Sequence[str], org: Organization | None) -> bool:
    """Whether an entry limited to ``industries`` applies to an organization.

    An item that maps to a canonical key matches an organization whose
    ``industry`` maps to the same key; an item that maps to none matches when
    its words appear in the organization's ``industry`` text (so "Design
    consultancy" matches "Technology (design consultancy)"). So "health" does
    not match "Health insurance": that is finance.

    Arguments:
        industries: The entry's ``industries`` (empty: any organization, or none).
        org: The contact's organization.

    Returns:
        True when the entry may be used.

    >>> from prepguide.read.model import Organization
    >>> org = Organization(id="a", name="A", industry="Technology (design consultancy)")
    >>> industry_matches(["Design consultancy"], org), industry_matches(["finance"], org)
    (True, False)
    """
    if not industries:
        return True
    if org is None or not org.industry:
        return False
    return _industries_allow(
        _industry_items(industries), industry_key(org.industry), f" {fold(org.industry)} "
    )


_IndustryItem = tuple[str | None, str | None]
"""An ``industries`` item as matching reads it: ``(canonical key, " folded words ")``."""


def _industry_items(industries: Sequence[str]) -> tuple[_IndustryItem, ...]:
    """Prepare ``industries`` for :func:`_industries_allow` (once per bank entry)."""
    return tuple(
        (industry_key(item), f" {words} " if (words := fold(item)) else None) for item in industries
    )


def _industries_allow(items: Sequence[_IndustryItem], key: str | None, text: str) -> bool:
    """:func:`industry_matches` for prepared items, an industry key and `` folded text ``."""
    if not items:
        return True
    for wanted, words in items:
        if wanted is not None:
            if wanted == key:
                return True
        elif words is not None and words in text:
            return True
    return False
