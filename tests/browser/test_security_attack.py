"""The attr_list payload of the attacker's report in Chromium: a contact's `notes` (read again
by md_in_html inside "After the talk") and every other Markdown field ending in
``{: autofocus tabindex=1 onfocus=... style=... }`` never becomes attributes, and nothing runs
(docs/security.md). The HTML side, over every field, is tests/test_security_attack.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.conftest import MINIMAL_MKDOCS, write

from .conftest import ServedSite, Watch, build_and_serve

RUN = "window.__pwned=1"
PAYLOAD = f'Hello\n{{: autofocus tabindex=1 onfocus="{RUN}" style="position:fixed;inset:0" }}'
LIST_PAYLOAD = f'- item\n{{: autofocus tabindex=1 onfocus="{RUN}" }}'
TRAP = "window.alert = window.confirm = window.prompt = () => { window.__pwned = 1; };"


@pytest.fixture(scope="module")
def attr_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("attr-list")

    def put(path: str, data: dict[str, object]) -> None:
        write(root / "content" / path, json.dumps(data))

    put(
        "organizations/acme.yml",
        {
            "name": "Acme",
            "summary": PAYLOAD,
            "culture": LIST_PAYLOAD,
            "notes": PAYLOAD,
            "roles": [{"title": "Analyst", "notes": PAYLOAD}],
        },
    )
    put(
        "contacts/jo.yml",
        {
            "name": "Jo Doe",
            "organization": "acme",
            "notes": PAYLOAD + "\n\n" + LIST_PAYLOAD,
            "background": {"notes": PAYLOAD},
            "meeting": {"status": "met", "date": "2026-11-20 10:00"},
        },
    )
    config = MINIMAL_MKDOCS + "markdown_extensions:\n  - attr_list\n  - md_in_html\n"
    write(root / "mkdocs.yml", config)
    yield from build_and_serve(root, {})


@pytest.mark.parametrize("path", ["contacts/jo/", "organizations/acme/"])
def test_attr_list_in_notes_never_runs(
    page: Page, watch: Watch, attr_site: ServedSite, path: str
) -> None:
    page.add_init_script(TRAP)
    page.goto(f"{attr_site.url}/{path}")
    page.wait_for_load_state("load")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.wait_for_timeout(150)
    # focus and hover every element a payload could have reached
    for selector in ("article p", "article li"):
        for element in page.locator(selector).all()[:200]:
            element.evaluate("e => { e.focus(); e.dispatchEvent(new MouseEvent('mouseover')); }")
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    handlers = page.evaluate(
        """() => [...document.querySelectorAll('article *')].filter(e =>
             [...e.attributes].some(a => a.name.startsWith('on') || a.name === 'style'
               || a.name === 'autofocus')).map(e => e.outerHTML.slice(0, 120))"""
    )
    assert handlers == []
    body = page.locator("article").inner_text()
    assert 'onfocus="window.__pwned=1"' in body  # shown as typed
    assert not watch.errors, watch.errors
