"""Real MkDocs builds into tmp_path, asserting on the HTML and the search index."""

from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from .conftest import PREP_SECTIONS, build_site, override_template, write


def test_example_guide_builds_strict(example_guide: Path) -> None:
    site = build_site(example_guide, strict=True)
    assert (site / "index.html").is_file()
    assert (site / "contacts/index.html").is_file()
    assert (site / "organizations/index.html").is_file()
    for contact in (example_guide / "content/contacts").glob("*.yml"):
        assert (site / "contacts" / contact.stem / "index.html").is_file()
    for org in (example_guide / "content/organizations").glob("*.yml"):
        assert (site / "organizations" / org.stem / "index.html").is_file()
    assert (site / "about/index.html").is_file()


def test_no_yaml_file_reaches_the_site(example_guide: Path) -> None:
    site = build_site(example_guide)
    published = [
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in (".yml", ".yaml")
    ]
    assert published == []
    pages = [p.read_text(errors="ignore") for p in site.rglob("*.html")]
    assert not any("yaml-language-server" in page for page in pages)
    # from profile.yml: its content reaches the site only as rendered pages
    assert any("Lakeshore" in page for page in pages)


def test_prep_page_sections_in_order(guide: Path) -> None:
    site = build_site(guide)
    # before the talk (scheduled), the order docs/usage.md lists; other stages reorder
    # (tests/browser/test_prep_page.py)
    html = (site / "contacts/marcus-ebbesen/index.html").read_text(encoding="utf-8")
    positions = [html.index(f">{h}<") for h in PREP_SECTIONS]
    assert positions == sorted(positions)
    html = (site / "contacts/joan-whitcombe/index.html").read_text(encoding="utf-8")
    assert 'href="../../organizations/cedar-ridge-health/"' in html


def test_search_index_has_contacts_but_no_yaml(guide: Path) -> None:
    site = build_site(guide)
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    assert "Joan Whitcombe" in titles
    locations = {doc["location"] for doc in index["docs"]}
    assert "contacts/joan-whitcombe/" in locations
    assert not any(loc.endswith((".yml", ".yaml")) for loc in locations)


