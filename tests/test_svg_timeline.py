"""Timelines: well-formed, deterministic, legible (text ≥ 12 px, labels that never overlap), honest about inferred dates."""

import itertools
import xml.etree.ElementTree as ET
from typing import Dict, List, Tuple

import attrs
from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights import Bound, Event, EventStatus, load
from kz_labour_rights._svg import timeline_svg
from kz_labour_rights._svg._style import INFERRED_DASH, colour

from strategies import HOSTILE, events

NS = "{http://www.w3.org/2000/svg}"
Box = Tuple[float, float, float, float]  # left, top, right, bottom

# The estimate the figures promise (timeline module docstring), restated here so that the test does not
# measure the figure with the figure's own ruler: 0.55 em a character, 0.6 em bold; a line of text
# reaches 0.8 em above its baseline and 0.2 em below.
EM, EM_BOLD = 0.55, 0.6


def _size(el: ET.Element, inherited: float) -> float:
    return float(el.get("font-size", inherited))


def text_boxes(root: ET.Element) -> List[Tuple[Box, str]]:
    """The estimated box and content of every ``<text>`` in the figure."""
    out = []
    default = float(root.get("font-size", 16))
    for el in root.iter(f"{NS}text"):
        size = _size(el, default)
        bold = el.get("font-weight") == "bold"
        width = len(el.text or "") * size * (EM_BOLD if bold else EM)
        for span in el:
            span_bold = bold or span.get("font-weight") == "bold"
            width += len(span.text or "") * _size(span, size) * (EM_BOLD if span_bold else EM)
            width += len(span.tail or "") * size * (EM_BOLD if bold else EM)
        x, y = float(el.get("x", 0)), float(el.get("y", 0))
        left = {"start": x, "middle": x - width / 2, "end": x - width}[el.get("text-anchor", "start")]
        out.append(((left, y - 0.8 * size, left + width, y + 0.2 * size), "".join(el.itertext())))
    return out


def mark_boxes(root: ET.Element) -> List[Box]:
    """The box of every event's mark (dot or bar)."""
    out = []
    for el in root.iter():
        if el.get("class") != "mark":
            continue
        if el.tag == f"{NS}circle":
            cx, cy, r = (float(el.get(a, 0)) for a in ("cx", "cy", "r"))
            out.append((cx - r, cy - r, cx + r, cy + r))
        else:
            x, y, w, h = (float(el.get(a, 0)) for a in ("x", "y", "width", "height"))
            out.append((x, y, x + w, y + h))
    return out


def overlap(a: Box, b: Box) -> bool:
    """Whether two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_legible(svg: str) -> ET.Element:
    """Parse ``svg`` and assert what every figure owes its reader: text ≥ 12 px, inside the figure, overlapping
    neither another text nor a mark."""
    root = ET.fromstring(svg)
    width = float(root.get("width", 0))
    sizes = [float(el.get("font-size", root.get("font-size", 0))) for el in root.iter() if el.tag in (f"{NS}text", f"{NS}tspan", f"{NS}svg")]
    assert [] == [s for s in sizes if s < 12]
    boxes = text_boxes(root)
    assert [] == [(b, t) for b, t in boxes if b[0] < 0 or b[2] > width]
    clashes = [(t1, t2) for (b1, t1), (b2, t2) in itertools.combinations(boxes, 2) if overlap(b1, b2)]
    assert [] == clashes
    assert [] == [(t, m) for b, t in boxes for m in mark_boxes(root) if overlap(b, m)]
    return root


def rows(root: ET.Element) -> Dict[str, ET.Element]:
    """Each event's row group by event id."""
    return {g.get("data-event", ""): g for g in root.iter(f"{NS}g") if g.get("class") == "event"}


def mark(group: ET.Element) -> ET.Element:
    """The one mark in an event's row."""
    (found,) = [el for el in group if el.get("class") == "mark"]
    return found


def hover(group: ET.Element) -> str:
    """The row's hover text."""
    title = group.find(f"{NS}title")
    assert title is not None
    return title.text or ""


def test_svg_is_well_formed_and_deterministic() -> None:
    """The Baltabay timeline parses as SVG, has one row with one mark per event, and is byte-identical when redrawn."""
    ds = load()
    evs = ds.events_of("case:baltabay-2019")
    svg = timeline_svg(evs, "Baltabay")
    root = ET.fromstring(svg)
    assert sorted(e.id for e in evs) == sorted(rows(root))
    assert len(evs) == len([el for el in root.iter() if el.get("class") == "mark"])
    assert svg == timeline_svg(list(reversed(evs)), "Baltabay")


