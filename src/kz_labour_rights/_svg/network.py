"""The network picture: who is linked to whom, as a static SVG laid out here.

Nodes are people, organisations (unions, companies, courts, state bodies and
the rest, told apart by colour and named in the legend) and cases, each
drawn in its own shape — people round, organisations square, cases
diamonds — so that colour is never the only cue.  Links come from the
records themselves:

- a membership (person – organisation; the role is in the hover text),
- a party to a case (person or organisation – case),
- a court of a case (court – case),
- an organisation's parent, and a relation between two nodes (renamed as,
  successor of, part of, affiliate of, possibly the same as, ...), the
  directed ones with an arrowhead.

Events and provisions are left out of the overall picture (they would
swamp it); a case's own picture shows the provisions it applied.

Layout, in the package and deterministic (same dataset, same bytes on every
supported Python): each connected part is laid out on its own by stress
majorization (Gansner, Koren and North, 2004: each two nodes aim to be as
far apart as the links between them, near pairs weighing most), started
from a classical scaling whose axes are found by power iteration from
vectors taken from a SHA-256 of the node ids (no random numbers), with a
fixed number of rounds.  Then each part is scaled up a little and every
node's box — its shape and its label below it — pushed apart from every
box it still overlaps; the parts are packed, largest first, onto the canvas
(bottom-left skyline packing).  Only ``+ - * /`` and ``math.sqrt`` touch
the coordinates (correctly rounded everywhere; ``hypot``, ``sin`` and the
float ``sum`` changed between Python versions), loops add in a fixed
order, and every coordinate is written rounded to 0.1 px.  The cost is
quadratic in the size of the largest part (about 0.3–0.7 s for the whole
dataset, whose largest part has 59 nodes).

Labels: every node is labelled with its short display name, wrapped to
four lines of 12 px text (the rest cut with "…"; the whole name is in the
hover text).  Labels are placed in order of links (most
first), below the node if free, else above, right or left; a label that
would still cover another label or a node is left out and the name stays in
the node's hover text.  The focus of a record's picture and the ten most
linked nodes are always labelled.  Because the layout keeps every label's
box free before placing them, leaving one out is rare.
"""

import hashlib
import math
import re
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple

from .._collection import display_name
from .._dataset import Dataset
from .._errors import UsageError
from .._escape import for_terminal, for_xml
from .._model import Case, LegalProvision, Organisation, OrgKind, Person, RelationKind
from .._values import PartialDate
from ._style import FONT, SMALL, TITLE, overlaps, text_width

__all__ = ["EDGE_KINDS", "NODE_KINDS", "network_svg"]

NODE_KINDS: Dict[str, Tuple[str, str]] = {
    "person": ("circle", "#56B4E9"),
    "union": ("square", "#E69F00"),
    "company": ("square", "#8C6D31"),
    "court": ("square", "#CC79A7"),
    "state body": ("square", "#D55E00"),
    "other organisation": ("square", "#BBBBBB"),
    "case": ("diamond", "#F0E442"),
    "provision": ("square", "#FFFFFF"),
}
"""The kinds of node, in legend order: (shape, fill)."""

EDGE_KINDS: Dict[str, Tuple[str, str]] = {
    "membership": ("#0072B2", ""),
    "party to a case": ("#555555", ""),
    "court of a case": ("#CC79A7", ""),
    "provision applied": ("#8C6D31", ""),
    "part of, affiliate of": ("#E69F00", ""),
    "succession, renaming": ("#009E73", ""),
    "possibly the same": ("#777777", "2 3"),
}
"""The kinds of link, in legend and drawing priority order: (colour, dash)."""

_ORG_GROUP = {
    OrgKind.UNION: "union", OrgKind.FEDERATION: "union", OrgKind.CONFEDERATION: "union",
    OrgKind.COMPANY: "company", OrgKind.EMPLOYERS: "company",
    OrgKind.COURT: "court",
    OrgKind.STATE_BODY: "state body", OrgKind.LAW_ENFORCEMENT: "state body",
    OrgKind.INTERNATIONAL: "other organisation", OrgKind.NGO: "other organisation", OrgKind.PARTY: "other organisation",
    OrgKind.OTHER: "other organisation",
}
_SUCCESSION = frozenset({RelationKind.RENAMED_AS, RelationKind.SUCCESSOR_OF, RelationKind.SPLIT_FROM, RelationKind.PROPOSED_NAME_OF,
                         RelationKind.ATTEMPTED_SUCCESSOR_OF})
