"""Accessibility (issue 8): axe-core on every page type in both palettes, the keyboard,
reflow at 320 px and at 200 % zoom, the printed brief's reading order, and the structure of
every generated page (headings, link text, status badges, the network map's alternatives).

Three sites are built and served on 127.0.0.1: the example guide (private, conftest's
``served_site``), the same guide built with ``PREPGUIDE_AUDIENCE=public``, and a new playbook
(``prepguide init --playbook``). axe-core ships with axe-playwright-python (nothing is fetched);
it is injected into each page, and a test fails on violations of impact serious or critical,
printing every violation it saw (rule, impact, element, help). docs/accessibility.md says what
is tested, how, and what is known to fall short.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, expect

from prepguide.cli import main as prepguide_main
from prepguide.read.model import STATUSES
from tests.conftest import PREP_SECTIONS, copy_example

from .conftest import ServedSite, build_and_serve, tab_to

pytestmark = pytest.mark.browser

ARTICLE = "article.md-content__inner"
# each draft's own copy button (material's clipboard copies its data-clipboard-target)
COPY_BUTTON = "button.pg-copy"
FAILING_IMPACTS = {"serious", "critical"}
SCHEMES = {"light": "default", "dark": "slate"}
# link names that say nothing out of context
VAGUE_LINK_TEXT = {"here", "click here", "this", "this page", "link", "more", "read more", "page"}


# --- the three sites ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The example guide as a public build: the directory of a career office."""
    root = copy_example(tmp_path_factory.mktemp("public-guide"))
    yield from build_and_serve(root, {"PREPGUIDE_AUDIENCE": "public"})


@pytest.fixture(scope="session")
def playbook_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """A new playbook, as ``prepguide init --playbook`` writes it."""
    root = tmp_path_factory.mktemp("playbook") / "playbook"
    assert prepguide_main(["init", str(root), "--playbook"]) == 0
    yield from build_and_serve(root, {})


@pytest.fixture(autouse=True)
def _palette_follows_the_system(context) -> None:  # type: ignore[no-untyped-def]
    """material remembers the palette last chosen (in localStorage, even one it chose from
    the system's preference): forget it at each load, so that every page opens in the palette
    that ``open_page`` asks for, whatever a previous page of the same test was switched to."""
    context.add_init_script(
        "try { Object.keys(localStorage).filter(k => k.endsWith('.__palette'))"
        ".forEach(k => localStorage.removeItem(k)); } catch (e) {}"
    )


SITE_FIXTURES = {"private": "served_site", "public": "public_site", "playbook": "playbook_site"}


def site_of(request: pytest.FixtureRequest, build: str) -> ServedSite:
    return request.getfixturevalue(SITE_FIXTURES[build])


# --- which pages: read from the built site, so that editing the example breaks nothing ------


def _page_dirs(site: ServedSite, folder: str) -> list[str]:
    """The pages one level under ``folder`` (``contacts/dana-whitfield/``), sorted."""
    base = site.path / folder
    return sorted(f"/{folder}/{d.name}/" for d in base.iterdir() if (d / "index.html").is_file())


def _contact_with_status(site: ServedSite, status: str) -> str:
    html = (site.path / "contacts" / "index.html").read_text(encoding="utf-8")
    for row in re.findall(r"<tr [^>]*>.*?</tr>", html, re.S):
        if f'data-status="{status}"' in row:
            href = re.search(r'<a href="([^"]+)"', row)
            assert href, row
            return urlsplit(urljoin(site.url + "/contacts/", href.group(1))).path
    pytest.fail(f"the example guide should have a contact whose meeting is {status!r}")


def paths_of(site: ServedSite, kind: str) -> list[str]:
    """The URL paths of one page type of a built site."""
    if kind.startswith("prep:"):
        return [_contact_with_status(site, kind.removeprefix("prep:"))]
    if kind == "prep":
        return _page_dirs(site, "contacts")[:1]
    if kind == "organization":
        return _page_dirs(site, "organizations")[:1]
    if kind == "guides":  # the guides' index and the first guide
        guides = _page_dirs(site, "guides")[:1]
        assert guides, "the playbook should have guide pages under content/guides/"
        return ["/guides/", *guides]
    fixed = {
        "dashboard": "/",
        "home": "/",
        "contacts": "/contacts/",
        "directory": "/contacts/",
        "organizations": "/organizations/",
        "network": "/network/",
        "markdown": "/about/",
    }
    return [fixed[kind]]


