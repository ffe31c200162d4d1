"""A playbook installs the prepguide that wrote it, and its workflow publishes only public
builds (issue 15, items 8 and 9; docs/playbook.md, "Where prepguide comes from" and
"Contributions by pull request").

The ``slow`` tests install into fresh environments from a local clone of this repository
(``file://`` only; the packages prepguide needs come from the package index).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from prepguide.cli import main
from prepguide.write.install_source import (
    Source,
    installed_source,
    source_from_direct_url,
    unknown_source,
)
from prepguide.write.scaffold import init_files, init_guide

from .conftest import ROOT, build_site, write

COMMIT = "0123456789abcdef0123456789abcdef01234567"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Career Office",
    "GIT_AUTHOR_EMAIL": "office@example.org",
    "GIT_COMMITTER_NAME": "Career Office",
    "GIT_COMMITTER_EMAIL": "office@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}
BAD_CONTACT = "name: Dana Whitfield\norganisation: northfield-civic-data-lab\nvisibility: public\n"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **GIT_ENV},
    )
    return done.stdout.strip()


def repository(folder: Path) -> str:
    """A git repository with one commit; returns the commit."""
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q")
    write(folder / "pyproject.toml", "[project]\nname = 'prepguide'\n")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "start")
    return git(folder, "rev-parse", "HEAD")


def requirement_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def comments(text: str) -> str:
    """The ``#`` comments of a file, joined into one line (they are wrapped)."""
    return " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))


def playbook_files(source: Source) -> dict[str, str]:
    return init_files(playbook=True, timezone="UTC", source=source)


def no_index_address(files: dict[str, str]) -> None:
    for name in ("requirements.txt", ".pre-commit-config.yaml"):
        for bad in ("--index-url", "--extra-index-url", "-i ", "pypi", "/simple"):
            assert bad not in files[name], (name, bad)


def workflow() -> dict:
    text = init_files(playbook=True, timezone="UTC", source=unknown_source("test"))[
        ".github/workflows/site.yml"
    ]
    loaded = YAML(typ="safe", pure=True).load(text)
    assert isinstance(loaded, dict)
    return loaded


def workflow_step(name: str) -> dict:
    (step,) = [s for s in workflow()["jobs"]["build"]["steps"] if s.get("name") == name]
    return step


def run_step(
    step: dict, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run a workflow step's script as GitHub's runner does (`bash -e` with pipefail)."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


# --- where prepguide comes from (PEP 610's direct_url.json) --------------------------------


def test_a_git_install_is_pinned_to_its_commit() -> None:
    source = source_from_direct_url(
        {
            "url": "https://git.example/office/prepguide.git",
            "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"},
        },
        "0.1.0",
    )
    files = playbook_files(source)
    assert requirement_lines(files["requirements.txt"]) == [
        f"prepguide @ git+https://git.example/office/prepguide.git@{COMMIT}"
    ]
    config = YAML(typ="safe", pure=True).load(files[".pre-commit-config.yaml"])
    assert config["repos"] == [
        {
            "repo": "https://git.example/office/prepguide.git",
            "rev": COMMIT,
            "hooks": [{"id": "prepguide-check"}],
        }
    ]
    assert not source.local and not source.placeholder
    no_index_address(files)


def test_credentials_never_reach_the_playbook() -> None:
    source = source_from_direct_url(
        {
            "url": "https://qx-user:s3cret-token@git.example/office/prepguide.git",
            "vcs_info": {"vcs": "git", "commit_id": COMMIT},
        },
        None,
    )
    files = playbook_files(source)
    for text in files.values():
        assert "s3cret-token" not in text and "qx-user" not in text
    assert (
        source.requirement == f"prepguide @ git+https://git.example/office/prepguide.git@{COMMIT}"
    )


def test_an_archive_is_pinned_by_its_hash() -> None:
    digest = "ab" * 32
    source = source_from_direct_url(
        {
            "url": "https://files.example/prepguide-0.1.0-py3-none-any.whl",
            "archive_info": {"hashes": {"sha256": digest}},
        },
        "0.1.0",
    )
    assert source.requirement == (
        f"prepguide @ https://files.example/prepguide-0.1.0-py3-none-any.whl#sha256={digest}"
    )
    # no repository to point pre-commit at: the hook is local and installs the same file
    config = YAML(typ="safe", pure=True).load(playbook_files(source)[".pre-commit-config.yaml"])
    (hook,) = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local"
    assert hook["additional_dependencies"] == [source.requirement]


