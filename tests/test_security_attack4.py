"""Regressions for the fourth black-box attack: link loops, research files linked
across research folders, filter attributes read as JSON (docs/security.md)."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from prepguide.cli import main
from prepguide.guide.corpus import CorpusLoader
from prepguide.guide.research import LOOP_MESSAGE

from .conftest import MINIMAL_MKDOCS, build_site, write


def _guide(root: Path) -> Path:
    write(root / "content/profile.yml", "name: Pat Student\n")
    write(root / "content/guides/page.md", "# Page\n")
    write(root / "content/contacts/priv-min.yml", "name: Priv Min\ntags: [x]\n")
    write(root / "mkdocs.yml", MINIMAL_MKDOCS)
    return root


def _site_kept(root: Path) -> Path:
    site = root / "site"
    write(site / "keep.txt", "from the last build\n")
    return site


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        ({"content/guides/a": "."}, ["content/guides/a"]),
        (
            {"content/guides/a": ".", "content/guides/b": ".", "content/guides/c": "."},
            ["content/guides/a", "content/guides/b", "content/guides/c"],
        ),
        ({"content/i": ".."}, ["content/i"]),
        ({"content/guides/up": "../"}, ["content/guides/up"]),
        ({"content/contacts/loop": "."}, ["content/contacts/loop"]),
        ({"content/.hidden/loop": "../.."}, ["content/.hidden/loop"]),
    ],
)
def test_a_link_loop_is_an_error_in_check_and_build_and_site_is_untouched(
    tmp_path: Path, links: dict[str, str], expected: list[str], capsys, monkeypatch, caplog
) -> None:
    root = _guide(tmp_path)
    for link, target in links.items():
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).symlink_to(target)
    started = time.monotonic()
    corpus = CorpusLoader().load(root / "content")
    loops = sorted(p.path for p in corpus.errors if p.message == LOOP_MESSAGE)
    assert loops == expected
    assert not [p for p in corpus.problems if p.path in expected and p.message != LOOP_MESSAGE]
    monkeypatch.chdir(root)
    assert main(["check"]) == 1
    out = capsys.readouterr()
    assert f"{expected[0]}:1:1: error: {LOOP_MESSAGE}" in out.out + out.err
    site = _site_kept(root)
    with pytest.raises(Abort):
        build_site(root)
    assert f"{expected[0]}:1:1: error: {LOOP_MESSAGE}" in caplog.text
    assert (site / "keep.txt").exists()  # found before MkDocs empties site/
    assert time.monotonic() - started < 30


def test_a_loop_through_a_folder_outside_content_is_found(tmp_path: Path) -> None:
    root = _guide(tmp_path / "guide")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "back").symlink_to(root / "content")
    (root / "content/guides/out").symlink_to(outside)
    corpus = CorpusLoader().load(root / "content")
    assert [p.path for p in corpus.errors if p.message == LOOP_MESSAGE] == [
        "content/guides/out/back"
    ]


def test_links_that_do_not_loop_are_no_error(tmp_path: Path) -> None:
    root = _guide(tmp_path)
    write(root / "content/shared/img.txt", "x\n")
    (root / "content/guides/img").symlink_to("../shared")
    (root / "content/guides/img2").symlink_to("../shared")
    corpus = CorpusLoader().load(root / "content")
    assert not corpus.errors
    site = build_site(root)
    assert (site / "guides/img/img.txt").exists() and (site / "guides/img2/img.txt").exists()


@pytest.mark.parametrize(
    ("link", "target", "needle"),
    [
        ("content/organizations/leak-org.yml", "../contacts/priv-min.yml", "contacts/priv-min.yml"),
        ("content/questions/q.yml", "../contacts/priv-min.yml", "contacts/priv-min.yml"),
        ("content/contacts/me.yml", "../profile.yml", "profile.yml"),
        ("content/organizations/out.yml", "../../outside.yml", "outside the content folder"),
    ],
)
def test_a_research_file_linked_into_another_research_folder_is_an_error(
    tmp_path: Path, link: str, target: str, needle: str, caplog
) -> None:
    root = _guide(tmp_path)
    write(root / "outside.yml", "name: Outside Org\n")
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(target)
    corpus = CorpusLoader().load(root / "content")
    errors = [p for p in corpus.errors if p.path == link]
    assert len(errors) == 1 and needle in errors[0].message, corpus.problems
    assert "leak-org" not in corpus.organizations
    site = _site_kept(root)
    with pytest.raises(Abort):
        build_site(root)
    assert f"{link}:1:1: error:" in caplog.text
    assert (site / "keep.txt").exists()


def test_a_profile_linked_into_a_research_folder_is_an_error(tmp_path: Path) -> None:
    root = _guide(tmp_path)
    (root / "content/profile.yml").unlink()
    (root / "content/profile.yml").symlink_to("contacts/priv-min.yml")
    corpus = CorpusLoader().load(root / "content")
    assert "content/profile.yml" in [p.path for p in corpus.errors], corpus.errors
    assert corpus.profile is None


def test_a_research_file_linked_within_its_folder_or_content_still_loads(tmp_path: Path) -> None:
    root = _guide(tmp_path)
    write(root / "content/notes/acme.yml", "name: Acme\n")
    (root / "content/organizations").mkdir()
    (root / "content/organizations/acme.yml").symlink_to("../notes/acme.yml")
    (root / "content/contacts/priv-two.yml").symlink_to("priv-min.yml")
    corpus = CorpusLoader().load(root / "content")
    assert not corpus.errors, corpus.errors
    assert "acme" in corpus.organizations and "priv-two" in corpus.contacts


def test_filter_attributes_holding_user_text_are_json_arrays(tmp_path: Path) -> None:
    import json

    root = _guide(tmp_path)
    write(root / "content/organizations/acme.yml", 'name: Acme\nindustry: "[oops"\n')
    write(
        root / "content/contacts/dana.yml",
        'name: Dana\norganization: acme\nlocation: "[\\"x\\"]"\n',
    )
    site = build_site(root)
    page = (site / "contacts/index.html").read_text(encoding="utf-8")
    row = next(r for r in re.findall(r"<tr [^>]*>", page) if "dana" in r.lower())
    attrs = dict(re.findall(r'data-([a-z]+)="([^"]*)"', row))
    assert json.loads(html.unescape(attrs["industry"])) == ["[oops"]
    assert json.loads(html.unescape(attrs["location"])) == ['["x"]']


def test_the_script_never_parses_user_text_unguarded_and_presets_ignore_case() -> None:
    script = (Path(__file__).parents[1] / "plugins/prepguide/assets/prepguide.js").read_text(
        encoding="utf-8"
    )
    # every JSON.parse sits in a try block
    for match in re.finditer(r"JSON\.parse", script):
        before = script[: match.start()]
        assert before.rfind("try {") > before.rfind("}\n"), "JSON.parse outside try"
    assert "toLowerCase() === wanted" in script
