"""Issue 13, items 1, 10 and 12: what prepguide hands MkDocs as page titles and tags is inert
HTML that reads right, its front matter survives any text, and a public build carries no
meeting status, date or request date.

The browser side (payloads that must not run in Chromium) is tests/browser/test_security_xss.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import re
from pathlib import Path

import pydantic
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from prepguide.guide.corpus import Corpus
from prepguide.guide.privacy import for_audience
from prepguide.markup import meta_text, yaml_string
from prepguide.options import Options
from prepguide.read.model import Contact, Organization
from prepguide.render.pages import SiteContext
from prepguide.render.site import render_site
from prepguide.render.templating import Renderer, front_matter

from .conftest import MINIMAL_MKDOCS, build_site, write

PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    "</title><script>window.__pwned=1</script>",
    '"><svg onload=window.__pwned=1>',
    "AT&T",
    "Ben & Jerry's",
    "Ana 🦄",
    "🚀 launch",
    "---",
    "a\n---\nb",
    "...",
    "x: y",
    "- item",
    "{{ 7 * 7 }} {% if x %}",
    "\u202eevil\u202c",
    "tab\there\r\nCRLF",
    "\x00\x01\x07\x1b\x7f\x85\u2028\u2029\ufeff\ufffe\uffff",
    "&amp; &#60; &lt;",
    "\\u00e9 \\x41 \\",
    "\"quoted\" 'single'",
    "é" * 5000,
)
hostile = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(min_size=1),
    st.lists(st.sampled_from(PAYLOADS) | st.text(max_size=5), min_size=1, max_size=6).map("".join),
).filter(str.strip)


def shown(value: str) -> str:
    """What a reader should see for a title or tag: the text, white space collapsed."""
    return " ".join(value.split())


# --- item 10: front matter that any YAML parser (MkDocs' own) reads back exactly -------------


@settings(max_examples=300, deadline=None)
@given(value=st.text())
@example(value="Ana 🦄")
@example(value="a\n---\nb")
def test_yaml_string_round_trips_through_mkdocs(value: str) -> None:
    scalar = yaml_string(value)
    assert scalar.isascii() and "\n" not in scalar
    _, meta = get_data(f"---\nkey: {scalar}\n---\n\nbody\n")
    assert meta == {"key": value}


def test_yaml_string_of_a_lone_surrogate() -> None:
    """Half of an astral character (what JSON writes) cannot be read back: U+FFFD instead."""
    scalar = yaml_string("a\ud83eb")
    _, meta = get_data(f"---\nkey: {scalar}\n---\n")
    assert meta == {"key": "a\ufffdb"}


@settings(max_examples=200, deadline=None)
@given(title=hostile, tags=st.lists(hostile, max_size=4))
def test_front_matter_gives_mkdocs_the_escaped_title_and_tags(title: str, tags: list[str]) -> None:
    body, meta = get_data(f"---\n{front_matter(title, tags)}\n---\n\n# Heading\n")
    assert body == "# Heading\n"
    assert meta["title"] == meta_text(title)
    assert meta.get("tags", []) == [meta_text(t) for t in tags]
    for value in [meta["title"], *meta.get("tags", [])]:
        assert not re.search(r"[<>\"']", value)  # nothing that can open a tag or an attribute
        assert not re.search(r"&(?!amp;|lt;|gt;|#34;|#39;)", value)
    # and it reads right once the theme prints it as HTML
    assert html.unescape(meta["title"]) == shown(title)
    assert [html.unescape(t) for t in meta.get("tags", [])] == [shown(t) for t in tags]


def test_meta_text_escapes_once() -> None:
    assert meta_text("AT&T") == "AT&amp;T"
    assert meta_text("Ben & Jerry's") == "Ben &amp; Jerry&#39;s"
    assert meta_text("</title><script>") == "&lt;/title&gt;&lt;script&gt;"
    assert meta_text("Ana\n  🦄") == "Ana 🦄"


def _corpus(name: str, tags: list[str]) -> Corpus:
    org = Organization(id="acme", name=name, tags=tags)
    contact = Contact(id="ana", name=name, organization="acme", tags=tags, visibility="public")
    return Corpus(organizations={"acme": org}, contacts={"ana": contact})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=hostile, tags=st.lists(hostile, max_size=3))
@example(name="Ana 🦄", tags=["🚀 launch"])
@example(name='<img src=x onerror="window.__pwned=1">', tags=["</title><script>x</script>"])
def test_generated_pages_carry_the_intended_title_and_tags(name: str, tags: list[str]) -> None:
    """The built-in contact and organization templates, read by MkDocs' front-matter parser."""
    try:
        corpus = _corpus(name, tags)
    except pydantic.ValidationError:
        assume(False)  # what the schema refuses never reaches a page
    ctx = SiteContext(Options(), dt.date(2026, 11, 26), True, None, public=False)
    pages = {p.src_uri: p.markdown for p in render_site(corpus, ctx, Renderer())}
    for src in ("contacts/ana.md", "organizations/acme.md"):
        body, meta = get_data(pages[src])
        assert meta["title"] == meta_text(name), src
        assert meta.get("tags", []) == [meta_text(t) for t in tags], src
        assert not body.startswith(("title:", "tags:", "---")), src


