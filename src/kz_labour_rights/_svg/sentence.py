"""A sentence chart: a case's penalties as bars on the calendar (layer 8).

Draws a :class:`~.._sentences.Schedule`: one row per penalty (its kind and
term or amount on the left), bars coloured by penalty family, the part of a
term not served hatched, a start that is not recorded drawn with a dashed
outline, decisions, pardons, conversions and releases as labelled marks on
the calendar with a faint line down through the rows, reported and stated
ends as diamonds, and every conflict between sources as a numbered red
marker linked to its discrepancy and listed under the chart.

Layout is greedy and checked: every text's box (estimated by
:func:`._style.text_box`) is placed where it meets no other
text, bar or marker, moving down a lane when the first place is taken.
Text is never under 12 px; every text from the data is escaped; ids are
prefixed by the caller's ``prefix``; the output is deterministic.
"""

import datetime
import re
from typing import Callable, Dict, List, Sequence, Tuple

from .._escape import for_xml
from .._model import EventKind, PenaltyKind
from .._sentences import Conflict, Mark, Row, Schedule, Span
from ._style import FONT, INFERRED_DASH, SMALL, TITLE, Box, colour, day_label, fit, overlaps, text_box, text_width

__all__ = ["PENALTY_COLOURS", "sentence_svg"]

PENALTY_COLOURS: Dict[str, Tuple[str, Tuple[PenaltyKind, ...]]] = {
    "imprisonment": ("#0072B2", (PenaltyKind.IMPRISONMENT, PenaltyKind.ADMINISTRATIVE_ARREST)),
    "restriction of liberty": ("#56B4E9", (PenaltyKind.RESTRICTION_OF_LIBERTY, PenaltyKind.TRAVEL_BAN)),
    "fines, damages, confiscation": ("#E69F00", (PenaltyKind.FINE, PenaltyKind.DAMAGES, PenaltyKind.CONFISCATION)),
    "bans": ("#7A4FA0", (PenaltyKind.BAN_ON_POSITIONS, PenaltyKind.BAN_ON_ACTIVITIES)),
    "compulsory labour": ("#6B8E23", (PenaltyKind.COMPULSORY_LABOUR,)),
}
"""Penalty families: their colour and kinds (red is kept for conflicts)."""

_FAMILY = {kind: name for name, (_, kinds) in PENALTY_COLOURS.items() for kind in kinds}
_CONFLICT = "#C00000"
_INK, _GREY = "#222", "#555"
_W, _PAD, _LABELS = 960, 12, 300  # width, margin, left label column
_X0, _X1 = _LABELS, _W - 24  # the calendar's extent
_BAR = 14
_LANE = 17
_NO_SPAN = "hours, not calendar time"
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_SAYS = {
    EventKind.VERDICT: "verdict", EventKind.PARDON: "pardon", EventKind.SENTENCE_REPLACEMENT: "sentence replaced",
    EventKind.PAROLE_DECISION: "parole granted", EventKind.RELEASE: "release",
    EventKind.PROBATION_REGISTRATION: "probation registration", EventKind.ENTRY_INTO_FORCE: "in force",
}

class _Canvas:
    """The elements drawn so far and the boxes no new text may cross."""

    def __init__(self) -> None:
        self.out: List[str] = []
        self.taken: List[Box] = []

    def block(self, box: Box) -> None:
        self.taken.append(box)

    def free(self, box: Box) -> bool:
        return box[0] >= 2 and box[2] <= _W - 2 and not any(overlaps(box, t) for t in self.taken)

    def text(self, x: float, y: float, content: str, *, size: int = FONT, anchor: str = "start", fill: str = _INK,
             bold: bool = False, tip: str = "") -> Box:
        """Draw a text (escaped) and take its box, whether or not it was free."""
        box = text_box(x, y, content, size, anchor, bold=bold)
        self.taken.append(box)
        extra = (f' text-anchor="{anchor}"' if anchor != "start" else "") + (' font-weight="bold"' if bold else "")
        extra += f' fill="{fill}"' if fill != _INK else ""
        title = f"<title>{for_xml(tip)}</title>" if tip else ""
        self.out.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{extra}>{title}{for_xml(content)}</text>')
        return box

    def place(self, candidates: Sequence[Tuple[float, float, str]], content: str, *, size: int = SMALL, fill: str = _INK,
              bold: bool = False, tip: str = "") -> Box:
        """Draw ``content`` at the first free ``(x, y, anchor)`` of ``candidates`` (the last one if none is free)."""
        for x, y, anchor in candidates:
            if self.free(text_box(x, y, content, size, anchor, bold=bold)):
                return self.text(x, y, content, size=size, anchor=anchor, fill=fill, bold=bold, tip=tip)
        x, y, anchor = candidates[-1]
        return self.text(x, y, content, size=size, anchor=anchor, fill=fill, bold=bold, tip=tip)


