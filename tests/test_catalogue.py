"""The catalogue: a page and a well-formed SVG timeline per case and per person."""

import xml.etree.ElementTree as ET
from pathlib import Path

from kz_labour_rights import load
from kz_labour_rights._catalogue import slug, write_catalogue
from kz_labour_rights._cli import main
from kz_labour_rights._svg import timeline_svg


def test_one_page_and_figure_per_case_and_person(tmp_path: Path) -> None:
    """Every case, person and organisation gets a page and an SVG timeline, and the index links them all."""
    ds = load()
    write_catalogue(ds, tmp_path)
    for folder, records in (("cases", ds.cases), ("people", ds.people)):
        for r in records:
            page = (tmp_path / folder / f"{slug(r.id)}.md").read_text(encoding="utf-8")
            svg = tmp_path / folder / f"{slug(r.id)}.svg"
            assert svg.is_file()
            if folder == "cases":
                assert f"]({slug(r.id)}.svg)" in page
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert len(ds.cases) + len(ds.people) + len(ds.organisations) == index.count("](")


def test_svg_is_well_formed_and_deterministic() -> None:
    """The Baltabay timeline parses as SVG, has a mark per event, and is byte-identical when redrawn."""
    ds = load()
    events = ds.events_of("case:baltabay-2019")
    svg = timeline_svg(events, "Baltabay")
    root = ET.fromstring(svg)
    marks = [el for el in root.iter() if el.tag.endswith(("circle", "rect"))]
    assert root.tag.endswith("svg") and len(events) == len(marks)
    assert svg == timeline_svg(list(reversed(events)), "Baltabay")


def test_partial_dates_are_bars_and_exact_dates_dots() -> None:
    """A month-precise event is drawn as a bar over its month; a day-precise one as a dot."""
    ds = load()
    root = ET.fromstring(timeline_svg([ds.events["event:zhanaozen-2011-05-strike"], ds.events["event:zhanaozen-2011-12-16-shooting"]], "t"))
    tags = sorted(el.tag.split("}")[1] for el in root.iter() if el.tag.endswith(("circle", "rect")))
    assert ["circle", "rect"] == tags


def test_cli_catalogue(tmp_path: Path) -> None:
    """catalogue --out writes the index."""
    assert 0 == main(["catalogue", "--out", str(tmp_path)])
    assert (tmp_path / "index.md").is_file()