_PREFIX_RULE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")

_K = 75.0  # ideal link length of the layout, px
_ITERATIONS = 120
_GROWTH = 6  # how many times a part may be scaled up by a tenth to make room for its labels
_GAP = 6.0  # the least space between two node boxes, px
_MARGIN = 24.0  # around the drawing, px
_PART_GAP = 20.0  # between two packed parts, px
_WIDTH = 1200.0  # the overall picture's width; the viewBox lets it scale
_WRAP = 18  # characters per label line
_LINES = 4
_LINE = SMALL + 3  # label line height, px
_ALWAYS = 10  # how many of the most linked nodes are always labelled
_DIAMOND = 1.2  # a diamond's half-diagonal, in node radii
_SQUARE = 0.8  # a square's half-side, in node radii


class _Node(NamedTuple):
    id: str
    kind: str
    name: str
    hover: str


class _Link(NamedTuple):
    kind: str
    source: str
    target: str
    directed: bool
    text: str


class _Box(NamedTuple):
    """A node's extent around its centre: left, top, right, bottom offsets (left and top negative)."""

    left: float
    top: float
    right: float
    bottom: float


def _span(start: Optional[PartialDate], end: Optional[PartialDate]) -> str:
    if start is None and end is None:
        return ""
    if end is None:
        return f" (from {start})"
    return f" (until {end})" if start is None else f" ({start} – {end})"


def _node(record: object) -> _Node:
    if isinstance(record, Person):
        return _Node(record.id, "person", display_name(record), f"{display_name(record)} (person)")
    if isinstance(record, Organisation):
        return _Node(record.id, _ORG_GROUP[record.kind], display_name(record), f"{display_name(record)} (organisation: {record.kind.value})")
    if isinstance(record, Case):
        return _Node(record.id, "case", display_name(record), f"{display_name(record)} (case: {record.kind.value})")
    assert isinstance(record, LegalProvision)
    cite = record.citation if record.article else record.title
    return _Node(record.id, "provision", cite, f"{cite}: {record.title} (provision)")


def _graph(ds: Dataset) -> Tuple[Dict[str, _Node], List[_Link]]:
    """Every person, organisation and case, and every link between them the records state."""
    nodes = {r.id: _node(r) for name in ("people", "organisations", "cases") for r in ds.collection(name)}
    links: List[_Link] = []

    def name(record_id: str) -> str:
        return nodes[record_id].name

    for m in ds.memberships:
        if m.person in nodes and m.organisation in nodes:
            links.append(_Link("membership", m.person, m.organisation, False,
                               f"{name(m.person)}: {m.role} of {name(m.organisation)}{_span(m.start, m.end)}"))
    for org in ds.organisations:
        if org.parent is not None and org.parent in nodes:
            links.append(_Link("part of, affiliate of", org.id, org.parent, True, f"{name(org.id)} is part of {name(org.parent)}"))
    for case in ds.cases:
        for who in (*case.people, *case.organisations):
            if who in nodes:
                links.append(_Link("party to a case", who, case.id, False, f"{name(who)}: party to {name(case.id)}"))
        for court in case.courts:
            if court in nodes:
                links.append(_Link("court of a case", court, case.id, False, f"{name(court)}: court in {name(case.id)}"))
    for r in ds.relations:
        # A relation to an event or a source is not part of this network.
        if r.subject in nodes and r.object in nodes:
            kind = ("possibly the same" if r.kind is RelationKind.POSSIBLY_SAME_AS
                    else "succession, renaming" if r.kind in _SUCCESSION else "part of, affiliate of")
            when = f" ({r.date})" if r.date is not None else ""
            links.append(_Link(kind, r.subject, r.object, r.kind is not RelationKind.POSSIBLY_SAME_AS,
                               f"{name(r.subject)} {r.kind.value.replace('-', ' ')} {name(r.object)}{when}"))
    return nodes, links


