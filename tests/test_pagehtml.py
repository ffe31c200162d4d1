"""Prep and organization pages written as HTML (prepguide.render.pagehtml), held to the libraries.

- Headings, their ids, permalinks and table of contents are what Python-Markdown's ``toc``
  extension makes of the same titles with the same settings (a property test).
- The search plugin, handed only the searchable part of a page (``pagehtml.searchable``), makes
  exactly the entries it makes from the whole page, whose left-out parts carry
  ``data-search-exclude``: on the example guide, the second guide (private and public, every
  stage) and hostile guides.
"""

from __future__ import annotations

import datetime as dt
import doctest
import html
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import slugify_unicode
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from prepguide import markup
from prepguide.guide.corpus import CorpusLoader
from prepguide.guide.privacy import for_audience
from prepguide.options import Options
from prepguide.render import pagehtml
from prepguide.render.pages import SiteContext
from prepguide.render.site import render_site
from prepguide.render.templating import Renderer
from tests import hostile

ROOT = Path(__file__).resolve().parent.parent
GUIDES = {"example": ROOT, "second": ROOT / "tests/data/second-guide"}


def test_doctests() -> None:
    for module in (pagehtml, markup):
        failed, _ = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert failed == 0, module.__name__


# ---------------------------------------------------------------------------
# Headings against Python-Markdown's toc

TOC_SETTINGS = st.fixed_dictionaries(
    {},
    optional={
        "permalink": st.sampled_from([True, False, "#", "§"]),
        "permalink_title": st.sampled_from(["Permanent link", "", "Link to this"]),
        "permalink_class": st.sampled_from(["headerlink", "anchor"]),
        "permalink_leading": st.booleans(),
        "separator": st.sampled_from(["-", "_"]),
        "slugify": st.sampled_from([slugify_unicode]),
        "toc_depth": st.sampled_from([6, 2, "2-3", "1-1"]),
    },
)
# Quotes aside: prepguide's escaped Markdown wrote them as numeric references, which
# Python-Markdown slugs as digits ("O'Brien" -> "o39brien"); see the test below.
TITLE = st.text(
    alphabet=st.sampled_from(list("abcXYZ éñ&<>-_.0123456789Ωß中🦄")), min_size=1, max_size=20
).filter(
    lambda t: (
        t.strip()
        and not t.strip().startswith("#")
        and not t.rstrip().endswith("#")
        and not t.strip().startswith("__")  # ids the theme uses: see test_reserved_ids
        # A list marker at the start: markup.text escapes it for Markdown blocks, which a
        # heading then shows as a backslash ("\\0. 0"); HTML pages show the title as typed.
        and not re.match(r"\s*(\d+[.)]|[-+>])\s", t)
    )
)


@settings(max_examples=150, deadline=None)
@given(
    settings_=TOC_SETTINGS,
    titles=st.lists(st.tuples(st.sampled_from([1, 2, 3]), TITLE), min_size=1, max_size=6),
)
def test_headings_are_what_the_toc_extension_makes(
    settings_: dict[str, Any], titles: list[tuple[int, str]]
) -> None:
    md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": settings_})
    source = "\n\n".join(f"{'#' * level} {markup.text(title)}" for level, title in titles)
    expected_html = md.convert(source)
    # Ids the theme and prepguide's script use are not taken (see test_reserved_ids).
    assume(
        not any(
            i.startswith(pagehtml.RESERVED_ID_PREFIXES) for i in pagehtml.anchor_ids(expected_html)
        )
    )
    style = pagehtml.HeadingStyle.from_toc_config(settings_)
    headings = pagehtml.Headings(style)
    ours = "\n".join(
        str(headings.heading(level, markup.inline_html(title))) for level, title in titles
    )
    assert pagehtml.anchor_ids(ours) == pagehtml.anchor_ids(expected_html)
    assert [html.unescape(pagehtml.strip_tags(line)) for line in ours.split("\n")] == [
        html.unescape(pagehtml.strip_tags(line)) for line in expected_html.split("\n")
    ]

    def shape(tokens: list[dict[str, Any]]) -> list[Any]:
        return [
            (t["level"], t["id"], html.unescape(t["name"]), shape(t["children"])) for t in tokens
        ]

    assert shape(pagehtml.toc_tokens(ours, style)) == shape(md.toc_tokens)  # type: ignore[attr-defined]


