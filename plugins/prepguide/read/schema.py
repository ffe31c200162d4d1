"""Write the JSON Schemas of the research files (for editors' YAML language server).

The schemas are generated from :mod:`prepguide.read.model` and committed under
``plugins/prepguide/schemas/``; a test fails when they are stale. Regenerate
with ``make schemas`` (``python -m prepguide.read.schema DIR``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .model import json_schemas

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"


def schema_texts() -> dict[str, str]:
    """The text of each schema file, keyed by file name.

    >>> texts = schema_texts()
    >>> sorted(texts)
    ['contact.schema.json', 'organization.schema.json', 'profile.schema.json', 'questions.schema.json']
    >>> json.loads(texts["contact.schema.json"])["properties"]["meeting"]
    {'$ref': '#/$defs/Meeting'}
    """
    return {
        f"{kind}.schema.json": json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True)
        + "\n"
        for kind, schema in json_schemas().items()
    }


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_DIR):
        print(path)
