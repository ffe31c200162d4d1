"""The topic of a question you wrote, and whether it asks for a referral."""

from __future__ import annotations

import functools
import re

from ..common_ground import fold

_REFERRAL_RE = re.compile(
    r"\bwho else\b|\banyone else\b|\bsomeone else\b|\bintroduc|\bwho (should|could|would|might|do you think) i\b"
    r"|\bpeople i should\b|\bother people\b|\bwho would you suggest\b|\bwho do you recommend\b"
)

_TOPIC_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("next-steps", _REFERRAL_RE),
    (
        "transition",
        re.compile(
            r"\bcareer change|\bchanging careers?\b|\bchange careers?\b|\bswitch|\btransition"
            r"|\byour move\b|\bmiss about\b|\bleft\b|\bleaving\b"
        ),
    ),
    (
        "timing",
        re.compile(
            r"\bhiring\b|\bhire\b|\btimeline\b|\bhow long\b|\bopenings?\b|\bposting\b"
            r"|\bright time\b|\bwhen do\b|\bwhen does\b"
        ),
    ),
    (
        "resources",
        re.compile(
            r"\bread\b|\bbooks?\b|\bcourses?\b|\bresources?\b|\bcommunit(y|ies)\b|\bnewsletters?\b"
            r"|\bpodcasts?\b|\bassociations?\b|\bmeetups?\b"
        ),
    ),
    (
        "advice",
        re.compile(
            r"\badvice\b|\badvise\b|\brecommend|\bsuggest\b|\bshould i\b|\bwish you\b"
            r"|\bif you were\b|\bstand out\b|\bstrongest\b|\blook for\b|\bapplicants?\b"
            r"|\bapplications?\b|\bapplying\b|\bbefore applying\b|\bwant .* to understand\b"
        ),
    ),
    (
        "trends",
        re.compile(
            r"\bchanging\b|\bchanged\b|\bfuture\b|\btrends?\b|\bheading\b|\bnext (few|couple|two|five)\b"
            r"|\bover the next\b|\bcoming years\b"
        ),
    ),
    (
        "path",
        re.compile(
            r"\bhow did you\b|\bget into\b|\bgot into\b|\bget started\b|\bfirst job\b"
            r"|\bpath\b|\bbackground\b|\bwhat led you\b|\bwhat brought you\b"
        ),
    ),
    (
        "organization",
        re.compile(
            r"\bteam\b|\bcompany\b|\bculture\b|\borgani[sz]ation\b|\blab\b|\bhere\b|\bdepartment\b"
        ),
    ),
)


@functools.lru_cache(maxsize=4096)
def is_referral_text(text: str) -> bool:
    """Whether a question asks who else to talk to.

    Arguments:
        text: A question.

    Returns:
        True for referral questions ("Who else should I talk to?").

    >>> is_referral_text("Who else should I talk to?"), is_referral_text("What do you do?")
    (True, False)
    """
    return bool(_REFERRAL_RE.search(fold(text)))


@functools.lru_cache(maxsize=4096)
def classify_topic(text: str) -> str:
    """Guess the topic of a question the user wrote (for conversation order).

    Keyword rules, first match wins: next-steps (who else…), transition,
    timing, resources, advice, trends, path, organization; anything else is
    a ``role`` question.

    Arguments:
        text: A question.

    Returns:
        A topic of :data:`prepguide.read.model.TOPICS`.

    >>> classify_topic("Which books would you recommend?"), classify_topic("What do you do all day?")
    ('resources', 'role')
    """
    folded = fold(text)
    for topic, pattern in _TOPIC_RULES:
        if pattern.search(folded):
            return topic
    return "role"