def test_permalink_markup_matches_python_markdown() -> None:
    md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": {"permalink": True}})
    expected = md.convert("## Ask Inês for an introduction")
    ours = pagehtml.Headings(pagehtml.HeadingStyle.from_toc_config({"permalink": True})).heading(
        2, markup.inline_html("Ask Inês for an introduction")
    )
    assert str(ours) == expected


@pytest.mark.parametrize(
    ("title", "anchor"),
    [("__search", "h-__search"), ("__drawer", "h-__drawer"), ("pg-tab-2", "h-pg-tab-2")],
)
def test_reserved_ids(title: str, anchor: str) -> None:
    """A contact named after an id of the theme or of prepguide's script never takes it."""
    heading = pagehtml.Headings(pagehtml.HeadingStyle()).heading(1, markup.inline_html(title))
    assert pagehtml.anchor_ids(str(heading)) == {anchor}


def test_quotes_are_left_out_of_ids() -> None:
    """A deliberate difference: the id a reader expects, not the digits of a reference."""
    heading = pagehtml.Headings(pagehtml.HeadingStyle()).heading(1, markup.inline_html("O'Brien"))
    assert pagehtml.anchor_ids(str(heading)) == {"obrien"}


# ---------------------------------------------------------------------------
# The searchable part gives the search plugin's own entries


def rendered(content: Path, root: Path, *, public: bool) -> list[tuple[str, str]]:
    corpus = CorpusLoader().load(content, root, timezone="UTC")
    assert not corpus.errors, corpus.errors
    if public:
        corpus = for_audience(corpus, "public")
    ctx = SiteContext(
        options=Options(),
        today=dt.date(2026, 11, 26),
        use_directory_urls=True,
        site_url=None,
        public=public,
        headings=pagehtml.HeadingStyle.from_toc_config({"permalink": True}),
    )
    pages = render_site(corpus, ctx, Renderer([]))
    return [(p.src_uri, p.markdown) for p in pages if p.html]


def entries(src_uri: str, source: str, *, cut: bool) -> list[dict[str, Any]]:
    body, meta = get_data(source)
    style = pagehtml.HeadingStyle.from_toc_config({"permalink": True})
    page = SimpleNamespace(
        meta=meta,
        content=pagehtml.searchable(body) if cut else body,
        toc=get_toc(pagehtml.toc_tokens(body, style)),  # type: ignore[arg-type]
        url=src_uri[:-3] + "/",
        title=meta.get("title"),
    )
    index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    index.add_entry_from_context(page)
    return index.entries


def assert_same_entries(pages: list[tuple[str, str]]) -> int:
    assert pages
    cut_somewhere = 0
    for src_uri, source in pages:
        full = entries(src_uri, source, cut=False)
        assert entries(src_uri, source, cut=True) == full, src_uri
        cut_somewhere += pagehtml.SEARCH_OFF in source
    return cut_somewhere


@pytest.mark.parametrize("public", [False, True], ids=["private", "public"])
@pytest.mark.parametrize("name", sorted(GUIDES))
def test_searchable_part_gives_the_same_entries(name: str, public: bool) -> None:
    root = GUIDES[name]
    pages = rendered(root / "content", root, public=public)
    marked = sum(src.startswith(("contacts/", "organizations/")) for src, _ in pages)
    assert assert_same_entries(pages) == marked  # every prep and organization page leaves some out


def test_generated_text_stays_out_of_search() -> None:
    pages = dict(rendered(ROOT / "content", ROOT, public=False))
    titles = {
        entry["title"]
        for src_uri, source in pages.items()
        if src_uri.startswith("contacts/")
        for entry in entries(src_uri, source, cut=True)
    }
    for generated in ("Questions", "One-minute intro", "Outreach", "Venue and logistics"):
        assert generated not in titles
    assert {"Who they are and how you are connected", "Referrals"} <= titles
    texts = " ".join(
        entry["text"]
        for src_uri, source in pages.items()
        for entry in entries(src_uri, source, cut=True)
    )
    assert "Best wishes" not in texts  # no draft
    assert "Next step" not in texts  # no brief
    assert "Led to them by" not in texts and "Last spoke" not in texts  # prepguide's wording
    assert "How you know them" in texts  # the notes' own words stay


