"""The exported JSON Schemas accept exactly what `prepguide check` accepts.

Generated documents (drawn from the schemas themselves, with deliberate
mutations: wrong types, quoted numbers, yes/no, bad URLs and ids, dates with
and without a time or an offset, out-of-range numbers, extra and missing keys,
empty and blank text, lists for scalars) are written as YAML text and judged
twice:

* by prepguide: its loader, then the model (``validate_document``), errors only;
* by the schema, on the text parsed as the YAML language server and
  check-jsonschema parse it (YAML 1.2, timestamps kept as text), with
  ``jsonschema`` and format checking on, once with Python's regular
  expressions and once with ECMA-262's (``regress``, as check-jsonschema and
  editors read a ``pattern``).

All three verdicts must be the same. check-jsonschema itself runs as a
subprocess over the example guide, the ``init`` scaffolds, the files
``prepguide new`` writes, and a handful of hand-written files.
"""

from __future__ import annotations

import io
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import regress
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from prepguide.cli import main
from prepguide.read.loader import LoadError, load_bytes
from prepguide.read.schema import SCHEMA_DIR
from prepguide.read.validate import validate_document

from .conftest import EXAMPLE_CONTENT

KINDS = ("profile", "organization", "contact", "questions")
SCHEMAS: dict[str, dict[str, Any]] = {
    kind: json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    for kind in KINDS
}
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """The ``pattern`` keyword with ECMA-262 regular expressions (as check-jsonschema)."""
    if (
        validator.is_type(instance, "string")
        and regress.Regex(pattern, flags="u").find(instance) is None
    ):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


EcmaValidator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
)
PYTHON = {k: jsonschema.Draft202012Validator(s, format_checker=FORMATS) for k, s in SCHEMAS.items()}
ECMA = {k: EcmaValidator(s, format_checker=FORMATS) for k, s in SCHEMAS.items()}


def _editor_yaml() -> YAML:
    """YAML 1.2 as check-jsonschema reads it: timestamps stay text."""
    yaml = YAML(typ="safe", pure=True)
    constructors = yaml.constructor.yaml_constructors
    constructors["tag:yaml.org,2002:timestamp"] = constructors["tag:yaml.org,2002:str"]
    return yaml


def _keys_as_text(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k): _keys_as_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_keys_as_text(v) for v in data]
    return data


