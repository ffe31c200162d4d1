"""Where the running prepguide was installed from, as a playbook must name it.

``prepguide init --playbook`` writes ``requirements.txt`` and a pre-commit hook
that install the same prepguide (docs/playbook.md, "Where prepguide comes
from"): read from pip's record of the installation (``direct_url.json``, PEP
610) by :func:`installed_source`, a git checkout pinned to its commit, an
archive to its hash, a package index to its version; when it cannot tell, the
files hold ``REPLACE-WITH-...`` blanks that ``prepguide check`` refuses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .scaffold_text import comment_text, yaml_scalar

PLACEHOLDER = "REPLACE-WITH-"
"""Starts every blank that ``prepguide init --playbook`` leaves for the user to fill."""

_UNKNOWN_REQUIREMENT = "prepguide @ REPLACE-WITH-WHERE-PREPGUIDE-COMES-FROM"
_UNKNOWN_REPO = "REPLACE-WITH-THE-PREPGUIDE-REPOSITORY"
_UNKNOWN_REV = "REPLACE-WITH-A-COMMIT-OR-TAG"
_SCP_REMOTE = re.compile(r"^(?:[^@/:]+@)?([^/:]+):(?!//)(.+)$")


@dataclass(frozen=True)
class Source:
    """Where the running prepguide was installed from, as a playbook must name it.

    Read from pip's record of the installation (``direct_url.json``, PEP 610) by
    :func:`installed_source`; docs/playbook.md, "Where prepguide comes from",
    explains each case to the user.

    Attributes:
        requirement: The line of ``requirements.txt`` (a pip requirement).
        repo: The git repository of prepguide for pre-commit's ``repo:``, when known.
        rev: The commit (or tag) of ``repo`` for pre-commit's ``rev:``.
        notes: Comment lines for both files (a local path, uncommitted changes...).
        local: The requirement names a path on this computer only.
    """

    requirement: str
    repo: str | None = None
    rev: str | None = None
    notes: tuple[str, ...] = ()
    local: bool = False

    @property
    def placeholder(self) -> bool:
        """The source is unknown: the files hold blanks the user must fill."""
        return PLACEHOLDER in self.requirement


def unknown_source(reason: str) -> Source:
    """A source with placeholders, explained by ``reason``."""
    return Source(
        requirement=_UNKNOWN_REQUIREMENT,
        repo=_UNKNOWN_REPO,
        rev=_UNKNOWN_REV,
        notes=(
            f"prepguide init could not tell where prepguide comes from ({reason}).",
            "Replace the REPLACE-WITH-... blanks here and in .pre-commit-config.yaml: until "
            "they are filled, prepguide check refuses the playbook and pip cannot install it.",
        ),
    )


def _strip_credentials(url: str) -> str:
    """Drop ``user:password@`` from a URL (kept: a bare ``git@`` user of an ssh URL).

    >>> _strip_credentials("https://me:tok@github.com:8443/o/p.git")
    'https://github.com:8443/o/p.git'
    >>> _strip_credentials("ssh://git@github.com/o/p.git")
    'ssh://git@github.com/o/p.git'
    """
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None and parts.username in (None, "git"):
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=host))


def remote_url(remote: str, base: Path | None = None) -> str:
    """A git remote as a URL pip and pre-commit can fetch without an account.

    ``git@github.com:owner/prepguide.git`` (scp-like, needs an ssh key) becomes
    ``https://github.com/owner/prepguide.git``, which a workflow runner and every
    contributor can read; a local path (relative to ``base``, the checkout) becomes a
    ``file://`` URL.

    >>> remote_url("git@github.com:owner/prepguide.git", Path("/nonexistent"))
    'https://github.com/owner/prepguide.git'
    >>> remote_url("ssh://git@gitlab.example:2222/owner/prepguide.git")
    'https://gitlab.example/owner/prepguide.git'
    """
    if "://" not in remote:
        local = (base or Path.cwd()) / remote
        scp = _SCP_REMOTE.match(remote)
        if scp and not local.exists():
            return f"https://{scp.group(1)}/{scp.group(2)}"
        return local.resolve().as_uri()
    if remote.startswith("ssh://git@"):
        rest = remote[len("ssh://git@") :]
        host, _, path = rest.partition("/")
        return f"https://{host.split(':')[0]}/{path}"
    return _strip_credentials(remote)


def _vcs_url(url: str) -> str:
    """A URL for a ``git+`` requirement: ``file:///x`` as ``file://localhost/x``.

    pip before 23.3 refuses ``git+file:///x`` (a URL without a host) in a
    requirement; git and newer pips read both spellings the same.

    >>> _vcs_url("file:///srv/prepguide"), _vcs_url("https://x.example/p.git")
    ('file://localhost/srv/prepguide', 'https://x.example/p.git')
    """
    return "file://localhost/" + url[len("file:///") :] if url.startswith("file:///") else url


def _git(folder: Path, *args: str) -> str | None:
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _git_source(folder: Path) -> Source | None:
    """The pinned source of a git checkout: its remote (else its path) and HEAD."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    commit = _git(folder, "rev-parse", "--verify", "HEAD^{commit}")
    if not top or not commit:
        return None
    try:
        sub = folder.resolve().relative_to(Path(top).resolve()).as_posix()
    except ValueError:
        return None
    remotes = (_git(folder, "remote") or "").split()
    name = "origin" if "origin" in remotes else (remotes[0] if remotes else None)
    remote = _git(folder, "remote", "get-url", name) if name else None
    notes: list[str] = []
    if remote:
        url = remote_url(remote, folder)
        notes.append(
            f"From the git checkout {folder} at commit {commit[:12]}: push that commit "
            f"to {url} before others install it."
        )
    else:
        url = Path(top).resolve().as_uri()
    local = url.startswith("file:")
    if local:
        notes.append(
            f"{url} is a folder on this computer: the workflow and other people cannot "
            "install from it. Replace it with the address of the prepguide repository."
        )
    if _git(folder, "status", "--porcelain", "--untracked-files=no"):
        notes.append(f"Uncommitted changes in {folder} are not part of commit {commit[:12]}.")
    requirement = f"prepguide @ git+{_vcs_url(url)}@{commit}"
    if sub != ".":
        # pre-commit reads .pre-commit-hooks.yaml at a repository's root only
        return Source(f"{requirement}#subdirectory={sub}", notes=tuple(notes), local=local)
    return Source(requirement, repo=url, rev=commit, notes=tuple(notes), local=local)


