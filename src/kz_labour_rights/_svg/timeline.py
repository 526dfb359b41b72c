"""A record's events on a time axis, as SVG (standard library only).

The layout is a table with a calendar: one row per event, in date order.  The
left column says what happened — the date in bold, the kind, then the
event's summary, wrapped to two lines and shortened with "…" where it does
not fit (the whole summary is the row's hover text).  The right column is
the calendar, with the time axis on top (and again at the bottom when the
figure is tall), where the event is drawn in its family's colour
(:mod:`._style`):

- a day-precise date is a dot; a month or a year is a bar over the interval
  it stands for (the dataset's partial dates are intervals);
- an event with an end has a line to that end;
- a scheduled or expected event (not yet happened when reported) is hollow;
- a date no quote states (an :class:`~.._model.Inference` on ``date`` or
  ``end``) is drawn hollow and dashed (:data:`._style.INFERRED_DASH`), and
  its hover text says ``date inferred: <reason>``;
- a bound (``date_bound``) has an arrow pointing to where the true date lies.

Text widths are estimated with :func:`._style.text_width` (0.55 em a
character, 0.6 em bold).  Rows have their own band, so labels never overlap
one another.

Every text from the data is XML-escaped (:func:`.._escape.for_xml`); no
element has an ``id`` unless the caller gives a ``prefix``; the same events
give byte-identical SVG whatever their order.
"""

import datetime
import re
from typing import Callable, List, Optional, Sequence, Tuple

from .._escape import for_terminal, for_xml
from .._model import Bound, Event, EventStatus
from ._style import FAMILY_COLOURS, FONT, INFERRED_DASH, MONTHS, SMALL, TITLE, colour, family, fit, human_date, legend, text, text_width

__all__ = ["timeline_svg"]

WIDTH = 960
"""Width of every timeline, px."""
_MARGIN = 12
_TEXT_W = 520  # the label column; at 13 px about 72 characters a line
_PLOT_X0 = _MARGIN + _TEXT_W + 16
_PLOT_X1 = WIDTH - _MARGIN - 8
_LINE = FONT + 4  # baseline to baseline
_ROW = 2 * _LINE + 10  # two lines of label and some air
_AXIS = SMALL + 10  # height of one axis strip
_TALL = 12  # from this many rows the axis is repeated at the bottom
def _wrap(words: List[str], width: float) -> Tuple[str, List[str]]:
    """The words that fit on one line of ``width`` px, and those left over."""
    line = ""
    for i, word in enumerate(words):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate) > width:
            return line, words[i:]
        line = candidate
    return line, []


def _when(e: Event) -> str:
    """The event's date as its label says it: bounds, ends and what the date dates included."""
    when = human_date(e.date)
    if e.date_bound is Bound.NOT_LATER_THAN:
        when = f"by {when}"
    elif e.date_bound is Bound.NOT_EARLIER_THAN:
        when = f"{when} or later"
    if e.end is not None and e.end != e.date:
        when = f"{when} – {human_date(e.end)}"
    return when


def _what(e: Event) -> str:
    """The event's kind as its label says it, with its status when it had not happened yet."""
    what = e.kind.value.replace("-", " ")
    if e.status is not EventStatus.OCCURRED:
        what += f" ({e.status.value})"
    if e.date_of is not None:
        what += f" ({e.date_of.value} date)"
    return what


def _inferred(e: Event, field: str) -> Optional[str]:
    """The reason ``field`` is inferred, or None when a quote states it."""
    reasons = [i.reason for i in e.inferred if i.field == field]
    return "; ".join(reasons) if reasons else None


def _hover(e: Event) -> str:
    """The row's hover text: the whole summary, then what is inferred or bounded, and why."""
    lines = [f"{_when(e)} · {_what(e)}: {e.summary}"]
    for field in ("date", "end"):
        reason = _inferred(e, field)
        if reason is not None:
            lines.append(f"{field} inferred: {reason}")
    if e.date_bound is not None:
        lines.append(f"the date is a bound: the event happened {e.date_bound.value.replace('-', ' ')} {human_date(e.date)}")
    if e.date_of is not None:
        lines.append(f"the date is the {e.date_of.value} date, not that of the {e.kind.value.replace('-', ' ')} itself")
    if e.status is not EventStatus.OCCURRED:
        lines.append(f"{e.status.value}: still to come when reported")
    return "\n".join(lines)


