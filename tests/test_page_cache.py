"""The page cache of ``mkdocs serve`` (pagecache.PageCache): reused pages equal fresh ones.

A serve rebuild reuses a page only when what it was made from is unchanged; a
page that reads the whole corpus is never reused (the cache's safety net).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from prepguide.guide.corpus import Corpus, CorpusLoader
from prepguide.options import make_options
from prepguide.render.calendar import has_events
from prepguide.render.pagecache import PageCache
from prepguide.render.pages import SiteContext
from prepguide.render.site import calendar_assets, render_site
from prepguide.render.templating import Renderer

from .conftest import ROOT


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    """``benchmarks/generate.py``, the generator of large guides (the folder is not a package)."""
    if "generate" in sys.modules:
        return sys.modules["generate"]
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    return module


def _serve_session(
    tmp_path: Path, generate: ModuleType, contacts: int
) -> tuple[Path, SiteContext, CorpusLoader, PageCache]:
    """A generated guide and what ``mkdocs serve`` keeps between rebuilds."""
    generate.generate(contacts, tmp_path)
    options = make_options(today="2026-11-26", timezone="Europe/Stockholm")
    ctx = SiteContext(options, options.resolved_today(), True, None, False)
    return tmp_path / "content", ctx, CorpusLoader(), PageCache()


def test_page_cache_rebuild_matches_a_fresh_render(tmp_path: Path, generate: ModuleType) -> None:
    """A serve rebuild that reuses pages gives exactly the pages of a fresh render."""
    content, ctx, loader, cache = _serve_session(tmp_path, generate, 40)

    def rebuild() -> tuple[int, int]:
        corpus = loader.load(content)
        assert corpus.errors == []
        cached = render_site(corpus, ctx, Renderer(), cache=cache)
        hits, misses = cache.hits, cache.misses
        cached_assets = calendar_assets(corpus, ctx, cache=cache)
        fresh = render_site(corpus, ctx, Renderer())
        assert [(p.src_uri, p.markdown) for p in cached] == [(p.src_uri, p.markdown) for p in fresh]
        assert cached_assets == calendar_assets(corpus, ctx)
        return hits, misses

    def rename(path: Path, name: str) -> None:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^name: .*$", f'name: "{name}"', text, count=1, flags=re.M))

    assert rebuild()[0] == 0
    hits, misses = rebuild()
    assert misses == 0 and hits > 40

    contacts = {p.stem: p for p in sorted((content / "contacts").glob("*.yml"))}
    texts = {cid: path.read_text(encoding="utf-8") for cid, path in contacts.items()}
    introducer = next(cid for cid in contacts if any(f"via: {cid}\n" in t for t in texts.values()))
    rename(contacts[introducer], "Renamed Introducer")
    hits, misses = rebuild()
    assert 1 < misses < 10 and hits > 30, (hits, misses)

    referred = next(
        cid
        for cid in contacts
        if cid != introducer and any(f"  - {cid}\n" in t for t in texts.values())
    )
    rename(contacts[referred], "Renamed Referral")
    rebuild()
    org = sorted((content / "organizations").glob("*.yml"))[0]
    rename(org, "Renamed Organization")
    rebuild()
    (content / "contacts/new-person.yml").write_text(
        f'name: "New Person"\norganization: {org.stem}\n', encoding="utf-8"
    )
    rebuild()
    profile = content / "profile.yml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("trail running", "sea kayaking"),
        encoding="utf-8",
    )
    hits, _ = rebuild()
    assert hits == 0, "a changed profile changes every prep page"


def test_page_cache_remakes_only_what_an_edit_touches(tmp_path: Path, generate: ModuleType) -> None:
    """Editing one contact's role remakes its page, its row and what names it; nothing else."""
    content, ctx, loader, cache = _serve_session(tmp_path, generate, 60)

    def rebuild() -> list[str]:
        corpus = loader.load(content)
        render_site(corpus, ctx, Renderer(), cache=cache)
        calendar_assets(corpus, ctx, cache=cache)
        return sorted(cache.made)

    first = rebuild()
    assert (
        "network.md" in first and "contacts.md#" + sorted(loader.load(content).contacts)[0] in first
    )
    assert rebuild() == []

    corpus = loader.load(content)
    mentioned = {
        ref
        for contact in corpus.contacts.values()
        for ref in (contact.connection.via, *contact.referrals)
        if ref
    }
    lonely = next(
        c
        for cid, c in sorted(corpus.contacts.items())
        if cid not in mentioned and not c.connection.via and not c.referrals and c.organization
    )
    path = content / "contacts" / f"{lonely.id}.yml"
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^role: ", text, flags=re.M)
    path.write_text(re.sub(r"^role: .*$", "role: Edited role", text, count=1, flags=re.M))
    assert rebuild() == sorted(
        [
            f"contacts/{lonely.id}.md",
            f"contacts.md#{lonely.id}",
            f"organizations/{lonely.organization}.md",
        ]
        + ([f"calendar/{lonely.id}.ics"] if lonely.meeting.status == "scheduled" else [])
        + ([f"calendar/{lonely.id}.events"] if has_events(lonely) else [])
    )

    # A new status changes what the dashboard counts: it is made again.
    text = path.read_text(encoding="utf-8")
    status = "closed" if lonely.meeting.status != "closed" else "researching"
    path.write_text(re.sub(r"^  status: .*$", f"  status: {status}", text, count=1, flags=re.M))
    assert "index.md" in rebuild()