def _ego(ds: Dataset, nodes: Dict[str, _Node], links: List[_Link], focus: str) -> Tuple[Dict[str, _Node], List[_Link]]:
    """The focus, its neighbours (and theirs, if it has fewer than three) and the links among them."""
    record = ds.get(focus)
    if isinstance(record, (Case, LegalProvision)):
        # A case's own picture, and a provision's, show the provisions it applied (or the cases applying it).
        nodes = dict(nodes)
        links = list(links)
        cases = [record] if isinstance(record, Case) else list(ds.cases_applying(record.id))
        for case in cases:
            for pid in case.provisions:
                if pid not in nodes:
                    nodes[pid] = _node(ds.get(pid))
                links.append(_Link("provision applied", case.id, pid, False, f"{nodes[case.id].name} applied {nodes[pid].name}"))
    if focus not in nodes:
        nodes = {**nodes, focus: _node(record)}
    near: Dict[str, Set[str]] = {}
    for link in links:
        near.setdefault(link.source, set()).add(link.target)
        near.setdefault(link.target, set()).add(link.source)
    keep = {focus} | near.get(focus, set())
    if len(keep) < 4:
        keep = keep.union(*(near.get(n, set()) for n in sorted(keep)))
    return {i: nodes[i] for i in sorted(keep)}, [link for link in links if link.source in keep and link.target in keep]


