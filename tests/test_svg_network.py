"""The network picture: well-formed, deterministic SVG whose nodes and links are the ones the records state, laid out
without overlaps, with legible text, the caller's links and every text escaped."""

import math
import re
import xml.etree.ElementTree as ET
from typing import Dict, List, Optional, Set, Tuple

import pytest
from hypothesis import given

from kz_labour_rights import NotFoundError, OrgKind, UsageError, load
from kz_labour_rights._dataset import Dataset
from kz_labour_rights._escape import CONTROL_CHARACTERS
from kz_labour_rights._svg import network_svg

from strategies import HOSTILE, hostile_records, networks, unchecked_dataset

SVG = "{http://www.w3.org/2000/svg}"
UNIONS = (OrgKind.UNION, OrgKind.FEDERATION, OrgKind.CONFEDERATION)


def href(record_id: str) -> Optional[str]:
    """Links as the catalogue gives them: a relative page per person, organisation and case; none for the rest."""
    folder = {"person": "people", "org": "organisations", "case": "cases"}.get(record_id.split(":", 1)[0])
    return None if folder is None else f"../{folder}/{record_id.replace(':', '-').replace('/', '-')}.html"


def draw(ds: Dataset, focus: Optional[str] = None) -> str:
    """The picture with the test's links and a fixed prefix."""
    return network_svg(ds, focus=focus, href=href, prefix="net-1", title="Who is linked to whom")


def nodes_of(svg: str) -> Dict[str, ET.Element]:
    """The node groups of a picture, by record id."""
    return {g.attrib["data-node"]: g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "node"}


def edges_of(svg: str) -> List[Tuple[str, str]]:
    """The drawn links of a picture, as (one end, other end)."""
    return [(g.attrib["data-from"], g.attrib["data-to"]) for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "edge"]


def linked(ds: Dataset) -> Set[str]:
    """The people, organisations and cases some record links to another one, computed from the records alone."""
    drawn = {r.id for name in ("people", "organisations", "cases") for r in ds.collection(name)}
    pairs: List[Tuple[str, str]] = [(m.person, m.organisation) for m in ds.memberships]
    pairs += [(o.id, o.parent) for o in ds.organisations if o.parent is not None]
    pairs += [(who, c.id) for c in ds.cases for who in (*c.people, *c.organisations, *c.courts)]
    pairs += [(r.subject, r.object) for r in ds.relations]
    return {x for a, b in pairs if a != b and a in drawn and b in drawn for x in (a, b)}


def neighbours(edges: List[Tuple[str, str]], record_id: str) -> Set[str]:
    """The records linked to ``record_id`` by ``edges`` (a picture's links)."""
    return {b if a == record_id else a for a, b in edges if record_id in (a, b)}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    """The packaged dataset, loaded once."""
    return load()


@pytest.fixture(scope="module")
def overall(ds: Dataset) -> str:
    """The overall picture of the packaged dataset, drawn once."""
    return draw(ds)


def test_overall_is_well_formed_and_deterministic(ds: Dataset, overall: str) -> None:
    """The overall picture parses as SVG with a viewBox (so that it scales) and is byte-identical when drawn again."""
    root = ET.fromstring(overall)
    assert f"{SVG}svg" == root.tag
    assert re.fullmatch(r"0 0 \d+ \d+", root.attrib["viewBox"])
    assert overall == draw(ds)


def test_overall_nodes_are_the_linked_records(ds: Dataset, overall: str) -> None:
    """The nodes are exactly the people, organisations and cases some membership, case, parent or relation links."""
    assert linked(ds) == set(nodes_of(overall))


def test_every_link_joins_two_nodes(ds: Dataset, overall: str) -> None:
    """Each drawn link's ends are nodes of the same picture, overall and around a record, and no pair is drawn twice."""
    for svg in (overall, draw(ds, "case:kharkova-2017"), draw(ds, "org:knprk")):
        nodes, edges = set(nodes_of(svg)), edges_of(svg)
        assert [] == [e for e in edges if not set(e) <= nodes]
        assert len(edges) == len({frozenset(e) for e in edges})


