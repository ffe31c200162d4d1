"""Material's sidebars drawn once for prepguide's pages that share them (plugin/theme_partials.py).

Whole sites are built twice, reusing the navigation sidebar and the table of contents and
drawing them for every page as Material does, and compared file by file, in configurations that
change what they show.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from prepguide.plugin import theme_partials
from prepguide.plugin.theme_partials import TOC_TEMPLATE, ThemePartials

from .conftest import build_site, built_config, copy_example


def _site(root: Path) -> dict[str, bytes]:
    site = build_site(root)
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.name.startswith("sitemap.xml")
    }


def _configure(root: Path, change: dict[str, Any]) -> None:
    path = root / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in change.items():
        if key == "hooks":
            (root / "hook.py").write_text(_HOOK, encoding="utf-8")
            config["hooks"] = value
        elif key == "icon":
            icons = root / "site_overrides" / ".icons" / "material"
            icons.mkdir(parents=True)
            (icons / "magnify.svg").write_text(value, encoding="utf-8")
        elif key == "main.html":
            (root / "site_overrides" / "main.html").write_text(value, encoding="utf-8")
        elif key == "features":
            config["theme"]["features"] = config["theme"]["features"] + value
        elif key == "theme":
            config["theme"].update(value)
        else:
            config[key] = value
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def _both(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The site with the sidebars reused, then drawn for every page (as Material does)."""
    reused = _site(root)
    with monkeypatch.context() as patch:
        patch.setattr(theme_partials, "CHECKED", False)
        drawn = _site(root)
    return reused, drawn


def _sidebar(page: bytes) -> str:
    html = page.decode("utf-8")
    start = html.index('<nav class="md-nav md-nav--primary')
    return html[start : html.index("</nav>", start)]


_NAV = [
    {"Home": "index.md"},
    {"People": ["contacts.md", "organizations.md", {"Map": "network.md"}]},
    # A prep page in the nav: its sidebar marks it active, so it is drawn for it alone.
    {"Joan": "contacts/joan-whitcombe.md"},
    {"About": "about.md"},
    {"Calendar": "calendar.md"},
    {"The calendar file": "calendar.ics"},
    {"Elsewhere": "https://example.org/careers/"},
    # Links into one prep page's own folder, one written as MkDocs also reads it: that page's
    # relative paths differ from its neighbours'.
    {"Ines's file": "contacts/ines-carvalho/notes.pdf"},
    {"Devika": "./contacts/devika-raman/"},
    {"An organization": "./organizations/cedar-ridge-health/#people"},
]

# A hook that changes the navigation for each page: the sidebars are drawn for every page.
_HOOK = """
def on_page_context(context, page, config, nav):
    nav.items[-1].title = "Back from " + page.title
    return context
"""

# A theme override that draws the header of organization pages in French (black-box review).
_FRENCH = (
    '{% extends "base.html" %}{% block header %}{% if page and page.url.startswith("organizations/")'
    ' %}{% import "partials/languages/fr.html" as lang %}{% endif %}'
    '{% include "partials/header.html" %}{% include "partials/toc.html" %}{% endblock %}'
)

# An icon of the theme overridden by one that shows the page (icons are templates too).
_ICON = (
    '<svg viewBox="0 0 24 24"><title>{{ page.title if page else "" }}</title><path d="M1 1"/></svg>'
)

# A theme override of base.html's asset blocks, one drawing Material's after its own.
_ASSET_BLOCKS = (
    '{% extends "base.html" %}{% block scripts %}<script src="{{ "mine.js" | url }}"></script>'
    "{{ super() }}{% endblock %}{% block styles %}{% endblock %}"
)

# A theme override that draws the sidebar a second time with other features.
_TWICE = (
    '{% extends "base.html" %}{% block footer %}{% with features = [] %}<div>'
    '{% include "partials/nav.html" %}</div>{% endwith %}{{ super() }}{% endblock %}'
)