@settings(max_examples=8, **hostile.GUIDE_SETTINGS)
@given(guide=hostile.hostile_guide())
def test_hostile_pages_give_the_same_entries(tmp_path_factory: Any, guide: Any) -> None:
    files, _ = guide
    for root, public in hostile.audience_guides(tmp_path_factory, files):
        assert_same_entries(rendered(root / "content", root, public=public))


# ---------------------------------------------------------------------------
# In a real build


def build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build"]
    return subprocess.run(
        [*command, "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_built_prep_page_has_its_table_of_contents_and_links(tmp_path: Path) -> None:
    result = build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/contacts/oliver-brandt/index.html").read_text(encoding="utf-8")
    toc = page[page.index("md-sidebar--secondary") : page.index('<div class="md-content"')]
    for anchor in ("#who-they-are-and-how-you-are-connected", "#questions", "#referrals"):
        assert f'href="{anchor}"' in toc
    assert 'href="../../organizations/lumenchart/"' in page
    index = json.loads((tmp_path / "site/search/search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in index["docs"]}
    assert "contacts/oliver-brandt/#who-they-are-and-how-you-are-connected" in locations
    assert "contacts/oliver-brandt/#questions" not in locations
    # A page in the navigation written as HTML (the dashboard) keeps its place and its contents.
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    toc = home[home.index("md-sidebar--secondary") : home.index('<div class="md-content"')]
    assert 'href="#what-is-due"' in toc and 'href="#pipeline"' in toc
    assert 'href="contacts/' in home.split("<article", 1)[1]  # links to prep pages
    assert not any(loc == "" or loc.startswith("#") for loc in locations)  # no dashboard
    nav = home[home.index("md-sidebar--primary") : home.index("md-sidebar--secondary")]
    assert 'href="contacts/"' in nav and "md-nav__link--active" in nav


@pytest.mark.parametrize("old", ["contact.md.j2", "dashboard.md.j2"])
def test_an_override_of_a_retired_markdown_template_warns(tmp_path: Path, old: str) -> None:
    root = tmp_path / "guide"
    (root / "content").mkdir(parents=True)
    (root / "content/profile.yml").write_text("name: Ada\n", encoding="utf-8")
    (root / "overrides/prepguide").mkdir(parents=True)
    (root / "overrides/prepguide" / old).write_text("# old\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: content\ntheme:\n  name: material\n  custom_dir: overrides\n"
        "plugins:\n  - prepguide\n",
        encoding="utf-8",
    )
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    warning = f"overrides/prepguide/{old}:1:1: warning: this override is not used"
    assert warning in result.stderr
    assert old.replace(".md.j2", ".html.j2") in result.stderr
    # `prepguide check` says the same (a playbook's CI runs it before the strict build).
    checked = subprocess.run(
        [sys.executable, "-m", "prepguide.cli", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert warning in checked.stdout, checked.stdout + checked.stderr


@pytest.mark.parametrize("tags_plugin", [True, False])
def test_tags_are_searched_only_where_the_site_shows_them(
    tmp_path: Path, tags_plugin: bool
) -> None:
    root = tmp_path / "guide"
    (root / "content/contacts").mkdir(parents=True)
    (root / "content/profile.yml").write_text("name: Ada\n", encoding="utf-8")
    (root / "content/contacts/bo.yml").write_text("name: Bo\ntags: [zzqtag]\n", encoding="utf-8")
    plugins = "  - search\n" + ("  - tags\n" if tags_plugin else "") + "  - prepguide\n"
    (root / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: content\ntheme:\n  name: material\nplugins:\n" + plugins,
        encoding="utf-8",
    )
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "site/search/search_index.json").read_text(encoding="utf-8")
    page = (tmp_path / "site/contacts/bo/index.html").read_text(encoding="utf-8")
    assert ("zzqtag" in index) is tags_plugin
    assert ("zzqtag" in page) is tags_plugin  # no page shows them without the plugin
