"""The prep page as a brief for the moment of use (issue 16), in Chromium.

The facts first (inside the first 1280 x 800 viewport), the sections in the order of the
conversation's stage with the rest folded, letters that look like letters with a copy button
that shows, tables that fit at four widths, a printed brief of two pages with the meeting's
facts on the first, the calendar in the navigation, and prepguide's own look.

Contacts are picked from the built example by status (the contacts index says each one's), so
that editing the example's people or dates breaks nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PREP_SECTIONS, copy_example

from .conftest import ServedSite, build_and_serve

pytestmark = pytest.mark.browser

ARTICLE = "article.md-content__inner"
WIDTHS = [390, 1280, 1440, 1920]
TITLES = {
    "person": "Who they are and how you are connected",
    "common": "Common ground",
    "organization": "The organization",
    "goals": "Your goals",
    "questions": "Questions",
    "intro": "One-minute intro",
    "outreach": "Outreach",
    "logistics": "Venue and logistics",
    "after": "After the talk",
}
BEFORE_TALK = [
    "person", "common", "organization", "goals", "questions", "intro", "outreach", "logistics",
    "after",
]  # fmt: skip
# what comes first, and what is folded, at each stage (docs/usage.md, "Prep pages")
STAGES = {
    "researching": (["outreach", *[k for k in BEFORE_TALK if k != "outreach"]], {"after"}),
    "to-contact": (["outreach", *[k for k in BEFORE_TALK if k != "outreach"]], {"after"}),
    "requested": (BEFORE_TALK, {"outreach", "after"}),
    "scheduled": (BEFORE_TALK, {"outreach", "after"}),
    "met": (["after", *BEFORE_TALK[:-1]], {"questions", "intro", "outreach"}),
    "thanked": (["after", *BEFORE_TALK[:-1]], {"questions", "intro", "outreach"}),
    "closed": (["after", *BEFORE_TALK[:-1]], {"questions", "intro", "outreach"}),
}
# CSS pixels of a printed page's text area: Letter and A4 less the 1.4 cm margins of @page
PRINT_HEIGHT = {
    "Letter": 11 * 96 - 2 * 1.4 / 2.54 * 96,
    "A4": 297 / 25.4 * 96 - 2 * 1.4 / 2.54 * 96,
}
PRINT_WIDTH = {
    "Letter": 8.5 * 96 - 2 * 1.5 / 2.54 * 96,
    "A4": 210 / 25.4 * 96 - 2 * 1.5 / 2.54 * 96,
}


@pytest.fixture(scope="module")
def public_guide(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = copy_example(tmp_path_factory.mktemp("public-prep"))
    yield from build_and_serve(root, {"PREPGUIDE_AUDIENCE": "public"})


def rows(site: ServedSite) -> list[tuple[str, str, str]]:
    """``(status, meeting time or "", URL path)`` of every contact, from the contacts index."""
    html = (site.path / "contacts" / "index.html").read_text(encoding="utf-8")
    found = []
    for row in re.findall(r"<tr [^>]*>.*?</tr>", html, re.S):
        status = re.search(r'data-status="([^"]+)"', row)
        href = re.search(r'<a href="([^"]+)"', row)
        when = re.search(r'<time datetime="([^"]+)"', row)
        assert status and href, row
        path = urlsplit(urljoin(site.url + "/contacts/", href.group(1))).path
        found.append((status.group(1), when.group(1) if when else "", path))
    return found


def with_status(site: ServedSite, *statuses: str, dated: bool = False) -> list[str]:
    paths = [p for s, w, p in rows(site) if s in statuses and (w or not dated)]
    assert paths, f"the example guide should have a contact whose meeting is {statuses}"
    return paths


def contrast(fg: tuple[float, ...], bg: tuple[float, ...]) -> float:
    def lum(rgb: tuple[float, ...]) -> float:
        parts = [c / 255 for c in rgb[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((lum(fg), lum(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rgb(css: str) -> tuple[float, ...]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    return tuple(numbers[:3]) + ((numbers[3],) if len(numbers) > 3 else (1.0,))


BACKGROUND_JS = """el => { for (let e = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== "transparent" && !/rgba\\(.*, 0\\)$/.test(bg)) return bg; }
  return getComputedStyle(document.body).backgroundColor; }"""


# --- 1. the brief ---------------------------------------------------------------------------


def test_brief_holds_the_facts_in_the_first_viewport(page: Page, served_site: ServedSite) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    for path in with_status(served_site, "scheduled", dated=True):
        page.goto(served_site.url + path)
        brief = page.locator(f"{ARTICLE} .pg-brief")
        facts = [
            page.locator(f"{ARTICLE} h1"),
            page.locator(f"{ARTICLE} .pg-badge").first,
            page.locator(f"{ARTICLE} h1 + p"),  # role at organization
            brief.locator(".pg-brief-when dd"),
            brief.locator(".pg-brief-next dd"),
            brief.get_by_role("link", name=re.compile("^Add to calendar")),
        ]
        if brief.locator(".pg-brief-where").count():
            facts.append(brief.locator(".pg-brief-where dd"))
        for fact in facts:
            expect(fact).to_be_visible()
            box = fact.bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 800, (path, fact, box)
        when = brief.locator(".pg-brief-when dd").inner_text()
        # the day and time in the guide's timezone, relative to the build's today, and length
        assert re.search(r"\b(today|tomorrow|yesterday|in \d+ days|\d+ days ago|on \d+ \w+)", when)
        assert re.search(r"\w+day \d+ \w+ \d{4}, \d\d:\d\d \([A-Za-z_/]+\)", when), when
        assert re.search(r"\d+ minutes", when)
        ics = brief.get_by_role("link", name=re.compile("^Add to calendar"))
        response = page.request.get(urljoin(page.url, ics.get_attribute("href") or ""))
        assert response.ok and response.headers["content-type"].startswith("text/calendar")


def test_brief_call_link_is_a_real_link(page: Page, served_site: ServedSite) -> None:
    """A meeting.place that is an http(s) address is a link in the brief."""
    seen = 0
    for path in with_status(served_site, "scheduled", "met", "thanked", dated=True):
        page.goto(served_site.url + path)
        where = page.locator(f"{ARTICLE} .pg-brief-where dd")
        if not where.count():
            continue
        shown = where.inner_text()
        link = where.get_by_role("link", name=re.compile("^Join the call"))
        if "https://" in shown:
            seen += 1
            href = link.get_attribute("href") or ""
            assert href.startswith("https://") and href in shown
        else:
            expect(link).to_have_count(0)
    assert seen, "the example guide should have a video call with a link"


def test_brief_next_step_follows_the_stage(page: Page, served_site: ServedSite) -> None:
    expected = {
        "to-contact": r"^(Send \w+ the request|Ask .+ for an introduction)",
        "researching": r"^Finish your research",
        "requested": r"confirm a date and time",
        "met": r"^Send \w+ the thank-you note · by \w+day",
        "thanked": r"^Follow up",
        "closed": r"^Reflect",
    }
    for status, pattern in expected.items():
        for path in with_status(served_site, status)[:1]:
            page.goto(served_site.url + path)
            step = page.locator(f"{ARTICLE} .pg-brief-next dd")
            expect(step).to_have_text(re.compile(pattern))


def test_public_brief_shows_no_private_field_and_no_status(
    page: Page, public_guide: ServedSite
) -> None:
    paths = [p for _, _, p in rows_public(public_guide)]
    assert paths
    for path in paths:
        page.goto(public_guide.url + path)
        brief = page.locator(f"{ARTICLE} .pg-brief")
        expect(brief).to_be_visible()
        text = brief.inner_text()
        assert "Next step" not in text and "When" not in text, text
        where = brief.locator(".pg-brief-where dd")
        if where.count():  # the format only (meeting.place is private)
            assert where.inner_text() in ("phone", "video", "in-person"), where.inner_text()
        expect(page.locator(f"{ARTICLE} .pg-badge")).to_have_count(0)
        expect(brief.get_by_role("link")).to_have_count(0)


def rows_public(site: ServedSite) -> list[tuple[str, str, str]]:
    html = (site.path / "contacts" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<td data-label="Name"><a href="([^"]+)"', html)
    return [("", "", urlsplit(urljoin(site.url + "/contacts/", h)).path) for h in hrefs]


# --- 2. order by stage ----------------------------------------------------------------------


def test_sections_follow_the_stage_and_fold_what_does_not_matter_now(
    page: Page, served_site: ServedSite
) -> None:
    statuses = {s for s, _, _ in rows(served_site)}
    assert {"to-contact", "scheduled", "met"} <= statuses
    for status, path in {s: p for s, _, p in reversed(rows(served_site))}.items():
        order, folded = STAGES[status]
        page.goto(served_site.url + path)
        headings = page.locator(f"{ARTICLE} > h2, {ARTICLE} > div > h2")
        shown = [t.replace("¶", "").strip() for t in headings.all_inner_texts()]
        assert shown == [TITLES[k] for k in order], (status, path, shown)
        for key in order:
            fold = page.locator(f"{ARTICLE} h2:text-is('{TITLES[key]}') + details.pg-fold")
            if key in folded:
                # folded, never left out: one click shows it
                expect(fold).to_have_count(1)
                assert fold.evaluate("d => !d.open")
                assert fold.evaluate("d => d.querySelectorAll('*').length > 2")
            else:
                expect(fold).to_have_count(0)
    assert [TITLES[k] for k in BEFORE_TALK] == PREP_SECTIONS


def test_a_folded_section_opens_from_the_table_of_contents(
    page: Page, served_site: ServedSite
) -> None:
    path = with_status(served_site, "scheduled")[0]
    page.goto(served_site.url + path + "#outreach-email")
    heading = page.locator("#outreach-email")
    expect(heading).to_be_visible()
    assert page.locator("#outreach + details").evaluate("d => d.open")


# --- 3. letters -----------------------------------------------------------------------------


def test_letters_are_not_in_a_monospace_font(page: Page, served_site: ServedSite) -> None:
    for status in ("to-contact", "scheduled", "met"):
        page.goto(served_site.url + with_status(served_site, status)[0])
        letters = page.locator(f"{ARTICLE} .pg-letter-body")
        assert letters.count() >= 2
        body_font = page.evaluate(
            "() => getComputedStyle(document.querySelector('.md-typeset p')).fontFamily"
        )
        for font in letters.evaluate_all("ls => ls.map(l => getComputedStyle(l).fontFamily)"):
            assert "mono" not in font.lower() and "courier" not in font.lower(), font
            assert font == body_font
        # paragraphs, not one block of text; no code element
        assert letters.first.locator("p").count() >= 2
        expect(page.locator(f"{ARTICLE} .pg-draft code")).to_have_count(0)
        expect(page.locator(f"{ARTICLE} .pg-draft pre")).to_have_count(0)
        # an email shows its subject as a subject
        subject = page.locator(f"{ARTICLE} .pg-letter-subject").first
        expect(subject).to_have_text(re.compile(r"^Subject: \S"))


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_copy_buttons_show_without_hover_at_3_to_1(
    page: Page, served_site: ServedSite, scheme: str
) -> None:
    page.add_init_script(
        "try { Object.keys(localStorage).filter(k => k.endsWith('.__palette'))"
        ".forEach(k => localStorage.removeItem(k)); } catch (e) {}"
    )
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.goto(served_site.url + with_status(served_site, "to-contact")[0])
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    page.mouse.move(0, 0)
    buttons = page.locator(f"{ARTICLE} .pg-draft button.pg-copy")
    assert buttons.count() >= 1
    button = buttons.first
    expect(button).to_be_visible()
    assert button.evaluate("b => getComputedStyle(b).opacity") == "1"
    expect(button).to_have_accessible_name(re.compile(r"^Copy .+"))
    style = button.evaluate(
        "b => { const s = getComputedStyle(b); return [s.color, s.borderTopColor, s.borderTopWidth]; }"
    )
    background = rgb(button.evaluate(BACKGROUND_JS))
    behind = rgb(button.evaluate(f"b => ({BACKGROUND_JS})(b.parentElement)"))
    assert contrast(rgb(style[0]), background) >= 4.5  # its text
    assert float(style[2].removesuffix("px")) >= 1
    assert contrast(rgb(style[1]), behind) >= 3  # its outline against the letter
    # and the email-program link beside it
    mailto = page.locator(f"{ARTICLE} .pg-draft a.pg-mailto").first
    expect(mailto).to_be_visible()
    assert (mailto.get_attribute("href") or "").startswith("mailto:")


def test_copy_button_copies_the_letter(page: Page, served_site: ServedSite) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.url)
    page.goto(served_site.url + with_status(served_site, "to-contact")[0])
    draft = page.locator(f"{ARTICLE} .pg-draft").first
    draft.locator("button.pg-copy").click()
    expect(page.locator(".md-dialog")).to_contain_text("Copied")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.strip() == draft.locator(".pg-letter-body").inner_text().strip()
    assert "\n\n" in copied  # paragraphs survive


def test_several_drafts_are_tabs(page: Page, served_site: ServedSite) -> None:
    page.goto(served_site.url + with_status(served_site, "met")[0])
    tablist = page.locator(f"{ARTICLE} [role=tablist]").first
    tabs = tablist.get_by_role("tab")
    assert tabs.count() >= 2
    panels = page.locator(f"{ARTICLE} .pg-tabbed").first.locator(":scope > [role=tabpanel]")
    expect(panels).to_have_count(tabs.count())
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "true")
    expect(panels.nth(0)).to_be_visible()
    expect(panels.nth(1)).to_be_hidden()
    tabs.nth(0).focus()
    page.keyboard.press("ArrowRight")
    expect(tabs.nth(1)).to_be_focused()
    expect(tabs.nth(1)).to_have_attribute("aria-selected", "true")
    expect(panels.nth(1)).to_be_visible()
    expect(panels.nth(0)).to_be_hidden()
    page.keyboard.press("Home")
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "true")


# --- 4. tables fit --------------------------------------------------------------------------

OVERFLOW_JS = """() => {
  const de = document.documentElement;
  const cut = [...document.querySelectorAll(".md-content .pg-table-wrap, .md-content .md-typeset__scrollwrap, .md-content td, .md-content th")]
    .filter(e => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.tagName}.${e.className} ${e.textContent.trim().slice(0, 20)} ${e.scrollWidth}>${e.clientWidth}`);
  return {page: [de.scrollWidth, de.clientWidth], cut};
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_overflow(page: Page, served_site: ServedSite, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    paths = ["/", "/contacts/", with_status(served_site, "scheduled")[0]]
    for path in paths:
        page.goto(served_site.url + path)
        found = page.evaluate(OVERFLOW_JS)
        scroll, client = found["page"]
        assert scroll <= client, f"{path} at {width}px scrolls sideways"
        assert not found["cut"], f"{path} at {width}px: {found['cut']}"
    # every status of the dashboard's table reads in full ("Closed", not "Close")
    page.goto(served_site.url + "/")
    headers = page.locator(".pg-table-wrap th")
    for i in range(headers.count()):
        th = headers.nth(i)
        assert th.evaluate(
            "t => t.scrollWidth <= t.clientWidth + 1 && t.scrollHeight <= t.clientHeight + 1"
        )


def test_contacts_are_cards_on_a_phone(page: Page, served_site: ServedSite) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(served_site.url + "/contacts/")
    row = page.locator("#pg-contacts tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    # each value says its column, and the table keeps its cells for assistive technology
    expect(row.locator("td[data-label='Organization']")).to_be_visible()
    assert page.get_by_role("cell").count() > 0


# --- 6. print -------------------------------------------------------------------------------


def count_pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_printed_brief_is_two_pages_with_the_facts_on_the_first(
    page: Page, served_site: ServedSite, paper: str
) -> None:
    for path in with_status(served_site, "scheduled", "requested"):
        page.goto(served_site.url + path)
        expect(page.locator(f"{ARTICLE} h1")).to_be_visible()
        pages = count_pdf_pages(page.pdf(format=paper))
        assert 1 <= pages <= 2, f"{path}: {pages} pages in {paper}"
        # the same layout as the paper: the facts end within the first page's height
        page.emulate_media(media="print")
        page.set_viewport_size({"width": int(PRINT_WIDTH[paper]), "height": 900})
        brief = page.locator(f"{ARTICLE} .pg-brief")
        expect(brief).to_be_visible()
        bottom = brief.evaluate("b => b.getBoundingClientRect().bottom + window.scrollY")
        assert bottom <= PRINT_HEIGHT[paper], (path, bottom)
        text = brief.inner_text()
        if "No date yet" not in text:
            assert re.search(r"\w+day \d+ \w+ \d{4}, \d\d:\d\d", text), text
        # no buttons, no navigation
        for chrome in (".md-header", ".md-sidebar", ".md-footer", "button", "a.md-button"):
            visible = page.locator(chrome).evaluate_all(
                "els => els.filter(e => e.checkVisibility()).length"
            )
            assert visible == 0, f"{chrome} prints"
        page.emulate_media(media="null")


def test_printed_place_is_on_the_first_page(page: Page, served_site: ServedSite) -> None:
    """An in-person meeting prints its place in the brief, on page 1."""
    checked = 0
    for path in with_status(served_site, "scheduled", dated=True):
        page.goto(served_site.url + path)
        where = page.locator(f"{ARTICLE} .pg-brief-where dd")
        if not where.count():
            continue
        page.emulate_media(media="print")
        page.set_viewport_size({"width": int(PRINT_WIDTH["Letter"]), "height": 900})
        expect(where).to_be_visible()
        bottom = where.evaluate("b => b.getBoundingClientRect().bottom + window.scrollY")
        assert bottom <= PRINT_HEIGHT["Letter"]
        checked += 1
        page.emulate_media(media="null")
    assert checked


# --- 7. the calendar in the navigation --------------------------------------------------------


def test_calendar_is_in_the_navigation(page: Page, served_site: ServedSite) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(served_site.url + with_status(served_site, "scheduled")[0])
    nav = page.locator("nav.md-nav--primary")
    nav.get_by_role("link", name="Calendar", exact=True).click()
    expect(page).to_have_url(re.compile(r"/calendar/$"))
    link = page.locator(ARTICLE).get_by_role("link", name=re.compile("calendar.ics"))
    response = page.request.get(urljoin(page.url, link.get_attribute("href") or ""))
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    assert response.text().startswith("BEGIN:VCALENDAR")
    expect(page.locator(ARTICLE)).to_contain_text("Subscribe")


def test_public_build_has_no_calendar_link(page: Page, public_guide: ServedSite) -> None:
    page.goto(public_guide.url + "/")
    expect(page.locator("nav.md-nav--primary").get_by_role("link", name="Calendar")).to_have_count(
        0
    )
    assert not (public_guide.path / "calendar.ics").exists()
    assert not (public_guide.path / "calendar" / "index.html").exists()


# --- 9. the look ----------------------------------------------------------------------------


def test_brand_colour_logo_and_favicon(page: Page, served_site: ServedSite) -> None:
    page.goto(served_site.url + "/")
    header = page.locator(".md-header")
    assert header.evaluate("h => getComputedStyle(h).backgroundColor") == "rgb(15, 92, 100)"
    logo = page.locator(".md-header__button.md-logo img")
    assert (logo.get_attribute("src") or "").endswith("assets/prepguide/logo.svg")
    assert logo.evaluate("i => i.complete && i.naturalWidth > 0")
    icon = page.locator("link[rel=icon]")
    href = icon.get_attribute("href") or ""
    assert href.endswith("assets/prepguide/favicon.svg")
    assert page.request.get(urljoin(page.url, href)).ok


def test_public_home_says_what_to_do_next(page: Page, public_guide: ServedSite) -> None:
    page.goto(public_guide.url + "/")
    expect(page.locator(f"{ARTICLE} h2", has_text="What to do next")).to_have_count(1)
    steps = page.locator(f"{ARTICLE} h2 + ol > li")
    assert steps.count() >= 3
    expect(steps.first.get_by_role("link").first).to_be_visible()


def test_network_labels_at_body_size_with_full_names(page: Page, served_site: ServedSite) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(served_site.url + "/network/")
    svg = page.locator("svg.pg-net")
    scale = svg.evaluate("s => s.getBoundingClientRect().width / s.viewBox.baseVal.width")
    body = float(
        page.evaluate(
            "() => getComputedStyle(document.querySelector('.md-typeset p')).fontSize"
        ).removesuffix("px")
    )
    nodes = svg.locator("a.pg-net-node")
    assert nodes.count() >= 2
    for i in range(nodes.count()):
        node = nodes.nth(i)
        title = node.locator("title").text_content() or ""
        name = title.split(" — ")[0]
        lines = node.locator("text.pg-net-name").all_text_contents()
        assert " ".join(lines).replace("- ", "-") in (name, name.replace(" ", "")), (name, lines)
        assert "…" not in " ".join(node.locator("text").all_text_contents())
        size = float(
            node.locator("text")
            .first.evaluate("t => getComputedStyle(t).fontSize")
            .removesuffix("px")
        )
        assert size * scale >= body - 0.5, (size, scale, body)
        # every line inside its box
        box = node.locator("rect").bounding_box()
        for t in node.locator("text").all():
            b = t.bounding_box()
            assert (
                box
                and b
                and b["x"] >= box["x"] - 0.5
                and b["x"] + b["width"] <= box["x"] + box["width"] + 0.5
            )