def _lanes(x: float, y: float, lanes: int, step: float = _LANE) -> List[Tuple[float, float, str]]:
    """Places for a label at ``x``: right of it, a lane further down each time; then flush with the right margin; then left of it."""
    right = [(x + 10, y + k * step, "start") for k in range(lanes)]
    flush = [(float(_W - _PAD), y + k * step, "end") for k in range(1, lanes)]
    return right + flush + [(x - 10, y + k * step, "end") for k in range(lanes)]


class _Axis:
    def __init__(self, lo: datetime.date, hi: datetime.date) -> None:
        self.lo, self.days = lo, max((hi - lo).days, 1)

    def x(self, day: datetime.date) -> float:
        return _X0 + (_X1 - _X0) * (day - self.lo).days / self.days


def _sublabel(row: Row) -> str:
    """The second line of a row's label: where its count starts, or why it has no bar."""
    first = row.spans[0] if row.spans else None
    if first is not None and first.kind == "outstanding":
        return f"imposed {day_label(first.start)}"
    if first is not None and first.start_basis == "inferred":
        return f"start not recorded: from {day_label(first.start)}"
    if first is not None:
        return f"from {day_label(first.start)} (recorded)"
    if row.hours is not None or (row.term is not None and row.term.hours):
        return "hours of labour, not calendar time"
    if row.decision_day is not None:
        return f"imposed {day_label(row.decision_day)}"
    return "no dated decision recorded"


def _row_colour(row: Row) -> str:
    return PENALTY_COLOURS[_FAMILY[row.kind]][0]


def _conflict_tip(n: int, c: Conflict) -> str:
    head = f"conflict {n}" + (f" ({c.code}: {c.value})" if c.code else "") + (f" — {c.discrepancy}" if c.discrepancy else "")
    return f"{head}: {c.summary}"


def _marker(canvas: _Canvas, x: float, y: float, n: int, c: Conflict, href: Callable[[str], str]) -> None:
    """A numbered red disc at ``(x, y)``, linked to its discrepancy."""
    canvas.block((x - 9, y - 9, x + 9, y + 9))
    body = (
        f"<title>{for_xml(_conflict_tip(n, c))}</title>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{_CONFLICT}"/>'
        f'<text x="{x:.1f}" y="{y + 4.2:.1f}" font-size="{SMALL}" font-weight="bold" fill="white" text-anchor="middle">{n}</text>'
    )
    canvas.out.append(_linked(body, c, href))


def _linked(body: str, c: Conflict, href: Callable[[str], str]) -> str:
    if c.discrepancy is None:
        return f"<g>{body}</g>"
    return f'<a href="{for_xml(href(c.discrepancy))}">{body}</a>'


def _spot(canvas: _Canvas, x: float, y: float, spots: List[float]) -> float:
    """The first free place for a conflict marker at ``x`` or right of it (back from the left when the right edge is reached)."""
    want = x
    tried = 0
    # Rightwards from x, then from the calendar's start: at most one pass over the width.
    while tried < _W // 20 and (any(abs(x - s) < 20 for s in spots) or not canvas.free((x - 9, y - 9, x + 9, y + 9))):
        x = x + 20 if x + 29 < _W else float(_X0)
        tried += 1
    if tried >= _W // 20:
        x = want  # a row with more conflicts than room: they overlap, the list under the chart still names each
    spots.append(x)
    return x


def _span_text(span: Span, row: Row) -> str:
    if span.kind == "outstanding":
        return f"unpaid until replaced, {day_label(span.end)}"
    if span.kind == "served":
        return f"served {span.days:,} days"
    if span.kind == "remitted":
        unserved = f"{row.unserved:,} days unserved" if row.unserved is not None else f"{span.days:,} days not served"
        return f"{span.label}, {day_label(span.start)}: {unserved}; term would end {day_label(span.end)}"
    counted = f"{span.label}, " if row.term is not None and span.label != row.term.describe() else ""
    return f"{counted}ends {day_label(span.end)}"


