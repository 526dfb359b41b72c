"""What every figure shares: the colours of event kinds, the text sizes and their estimated widths, dates as
labels, the legend.

One event kind has one colour in every figure (timeline, overview, sentence
chart, network), by its *family* — what part of a case it belongs to — so a
reader learns the colours once.  The palette is Okabe and Ito's, which stays
distinct for the common colour-vision deficiencies; the family is also written
in the legend, never left to colour alone.

Text widths are estimated, not measured (the standard library has no font
metrics): :func:`text_width` takes 0.55 em a character for regular text and
0.6 em for bold, a little above the average of common sans-serif faces for
Latin and Cyrillic, so that an estimated box is rather too wide than too
narrow.  Every figure places its labels with this one ruler.
"""

import datetime
from typing import Dict, List, Sequence, Tuple

from .._escape import for_xml
from .._model import EventKind
from .._values import PartialDate

__all__ = [
    "FAMILIES", "FAMILY_COLOURS", "FONT", "INFERRED_DASH", "MONTHS", "SMALL", "TITLE", "Box", "colour", "day_label", "family", "fit",
    "human_date", "legend", "overlaps", "text", "text_box", "text_width",
]

FONT = 13
"""Body text size in px (the issue's floor is 12)."""
SMALL = 12
"""The smallest text any figure uses, in px."""
TITLE = 15
"""Figure title size in px."""
INFERRED_DASH = "4 3"
"""``stroke-dasharray`` of a mark whose value is inferred, not stated: drawn
dashed and hollow, and said so in the legend and the hover text."""

FAMILIES: Dict[str, Tuple[EventKind, ...]] = {
    "police and prosecution": (
        EventKind.INVESTIGATION_OPENED, EventKind.INVESTIGATION_CLOSED, EventKind.SEARCH, EventKind.SUMMONS,
        EventKind.VISIT, EventKind.ARREST, EventKind.DETENTION, EventKind.HOUSE_ARREST, EventKind.CHARGE,
        EventKind.SURVEILLANCE,
    ),
    "courts": (
        EventKind.TRIAL, EventKind.VERDICT, EventKind.APPEAL, EventKind.CASSATION, EventKind.SUPERVISORY_REVIEW,
        EventKind.ENTRY_INTO_FORCE, EventKind.RULING, EventKind.ENFORCEMENT,
    ),
    "sentence": (
        EventKind.PARDON_PETITION, EventKind.PARDON, EventKind.SENTENCE_REPLACEMENT, EventKind.PAROLE_APPLICATION,
        EventKind.PAROLE_DECISION, EventKind.PROBATION_REGISTRATION, EventKind.PAROLE_ELIGIBILITY,
        EventKind.DEADLINE, EventKind.RELEASE, EventKind.SENTENCE_END, EventKind.BAN_END, EventKind.TRANSFER,
    ),
    "labour action": (
        EventKind.STRIKE, EventKind.HUNGER_STRIKE, EventKind.PROTEST, EventKind.DISMISSAL, EventKind.REINSTATEMENT,
    ),
    "unions and registration": (
        EventKind.REGISTRATION_APPLICATION, EventKind.REGISTRATION_DENIAL, EventKind.REGISTRATION_SUSPENDED,
        EventKind.REGISTRATION, EventKind.SUSPENSION, EventKind.DISSOLUTION, EventKind.ELECTION, EventKind.RESIGNATION,
    ),
    "assemblies": (EventKind.ASSEMBLY_APPLICATION, EventKind.ASSEMBLY_REFUSED, EventKind.ASSEMBLY_DISPERSED),
    "violence": (EventKind.ATTACK, EventKind.SHOOTING, EventKind.INTIMIDATION),
    "law, ILO and statements": (
        EventKind.LEGISLATION_ADOPTED, EventKind.LEGISLATION_IN_FORCE, EventKind.LEGISLATION_AMENDED,
        EventKind.ILO_SUPERVISION, EventKind.PETITION, EventKind.STATEMENT,
    ),
    "other": (EventKind.OTHER,),
}
"""Event kinds by family, in legend order; every kind is in exactly one."""

