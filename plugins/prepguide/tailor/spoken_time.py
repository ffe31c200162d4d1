"""Word counts and spoken time: timing a script, and choosing among wordings so that
it is said within a target (docs/prep.md, "The intro").

A script is built from pieces, each with a rank and one or more wordings,
longest first (:class:`Piece`). :func:`fit` adds pieces in rank order while the
spoken time stays at or under the target; if the script is still short of the
lower bound, optional pieces are added until it fits.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..options import Options

TOLERANCE_SECONDS = 15
"""The intro is in range within this many seconds of ``intro_seconds``."""


# A whole whitespace-separated token without a letter or digit: count_words
# counts the tokens and subtracts these. (``\s`` is exactly ``str.isspace``.)
_NO_WORD_TOKEN = re.compile(r"(?<!\S)(?:[^\s\w]|_)+(?!\S)")


@dataclass(frozen=True)
class Intro:
    """An intro script and its timing.

    Attributes:
        text: The script.
        words: Its word count (see :func:`count_words`).
        seconds: Its spoken time, ``round(words / words_per_minute * 60)``.
        generated: False for a hand-written ``contact.intro``.
        target: The target time (``intro_seconds``).
        in_range: Whether ``seconds`` is within the target ± 15 seconds.
    """

    text: str
    words: int
    seconds: int
    generated: bool
    target: int
    in_range: bool


@functools.lru_cache(maxsize=4096)
def count_words(text: str) -> int:
    """Count words: whitespace-separated tokens that contain a letter or digit.

    Arguments:
        text: Any text; blanks such as ``[your name]`` count as two words.

    Returns:
        The number of words.

    >>> count_words("Hi [your name] — it is 9:30")
    6
    """
    return len(text.split()) - len(_NO_WORD_TOKEN.findall(text))


def spoken_seconds(words: int, words_per_minute: int) -> int:
    """Return the time to say ``words`` at a speaking rate, in whole seconds.

    Arguments:
        words: A word count.
        words_per_minute: The speaking rate.

    Returns:
        ``round(words / words_per_minute * 60)``.
    """
    return round(words / words_per_minute * 60)


def intro_bounds(options: Options) -> tuple[int, int]:
    """Return the accepted range of an intro's spoken time, in seconds.

    Arguments:
        options: The guide's options (``intro_seconds``).

    Returns:
        ``(low, high)``: the target minus and plus 15 seconds (low at least 0).
    """
    return max(0, options.intro_seconds - TOLERANCE_SECONDS), (
        options.intro_seconds + TOLERANCE_SECONDS
    )


def time_intro(text: str, options: Options, *, generated: bool) -> Intro:
    """Time a script.

    Arguments:
        text: The script.
        options: The guide's options (speaking rate and target).
        generated: Whether prepguide wrote it.

    Returns:
        The timed intro.
    """
    return timed(text, count_words(text), options, generated)


def timed(text: str, words: int, options: Options, generated: bool) -> Intro:
    """:func:`time_intro` for a script whose word count is known."""
    seconds = spoken_seconds(words, options.words_per_minute)
    low, high = intro_bounds(options)
    return Intro(
        text=text,
        words=words,
        seconds=seconds,
        generated=generated,
        target=options.intro_seconds,
        in_range=low <= seconds <= high,
    )


@dataclass(frozen=True)
class Piece:
    """A piece of a script: its place in the script, its rank (lower is added first),
    its wordings longest first, and whether the script always says it."""

    position: int
    rank: int
    variants: tuple[str, ...]
    required: bool = False


def fit(pieces: Sequence[Piece], options: Options) -> tuple[str, int]:
    """Choose pieces and wordings so the spoken time lands in range.

    Arguments:
        pieces: The candidate pieces.
        options: Speaking rate and target.

    Returns:
        ``(script, words)``: the chosen pieces in script order, joined with
        spaces, and the script's word count (the sum of its parts' counts).
    """
    wpm = options.words_per_minute
    target = options.intro_seconds
    low, high = intro_bounds(options)
    chosen: dict[int, str] = {}
    total = 0
    # Word counts that keep the time at or under a limit, and that reach ``low``.
    most = {target: most_words(target, wpm), high: most_words(high, wpm)}
    enough = most_words(low - 1, wpm) + 1

    def fits(extra: int, limit: int) -> bool:
        return total + extra <= most[limit]

    def first_fitting(piece: Piece, limit: int) -> str | None:
        return next((v for v in piece.variants if fits(count_words(v), limit)), None)

    ordered = sorted(pieces, key=lambda p: (p.rank, p.position))
    for piece in ordered:
        variant = first_fitting(piece, target)
        if variant is None and piece.required:
            variant = min(piece.variants, key=count_words)
        if variant is not None:
            chosen[piece.position] = variant
            total += count_words(variant)
    for piece in ordered:
        if total >= enough:
            break
        if piece.position in chosen:
            continue
        variant = first_fitting(piece, high)
        if variant is not None:
            chosen[piece.position] = variant
            total += count_words(variant)
    parts = [chosen[position] for position in sorted(chosen)]
    # Joined with spaces, no token spans two parts, so the counts add up.
    return " ".join(parts), sum(map(count_words, parts))


@functools.lru_cache(maxsize=256)
def most_words(limit: int, words_per_minute: int) -> int:
    """The most words whose spoken time is at most ``limit`` seconds (-1 if none).

    :func:`spoken_seconds` never decreases as words are added, so ``words``
    fit the limit exactly when ``words <= most_words(limit, wpm)``.
    """
    words = max(0, limit * words_per_minute // 60 - 2)
    while words >= 0 and spoken_seconds(words, words_per_minute) > limit:
        words -= 1
    while spoken_seconds(words + 1, words_per_minute) <= limit:
        words += 1
    return words
