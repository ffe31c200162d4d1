"""The network map: edges from via and referrals, and a safe, well-formed SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from prepguide.guide.corpus import Corpus, CorpusLoader
from prepguide.read.model import Contact, Organization
from prepguide.render.network import Edge, Network, build_network, draw_svg, node_labels

SVG = "{http://www.w3.org/2000/svg}"


def person(ident: str, name: str | None = None, **fields: Any) -> Contact:
    return Contact(id=ident, name=name or ident.replace("-", " ").title(), **fields)


def corpus_of(*contacts: Contact, orgs: tuple[Organization, ...] = ()) -> Corpus:
    return Corpus(contacts={c.id: c for c in contacts}, organizations={o.id: o for o in orgs})


XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def render_svg(network: Network, corpus: Corpus, href: Any) -> str:
    """The map as the build draws it (site.py: labels from the corpus, then draw_svg)."""
    return draw_svg(network, node_labels(network, corpus), href)


def relations(network: Network, contact_id: str) -> tuple[list[str], list[str]]:
    """Who led to a contact and whom it led to, read from the map's edges."""
    by = sorted({e.source for e in network.edges if e.target == contact_id})
    to = sorted({e.target for e in network.edges if e.source == contact_id})
    return by, to


def href(ident: str) -> str:
    return f"../contacts/{ident}/"


@pytest.fixture
def example(guide: Path) -> Corpus:
    return CorpusLoader().load(guide / "content", guide)


def test_edges_of_example(example: Corpus) -> None:
    network = build_network(example)
    assert network.edges == (
        Edge("anais-thibodeaux", "jonah-nakamura-reid", "referred"),
        Edge("anais-thibodeaux", "marcus-ebbesen", "introduced"),
        Edge("anais-thibodeaux", "marcus-ebbesen", "referred"),
        Edge("ines-carvalho", "oliver-brandt", "referred"),
        # Oliver is still to-contact: Inês can introduce you, she has not yet.
        Edge("ines-carvalho", "oliver-brandt", "via"),
        Edge("joan-whitcombe", "beatriz-olmstead", "referred"),
    )
    assert network.nodes == (
        "anais-thibodeaux",
        "beatriz-olmstead",
        "ines-carvalho",
        "joan-whitcombe",
        "jonah-nakamura-reid",
        "marcus-ebbesen",
        "oliver-brandt",
    )
    assert network.unconnected == 3  # Colette, Devika, Elin


def test_relations(example: Corpus) -> None:
    network = build_network(example)
    assert relations(network, "anais-thibodeaux") == ([], ["jonah-nakamura-reid", "marcus-ebbesen"])
    assert relations(network, "marcus-ebbesen") == (["anais-thibodeaux"], [])
    assert relations(network, "colette-varga") == ([], [])


def test_only_known_contacts_count() -> None:
    corpus = corpus_of(
        person("a", referrals=["a", "b", "Some Person", "not-a-contact"]),
        person("b", connection={"via": "b"}),
        person("c", connection={"via": "gone"}),
    )
    network = build_network(corpus)
    assert network.edges == (Edge("a", "b", "referred"),)
    assert network.unconnected == 1


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_svg_structure(example: Corpus) -> None:
    network = build_network(example)
    svg = render_svg(network, example, href)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("aria-labelledby") == "pg-net-title pg-net-desc"
    assert root.get("role") == "group"
    assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", root.get("viewBox") or "")
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "pg-net-title"
    assert desc is not None and desc.get("id") == "pg-net-desc"
    assert "7 people linked by 1 introduction made, 1 possible introduction and 4 suggestions" in (
        desc.text or ""
    )
    assert "3 contacts with no introduction or suggestion are not shown" in (desc.text or "")
    links = root.findall(f".//{SVG}a")
    assert sorted(a.get(XLINK_HREF) or "" for a in links) == sorted(href(n) for n in network.nodes)
    names = {t.text for t in root.iter(f"{SVG}text")}
    assert {"Anaïs Thibodeaux", "Oliver Brandt", "Lumenchart"} <= names
    edges = root.findall(f".//{SVG}path[@marker-end]")
    kinds = [p.get("class", "").split()[-1] for p in edges]
    # three legend samples plus one path per edge, each kind with its own arrowhead and style
    assert kinds.count("pg-net-introduced") == 2 and kinds.count("pg-net-referred") == 5
    assert kinds.count("pg-net-via") == 2
    markers = {m.get("id") for m in root.iter(f"{SVG}marker")}
    assert markers == {"pg-net-arrow-introduced", "pg-net-arrow-via", "pg-net-arrow-referred"}
    assert render_svg(network, example, href) == svg  # deterministic