# --- items 1 and 10 in a real build: the HTML MkDocs and material write ----------------------

NAME = 'Ana 🦄 <img src=x onerror="window.__pwned=1">'
ORG = "AT&T </title><script>window.__pwned=1</script>"
TAGS = ('"><svg onload=window.__pwned=1>', "🚀 launch", "Ben & Jerry's")
ORG_TAGS = ('<img src=x onerror="window.__pwned=1">', "Ben & Jerry's")  # no emoji: item 1 alone


def hostile_guide(root: Path, *, public: bool = False, tags_plugin: bool = True) -> Path:
    content = root / "content"
    write(
        content / "organizations/acme.yml",
        json.dumps(
            {
                "name": ORG,
                "tags": list(ORG_TAGS),
                "focus": ['<img src=x onerror="window.__pwned=1">'],
                "roles": [{"title": "</h2><script>window.__pwned=1</script>"}],
                "news": [{"headline": '"><svg onload=window.__pwned=1>', "date": "2026-01-02"}],
            },
            ensure_ascii=False,
        ),
    )
    write(
        content / "contacts/ana.yml",
        json.dumps(
            {
                "name": NAME,
                "organization": "acme",
                "visibility": "public",
                "tags": list(TAGS),
                "meeting": {"status": "scheduled", "date": "2026-12-03 10:00"},
            },
            ensure_ascii=False,
        ),
    )
    write(
        content / "contacts/bo.yml",
        "name: Bo Waiting\norganization: acme\nvisibility: public\n"
        "meeting: {status: requested, requested: 2026-11-20}\n",
    )
    if tags_plugin:
        write(content / "tags.md", "# Tags\n\n<!-- material/tags -->\n")
    config = MINIMAL_MKDOCS
    if tags_plugin:
        config = config.replace("  - search\n", "  - search\n  - tags\n")
    if public:
        config = config.replace("today: 2026-11-26", "today: 2026-11-26\n      audience: public")
    write(root / "mkdocs.yml", config + "markdown_extensions:\n  - toc:\n      permalink: true\n")
    return root


RAW_PAYLOADS = ("<img src=x", "<script>window", "<svg onload", "</title><script")


@pytest.mark.parametrize("public", [False, True], ids=["private", "public"])
def test_titles_and_tags_are_escaped_and_read_right(tmp_path: Path, public: bool) -> None:
    site = build_site(hostile_guide(tmp_path, public=public), strict=True)
    pages = {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}
    for where, text in pages.items():
        for raw in RAW_PAYLOADS:
            assert raw not in text, f"{raw!r} unescaped in {where}"
    contact = pages["contacts/ana/index.html"]
    org = pages["organizations/acme/index.html"]
    assert f"<title>{html.escape(NAME, quote=False)}" in contact.replace("&#34;", '"')
    assert html.unescape(re.search(r"<title>(.*?) - Test guide</title>", contact)[1]) == NAME
    assert html.unescape(re.search(r"<title>(.*?) - Test guide</title>", org)[1]) == ORG
    chips = re.findall(r'<(?:span|a)[^>]*class="md-tag[^"]*"[^>]*>\s*(.*?)\s*</', org, re.S)
    assert {html.unescape(c) for c in chips} == set(ORG_TAGS)
    # no raw front matter on the page (item 10: the title used to fall back to the file name)
    assert "title:" not in re.sub(r"<[^>]+>", "", contact)
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    assert html.unescape(docs["contacts/ana/"]["title"]) == NAME
    assert [html.unescape(t) for t in docs["contacts/ana/"]["tags"]] == list(TAGS)
    tags_page = pages["tags/index.html"]
    for tag in {*TAGS, *ORG_TAGS}:
        assert meta_text(tag) in tags_page


