"""What prepguide generates for a guide, and which of the user's own files would clash.

The build and ``prepguide check`` use the same rule (docs/usage.md, "The generated
site"): a user's file at the source path or at the address of a page or file
prepguide generates is an error at ``path:1:1``, since one would silently replace
the other. MkDocs maps ``x.md``, ``x/index.md`` and ``x/README.md`` to one
address (``/x/`` with ``use_directory_urls``), so ``content/contacts.md`` or
``content/contacts/README.md`` clashes with the generated list of contacts as
``content/contacts/index.md`` does. The user's own home page (``index.md`` or
``README.md``) is the exception: it replaces the dashboard.

Nothing here imports MkDocs: the plugin passes the paths of the files it
rendered and of the user's files as MkDocs sees them; ``check`` lists both
from the notes and the configuration (:func:`guide_clashes`).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from ..errors import Problem
from ..guide.corpus import Corpus
from ..guide.published import is_unpublished

ASSETS_DIR = Path(__file__).parent.parent / "assets"
"""prepguide's stylesheet, script, logo and favicon, published under ``assets/prepguide/``."""
ASSET_SUFFIXES = (".css", ".js", ".svg")
"""Which files of :data:`ASSETS_DIR` are published."""
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What MkDocs builds as a page (any other file is copied as it is)."""
HOME = "index.md"
"""The dashboard's source path; a user's home page replaces it rather than clashing."""


def generated_sources(corpus: Corpus, *, public: bool) -> list[str]:
    """The source paths of the pages and files a build generates, but for the dashboard.

    Arguments:
        corpus: The notes as the build's audience sees them (see
            :func:`prepguide.guide.privacy.for_audience`).
        public: A public build (no calendar: docs/usage.md, "What is never published").
    """
    from .calendar import has_meeting_event
    from .pages import contact_src, organization_src

    sources = ["contacts.md", "organizations.md", "network.md"]
    if not public:
        sources.append("calendar.md")
    sources.extend(contact_src(cid) for cid in sorted(corpus.contacts))
    sources.extend(organization_src(oid) for oid in sorted(corpus.organizations))
    sources.extend(
        f"assets/prepguide/{path.name}"
        for path in sorted(ASSETS_DIR.iterdir())
        if path.suffix in ASSET_SUFFIXES
    )
    if not public:
        sources.append("calendar.ics")
        sources.extend(
            f"calendar/{cid}.ics"
            for cid, contact in sorted(corpus.contacts.items())
            if has_meeting_event(contact)
        )
    return sources


def dest_uri(src_uri: str, use_directory_urls: bool = True) -> str:
    """Where MkDocs writes a file of ``docs_dir`` (as ``File.dest_uri`` does).

    ``x.md`` goes to ``x/index.html`` (``x.html`` without directory URLs),
    ``x/index.md`` and ``x/README.md`` to ``x/index.html``; any other file keeps
    its path.

    >>> dest_uri("contacts/ana.md"), dest_uri("x/README.md"), dest_uri("x.md", False), dest_uri("a.png")
    ('contacts/ana/index.html', 'x/index.html', 'x.html', 'a.png')
    """
    if not src_uri.endswith(MARKDOWN_SUFFIXES):
        return src_uri
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    stem = "index" if stem == "README" else stem
    if not use_directory_urls or stem == "index":
        return posixpath.join(parent, f"{stem}.html")
    return posixpath.join(parent, stem, "index.html")


def url_of(dest: str, use_directory_urls: bool = True) -> str:
    """The address of a written file, from the site's root (``/contacts/``).

    >>> url_of("contacts/ana-lima/index.html"), url_of("index.html"), url_of("calendar/ana lima.ics")
    ('/contacts/ana-lima/', '/', '/calendar/ana%20lima.ics')
    """
    folder, filename = posixpath.split(dest)
    if use_directory_urls and filename == "index.html":
        return "/" + quote(f"{folder}/") if folder else "/"
    return "/" + quote(dest)


def describe(src_uri: str) -> str:
    """What a generated file is made from, for messages.

    >>> describe("contacts/ana.md"), describe("calendar/ana.ics"), describe("network.md")
    ('content/contacts/ana.yml', 'the meeting of content/contacts/ana.yml', 'the research notes')
    """
    folder, _, name = src_uri.partition("/")
    stem = name.rsplit(".", 1)[0]
    if folder in ("contacts", "organizations") and name:
        return f"content/{folder}/{stem}.yml"
    if folder == "calendar":
        return f"the meeting of content/contacts/{stem}.yml"
    return "the research notes"


def clashes(
    generated: Iterable[str],
    user: Iterable[str],
    *,
    use_directory_urls: bool,
    docs_dir: Path,
    root: Path | None,
) -> list[Problem]:
    """A user's file at the source path or the address of a generated one is an error.

    Arguments:
        generated: The source paths prepguide generates (the dashboard's is
            skipped: a user's home page replaces it).
        user: The source paths of the user's files that MkDocs would build or copy.
        use_directory_urls: MkDocs' option of that name.
        docs_dir: The docs folder (the user's paths are inside it).
        root: The folder messages name paths from (the configuration's folder).

    Returns:
        One error per clashing user file, at ``path:1:1``, in the order of ``user``.
    """
    by_src: dict[str, str] = {}
    by_dest: dict[str, str] = {}
    for src in generated:
        if src == HOME:
            continue
        by_src.setdefault(src, src)
        by_dest.setdefault(dest_uri(src, use_directory_urls), src)
    problems = []
    for mine in user:
        found = by_src.get(mine) or by_dest.get(dest_uri(mine, use_directory_urls))
        if found is None:
            continue
        src = found
        path = docs_dir / mine
        try:
            display = path.relative_to(root).as_posix() if root else path.as_posix()
        except ValueError:
            display = path.as_posix()
        where = url_of(dest_uri(src, use_directory_urls), use_directory_urls)
        problems.append(
            Problem(
                display,
                1,
                1,
                "error",
                f"prepguide generates the page at {where} (from {describe(src)}), "
                "and this file would take its place or be overwritten; rename or move it",
            )
        )
    return problems


def user_sources(docs_dir: Path) -> list[str]:
    """The user's files that MkDocs would see in ``docs_dir`` (walked as MkDocs walks it:
    links followed, sorted), without the notes, what is never published
    (:func:`prepguide.guide.published.is_unpublished`) and template overrides, which the plugin
    takes out of the site. Files that ``exclude_docs`` excludes are kept: MkDocs still
    lists them, and the plugin refuses a generated page at their path.
    """
    found = []
    for folder, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        relative = os.path.relpath(folder, docs_dir)
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith((".yml", ".yaml", ".j2")):
                continue
            src = name if relative == "." else f"{relative.replace(os.sep, '/')}/{name}"
            if not is_unpublished(src):
                found.append(src)
    return found


def guide_clashes(
    corpus: Corpus,
    *,
    docs_dir: Path,
    root: Path | None,
    public: bool,
    config: dict[str, object] | None = None,
) -> list[Problem]:
    """What :func:`clashes` finds for a guide, from its notes and configuration (``check``).

    Arguments:
        corpus: The notes, all of them (a public build's are chosen here).
        docs_dir: The content folder.
        root: The folder messages name paths from.
        public: Whether the build is public.
        config: The guide's MkDocs configuration, as read by :mod:`prepguide.guide.config_file`
            (``use_directory_urls``), if it has one.
    """
    from ..guide.privacy import for_audience

    config = config or {}
    directory_urls = config.get("use_directory_urls", True) is not False
    seen = for_audience(corpus, "public" if public else "private")
    return clashes(
        generated_sources(seen, public=public),
        user_sources(docs_dir),
        use_directory_urls=directory_urls,
        docs_dir=docs_dir,
        root=root,
    )


def setup_problems(root: Path | None, custom_dir: Path | None) -> list[Problem]:
    """What is wrong around the notes, as ``prepguide check`` and the build both report it.

    A playbook whose ``requirements.txt`` or pre-commit hook still names no
    prepguide (docs/playbook.md), and an override of a template prepguide no
    longer uses (docs/usage.md, "Overriding templates"). ``root`` is the
    guide's folder (None: the plugin runs without a config file);
    ``custom_dir`` the theme's ``custom_dir``, if any.
    """
    from ..write.scaffold import unfilled_blanks
    from .pagehtml import overrides_not_used

    problems = unfilled_blanks(root) if root is not None else []
    return problems + overrides_not_used(custom_dir, root)
