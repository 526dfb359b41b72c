"""The whole record as one picture: events per year, stacked by family (SVG, standard library only).

One bar per year from ``first`` to ``last`` (2011–2022 by default, the
years the record covers), stacked by the family of the event's kind in the
legend's order (:data:`._style.FAMILIES`), each part in its family's colour
and labelled with its count where it is tall enough to hold one, the year's
total above the bar.  An event counts in the year of its date, whatever the
date's precision (a partial date never straddles a year).  Events outside
the years drawn are counted in the subtitle ("3 earlier events (1995–2010)
not shown"), never dropped silently.  Key moments — events of the kinds in
:data:`KEY_KINDS` found in the data, such as the Zhanaozen shooting — are
named above their year with their date, kind and place as the data gives
them.

Every text from the data is XML-escaped (:func:`.._escape.for_xml`); no
element has an ``id``; the same dataset gives byte-identical SVG.
"""

import collections
from typing import Counter, Dict, List, Sequence, Tuple

from .._dataset import Dataset
from .._escape import for_terminal, for_xml
from .._model import Event, EventKind
from ._style import FAMILY_COLOURS, FONT, SMALL, TITLE, family, fit, human_date, legend, text, text_width

__all__ = ["KEY_KINDS", "overview_svg", "year_counts"]

KEY_KINDS: Tuple[EventKind, ...] = (EventKind.SHOOTING,)
"""Kinds of event named on the overview when the data holds one."""

# 800 px: the home page's column holds it at its own size on a 1280 px screen (text stays at 12 px or more).
_W, _H = 800, 480
_LEFT, _RIGHT = 48, 16


def year_counts(events: Sequence[Event], first: int, last: int) -> Dict[int, Counter[str]]:
    """Events per year ``first``–``last`` (inclusive) and family: ``{year: Counter({family: n})}``."""
    counts: Dict[int, Counter[str]] = {year: collections.Counter() for year in range(first, last + 1)}
    for e in events:
        if first <= e.date.year <= last:
            counts[e.date.year][family(e.kind)] += 1
    return counts