def source_from_direct_url(info: object, version: str | None) -> Source:
    """The source recorded in ``direct_url.json`` (PEP 610), or in its absence the version.

    Arguments:
        info: The parsed ``direct_url.json``, or ``None`` when pip wrote none (an
            install from a package index).
        version: The installed version.
    """
    if info is None:
        if not version:
            return unknown_source("no version is recorded")
        return Source(
            f"prepguide=={version}",
            notes=(
                f"prepguide {version} was installed from a package index: check that the "
                "index your pip uses serves this prepguide, or name its repository instead.",
            ),
        )
    if not isinstance(info, dict) or not isinstance(info.get("url"), str):
        return unknown_source("pip's record of the installation is not readable")
    url = _strip_credentials(info["url"])
    local = url.startswith("file:")
    here = (
        (
            f"{url} is on this computer: the workflow and other people cannot install "
            "from it. Replace it with the address of the prepguide repository.",
        )
        if local
        else ()
    )
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict) and isinstance(vcs.get("commit_id"), str):
        return _vcs_source(info, vcs, url, here, local)
    archive = info.get("archive_info")
    if isinstance(archive, dict):
        return Source(f"prepguide @ {_archive_url(url, archive)}", notes=here, local=local)
    if isinstance(info.get("dir_info"), dict) and local:
        return _folder_source(url, here)
    return unknown_source("pip's record of the installation is not one prepguide knows")


