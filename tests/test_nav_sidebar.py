"""Material's sidebar drawn once per folder for prepguide's pages outside the nav (plugin/nav_sidebar.py).

Whole sites are built twice, reusing the sidebar and drawing it for every page as Material
does, and compared file by file, in configurations that change what the sidebar shows.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from prepguide.plugin import nav_sidebar
from prepguide.plugin.nav_sidebar import NavSidebar

from .conftest import build_site, copy_example


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
        if key == "features":
            config["theme"]["features"] = config["theme"]["features"] + value
        elif key == "theme":
            config["theme"].update(value)
        else:
            config[key] = value
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def _both(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The site with the sidebar reused, then drawn for every page (as Material does)."""
    reused = _site(root)
    with monkeypatch.context() as patch:
        patch.setattr(nav_sidebar, "CHECKED", False)
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
    # A link under one prep page's own folder: that page's relative path differs.
    {"Ines's file": "contacts/ines-carvalho/notes.pdf"},
]


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
    ],
    ids=["example", "features", "file-urls", "nav", "nav-file-urls", "logo-language"],
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


def test_the_sidebar_is_drawn_once_per_folder(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = copy_example(tmp_path / "guide")
    cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    sidebar = cfg.plugins["prepguide"].sidebar
    assert sidebar is not None
    assert sorted(sidebar.outputs) == ["contacts/", "organizations/"]
    assert sidebar.rendered == 2
    contacts = len(list((root / "content" / "contacts").glob("*.yml")))
    assert len([p for p in sidebar.pages if p.startswith("contacts/")]) == contacts


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


def _sidebar_of(targets: list[str], pages: set[str]) -> NavSidebar:
    nav = SimpleNamespace(
        items=[SimpleNamespace(url=t, children=None) for t in targets], homepage=None
    )
    config = SimpleNamespace(extra={}, theme={})
    return NavSidebar(pages, nav, config)


def test_the_folder_a_page_shares_its_sidebar_with() -> None:
    sidebar = _sidebar_of(["", "contacts/", "organizations/"], {"contacts/ana.md"})
    nav = sidebar.nav
    assert sidebar.key({"page": _page("contacts/ana/"), "nav": nav}) == "contacts/"
    assert sidebar.key({"page": _page("contacts/ana.html"), "nav": nav}) == "contacts/"
    # Not one of prepguide's pages outside the nav, another navigation, no page.
    assert sidebar.key({"page": _page("x/", "x.md"), "nav": nav}) is None
    assert sidebar.key({"page": _page("contacts/bob/", "contacts/bob.md"), "nav": nav}) is None
    assert sidebar.key({"page": _page("contacts/ana/"), "nav": object()}) is None
    assert sidebar.key({"nav": nav}) is None
    # A link under the page's own folder is relative to that page only.
    under = _sidebar_of(["contacts/ana/cv.pdf"], {"contacts/ana.md"})
    assert under.key({"page": _page("contacts/ana/"), "nav": under.nav}) is None


def test_another_theme_or_version_keeps_materials_own_drawing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    env = jinja2.Environment(loader=jinja2.DictLoader({"partials/nav.html": "x"}))
    assert nav_sidebar.material_sidebar(env) is False
    monkeypatch.setattr(nav_sidebar, "CHECKED", False)
    before = env.get_template
    nav_sidebar.install(env, _sidebar_of([], set()))
    assert env.get_template == before
