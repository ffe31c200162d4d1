"""``prepguide init --playbook``: a career office's playbook that builds, reads and accepts
contributions by pull request (workflow, pre-commit hook, github annotations)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from ruamel.yaml import YAML

from prepguide.cli import main
from prepguide.guide.config_file import read_config
from prepguide.write.install_source import source_from_direct_url
from prepguide.write.scaffold import init_files, init_guide

from .conftest import ROOT, build_site, write

GUIDES = [
    "what-is-an-informational-interview",
    "finding-people",
    "writing-the-request",
    "choosing-a-venue",
    "preparing",
    "after-the-talk",
]
ALUMNUS = "rafael-osei"
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+)::(.+)$")


def load_yaml(text: str) -> object:
    return YAML(typ="safe", pure=True).load(text)


def visible_text(page: str) -> str:
    """The text of an HTML page's article, without tags (roughly what a reader sees)."""
    match = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', page, re.S)
    assert match, "no article in the page"
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def section(text: str, start: str, end: str) -> str:
    """The text between two headings (the permalink sign may follow a heading)."""
    i = text.index(start)
    return text[i : text.index(end, i)]


@pytest.fixture(scope="module")
def playbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh playbook, as `prepguide init DIR --playbook` writes it."""
    root = tmp_path_factory.mktemp("playbook") / "office"
    init_guide(root, playbook=True, timezone="America/Chicago")
    return root


@pytest.fixture(scope="module")
def site(playbook: Path) -> Path:
    """The playbook built with `mkdocs build --strict` (any warning fails the build)."""
    import prepguide.plugin  # noqa: F401  (a broken import fails, never skips)

    return build_site(playbook, strict=True)


# --- the scaffold ----------------------------------------------------------------------------


def test_playbook_files() -> None:
    files = init_files(playbook=True, timezone="UTC")
    for name in GUIDES:
        assert f"content/guides/{name}.md" in files
    assert "content/guides/index.md" in files
    assert "content/index.md" in files
    assert not any(name.startswith("content/profile") for name in files)
    for name in (
        ".github/workflows/site.yml",
        ".pre-commit-config.yaml",
        "requirements.txt",
        "README.md",
        "site_overrides/main.html",
        "site_overrides/assets/brand/logo.svg",
        "site_overrides/assets/brand/brand.css",
        "site_overrides/prepguide/README.md",
    ):
        assert name in files, name
    # dot-folders of the package data become dot-folders of the guide
    assert not any("dot-" in name for name in files)
    # the personal guide gets none of the playbook's extras
    personal = init_files(timezone="UTC")
    assert not any(n.startswith((".github/", "content/guides/")) for n in personal)
    assert "content/profile.yml" in personal


def test_guide_pages_are_written_for_students() -> None:
    files = init_files(playbook=True, timezone="UTC")
    titles = {}
    for name in GUIDES:
        text = files[f"content/guides/{name}.md"]
        assert text.startswith("# "), name
        titles[name] = text.splitlines()[0][2:]
        words = len(text.split())
        assert 300 <= words <= 750, (name, words)
        assert "TODO" not in text and "lorem" not in text.lower()
        # relative .md links between pages, never absolute links into the site
        for target in re.findall(r"\]\(([^)]+)\)", text):
            assert target.endswith(".md"), (name, target)
            assert not target.startswith("/"), (name, target)
    index = files["content/guides/index.md"]
    for name in GUIDES:
        assert f"({name}.md)" in index, name
    assert "(../contacts.md)" in index
    what = files["content/guides/what-is-an-informational-interview.md"]
    assert "not a job interview" in what and "not a way to ask for a job" in what
    after = files["content/guides/after-the-talk.md"]
    assert "24 hours" in after
    preparing = files["content/guides/preparing.md"]
    assert "open questions" in preparing.lower() and "leading" in preparing


def test_question_examples_agree_with_the_linter() -> None:
    """The guide's "Instead of / Ask" table: prepguide's own linter calls the first column
    closed or leading and the second open."""
    from prepguide.lint import lint_question

    text = init_files(playbook=True, timezone="UTC")["content/guides/preparing.md"]
    rows = re.findall(r"^\| ([^|]+\?) \| ([^|]+\?) \|$", text, re.M)
    assert len(rows) >= 3
    for before, after in rows:
        assert lint_question(before).label in ("closed", "leading"), before
        assert lint_question(after).label == "open", after


def test_mkdocs_config(tmp_path: Path) -> None:
    files = init_files(playbook=True, timezone="America/Chicago")
    write(tmp_path / "mkdocs.yml", files["mkdocs.yml"])
    config = read_config(tmp_path / "mkdocs.yml")
    plugins = config["plugins"]
    assert plugins[0] == "search"
    assert plugins[1]["prepguide"]["audience"] == "public"
    nav = config["nav"]
    assert [next(iter(item)) for item in nav] == ["Home", "Directory", "Organizations", "Guides"]
    assert nav[3]["Guides"] == ["guides/index.md"] + [f"guides/{g}.md" for g in GUIDES]
    theme = config["theme"]
    assert theme["custom_dir"] == "site_overrides"
    assert theme["font"] is False
    for key in ("logo", "favicon"):
        assert f"site_overrides/{theme[key]}" in files, key
    assert all(p["primary"] == "custom" for p in theme["palette"])
    assert config["extra_css"] == ["assets/brand/brand.css"]
    assert "site_overrides/assets/brand/brand.css" in files
    brand = files["site_overrides/assets/brand/brand.css"]
    assert "--md-primary-fg-color:" in brand
    assert "To change the primary color" in brand
    main_html = files["site_overrides/main.html"]
    assert '{% extends "base.html" %}' in main_html and "{% block announce %}" in main_html


def test_sample_alumnus_and_no_profile(playbook: Path) -> None:
    from prepguide.guide.corpus import CorpusLoader

    corpus = CorpusLoader().load(playbook / "content", playbook)
    assert corpus.problems == []
    assert corpus.profile is None
    assert list(corpus.contacts) == [ALUMNUS]
    assert corpus.contacts[ALUMNUS].visibility == "public"
    assert len(corpus.organizations) == 1


# --- the built site --------------------------------------------------------------------------


def test_builds_strict_with_the_guides(site: Path) -> None:
    for name in GUIDES:
        page = (site / "guides" / name / "index.html").read_text(encoding="utf-8")
        assert "md-content__inner" in page, name
    assert (site / "guides" / "index.html").is_file()
    assert (site / "contacts" / ALUMNUS / "index.html").is_file()
    assert (site / "organizations" / "index.html").is_file()
    # branding: the logo and the stylesheet are published and used
    assert (site / "assets" / "brand" / "logo.svg").is_file()
    assert (site / "assets" / "brand" / "brand.css").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/brand/logo.svg"' in home
    assert "assets/brand/brand.css" in home
    # research notes, READMEs and templates stay out of the site
    assert not list(site.rglob("*.yml"))
    assert not list(site.rglob("README*"))
    assert not (site / "main.html").exists()


def test_navigation_and_home(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    tabs = [
        " ".join(re.sub(r"<[^>]+>", " ", label).split())
        for label in re.findall(r'class="md-tabs__link">(.*?)</a>', home, re.S)
    ]
    assert tabs == ["Home", "Directory", "Organizations", "Guides"]
    text = visible_text(home)
    assert "Read the guides" in text and "Browse the directory" in text
    assert 'href="guides/"' in home and 'href="contacts/"' in home
    # the banner of site_overrides/main.html points to the guides from every page
    guide = (site / "guides" / "preparing" / "index.html").read_text(encoding="utf-8")
    banner = re.search(r'<div class="md-banner__inner[^>]*>(.*?)</div>', guide, re.S)
    assert banner
    links = [urljoin("/guides/preparing/", h) for h in re.findall(r'href="([^"]+)"', banner[1])]
    assert links == ["/guides/", "/contacts/"]


def test_profile_less_prep_page_has_blanks(site: Path) -> None:
    page = (site / "contacts" / ALUMNUS / "index.html").read_text(encoding="utf-8")
    text = visible_text(page)
    intro = section(text, "One-minute intro", "Outreach")
    assert "[your name]" in intro and "[your program and year]" in intro
    assert re.search(r"~\d+ seconds", intro)
    outreach = section(text, "Outreach email", "Venue and logistics")
    assert "[your name]" in outreach
    after = section(text, "Thank-you note", "Referrals")
    assert after.count("[your name]") >= 2
    # a playbook has no pipeline: no status badge, no due list, no private placeholders
    assert "pg-badge" not in page
    assert "not answered yet" not in text
    assert "Nothing in your profile" not in text
    for home in ("index.html", "contacts/index.html"):
        shown = visible_text((site / home).read_text(encoding="utf-8"))
        assert "What is due" not in shown and "Upcoming meetings" not in shown, home
    assert not (site / "calendar.ics").exists()


def test_private_people_and_fields_stay_out(tmp_path: Path) -> None:
    """The playbook's public audience: a private contact and private fields never reach
    any file of the site (the full leak test is in test_privacy.py)."""
    import prepguide.plugin  # noqa: F401  (a broken import fails, never skips)

    root = tmp_path / "office"
    init_guide(root, playbook=True, timezone="UTC")
    alumnus = root / "content" / "contacts" / f"{ALUMNUS}.yml"
    alumnus.write_text(
        alumnus.read_text(encoding="utf-8")
        + "email: secret-rafael@example.org\nnotes: Prefers calls after QX7-private-note.\n",
        encoding="utf-8",
    )
    write(
        root / "content" / "contacts" / "zelda-quist.yml",
        "name: Zelda Quist\norganization: northfield-civic-data-lab\n",
    )
    site = build_site(root, strict=True)
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".js"):
            data = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("secret-rafael", "QX7-private-note", "Zelda", "zelda-quist"):
                assert secret not in data, (path, secret)
    assert (site / "contacts" / ALUMNUS / "index.html").is_file()


# --- contributions by pull request -----------------------------------------------------------


def test_check_github_format_on_a_broken_playbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "office"
    init_guide(root, playbook=True, timezone="UTC")
    monkeypatch.chdir(root)
    assert main(["check", "--format", "github"]) == 0
    assert capsys.readouterr().out == ""
    write(
        root / "content" / "contacts" / "dana-whitfield.yml",
        "name: Dana Whitfield\norganisation: northfield-civic-data-lab\nvisibility: public\n",
    )
    assert main(["check", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines, "no annotation printed"
    for line in lines:
        assert ANNOTATION.match(line), line
    assert lines[0] == (
        "::error file=content/contacts/dana-whitfield.yml,line=2,col=1::"
        "`organisation`: unknown field; did you mean `organization`?"
    )


def test_scaffold_workflow_checks_builds_and_deploys() -> None:
    text = init_files(playbook=True, timezone="UTC")[".github/workflows/site.yml"]
    assert "prepguide check --format github" in text
    assert "mkdocs build --strict" in text
    assert "pip install -r requirements.txt" in text
    workflow = load_yaml(text)
    assert isinstance(workflow, dict)
    # YAML 1.1 readers turn the key `on` into True; ruamel's 1.2 reader keeps "on"
    triggers = workflow.get("on", workflow.get(True))
    assert isinstance(triggers, dict)
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    build = workflow["jobs"]["build"]
    runs = [step.get("run", "") for step in build["steps"]]
    check = runs.index("prepguide check --format github")
    assert runs.index("mkdocs build --strict") > check
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert "://" not in "".join(uses + [s.get("uses", "") for s in deploy["steps"]])
    # the build is public whatever mkdocs.yml says (tests/test_playbook_install.py runs it)
    (built,) = [s for s in build["steps"] if s.get("run") == "mkdocs build --strict"]
    assert built["env"]["PREPGUIDE_AUDIENCE"] == "public"


def test_pre_commit_hook_is_published() -> None:
    hooks = load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (hook,) = hooks
    assert hook["id"] == "prepguide-check"
    assert hook["entry"] == "prepguide check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("mkdocs.yml", "content/contacts/dana.yml", "content/questions/extra.yaml"):
        assert files.search(path), path
    for path in ("content/guides/preparing.md", "site_overrides/main.html"):
        assert not files.search(path), path


def test_scaffold_pre_commit_config_uses_the_hook() -> None:
    """Known repository: the published hook at the commit of requirements.txt. Otherwise
    (an index version) the same hook defined locally, installing the same requirement."""
    published = load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(published, list)
    commit = "0123456789abcdef0123456789abcdef01234567"
    from_git = source_from_direct_url(
        {
            "url": "https://git.example/o/prepguide.git",
            "vcs_info": {"vcs": "git", "commit_id": commit},
        },
        "0.1.0",
    )
    config = load_yaml(
        init_files(playbook=True, timezone="UTC", source=from_git)[".pre-commit-config.yaml"]
    )
    assert isinstance(config, dict)
    assert config["repos"] == [
        {
            "repo": "https://git.example/o/prepguide.git",
            "rev": commit,
            "hooks": [{"id": "prepguide-check"}],
        }
    ]
    from_index = source_from_direct_url(None, "0.1.0")
    config = load_yaml(
        init_files(playbook=True, timezone="UTC", source=from_index)[".pre-commit-config.yaml"]
    )
    assert isinstance(config, dict)
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["id"] == published[0]["id"]
    assert hook["additional_dependencies"] == ["prepguide==0.1.0"]
    for key in ("entry", "language", "pass_filenames", "files"):
        assert hook[key] == published[0][key], key