def test_kharkova_network_holds_her_case_and_unions(ds: Dataset) -> None:
    """Kharkova's picture holds her, her case and every union she belongs to, and emphasises her."""
    svg = draw(ds, "person:larisa-kharkova")
    unions = {m.organisation for m in ds.memberships_of("person:larisa-kharkova") if ds.organisations[m.organisation].kind in UNIONS}
    cases = {c.id for c in ds.cases_of("person:larisa-kharkova")}
    assert "case:kharkova-2017" in cases
    assert len(unions) >= 1
    assert set() == ({"person:larisa-kharkova"} | cases | unions) - set(nodes_of(svg))
    shape = nodes_of(svg)["person:larisa-kharkova"][1]
    assert "3" == shape.get("stroke-width")


def test_ego_is_the_record_and_its_neighbours(ds: Dataset, overall: str) -> None:
    """Around a union, the picture is the union and its neighbours in the overall picture (it has more than three)."""
    near = neighbours(edges_of(overall), "org:knprk")
    assert len(near) >= 3
    assert {"org:knprk"} | near == set(nodes_of(draw(ds, "org:knprk")))


def test_ego_reaches_two_links_when_one_gives_few(ds: Dataset, overall: str) -> None:
    """A record with fewer than three neighbours gets its neighbours' neighbours too."""
    edges = edges_of(overall)
    few = sorted(p.id for p in ds.people if 1 <= len(neighbours(edges, p.id)) < 3)
    assert few
    record = few[0]
    near = neighbours(edges, record)
    second = set().union(*(neighbours(edges, n) for n in near))
    assert {record} | near | second == set(nodes_of(draw(ds, record)))


def test_case_picture_shows_its_provisions(ds: Dataset) -> None:
    """A case's picture holds the provisions the case applied, linked to the case."""
    case = ds.cases["case:kharkova-2017"]
    assert case.provisions
    svg = draw(ds, case.id)
    assert set(case.provisions) <= set(nodes_of(svg))
    assert {frozenset((case.id, p)) for p in case.provisions} <= {frozenset(e) for e in edges_of(svg)}


def _centres_and_radii(svg: str) -> List[Tuple[str, float, float, float]]:
    """Each node's id, centre and the radius of the circle around its drawn shape."""
    out = []
    for node_id, g in nodes_of(svg).items():
        at = re.fullmatch(r"translate\(([-\d.]+),([-\d.]+)\)", g.attrib["transform"])
        assert at is not None
        x, y = float(at[1]), float(at[2])
        shape = g[1]
        if shape.tag == f"{SVG}circle":
            r = float(shape.attrib["r"])
        elif shape.tag == f"{SVG}rect":
            r = float(shape.attrib["width"]) / 2 * math.sqrt(2)
        else:
            r = max(abs(float(v)) for point in shape.attrib["points"].split() for v in point.split(","))
        out.append((node_id, x, y, r))
    return out


def test_no_two_nodes_overlap(overall: str) -> None:
    """In the overall picture no two node shapes come closer than the sum of their radii."""
    nodes = _centres_and_radii(overall)
    close = [(a[0], b[0]) for i, a in enumerate(nodes) for b in nodes[i + 1:] if math.dist(a[1:3], b[1:3]) < a[3] + b[3]]
    assert [] == close


def test_every_node_is_labelled_in_the_overall_picture(ds: Dataset, overall: str) -> None:
    """The layout leaves room for every label: each node of the overall picture carries its name (wrapped), in the data's words."""
    from kz_labour_rights._collection import display_name

    unlabelled = [node_id for node_id, g in nodes_of(overall).items() if g.find(f"{SVG}text") is None]
    assert [] == unlabelled
    g = nodes_of(overall)["person:larisa-kharkova"]
    assert display_name(ds.people["person:larisa-kharkova"]) == " ".join(t.text or "" for t in g.iter(f"{SVG}tspan"))


def test_text_is_at_least_12_px(ds: Dataset, overall: str) -> None:
    """Every font size in the pictures is 12 px or more."""
    for svg in (overall, draw(ds, "case:kharkova-2017")):
        sizes = [float(e.attrib["font-size"]) for e in ET.fromstring(svg).iter() if "font-size" in e.attrib]
        assert sizes
        assert [] == [s for s in sizes if s < 12]


