"""GraphML: the dataset as a network for graph tools (networkx, Gephi, yEd, igraph).

Write-only: a graph holds a view of the data (who is linked to what, and
when), not the records, so :func:`kz_labour_rights.load` refuses it by name.

Nodes are people, organisations (``court`` when the organisation is one),
cases and legal provisions, keyed by record id.  Edges are directed and
typed; each says which record it comes from (``record``):

==============  ==========================  ====================================
``type``        from → to                   comes from
==============  ==========================  ====================================
``membership``  person → organisation       a Membership (``role``, dated)
``party``       person/organisation → case  ``Case.people``, ``Case.organisations``
``court``       court → case                ``Case.courts``
``provision``   case → provision            ``Case.provisions``; an event's
                                            provisions, from its case, or from
                                            each participant (dated)
``event``       participant → case          an Event with a case (dated)
``event``       person → organisation, or   an Event without a case: each pair
                organisation → organisation of its participants (dated)
``penalty``     person → case               a Penalty (dated)
``part-of``     organisation → parent       ``Organisation.parent``
relation kind   subject → object            a Relation between two nodes (dated)
==============  ==========================  ====================================

Dates are the partial-date strings as the data has them (``start``, ``end``;
an event's date and a relation's date are its edge's ``start``) plus
``start_earliest``/``start_latest``/``end_earliest``/``end_latest``, the
first and last ISO day each may mean — what Gephi's timeline needs.

Every attribute is declared with a ``<key>`` (``string``, ``boolean`` or
``int``); an empty or missing value is left out.  Key ids are prefixed by
their domain (``n_label``, ``e_type``) so that no tool mistakes one for a
property it reserves (Gephi reads key id ``d3`` as a yEd node label and an
edge key named ``id`` as the edge's id); tools show the ``attr.name``.
Text is escaped for XML; a control or bidirectional character, which no
loaded dataset holds, is written as a visible escape (``\\x1b``), as every
other output of this package does.  Output is sorted, so the same dataset
gives the same bytes.
"""

from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple, Union

from .._dataset import Dataset
from .._errors import DataError, Problem
from .._escape import for_xml
from .._model import Event, OrgKind, RelationKind
from .._values import PartialDate
from ._base import export_meta, read_head, write_text

__all__ = ["EDGE_TYPES", "FILES", "GRAPH_ID", "KEYS", "NAME", "NODE_TYPES", "recognise", "write"]

NAME = "graphml"
FILES: FrozenSet[str] = frozenset()
"""A GraphML export is one file, not a directory."""

GRAPH_ID = "kz-labour-rights"
"""The ``id`` of the one ``<graph>`` element (with the ``format`` graph datum, how an export is recognised)."""

Value = Union[str, bool, int]

# (domain, name, GraphML type), in the order the file declares them.
KEYS: Tuple[Tuple[str, str, str], ...] = (
    ("graph", "title", "string"),
    ("graph", "version", "string"),
    ("graph", "schema_version", "int"),
    ("graph", "checksum", "string"),
    ("graph", "format", "string"),
    ("graph", "license", "string"),
    ("graph", "description", "string"),
    ("node", "type", "string"),
    ("node", "label", "string"),
    ("node", "kind", "string"),
    ("node", "aliases", "string"),
    ("node", "pseudonym", "boolean"),
    ("node", "description", "string"),
    ("node", "summary", "string"),
    ("node", "instrument", "string"),
    ("node", "article", "string"),
    ("node", "part", "string"),
    ("node", "paragraph", "string"),
    ("node", "title", "string"),
    ("edge", "type", "string"),
    ("edge", "label", "string"),
    ("edge", "record", "string"),
    ("edge", "kind", "string"),
    ("edge", "role", "string"),
    ("edge", "start", "string"),
    ("edge", "start_earliest", "string"),
    ("edge", "start_latest", "string"),
    ("edge", "start_bound", "string"),
    ("edge", "end", "string"),
    ("edge", "end_earliest", "string"),
    ("edge", "end_latest", "string"),
    ("edge", "end_bound", "string"),
    ("edge", "date_of", "string"),
    ("edge", "status", "string"),
    ("edge", "place", "string"),
    ("edge", "count", "string"),
    ("edge", "counted", "string"),
    ("edge", "term", "string"),
    ("edge", "per_year", "boolean"),
    ("edge", "amount", "string"),
    ("edge", "currency", "string"),
    ("edge", "approximate", "boolean"),
    ("edge", "imposed_by", "string"),
    ("edge", "reason", "string"),
    ("edge", "summary", "string"),
)
"""Every attribute a GraphML export declares: (for, attr.name, attr.type)."""