def _same(a: Any, b: Any) -> bool:
    """Equal data, NaN equal to itself, ``1`` not equal to ``true``."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def verdicts(kind: str, text: str) -> tuple[bool, bool, bool] | None:
    """(model, schema with Python regexes, schema with ECMA regexes); None when not YAML."""
    try:
        doc = load_bytes(text.encode("utf-8"), "x.yml")
    except LoadError:
        return None
    parsed = _keys_as_text(_editor_yaml().load(text))
    assert _same(parsed, doc.data), (parsed, doc.data)
    file_id = "x" if kind in ("organization", "contact") else None
    _model, problems = validate_document(doc, kind, file_id)  # type: ignore[arg-type]
    model_ok = not [p for p in problems if p.severity == "error"]
    return model_ok, PYTHON[kind].is_valid(parsed), ECMA[kind].is_valid(parsed)


def assert_agree(kind: str, text: str) -> bool | None:
    found = verdicts(kind, text)
    if found is None:
        return None
    model_ok, python_ok, ecma_ok = found
    assert model_ok == python_ok == ecma_ok, (
        f"model {model_ok}, schema (Python) {python_ok}, schema (ECMA) {ecma_ok}\n{text}"
    )
    return model_ok


# --- generated documents -------------------------------------------------------------------

MUTANTS: list[Any] = [
    # wrong types and lists for scalars
    None,
    True,
    False,
    0,
    1,
    -1,
    30.5,
    10**6,
    math.inf,
    -math.inf,
    math.nan,
    [],
    ["x"],
    {},
    {"a": 1},
    # quoted numbers and yes/no
    5,
    30,
    120,
    121,
    60.0,
    "2012",
    " 2012 ",
    "30",
    "30.0",
    "1e3",
    2012,
    2012.0,
    2100.0,
    1899,
    2101,
    "yes",
    "no",
    "Yes",
    "NO",
    "on",
    "Off",
    "y",
    "n",
    "true",
    "False",
    "TRUE",
    "t",
    "1",
    "0",
    # empty and blank text, line breaks, control characters
    "",
    " ",
    "\t",
    "\u3000",
    "\u00a0",
    "\ufeff",
    "\x1c",
    " x ",
    "x\n",
    "\nx",
    "x\ny",
    "x\u0085",
    "\u2028x",
    "x\x7f",
    "x\x9f",
    "Dana Whitfield",
    "Zoë Núñez",
    # ids
    "acme",
    " acme ",
    "acme\n",
    "Acme",
    "acme-co",
    "acme--co",
    "-acme",
    "acme-",
    "a_b",
    "ąb",
    "2026",
    # URLs
    "https://example.org/",
    "http://a",
    "HTTPS://A.ORG/x?q=1#f",
    "https://a.org/é",
    " https://a.org ",
    "https://a.org\n",
    "javascript:alert(1)",
    "ftp://a.org/f",
    "data:,x",
    "file:///etc/passwd",
    "http://",
    "http:///x",
    "https:a.org",
    "http://a.org/x y",
    "http://a.org/<x>",
    'http://a.org/"',
    "http://a.org/`",
    "http://a\\b",
    "http://[",
    "http://a.org/\u2028",
    "http://a.org/\x85",
    "//a.org",
    "https://a.org:8080/p",
    # dates with and without time or offset
    "2026-12-04",
    " 2026-12-04 ",
    "2026-12-04\n",
    "2026-12-04 15:30",
    "2026-12-04T15:30",
    "2026-12-04t15:30z",
    "2026-12-04T15:30:00+01:00",
    "2026-12-04T15:30:00Z",
    "2026-12-04 15:30+0530",
    "2026-12-04 15:30:59.123456",
    "2026-12-04 15:30:59.1234567",
    "2026-12-04 15:30 +01:00",
    "2026-12-04 24:00",
    "2026-12-04 23:60",
    "2026-12-04 15:30:60",
    "2026-12-04 15:30+24:00",
    "2026-12-04 15:30-23:59",
    "2026-12-04 15:30+05:60",
    "2026-02-29",
    "2028-02-29",
    "1900-02-29",
    "2000-02-29",
    "2100-02-29",
    "2200-02-28",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "1899-12-31",
    "1900-01-01",
    "2200-12-31",
    "2201-01-01",
    "2200-12-31T23:30-05:00",
    "1900-01-01T00:30+05:00",
    "2026-1-4",
    "2026-12-04T",
    "26-12-04",
    "٢٠٢٦-١٢-٠٤",
    "2026-12-04+01:00",
    1700000000,
    "1700000000",
    # periods
    "2019",
    "2019-09",
    "2019-13",
    "2019-09-31",
    "present",
    "PRESENT",
    " Present ",
    "now",
    1900,
    2099,
    2100,
    2019.0,
    2019.5,
    # enums
    "scheduled",
    "Scheduled",
    " met",
    "mentor",
    "video",
    "public",
    "rapport",
    "next-steps",
]
EXTRA_KEYS = ("id", "organisation", "x", "Name", "")


def _deref(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _from_schema(node: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values the schema node describes (mostly valid), without mutations."""
    node = _deref(node, root)
    if "anyOf" in node:
        return st.one_of([values(sub, root) for sub in node["anyOf"]])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "object":
        return _objects(node, root)
    if kind == "array":
        return st.lists(values(node["items"], root), max_size=3)
    if kind == "string":
        pattern = node.get("pattern")
        if pattern is None:
            return st.text(max_size=8)
        anchored = pattern.startswith("^")
        return st.from_regex(pattern, fullmatch=anchored).filter(lambda s: len(s) < 80)
    if kind == "integer":
        low = node.get("minimum", -10)
        high = node.get("maximum", 10)
        return st.integers(low - 3, high + 3) | st.integers(low, high).map(float)
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    raise AssertionError(f"no strategy for {node}")


_VALUES: dict[int, st.SearchStrategy[Any]] = {}


