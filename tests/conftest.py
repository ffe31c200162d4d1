"""Shared fixtures: guides in tmp_path, real MkDocs builds."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONTENT = ROOT / "content"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

MINIMAL_MKDOCS = """\
site_name: Test guide
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - prepguide:
      today: 2026-11-26
      timezone: Europe/Stockholm
"""


# The prep page's sections before the talk, in the order docs/usage.md ("The generated site") lists
PREP_SECTIONS = [
    "Who they are and how you are connected",
    "Common ground",
    "The organization",
    "Your goals",
    "Questions",
    "One-minute intro",
    "Outreach",
    "Venue and logistics",
    "After the talk",
]


def write(path: Path, text: str) -> Path:
    """Write a text file, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def override_template(guide: Path, name: str, text: str) -> Path:
    """Write ``site_overrides/prepguide/<name>`` and make ``site_overrides`` the theme's custom_dir."""
    path = write(guide / "site_overrides/prepguide" / name, text)
    config = (guide / "mkdocs.yml").read_text(encoding="utf-8")
    if "custom_dir:" not in config:
        (guide / "mkdocs.yml").write_text(
            config.replace("  font: false\n", "  font: false\n  custom_dir: site_overrides\n"),
            encoding="utf-8",
        )
    return path


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    """A copy of the example guide in tmp_path, with a minimal mkdocs.yml."""
    shutil.copytree(EXAMPLE_CONTENT, tmp_path / "content")
    write(tmp_path / "mkdocs.yml", MINIMAL_MKDOCS)
    return tmp_path


def copy_example(root: Path) -> Path:
    """Copy the repository's example guide (content/, mkdocs.yml, site_overrides/) to ``root``."""
    shutil.copytree(EXAMPLE_CONTENT, root / "content")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    return root


@pytest.fixture
def example_guide(tmp_path: Path) -> Path:
    """A copy of the example guide with the repository's own mkdocs.yml."""
    return copy_example(tmp_path)


def build_site(root: Path, *, strict: bool = False, **overrides: object) -> Path:
    """Run a real MkDocs build of the guide at ``root`` into ``root/site``."""
    built_config(root, root / "site", strict=strict, **overrides)
    return root / "site"


def built_config(root: Path, site: Path, *, strict: bool = False, **overrides: object) -> Any:
    """Run a real MkDocs build of the guide at ``root`` into ``site``; return its config (and
    through it the plugins as the build left them)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=strict, **overrides)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return cfg


@pytest.fixture
def mkdocs_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Capture MkDocs' log records (warnings and errors)."""
    caplog.set_level(logging.INFO, logger="mkdocs")
    yield caplog


@pytest.fixture(scope="session")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """The example guide, the second guide and a generated one of 150 contacts, loaded.

    For tests that compare a faster path with the one it replaced on every text of real
    guides (tests/test_text_fast.py, tests/test_tailor_speed.py).
    """
    from prepguide.guide.corpus import CorpusLoader

    from .test_benchmarks import load

    generated = tmp_path_factory.mktemp("generated")
    load("generate").generate(150, generated)
    folders = [EXAMPLE_CONTENT, ROOT / "tests" / "data" / "second-guide" / "content"]
    return [CorpusLoader().load(folder) for folder in [*folders, generated / "content"]]
