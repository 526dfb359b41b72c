"""The sentence chart as SVG: well-formed, deterministic, linked, legible, escaped."""

import itertools
import re
import xml.etree.ElementTree as ET
from typing import Any, Dict, List, Tuple

import pytest
from hypothesis import given

from kz_labour_rights import check, load
from kz_labour_rights._checks import CheckReport
from kz_labour_rights._dataset import Dataset
from kz_labour_rights._sentences import Schedule, sentence_schedule
from kz_labour_rights._svg import sentence_svg
from strategies import HOSTILE, extreme_records, hostile_records, unchecked_dataset

SVG = "{http://www.w3.org/2000/svg}"
CASES = ["case:baltabay-2019", "case:kharkova-2017", "case:kushakbaev-2017", "case:eleusinov-2017"]


def href(discrepancy: str) -> str:
    """The link the catalogue would pass: a fragment on the same page."""
    return "#" + discrepancy.replace(":", "-")


@pytest.fixture(scope="module")
def charts() -> Dict[str, Tuple[Schedule, str]]:
    """The four cases' schedules and charts."""
    ds = load()
    report = check(ds)
    out = {}
    for case in CASES:
        schedule = sentence_schedule(ds, case, report=report)
        out[case] = (schedule, sentence_svg(schedule, href=href, prefix="c"))
    return out


def _texts(root: ET.Element) -> List[Tuple[float, float, float, str, str]]:
    """Every <text>: x, y, font size, anchor and its own words (not its <title>)."""
    out = []
    for t in root.iter(SVG + "text"):
        words = (t.text or "") + "".join(child.tail or "" for child in t)
        out.append((float(t.get("x", "0")), float(t.get("y", "0")), float(t.get("font-size", "0")), t.get("text-anchor", "start"), words))
    return out


def _box(x: float, y: float, size: float, anchor: str, words: str) -> Tuple[float, float, float, float]:
    # An independent estimate: 0.55 em a character (the chart lays out at 0.6, more generous).
    width = len(words) * size * 0.55
    left = x - (width if anchor == "end" else width / 2 if anchor == "middle" else 0)
    return left, y - size * 0.8, left + width, y + size * 0.2


@pytest.mark.parametrize("case", CASES)
def test_chart_is_well_formed_and_deterministic(charts: Dict[str, Tuple[Schedule, str]], case: str) -> None:
    """The chart parses as XML, is 960 wide, and the same schedule gives the same bytes."""
    schedule, svg = charts[case]
    root = ET.fromstring(svg)
    assert ("960", svg) == (root.get("width"), sentence_svg(schedule, href=href, prefix="c"))


@pytest.mark.parametrize("case", CASES)
def test_every_conflict_links_to_its_discrepancy(charts: Dict[str, Tuple[Schedule, str]], case: str) -> None:
    """Each conflict's marker on its row, and its number and words in the list, link to href(discrepancy), with the summary as hover text."""
    schedule, svg = charts[case]
    root = ET.fromstring(svg)
    links: Dict[str, int] = {}
    for a in root.iter(SVG + "a"):
        links[a.get("href", "")] = links.get(a.get("href", ""), 0) + 1
    expected: Dict[str, int] = {}
    for c in schedule.conflicts:
        assert c.discrepancy is not None
        expected[href(c.discrepancy)] = expected.get(href(c.discrepancy), 0) + 3
    assert expected == links
    titles = " ".join(t.text or "" for a in root.iter(SVG + "a") for t in a.iter(SVG + "title"))
    for c in schedule.conflicts:
        assert c.summary in titles


@pytest.mark.parametrize("case", CASES)
def test_text_is_at_least_12_px_and_never_overlaps(charts: Dict[str, Tuple[Schedule, str]], case: str) -> None:
    """Every font size is 12 px or more, and no two texts' estimated boxes meet."""
    _, svg = charts[case]
    assert all(int(size) >= 12 for size in re.findall(r'font-size="(\d+)"', svg))
    texts = _texts(ET.fromstring(svg))
    boxes = [(_box(*t), t[4]) for t in texts if t[4].strip()]
    overlaps = [
        (a_words, b_words) for (a, a_words), (b, b_words) in itertools.combinations(boxes, 2)
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]
    assert [] == overlaps


