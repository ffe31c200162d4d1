"""A merged bank prepared for selection (its plan), and the entries usable for a contact."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ...read.model import Contact, Organization, Profile
from ..common_ground import fold
from .banks import is_referral_entry
from .evaluate import (
    _SHARED_NAMES,
    _always,
    _compiled_condition,
    _compiled_text,
    _never,
    _never_holds,
)
from .industry import _industries_allow, _industry_items, industry_key
from .items import BankItem, SelectedQuestion
from .sandbox import _context


class _Slot:
    """A bank item with what selection needs of it, worked out once per bank."""

    __slots__ = (
        "fixed",
        "holds",
        "industries",
        "item",
        "key",
        "memo",
        "never",
        "offers",
        "place",
        "rank",
        "referral",
        "render",
        "shared",
        "static",
        "topic",
    )

    def __init__(self, item: BankItem) -> None:
        entry = item.entry
        self.item = item
        self.topic: str = entry.topic
        self.industries = _industry_items(entry.industries)
        condition = _compiled_condition(entry.when)
        self.holds = None if condition.check is _always else condition.check
        self.memo = condition.pure
        """Whether the result may be shared by entries with the same condition."""
        compiled = _compiled_text(entry.text)
        self.static = compiled.static
        self.render = compiled.render
        # A text without template syntax is the same for every contact: so
        # are its folded form and the (immutable) selected question.
        self.key = fold(self.static) if self.static is not None else ""
        self.fixed: SelectedQuestion | None = None
        self.never = (self.static is None and self.render is _never) or self.holds is _never_holds
        """Whether the entry can never be used (its text or condition does not compile)."""
        reads = set()
        if self.holds is not None:
            reads.add(condition.names)
        if self.static is None:
            reads.add(compiled.names)
        self.shared = bool(reads) and all(n is not None and n <= _SHARED_NAMES for n in reads)
        """Whether the condition and text read only ``you`` and ``org``, with the fast
        evaluator: their outcome is then the same for everyone at an organization."""
        self.referral = is_referral_entry(entry)
        specificity = (1 if entry.industries else 0) + (1 if entry.when else 0)
        self.rank: tuple[int, int, int, str] = (
            -entry.priority,
            -specificity,
            item.order,
            entry.id,
        )
        self.place = 0
        """Position of ``rank`` among the bank's ranks (ranks are unique: ids are)."""
        self.offers: dict[str, Any] = {}
        """What selection makes of this entry for each text it renders to (its ``_Offer``,
        a function of the entry and the text alone), kept for the next contact."""

    def allows(self, key: str | None, text: str) -> bool:
        """:func:`industry_matches` for an organization's industry key and folded text."""
        return _industries_allow(self.industries, key, text)

    def selected(self, text: str) -> SelectedQuestion:
        if self.static is None:
            return SelectedQuestion(self.item.entry.id, self.topic, text, self.item.source)
        if self.fixed is None:
            self.fixed = SelectedQuestion(self.item.entry.id, self.topic, text, self.item.source)
        return self.fixed


class _Plan:
    """A merged bank prepared for selection: slots in bank order, usable ones by industry."""

    def __init__(self, bank: Sequence[BankItem]) -> None:
        self.bank = bank
        self.slots = tuple(_Slot(item) for item in bank)
        for place, slot in enumerate(sorted(self.slots, key=lambda s: s.rank)):
            slot.place = place
        self._usable: dict[str | None, tuple[_Slot, ...]] = {}
        self._shared: dict[tuple[int, int], tuple[Any, Any, dict[_Slot, str | None]]] = {}

    def shared(self, org: Organization | None, you: Any) -> dict[_Slot, str | None]:
        """Outcomes of the :attr:`_Slot.shared` entries for one organization and profile.

        Keyed by identity: the models are immutable, and each one is kept with
        its outcomes so that its id stays its own (a ``mkdocs serve`` rebuild
        loads new models, and the oldest outcomes are dropped in bulk).
        """
        key = (id(org), id(you))
        found = self._shared.get(key)
        if found is None or found[0] is not org or found[1] is not you:
            if len(self._shared) >= 4096:
                self._shared.clear()
            found = self._shared[key] = (org, you, {})
        return found[2]

    def usable(self, org: Organization | None) -> tuple[_Slot, ...]:
        """The slots whose ``industries`` allow the organization, in bank order.

        Entries that can never be used (a text or condition that does not
        compile, a text without template syntax that is blank) are left out.
        """
        industry = org.industry if org is not None and org.industry else None
        found = self._usable.get(industry)
        if found is None:
            if len(self._usable) >= 1024:
                self._usable.clear()
            if industry is None:  # only entries without industries apply
                found = tuple(s for s in self.slots if not s.never and not s.industries)
            else:
                key, text = industry_key(industry), f" {fold(industry)} "
                found = tuple(s for s in self.slots if not s.never and s.allows(key, text))
            self._usable[industry] = found
        return found


_PLANS: dict[int, _Plan] = {}
_PLANS_MAX = 16


def _plan(bank: Sequence[BankItem]) -> _Plan:
    # Keyed by identity (merge_banks returns the same tuple for the same
    # entries); the plan keeps the bank alive, so the id stays its own. Only
    # tuples are cached: a list could change between calls.
    if not isinstance(bank, tuple):
        return _Plan(bank)
    plan = _PLANS.get(id(bank))
    if plan is None or plan.bank is not bank:
        plan = _Plan(bank)
        if len(_PLANS) >= _PLANS_MAX:
            del _PLANS[next(iter(_PLANS))]
        _PLANS[id(bank)] = plan
    return plan


def _candidates(
    plan: _Plan, context: Mapping[str, Any], org: Organization | None
) -> list[tuple[_Slot, str]]:
    """The usable entries whose condition holds and whose text renders, in bank order."""
    found = []
    known: dict[Callable[[Mapping[str, Any]], bool], bool] = {}
    shared = plan.shared(org, context.get("you"))
    for slot in plan.usable(org):
        if slot.shared:
            # The same outcome for everyone at the organization: worked out once.
            if slot in shared:
                outcome = shared[slot]
            else:
                outcome = shared[slot] = _outcome(slot, context)
            if outcome is not None:
                found.append((slot, outcome))
            continue
        holds = slot.holds
        if holds is not None:
            if slot.memo:
                ok = known.get(holds)
                if ok is None:
                    ok = known[holds] = holds(context)
            else:
                ok = holds(context)
            if not ok:
                continue
        text = slot.static
        if text is None:
            text = slot.render(context)
            if text is None:
                continue
        found.append((slot, text))
    return found


def _outcome(slot: _Slot, context: Mapping[str, Any]) -> str | None:
    """A slot's text for a context, or None when its condition fails or the text does not render."""
    if slot.holds is not None and not slot.holds(context):
        return None
    return slot.static if slot.static is not None else slot.render(context)


def candidates_for(
    bank: Sequence[BankItem],
    you: Profile | None,
    contact: Contact,
    org: Organization | None,
) -> list[tuple[BankItem, str]]:
    """Return every bank entry usable for a contact, rendered.

    Arguments:
        bank: The merged bank (:func:`merge_banks`).
        you: The profile, or ``None``.
        contact: The contact.
        org: The contact's organization, or ``None``.

    Returns:
        ``(item, text)`` pairs, in bank order, for entries whose industries
        match, whose condition holds and whose text renders.
    """
    context = _context(you, contact, org)
    return [(slot.item, text) for slot, text in _candidates(_plan(bank), context, org)]
