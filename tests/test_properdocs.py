"""ProperDocs, the maintained fork of MkDocs: it builds the guide, and the command line finds
``properdocs.yml`` as it finds ``mkdocs.yml`` (docs/usage.md, "Command line")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from prepguide.cli import main
from prepguide.guide.config_file import find_guide

from .conftest import MINIMAL_MKDOCS, build_site, copy_example, write


def properdocs_build(root: Path) -> subprocess.CompletedProcess[str]:
    """``properdocs build --strict`` in ``root`` (the real ProperDocs, a test extra)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.name.endswith(".gz")
    }


@pytest.mark.parametrize("name", ["mkdocs.yml", "properdocs.yml"])
def test_properdocs_builds_the_example(tmp_path: Path, name: str) -> None:
    root = copy_example(tmp_path / "guide")
    if name != "mkdocs.yml":
        (root / "mkdocs.yml").rename(root / name)
    result = properdocs_build(root)
    assert result.returncode == 0, result.stderr
    # The legacy name still builds, with ProperDocs' request to rename it.
    assert ("should be renamed to 'properdocs.yml'" in result.stderr) == (name == "mkdocs.yml")
    site = root / "site"
    for page in ("index.html", "contacts/devika-raman/index.html", "calendar.ics"):
        assert (site / page).is_file(), page
    devika = (site / "contacts/devika-raman/index.html").read_text(encoding="utf-8")
    assert "Devika Raman" in devika

    # The same pages as MkDocs builds, apart from the generator's name and version.
    mkdocs_root = copy_example(tmp_path / "mkdocs")
    expected = site_files(build_site(mkdocs_root, strict=True))
    got = site_files(site)
    assert sorted(got) == sorted(expected)
    assert got["calendar.ics"] == expected["calendar.ics"]

    def without_generator(data: bytes) -> list[bytes]:
        return [line for line in data.splitlines() if b'name="generator"' not in line]

    different = [p for p in got if without_generator(got[p]) != without_generator(expected[p])]
    assert different == []


def properdocs_guide(root: Path, *, docs_dir: str = "content", today: str = "2026-11-26") -> Path:
    """The example guide configured by properdocs.yml only."""
    copy_example(root)
    (root / "mkdocs.yml").unlink()
    if docs_dir != "content":
        (root / "content").rename(root / docs_dir)
    config = MINIMAL_MKDOCS.replace("docs_dir: content", f"docs_dir: {docs_dir}")
    write(root / "properdocs.yml", config.replace("today: 2026-11-26", f"today: {today}"))
    return root


def test_todo_reads_today_from_properdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = properdocs_guide(tmp_path, today="2026-11-20")
    monkeypatch.chdir(root / "content" / "contacts")  # found upward
    assert main(["todo"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Due as of 2026-11-20:"
    assert "2026-12-02 12:30  in 12 days" in out  # Europe/Stockholm, from properdocs.yml


def test_check_reads_docs_dir_from_properdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = properdocs_guide(tmp_path, docs_dir="notes")
    monkeypatch.chdir(root)
    assert main(["check"]) == 0
    err = capsys.readouterr().err
    assert "0 errors" in err
    assert "no content folder" not in err
    found = find_guide(cwd=root)
    assert found.config_file == root / "properdocs.yml"
    assert found.content_dir == root / "notes"
    assert str(found.options.timezone) == "Europe/Stockholm"


@pytest.mark.parametrize("name", ["properdocs.yaml", "mkdocs.yaml"])
def test_yaml_spellings_are_found(tmp_path: Path, name: str) -> None:
    write(tmp_path / name, MINIMAL_MKDOCS)
    (tmp_path / "content").mkdir()
    assert find_guide(cwd=tmp_path).config_file == tmp_path / name


def test_properdocs_yml_wins_in_one_folder_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ProperDocs tries properdocs.yml, properdocs.yaml, mkdocs.yml, mkdocs.yaml in that order."""
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    write(tmp_path / "properdocs.yml", MINIMAL_MKDOCS.replace("2026-11-26", "2030-01-01"))
    found = find_guide(cwd=tmp_path)
    assert found.config_file == tmp_path / "properdocs.yml"
    assert str(found.options.today) == "2030-01-01"
    err = capsys.readouterr().err
    assert "properdocs.yml: read, as ProperDocs does, and mkdocs.yml in the same folder" in err


def test_nearest_folder_wins_over_the_name(tmp_path: Path) -> None:
    write(tmp_path / "properdocs.yml", MINIMAL_MKDOCS)
    write(tmp_path / "inner/mkdocs.yml", MINIMAL_MKDOCS)
    assert find_guide(cwd=tmp_path / "inner").config_file == tmp_path / "inner/mkdocs.yml"


@pytest.mark.parametrize("command", [["todo"], ["check"], ["intro", "x"], ["status", "x", "met"]])
def test_no_guide_is_refused_loudly(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(command) == 1
    err = capsys.readouterr().err
    assert err.startswith("prepguide: no content folder and no guide: neither properdocs.yml nor")
    assert "prepguide init DIR" in err
    assert "Traceback" not in err


def test_custom_docs_dir_missing_names_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "properdocs.yml", MINIMAL_MKDOCS.replace("docs_dir: content", "docs_dir: x"))
    monkeypatch.chdir(tmp_path)
    assert main(["todo"]) == 1
    err = capsys.readouterr().err
    assert f"no content folder at {tmp_path / 'x'} (the docs_dir of " in err
    assert "properdocs.yml)" in err


def test_prepguide_warning_fails_a_strict_properdocs_build(tmp_path: Path) -> None:
    root = properdocs_guide(tmp_path)
    write(root / "content/contacts/notes.txt", "x\n")
    result = properdocs_build(root)
    assert result.returncode == 1
    assert "content/contacts/notes.txt:1:1: warning:" in result.stderr
