"""Hostile guides for the security property tests.

Every string field that the exported JSON Schemas describe (profile, organization, contact; the
nested lists and objects too) is filled with a hostile string drawn by Hypothesis: HTML and script
that would set ``window.__pwned`` if it ever ran, quotes, CR/LF and other control characters,
astral emoji, bidi overrides, Jinja syntax, Markdown links with ``javascript:`` and 10 KB strings.
Each payload carries a short tag naming its field, so a failing test says which field ran.

Fields whose schema fixes their form (ids, URLs, dates, enums, numbers) keep a valid value: the
point is what a *valid* guide can smuggle into a page. The loader itself is fuzzed elsewhere
(``tests/test_loader.py``).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck
from hypothesis import strategies as st
from ruamel.yaml import YAML

SCHEMAS = Path(__file__).resolve().parent.parent / "plugins/prepguide/schemas"

ORG_ID = "acme-labs"
CONTACTS = ("zed-one", "zed-two")
"""The public contact (scheduled, introduced by the second) and the private one."""


def _payloads(tag: str) -> list[str]:
    """Strings that run script if a page ever treats them as HTML, JavaScript or a URL."""
    run = f"window.__pwned='{tag}'"
    return [
        f'<img src=x onerror="{run}">',
        f"</title><script>{run}</script>",
        f'"><svg onload="{run}">',
        f"'><img src=x onerror={run}>",
        f"</textarea><script>{run}</script>",
        f"[click](javascript:{run})",
        f'<a href="javascript:{run}">a</a>',
        f'<details open ontoggle="{run}">',
        f'" onmouseover="{run}" autofocus onfocus="{run}" x="',
        f"<iframe srcdoc='&lt;script&gt;parent.{run}&lt;/script&gt;'></iframe>",
        f"`<img src=x onerror={run}>`",
        f"{{{{ cycler.__init__.__globals__ }}}}{{% raw %}}<img src=x onerror={run}>",
        f"<style>@import 'x'</style><math><mtext></p><script>{run}</script>",
    ]


NOISE = [
    "\r\n",
    "\n",
    "\r",
    "\t",
    "\x07",
    "\x1b[31m",
    "\u202e",
    "\u2066",
    "\u200b",
    "🦄",
    "🚀 launch",
    "'",
    '"',
    "&amp;",
    "AT&T",
    "{{ 7*7 }}",
    "{% for i in range(3) %}x{% endfor %}",
    "---",
    "# not a heading",
    ": colon",
    "%0A::warning::",
    "\\",
]


def hostile_text(tag: str) -> st.SearchStrategy[str]:
    """A hostile string for the field ``tag``: a readable word, payloads, noise, maybe long."""
    piece = st.one_of(st.sampled_from(_payloads(tag)), st.sampled_from(NOISE))
    long_tail = st.sampled_from(["", "", "", " " + "lorem ipsum " * 850])  # about 10 KB
    return st.builds(
        lambda pieces, tail: "Zed " + "".join(pieces) + tail,
        st.lists(piece, min_size=1, max_size=4),
        long_tail,
    )


class _Walker:
    """Walks a JSON Schema and draws a document in which every free string is hostile."""

    def __init__(self, schema: dict[str, Any], draw: Any, prefix: str, tags: dict[str, str]):
        self.defs = schema.get("$defs", {})
        self.draw = draw
        self.prefix = prefix
        self.tags = tags

    def tag(self, path: str) -> str:
        """A short, quote-free tag for a field path (kept in ``tags`` for the messages)."""
        key = f"f{len(self.tags)}"
        self.tags[key] = f"{self.prefix}.{path}"
        return key

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        if "$ref" in schema:
            return self.resolve(self.defs[schema["$ref"].rsplit("/", 1)[-1]])
        if "anyOf" in schema:
            options = [s for s in schema["anyOf"] if s.get("type") != "null"]
            return self.resolve(options[0]) if options else schema
        return schema

    def value(self, schema: dict[str, Any], path: str) -> Any:
        schema = self.resolve(schema)
        kind = schema.get("type")
        if kind == "object":
            return {
                name: self.value(sub, f"{path}.{name}" if path else name)
                for name, sub in schema.get("properties", {}).items()
            }
        if kind == "array":
            return [self.value(schema.get("items", {}), f"{path}[{i}]") for i in range(2)]
        if kind == "string" and not ({"enum", "format", "const"} & schema.keys()):
            text = self.draw(hostile_text(self.tag(path)))
            pattern = schema.get("pattern")
            if pattern and not re.search(pattern, text):
                # a one-line field (a name, a title): keep what its pattern allows, which is
                # still HTML, quotes, emoji and bidi controls
                text = "".join(c for c in text if re.search(pattern, c)) or "Zed"
            return text
        return None  # a typed value: filled in by the caller


def _fixed(doc: dict[str, Any], fixes: dict[str, Any]) -> dict[str, Any]:
    """Set each dotted path of ``fixes`` in ``doc`` (creating objects on the way)."""
    for dotted, value in fixes.items():
        target = doc
        *parents, last = dotted.split(".")
        for name in parents:
            target = target.setdefault(name, {})
        target[last] = value
    return doc


def _pruned(value: Any) -> Any:
    """The document without the fields left to the caller (None) and empty containers."""
    if isinstance(value, dict):
        out = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, {}, [])}
    if isinstance(value, list):
        items = [_pruned(v) for v in value]
        return [v for v in items if v not in (None, {}, [])]
    return value


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@st.composite
def hostile_guide(draw: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """A guide (file path -> document) and the tags of its payloads (tag -> field)."""
    tags: dict[str, str] = {}

    def doc(kind: str, prefix: str) -> dict[str, Any]:
        schema = _schema(kind)
        walker = _Walker(schema, draw, prefix, tags)
        return _pruned(walker.value(schema, ""))

    profile = doc("profile", "profile")
    for item in profile.get("education", []):
        item["year"] = 2012
    org = _fixed(doc("organization", "org"), {"website": "https://acme.example/"})
    org.pop("id", None)
    for role in org.get("roles", []):
        role["url"] = "https://acme.example/jobs"
    for item in org.get("news", []):
        item["date"] = "2026-10-01"
        item["url"] = "https://acme.example/news"
    org["sources"] = ["https://acme.example/about"]
    files: dict[str, Any] = {
        "profile.yml": profile,
        f"organizations/{ORG_ID}.yml": org,
    }
    for index, ident in enumerate(CONTACTS):
        contact = doc("contact", ident)
        contact.pop("id", None)
        first = index == 0
        _fixed(
            contact,
            {
                "organization": ORG_ID,
                "linkedin": "https://linkedin.example/in/zed",
                "visibility": "public" if first else "private",
                "connection.type": "mutual" if first else "colleague",
                "connection.last_spoke": "2025-03-01",
                "meeting.status": "scheduled" if first else "met",
                "meeting.requested": "2026-11-10",
                "meeting.date": "2026-12-01 10:30" if first else "2026-11-20 09:00",
                "meeting.duration": 30,
                "meeting.format": "video",
                "reflection.still_interested": True,
            },
        )
        if first:
            contact["connection"]["via"] = CONTACTS[1]
        else:
            contact["connection"].pop("via", None)
        contact["referrals"] = [*contact.get("referrals", []), CONTACTS[1 - index]]
        for item in contact.get("follow_up", []):
            item["date"] = "2026-12-08"
            item["done"] = False
        for where in ("background",):
            for item in contact.get(where, {}).get("education", []):
                item["year"] = 2010
        files[f"contacts/{ident}.yml"] = contact
    return files, tags


def dump_yaml(value: Any) -> str:
    """YAML text for ``value`` (ruamel's safe emitter: any string survives the round trip)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(value, out)
    return out.getvalue()


MKDOCS_YML = """\
site_name: Hostile guide
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - tags
  - prepguide:
      audience: {audience}
      today: 2026-11-26
      timezone: America/Chicago
"""

TAGS_PAGE = "# Tags\n\n<!-- material/tags -->\n"


def write_guide(root: Path, files: dict[str, Any], audience: str) -> Path:
    """Write the guide's YAML files, a tags page and an ``mkdocs.yml`` under ``root``."""
    content = root / "content"
    for rel, doc in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_yaml(doc), encoding="utf-8")
    (content / "tags.md").write_text(TAGS_PAGE, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(audience=audience), encoding="utf-8")
    return root


GUIDE_SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
"""Hypothesis settings for a test that writes and renders a hostile guide per example."""


def audience_guides(tmp_path_factory: Any, files: dict[str, Any]) -> Iterator[tuple[Path, bool]]:
    """The guide written once for each audience: its root, and whether it is the public one."""
    for audience in ("private", "public"):
        yield write_guide(tmp_path_factory.mktemp("g"), files, audience), audience == "public"


def html_files(site: Path) -> Iterator[Path]:
    """Every HTML page of a built site."""
    yield from sorted(site.rglob("*.html"))