def _ink(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (``#RRGGBB``)."""
    r, g, b = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    return "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#fff"


def _step(top: int) -> int:
    """A gridline step that gives at most six lines up to ``top``."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 6:
            return step
    return max(top // 6, 1)


def _outside(events: Sequence[Event], first: int, last: int) -> List[str]:
    """The subtitle's notes on the events before ``first`` and after ``last``."""
    notes = []
    before = sorted(e.date.year for e in events if e.date.year < first)
    after = sorted(e.date.year for e in events if e.date.year > last)
    if before:
        span = f"{before[0]}–{before[-1]}" if before[0] != before[-1] else str(before[0])
        notes.append(f"{len(before)} earlier event{'s' if len(before) != 1 else ''} ({span}) not shown")
    if after:
        span = f"{after[0]}–{after[-1]}" if after[0] != after[-1] else str(after[0])
        notes.append(f"{len(after)} later event{'s' if len(after) != 1 else ''} ({span}) not shown")
    return notes


def overview_svg(ds: Dataset, *, first: int = 2011, last: int = 2022) -> str:
    """The events of ``ds`` per year ``first``–``last``, stacked by family, as SVG.

    Args:
        ds: the dataset.
        first: the first year drawn.
        last: the last year drawn.

    Returns:
        The SVG document, ending with a newline.
    """
    events = sorted(ds.events, key=lambda e: (e.date.sort_key(), e.id))
    counts = year_counts(events, first, last)
    shown = sum(sum(c.values()) for c in counts.values())
    years = list(range(first, last + 1))
    title = f"{shown} events, {first}–{last}"
    notes = ["by year and kind of event"] + _outside(events, first, last)
    out: List[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{{h}}" viewBox="0 0 {_W} {{h}}" '
        f'font-family="sans-serif" font-size="{FONT}" role="img" aria-label="{for_xml(title)}">',
        f"<title>{for_xml(title + ': ' + '; '.join(notes))}</title>",
        text(_LEFT - 36, 22, title, size=TITLE, extra=' font-weight="bold"'),
        text(_LEFT - 36, 42, "; ".join(notes), extra=' fill="#333"'),
    ]
    families = [name for name in FAMILY_COLOURS if any(c[name] for c in counts.values())]
    items, legend_h = legend(_LEFT - 36, 54, families, width=_W - _LEFT - _RIGHT + 36)
    out += items

    # Key moments get a band of their own above the bars, one line each, so
    # that their labels cross no bar and no count.
    keys = [e for e in events if e.kind in KEY_KINDS and first <= e.date.year <= last]
    band_top = 54 + legend_h + 10
    plot_top = band_top + len(keys) * (FONT + 8) + (SMALL + 12)
    plot_bottom = plot_top + 300
    height = plot_bottom + SMALL + 20
    peak = max([sum(c.values()) for c in counts.values()] + [1])
    step = _step(peak)
    top = -(-peak // step) * step
    column = (_W - _LEFT - _RIGHT) / len(years)
    bar = column * 0.7

    def y(n: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * n / top

    for n in range(0, top + 1, step):
        out.append(f'<line x1="{_LEFT}" y1="{y(n):.1f}" x2="{_W - _RIGHT}" y2="{y(n):.1f}" stroke="{"#999" if n == 0 else "#e4e4e4"}"/>')
        out.append(text(_LEFT - 6, y(n) + SMALL * 0.35, str(n), size=SMALL, anchor="end", extra=' fill="#555"'))
    for i, year in enumerate(years):
        cx = _LEFT + column * (i + 0.5)
        x0 = cx - bar / 2
        base = 0
        for name in families:
            n = counts[year][name]
            if not n:
                continue
            y0, y1 = y(base + n), y(base)
            out.append(f'<g class="segment" data-year="{year}" data-family="{for_xml(name)}" data-count="{n}">')
            out.append(f"<title>{year}: {n} event{'s' if n != 1 else ''} of {for_xml(name)}</title>")
            out.append(f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{bar:.1f}" height="{y1 - y0:.1f}" fill="{FAMILY_COLOURS[name]}" stroke="white" stroke-width="0.5"/>')
            if y1 - y0 >= SMALL + 3:
                out.append(text(cx, (y0 + y1) / 2 + SMALL * 0.35, str(n), size=SMALL, anchor="middle", extra=f' fill="{_ink(FAMILY_COLOURS[name])}"'))
            out.append("</g>")
            base += n
        out.append(text(cx, y(base) - 5, str(base), anchor="middle", extra=' font-weight="bold" class="total"'))
        out.append(text(cx, plot_bottom + SMALL + 6, str(year), size=SMALL, anchor="middle"))
    for j, e in enumerate(keys):
        cx = _LEFT + column * (e.date.year - first + 0.5)
        ty = band_top + j * (FONT + 8) + FONT
        # Measured as shown: a control character in a place name is shown as an escape.
        label = for_terminal(f"{human_date(e.date)}: {e.kind.value.replace('-', ' ')}" + (f" in {e.place}" if e.place else ""))
        # Anchored at the bar, the label runs to whichever side has room (shortened if neither has).
        right, left = _W - _RIGHT - cx + 4, cx + 4 - 12
        if text_width(label) <= right:
            anchor = "start"
        elif text_width(label) <= left:
            anchor = "end"
        else:
            anchor = "start" if right >= left else "end"
            label = fit(label, max(right, left))
        total = sum(counts[e.date.year].values())
        out.append(f'<g class="key" data-event="{for_xml(e.id)}"><title>{for_xml(label + ": " + e.summary)}</title>')
        out.append(f'<line x1="{cx:.1f}" y1="{ty + 4:.1f}" x2="{cx:.1f}" y2="{y(total) - FONT - 6:.1f}" stroke="#000" stroke-dasharray="2 2"/>')
        out.append(text(cx - 4 if anchor == "start" else cx + 4, ty, label, anchor=anchor))
        out.append("</g>")
    out.append("</svg>")
    return out[0].format(h=height) + "\n" + "\n".join(out[1:]) + "\n"
