"""The in->out examples in the docstrings of the loading and model modules run (and cannot rot).

Loading (loader, validate, corpus and its parts: corpus_data, published, research,
references), the model (model, fields, ids, schema), messages (errors),
options (options, guide), what a public build keeps (privacy) and generated paths
(generated): every one of these modules must hold at least one example.
"""

from __future__ import annotations

import doctest
import types

import pytest

from prepguide import errors, ids, options
from prepguide.guide import config_file as guide
from prepguide.guide import corpus, corpus_data, privacy, published, references, research
from prepguide.read import fields, loader, model, schema, validate
from prepguide.render import generated

MODULES = [
    corpus,
    corpus_data,
    errors,
    fields,
    generated,
    guide,
    ids,
    loader,
    model,
    options,
    privacy,
    published,
    references,
    research,
    schema,
    validate,
]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_examples_run(module: types.ModuleType) -> None:
    failed, attempted = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0, f"{module.__name__} has no examples"
    assert failed == 0
