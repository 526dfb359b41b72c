"""Quotes: every citation's quote appears verbatim in its source text.

The source texts are not shipped; pass their directory with ``--sources-dir``
or ``KZLR_SOURCES_DIR`` (CI passes ../shared/sources).  Without it these tests
skip, saying why.
"""

import hashlib
import re
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

from kz_labour_rights import Citation, load

_WS = re.compile(r"\s+")
MAX_QUOTE = 400


def normalise(text: str) -> str:
    """Collapse every whitespace run (no-break spaces included) to one space."""
    return _WS.sub(" ", text).strip()


def all_citations() -> Iterator[Tuple[str, str, Citation]]:
    """``(record id, field path, citation)`` for every citation in the dataset."""
    ds = load()
    for t in ("people", "organisations", "memberships", "provisions", "cases", "events", "penalties", "discrepancies", "relations"):
        for r in ds.collection(t):
            for i, c in enumerate(r.citations):
                yield r.id, f"citations[{i}]", c
            for v, version in enumerate(getattr(r, "versions", ())):
                for i, c in enumerate(version.citations):
                    yield r.id, f"versions[{v}].citations[{i}]", c
            for k, side in enumerate(getattr(r, "sides", ())):
                for i, c in enumerate(side.citations):
                    yield r.id, f"sides[{k}].citations[{i}]", c


@pytest.fixture(scope="module")
def texts(sources_dir: Path) -> Dict[str, str]:
    """Normalised text of every source, by source id."""
    out = {}
    for s in load().sources:
        path = sources_dir / s.file
        assert path.is_file(), f"{s.id}: text {s.file} not found in {sources_dir}"
        out[s.id] = normalise(path.read_text(encoding="utf-8"))
    return out


def test_source_checksums(sources_dir: Path) -> None:
    """Each source's stored text has the checksum the dataset records."""
    bad = []
    for s in load().sources:
        digest = hashlib.sha256((sources_dir / s.file).read_bytes()).hexdigest()
        if digest != s.sha256:
            bad.append(f"{s.id}: {s.file} has sha256 {digest}, dataset says {s.sha256}")
    assert [] == bad


def test_every_quote_is_verbatim(texts: Dict[str, str]) -> None:
    """Every quote is found word for word in its source (whitespace normalised)."""
    missing: List[str] = []
    for rid, path, c in all_citations():
        if normalise(c.quote) not in texts[c.source]:
            missing.append(f"{rid} {path}: not in {c.source}: {c.quote!r}")
    assert [] == missing


def test_quotes_are_short() -> None:
    """The package ships short quotes, never the texts: at most 400 characters each."""
    long = [f"{rid} {path}: {len(c.quote)} chars" for rid, path, c in all_citations() if len(c.quote) > MAX_QUOTE]
    assert [] == long


def test_every_source_is_cited() -> None:
    """Each source in the dataset is cited by at least one record."""
    cited = {c.source for _, _, c in all_citations()}
    assert [] == [s.id for s in load().sources if s.id not in cited and not any(x.part_of == s.id for x in load().sources)]


def test_every_fact_bearing_record_is_cited() -> None:
    """No record other than a Source lacks citations (also enforced at load); a discrepancy's may sit in its sides."""
    ds = load()
    uncited = [r.id for t in ("people", "organisations", "memberships", "provisions", "cases", "events", "penalties", "discrepancies", "relations")
               for r in ds.collection(t) if not r.citations and not any(s.citations for s in getattr(r, "sides", ()))]
    assert [] == uncited


def test_every_discrepancy_quotes_every_side() -> None:
    """Each discrepancy has at least two sides, each attributed and quoted, each side's records named by it."""
    ds = load()
    thin = [d.id for d in ds.discrepancies if len(d.sides) < 2 or not all(s.citations and s.by.strip() and s.claim.strip() for s in d.sides)]
    unnamed = [(d.id, rid) for d in ds.discrepancies for s in d.sides for rid in s.records if rid not in d.records]
    assert ([], []) == (thin, unnamed)