def test_invalid_file_fails_before_writing_and_keeps_site(
    guide: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    site = build_site(guide)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    contact = guide / "content/contacts/joan-whitcombe.yml"
    contact.write_text(
        contact.read_text(encoding="utf-8").replace("name:", "nmae:", 1), encoding="utf-8"
    )
    with pytest.raises(Abort, match="Aborted with a BuildError"):
        build_site(guide)
    after = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    assert after == before
    errors = [r.getMessage() for r in mkdocs_logs.records if r.levelno >= logging.ERROR]
    assert any(
        "content/contacts/joan-whitcombe.yml:" in m
        and "`nmae`: unknown field; did you mean `name`?" in m
        for m in errors
    )
    assert not any("Traceback" in m for m in errors)


def test_warnings_fail_only_strict_builds(guide: Path) -> None:
    write(guide / "content/contacts/extra.yaml", "name: Extra\n")
    build_site(guide)
    with pytest.raises(Abort, match="in strict mode"):
        build_site(guide, strict=True)


def test_user_index_replaces_dashboard_and_nav_is_respected(guide: Path) -> None:
    write(guide / "content/index.md", "# My own start page\n")
    config = (guide / "mkdocs.yml").read_text(encoding="utf-8")
    config += "nav:\n  - Home: index.md\n  - People: contacts.md\n"
    (guide / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = build_site(guide)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "My own start page" in html
    assert "What is due" not in html
    assert ">People<" in html or "People" in html
    assert (site / "contacts/joan-whitcombe/index.html").is_file()


def test_untrusted_text_is_harmless(guide: Path) -> None:
    write(
        guide / "content/contacts/mallory.yml",
        "name: '<img src=x onerror=alert(1)>'\n"
        "role: '<script>alert(2)</script>'\n"
        "background:\n"
        "  notes: |\n"
        "    <img src=x onerror=alert(3)> and [x](javascript:alert(4)) and <script>alert(5)</script>\n"
        "    **bold** and [a link](https://example.org/ok) and [mail](mailto:a@example.org)\n"
        'notes: \'<a href="javascript:alert(6)" onclick="alert(7)">x</a>\'\n'
        "goals: ['[click](javascript:alert(8))']\n",
    )
    site = build_site(guide)
    html = (site / "contacts/mallory/index.html").read_text(encoding="utf-8")
    body = html[html.index("<article") : html.index("</article>")]
    assert "<script" not in body
    assert "<img" not in body
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", body), "an event-handler attribute survived"
    assert not re.search(r"href=[\"']?\s*javascript:", html, re.IGNORECASE)
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "<strong>bold</strong>" in body
    assert 'href="https://example.org/ok"' in body
    assert 'href="mailto:a@example.org"' in body
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_links_work_with_either_url_style(guide: Path, use_directory_urls: bool) -> None:
    site = build_site(guide, use_directory_urls=use_directory_urls)
    if use_directory_urls:
        listing = (site / "contacts/index.html").read_text(encoding="utf-8")
        assert 'href="joan-whitcombe/"' in listing
    else:
        listing = (site / "contacts.html").read_text(encoding="utf-8")
        assert 'href="contacts/joan-whitcombe.html"' in listing
        assert (site / "contacts/joan-whitcombe.html").is_file()


def test_network_page_and_calendar(guide: Path) -> None:
    import icalendar

    site = build_site(guide)
    html = (site / "network/index.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<title" in html
    assert 'href="../contacts/marcus-ebbesen/"' in html
    assert "introduced you to" in html
    prep = (site / "contacts/marcus-ebbesen/index.html").read_text(encoding="utf-8")
    assert "Led to them by:" in prep and 'href="../anais-thibodeaux/"' in prep
    assert 'href="../../calendar/marcus-ebbesen.ics"' in prep
    calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert any("Marcus Ebbesen" in s for s in summaries)
    one = icalendar.Calendar.from_ical((site / "calendar/marcus-ebbesen.ics").read_bytes())
    assert len(list(one.walk("VEVENT"))) == 1


def test_template_overrides_are_used_and_not_published(guide: Path) -> None:
    override_template(
        guide, "organizations.md.j2", "---\ntitle: Employers\n---\n\n# Employers we researched\n"
    )
    site = build_site(guide, strict=True)
    assert "Employers we researched" in (site / "organizations/index.html").read_text(
        encoding="utf-8"
    )
    assert not list(site.rglob("*.j2"))


def test_generated_text_is_kept_out_of_search(guide: Path) -> None:
    """Questions, the intro and the drafts repeat across pages: search indexes what is
    particular to each person instead."""
    site = build_site(guide)
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    joan = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("contacts/joan-whitcombe/")
    )
    html = (site / "contacts/joan-whitcombe/index.html").read_text(encoding="utf-8")
    intro = html[html.index('class="pg-intro"') :].split("<p>", 1)[1].split("</p>", 1)[0]
    assert intro and intro[:40] not in joan
    assert "Who else, at Cedar Ridge Health" not in joan
    assert "Best wishes" not in joan
    assert "Cedar Ridge" in joan and "handoff tool" in joan


def test_characters_beyond_latin_1_read_the_same(guide: Path) -> None:
    """Generated pages carry wide characters as references; readers and search see them as typed."""
    write(
        guide / "content/contacts/lukasz-zak.yml",
        'name: "Łukasz Żak"\n'
        "organization: cedar-ridge-health\n"
        'role: "Researcher — patient safety"\n'
        'location: "Kraków"\n'
        "background:\n"
        "  notes: |\n"
        "    He’s moved from nursing → research; “ask about the pilot”. 😀\n",
    )
    site = build_site(guide, strict=True)
    page = (site / "contacts/lukasz-zak/index.html").read_text(encoding="utf-8")
    assert "&#321;ukasz &#379;ak" in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "Łukasz Żak" in text and "Researcher — patient safety" in text
    assert "He’s moved from nursing → research; “ask about the pilot”. 😀" in text
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    found = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    assert "Łukasz Żak" in found and "nursing → research" in found
    contacts = (site / "contacts/index.html").read_text(encoding="utf-8")
    assert 'data-text="&#322;ukasz &#380;ak' in contacts  # the filter matches what is typed


def test_navigation_keeps_the_titles_of_generated_pages(guide: Path) -> None:
    """Released pages keep their titles: every page's sidebar and footer name the others."""
    site = build_site(guide, strict=True)
    for page in ("index.html", "contacts/joan-whitcombe/index.html", "network/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r">\s*None\s*<", html) is None, page
        nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
        for label in ("Contacts", "Organizations", "Network"):
            assert re.search(rf">\s*{label}\s*<", nav), (page, label)


def test_override_pages_are_left_as_written(guide: Path) -> None:
    """Characters beyond Latin-1 stay as typed in an override (its front matter may be raw YAML)."""
    write(
        guide / "content/contacts/lukasz-zak.yml",
        'name: "Łukasz Żak"\norganization: cedar-ridge-health\n',
    )
    override_template(
        guide,
        "contact.html.j2",
        "---\ntitle: {{ contact.name }} — prep\n---\n<h1>{{ contact.name }}</h1>\n"
        "<p>Id: <code>{{ contact.name }}</code></p>\n",
    )
    site = build_site(guide)
    html = (site / "contacts/lukasz-zak/index.html").read_text(encoding="utf-8")
    assert "<title>Łukasz Żak — prep" in html
    assert "<code>Łukasz Żak</code>" in html