def test_an_index_install_pins_the_version() -> None:
    source = source_from_direct_url(None, "0.1.0")
    files = playbook_files(source)
    assert requirement_lines(files["requirements.txt"]) == ["prepguide==0.1.0"]
    no_index_address(files)


def test_a_checkout_with_a_remote_names_the_remote_and_its_commit(tmp_path: Path) -> None:
    """An editable install from a clone (a developer's, a CI's): the clone's remote and
    commit, since a path on this computer installs nowhere else."""
    checkout = tmp_path / "src" / "prepguide"
    commit = repository(checkout)
    git(checkout, "remote", "add", "origin", "git@git.example:office/prepguide.git")
    source = source_from_direct_url(
        {"url": checkout.as_uri(), "dir_info": {"editable": True}}, "0.1.0"
    )
    url = "https://git.example/office/prepguide.git"
    assert source.requirement == f"prepguide @ git+{url}@{commit}"
    assert (source.repo, source.rev, source.local) == (url, commit, False)
    assert any("push that commit" in note for note in source.notes)
    assert not any("Uncommitted" in note for note in source.notes)
    # uncommitted changes are not in the commit: the files say so
    write(checkout / "pyproject.toml", "[project]\nname = 'prepguide'\nversion = '2'\n")
    source = source_from_direct_url({"url": checkout.as_uri(), "dir_info": {}}, "0.1.0")
    text = playbook_files(source)["requirements.txt"]
    assert "Uncommitted changes in" in comments(text)


def test_a_remote_that_is_a_path_is_read_from_the_checkout(tmp_path: Path) -> None:
    upstream = tmp_path / "upstream"
    repository(upstream)
    checkout = tmp_path / "work" / "prepguide"
    checkout.parent.mkdir()
    git(checkout.parent, "clone", "-q", "../upstream", "prepguide")
    git(checkout, "remote", "set-url", "origin", "../../upstream")
    source = source_from_direct_url({"url": checkout.as_uri(), "dir_info": {}}, "0.1.0")
    assert source.repo == upstream.as_uri()
    assert source.local


def test_a_checkout_without_a_remote_is_local_but_pinned(tmp_path: Path) -> None:
    checkout = tmp_path / "prepguide"
    commit = repository(checkout)
    source = source_from_direct_url({"url": checkout.as_uri(), "dir_info": {}}, "0.1.0")
    # file://localhost/…: pip 23.2 (Python 3.11's) refuses git+file:///…
    local_url = "file://localhost/" + checkout.as_uri()[len("file:///") :]
    assert source.requirement == f"prepguide @ git+{local_url}@{commit}"
    assert (source.repo, source.rev, source.local) == (checkout.as_uri(), commit, True)
    text = playbook_files(source)["requirements.txt"]
    assert "is a folder on this computer" in comments(text)


def test_a_plain_folder_is_local_and_said_to_be_unpinned(tmp_path: Path) -> None:
    folder = tmp_path / "prepguide"
    folder.mkdir()
    source = source_from_direct_url({"url": folder.as_uri(), "dir_info": {}}, "0.1.0")
    assert source.requirement == f"prepguide @ {folder.as_uri()}"
    assert source.local and source.repo is None
    text = playbook_files(source)["requirements.txt"]
    assert "not pinned" in comments(text) and "this computer" in comments(text)


@pytest.mark.parametrize("info", [[], {"dir_info": {}}, {"url": "ftp://x", "other": 1}])
def test_an_unreadable_record_gives_blanks(info: object) -> None:
    source = source_from_direct_url(info, "0.1.0")
    assert source.placeholder
    files = playbook_files(source)
    assert requirement_lines(files["requirements.txt"]) == [
        "prepguide @ REPLACE-WITH-WHERE-PREPGUIDE-COMES-FROM"
    ]
    assert "REPLACE-WITH-THE-PREPGUIDE-REPOSITORY" in files[".pre-commit-config.yaml"]


def test_the_running_prepguide_is_found() -> None:
    """This checkout is installed (``pip install -e``): init names it, pinned."""
    source = installed_source()
    assert not source.placeholder
    assert source.requirement.startswith(("prepguide @ ", "prepguide=="))


