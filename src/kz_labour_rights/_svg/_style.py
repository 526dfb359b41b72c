"""What every figure shares: the colours of event kinds, the text sizes, the legend.

One event kind has one colour in every figure (timeline, overview, sentence
chart, network), by its *family* — what part of a case it belongs to — so a
reader learns the colours once.  The palette is Okabe and Ito's, which stays
distinct for the common colour-vision deficiencies; the family is also written
in the legend, never left to colour alone.
"""

from typing import Dict, List, Sequence, Tuple

from .._escape import for_xml
from .._model import EventKind

__all__ = [
    "FAMILIES", "FAMILY_COLOURS", "FONT", "INFERRED_DASH", "SMALL", "TITLE", "colour", "family", "legend", "text",
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
        # 0.55 em a character: a little wider than common sans-serif faces, so entries never touch.
        need = 18 + len(name) * FONT * 0.55 + 12
        if cx > x and cx + need > x + width:
            cx, cy = x, cy + row
        out.append(swatch.format(x=cx, y=cy, cx=cx + 6, cy=cy + 6, right=cx + 12))
        out.append(text(cx + 18, cy + 11, name))
        cx += need
    return out, cy - y + row