def every_page(site: ServedSite) -> list[str]:
    """Every HTML page of a built site but the 404 page."""
    return sorted(
        "/" if p.parent == site.path else f"/{p.parent.relative_to(site.path).as_posix()}/"
        for p in site.path.rglob("index.html")
        if "assets" not in p.relative_to(site.path).parts
    )


PAGE_TYPES = [
    ("private", "dashboard"),
    ("private", "contacts"),
    *[("private", f"prep:{status}") for status in STATUSES],
    ("private", "organizations"),
    ("private", "organization"),
    ("private", "network"),
    ("private", "markdown"),
    ("public", "home"),
    ("public", "directory"),
    ("public", "prep"),
    ("public", "organizations"),
    ("public", "organization"),
    ("public", "network"),
    ("playbook", "home"),
    ("playbook", "directory"),
    ("playbook", "prep"),
    ("playbook", "guides"),
    ("playbook", "organization"),
    ("playbook", "network"),
]


# --- in the page ----------------------------------------------------------------------------

# WCAG contrast and the colours actually painted, shared by the tests below
COLOR_JS = """
window.__pgColor = (() => {
  const parse = (c) => {
    const m = c && c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, below) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat([1]);
  };
  // the opaque background behind an element: its own and its ancestors', composited
  const background = (el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let color = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) color = over(layers[i], color);
    return color;
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  return { parse, over, background, luminance, contrast };
})();
"""

# what shows that the focused element has the focus: an outline or a box shadow, its colour
# against what is behind it (a radio button of the palette toggle shows it on its label)
FOCUS_JS = """
async () => {
  const C = window.__pgColor;
  const settle = () => Promise.all(document.getAnimations()
    .filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)));
  const measure = () => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    el.__pgFocused = true;  // seen by INTERACTIVE_JS
    let shown = el;
    if (el.matches("input.md-option") && el.nextElementSibling) shown = el.nextElementSibling;
    const s = getComputedStyle(shown);
    const rect = shown.getBoundingClientRect();
    let ring = null;
    if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) {
      ring = s.outlineColor;
    } else if (s.boxShadow && s.boxShadow !== "none") {
      ring = (s.boxShadow.match(/rgba?\\([^)]+\\)/) || [null])[0];
    }
    // an outline is drawn around the element (compare it with the parent's background) or,
    // with a negative offset, inside it
    const inside = ring && s.outlineStyle !== "none" && parseFloat(s.outlineOffset) < 0;
    const behind = C.background(inside ? shown : shown.parentElement || shown);
    const color = ring && C.parse(ring);
    const name = (el.getAttribute("aria-label") || el.textContent || el.title || "").trim();
    const visible = rect.width > 0 && rect.height > 0 && s.visibility !== "hidden";
    const contrast = color ? C.contrast(C.over(color, behind), behind) : 0;
    return {
      element: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (el.classList.length ? "." + [...el.classList].join(".") : "") +
        (name ? ` "${name.slice(0, 50).replace(/\\s+/g, " ")}"` : ""),
      visible, ring, contrast, ok: visible && !!ring && contrast >= 3,
    };
  };
  // the header's widgets set off transitions (the search pane opens and closes): let them
  // come to rest; elsewhere only when what is measured falls short (scrolling fades the
  // header's shadow, and waiting for that at every stop would take long)
  const el = document.activeElement;
  if (!el || el === document.body || el.closest(".md-header, .md-search, .md-tabs")) await settle();
  let found = measure();
  if (found && !found.ok) { await settle(); found = measure(); }
  return found;
}
"""


# wait until the CSS transitions under way have ended
SETTLE_JS = """
() => Promise.all(document.getAnimations()
  .filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)))
"""


