"""A career office's playbook in a real browser: the directory's filters over 30 alumni.

The playbook is made by ``prepguide init --playbook`` (its mkdocs.yml, branding and guides),
its sample alumnus replaced by 30 generated ones across industries, graduation years and
locations, plus a few private contacts that must not appear. It is built with ``--strict``,
served on 127.0.0.1 like the example guide (see conftest.py), and each filter is checked
against what the generated data says it should show.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from prepguide.write.scaffold import init_guide
from tests.conftest import build_site, write

from .conftest import Watch, _QuietHandler, _Server

pytestmark = pytest.mark.browser

ARTICLE = "article.md-content__inner"
ORGANIZATIONS = {
    # id: (name, industry, roles)
    "harbor-light-health": ("Harbor Light Health", "Healthcare", ["Nurse Manager", "Data Analyst"]),
    "cobalt-ridge-software": ("Cobalt Ridge Software", "Software", ["UX Researcher", "Engineer"]),
    "meridian-schools": ("Meridian Schools", "Education", ["Teacher", "Curriculum Designer"]),
    "tidewater-planning": ("Tidewater Planning Office", "Public sector", ["Urban Planner"]),
    "larkspur-museum": ("Larkspur Museum", "Arts and culture", ["Curator", "Educator"]),
    "northbeam-energy": ("Northbeam Energy", "Energy", ["Project Engineer", "Policy Analyst"]),
}
FIRST = [
    "Amara",
    "Bruno",
    "Chiara",
    "Dmitri",
    "Esther",
    "Farid",
    "Greta",
    "Hiroshi",
    "Ines",
    "Jonah",
]
LAST = ["Okafor", "Lindqvist", "Moreau"]
CITIES = ["Chicago, Illinois", "Denver, Colorado", "Portland, Oregon", "Austin, Texas", "Remote"]
PRIVATE = ["Quentin Private", "Rosalind Hidden", "Silas Unlisted"]


@dataclass(frozen=True)
class Alumnus:
    ident: str
    name: str
    org: str
    role: str
    location: str
    years: tuple[int, ...]

    @property
    def industry(self) -> str:
        return ORGANIZATIONS[self.org][1]

    @property
    def text(self) -> str:
        """What the name box searches: name, organization and role."""
        return f"{self.name} {ORGANIZATIONS[self.org][0]} {self.role}".lower()


def alumni() -> list[Alumnus]:
    """30 people: every organization, five places, graduation years 2004-2022; two people
    hold two degrees (two years), so the year filter must match either."""
    people = []
    orgs = sorted(ORGANIZATIONS)
    for i in range(30):
        name = f"{FIRST[i % 10]} {LAST[i // 10]}"
        org = orgs[(i * 5) % len(orgs)]
        roles = ORGANIZATIONS[org][2]
        years: tuple[int, ...] = (2004 + (i * 7) % 19,)
        if i in (3, 17):
            years = (years[0], years[0] + 2)
        people.append(
            Alumnus(
                ident=name.lower().replace(" ", "-"),
                name=name,
                org=org,
                role=roles[i % len(roles)],
                location=CITIES[(i * 3) % len(CITIES)],
                years=years,
            )
        )
    return people


ALUMNI = alumni()


def contact_yaml(person: Alumnus) -> str:
    degrees = "".join(
        f"    - school: Riverside State University\n      degree: {'BA' if n == 0 else 'MA'}\n"
        f"      year: {year}\n"
        for n, year in enumerate(person.years)
    )
    return (
        f"name: {person.name}\n"
        f"organization: {person.org}\n"
        f"role: {person.role}\n"
        f"location: {person.location}\n"
        "connection:\n  type: alumni\n"
        f"background:\n  education:\n{degrees}"
        "visibility: public\n"
    )


def write_playbook(root: Path) -> None:
    init_guide(root, playbook=True, timezone="America/Chicago")
    content = root / "content"
    (content / "contacts" / "rafael-osei.yml").unlink()
    (content / "organizations" / "northfield-civic-data-lab.yml").unlink()
    for oid, (name, industry, _roles) in ORGANIZATIONS.items():
        write(content / "organizations" / f"{oid}.yml", f"name: {name}\nindustry: {industry}\n")
    for person in ALUMNI:
        write(content / "contacts" / f"{person.ident}.yml", contact_yaml(person))
    for name in PRIVATE:  # not agreed to be listed: visibility defaults to private
        ident = name.lower().replace(" ", "-")
        write(
            content / "contacts" / f"{ident}.yml",
            f"name: {name}\norganization: larkspur-museum\nlocation: Chicago, Illinois\n",
        )


@pytest.fixture(scope="module")
def playbook_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The generated playbook, built with --strict and served on 127.0.0.1 (site_url set to
    the server's address, so that instant navigation works as when deployed)."""
    root = tmp_path_factory.mktemp("directory") / "office"
    write_playbook(root)
    site = root / "site"
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="playbook-server", daemon=True)
    try:
        build_site(root, strict=True, site_url=url + "/")
        thread.start()
        yield url
    finally:
        if thread.is_alive():
            server.shutdown()
            thread.join(timeout=5)
        server.server_close()


def names(people: list[Alumnus]) -> list[str]:
    """Names in the directory's order (by name, case-insensitively)."""
    return [p.name for p in sorted(people, key=lambda p: p.name.casefold())]


def open_directory(page: Page, url: str) -> None:
    page.goto(f"{url}/contacts/")
    expect(page.locator(f"{ARTICLE} h1")).to_contain_text("Directory")
    expect(page.locator(".pg-filters")).to_have_attribute("data-pg-ready", "1")


