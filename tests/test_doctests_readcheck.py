"""The in->out examples in the docstrings of the read/check/edit modules are true.

Each module's examples (``>>> f("...")`` and the result) run as doctests, so they
cannot drift from the code they document.
"""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = (
    "prepguide.import_columns",
    "prepguide.import_table",
    "prepguide.import_rows",
    "prepguide.importer",
    "prepguide.yaml_edit",
    "prepguide.edit",
    "prepguide.scaffold_text",
    "prepguide.install_source",
    "prepguide.scaffold",
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no examples"