def _draw_row(canvas: _Canvas, axis: _Axis, row: Row, y: float, hatch: Dict[str, str], prefix: str,
              conflicts: Sequence[Tuple[int, Conflict]], href: Callable[[str], str]) -> float:
    """Draw one row whose top is ``y``; returns its height."""
    ink = _row_colour(row)
    cy = y + 22  # the bar's centre: room above it for conflict markers
    label_box = canvas.text(_PAD, cy + 4, fit(row.label, size=FONT, width=_LABELS - 2 * _PAD, bold=True), bold=True, tip=row.penalty)
    canvas.text(_PAD, cy + 20, fit(_sublabel(row), size=SMALL, width=_LABELS - 2 * _PAD), size=SMALL, fill=_GREY,
                tip="; ".join((*(s.computed_by for s in row.spans), *row.notes)) or row.penalty)
    bottom = label_box[3] + 16
    anchors: List[Tuple[float, str, str]] = []  # (x, text, tip) for the labels placed after every bar
    for span in row.spans:
        x0, x1 = axis.x(span.start), axis.x(span.end)
        x1 = max(x1, x0 + 3)  # a span of a few days stays visible
        dash = f' stroke="{_INK}" stroke-width="1.2" stroke-dasharray="{INFERRED_DASH}"' if span.start_basis == "inferred" and span.kind != "remitted" else ""
        tip = f"<title>{for_xml(span.computed_by)}</title>"
        if span.kind == "outstanding":
            canvas.out.append(f'<line x1="{x0:.1f}" y1="{cy:.1f}" x2="{x1:.1f}" y2="{cy:.1f}" stroke="{ink}" stroke-width="4">{tip}</line>')
            canvas.out.append(f'<circle cx="{x0:.1f}" cy="{cy:.1f}" r="6" fill="{ink}">{tip}</circle>')
            canvas.block((x0 - 6, cy - 6, x1, cy + 6))
        elif span.kind == "remitted":
            canvas.out.append(
                f'<rect x="{x0:.1f}" y="{cy - _BAR / 2:.1f}" width="{x1 - x0:.1f}" height="{_BAR}" fill="url(#{prefix}-{hatch[ink]})" '
                f'stroke="{ink}" stroke-width="1">{tip}</rect>'
            )
            canvas.block((x0, cy - _BAR / 2, x1, cy + _BAR / 2))
        else:
            canvas.out.append(f'<rect x="{x0:.1f}" y="{cy - _BAR / 2:.1f}" width="{x1 - x0:.1f}" height="{_BAR}" fill="{ink}"{dash}>{tip}</rect>')
            canvas.block((x0, cy - _BAR / 2, x1, cy + _BAR / 2))
        at = x0 if span.kind == "remitted" else x1
        anchors.append((at, _span_text(span, row), span.computed_by))
    for when, group in _by_day(row.reported):
        x = axis.x(when)
        agree = all(m.agrees for m in group)
        words = " and ".join(dict.fromkeys(m.label for m in group))
        shown = f"{words} {day_label(when)}" + (", as computed" if agree else "")
        tip = "; ".join(f"{m.label} {when.isoformat()}: {m.summary}" for m in group)
        fill = "white" if agree else _INK
        canvas.out.append(
            f'<path d="M{x:.1f} {cy - 8:.1f} L{x + 6:.1f} {cy:.1f} L{x:.1f} {cy + 8:.1f} L{x - 6:.1f} {cy:.1f} Z" fill="{fill}" '
            f'stroke="{_INK}" stroke-width="1.5"><title>{for_xml(tip)}</title></path>'
        )
        canvas.block((x - 6, cy - 8, x + 6, cy + 8))
        anchors.append((x, "◆ " + shown, tip))
    if not row.spans:
        # No span: a dot at the decision, with what the row is (an amount, hours) and why it has no bar.
        x = axis.x(row.decision_day) if row.decision_day is not None else _X0
        if row.decision_day is not None:
            canvas.out.append(f'<circle cx="{x:.1f}" cy="{cy:.1f}" r="6" fill="{ink}"><title>{for_xml(row.penalty)}</title></circle>')
            canvas.block((x - 6, cy - 6, x + 6, cy + 6))
        said = [n for n in row.notes if not n.startswith(_NO_SPAN)]
        anchors.append((x, "; ".join(said) or row.label, "; ".join(row.notes) or row.penalty))
    elif row.notes:
        anchors.append((axis.x(row.spans[-1].end), "; ".join(row.notes), "; ".join(row.notes)))
    for x, words, tip in anchors:
        content = fit(words, size=SMALL, width=_X1 - _X0)
        box = canvas.place(_lanes(x, cy + 4, 4) + [(_X0, cy + 4 + 4 * _LANE, "start")], content, tip=tip)
        bottom = max(bottom, box[3])
    spots: List[float] = []
    for n, c in conflicts:
        x = _spot(canvas, axis.x(c.date) if c.date is not None else _X0, cy - 17, spots)
        _marker(canvas, x, cy - 17, n, c, href)
    return bottom - y + 6


