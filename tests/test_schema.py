"""The committed JSON Schemas match the model, and the example guide satisfies them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from prepguide.schema import SCHEMA_DIR, schema_texts

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
        json.loads((SCHEMA_DIR / f"{schema}.schema.json").read_text(encoding="utf-8"))
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
