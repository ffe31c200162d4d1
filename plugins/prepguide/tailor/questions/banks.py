"""Question banks: the built-in bank and user banks merged over it."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from typing import Any

from pydantic import TypeAdapter

from ...read.loader import load_bytes
from ...read.model import QuestionEntry
from .items import BankItem


@functools.lru_cache(maxsize=1)
def builtin_bank() -> tuple[QuestionEntry, ...]:
    """Return the built-in question bank (``data/questions/builtin.yml``), loaded once.

    Returns:
        The validated entries, in file order.
    """
    source = resources.files("prepguide").joinpath("data/questions/builtin.yml")
    # The guides' own YAML 1.2 loader: the same data as ruamel's safe loader
    # (the tests check), in a fraction of the time.
    data = load_bytes(source.read_bytes(), "data/questions/builtin.yml").data
    entries = TypeAdapter(list[QuestionEntry]).validate_python(data)
    return tuple(entries)


def merge_banks(user: Iterable[QuestionEntry] = ()) -> tuple[BankItem, ...]:
    """Merge user banks over the built-in bank.

    A user entry with the id of a built-in entry replaces it (and takes its
    place in the order); other user entries are added after the built-in ones.
    When a user bank repeats an id, the last entry wins.

    Arguments:
        user: The entries of ``content/questions/*.yml`` in load order.

    Returns:
        The merged bank (the same tuple again for the same entries).
    """
    builtin = builtin_bank()
    entries = tuple(user)
    key = (id(builtin), *map(id, entries))
    cached = _MERGED.get(key)
    if cached is not None:
        return cached[1]
    merged = _merge(builtin, entries)
    if len(_MERGED) >= _MERGED_MAX:
        del _MERGED[next(iter(_MERGED))]
    # The entries are kept with the result, so their ids stay theirs.
    _MERGED[key] = ((builtin, *entries), merged)
    return merged


_MERGED: dict[tuple[int, ...], tuple[tuple[Any, ...], tuple[BankItem, ...]]] = {}
"""Merged banks by the identities of the built-in bank and the user entries."""
_MERGED_MAX = 16


def _merge(
    builtin: tuple[QuestionEntry, ...], user: tuple[QuestionEntry, ...]
) -> tuple[BankItem, ...]:
    items: dict[str, BankItem] = {}
    for index, entry in enumerate(builtin):
        items[entry.id] = BankItem(entry, "builtin", index)
    next_order = len(items)
    for entry in user:
        previous = items.get(entry.id)
        if previous is not None:
            items[entry.id] = BankItem(entry, "bank", previous.order)
        else:
            items[entry.id] = BankItem(entry, "bank", next_order)
            next_order += 1
    return tuple(sorted(items.values(), key=lambda item: item.order))


def is_referral_entry(entry: QuestionEntry) -> bool:
    """Whether an entry is a closing referral question ("who else…").

    Referral entries are ``next-steps`` entries whose id starts with ``referral``.

    Arguments:
        entry: A bank entry.

    Returns:
        True for referral entries.
    """
    return entry.topic == "next-steps" and entry.id.startswith("referral")