FAMILY_COLOURS: Dict[str, str] = {
    "police and prosecution": "#D55E00",
    "courts": "#CC79A7",
    "sentence": "#009E73",
    "labour action": "#0072B2",
    "unions and registration": "#E69F00",
    "assemblies": "#56B4E9",
    "violence": "#000000",
    "law, ILO and statements": "#8C6D31",
    "other": "#999999",
}
"""The colour of each family (Okabe–Ito, with a brown and a grey added)."""

_FAMILY_OF = {kind: name for name, kinds in FAMILIES.items() for kind in kinds}


def family(kind: EventKind) -> str:
    """The family of an event kind."""
    return _FAMILY_OF[kind]


def colour(kind: EventKind) -> str:
    """The colour of an event kind (its family's)."""
    return FAMILY_COLOURS[_FAMILY_OF[kind]]


def text(x: float, y: float, content: str, *, size: int = FONT, anchor: str = "start", extra: str = "") -> str:
    """An SVG ``<text>`` element with ``content`` escaped for XML."""
    attrs = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{attrs}{extra}>{for_xml(content)}</text>'


def legend(
    x: float, y: float, families: Sequence[str], *, width: float, inferred: bool = False,
    extra: Sequence[Tuple[str, str]] = (),
) -> Tuple[List[str], float]:
    """A legend of ``families`` (and of the inferred style, if asked) flowing in rows from ``(x, y)``.

    Args:
        x: left edge.
        y: top edge.
        families: the families to show, in this order.
        width: the width to flow the entries in.
        inferred: whether to add the swatch of the inferred style.
        extra: further ``(label, swatch)`` entries (e.g. the shapes of
            marks), each swatch an SVG format string drawn in the 12 px box
            whose top left corner is ``{x}``, ``{y}`` (``{cx}``, ``{cy}`` its
            centre, ``{right}`` its right edge).

    Returns:
        The SVG elements and the height they take.
    """
    out: List[str] = []
    cx, cy, row = x, y, FONT + 8
    entries = [(name, f'<rect x="{{x:.1f}}" y="{{y:.1f}}" width="12" height="12" fill="{FAMILY_COLOURS[name]}"/>') for name in families]
    if inferred:
        entries.append((
            "inferred, not stated",
            f'<rect x="{{x:.1f}}" y="{{y:.1f}}" width="12" height="12" fill="white" stroke="#444" stroke-dasharray="{INFERRED_DASH}"/>',
        ))
    entries += extra
    for name, swatch in entries:
        need = 18 + text_width(name) + 12
        if cx > x and cx + need > x + width:
            cx, cy = x, cy + row
        out.append(swatch.format(x=cx, y=cy, cx=cx + 6, cy=cy + 6, right=cx + 12))
        out.append(text(cx + 18, cy + 11, name))
        cx += need
    return out, cy - y + row


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Month names as the figures write them."""

_EM = {False: 0.55, True: 0.6}

Box = Tuple[float, float, float, float]
"""An estimated extent: left, top, right, bottom."""


def text_width(content: str, size: int = FONT, *, bold: bool = False) -> float:
    """The estimated width in px of ``content`` at ``size`` px: 0.55 em a character (0.6 em bold)."""
    return len(content) * size * _EM[bold]


def text_box(x: float, y: float, content: str, size: int = FONT, anchor: str = "start", *, bold: bool = False) -> Box:
    """The box a text drawn at baseline ``(x, y)`` with ``text-anchor`` ``anchor`` takes, estimated."""
    width = text_width(content, size, bold=bold)
    left = x - (width if anchor == "end" else width / 2 if anchor == "middle" else 0)
    return (left, y - size, left + width, y + size * 0.3)


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share any area (touching edges do not)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def fit(content: str, width: float, size: int = FONT, *, bold: bool = False) -> str:
    """``content`` shortened with "…" (at a word if one is near) to fit ``width``."""
    if text_width(content, size, bold=bold) <= width:
        return content
    room = max(int(width / (size * _EM[bold])) - 1, 0)
    cut = content[:room]
    space = cut.rfind(" ")
    if space > room * 0.7:
        cut = cut[:space]
    return cut.rstrip(" ,;:—–-") + "…"


def day_label(day: datetime.date) -> str:
    """A day as the figures write it: ``9 Aug 2019``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def human_date(date: PartialDate) -> str:
    """A partial date as people write it: ``9 Aug 2019``, ``Aug 2019``, ``2019``."""
    if date.day is not None:
        return day_label(date.earliest())
    if date.month is not None:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return str(date.year)
