"""``prepguide init``: a new guide repository that validates and builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepguide.cli import main
from prepguide.guide.config_file import find_guide, plugin_options, read_config
from prepguide.guide.corpus import CorpusLoader
from prepguide.write.scaffold import init_files, local_timezone

PERSONAL = [
    ".gitignore",
    "content/contacts/mei-fontaine.yml",
    "content/organizations/juniper-hill-learning.yml",
    "content/profile.yml",
    "mkdocs.yml",
    "site_overrides/README.md",
]
PLAYBOOK = [
    ".github/workflows/site.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "content/contacts/rafael-osei.yml",
    "content/guides/after-the-talk.md",
    "content/guides/choosing-a-venue.md",
    "content/guides/finding-people.md",
    "content/guides/index.md",
    "content/guides/preparing.md",
    "content/guides/what-is-an-informational-interview.md",
    "content/guides/writing-the-request.md",
    "content/index.md",
    "content/organizations/northfield-civic-data-lab.yml",
    "mkdocs.yml",
    "requirements.txt",
    "site_overrides/README.md",
    "site_overrides/assets/brand/brand.css",
    "site_overrides/assets/brand/logo.svg",
    "site_overrides/main.html",
    "site_overrides/prepguide/README.md",
]


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def init(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.chdir(cwd)
    return main(["init", *args])


def test_creates_a_guide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert init(tmp_path, monkeypatch, "myguide") == 0
    root = tmp_path / "myguide"
    assert files_under(root) == PERSONAL
    out = capsys.readouterr().out
    assert out.startswith("Created a new guide in myguide:\n")
    assert "  cd myguide\n" in out and "mkdocs serve" in out
    corpus = CorpusLoader().load(root / "content", root)
    assert corpus.problems == []
    assert corpus.profile is not None
    assert set(corpus.contacts) == {"mei-fontaine"}
    assert set(corpus.organizations) == {"juniper-hill-learning"}


def test_mkdocs_config(tmp_path: Path) -> None:
    files = init_files(timezone="America/Chicago")
    (tmp_path / "mkdocs.yml").write_text(files["mkdocs.yml"], encoding="utf-8")
    config = read_config(tmp_path / "mkdocs.yml")
    assert config["docs_dir"] == "content"
    theme = config["theme"]
    assert theme["name"] == "material"
    assert theme["custom_dir"] == "site_overrides"
    assert theme["font"] is False
    assert [p["scheme"] for p in theme["palette"]] == ["default", "slate"]
    assert all("toggle" in p for p in theme["palette"])
    assert theme["features"] == ["navigation.instant", "search.suggest", "content.code.copy"]
    assert config["plugins"][0] == "search"
    assert plugin_options(config) == {"timezone": "America/Chicago"}
    assert config["markdown_extensions"] == [
        {"toc": {"permalink": True}},
        "admonition",
        "attr_list",
        "md_in_html",
        "tables",
    ]
    # The options are documented in comments.
    for option in ("audience", "today", "words_per_minute", "intro_seconds"):
        assert f"# {option}:" in files["mkdocs.yml"]
    assert "site/" in files[".gitignore"] and ".venv/" in files[".gitignore"]


def test_playbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert init(tmp_path, monkeypatch, "office", "--playbook") == 0
    root = tmp_path / "office"
    assert files_under(root) == PLAYBOOK
    guide = find_guide(cwd=root)
    assert guide.options.audience == "public"
    corpus = CorpusLoader().load(guide.content_dir, guide.root)
    assert corpus.problems == []
    assert corpus.profile is None
    alumnus = corpus.contacts["rafael-osei"]
    assert alumnus.visibility == "public"
    assert alumnus.connection.type == "alumni"
    page = (root / "content/guides/index.md").read_text(encoding="utf-8")
    assert page.startswith("# Guides\n")
    assert "TODO" not in page and "lorem" not in page.lower()


def test_refuses_a_non_empty_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    assert init(tmp_path, monkeypatch, "busy") == 1
    assert "busy is not empty" in capsys.readouterr().err
    assert files_under(tmp_path / "busy") == ["notes.txt"]


def test_refuses_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "taken").write_text("x")
    assert init(tmp_path, monkeypatch, "taken") == 1
    assert "is a file" in capsys.readouterr().err


def test_accepts_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    assert init(tmp_path, monkeypatch, "empty") == 0
    assert files_under(tmp_path / "empty") == PERSONAL


def test_check_is_clean_in_a_new_guide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No errors and no warnings either (question lint, intro timing)."""
    for name, extra in (("personal", ()), ("playbook", ("--playbook",))):
        assert init(tmp_path, monkeypatch, name, *extra) == 0
        capsys.readouterr()
        monkeypatch.chdir(tmp_path / name)
        assert main(["check"]) == 0
        assert capsys.readouterr().out == ""


def test_sample_questions_are_open() -> None:
    import prepguide.lint as lint
    from prepguide.read.loader import load_bytes

    for variant in (False, True):
        for relative, text in init_files(playbook=variant, timezone="UTC").items():
            if relative.startswith("content/contacts/"):
                data = load_bytes(text.encode(), relative).data
                for question in data.get("questions", []):
                    assert lint.lint_question(question).label == "open", question


def test_local_timezone_is_valid() -> None:
    from zoneinfo import ZoneInfo

    ZoneInfo(local_timezone())


@pytest.mark.parametrize("playbook", [False, True])
def test_scaffold_builds_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, playbook: bool
) -> None:
    """A full `mkdocs build --strict` of a new guide."""
    import prepguide.plugin  # noqa: F401  (a broken import fails, never skips)

    from .conftest import build_site

    args = ["site-guide", "--playbook"] if playbook else ["site-guide"]
    assert init(tmp_path, monkeypatch, *args) == 0
    site = build_site(tmp_path / "site-guide", strict=True)
    assert (site / "index.html").is_file()
    assert (
        site / "contacts" / ("rafael-osei" if playbook else "mei-fontaine") / "index.html"
    ).is_file()
    assert not list(site.rglob("*.yml"))
    assert not (site / "README.md").exists()
