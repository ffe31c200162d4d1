"""Issue 13 on the command line: consent in `import`, reserved ids, concurrent `status`,
interrupted writes, symbolic links, annotation and terminal escaping, file-system errors."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from prepguide.cli import main
from prepguide.errors import Problem, visible, visible_lines
from prepguide.guide.corpus import CorpusLoader
from prepguide.read.loader import load_bytes
from prepguide.reserved import RESERVED_IDS
from prepguide.write import file_edit
from prepguide.write.edit import EditError, set_status

from .conftest import MINIMAL_MKDOCS, ROOT, write

PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "plugins")}


@pytest.fixture
def guide_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    (tmp_path / "content" / "contacts").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- item 4: consent `no` always wins ------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Name,Consent,Visibility", "Name,Visibility,Consent"],
    ids=["consent-first", "visibility-first"],
)
def test_import_consent_no_is_never_published(
    guide_dir: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    rows = [
        ("Ann Lee", "no", "public"),  # contradiction: refused
        ("Bo Park", "yes", "public"),
        ("Cy Diaz", "n", ""),
        ("Dee Fox", "", "public"),  # no consent given: refused
        ("Ed Gray", "yes", "private"),  # the more private wins
        ("Fay Hu", "FALSE", "Public"),  # any negative spelling, any case: refused
        ("Gus Ives", "private", ""),
    ]
    consent_first = header.split(",")[1] == "Consent"
    lines = [header] + [f"{n},{c},{v}" if consent_first else f"{n},{v},{c}" for n, c, v in rows]
    write(guide_dir / "alumni.csv", "\n".join(lines) + "\n")
    assert main(["import", "alumni.csv"]) == 1
    err = capsys.readouterr().err
    assert "alumni.csv:2:1: error: row refused: visibility `public` contradicts consent `no`" in err
    assert "alumni.csv:5:1: error: row refused: visibility `public` contradicts an empty" in err
    assert "alumni.csv:7:1: error: row refused: visibility `Public` contradicts consent" in err
    assert "4 contacts imported, 3 rows refused" in err  # the rest imported (docs/usage.md)
    corpus = CorpusLoader().load(guide_dir / "content", guide_dir)
    assert corpus.problems == []
    shown = {cid: c.visibility for cid, c in corpus.contacts.items()}
    assert shown == {
        "bo-park": "public",
        "cy-diaz": "private",
        "ed-gray": "private",
        "gus-ives": "private",
    }
    assert not (guide_dir / "content/contacts/ann-lee.yml").exists()


# --- item 8: reserved ids ------------------------------------------------------------------


def test_reserved_ids_are_shared() -> None:
    assert "index" in RESERVED_IDS


def test_import_never_creates_a_reserved_id(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        guide_dir / "alumni.csv",
        "Name,Employer\nIndex,Index\nAnn Lee,INDEX\n",
    )
    assert main(["import", "alumni.csv"]) == 0
    out = capsys.readouterr().out
    assert "wrote content/contacts/index-2.yml" in out
    assert "wrote content/organizations/index-2.yml" in out
    assert not (guide_dir / "content/contacts/index.yml").exists()
    assert not (guide_dir / "content/organizations/index.yml").exists()
    corpus = CorpusLoader().load(guide_dir / "content", guide_dir)
    assert corpus.problems == []
    assert corpus.contacts["index-2"].name == "Index"
    assert corpus.contacts["index-2"].organization == "index-2"
    assert corpus.contacts["ann-lee"].organization == "index-2"
    assert corpus.organizations["index-2"].name == "Index"


def test_new_never_creates_a_reserved_id(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "contact", "Index"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "content/contacts/index-2.yml"
    assert "reserved" in err and "index-2" in err
    assert main(["new", "organization", "INDEX"]) == 0
    assert capsys.readouterr().out.strip() == "content/organizations/index-2.yml"
    assert main(["new", "contact", "Ann Lee", "--id", "index"]) == 1
    assert "the id `index` is reserved" in capsys.readouterr().err
    assert sorted(p.name for p in (guide_dir / "content/contacts").iterdir()) == ["index-2.yml"]


# --- item 6: concurrent edits, interruptions, symbolic links ----------------------------------

SLOW_REPLACE = """
import os, sys, time
_replace = os.replace
def slow(*args, **kwargs):  # widen the window between the last check and the rename
    time.sleep(0.05)
    return _replace(*args, **kwargs)
