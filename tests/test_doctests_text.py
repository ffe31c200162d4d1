"""The in->out examples in prepguide.text and prepguide.tailor.common_ground are run, so they cannot rot.

Every function of those packages that returns text (``str``, ``list[str]``…
as its return annotation) shows what it does with an example, except the few listed in
``NO_EXAMPLE`` with the reason.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import re

import pytest

import prepguide.tailor.common_ground
import prepguide.text

PACKAGES = (prepguide.text, prepguide.tailor.common_ground)
MODULES = sorted(
    f"{package.__name__}.{info.name}"
    for package in PACKAGES
    for info in pkgutil.iter_modules(package.__path__)
)
TEXT_RETURNS = re.compile(r"^(str|list\[str\]|set\[str\]|frozenset\[str\]|tuple\[str)")
"""Return annotations of a function that gives text (``str``, ``str | None``, ``list[str]``…)."""
NO_EXAMPLE = {
    # Steps of to_second_person over a token list; its examples show them at work.
    "prepguide.text.person._word_to_second_person",
    "prepguide.text.person._object_or_possessive",
    "prepguide.text.person._contraction_to_you",
}


def _text_functions(module: object) -> list[tuple[str, object]]:
    """``(qualified name, function)`` for each function or method defined in
    ``module`` that returns text (:data:`TEXT_RETURNS`)."""
    found = []
    for name, value in vars(module).items():
        members = [(name, value)]
        if inspect.isclass(value) and value.__module__ == module.__name__:  # type: ignore[attr-defined]
            members += [(f"{name}.{n}", v) for n, v in vars(value).items() if inspect.isfunction(v)]
        for qualified, member in members:
            function = inspect.unwrap(member) if callable(member) else member
            if not inspect.isfunction(function):
                continue
            if function.__module__ != module.__name__:  # type: ignore[attr-defined]
                continue
            if TEXT_RETURNS.match(str(function.__annotations__.get("return", ""))):
                found.append((qualified, member))
    return found


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if _text_functions(module):
        assert result.attempted > 0, f"{name} has no in->out example"


@pytest.mark.parametrize("name", MODULES)
def test_every_text_function_has_an_example(name: str) -> None:
    module = importlib.import_module(name)
    missing = [
        qualified
        for qualified, function in _text_functions(module)
        if f"{name}.{qualified}" not in NO_EXAMPLE and ">>>" not in (function.__doc__ or "")
    ]
    assert missing == [], f"add an in->out example to {missing}"


def test_the_package_examples_cover_the_public_names() -> None:
    for package in PACKAGES:
        for public in package.__all__:
            value = getattr(package, public)
            function = inspect.unwrap(value)
            returns = str(getattr(function, "__annotations__", {}).get("return", ""))
            if inspect.isfunction(function) and TEXT_RETURNS.match(returns):
                assert ">>>" in (value.__doc__ or ""), f"{package.__name__}.{public}"
