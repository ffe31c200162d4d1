"""The network map: who suggested whom, and who introduced (or can introduce) you.

The edges come from :func:`prepguide.tailor.relations.relation`, the one place that
reads what the notes say happened (docs/workflow.md, "Referrals and
introductions"):

* A's ``referrals`` lists B: A *suggested* B (edge ``referred``);
* B's ``connection.via`` is A: an ``introduced`` edge once the introduction
  was made, else a ``via`` edge (asked for, not asked yet, or unknown in a
  public build).

:func:`draw_svg` draws them at build time as a static SVG (no script): a
layered layout where each generation of introductions sits one band lower,
each connected group of people drawn as its own block and blocks set side
by side in rows of a fixed width (wide generations wrap), so a hundred
people stay readable; every person is a link to their prep page. Only people in at least one relation are
drawn; the picture says how many have none. Every text in it is user text
and is XML-escaped.

No MkDocs imports: the module is shared by the plugin and the command line.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape

from ..guide.corpus import Corpus
from ..tailor.relations import all_relations

EdgeKind = Literal["introduced", "via", "referred"]
KINDS: tuple[EdgeKind, ...] = ("introduced", "via", "referred")

# Geometry of the drawing, in SVG user units (pixels at 100 %).
NODE_W = 200
NODE_H = 46
"""The height of a box with one line; each line more adds LINE_H (labels wrap, never cut)."""
LINE_H = 19
GAP_X = 24
GAP_ROW = 22
GAP_LAYER = 58
MARGIN = 16
LEGEND_H = 86
FOOT_H = 30
MAX_COLUMNS = 3
"""Three boxes fit a page's text column (688 px at 1280) unscaled: labels stay at body size."""
GAP_BLOCK = 44
NAME_CHARS = 17
ORG_CHARS = 21
"""Characters per line of a name (bold) and an organization, at 16 px in a box NODE_W wide."""

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Edge:
    """One relation: ``source`` introduced you to ``target`` (``introduced``), can
    introduce you or was asked to (``via``), or suggested ``target`` (``referred``)."""

    source: str
    target: str
    kind: EdgeKind


@dataclass(frozen=True)
class Network:
    """The relations between the contacts of a guide.

    Attributes:
        nodes: Ids of the contacts in at least one relation, sorted.
        edges: The relations, sorted by source, target and kind.
        unconnected: How many contacts are in no relation.
    """

    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]
    unconnected: int


def build_network(corpus: Corpus, *, public: bool = False) -> Network:
    """Collect the introductions (``connection.via``) and referrals between contacts.

    Only references to contacts present in ``corpus`` count (a referral written
    as a plain name, or to a contact left out of a public build, draws nothing),
    and nobody is linked to themselves. An introduction is an ``introduced``
    edge only once it was made (see :func:`relation`), else a ``via`` edge.
    """
    edges: set[Edge] = set()
    for rel in all_relations(corpus, public=public):
        if rel.suggested:
            edges.add(Edge(rel.source, rel.target, "referred"))
        if rel.introduction is not None:
            kind: EdgeKind = "introduced" if rel.introduction == "introduced" else "via"
            edges.add(Edge(rel.source, rel.target, kind))
    contacts = corpus.contacts
    ordered = tuple(sorted(edges, key=lambda e: (e.source, e.target, e.kind)))
    nodes = tuple(sorted({e.source for e in ordered} | {e.target for e in ordered}))
    return Network(nodes=nodes, edges=ordered, unconnected=len(contacts) - len(nodes))


# --- layout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    h: float = NODE_H