def _vcs_source(
    info: dict[str, object], vcs: dict[str, object], url: str, here: tuple[str, ...], local: bool
) -> Source:
    """An install from a version-control URL, pinned to its commit (pre-commit's ``repo``
    and ``rev`` too, for git at the repository's root)."""
    kind, commit = str(vcs.get("vcs", "git")), str(vcs["commit_id"])
    requirement = f"prepguide @ {kind}+{_vcs_url(url)}@{commit}"
    sub = info.get("subdirectory")
    if isinstance(sub, str) and sub.strip("/."):
        requirement += f"#subdirectory={sub}"
    elif kind == "git":
        return Source(requirement, repo=url, rev=commit, notes=here, local=local)
    return Source(requirement, notes=here, local=local)


def _archive_url(url: str, archive: dict[str, object]) -> str:
    """An archive's URL with its recorded hash as the fragment.

    >>> _archive_url("https://x.example/p.tar.gz#old", {"hashes": {"sha256": "ab12"}})
    'https://x.example/p.tar.gz#sha256=ab12'
    >>> _archive_url("https://x.example/p.zip", {"hash": "md5=ff"})
    'https://x.example/p.zip#md5=ff'
    """
    hashes = archive.get("hashes")
    if isinstance(hashes, dict) and isinstance(hashes.get("sha256"), str):
        return f"{url.split('#')[0]}#sha256={hashes['sha256']}"
    recorded = archive.get("hash")
    if isinstance(recorded, str) and "=" in recorded:
        return f"{url.split('#')[0]}#{recorded}"
    return url


def _folder_source(url: str, here: tuple[str, ...]) -> Source:
    """An install from a folder: pinned to its commit when it is a git checkout."""
    from urllib.request import url2pathname

    folder = Path(url2pathname(url[len("file://") :]))
    pinned = _git_source(folder)
    if pinned is not None:
        return pinned
    return Source(
        f"prepguide @ {url}",
        notes=(
            *here,
            f"{folder} is not a git checkout, so this is not pinned to a version.",
        ),
        local=True,
    )


def installed_source() -> Source:
    """Where the running prepguide was installed from (see :class:`Source`)."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("prepguide")
    except PackageNotFoundError:
        return unknown_source("prepguide runs without being installed")
    try:
        text = dist.read_text("direct_url.json")
        info = json.loads(text) if text is not None else None
    except (OSError, ValueError):
        return unknown_source("pip's record of the installation is not readable")
    return source_from_direct_url(info, dist.version)


def comment_lines(lines: tuple[str, ...]) -> str:
    """``#`` comment lines of at most about 90 characters (a long URL stays whole)."""
    import textwrap

    wrapped = [
        part
        for line in lines
        for part in textwrap.wrap(comment_text(line), 88, break_long_words=False)
    ]
    return "".join(f"# {part}\n" for part in wrapped)


def pre_commit_hook(source: Source) -> str:
    """The ``repos:`` entry of the playbook's ``.pre-commit-config.yaml``.

    The hook published by the prepguide repository (``.pre-commit-hooks.yaml``)
    at the same commit as ``requirements.txt`` when the repository is known; else
    the same hook defined locally, with ``source.requirement`` installed into
    pre-commit's own environment.
    """
    notes = "".join(f"  {line}" for line in comment_lines(source.notes).splitlines(keepends=True))
    if source.repo and source.rev:
        return (
            f"{notes}"
            f"  - repo: {yaml_scalar(source.repo)}\n"
            f"    rev: {yaml_scalar(source.rev)}\n"
            "    hooks:\n"
            "      - id: prepguide-check\n"
        )
    return (
        f"{notes}"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: prepguide-check\n"
        "        name: prepguide check\n"
        "        entry: prepguide check\n"
        "        language: python\n"
        f"        additional_dependencies: [{json.dumps(source.requirement)}]\n"
        "        pass_filenames: false\n"
        "        files: \\.ya?ml$\n"
    )