def _unit(text: str) -> float:
    """A number in [0, 1) from ``text``: the same on every machine and Python (no ``hash()``, no ``random``)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:6], "big") / float(1 << 48)


def _wrap(text: str) -> List[str]:
    """``text`` as shown (controls visible), in lines of at most :data:`_WRAP` characters, at most :data:`_LINES` lines."""
    words: List[str] = []
    for word in for_terminal(text).split(" "):
        while len(word) > _WRAP:
            words.append(word[:_WRAP])
            word = word[_WRAP:]
        if word:
            words.append(word)
    lines: List[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= _WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > _LINES:
        lines = lines[:_LINES]
        lines[-1] = lines[-1][: _WRAP - 1].rstrip() + "…"
    return lines or [""]


def _distances(n: int, edges: Sequence[Tuple[int, int]]) -> List[List[int]]:
    """Shortest-path lengths (in links) between every two nodes of one connected part, by breadth-first search."""
    near: List[List[int]] = [[] for _ in range(n)]
    for i, j in edges:
        near[i].append(j)
        near[j].append(i)
    table = []
    for s in range(n):
        dist = [-1] * n
        dist[s] = 0
        queue = [s]
        for v in queue:
            for w in near[v]:
                if dist[w] < 0:
                    dist[w] = dist[v] + 1
                    queue.append(w)
        table.append(dist)
    return table


def _principal(matrix: List[List[float]], seed: List[float], other: Optional[List[float]]) -> List[float]:
    """The leading eigenvector of a symmetric ``matrix`` (orthogonal to ``other``), by power iteration from ``seed``."""
    n = len(matrix)
    v = list(seed)
    for _ in range(100):
        if other is not None:
            dot = 0.0
            for k in range(n):
                dot += v[k] * other[k]
            v = [v[k] - dot * other[k] for k in range(n)]
        w = []
        for row in matrix:
            acc = 0.0
            for k in range(n):
                acc += row[k] * v[k]
            w.append(acc)
        norm = 0.0
        for value in w:
            norm += value * value
        norm = math.sqrt(norm)
        if norm == 0:
            return v
        v = [value / norm for value in w]
    return v


def _stress(ids: Sequence[str], edges: Sequence[Tuple[int, int]]) -> Tuple[List[float], List[float]]:
    """Positions of one connected part: stress majorization from a classical scaling.

    Each two nodes aim to be :data:`_K` times their distance in links apart,
    near pairs weighing most (weight ``d**-2``).  The start is classical
    multidimensional scaling, its two axes found by power iteration from
    vectors taken from a hash of the ids; then :data:`_ITERATIONS` rounds of
    the localized majorization update (Gansner, Koren and North, 2004).
    """
    n = len(ids)
    if n == 1:
        return [0.0], [0.0]
    hops = _distances(n, edges)
    # Classical scaling: the double-centred squared distances, whose two leading eigenvectors give a first picture.
    sq = [[float(h * h) for h in row] for row in hops]
    row_mean = []
    for row in sq:
        acc = 0.0
        for value in row:
            acc += value
        row_mean.append(acc / n)
    total = 0.0
    for value in row_mean:
        total += value
    grand = total / n
    centred = [[-0.5 * (sq[i][j] - row_mean[i] - row_mean[j] + grand) for j in range(n)] for i in range(n)]
    # Shifted by a bound on its eigenvalues (the largest absolute row sum), so that power iteration finds the
    # largest eigenvalues rather than the largest negative ones that a graph's distances also give.
    shift = 0.0
    for row in centred:
        acc = 0.0
        for value in row:
            acc += abs(value)
        shift = max(shift, acc)
    for i in range(n):
        centred[i][i] += shift
    first = _principal(centred, [_unit("x" + i) - 0.5 for i in ids], None)
    second = _principal(centred, [_unit("y" + i) - 0.5 for i in ids], first)
    # A little of the hashed start stays in, so that the picture is never a line (the update cannot leave one).
    xs = [(value + 0.05 * (_unit("x" + i) - 0.5)) * _K * math.sqrt(n) for value, i in zip(first, ids)]
    ys = [(value + 0.05 * (_unit("y" + i) - 0.5)) * _K * math.sqrt(n) for value, i in zip(second, ids)]
    target = [[_K * h for h in row] for row in hops]
    weight = [[1.0 / (h * h) if h else 0.0 for h in row] for row in hops]
    sums = []
    for row in weight:
        acc = 0.0
        for value in row:
            acc += value
        sums.append(acc)
    for _ in range(_ITERATIONS):
        for i in range(n):
            nx = ny = 0.0
            xi, yi, wi, ti = xs[i], ys[i], weight[i], target[i]
            for j in range(n):
                if j == i:
                    continue
                ddx, ddy = xi - xs[j], yi - ys[j]
                d = math.sqrt(ddx * ddx + ddy * ddy)
                if d < 1e-9:
                    # Two nodes on one spot: part them along a direction fixed by their order.
                    ddx, ddy, d = (1.0, 0.0, 1.0) if i < j else (-1.0, 0.0, 1.0)
                s = ti[j] / d
                nx += wi[j] * (xs[j] + s * ddx)
                ny += wi[j] * (ys[j] + s * ddy)
            xs[i], ys[i] = nx / sums[i], ny / sums[i]
    return xs, ys


def _overlapping(xs: Sequence[float], ys: Sequence[float], boxes: Sequence[_Box]) -> int:
    """How many pairs of boxes overlap (or come closer than :data:`_GAP`)."""
    n = len(xs)
    order = sorted(range(n), key=lambda i: (xs[i] + boxes[i].left, i))
    count = 0
    for a, i in enumerate(order):
        for j in order[a + 1:]:
            if xs[j] + boxes[j].left >= xs[i] + boxes[i].right + _GAP:
                break
            if (min(ys[i] + boxes[i].bottom, ys[j] + boxes[j].bottom) - max(ys[i] + boxes[i].top, ys[j] + boxes[j].top) + _GAP) > 0:
                count += 1
    return count


def _separate(xs: List[float], ys: List[float], boxes: Sequence[_Box]) -> None:
    """Make room for every box (with :data:`_GAP` to spare) and keep the picture's shape.

    First the whole part is scaled up, a tenth at a time, until at most one
    box in three overlaps another (or at most :data:`_GROWTH` times); then each two boxes that still overlap
    are pushed apart along the axis where they overlap least.
    """
    n = len(xs)
    for _ in range(_GROWTH):
        if _overlapping(xs, ys, boxes) * 3 <= n:
            break
        for i in range(n):
            xs[i] *= 1.1
            ys[i] *= 1.1
    for _ in range(400):
        moved = False
        order = sorted(range(n), key=lambda i: (xs[i] + boxes[i].left, i))
        for a, i in enumerate(order):
            for j in order[a + 1:]:
                if xs[j] + boxes[j].left >= xs[i] + boxes[i].right + _GAP:
                    break
                ox = min(xs[i] + boxes[i].right, xs[j] + boxes[j].right) - max(xs[i] + boxes[i].left, xs[j] + boxes[j].left) + _GAP
                oy = min(ys[i] + boxes[i].bottom, ys[j] + boxes[j].bottom) - max(ys[i] + boxes[i].top, ys[j] + boxes[j].top) + _GAP
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                # Nudge a little past the overlap so that rounding cannot leave a sliver.
                if ox < oy:
                    sign = 1.0 if (xs[j], j) > (xs[i], i) else -1.0
                    xs[i] -= sign * (ox / 2 + 0.05)
                    xs[j] += sign * (ox / 2 + 0.05)
                else:
                    sign = 1.0 if (ys[j], j) > (ys[i], i) else -1.0
                    ys[i] -= sign * (oy / 2 + 0.05)
                    ys[j] += sign * (oy / 2 + 0.05)
        if not moved:
            return


def _pack(sizes: Sequence[Tuple[float, float]], width: float) -> List[Tuple[float, float]]:
    """Top-left corners for rectangles of ``sizes`` (in the given order) within ``width``: each as high as it fits, then leftmost."""
    skyline: List[Tuple[float, float, float]] = [(0.0, width, 0.0)]  # (x, width, y) segments, left to right
    corners: List[Tuple[float, float]] = []
    for w, h in sizes:
        best: Optional[Tuple[float, float]] = None
        for x, _, _ in skyline:
            if x + w > width and x > 0:
                continue
            y = 0.0
            for sx, sw, sy in skyline:
                if sx < x + w and sx + sw > x:
                    y = max(y, sy)
            if best is None or (y, x) < (best[1], best[0]):
                best = (x, y)
        assert best is not None  # x = 0 always qualifies
        x, y = best
        corners.append(best)
        cut: List[Tuple[float, float, float]] = []
        for sx, sw, sy in skyline:
            if sx + sw <= x or sx >= x + w:
                cut.append((sx, sw, sy))
                continue
            if sx < x:
                cut.append((sx, x - sx, sy))
            if sx + sw > x + w:
                cut.append((x + w, sx + sw - x - w, sy))
        cut.append((x, w, y + h))
        skyline = sorted(cut)
    return corners


def _radius(degree: int, focus: bool) -> float:
    r = 8.0 + 2.2 * math.sqrt(degree)
    return r * 1.3 if focus else r


def _bound(shape: str, r: float) -> float:
    """The radius of the circle around a drawn shape."""
    return r if shape == "circle" else r * _DIAMOND if shape == "diamond" else r * _SQUARE * math.sqrt(2)


def _shape(kind: str, r: float, focus: bool) -> str:
    shape, fill = NODE_KINDS[kind]
    stroke = ' stroke="#000" stroke-width="3"' if focus else ' stroke="#333" stroke-width="1"'
    if shape == "circle":
        return f'<circle r="{r:.1f}" fill="{fill}"{stroke}/>'
    if shape == "diamond":
        d = r * _DIAMOND
        return f'<polygon points="0,{-d:.1f} {d:.1f},0 0,{d:.1f} {-d:.1f},0" fill="{fill}"{stroke}/>'
    s = r * _SQUARE
    return f'<rect x="{-s:.1f}" y="{-s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" rx="2" fill="{fill}"{stroke}/>'


def _legend(kinds: Sequence[str], edge_kinds: Sequence[str], x0: float, y0: float, width: float) -> Tuple[List[str], float]:
    """Legend entries for the node and link kinds drawn, flowing in rows; the elements and the height they take."""
    out: List[str] = []
    x, y, row = x0, y0, FONT + 10
    entries: List[Tuple[str, str]] = []
    for kind in kinds:
        entries.append((kind, _shape(kind, 6.5, False)))
    for kind in edge_kinds:
        colour, dash = EDGE_KINDS[kind]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        entries.append((kind, f'<line x1="-9" y1="0" x2="9" y2="0" stroke="{colour}" stroke-width="3"{dashed}/>'))
    for name, swatch in entries:
        need = 26 + text_width(name) + 18
        if x > x0 and x + need > x0 + width:
            x, y = x0, y + row
        out.append(f'<g transform="translate({x + 9:.1f},{y + 6:.1f})">{swatch}</g>')
        out.append(f'<text x="{x + 24:.1f}" y="{y + 11:.1f}" font-size="{FONT}">{for_xml(name)}</text>')
        x += need
    return out, y - y0 + row


class _Picture(NamedTuple):
    """What is drawn: the node ids in order, the linked pairs (each with its links, first drawn), each node's links."""

    ids: List[str]
    pairs: Dict[Tuple[str, str], List[_Link]]
    degree: List[int]