_ORDER = (EventKind.VERDICT, EventKind.ENTRY_INTO_FORCE, EventKind.PROBATION_REGISTRATION, EventKind.PARDON,
          EventKind.SENTENCE_REPLACEMENT, EventKind.PAROLE_DECISION, EventKind.RELEASE)


def _mark_words(group: Sequence[Mark], schedule: Schedule) -> str:
    """What happened on a day, in the order a sentence runs: "pardon, term → fine, release"."""
    decided = {r.decision: r for r in schedule.rows if r.decision is not None}
    kinds = {r.penalty: r.kind for r in schedule.rows}
    words: List[str] = []
    for m in sorted(group, key=lambda m: (_ORDER.index(EventKind(m.kind)) if EventKind(m.kind) in _ORDER else len(_ORDER), m.event or "")):
        row = decided.get(m.event) if m.event is not None else None
        said = _SAYS.get(EventKind(m.kind), m.label)
        if m.kind == EventKind.SENTENCE_REPLACEMENT.value and row is not None and row.replaces in kinds:
            said = f"{kinds[row.replaces].value.replace('-', ' ')} → {row.kind.value.replace('-', ' ')}"
        words.append(said)
    return ", ".join(dict.fromkeys(words))


def _by_day(marks: Sequence[Mark]) -> List[Tuple[datetime.date, List[Mark]]]:
    out: Dict[datetime.date, List[Mark]] = {}
    for m in marks:
        out.setdefault(m.date, []).append(m)
    return sorted(out.items())