def test_untrusted_text_is_escaped() -> None:
    evil = '<script>alert("x")</script>'
    org = Organization(id="acme", name='Acme & <Sons> "Ltd"')
    corpus = corpus_of(
        person("a-b", evil, organization="acme", referrals=["c-d"]),
        # Validation refuses control characters in names: the renderer must cope all the same.
        person("c-d").model_copy(update={"name": "Zoë \x01 Núñez\x0b"}),
        orgs=(org,),
    )
    svg = render_svg(build_network(corpus), corpus, lambda i: f'x?a=1&b="{i}"<')
    root = parse(svg)
    assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert evil[:20] in "".join(t or "" for t in texts)
    assert 'Acme & <Sons> "Ltd"' in [t for t in texts]
    assert {a.get(XLINK_HREF) for a in root.iter(f"{SVG}a")} == {
        'x?a=1&b="a-b"<',
        'x?a=1&b="c-d"<',
    }
    assert "Zoë  Núñez" in "".join(t.text or "" for t in root.iter(f"{SVG}title"))


def test_empty_network() -> None:
    corpus = corpus_of(person("a"), person("b"))
    root = parse(render_svg(build_network(corpus), corpus, href))
    assert root.findall(f".//{SVG}a") == []
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "No introductions or suggestions" in (desc.text or "")
    assert "2 contacts with no introduction or suggestion" in (desc.text or "")


def test_cycles_are_drawn() -> None:
    corpus = corpus_of(
        person("a", referrals=["b"]), person("b", referrals=["c"]), person("c", referrals=["a"])
    )
    root = parse(render_svg(build_network(corpus), corpus, href))
    assert len(root.findall(f".//{SVG}a")) == 3


def test_a_hundred_contacts_stay_readable() -> None:
    contacts = []
    for i in range(100):
        fields: dict[str, Any] = {}
        if i % 10:
            fields["connection"] = {"via": f"p-{i - i % 10}"}  # ten trees of ten
        if i % 10 == 9:
            fields["referrals"] = [f"p-{(i + 1) % 100}"]
        contacts.append(person(f"p-{i}", f"Person {i} with a rather long family name", **fields))
    corpus = corpus_of(*contacts)
    network = build_network(corpus)
    assert len(network.nodes) == 100
    svg = render_svg(network, corpus, href)
    root = parse(svg)
    assert len(root.findall(f".//{SVG}a")) == 100
    width = float((root.get("viewBox") or "").split()[2])
    assert width <= 1100  # wraps into rows instead of growing sideways
    boxes = [(float(r.get("x") or 0), float(r.get("y") or 0)) for r in root.iter(f"{SVG}rect")]
    assert len(set(boxes)) == 100  # no two people drawn on top of each other
    # full names, wrapped in their box, never cut (issue 16)
    for node in root.iter(f"{SVG}a"):
        lines = [t.text or "" for t in node.iter(f"{SVG}text")]
        assert all(len(line) <= 21 for line in lines)
        assert " ".join(lines).startswith("Person ") and " ".join(lines).endswith("family name")
        assert not any(line.endswith("…") for line in lines)