@pytest.mark.parametrize(
    "change",
    [
        {},
        {
            "features": [
                "navigation.tabs",
                "navigation.sections",
                "navigation.expand",
                "navigation.indexes",
                "navigation.prune",
                "navigation.path",
                "navigation.footer",
                "toc.integrate",
            ]
        },
        {"use_directory_urls": False},
        {"nav": _NAV, "extra": {"homepage": "contacts/"}},
        {"nav": _NAV, "use_directory_urls": False, "features": ["navigation.sections"]},
        {"theme": {"logo": "contacts/logo.svg", "language": "de"}},
        {"extra": {"homepage": "./contacts/anais-thibodeaux/"}},
        {"hooks": ["hook.py"]},
        {"main.html": _TWICE, "features": ["navigation.tabs", "toc.integrate"]},
        {"features": ["search.share"], "theme": {"icon": {"search": "material/file-search"}}},
        {
            # Stylesheets and scripts, one in a prep page's own folder (its link differs).
            "extra_css": ["extra/one.css", "contacts/joan-whitcombe/own.css"],
            "extra_javascript": [
                "https://example.org/x.js",
                "js/a.js",
                {"path": "./contacts/ines-carvalho/m.mjs", "type": "module"},
            ],
            "extra": {"polyfills": ["poly.js"], "version": {"provider": "mike"}},
        },
        {"main.html": _ASSET_BLOCKS, "use_directory_urls": False},
        {"main.html": _FRENCH},
        {"icon": _ICON},
    ],
    ids=[
        "example",
        "features",
        "file-urls",
        "nav",
        "nav-file-urls",
        "logo-language",
        "homepage",
        "hook",
        "drawn-twice",
        "search-icons",
        "assets",
        "asset-blocks",
        "another-language",
        "page-icon",
    ],
)
def test_a_site_is_the_same_with_the_sidebar_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, Any]
) -> None:
    root = copy_example(tmp_path / "guide")
    _configure(root, change)
    reused, drawn = _both(root, monkeypatch)
    assert reused.keys() == drawn.keys()
    assert [name for name in reused if reused[name] != drawn[name]] == []
    # Pages in different folders link from where they are.
    prep = "contacts/joan-whitcombe/index.html" if "use_directory_urls" not in change else None
    if prep and "nav" not in change:
        org = next(n for n in reused if n.startswith("organizations/") and n.count("/") == 2)
        assert _sidebar(reused[prep]) != _sidebar(reused[org])


def test_the_sidebars_are_drawn_once_for_the_pages_that_share_them(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "guide")
    partials = _partials_after_build(root, tmp_path / "site")
    assert partials is not None
    # One sidebar for the prep pages, one for the organization pages.
    assert len([key for name, key in partials.outputs if name == theme_partials.NAV_TEMPLATE]) == 2
    assert partials.drawn[theme_partials.NAV_TEMPLATE] == 2
    # The search box and the palette toggle read only the configuration.
    assert [partials.drawn[name] for name in theme_partials.CONSTANT_TEMPLATES] == [1, 1]
    # base.html's asset blocks: their links read the same from every prep and organization page
    # (all two folders deep).
    assert [partials.drawn[f"base.html:{block}"] for block in theme_partials.ASSET_BLOCKS] == [
        1,
        1,
        1,
    ]
    contacts = len(list((root / "content" / "contacts").glob("*.yml")))
    organizations = len(list((root / "content" / "organizations").glob("*.yml")))
    assert len([p for p in partials.pages if p.startswith("contacts/")]) == contacts
    # Pages at the same stage have the same sections: fewer tables of contents than pages.
    assert 1 < partials.drawn[TOC_TEMPLATE] < contacts + organizations


def test_an_overridden_sidebar_template_is_drawn_for_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An override that shows the page in the sidebar: reusing it would show one page's title
    # on every page.
    root = copy_example(tmp_path / "guide")
    partials = root / "site_overrides" / "partials"
    partials.mkdir()
    (partials / "nav-item.html").write_text(
        '{% macro render(nav_item, path, level, parent) %}<li data-here="{{ page.title }}">'
        "{{ nav_item.title }}</li>{% endmacro %}",
        encoding="utf-8",
    )
    reused, drawn = _both(root, monkeypatch)
    assert reused == drawn
    titles = {
        re.search(rb'data-here="([^"]*)"', page).group(1)  # type: ignore[union-attr]
        for name, page in reused.items()
        if name.startswith("contacts/") and name.endswith("index.html")
    }
    assert len(titles) > 5


def _page(url: str, src_uri: str = "contacts/ana.md") -> Any:
    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri=src_uri))


def _sidebar_of(targets: list[str], pages: set[str]) -> ThemePartials:
    nav = SimpleNamespace(
        items=[SimpleNamespace(url=t, children=None) for t in targets], homepage=None
    )
    config = SimpleNamespace(extra={}, theme={}, extra_css=[], extra_javascript=[])
    return ThemePartials(pages, nav, config)


