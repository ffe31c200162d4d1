"""Validation against the model, and cross-references across the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepguide.guide.corpus import CorpusLoader
from prepguide.ids import slugify
from prepguide.read.loader import load_bytes
from prepguide.read.validate import validate_document

from .conftest import EXAMPLE_CONTENT, write


def problems_of(text: str, kind: str = "contact") -> list[tuple[int, int, str]]:
    doc = load_bytes(text.encode(), "content/contacts/x.yml")
    model, problems = validate_document(
        doc, kind, "x" if kind in ("contact", "organization") else None
    )  # type: ignore[arg-type]
    assert (model is None) == bool(problems)
    return [(p.line, p.column, p.message) for p in problems]


def test_valid_contact_round_trip() -> None:
    doc = load_bytes(
        b"name: Dana\nmeeting:\n  status: scheduled\n  date: 2026-12-04 15:30\n  duration: 30\n",
        "f.yml",
    )
    model, problems = validate_document(doc, "contact", "dana")
    assert problems == []
    assert model.id == "dana"
    assert model.meeting.date.isoformat() == "2026-12-04T15:30:00"
    assert model.meeting.duration == 30
    assert model.visibility == "private"


def test_unknown_key_suggests_the_closest_field() -> None:
    assert problems_of("name: Dana\norganisation: acme\n") == [
        (2, 1, "`organisation`: unknown field; did you mean `organization`?")
    ]


def test_unknown_nested_key() -> None:
    assert problems_of("name: Dana\nmeeting:\n  duraton: 20\n") == [
        (3, 3, "`meeting.duraton`: unknown field; did you mean `duration`?")
    ]


def test_unknown_key_without_close_match_lists_fields() -> None:
    [(line, _, message)] = problems_of("name: Dana\nreflection:\n  zzz: 1\n")
    assert line == 3
    assert (
        message
        == "`reflection.zzz`: unknown field; known fields: still_interested, timing, next_steps"
    )


def test_enum_lists_allowed_values_and_guesses() -> None:
    assert problems_of("name: Dana\nconnection:\n  type: collegue\n") == [
        (
            3,
            9,
            "`connection.type`: `collegue` is not allowed; use one of: family, friend, colleague, "
            "mentor, alumni, mutual, conference, online, cold; did you mean `colleague`?",
        )
    ]


def test_impossible_date_at_its_line() -> None:
    assert problems_of("name: Dana\nconnection:\n  last_spoke: 2026-02-30\n") == [
        (
            3,
            15,
            "`connection.last_spoke`: `2026-02-30` is not a valid date (day value is outside "
            "expected range); write dates as YYYY-MM-DD, e.g. 2026-12-04",
        )
    ]


def test_bad_datetime() -> None:
    [(line, _, message)] = problems_of("name: Dana\nmeeting:\n  date: next tuesday\n")
    assert line == 3
    assert "is not a valid date-time" in message
    assert "YYYY-MM-DD HH:MM" in message


def test_javascript_url_is_an_error() -> None:
    assert problems_of("name: Dana\nlinkedin: javascript:alert(1)\n") == [
        (
            2,
            11,
            "`linkedin`: `javascript:alert(1)` is not an http(s) URL; write a full address such "
            "as https://example.org/",
        )
    ]


@pytest.mark.parametrize(
    "url", ["ftp://x.org/", "https://", "data:text/html,x", "https://a.org/<b>"]
)
def test_other_bad_urls(url: str) -> None:
    [(_, _, message)] = problems_of(f"name: Dana\nlinkedin: '{url}'\n")
    assert "is not an http(s) URL" in message


def test_duration_range() -> None:
    assert problems_of("name: Dana\nmeeting:\n  duration: 200\n") == [
        (3, 13, "`meeting.duration` must be between 5 and 120 minutes, not `200`")
    ]
    assert problems_of("name: Dana\nmeeting:\n  duration: 4\n")[0][2].startswith(
        "`meeting.duration` must be between 5 and 120"
    )


def test_required_field() -> None:
    assert problems_of("role: Nurse\n") == [(1, 1, "`name` is required; add a line `name: …`")]


def test_required_nested_field() -> None:
    [(line, column, message)] = problems_of("name: Dana\nfollow_up:\n  - note: call\n")
    assert (line, column) == (3, 5)
    assert message == "`follow_up[0].date` is required; add a line `date: …`"


def test_type_errors() -> None:
    assert problems_of("name: 42\n") == [
        (1, 7, "`name` must be text, not a number (`42`); put the value in quotes")
    ]
    [(_, _, message)] = problems_of("name: Dana\ngoals: learn\n")
    assert message.startswith("`goals` must be a list")
    [(_, _, message)] = problems_of("name: Dana\nmeeting: soon\n")
    assert message.startswith("`meeting` must be a mapping of fields")
    [(_, _, message)] = problems_of(
        "name: Dana\nfollow_up:\n  - {date: 2026-01-01, note: x, done: maybe}\n"
    )
    assert message == "`follow_up[0].done` must be `true` or `false`, not `maybe`"


def test_bad_reference_id() -> None:
    [(line, _, message)] = problems_of("name: Dana\nconnection:\n  via: Sam Lee\n")
    assert line == 3
    assert (
        message
        == "`connection.via`: `Sam Lee` is not an id; ids are lowercase words joined by hyphens, like `sam-lee`"
    )


def test_id_key_is_refused() -> None:
    assert problems_of("id: dana\nname: Dana\n") == [
        (1, 1, "`id`: unknown field; the id is the file name, so rename the file instead")
    ]


def test_every_problem_of_a_file_at_once() -> None:
    found = problems_of("name: Dana\nrol: x\nmeeting:\n  status: done\n  duration: 1\n")
    assert [line for line, _, _ in found] == [2, 4, 5]


def test_question_bank() -> None:
    doc = load_bytes(
        b"- id: q1\n  topic: role\n  text: What do you do?\n- id: Bad Id\n  topic: rol\n  text: x\n",
        "q.yml",
    )
    model, problems = validate_document(doc, "questions")
    assert model is None
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (4, "`[1].id`"),
        (5, "`[1].topic`"),
    ]
    assert "did you mean `role`?" in problems[1].message


def test_slugify() -> None:
    assert slugify("Grace O'Neil") == "grace-oneil"
    assert slugify("Zoë Núñez") == "zoe-nunez"
    assert slugify("  Jane   DOE!! ") == "jane-doe"


def test_example_guide_is_clean() -> None:
    corpus = CorpusLoader().load(EXAMPLE_CONTENT)
    assert corpus.problems == []
    assert len(corpus.contacts) >= 7 and len(corpus.organizations) >= 4
    assert {c.connection.type for c in corpus.contacts.values()} >= {
        "family", "friend", "colleague", "mentor", "alumni", "mutual", "conference", "online", "cold",
    }  # fmt: skip
    assert {c.meeting.status for c in corpus.contacts.values()} == {
        "researching", "to-contact", "requested", "scheduled", "met", "thanked", "closed",
    }  # fmt: skip


def make_content(root: Path) -> Path:
    content = root / "content"
    write(content / "organizations/acme.yml", "name: Acme\n")
    write(content / "contacts/dana.yml", "name: Dana\norganization: acme\n")
    return content


def test_cross_references(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    write(
        content / "contacts/sam.yml",
        "name: Sam\norganization: acmee\nconnection:\n  via: dan\nreferrals:\n  - dana\n  - lee-park\n  - Lee Park\n",
    )
    write(content / "contacts/self.yml", "name: Self\nconnection:\n  via: self\n")
    corpus = CorpusLoader().load(content, tmp_path)
    assert [p.format() for p in corpus.problems] == [
        "content/contacts/sam.yml:2:15: error: `organization`: no organization `acmee`; did you mean `acme`?",
        "content/contacts/sam.yml:4:8: error: `connection.via`: no contact `dan`; did you mean `dana`?",
        "content/contacts/sam.yml:7:5: error: `referrals[1]`: no contact `lee-park`; create content/contacts/lee-park.yml or fix the id; write a person's full name (with capitals) if they have no file yet",
        "content/contacts/self.yml:3:8: error: `connection.via`: a contact cannot introduce themselves; name who introduces you",
    ]


def test_bad_file_stem(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    write(content / "contacts/Jane Doe.yml", "name: Jane\n")
    write(content / "contacts/zoë.yml", "name: Zoë\n")
    corpus = CorpusLoader().load(content, tmp_path)
    messages = [p.format() for p in corpus.problems]
    assert (
        "content/contacts/Jane Doe.yml:1:1: error: `Jane Doe.yml` is not a valid file name: ids are lowercase words joined by hyphens; rename it to `jane-doe.yml`"
        in messages
    )
    assert any("rename it to `zoe.yml`" in m for m in messages)


def test_yaml_suffix_is_warned(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    write(content / "contacts/lee.yaml", "name: Lee\n")
    corpus = CorpusLoader().load(content, tmp_path)
    assert [p.format() for p in corpus.problems] == [
        "content/contacts/lee.yaml:1:1: warning: ignored: prepguide reads `.yml` files; rename it to `lee.yml`"
    ]


def test_duplicate_question_ids(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    write(content / "questions/a.yml", "- id: q\n  topic: role\n  text: What?\n")
    write(
        content / "questions/b.yml",
        "- id: other\n  topic: role\n  text: How?\n- id: q\n  topic: advice\n  text: Why?\n",
    )
    corpus = CorpusLoader().load(content, tmp_path)
    assert [p.format() for p in corpus.problems] == [
        "content/questions/b.yml:4:7: error: question id `q` is used twice (also in content/questions/a.yml); give each entry its own id"
    ]


def test_cache_parses_only_changed_files(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    loader = CorpusLoader()
    loader.load(content, tmp_path)
    assert loader.parsed == 2
    loader.load(content, tmp_path)
    assert loader.parsed == 2
    path = content / "contacts/dana.yml"
    path.write_text("name: Dana Whitfield\norganization: acme\n", encoding="utf-8")
    corpus = loader.load(content, tmp_path)
    assert loader.parsed == 3
    assert corpus.contacts["dana"].name == "Dana Whitfield"


def _reference_url_check(value: str) -> str | None:
    """The URL rule as the JSON Schema states it (ECMA-262 regex, as editors read it):
    the trimmed URL, or None when it is refused."""
    import json

    import regress

    from prepguide.read.fields import WHITE_SPACE_CHARS
    from prepguide.read.schema import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "organization.schema.json").read_text(encoding="utf-8"))
    pattern = schema["properties"]["website"]["anyOf"][0]["pattern"]
    if regress.Regex(pattern, flags="u").find(value) is None:
        return None
    return value.strip(WHITE_SPACE_CHARS)


URL_PIECES = [
    *("https://", "http://", "HTTP://", "ftp://", "javascript:", "a.org", "/", "?q=1", "#x"),
    *(" ", "\t", "\n", "\x00", "\x1f", "\u00a0", "\u2028", "<", ">", '"', "`", "\\"),
    *("[", "]", "[::1]", "é", "%20", ":", "@", "x"),
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(URL_PIECES), max_size=8).map("".join))
def test_url_rule_matches_the_reference(value: str) -> None:
    from pydantic import ValidationError

    from prepguide.read.model import Role

    try:
        got: str | None = Role(title="t", url=value).url
    except ValidationError:
        got = None
    assert got == _reference_url_check(value)


def test_display_paths_of_files_in_a_folder(tmp_path: Path) -> None:
    """Files are named as _display names them, worked out once per folder."""
    from prepguide.guide.research import _display, _folder_prefix

    root = tmp_path / "guide"
    (root / "content/contacts").mkdir(parents=True)
    (tmp_path / "elsewhere/contacts").mkdir(parents=True)
    (root / "content/linked").symlink_to(tmp_path / "elsewhere/contacts")
    for base, top in [
        (root / "content/contacts", root),  # the usual case
        (root / "content/contacts", root / "content/contacts"),  # the folder is the root
        (tmp_path / "elsewhere/contacts", root),  # outside the root
        (root / "content/linked", root),  # a linked folder, shown where it really is
    ]:
        (base / "dana-whitfield.yml").write_text("name: Dana\n", encoding="utf-8")
        prefix = _folder_prefix(base, base.resolve(), top.resolve())
        assert prefix + "dana-whitfield.yml" == _display(base / "dana-whitfield.yml", top.resolve())


def test_a_referral_name_is_one_line_without_bidi_controls(tmp_path: Path) -> None:
    """A referral becomes a heading and the thank-you draft ("Thanks for suggesting …"):
    the rules of a name apply (a right-to-left override would show it reversed)."""
    (tmp_path / "contacts").mkdir()
    (tmp_path / "contacts" / "mei.yml").write_text(
        'name: Mei\nreferrals: ["\\u202eztiwoknaD nosaJ", "Ana\\nLee"]\n', encoding="utf-8"
    )
    problems = [p.format() for p in CorpusLoader().load(tmp_path, tmp_path).problems]
    assert any(
        "referrals[0]" in p and "bidirectional control character (U+202E)" in p for p in problems
    )
    assert any("referrals[1]" in p and "one line" in p for p in problems)