os.replace = slow
"""

EDIT_ONE_FIELD = (
    SLOW_REPLACE
    + """
from pathlib import Path
from prepguide.write.file_edit import edit_file
from prepguide.write.yaml_edit import update_section
i = int(sys.argv[2])
edit_file(Path(sys.argv[1]), lambda raw: update_section(raw, "log", {f"p{i:02d}": f"v{i}"}).data)
"""
)


def run_all(commands: list[list[str]], cwd: Path) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            c, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for c in commands
    ]
    results = []
    for proc, command in zip(procs, commands, strict=True):
        out, err = proc.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(command, proc.returncode, out, err))
    return results


def test_concurrent_edits_of_different_fields_are_all_kept(tmp_path: Path) -> None:
    """Each process adds its own field: a lost update shows as a missing field."""
    path = write(tmp_path / "notes.yml", "# my notes\nname: Ann Lee  # keep\nlog:\n  start: zero\n")
    count = 16
    results = run_all(
        [[PYTHON, "-c", EDIT_ONE_FIELD, str(path), str(i)] for i in range(count)], tmp_path
    )
    assert [r.stderr for r in results if r.returncode] == []
    data = load_bytes(path.read_bytes(), "notes.yml").data
    assert data["log"] == {"start": "zero", **{f"p{i:02d}": f"v{i}" for i in range(count)}}
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my notes\nname: Ann Lee  # keep\n")
    assert temp_files(tmp_path) == []


STATUS = (
    SLOW_REPLACE
    + """
from prepguide.cli import main
sys.exit(main(sys.argv[1:]))
"""
)


def test_concurrent_status_runs_form_one_history(guide_dir: Path) -> None:
    """16 `prepguide status` runs: exactly one of them saw the first status.

    Each run reports the status it read. In a serialisable history, one run
    replaced `researching` and every other one replaced `scheduled`; a run that
    wrote over a version it never read would also report `researching`.
    """
    path = write(
        guide_dir / "content/contacts/ann-lee.yml",
        "# Ann's notes\nname: Ann Lee\nmeeting:\n  status: researching  # first\n  duration: 30\n",
    )
    dates = [f"2026-12-{day:02d} 10:00" for day in range(1, 17)]
    results = run_all(
        [[PYTHON, "-c", STATUS, "status", "ann-lee", "scheduled", "--date", d] for d in dates],
        guide_dir,
    )
    first = [r for r in results if r.returncode == 0 and "researching → scheduled" in r.stdout]
    assert len(first) == 1, [r.stdout for r in results]  # more: a write over an unread version
    assert [r.stderr for r in results if r.returncode] == []
    text = path.read_text(encoding="utf-8")
    data = load_bytes(text.encode(), "ann-lee.yml").data
    assert data["meeting"]["status"] == "scheduled"
    assert data["meeting"]["date"] in dates
    assert data["meeting"]["duration"] == 30
    assert text.startswith("# Ann's notes\nname: Ann Lee\n")
    assert "# first" in text
    assert temp_files(path.parent) == []


def test_the_lock_follows_a_replaced_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One that waited on a file replaced meanwhile (a finished edit) locks the new file."""
    path = write(tmp_path / "x.yml", "a: 1\n")
    waiting = threading.Event()
    sleep = time.sleep

    def waits(seconds: float) -> None:
        waiting.set()  # the other one found the file locked
        sleep(seconds)

    same: list[bool] = []
    real_same = file_edit._same_file

    def checked(handle: Any, target: Path) -> bool:
        same.append(real_same(handle, target))
        return same[-1]

    monkeypatch.setattr(file_edit.time, "sleep", waits)
    monkeypatch.setattr(file_edit, "_same_file", checked)
    seen: list[bytes] = []

    def other() -> None:
        with file_edit.locked(path, "x.yml") as handle:
            seen.append(handle.read())

    with file_edit.locked(path, "x.yml") as first:
        assert first.read() == b"a: 1\n"
        thread = threading.Thread(target=other)
        thread.start()
        assert waiting.wait(30)
        write(tmp_path / "new.yml", "a: 2\n").replace(path)  # like a finished edit
    thread.join(30)
    assert seen == [b"a: 2\n"]
    assert same == [True, False, True]  # the first lock, the stale file, the new one


