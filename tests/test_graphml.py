"""The GraphML export: networkx reads it, its counts are what the dataset implies, and text survives escaping."""

import random
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Tuple

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from kz_labour_rights import DataError, Dataset, PartialDate, export, load
from kz_labour_rights._dataset import RECORD_TYPES
from kz_labour_rights._escape import CONTROL_CHARACTERS, for_terminal
from kz_labour_rights.formats.graphml import EDGE_TYPES, GRAPH_ID, KEYS, NODE_TYPES, graphml_text, recognise
from strategies import HOSTILE, hostile_records, networks, unchecked_dataset

nx = pytest.importorskip("networkx", reason="networkx reads the GraphML in these tests: pip install networkx (it is in the test extra)")

NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The packaged dataset's GraphML export as networkx reads it."""
    return nx.read_graphml(export(load(), "graphml", tmp_path_factory.mktemp("g") / "kz.graphml"))


def _read(ds: Dataset, tmp_path: Path) -> Any:
    return nx.read_graphml(export(ds, "graphml", tmp_path / "x.graphml", force=True))


def _expected_edges(ds: Dataset) -> Counter:
    """Edges per type, counted from the records the way docs/formats.md describes them."""
    nodes = {r.id for name in ("people", "organisations", "cases", "provisions") for r in ds.collection(name)}
    n: Counter = Counter()
    n["membership"] = len(ds.memberships)
    n["part-of"] = sum(1 for o in ds.organisations if o.parent)
    for c in ds.cases:
        n["party"] += len(set(c.people)) + len(set(c.organisations))
        n["court"] += len(set(c.courts))
        n["provision"] += len(set(c.provisions))
    for e in ds.events:
        people, orgs, laws = len(set(e.people)), len(set(e.organisations)), len(set(e.provisions))
        if e.case:
            n["event"] += people + orgs
            n["provision"] += laws
        else:
            n["event"] += people * orgs + orgs * (orgs - 1) // 2
            n["provision"] += (people + orgs) * laws
    n["penalty"] = len(ds.penalties)
    for r in ds.relations:
        if r.subject in nodes and r.object in nodes:
            n[r.kind.value] += 1
    return +n


def test_networkx_reads_one_node_per_person_organisation_case_and_provision(graph: Any) -> None:
    """A directed multigraph whose nodes are the records of the four node types, keyed by id, each typed and labelled."""
    ds = load()
    assert isinstance(graph, nx.MultiDiGraph)
    expected = {r.id: name for name in ("people", "organisations", "cases", "provisions") for r in ds.collection(name)}
    assert sorted(expected) == sorted(graph.nodes)
    types = Counter(data["type"] for _, data in graph.nodes(data=True))
    courts = sum(1 for o in ds.organisations if o.kind.value == "court")
    assert {"person": len(ds.people), "organisation": len(ds.organisations) - courts, "court": courts, "case": len(ds.cases),
            "provision": len(ds.provisions)} == dict(types)
    assert set(types) <= set(NODE_TYPES)


def test_edge_counts_are_what_the_dataset_implies(graph: Any) -> None:
    """Edges per type equal the counts worked out from the records (memberships, parties, courts, provisions, events, penalties, relations)."""
    assert _expected_edges(load()) == Counter(data["type"] for _, _, data in graph.edges(data=True))


def test_kharkova_links_to_her_case_and_her_union(graph: Any) -> None:
    """Larisa Kharkova's node has a party edge to her 2017 case, a membership edge (president) to KNPRK, and her penalties."""
    node = graph.nodes["person:larisa-kharkova"]
    assert ("person", "Larisa Kharkova") == (node["type"], node["label"])
    out = [(v, d["type"], d.get("role"), d["record"]) for _, v, d in graph.out_edges("person:larisa-kharkova", data=True)]
    assert ("case:kharkova-2017", "party", None, "case:kharkova-2017") in out
    assert ("org:knprk", "membership", "president", "membership:kharkova-knprk-president") in out
    assert {p.id for p in load().penalties_of("person:larisa-kharkova")} == {r for v, t, _, r in out if t == "penalty"}
    assert "confederation" == graph.nodes["org:knprk"]["kind"]