def _layers(network: Network, names: dict[str, str]) -> list[list[str]]:
    """Assign each node a generation (distance from a root), breaking cycles by name."""
    children: dict[str, list[str]] = defaultdict(list)
    indegree: dict[str, int] = dict.fromkeys(network.nodes, 0)
    for edge in network.edges:
        children[edge.source].append(edge.target)
        indegree[edge.target] += 1

    def key(node: str) -> tuple[str, str]:
        return names.get(node, node).casefold(), node

    depth: dict[str, int] = {}
    pending = sorted(network.nodes, key=key)
    roots = [n for n in pending if indegree[n] == 0]
    while len(depth) < len(network.nodes):
        if not roots:  # only cycles left: start from the first unplaced node
            roots = [next(n for n in pending if n not in depth)]
        queue = deque(roots)
        for root in roots:
            depth.setdefault(root, 0)
        while queue:
            node = queue.popleft()
            for child in sorted(children[node], key=key):
                if child not in depth:
                    depth[child] = depth[node] + 1
                    queue.append(child)
        roots = []
    layers: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for node in pending:
        layers[depth[node]].append(node)
    # Order each layer by where its parents stand, so edges cross less.
    position: dict[str, float] = {}
    parents: dict[str, list[str]] = defaultdict(list)
    for edge in network.edges:
        parents[edge.target].append(edge.source)
    for index, layer in enumerate(layers):
        if index:

            def barycenter(node: str) -> tuple[float, str, str]:
                placed = [position[p] for p in parents[node] if p in position]
                mean = sum(placed) / len(placed) if placed else float("inf")
                return (mean, *key(node))

            layer.sort(key=barycenter)
        for rank, node in enumerate(layer):
            position[node] = rank
    return layers


def _components(network: Network, names: dict[str, str]) -> list[Network]:
    """Split the network into its connected parts, largest first."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in network.edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    seen: set[str] = set()
    parts: list[Network] = []
    for node in network.nodes:
        if node in seen:
            continue
        group: set[str] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            if current in group:
                continue
            group.add(current)
            stack.extend(neighbours[current] - group)
        seen |= group
        edges = tuple(e for e in network.edges if e.source in group)
        parts.append(Network(tuple(sorted(group)), edges, 0))

    def by_name(node: str) -> tuple[str, str]:
        return names.get(node, node).casefold(), node

    def key(part: Network) -> tuple[int, str, str]:
        targets = {e.target for e in part.edges}
        roots = [n for n in part.nodes if n not in targets] or list(part.nodes)
        return (-len(part.nodes), *by_name(min(roots, key=by_name)))

    return sorted(parts, key=key)


def _block(
    layers: list[list[str]], node_h: float = NODE_H
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Lay out one part: layers top to bottom, each wrapped into rows of MAX_COLUMNS."""
    columns = max((min(len(layer), MAX_COLUMNS) for layer in layers), default=1)
    width = columns * NODE_W + (columns - 1) * GAP_X
    places: dict[str, tuple[float, float]] = {}
    y = 0.0
    for layer in layers:
        for start in range(0, len(layer), MAX_COLUMNS):
            row = layer[start : start + MAX_COLUMNS]
            row_width = len(row) * NODE_W + (len(row) - 1) * GAP_X
            x = (width - row_width) / 2
            for node in row:
                places[node] = (x, y)
                x += NODE_W + GAP_X
            y += node_h + GAP_ROW
        y += GAP_LAYER - GAP_ROW
    height = y - GAP_LAYER if layers else 0.0
    return places, width, height


def _layout(
    network: Network, names: dict[str, str], node_h: float = NODE_H
) -> tuple[dict[str, _Box], float, float]:
    """Place each connected part as a block; blocks flow left to right in shelves.

    Small parts (one person and the people they referred) sit side by side;
    a part wider than the remaining space starts a new shelf. The drawing is
    at most MAX_COLUMNS boxes wide, so a large guide grows downwards only.
    """
    limit = MAX_COLUMNS * NODE_W + (MAX_COLUMNS - 1) * GAP_X
    boxes: dict[str, _Box] = {}
    x = 0.0
    y = float(MARGIN + LEGEND_H)
    shelf = 0.0
    used = 0.0
    for part in _components(network, names):
        places, width, height = _block(_layers(part, names), node_h)
        if x > 0 and x + width > limit:
            x = 0.0
            y += shelf + GAP_LAYER
            shelf = 0.0
        for node, (bx, by) in places.items():
            boxes[node] = _Box(MARGIN + x + bx, y + by, node_h)
        used = max(used, x + width)
        shelf = max(shelf, height)
        x += width + GAP_BLOCK
    width_total = 2 * MARGIN + max(used, 420.0)
    height_total = y + shelf + (GAP_ROW if boxes else 0) + FOOT_H + MARGIN
    return boxes, width_total, height_total


