"""The committed JSON Schemas match the model, and the example guide satisfies them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from prepguide.read.schema import SCHEMA_DIR, schema_texts

from .conftest import EXAMPLE_CONTENT


def test_committed_schemas_are_fresh() -> None:
    for name, text in schema_texts().items():
        path = SCHEMA_DIR / name
        assert path.is_file(), f"{name} is missing: run `make schemas`"
        assert path.read_text(encoding="utf-8") == text, f"{name} is stale: run `make schemas`"


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize(
    ("pattern", "schema"),
    [
        ("profile.yml", "profile"),
        ("organizations/*.yml", "organization"),
        ("contacts/*.yml", "contact"),
        ("questions/*.yml", "questions"),
    ],
)
def test_example_files_satisfy_schemas(pattern: str, schema: str) -> None:
    validator = jsonschema.Draft202012Validator(
        json.loads((SCHEMA_DIR / f"{schema}.schema.json").read_text(encoding="utf-8")),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    files = sorted(EXAMPLE_CONTENT.glob(pattern))
    assert files
    for path in files:
        data = plain(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f"{path.name}: {errors}"


def test_schema_rejects_unknown_fields() -> None:
    validator = jsonschema.Draft202012Validator(
        json.loads((SCHEMA_DIR / "contact.schema.json").read_text(encoding="utf-8"))
    )
    assert not validator.is_valid({"name": "Dana", "organisation": "acme"})
    assert not validator.is_valid({"name": "Dana", "meeting": {"status": "done"}})
    assert validator.is_valid({"name": "Dana", "meeting": {"status": "met"}})


def test_the_schemas_trim_what_the_model_trims() -> None:
    """The white space the schema patterns allow around a value is what pydantic strips."""
    from pydantic import BaseModel, ConfigDict

    from prepguide.read.fields import WHITE_SPACE, WHITE_SPACE_CHARS

    class Probe(BaseModel):
        model_config = ConfigDict(str_strip_whitespace=True)
        text: str

    stripped = "".join(
        chr(code)
        for code in range(0x3400)
        if not 0xD800 <= code <= 0xDFFF and Probe(text=chr(code) + "x").text == "x"
    )
    assert stripped == WHITE_SPACE_CHARS
    import re

    assert "".join(re.findall(f"[{WHITE_SPACE}]", stripped)) == stripped


def test_the_schema_states_the_id_url_and_date_rules() -> None:
    """Issue 15: ids, URLs, quoted numbers and yes/no as `prepguide check` takes them."""
    validator = jsonschema.Draft202012Validator(
        json.loads((SCHEMA_DIR / "contact.schema.json").read_text(encoding="utf-8")),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    assert validator.is_valid({"name": "D", "organization": "acme-health"})
    assert not validator.is_valid({"name": "D", "organization": "Acme Health"})
    assert not validator.is_valid({"name": "D", "connection": {"via": "Sam Lee"}})
    assert not validator.is_valid({"name": "D", "linkedin": "javascript:alert(1)"})
    assert not validator.is_valid({"name": "D", "linkedin": "ftp://example.org/"})
    assert validator.is_valid({"name": "D", "meeting": {"date": "2026-12-04 15:30"}})
    assert validator.is_valid({"name": "D", "meeting": {"date": "2026-12-04T15:30:00+01:00"}})
    assert not validator.is_valid({"name": "D", "meeting": {"date": "2026-02-30 15:30"}})
    follow_up = {"date": "2026-12-05", "note": "Thank", "done": "yes"}
    assert validator.is_valid({"name": "D", "follow_up": [follow_up]})
    school = {"school": "S", "year": "2012"}
    assert not validator.is_valid({"name": "D", "background": {"education": [school]}})
