"""The plugin's options and its behaviour across `mkdocs serve` rebuilds."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from prepguide.plugin import PrepGuidePlugin
from prepguide.plugin.config import PrepGuideConfig

from .conftest import MINIMAL_MKDOCS, build_site, override_template, write


def test_defaults() -> None:
    plugin = PrepGuidePlugin()
    errors, warnings = plugin.load_config({})
    assert errors == [] and warnings == []
    config: PrepGuideConfig = plugin.config
    assert (config.audience, config.timezone, config.words_per_minute, config.intro_seconds) == (
        "private", "UTC", 130, 60,
    )  # fmt: skip
    assert config.today is None and config.enabled is True


@pytest.mark.parametrize(
    ("options", "name"),
    [({"audience": "everyone"}, "audience"), ({"words_per_minute": "fast"}, "words_per_minute")],
)
def test_bad_option_types_are_config_errors(options: dict[str, str], name: str) -> None:
    errors, _ = PrepGuidePlugin().load_config(options)
    assert [n for n, _ in errors] == [name]


def test_unknown_option_is_a_warning() -> None:
    _, warnings = PrepGuidePlugin().load_config({"audiance": "public"})
    assert [name for name, _ in warnings] == ["audiance"]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("timezone: Mars/Olympus", "timezone: `Mars/Olympus` is not a known time zone"),
        ("today: soon", "today: `soon` is not a date"),
        ("intro_seconds: 1000", "intro_seconds: 1000 is out of range"),
    ],
)
def test_bad_option_values_fail_the_build_cleanly(
    guide: Path, option: str, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    text = MINIMAL_MKDOCS.replace("timezone: Europe/Stockholm", option)
    (guide / "mkdocs.yml").write_text(text, encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(guide)
    assert any(message in r.getMessage() for r in caplog.records)


def test_disabled_plugin_still_keeps_yaml_out(guide: Path) -> None:
    text = MINIMAL_MKDOCS.replace("      today: 2026-11-26\n", "      enabled: false\n")
    (guide / "mkdocs.yml").write_text(text, encoding="utf-8")
    write(guide / "content/index.md", "# Home\n")
    site = build_site(guide)
    assert not list(site.rglob("*.yml"))
    assert not (site / "contacts").exists()


def test_serve_rebuilds_reparse_only_the_changed_file(guide: Path) -> None:
    """Like `mkdocs serve`: the config is loaded again for each rebuild, the plugin is kept."""

    def rebuild() -> PrepGuidePlugin:
        cfg = load_config(str(guide / "mkdocs.yml"), site_dir=str(guide / "site"))
        cfg.plugins.on_startup(command="serve", dirty=False)
        build(cfg, serve_url="http://127.0.0.1:8000/")
        plugin = cfg.plugins["prepguide"]
        assert isinstance(plugin, PrepGuidePlugin)
        return plugin

    first = rebuild()
    files = first.loader.parsed
    assert files >= 10
    second = rebuild()
    assert second is first
    assert second.loader.parsed == files
    path = guide / "content/contacts/joan-whitcombe.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: Joan Whitcombe", "name: Joan W. Whitcombe"),
        encoding="utf-8",
    )
    third = rebuild()
    assert third.loader.parsed == files + 1
    html = (guide / "site/contacts/joan-whitcombe/index.html").read_text(encoding="utf-8")
    assert "Joan W. Whitcombe" in html
    assert set(third.timings) == {"load", "render"}


@pytest.mark.parametrize("command", ["serve", "build"])
def test_rebuilds_pick_up_an_edited_template_override(guide: Path, command: str) -> None:
    """An override edited between two rebuilds is used at the second: while serving, and
    with `mkdocs serve --clean`, which starts every rebuild as a build."""
    override = override_template(
        guide, "organizations.md.j2", "---\ntitle: Employers\n---\n\n# First heading\n"
    )

    def rebuild() -> str:
        cfg = load_config(str(guide / "mkdocs.yml"), site_dir=str(guide / "site"))
        cfg.plugins.on_startup(command=command, dirty=False)
        build(cfg, serve_url="http://127.0.0.1:8000/")
        return (guide / "site/organizations/index.html").read_text(encoding="utf-8")

    assert "First heading" in rebuild()
    override.write_text(
        "---\ntitle: Employers\n---\n\n# Second, longer heading\n", encoding="utf-8"
    )
    os.utime(override, (time.time() + 5, time.time() + 5))  # a new modification time too
    html = rebuild()
    assert "Second, longer heading" in html and "First heading" not in html


def test_build_releases_generated_pages_once_written(guide: Path) -> None:
    """`mkdocs build` lets go of each generated page's Markdown and HTML after use."""
    write(
        guide / "hooks.py",
        "SEEN = {}\ndef on_env(env, config, files):\n    SEEN['files'] = files\n",
    )
    write(guide / "content/about.md", "# About\n\nMy own page.\n")
    config = (guide / "mkdocs.yml").read_text(encoding="utf-8")
    (guide / "mkdocs.yml").write_text(config + "hooks:\n  - hooks.py\n", encoding="utf-8")
    cfg = load_config(str(guide / "mkdocs.yml"), site_dir=str(guide / "site"))
    cfg.plugins.on_startup(command="build", dirty=False)
    build(cfg)
    hooks = cfg.plugins["hooks.py"]
    files = hooks.SEEN["files"]  # type: ignore[attr-defined]
    prep = files.get_file_from_path("contacts/joan-whitcombe.md")
    assert prep.page.content is None and prep.page.markdown == ""
    assert prep.content_string == ""
    own = files.get_file_from_path("about.md")
    assert own.page.content and "My own page." in own.page.content
    assert cfg.plugins["prepguide"].corpus is None  # the notes are released too
    html = (guide / "site/contacts/joan-whitcombe/index.html").read_text(encoding="utf-8")
    assert "Joan Whitcombe" in html


def test_build_sets_its_long_lived_objects_aside_from_the_collector(guide: Path) -> None:
    """The notes and pages are kept out of the cycle collector's walks during the build
    (``gc.freeze``), and handed back at its end, after an error too."""
    import gc

    write(
        guide / "hooks.py",
        "import gc\nFROZEN = []\n"
        "def on_page_content(html, page, config, files):\n"
        "    FROZEN.append(gc.get_freeze_count())\n",
    )
    config = (guide / "mkdocs.yml").read_text(encoding="utf-8")
    (guide / "mkdocs.yml").write_text(config + "hooks:\n  - hooks.py\n", encoding="utf-8")
    before = gc.get_freeze_count()
    cfg = load_config(str(guide / "mkdocs.yml"), site_dir=str(guide / "site"))
    cfg.plugins.on_startup(command="build", dirty=False)
    build(cfg)
    frozen = cfg.plugins["hooks.py"].FROZEN  # type: ignore[attr-defined]
    assert frozen and min(frozen) > before
    assert gc.get_freeze_count() == before

    # Serving: each rebuild hands back what it set aside, and so does MkDocs' shutdown.
    cfg = load_config(str(guide / "mkdocs.yml"), site_dir=str(guide / "site"))
    cfg.plugins.on_startup(command="serve", dirty=False)
    for _ in range(2):
        build(cfg, serve_url="http://127.0.0.1:8000/")
        assert gc.get_freeze_count() == before
    cfg.plugins.on_shutdown()
    assert gc.get_freeze_count() == before

    write(guide / "content/contacts/broken.yml", "name: [unclosed\n")
    cfg = load_config(str(guide / "mkdocs.yml"), site_dir=str(guide / "site"))
    cfg.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort):
        build(cfg)
    assert gc.get_freeze_count() == before
