"""Selection: the questions for one conversation, fitted to the meeting's length."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from typing import Any, NamedTuple

from ...read.model import TOPICS, Contact, Organization, Profile
from ..common_ground import fold
from .duplicates import _Taken
from .goals import goal_question
from .items import BankItem, SelectedQuestion, Selection
from .plan import _candidates, _plan
from .sandbox import _context
from .topics import classify_topic, is_referral_text

BACKUPS_PER_TOPIC = 3
"""How many unused questions of each topic are listed as backups."""

INTRO_MINUTES = 2
CLOSING_MINUTES = 2
MINUTES_PER_QUESTION = 3
MIN_QUESTIONS = 2

# Which topics a short conversation covers first. "path" and "transition" are one
# group: a contact who changed careers gets a transition question in its place.
_PICK_GROUPS: tuple[tuple[str, ...], ...] = (
    ("path", "transition"),
    ("role",),
    ("advice",),
    ("organization",),
    ("trends",),
    ("resources",),
    ("rapport",),
    ("timing",),
    ("next-steps",),
)


def question_budget(duration: int) -> int:
    """How many questions fit a meeting.

    About one question per three minutes of conversation, after two minutes
    for your intro and two for the closing; at least two.

    Arguments:
        duration: The meeting's length in minutes.

    Returns:
        The number of questions.

    >>> question_budget(30), question_budget(5)
    (8, 2)
    """
    talk = duration - INTRO_MINUTES - CLOSING_MINUTES
    return max(MIN_QUESTIONS, talk // MINUTES_PER_QUESTION)


def _budget_note(duration: int, budget: int, yours: int, total: int, backups: int) -> str:
    """The note that explains the budget (and what runs over it).

    >>> _budget_note(30, 8, 2, 8, 0)
    '30 minutes: after about 2 for your intro and 2 to close, 26 minutes of conversation leave room for about 8 questions (one every 3 minutes).'
    """
    talk = max(duration - INTRO_MINUTES - CLOSING_MINUTES, 0)
    note = (
        f"{duration} minutes: after about {INTRO_MINUTES} for your intro and "
        f"{CLOSING_MINUTES} to close, {talk} minutes of conversation leave room for "
        f"about {budget} questions (one every {MINUTES_PER_QUESTION} minutes)."
    )
    if total > budget:
        note += (
            f" Your own {yours} questions are all kept, so the list runs over; "
            "be ready to skip some, or trim them."
        )
    if backups:
        note += f" {backups} backup questions follow, for when answers run short."
    return note


def select_questions(
    bank: Sequence[BankItem],
    you: Profile | None,
    contact: Contact,
    org: Organization | None,
) -> Selection:
    """Choose and order the questions for one conversation.

    The contact's own questions are always kept (source ``yours``); a closed
    or leading one carries the linter's mark and rewrite. Then, while the
    budget (:func:`question_budget`) has room: one question on feasibility and
    timing for a talk of :data:`FEASIBILITY_MINUTES` or more, each goal as a
    question (source ``goal``, :func:`goal_question`), and bank questions one
    topic group at a time (path or transition, role, advice, organization,
    trends, resources, rapport, timing, next steps), topics already covered
    coming last; within a topic the highest ``priority`` wins, then the more
    specific entry (one limited by industry or condition), then bank order. A
    question that is a near-duplicate of one already chosen (same ``group`` or
    intent, or most content words shared) is skipped. The list is shown in
    conversation order and ends with a referral question: your own if you
    wrote one, else the best referral entry.

    Arguments:
        bank: The merged bank (:func:`merge_banks`).
        you: The profile, or ``None`` in a playbook.
        contact: The contact.
        org: The contact's organization, or ``None``.

    Returns:
        The selection with its budget and an explanation.
    """
    context = _context(you, contact, org)
    offers = []
    for slot, text in _candidates(_plan(bank), context, org):
        offer = slot.offers.get(text)
        if offer is None:
            # A function of the entry and its text: made once for the contacts it renders
            # the same for (every one, for a text without template syntax).
            if len(slot.offers) >= _OFFERS_PER_ENTRY:
                slot.offers.clear()
            offer = slot.offers[text] = _Offer(
                slot.place, slot.topic, slot.item.entry.group, slot.referral, slot.selected(text)
            )
        offers.append(offer)
    return choose_questions(offers, you, contact, org)


_OFFERS_PER_ENTRY = 64
"""How many rendered texts of one entry keep their offer (then they are made anew)."""


FEASIBILITY_MINUTES = 20
"""A talk this long or longer always asks one feasibility-and-timing question."""


class _Offer(NamedTuple):
    """A usable bank entry, rendered: what :func:`choose_questions` needs of it."""

    order: Any
    """Sorts offers best first (the entry's rank)."""
    topic: str
    group: str | None
    referral: bool
    question: SelectedQuestion


@functools.lru_cache(maxsize=4096)
def _lint_mark(text: str) -> tuple[str, str | None, str | None] | None:
    """The linter's label, rewrite and reason for a closed or leading question."""
    from ...lint import lint_question  # imported late: the linter is large

    result = lint_question(text)
    if result.label not in ("closed", "leading"):
        return None
    return result.label, result.rewrite, result.reason


def choose_questions(
    offers: Sequence[_Offer],
    you: Profile | None,
    contact: Contact,
    org: Organization | None,
) -> Selection:
    """The selection of :func:`select_questions` from the usable bank entries (its ``offers``).

    The steps: your questions (:func:`_your_questions`), your goals
    (:func:`_goal_questions`), the offers not already asked (:func:`_new_offers`),
    the closing referral, the feasibility question (:func:`_feasibility`), the goals
    that fit, the bank questions by topic group (:func:`_pick`), conversation order
    (:func:`_in_order`), then the backups (:func:`_backups`) and the note.
    """
    seen: set[str] = set()
    yours, own_referral = _your_questions(contact, seen)
    ignore = _names(contact, org)
    taken = _Taken.of(ignore, (q.text for q in yours))
    goals = _goal_questions(contact, you, seen, taken)  # adds each goal to taken
    referrals, others = _new_offers(offers, seen)

    closing: SelectedQuestion | None = own_referral
    if closing is None and referrals:
        closing = min(referrals).question

    duration = contact.meeting.duration
    budget = question_budget(duration)
    room = budget - len(yours) - (1 if closing is not None else 0)
    others.sort()
    feasibility = _feasibility(others, duration, taken)
    if feasibility is not None:
        others.remove(feasibility)
        room -= 1

    # Goals come before the bank, as many as fit.
    fitted = max(room, 0)
    main_goals, extra_goals = goals[:fitted], goals[fitted:]
    room -= len(main_goals)
    taken = _Taken.of(ignore, (q.text for q in (*yours, *main_goals)))
    picked: list[_Offer] = []
    if feasibility is not None:
        taken.add(feasibility.question.text, feasibility.group)
        picked.append(feasibility)

    by_topic = _by_topic(others)
    covered = {q.topic for q in (*yours, *main_goals)}
    picked += _pick(by_topic, _groups(covered), room, taken)
    questions = _in_order(yours, main_goals, picked)
    if closing is not None:
        questions.append(closing)
    backups = _backups(extra_goals, by_topic, taken)

    yours_count = len(yours) + (1 if own_referral else 0)
    note = _budget_note(duration, budget, yours_count, len(questions), len(backups))
    return Selection(tuple(questions), tuple(backups), budget, note + _goals_note(extra_goals))


def _your_questions(
    contact: Contact, seen: set[str]
) -> tuple[list[SelectedQuestion], SelectedQuestion | None]:
    """The contact's own questions, each once, and the first referral among them.

    Each text is kept on one line and added (folded) to ``seen``; a closed or
    leading question carries the linter's mark. The first referral question
    ("Who else should I talk to?") is returned apart: it closes the list.
    """
    yours: list[SelectedQuestion] = []
    own_referral: SelectedQuestion | None = None
    for index, text in enumerate(contact.questions):
        text = " ".join(text.split())
        key = fold(text)
        if not key or key in seen:
            continue
        seen.add(key)
        question = SelectedQuestion(f"yours-{index + 1}", classify_topic(text), text, "yours")
        if own_referral is None and question.topic == "next-steps" and is_referral_text(text):
            own_referral = question
            continue
        mark = _lint_mark(text)
        if mark is not None:
            question = dataclasses.replace(question, mark=mark[0], rewrite=mark[1], reason=mark[2])
        yours.append(question)
    return yours, own_referral


def _names(contact: Contact, org: Organization | None) -> frozenset[str]:
    """The folded words of the contact's and the organization's names (not content words).

    >>> sorted(_names(Contact(id="x", name="Ana María Ruiz"), None))
    ['ana', 'maria', 'ruiz']
    """
    return frozenset(fold(contact.name).split()) | (
        frozenset(fold(org.name).split()) if org is not None else frozenset()
    )


def _goal_questions(
    contact: Contact, you: Profile | None, seen: set[str], taken: _Taken
) -> list[SelectedQuestion]:
    """The contact's goals as questions (:func:`goal_question`), in goal order.

    A goal that asks nothing, repeats a question already in ``seen`` or is a
    near-duplicate of one in ``taken`` (yours, or an earlier goal) is left out.
    """
    goals: list[SelectedQuestion] = []
    for index, goal in enumerate(contact.goals):
        asked = goal_question(goal, contact, you)
        if asked is None or (key := fold(asked)) in seen or taken.clashes(asked, None):
            continue
        seen.add(key)
        goals.append(SelectedQuestion(f"goal-{index + 1}", classify_topic(asked), asked, "goal"))
        taken.add(asked, None)
    return goals


def _new_offers(offers: Sequence[_Offer], seen: set[str]) -> tuple[list[_Offer], list[_Offer]]:
    """The referral offers and the others, in ``offers`` order.

    An offer whose text is equal (once folded) to one of yours, a goal's or an
    earlier offer's is left out.
    """
    referrals: list[_Offer] = []
    others: list[_Offer] = []
    for offer in offers:
        key = fold(offer.question.text)
        if key in seen:
            continue
        seen.add(key)
        (referrals if offer.referral else others).append(offer)
    return referrals, others


def _feasibility(others: Sequence[_Offer], duration: int, taken: _Taken) -> _Offer | None:
    """The best feasibility-and-timing offer, for a talk long enough (unless you ask one).

    ``others`` is sorted best first; ``taken`` holds your questions and goals.
    """
    if duration < FEASIBILITY_MINUTES or "feasibility" in taken.groups:
        return None
    for offer in others:
        if offer.group == "feasibility" and not taken.clashes(offer.question.text, None):
            return offer
    return None


def _by_topic(others: Sequence[_Offer]) -> dict[str, list[_Offer]]:
    """Each topic's offers, best first (``others`` is sorted)."""
    by_topic: dict[str, list[_Offer]] = {}
    for offer in others:
        by_topic.setdefault(offer.topic, []).append(offer)
    return by_topic


def _groups(covered: set[str]) -> list[tuple[str, ...]]:
    """The topic groups in picking order: those your questions and goals cover go last.

    >>> _groups({"path", "advice"})[:2], _groups({"path", "advice"})[-2:]
    ([('role',), ('organization',)], [('path', 'transition'), ('advice',)])
    """
    return [g for g in _PICK_GROUPS if covered.isdisjoint(g)] + [
        g for g in _PICK_GROUPS if not covered.isdisjoint(g)
    ]


def _pick(
    by_topic: dict[str, list[_Offer]],
    groups: Sequence[tuple[str, ...]],
    room: int,
    taken: _Taken,
) -> list[_Offer]:
    """Pick up to ``room`` offers, one per topic group in turn, round after round.

    Within a group the best offer of its topics comes first. An offer is taken
    out of ``by_topic`` when it is considered: a near-duplicate of one already
    in ``taken`` is neither asked nor a backup. What is left is for the backups.
    """
    picked: list[_Offer] = []
    while room > 0:
        progress = False
        for group in groups:
            if room <= 0:
                break
            pools = [pool for topic in group if (pool := by_topic.get(topic))]
            while pools:
                pool = min(pools) if len(pools) > 1 else pools[0]
                offer = pool.pop(0)
                if not pool:
                    pools.remove(pool)
                if taken.clashes(offer.question.text, offer.group):
                    continue  # a near-duplicate: neither asked nor a backup
                picked.append(offer)
                taken.add(offer.question.text, offer.group)
                room -= 1
                progress = True
                break
        if not progress:
            break
    return picked


def _in_order(
    yours: Sequence[SelectedQuestion],
    goals: Sequence[SelectedQuestion],
    picked: Sequence[_Offer],
) -> list[SelectedQuestion]:
    """Your questions, goals and picked offers in conversation order.

    By topic (in :data:`prepguide.read.model.TOPICS` order), then yours before goals
    before the bank's, then in their own order (an offer by its rank).
    """

    def order_key(pair: tuple[int, Any, SelectedQuestion]) -> tuple[Any, ...]:
        weight, rank, question = pair
        return (_TOPIC_INDEX.get(question.topic, len(TOPICS)), weight, rank)

    ordered = sorted(
        [(0, i, q) for i, q in enumerate(yours)]
        + [(1, i, q) for i, q in enumerate(goals)]
        + [(2, offer.order, offer.question) for offer in picked],
        key=order_key,
    )
    return [q for _, _, q in ordered]


def _backups(
    extra_goals: Sequence[SelectedQuestion],
    by_topic: dict[str, list[_Offer]],
    taken: _Taken,
) -> list[SelectedQuestion]:
    """Backups, topic by topic: the goals that did not fit lead their topic, then up to
    :data:`BACKUPS_PER_TOPIC` of the best offers left that are not near-duplicates
    of the list or of each other."""
    backups: list[SelectedQuestion] = []
    for topic in TOPICS:
        backups.extend(q for q in extra_goals if q.topic == topic)
        count = 0
        for offer in by_topic.get(topic, ()):
            if count >= BACKUPS_PER_TOPIC:
                break
            if taken.clashes(offer.question.text, offer.group):
                continue
            taken.add(offer.question.text, offer.group)
            backups.append(offer.question)
            count += 1
    return backups


def _goals_note(extra_goals: Sequence[SelectedQuestion]) -> str:
    """What the note adds when goals did not fit (nothing when all did).

    >>> _goals_note([])
    ''
    >>> _goals_note([None])
    ' One of your goals did not fit: it leads the backups.'
    >>> _goals_note([None, None])
    ' 2 of your goals did not fit: they lead the backups.'
    """
    if not extra_goals:
        return ""
    if len(extra_goals) > 1:
        return f" {len(extra_goals)} of your goals did not fit: they lead the backups."
    return " One of your goals did not fit: it leads the backups."


_TOPIC_INDEX = {topic: i for i, topic in enumerate(TOPICS)}