NODE_TYPES: Tuple[str, ...] = ("person", "organisation", "court", "case", "provision")
"""The values of a node's ``type``."""

EDGE_TYPES: Tuple[str, ...] = ("membership", "party", "court", "provision", "event", "penalty", "part-of")
"""The values of an edge's ``type`` besides the relation kinds."""

_PREFIX = {"graph": "g", "node": "n", "edge": "e"}
_TYPES = {(domain, name): kind for domain, name, kind in KEYS}
_NS = "http://graphml.graphdrawing.org/xmlns"


def _key_id(domain: str, name: str) -> str:
    return f"{_PREFIX[domain]}_{name}"


def _data(domain: str, attrs: Dict[str, Optional[Value]], indent: str) -> List[str]:
    """``<data>`` lines for ``attrs`` in declaration order, empty values left out."""
    lines = []
    for d, name, _ in KEYS:
        if d != domain:
            continue
        value = attrs.get(name)
        if value is None or value == "":
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else for_xml(str(value))
        lines.append(f'{indent}<data key="{_key_id(domain, name)}">{text}</data>')
    unknown = set(attrs) - {n for d, n, _ in KEYS if d == domain}
    assert not unknown, f"undeclared {domain} attributes {sorted(unknown)}"  # a writer bug, not a data fault
    return lines


def _dates(prefix: str, value: Optional[PartialDate]) -> Dict[str, Optional[Value]]:
    if value is None:
        return {}
    return {prefix: str(value), f"{prefix}_earliest": value.earliest().isoformat(), f"{prefix}_latest": value.latest().isoformat()}


def _nodes(ds: Dataset) -> Dict[str, Dict[str, Optional[Value]]]:
    nodes: Dict[str, Dict[str, Optional[Value]]] = {}
    for person in ds.people:
        nodes[person.id] = {"type": "person", "label": person.name, "aliases": " | ".join(person.aliases),
                            "pseudonym": person.pseudonym, "description": person.description}
    for org in ds.organisations:
        nodes[org.id] = {"type": "court" if org.kind is OrgKind.COURT else "organisation", "label": org.name, "kind": org.kind.value,
                         "aliases": " | ".join(org.aliases), "description": org.description}
    for case in ds.cases:
        nodes[case.id] = {"type": "case", "label": case.title, "kind": case.kind.value, "summary": case.summary}
    for p in ds.provisions:
        nodes[p.id] = {"type": "provision", "label": p.citation, "instrument": p.instrument, "article": p.article,
                       "part": p.part, "paragraph": p.paragraph, "title": p.title, "aliases": " | ".join(p.aliases)}
    return nodes


Edge = Tuple[str, str, str, str, Dict[str, Optional[Value]]]  # source, target, type, record, attributes


def _event_edges(e: Event) -> Iterable[Edge]:
    when: Dict[str, Optional[Value]] = {
        "kind": e.kind.value, "label": e.kind.value, **_dates("start", e.date), "start_bound": e.date_bound.value if e.date_bound else None,
        **_dates("end", e.end), "date_of": e.date_of.value if e.date_of else None, "status": e.status.value, "place": e.place,
        "count": e.count, "counted": e.counted.value if e.counted else None, "summary": e.summary,
    }
    participants = list(dict.fromkeys((*e.people, *e.organisations)))
    if e.case is not None:
        for who in participants:
            yield who, e.case, "event", e.id, when
        for p in e.provisions:
            yield e.case, p, "provision", e.id, when
        return
    # No case to meet at: the event links its participants to each other,
    # people towards organisations, organisations in id order.
    people, orgs = list(dict.fromkeys(e.people)), sorted(set(e.organisations))
    for person in people:
        for org in orgs:
            yield person, org, "event", e.id, when
    for i, a in enumerate(orgs):
        for b in orgs[i + 1:]:
            yield a, b, "event", e.id, when
    for who in participants:
        for p in e.provisions:
            yield who, p, "provision", e.id, when