def wait_for_palette(page: Page, scheme: str) -> None:
    """The page shows ``scheme`` (light or dark), its colour transitions are over and
    prepguide's script has run; the computed colours prove the palette took effect."""
    page.wait_for_function(
        "s => document.body.getAttribute('data-md-color-scheme') === s", arg=SCHEMES[scheme]
    )
    page.wait_for_function(
        "() => !document.querySelector('.md-search[role=dialog]:not([aria-label])')"
    )
    page.evaluate(SETTLE_JS)
    page.evaluate(COLOR_JS)
    bg, fg = page.evaluate(
        """() => {
          const C = window.__pgColor, s = getComputedStyle(document.body);
          return [C.luminance(C.background(document.body)),
                  C.luminance(C.over(C.parse(s.color), C.background(document.body)))];
        }"""
    )
    if scheme == "dark":
        assert bg < 0.05 and fg > 0.4, f"not a dark palette: background {bg:.3f}, text {fg:.3f}"
    else:
        assert bg > 0.9 and fg < 0.05, f"not a light palette: background {bg:.3f}, text {fg:.3f}"


def open_page(page: Page, url: str, scheme: str = "light") -> None:
    """Open ``url`` as a reader whose system asks for ``scheme``: material picks the palette
    from ``prefers-color-scheme`` (the same as pressing its toggle, which a test does too)."""
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    wait_for_palette(page, scheme)