def _picture(nodes: Dict[str, _Node], links: Sequence[_Link], focus: Optional[str]) -> _Picture:
    """One line per linked pair (its links' texts together in the hover text, drawn as the first kind), and the nodes linked."""
    priority = {kind: i for i, kind in enumerate(EDGE_KINDS)}
    pairs: Dict[Tuple[str, str], List[_Link]] = {}
    for link in links:
        if link.source != link.target:
            pairs.setdefault((min(link.source, link.target), max(link.source, link.target)), []).append(link)
    for key in pairs:
        pairs[key] = sorted(set(pairs[key]), key=lambda link: (priority[link.kind], link.text, link.source))
    ids = sorted({i for pair in pairs for i in pair} | ({focus} if focus is not None else set()))
    index = {node_id: i for i, node_id in enumerate(ids)}
    degree = [0] * len(ids)
    for a, b in pairs:
        degree[index[a]] += 1
        degree[index[b]] += 1
    return _Picture(ids, dict(sorted(pairs.items())), degree)


def _parts(picture: _Picture) -> List[List[int]]:
    """The connected parts (node indexes), largest first, ties by their first id."""
    index = {node_id: i for i, node_id in enumerate(picture.ids)}
    root = list(range(len(picture.ids)))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    for a, b in picture.pairs:
        ra, rb = find(index[a]), find(index[b])
        root[max(ra, rb)] = min(ra, rb)
    parts: Dict[int, List[int]] = {}
    for i in range(len(picture.ids)):
        parts.setdefault(find(i), []).append(i)
    return sorted(parts.values(), key=lambda members: (-len(members), members[0]))