# --- drawing -----------------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Escape user text for XML content (and drop characters XML cannot hold).

    >>> xml_text("<b> & \x01")
    '&lt;b&gt; &amp; '
    """
    return escape(_XML_INVALID.sub("", text))


def xml_attr(text: str) -> str:
    """Escape user text for a double-quoted XML attribute.

    >>> xml_attr('a "b" <c>')
    'a &quot;b&quot; &lt;c&gt;'
    """
    return escape(_XML_INVALID.sub("", text), {'"': "&quot;", "\n": "&#10;", "\t": "&#9;"})


def _wrap(text: str, limit: int) -> list[str]:
    """Lines of at most ``limit`` characters, broken between words (a longer word is cut in
    pieces, nothing added).

    >>> _wrap("Wexley County Digital Service", 21)
    ['Wexley County Digital', 'Service']
    >>> _wrap("Bartholomew-Featherstonehaugh", 17)
    ['Bartholomew-Feath', 'erstonehaugh']
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > limit:  # split as it is: the lines, read together, are the text
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:limit])
            word = word[limit:]
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def _label_lines(label: NodeLabel) -> tuple[list[str], list[str]]:
    """A person's name and organization, each wrapped to the box (full, never cut)."""
    return _wrap(label.name, NAME_CHARS), _wrap(label.org or "", ORG_CHARS)


def _node_height(labels: Iterable[NodeLabel]) -> float:
    """The height of every box: enough for the longest label of the map."""
    lines = max((sum(map(len, _label_lines(label))) for label in labels), default=1)
    return NODE_H + LINE_H * (max(lines, 1) - 1)


def _num(value: float) -> str:
    """A coordinate with at most one decimal.

    >>> _num(12.0), _num(12.345)
    ('12', '12.3')
    """
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _path(a: _Box, b: _Box, bend: float) -> str:
    """A curve from box ``a`` to box ``b``; ``bend`` separates parallel edges."""
    ax, ay = a.x + NODE_W / 2, a.y + a.h / 2
    bx, by = b.x + NODE_W / 2, b.y + b.h / 2
    if by > ay + 1:  # downwards: bottom of a to top of b
        sy, ty = a.y + a.h, b.y
        mid = (sy + ty) / 2
        return (
            f"M{_num(ax + bend)} {_num(sy)} C{_num(ax + bend)} {_num(mid)} "
            f"{_num(bx + bend)} {_num(mid)} {_num(bx + bend)} {_num(ty)}"
        )
    if by < ay - 1:  # upwards (a cycle): top of a to bottom of b
        sy, ty = a.y, b.y + b.h
        mid = (sy + ty) / 2
        return (
            f"M{_num(ax + bend)} {_num(sy)} C{_num(ax + bend)} {_num(mid)} "
            f"{_num(bx + bend)} {_num(mid)} {_num(bx + bend)} {_num(ty)}"
        )
    # Same row: an arc above the boxes, side to side.
    right = bx > ax
    sx = a.x + (NODE_W if right else 0)
    tx = b.x + (0 if right else NODE_W)
    lift = 26 + abs(bend)
    return (
        f"M{_num(sx)} {_num(ay - 8)} C{_num(sx + (20 if right else -20))} {_num(ay - lift)} "
        f"{_num(tx + (-20 if right else 20))} {_num(by - lift)} {_num(tx)} {_num(by - 8)}"
    )


_STYLE = """
.{p} {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }}
.{p}-node rect {{ fill: var(--md-default-bg-color, #fff); stroke: currentColor; stroke-width: 1.2; }}
.{p}-node:hover rect, .{p}-node:focus rect {{ stroke-width: 2.5; }}
.{p}-node text {{ fill: currentColor; }}
.{p}-name {{ font-size: 16px; font-weight: 600; }}
.{p}-org {{ font-size: 16px; }}
.{p}-legend, .{p}-foot {{ font-size: 14px; fill: currentColor; }}
.{p}-edge {{ fill: none; stroke-width: 1.6; }}
.{p}-introduced {{ stroke: var(--pg-net-introduced, #1f6fbf); }}
.{p}-via {{ stroke: var(--pg-net-via, #1f6fbf); stroke-dasharray: 2 4; }}
.{p}-referred {{ stroke: var(--pg-net-referred, #b35900); stroke-dasharray: 6 4; }}
.{p}-head-introduced {{ fill: var(--pg-net-introduced, #1f6fbf); }}
.{p}-head-via {{ fill: var(--pg-net-via, #1f6fbf); }}
.{p}-head-referred {{ fill: var(--pg-net-referred, #b35900); }}
"""