def test_emoji_names_and_tags_build(tmp_path: Path) -> None:
    """Item 10: an astral character used to break the front matter (title from the file name)."""
    write(tmp_path / "content/contacts/ana.yml", "name: Ana 🦄\ntags: ['🚀 launch', 'ux']\n")
    write(tmp_path / "content/organizations/rocket.yml", "name: 🚀 Rocket\ntags: ['🦄']\n")
    # With a tags plugin: tags are in the front matter and the search index.
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS.replace("  - search\n", "  - search\n  - tags\n"))
    site = build_site(tmp_path, strict=True)
    contact = (site / "contacts/ana/index.html").read_text("utf-8")
    org = (site / "organizations/rocket/index.html").read_text("utf-8")
    assert "<title>Ana 🦄 - Test guide</title>" in contact
    assert "<title>🚀 Rocket - Test guide</title>" in org
    assert "tags:" not in contact and "title:" not in contact
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    ana = next(d for d in index["docs"] if d["location"] == "contacts/ana/")
    assert ana["tags"] == ["🚀 launch", "ux"]


# --- item 12: a public build shows no meeting status, date or request date --------------------

STATUS_WORDS = re.compile(
    r"data-status|pg-status|scheduled|requested|to-contact|thanked|"
    r"2026-12-03|2026-11-20|December|Thursday|10:00",
    re.IGNORECASE,
)


def _theme_asset(site: Path, path: Path) -> bool:
    """A static file of the theme or of prepguide, the same in every build (no data in it)."""
    rel = path.relative_to(site).as_posix()
    if rel.startswith(("assets/javascripts/", "assets/stylesheets/", "assets/images/")):
        return True
    shipped = (
        Path(__file__).resolve().parent.parent
        / "plugins/prepguide"
        / rel.replace("assets/prepguide/", "assets/")
    )
    return rel.startswith("assets/prepguide/") and shipped.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("tags_plugin", [False, True], ids=["no-tags", "tags"])
def test_public_build_carries_no_meeting_status(tmp_path: Path, tags_plugin: bool) -> None:
    site = build_site(hostile_guide(tmp_path, public=True, tags_plugin=tags_plugin), strict=True)
    found = {}
    checked = 0
    for path in site.rglob("*"):
        if not path.is_file() or _theme_asset(site, path):
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
        checked += 1
        hits = sorted({m.group() for m in STATUS_WORDS.finditer(text)})
        if hits:
            found[path.relative_to(site).as_posix()] = hits
    assert found == {}
    assert checked >= 6  # pages, search index, sitemap
    assert (site / "contacts/ana/index.html").is_file()
    assert (site / "contacts/bo/index.html").is_file()


def test_private_build_still_shows_meeting_status(tmp_path: Path) -> None:
    site = build_site(hostile_guide(tmp_path), strict=True)
    directory = (site / "contacts/index.html").read_text("utf-8")
    assert 'data-status="scheduled"' in directory and 'data-status="requested"' in directory
    org = (site / "organizations/acme/index.html").read_text("utf-8")
    assert "pg-status-scheduled" in org
    assert "3 December 2026" in (site / "contacts/ana/index.html").read_text("utf-8")


def test_public_model_has_no_meeting_status() -> None:
    contact = Contact(
        id="ana",
        name="Ana",
        visibility="public",
        meeting={"status": "scheduled", "date": "2026-12-03 10:00", "requested": "2026-11-20"},
    )
    public = for_audience(Corpus(contacts={"ana": contact}), "public").contacts["ana"]
    assert public.meeting.status == "researching"
    assert public.meeting.date is None and public.meeting.requested is None
    assert public.meeting.duration == contact.meeting.duration


def test_undated_news_beside_dated_news_builds(tmp_path: Path) -> None:
    """``news[].date`` is optional: sorting by date used to compare a date with None."""
    write(
        tmp_path / "content/organizations/acme.yml",
        "name: Acme\nnews:\n  - headline: Undated item\n  - {headline: Older, date: 2025-01-02}\n"
        "  - {headline: Newer, date: 2026-03-04}\n",
    )
    write(tmp_path / "content/contacts/ana.yml", "name: Ana\norganization: acme\n")
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    site = build_site(tmp_path, strict=True)
    org = (site / "organizations/acme/index.html").read_text("utf-8")
    assert org.index("Newer") < org.index("Older") < org.index("Undated item")
    contact = (site / "contacts/ana/index.html").read_text("utf-8")
    assert contact.index("Newer") < contact.index("Older") and "Undated item" not in contact
