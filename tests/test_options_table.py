"""One table of plugin options: the config schema, the CLI and the docs agree with it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from prepguide.guide.config_file import find_guide
from prepguide.options import DEFAULTS, OPTION_NAMES, make_options
from prepguide.plugin.config import PrepGuideConfig

ROOT = Path(__file__).resolve().parent.parent


def test_config_schema_has_the_table_keys_and_defaults() -> None:
    schema = dict(PrepGuideConfig._schema)
    assert sorted(schema) == sorted(OPTION_NAMES)
    config = PrepGuideConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    for name in OPTION_NAMES:
        if name != "enabled":
            assert config[name] == getattr(DEFAULTS, name), name


def test_make_options_and_the_cli_default_to_the_table(tmp_path: Path) -> None:
    assert make_options(environ={}) == DEFAULTS
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - prepguide\n")
    assert find_guide(tmp_path).options == DEFAULTS


def test_docs_show_the_table_defaults() -> None:
    text = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    block = text.split("## Plugin options", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    shown = yaml.safe_load(block)["plugins"][1]["prepguide"]
    assert tuple(shown) == OPTION_NAMES
    for name in OPTION_NAMES:
        expected = True if name == "enabled" else getattr(DEFAULTS, name)
        assert shown[name] == expected, name


def test_scaffold_comments_show_the_table_defaults() -> None:
    for config in (ROOT / "plugins" / "prepguide" / "scaffold" / "init").glob("*/mkdocs.yml"):
        text = config.read_text(encoding="utf-8")
        # A commented-out option shows its default; a set one (audience: public) is the choice.
        shown = dict(re.findall(r"^\s*#\s*(\w+): (\S+)", text, flags=re.MULTILINE))
        assert {"words_per_minute", "intro_seconds"} <= set(shown), config
        for name in ("audience", "words_per_minute", "intro_seconds"):
            if name in shown:
                assert shown[name] == str(getattr(DEFAULTS, name)), (config, name)
