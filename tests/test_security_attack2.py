"""Issue 13, second attack: the question sandbox's filters and operators check what they
would build before building it, `plain` is bounded, an entry that always fails is
reported, nothing random runs; contacts that refer to each other build; a user's page
at a generated path is reported by `check` exactly as the build reports it."""

from __future__ import annotations

import logging
import re
import shutil
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from prepguide.cli import main
from prepguide.tailor.questions import (
    MAX_SIZE,
    TemplateBudgetError,
    budget_error,
    evaluate,
    filters,
    render_text,
    sandbox,
    template_error,
)

from .conftest import EXAMPLE_CONTENT, MINIMAL_MKDOCS, build_site, write

# ---------------------------------------------------------------------------
# Finding 3: every filter and operator that can amplify is checked before it runs

FILTERS = {
    "abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort",
    "first", "float", "format", "groupby", "indent", "int", "items", "join", "last",
    "length", "list", "lower", "map", "max", "min", "reject", "rejectattr", "replace",
    "reverse", "round", "select", "selectattr", "slice", "sort", "string", "sum", "title",
    "trim", "truncate", "unique", "upper", "wordcount", "wordwrap",
    # prepguide's own (docs/prep.md)
    "article", "lower_first", "first_name", "clause", "brief", "plain", "move_from",
    "move_to", "latest",
}  # fmt: skip


def test_the_sandbox_has_a_vetted_list_of_filters() -> None:
    assert set(sandbox._ENV.filters) == FILTERS
    for gone in ("random", "pprint", "tojson", "urlize", "urlencode", "xmlattr", "escape"):
        assert gone not in sandbox._ENV.filters
    assert "lipsum" not in sandbox._ENV.globals


# A DAG of lists whose text doubles with each line: 2 MB x 2**12.
DAG = "{% set a = ['x' * 2000000] %}" + "".join("{% set a = [a, a] %}" for _ in range(12))

AMPLIFIERS = {
    "indent": "What is {{ ('x\\n' * 100000) | indent(99999) }} like?",
    "indent-text-width": "{{ ('x\\n' * 100000) | indent('y' * 99999) }}",
    "wordwrap-long-word": "{{ ('x' * 99999) | wordwrap(1) }}",
    "wordwrap-long-text": "{{ ('x ' * 100000) | wordwrap }}",
    "wordwrap-wrapstring": "{{ ('x ' * 50000) | wordwrap(1, wrapstring='y' * 99999) }}",
    "center": "{{ 'x' | center(1000000000) }}",
    "format": "{{ '%s%s%s%s' | format('x' * 1000000, 'x' * 1000000, 'x', 'x') }}",
    "replace": "{{ ('x' * 100000) | replace('x', 'y' * 99999) }}",
    "join": "{{ (['x' * 100000] * 1000) | join }}",
    "join-separator": "{{ range(1000) | join('y' * 99999) }}",
    "sum-of-lists": "{{ ([[1] * 1000] * 1000) | sum(start=[]) | length }}",
    "string-of-a-dag": DAG + "{{ a | string | length }}",
    "upper-of-a-dag": DAG + "{{ a | upper | length }}",
    "join-of-a-dag": DAG + "{{ a | join | length }}",
    "output-of-a-dag": DAG + "{{ a }}",
    "concat-of-a-dag": DAG + "{{ (a ~ 'x') | length }}",
    "percent-of-a-dag": DAG + "{{ ('%s' % (a,)) | length }}",
    "str-format-of-a-dag": DAG + "{{ '{}'.format(a) | length }}",
    "plain-of-a-dag": DAG + "{{ a | plain }}",
    "repeat": "{{ 'x' * 1000000000 }}",
    "repeat-list": "{{ ([1] * 100000) * 100000 }}",
    "power": "{{ 9 ** 999999 }}",
    "print-a-long-number": "{{ 2 ** 20000 }}",
    "set-block-in-a-loop": (
        "{% set s = 'x' * 1000000 %}{% set b %}{% for i in range(1000) %}{{ s }}"
        "{% endfor %}{% endset %}{{ b | length }}"
    ),
    "macro-in-a-loop": (
        "{% macro m() %}{% for i in range(1000) %}" + "y" * 100_000 + "{% endfor %}"
        "{% endmacro %}{{ m() | length }}"
    ),
    "filter-block": (
        "{% filter upper %}{% for i in range(1000) %}" + "y" * 100_000 + "{% endfor %}"
        "{% endfilter %}"
    ),
    "expandtabs": "{{ ('\\t' * 100000).expandtabs(99999) }}",
    "str-join": "{{ ('y' * 99999).join(['x'] * 1000) }}",
}


