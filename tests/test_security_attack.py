"""The attacker's report on the issue 13 fixes: attr_list attributes through sanitized fields,
Markdown fields that make Python-Markdown quadratic, template overrides, symlinks under
content/, ``--dirty`` public builds and leftover file names (docs/security.md).

The browser side of the attr_list payloads is tests/browser/test_security_attack.py.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest

from prepguide import markup
from prepguide.guide.corpus import CorpusLoader

from . import hostile
from .conftest import MINIMAL_MKDOCS, build_site, override_template, write

MARKER = "pwned"

ATTR_PAYLOADS = {
    "paragraph": 'Hello\n{: autofocus tabindex=1 onfocus="window.__pwned=1" }',
    "inline": 'Hello {: style="position:fixed;inset:0" onmouseover="window.__pwned=1" }',
    "list": '- item\n{: onfocus="window.__pwned=1" style="inset:0" }',
    "heading": "### Head {#pwned-id .pwned-class onclick=window.__pwned=1 }",
    "emphasis": '*em*{: onmouseover="window.__pwned=1" style="x" }\n\nmore',
    "no colon": 'Hello\n{ onfocus="window.__pwned=1" #pwned-a .pwned-b }',
}
"""attr_list syntax (``{: ...}``, ``{#id .class}``) that, read as Markdown, sets attributes."""

PLANTED = {"pwned-id", "pwned-class", "pwned-a", "pwned-b"}
"""The ids and classes the payloads ask for (a heading's own id, made from its text, may hold
the word)."""

EXTENSIONS = ["attr_list", "md_in_html", "toc", "tables", "admonition", "def_list", "abbr"]


class _Attributes(HTMLParser):
    """Every attribute set by a payload: on* handlers, styles, ids or classes with the marker."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (
                (name.startswith("on") and MARKER in (value or ""))
                or (name == "style" and tag not in ("svg", "path"))
                or (name in ("autofocus", "tabindex") and tag in ("p", "li", "h3", "em"))
                or (name in ("id", "class") and set((value or "").split()) & PLANTED)
            ):
                self.found.append((tag, name, value))


def attributes_set(page: str) -> list[tuple[str, str, str | None]]:
    parser = _Attributes()
    parser.feed(page)
    parser.close()
    return parser.found


# --- finding 1: sanitized output read again as Markdown --------------------------------------


@pytest.mark.parametrize("payload", list(ATTR_PAYLOADS.values()), ids=list(ATTR_PAYLOADS))
@pytest.mark.parametrize("wrapper", ["div", "details", "section"])
def test_a_sanitized_field_read_again_by_md_in_html_sets_no_attribute(
    payload: str, wrapper: str
) -> None:
    # A Markdown field inside a section marked `markdown` (folded sections, the screen-only
    # "After the talk", letters) is read again by md_in_html, where attr_list used to run.
    block = markup.markdown_block(payload)
    value = markup.html(payload)
    page = f'<{wrapper} class="x" markdown>\n\n{block}\n\n<p>{value}</p>\n\n</{wrapper}>\n'
    out = markdown.markdown(page, extensions=EXTENSIONS)
    assert attributes_set(out) == []
    assert "{" not in out  # every brace is a character reference
    assert "&#123;" in out


def test_braces_still_read_as_braces() -> None:
    out = markup.render_markdown("Use {name} here")
    assert out == "<p>Use &#123;name&#125; here</p>"
    assert str(markup.html("a {b}")) == "a &#123;b&#125;"


def _fill(schema_name: str, payload: str) -> dict[str, Any]:
    """A document of ``schema_name`` with ``payload`` in every free string field."""
    schema = hostile._schema(schema_name)
    walker = hostile._Walker(schema, lambda _strategy: payload, schema_name, {})
    doc: dict[str, Any] = hostile._pruned(walker.value(schema, ""))
    return doc


def attr_guide(root: Path, payload: str, audience: str) -> Path:
    """A guide with ``payload`` in every string field the schemas leave free (names and other
    one-line fields keep what their pattern allows)."""
    files: dict[str, Any] = {}
    profile = _fill("profile", payload)
    for item in profile.get("education", []):
        item["year"] = 2012
    files["profile.yml"] = profile
    org = _fill("organization", payload)
    org.pop("id", None)
    for role in org.get("roles", []):
        role["url"] = "https://acme.example/jobs"
    for item in org.get("news", []):
        item.update(date="2026-10-01", url="https://acme.example/news")
    org["website"] = "https://acme.example/"
    org["sources"] = ["https://acme.example/about"]
    files[f"organizations/{hostile.ORG_ID}.yml"] = org
    for index, ident in enumerate(hostile.CONTACTS):
        contact = _fill("contact", payload)
        contact.pop("id", None)
        contact["name"] = f"Zed {index}"
        contact["organization"] = hostile.ORG_ID
        contact["linkedin"] = "https://linkedin.example/in/zed"
        contact["visibility"] = "public"
        contact["connection"] = {"type": "colleague", "last_spoke": "2025-03-01"}
        contact["meeting"] = {
            "status": "scheduled" if index == 0 else "met",
            "requested": "2026-11-10",
            "date": "2026-12-01 10:30" if index == 0 else "2026-11-20 09:00",
            "duration": 30,
            "format": "video",
        }
        contact["referrals"] = [hostile.CONTACTS[1 - index]]
        for item in contact.get("follow_up", []):
            item.update(date="2026-12-08", done=False)
        for item in contact.get("background", {}).get("education", []):
            item["year"] = 2010
        contact.setdefault("reflection", {})["still_interested"] = True
        files[f"contacts/{ident}.yml"] = contact
    for rel, doc in files.items():
        write(root / "content" / rel, json.dumps(doc, ensure_ascii=False))
    config = MINIMAL_MKDOCS.replace(
        "today: 2026-11-26", f"today: 2026-11-26\n      audience: {audience}"
    )
    config += "markdown_extensions:\n" + "".join(f"  - {e}\n" for e in EXTENSIONS)
    write(root / "mkdocs.yml", config)
    return root


@pytest.mark.parametrize(
    ("payload", "audience"),
    [
        (ATTR_PAYLOADS["paragraph"], "private"),
        (ATTR_PAYLOADS["list"] + "\n\n" + ATTR_PAYLOADS["heading"], "private"),
        (ATTR_PAYLOADS["emphasis"] + "\n\n" + ATTR_PAYLOADS["no colon"], "private"),
        (ATTR_PAYLOADS["paragraph"], "public"),
    ],
    ids=["paragraph", "list-heading", "inline", "public"],
)
def test_attr_list_in_every_field_sets_no_attribute_in_the_site(
    tmp_path: Path, payload: str, audience: str
) -> None:
    root = attr_guide(tmp_path, payload, audience)
    site = build_site(root)
    pages = list(hostile.html_files(site))
    assert len(pages) > 5
    for page in pages:
        found = attributes_set(page.read_text(encoding="utf-8"))
        assert found == [], f"{page.relative_to(site)}: {found}"
    if audience == "private":  # the notes section (the reported case) is on the page
        prep = (site / "contacts/zed-one/index.html").read_text(encoding="utf-8")
        assert "Notes from the conversation" in prep
        assert "&#125;" in prep  # shown as typed, inert


# --- finding 2: Markdown fields that make Python-Markdown quadratic ---------------------------

SIZE = 20_000


def _repeat(piece: str) -> str:
    return (piece * (SIZE // len(piece) + 1))[:SIZE]


PATHOLOGICAL = {
    "nested brackets": "[" * (SIZE // 2) + "x" + "]" * (SIZE // 2),
    "open brackets": "[" * SIZE,
    "images": _repeat("!["),
    "link starts": _repeat("[x]("),
    "bracket words": _repeat("[x"),
    "tag starts": _repeat("<a "),
    "autolinks": _repeat("<http://"),
    "comments": _repeat("<!--"),
    "closing tags": _repeat("</"),
    "emphasis": _repeat("*a"),
    "strong": _repeat("**a"),
    "stars": "*" * SIZE,
    "underscores": _repeat("_x"),
    "backticks": _repeat("`x"),
    "entities": _repeat("&"),
    "escapes": _repeat("\\"),
    "line breaks": _repeat("x  \n"),
    "quote run": ">" * SIZE + " x",
    "nested quotes": "\n".join(">" * i + " x" for i in range(1, 200)),
    "nested lists": "\n".join("  " * i + "- x" for i in range(400)),
    "list markers": _repeat("- ") + "x",
    "quote markers": _repeat("> - ") + "x",
    "empty items": _repeat("\n- "),
    "setext lines": _repeat("x\n-\n"),
}


@pytest.mark.parametrize("source", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_a_pathological_field_is_shown_as_written(source: str) -> None:
    # Budgets, not timing: the field is recognised in one pass and never reaches
    # Python-Markdown (docs/security.md, "Markdown fields"); scripts/measure in the report.
    assert markup.tangled(source) is not None
    html = markup.render_markdown(source)
    assert html == markup.sanitize(markup.literal_html(source))
    assert "<a" not in html and "<li" not in html and "<blockquote" not in html


def test_literal_rendering_keeps_the_text() -> None:
    source = "[" * 300 + "x <b>" + "]" * 300 + "\nnext line\n\nparagraph {: x}"
    assert markup.tangled(source) is not None
    html = markup.render_markdown(source)
    assert html.startswith("<p>" + "[" * 300 + "x &lt;b&gt;")
    assert "<br>\nnext line</p>\n<p>paragraph &#123;: x&#125;</p>" in html


ORDINARY = {
    "links": "\n".join(
        f"- [Talk {i}](https://example.org/{i}) by *someone* `code`" for i in range(300)
    ),
    "prose": ("A paragraph with **bold**, _em_ and a [link](https://x.example). " * 20 + "\n\n")
    * 15,
    "one open bracket": "[" + "word " * 4000,
    "nested list": "- a\n  - b\n    - c\n      - d\n" * 200,
    "quotes": "> quoted\n> > nested\n\n" * 300,
    "table": "| a | b |\n|---|---|\n" + "| x | y |\n" * 500,
    "html": "<b>bold</b> and <i>it</i> and <!-- c --> " * 200,
}


@pytest.mark.parametrize("source", list(ORDINARY.values()), ids=list(ORDINARY))
def test_ordinary_notes_are_converted(source: str) -> None:
    assert markup.tangled(source) is None


def test_short_fields_are_never_tangled() -> None:
    for piece in ("[", "<a ", "*", "\n- ", ">", "- "):
        assert markup.tangled((piece * 300)[:200]) is None


def test_check_warns_about_a_tangled_field_where_it_is(tmp_path: Path) -> None:
    write(
        tmp_path / "content/contacts/bb.yml",
        'name: Bb Cc\nbackground:\n  notes: "' + "[" * 5000 + "x" + "]" * 5000 + '"\n',
    )
    write(
        tmp_path / "content/organizations/acme.yml",
        "name: Acme\nroles:\n  - title: Analyst\n    notes: |\n      " + "<a " * 5000 + "\n",
    )
    corpus = CorpusLoader().load(tmp_path / "content")
    warnings = [p for p in corpus.problems if p.severity == "warning"]
    assert [(p.path, p.line, p.column) for p in warnings] == [
        ("content/contacts/bb.yml", 3, 10),
        ("content/organizations/acme.yml", 4, 12),
    ]
    assert warnings[0].message.startswith("`background.notes` is shown as written")
    assert warnings[1].message.startswith("`roles[0].notes` is shown as written")
    assert not corpus.errors


# --- finding 5: what a template override is handed in a public build -------------------------

SPY = """---
title: Spy
---

# Spy

FILES {{ corpus.source_files | join(",") }}
PROBLEMS {{ corpus.problems | join(",") }}
INVALID {{ corpus.invalid | list }}
PATHS {{ corpus.paths }}
DOCS {{ corpus.documents }}
CONTACTS {{ corpus.contacts | list }}
"""


def test_a_public_build_hands_templates_no_path_of_a_private_file(tmp_path: Path) -> None:
    write(tmp_path / "content/contacts/pub-one.yml", "name: Pub One\nvisibility: public\n")
    write(tmp_path / "content/contacts/priv-two.yml", "name: Priv Two\nemail: p@x.example\n")
    write(
        tmp_path / "content/contacts/priv-warn.yml",
        "name: Priv Warn\nmeeting: {status: scheduled, date: 2026-12-10}\n",
    )
    write(tmp_path / "content/organizations/acme.yml", "name: Acme\nnotes: private words\n")
    config = MINIMAL_MKDOCS.replace(
        "today: 2026-11-26", "today: 2026-11-26\n      audience: public"
    )
    write(tmp_path / "mkdocs.yml", config)
    for name in ("contact.html.j2", "organizations.md.j2"):
        override_template(tmp_path, name, SPY)
    site = build_site(tmp_path)
    for page in ("contacts/pub-one/index.html", "organizations/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "FILES \n" in html or "FILES </p>" in html or "FILES\n" in html, html
        assert "priv" not in html.lower()
        assert "private words" not in html
        assert "CONTACTS [&#39;pub-one&#39;]" in html or "CONTACTS ['pub-one']" in html


# --- finding 6: links under content/ ---------------------------------------------------------


def _linked_guide(root: Path) -> Path:
    write(root / "content/contacts/priv-two.yml", "name: Priv Two\nemail: secret@x.example\n")
    write(root / "content/profile.yml", "name: Pat Student\nemail: me@x.example\n")
    write(root / "content/guides/ok.txt", "fine\n")
    write(root / "secret.txt", "outside\n")
    write(root / "content/guides/page.md", "# Page\n")
    (root / "content/guides/reading.txt").symlink_to("../contacts/priv-two.yml")
    (root / "content/guides/outside.txt").symlink_to("../../secret.txt")
    (root / "content/guides/ok-link.txt").symlink_to("ok.txt")
    (root / "content/guides/linked").symlink_to("../contacts")
    (root / "content/contacts/me.md").symlink_to("../profile.yml")
    (root / "content/mine.md").symlink_to("guides/page.md")
    write(root / "mkdocs.yml", MINIMAL_MKDOCS)
    return root


def test_links_to_research_notes_or_outside_are_left_out_and_named(tmp_path: Path) -> None:
    root = _linked_guide(tmp_path)
    corpus = CorpusLoader().load(root / "content")
    warned = sorted(p.path for p in corpus.problems if "is left out of the site" in p.message)
    assert warned == [
        "content/contacts/me.md",
        "content/guides/linked",
        "content/guides/outside.txt",
        "content/guides/reading.txt",
    ]
    site = build_site(root)
    published = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert "guides/reading.txt" not in published
    assert "guides/outside.txt" not in published
    assert not any(p.startswith("guides/linked") for p in published)
    assert "contacts/me/index.html" not in published
    assert {"guides/ok.txt", "guides/ok-link.txt", "mine/index.html"} <= set(published)
    for page in site.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".txt", ".json", ".xml"):
            text = page.read_text(encoding="utf-8", errors="replace")
            # a private build shows the notes on their pages, never the files themselves
            assert "name: Priv Two" not in text and "name: Pat Student" not in text, page
            assert text != "outside\n"


# --- finding 7: --dirty public builds -------------------------------------------------------


def _build(root: Path, *, dirty: bool) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    cfg.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(cfg, dirty=dirty)
    finally:
        cfg.plugins.on_shutdown()
        # MkDocs keeps plugin instances that define on_startup for the whole process, and
        # material's search plugin keeps a dirty build's index (search_index_prev) and merges
        # it into every later build of this process: forget it, so that later tests' builds
        # start clean (a `mkdocs build --dirty` command is one process, so users never see it)
        for plugin in cfg.plugins.values():
            if hasattr(plugin, "search_index_prev"):
                plugin.search_index_prev = None
    return root / "site"


def test_a_dirty_public_build_is_refused_before_anything_is_written(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort, PluginError

    write(tmp_path / "content/contacts/pub-one.yml", "name: Pub One\nvisibility: public\n")
    write(
        tmp_path / "content/contacts/priv-two.yml",
        "name: Priv Two\nmeeting: {status: scheduled, date: '2026-12-10 10:00'}\n",
    )
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    site = _build(tmp_path, dirty=False)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    assert (site / "contacts/priv-two/index.html").is_file()
    config = MINIMAL_MKDOCS.replace(
        "today: 2026-11-26", "today: 2026-11-26\n      audience: public"
    )
    write(tmp_path / "mkdocs.yml", config)
    with pytest.raises((PluginError, Abort)):
        _build(tmp_path, dirty=True)
    assert "a public build must start from an empty site: run it without --dirty" in (
        mkdocs_logs.text
    )
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    site = _build(tmp_path, dirty=False)  # a clean public build drops them
    assert not (site / "contacts/priv-two").exists()
    assert not list(site.rglob("*.ics"))


def test_a_dirty_private_build_still_works(tmp_path: Path) -> None:
    write(tmp_path / "content/contacts/pub-one.yml", "name: Pub One\n")
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    _build(tmp_path, dirty=False)
    assert (_build(tmp_path, dirty=True) / "contacts/pub-one/index.html").is_file()


# --- finding 10: leftover names ---------------------------------------------------------------


@pytest.mark.parametrize(
    "rel",
    [
        "x.ｙｍｌ",  # fullwidth: NFKC reads it as x.yml
        "guides/x.ＹＡＭＬ",
        "profile",
        "Profile.json",
        "profile~",
        "ＰＲＯＦＩＬＥ.txt",
        "contacts/x.json",
        "contacts/x.ym",
        "contacts/x~",
        "organizations/acme.json",
        "questions/x.txt",
    ],
)
def test_leftovers_are_left_out_and_named(tmp_path: Path, rel: str) -> None:
    write(tmp_path / "content" / rel, "email: secret@x.example\n")
    write(tmp_path / "content/contacts/pub-one.yml", "name: Pub One\n")
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    corpus = CorpusLoader().load(tmp_path / "content")
    assert [p.path for p in corpus.problems if "left out of the site" in p.message] == [
        f"content/{rel}"
    ]
    site = build_site(tmp_path)
    for page in site.rglob("*"):
        if page.is_file() and not page.name.endswith(".gz"):
            assert "secret@x.example" not in page.read_text(encoding="utf-8", errors="replace")


def test_other_files_are_still_published(tmp_path: Path) -> None:
    for rel in ("data.json", "guides/notes.txt", "profiles.md", "contacts/reading.md"):
        write(tmp_path / "content" / rel, "# fine\n")
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    site = build_site(tmp_path)
    assert (site / "data.json").is_file() and (site / "guides/notes.txt").is_file()
    assert (site / "profiles/index.html").is_file()
    assert (site / "contacts/reading/index.html").is_file()