def test_baltabay_chart_names_the_dates(charts: Dict[str, Tuple[Schedule, str]]) -> None:
    """Verdict, pardon, replacement, reported release and computed end are in the chart's texts or titles."""
    _, svg = charts["case:baltabay-2019"]
    words = " ".join(ET.fromstring(svg).itertext())
    assert [] == [d for d in ("2019-07-17", "2019-08-09", "2019-10-16", "2020-03-20", "2020-03-22") if d not in words]
    for shown in ("imprisonment, 7 years", "remitted by pardon", "1,595,800 KZT", "158 days", "reported end (release) 20 Mar 2020", "ends 22 Mar 2020"):
        assert shown in words


def test_ids_carry_the_prefix(charts: Dict[str, Tuple[Schedule, str]]) -> None:
    """Every id starts with the caller's prefix (figures share a page); a prefix that is not a name is refused."""
    schedule, _ = charts["case:baltabay-2019"]
    svg = sentence_svg(schedule, href=href, prefix="fig-2")
    ids = re.findall(r'\bid="([^"]*)"', svg)
    assert ids and all(i.startswith("fig-2-") for i in ids)
    assert all(ref.startswith("fig-2-") for ref in re.findall(r"url\(#([^)]*)\)", svg))
    with pytest.raises(ValueError):
        sentence_svg(schedule, href=href, prefix='x" onload="alert(1)')


def test_no_penalty_draws_nothing() -> None:
    """A case without penalties has no chart: the empty string."""
    ds = unchecked_dataset(hostile_records())
    assert "" == sentence_svg(sentence_schedule(ds, "case:c"), href=href, prefix="c")


def _hostile() -> Dataset:
    records = hostile_records()
    cite = records["events"][0]["citations"]
    records["events"].append({"id": "event:v", "kind": "verdict", "date": "2020-03-05", "case": "case:c", "people": ["person:p"],
                              "summary": HOSTILE["html"] + HOSTILE["bidi"], "citations": cite})
    records["penalties"] = [
        {"id": "penalty:x", "case": "case:c", "person": "person:p", "kind": "imprisonment", "term": "P2Y", "imposed_by": "event:v", "citations": cite},
        {"id": "penalty:y", "case": "case:c", "person": "person:p", "kind": "damages", "amount": {"amount": "5", "currency": "USD"},
         "imposed_by": "event:v", "citations": cite},
    ]
    records["discrepancies"].append({"id": "discrepancy:h", "summary": HOSTILE["html"] + HOSTILE["terminal"] + HOSTILE["newline"],
                                     "records": ["penalty:x"], "citations": cite})
    return unchecked_dataset(records)


def test_hostile_text_is_escaped() -> None:
    """Titles, summaries and an href with specials: escaped, no raw control character, still XML."""
    schedule = sentence_schedule(_hostile(), "case:c")
    svg = sentence_svg(schedule, href=lambda d: "?a=1&b=" + d + '"><script>', prefix="c")
    root = ET.fromstring(svg)
    assert "<script" not in svg
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e\u2066]", svg)
    assert {"?a=1&b=discrepancy:h\"><script>"} == {a.get("href") for a in root.iter(SVG + "a")}
    assert HOSTILE["html"] in " ".join(root.itertext())


@given(extreme_records())
def test_extreme_schedules_draw_well_formed_charts(records: Dict[str, List[Dict[str, Any]]]) -> None:
    """Whatever the figures, the chart is well-formed XML with no text under 12 px (or empty without penalties)."""
    schedule = sentence_schedule(unchecked_dataset(records), "case:x", report=CheckReport(findings=()))
    svg = sentence_svg(schedule, href=href, prefix="x")
    if schedule.rows:
        ET.fromstring(svg)
        assert all(int(size) >= 12 for size in re.findall(r'font-size="(\d+)"', svg))
    else:
        assert "" == svg
