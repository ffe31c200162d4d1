"""What of the content folder never reaches the site: research notes under any name.

The rules of docs/usage.md, "What is never published": file names that look like
YAML (whatever their case or editor's suffix), copies of the profile, everything in
the research folders but Markdown pages, and symbolic links to any of these
(docs/security.md, "Symbolic links"). The plugin leaves these files out of the build
(``plugin/settings.py``), and :mod:`prepguide.guide.research` warns about each.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from ..read.validate import Kind

FOLDERS: dict[str, Kind] = {
    "organizations": "organization",
    "contacts": "contact",
    "questions": "questions",
}


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What MkDocs reads as a Markdown page (case-insensitive)."""


def name_key(name: str) -> str:
    """A file name as the checks below compare it: NFKC-normalized and case-folded, so a
    fullwidth ``x.ｙｍｌ`` or ``ＰＲＯＦＩＬＥ`` is caught like ``x.yml`` and ``profile``.

    >>> name_key("ＰＲＯＦＩＬＥ.ｙｍｌ"), name_key("Ana.YML")
    ('profile.yml', 'ana.yml')
    """
    return unicodedata.normalize("NFKC", name).casefold()


def looks_like_yaml(name: str) -> bool:
    """A file name that may hold research notes: ``x.yml``, ``x.YAML``, ``x.yml~``, ``#x.yml#``,
    ``x.ｙｍｌ``…

    >>> looks_like_yaml("x.YML~"), looks_like_yaml("#x.yml#"), looks_like_yaml("notes.md")
    (True, True, False)
    """
    lowered = name_key(name)
    return ".yml" in lowered or ".yaml" in lowered


def is_profile_like(name: str) -> bool:
    """A name at the top of the content folder that may be a copy of the profile: ``profile``,
    ``profile~``, ``Profile.json``, ``profile.yml.bak`` (a ``profile.md`` page is not).

    >>> is_profile_like("profile.yml.bak"), is_profile_like("Profile.json"), is_profile_like("profile.md")
    (True, True, False)
    """
    return name_key(name).startswith("profile") and not is_page(name)


def is_page(name: str) -> bool:
    """Whether MkDocs renders a file of this name as a Markdown page.

    >>> is_page("About.MD"), is_page("notes.markdown"), is_page("notes.txt")
    (True, True, False)
    """
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def is_unpublished(src_uri: str) -> bool:
    """Whether a user's file of ``content/`` must stay out of the site.

    No research data reaches ``site/`` unless prepguide rendered it (docs/usage.md,
    "What is never published"): every file that looks like YAML, whatever its
    case or its editor's suffix (``x.yml~``, ``x.yml.orig``, ``#x.yml#``, ``x.YML``),
    ``profile.*`` beside the content folder's pages, and everything in the
    research folders (``contacts/``, ``organizations/``, ``questions/``) but the
    user's own Markdown pages.

    >>> [is_unpublished(uri) for uri in ("contacts/ana.yml", "guides/x.yml~", "profile.bak")]
    [True, True, True]
    >>> [is_unpublished(uri) for uri in ("contacts/notes.md", "about.md", "guides/profile.bak")]
    [False, False, False]
    >>> is_unpublished("contacts/photo.jpg")
    True
    """
    folder, _, rest = src_uri.partition("/")
    name = src_uri.rpartition("/")[2]
    if looks_like_yaml(name):
        return True
    if not rest:
        return is_profile_like(name)
    return folder in FOLDERS and not is_page(name)


def unsafe_link(src_uri: str, src_dir: str | Path) -> str | None:
    """Why the file (or folder) ``src_uri`` of ``src_dir``, reached through a symbolic link,
    must stay out of the site, or None (not a link, or a harmless one).

    MkDocs follows links, so ``content/guides/reading.txt`` linked to
    ``../contacts/priv.yml`` would publish a private contact under another name. A
    link is left out when what it points at is research notes (a file the rules of
    :func:`is_unpublished` keep out, a name that looks like YAML, anything in a
    folder named like a research folder, a copy of the profile), is hidden (``.env``,
    ``.ssh/``), or lies outside the content folder (docs/security.md).
    """
    real_dir = os.path.realpath(src_dir)
    target = os.path.realpath(os.path.join(src_dir, src_uri))
    if target == os.path.join(real_dir, *src_uri.split("/")):
        return None
    shown = target
    if os.path.commonpath([real_dir, target]) != real_dir:
        outside = Path(target).parts
        if any(looks_like_yaml(p) or p.startswith(".") or name_key(p) in FOLDERS for p in outside):
            return f"it is a link to research notes or a hidden file (`{shown}`)"
        return f"it is a link to a file outside the content folder (`{shown}`)"
    relative = Path(os.path.relpath(target, real_dir)).as_posix()
    parts = relative.split("/")
    if (
        is_unpublished(relative)
        or name_key(parts[0]) in FOLDERS
        or (len(parts) == 1 and is_profile_like(parts[0]))
        or any(p.startswith(".") or looks_like_yaml(p) for p in parts)
    ):
        return f"it is a link to research notes (`{relative}`)"
    return None