def test_page_cache_forgets_deleted_contacts(tmp_path: Path, generate: ModuleType) -> None:
    content, ctx, loader, cache = _serve_session(tmp_path, generate, 20)

    def rebuild() -> None:
        corpus = loader.load(content)
        render_site(corpus, ctx, Renderer(), cache=cache)
        calendar_assets(corpus, ctx, cache=cache)

    rebuild()
    victim = sorted((content / "contacts").glob("*.yml"))[3]
    assert f"contacts/{victim.stem}.md" in cache.names
    victim.unlink()
    rebuild()  # the deleted contact's outputs are not used by this build...
    rebuild()  # ...so the next one forgets them
    assert not [name for name in cache.names if victim.stem in name]


# --- the safety net: a page that reads the whole corpus is made again every build ---------------


@pytest.fixture
def small(tmp_path: Path, generate: ModuleType) -> Corpus:
    generate.generate(5, tmp_path)
    corpus = CorpusLoader().load(tmp_path / "content")
    assert corpus.errors == []
    return corpus


@pytest.mark.parametrize(
    "read",
    [
        pytest.param(lambda seen: len(seen.contacts), id="len"),
        pytest.param(lambda seen: sorted(seen.contacts), id="iterate"),
        pytest.param(lambda seen: list(seen.organizations.values()), id="values"),
        pytest.param(lambda seen: seen.contacts.get(3), id="non-string-key"),
        pytest.param(lambda seen: len(seen.documents), id="untracked-field"),
    ],
)
def test_a_page_that_reads_the_whole_corpus_is_never_reused(small: Corpus, read: Any) -> None:
    cache = PageCache()
    made: list[int] = []

    def make(seen: Corpus) -> str:
        made.append(1)
        return repr(read(seen))

    for _ in range(3):
        cache.session(small, None).get("page.md", ("key",), make)
    assert len(made) == 3
    assert cache.names == set()


def test_a_page_that_looks_up_one_contact_is_reused_until_it_changes(small: Corpus) -> None:
    cache = PageCache()
    cid = sorted(small.contacts)[0]
    made: list[str] = []

    def make(seen: Corpus) -> str:
        made.append(cid)
        return seen.contacts[cid].name

    first = cache.session(small, None).get("page.md", ("key",), make)
    again = cache.session(small, None).get("page.md", ("key",), make)
    assert first == again and made == [cid] and cache.names == {"page.md"}
    renamed = small.contacts[cid].model_copy(update={"name": "Someone Else"})
    changed = Corpus(**{**_fields(small), "contacts": {**small.contacts, cid: renamed}})
    assert cache.session(changed, None).get("page.md", ("key",), make) == "Someone Else"
    assert made == [cid, cid]


def _fields(corpus: Corpus) -> dict[str, Any]:
    import dataclasses

    return {f.name: getattr(corpus, f.name) for f in dataclasses.fields(Corpus) if f.init}