def test_check_refuses_blanks_until_filled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "office"
    init_guide(root, playbook=True, timezone="UTC", source=unknown_source("test"))
    monkeypatch.chdir(root)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    lines = (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
    number = lines.index("prepguide @ REPLACE-WITH-WHERE-PREPGUIDE-COMES-FROM") + 1
    assert (
        f"requirements.txt:{number}:13: error: `REPLACE-WITH-WHERE-PREPGUIDE-COMES-FROM` is a "
        "blank left by `prepguide init`" in out
    )
    assert ".pre-commit-config.yaml:" in out and "REPLACE-WITH-A-COMMIT-OR-TAG" in out
    # the build refuses them too, before anything is written
    from mkdocs.exceptions import Abort

    from tests.conftest import build_site

    with pytest.raises(Abort):
        build_site(root)
    assert not (root / "site").exists()
    # filled in: check passes
    filled = source_from_direct_url(
        {"url": "https://git.example/o/prepguide.git", "vcs_info": {"commit_id": COMMIT}}, None
    )
    (root / "requirements.txt").write_text(filled.requirement + "\n", encoding="utf-8")
    (root / ".pre-commit-config.yaml").write_text(
        playbook_files(filled)[".pre-commit-config.yaml"], encoding="utf-8"
    )
    assert main(["check"]) == 0
    assert (build_site(root) / "index.html").is_file()


def test_init_says_where_prepguide_comes_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import prepguide.cli.commands.init as init_command

    local = source_from_direct_url({"url": (tmp_path / "nowhere").as_uri(), "dir_info": {}}, "1")
    monkeypatch.setattr(init_command, "installed_source", lambda: local)
    monkeypatch.chdir(tmp_path)
    assert main(["init", "office", "--playbook"]) == 0
    captured = capsys.readouterr()
    assert f"requirements.txt installs {local.requirement}" in captured.out
    assert "warning: that is a folder on this computer" in captured.err
    monkeypatch.setattr(init_command, "installed_source", lambda: unknown_source("test"))
    assert main(["init", "office2", "--playbook"]) == 0
    assert "REPLACE-WITH-... blanks" in capsys.readouterr().err


# --- the workflow publishes only public builds ---------------------------------------------


def test_the_workflow_forces_a_public_build_and_checks_it() -> None:
    steps = workflow()["jobs"]["build"]["steps"]
    names = [step.get("name") for step in steps]
    build = names.index("Build the site (public)")
    assert steps[build]["run"] == "mkdocs build --strict"
    assert steps[build]["env"]["PREPGUIDE_AUDIENCE"] == "public"
    check = names.index("Check that the site is public")
    upload = next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s.get("uses", ""))
    assert build < check < upload
    # nothing before the build turns the audience back (the environment could not anyway)
    assert all("PREPGUIDE_AUDIENCE" not in str(s.get("run", "")) for s in steps)


