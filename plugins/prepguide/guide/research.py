"""The entries of the content folder as the loader meets them: located problems.

A research file whose name cannot be an id, a ``.yaml`` suffix, a symbolic link to
nothing, to another kind of research notes or out of the content folder, a link that
loops back, and stray files (left out of the site, see
:mod:`prepguide.guide.published`): each is one message ``path:1:1`` with a hint.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem, Severity, dangling_link, dangling_message
from ..ids import slugify
from ..read.fields import ID_RE
from ..read.validate import Kind
from ..reserved import RESERVED_IDS
from .published import FOLDERS, is_page, is_profile_like, looks_like_yaml, unsafe_link

LOOP_MESSAGE = "a symbolic link that loops back into content/; remove it"


def link_loops(content_dir: Path, root: Path) -> list[Problem]:
    """Errors about symbolic links to a folder that holds the link itself.

    MkDocs walks the content folder following links (``os.walk(followlinks=True)``),
    so ``content/guides/a -> .`` makes it copy the guide into itself until the
    system says "Too many levels of symbolic links", and three such links make the
    walk take forever. Every folder is walked here as MkDocs would, but a link whose
    real folder is one of the folders it lies in (``.``, ``..``, ``content/`` itself,
    or a folder outside that links back) is an error and is not entered
    (docs/security.md, "Symbolic links").
    """
    problems: list[Problem] = []
    start = os.path.realpath(content_dir)
    stack: list[tuple[str, frozenset[str]]] = [(str(content_dir), frozenset([start]))]
    while stack:
        folder, ancestors = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            try:
                if not entry.is_dir():
                    continue
            except OSError:
                continue
            real = os.path.realpath(entry.path)
            if entry.is_symlink() and (
                real in ancestors or os.path.commonpath([real, start]) == real
            ):
                display = Path(os.path.relpath(entry.path, root)).as_posix()  # as walked
                problems.append(Problem(display, 1, 1, "error", LOOP_MESSAGE))
                continue
            if real in ancestors:  # a bind mount or the like: never walk in circles
                continue
            stack.append((entry.path, ancestors | {real}))
    return problems


def _research_area(real: str, areas: dict[str, str]) -> str | None:
    """Which research folder (or ``profile.yml``) the real path ``real`` lies in, if any."""
    for area, where in areas.items():
        if real == where or (area != "profile.yml" and real.startswith(where + os.sep)):
            return area
    return None


def _linked_research(
    path: Path, area: str, own_base: str | None, content_dir: Path, areas: dict[str, str]
) -> str | None:
    """Why the research file ``path`` (a symbolic link) cannot be read, or None.

    A contact linked as ``organizations/x.yml`` would publish a private contact's
    name as an organization: a research file may link only to a file of its own
    folder or elsewhere in the content folder, never into another research folder
    or out of the content folder (docs/security.md, "Symbolic links").
    """
    real = os.path.realpath(path)
    if own_base is not None and real.startswith(own_base + os.sep):
        return None
    top = str(content_dir)
    if not real.startswith(top + os.sep):
        return (
            f"it is a symbolic link to a file outside the content folder (`{real}`); "
            "copy the file into the content folder instead of linking it, or remove the link"
        )
    other = _research_area(real, areas)
    if other is not None and other != area:
        shown = Path(os.path.relpath(real, top)).as_posix()
        return (
            f"it is a symbolic link to `{shown}`, research notes of another kind; "
            "copy the file instead of linking it, or remove the link"
        )
    return None


def _left_out(display: str, name: str, research: str | None, *, nested: bool = False) -> Problem:
    """The warning about a file of the content folder that is kept out of the site.

    >>> print(_left_out("content/contacts/ana.yaml", "ana.yaml", "contacts").message)
    `ana.yaml` is left out of the site: prepguide reads `.yml` files; rename it to `ana.yml`, or delete it
    >>> print(_left_out("content/profile.yaml", "profile.yaml", None).message)
    `profile.yaml` is left out of the site: prepguide reads your profile from `profile.yml`; rename it, or delete it
    >>> print(_left_out("content/x.yml~", "x.yml~", None).message)
    `x.yml~` is left out of the site: it looks like a copy of research notes (an editor's backup or a merge leftover); delete it, or move it out of the content folder
    >>> print(_left_out("content/contacts/notes.txt", "notes.txt", "contacts").message)
    `notes.txt` is left out of the site: files in `contacts/` are research notes, published only as prepguide renders them (Markdown pages excepted); move it to another folder
    >>> print(_left_out("content/contacts/old/a.yml", "a.yml", "contacts", nested=True).message)
    `a.yml` is left out of the site: prepguide reads only the files directly in `contacts/`, and publishes nothing else from it; move the file, or delete it
    """
    lowered = name.lower()
    if nested:
        hint = (
            f"prepguide reads only the files directly in `{research}/`, and publishes nothing "
            "else from it; move the file, or delete it"
        )
    elif research is None and name.startswith("profile.") and lowered.endswith((".yml", ".yaml")):
        hint = "prepguide reads your profile from `profile.yml`; rename it, or delete it"
    elif research is not None and lowered.endswith((".yml", ".yaml")):
        stem = slugify(name.rsplit(".", 1)[0]) or "untitled"
        hint = f"prepguide reads `.yml` files; rename it to `{stem}.yml`, or delete it"
    elif looks_like_yaml(name) or research is None:
        hint = (
            "it looks like a copy of research notes (an editor's backup or a merge leftover); "
            "delete it, or move it out of the content folder"
        )
    else:
        hint = (
            f"files in `{research}/` are research notes, published only as prepguide renders "
            "them (Markdown pages excepted); move it to another folder"
        )
    return Problem(display, 1, 1, "warning", f"`{name}` is left out of the site: {hint}")


def _strays_in(base: Path, entry: os.DirEntry[str], folder: str, root: Path) -> list[Problem]:
    """Warnings about an entry of a research folder that is not a research file.

    Hidden files (an editor's ``.x.yml.swp``) say nothing: MkDocs never publishes
    them, and prepguide leaves them out too.
    """
    name = entry.name
    if name.startswith("."):
        return []
    path = base / name
    target = dangling_link(path)
    if target is not None:
        return [_dangling(base, name, folder, target, root, "warning")]
    if not entry.is_dir():
        if is_page(name) and not looks_like_yaml(name):
            reason = unsafe_link(f"{folder}/{name}", base.parent) if entry.is_symlink() else None
            return [] if reason is None else [_link_left_out(base, name, folder, reason, root)]
        return [_left_out(_display(path, root), name, folder)]
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for file in sorted(filenames):
            if not file.startswith(".") and (looks_like_yaml(file) or not is_page(file)):
                display = _display(Path(dirpath) / file, root)
                problems.append(_left_out(display, file, folder, nested=True))
    return problems


def _dangling(
    base: Path, name: str, folder: str, target: str, root: Path, severity: Severity
) -> Problem:
    """The one message about a symbolic link to a missing file (not "rename it").

    >>> base, root = Path("/guide/content/contacts"), Path("/guide")
    >>> print(_dangling(base, "x.yml", "contacts", "gone.yml", root, "error").format())
    content/contacts/x.yml:1:1: error: `contacts/x.yml` is a symbolic link to a missing file (`gone.yml`); remove it or point it at a file
    """
    display = f"{_display(base, root)}/{name}"  # the link, not where it points
    message = dangling_message(f"{folder}/{name}" if folder else name, target)
    return Problem(display, 1, 1, severity, message)


def _link_left_out(base: Path, name: str, folder: str, reason: str, root: Path) -> Problem:
    """The warning about a symbolic link left out of the site (see :func:`unsafe_link`).

    >>> why = "it is a link to research notes (`contacts/a.yml`)"
    >>> print(_link_left_out(Path("/guide/content/guides"), "r.txt", "guides", why, Path("/guide")).format())
    content/guides/r.txt:1:1: warning: `guides/r.txt` is left out of the site: it is a link to research notes (`contacts/a.yml`); copy what should be published into the content folder instead of linking it, or delete the link
    """
    display = f"{_display(base, root)}/{name}"  # the link, not where it points
    shown = f"{folder}/{name}" if folder else name
    return Problem(
        display,
        1,
        1,
        "warning",
        f"`{shown}` is left out of the site: {reason}; copy what should be published into "
        "the content folder instead of linking it, or delete the link",
    )


def _strays_elsewhere(content_dir: Path, root: Path) -> list[Problem]:
    """Warnings about files outside the research folders that look like research notes.

    ``x.yml~``, ``#x.yml#``, ``x.YML``, ``profile.bak``…: left out of the site
    (see :func:`is_unpublished`). Plain ``.yml``/``.yaml`` files outside the
    research folders (data for other plugins) are left out silently, as always.
    """
    problems: list[Problem] = []
    top = str(content_dir)
    for dirpath, dirnames, filenames in os.walk(content_dir):
        at_top = dirpath == top
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not (at_top and d in FOLDERS)
        )
        folder = Path(os.path.relpath(dirpath, top)).as_posix()
        prefix = "" if at_top else folder + "/"
        for linked in dirnames:  # os.walk does not enter a linked folder; MkDocs does
            if os.path.islink(os.path.join(dirpath, linked)):
                reason = unsafe_link(prefix + linked, top)
                if reason is not None:
                    problems.append(
                        _link_left_out(Path(dirpath), linked, prefix.rstrip("/"), reason, root)
                    )
        for file in sorted(filenames):
            if file.startswith(".") or (at_top and file == "profile.yml"):
                continue
            profile = at_top and is_profile_like(file)
            plain = file.endswith((".yml", ".yaml"))
            if profile or (looks_like_yaml(file) and not plain):
                display = _display(Path(dirpath) / file, root)
                problems.append(_left_out(display, file, None))
            elif not plain and os.path.islink(os.path.join(dirpath, file)):
                reason = unsafe_link(prefix + file, top)
                if reason is not None:
                    problems.append(
                        _link_left_out(Path(dirpath), file, prefix.rstrip("/"), reason, root)
                    )
    return problems


def _research_name(name: str) -> tuple[str, str] | None:
    """The suffix and stem of a name that may be a research file, else None.

    >>> _research_name("ana-lima.yml")
    ('.yml', 'ana-lima')
    >>> _research_name("ana-lima.yaml")
    ('.yaml', 'ana-lima')
    >>> _research_name(".yml") is None, _research_name("notes.txt") is None
    (True, True)
    """
    if name.endswith(".yml") and len(name) > 4:
        return ".yml", name[:-4]
    if name.endswith(".yaml") and len(name) > 5:
        return ".yaml", name[:-5]
    return None


def _yaml_suffix_warning(display: str, stem: str) -> Problem:
    """The warning about a research file named ``.yaml`` (it is not read).

    >>> _yaml_suffix_warning("content/contacts/ana.yaml", "ana").message
    'ignored: prepguide reads `.yml` files; rename it to `ana.yml`'
    """
    return Problem(
        display,
        1,
        1,
        "warning",
        f"ignored: prepguide reads `.yml` files; rename it to `{stem}.yml`",
    )


def _file_name_problem(display: str, name: str, stem: str, kind: Kind) -> Problem | None:
    """The error about a research file whose name cannot be an id, or None.

    >>> _file_name_problem("c/Ana Lima.yml", "Ana Lima.yml", "Ana Lima", "contact").message
    '`Ana Lima.yml` is not a valid file name: ids are lowercase words joined by hyphens; rename it to `ana-lima.yml`'
    >>> print(_file_name_problem("c/index.yml", "index.yml", "index", "contact").message)
    `index` is a reserved id: its page would replace the generated list of contacts (/contacts/); rename the file, e.g. to `index-2.yml`
    >>> _file_name_problem("c/ana-lima.yml", "ana-lima.yml", "ana-lima", "contact") is None
    True
    """
    if not ID_RE.match(stem):
        fixed = slugify(stem) or "untitled"
        return Problem(
            display,
            1,
            1,
            "error",
            f"`{name}` is not a valid file name: ids are lowercase words "
            f"joined by hyphens; rename it to `{fixed}.yml`",
        )
    if kind != "questions" and stem in RESERVED_IDS:
        page = "contacts" if kind == "contact" else "organizations"
        return Problem(
            display,
            1,
            1,
            "error",
            f"`{stem}` is a reserved id: its page would replace the generated "
            f"list of {page} (/{page}/); rename the file, e.g. to "
            f"`{stem}-2.yml`",
        )
    return None


def _folder_prefix(base: Path, real_base: Path, root: Path) -> str:
    """What :func:`_display` puts before the name of a file (not a link) in ``base``.

    >>> folder = Path("/guide/content/contacts")
    >>> _folder_prefix(folder, folder, Path("/guide")), _folder_prefix(folder, folder, folder)
    ('content/contacts/', '')
    """
    try:
        folder = real_base.relative_to(root).as_posix()
    except ValueError:
        folder = os.path.relpath(base, root).replace(os.sep, "/")
    return "" if folder == "." else folder + "/"


def _display(path: Path, root: Path) -> str:
    """A path as messages show it: from ``root`` (with ``..`` when outside it).

    >>> _display(Path("/guide/content/contacts/a.yml"), Path("/guide"))
    'content/contacts/a.yml'
    >>> _display(Path("/elsewhere/a.yml"), Path("/guide"))
    '../elsewhere/a.yml'
    """
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return os.path.relpath(path, root).replace(os.sep, "/")
