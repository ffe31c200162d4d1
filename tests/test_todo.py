"""``prepguide todo``: what is due, then upcoming meetings, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prepguide.cli import main

from .conftest import write


def test_todo_text(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(guide)
    assert main(["todo"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Due as of 2026-11-26:"
    assert lines[1].startswith(
        "  2026-11-19  nudge      Jonah Nakamura-Reid — no answer since 2026-11-10"
    )
    assert lines[1].endswith("(overdue by 7 days)")
    assert lines[2].startswith("  2026-11-20  follow-up  Inês Carvalho — Send Inês my draft")
    assert lines[3] == (
        "  2026-11-24  record     Beatriz Olmstead — Did you talk to Beatriz Olmstead on "
        "Tuesday 24 November 2026 at 16:30? Record it with `prepguide status beatriz-olmstead met`"
        "  (overdue by 2 days)"
    )
    assert lines[4] == (
        "  2026-11-26  thank-you  Joan Whitcombe — send a thank-you note (met 2026-11-25)"
    )
    assert "Upcoming meetings:" in lines
    upcoming = lines[lines.index("Upcoming meetings:") + 1 :]
    assert upcoming[0].startswith("  2026-12-02 12:30  in 6 days")
    assert "Marcus Ebbesen (Wexley County Digital Service) — video, 20 min" in upcoming[0]
    assert "Devika Raman (Fieldnote Studio) — in-person, 30 min" in upcoming[1]


def test_todo_json(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(guide)
    assert main(["todo", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"today", "due", "upcoming"}
    assert data["today"] == "2026-11-26"
    assert [d["kind"] for d in data["due"]] == ["nudge", "follow-up", "record", "thank-you"]
    thanks = data["due"][3]
    assert thanks == {
        "contact_id": "joan-whitcombe",
        "name": "Joan Whitcombe",
        "kind": "thank-you",
        "due": "2026-11-26",
        "message": "send a thank-you note (met 2026-11-25)",
        "days_overdue": 0,
        "overdue": False,
        "when": None,
    }
    first = data["upcoming"][0]
    assert first["contact_id"] == "marcus-ebbesen"
    assert first["when"] == "2026-12-02T12:30+01:00"  # Europe/Stockholm in winter
    assert first["days"] == 6


def test_todo_nothing_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path / "mkdocs.yml",
        "site_name: T\ndocs_dir: content\nplugins:\n  - prepguide:\n      today: 2026-11-26\n",
    )
    write(tmp_path / "content/contacts/ann-lee.yml", "name: Ann Lee\n")
    monkeypatch.chdir(tmp_path)
    assert main(["todo"]) == 0
    assert capsys.readouterr().out == "Nothing due as of 2026-11-26.\n\nNo upcoming meetings.\n"


def test_todo_skips_broken_files_with_a_note(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide / "content/contacts/broken.yml", "name: Broken\nmeeting:\n  status: sheduled\n")
    monkeypatch.chdir(guide)
    assert main(["todo"]) == 0
    captured = capsys.readouterr()
    assert "Joan Whitcombe" in captured.out
    assert "1 file with errors left out; run `prepguide check`" in captured.err


def test_todo_bad_format_is_a_usage_error(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(guide)
    with pytest.raises(SystemExit) as exc:
        main(["todo", "--format", "xml"])
    assert exc.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