def _lay_out(picture: _Picture, boxes: Sequence[_Box], width: float, centre: bool) -> Tuple[List[float], List[float], float, float]:
    """Each part laid out alone and made room in, then packed; positions relative to the drawing's top left, its width and height."""
    index = {node_id: i for i, node_id in enumerate(picture.ids)}
    xs = [0.0] * len(picture.ids)
    ys = [0.0] * len(picture.ids)
    sizes: List[Tuple[float, float]] = []
    parts = _parts(picture)
    for members in parts:
        local = {i: k for k, i in enumerate(members)}
        edges = [(local[index[a]], local[index[b]]) for a, b in picture.pairs if index[a] in local]
        px, py = _stress([picture.ids[i] for i in members], edges)
        _separate(px, py, [boxes[i] for i in members])
        left = min(px[k] + boxes[i].left for k, i in enumerate(members))
        top = min(py[k] + boxes[i].top for k, i in enumerate(members))
        right = max(px[k] + boxes[i].right for k, i in enumerate(members))
        bottom = max(py[k] + boxes[i].bottom for k, i in enumerate(members))
        for k, i in enumerate(members):
            xs[i], ys[i] = px[k] - left, py[k] - top
        # Each part with the gap to its right and below, packed into the width between the margins.
        sizes.append((right - left + _PART_GAP, bottom - top + _PART_GAP))
    inner = max([width - 2 * _MARGIN + _PART_GAP, *(w for w, _ in sizes)])
    corners = _pack(sizes, inner)
    if centre and len(corners) == 1:
        corners[0] = ((inner - sizes[0][0]) / 2, 0.0)
    for members, (cx, cy) in zip(parts, corners):
        for i in members:
            xs[i] += cx + _MARGIN
            ys[i] += cy + _MARGIN
    height = max([cy + h for (_, cy), (_, h) in zip(corners, sizes)], default=_PART_GAP) - _PART_GAP + 2 * _MARGIN
    return xs, ys, inner - _PART_GAP + 2 * _MARGIN, height