def _ticks(lo: datetime.date, hi: datetime.date) -> List[datetime.date]:
    """New Year's days from ``lo`` to ``hi``, every year or, over a long span, every 2, 5, 10, … years (at most 13)."""
    years = hi.year - lo.year
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000) if years / s <= 12)
    first = -(-lo.year // step) * step
    return [datetime.date(year, 1, 1) for year in range(max(first, 1), hi.year + 1, step) if lo <= datetime.date(year, 1, 1) <= hi]


def _legend(canvas: _Canvas, y: float, families: Sequence[str], hatch_id: str, inferred: bool) -> float:
    """The legend, flowing in rows from ``y``; returns its bottom."""
    entries: List[Tuple[str, str]] = [
        (name, f'<rect x="{{x:.1f}}" y="{{y:.1f}}" width="16" height="12" fill="{PENALTY_COLOURS[name][0]}"/>') for name in families
    ]
    entries.append(("not served (pardon, parole, replaced)", f'<rect x="{{x:.1f}}" y="{{y:.1f}}" width="16" height="12" fill="url(#{hatch_id})" stroke="#666"/>'))
    if inferred:
        entries.append((
            "start not recorded: counted from the decision",
            f'<rect x="{{x:.1f}}" y="{{y:.1f}}" width="16" height="12" fill="#bbb" stroke="{_INK}" stroke-dasharray="{INFERRED_DASH}"/>',
        ))
    entries += [
        ("reported or stated date (hollow: agrees)", '<path d="M{x:.1f} {y:.1f} m8 -1 l6 7 l-6 7 l-6 -7 z" fill="#222"/>'),
        ("conflict between sources (click: the discrepancy)", f'<circle cx="{{x:.1f}}" cy="{{y:.1f}}" r="7" fill="{_CONFLICT}" transform="translate(8 6)"/>'),
    ]
    x, row = float(_PAD), y
    for name, swatch in entries:
        need = 22 + text_width(name, SMALL) + 18
        if x > _PAD and x + need > _W - _PAD:
            x, row = _PAD, row + 20
        canvas.out.append(swatch.format(x=x, y=row))
        canvas.text(x + 22, row + 11, name, size=SMALL)
        x += need
    return row + 20


def sentence_svg(schedule: Schedule, *, href: Callable[[str], str], prefix: str) -> str:
    """The sentence chart of ``schedule`` as SVG, or ``""`` when it has no penalty to draw.

    ``href`` maps a discrepancy id to the link each conflict marker carries
    (the catalogue passes ``lambda d: "#" + anchor``); ``prefix`` starts every
    ``id`` in the figure, so that several figures can be inlined in one page.

    Raises:
        ValueError: ``prefix`` is not a letter followed by letters, digits, ``-`` or ``_``.
    """
    if not _PREFIX.match(prefix):
        raise ValueError(f"sentence_svg(): prefix must be a letter then letters, digits, '-' or '_', not {prefix!r}")
    bounds = schedule.bounds()
    if not schedule.rows:
        return ""
    first, last = bounds if bounds is not None else (datetime.date(2000, 1, 1), datetime.date(2000, 1, 1))
    lo = datetime.date(first.year, 1, 1)
    hi = datetime.date(last.year + 1, 1, 1) if last.year < datetime.MAXYEAR else datetime.date.max
    axis = _Axis(lo, hi)
    canvas = _Canvas()
    title = f"Sentences in {schedule.title}"
    canvas.text(_PAD, 22, fit(title, size=TITLE, width=_W - 2 * _PAD, bold=True), size=TITLE, bold=True, tip=schedule.case)
    canvas.text(_PAD, 42, "Each bar is computed from the recorded start and term (kz_labour_rights.arithmetic); red numbers mark conflicts between sources.",
                size=SMALL, fill=_GREY)
    # Event marks: one symbol per day on the calendar line, labels in lanes above it.  The latest
    # day takes the lowest lane, so that no leader line crosses another day's label.
    days = _by_day(schedule.marks)
    lanes = 1
    placed: List[Tuple[float, int, str, str]] = []  # (x, lane, text, tip)
    lane_boxes: List[List[Box]] = []
    for when, group in reversed(days):
        x = axis.x(when)
        shown = f"{day_label(when)}: {_mark_words(group, schedule)}"
        box = text_box(x - 4, 0, shown, SMALL)
        if box[2] > _W - 2:
            box = text_box(x + 4, 0, shown, SMALL, "end")
        lane = 0
        while lane < len(lane_boxes) and any(b[0] < box[2] + 8 and box[0] < b[2] + 8 for b in lane_boxes[lane]):
            lane += 1
        if lane == len(lane_boxes):
            lane_boxes.append([])
        lane_boxes[lane].append(box)
        placed.append((x, lane, shown, "; ".join(m.summary for m in group)))
        lanes = max(lanes, lane + 1)
    placed.reverse()
    axis_y = 62.0 + lanes * _LANE + 8
    for x, lane, shown, tip in placed:
        ly = axis_y - 10 - lane * _LANE
        canvas.out.append(f'<line x1="{x:.1f}" y1="{ly + 3:.1f}" x2="{x:.1f}" y2="{axis_y:.1f}" stroke="#888"/>')
        box = text_box(x - 4, ly, shown, SMALL)
        if box[2] > _W - 2:
            canvas.text(x + 4, ly, shown, size=SMALL, anchor="end", tip=tip)
        else:
            canvas.text(x - 4, ly, shown, size=SMALL, tip=tip)
    numbered = list(enumerate(schedule.conflicts, start=1))
    # Conflicts about a dated event rather than a penalty sit on the calendar line, right of its mark.
    on_axis = [(n, c) for n, c in numbered if c.penalty is None]
    for when, _ in days:
        canvas.block((axis.x(when) - 6, axis_y - 6, axis.x(when) + 6, axis_y + 6))
    rows_top = axis_y + (14 if on_axis else 6)
    # Rows, then the lines of the marks down through them (drawn first in the output, under the bars).
    underlay_at = len(canvas.out)
    hatch: Dict[str, str] = {}
    for row in schedule.rows:
        hatch.setdefault(_row_colour(row), f"hatch-{len(hatch)}")
    y = float(rows_top)
    for i, row in enumerate(schedule.rows):
        mine = [(n, c) for n, c in numbered if c.penalty == row.penalty]
        height = _draw_row(canvas, axis, row, y, hatch, prefix, mine, href)
        y += height
        if i < len(schedule.rows) - 1:
            canvas.out.append(f'<line x1="{_PAD}" y1="{y:.1f}" x2="{_W - _PAD}" y2="{y:.1f}" stroke="#eee"/>')
    rows_bottom = y
    under: List[str] = []
    for when, group in days:
        x = axis.x(when)
        ink = colour(EventKind(group[0].kind))
        dash = "" if all(m.precise for m in group) else f' stroke-dasharray="{INFERRED_DASH}"'
        under.append(f'<line x1="{x:.1f}" y1="{axis_y:.1f}" x2="{x:.1f}" y2="{rows_bottom:.1f}" stroke="{ink}" stroke-opacity="0.45"{dash}/>')
    for tick in _ticks(lo, hi) if bounds is not None else []:
        x = axis.x(tick)
        under.append(f'<line x1="{x:.1f}" y1="{axis_y:.1f}" x2="{x:.1f}" y2="{rows_bottom + 4:.1f}" stroke="#e4e4e4"/>')
    under.append(f'<line x1="{_X0}" y1="{axis_y:.1f}" x2="{_X1}" y2="{axis_y:.1f}" stroke="#444"/>')
    for when, group in days:
        x = axis.x(when)
        ink = colour(EventKind(group[0].kind))
        tip = "; ".join(m.summary for m in group)
        under.append(f'<circle cx="{x:.1f}" cy="{axis_y:.1f}" r="5" fill="{ink}" stroke="white"><title>{for_xml(tip)}</title></circle>')
    canvas.out[underlay_at:underlay_at] = under
    spots: List[float] = []
    for n, c in on_axis:
        x = _spot(canvas, (axis.x(c.date) if c.date is not None else _X0) + 16, axis_y + 3, spots)
        _marker(canvas, x, axis_y + 3, n, c, href)
    # Year labels under the rows, at the middle of each year.
    ticks = _ticks(lo, hi) if bounds is not None else []
    for tick, after in zip(ticks, [*ticks[1:], hi]):
        # A year's label sits in the middle of the year (of the span, over a long one); a span of one day has none.
        if after > tick:
            mid = axis.x(tick) + (axis.x(after) - axis.x(tick)) / 2
            canvas.text(mid, rows_bottom + 20, str(tick.year), size=SMALL, anchor="middle", fill=_GREY)
    y = rows_bottom + 32
    families = [name for name, (_, kinds) in PENALTY_COLOURS.items() if any(r.kind in kinds for r in schedule.rows)]
    inferred = any(s.start_basis == "inferred" for r in schedule.rows for s in r.spans)
    y = _legend(canvas, y, families, f"{prefix}-hatch-legend", inferred) + 6
    if numbered:
        canvas.text(_PAD, y + 12, "Conflicts between sources", size=FONT, bold=True)
        y += 22
        for n, c in numbered:
            what = (f"{c.code} · " if c.code else "") + c.summary
            _marker(canvas, _PAD + 9, y + 7, n, c, href)
            line = fit(what, size=SMALL, width=_W - 2 * _PAD - 26)
            body = f'<text x="{_PAD + 26}" y="{y + 11:.1f}" font-size="{SMALL}"><title>{for_xml(_conflict_tip(n, c))}</title>{for_xml(line)}</text>'
            canvas.taken.append(text_box(_PAD + 26, y + 11, line, SMALL))
            canvas.out.append(_linked(body, c, href))
            y += 21
    height = int(y + 10)
    defs = [
        f'<pattern id="{prefix}-{name}" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)">'
        f'<rect width="7" height="7" fill="{ink}" fill-opacity="0.12"/><line x1="0" y1="0" x2="0" y2="7" stroke="{ink}" stroke-width="2.5" stroke-opacity="0.7"/></pattern>'
        for ink, name in sorted(hatch.items(), key=lambda item: item[1])
    ]
    defs.append(
        f'<pattern id="{prefix}-hatch-legend" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)">'
        '<line x1="0" y1="0" x2="0" y2="7" stroke="#666" stroke-width="2.5"/></pattern>'
    )
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{height}" viewBox="0 0 {_W} {height}" '
        f'font-family="sans-serif" role="img" aria-label="{for_xml(title)}">',
        f"<title>{for_xml(title)}</title>",
        "<defs>" + "".join(defs) + "</defs>",
        f'<rect width="{_W}" height="{height}" fill="white"/>',
    ]
    return "\n".join(head + canvas.out + ["</svg>"]) + "\n"
