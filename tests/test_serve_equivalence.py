"""A `mkdocs serve` session that reuses pages builds exactly what a clean `mkdocs build` makes.

The session is driven the way `mkdocs serve` drives MkDocs: one plugin instance
kept across rebuilds (``on_startup(command="serve")``), the configuration loaded
again for each rebuild, ``build(config, serve_url=..., dirty=False)`` into the
same site folder. After each edit, every file of the served site is compared
byte for byte with a clean `mkdocs build` of the same guide in a new process.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from prepguide.plugin import PrepGuidePlugin

from .conftest import ROOT, write

SERVE_URL = "http://127.0.0.1:8000/"


def _benchmark_module(name: str) -> Any:
    """A module of benchmarks/ (not a package), loaded from its file."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / f"benchmarks/{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(contacts: int, out: Path) -> None:
    _benchmark_module("generate").generate(contacts, out)


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, the sitemap's dates left out: the benchmark's own rule, so
    that the test and ``make bench`` compare a served site with a clean build the same way."""
    files: dict[str, bytes] = _benchmark_module("run").site_files(site)
    return files


def clean_build(root: Path, site: Path) -> dict[str, bytes]:
    """`mkdocs build` of the guide in a new process (no state shared with the session)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        check=True,
        env=env,
        cwd=root,
        capture_output=True,
    )
    return site_files(site)