def values(node: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values of a schema node, one in three a deliberate mutation (built once per node)."""
    found = _VALUES.get(id(node))
    if found is None:
        valid = _from_schema(node, root)
        found = _VALUES[id(node)] = st.one_of(valid, valid, st.sampled_from(MUTANTS))
    return found


def _objects(node: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    properties = node.get("properties", {})
    required = set(node.get("required", []))
    base = st.fixed_dictionaries(
        {k: values(v, root) for k, v in properties.items() if k in required},
        optional={k: values(v, root) for k, v in properties.items() if k not in required},
    )

    def mutate(args: tuple[dict[str, Any], str, str]) -> dict[str, Any]:
        found, how, key = args
        if how == "extra":
            return {**found, key: "x"}
        if how == "drop" and required:
            return {k: v for k, v in found.items() if k != sorted(required)[0]}
        return found

    how = st.sampled_from(["keep", "keep", "keep", "keep", "extra", "drop"])
    return st.tuples(base, how, st.sampled_from(EXTRA_KEYS)).map(mutate)


def _documents(kind: str) -> st.SearchStrategy[Any]:
    root = SCHEMAS[kind]
    top = _from_schema(root, root)
    return st.one_of(top, top, top, top, st.sampled_from([["x"], "x", 1, {}]))


DOCUMENTS = {kind: _documents(kind) for kind in KINDS}


def dump(data: Any) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@pytest.mark.parametrize("kind", KINDS)
@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_model_and_schema_agree_on_generated_documents(kind: str, data: st.DataObject) -> None:
    text = dump(data.draw(DOCUMENTS[kind], label="document"))
    assert_agree(kind, text)


FIELDS = [
    ("contact", ("meeting", "date")),
    ("contact", ("meeting", "requested")),
    ("contact", ("meeting", "duration")),
    ("contact", ("organization",)),
    ("contact", ("connection", "via")),
    ("contact", ("linkedin",)),
    ("contact", ("name",)),
    ("contact", ("tags", 0)),
    ("contact", ("follow_up", 0, "done")),
    ("contact", ("reflection", "still_interested")),
    ("contact", ("background", "education", 0, "year")),
    ("contact", ("background", "experience", 0, "start")),
    ("organization", ("website",)),
]


def _with_value(field: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """A valid file but for ``value`` at ``field``."""
    doc: dict[str, Any] = {"name": "Dana"}
    if field[0] == "follow_up":
        doc["follow_up"] = [{"date": "2026-01-01", "note": "Write"}]
    if field[0] == "background":
        doc["background"] = {"education": [{"school": "S"}], "experience": [{"organization": "O"}]}
    if field[0] == "tags":
        doc["tags"] = ["a"]
    target: Any = doc
    for part in field[:-1]:
        target = target.setdefault(part, {}) if isinstance(part, str) else target[part]
    target[field[-1]] = value
    return doc


@pytest.mark.parametrize(("kind", "field"), FIELDS)
def test_model_and_schema_agree_on_each_mutant(kind: str, field: tuple[str | int, ...]) -> None:
    """Every mutant in every kind of field, in an otherwise valid file."""
    verdicts = {assert_agree(kind, dump(_with_value(field, value))) for value in MUTANTS}
    assert verdicts == {True, False}  # the field is really tested both ways


@pytest.mark.parametrize(("kind", "field"), FIELDS)
@settings(max_examples=60, deadline=None)
@given(value=st.text(max_size=6))
def test_model_and_schema_agree_on_any_text(
    kind: str, field: tuple[str | int, ...], value: str
) -> None:
    assert_agree(kind, dump(_with_value(field, value)))


# --- hand-written YAML: the cases of issue 15 -------------------------------------------------

MEETING = "name: Dana\nmeeting:\n  status: scheduled\n  date: {}\n"
CASES = [
    ("contact", MEETING.format("2026-12-04 15:30"), True),
    ("contact", MEETING.format("2026-12-02T12:30:00+05:00"), True),
    ("contact", MEETING.format("2026-12-02T12:30:00Z"), True),
    ("contact", MEETING.format("2026-12-04"), True),  # valid, but `check` warns
    ("contact", MEETING.format("2026-12-04 15:30 +01:00"), False),
    ("contact", MEETING.format("2026-02-30 10:00"), False),
    ("contact", MEETING.format("2026-12-04 25:00"), False),
    ("contact", MEETING.format("1700000000"), False),
    ("contact", "name: Dana\norganization: acme-health\n", True),
    ("contact", "name: Dana\norganization: Acme Health\n", False),
    ("contact", "name: Dana\nconnection:\n  via: sam-lee\n", True),
    ("contact", "name: Dana\nconnection:\n  via: Sam Lee\n", False),
    ("contact", "name: Dana\nlinkedin: https://www.linkedin.com/in/dana\n", True),
    ("contact", "name: Dana\nlinkedin: javascript:alert(1)\n", False),
    ("contact", "name: Dana\nlinkedin: ftp://example.org/dana\n", False),
    ("organization", "name: Acme\nwebsite: 'https://acme.example/ x'\n", False),
    (
        "contact",
        "name: Dana\nfollow_up:\n  - date: 2026-12-05\n    note: Thank\n    done: yes\n",
        True,
    ),
    (
        "contact",
        "name: Dana\nfollow_up:\n  - date: 2026-12-05\n    note: Thank\n    done: Off\n",
        True,
    ),
    (
        "contact",
        "name: Dana\nfollow_up:\n  - date: 2026-12-05\n    note: Thank\n    done: 1\n",
        False,
    ),
    (
        "contact",
        "name: Dana\nfollow_up:\n  - date: 2026-12-05\n    note: Thank\n    done: y\n",
        False,
    ),
    ("contact", "name: Dana\nbackground:\n  education:\n    - school: S\n      year: 2012\n", True),
    (
        "contact",
        "name: Dana\nbackground:\n  education:\n    - school: S\n      year: '2012'\n",
        False,
    ),
    (
        "contact",
        "name: Dana\nbackground:\n  education:\n    - school: S\n      year: 1899\n",
        False,
    ),
    ("contact", "name: Dana\nmeeting:\n  duration: '30'\n", False),
    ("contact", "name: Dana\nmeeting:\n  duration: 30.0\n", True),
    ("contact", "name: Dana\nmeeting:\n  duration: 4\n", False),
    ("contact", "name: |\n  Dana\n", True),
    ("contact", 'name: "Da\\nna"\n', False),
    ("contact", "name: '  '\n", False),
    ("contact", "name: Dana\ngoals:\n  - ' '\n", False),
    ("contact", "name: Dana\ntags: a-topic\n", False),
    ("contact", "name: Dana\norganisation: acme\n", False),
    ("contact", "role: Nurse\n", False),
    (
        "profile",
        "name: Ada\nexperience:\n  - organization: O\n    start: 2019-09\n    end: present\n",
        True,
    ),
    ("profile", "name: Ada\nexperience:\n  - organization: O\n    start: 2019.5\n", False),
    ("questions", "- id: ask-path\n  topic: path\n  text: How?\n  priority: '2'\n", False),
    ("questions", "- id: ask-path\n  topic: path\n  text: How?\n  priority: 2\n", True),
]


@pytest.mark.parametrize(("kind", "text", "valid"), CASES)
def test_the_cases_of_the_issue(kind: str, text: str, valid: bool) -> None:
    assert assert_agree(kind, text) is valid


def test_check_warns_about_a_scheduled_meeting_without_a_time(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (guide / "content/contacts/dana.yml").write_text(MEETING.format("2026-12-04"), encoding="utf-8")
    monkeypatch.chdir(guide)
    assert main(["check"]) == 0
    out = capsys.readouterr()
    assert (
        "content/contacts/dana.yml:4:9: warning: `meeting.date`: a scheduled meeting without a "
        "time is at midnight (00:00) on the pages and in the calendar; add the time, "
        "e.g. `2026-12-04 15:30`"
    ) in out.out + out.err
    (guide / "content/contacts/dana.yml").write_text(
        MEETING.format("2026-12-04 15:30").replace("scheduled", "met"), encoding="utf-8"
    )
    assert main(["check"]) == 0
    out = capsys.readouterr()
    assert "warning:" not in out.out + out.err


# --- check-jsonschema, the real tool ----------------------------------------------------------


def _check_jsonschema(
    schema: str, files: list[Path], *options: str
) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).with_name("check-jsonschema")
    command = (
        [str(tool)] if tool.is_file() else [shutil.which("check-jsonschema") or "check-jsonschema"]
    )
    return subprocess.run(
        [*command, *options, "--schemafile", str(SCHEMA_DIR / f"{schema}.schema.json")]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _check_content(content: Path) -> None:
    """Every file of a guide's content folder passes check-jsonschema (formats on)."""
    groups = {
        "profile": sorted(content.glob("profile.yml")),
        "organization": sorted(content.glob("organizations/*.yml")),
        "contact": sorted(content.glob("contacts/*.yml")),
        "questions": sorted(content.glob("questions/*.yml")),
    }
    assert groups["contact"], f"no contacts in {content}"
    for schema, files in groups.items():
        if files:
            result = _check_jsonschema(schema, files)
            assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_accepts_the_example_guide() -> None:
    _check_content(EXAMPLE_CONTENT)


@pytest.mark.parametrize("args", [(), ("--playbook",)])
def test_check_jsonschema_accepts_init_and_new(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", *args, "guide"]) == 0
    monkeypatch.chdir(tmp_path / "guide")
    assert main(["new", "organization", "Wexley Health"]) == 0
    assert main(["new", "contact", "Sam Lee"]) == 0
    assert main(["new", "contact", "Zoë Núñez", "--org", "wexley-health", "--via", "sam-lee"]) == 0
    capsys.readouterr()
    content = tmp_path / "guide/content"
    assert (content / "contacts/zoe-nunez.yml").is_file()
    _check_content(content)
    assert main(["check"]) == 0


def test_check_jsonschema_gives_the_verdicts_of_check(tmp_path: Path) -> None:
    """A handful of files through the real tool: the same verdict as the model."""
    files: list[tuple[Path, bool]] = []
    for number, (kind, text, valid) in enumerate(CASES):
        if kind == "contact":
            path = tmp_path / f"case-{number}.yml"
            path.write_text(text, encoding="utf-8")
            files.append((path, valid))
    result = _check_jsonschema("contact", [path for path, _ in files], "--output-format", "json")
    report = json.loads(result.stdout)
    assert report["parse_errors"] == []
    refused = {Path(error["filename"]).name for error in report["errors"]}
    for path, valid in files:
        assert (path.name not in refused) is valid, path.read_text(encoding="utf-8")
