"""Public builds: only consenting contacts, and no private value anywhere in the output."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from prepguide.guide.corpus import CorpusLoader
from prepguide.guide.privacy import PRIVATE_FIELDS, for_audience

from .conftest import EXAMPLE_CONTENT, MINIMAL_MKDOCS, build_site, write

M = "ZQXLEAK"  # every private value below contains this marker


def marker(name: str) -> str:
    return f"{M}{name.replace('.', '').replace('_', '')}"


def leaky_guide(root: Path) -> Path:
    """A guide whose every private field holds a unique marker string."""
    content = root / "content"
    write(
        content / "profile.yml",
        f"name: Pat Student\nheadline: Student exploring policy work\ngoal: learn about policy careers\n"
        f"email: {marker('profile.email')}@example.org\nphone: '{marker('profile.phone')}'\n",
    )
    write(
        content / "organizations/civic-lab.yml",
        f"name: Civic Lab\nindustry: Public sector\nsummary: Policy research for cities.\n"
        f"notes: '{marker('org.notes')}'\n",
    )
    private_fields = (
        f"email: {marker('contact.email')}@example.org\n"
        f"phone: '{marker('contact.phone')}'\n"
        f"notes: '{marker('contact.notes')}'\n"
        "meeting:\n"
        "  status: scheduled\n"
        "  date: 2026-12-03 10:00\n"
        "  format: in-person\n"
        f"  place: '{marker('meeting.place')}'\n"
        "follow_up:\n"
        f"  - {{date: 2026-11-20, note: '{marker('follow_up.note')}'}}\n"
        "reflection:\n"
        "  still_interested: true\n"
        f"  timing: '{marker('reflection.timing')}'\n"
        f"  next_steps: '{marker('reflection.next_steps')}'\n"
    )
    write(
        content / "contacts/ada-public.yml",
        "name: Ada Public\norganization: civic-lab\nrole: Policy analyst\nvisibility: public\n"
        "connection: {type: alumni, via: hidden-person}\nreferrals: [hidden-person, Someone Named]\n"
        "tags: [policy]\n" + private_fields,
    )
    write(
        content / "contacts/hidden-person.yml",
        f"name: {M}HiddenPerson\norganization: civic-lab\nrole: '{M}hiddenrole'\n"
        "connection: {type: mutual}\n" + private_fields.replace(M, M + "H"),
    )
    write(
        root / "mkdocs.yml",
        MINIMAL_MKDOCS.replace("today: 2026-11-26", "today: 2026-11-26\n      audience: public"),
    )
    return root


def every_output_text(site: Path) -> dict[str, str]:
    texts = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        texts[path.relative_to(site).as_posix()] = data.decode("utf-8", errors="replace")
    return texts


def test_public_build_leaks_nothing(tmp_path: Path) -> None:
    site = build_site(leaky_guide(tmp_path), strict=True)
    texts = every_output_text(site)
    leaks = {name: text.count(M) for name, text in texts.items() if M in text}
    assert leaks == {}, f"private markers found in: {leaks}"
    assert (site / "contacts/ada-public/index.html").is_file()
    assert not (site / "contacts/hidden-person").exists()
    assert not (site / "calendar.ics").exists()
    assert not (site / "calendar").exists()
    names = {doc["title"] for doc in json.loads(texts["search/search_index.json"])["docs"]}
    assert "Ada Public" in names
    assert any(name.endswith(("sitemap.xml", "sitemap.xml.gz")) for name in texts)


def test_env_var_makes_a_build_public(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = leaky_guide(tmp_path)
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    monkeypatch.setenv("PREPGUIDE_AUDIENCE", "public")
    texts = every_output_text(build_site(root))
    assert not [name for name, text in texts.items() if M in text]


def test_private_build_shows_everything(tmp_path: Path) -> None:
    root = leaky_guide(tmp_path)
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    site = build_site(root)
    html = (site / "contacts/ada-public/index.html").read_text(encoding="utf-8")
    for name in ("contact.notes", "meeting.place", "follow_up.note", "reflection.timing"):
        assert marker(name) in html
    assert (site / "contacts/hidden-person/index.html").is_file()
    assert (site / "calendar.ics").is_file()


def test_privacy_filter_covers_every_private_field() -> None:
    corpus = CorpusLoader().load(EXAMPLE_CONTENT)
    public = for_audience(corpus, "public")
    assert public.contacts and set(public.contacts) < set(corpus.contacts)
    assert all(c.visibility == "public" for c in public.contacts.values())
    for contact in public.contacts.values():
        for name in PRIVATE_FIELDS["contact"]:
            head, _, tail = name.partition(".")
            value = getattr(contact, head)
            if tail:
                value = getattr(value, tail)
            assert value in (None, []), f"{contact.id}.{name} survived"
    assert all(o.notes is None for o in public.organizations.values())
    if public.profile is not None:
        assert public.profile.email is None and public.profile.phone is None


def test_example_public_build_has_no_private_value(
    example_guide: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = CorpusLoader().load(example_guide / "content")
    secrets: set[str] = set()
    for contact in corpus.contacts.values():
        secrets.update(v for v in (contact.email, contact.phone, contact.meeting.place) if v)
        secrets.update(f.note for f in contact.follow_up)
        if contact.reflection and contact.reflection.next_steps:
            secrets.add(contact.reflection.next_steps)
        if contact.notes:
            secrets.add(contact.notes.strip().splitlines()[0][:60])
        if contact.visibility != "public":
            secrets.add(contact.name)
    for org in corpus.organizations.values():
        if org.notes:
            secrets.add(org.notes.strip().splitlines()[0][:60])
    if corpus.profile:
        secrets.update(v for v in (corpus.profile.email, corpus.profile.phone) if v)
    monkeypatch.setenv("PREPGUIDE_AUDIENCE", "public")
    texts = every_output_text(build_site(example_guide, strict=True))
    found = {s: [n for n, t in texts.items() if s in t] for s in secrets}
    assert {s: where for s, where in found.items() if where} == {}
