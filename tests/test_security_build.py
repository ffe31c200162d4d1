"""Issue 13, build side: nothing unrendered is published, the environment never makes a
public guide private, every problem stops the build before site/ is touched, reserved ids
and user pages are never replaced, question templates have a budget, and no web font is
fetched unless the guide asks for one."""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import Abort

from prepguide.cli import main
from prepguide.guide.config_file import find_guide
from prepguide.guide.corpus import CorpusLoader
from prepguide.guide.published import is_unpublished
from prepguide.options import make_options
from prepguide.tailor.questions import (
    MAX_STEPS,
    TemplateBudgetError,
    budget_error,
    condition_holds,
    render_text,
)

from .conftest import MINIMAL_MKDOCS, build_site, write

SECRET = "LEFTOVER-SECRET-7f3a"
LEFTOVER = f"name: Old Copy\nemail: {SECRET}@example.org\nnotes: {SECRET}\n"


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail (rather than hang) a test that runs for more than 60 seconds."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("the test ran for more than 60 seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def site_files(site: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def errors_of(logs: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in logs.records if r.levelno >= logging.ERROR]


def warnings_of(logs: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in logs.records if r.levelno == logging.WARNING]


# ---------------------------------------------------------------------------
# Item 2: editor and merge leftovers

LEFTOVER_NAMES = [
    "contacts/joan-whitcombe.yml~",
    "contacts/joan-whitcombe.yml.orig",
    "contacts/joan-whitcombe.yml.bak",
    "contacts/joan-whitcombe.yml.save",
    "contacts/#joan-whitcombe.yml#",
    "contacts/Joan-Whitcombe.YML",
    "contacts/joan-whitcombe.yml.rej",
    "contacts/scan.pdf",
    "contacts/archive/old.yml",
    "organizations/lumenchart.yml~",
    "organizations/lumenchart.YAML",
    "questions/my-questions.yml.orig",
    "profile.yml~",
    "profile.bak",
    "notes/draft.yaml.orig",
    "notes/Data.YML",
]
HIDDEN = [
    "contacts/.joan-whitcombe.yml.swp",
    "organizations/.lumenchart.yml.un~",
    # material's meta plugin reads a folder's `.meta.yml` (black-box review): not a research file.
    "contacts/.meta.yml",
    "questions/.meta.yml",
]


def add_leftovers(guide: Path) -> None:
    for name in [*LEFTOVER_NAMES, *HIDDEN]:
        write(guide / "content" / name, LEFTOVER)
    write(guide / "content/contacts/reading-list.md", "# Reading list\n\nBooks to read.\n")


def test_leftovers_are_never_published(guide: Path, mkdocs_logs: pytest.LogCaptureFixture) -> None:
    add_leftovers(guide)
    site = build_site(guide)
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    for name in [*LEFTOVER_NAMES, *HIDDEN]:
        assert name not in published
    leaks = [
        name
        for name in published
        if SECRET in (site / name).read_bytes().decode("utf-8", errors="ignore")
    ]
    assert leaks == []
    # The user's own Markdown page in a research folder is a page like any other.
    assert "contacts/reading-list/index.html" in published
    warned = "\n".join(warnings_of(mkdocs_logs))
    for name in LEFTOVER_NAMES:
        assert f"content/{name}:1:1: warning: `{name.rpartition('/')[2]}` is left out" in warned
    for name in HIDDEN:  # editors' swap files: MkDocs never publishes them; no noise
        assert name.rpartition("/")[2] not in warned


def test_leftovers_fail_a_strict_build_and_keep_the_site(
    guide: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    site = build_site(guide)
    before = site_files(site)
    write(guide / "content/contacts/joan-whitcombe.yml~", LEFTOVER)
    with pytest.raises(Abort):
        build_site(guide, strict=True)
    assert not (site / "contacts/joan-whitcombe.yml~").exists()
    assert set(site_files(site)) == set(before)


def test_check_warns_about_leftovers(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_leftovers(guide)
    corpus = CorpusLoader().load(guide / "content")
    warned = {p.path for p in corpus.problems if p.severity == "warning"}
    assert {f"content/{name}" for name in LEFTOVER_NAMES} <= warned
    monkeypatch.chdir(guide)
    main(["check"])
    out = capsys.readouterr().out
    assert "content/contacts/joan-whitcombe.yml~:1:1: warning:" in out


@pytest.mark.parametrize(
    ("src_uri", "unpublished"),
    [
        ("contacts/ann.yml~", True),
        ("contacts/#ann.yml#", True),
        ("contacts/ANN.YML", True),
        ("contacts/photo.jpg", True),
        ("contacts/ann.md", False),
        ("questions/bank.yaml.orig", True),
        ("profile.yml.bak", True),
        ("profile.txt", True),
        ("profile.md", False),
        ("notes/x.YAML", True),
        ("notes/x.yml.orig", True),
        ("notes/photo.jpg", False),
        ("about.md", False),
    ],
)
def test_what_is_never_published(src_uri: str, unpublished: bool) -> None:
    assert is_unpublished(src_uri) is unpublished


# ---------------------------------------------------------------------------
# Item 5: the environment never makes a public guide private

PUBLIC_MKDOCS = MINIMAL_MKDOCS.replace("      today:", "      audience: public\n      today:")


def test_environment_cannot_make_a_public_guide_private(
    guide: Path, monkeypatch: pytest.MonkeyPatch, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    (guide / "mkdocs.yml").write_text(PUBLIC_MKDOCS, encoding="utf-8")
    path = guide / "content/contacts/joan-whitcombe.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("\nnotes: |\n", f"\nnotes: |\n  {SECRET}\n", 1).replace(
            "visibility: private", "visibility: public"
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("PREPGUIDE_AUDIENCE", "private")
    site = build_site(guide)
    html = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in site.rglob("*.html"))
    assert SECRET not in html
    assert not (site / "calendar.ics").exists()
    assert any("PREPGUIDE_AUDIENCE=private is ignored" in m for m in warnings_of(mkdocs_logs))
    with pytest.raises(Abort):  # the warning fails a strict build
        build_site(guide, strict=True)


def test_environment_rules_for_the_options() -> None:
    notes: list[str] = []
    public = make_options(
        audience="public", environ={"PREPGUIDE_AUDIENCE": "private"}, warn=notes.append
    )
    assert public.audience == "public"
    assert notes and "ignored" in notes[0]
    assert (
        make_options(audience="private", environ={"PREPGUIDE_AUDIENCE": "public"}).audience
        == "public"
    )
    assert (
        make_options(audience="private", environ={"PREPGUIDE_AUDIENCE": "private"}).audience
        == "private"
    )
    assert make_options(audience="public", environ={"PREPGUIDE_AUDIENCE": ""}).audience == "public"


def test_command_line_cannot_make_a_public_guide_private(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (guide / "mkdocs.yml").write_text(PUBLIC_MKDOCS, encoding="utf-8")
    monkeypatch.setenv("PREPGUIDE_AUDIENCE", "private")
    assert find_guide(guide).options.audience == "public"
    assert "PREPGUIDE_AUDIENCE=private is ignored" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# Items 7 and 8: every problem is found before site/ is touched; nothing is replaced


@pytest.mark.parametrize(
    "user_file",
    [
        "contacts/joan-whitcombe.md",  # the source path of a generated page
        "contacts/index.md",  # the URL of the generated list, /contacts/
        "organizations/index.md",
        "contacts.md",
        "network/index.md",
    ],
)
def test_a_users_page_at_a_generated_page_stops_the_build_before_writing(
    guide: Path, user_file: str, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    site = build_site(guide)
    before = site_files(site)
    assert len(before) > 30
    write(guide / "content" / user_file, "# Mine\n\nMy own page.\n")
    with pytest.raises(Abort):
        build_site(guide)
    assert site_files(site) == before  # nothing cleaned, nothing written
    errors = "\n".join(errors_of(mkdocs_logs))
    assert f"content/{user_file}:1:1: error: prepguide generates the page at" in errors
    assert "rename or move it" in errors
    assert "Traceback" not in errors


@pytest.mark.parametrize("folder", ["contacts", "organizations"])
def test_reserved_ids_are_refused(
    guide: Path, folder: str, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    site = build_site(guide)
    before = site_files(site)
    write(guide / f"content/{folder}/index.yml", "name: Index\n")
    with pytest.raises(Abort):
        build_site(guide)
    assert site_files(site) == before
    errors = "\n".join(errors_of(mkdocs_logs))
    assert f"content/{folder}/index.yml:1:1: error: `index` is a reserved id" in errors
    assert "rename the file" in errors
    problems = CorpusLoader().load(guide / "content").errors
    assert [p.path for p in problems] == [f"content/{folder}/index.yml"]


def test_a_crash_while_rendering_is_a_located_error_and_keeps_the_site(
    guide: Path, monkeypatch: pytest.MonkeyPatch, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    import prepguide.tailor.prep

    site = build_site(guide)
    before = site_files(site)
    real = prepguide.tailor.prep.build_prep

    def failing(corpus, contact, options):  # type: ignore[no-untyped-def]
        if contact.id == "joan-whitcombe":
            raise OverflowError("date value out of range")
        return real(corpus, contact, options)

    monkeypatch.setattr(prepguide.tailor.prep, "build_prep", failing)
    with pytest.raises(Abort):
        build_site(guide)
    assert site_files(site) == before
    errors = "\n".join(errors_of(mkdocs_logs))
    assert "content/contacts/joan-whitcombe.yml:1:1: error:" in errors
    assert "OverflowError: date value out of range" in errors
    assert "Traceback" not in errors


def test_the_users_home_page_replaces_the_dashboard(guide: Path) -> None:
    write(guide / "content/index.md", "# My own home\n")
    site = build_site(guide, strict=True)
    assert "My own home" in (site / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# Item 9: question templates have a budget

NESTED = "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}?"
HOSTILE_TEXTS = [
    NESTED,
    "{% for i in range(999) %}{% for j in range(999) %}{% for k in range(999) %}"
    "{% endfor %}{% endfor %}{% endfor %}?",
    "{{ 'x' * 1000000000 }}",
    "{{ 9 ** 999999 }}",
    "{{ 'x' | center(1000000000) }}",
    "{{ '%1000000000d' % 1 }}",
    "{{ '{:>1000000000}'.format(1) }}",
    "{{ 'ab' | replace('', 'c' * 100000) | replace('', 'd' * 100000) }}",
    "{% set ns = namespace(s='xx') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s }}",
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
    "{{ range(1000) | map('string') | join('y' * 99999) }}",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_a_hostile_template_goes_over_its_budget_quickly(text: str, deadline: None) -> None:
    start = time.perf_counter()
    assert budget_error(text) is not None
    with pytest.raises(TemplateBudgetError):
        render_text(text, {})
    assert time.perf_counter() - start < 5


def test_a_hostile_condition_goes_over_its_budget() -> None:
    when = "range(1000) | list | length > 0 and (range(999) | list) * 99999"
    assert budget_error(when, expression=True) is not None
    with pytest.raises(TemplateBudgetError):
        condition_holds(when, {})


def test_ordinary_templates_are_within_the_budget() -> None:
    contact = SimpleNamespace(name="Ann Lee", skills=["a", "b", "c"])
    text = "{% for s in contact.skills %}{{ s }}{% if not loop.last %}, {% endif %}{% endfor %}?"
    assert budget_error(text) is None
    assert render_text(text, {"contact": contact}) == "a, b, c?"
    assert render_text("What does {{ contact.name }} do?", {"contact": contact}) == (
        "What does Ann Lee do?"
    )


def test_the_fast_evaluator_has_an_output_budget() -> None:
    contact = SimpleNamespace(name="n" * 100_000)
    with pytest.raises(TemplateBudgetError):
        render_text("{{ contact.name }} " * 50, {"contact": contact})


def test_a_long_value_of_the_notes_is_not_over_budget() -> None:
    """A 10 KB headline quoted twice is data, not a runaway template (found by the
    check/build differential test)."""
    contact = SimpleNamespace(name="n" * 10_000)
    text = "What does {{ contact.name }} do, {{ contact.name }}?"
    assert len(render_text(text, {"contact": contact})) > 20_000


def test_the_loop_budget_counts_every_turn() -> None:
    contact = SimpleNamespace(skills=list(range(200)))
    text = "{% for a in contact.skills %}{% for b in contact.skills %}{% endfor %}{% endfor %}x"
    assert budget_error(text) is None  # no data: nothing to loop over
    with pytest.raises(TemplateBudgetError, match=f"{MAX_STEPS:,} steps"):
        render_text(text, {"contact": contact})


def bank(text: str) -> str:
    return f"- id: costly\n  topic: advice\n  text: {text!r}\n"


def test_check_and_build_report_a_hostile_bank_entry_at_its_line(
    guide: Path,
    deadline: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    mkdocs_logs: pytest.LogCaptureFixture,
) -> None:
    site = build_site(guide)
    before = site_files(site)
    write(guide / "content/questions/hostile.yml", bank(NESTED))
    monkeypatch.chdir(guide)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "content/questions/hostile.yml:3:9: error: `text`: makes a range of 100,000" in out
    with pytest.raises(Abort):
        build_site(guide)
    assert site_files(site) == before
    assert any(
        "content/questions/hostile.yml:3:9: error: `text`" in m for m in errors_of(mkdocs_logs)
    )


def test_an_entry_over_budget_only_with_some_data_stops_the_build_at_its_line(
    guide: Path, deadline: None, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    site = build_site(guide)
    before = site_files(site)
    loops = "{% for a in contact.name %}" * 5 + "{% endfor %}" * 5 + "What next?"
    write(guide / "content/questions/data.yml", bank(loops))
    with pytest.raises(Abort):
        build_site(guide)
    assert site_files(site) == before
    errors = "\n".join(errors_of(mkdocs_logs))
    assert "content/questions/data.yml:3:9: error: `text`: takes more than" in errors
    assert "Traceback" not in errors


# ---------------------------------------------------------------------------
# Item 16: offline by default

NO_FONT_MKDOCS = MINIMAL_MKDOCS.replace("  font: false\n", "")
FONTS = ("fonts.googleapis.com", "fonts.gstatic.com")


def every_html(site: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_no_web_font_unless_the_guide_names_one(guide: Path) -> None:
    (guide / "mkdocs.yml").write_text(NO_FONT_MKDOCS, encoding="utf-8")
    html = every_html(build_site(guide))
    assert not [host for host in FONTS if host in html]


def test_a_web_font_the_guide_names_is_kept(guide: Path) -> None:
    config = NO_FONT_MKDOCS.replace(
        "  name: material\n", "  name: material\n  font:\n    text: Inter\n"
    )
    (guide / "mkdocs.yml").write_text(config, encoding="utf-8")
    html = every_html(build_site(guide))
    assert "fonts.googleapis.com" in html and "Inter" in html


def test_a_crash_while_loading_is_a_located_error_and_keeps_the_site(
    guide: Path, monkeypatch: pytest.MonkeyPatch, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    import prepguide.guide.corpus

    site = build_site(guide)
    before = site_files(site)
    real = prepguide.guide.corpus.load_file

    def failing(path, display):  # type: ignore[no-untyped-def]
        if path.name == "joan-whitcombe.yml":
            raise ValueError("Exceeds the limit (4300 digits)")
        return real(path, display)

    monkeypatch.setattr(prepguide.guide.corpus, "load_file", failing)
    (guide / "content/contacts/joan-whitcombe.yml").touch()  # not from the parse cache
    with pytest.raises(Abort):
        build_site(guide)
    assert site_files(site) == before
    errors = "\n".join(errors_of(mkdocs_logs))
    assert "content/contacts/joan-whitcombe.yml:1:1: error:" in errors
    assert "Traceback" not in errors
