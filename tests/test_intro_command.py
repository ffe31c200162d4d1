"""``prepguide intro ID``: the script the prep page shows, its spoken time, and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepguide.cli import load_guide, main
from prepguide.tailor.prep import build_prep


def test_intro_prints_the_prep_pages_script_and_its_time(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(guide)
    found, corpus = load_guide()
    intro = build_prep(corpus, corpus.contacts["colette-varga"], found.options).intro
    assert main(["intro", "colette-varga"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == intro.text
    assert lines[1] == f"~{intro.seconds} seconds ({intro.words} words)"
    assert captured.err == ""


def test_intro_of_an_unknown_contact_suggests_the_closest_id(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(guide)
    assert main(["intro", "colette-varge"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "prepguide: no contact `colette-varge`; did you mean `colette-varga`?\n"


def test_intro_of_a_broken_contact_names_the_problem_at_its_line(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(guide)
    path = guide / "content/contacts/colette-varga.yml"
    path.write_text(path.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    assert main(["intro", "colette-varga"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("prepguide: content/contacts/colette-varga.yml:")
    assert "fix the file first (`prepguide check`)" in err
    assert "Traceback" not in err


def test_intro_without_an_id_is_a_usage_error(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(guide)
    with pytest.raises(SystemExit) as exit_:
        main(["intro"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        "prepguide intro: error: the following arguments are required: id "
        "(see `prepguide intro --help`)\n"
    )
