"""The in->out examples in the tailoring modules' docstrings are run, so they cannot rot."""

from __future__ import annotations

import doctest
import importlib

import pytest

# Every module here that turns text into text shows it with an example.
MODULES = [
    "prepguide.render.calendar",
    "prepguide.tailor.dashboard",
    "prepguide.tailor.drafts.after_talk",
    "prepguide.tailor.drafts.introductions",
    "prepguide.tailor.drafts.letter",
    "prepguide.tailor.drafts.outreach_email",
    "prepguide.tailor.intro",
    "prepguide.tailor.next_step",
    "prepguide.render.network",
    "prepguide.tailor.prep",
    "prepguide.tailor.relations",
    "prepguide.tailor.spoken_time",
]
# The package's __init__ only gathers the drafts: nothing of its own to show.
WITHOUT_EXAMPLES = ["prepguide.tailor.drafts"]


@pytest.mark.parametrize("name", MODULES + WITHOUT_EXAMPLES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name in MODULES:
        assert result.attempted > 0, f"{name} has no in->out example"
