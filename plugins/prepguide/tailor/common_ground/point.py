"""One point of common ground: its kind, strength and two wordings."""

from __future__ import annotations

from dataclasses import dataclass

GROUND_KINDS = ("mutual", "transition", "school", "employer", "field", "city", "interest")
"""The kinds of common ground, in the order used to break ties of strength."""


@dataclass(frozen=True)
class GroundPoint:
    """One thing you have in common with a contact.

    Attributes:
        kind: One of school, employer, field, city, interest, transition, mutual.
        strength: Higher is stronger; points are ranked by it (0-100).
        sentence: The point as shown on the prep page, addressed to you.
        spoken: The same point as you would say it to the contact (used by the
            intro script).
    """

    kind: str
    strength: int
    sentence: str
    spoken: str = ""
