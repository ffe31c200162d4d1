"""Attack review of issue 13, findings 4, 9 and part of 10: consent columns in `import`,
control characters in `todo` and in GitHub annotations, invisible names, dangling links."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import regress
from pydantic import ValidationError

from prepguide.cli import main
from prepguide.errors import Problem
from prepguide.guide.corpus import CorpusLoader
from prepguide.read.model import Contact, Organization, Profile
from prepguide.read.schema import SCHEMA_DIR

from .conftest import MINIMAL_MKDOCS, write

RAW = ("\x1b", "\x07", "\r", "\u202e", "\x9b")
"""Characters that must never reach a terminal or a CI log raw."""


@pytest.fixture
def guide_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    (tmp_path / "content" / "contacts").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- finding 9: `prepguide todo` shows control characters as escapes ------------------------

HOSTILE_NOTE = "Send \x1b[41mBG\x1b[0m \u202ething\r\nFAKE LINE"


def _todo_guide(root: Path) -> None:
    write(root / "content/organizations/evil.yml", 'name: "Evil \\ufeffCorp"\n')
    write(
        root / "content/contacts/ann-lee.yml",
        'name: "Ann \\ufeffLee"\n'
        "organization: evil\n"
        "meeting:\n"
        "  status: scheduled\n"
        "  date: 2026-12-02 12:30\n"
        "  format: video\n"
        "follow_up:\n"
        "  - date: 2026-11-20\n"
        f"    note: {json.dumps(HOSTILE_NOTE)}\n",
    )


def test_todo_text_shows_control_characters_as_escapes(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _todo_guide(guide_dir)
    assert main(["todo"]) == 0
    out = capsys.readouterr().out
    for char in RAW:
        assert char not in out, repr(char)
    assert "FAKE LINE" not in out.splitlines()[2:]  # no line of its own
    assert "Ann \\ufeffLee — Send \\x1b[41mBG\\x1b[0m \\u202ething\\x0d\\x0aFAKE LINE" in out
    assert "Ann \\ufeffLee (Evil \\ufeffCorp) — video" in out


def test_todo_json_keeps_the_strings_exact(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _todo_guide(guide_dir)
    assert main(["todo", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"][0]["message"] == HOSTILE_NOTE
    assert data["due"][0]["name"] == "Ann \ufeffLee"
    assert data["upcoming"][0]["organization"] == "Evil \ufeffCorp"


# --- finding 10a: GitHub annotations never carry raw control characters --------------------


def test_github_annotation_shows_control_characters_as_escapes() -> None:
    problem = Problem(
        "content/contacts/\x1b[31mred\x07\u202e, x.yml", 2, 3, "error", "bad \x1b]0;t\x07\u202e%\n"
    )
    line = problem.format_github()
    for char in (*RAW, "\n"):
        assert char not in line, repr(char)
    assert line == (
        "::error file=content/contacts/\\x1b[31mred\\x07\\u202e%2C x.yml,line=2,col=3"
        "::bad \\x1b]0;t\\x07\\u202e%25%0A"
    )


def test_check_github_format_on_hostile_file_names(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide_dir / "content/contacts/\x1b[31mred\x07.yml", "name: X\n")
    write(guide_dir / "content/contacts/ann\u202egpj.yml", "name: X\n")
    assert main(["check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    for char in RAW:
        assert char not in out, repr(char)
    assert "file=content/contacts/\\x1b[31mred\\x07.yml," in out
    assert "file=content/contacts/ann\\u202egpj.yml," in out


# --- finding 10b: a name shows at least one character -------------------------------------

INVISIBLE_NAMES = {
    "zero-width space": "\u200b",
    "byte-order mark": "\ufeff",
    "word joiner": "\u2060",
    "several": "\u200b\ufeff\u2060\u200d",
    "combining marks": "\u0301\u0308",
    "marks and spaces": " \u0301 \u200b ",
    "ideographic space": "\u3000",
    "spaces": "   ",
    "hangul filler": "\u3164",
    "braille blank": "\u2800",
    "tag characters": "\U000e0041\U000e0042",
    "variation selector": "\ufe0f",
    "bidi override": "\u202e",
}
VISIBLE_NAMES = {
    "latin": "Dana",
    "with zero-width space": "Da\u200bna",
    "accent": "e\u0301",
    "cjk": "李",
    "devanagari": "कि",
    "emoji": "🦄",
    "digit": "7",
    "symbol": "★",
    "hangul": "한",
}


def _name_pattern(kind: str) -> str:
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return str(schema["properties"]["name"]["pattern"])


def _accepted(model: Any, name: str) -> bool:
    data = {"name": name} if model is Profile else {"name": name, "id": "x"}
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("model", [Contact, Organization, Profile])
@pytest.mark.parametrize(
    ("name", "valid"),
    [(n, False) for n in INVISIBLE_NAMES.values()] + [(n, True) for n in VISIBLE_NAMES.values()],
    ids=[f"invisible-{k}" for k in INVISIBLE_NAMES] + [f"visible-{k}" for k in VISIBLE_NAMES],
)
def test_a_name_needs_a_visible_character(model: Any, name: str, valid: bool) -> None:
    """The model, the schema with Python's regular expressions and with ECMA-262's agree."""
    kind = {Contact: "contact", Organization: "organization", Profile: "profile"}[model]
    pattern = _name_pattern(kind)
    assert _accepted(model, name) is valid
    assert (re.search(pattern, name) is not None) is valid
    assert (regress.Regex(pattern, flags="u").find(name) is not None) is valid


def test_check_refuses_an_invisible_name(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide_dir / "content/contacts/ghost.yml", 'name: "\\u200b"\n')
    write(guide_dir / "content/organizations/void.yml", 'name: "\\ufeff\\u2060"\n')
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "content/contacts/ghost.yml:1:7: error: `name`: this name shows nothing" in out
    assert "content/organizations/void.yml:1:7: error: `name`: this name shows nothing" in out
    assert "U+FEFF U+2060" in out
    corpus = CorpusLoader().load(guide_dir / "content", guide_dir)
    assert "ghost" not in corpus.contacts


# --- finding 4: a consent column is never ignored; public needs consent ---------------------


def _import(root: Path, text: str, *args: str) -> int:
    write(root / "alumni.csv", text)
    return main(["import", "alumni.csv", *args])


def _visibility(root: Path) -> dict[str, str]:
    corpus = CorpusLoader().load(root / "content", root)
    assert corpus.problems == []
    return {cid: c.visibility for cid, c in corpus.contacts.items()}


@pytest.mark.parametrize(
    "header",
    [
        "Consent (Y/N)",  # the report's file
        "Consent given",
        "Consent to share",
        "Listing consent",
        "Agreed to be listed?",
        "Agree to be published",
        "Permission to publish",
        "Opt-in",
        "Listed in directory",
        "CONSENTS",
    ],
)
def test_a_consent_header_is_recognised(
    guide_dir: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    code = _import(
        guide_dir,
        f'"{header}",Name,Visibility\nno,Jo Onsen,public\nyes,Al Bo,\nno,Cy Diaz,\n',
    )
    err = capsys.readouterr().err
    assert code == 1, err  # Jo Onsen's row: consent no, visibility public
    assert "alumni.csv:2:1: error: row refused: visibility `public` contradicts consent `no`" in err
    assert "ignored columns" not in err
    assert _visibility(guide_dir) == {"al-bo": "public", "cy-diaz": "private"}


def test_the_reports_file_is_refused_not_published(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(guide_dir, "Consent (Y/N),Name,Visibility\nno,Jo Onsen,public\n") == 1
    err = capsys.readouterr().err
    assert "column `Consent (Y/N)` read as consent" in err
    assert not (guide_dir / "content/contacts/jo-onsen.yml").exists()


@pytest.mark.parametrize(
    ("header", "negated"),
    [
        ("Share publicly?", False),
        ("Privacy", False),
        ("GDPR", False),
        ("Public", False),
        ("Do not publish", True),
        ("Don't list", True),
        ("Do not share", True),
        ("Opt-out", True),
        ("Unlisted", True),
        ("Consent withdrawn", True),
    ],
)
def test_a_consent_like_column_that_is_not_read_refuses_the_file(
    guide_dir: Path, capsys: pytest.CaptureFixture[str], header: str, negated: bool
) -> None:
    assert _import(guide_dir, f'"{header}",Name,Visibility\nno,Jo Onsen,public\n') == 2
    err = capsys.readouterr().err
    assert f"alumni.csv:1:1: error: column `{header}`" in err
    assert "nothing imported" in err
    if negated:
        assert "seems to say who must NOT be published" in err
    else:
        assert f'--map "{header}=consent"' in err
    assert not (guide_dir / "content/contacts/jo-onsen.yml").exists()


def test_the_refusal_names_the_map_that_reads_the_column(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Share publicly?,Name,Visibility\nno,Jo Onsen,public\nyes,Al Bo,\n"
    assert _import(guide_dir, text) == 2
    capsys.readouterr()
    assert _import(guide_dir, text, "--map", "Share publicly?=consent") == 1
    assert "visibility `public` contradicts consent `no`" in capsys.readouterr().err
    assert _visibility(guide_dir) == {"al-bo": "public"}


def test_two_consent_columns_are_never_guessed(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Name,Consent given,Consent to share\nJo Onsen,yes,no\n"
    assert _import(guide_dir, text) == 2
    err = capsys.readouterr().err
    assert "column `Consent given` may say whether" in err
    assert '--map "Consent given=consent"' in err
    # once one of them is consent, the other is still not ignored
    assert _import(guide_dir, text, "--map", "Consent given=consent") == 2
    err = capsys.readouterr().err
    assert "column `Consent to share`" in err
    assert "consent is read from `Consent given`" in err
    args = ["--map", "Consent given=consent", "--map", "Consent to share=notes"]
    assert _import(guide_dir, text, *args) == 0
    assert _visibility(guide_dir) == {"jo-onsen": "public"}


def test_an_exact_consent_column_and_another_consent_like_one(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(guide_dir, "Name,Consent,Consent date\nJo Onsen,yes,2026-01-02\n") == 2
    err = capsys.readouterr().err
    assert "column `Consent date`" in err and "consent is read from `Consent`" in err


def test_public_without_a_consent_column_is_a_row_error(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Name,Visibility\nJo Onsen,public\nAl Bo,private\nCy Diaz,\nDee Fox,Public\n"
    assert _import(guide_dir, text) == 1
    err = capsys.readouterr().err
    assert (
        "alumni.csv:2:1: error: row refused: visibility `public` but no consent column: "
        "a person is published only with their consent; add a consent column"
    ) in err
    assert "alumni.csv:5:1: error: row refused: visibility `Public` but no consent" in err
    assert _visibility(guide_dir) == {"al-bo": "private", "cy-diaz": "private"}


def test_ordinary_columns_are_still_only_ignored(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(guide_dir, "Name,Shoe size,Favourite colour\nJo Onsen,42,teal\n") == 0
    err = capsys.readouterr().err
    assert "ignored columns: Shoe size, Favourite colour" in err
    assert _visibility(guide_dir) == {"jo-onsen": "private"}


# --- finding 10c: a dangling symbolic link gets one clear message ---------------------------

DANGLING = (
    "`contacts/dangle.yml` is a symbolic link to a missing file (`nowhere`); remove it or "
    "point it at a file"
)


def test_check_names_a_dangling_link_once(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (guide_dir / "content/contacts/dangle.yml").symlink_to("nowhere")
    write(
        guide_dir / "content/contacts/bo-park.yml",
        "name: Bo Park\nconnection:\n  type: mutual\n  via: dangle\nreferrals: [dangle]\n",
    )
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [f"content/contacts/dangle.yml:1:1: error: {DANGLING}"]
    assert "rename" not in out and "did you mean" not in out and "nowhere:" not in out


def test_other_dangling_links_are_named_as_links(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (guide_dir / "content/contacts/notes.txt").symlink_to("gone.txt")
    (guide_dir / "content/contacts/old.yaml").symlink_to("gone")
    (guide_dir / "content/profile.yml").symlink_to("../elsewhere/profile.yml")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "content/contacts/notes.txt:1:1: warning: `contacts/notes.txt` is a symbolic link to "
        "a missing file (`gone.txt`); remove it or point it at a file",
        "content/contacts/old.yaml:1:1: warning: `contacts/old.yaml` is a symbolic link to a "
        "missing file (`gone`); remove it or point it at a file",
        "content/profile.yml:1:1: error: `profile.yml` is a symbolic link to a missing file "
        "(`../elsewhere/profile.yml`); remove it or point it at a file",
    ]


def test_status_and_new_name_a_dangling_link(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (guide_dir / "content/contacts/dangle.yml").symlink_to("nowhere")
    assert main(["status", "dangle", "met"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"prepguide: {DANGLING}"
    assert main(["new", "contact", "Dangle"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"prepguide: {DANGLING}, or pick another id with --id"
    assert (guide_dir / "content/contacts/dangle.yml").is_symlink()
    assert not (guide_dir / "content/contacts/nowhere").exists()


def test_a_link_broken_while_loading(guide_dir: Path) -> None:
    from prepguide.read.loader import LoadError, load_file

    link = guide_dir / "content/contacts/dangle.yml"
    link.symlink_to("nowhere")
    with pytest.raises(LoadError) as caught:
        load_file(link, "content/contacts/dangle.yml")
    assert caught.value.problem.message == (
        "`dangle.yml` is a symbolic link to a missing file (`nowhere`); remove it or point it "
        "at a file"
    )


# --- attack 3, finding 1: a negative or conditional header is never read as consent ---------

NEGATIVE_HEADERS = [
    "Withdrew consent",
    "No consent",
    "Non-consent",
    "Denied permission",
    "Permission denied",
    "Disagreed to be listed",
    "Consent to be removed",
    "Remove from listing",
    "Publish? (leave blank = yes)",
    # refused before this finding too
    "Consent withdrawn",
    "Consent revoked",
    "Refused consent",
    "Do not consent",
    "Consent not given",
    "Opted out",
    "Do not list",
    "Hidden",
    "Keep private",
    "Withdrawn",
]
OPT_OUT_HEADERS = [
    "Unpublish",
    "Exclude",
    "Object to publication",
    "Nonconsent",
    "Unconsented",
    "Dissent",
    "Disagree",
    "Right to be forgotten",
    "Delete me",
    "Confidential",
    "Restricted",
    "Suppress",
    "DNC",
    "Anonymous",
]


@pytest.mark.parametrize("header", NEGATIVE_HEADERS + OPT_OUT_HEADERS)
def test_a_negative_header_alone_is_refused(
    guide_dir: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    assert _import(guide_dir, f'Name,"{header}"\nAnn Example,yes\n') == 2
    err = capsys.readouterr().err
    assert f"alumni.csv:1:1: error: column `{header}` seems to say who must NOT be published" in err
    assert "nothing imported" in err
    assert not (guide_dir / "content/contacts/ann-example.yml").exists()


@pytest.mark.parametrize("header", NEGATIVE_HEADERS + OPT_OUT_HEADERS)
def test_an_opt_out_next_to_a_consent_column_is_refused(
    guide_dir: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    text = f'Name,Consent,"{header}"\nAnn Example,yes,yes\n'
    assert _import(guide_dir, text) == 2
    err = capsys.readouterr().err
    assert f"column `{header}` seems to say who must NOT be published" in err
    assert "reads only the consent column `Consent`" in err
    assert f'--map "{header}=notes"' in err
    assert not (guide_dir / "content/contacts/ann-example.yml").exists()
    # mapped explicitly, the user has decided: the consent column alone decides
    assert _import(guide_dir, text, "--map", f"{header}=notes") == 0
    assert _visibility(guide_dir) == {"ann-example": "public"}


def test_a_negative_header_mapped_as_consent_is_the_users_choice(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = 'Name,"Publish? (leave blank = yes)"\nAnn Example,yes\nBo Park,\n'
    assert _import(guide_dir, text, "--map", "Publish? (leave blank = yes)=consent") == 0
    assert _visibility(guide_dir) == {"ann-example": "public", "bo-park": "private"}


@pytest.mark.parametrize(
    "header", ["Consent (yes/no)", "Consent (Y/N)", "Consent? Yes or no", "Publish (true/false)"]
)
def test_the_answers_a_header_spells_are_no_negation(
    guide_dir: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    assert _import(guide_dir, f'Name,"{header}"\nAnn Example,yes\nBo Park,no\n') == 0
    assert f"column `{header}` read as consent" in capsys.readouterr().err
    assert _visibility(guide_dir) == {"ann-example": "public", "bo-park": "private"}


@pytest.mark.parametrize("header", ["District", "Display name", "Objective", "Department"])
def test_words_that_only_look_negative_are_ignored(
    guide_dir: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    assert _import(guide_dir, f'Name,"{header}"\nAnn Example,x\n') == 0
    assert f"ignored columns: {header}" in capsys.readouterr().err


# --- attack 3, finding 2: visible() escapes line separators and format characters ---------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
        ("\ufeff", "\\ufeff"),
        ("\x85", "\\x85"),
        ("\u200b", "\\u200b"),
        ("\u200d", "\\u200d"),
        ("\u00ad", "\\xad"),
        ("\u2060", "\\u2060"),
        ("\u206a", "\\u206a"),
        ("\U000e0041", "\\U000e0041"),
        ("\u202e", "\\u202e"),
    ],
)
def test_visible_escapes_separators_and_format_characters(raw: str, escaped: str) -> None:
    from prepguide.errors import visible

    assert visible(f"a{raw}b") == f"a{escaped}b"
    problem = Problem(f"c/x{raw}.yml", 1, 1, "error", f"m{raw}")
    assert raw not in problem.format() and raw not in problem.format_github()
    assert f"c/x{escaped}.yml" in problem.format_github()


def test_visible_keeps_printable_text() -> None:
    from prepguide.errors import visible

    text = "Ana Lúcia 李 कि 🦄 ★ \t tab"
    assert visible(text) == text


def test_todo_and_check_escape_line_separators(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        guide_dir / "content/contacts/ann-lee.yml",
        'name: "Ann\\ufeffLee"\n'
        "follow_up:\n"
        "  - date: 2026-11-20\n"
        '    note: "Call\\u2028FAKE\\u2029LINE\\x85NEL"\n',
    )
    write(guide_dir / "content/contacts/bad\u2028name.yml", "name: X\nbogus: 1\n")
    main(["todo"])
    out = capsys.readouterr().out
    assert "Ann\\ufeffLee — Call\\u2028FAKE\\u2029LINE\\x85NEL" in out
    for char in ("\u2028", "\u2029", "\x85", "\ufeff"):
        assert char not in out
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "content/contacts/bad\\u2028name.yml" in out and "\u2028" not in out
    assert main(["check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "file=content/contacts/bad\\u2028name.yml" in out and "\u2028" not in out


# --- attack 3, finding 3: no bidirectional control in a name -------------------------------

BIDI_NAMES = {
    "RLO": "Ann \u202eLee",
    "RLO first": "\u202eAnn",
    "LRE": "Ann \u202aLee",
    "RLE": "Ann \u202bLee",
    "PDF": "Ann\u202c",
    "LRO": "\u202dAnn Lee",
    "LRI": "Ann \u2066Lee",
    "RLI": "Ann \u2067Lee",
    "FSI": "Ann \u2068Lee",
    "PDI": "Ann Lee\u2069",
    "LRM": "Ann\u200e Lee",
    "RLM": "Ann\u200f Lee",
    "ALM": "Ann\u061c Lee",
}


@pytest.mark.parametrize("model", [Contact, Organization, Profile])
@pytest.mark.parametrize("name", BIDI_NAMES.values(), ids=BIDI_NAMES.keys())
def test_a_name_with_a_bidi_control_is_refused(model: Any, name: str) -> None:
    """The model, the schema with Python's regular expressions and with ECMA-262's agree."""
    kind = {Contact: "contact", Organization: "organization", Profile: "profile"}[model]
    pattern = _name_pattern(kind)
    assert not _accepted(model, name)
    assert re.search(pattern, name) is None
    assert regress.Regex(pattern, flags="u").find(name) is None
    assert _accepted(model, "Ann Lee") and re.search(pattern, "Ann Lee")


def test_check_names_the_bidi_control_in_a_name(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide_dir / "content/contacts/ann.yml", 'name: "Ann \\u202eeeL"\n')
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert (
        "content/contacts/ann.yml:1:7: error: `name`: this name holds a bidirectional control "
        "character (U+202E)"
    ) in out
    assert "\u202e" not in out