def peak_memory(run: Callable[[], Any]) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        result = run()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("text", AMPLIFIERS.values(), ids=AMPLIFIERS.keys())
def test_an_amplifier_is_refused_before_it_builds_its_value(text: str) -> None:
    # Within 64 MB: nothing near the value that would have been built (each
    # of these would build hundreds of MB to many GB) was made before the check.
    message, peak = peak_memory(lambda: budget_error(text))
    assert message is not None and "simplify the template" in message
    assert peak < 64 * 2**20
    with pytest.raises(TemplateBudgetError):
        render_text(text, {})


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make each Jinja2 filter function fail if called with a value or argument over the
    size budget, or with a text that would grow past it: the check must come first."""
    called: list[str] = []

    def sized(value: Any) -> int:
        return len(value) if isinstance(value, (str, list, tuple)) else 0

    for name, function in list(filters._RAW_FILTERS.items()):

        def guard(*args: Any, _name: str = name, _function: Any = function, **kwargs: Any) -> Any:
            called.append(_name)
            if any(sized(a) > MAX_SIZE for a in (*args, *kwargs.values())):
                raise AssertionError(f"{_name} called with an oversized value")
            if _name == "indent":
                text, width = args[0], args[1] if len(args) > 1 else kwargs.get("width", 4)
                pad = len(width) if isinstance(width, str) else width
                assert len(text) + (text.count("\n") + 1) * pad <= MAX_SIZE
            if _name == "wordwrap":
                assert len(args[1]) <= filters.MAX_WRAP
            return _function(*args, **kwargs)

        guard.jinja_pass_arg = getattr(function, "jinja_pass_arg", None)  # type: ignore[attr-defined]
        monkeypatch.setitem(filters._RAW_FILTERS, name, guard)
    sandbox._template.cache_clear()
    evaluate._compiled_text.cache_clear()
    sandbox.budget_error.cache_clear()
    return called


@pytest.mark.parametrize(
    "name",
    ["indent", "indent-text-width", "wordwrap-long-word", "wordwrap-long-text", "replace",
     "join", "join-separator", "sum-of-lists", "format", "center"],
)  # fmt: skip
def test_the_filter_itself_never_sees_an_oversized_job(name: str, watched: list[str]) -> None:
    assert budget_error(AMPLIFIERS[name]) is not None
    filter_name = name.split("-")[0]
    assert filter_name not in watched  # refused before the function ran


def test_ordinary_uses_of_the_filters_still_work(watched: list[str]) -> None:
    context = {"contact": type("C", (), {"name": "Ann Lee", "tags": ["b", "a"]})()}
    assert render_text("{{ contact.name | indent(2) | upper }}?", context) == "ANN LEE?"
    assert render_text("{{ contact.tags | sort | join(', ') }}?", context) == "a, b?"
    assert render_text("{{ [1, 2] | sum }} {{ 'ab' | replace('a', 'c') }}?", context) == "3 cb?"
    assert render_text("{{ 'a b c' | wordwrap(1) | wordcount }}?", context) == "3?"
    assert {"indent", "upper", "sort", "join", "sum", "replace", "wordwrap"} <= set(watched)


def test_the_attackers_indent_is_refused_with_the_size_message() -> None:
    text = AMPLIFIERS["indent"]
    assert budget_error(text) == (
        f"builds a value of more than {MAX_SIZE:,} characters or items; "
        "simplify the template (question texts need no long loops or big values)"
    )


# ---------------------------------------------------------------------------
# Finding 2 (question-bank part): `plain` is bounded

PLAIN_ATTACK = "{{ ('[' * 100000 ~ 'x' ~ ']' * 100000) | plain | length }}"


def test_plain_refuses_a_quadratic_input_before_converting_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[int] = []

    def watched(text: str) -> str:
        seen.append(len(text))
        assert len(text) < 20_000, "strip_markdown ran on the hostile text"
        return text

    monkeypatch.setattr(filters, "strip_markdown", watched)
    sandbox.budget_error.cache_clear()
    message = budget_error(PLAIN_ATTACK)
    assert message is not None and "`plain`" in message
    for hostile in ("`x " * 30_000, "_a " * 30_000, "[" * 100_000, "[x](" * 50_000):
        with pytest.raises(TemplateBudgetError, match="`plain`"):
            render_text("{{ contact.notes | plain }}?", {"contact": {"notes": hostile}})
    assert seen == []


def test_plain_still_converts_ordinary_notes() -> None:
    notes = "Met at **the fair**; see [her talk](https://example.org/t) on `ux_research`.\n" * 40
    out = render_text("{{ contact.notes | plain | length }}", {"contact": {"notes": notes}})
    assert out is not None and int(out) > 1000


def old_brief_parentheses(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\n()ab)(;-–", max_size=40))
def test_brief_drops_parentheses_as_before_but_in_linear_time(text: str) -> None:
    assert filters._drop_parentheses(text) == old_brief_parentheses(text)


def test_brief_of_a_hostile_focus_is_quick() -> None:
    # Quadratic before: 100 KB of spaces or of "(" took about a minute each (a
    # built-in entry reads `org.focus[0] | brief`); a megabyte would take hours.
    assert filters._brief(" " * 1_000_000 + "x") == "x"
    assert filters._brief("(" * 1_000_000) == "(" * 1_000_000
    assert filters._brief("a" + " (b)" * 250_000 + " c") == "a c"


# ---------------------------------------------------------------------------
# Finding 10: an entry that always fails is reported; nothing random


def bank(entries: dict[str, str]) -> str:
    return "".join(
        f"- id: {ident}\n  topic: advice\n  text: {text!r}\n" for ident, text in entries.items()
    )


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    import os

    here = Path.cwd()
    os.chdir(root)
    try:
        code = main(["check"])
    finally:
        os.chdir(here)
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("What about {{ 1 / 0 }}?", "fails whatever the data (ZeroDivisionError"),
        ("What about {{ 2 ** 20000 }}?", "prints a number of more than 4,000 digits"),
        ("{{ 'nursing' | move_from }}?", "fails whatever the data (UndefinedError"),
    ],
)
def test_an_entry_that_always_fails_is_an_error_in_check_and_the_build(
    guide: Path,
    text: str,
    why: str,
    capsys: pytest.CaptureFixture[str],
    mkdocs_logs: pytest.LogCaptureFixture,
) -> None:
    write(guide / "content/questions/failing.yml", bank({"always-fails": text}))
    code, out = run_check(guide, capsys)
    assert code == 1
    assert f"content/questions/failing.yml:3:9: error: `text`: {why}" in out
    with pytest.raises(Abort):
        build_site(guide)
    errors = "\n".join(r.getMessage() for r in mkdocs_logs.records if r.levelno >= logging.ERROR)
    assert f"content/questions/failing.yml:3:9: error: `text`: {why}" in errors


def test_an_entry_that_fails_only_without_a_field_is_not_reported() -> None:
    assert budget_error("{% if contact.x %}{{ 1 / 0 }}{% endif %}What next?") is None
    assert budget_error("How did {{ contact.name }} start?") is None
    assert budget_error("contact.meeting.duration > 30", expression=True) is None
    assert budget_error("1 / 0", expression=True) is not None


@pytest.mark.parametrize(
    "text",
    [
        "{{ range(10) | random }}?",
        "{% if true %}{{ 'x' | random }}{% endif %}?",
        "{% if contact.name %}{{ contact.name | nosuchfilter }}{% endif %}?",
        "{{ lipsum() }}?",
    ],
)
def test_random_and_unknown_filters_are_refused(
    guide: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    context = {"contact": {"name": "Ann"}}
    assert render_text(text, context) is None
    if "lipsum" not in text:
        assert template_error(text) is not None
        write(guide / "content/questions/chance.yml", bank({"chance": text}))
        code, out = run_check(guide, capsys)
        assert code == 0  # a warning, as for any template that does not compile
        assert "content/questions/chance.yml:3:9: warning: `text`: not a valid template" in out
        assert "this question is never used" in out
    else:
        # `lipsum` (random text) is no name of the sandbox: the entry fails whatever the data
        assert "fails whatever the data (UndefinedError" in str(budget_error(text))


# ---------------------------------------------------------------------------
# Finding 8a: contacts that refer to each other build

SHAPES = {
    "via-a-contact-who-refers-back": {
        "aa": "name: Aa\nconnection: {type: mutual, via: bb}\n",
        "bb": "name: Bb\nreferrals: [aa]\n",
    },
    "self-referral": {"aa": "name: Aa\nreferrals: [aa]\n"},
    "mutual-referrals": {
        "aa": "name: Aa\nreferrals: [bb]\n",
        "bb": "name: Bb\nreferrals: [aa]\n",
    },
    "mutual-vias": {
        "aa": "name: Aa\nconnection: {type: mutual, via: bb}\n",
        "bb": "name: Bb\nconnection: {type: mutual, via: aa}\n",
    },
    "via-chain": {
        "aa": "name: Aa\nreferrals: [bb]\n",
        "bb": "name: Bb\nconnection: {type: mutual, via: aa}\nreferrals: [cc]\n",
        "cc": "name: Cc\nconnection: {type: mutual, via: bb}\n",
    },
    "referral-to-a-name": {"aa": "name: Aa\nreferrals: [Some Person, Dr. Who]\n"},
    "introduced-and-referred": {
        "aa": "name: Aa\nconnection: {type: mutual, via: bb}\n"
        "meeting: {status: scheduled, date: '2026-12-01 10:00'}\n",
        "bb": "name: Bb\nreferrals: [aa]\nmeeting: {status: met, date: '2026-11-01 10:00'}\n",
    },
}


@pytest.mark.parametrize("with_example", [False, True], ids=["alone", "in-the-example"])
@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
def test_contacts_that_refer_to_each_other_build(
    tmp_path: Path,
    shape: dict[str, str],
    with_example: bool,
    capsys: pytest.CaptureFixture[str],
    mkdocs_logs: pytest.LogCaptureFixture,
) -> None:
    if with_example:
        shutil.copytree(EXAMPLE_CONTENT, tmp_path / "content")
    else:  # a profile and a question bank, as in the attack
        write(tmp_path / "content/profile.yml", "name: Me Myself\nheadline: Nurse\n")
        shutil.copytree(EXAMPLE_CONTENT / "questions", tmp_path / "content/questions")
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    for ident, text in shape.items():
        write(tmp_path / f"content/contacts/{ident}.yml", text)
    code, out = run_check(tmp_path, capsys)
    assert code == 0, out
    site = build_site(tmp_path)
    errors = [r.getMessage() for r in mkdocs_logs.records if r.levelno >= logging.ERROR]
    assert errors == []
    page = (site / "contacts/aa/index.html").read_text(encoding="utf-8")
    assert "Aa" in page
    assert (site / "network/index.html").is_file()


# ---------------------------------------------------------------------------
# Finding 8b: check reports a user's file at a generated path as the build does

GENERATED_PATHS = [
    "contacts.md",
    "contacts/README.md",
    "contacts/joan-whitcombe.md",
    "contacts/joan-whitcombe/index.md",
    "contacts/index.md",
    "network.md",
    "network/index.md",
    "calendar.ics",
    "calendar/devika-raman.ics",
    "organizations/lumenchart.md",
    "organizations/index.md",
    "organizations.md",
    "assets/prepguide/prepguide.css",
]


@pytest.mark.parametrize("user_file", GENERATED_PATHS)
def test_check_reports_a_users_file_at_a_generated_path_as_the_build_does(
    guide: Path,
    user_file: str,
    capsys: pytest.CaptureFixture[str],
    mkdocs_logs: pytest.LogCaptureFixture,
) -> None:
    write(guide / "content" / user_file, "Mine.\n")
    code, out = run_check(guide, capsys)
    assert code == 1
    mine = [line for line in out.splitlines() if line.startswith(f"content/{user_file}:1:1:")]
    assert len(mine) == 1
    assert "error: prepguide generates the page at /" in mine[0]
    assert mine[0].endswith("rename or move it")
    with pytest.raises(Abort):
        build_site(guide)
    errors = "\n".join(r.getMessage() for r in mkdocs_logs.records if r.levelno >= logging.ERROR)
    assert mine[0] in errors.splitlines()


def test_a_public_guide_has_no_calendar_to_clash_with(
    guide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide / "mkdocs.yml", MINIMAL_MKDOCS + "      audience: public\n")
    write(guide / "content/calendar.ics", "Mine.\n")
    write(guide / "content/.hidden/contacts.md", "Hidden: MkDocs leaves it out.\n")
    code, out = run_check(guide, capsys)
    assert code == 0, out
    assert "calendar.ics" not in out and ".hidden" not in out
    build_site(guide)


def test_the_users_home_page_does_not_clash(
    guide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide / "content/index.md", "# Home\n")
    write(guide / "content/drafts/contacts.md", "Draft.\n")
    code, out = run_check(guide, capsys)
    assert code == 0, out
    build_site(guide)


def test_a_file_excluded_by_exclude_docs_still_clashes(
    guide: Path, capsys: pytest.CaptureFixture[str], mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    """MkDocs keeps an excluded file in its list: the plugin refused it only after
    site/ was cleaned, with another message; now both report it the same way first."""
    site = build_site(guide)
    write(guide / "content/network.md", "Excluded.\n")
    write(guide / "mkdocs.yml", MINIMAL_MKDOCS + "exclude_docs: |\n  /network.md\n")
    code, out = run_check(guide, capsys)
    assert code == 1
    line = next(x for x in out.splitlines() if x.startswith("content/network.md:1:1: error:"))
    with pytest.raises(Abort):
        build_site(guide)
    errors = "\n".join(r.getMessage() for r in mkdocs_logs.records if r.levelno >= logging.ERROR)
    assert line in errors.splitlines()
    assert (site / "index.html").is_file()  # not cleaned


def test_without_directory_urls_the_addresses_differ(
    guide: Path, capsys: pytest.CaptureFixture[str], mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    write(guide / "mkdocs.yml", MINIMAL_MKDOCS + "use_directory_urls: false\n")
    write(guide / "content/network/index.md", "Mine.\n")  # network/index.html: no clash
    code, out = run_check(guide, capsys)
    assert code == 0, out
    build_site(guide)
    write(guide / "content/contacts.md", "Mine.\n")
    code, out = run_check(guide, capsys)
    assert code == 1
    assert (
        "content/contacts.md:1:1: error: prepguide generates the page at /contacts.html "
        "(from the research notes)"
    ) in out
    with pytest.raises(Abort):
        build_site(guide)


@pytest.mark.parametrize("audience", ["private", "public"])
def test_the_generated_paths_are_those_the_build_generates(
    guide: Path, audience: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prepguide.guide.corpus import CorpusLoader
    from prepguide.guide.privacy import for_audience
    from prepguide.plugin import PrepGuidePlugin
    from prepguide.render.generated import HOME, generated_sources

    made: list[list[str]] = []
    real = PrepGuidePlugin.render

    def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
        files = real(self, *args, **kwargs)
        made.append([f.src_uri for f in files])
        return files

    monkeypatch.setattr(PrepGuidePlugin, "render", spy)
    write(guide / "mkdocs.yml", MINIMAL_MKDOCS + f"      audience: {audience}\n")
    build_site(guide)
    corpus = CorpusLoader().load(guide / "content")
    listed = generated_sources(for_audience(corpus, audience), public=audience == "public")
    assert sorted(listed) == sorted(src for src in made[0] if src != HOME)
    if audience == "private":
        assert "calendar/devika-raman.ics" in listed


@pytest.mark.parametrize(
    "src",
    ["a.md", "a/index.md", "a/README.md", "README.md", "index.md", "a/b.markdown", "a.ics",
     "a/b/c.css", "a.MD", "a/readme.md"],
)  # fmt: skip
@pytest.mark.parametrize("directory_urls", [True, False])
def test_dest_uri_is_mkdocs_own(src: str, directory_urls: bool) -> None:
    from mkdocs.structure.files import File

    from prepguide.render.generated import dest_uri, url_of

    file = File(src, "/docs", "/site", directory_urls)
    assert dest_uri(src, directory_urls) == file.dest_uri
    expected = "/" if file.url == "./" else "/" + file.url
    assert url_of(file.dest_uri, directory_urls) == expected
