"""Smoke tests of the benchmark tools (no timings are asserted; see docs/benchmarks.md)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from prepguide.guide.corpus import CorpusLoader
from prepguide.read.model import STATUSES, Contact, Organization

from .conftest import ROOT, build_site, write

BENCHMARKS = ROOT / "benchmarks"


def load(name: str) -> ModuleType:
    """Import ``benchmarks/<name>.py`` (the folder is not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return load("generate")


def test_generated_guide_validates_and_builds(tmp_path: Path, generate: ModuleType) -> None:
    counts = generate.generate(30, tmp_path)
    assert counts == {"contacts": 30, "organizations": 6, "bytes": counts["bytes"]}
    corpus = CorpusLoader().load(tmp_path / "content")
    assert [p.format() for p in corpus.problems if p.severity == "error"] == []
    assert len(corpus.contacts) == 30
    assert len(corpus.organizations) == 6
    assert corpus.profile is not None

    site = build_site(tmp_path)
    contact_pages = sorted(p.parent.name for p in (site / "contacts").glob("*/index.html"))
    assert contact_pages == sorted(corpus.contacts)
    org_pages = sorted(p.parent.name for p in (site / "organizations").glob("*/index.html"))
    assert org_pages == sorted(corpus.organizations)
    for index in ("index.html", "contacts/index.html", "organizations/index.html"):
        assert (site / index).is_file()
    search = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in search["docs"]}
    assert {f"contacts/{cid}/" for cid in corpus.contacts} <= locations


def test_generator_uses_every_field_and_status(tmp_path: Path, generate: ModuleType) -> None:
    generate.generate(300, tmp_path)
    corpus = CorpusLoader().load(tmp_path / "content")
    assert corpus.errors == []
    assert len(corpus.organizations) == 60

    def used(models: list[Contact] | list[Organization]) -> set[str]:
        fields: set[str] = set()
        for model in models:
            for name, value in model.model_dump(exclude_defaults=True).items():
                fields.add(name)
                if isinstance(value, dict):
                    fields.update(f"{name}.{sub}" for sub in value)
        return fields

    contact_fields = used(list(corpus.contacts.values()))
    for name, info in Contact.model_fields.items():
        if name != "id":
            assert name in contact_fields, f"no generated contact uses `{name}`"
        sub = info.annotation
        if isinstance(sub, type) and hasattr(sub, "model_fields"):
            for child in sub.model_fields:
                assert f"{name}.{child}" in contact_fields, f"no contact uses `{name}.{child}`"
    org_fields = used(list(corpus.organizations.values()))
    assert set(Organization.model_fields) - {"id"} <= org_fields
    statuses = {c.meeting.status for c in corpus.contacts.values()}
    assert statuses == set(STATUSES)
    referrals = [r for c in corpus.contacts.values() for r in c.referrals]
    assert any(r in corpus.contacts for r in referrals), "no referral by id"
    assert any(r not in corpus.contacts for r in referrals), "no referral by name"
    assert any(c.connection.via for c in corpus.contacts.values())


def test_generation_is_deterministic(tmp_path: Path, generate: ModuleType) -> None:
    generate.generate(20, tmp_path / "a")
    generate.generate(20, tmp_path / "b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yml"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yml"))
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_baseline_has_the_same_pages_and_sizes(tmp_path: Path, generate: ModuleType) -> None:
    run = load("run")
    generate.generate(10, tmp_path / "guide")
    pages = [("index.md", 3000, True), ("contacts.md", 9000, True)]
    pages += [(f"contacts/person-{i}.md", 12000 + i, False) for i in range(10)]
    pages += [("organizations/acme.md", 2500, False)]
    run.write_baseline(tmp_path / "guide", pages, tmp_path / "baseline")
    config = (tmp_path / "baseline/mkdocs.yml").read_text(encoding="utf-8")
    assert "prepguide" not in config
    assert re.search(r"not_in_nav: \|\n  /contacts/\n  /organizations/\n", config)
    for src, size, _ in pages:
        written = (tmp_path / "baseline/content" / src).read_text(encoding="utf-8")
        assert abs(len(written) - size) <= 1
    site = build_site(tmp_path / "baseline")
    assert (site / "contacts/person-3/index.html").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "person-3/" not in home, "pages outside the nav must stay out of the sidebar"


def test_floor_has_as_many_short_pages_out_of_the_nav(tmp_path: Path, generate: ModuleType) -> None:
    run = load("run")
    generate.generate(10, tmp_path / "guide")
    pages = [("index.md", 3000, True), ("contacts.md", 9000, True)]
    pages += [(f"contacts/person-{i}.md", 12000 + i, False) for i in range(10)]
    run.write_floor(tmp_path / "guide", pages, tmp_path / "floor")
    config = (tmp_path / "floor/mkdocs.yml").read_text(encoding="utf-8")
    assert "prepguide" not in config and "  - search\n" in config
    assert config.endswith("not_in_nav: |\n  /pages/\n")
    written = sorted((tmp_path / "floor/content").rglob("*.md"))
    assert len(written) == len(pages)
    assert len(list((tmp_path / "floor/content/pages").glob("*.md"))) == 10
    assert all(len(p.read_text(encoding="utf-8")) < 300 for p in written)


def test_generated_search_entries_are_counted_by_kind(tmp_path: Path) -> None:
    run = load("run")
    docs = [
        {"location": "contacts/a/#questions", "title": "Questions", "text": "x"},
        {"location": "contacts/a/#ask", "title": "Ask Bo for an introduction", "text": "x"},
        {"location": "contacts/a/#who", "title": "Who they are and how you are connected"},
        {"location": "organizations/b/#questions", "title": "Questions", "text": "x"},
    ]
    write(tmp_path / "search/search_index.json", json.dumps({"docs": docs}))
    counts = run.generated_entries(tmp_path)
    assert counts["questions"] == 1 and counts["drafts"] == 1 and sum(counts.values()) == 2


def test_site_files_leave_out_only_the_sitemap_dates(tmp_path: Path) -> None:
    run = load("run")
    write(tmp_path / "a/sitemap.xml", "<url><lastmod>2026-12-01</lastmod></url>")
    write(tmp_path / "a/index.html", "<p>x</p>")
    write(tmp_path / "b/sitemap.xml", "<url><lastmod>2026-12-02</lastmod></url>")
    write(tmp_path / "b/index.html", "<p>y</p>")
    a, b = run.site_files(tmp_path / "a"), run.site_files(tmp_path / "b")
    assert a["sitemap.xml"] == b["sitemap.xml"] and a["index.html"] != b["index.html"]