class Session:
    """`mkdocs serve` in miniature."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = root / "served"
        self.plugin: PrepGuidePlugin | None = None

    def rebuild(self) -> PrepGuidePlugin:
        cfg = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        cfg.site_url = SERVE_URL
        if self.plugin is None:
            cfg.plugins.on_startup(command="serve", dirty=False)
        build(cfg, serve_url=SERVE_URL, dirty=False)
        plugin = cfg.plugins["prepguide"]
        assert isinstance(plugin, PrepGuidePlugin)
        assert self.plugin is None or plugin is self.plugin
        self.plugin = plugin
        return plugin

    def close(self) -> None:
        if self.plugin is not None:
            self.plugin.on_shutdown()


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    generate(24, tmp_path)
    config = tmp_path / "mkdocs.yml"
    # The clean build has the URL `mkdocs serve` gives the site.
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "site_name: Benchmark guide\n",
            f"site_name: Benchmark guide\nsite_url: {SERVE_URL}\n",
        ),
        encoding="utf-8",
    )
    running = Session(tmp_path)
    yield running
    running.close()


def assert_same_as_clean_build(session: Session, step: str) -> None:
    served = site_files(session.site)
    clean = clean_build(session.root, session.root / f"clean-{step}")
    assert sorted(served) == sorted(clean), step
    different = [name for name in clean if served[name] != clean[name]]
    assert different == [], f"after {step}: {different[:10]}"


def touch(path: Path, text: str) -> None:
    """Write ``text`` with a modification time that differs from the last one."""
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def contacts_of(root: Path) -> list[Path]:
    return sorted((root / "content/contacts").glob("*.yml"))


def test_every_rebuild_of_a_serve_session_equals_a_clean_build(session: Session) -> None:
    root = session.root
    first = session.rebuild()
    assert first.outputs.converted > 20 and first.outputs.reused == 0
    assert_same_as_clean_build(session, "first build")

    again = session.rebuild()
    kept = again.outputs.reused
    assert kept == again.outputs.converted + kept and kept > 20
    assert again.outputs.rendered == 0, "nothing changed: every kept page's output is reused"
    assert_same_as_clean_build(session, "no change")

    # Change one contact: its page is built again, the others are kept.
    target = contacts_of(root)[len(contacts_of(root)) // 2]
    text = target.read_text(encoding="utf-8")
    text = re.sub(r"^role: .*$", 'role: "Edited role"', text, count=1, flags=re.M)
    if "Edited role" not in text:
        text = text.replace("\nname:", '\nrole: "Edited role"\nname:', 1)
    touch(target, text)
    plugin = session.rebuild()
    assert 1 <= plugin.outputs.converted <= 4 and plugin.outputs.reused > 20
    assert 1 <= plugin.outputs.rendered <= plugin.outputs.converted
    assert "Edited role" in (root / f"served/contacts/{target.stem}/index.html").read_text("utf-8")
    assert_same_as_clean_build(session, "a changed contact")

    # Add a contact at an organization.
    org = sorted((root / "content/organizations").glob("*.yml"))[0]
    write(
        root / "content/contacts/new-person.yml",
        f'name: "New Person"\norganization: {org.stem}\nrole: "Analyst"\n',
    )
    session.rebuild()
    assert (root / "served/contacts/new-person/index.html").is_file()
    assert_same_as_clean_build(session, "an added contact")

    # Delete a contact (its organization's page lists it; no other contact names it by
    # id, which would be an error).
    texts = {p.stem: p.read_text(encoding="utf-8") for p in contacts_of(root)}
    named = next(
        cid
        for cid, own in texts.items()
        if not any(re.search(rf"\b{cid}\b", t) for other, t in texts.items() if other != cid)
        and re.search(r"^organization: ", own, flags=re.M)
    )
    (root / f"content/contacts/{named}.yml").unlink()
    session.rebuild()
    assert not (root / f"served/contacts/{named}").exists()
    assert_same_as_clean_build(session, "a deleted contact")

    # Change the organization most contacts work at.
    counts: dict[str, int] = {}
    for text in (p.read_text(encoding="utf-8") for p in contacts_of(root)):
        found = re.search(r"^organization: (\S+)$", text, flags=re.M)
        if found:
            counts[found[1]] = counts.get(found[1], 0) + 1
    busiest = max(sorted(counts), key=lambda oid: counts[oid])
    assert counts[busiest] >= 2
    org_path = root / f"content/organizations/{busiest}.yml"
    touch(
        org_path,
        re.sub(
            r"^name: .*$",
            'name: "Renamed Organization"',
            org_path.read_text(encoding="utf-8"),
            count=1,
            flags=re.M,
        ),
    )
    plugin = session.rebuild()
    assert plugin.outputs.converted >= counts[busiest]
    assert_same_as_clean_build(session, "a changed organization")

    # Change the profile (every prep page reads it).
    profile = root / "content/profile.yml"
    touch(profile, profile.read_text(encoding="utf-8").replace("trail running", "sea kayaking"))
    session.rebuild()
    assert_same_as_clean_build(session, "a changed profile")

    # A page of the user's in the navigation, then its front matter: material shows a page's
    # subtitle in the sidebar of every page, the kept prep pages' too.
    about = write(root / "content/about.md", "# About this guide\n\nWho keeps it.\n")
    session.rebuild()
    assert_same_as_clean_build(session, "a page of the user's")
    touch(about, "---\nsubtitle: Kept by the career office\n---\n" + about.read_text("utf-8"))
    session.rebuild()
    html = (root / f"served/contacts/{target.stem}/index.html").read_text(encoding="utf-8")
    assert "Kept by the career office" in html
    assert_same_as_clean_build(session, "a nav page's front matter")

    # A prepguide template override, then a theme override, then an edit to the latter.
    config = root / "mkdocs.yml"
    touch(
        config,
        config.read_text(encoding="utf-8").replace(
            "  font: false\n", "  font: false\n  custom_dir: overrides\n"
        ),
    )
    template = ROOT / "plugins/prepguide/templates/organization.html.j2"
    write(
        root / "overrides/prepguide/organization.html.j2",
        template.read_text(encoding="utf-8") + "\n<p>Override marker.</p>\n",
    )
    session.rebuild()
    html = (root / f"served/organizations/{busiest}/index.html").read_text(encoding="utf-8")
    assert "Override marker." in html
    assert_same_as_clean_build(session, "a prepguide template override")

    main = write(
        root / "overrides/main.html",
        '{% extends "base.html" %}\n{% block footer %}<p>Footer one</p>{% endblock %}\n',
    )
    session.rebuild()
    assert_same_as_clean_build(session, "a theme override")
    touch(main, main.read_text(encoding="utf-8").replace("Footer one", "Footer two"))
    plugin = session.rebuild()
    assert plugin.outputs.rendered > 20 and plugin.outputs.converted == 0
    assert "Footer two" in (root / f"served/contacts/{target.stem}/index.html").read_text("utf-8")
    assert_same_as_clean_build(session, "an edited theme override")

    # A changed setting of mkdocs.yml (the search plugin's and the theme's).
    touch(
        config,
        config.read_text(encoding="utf-8")
        .replace("  - search\n", "  - search:\n      separator: '[\\s\\-]+'\n")
        .replace("    - content.code.copy\n", ""),
    )
    session.rebuild()
    assert_same_as_clean_build(session, "a changed mkdocs.yml")


def test_pages_are_not_kept_with_an_extension_that_reads_other_files(session: Session) -> None:
    """pymdownx.snippets includes files no key sees: every page is converted every time."""
    config = session.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "  - pymdownx.snippets\n", encoding="utf-8"
    )
    session.rebuild()
    plugin = session.rebuild()
    assert plugin.outputs.reused == 0 and plugin.outputs.config_key is None


def test_signature_writes_values_down_or_gives_up() -> None:
    from prepguide.plugin.rebuild import signature

    class Options:
        def __init__(self, value: int) -> None:
            self.value = value

    assert signature({"a": [1, 2], "b": Options(3)}) == signature({"b": Options(3), "a": [1, 2]})
    assert signature({"a": [1, 2]}) != signature({"a": [2, 1]})
    assert signature(Options(3)) != signature(Options(4))
    assert signature(object()) is None, "an object known only by its address has no signature"


def test_only_extensions_that_read_the_page_alone_allow_keeping_pages() -> None:
    from prepguide.plugin.rebuild import pure_extensions

    assert pure_extensions(["toc", "markdown.extensions.tables", "pymdownx.superfences"])
    assert not pure_extensions(["toc", "pymdownx.snippets"])
    assert not pure_extensions(["my_company.extension"])


def test_a_kept_page_is_reused_only_with_its_key_and_every_lookup_unchanged() -> None:
    from prepguide.plugin.rebuild import OutputCache

    cache = OutputCache()
    found = {"organizations/acme.md": ("organizations/acme/", "NOT_IN_NAV")}
    cache.begin("config-1")
    entry, reuse = cache.find("contacts/a.md", "# A\n", found.get)
    assert entry is not None and not reuse
    entry.lookups["organizations/acme.md"] = found["organizations/acme.md"]
    entry.content = "<h1>A</h1>"
    cache.end()

    cache.begin("config-1")
    assert cache.find("contacts/a.md", "# A\n", found.get)[1]
    cache.end()
    cache.begin("config-1")
    assert not cache.find("contacts/a.md", "# A, edited\n", found.get)[1]
    cache.end()
    cache.begin("config-1")
    cache.find("contacts/a.md", "# A\n", found.get)[0].content = "<h1>A</h1>"  # type: ignore[union-attr]
    cache.entries["contacts/a.md"].lookups = {
        "organizations/acme.md": found["organizations/acme.md"]
    }
    cache.end()
    cache.begin("config-1")
    assert not cache.find("contacts/a.md", "# A\n", {}.get)[1], "the linked page is gone"
    cache.end()
    cache.begin("config-2")
    assert not cache.find("contacts/a.md", "# A\n", found.get)[1], "mkdocs.yml changed"
    cache.end()
    cache.begin(None)
    assert cache.find("contacts/a.md", "# A\n", found.get) == (None, False)
