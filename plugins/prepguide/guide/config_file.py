"""Find the guide a command works on: the nearest ``properdocs.yml`` or ``mkdocs.yml`` upward.

ProperDocs (the maintained fork of MkDocs) reads ``properdocs.yml`` and asks
to rename ``mkdocs.yml`` to it, so both names (and their ``.yaml`` forms) are
guides; in a folder that holds several, the first of :data:`CONFIG_NAMES`
wins, the order ProperDocs tries them in (see docs/usage.md, "Command line").

The command line reads ``docs_dir`` and the ``prepguide`` plugin options from
that file without starting MkDocs, so the same options (``today``,
``timezone``, ``words_per_minute``…) apply in the terminal and in the site.
Tags that only MkDocs understands (``!ENV``, ``!!python/name:…``) are read as
empty values: the command line needs none of them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError

from ..options import DEFAULTS, OPTION_NAMES, OptionError, Options, make_options

CONFIG_NAMES = ("properdocs.yml", "properdocs.yaml", "mkdocs.yml", "mkdocs.yaml")
"""The names of a guide's configuration, in the order ProperDocs tries them in a folder."""


class GuideError(Exception):
    """The guide's configuration cannot be used."""


@dataclass(frozen=True)
class Guide:
    """Where a guide lives and how it is configured."""

    root: Path
    """The folder messages are relative to (the configuration's folder, or the current one)."""
    content_dir: Path
    options: Options
    config_file: Path | None = None


class _LenientConstructor(SafeConstructor):
    """A safe constructor that reads unknown tags as ``None``."""


def _ignore_tag(loader: Any, suffix: Any, node: Any = None) -> None:
    """Read a value under a tag only MkDocs knows as empty (see :class:`_LenientConstructor`).

    >>> yaml = YAML(typ="safe", pure=True)
    >>> yaml.Constructor = _LenientConstructor
    >>> yaml.load("site_url: !ENV [SITE_URL, 'http://x/']\\nuse_directory_urls: false\\n")
    {'site_url': None, 'use_directory_urls': False}
    """
    return None


_LenientConstructor.add_multi_constructor("!", _ignore_tag)
_LenientConstructor.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def _warn(message: str) -> None:
    """Print a warning about the guide's options (as the plugin logs it in a build)."""
    print(f"prepguide: warning: {message}", file=sys.stderr)


def config_files(folder: Path) -> list[Path]:
    """The configuration files in ``folder``, in the order of :data:`CONFIG_NAMES`."""
    return [folder / name for name in CONFIG_NAMES if (folder / name).is_file()]


def find_config(start: Path) -> Path | None:
    """Return the nearest configuration in ``start`` or a parent folder.

    The nearest folder holding any of :data:`CONFIG_NAMES` wins; within it,
    ``properdocs.yml`` comes before ``mkdocs.yml``, as in ProperDocs.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        found = config_files(folder)
        if found:
            return found[0]
    return None


def read_config(path: Path) -> dict[str, Any]:
    """Read mkdocs.yml leniently.

    Raises:
        GuideError: The file is not valid YAML or not a mapping.
    """
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _LenientConstructor
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"))
    except (OSError, YAMLError) as exc:
        raise GuideError(f"{path.name}: cannot be read: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise GuideError(f"{path.name}: expected a mapping of settings")
    return data


def plugin_options(config: dict[str, Any]) -> dict[str, Any] | None:
    """Return the ``prepguide`` options of an MkDocs config, or None if not enabled.

    >>> plugin_options({"plugins": ["search", {"prepguide": {"today": "2026-12-04"}}]})
    {'today': '2026-12-04'}
    >>> plugin_options({"plugins": {"prepguide": None}}), plugin_options({"plugins": ["search"]})
    ({}, None)
    """
    plugins = config.get("plugins") or []
    items = plugins.items() if isinstance(plugins, dict) else ((p, None) for p in plugins)
    for item in items:
        name, options = item if isinstance(item, tuple) else (item, None)
        if isinstance(name, dict):
            name, options = next(iter(name.items()))
        if name == "prepguide":
            return dict(options or {})
    return None


def find_guide(cwd: Path | None = None, content: Path | None = None) -> Guide:
    """Locate the guide for a command run in ``cwd``.

    Arguments:
        cwd: Where the command runs (default: the current folder).
        content: An explicit content folder (the DIR argument of ``check``).

    Raises:
        GuideError: The configuration or its prepguide options are invalid, or
            there is no guide: no configuration in ``cwd`` or above it, no
            ``content`` argument and no ``./content`` folder (the command
            would otherwise run on defaults that are not the guide's).
    """
    cwd = (cwd or Path.cwd()).resolve()
    config_file = find_config(cwd)
    if config_file is None and content is None and not (cwd / "content").is_dir():
        raise GuideError(
            f"no content folder and no guide: neither properdocs.yml nor mkdocs.yml in {cwd} "
            "or a folder above it, and no ./content; run the command inside a guide "
            "(or `prepguide init DIR` to start one)"
        )
    if config_file is not None:
        others = [p.name for p in config_files(config_file.parent) if p != config_file]
        if others:
            _warn(
                f"{config_file}: read, as ProperDocs does, and {' and '.join(others)} in the "
                "same folder ignored (plain `mkdocs build` reads mkdocs.yml); keep only one"
            )
    raw: dict[str, Any] = {}
    options: dict[str, Any] = {}
    root = cwd
    docs_dir = cwd / "content"
    if config_file is not None:
        raw = read_config(config_file)
        root = config_file.parent
        docs_dir = root / str(raw.get("docs_dir") or "docs")
        options = plugin_options(raw) or {}
    if content is not None:
        docs_dir = content if content.is_absolute() else cwd / content
    known = OPTION_NAMES
    unknown = [key for key in options if key not in known]
    if unknown:
        raise GuideError(
            f"{config_file.name if config_file else 'mkdocs.yml'}: unknown prepguide option "
            f"`{unknown[0]}`; the options are: {', '.join(known)}"
        )
    try:
        opts = make_options(
            audience=options.get("audience", DEFAULTS.audience),
            today=options.get("today", DEFAULTS.today),
            timezone=options.get("timezone", DEFAULTS.timezone),
            words_per_minute=options.get("words_per_minute", DEFAULTS.words_per_minute),
            intro_seconds=options.get("intro_seconds", DEFAULTS.intro_seconds),
            warn=_warn,
        )
    except OptionError as exc:
        raise GuideError(f"{config_file.name if config_file else 'mkdocs.yml'}: {exc}") from None
    if not docs_dir.resolve().is_relative_to(root):
        root = cwd
    return Guide(root=root, content_dir=docs_dir.resolve(), options=opts, config_file=config_file)