@dataclass(frozen=True)
class NodeLabel:
    """What the map shows of one person: name, and role and organization under it."""

    name: str
    role: str | None
    org: str | None


def node_labels(network: Network, corpus: Corpus) -> tuple[tuple[str, NodeLabel], ...]:
    """The label of every node of ``network``, as ``(contact id, label)`` in node order.

    All the map takes from the notes: two maps with equal networks and labels
    are the same picture (the plugin keeps the SVG between ``mkdocs serve``
    rebuilds on that ground).
    """
    labels = []
    for node in network.nodes:
        contact = corpus.contacts.get(node)
        org = corpus.organization_of(contact) if contact else None
        labels.append(
            (
                node,
                NodeLabel(
                    name=contact.name if contact else node,
                    role=contact.role if contact else None,
                    org=org.name if org else None,
                ),
            )
        )
    return tuple(labels)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _desc(network: Network) -> str:
    introduced = sum(e.kind == "introduced" for e in network.edges)
    via = sum(e.kind == "via" for e in network.edges)
    referred = len(network.edges) - introduced - via
    people = len(network.nodes)
    if people:
        return (
            f"{people} {'person' if people == 1 else 'people'} linked by "
            f"{_count(introduced, 'introduction')} made, {_count(via, 'possible introduction')} "
            f"and {_count(referred, 'suggestion')}. "
            "Arrows point from the person who introduced, can introduce or suggested to the "
            "person they led to. Solid arrows are introductions made, dotted arrows possible "
            "introductions (not made, or not known to be made), dashed arrows suggestions."
        )
    return "No introductions or suggestions between contacts yet."


def _foot(network: Network) -> str:
    none = network.unconnected
    if none:
        return (
            f"{none} contact{'s' * (none != 1)} with no introduction or suggestion "
            f"{'is' if none == 1 else 'are'} not shown."
        )
    return "Every contact is shown."


def _header(network: Network, p: str, width: float, height: float) -> list[str]:
    """The ``<svg>`` start tag, title, description, style and arrow heads."""
    title = "Who suggested whom, and who introduced you"
    desc = _desc(network) + " " + _foot(network)
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="{p}" viewBox="0 0 {_num(width)} '
        f'{_num(height)}" width="{_num(width)}" height="{_num(height)}" role="group" '
        f'aria-labelledby="{p}-title {p}-desc" style="max-width: 100%; height: auto">',
        f'<title id="{p}-title">{xml_text(title)}</title>',
        f'<desc id="{p}-desc">{xml_text(desc)}</desc>',
        f"<style>{_STYLE.format(p=p)}</style>",
        "<defs>",
    ]
    for kind in KINDS:
        out.append(
            f'<marker id="{p}-arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            f'<path class="{p}-head-{kind}" d="M0 0 L10 5 L0 10 z"/></marker>'
        )
    out.append("</defs>")
    return out


_LEGEND = (
    ("introduced", "introduced you (connection.via)"),
    ("via", "can introduce you (connection.via)"),
    ("referred", "suggested (referrals)"),
)


def _legend(p: str) -> list[str]:
    """The legend: one sample arrow per kind of edge, with what it means."""
    ly = MARGIN + 14
    out = [f'<g class="{p}-legend" aria-hidden="true">']
    for row, (kind, meaning) in enumerate(_LEGEND):
        y = ly + 22 * row
        out.append(
            f'<path class="{p}-edge {p}-{kind}" d="M{MARGIN} {y} h36" '
            f'marker-end="url(#{p}-arrow-{kind})"/>'
            f'<text x="{MARGIN + 46}" y="{y + 4}">{meaning}</text>'
        )
    out.append("</g>")
    return out


