"""What the plugin reads from MkDocs' configuration and files (options, toc, fonts, research files)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, set_exclusions

from ..guide.config_file import GuideError, read_config
from ..guide.published import is_unpublished, unsafe_link
from ..options import Options, make_options
from ..render.pagehtml import HeadingStyle
from .config import PrepGuideConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger("prepguide.plugin")

ASSETS_DIR = Path(__file__).parent.parent / "assets"
"""prepguide's stylesheet, script, logo and favicon (copied into every site)."""


def heading_style(config: MkDocsConfig) -> HeadingStyle:
    """How Python-Markdown's ``toc``, as ``mkdocs.yml`` sets it, makes headings."""
    settings: dict[str, Any] = {}
    for name in ("toc", "markdown.extensions.toc"):
        settings.update(config.mdx_configs.get(name) or {})
    return HeadingStyle.from_toc_config(settings)


def chose_web_font(config: MkDocsConfig) -> bool:
    """Whether ``mkdocs.yml`` names a web font (``theme.font`` with ``text`` or ``code``).

    Read from the files as the user wrote them (``INHERIT`` followed): the
    theme's own default (material's Roboto) is not a choice.
    """
    path = Path(config.config_file_path) if config.config_file_path else None
    seen: set[Path] = set()
    while path is not None and path not in seen and path.is_file():
        seen.add(path)
        try:
            raw = read_config(path)
        except GuideError:
            return False
        theme = raw.get("theme")
        if isinstance(theme, dict) and "font" in theme:
            font = theme["font"]
            return isinstance(font, dict) and bool(font.get("text") or font.get("code"))
        parent = raw.get("INHERIT")
        path = (path.parent / parent).resolve() if isinstance(parent, str) else None
    return False


def options_from(config: PrepGuideConfig) -> Options:
    """Build the core options from the plugin's config.

    ``PREPGUIDE_AUDIENCE=public`` makes the build public; ``private`` never
    downgrades a public guide (it is ignored, with a warning).
    """
    return make_options(
        audience=config.audience,
        today=config.today,
        timezone=config.timezone,
        words_per_minute=config.words_per_minute,
        intro_seconds=config.intro_seconds,
        warn=log.warning,
    )


def remove_research_files(files: Files) -> Files:
    """Drop what must not be published as is.

    No research data reaches the site unless prepguide rendered it (docs/usage.md,
    "What is never published"): every file that looks like YAML, whatever its case
    or suffix (``x.yml~``, ``#x.yml#``, ``x.YML``), ``profile.*``, everything in the
    research folders but the user's Markdown pages (see
    :func:`prepguide.guide.published.is_unpublished`; the loader warns about each), and
    prepguide's own template overrides (``custom_dir/prepguide/*.j2``, which
    MkDocs would otherwise copy from the theme as static files).
    """
    unpublished = [
        f
        for f in files
        if not f.generated_by
        and (
            f.src_uri.endswith(".j2")
            or is_unpublished(f.src_uri)
            # a link to research notes, a hidden file or outside its folder (docs/security.md)
            or (f.src_dir is not None and unsafe_link(f.src_uri, f.src_dir) is not None)
        )
    ]
    for file in unpublished:
        files.remove(file)
    return files


def user_files(config: MkDocsConfig) -> Files:
    """The files of ``docs_dir`` MkDocs will build or copy, as it will see them.

    Walked as MkDocs' ``get_files`` walks them (links followed, ``exclude_docs``
    and the default exclusions applied), but research notes and everything
    :func:`remove_research_files` drops are left out: they never reach the site.
    """
    docs_dir = config.docs_dir
    found: list[File] = []
    for folder, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        relative = os.path.relpath(folder, docs_dir)
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith((".yml", ".yaml")):
                continue  # the notes themselves (and other YAML): never published
            src_uri = name if relative == "." else f"{relative.replace(os.sep, '/')}/{name}"
            if (
                not is_unpublished(src_uri)
                and not name.endswith(".j2")
                and unsafe_link(src_uri, docs_dir) is None
            ):
                found.append(File(src_uri, docs_dir, config.site_dir, config.use_directory_urls))
    set_exclusions(found, config)
    return Files([f for f in found if not f.inclusion.is_excluded()])


def shows_tags(config: MkDocsConfig) -> bool:
    """Whether a tags plugin (material's, or one named ``tags``) shows pages' tags."""
    return any(name == "tags" or name.endswith("/tags") for name in config.plugins)
