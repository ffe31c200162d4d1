"""The in->out examples in the docstrings of the rendering modules run (and cannot rot)."""

from __future__ import annotations

import doctest
import types

import pytest

from prepguide import markup
from prepguide.render import brief, pagehtml, pages, templating

MODULES = [brief, markup, pagehtml, pages, templating]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_examples_run(module: types.ModuleType) -> None:
    failed, attempted = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0, f"{module.__name__} has no examples"
    assert failed == 0