def test_ctrl_c_during_the_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = "name: Ann Lee\nnotes: private notes\n"
    path = write(tmp_path / "content/contacts/ann-lee.yml", original)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(file_edit.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        set_status(path, "met", today=__import__("datetime").date(2026, 11, 26))
    assert path.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in path.parent.iterdir()) == ["ann-lee.yml"]


def test_an_error_during_the_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = "name: Ann Lee\n"
    path = write(tmp_path / "ann-lee.yml", original)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(file_edit.os, "fsync", full)
    with pytest.raises(EditError, match="No space left on device"):
        set_status(path, "met", today=__import__("datetime").date(2026, 11, 26))
    assert path.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann-lee.yml"]


def test_sigterm_during_the_write_leaves_no_temporary_file(guide_dir: Path) -> None:
    original = "name: Ann Lee\nnotes: private notes\n"
    path = write(guide_dir / "content/contacts/ann-lee.yml", original)
    script = """
import os, signal, sys, time
def killed(*args, **kwargs):  # the user's `kill` arrives just before the rename
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(10)
os.replace = killed
from prepguide.cli import main
sys.exit(main(["status", "ann-lee", "met"]))
"""
    result = subprocess.run(
        [PYTHON, "-c", script], cwd=guide_dir, env=ENV, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in path.parent.iterdir()) == ["ann-lee.yml"]