def run_axe(page: Page) -> list[dict]:
    """Inject axe-core into the page and return its violations (every impact)."""
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def axe_report(where: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{where}: [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}: {summary}")
    return "\n".join(lines)


def check_axe(page: Page, where: str) -> list[dict]:
    """Run axe; print every violation; fail on the serious and critical ones."""
    violations = run_axe(page)
    report = axe_report(where, violations)
    if report:
        print(report)
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not failing, (
        f"{len(failing)} serious or critical axe-core violations on {where}:\n{report}"
    )
    return violations


def focus_ring(page: Page) -> dict:
    page.evaluate(COLOR_JS)
    info = page.evaluate(FOCUS_JS)
    assert info, "nothing has the focus"
    return info


def assert_focus_visible(info: dict) -> None:
    assert info["visible"], f"{info['element']} has the focus but cannot be seen"
    assert info["ring"], f"{info['element']} shows no focus ring (no outline, no box shadow)"
    assert info["contrast"] >= 3, (
        f"the focus ring of {info['element']} ({info['ring']}) has a contrast of "
        f"{info['contrast']:.2f}:1 with what is behind it; 3:1 is needed"
    )


# --- 1. axe-core on every page type, in both palettes ---------------------------------------


BADGES_JS = """
() => [...document.querySelectorAll(".pg-badge")]
  .filter(b => b.getClientRects().length)
  .map(b => {
    const C = window.__pgColor, s = getComputedStyle(b), bg = C.background(b);
    return [b.textContent.trim(), C.contrast(C.over(C.parse(s.color), bg), bg)];
  })
"""


def switch_palette(page: Page, scheme: str) -> None:
    """Press material's palette toggle (the label it shows) and wait for ``scheme``."""
    page.locator("form[data-md-component='palette'] input.md-option:checked + label").click()
    wait_for_palette(page, scheme)


@pytest.mark.parametrize(("build", "kind"), PAGE_TYPES, ids=[f"{b}-{k}" for b, k in PAGE_TYPES])
def test_axe_finds_no_serious_violation_in_either_palette(
    page: Page, request: pytest.FixtureRequest, build: str, kind: str
) -> None:
    """Each page is opened in the light palette, checked, switched to the dark one with the
    toggle and checked again."""
    site = site_of(request, build)
    failures = []
    for path in paths_of(site, kind):
        open_page(page, site.url + path, "light")
        for scheme in ("light", "dark"):
            if scheme == "dark":
                switch_palette(page, "dark")
            try:
                check_axe(page, f"{build} {path} ({scheme})")
            except AssertionError as exc:
                failures.append(str(exc))
            # status is never shown by colour alone, and badges are readable in this palette
            for text, ratio in page.evaluate(BADGES_JS):
                if not text or ratio < 4.5:
                    failures.append(f"{path} ({scheme}): badge {text!r}, contrast {ratio:.2f}:1")
        # the heading permalinks ("¶") say where they lead
        unnamed = page.locator(f"{ARTICLE} a.headerlink:not([aria-label])")
        if unnamed.count():
            failures.append(f"{path}: {unnamed.count()} permalinks named only '¶'")
    assert not failures, "\n\n".join(failures)


# --- 2. the keyboard ------------------------------------------------------------------------


def test_contacts_filter_by_keyboard_announces_the_count(page: Page) -> None:
    page.goto("/contacts/")
    expect(page.locator(".pg-filters")).to_have_attribute("data-pg-ready", "1")
    count = page.locator(".pg-count")
    expect(count).to_have_attribute("role", "status")
    expect(count).to_have_attribute("aria-live", "polite")
    total = page.locator("#pg-contacts tbody tr").count()
    expect(count).to_have_text(f"{total} of {total} contacts")

    org = page.locator("select[data-filter='org']")
    tab_to(page, org)
    assert_focus_visible(focus_ring(page))
    page.keyboard.press("ArrowDown")  # the first organization after "All organizations"
    chosen = org.input_value()
    assert chosen, "ArrowDown should choose an organization"
    shown = page.locator(f"#pg-contacts tbody tr[data-org='{chosen}']").count()
    assert 1 <= shown < total
    expect(count).to_have_text(f"{shown} of {total} contacts")
    expect(page.locator("#pg-contacts tbody tr:visible")).to_have_count(shown)

    # the name box, still by keyboard: Tab along the filters, type, clear with Escape
    name = page.locator("input[data-filter='text']")
    tab_to(page, name, limit=10)
    assert_focus_visible(focus_ring(page))
    page.keyboard.type("no such person")
    expect(count).to_have_text(f"0 of {total} contacts")
    page.keyboard.press("Escape")
    expect(count).to_have_text(f"{shown} of {total} contacts")


def test_copy_button_by_keyboard(page: Page, base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto("/contacts/devika-raman/")
    # before the talk the request drafts are folded: unfold them
    page.locator("#outreach + details > summary").click()
    draft = page.locator(".pg-draft").first
    button = draft.locator(COPY_BUTTON)
    expect(button).to_have_count(1)
    presses = tab_to(page, button)
    assert presses > 1
    ring = focus_ring(page)
    assert_focus_visible(ring)
    # named after its draft, so that seven "Copy" buttons can be told apart
    heading = draft.locator("xpath=preceding-sibling::h3[1]").inner_text().replace("¶", "")
    expect(button).to_have_accessible_name(re.compile(re.escape(heading.strip())))

    page.keyboard.press("Enter")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    body = draft.locator(".pg-letter-body").inner_text()
    assert copied.strip() == body.strip()
    # the confirmation is announced, not only shown
    dialog = page.locator(".md-dialog[data-md-component='dialog']")
    expect(dialog).to_have_attribute("aria-live", "polite")
    expect(dialog).to_contain_text("Copied")

    page.evaluate("() => navigator.clipboard.writeText('')")
    page.keyboard.press("Space")
    for _ in range(40):
        if page.evaluate("() => navigator.clipboard.readText()") == copied:
            break
        page.wait_for_timeout(50)
    else:
        raise AssertionError("Space on the copy button copied nothing")


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_palette_toggle_by_keyboard(page: Page, key: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto("/contacts/")
    wait_for_palette(page, "light")
    toggle = page.locator("form[data-md-component='palette'] input.md-option:checked")
    tab_to(page, toggle, limit=10)
    assert_focus_visible(focus_ring(page))
    page.keyboard.press(key)
    wait_for_palette(page, "dark")
    page.keyboard.press(key)  # the focus stays on the toggle: press again to go back
    wait_for_palette(page, "light")


# pages whose every interactive element is walked through with Tab
TAB_PAGES = [
    ("private", "dashboard"),
    ("private", "contacts"),
    ("private", "prep:scheduled"),
    ("private", "organization"),
    ("private", "network"),
    ("playbook", "guides"),
]
# what the keyboard must reach: filters, toggles, copy buttons, links, disclosure widgets,
# scrolling regions
INTERACTIVE_JS = """
() => [...document.querySelectorAll(
    "[data-filter], [data-md-component=palette] input.md-option:checked, " +
    "button.md-clipboard, button.md-code__button, summary, .pg-table-wrap[tabindex], " +
    ".md-content a[href], .md-header a[href], .md-banner a[href], .md-search__input")]
  .filter(el => el.matches("input.md-option") ||
    (el.getClientRects().length && getComputedStyle(el).visibility !== "hidden" &&
     !(el.closest("details:not([open])") && !el.matches("details > summary"))))
  .filter(el => !el.__pgFocused)
  .map(el => el.outerHTML.slice(0, 160))
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("build", "kind"), TAB_PAGES, ids=[f"{b}-{k}" for b, k in TAB_PAGES])
def test_tab_reaches_everything_with_a_visible_focus_ring(
    page: Page, request: pytest.FixtureRequest, build: str, kind: str, scheme: str
) -> None:
    site = site_of(request, build)
    path = paths_of(site, kind)[-1]
    open_page(page, site.url + path, scheme)
    problems: list[str] = []
    first = None
    for _ in range(600):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_JS)
        if info is None:  # the focus left the page: every stop has been seen
            if first is not None:
                break
            continue
        if info["element"] == first:
            break
        first = first or info["element"]
        try:
            assert_focus_visible(info)
        except AssertionError as exc:
            problems.append(str(exc))
    missed = page.evaluate(INTERACTIVE_JS)
    assert not missed, f"Tab never reached on {path}:\n" + "\n".join(missed)
    assert not problems, f"{path} ({scheme}):\n" + "\n".join(problems)


# --- 3. structure of every generated page ---------------------------------------------------


class _Outline(HTMLParser):
    """The headings and links of a page's article, read from the built HTML (the heading
    permalinks, which prepguide's script names, are left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.article = 0  # depth of <article> elements inside the page's content
        self.headings: list[tuple[int, str]] = []
        self.links: list[tuple[str, str]] = []
        self.mains = 0
        self._heading: tuple[int, list[str]] | None = None
        self._link: tuple[str, str | None, list[str]] | None = None
        self._skip = 0  # inside a permalink

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "main":
            self.mains += 1
        if tag == "article" and (self.article or "md-content__inner" in classes):
            self.article += 1
        if not self.article:
            return
        if tag == "a" and "headerlink" in classes:
            self._skip += 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = (int(tag[1]), [])
        elif tag == "a" and (a.get("href") or a.get("xlink:href")):
            self._link = (a.get("href") or a.get("xlink:href") or "", a.get("aria-label"), [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.article:
            self.article -= 1
        elif tag == "a" and self._skip:
            self._skip -= 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading:
            level, text = self._heading
            self.headings.append((level, " ".join("".join(text).split())))
            self._heading = None
        elif tag == "a" and self._link:
            href, label, text = self._link
            self.links.append((label or " ".join("".join(text).split()), href))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._heading:
            self._heading[1].append(data)
        if self._link:
            self._link[2].append(data)


@pytest.mark.parametrize("build", ["private", "public", "playbook"])
def test_every_page_has_ordered_headings_and_meaningful_links(
    request: pytest.FixtureRequest, build: str
) -> None:
    """Every generated page (and every Markdown page beside them): one h1 first, no level
    skipped; every link in the content has a name that is not "here" and that names one
    target only ("Dana Whitfield" always leads to Dana's prep page); one main landmark."""
    site = site_of(request, build)
    problems: list[str] = []
    pages = every_page(site)
    assert len(pages) >= 6
    for path in pages:
        outline = _Outline()
        outline.feed((site.path / path.strip("/") / "index.html").read_text(encoding="utf-8"))
        levels = [level for level, _ in outline.headings]
        if levels[:1] != [1] or levels.count(1) != 1:
            problems.append(f"{path}: one h1 should open the page: {outline.headings}")
        for (before, _), (level, text) in itertools.pairwise(outline.headings):
            if level > before + 1:
                problems.append(f"{path}: h{before} then h{level} ({text!r}): a level skipped")
        targets: dict[str, set[str]] = {}
        for text, href in outline.links:
            if not text or text.lower().strip(".:!") in VAGUE_LINK_TEXT:
                problems.append(f"{path}: a link to {href} is named {text!r}")
            targets.setdefault(text.lower(), set()).add(urljoin(path, href))
        for text, hrefs in targets.items():
            if len(hrefs) > 1:
                problems.append(f"{path}: {text!r} names links to {sorted(hrefs)}")
        if outline.mains != 1:
            problems.append(f"{path}: {outline.mains} main landmarks")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("build", ["private", "public"])
def test_network_map_has_title_description_and_the_same_relations_as_a_list(
    page: Page, request: pytest.FixtureRequest, build: str
) -> None:
    site = site_of(request, build)
    page.goto(site.url + "/network/")
    svg = page.locator(f"{ARTICLE} .pg-network svg")
    expect(svg).to_have_count(1)
    labelled_by = (svg.get_attribute("aria-labelledby") or "").split()
    assert len(labelled_by) == 2, "the map should be labelled by its title and its description"
    title_id, desc_id = labelled_by
    expect(svg.locator(f"> title#{title_id}")).not_to_be_empty()
    expect(svg.locator(f"> desc#{desc_id}")).not_to_be_empty()
    assert svg.get_attribute("role") in ("img", "group", "graphics-document")

    # the text alternative, one sentence per arrow: "A introduced you to B", "A can introduce
    # you to B; ...", "A suggested you talk to B" (the Introductions and Suggestions lists)
    items = page.locator(f"{ARTICLE} :is(#introductions, #suggestions) + ul > li")
    relations = items.all_inner_texts()
    arrows = svg.locator(".pg-net-edges path").count()
    assert relations and len(relations) == arrows, (relations, arrows)
    for text in relations:
        assert re.search(
            r" (introduced you to|can introduce you to|suggested you talk to) ", text
        ), text
    listed = set(
        items.locator("a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    )
    drawn = set(
        svg.locator("a").evaluate_all(
            "links => links.map(a => new URL(a.href.baseVal, location.href).pathname)"
        )
    )
    assert listed == drawn, f"people in the list {sorted(listed)}, on the map {sorted(drawn)}"


# axe cannot tell the background of SVG text ("needs review"): measure it here. A person's
# name is drawn on their box; the legend on the page; arrows are graphics (3:1).
SVG_CONTRAST_JS = """
() => {
  const C = window.__pgColor;
  const svg = document.querySelector("article .pg-network svg");
  const page = C.background(svg);
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e && e !== svg.parentElement; e = e.parentElement) {
      o *= parseFloat(getComputedStyle(e).opacity);
    }
    return o;
  };
  const texts = [...svg.querySelectorAll("text")].map(t => {
    const box = t.parentElement.querySelector(":scope > rect");
    const bg = box ? C.over(C.parse(getComputedStyle(box).fill), page) : page;
    const fill = C.parse(getComputedStyle(t).fill);
    fill[3] *= opacity(t);
    return [t.textContent.trim().slice(0, 40), C.contrast(C.over(fill, bg), bg)];
  });
  const arrows = [...svg.querySelectorAll(".pg-net-edge")].map(p => {
    const stroke = C.parse(getComputedStyle(p).stroke);
    return [p.getAttribute("class"), C.contrast(C.over(stroke, page), page)];
  });
  return { texts, arrows };
}
"""


@pytest.mark.parametrize("build", ["private", "public"])
def test_network_map_is_readable_in_both_palettes(
    page: Page, request: pytest.FixtureRequest, build: str
) -> None:
    site = site_of(request, build)
    open_page(page, site.url + "/network/", "light")
    problems = []
    for scheme in ("light", "dark"):
        if scheme == "dark":
            switch_palette(page, "dark")
        found = page.evaluate(SVG_CONTRAST_JS)
        assert found["texts"] and found["arrows"]
        problems += [
            f"{scheme}: text {text!r} {ratio:.2f}:1"
            for text, ratio in found["texts"]
            if ratio < 4.5
        ]
        problems += [
            f"{scheme}: arrow {kind!r} {ratio:.2f}:1"
            for kind, ratio in found["arrows"]
            if ratio < 3
        ]
    assert not problems, "\n".join(problems)


# --- 4. reflow: 320 px wide, 200 % zoom -----------------------------------------------------

OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.overflowX !== "visible" || s.transform !== "none") return true;
    }
    return false;
  };
  const outside = [...document.querySelectorAll("body *")].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && getComputedStyle(el).visibility !== "hidden" &&
      !clipped(el);
  }).map(el => el.tagName.toLowerCase() + "." + [...el.classList].join("."));
  return {
    page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    body: [document.body.scrollWidth, document.body.clientWidth],
    outside: outside.slice(0, 10),
  };
}
"""
REFLOW_PAGES = [
    ("private", "dashboard"),
    ("private", "contacts"),
    ("private", "prep:scheduled"),
    ("private", "network"),
    ("playbook", "guides"),
]


@pytest.mark.parametrize(
    ("width", "height"), [(320, 800), (640, 400)], ids=["320px", "200pct-zoom"]
)
@pytest.mark.parametrize(("build", "kind"), REFLOW_PAGES, ids=[f"{b}-{k}" for b, k in REFLOW_PAGES])
def test_pages_reflow_without_horizontal_scrolling(
    page: Page, request: pytest.FixtureRequest, build: str, kind: str, width: int, height: int
) -> None:
    """320 px is WCAG's reflow width; a 1280 x 800 window at 200 % zoom lays the page out
    in 640 x 400 CSS pixels."""
    site = site_of(request, build)
    page.set_viewport_size({"width": width, "height": height})
    for path in paths_of(site, kind):
        open_page(page, site.url + path)
        found = page.evaluate(OVERFLOW_JS)
        for part in ("page", "body"):
            scroll, client = found[part]
            assert scroll <= client + 1, f"{path} at {width}px: the {part} scrolls sideways"
        assert not found["outside"], f"{path} at {width}px: cut off: {found['outside']}"
        wraps = page.locator(".pg-table-wrap")
        for i in range(wraps.count()):
            wrap = wraps.nth(i)
            # a table too wide scrolls inside its wrapper, which the keyboard can focus
            assert wrap.evaluate("w => getComputedStyle(w).overflowX") == "auto"
            expect(wrap).to_have_attribute("tabindex", "0")
            expect(wrap).to_have_attribute("role", "region")
            # tables fit: cells wrap, and on a phone the contacts become cards
            scroll, client = wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
            assert scroll <= client + 1, f"{path} at {width}px: a table scrolls in its wrapper"
        if width == 320:
            check_axe(page, f"{build} {path} at {width}px")


# --- 5. the printed brief keeps its reading order -------------------------------------------


def test_printed_brief_keeps_its_reading_order(page: Page, request: pytest.FixtureRequest) -> None:
    """What prints (the brief leaves some sections on screen) prints in one column, in the
    page's order."""
    site = site_of(request, "private")
    page.goto(site.url + paths_of(site, "prep:scheduled")[0])
    blocks_js = f"""() => [...document.querySelector("{ARTICLE}").children]
        .filter(el => el.getClientRects().length && getComputedStyle(el).display !== "none")
        .map(el => {{ const r = el.getBoundingClientRect();
                     return [el.tagName, el.textContent.replace("¶", "").trim().slice(0, 60),
                             r.top, r.bottom]; }})"""
    h2_js = f"""() => [...document.querySelectorAll("{ARTICLE} h2")]
        .filter(h => h.getClientRects().length)
        .map(h => h.textContent.replace("¶", "").trim())"""
    on_screen = page.evaluate(h2_js)
    assert on_screen[: len(PREP_SECTIONS)] == PREP_SECTIONS
    page.emulate_media(media="print")
    blocks = page.evaluate(blocks_js)
    assert len(blocks) > 20
    # one column, in source order: each block starts below the one before it
    for before, block in itertools.pairwise(blocks):
        assert block[2] >= before[3] - 1, f"{block[:2]} is drawn beside or above {before[:2]}"
    printed = page.evaluate(h2_js)
    assert printed[:1] == PREP_SECTIONS[:1] and len(printed) >= 4, printed
    assert printed == [text for text in on_screen if text in printed]