def _edges(network: Network, boxes: dict[str, _Box], p: str) -> list[str]:
    """The arrows, under the nodes; parallel edges between one pair bend apart."""
    out = [f'<g class="{p}-edges" aria-hidden="true">']
    pairs: dict[frozenset[str], list[Edge]] = defaultdict(list)
    for edge in network.edges:
        pairs[frozenset((edge.source, edge.target))].append(edge)
    for group in pairs.values():
        for index, edge in enumerate(group):
            bend = (index - (len(group) - 1) / 2) * 14
            d = _path(boxes[edge.source], boxes[edge.target], bend)
            out.append(
                f'<path class="{p}-edge {p}-{edge.kind}" d="{d}" '
                f'marker-end="url(#{p}-arrow-{edge.kind})"/>'
            )
    out.append("</g>")
    return out


@functools.lru_cache(maxsize=4)
def _frame(
    network: Network, names: tuple[tuple[str, str], ...], prefix: str, node_h: float = NODE_H
) -> tuple[dict[str, _Box], float, tuple[str, ...]]:
    """The layout and everything drawn before the people: title, legend, arrows.

    It depends only on the relations, the names (which order the layout) and the
    boxes' height (the longest label's lines), so it is kept while they stay the
    same: a ``mkdocs serve`` rebuild after an edit to someone's role redraws only
    the labels.
    """
    boxes, width, height = _layout(network, dict(names), node_h)
    out = _header(network, prefix, width, height) + _legend(prefix) + _edges(network, boxes, prefix)
    return boxes, height, tuple(out)


@functools.lru_cache(maxsize=65536)
def _node_svg(label: NodeLabel, box: _Box, link: str, p: str) -> str:
    """One person on the map: a link with a box, the name and the organization.

    Kept by its inputs: a ``mkdocs serve`` rebuild redraws only the people
    whose label or place changed.
    """
    out: list[str] = []
    name, org = label.name, label.org
    name_lines, org_lines = _label_lines(label)
    subtitle = ", ".join(part for part in (label.role, org) if part)
    full = name + (f" — {subtitle}" if subtitle else "")
    cx = box.x + NODE_W / 2
    out.append(f'<a xlink:href="{xml_attr(link)}" class="{p}-node">')
    out.append(f"<title>{xml_text(full)}</title>")
    out.append(
        f'<rect x="{_num(box.x)}" y="{_num(box.y)}" width="{NODE_W}" height="{_num(box.h)}" rx="6"/>'
    )
    # The lines, centred in the box (every box is as tall as the longest label needs).
    lines = [(f"{p}-name", line) for line in name_lines] + [(f"{p}-org", x) for x in org_lines]
    top = box.y + (box.h - LINE_H * len(lines)) / 2 + 14.5
    for index, (css, line) in enumerate(lines):
        out.append(
            f'<text class="{css}" x="{_num(cx)}" y="{_num(top + index * LINE_H)}" '
            f'text-anchor="middle">{xml_text(line)}</text>'
        )
    out.append("</a>")
    return "\n".join(out)


def draw_svg(
    network: Network,
    labels: tuple[tuple[str, NodeLabel], ...],
    href: Callable[[str], str],
    *,
    prefix: str = "pg-net",
) -> str:
    """Draw the network as an SVG document (a string, no XML declaration).

    Arguments:
        network: From :func:`build_network`.
        labels: What the map shows of each person (:func:`node_labels`).
        href: The link of a contact's prep page, from its id (e.g. a relative URL).
        prefix: Prefix of the SVG's ids and CSS classes; change it when two
            maps share one page.

    The root has ``<title>`` and ``<desc>`` and ``aria-labelledby`` pointing at
    them. Its role is ``group`` rather than ``img``: every person is a link,
    and ``img`` would hide the links from assistive technology.
    """
    names = tuple((cid, label.name) for cid, label in labels)
    boxes, height, head = _frame(network, names, prefix, _node_height(lb for _, lb in labels))
    label_of = dict(labels)
    p = prefix
    out = list(head)
    people = len(network.nodes)
    foot, desc = _foot(network), _desc(network)

    # Nodes: one link per person.
    out.append(f'<g class="{p}-nodes">')
    for node in network.nodes:
        out.append(_node_svg(label_of[node], boxes[node], href(node), p))
    out.append("</g>")
    out.append(
        f'<text class="{p}-foot" x="{MARGIN}" y="{_num(height - MARGIN - 6)}">'
        f"{xml_text(foot if people else desc)}</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"