def test_the_workflow_passes_actionlint(tmp_path: Path) -> None:
    actionlint = shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed")
    init_guide(tmp_path / "office", playbook=True, timezone="UTC", source=unknown_source("t"))
    done = subprocess.run(
        [actionlint, ".github/workflows/site.yml"],
        cwd=tmp_path / "office",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_pull_request_cannot_make_the_build_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`audience: private` in mkdocs.yml, built as the workflow builds: still public, and
    the check step passes; without the prepguide plugin, the check step fails."""
    import prepguide.plugin  # noqa: F401  (a broken import fails, never skips)

    root = tmp_path / "office"
    known = source_from_direct_url(
        {"url": "https://git.example/o/prepguide.git", "vcs_info": {"commit_id": COMMIT}}, None
    )
    init_guide(root, playbook=True, timezone="UTC", source=known)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      audience: public" in text
    config.write_text(text.replace("audience: public", "audience: private"), encoding="utf-8")
    write(
        root / "content" / "contacts" / "zelda-quist.yml",
        "name: Zelda Quist\nemail: zq-private@example.org\n"
        "meeting:\n  status: scheduled\n  date: 2027-03-02 10:00\n  place: QX7 private cafe\n",
    )
    build = workflow_step("Build the site (public)")
    for key, value in build["env"].items():
        monkeypatch.setenv(key, value)
    site = build_site(root, strict=True)
    assert not (site / "contacts" / "zelda-quist").exists()
    assert not (site / "calendar.ics").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js"):
            data = path.read_text(encoding="utf-8", errors="replace")
            assert "zq-private" not in data and "QX7" not in data, path
    check = workflow_step("Check that the site is public")
    done = run_step(check, root)
    assert done.returncode == 0, done.stdout + done.stderr
    # without the plugin, MkDocs copies the research files as they are: refused
    shutil.rmtree(site)
    config.write_text(
        text.split("  - prepguide:")[0].rstrip() + "\n\nmarkdown_extensions:\n  - attr_list\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("PREPGUIDE_AUDIENCE")
    site = build_site(root)
    assert (site / "contacts" / "zelda-quist.yml").is_file()
    done = run_step(check, root)
    assert done.returncode == 1
    assert "::error file=mkdocs.yml::prepguide did not build the site" in done.stdout
    # a site that prepguide built but that holds a research file: refused too
    (site / "assets" / "prepguide").mkdir(parents=True)
    (site / "assets" / "prepguide" / "prepguide.css").write_text("", encoding="utf-8")
    done = run_step(check, root)
    assert done.returncode == 1
    assert "research files or calendars" in done.stdout
    assert "site/contacts/zelda-quist.yml" in done.stdout


# --- installing for real (slow) --------------------------------------------------------------


@pytest.fixture(scope="module")
def prepguide_clone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A clone of this repository (its last commit) and that commit."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of prepguide")
    clone = tmp_path_factory.mktemp("src") / "prepguide"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    return clone, git(clone, "rev-parse", "HEAD")


def cloned_source(clone: Path, commit: str) -> Source:
    """As recorded by ``pip install git+file:///…/prepguide@COMMIT``."""
    return source_from_direct_url(
        {"url": clone.as_uri(), "vcs_info": {"vcs": "git", "commit_id": commit}}, None
    )


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env.pop("PREPGUIDE_AUDIENCE", None)
    return {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


@pytest.mark.slow
def test_a_fresh_environment_installs_and_builds_the_playbook(
    tmp_path: Path, prepguide_clone: tuple[Path, str]
) -> None:
    clone, commit = prepguide_clone
    root = tmp_path / "office"
    init_guide(root, playbook=True, timezone="UTC", source=cloned_source(clone, commit))
    assert requirement_lines((root / "requirements.txt").read_text(encoding="utf-8")) == [
        f"prepguide @ git+file://localhost{clone}@{commit}"
    ]
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    env = clean_env(PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    install = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "-r", "requirements.txt"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    # the workflow's steps, in the fresh environment
    for name in (
        "Check the research notes",
        "Build the site (public)",
        "Check that the site is public",
    ):
        step = workflow_step(name)
        done = run_step(step, root, {**env, **step.get("env", {})})
        assert done.returncode == 0, (name, done.stdout + done.stderr)
    assert (root / "site" / "contacts" / "rafael-osei" / "index.html").is_file()


@pytest.mark.slow
def test_the_pre_commit_hook_blocks_a_bad_commit(
    tmp_path: Path, prepguide_clone: tuple[Path, str]
) -> None:
    pytest.importorskip("pre_commit")
    clone, commit = prepguide_clone
    root = tmp_path / "office"
    init_guide(root, playbook=True, timezone="UTC", source=cloned_source(clone, commit))
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), **GIT_ENV)
    git(root, "init", "-q")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            list(args), cwd=root, env=env, capture_output=True, text=True, check=False
        )

    done = run(sys.executable, "-m", "pre_commit", "install")
    assert done.returncode == 0, done.stdout + done.stderr
    git(root, "add", "-A")
    done = run("git", "commit", "-q", "-m", "A new playbook")
    assert done.returncode == 0, done.stdout + done.stderr
    write(root / "content" / "contacts" / "dana-whitfield.yml", BAD_CONTACT)
    git(root, "add", "-A")
    done = run("git", "commit", "-q", "-m", "Add Dana")
    assert done.returncode != 0
    assert "content/contacts/dana-whitfield.yml:2:1: error:" in done.stdout + done.stderr
    assert git(root, "log", "--format=%s") == "A new playbook"
