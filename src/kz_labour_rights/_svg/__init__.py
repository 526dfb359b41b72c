"""Figures as SVG, drawn with the standard library only (layer 8).

One module per figure: :mod:`.timeline` (a record's events on a time axis),
:mod:`.overview` (the whole record, events by kind per year), :mod:`.sentence`
(a case's penalties on the calendar, from the arithmetic), :mod:`.network`
(who is linked to whom); :mod:`._style` holds what they share — the colour of
each event kind, text sizes, the legend.  Every text from the data is
XML-escaped (:func:`.._escape.for_xml`); the same input gives byte-identical
SVG.
"""

from .network import network_svg
from .overview import overview_svg
from .timeline import timeline_svg

__all__ = ["network_svg", "overview_svg", "timeline_svg"]
