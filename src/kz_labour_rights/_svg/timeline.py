"""Timeline figures as SVG, drawn with the standard library only.

One row per event, in date order, on a shared time axis with a tick per
year.  A day-precise date is a dot; a month or a year is a bar over the
interval it stands for (the dataset's partial dates are intervals); an event
with an end is a line to that end.  Each mark carries a ``<title>`` (the
summary) for hover text.  Every text from the data is XML-escaped, control
characters shown as escapes (:func:`._escape.for_xml`), in content and in
attributes alike.  The output is deterministic: the same events give
byte-identical SVG.
"""

import datetime
from typing import List, Sequence
from .._escape import for_xml
from .._model import Event

__all__ = ["timeline_svg"]

_W, _LEFT, _RIGHT, _TOP, _ROW = 960, 20, 20, 46, 22
_KIND_COLOURS = {
    "verdict": "#b2182b", "arrest": "#d6604d", "detention": "#d6604d", "release": "#1a9850",
    "appeal": "#762a83", "cassation": "#762a83", "pardon": "#1a9850", "strike": "#2166ac",
    "hunger-strike": "#2166ac", "registration-denial": "#8c510a", "dissolution": "#8c510a",
    "shooting": "#67001f", "attack": "#67001f",
}


def _x(day: datetime.date, lo: datetime.date, hi: datetime.date) -> float:
    span = max((hi - lo).days, 1)
    return _LEFT + (_W - _LEFT - _RIGHT) * (day - lo).days / span


def timeline_svg(events: Sequence[Event], title: str) -> str:
    """An SVG timeline of ``events`` (any order) titled ``title``."""
    rows = sorted(events, key=lambda e: (e.date.sort_key(), e.id))
    if not rows:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="40"><text x="10" y="24">{for_xml(title)}: no dated events</text></svg>\n'
    starts = [e.date.earliest() for e in rows]
    ends = [(e.end or e.date).latest() for e in rows]
    lo = min(starts) - datetime.timedelta(days=30)
    hi = max(ends) + datetime.timedelta(days=30)
    height = _TOP + _ROW * len(rows) + 20
    out: List[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{height}" viewBox="0 0 {_W} {height}" '
        f'font-family="sans-serif" font-size="11" role="img" aria-label="{for_xml(title)}">',
        f"<title>{for_xml(title)}</title>",
        f'<text x="{_LEFT}" y="16" font-size="13" font-weight="bold">{for_xml(title)}</text>',
    ]
    if (hi - lo).days < 3 * 365:
        # Short spans get a tick per quarter, labelled with the month.
        first = datetime.date(lo.year, ((lo.month - 1) // 3) * 3 + 1, 1)
        ticks = [first]
        while ticks[-1] < hi:
            y, m = divmod(ticks[-1].month - 1 + 3, 12)
            ticks.append(datetime.date(ticks[-1].year + y, m + 1, 1))
        ticks = [t for t in ticks if lo < t < hi]
        labels = [t.strftime("%b %Y") if t.month == 1 or t is ticks[0] else t.strftime("%b") for t in ticks]
    else:
        ticks = [datetime.date(year, 1, 1) for year in range(lo.year + 1, hi.year + 1)]
        labels = [str(t.year) for t in ticks]
    for tick, label in zip(ticks, labels):
        x = _x(tick, lo, hi)
        out.append(f'<line x1="{x:.1f}" y1="{_TOP - 14}" x2="{x:.1f}" y2="{height - 14}" stroke="#ddd"/>')
        out.append(f'<text x="{x + 2:.1f}" y="{_TOP - 16}" fill="#666">{label}</text>')
    for i, e in enumerate(rows):
        y = _TOP + _ROW * i
        colour = _KIND_COLOURS.get(e.kind.value, "#4d4d4d")
        x0, x1 = _x(e.date.earliest(), lo, hi), _x(e.date.latest() + datetime.timedelta(days=1), lo, hi)
        tip = f"<title>{for_xml(f'{e.date} {e.kind.value}: {e.summary}')}</title>"
        if e.end is not None:
            xe = _x(e.end.latest(), lo, hi)
            out.append(f'<line x1="{x0:.1f}" y1="{y}" x2="{xe:.1f}" y2="{y}" stroke="{colour}" stroke-width="2">{tip}</line>')
        if e.date.precision == "day":
            out.append(f'<circle cx="{x0:.1f}" cy="{y}" r="4" fill="{colour}">{tip}</circle>')
        else:
            out.append(f'<rect x="{x0:.1f}" y="{y - 4}" width="{max(x1 - x0, 3):.1f}" height="8" fill="{colour}" fill-opacity="0.45">{tip}</rect>')
        label = f"{e.date}{' – ' + str(e.end) if e.end else ''}  {e.kind.value}"
        right = max(x1, _x(e.end.latest(), lo, hi) if e.end else x1)
        anchor, lx = ("end", x0 - 6) if right > _W * 0.72 else ("start", right + 6)
        out.append(f'<text x="{lx:.1f}" y="{y + 4}" text-anchor="{anchor}">{for_xml(label)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