def _labels(picture: _Picture, xs: Sequence[float], ys: Sequence[float], bounds: Sequence[float], lines: Sequence[List[str]],
            focus: Optional[str], area: Tuple[float, float, float, float]) -> Dict[int, Tuple[float, float, str]]:
    """Where each label goes (x, y of its top, text-anchor): most linked first, the first free place of below, above, right, left.

    A label that finds no free place inside ``area`` (left, top, right, bottom)
    is left out, unless it is the focus's or one of the :data:`_ALWAYS` most
    linked, which go below their node regardless.
    """
    ids = picture.ids
    by_rank = sorted(range(len(ids)), key=lambda i: (ids[i] != focus, -picture.degree[i], ids[i]))
    shapes = [(xs[i] - bounds[i], ys[i] - bounds[i], xs[i] + bounds[i], ys[i] + bounds[i]) for i in range(len(ids))]
    placed: List[Tuple[float, float, float, float]] = []
    chosen: Dict[int, Tuple[float, float, str]] = {}
    for rank, i in enumerate(by_rank):
        size = FONT if ids[i] == focus else SMALL
        w = max(text_width(line, size, bold=ids[i] == focus) for line in lines[i])
        h = len(lines[i]) * _LINE
        x, y, r = xs[i], ys[i], bounds[i]
        options = [
            (x, y + r + 4, "middle", (x - w / 2, y + r + 2, x + w / 2, y + r + 4 + h)),
            (x, y - r - 4 - h, "middle", (x - w / 2, y - r - 4 - h, x + w / 2, y - r - 2)),
            (x + r + 4, y - h / 2, "start", (x + r + 3, y - h / 2, x + r + 4 + w, y + h / 2)),
            (x - r - 4, y - h / 2, "end", (x - r - 4 - w, y - h / 2, x - r - 3, y + h / 2)),
        ]
        for lx, ly, anchor, rect in options:
            inside = area[0] <= rect[0] and rect[2] <= area[2] and area[1] <= rect[1] and rect[3] <= area[3]
            if inside and not any(overlaps(rect, p) for p in placed) and not any(
                    overlaps(rect, s) for k, s in enumerate(shapes) if k != i):
                break
        else:
            if rank >= _ALWAYS and ids[i] != focus:
                continue
            lx, ly, anchor, rect = options[0]
        placed.append(rect)
        chosen[i] = (lx, ly, anchor)
    return chosen


def _edge(pair: Tuple[str, str], group: Sequence[_Link], at: Dict[str, Tuple[float, float]], bound: Dict[str, float]) -> str:
    """One linked pair: a line (and an arrowhead at the target if the link has a direction), its links in the hover text."""
    first = group[0]
    colour, dash = EDGE_KINDS[first.kind]
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    (x1, y1), (x2, y2) = at[pair[0]], at[pair[1]]
    arrow = ""
    if first.directed:
        # An arrowhead at the rim of the target's shape, drawn as a polygon: a marker would need an id.
        (sx, sy), (tx, ty) = at[first.source], at[first.target]
        ddx, ddy = tx - sx, ty - sy
        d = math.sqrt(ddx * ddx + ddy * ddy)
        if d > 0:
            ux, uy = ddx / d, ddy / d
            back = bound[first.target] + 1
            px, py = tx - ux * back, ty - uy * back
            bx, by = px - ux * 10, py - uy * 10
            arrow = (f'<polygon points="{px:.1f},{py:.1f} {bx - uy * 4.5:.1f},{by + ux * 4.5:.1f} {bx + uy * 4.5:.1f},{by - ux * 4.5:.1f}" '
                     f'fill="{colour}" stroke="none"/>')
    tip = for_xml("; ".join(link.text for link in group))
    return (f'<g class="edge" data-from="{for_xml(pair[0])}" data-to="{for_xml(pair[1])}"><title>{tip}</title>'
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}"{dashed}/>{arrow}</g>')