def _ticks(lo: datetime.date, hi: datetime.date) -> List[Tuple[datetime.date, str]]:
    """Axis ticks for ``lo``–``hi``, spaced so that their labels never touch."""
    px_per_day = (_PLOT_X1 - _PLOT_X0) / max((hi - lo).days, 1)
    out: List[Tuple[datetime.date, str]] = []
    for months in (1, 3, 6):
        step = 30.4 * months * px_per_day
        if step >= text_width("May 2019", SMALL) + 10:
            # Month ticks, labelled with the year at January and at the first tick.
            day = datetime.date(lo.year, ((lo.month - 1) // months) * months + 1, 1)
            while day <= hi:
                if day > lo:
                    label = f"{MONTHS[day.month - 1]} {day.year}" if (day.month == 1 or not out) else MONTHS[day.month - 1]
                    out.append((day, label))
                y, m = divmod(day.month - 1 + months, 12)
                day = datetime.date(day.year + y, m + 1, 1)
            return out
    for years in (1, 2, 5, 10, 25, 50, 100):
        if 365.25 * years * px_per_day >= text_width("2019", SMALL) + 10:
            break
    first = (lo.year // years + 1) * years
    return [(datetime.date(y, 1, 1), str(y)) for y in range(first, hi.year + 1, years)]


def _safe_id(prefix: str, event_id: str) -> str:
    """An XML id from the caller's prefix and an event id (anything outside [A-Za-z0-9_-] becomes "-")."""
    return prefix + re.sub(r"[^A-Za-z0-9_-]", "-", event_id)


def timeline_svg(
    events: Sequence[Event],
    title: str,
    *,
    href: Optional[Callable[[str], str]] = None,
    prefix: str = "",
) -> str:
    """An SVG timeline of ``events`` (any order) titled ``title``.

    Args:
        events: the events to draw, one row each, in any order.
        title: the figure's title (escaped).
        href: if given, ``href(event_id)`` is the link each event's row
            points to (e.g. its anchor on the page).
        prefix: if given, each row gets ``id="<prefix><event id>"`` (with
            characters an XML id may not hold replaced), unique when the
            caller's prefix is unique on the page.

    Returns:
        The SVG document, ending with a newline.
    """
    rows = sorted(events, key=lambda e: (e.date.sort_key(), e.id))
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{{h}}" viewBox="0 0 {WIDTH} {{h}}" '
        f'font-family="sans-serif" font-size="{FONT}" role="img" aria-label="{for_xml(title)}">'
    )
    if not rows:
        return "\n".join([
            head.format(h=48), f"<title>{for_xml(title)}</title>",
            text(_MARGIN, 28, fit(f"{for_terminal(title)}: no dated events", WIDTH - 2 * _MARGIN, TITLE, bold=True),
                 size=TITLE, extra=' font-weight="bold"'),
            "</svg>",
        ]) + "\n"
    starts = [e.date.earliest() for e in rows]
    ends = [max(e.date.latest(), e.end.latest() if e.end else e.date.latest()) for e in rows]
    pad = datetime.timedelta(days=max(15, ((max(ends) - min(starts)).days + 1) // 30))
    lo, hi = min(starts) - pad, max(ends) + pad

    def x(day: datetime.date) -> float:
        return _PLOT_X0 + (_PLOT_X1 - _PLOT_X0) * (day - lo).days / max((hi - lo).days, 1)

    out: List[str] = [
        f"<title>{for_xml(title)}</title>",
        text(_MARGIN, 22, fit(for_terminal(title), WIDTH - 2 * _MARGIN, TITLE, bold=True), size=TITLE, extra=' font-weight="bold"'),
    ]
    # The legend: the families present, then the marks' shapes that occur.
    families = [name for name in FAMILY_COLOURS if any(family(e.kind) == name for e in rows)]
    any_inferred = any(_inferred(e, f) is not None for e in rows for f in ("date", "end"))
    items, legend_h = legend(_MARGIN, 34, families, width=WIDTH - 2 * _MARGIN, inferred=any_inferred, extra=_shape_key(rows))
    out += items
    y = 34 + legend_h + 8
    axis_top = y + _AXIS
    body_top = axis_top + 6
    body_bottom = body_top + _ROW * len(rows)
    bottom_axis = len(rows) >= _TALL
    height = body_bottom + (_AXIS + 6 if bottom_axis else 0) + 8

    ticks = _ticks(lo, hi)
    for day, label in ticks:
        tx = x(day)
        out.append(f'<line x1="{tx:.1f}" y1="{axis_top - 4}" x2="{tx:.1f}" y2="{body_bottom}" stroke="#ddd"/>')
        if tx + text_width(label, SMALL) / 2 > WIDTH - 2:
            continue  # its label would be cut off by the figure's edge: the gridline alone says enough
        out.append(text(tx, axis_top - 8, label, size=SMALL, anchor="middle", extra=' fill="#555"'))
        if bottom_axis:
            out.append(text(tx, body_bottom + _AXIS - 2, label, size=SMALL, anchor="middle", extra=' fill="#555"'))
    out.append(f'<line x1="{_PLOT_X0}" y1="{axis_top - 4}" x2="{_PLOT_X1}" y2="{axis_top - 4}" stroke="#999"/>')
    if bottom_axis:
        out.append(f'<line x1="{_PLOT_X0}" y1="{body_bottom}" x2="{_PLOT_X1}" y2="{body_bottom}" stroke="#999"/>')

    for i, e in enumerate(rows):
        top = body_top + _ROW * i
        out += _row(e, top, i, x, href, prefix)
    return head.format(h=height) + "\n" + "\n".join(out) + "\n</svg>\n"


def _shape_key(rows: Sequence[Event]) -> List[Tuple[str, str]]:
    """Legend entries for the marks' shapes that occur in ``rows``."""
    grey = "#555"
    keys: List[Tuple[str, str]] = []
    if any(e.date.precision == "day" for e in rows):
        keys.append(("day", f'<circle cx="{{cx:.1f}}" cy="{{cy:.1f}}" r="5.5" fill="{grey}"/>'))
    if any(e.date.precision != "day" for e in rows):
        keys.append(("month or year", f'<rect x="{{x:.1f}}" y="{{y:.1f}}" width="12" height="12" fill="{grey}" fill-opacity="0.6" stroke="{grey}"/>'))
    if any(e.end is not None for e in rows):
        keys.append(("until its end", f'<line x1="{{x:.1f}}" y1="{{cy:.1f}}" x2="{{right:.1f}}" y2="{{cy:.1f}}" stroke="{grey}" stroke-width="3"/>'))
    if any(e.status is not EventStatus.OCCURRED for e in rows):
        keys.append(("scheduled or expected", f'<circle cx="{{cx:.1f}}" cy="{{cy:.1f}}" r="5" fill="white" stroke="{grey}" stroke-width="2"/>'))
    if any(e.date_bound is not None for e in rows):
        keys.append(("a bound: the true date lies where the arrow points", f'<path d="M{{x:.1f}},{{cy:.1f}} L{{right:.1f}},{{cy:.1f}} m-5,-5 l5,5 l-5,5" fill="none" stroke="{grey}" stroke-width="2"/>'))
    return keys


def _row(
    e: Event, top: float, index: int, x: Callable[[datetime.date], float],
    href: Optional[Callable[[str], str]], prefix: str,
) -> List[str]:
    """One event's row: its band, label and mark, grouped with its hover text."""
    fill = colour(e.kind)
    mid = top + _ROW / 2
    date_inferred = _inferred(e, "date") is not None
    end_inferred = _inferred(e, "end") is not None
    hollow = date_inferred or e.status is not EventStatus.OCCURRED
    dash = f' stroke-dasharray="{INFERRED_DASH}"' if date_inferred else ""
    ident = f' id="{for_xml(_safe_id(prefix, e.id))}"' if prefix else ""
    out = [f'<g class="event" data-event="{for_xml(e.id)}"{ident}>', f"<title>{for_xml(_hover(e))}</title>"]
    if index % 2 == 0:
        # Banded rows lead the eye from a label to its mark.
        out.append(f'<rect class="band" x="{_MARGIN - 4}" y="{top:.1f}" width="{WIDTH - 2 * _MARGIN + 8}" height="{_ROW}" fill="#f4f4f4"/>')

    # The label: bold date, the kind, then as much of the summary as two lines hold.
    when, what = _when(e), _what(e)
    lead_w = text_width(when, bold=True) + text_width(f" · {what} — ")
    if lead_w > _TEXT_W:
        when = fit(when, _TEXT_W / 2, bold=True)
        what = fit(what, _TEXT_W - text_width(when, bold=True) - text_width(" ·  — "))
        lead_w = text_width(when, bold=True) + text_width(f" · {what} — ")
    # Measured as shown: a control character is shown as an escape (\x1b), longer than itself.
    words = [for_terminal(word) for word in e.summary.split()]
    first, rest = _wrap(words, _TEXT_W - lead_w)
    second = fit(" ".join(rest), _TEXT_W)
    if not first and words:
        # Not even the summary's first word fits after the kind: it starts on line two.
        second = fit(" ".join(words), _TEXT_W)
    y1, y2 = top + 6 + FONT, top + 6 + FONT + _LINE
    out.append(
        f'<text x="{_MARGIN}" y="{y1:.1f}" font-size="{FONT}">'
        f'<tspan font-weight="bold">{for_xml(when)}</tspan> · {for_xml(what)}{" — " if first or second else ""}'
        f"{for_xml(first)}</text>"
    )
    if second:
        out.append(text(_MARGIN, y2, second, extra=' fill="#333"'))

    # The mark on the calendar.
    x0 = x(e.date.earliest())
    if e.end is not None:
        xe = x(e.end.latest() + datetime.timedelta(days=1) if e.end.precision != "day" else e.end.latest())
        end_dash = f' stroke-dasharray="{INFERRED_DASH}"' if end_inferred or date_inferred else ""
        out.append(f'<line x1="{x0:.1f}" y1="{mid:.1f}" x2="{max(xe, x0):.1f}" y2="{mid:.1f}" stroke="{fill}" stroke-width="3"{end_dash}/>')
        if e.end.precision == "day":
            out.append(f'<line x1="{xe:.1f}" y1="{mid - 6:.1f}" x2="{xe:.1f}" y2="{mid + 6:.1f}" stroke="{fill}" stroke-width="2"{end_dash}/>')
    if e.date_bound is not None:
        # The arrow points from the bound towards the side where the true date lies.
        sign = -1 if e.date_bound is Bound.NOT_LATER_THAN else 1
        base = x0 if sign < 0 else x(e.date.latest() + datetime.timedelta(days=1))
        tip = base + sign * 18
        out.append(
            f'<path d="M{base:.1f},{mid:.1f} L{tip:.1f},{mid:.1f} M{tip - sign * 5:.1f},{mid - 5:.1f} '
            f'L{tip:.1f},{mid:.1f} L{tip - sign * 5:.1f},{mid + 5:.1f}" fill="none" stroke="{fill}" stroke-width="2"/>'
        )
    paint = f'fill="white" stroke="{fill}" stroke-width="2"' if hollow else f'fill="{fill}" stroke="{fill}"'
    if e.date.precision == "day":
        out.append(f'<circle class="mark" cx="{x0:.1f}" cy="{mid:.1f}" r="5.5" {paint}{dash}/>')
    else:
        x1 = x(e.date.latest() + datetime.timedelta(days=1))
        opacity = "" if hollow else ' fill-opacity="0.6"'
        out.append(f'<rect class="mark" x="{x0:.1f}" y="{mid - 6:.1f}" width="{max(x1 - x0, 5):.1f}" height="12" {paint}{opacity}{dash}/>')
    out.append("</g>")
    if href is not None:
        out = [f'<a href="{for_xml(href(e.id))}">', *out, "</a>"]
    return out
