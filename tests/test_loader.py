"""The YAML loader: positions, and a located error for every kind of bad file."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepguide.errors import Problem
from prepguide.read.loader import MAX_BYTES, Document, LoadError, load_bytes
from prepguide.read.model import Contact
from prepguide.read.validate import validate_document


def error_of(raw: bytes) -> Problem:
    with pytest.raises(LoadError) as info:
        load_bytes(raw, "content/contacts/x.yml")
    return info.value.problem


def test_positions_of_keys_values_and_items() -> None:
    doc = load_bytes(
        b"name: Dana\nmeeting:\n  duration: 30\ngoals:\n  - learn\n  - listen\n", "f.yml"
    )
    assert doc.data == {"name": "Dana", "meeting": {"duration": 30}, "goals": ["learn", "listen"]}
    assert doc.position(("meeting", "duration")) == (3, 13)
    assert doc.position(("meeting", "duration"), value=False) == (3, 3)
    assert doc.position(("goals", 1)) == (6, 5)
    assert doc.position(("nowhere",)) == (1, 1)


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbfname: Dana\nrole: Nurse\n",
        b"name: Dana\r\nrole: Nurse\r\n",
        b"\xef\xbb\xbfname: Dana\r\nrole: Nurse\r\n",
    ],
)
def test_bom_and_crlf_are_accepted(raw: bytes) -> None:
    doc = load_bytes(raw, "f.yml")
    assert doc.data == {"name": "Dana", "role": "Nurse"}
    assert doc.position(("role",)) == (2, 7)


def test_dates_stay_text_for_the_model() -> None:
    assert load_bytes(b"d: 2026-12-04\n", "f.yml").data == {"d": "2026-12-04"}


def test_scalars_follow_yaml_1_2() -> None:
    doc = load_bytes(b"a: yes\nb: true\nc: 0x10\nd: 1.5\ne: ~\nf: 1_000\n", "f.yml")
    assert doc.data == {"a": "yes", "b": True, "c": 16, "d": 1.5, "e": None, "f": 1000}


def test_not_utf8() -> None:
    problem = error_of(b"name: Dana\nrole: Caf\xe9\n")
    assert (problem.line, problem.column) == (2, 10)
    assert problem.message == "the file is not valid UTF-8 (byte 0xE9); save it with UTF-8 encoding"


def test_tab_indentation() -> None:
    problem = error_of(b"name: Dana\nmeeting:\n\tstatus: met\n")
    assert (problem.line, problem.column) == (3, 1)
    assert "tab is used for indentation" in problem.message
    assert "replace the tab with spaces" in problem.message


def test_duplicate_key() -> None:
    problem = error_of(b"name: Dana\nrole: a\nname: Other\n")
    assert (problem.line, problem.column) == (3, 1)
    assert (
        problem.message == "duplicate key `name` (first defined at line 1); keep only one of them"
    )


def test_duplicate_nested_key() -> None:
    problem = error_of(b"name: Dana\nmeeting:\n  status: met\n  status: closed\n")
    assert (problem.line, problem.column) == (4, 3)


def test_syntax_error_is_located() -> None:
    problem = error_of(b"name: Dana\nrole: [unclosed\n")
    assert problem.severity == "error"
    assert problem.message.startswith("YAML syntax error:")
    assert problem.line >= 2


def test_colon_in_plain_value_hint() -> None:
    problem = error_of(b"name: Dana\nrole: Lead: research\n")
    assert (problem.line, problem.column) == (2, 11)
    assert "put text that contains `: ` in quotes" in problem.message


def test_empty_file() -> None:
    for raw in (b"", b"\n\n", b"# only a comment\n"):
        problem = error_of(raw)
        assert (problem.line, problem.column) == (1, 1)
        assert problem.message == "the file is empty; write the fields as `key: value` lines"


def test_top_level_list_is_reported_by_validation() -> None:
    doc = load_bytes(b"- Dana\n- Sam\n", "f.yml")
    model, problems = validate_document(doc, "contact", "x")
    assert model is None
    assert [p.message for p in problems] == [
        "the file holds a list; it must be a mapping of fields such as `name: …`"
    ]


def test_too_large() -> None:
    problem = error_of(b"name: x\nnotes: '" + b"a" * MAX_BYTES + b"'\n")
    assert (problem.line, problem.column) == (1, 1)
    assert "over the 1 MiB limit" in problem.message


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    problem = error_of("\n".join(lines).encode() + b"\n")
    assert "expands to more than 20,000 values" in problem.message
    assert "aliases" in problem.message


def test_a_few_aliases_are_fine() -> None:
    doc = load_bytes(b"a: &tags [x, y]\nb: *tags\n", "f.yml")
    assert doc.data == {"a": ["x", "y"], "b": ["x", "y"]}


def test_merge_keys_and_unknown_tags_are_refused() -> None:
    assert "merge keys" in error_of(b"a: &b {x: 1}\nc:\n  <<: *b\n").message
    assert "unsupported tag `!custom`" in error_of(b"name: !custom Dana\n").message
    assert "unsupported tag" in error_of(b"name: !!python/name:os.system x\n").message


def test_several_documents() -> None:
    problem = error_of(b"name: a\n---\nname: b\n")
    assert "one document per file" in problem.message


def test_nul_byte() -> None:
    assert "NUL byte" in error_of(b"name: a\x00\n").message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_a_model_or_our_error(raw: bytes) -> None:
    check_any_input(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_arbitrary_text_gives_a_model_or_our_error(text: str) -> None:
    check_any_input(text.encode("utf-8"))


yaml_fragments = st.lists(
    st.sampled_from(
        [
            "name: Dana\n",
            "name: [a, b]\n",
            "meeting:\n",
            "  status: met\n",
            "  duration: 7\n",
            "  date: 2026-02-30 10:00\n",
            "connection: {type: cold, via: x}\n",
            "goals:\n",
            "  - learn\n",
            "- item\n",
            "&a x: 1\n",
            "b: *a\n",
            "tags: [&t t, *t]\n",
            "'key': \"v\"\n",
            "? complex\n",
            ": value\n",
            "\t- tab\n",
            "notes: |\n",
            "  text\n",
            "follow_up:\n",
            "  - {date: 2026-01-01, note: n}\n",
            "linkedin: javascript:x\n",
            "%YAML 1.2\n",
            "---\n",
            "...\n",
            "x: !!binary aGk=\n",
            "referrals: [a-b, C D]\n",
            "visibility: 3\n",
        ]
    ),
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(yaml_fragments)
def test_yaml_like_documents_give_a_model_or_our_error(parts: list[str]) -> None:
    check_any_input("".join(parts).encode("utf-8"))


def check_any_input(raw: bytes) -> None:
    try:
        doc = load_bytes(raw, "content/contacts/x.yml")
    except LoadError as exc:
        assert exc.problem.path == "content/contacts/x.yml"
        assert exc.problem.line >= 1 and exc.problem.column >= 1
        return
    assert isinstance(doc, Document)
    model, problems = validate_document(doc, "contact", "x")
    if model is None:
        assert problems
        assert all(p.line >= 1 and p.column >= 1 and p.message for p in problems)
    else:
        assert isinstance(model, Contact)
        assert problems == []


def test_limits_hold_exactly_at_their_bounds() -> None:
    from prepguide.read.loader import MAX_DEPTH, MAX_VALUES

    # MAX_VALUES values in all (the top mapping and its list count): loads; one more: refused.
    items = "".join(f"- v{i}\n" for i in range(MAX_VALUES - 2))
    assert len(load_bytes(f"a:\n{items}".encode(), "f.yml").data["a"]) == MAX_VALUES - 2
    problem = error_of(f"a:\n{items}- one more\n".encode())
    assert "expands to more than 20,000 values" in problem.message
    assert problem.line == MAX_VALUES  # the value over the limit
    # Values nested MAX_DEPTH deep load; one level deeper is refused at that value.
    nested = "x" + "".join(f"\n{'  ' * i}k{i}:" for i in range(1, MAX_DEPTH + 1))
    deep = load_bytes((nested[2:] + " leaf\n").encode(), "f.yml").data
    for i in range(1, MAX_DEPTH):
        deep = deep[f"k{i}"]
    assert deep == {f"k{MAX_DEPTH}": "leaf"}
    problem = error_of((nested[2:] + f"\n{'  ' * (MAX_DEPTH + 1)}k: leaf\n").encode())
    assert problem.message.startswith(f"nesting deeper than {MAX_DEPTH} levels")
    assert problem.line == MAX_DEPTH + 1
    # The same in lists: a scalar item just past the depth is located at itself.
    listed = "".join(f"{'  ' * i}- \n" for i in range(MAX_DEPTH)) + f"{'  ' * MAX_DEPTH}- leaf\n"
    assert "nesting deeper" in error_of(listed.encode()).message


# Plain data as YAML writes it: every value comes back, and every key and item has a position.
_KEYS = st.text(alphabet="abcdefgh_-", min_size=1, max_size=6)
_SCALARS = st.one_of(
    st.text(alphabet="abc XYZ#-'\"é\n.0", max_size=12),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.none(),
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, min_size=1, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _DATA, min_size=1, max_size=5))
def test_what_yaml_writes_loads_back_with_positions(data: dict[str, object]) -> None:
    import io

    from ruamel.yaml import YAML

    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    doc = load_bytes(out.getvalue().encode(), "f.yml")
    assert doc.data == data

    def paths(value: object, loc: tuple[str | int, ...]) -> list[tuple[str | int, ...]]:
        found = [loc] if loc else []
        if isinstance(value, dict):
            for key, item in value.items():
                found += paths(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                found += paths(item, (*loc, index))
        return found

    assert all(path in doc.positions for path in paths(data, ()))


# Nesting of every kind, below and above MAX_DEPTH: a model, or the located depth error;
# never a crash of the C composer (which recursed past its stack at about 25,000 levels).
_KINDS = ["- ", "-\n", "k:", "[", "{"]
_LEVELS = st.lists(st.sampled_from(_KINDS), min_size=1, max_size=260)
_LEVELS_AND_KEYS = st.lists(st.sampled_from([*_KINDS, "? "]), min_size=1, max_size=260)
"""``? `` opens a mapping whose key is the next level: not a model, but nesting all the same."""


def _nested(levels: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """YAML nesting ``levels`` (outermost first) around `leaf`, and where each node starts.

    Block levels go on (``- ``, ``? ``) or below (``-``, ``k:``) the line of their parent;
    after the first flow level (``[``, ``{``) every level is a flow collection.
    """
    text, line, column, flow, closers = "", 1, 1, False, ""
    starts: list[tuple[int, int]] = []
    for level in levels:
        starts.append((line, column))
        if flow or level in ("[", "{"):
            flow = True
            part = "{k: " if level in ("{", "k:", "? ") else "["
            closers = ("}" if part == "{k: " else "]") + closers
            text, column = text + part, column + len(part)
        elif level in ("- ", "? "):
            text, column = text + level, column + 2
        else:  # "-\n" or "k:": the child starts on the next line, two columns further in
            text += level.strip() + "\n" + " " * (column + 1)
            line, column = line + 1, column + 2
    starts.append((line, column))
    return text + "leaf" + closers + "\n", starts


@settings(max_examples=200, deadline=None)
@given(_LEVELS)
def test_nesting_below_the_limit_loads_and_above_it_is_located(levels: list[str]) -> None:
    from prepguide.read.loader import MAX_DEPTH

    text, starts = _nested(levels)
    if len(levels) <= MAX_DEPTH:
        data = load_bytes(text.encode(), "f.yml").data
        for _ in levels:
            data = next(iter(data)) if isinstance(data, list) else next(iter(data.values()))
        assert data == "leaf"
    else:
        problem = error_of(text.encode())
        assert problem.message.startswith(f"nesting deeper than {MAX_DEPTH} levels")
        assert (problem.line, problem.column) == starts[MAX_DEPTH + 1]


@settings(max_examples=200, deadline=None)
@given(_LEVELS_AND_KEYS, st.integers(0, 3))
def test_only_provably_shallow_text_skips_the_depth_check(levels: list[str], copies: int) -> None:
    """The cheap bound lets text go straight to the composer only below SAFE_DEPTH."""
    from unittest import mock

    from prepguide.read import loader

    text, _ = _nested(levels)
    text = "\n".join(
        [f"a{i}: x" for i in range(copies)] + ["b:", "  " + text.replace("\n", "\n  ")]
    )
    with (
        mock.patch.object(loader, "_events", side_effect=loader._events) as events,
        contextlib.suppress(LoadError),
    ):
        loader._check_depth(text, "f.yml")
    if not events.called:
        assert len(levels) + 1 < loader.SAFE_DEPTH


def test_nesting_of_every_kind_far_past_the_limit_is_located_quickly() -> None:
    from prepguide.read.loader import MAX_DEPTH

    for levels in (["["] * 30_000, ["- "] * 30_000, ["? ", "- "] * 15_000, ["-\n"] * 700):
        text, starts = _nested(levels)
        problem = error_of(text.encode())
        assert problem.message.startswith("nesting deeper than")
        assert (problem.line, problem.column) == starts[MAX_DEPTH + 1]
