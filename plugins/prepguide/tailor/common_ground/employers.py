"""Employers you share with a contact: at the same time, or one after the other."""

from __future__ import annotations

import functools
import re

from ...guide.corpus import Corpus
from ...read.model import Contact, Experience, Profile
from .keys import organization_key
from .point import GroundPoint

Period = tuple[int | None, int | None, bool]
"""A job's ``(start year, end year, current)``."""


def _year(value: object) -> int | None:
    if value is None:
        return None
    return _year_of(str(value))


@functools.lru_cache(maxsize=4096)
def _year_of(text: str) -> int | None:
    match = re.match(r"^(\d{4})", text)
    return int(match.group(1)) if match else None


def _period(job: Experience) -> tuple[int | None, int | None, bool]:
    start = _year(job.start)
    current = job.end is None or str(job.end).lower() == "present"
    end = None if current else _year(job.end)
    return start, end, current


def employer_points(
    profile: Profile, contact: Contact, corpus: Corpus, first: str
) -> list[GroundPoint]:
    """A point for each of your employers the contact worked at (or works at now)."""

    def keys(ref: str) -> tuple[set[str], str]:
        org = corpus.organizations.get(ref)
        if org is not None:
            return {f"id:{org.id}", organization_key(org.name)}, org.name
        return {organization_key(ref)}, ref

    their_jobs: list[tuple[set[str], Period]] = []
    for job in contact.background.experience:
        their_jobs.append((keys(job.organization)[0], _period(job)))
    if contact.organization:
        # Working there now, whether or not the experience list says so.
        their_jobs.append((keys(contact.organization)[0], (None, None, True)))
    points: list[GroundPoint] = []
    seen: set[str] = set()
    for job in profile.experience:
        my_keys, name = keys(job.organization)
        spans = [span for k, span in their_jobs if k & my_keys]
        if not spans or name in seen:
            continue
        seen.add(name)
        points.append(_employer_point(first, name, _period(job), _joined(spans)))
    return points


def _joined(spans: list[Period]) -> Period:
    """The contact's jobs at one employer as one period: first start, last end."""
    starts = [s for s, _, _ in spans if s is not None]
    current = any(current for _, _, current in spans)
    ends = [e for _, e, _ in spans if e is not None]
    start = min(starts) if starts else None
    end = None if current else (max(ends) if ends else None)
    return start, end, current


def _employer_point(first: str, name: str, mine: Period, theirs: Period) -> GroundPoint:
    """The wording: together now, overlapping years, or one after the other."""
    my_start, my_end, my_current = mine
    their_start, their_end, their_current = theirs
    if my_current and their_current:
        since = max(my_start, their_start) if my_start and their_start else None
        together = f", together since {since}" if since else ""
        sentence = f"You and {first} both work at {name}{together}."
        spoken = f"We both work at {name}" + (f", and have since {since}." if since else ".")
        return GroundPoint("employer", 80, sentence, spoken)
    low = max(my_start, their_start) if my_start and their_start else None
    high_mine = 9999 if my_current else my_end
    high_theirs = 9999 if their_current else their_end
    high = min(high_mine, high_theirs) if high_mine and high_theirs else None
    if low is not None and high is not None and low <= high:
        if low == high:
            sentence = f"You and {first} were both at {name} in {low}."
            spoken = f"We overlapped at {name} in {low}."
        else:
            sentence = f"You and {first} were both at {name} from {low} to {high}."
            spoken = f"We were both at {name} from {low} to {high}."
        return GroundPoint("employer", 80, sentence, spoken)
    if their_current and not my_current:
        sentence = f"{first} works at {name}, where you used to work."
        spoken = f"I used to work at {name} myself."
    elif my_current and not their_current:
        sentence = f"{first} used to work at {name}, where you work now."
        spoken = f"You used to work at {name}, where I work now."
    else:
        sentence = f"You have both worked at {name}."
        spoken = f"We have both worked at {name}."
    return GroundPoint("employer", 70, sentence, spoken)
