"""The relational layout every tabular export shares: derived date columns, typed columns, descriptions."""

import csv
import sqlite3
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from hypothesis import HealthCheck, given, settings

from kz_labour_rights import CaseKind, DataError, EventKind, EventStatus, OrgKind, PartialDate, PenaltyKind, RelationKind, export, load
from kz_labour_rights.formats._tables import DERIVED_ROLES, LAYOUT, PRECISIONS, derived_cell, layout, to_tables
from strategies import cases, dataset

SURVEILLANCE = "event:kharkova-2016-03-surveillance"


def _csv(path: Path, table: str) -> List[Dict[str, str]]:
    with (path / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write_csv(path: Path, table: str, rows: List[Dict[str, str]]) -> None:
    with (path / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def test_every_partial_date_column_is_followed_by_its_derived_columns() -> None:
    """X is followed by X_earliest, X_latest and X_precision, derived from X, in every table that has a partial date."""
    found = []
    for table in LAYOUT.values():
        names = [c.name for c in table.columns]
        for i, c in enumerate(table.columns):
            if c.role == "partial-date":
                found.append(f"{table.name}.{c.name}")
                follow = table.columns[i + 1:i + 4]
                assert [(f"{c.name}_{r}", r, c.name, c.required) for r in DERIVED_ROLES] == [(d.name, d.role, d.derived_from, d.required) for d in follow]
        assert all(c.derived_from in names for c in table.columns if c.derived_from)
    assert {"events.date", "events.end", "sources.published", "memberships.start", "memberships.end", "penalties.start", "penalties.end",
            "relations.date", "provision_versions.valid_from", "provision_versions.valid_to"} == set(found)


def test_derived_cells_of_a_month() -> None:
    """Kharkova's surveillance (March 2016) spans 2016-03-01 to 2016-03-31, known to the month."""
    events = to_tables(load())["events"]
    names = [c.name for c in events.columns]
    row = dict(zip(names, next(r for r in events.rows if r[0] == SURVEILLANCE)))
    assert ("2016-03", "2016-03-01", "2016-03-31", "month") == (row["date"], row["date_earliest"], row["date_latest"], row["date_precision"])
    assert (None, None, None, None) == (row["end"], row["end_earliest"], row["end_latest"], row["end_precision"])


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=10)
@given(cases)
def test_written_derived_cells_are_what_the_reader_recomputes(records: Dict[str, List[Dict[str, Any]]]) -> None:
    """In every table of generated datasets, each derived cell is derived_cell() of its partial date (blank with it)."""
    for table in to_tables(dataset(records)).values():
        names = [c.name for c in table.columns]
        for row in table.rows:
            cells = dict(zip(names, row))
            for c in table.columns:
                if c.derived_from:
                    source = cells[c.derived_from]
                    assert (None if source is None else derived_cell(c.role, PartialDate.parse(str(source)))) == cells[c.name]


@pytest.mark.parametrize("column, value, expected", [
    ("date_earliest", "2016-03-02", "'2016-03-02' disagrees with date '2016-03': expected '2016-03-01'"),
    ("date_latest", "2016-03-30", "'2016-03-30' disagrees with date '2016-03': expected '2016-03-31'"),
    ("date_precision", "day", "'day' disagrees with date '2016-03': expected 'month'"),
    ("date_earliest", "", "blank, but the column is required"),
    ("end_latest", "2016-04-30", "'2016-04-30', but end is blank: a column derived from it is blank too"),
])
def test_a_derived_cell_that_disagrees_is_refused_naming_row_column_and_expected(tmp_path: Path, column: str, value: str, expected: str) -> None:
    """A CSV row whose derived cell says something else than its partial date is a problem at that row and column."""
    path = export(load(), "csv", tmp_path / "c")
    rows = _csv(path, "events")
    n = next(i for i, r in enumerate(rows, 1) if r["id"] == SURVEILLANCE)
    rows[n - 1][column] = value
    _write_csv(path, "events", rows)
    with pytest.raises(DataError) as info:
        load(path)
    assert [("events.csv", f"row {n}", column)] == [(p.file, p.record, p.field) for p in info.value.problems]
    assert expected in info.value.problems[0].message


def test_sqlite_derived_cells_are_checked_too(tmp_path: Path) -> None:
    """The SQLite reader goes through the same check: a forged provision_versions.valid_from_latest is refused."""
    path = export(load(), "sqlite", tmp_path / "x.sqlite")
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE provision_versions SET valid_from_latest = '1999-12-31' WHERE rowid = (SELECT min(rowid) FROM provision_versions WHERE valid_from IS NOT NULL)")
    con.close()
    with pytest.raises(DataError) as info:
        load(path)
    assert [("valid_from_latest", True)] == [(p.field, "expected '" in p.message) for p in info.value.problems]


def test_schema_2_layout_is_unchanged() -> None:
    """The layout of schema-2 exports (0.2.0) has no derived columns and no columns newly required."""
    assert [] == [f"{t.name}.{c.name}" for t in layout(2).values() for c in t.columns if c.derived_from]
    assert ["id", "kind", "date", "end", "participants", "status", "case", "summary"] == [c.name for c in layout(2)["events"].columns]
    assert [False, False] == [c.required for c in layout(2)["events"].columns if c.name in ("status", "end")]
    assert ["provision_id", "position", "valid_from", "valid_to", "summary", "amended_by"] == [c.name for c in layout(2)["provision_versions"].columns]


def test_columns_whose_default_is_always_written_are_required() -> None:
    """pseudonym, per_year and the statuses are written in every row, so from schema 3 their columns are required."""
    required = {f"{t.name}.{c.name}" for t in LAYOUT.values() for c in t.columns if c.required}
    assert {"people.pseudonym", "penalties.per_year", "events.status", "discrepancies.status"} <= required
    assert not {"people.description", "penalties.amount_approximate", "events.end"} & required


def test_kind_and_status_columns_list_every_value_of_the_model() -> None:
    """Each enumerated column's values are its enum's, in the model's order; precisions are year, month, day."""
    values = {f"{t.name}.{c.name}": c.values for t in LAYOUT.values() for c in t.columns if c.values}
    assert tuple(k.value for k in EventKind) == values["events.kind"]
    assert tuple(k.value for k in EventStatus) == values["events.status"]
    assert tuple(k.value for k in OrgKind) == values["organisations.kind"]
    assert tuple(k.value for k in CaseKind) == values["cases.kind"]
    assert tuple(k.value for k in PenaltyKind) == values["penalties.kind"]
    assert tuple(k.value for k in RelationKind) == values["relations.kind"]
    assert ("resolved", "unresolved") == values["discrepancies.status"]
    assert ("stated", "inferred", "derived") == values["value_supports.status"]
    assert PRECISIONS == values["events.date_precision"] == ("year", "month", "day")
    assert {"events.date_of", "events.date_bound", "events.counted", "memberships.start_bound", "provision_versions.valid_from_bound"} <= set(values)


@pytest.mark.skipif(sys.flags.optimize >= 2, reason="python -OO strips the docstrings the descriptions come from")
def test_every_table_and_column_is_described() -> None:
    """Every table and column has a description, one line, without reStructuredText markup."""
    missing: List[Optional[str]] = [f"{t.name}.{c.name}" for t in LAYOUT.values() for c in t.columns if not c.description]
    missing += [t.name for t in LAYOUT.values() if not t.description]
    assert [] == missing
    texts = [c.description for t in LAYOUT.values() for c in t.columns] + [t.description for t in LAYOUT.values()]
    assert [] == [d for d in texts if "``" in d or ":class:" in d or "\n" in d or len(d) > 240]
    described = {c.name: c.description for c in LAYOUT["events"].columns}
    assert ("What happened", "The record's id (event:…)", "The first day date may mean (derived)") == (
        described["kind"], described["id"], described["date_earliest"])
