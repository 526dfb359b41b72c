"""Exports: every format round-trips exactly; bad input fails with one clear error."""

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any, Dict, List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kz_labour_rights import DataError, UsageError, export, load
from kz_labour_rights._converter import structure
from kz_labour_rights._dataset import RECORD_TYPES, SCHEMA_VERSION, Dataset, Meta
from kz_labour_rights.formats import READABLE, REGISTRY, read
from kz_labour_rights.formats._tables import LAYOUT
from strategies import RECORDS, cases, dataset


@pytest.mark.parametrize("fmt", READABLE)
def test_packaged_dataset_round_trips(tmp_path: Path, fmt: str) -> None:
    """export(fmt) then load(path) gives back an equal Dataset, record for record, with the same checksum."""
    ds = load()
    back = load(export(ds, fmt, tmp_path / fmt))
    assert ds == back and ds.checksum == back.checksum and ds.meta.version == back.meta.version


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=10)
@given(cases)
def test_generated_datasets_round_trip(tmp_path: Path, records: Dict[str, List[Dict[str, Any]]]) -> None:
    """Generated datasets (money, partial dates, terms, link lists) survive CSV and SQLite exactly."""
    ds = dataset(records)
    for fmt in ("csv", "sqlite"):
        assert ds == load(export(ds, fmt, tmp_path / f"g-{fmt}"))


def test_datapackage_describes_every_table(tmp_path: Path) -> None:
    """datapackage.json lists each CSV with its fields, primary key and foreign keys to existing resources."""
    out = export(load(), "datapackage", tmp_path / "dp")
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}
    assert names == set(LAYOUT) and package["version"] == load().version
    for r in package["resources"]:
        with (out / r["path"]).open(encoding="utf-8", newline="") as fh:
            assert [f["name"] for f in r["schema"]["fields"]] == next(csv.reader(fh))
        assert all(fk["reference"]["resource"] in names for fk in r["schema"].get("foreignKeys", []))


def test_sqlite_has_keys_indexes_and_views(tmp_path: Path) -> None:
    """The SQLite file declares foreign keys, passes foreign_key_check, and has the documented views."""
    path = export(load(), "sqlite", tmp_path / "kz.sqlite")
    con = sqlite3.connect(path)
    views = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert {"timeline", "person_events", "case_penalties", "entity_discrepancies"} == views
    assert [] == con.execute("PRAGMA foreign_key_check").fetchall()
    assert con.execute("PRAGMA foreign_key_list(events_people)").fetchall()
    assert len(load().events) == con.execute("SELECT count(*) FROM timeline").fetchone()[0]


def test_csv_with_wrong_columns_fails_naming_the_file(tmp_path: Path) -> None:
    """A CSV whose header does not match the layout fails with a DataError naming that file."""
    out = export(load(), "csv", tmp_path / "c")
    (out / "people.csv").write_text("id,nom\nperson:x,X\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(out)
    assert "people.csv" in str(info.value)


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    """An unknown format names itself and the formats there are."""
    with pytest.raises(UsageError, match="xlsx.*json, csv, datapackage, sqlite"):
        export(load(), "xlsx", tmp_path)


@st.composite
def _one_of_each(draw: Any) -> Dict[str, List[Any]]:
    """One generated record of every type, each with drawn provenance, ids made unique per type."""
    out: Dict[str, List[Any]] = {}
    for t in RECORD_TYPES:
        record = draw(RECORDS[t.cls])
        out[t.name] = [record]
    return out


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=10)
@given(_one_of_each())
def test_provenance_round_trips_through_every_format(tmp_path: Path, records: Dict[str, List[Any]]) -> None:
    """Supports, inferred items and derivations of generated records come back exactly from each (installed) format's reader.

    The records' references dangle, which SQLite's foreign keys refuse at export; the packaged
    round trip above covers SQLite, whose tables are read by the same code as CSV's.
    """
    meta = Meta(version="0.0.1", schema_version=SCHEMA_VERSION, title="t", license="CC-BY-4.0")
    ds = Dataset(meta=meta, records=records)
    for fmt in [f for f in READABLE if f != "sqlite" and REGISTRY[f].available()]:
        out = export(ds, fmt, tmp_path / fmt, force=True)
        raw = read(out)
        back = {name: [structure(r.data, {t.name: t.cls for t in RECORD_TYPES}[name]) for r in items] for name, items in raw.records.items()}
        assert {name: list(items) for name, items in records.items()} == back, fmt


def test_sqlite_entity_discrepancies_view_matches_the_api(tmp_path: Path) -> None:
    """The entity_discrepancies view gives, for every person and organisation, discrepancies_of(entity, related=True)."""
    ds = load()
    path = export(ds, "sqlite", tmp_path / "x.sqlite")
    con = sqlite3.connect(path)
    rows = con.execute("SELECT entity_id, discrepancy_id FROM entity_discrepancies").fetchall()
    con.close()
    viewed: Dict[str, set] = {}
    for entity, discrepancy in rows:
        viewed.setdefault(entity, set()).add(discrepancy)
    api = {r.id: {d.id for d in ds.discrepancies_of(r, related=True)} for r in (*ds.people, *ds.organisations)}
    assert {k: v for k, v in api.items() if v} == viewed


def test_every_primary_key_leads_its_table() -> None:
    """Each table's primary key is its first columns, so that sorting rows by the key (as to_tables does) orders
    them as sorting by every column would."""
    from kz_labour_rights.formats._tables import LAYOUT, layout

    for table in [*LAYOUT.values(), *layout(2).values()]:
        assert list(table.primary_key) == [c.name for c in table.columns[: len(table.primary_key)]], table.name


def test_rows_are_in_key_order() -> None:
    """The rows of every table come sorted by their whole contents, ints before text, as they always were."""
    from kz_labour_rights.formats._tables import to_tables

    def whole_row(row: Any) -> Any:
        return tuple((0, v) if isinstance(v, int) and not isinstance(v, bool) else (1, str(v)) for v in row)

    for table in to_tables(load()).values():
        assert sorted(table.rows, key=whole_row) == list(table.rows), table.name