def test_partial_dates_are_bars_and_exact_dates_dots() -> None:
    """A month-precise event is drawn as a bar over its month; a day-precise one as a dot."""
    ds = load()
    strike, shooting = ds.events["event:zhanaozen-2011-05-strike"], ds.events["event:zhanaozen-2011-12-16-shooting"]
    found = rows(ET.fromstring(timeline_svg([strike, shooting], "t")))
    assert (f"{NS}rect", f"{NS}circle") == (mark(found[strike.id]).tag, mark(found[shooting.id]).tag)
    bar = mark(found[strike.id])
    assert float(bar.get("width", 0)) > 2 * float(mark(found[shooting.id]).get("r", 0))


def test_the_longest_records_are_legible() -> None:
    """The timelines of the three records with the most events (and of the Baltabay case) have text ≥ 12 px, no two
    labels overlapping and no label over a mark."""
    ds = load()
    records = [r for coll in (ds.cases, ds.people, ds.organisations) for r in coll]
    longest = sorted(records, key=lambda r: (-len(ds.timeline(r)), r.id))[:3]
    for record in [*longest, ds.cases["case:baltabay-2019"]]:
        assert_legible(timeline_svg(ds.timeline(record), record.id))


def test_labels_say_what_happened() -> None:
    """Each row's label gives the date, the kind and the start of the summary; the hover text the whole summary."""
    ds = load()
    e = ds.events["event:baltabay-2019-08-09-pardon"]
    group = rows(ET.fromstring(timeline_svg([e], "t")))[e.id]
    label = " ".join("".join(t.itertext()) for t in group.iter(f"{NS}text"))
    assert label.startswith("9 Aug 2019 · pardon — " + " ".join(e.summary.split()[:4]))
    assert label.endswith("…") and e.summary in hover(group)


def test_colours_are_the_kinds() -> None:
    """Every mark is drawn in its event kind's colour from the shared style."""
    ds = load()
    evs = ds.timeline("person:erlan-baltabay")
    found = rows(ET.fromstring(timeline_svg(evs, "t")))
    assert {e.id: colour(e.kind) for e in evs} == {i: mark(g).get("stroke") for i, g in found.items()}


def test_inferred_date_is_dashed_and_says_why() -> None:
    """An event whose date is inferred is drawn hollow and dashed, its hover text giving the reason; a stated one is not."""
    ds = load()
    inferred = ds.events["event:baltabay-2019-08-09-fine-conversion"]
    stated = ds.events["event:baltabay-2019-07-17-verdict"]
    (reason,) = [i.reason for i in inferred.inferred if i.field == "date"]
    assert [] == [i for i in stated.inferred if i.field == "date"]
    found = rows(ET.fromstring(timeline_svg([inferred, stated], "t")))
    assert (INFERRED_DASH, "white") == (mark(found[inferred.id]).get("stroke-dasharray"), mark(found[inferred.id]).get("fill"))
    assert f"date inferred: {reason}" in hover(found[inferred.id])
    assert (None, colour(stated.kind)) == (mark(found[stated.id]).get("stroke-dasharray"), mark(found[stated.id]).get("fill"))
    assert "inferred" not in hover(found[stated.id])


def test_legend_names_the_families_and_the_inferred_style() -> None:
    """The legend names each family present and, when a date is inferred, the inferred style."""
    ds = load()
    evs = ds.events_of("case:baltabay-2019")
    texts = ["".join(t.itertext()) for t in ET.fromstring(timeline_svg(evs, "t")).iter(f"{NS}text")]
    for name in ("courts", "sentence", "law, ILO and statements", "inferred, not stated", "day"):
        assert name in texts


