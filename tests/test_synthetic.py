"""Tests for benchmarks/synthetic.py: the scaled snapshot the benchmarks read is a valid, stamped dataset."""

import sys
from pathlib import Path

from kz_labour_rights import load

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import synthetic  # noqa: E402


def test_scaled_snapshot_loads_with_every_record_replicated(tmp_path: Path) -> None:
    """Three copies load (checksum verified), hold three times every collection, and keep names unique."""
    ds = load(synthetic.write(3, tmp_path / "x3"))
    packaged = load()
    assert {name: 3 * n for name, n in packaged.counts().items()} == ds.counts()
    assert "person:larisa-kharkova" == ds.people.lookup("Kharkova").id
    assert "person:larisa-kharkova-x2" == ds.people.lookup("Larisa2 Kharkova2").id
    case = next(c for c in ds.cases if c.id.endswith("-x1") and c.people)
    assert all(ref.endswith("-x1") for ref in case.people)