def network_svg(ds: Dataset, *, focus: Optional[str] = None, href: Callable[[str], Optional[str]], prefix: str, title: str) -> str:
    """The network of ``ds`` as SVG: overall, or around the record ``focus``.

    Args:
        ds: the dataset.
        focus: a person, organisation, case or provision id: draw that
            record, its neighbours and the links among them (its neighbours'
            neighbours too when it has fewer than three).  None: every
            person, organisation and case with at least one link.
        href: the link of a node's id (None: not a link).
        prefix: unique among the figures of one page; begins every ``id``
            the figure gives (letters, digits, ``-`` and ``_``, a letter
            first).
        title: the figure's title.

    Raises:
        UsageError: ``prefix`` is not such a token.
        NotFoundError: no record has the id ``focus``.
    """
    if not isinstance(prefix, str) or not _PREFIX_RULE.match(prefix):
        raise UsageError(f"prefix must be letters, digits, '-' or '_', a letter first, not {for_terminal(repr(prefix))}")
    nodes, links = _graph(ds)
    if focus is not None:
        nodes, links = _ego(ds, nodes, links, focus)
    picture = _picture(nodes, links, focus)
    ids = picture.ids

    radii: List[float] = []
    bounds: List[float] = []
    lines: List[List[str]] = []
    boxes: List[_Box] = []
    for i, node_id in enumerate(ids):
        r = _radius(picture.degree[i], node_id == focus)
        bound = _bound(NODE_KINDS[nodes[node_id].kind][0], r)
        wrapped = _wrap(nodes[node_id].name)
        size = FONT if node_id == focus else SMALL
        half = max(bound, max(text_width(line, size, bold=node_id == focus) for line in wrapped) / 2 + 2)
        radii.append(r)
        bounds.append(bound)
        lines.append(wrapped)
        boxes.append(_Box(-half, -bound, half, bound + 4 + len(wrapped) * _LINE))
    xs, ys, width, graph_height = _lay_out(picture, boxes, _WIDTH if focus is None else 560.0, centre=focus is not None)

    # The title, then the legend of what is drawn, then the drawing.
    kinds = [k for k in NODE_KINDS if any(nodes[i].kind == k for i in ids)]
    edge_kinds = [k for k in EDGE_KINDS if any(group[0].kind == k for group in picture.pairs.values())]
    legend, legend_height = _legend(kinds, edge_kinds, _MARGIN, TITLE + 20, width - 2 * _MARGIN)
    top = TITLE + 20 + legend_height + 6
    xs = [round(x, 1) for x in xs]
    ys = [round(y + top, 1) for y in ys]
    height = top + (graph_height if ids else 40)
    placed = _labels(picture, xs, ys, bounds, lines, focus, (0.0, top, width, height))

    out: List[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{prefix}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" font-size="{SMALL}" role="img" '
        f'aria-labelledby="{prefix}-title">',
        f'<title id="{prefix}-title">{for_xml(title)}</title>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>',
        f'<text x="{_MARGIN:.1f}" y="{TITLE + 6}" font-size="{TITLE}" font-weight="bold">{for_xml(title)}</text>',
        *legend,
    ]
    if not ids:
        out.append(f'<text x="{_MARGIN:.1f}" y="{top + 20:.1f}" font-size="{FONT}">No links recorded.</text>')
    at = {node_id: (xs[i], ys[i]) for i, node_id in enumerate(ids)}
    bound_of = {node_id: bounds[i] for i, node_id in enumerate(ids)}
    out.append('<g fill="none" stroke-width="1.8" stroke-opacity="0.85">')
    out += [_edge(pair, group, at, bound_of) for pair, group in picture.pairs.items()]
    out.append("</g>")
    for i, node_id in enumerate(ids):
        node = nodes[node_id]
        is_focus = node_id == focus
        inner = [f"<title>{for_xml(node.hover)}</title>", _shape(node.kind, radii[i], is_focus)]
        if i in placed:
            lx, ly, anchor = placed[i]
            weight = ' font-weight="bold"' if is_focus else ""
            anchor_attr = f' text-anchor="{anchor}"' if anchor != "start" else ""
            spans = "".join(f'<tspan x="{lx - xs[i]:.1f}" y="{ly - ys[i] + (k + 1) * _LINE - 3:.1f}">{for_xml(line)}</tspan>'
                            for k, line in enumerate(lines[i]))
            # A white halo under the letters keeps a label legible where a link passes beneath it.
            inner.append(f'<text font-size="{FONT if is_focus else SMALL}"{weight}{anchor_attr} stroke="white" stroke-width="3" '
                         f'paint-order="stroke" stroke-linejoin="round">{spans}</text>')
        body = f'<g class="node" data-node="{for_xml(node_id)}" transform="translate({xs[i]:.1f},{ys[i]:.1f})">{"".join(inner)}</g>'
        url = href(node_id)
        out.append(f'<a href="{for_xml(url)}">{body}</a>' if url is not None else body)
    out.append("</svg>")
    return "\n".join(out) + "\n"
