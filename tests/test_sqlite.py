"""The SQLite export's extras for Datasette and analysts: full-text tables and derived columns, all ignored by load()."""

import sqlite3
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pytest
from conftest import run_sql

import kz_labour_rights.formats.sqlite as sqlite_format
from kz_labour_rights import DataError, Dataset, export, load
from kz_labour_rights.formats.sqlite import FTS_TABLES, derived_columns, has_fts5

needs_fts5 = pytest.mark.skipif(not has_fts5(), reason="this Python's SQLite has no FTS5 (the export then skips full-text tables)")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged dataset exported once as SQLite."""
    return export(load(), "sqlite", tmp_path_factory.mktemp("sqlite") / "kz.sqlite")


@pytest.fixture
def copy(db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the export, to tamper with."""
    target = tmp_path / "kz.sqlite"
    target.write_bytes(db.read_bytes())
    return target


def _rows(path: Path, sql: str, *args: Any) -> List[Tuple[Any, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def _search(path: Path, table: str, query: str) -> List[str]:
    key = "id" if table != "citations" else "record_id"
    return sorted(r[0] for r in _rows(path, f"SELECT {key} FROM {table} WHERE rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)", query))


# ---------------------------------------------------------------- full-text search


@needs_fts5
def test_each_full_text_table_is_fts5_with_content_the_table(db: Path) -> None:
    """<table>_fts is an FTS5 table whose content= names the table in double quotes, as Datasette looks for it."""
    sql = dict(_rows(db, "SELECT name, sql FROM sqlite_master WHERE name LIKE '%\\_fts' ESCAPE '\\'"))
    assert {f"{t}_fts" for t in FTS_TABLES} == set(sql)
    for table, columns in FTS_TABLES.items():
        assert f'USING fts5({", ".join(columns)}, content="{table}",' in sql[f"{table}_fts"]


@needs_fts5
def test_full_text_index_matches_its_table(db: Path) -> None:
    """FTS5's own integrity check, comparing each index with its content table, passes for every full-text table."""
    for table in FTS_TABLES:
        _rows(db, f"INSERT INTO {table}_fts ({table}_fts, rank) VALUES ('integrity-check', 1)")


@needs_fts5
def test_integrity_check_notices_a_stale_index(copy: Path) -> None:
    """The check above can fail: an index entry for a row the table does not hold is reported as corrupt."""
    run_sql(copy, "INSERT INTO people_fts (rowid, name, aliases) VALUES (999999, 'Nobody', NULL)")
    with pytest.raises(sqlite3.DatabaseError):
        _rows(copy, "INSERT INTO people_fts (people_fts, rank) VALUES ('integrity-check', 1)")


@needs_fts5
@pytest.mark.parametrize("table, query, expected", [
    ("people", "Kharkova", ["person:larisa-kharkova"]),
    ("people", "Nilolayvna", ["person:larisa-kharkova"]),  # only in an alias
    ("people", "kharkova", ["person:larisa-kharkova"]),  # case folded
    ("organisations", "арселормиттал", None),  # Cyrillic, case folded
    ("cases", "cafe", None),  # "café": accents folded
    ("citations", "тенге OR tenge", None),
])
def test_full_text_search_finds_names_aliases_and_text(db: Path, table: str, query: str, expected: Any) -> None:
    """Names, aliases (only through the aliases column), Cyrillic and accented words are found, case and accents folded."""
    found = _search(db, table, query)
    if expected is None:
        assert found, f"{table}: nothing matches {query!r}"
    else:
        assert expected == found


@needs_fts5
def test_search_finds_exactly_the_rows_that_hold_the_word(db: Path) -> None:
    """Every event whose summary holds 'strike' as a word, and no other, is found (the index is complete)."""
    import re

    holding = sorted(i for i, s in _rows(db, "SELECT id, summary FROM events") if re.search(r"\bstrike\b", s, flags=re.I))
    assert holding and holding == _search(db, "events", "strike")


def test_without_fts5_the_database_is_written_without_search_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Python whose SQLite lacks FTS5 still exports (no *_fts tables) with a warning naming FTS5; it loads equal."""
    monkeypatch.setattr(sqlite_format, "has_fts5", lambda: False)
    with pytest.warns(UserWarning, match="has no FTS5.*people_fts"):
        path = export(load(), "sqlite", tmp_path / "x.sqlite")
    assert [] == _rows(path, "SELECT name FROM sqlite_master WHERE name LIKE '%fts%'")
    assert load() == load(path)
    assert "Search box" not in (tmp_path / "x.metadata.json").read_text(encoding="utf-8")


@needs_fts5
def test_with_fts5_no_warning(tmp_path: Path) -> None:
    """The export warns only when it leaves something out."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        export(load(), "sqlite", tmp_path / "x.sqlite")


def test_has_fts5_is_false_when_the_module_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """has_fts5() probes the real module: a connection that cannot create an FTS5 table means no FTS5."""
    real = sqlite3.connect

    class NoFts:
        def __init__(self) -> None:
            self.con = real(":memory:")

        def execute(self, sql: str) -> Any:
            if "fts5" in sql:
                raise sqlite3.OperationalError("no such module: fts5")
            return self.con.execute(sql)

        def close(self) -> None:
            self.con.close()

    monkeypatch.setattr(sqlite_format.sqlite3, "connect", lambda *a, **k: NoFts())
    assert has_fts5() is False


# ---------------------------------------------------------------- derived columns


def test_amount_value_is_the_amount_as_a_number_declared_real(db: Path) -> None:
    """amount_value is REAL, equals the decimal text for every penalty, and sorts numerically (1,595,800 before 113)."""
    types = {name: kind for _, name, kind, *_ in _rows(db, "PRAGMA table_info(penalties)")}
    assert "REAL" == types["amount_value"]
    rows = _rows(db, "SELECT amount_amount, amount_value FROM penalties")
    assert all((v is None) if a is None else (float(Decimal(a)) == v and isinstance(v, float)) for a, v in rows)
    by_value = [a for a, in _rows(db, "SELECT amount_amount FROM penalties WHERE amount_value IS NOT NULL ORDER BY amount_value DESC")]
    assert by_value == sorted(by_value, key=Decimal, reverse=True) and by_value != sorted(by_value, reverse=True)


def test_aliases_column_joins_the_aliases_in_order(db: Path) -> None:
    """people.aliases and organisations.aliases are each record's aliases joined by ' | ' (NULL for none)."""
    ds = load()
    for table in ("people", "organisations"):
        got = dict(_rows(db, f"SELECT id, aliases FROM {table}"))
        assert {r.id: " | ".join(r.aliases) or None for r in ds.collection(table)} == got


def test_derived_columns_are_declared_for_money_and_aliases() -> None:
    """Derived columns: amount_value after amount_amount; aliases after name where a table has an aliases list."""
    assert [("amount_value", "REAL", "amount_amount")] == [(d.name, d.sql_type, d.after) for d in derived_columns("penalties")]
    assert ["aliases"] == [d.name for d in derived_columns("people")] == [d.name for d in derived_columns("organisations")]
    assert () == derived_columns("events") == derived_columns("no-such-table")


# ---------------------------------------------------------------- load() ignores all of it

TAMPER: Dict[str, Callable[[Path], None]] = {
    "index emptied": lambda p: run_sql(p, "INSERT INTO people_fts (people_fts) VALUES ('delete-all')"),
    "index with a row of its own": lambda p: run_sql(p, "INSERT INTO people_fts (rowid, name, aliases) VALUES (1, 'Someone Else', 'x')"),
    "full-text table replaced by a table": lambda p: run_sql(p, "DROP TABLE events_fts", "CREATE TABLE events_fts (summary TEXT)",
                                                          "INSERT INTO events_fts VALUES ('junk')"),
    "full-text tables dropped": lambda p: run_sql(p, *(f"DROP TABLE {t}_fts" for t in FTS_TABLES)),
    "module unknown to SQLite": lambda p: run_sql(p, "PRAGMA writable_schema = ON",
                                               "UPDATE sqlite_master SET sql = replace(sql, 'fts5(', 'nosuchmodule(') WHERE name = 'cases_fts'"),
    "derived columns changed": lambda p: run_sql(p, "UPDATE penalties SET amount_value = -1", "UPDATE people SET aliases = 'junk'"),
    "derived columns dropped": lambda p: run_sql(p, "DROP VIEW case_penalties", "ALTER TABLE penalties DROP COLUMN amount_value"),
}


@needs_fts5
@pytest.mark.parametrize("name", sorted(TAMPER))
def test_tampered_derived_data_does_not_change_what_load_returns(copy: Path, name: str) -> None:
    """Full-text tables and derived columns are never read: emptied, forged, replaced, unknown to SQLite or dropped,
    load() returns the same dataset."""
    TAMPER[name](copy)
    assert load() == load(copy)


def test_a_virtual_table_in_place_of_a_layout_table_is_refused(copy: Path) -> None:
    """A layout table that is a virtual table (code, not stored rows) is refused, even with the right columns."""
    module = "fts5" if has_fts5() else "fts4"
    run_sql(copy, "DROP TABLE redirects", f"CREATE VIRTUAL TABLE redirects USING {module}(old_id, new_id, since, reason)")
    with pytest.raises(DataError, match="redirects: a virtual table, not a table"):
        load(copy)


def test_a_derived_column_on_another_table_is_refused(copy: Path) -> None:
    """Derived columns are allowed only where the writer puts them: amount_value on events is an unknown column."""
    run_sql(copy, "ALTER TABLE events ADD COLUMN amount_value REAL")
    with pytest.raises(DataError, match=r"events: columns are not .*unknown \['amount_value'\]"):
        load(copy)


def test_generated_datasets_keep_their_amounts(tmp_path: Path) -> None:
    """Money of any precision the model allows (six decimals, up to 10^18) round-trips exactly; amount_value is its float."""
    import attrs

    from kz_labour_rights._dataset import RECORD_TYPES
    from kz_labour_rights._values import Money

    ds = load()
    fine = ds.penalties["penalty:baltabay-fine-1595800-kzt"]
    edited = attrs.evolve(fine, amount=Money(amount=Decimal("999999999999999999.999999"), currency="KZT"))
    records = {t.name: [edited if r.id == fine.id else r for r in ds.collection(t.name)] for t in RECORD_TYPES}
    other = Dataset(meta=ds.meta, records=records, redirects=ds.redirect_records())
    path = export(other, "sqlite", tmp_path / "x.sqlite")
    assert other == load(path)
    assert [(str(edited.amount.amount), 1e18)] == _rows(path, "SELECT amount_amount, amount_value FROM penalties WHERE id = ?", fine.id)
