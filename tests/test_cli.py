"""The command line: check (all formats), lint-questions, usage errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from prepguide.cli import main

from .conftest import write


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_passes_on_the_example(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(guide)
    code, out, err = run(capsys, "check")
    assert code == 0, out
    assert "0 errors" in err


def broken_guide(root: Path) -> None:
    write(root / "content/organizations/acme.yml", "name: Acme\nwebsite: javascript:alert(1)\n")
    write(
        root / "content/contacts/dana.yml",
        "name: Dana\norganisation: acme\nmeeting:\n  status: sheduled\n  date: 2026-02-30 10:00\n",
    )
    write(root / "content/contacts/sam.yml", "name: Sam\norganization: acmee\n")
    write(root / "content/organizations/acme-labs.yml", "name: Acme Labs\n")
    write(root / "content/contacts/lee.yml", "name: Lee\norganization: acme\n")
    write(root / "content/contacts/Bad Name.yml", "name: Bad\n")


def test_check_reports_every_problem_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken_guide(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check")
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        "content/contacts/Bad Name.yml:1:1: error: `Bad Name.yml` is not a valid file name: ids are lowercase words joined by hyphens; rename it to `bad-name.yml`",
        "content/contacts/dana.yml:2:1: error: `organisation`: unknown field; did you mean `organization`?",
        "content/contacts/dana.yml:4:11: error: `meeting.status`: `sheduled` is not allowed; use one of: researching, to-contact, requested, scheduled, met, thanked, closed; did you mean `scheduled`?",
        "content/contacts/dana.yml:5:9: error: `meeting.date`: `2026-02-30 10:00` is not a valid date-time (day value is outside expected range); write it as YYYY-MM-DD HH:MM, e.g. 2026-12-04 15:30",
        "content/contacts/sam.yml:2:15: error: `organization`: no organization `acmee`; did you mean `acme`?",
        "content/organizations/acme.yml:2:10: error: `website`: `javascript:alert(1)` is not an http(s) URL; write a full address such as https://example.org/",
    ]
    assert "6 errors" in err


def test_check_json_and_github(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken_guide(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--format", "json")
    assert code == 1
    problems = json.loads(out)
    assert problems[1] == {
        "path": "content/contacts/dana.yml",
        "line": 2,
        "column": 1,
        "severity": "error",
        "message": "`organisation`: unknown field; did you mean `organization`?",
    }
    code, out, _ = run(capsys, "check", "--format", "github")
    assert code == 1
    assert out.splitlines()[1] == (
        "::error file=content/contacts/dana.yml,line=2,col=1::`organisation`: unknown field; did you mean `organization`?"
    )


def test_check_explicit_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "notes/contacts/dana.yml", "name: Dana\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", "notes")
    assert code == 0
    assert "1 file checked" in err


def test_check_without_content_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check")
    assert code == 1
    assert err.startswith("prepguide: no content folder")
    assert "Traceback" not in err


def test_bad_plugin_option_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path / "mkdocs.yml",
        "site_name: x\ndocs_dir: content\nplugins:\n  - prepguide:\n      timezone: Mars/Olympus\n",
    )
    write(tmp_path / "content/contacts/dana.yml", "name: Dana\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check")
    assert code == 1
    assert (
        err.strip()
        == "prepguide: mkdocs.yml: timezone: `Mars/Olympus` is not a known time zone; use a name like `Europe/Paris` or `UTC`"
    )


def test_usage_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--format", "xml"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "invalid choice" in err
    with pytest.raises(SystemExit) as info:
        main(["no-such-command"])
    assert info.value.code == 2


def test_lint_questions_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("Do you like your job?\n\nWhat drew you to nursing?\n")
    )
    code, out, _ = run(capsys, "lint-questions")
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines[0][0] == "closed" and lines[0][1] == "Do you like your job?" and len(lines[0]) == 3
    assert lines[1] == ["open", "What drew you to nursing?"]


def test_lint_questions_from_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "q.txt", "Don't you think remote work is better?\n")
    code, out, _ = run(capsys, "lint-questions", str(path))
    assert code == 0
    label, question, rewrite = out.strip().split("\t")
    assert (label, question) == ("leading", "Don't you think remote work is better?")
    assert rewrite.endswith("?")


def test_lint_questions_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lint-questions", str(tmp_path / "nope.txt"))
    assert code == 2
    assert err.startswith("prepguide: cannot read")
