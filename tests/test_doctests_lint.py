"""The in->out examples in the linter's docstrings are run, so they cannot rot."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

LINT = Path(__file__).resolve().parent.parent / "plugins" / "prepguide" / "lint"
MODULES = sorted(
    f"prepguide.lint.{path.stem}" for path in LINT.glob("*.py") if path.stem != "__main__"
)
# Every module that rewrites text shows each rewrite with an example.
REWRITERS = {
    "prepguide.lint.claims",
    "prepguide.lint.grammar",
    "prepguide.lint.linter",
    "prepguide.lint.phrases",
    "prepguide.lint.rewrite_be",
    "prepguide.lint.rewrite_closed",
    "prepguide.lint.rewrite_fact",
    "prepguide.lint.rewrite_leading",
    "prepguide.lint.safety",
}


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name in REWRITERS:
        assert result.attempted > 0, f"{name} has no in->out example"
