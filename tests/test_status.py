"""``prepguide status``: in-place edits that change only the lines they must."""

from __future__ import annotations

import difflib
import itertools
import os
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prepguide.cli import main
from prepguide.guide.corpus import CorpusLoader
from prepguide.write import file_edit
from prepguide.write.edit import (
    MEETING_ORDER,
    EditError,
    parse_status,
    parse_when,
)
from prepguide.write.yaml_edit import update_section

from .conftest import write


def diff(before: bytes, after: bytes) -> tuple[list[bytes], list[bytes]]:
    """Lines removed and added (line endings and BOM included)."""
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    removed: list[bytes] = []
    added: list[bytes] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, False).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def status(
    root: Path,
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
) -> int:
    monkeypatch.chdir(root)
    return main(["status", *args])


def contact_file(root: Path, ident: str, text: str | bytes) -> Path:
    path = root / "content" / "contacts" / f"{ident}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


# --- the example guide ------------------------------------------------------------------------


def test_status_changes_one_line(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = guide / "content/contacts/joan-whitcombe.yml"
    before = path.read_bytes()
    assert status(guide, monkeypatch, "joan-whitcombe", "thanked") == 0
    assert diff(before, path.read_bytes()) == ([b"  status: met\n"], [b"  status: thanked\n"])
    assert capsys.readouterr().out == (
        "content/contacts/joan-whitcombe.yml: meeting.status met → thanked\n"
    )


def test_scheduled_with_date(guide: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = guide / "content/contacts/jonah-nakamura-reid.yml"
    before = path.read_bytes()
    assert (
        status(guide, monkeypatch, "jonah-nakamura-reid", "scheduled", "--date", "2026-12-04 15:30")
        == 0
    )
    removed, added = diff(before, path.read_bytes())
    assert removed == [b"  status: requested\n"]
    # The new field goes after `requested`, in the usual order of meeting fields.
    assert added == [b"  status: scheduled\n", b"  date: 2026-12-04 15:30\n"]
    text = path.read_text(encoding="utf-8")
    assert text.index("requested: 2026-11-10") < text.index("date: 2026-12-04 15:30")
    corpus = CorpusLoader().load(guide / "content")
    assert not corpus.errors
    meeting = corpus.contacts["jonah-nakamura-reid"].meeting
    assert meeting.status == "scheduled"
    assert meeting.date == datetime(2026, 12, 4, 15, 30)


def test_requested_records_today(guide: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = guide / "content/contacts/colette-varga.yml"
    before = path.read_bytes()
    assert status(guide, monkeypatch, "colette-varga", "requested") == 0
    removed, added = diff(before, path.read_bytes())
    assert removed == [b"  status: researching\n"]
    # today comes from mkdocs.yml (`today: 2026-11-26`).
    assert added == [b"  status: requested\n", b"  requested: 2026-11-26\n"]


def test_requested_with_date_sets_requested_not_date(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = guide / "content/contacts/beatriz-olmstead.yml"
    before = path.read_bytes()
    assert (
        status(guide, monkeypatch, "beatriz-olmstead", "requested", "--date", "2026-11-20 09:15")
        == 0
    )
    _removed, added = diff(before, path.read_bytes())
    assert added == [b"  status: requested\n", b"  requested: 2026-11-20\n"]
    assert "records the day only" in capsys.readouterr().err


def test_same_status_writes_nothing(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = guide / "content/contacts/joan-whitcombe.yml"
    stamp = path.stat().st_mtime_ns
    assert status(guide, monkeypatch, "joan-whitcombe", "met") == 0
    assert path.stat().st_mtime_ns == stamp
    assert "already met; nothing changed" in capsys.readouterr().out


def test_every_example_contact_and_status(guide: Path) -> None:
    """Each status on each example contact changes only meeting lines."""
    for path in sorted((guide / "content/contacts").glob("*.yml")):
        raw = path.read_bytes()
        for name in ("researching", "scheduled", "closed"):
            result = update_section(raw, "meeting", {"status": name}, order=MEETING_ORDER)
            assert result.exact
            removed, added = diff(raw, result.data)
            assert all(line.startswith(b"  status: ") for line in removed + added), path


# --- user errors ------------------------------------------------------------------------------


def test_bad_status_is_exit_1_with_suggestion(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = guide / "content/contacts/joan-whitcombe.yml"
    before = path.read_bytes()
    assert status(guide, monkeypatch, "joan-whitcombe", "sheduled") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "`sheduled` is not a status" in err
    assert "researching, to-contact, requested, scheduled, met, thanked, closed" in err
    assert "did you mean `scheduled`?" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("when", ["tomorrow", "2026-02-30", "2026-12-04 25:00", "04/12/2026"])
def test_bad_date_is_exit_1(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], when: str
) -> None:
    assert status(guide, monkeypatch, "joan-whitcombe", "scheduled", "--date", when) == 1
    err = capsys.readouterr().err
    assert err.startswith("prepguide: ") and err.count("\n") == 1
    assert f"`{when}`" in err


def test_unknown_id_suggests(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert status(guide, monkeypatch, "joan-whitcomb", "met") == 1
    assert "did you mean `joan-whitcombe`?" in capsys.readouterr().err
    assert status(guide, monkeypatch, "Joan", "met") == 1
    assert "did you mean `joan-whitcombe`?" in capsys.readouterr().err
    assert status(guide, monkeypatch, "zzz-qqq", "met") == 1
    assert "prepguide new contact" in capsys.readouterr().err


def test_missing_arguments_exit_2(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        status(guide, monkeypatch, "joan-whitcombe")
    assert exc.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_refuses_when_result_would_be_invalid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = contact_file(tmp_path, "ann-lee", "name: Ann Lee\nmeeting:\n  duration: 500\n")
    before = path.read_bytes()
    assert status(tmp_path, monkeypatch, "ann-lee", "scheduled") == 1
    err = capsys.readouterr().err
    assert "would not be valid" in err and "between 5 and 120" in err
    assert path.read_bytes() == before


def test_refuses_a_file_that_does_not_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = contact_file(tmp_path, "ann-lee", "name: Ann Lee\nname: Twice\n")
    assert status(tmp_path, monkeypatch, "ann-lee", "met") == 1
    assert "duplicate key" in capsys.readouterr().err
    assert path.read_text() == "name: Ann Lee\nname: Twice\n"


def test_refuses_a_meeting_that_is_not_a_mapping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    contact_file(tmp_path, "ann-lee", "name: Ann Lee\nmeeting: soon\n")
    assert status(tmp_path, monkeypatch, "ann-lee", "met") == 1
    assert "`meeting` must be a mapping" in capsys.readouterr().err


# --- concurrent changes and atomic writes ---------------------------------------------


def test_concurrent_modification_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = contact_file(tmp_path, "ann-lee", "name: Ann Lee\nmeeting:\n  status: to-contact\n")
    other = "name: Ann Lee\nrole: Editor\nmeeting:\n  status: to-contact\n"

    def meddle(target: Path) -> None:
        target.write_text(other, encoding="utf-8")  # another program saves the file

    monkeypatch.setattr(file_edit, "_before_write", meddle)
    assert status(tmp_path, monkeypatch, "ann-lee", "requested") == 1
    assert "changed on disk" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == other
    assert sorted(p.name for p in path.parent.iterdir()) == ["ann-lee.yml"]


def test_same_content_but_new_mtime_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = contact_file(tmp_path, "ann-lee", "name: Ann Lee\n")

    def touch(target: Path) -> None:
        st = target.stat()
        os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))

    monkeypatch.setattr(file_edit, "_before_write", touch)
    assert status(tmp_path, monkeypatch, "ann-lee", "met") == 1
    assert path.read_text() == "name: Ann Lee\n"


def test_write_keeps_permissions_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = contact_file(tmp_path, "ann-lee", "name: Ann Lee\n")
    path.chmod(0o640)
    assert status(tmp_path, monkeypatch, "ann-lee", "met") == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["ann-lee.yml"]
    assert path.read_text() == "name: Ann Lee\nmeeting:\n  status: met\n"


# --- formatting kept ------------------------------------------------------------------------------

COMMENTED = """\
# yaml-language-server: $schema=../../schemas/contact.schema.json
# A person.

name:   "Ann O'Lee"   # odd spacing and quotes stay
organization: 'acme'
tags: [one,  two]
referrals:
- a-person
- "Someone Else"
meeting:
    status:    requested   # asked on the 10th
    requested: '2026-11-10'
    duration:  30  # minutes

# About the notes
notes: "caf\\u00e9 ~ \\t"
pronouns:
role: ~
"""


def test_comments_quotes_and_spacing_survive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "content/organizations/acme.yml", "name: Acme\n")
    path = contact_file(tmp_path, "ann-olee", COMMENTED)
    before = path.read_bytes()
    assert status(tmp_path, monkeypatch, "ann-olee", "scheduled", "--date", "2026-12-04 15:30") == 0
    removed, added = diff(before, path.read_bytes())
    assert removed == [b"    status:    requested   # asked on the 10th\n"]
    assert added == [
        b"    status: scheduled      # asked on the 10th\n",
        b"    date: 2026-12-04 15:30\n",
    ]


def test_quoted_value_keeps_its_quotes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = contact_file(tmp_path, "ann-olee", COMMENTED)
    before = path.read_bytes()
    assert status(tmp_path, monkeypatch, "ann-olee", "requested", "--date", "2026-11-24") == 0
    removed, added = diff(before, path.read_bytes())
    assert removed == [b"    requested: '2026-11-10'\n"]
    assert added == [b"    requested: '2026-11-24'\n"]


def test_flow_style_meeting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "name: Ann Lee\nmeeting: {status: requested, requested: 2026-11-10}  # flow\ntags: [x]\n"
    path = contact_file(tmp_path, "ann-lee", text)
    assert status(tmp_path, monkeypatch, "ann-lee", "scheduled", "--date", "2026-12-04 15:30") == 0
    removed, added = diff(text.encode(), path.read_bytes())
    assert removed == [b"meeting: {status: requested, requested: 2026-11-10}  # flow\n"]
    [line] = added
    assert line.startswith(
        b'meeting: {status: scheduled, requested: 2026-11-10, date: "2026-12-04 15:30"}'
    )
    assert line.endswith(b" # flow\n")
    corpus = CorpusLoader().load(tmp_path / "content")
    assert corpus.contacts["ann-lee"].meeting.date == datetime(2026, 12, 4, 15, 30)


def test_crlf_and_bom_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\ufeff# notes\r\nname: Ann Lee\r\nmeeting:\r\n  status: to-contact\r\n\r\ntags:\r\n  - x\r\n"
    raw = text.encode("utf-8")
    path = contact_file(tmp_path, "ann-lee", raw)
    assert status(tmp_path, monkeypatch, "ann-lee", "met", "--date", "2026-11-20 10:00") == 0
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf# notes\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert diff(raw, after) == (
        [b"  status: to-contact\r\n"],
        [b"  status: met\r\n", b"  date: 2026-11-20 10:00\r\n"],
    )


def test_meeting_created_when_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "name: Ann Lee\n\ntags:\n  - x\n\n# the end\n"
    path = contact_file(tmp_path, "ann-lee", text)
    assert status(tmp_path, monkeypatch, "ann-lee", "scheduled", "--date", "2026-12-04") == 0
    after = path.read_text()
    assert after == (
        "name: Ann Lee\n\ntags:\n  - x\n\nmeeting:\n  status: scheduled\n  date: 2026-12-04\n"
        "\n# the end\n"
    )
    removed, _added = diff(text.encode(), after.encode())
    assert removed == []


def test_meeting_created_in_a_file_without_final_newline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = contact_file(tmp_path, "ann-lee", "name: Ann Lee")
    assert status(tmp_path, monkeypatch, "ann-lee", "met") == 0
    assert path.read_text() == "name: Ann Lee\nmeeting:\n  status: met\n"


def test_empty_meeting_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = contact_file(tmp_path, "ann-lee", "name: Ann Lee\nmeeting:  # to fill\nnotes: hi\n")
    assert status(tmp_path, monkeypatch, "ann-lee", "met") == 0
    assert path.read_text() == "name: Ann Lee\nmeeting:  # to fill\n  status: met\nnotes: hi\n"


def test_new_field_after_a_commented_last_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "name: Ann Lee\nmeeting:\n  status: to-contact  # soon\n\n# About the notes\nnotes: hi\n"
    path = contact_file(tmp_path, "ann-lee", text)
    assert status(tmp_path, monkeypatch, "ann-lee", "scheduled", "--date", "2026-12-04 15:30") == 0
    assert path.read_text() == (
        "name: Ann Lee\nmeeting:\n  status: scheduled   # soon\n  date: 2026-12-04 15:30\n"
        "\n# About the notes\nnotes: hi\n"
    )


def test_mixed_sequence_indentation_is_left_alone() -> None:
    text = (
        "name: Ann Lee\n"
        "goals:\n- one\n- two\n"
        "questions:\n    - three\n    - four\n"
        "background:\n  interests:\n      - five\n"
        "meeting:\n  status: to-contact\n"
    )
    result = update_section(text.encode(), "meeting", {"status": "met"}, order=MEETING_ORDER)
    assert result.exact
    assert diff(text.encode(), result.data) == ([b"  status: to-contact\n"], [b"  status: met\n"])


@pytest.mark.parametrize(
    ("indent", "offset", "newline", "bom", "quote"),
    list(itertools.product((2, 4), (0, 2), ("\n", "\r\n"), (False, True), ("", "'", '"'))),
)
def test_styles_matrix(indent: int, offset: int, newline: str, bom: bool, quote: str) -> None:
    pad = " " * indent
    dash = " " * offset
    lines = [
        "# header",
        "name: Ann Lee",
        "background:",
        f"{pad}interests:",
        f"{pad}{dash}- reading   # a hobby",
        f"{pad}{dash}- {quote}long walks{quote}",
        "",
        "meeting:",
        f"{pad}status: {quote}requested{quote}",
        f"{pad}requested: {quote}2026-11-10{quote}",
        f"{pad}duration: 45",
        "tags:",
        f"{dash}- one",
    ]
    text = ("\ufeff" if bom else "") + newline.join(lines) + newline
    raw = text.encode("utf-8")
    updates = {"status": "scheduled", "date": "2026-12-04 15:30"}
    result = update_section(raw, "meeting", updates, order=MEETING_ORDER)
    assert result.exact
    removed, added = diff(raw, result.data)
    eol = newline.encode()
    assert removed == [f"{pad}status: {quote}requested{quote}".encode() + eol]
    assert added == [
        f"{pad}status: {quote}scheduled{quote}".encode() + eol,
        f"{pad}date: 2026-12-04 15:30".encode() + eol,
    ]


# --- the helpers ----------------------------------------------------------------------------------


def test_parse_when() -> None:
    assert parse_when("2026-12-04") == date(2026, 12, 4)
    assert parse_when("2026-12-04 15:30") == datetime(2026, 12, 4, 15, 30)
    assert parse_when("2026-12-04T09:05") == datetime(2026, 12, 4, 9, 5)
    with pytest.raises(EditError):
        parse_when("2026-12-04 15:30:00")


def test_parse_status() -> None:
    assert parse_status("to-contact") == "to-contact"
    with pytest.raises(EditError, match="did you mean `thanked`"):
        parse_status("thankd")


def test_update_section_refuses_non_mapping_file() -> None:
    with pytest.raises(EditError):
        update_section(b"- a\n- b\n", "meeting", {"status": "met"})


@pytest.mark.parametrize(
    ("text", "removed", "added"),
    [
        (
            "---\nname: X\nmeeting:\n  status: met\n...\n",
            ["  status: met\n"],
            ["  status: scheduled\n", "  date: 2026-12-04 15:30\n"],
        ),
        (
            "%YAML 1.2\n---\nname: X\n",
            [],
            ["meeting:\n", "  status: scheduled\n", "  date: 2026-12-04 15:30\n"],
        ),
        (
            "name: X\nmeeting:\n  place: >-\n    Room 4,\n    second floor\n  duration:   30\n",
            [],
            ["  status: scheduled\n", "  date: 2026-12-04 15:30\n"],
        ),
        (
            "name: X\nmeeting:\n  # the plan\n  duration: 30\n",
            [],
            ["  status: scheduled\n", "  date: 2026-12-04 15:30\n"],
        ),
        (
            "name: &who X\nnotes: *who\nmeeting:\n  status: met\n  date: '2026-11-03 10:00'  # old\n",
            ["  status: met\n", "  date: '2026-11-03 10:00'  # old\n"],
            ["  status: scheduled\n", "  date: '2026-12-04 15:30'  # old\n"],
        ),
    ],
)
def test_markers_block_scalars_and_anchors(text: str, removed: list[str], added: list[str]) -> None:
    updates = {"status": "scheduled", "date": "2026-12-04 15:30"}
    result = update_section(text.encode(), "meeting", updates, order=MEETING_ORDER)
    assert result.exact
    assert diff(text.encode(), result.data) == (
        [line.encode() for line in removed],
        [line.encode() for line in added],
    )


# --- property: any style of file, only meeting lines change ----------------------------------


@st.composite
def contact_files(draw: st.DrawFn) -> tuple[str, bool]:
    """A valid contact file in a random style; and whether it has a block `meeting`."""
    pad = " " * draw(st.sampled_from((2, 4)))
    dash = " " * draw(st.sampled_from((0, 2)))
    quote = draw(st.sampled_from(("", "'", '"')))
    words = st.sampled_from(("alpha", "beta gamma", "delta-epsilon", "zeta"))

    def q(text: str) -> str:
        return f"{quote}{text}{quote}"

    def filler() -> list[str]:
        lines = []
        if draw(st.booleans()):
            lines.append("")
        if draw(st.booleans()):
            lines.append(f"# {draw(words)}")
        return lines

    def comment() -> str:
        return f"  # {draw(words)}" if draw(st.booleans()) else ""

    entries: list[list[str]] = [[f"name: {q('Ann Lee')}{comment()}"]]
    if draw(st.booleans()):
        entries.append([f"role: {q(draw(words))}{comment()}"])
    if draw(st.booleans()):
        items = draw(st.lists(words, min_size=1, max_size=3))
        if draw(st.booleans()):
            entries.append([f"tags: [{', '.join(items)}]"])
        else:
            entries.append(["tags:", *(f"{dash}- {q(i)}{comment()}" for i in items)])
    if draw(st.booleans()):
        entries.append(["notes: |", f"{pad}{draw(words)}", f"{pad}{draw(words)}"])
    if draw(st.booleans()):
        entries.append(
            ["connection:", f"{pad}type: friend{comment()}", f"{pad}story: {q(draw(words))}"]
        )
    kind = draw(st.sampled_from(("none", "block", "flow", "empty")))
    block = False
    if kind == "block":
        keys = draw(
            st.lists(st.sampled_from(("status", "requested", "duration", "format")), unique=True)
        )
        values = {
            "status": q("to-contact"),
            "requested": q("2026-11-10"),
            "duration": "30",
            "format": q("video"),
        }
        if keys:
            entries.append(["meeting:", *(f"{pad}{k}: {values[k]}{comment()}" for k in keys)])
            block = True
        else:
            entries.append(["meeting:"])
    elif kind == "flow":
        entries.append(["meeting: {status: to-contact, duration: 30}" + comment()])
    elif kind == "empty":
        entries.append(["meeting:" + comment()])
    order = draw(st.permutations(entries))
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append("# yaml-language-server: $schema=contact.schema.json")
    for entry in order:
        lines += filler() + entry
    lines += filler()
    newline = draw(st.sampled_from(("\n", "\r\n")))
    bom = "\ufeff" if draw(st.booleans()) else ""
    return bom + newline.join(lines) + newline, block


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    contact_files(),
    st.sampled_from(("researching", "requested", "scheduled", "met")),
    st.one_of(st.none(), st.just("2026-12-04 15:30"), st.just(date(2026, 12, 4))),
)
def test_any_style_only_meeting_lines_change(
    file: tuple[str, bool], new_status: str, when: object
) -> None:
    from prepguide.read.loader import load_bytes

    text, block = file
    raw = text.encode("utf-8")
    updates: dict[str, object] = {"status": new_status}
    if when is not None:
        updates["date"] = when
    result = update_section(raw, "meeting", updates, order=MEETING_ORDER)
    assert result.exact
    before = load_bytes(raw, "x.yml").data
    after = load_bytes(result.data, "x.yml").data
    meeting = dict(before.get("meeting") or {})
    meeting["status"] = new_status
    if when is not None:
        meeting["date"] = when.isoformat() if isinstance(when, date) else when
    assert after == {**before, "meeting": meeting}
    removed, _added = diff(raw, result.data)
    edited = (b"status:", b"date:", b"meeting:")
    for line in removed:
        assert line.lstrip(b"\xef\xbb\xbf").strip().startswith(edited), (text, line)
    if block:
        assert len(removed) <= 2
    assert result.data.startswith(b"\xef\xbb\xbf") == text.startswith("\ufeff")
    if "\r\n" in text:
        assert b"\n" not in result.data.replace(b"\r\n", b"")