def _edges(ds: Dataset) -> Iterable[Edge]:
    for m in ds.memberships:
        yield m.person, m.organisation, "membership", m.id, {
            "role": m.role, "label": m.role, **_dates("start", m.start), "start_bound": m.start_bound.value if m.start_bound else None,
            **_dates("end", m.end), "end_bound": m.end_bound.value if m.end_bound else None}
    for org in ds.organisations:
        if org.parent is not None:
            yield org.id, org.parent, "part-of", org.id, {"label": "part-of"}
    for case in ds.cases:
        for who in (*case.people, *case.organisations):
            yield who, case.id, "party", case.id, {"label": "party"}
        for court in case.courts:
            yield court, case.id, "court", case.id, {"label": "court"}
        for p in case.provisions:
            yield case.id, p, "provision", case.id, {"label": "provision"}
    for e in ds.events:
        yield from _event_edges(e)
    for pen in ds.penalties:
        money = pen.amount
        yield pen.person, pen.case, "penalty", pen.id, {
            "kind": pen.kind.value, "label": pen.kind.value, "term": str(pen.term) if pen.term else None, "per_year": pen.per_year or None,
            "amount": str(money.amount) if money else None, "currency": money.currency if money else None,
            "approximate": (money.approximate or None) if money else None, "imposed_by": pen.imposed_by,
            **_dates("start", pen.start), **_dates("end", pen.end), "summary": pen.summary}
    for r in ds.relations:
        yield r.subject, r.object, r.kind.value, r.id, {"kind": r.kind.value, "label": r.kind.value, **_dates("start", r.date), "reason": r.reason}


_RELATION_KINDS = frozenset(k.value for k in RelationKind)


def _graph(ds: Dataset) -> Tuple[Dict[str, Dict[str, Optional[Value]]], List[Tuple[str, str, str, Dict[str, Optional[Value]]]]]:
    """The nodes by id, and the edges as (edge id, source, target, attributes), sorted.

    Raises:
        DataError: a record refers to a person, organisation, case or
            provision the dataset does not hold (only a dataset built in
            Python without :func:`kz_labour_rights.load` can).
    """
    nodes = _nodes(ds)
    others = {r.id for name in ("sources", "events", "penalties", "memberships", "relations", "discrepancies") for r in ds.collection(name)}
    problems: List[Problem] = []
    edges: Dict[str, Tuple[str, str, str, Dict[str, Optional[Value]]]] = {}
    for source, target, kind, record, attrs in _edges(ds):
        missing = [x for x in (source, target) if x not in nodes]
        if missing:
            if kind in _RELATION_KINDS and all(x in others or x in nodes for x in (source, target)):
                continue  # a relation to a record that is no node (an event, a source) is not part of the network
            problems.extend(Problem(file=NAME, record=record, message=f"refers to {x!r}, which the dataset does not hold") for x in missing)
            continue
        edge_id = f"{record} {kind} {source} {target}"
        edges[edge_id] = (source, target, edge_id, {"type": kind, "record": record, **attrs})
    if problems:
        raise DataError(problems)
    ordered = sorted(edges.values(), key=lambda e: (e[0], e[1], e[3]["type"] or "", e[3]["record"] or "", e[2]))
    return nodes, [(edge_id, s, t, a) for s, t, edge_id, a in ordered]


def graphml_text(ds: Dataset) -> str:
    """The GraphML document of ``ds`` (see the module docstring)."""
    nodes, edges = _graph(ds)
    meta = export_meta(ds, NAME)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<graphml xmlns="{_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{_NS} {_NS}/1.0/graphml.xsd">',
    ]
    lines += [f'  <key id="{_key_id(d, n)}" for="{d}" attr.name="{n}" attr.type="{t}"/>' for d, n, t in KEYS]
    lines.append(f'  <graph id="{GRAPH_ID}" edgedefault="directed">')
    lines += _data("graph", {"title": meta.title, "version": meta.version, "schema_version": meta.schema_version, "checksum": meta.checksum,
                             "format": NAME, "license": meta.license, "description": meta.description}, "    ")
    for node_id in sorted(nodes):
        lines.append(f'    <node id="{for_xml(node_id)}">')
        lines += _data("node", nodes[node_id], "      ")
        lines.append("    </node>")
    for edge_id, source, target, attrs in edges:
        lines.append(f'    <edge id="{for_xml(edge_id)}" source="{for_xml(source)}" target="{for_xml(target)}">')
        lines += _data("edge", attrs, "      ")
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


def write(ds: Dataset, out: Path) -> None:
    """Write ``ds`` as GraphML into the (new) file ``out``."""
    write_text(out, graphml_text(ds))


def recognise(path: Path) -> bool:
    """Whether regular file ``path`` is a GraphML export of this package (only its head is read)."""
    head = read_head(path)
    return (head.startswith(b"<?xml") and f'<graph id="{GRAPH_ID}"'.encode() in head
            and f'<data key="{_key_id("graph", "format")}">{NAME}</data>'.encode() in head)
