"""The in->out examples of the modules no other ``test_doctests_*`` file runs.

The command line's ``todo`` lines, the plugin's error messages and error block, and
the reserved ids: each module's examples run as doctests, so they cannot drift from
the code. The last test keeps the examples of issue 18's text functions, which live in
modules the other files run, from being dropped.
"""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = (
    "prepguide.cli.commands.todo",
    "prepguide.plugin.reporting",
    "prepguide.reserved",
)

# Functions that turn their input into text, each shown with an example.
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
    "prepguide.tailor.prep.lint_message",
    "prepguide.tailor.relations._introduction_fact",
    "prepguide.write.scaffold.contact_text",
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no examples"


@pytest.mark.parametrize("qualified", TEXT_FUNCTIONS)
def test_text_function_has_an_example(qualified: str) -> None:
    module_name, name = qualified.rsplit(".", 1)
    function = getattr(importlib.import_module(module_name), name)
    assert ">>>" in (function.__doc__ or ""), f"add an in->out example to {qualified}"