def test_pages_whose_links_read_the_same_share_their_sidebar() -> None:
    pages = {f"contacts/{n}.md" for n in ("ana", "bob", "cy")} | {"organizations/x.md"}
    sidebar = _sidebar_of(["", "contacts/", "organizations/"], pages)

    def key(url: str, src: str) -> Any:
        return sidebar.sidebar_key({"page": _page(url, src), "nav": sidebar.nav})

    ana = key("contacts/ana/", "contacts/ana.md")
    assert ana is not None
    assert key("contacts/bob/", "contacts/bob.md") == ana
    assert key("organizations/x/", "organizations/x.md") != ana  # "../" is another folder
    assert key("contacts/ana.html", "contacts/ana.md") == key(
        "contacts/bob.html", "contacts/bob.md"
    )
    assert key("contacts/ana.html", "contacts/ana.md") != ana
    # Not one of prepguide's pages outside the nav, another navigation, no page.
    assert key("x/", "x.md") is None
    assert sidebar.sidebar_key({"page": _page("contacts/ana/"), "nav": object()}) is None
    assert sidebar.sidebar_key({"nav": sidebar.nav}) is None
    # A link into one page's folder, in any of the forms MkDocs reads: that page gets its own.
    for link in ("contacts/ana/cv.pdf", "./contacts/ana/", "contacts/./ana", "contacts//ana/"):
        into = _sidebar_of([link], pages)
        keys = [
            into.sidebar_key({"page": _page(f"contacts/{n}/", f"contacts/{n}.md"), "nav": into.nav})
            for n in ("ana", "bob", "cy")
        ]
        assert keys[0] != keys[1] == keys[2], link


def _heading(title: str, level: int, *children: Any, typeset: Any = None) -> Any:
    return SimpleNamespace(
        url="#" + title.lower(), title=title, level=level, children=list(children), typeset=typeset
    )


def test_pages_with_the_same_headings_share_their_table_of_contents() -> None:
    partials = _sidebar_of([], {"contacts/ana.md", "contacts/bob.md"})

    def key(src: str, *toc: Any) -> Any:
        page = SimpleNamespace(url="", file=SimpleNamespace(src_uri=src), toc=list(toc))
        return partials.toc_key({"page": page, "nav": partials.nav})

    ana = key("contacts/ana.md", _heading("Ana", 1, _heading("Questions", 2)))
    # A first h1 stands for the page: Material shows its children (the page's sections).
    assert key("contacts/bob.md", _heading("Bob", 1, _heading("Questions", 2))) == ana
    assert key("contacts/bob.md", _heading("Bob", 1, _heading("Drafts", 2))) != ana
    assert key("contacts/bob.md", _heading("Bob", 1, _heading("Questions", 3))) != ana
    two = _heading("Bob", 1, _heading("Questions", 2), _heading("X", 2))
    assert key("contacts/bob.md", two) != ana
    # Without a first h1 every heading is shown: here the same list.
    assert key("contacts/bob.md", _heading("Questions", 2)) == ana
    assert key("contacts/bob.md", _heading("Ana", 2, _heading("Questions", 2))) != key(
        "contacts/bob.md", _heading("Bob", 2, _heading("Questions", 2))
    )
    # Headings marked for the typeset plugin show other text: drawn for the page itself.
    typeset = _heading("Questions", 2, typeset={"title": "<em>Q</em>"})
    assert key("contacts/bob.md", _heading("Bob", 1, typeset)) is None
    assert key("x.md", _heading("Ana", 1)) is None


def test_another_theme_or_version_keeps_materials_own_drawing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    env = jinja2.Environment(loader=jinja2.DictLoader({"partials/nav.html": "x"}))
    assert theme_partials.material_partials(env) is False
    monkeypatch.setattr(theme_partials, "CHECKED", False)
    before = env.get_template
    theme_partials.install(env, _sidebar_of([], set()))
    assert env.get_template == before


def _partials_after_build(root: Path, site: Path) -> Any:
    return built_config(root, site).plugins["prepguide"].partials


def test_a_filter_or_a_handler_from_elsewhere_draws_the_sidebars_for_every_page(
    tmp_path: Path,
) -> None:
    root = copy_example(tmp_path / "guide")
    assert _partials_after_build(root, tmp_path / "a").drawn  # reused as it is
    # A hook's filter (it may write a link for each page): nothing reused.
    _configure(root, {"hooks": ["hook.py"]})  # writes hook.py (the next test's hook)
    (root / "filter_hook.py").write_text(
        "def on_env(env, config, files):\n"
        "    env.filters['shout'] = lambda value: value.upper()\n"
        "    return env\n",
        encoding="utf-8",
    )
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("- hook.py", "- filter_hook.py"), encoding="utf-8"
    )
    partials = _partials_after_build(root, tmp_path / "b")
    assert partials is not None and not partials.drawn
    # A hook that handles page_context: not even set up.
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert _partials_after_build(root, tmp_path / "c") is None
