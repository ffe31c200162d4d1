"""The in->out examples in the tailoring modules' docstrings are run, so they cannot rot."""

from __future__ import annotations

import doctest
import importlib

import pytest

# Every module here that turns text into text shows it with an example.
MODULES = [
    "prepguide.calendar",
    "prepguide.dashboard",
    "prepguide.drafts.introductions",
    "prepguide.drafts.letter",
    "prepguide.drafts.outreach_email",
    "prepguide.intro",
    "prepguide.network",
    "prepguide.prep",
    "prepguide.relations",
    "prepguide.spoken_time",
]
# Modules whose functions all take a whole draft context: no one-line example.
WITHOUT_EXAMPLES = ["prepguide.drafts", "prepguide.drafts.after_talk"]


@pytest.mark.parametrize("name", MODULES + WITHOUT_EXAMPLES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name in MODULES:
        assert result.attempted > 0, f"{name} has no in->out example"