def test_a_symlinked_contact_is_edited_where_it_points(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = write(guide_dir / "shared/ann.yml", "name: Ann Lee  # shared\n")
    link = guide_dir / "content/contacts/ann-lee.yml"
    link.symlink_to(Path("../../shared/ann.yml"))
    assert main(["status", "ann-lee", "met"]) == 0
    err = capsys.readouterr().err
    assert link.is_symlink()
    assert os.readlink(link) == "../../shared/ann.yml"
    assert (
        shared.read_text(encoding="utf-8") == "name: Ann Lee  # shared\nmeeting:\n  status: met\n"
    )
    assert "symbolic link" in err and "shared/ann.yml" in err
    assert temp_files(shared.parent) == [] and temp_files(link.parent) == []


# --- item 13: annotations and terminals ------------------------------------------------------


def test_github_annotation_escapes_properties_and_message() -> None:
    problem = Problem("content/contacts/Doe, Jane.yml", 3, 7, "error", "50% bad\r\nnext: x")
    assert problem.format_github() == (
        "::error file=content/contacts/Doe%2C Jane.yml,line=3,col=7::50%25 bad%0D%0Anext: x"
    )
    evil = Problem("a\n::warning file=x.yml::pwned%0A.yml", 1, 1, "warning", "m")
    line = evil.format_github()
    assert "\n" not in line and "\r" not in line
    assert line == (
        "::warning file=a%0A%3A%3Awarning file=x.yml%3A%3Apwned%250A.yml,line=1,col=1::m"
    )


def unescape_property(text: str) -> str:
    """What GitHub's runner does to a property value."""
    for code, char in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(code, char)
    return text


def hostile_guide(root: Path) -> dict[str, Path]:
    contacts = root / "content/contacts"
    names = {
        "comma": "Doe, Jane.yml",
        "newline": "a\n::warning file=x.yml::pwned.yml",
        "escape": "\x1b[31mred\x1b]0;title\x07.yml",
        "bidi": "ann\u202egpj.yml",
    }
    return {k: write(contacts / n, "name: X\n") for k, n in names.items()}


def test_check_github_format_keeps_hostile_file_names_whole(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = hostile_guide(guide_dir)
    assert main(["check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(line.startswith("::error file=") for line in lines), lines
    named = set()
    for line in lines:
        properties = line[len("::error ") :].split("::", 1)[0]
        values = dict(item.split("=", 1) for item in properties.split(","))
        assert set(values) == {"file", "line", "col"}
        named.add(unescape_property(values["file"]))
    # line breaks travel as %0A; other control characters and bidi controls are shown
    # as escapes, never raw in a CI log
    assert {f"content/contacts/{visible_lines(p.name)}" for p in files.values()} <= named


def test_terminal_output_shows_control_characters_as_escapes(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_guide(guide_dir)
    write(
        guide_dir / "content/contacts/bo-park.yml",
        'name: Bo Park\nmeeting:\n  status: "\\e[2J\\u009b31m\\u202ebad"\n',
    )
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    for text in (out, err):
        for char in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert char not in text
    assert "content/contacts/\\x1b[31mred\\x1b]0;title\\x07.yml:1:1: error:" in out
    assert "content/contacts/a\\x0a::warning file=x.yml::pwned.yml:1:1: error:" in out
    assert "ann\\u202egpj.yml" in out
    assert "\\x1b[2J\\x9b31m\\u202ebad" in out
    assert len(out.splitlines()) == 5


def test_json_format_keeps_names_exact(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = hostile_guide(guide_dir)
    main(["check", "--format", "json"])
    paths = {p["path"] for p in json.loads(capsys.readouterr().out)}
    assert {f"content/contacts/{p.name}" for p in files.values()} <= paths


def test_visible_keeps_text_and_tabs() -> None:
    assert visible("Zoë Núñez\tok — 😀") == "Zoë Núñez\tok — 😀"
    assert visible("a\rb\x00c\x7f\u2066") == "a\\x0db\\x00c\\x7f\\u2066"


def test_command_errors_are_escaped(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(guide_dir / "alumni.csv", "Name,Consent\nAnn Lee,\x1b[2Jmaybe\n")
    assert main(["import", "alumni.csv"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "consent `\\x1b[2Jmaybe` is not yes or no" in err


# --- item 15: file-system errors are one line, never a traceback ----------------------------


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("prepguide:")]
    assert "Traceback" not in err
    assert len(lines) == 1, err
    return lines[0]


def test_status_in_a_read_only_folder(
    guide_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(guide_dir / "content/contacts/ann-lee.yml", "name: Ann Lee\n")

    def denied(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(path.parent))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    assert main(["status", "ann-lee", "met"]) == 1
    line = one_line_error(capsys.readouterr().err)
    assert "ann-lee.yml" in line and "Permission denied" in line
    assert path.read_text(encoding="utf-8") == "name: Ann Lee\n"


@pytest.mark.parametrize("where", ["mkdir", "open"])
def test_new_in_a_read_only_folder(
    guide_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    real = getattr(Path, where)

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        if "contacts" in self.parts and (where == "mkdir" or "x" in str(args[:1])):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, where, denied)
    assert main(["new", "contact", "Ann Lee"]) == 1
    line = one_line_error(capsys.readouterr().err)
    assert "contacts" in line and "Read-only file system" in line


def test_import_into_a_full_disk(
    guide_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide_dir / "alumni.csv", "Name\nAnn Lee\nBo Park\n")
    real = Path.open

    def full(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode == "x" and self.name == "bo-park.yml":
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", full)
    assert main(["import", "alumni.csv"]) == 1
    out, err = capsys.readouterr()
    assert out == ""  # all or nothing (issue 15): ann-lee.yml was removed again
    assert not (guide_dir / "content/contacts/ann-lee.yml").exists()
    line = one_line_error(err)
    assert line == (
        "prepguide: cannot write content/contacts/bo-park.yml, so nothing was imported: "
        "No space left on device; the disk is full; free some space and run the command again"
    )


def test_any_command_turns_an_os_error_into_one_line(
    guide_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from prepguide.cli.commands import check

    def denied(*args: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", "content/contacts/\x1bx.yml")

    monkeypatch.setattr(check, "load_guide", denied)
    assert main(["check"]) == 1
    line = one_line_error(capsys.readouterr().err)
    assert line.startswith("prepguide: content/contacts/\\x1bx.yml: Permission denied; ")


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(PYTHON).with_name("prepguide")), *args],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_file_where_the_contacts_folder_should_be(tmp_path: Path) -> None:
    """A real failure even as root: `content/contacts` is a file, not a folder."""
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    write(tmp_path / "content/contacts", "not a folder\n")
    write(tmp_path / "alumni.csv", "Name\nAnn Lee\n")
    for args in (("new", "contact", "Ann Lee"), ("import", "alumni.csv")):
        result = run_cli(tmp_path, *args)
        assert result.returncode == 1, result.stderr
        line = one_line_error(result.stderr)
        assert "content/contacts" in line
    assert (tmp_path / "content/contacts").read_text() == "not a folder\n"


def test_a_folder_where_the_contact_file_should_be(tmp_path: Path) -> None:
    """`status` on an id whose file is a folder: a one-line answer."""
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    (tmp_path / "content/contacts/ann-lee.yml").mkdir(parents=True)
    result = run_cli(tmp_path, "status", "ann-lee", "met")
    assert result.returncode == 1
    one_line_error(result.stderr)