def expect_shown(page: Page, expected: list[str]) -> None:
    """Exactly ``expected`` rows are visible, in order, and the live count says so."""
    expect(page.locator(".pg-count")).to_have_text(f"{len(expected)} of {len(ALUMNI)} people")
    cells = page.locator("#pg-contacts tbody tr:visible td:first-child")
    expect(cells).to_have_text(expected)


def test_directory_lists_only_public_alumni(page: Page, playbook_url: str, watch: Watch) -> None:
    open_directory(page, playbook_url)
    expect_shown(page, names(ALUMNI))
    for name in PRIVATE:
        expect(page.get_by_text(name)).to_have_count(0)
    industries = page.locator("select[data-filter='industry'] option").all_inner_texts()
    assert industries == ["All industries", *sorted({p.industry for p in ALUMNI})]
    years = page.locator("select[data-filter='year'] option").all_inner_texts()
    every_year = sorted({str(y) for p in ALUMNI for y in p.years}, reverse=True)
    assert years == ["All years", *every_year]
    assert watch.errors == []


def test_filters_by_industry_year_location_and_name(
    page: Page, playbook_url: str, watch: Watch
) -> None:
    open_directory(page, playbook_url)
    industry = page.locator("select[data-filter='industry']")
    year = page.locator("select[data-filter='year']")
    location = page.locator("select[data-filter='location']")
    name_box = page.locator("input[data-filter='text']")

    industry.select_option("Energy")
    energy = [p for p in ALUMNI if p.industry == "Energy"]
    assert 1 < len(energy) < len(ALUMNI)
    expect_shown(page, names(energy))

    # a second filter narrows the first
    energy_years = sorted({y for p in energy for y in p.years})
    pick = energy_years[0]
    year.select_option(str(pick))
    expect_shown(page, names([p for p in energy if pick in p.years]))

    industry.select_option("")
    year.select_option("")
    expect_shown(page, names(ALUMNI))

    # someone with two degrees is found under either graduation year
    two = next(p for p in ALUMNI if len(p.years) == 2)
    for value in two.years:
        year.select_option(str(value))
        shown = [p for p in ALUMNI if value in p.years]
        assert two in shown
        expect_shown(page, names(shown))
    year.select_option("")

    location.select_option("Denver, Colorado")
    denver = [p for p in ALUMNI if p.location == "Denver, Colorado"]
    assert 1 < len(denver) < len(ALUMNI)
    expect_shown(page, names(denver))
    location.select_option("")

    # the name box: case-insensitive, part of a name, also matches organization and role
    name_box.press_sequentially("mOREAU")
    expect_shown(page, names([p for p in ALUMNI if "moreau" in p.text]))
    name_box.fill("")
    name_box.press_sequentially("curator")
    curators = [p for p in ALUMNI if "curator" in p.text]
    assert curators
    expect_shown(page, names(curators))

    # nothing matches: an empty table and "0 of 30"
    location.select_option("Remote")
    remote_curators = [p for p in curators if p.location == "Remote"]
    expect_shown(page, names(remote_curators))
    name_box.fill("")
    name_box.press_sequentially("zzz")
    expect_shown(page, [])

    name_box.fill("")
    location.select_option("")
    expect_shown(page, names(ALUMNI))
    assert watch.errors == []


def test_filters_from_the_address_and_after_instant_navigation(
    page: Page, playbook_url: str, watch: Watch
) -> None:
    """A filtered link (``/contacts/?industry=Software``) opens filtered, and the filters
    still work when the page arrives by material's instant navigation from a tab."""
    page.goto(f"{playbook_url}/contacts/?industry=Software")
    expect(page.locator(".pg-filters")).to_have_attribute("data-pg-ready", "1")
    expect_shown(page, names([p for p in ALUMNI if p.industry == "Software"]))

    page.goto(f"{playbook_url}/")
    page.evaluate("window.pgSamePage = true")
    page.locator(".md-tabs__link", has_text="Directory").click()
    expect(page).to_have_url(re.compile(r"/contacts/$"))
    expect(page.locator(".pg-filters")).to_have_attribute("data-pg-ready", "1")
    assert page.evaluate("window.pgSamePage === true"), "instant navigation did not take over"
    page.locator("select[data-filter='industry']").select_option("Education")
    expect_shown(page, names([p for p in ALUMNI if p.industry == "Education"]))

    # a row leads to the person's prep page, which has blanks for the student to fill in
    first = names([p for p in ALUMNI if p.industry == "Education"])[0]
    page.locator("#pg-contacts tbody tr:visible a", has_text=first).click()
    expect(page.locator(f"{ARTICLE} h1")).to_contain_text(first)
    expect(page.locator(ARTICLE)).to_contain_text("[your name]")
    assert watch.errors == []
    assert watch.external == []


def test_directory_fits_the_screen(page: Page, playbook_url: str, tmp_path: Path) -> None:
    """A screenshot sanity check on a laptop and a phone: the filters and the first rows are
    in view, and the page itself never scrolls sideways (the table scrolls in its box)."""
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        open_directory(page, playbook_url)
        expect(page.locator("select[data-filter='industry']")).to_be_in_viewport()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{width}px: the page scrolls sideways by {overflow}px"
        shot = page.screenshot(path=str(tmp_path / f"directory-{width}.png"))
        assert shot.startswith(b"\x89PNG") and len(shot) > 10_000
