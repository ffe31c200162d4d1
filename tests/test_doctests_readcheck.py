"""The in->out examples in the docstrings of the read/check/edit modules are true.

Each module's examples (``>>> f("...")`` and the result) run as doctests, so they
cannot drift from the code they document.
"""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = (
    "prepguide.write.import_columns",
    "prepguide.write.import_table",
    "prepguide.write.import_rows",
    "prepguide.write.importer",
    "prepguide.write.yaml_edit",
    "prepguide.write.edit",
    "prepguide.write.scaffold_text",
    "prepguide.write.install_source",
    "prepguide.write.scaffold",
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no examples"
