"""The in->out examples in the docstrings of ``prepguide.tailor.questions`` hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import prepguide.tailor.questions

MODULES = sorted(
    info.name
    for info in pkgutil.iter_modules(
        prepguide.tailor.questions.__path__, "prepguide.tailor.questions."
    )
)

# Every module whose functions transform text carries examples.
WITH_EXAMPLES = {
    "duplicates", "evaluate", "filters", "goals", "industry", "sandbox", "selection", "topics",
    "workplace",
}  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failed == 0, f"{failed} of {attempted} examples in {name} failed"
    if name.rsplit(".", 1)[1] in WITH_EXAMPLES:
        assert attempted > 0, f"{name} lost its examples"