def test_nodes_link_where_href_says(ds: Dataset, overall: str) -> None:
    """Each node is wrapped in a link exactly when href() gives one, and the link is the one it gave."""
    for svg in (overall, draw(ds, "case:kharkova-2017")):
        root = ET.fromstring(svg)
        wrapped = {a[0].attrib["data-node"]: a.attrib["href"] for a in root.iter(f"{SVG}a")}
        expected = {node_id: href(node_id) for node_id in nodes_of(svg) if href(node_id) is not None}
        assert expected == wrapped
    # The case's provisions are nodes href() gives no link: they stand bare.
    assert {n for n in nodes_of(draw(ds, "case:kharkova-2017")) if n.startswith("provision:")}


def test_node_hover_names_record_and_kind(ds: Dataset, overall: str) -> None:
    """Each node's hover text names the record and its kind."""
    g = nodes_of(overall)["org:knprk"]
    title = g.find(f"{SVG}title")
    assert title is not None
    assert f"{ds.organisations['org:knprk'].name} (organisation: confederation)" == title.text


def test_membership_hover_gives_the_role(ds: Dataset, overall: str) -> None:
    """A membership link's hover text gives the role."""
    root = ET.fromstring(overall)
    m = ds.memberships_of("person:larisa-kharkova")[0]
    ends = {m.person, m.organisation}
    tips = [g.findtext(f"{SVG}title") or "" for g in root.iter(f"{SVG}g")
            if g.get("class") == "edge" and {g.get("data-from"), g.get("data-to")} == ends]
    assert 1 == len(tips)
    assert f": {m.role} of " in tips[0]


def test_hostile_names_are_escaped() -> None:
    """Names that would inject markup or steer a terminal come out as inert, visible text, overall and around a case."""
    records = hostile_records()
    records["people"][1]["name"] = HOSTILE["terminal"] + " " + HOSTILE["newline"]
    ds = unchecked_dataset(records)
    for svg in (draw(ds, "case:c"), draw(ds)):
        root = ET.fromstring(svg)  # parses: nothing unescaped broke the XML
        assert [] == [e.tag for e in root.iter() if e.tag.split("}")[-1] in ("script", "foreignObject")]
        assert not CONTROL_CHARACTERS.search(svg.replace("\n", ""))
        hover = " ".join("".join(e.itertext()) for e in root.iter(f"{SVG}title"))
        labels = " ".join(e.text or "" for e in root.iter(f"{SVG}tspan"))
        assert HOSTILE["html"] in hover  # as text, not markup
        assert "\\x1b]0;owned\\x07" in hover and "two\\x0alines" in hover
        # Labels are wrapped (a long word cut across lines), so look for pieces that fit on one line.
        assert "<script>" in labels and "\\x1b]0;owned" in labels and "two\\x0alines" in labels
    assert "evil\\u202egnp.exe" in hover and "evil\\u202egnp.exe" in labels  # the branch: drawn last, in the overall picture only


def test_prefix_must_be_a_token(ds: Dataset) -> None:
    """Every id the figure gives begins with the caller's prefix; a prefix that is no safe token is refused."""
    ids = [e.attrib["id"] for e in ET.fromstring(draw(ds, "org:knprk")).iter() if "id" in e.attrib]
    assert ids
    assert [] == [i for i in ids if not i.startswith("net-1")]
    for bad in ("", "1x", 'a"b', "a b", "a:b"):
        with pytest.raises(UsageError):
            network_svg(ds, href=href, prefix=bad, title="t")


def test_unknown_focus_is_refused(ds: Dataset) -> None:
    """A focus that is no record's id raises NotFoundError."""
    with pytest.raises(NotFoundError):
        draw(ds, "person:nobody-at-all")


@given(networks())
def test_any_network_draws_its_links(ds: Dataset) -> None:
    """For any small dataset, the picture parses, is the same when drawn again, its nodes are the linked records and
    its links join nodes; a record's picture holds the record."""
    svg = draw(ds)
    assert svg == draw(ds)
    nodes = set(nodes_of(svg))
    assert linked(ds) == nodes
    assert [] == [e for e in edges_of(svg) if not set(e) <= nodes]
    for person in ds.people:
        assert person.id in nodes_of(draw(ds, person.id))