def test_edges_are_dated_with_their_bounds(graph: Any) -> None:
    """An event's date is its edge's start, with the first and last day it may mean: a day is one day, a month its whole month."""
    edges = {(d["record"], v): d for _, v, d in graph.edges(data=True)}
    verdict = edges["event:kharkova-2017-07-25-verdict", "case:kharkova-2017"]
    assert ("verdict", "2017-07-25", "2017-07-25", "2017-07-25") == (verdict["kind"], verdict["start"], verdict["start_earliest"], verdict["start_latest"])
    ruling = edges["event:kharkova-2018-01-community-service-challenge", "case:kharkova-2017"]
    assert ("2018-01", "2018-01-01", "2018-01-31") == (ruling["start"], ruling["start_earliest"], ruling["start_latest"])
    restriction = edges["penalty:kharkova-restriction-of-liberty-4y", "case:kharkova-2017"]
    assert ("P4Y", "2017-11-09", "2021-11-09") == (restriction["term"], restriction["start"], restriction["end_latest"])
    for _, _, d in graph.edges(data=True):
        for side in ("start", "end"):
            if side in d:
                span = PartialDate.parse(d[side])
                assert (span.earliest().isoformat(), span.latest().isoformat()) == (d[f"{side}_earliest"], d[f"{side}_latest"])


def test_graph_carries_the_meta(graph: Any) -> None:
    """The graph's own data names the dataset: title, version, schema, checksum, licence and the format."""
    ds = load()
    meta = {k: graph.graph[k] for k in ("title", "version", "schema_version", "checksum", "license", "format")}
    assert {"title": ds.meta.title, "version": ds.version, "schema_version": 3, "checksum": ds.checksum, "license": ds.meta.license,
            "format": "graphml"} == meta


def test_every_attribute_is_declared_with_a_type(tmp_path: Path) -> None:
    """Each <data> names a declared <key> of its element's domain, typed string, boolean or int; key ids are domain-prefixed."""
    root = ET.parse(export(load(), "graphml", tmp_path / "x.graphml")).getroot()
    keys = {k.get("id"): (k.get("for"), k.get("attr.type")) for k in root.iter(f"{NS}key")}
    assert {(d, t) for d, _, t in KEYS} >= set(keys.values()) and {"string", "boolean", "int"} >= {t for _, t in keys.values()}
    assert all(str(k).startswith(f"{d[0]}_") for k, (d, _) in keys.items())
    [graph] = root.iter(f"{NS}graph")
    assert (GRAPH_ID, "directed") == (graph.get("id"), graph.get("edgedefault"))
    for element in root.iter():
        domain = element.tag.replace(NS, "")
        for data in element.findall(f"{NS}data"):
            assert domain == keys[data.get("key")][0]
            assert data.text and (keys[data.get("key")][1] != "boolean" or data.text in ("true", "false"))
    edge_ids = [e.get("id") for e in root.iter(f"{NS}edge")]
    assert len(edge_ids) == len(set(edge_ids))


def test_edge_types_are_the_documented_ones(graph: Any) -> None:
    """Every edge type is one of EDGE_TYPES or a relation kind, and every record an edge names exists."""
    from kz_labour_rights import RelationKind

    ds = load()
    assert {d["type"] for _, _, d in graph.edges(data=True)} <= set(EDGE_TYPES) | {k.value for k in RelationKind}
    assert all(ds.get(d["record"]).id == d["record"] for _, _, d in graph.edges(data=True))


def test_same_dataset_same_bytes_whatever_the_record_order() -> None:
    """Writing is deterministic: shuffled collections give the identical document."""
    ds = load()
    shuffled = {t.name: random.Random(7).sample(list(ds.collection(t.name)), len(ds.collection(t.name))) for t in RECORD_TYPES}
    assert graphml_text(ds) == graphml_text(Dataset(meta=ds.meta, records=shuffled, redirects=ds.redirect_records()))