def test_bounds_scheduled_and_ends() -> None:
    """A bounded date has an arrow pointing where the true date lies; a scheduled event is hollow; an end is a line."""
    ds = load()
    base = ds.events["event:baltabay-2019-07-17-verdict"]
    later = attrs.evolve(base, id="event:later", date_bound=Bound.NOT_EARLIER_THAN)
    sooner = attrs.evolve(base, id="event:sooner", date_bound=Bound.NOT_LATER_THAN)
    coming = attrs.evolve(base, id="event:coming", status=EventStatus.SCHEDULED)
    lasting = attrs.evolve(base, id="event:lasting", end=attrs.evolve(base.date, day=30))
    found = rows(ET.fromstring(timeline_svg([later, sooner, coming, lasting], "t")))

    def arrow_direction(group: ET.Element) -> float:
        (path,) = group.iter(f"{NS}path")
        start, tip = path.get("d", "").split()[:2]
        return float(tip[1:].split(",")[0]) - float(start[1:].split(",")[0])

    assert (True, True) == (arrow_direction(found["event:later"]) > 0, arrow_direction(found["event:sooner"]) < 0)
    assert "white" == mark(found["event:coming"]).get("fill")
    (line,) = [el for el in found["event:lasting"].iter(f"{NS}line") if el.get("stroke-width") == "3"]
    assert float(line.get("x2", 0)) > float(line.get("x1", 0))


def test_tall_timelines_repeat_the_axis() -> None:
    """A timeline of many rows shows its axis labels at the bottom as well as at the top; a short one only on top."""
    ds = load()
    tall, short = ds.timeline("person:erlan-baltabay"), ds.timeline("person:erlan-baltabay")[:3]

    def axis_rows(svg: str) -> Dict[str, List[str]]:
        # The axis labels are the figure's only text in the small size (12 px); a row of them per y.
        out: Dict[str, List[str]] = {}
        for t in ET.fromstring(svg).iter(f"{NS}text"):
            if t.get("font-size") == "12":
                out.setdefault(t.get("y", ""), []).append(t.text or "")
        return out

    top_and_bottom, top_only = axis_rows(timeline_svg(tall, "t")), axis_rows(timeline_svg(short, "t"))
    assert (2, 1) == (len(top_and_bottom), len(top_only))
    first, second = top_and_bottom.values()
    assert [] != first and first == second


def test_links_and_prefixed_ids() -> None:
    """With ``href`` each row is a link; ids appear only with a caller's prefix."""
    ds = load()
    evs = ds.events_of("case:baltabay-2019")
    plain = timeline_svg(evs, "t")
    linked = ET.fromstring(timeline_svg(evs, "t", href=lambda i: f"#{i}", prefix="tl-"))
    assert " id=" not in plain
    links = {a.get("href") for a in linked.iter(f"{NS}a")}
    assert {f"#{e.id}" for e in evs} == links
    assert sorted("tl-" + e.id.replace(":", "-") for e in evs) == sorted(g.get("id", "") for g in rows(linked).values())


def test_hostile_text_is_escaped() -> None:
    """Markup and control characters in titles and summaries are text in the SVG, never elements or raw controls."""
    ds = load()
    base = ds.events["event:baltabay-2019-07-17-verdict"]
    hostile = attrs.evolve(base, summary=" ".join(HOSTILE.values()) * 5)
    svg = timeline_svg([hostile], HOSTILE["html"] + HOSTILE["terminal"], href=lambda i: '"><script>x</script>')
    root = assert_legible(svg)
    assert [] == [el for el in root.iter() if el.tag.endswith("script")]
    assert "\x1b" not in svg and "\u202e" not in svg and "<script>" not in svg


@given(st.lists(events(), max_size=14), st.text(max_size=300))
def test_any_events_make_a_legible_figure(evs: List[Event], summary: str) -> None:
    """Any events (with long or hostile summaries too) give a well-formed figure, one row per event, text ≥ 12 px and no
    overlapping labels."""
    if summary.strip() and evs:
        evs[0] = attrs.evolve(evs[0], summary=summary)
    evs = list({e.id: e for e in evs}.values())
    root = assert_legible(timeline_svg(evs, "t"))
    assert len(evs) == len(rows(root))


def test_the_legibility_check_can_fail() -> None:
    """The check above rejects small text, text past the edge, overlapping labels and a label over a mark."""
    head = '<svg xmlns="http://www.w3.org/2000/svg" width="100" font-size="13">'
    faults = [
        '<text x="0" y="20" font-size="11">a</text>',
        '<text x="90" y="20">too long for the edge</text>',
        '<text x="0" y="20">abc</text><text x="10" y="24">abc</text>',
        '<text x="0" y="20">abc</text><circle class="mark" cx="5" cy="15" r="3"/>',
    ]
    failures = 0
    for fault in faults:
        try:
            assert_legible(head + fault + "</svg>")
        except AssertionError:
            failures += 1
    assert len(faults) == failures
