"""The overview figure: the whole record per year and family, counted right, nothing dropped silently, legible."""

import xml.etree.ElementTree as ET
from collections import Counter
from typing import Dict, Tuple

from kz_labour_rights import load
from kz_labour_rights._svg import overview_svg
from kz_labour_rights._svg._style import FAMILIES, FAMILY_COLOURS

from strategies import HOSTILE, hostile_records, unchecked_dataset
from test_svg_timeline import NS, assert_legible


def segments(root: ET.Element) -> Dict[Tuple[int, str], ET.Element]:
    """Each bar segment by (year, family)."""
    return {(int(g.get("data-year", 0)), g.get("data-family", "")): g for g in root.iter(f"{NS}g") if g.get("class") == "segment"}


def test_well_formed_deterministic_and_legible() -> None:
    """The overview parses, is byte-identical when redrawn, and its text is ≥ 12 px, inside the figure and never overlapping."""
    ds = load()
    svg = overview_svg(ds)
    assert svg == overview_svg(load())
    assert_legible(svg)


def test_counts_per_year_and_family() -> None:
    """Each segment's count is the number of events of its family in its year (counted here from the events directly),
    its label shows it where shown, and each year's total is labelled."""
    ds = load()
    family_of = {kind: name for name, kinds in FAMILIES.items() for kind in kinds}
    expected = Counter((e.date.earliest().year, family_of[e.kind]) for e in ds.events if 2011 <= e.date.earliest().year <= 2022)
    root = ET.fromstring(overview_svg(ds))
    found = segments(root)
    assert dict(expected) == {key: int(g.get("data-count", 0)) for key, g in found.items()}
    shown = [(int(g.get("data-count", 0)), t.text) for g in found.values() for t in g.iter(f"{NS}text")]
    assert [] != shown and all(str(n) == label for n, label in shown)
    totals = [t.text for t in root.iter(f"{NS}text") if t.get("class") == "total"]
    assert [str(sum(n for (y, _), n in expected.items() if y == year)) for year in range(2011, 2023)] == totals


def test_colours_are_the_families() -> None:
    """Each segment is drawn in its family's colour."""
    root = ET.fromstring(overview_svg(load()))
    for (_, name), g in segments(root).items():
        rect = g.find(f"{NS}rect")
        assert rect is not None and FAMILY_COLOURS[name] == rect.get("fill")


def test_title_and_earlier_events() -> None:
    """The title counts the events drawn; the events before 2011 are counted in the subtitle, not dropped silently."""
    ds = load()
    years = sorted(e.date.earliest().year for e in ds.events)
    before = [y for y in years if y < 2011]
    drawn = [y for y in years if 2011 <= y <= 2022]
    texts = ["".join(t.itertext()) for t in ET.fromstring(overview_svg(ds)).iter(f"{NS}text")]
    assert f"{len(drawn)} events, 2011–2022" == texts[0]
    assert f"{len(before)} earlier events ({before[0]}–{before[-1]}) not shown" in texts[1]
    assert "later event" not in texts[1]
    assert len(ds.events) == len(drawn) + len(before) + len([y for y in years if y > 2022])


def test_key_moments_come_from_the_data() -> None:
    """The Zhanaozen shooting is named above its year with its date and place from the data; nothing else is."""
    ds = load()
    shootings = [e for e in ds.events if e.kind.value == "shooting" and 2011 <= e.date.year <= 2022]
    keys = [g for g in ET.fromstring(overview_svg(ds)).iter(f"{NS}g") if g.get("class") == "key"]
    assert sorted(e.id for e in shootings) == sorted(g.get("data-event", "") for g in keys)
    assert "16 Dec 2011: shooting in Zhanaozen" in ["".join(t.itertext()) for g in keys for t in g.iter(f"{NS}text")]


def test_hostile_text_is_escaped() -> None:
    """A place name with markup and control characters is text in the SVG, never an element or a raw control."""
    records = hostile_records()
    shooting = dict(records["events"][0], id="event:s", kind="shooting", place=HOSTILE["html"] + HOSTILE["terminal"] + HOSTILE["bidi"])
    records["events"].append(shooting)
    svg = overview_svg(unchecked_dataset(records), first=2019, last=2021)
    root = assert_legible(svg)
    assert [] == [el for el in root.iter() if el.tag.endswith("script")]
    assert "\x1b" not in svg and "\u202e" not in svg and "<script>" not in svg
    assert 1 == len([g for g in root.iter(f"{NS}g") if g.get("class") == "key"])
