"""Every module's in->out examples run as doctests, so they cannot drift from the code.

One test file for the whole package (it finds the modules itself, so a new module is run
without being listed). A module without examples must be named in ``WITHOUT_EXAMPLES`` with
the reason, and loses its place there as soon as it has one. In ``prepguide.text`` and
``prepguide.tailor.common_ground`` every function that returns text shows an example; elsewhere
the text functions listed in ``TEXT_FUNCTIONS`` do (docs/development.md, "Sizes").
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import re

import pytest

import prepguide
import prepguide.tailor.common_ground
import prepguide.text

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(prepguide.__path__, "prepguide.")
    if not info.name.endswith(".__main__")
)
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

_GATHER = "a package's __init__: it gathers its modules' names"
_WIRING = "argument and event wiring: what it says comes from modules with examples"
_DATA = "data and tables, no text transformed"
WITHOUT_EXAMPLES = {
    "prepguide.cli": "the parser and main(): " + _WIRING,
    "prepguide.cli.base": "exit codes, CommandError, load_guide: " + _WIRING,
    "prepguide.cli.commands": _GATHER,
    "prepguide.cli.commands.check": _WIRING,
    "prepguide.cli.commands.import_csv": _WIRING,
    "prepguide.cli.commands.init": _WIRING,
    "prepguide.cli.commands.intro": _WIRING,
    "prepguide.cli.commands.lint_questions": _WIRING,
    "prepguide.cli.commands.new": _WIRING,
    "prepguide.cli.commands.status": _WIRING,
    "prepguide.guide": _GATHER,
    "prepguide.lint": _GATHER,
    "prepguide.lint.measure": "scores the linter on a file of labelled questions: " + _WIRING,
    "prepguide.lint.patterns": "compiled English patterns: " + _DATA,
    "prepguide.lint.result": "the LintResult type: " + _DATA,
    "prepguide.lint.words": "word lists read from data/lint/: " + _DATA,
    "prepguide.plugin": "MkDocs event handlers: " + _WIRING,
    "prepguide.plugin.config": "the plugin's options for MkDocs: " + _DATA,
    "prepguide.plugin.pages": "MkDocs Page subclasses (tests/test_pagehtml.py builds them)",
    "prepguide.plugin.rebuild": "what serve rebuilds keep (tests/test_serve_equivalence.py)",
    "prepguide.plugin.serving": "serve rebuilds: " + _WIRING,
    "prepguide.plugin.settings": "reads MkDocs' configuration: " + _WIRING,
    "prepguide.read": _GATHER,
    "prepguide.render": _GATHER,
    "prepguide.render.directory": "the directory's rows: " + _DATA,
    "prepguide.render.pagecache": "pages kept between serve rebuilds (tests/test_page_cache.py)",
    "prepguide.render.site": "runs the templates (their output is tested by building sites)",
    "prepguide.tailor": _GATHER,
    "prepguide.tailor.common_ground": _GATHER,
    "prepguide.tailor.common_ground.employers": "points of common ground (worded in .keys)",
    "prepguide.tailor.common_ground.people": "points of common ground (worded in .keys)",
    "prepguide.tailor.common_ground.point": "the GroundPoint type: " + _DATA,
    "prepguide.tailor.common_ground.transition": "points of common ground (worded in .fields)",
    "prepguide.tailor.drafts": _GATHER,
    "prepguide.tailor.questions": _GATHER,
    "prepguide.tailor.questions.banks": "loads and merges question banks: " + _DATA,
    "prepguide.tailor.questions.budget": "the sandbox's limits (tests/test_questions.py)",
    "prepguide.tailor.questions.items": "the question types: " + _DATA,
    "prepguide.tailor.questions.plan": "selection plans and their caches (test_questions.py)",
    "prepguide.text": _GATHER,
    "prepguide.write": _GATHER,
    "prepguide.write.file_edit": "locked, atomic file writes (tests/test_status.py)",
}
"""Modules without examples, each with why (none of them turns text into text)."""

TEXT_FUNCTIONS = (
    "prepguide.cli.commands.todo.format_due",
    "prepguide.cli.commands.todo.format_upcoming",
    "prepguide.markup.inert_braces",
    "prepguide.markup.sanitize",
    "prepguide.plugin.reporting.error_block",
    "prepguide.plugin.reporting.located_failure",
    "prepguide.reserved.unreserved",
    "prepguide.tailor.dashboard._nudge_message",
    "prepguide.tailor.dashboard.record_message",
    "prepguide.tailor.drafts.after_talk._meeting_line",
    "prepguide.tailor.drafts.introductions._exploring",
    "prepguide.tailor.drafts.introductions._request_note",
    "prepguide.tailor.drafts.introductions._who_to_meet",
    "prepguide.tailor.drafts.letter.referral_name",
    "prepguide.tailor.drafts.outreach_email._ask_line",
    "prepguide.tailor.drafts.outreach_email._connection_lines",
    "prepguide.tailor.drafts.outreach_email.outreach_subject",
    "prepguide.tailor.drafts.outreach_email.via_lines",
    "prepguide.tailor.intro._through",
    "prepguide.tailor.intro.organization_name",
    "prepguide.tailor.next_step.next_step",
    "prepguide.tailor.prep.lint_message",
    "prepguide.tailor.relations._introduction_fact",
    "prepguide.write.scaffold.contact_text",
)
"""Text functions outside the packages below that a newcomer review found without examples."""

PACKAGES = (prepguide.text, prepguide.tailor.common_ground)
"""Packages where every function returning text shows an example."""
TEXT_RETURNS = re.compile(r"^(str|list\[str\]|set\[str\]|frozenset\[str\]|tuple\[str)")
"""Return annotations of a function that gives text (``str``, ``str | None``, ``list[str]``…)."""
NO_EXAMPLE = {
    # Steps of to_second_person over a token list; its examples show them at work.
    "prepguide.text.person._word_to_second_person",
    "prepguide.text.person._object_or_possessive",
    "prepguide.text.person._contraction_to_you",
}


@pytest.mark.parametrize("name", MODULES)
def test_examples_run(name: str) -> None:
    failed, attempted = doctest.testmod(importlib.import_module(name), optionflags=OPTIONS)
    assert failed == 0, f"{failed} of {attempted} examples in {name} failed"
    if name in WITHOUT_EXAMPLES:
        assert attempted == 0, f"{name} has examples now: remove it from WITHOUT_EXAMPLES"
    else:
        assert attempted > 0, f"{name} has no in->out example (or say why in WITHOUT_EXAMPLES)"


def test_the_exemptions_name_real_modules() -> None:
    assert set(WITHOUT_EXAMPLES) <= set(MODULES)


@pytest.mark.parametrize("qualified", TEXT_FUNCTIONS)
def test_listed_text_function_has_an_example(qualified: str) -> None:
    module_name, name = qualified.rsplit(".", 1)
    function = getattr(importlib.import_module(module_name), name)
    assert ">>>" in (function.__doc__ or ""), f"add an in->out example to {qualified}"


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


PACKAGE_MODULES = [m for m in MODULES if m.startswith(tuple(p.__name__ + "." for p in PACKAGES))]


@pytest.mark.parametrize("name", PACKAGE_MODULES)
def test_every_text_function_of_the_english_packages_has_an_example(name: str) -> None:
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