def test_hostile_text_round_trips_through_networkx(tmp_path: Path) -> None:
    """Markup, links and table cells come back exactly; control and bidi characters as visible escapes, never raw."""
    ds = unchecked_dataset(hostile_records())
    path = export(ds, "graphml", tmp_path / "h.graphml")
    assert CONTROL_CHARACTERS.search(path.read_text(encoding="utf-8").replace("\n", "")) is None
    graph = nx.read_graphml(path)
    for p in ds.people:
        assert (for_terminal(p.name), for_terminal(" | ".join(p.aliases)), for_terminal(p.description)) == (
            graph.nodes[p.id]["label"], graph.nodes[p.id].get("aliases", ""), graph.nodes[p.id].get("description", ""))
    assert HOSTILE["html"] == graph.nodes["person:p"]["label"]
    assert HOSTILE["cells"] == graph.nodes["org:o"]["label"]
    assert HOSTILE["link"] + HOSTILE["html"] == graph.nodes["case:c"]["label"]
    assert "two\\x0alines\\x1b]0;owned\\x07\\x1b[2J" == graph.nodes["person:p"]["description"]
    summaries = {d["summary"] for _, _, d in graph.edges(data=True) if d["record"] == "event:e"}
    assert {for_terminal(HOSTILE["html"] + HOSTILE["terminal"] + HOSTILE["bidi"])} == summaries


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=25)
@given(networks())
def test_generated_networks_round_trip_their_text_and_counts(tmp_path: Path, ds: Dataset) -> None:
    """Any text a loaded dataset may hold (all of Unicode but controls) reads back exactly; counts are as implied."""
    graph = _read(ds, tmp_path)
    expected: Dict[str, Dict[str, Any]] = {}
    for p in ds.people:
        expected[p.id] = {"type": "person", "label": p.name, "aliases": " | ".join(p.aliases), "pseudonym": p.pseudonym, "description": p.description}
    for o in ds.organisations:
        expected[o.id] = {"type": "court" if o.kind.value == "court" else "organisation", "label": o.name, "kind": o.kind.value,
                          "aliases": " | ".join(o.aliases), "description": o.description}
    for c in ds.cases:
        expected[c.id] = {"type": "case", "label": c.title, "kind": c.kind.value, "summary": c.summary}
    for lp in ds.provisions:
        expected[lp.id] = {"type": "provision", "label": lp.citation, "instrument": lp.instrument, "article": lp.article, "part": lp.part,
                           "paragraph": lp.paragraph, "title": lp.title, "aliases": " | ".join(lp.aliases)}
    actual = {n: {k: data.get(k, "" if k != "pseudonym" else False) for k in expected[n]} for n, data in graph.nodes(data=True)}
    assert {n: {k: v if v is not None else "" for k, v in e.items()} for n, e in expected.items()} == actual
    assert _expected_edges(ds) == Counter(data["type"] for _, _, data in graph.edges(data=True))
    summaries = {(d["record"], d["summary"]) for _, _, d in graph.edges(data=True) if d["type"] == "event"}
    assert summaries <= {(e.id, e.summary) for e in ds.events}


def test_a_reference_to_no_record_is_refused_and_nothing_written(tmp_path: Path) -> None:
    """A dataset built in Python whose membership names a missing organisation: DataError naming the record; no file."""
    ds = load()
    records: Dict[str, List[Any]] = {t.name: list(ds.collection(t.name)) for t in RECORD_TYPES}
    records["memberships"][0] = attrs.evolve(records["memberships"][0], organisation="org:nowhere")
    with pytest.raises(DataError) as info:
        export(Dataset(meta=ds.meta, records=records), "graphml", tmp_path / "x.graphml")
    assert [(records["memberships"][0].id, "'org:nowhere'")] == [(p.record, p.message.split()[2].rstrip(",")) for p in info.value.problems]
    assert [] == list(tmp_path.iterdir())


def test_relations_to_records_that_are_no_nodes_are_left_out(tmp_path: Path) -> None:
    """A relation between two events is not part of the network; between two people it is an edge typed by its kind."""
    ds = load()
    events = list(ds.events)[:2]
    relations = list(ds.relations)
    relations[0] = attrs.evolve(relations[0], subject=events[0].id, object=events[1].id)
    records: Dict[str, List[Any]] = {t.name: list(ds.collection(t.name)) for t in RECORD_TYPES}
    records["relations"] = relations
    graph = _read(Dataset(meta=ds.meta, records=records), tmp_path)
    assert relations[0].id not in {d["record"] for _, _, d in graph.edges(data=True)}
    assert relations[1].id in {d["record"] for _, _, d in graph.edges(data=True)}


def test_recognise_needs_the_graph_id_and_format_in_the_head(tmp_path: Path) -> None:
    """Only a file starting with this package's graph element and format datum is taken for a GraphML export."""
    path = export(load(), "graphml", tmp_path / "x.graphml")
    text = path.read_text(encoding="utf-8")
    cases: List[Tuple[str, bool]] = [(text, True), (text.replace(GRAPH_ID, "other", 1), False),
                                     (text.replace(">graphml</data>", ">gexf</data>", 1), False), ("", False), (text[5:], False)]
    for content, expected in cases:
        path.write_text(content, encoding="utf-8")
        assert expected == recognise(path)
    assert not recognise(tmp_path) and not recognise(tmp_path / "missing")
