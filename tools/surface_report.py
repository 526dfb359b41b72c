"""Baseline for issue #10: how many stated values appear in their own quotes.

For every event date and every penalty term, amount, start, end and
replaced_days in the packaged dataset, this asks the surface-form matcher
(``kz_labour_rights._surface``) whether the value is found in at least one of
the record's citation quotes, and prints found / not found per record type
and field, then the first 10 values not found.  It reads the data, it changes
nothing.

Usage (from the repository root, with the package installed):

    python tools/surface_report.py
"""

import functools
import sys
from collections import Counter
from typing import Callable, List, Optional, Sequence, Tuple

from kz_labour_rights import load
from kz_labour_rights._model import Citation
from kz_labour_rights._surface import Match, find_amount, find_count, find_date, find_term


def _found(find: Callable[[str], Optional[Match]], citations: Sequence[Citation]) -> bool:
    return any(find(c.quote) is not None for c in citations)


def main() -> int:
    """Print the report; always returns 0 (a baseline, not a gate)."""
    data = load()
    counts: Counter[Tuple[str, str, bool]] = Counter()
    missing: List[str] = []

    def check(kind: str, field: str, record_id: str, value: object, find: Callable[[str], Optional[Match]],
              citations: Sequence[Citation]) -> None:
        ok = _found(find, citations)
        counts[(kind, field, ok)] += 1
        if not ok:
            quote = citations[0].quote if citations else ""
            missing.append(f"{record_id} {field}={value}: {quote[:110]!r}")

    for e in data.events:
        check("event", "date", e.id, e.date, functools.partial(find_date, e.date), e.citations)
    for p in data.penalties:
        if p.term is not None:
            check("penalty", "term", p.id, p.term, functools.partial(find_term, p.term), p.citations)
        if p.amount is not None:
            check("penalty", "amount", p.id, p.amount, functools.partial(find_amount, p.amount), p.citations)
        if p.start is not None:
            check("penalty", "start", p.id, p.start, functools.partial(find_date, p.start), p.citations)
        if p.end is not None:
            check("penalty", "end", p.id, p.end, functools.partial(find_date, p.end), p.citations)
        if p.replaced_days is not None:
            check("penalty", "replaced_days", p.id, p.replaced_days, functools.partial(find_count, p.replaced_days),
                  p.citations)

    print(f"{'record':8} {'field':14} {'found':>6} {'not found':>10}")
    for kind, field in sorted({(k, f) for k, f, _ in counts}):
        print(f"{kind:8} {field:14} {counts[(kind, field, True)]:6} {counts[(kind, field, False)]:10}")
    total_found = sum(n for (_, _, ok), n in counts.items() if ok)
    print(f"{'total':23} {total_found:6} {len(missing):10}")
    print("\nfirst 10 not found:")
    for line in missing[:10]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
