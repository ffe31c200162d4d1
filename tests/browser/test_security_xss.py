"""Issue 13, items 1 and 10 in Chromium: names and tags that carry script never run it, and read
as written, on prep pages, organization pages, the contacts index, the tags page and in search
results, in private and public builds, with and without material's ``tags`` plugin.

Every payload sets ``window.__pwned``; an init script also turns ``alert`` and friends into the
flag. The tests read the flag after each page and each search.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.conftest import MINIMAL_MKDOCS, write

from .conftest import ServedSite, Watch, build_and_serve

SEARCH_INPUT = "input[data-md-component='search-query']"
ARTICLE = "article.md-content__inner"

ANA = 'Zorblax 🦄 <img src=x onerror="window.__pwned=1">'
ANA_TAGS = [
    '"><svg onload=window.__pwned=1>',
    "🚀 launch",
    '<img src=x onerror="window.__pwned=1">',
]
CY = "</title><script>window.__pwned=1</script> Quixote"
CY_TAGS = ["Ben & Jerry's", "</title><script>window.__pwned=1</script>"]
DEE = '"><svg onload=window.__pwned=1> Dee Wimble'
EVE_FIRST = "<img/src=x/onerror=window.__pwned=1>"  # a first name drafts and their headings use
EVE = f"{EVE_FIRST} Eve"
ACME = "AT&T </title><script>window.__pwned=1</script>"
ACME_TAGS = ['<img src=x onerror="window.__pwned=1">', "Ben & Jerry's", "AT&T"]
BEN = "Ben & Jerry's"
PAYLOAD = '<img src=x onerror="window.__pwned=1">'

TRAP = """
window.alert = window.confirm = window.prompt = () => { window.__pwned = 1; };
"""


def hostile_guide(root: Path, *, public: bool, tags_plugin: bool) -> Path:
    def put(path: str, data: dict[str, object]) -> None:
        write(root / "content" / path, json.dumps(data, ensure_ascii=False))

    put(
        "organizations/acme.yml",
        {
            "name": ACME,
            "industry": PAYLOAD,
            "tags": ACME_TAGS,
            "summary": f"We make things. {PAYLOAD}",
            "focus": [PAYLOAD, "</li><script>window.__pwned=1</script>"],
            "roles": [
                {"title": f"Analyst {PAYLOAD}", "notes": "<script>window.__pwned=1</script>"}
            ],
            "news": [
                {"headline": '"><svg onload=window.__pwned=1> big news', "date": "2026-01-02"},
                {"headline": "## </h2><script>window.__pwned=1</script>"},
            ],
        },
    )
    put("organizations/ben.yml", {"name": BEN, "tags": ["🦄"]})
    common = {"visibility": "public", "role": f"Lead {PAYLOAD}", "location": PAYLOAD}
    put(
        "contacts/ana.yml",
        {
            "name": ANA,
            "organization": "acme",
            "tags": ANA_TAGS,
            "meeting": {"status": "scheduled", "date": "2026-12-03 10:00"},
            "goals": [f"learn {PAYLOAD}"],
            "referrals": ["cy", f"Someone {PAYLOAD}"],
            **common,
        },
    )
    put(
        "contacts/cy.yml",
        {
            "name": CY,
            "organization": "ben",
            "tags": CY_TAGS,
            "connection": {"type": "friend", "via": "eve"},
            **common,
        },
    )
    put("contacts/dee.yml", {"name": DEE, "organization": "acme", **common})
    put("contacts/eve.yml", {"name": EVE, "organization": "ben", **common})
    if tags_plugin:
        write(root / "content/tags.md", "# Tags\n\n<!-- material/tags -->\n")
    config = MINIMAL_MKDOCS
    if tags_plugin:
        config = config.replace("  - search\n", "  - search\n  - tags\n")
    if public:
        config = config.replace("today: 2026-11-26", "today: 2026-11-26\n      audience: public")
    config = config.replace(
        "  font: false\n",
        "  font: false\n  features:\n    - search.suggest\n    - search.highlight\n",
    )
    config += "markdown_extensions:\n  - toc:\n      permalink: true\n"
    write(root / "mkdocs.yml", config)
    return root


VARIANTS = [
    pytest.param((False, True), id="private-tags"),
    pytest.param((False, False), id="private-notags"),
    pytest.param((True, True), id="public-tags"),
    pytest.param((True, False), id="public-notags"),
]


@pytest.fixture(scope="module", params=VARIANTS)
def hostile_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[ServedSite, bool, bool]]:
    public, tags_plugin = request.param
    root = hostile_guide(tmp_path_factory.mktemp("hostile"), public=public, tags_plugin=tags_plugin)
    for site in build_and_serve(root, {}):
        yield site, public, tags_plugin


def visit(page: Page, url: str) -> None:
    page.add_init_script(TRAP)
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)  # let image errors and late handlers fire
    assert_not_pwned(page)


def assert_not_pwned(page: Page) -> None:
    assert page.evaluate("() => typeof window.__pwned") == "undefined", page.url


def texts(page: Page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def check_page_title(page: Page, title: str) -> None:
    assert page.title() == f"{title} - Test guide"
    topic = page.locator("[data-md-component='header-topic'] .md-ellipsis")
    assert topic.text_content().strip() == title  # type: ignore[union-attr]
    expect(page.locator(f"{ARTICLE} h1").first).to_contain_text(title)


def test_prep_pages_and_organization_pages(
    page: Page, watch: Watch, hostile_site: tuple[ServedSite, bool, bool]
) -> None:
    site, public, tags_plugin = hostile_site
    visit(page, f"{site.url}/contacts/ana/")
    check_page_title(page, ANA)
    if tags_plugin:
        assert sorted(texts(page, f"{ARTICLE} .md-tags .md-tag")) == sorted(ANA_TAGS)
    # what the stage folds is on the page too: unfold it to read it (docs/usage.md)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    body = page.locator(ARTICLE).inner_text()
    assert PAYLOAD in body  # the role, goals, location... shown as typed
    assert "Someone " + PAYLOAD in body

    visit(page, f"{site.url}/contacts/cy/")
    check_page_title(page, CY)
    # headings (and the table of contents made from them) hold names too
    toc = texts(page, ".md-nav--secondary .md-nav__link")
    assert f"Ask {EVE_FIRST} for an introduction" in toc
    if tags_plugin:
        assert sorted(texts(page, f"{ARTICLE} .md-tags .md-tag")) == sorted(CY_TAGS)

    visit(page, f"{site.url}/contacts/dee/")
    check_page_title(page, DEE)

    visit(page, f"{site.url}/organizations/acme/")
    check_page_title(page, ACME)
    if tags_plugin:
        assert sorted(texts(page, f"{ARTICLE} .md-tags .md-tag")) == sorted(ACME_TAGS)
    body = page.locator(ARTICLE).inner_text()
    for shown in (f"Analyst {PAYLOAD}", "</li><script>window.__pwned=1</script>", "big news"):
        assert shown in body
    assert "Scheduled" not in body if public else "Scheduled" in body

    visit(page, f"{site.url}/organizations/ben/")
    check_page_title(page, BEN)
    assert not watch.errors, watch.errors


def test_indexes_and_tags_page(
    page: Page, watch: Watch, hostile_site: tuple[ServedSite, bool, bool]
) -> None:
    site, public, tags_plugin = hostile_site
    visit(page, f"{site.url}/contacts/")
    names = texts(page, "#pg-contacts tbody tr td:first-child")
    assert sorted(names) == sorted([ANA, CY, DEE, EVE])
    page.locator("input[data-filter='text']").press_sequentially("zorblax")
    expect(page.locator("#pg-contacts tbody tr:visible")).to_have_count(1)
    assert_not_pwned(page)
    # item 12: the directory of a public build has no status filter and no status attribute
    expect(page.locator("select[data-filter='status']")).to_have_count(0 if public else 1)
    expect(page.locator("#pg-contacts tr[data-status]")).to_have_count(0 if public else 4)
    tag_options = texts(page, "select[data-filter='tag'] option")
    assert set(ANA_TAGS + CY_TAGS) <= set(tag_options)

    visit(page, f"{site.url}/organizations/")
    assert {ACME, BEN} <= {t for t in texts(page, f"{ARTICLE} li a")}

    visit(page, f"{site.url}/network/")
    visit(page, f"{site.url}/")
    if tags_plugin:
        visit(page, f"{site.url}/tags/")
        headings = texts(page, f"{ARTICLE} h2 .md-tag")
        assert set(headings) == {*ANA_TAGS, *CY_TAGS, *ACME_TAGS, "🦄"}
        links = set(texts(page, f"{ARTICLE} li a"))
        assert {ANA, CY, ACME, BEN} <= links
        toc = set(texts(page, ".md-nav--secondary .md-nav__link"))
        assert set(ANA_TAGS) <= toc
    else:
        assert page.request.get(f"{site.url}/tags/").status == 404
    assert not watch.errors, watch.errors


@pytest.mark.parametrize(
    ("query", "name", "tags"), [("Zorblax", ANA, ANA_TAGS), ("Quixote", CY, CY_TAGS)]
)
def test_search_results(
    page: Page,
    watch: Watch,
    hostile_site: tuple[ServedSite, bool, bool],
    query: str,
    name: str,
    tags: list[str],
) -> None:
    site, _, tags_plugin = hostile_site
    visit(page, f"{site.url}/organizations/")
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.press_sequentially(query)
    result = page.locator(".md-search-result__item > a", has=page.locator("h1")).filter(
        has_text=re.compile(re.escape(query))
    )
    expect(result.first).to_be_visible()
    page.wait_for_timeout(200)
    assert_not_pwned(page)
    article = result.first
    assert article.locator("h1").inner_text().strip() == name
    # Tags are searched (and shown in results) only where a tags plugin shows them on pages.
    assert sorted(texts_in(article, ".md-tag")) == (sorted(tags) if tags_plugin else [])
    assert not watch.errors, watch.errors


def texts_in(locator: Locator, selector: str) -> list[str]:
    return [t.strip() for t in locator.locator(selector).all_inner_texts()]
