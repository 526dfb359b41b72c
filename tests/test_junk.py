"""Junk input through every reader: each bad snapshot ends in one DataError naming where, with nothing loaded.

The same families of fault run against every format in the registry (python-stdnum's robustness
test, applied to files): a format added to ``formats.REGISTRY`` is picked up here, and a family
that has no meaning for a format (surplus CSV cells for JSON) says so by skipping.
"""

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest
from conftest import run_sql
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kz_labour_rights import FORMATS, DataError, Dataset, export, load
from kz_labour_rights.formats import READABLE, REGISTRY
from kz_labour_rights.formats import _base
from kz_labour_rights.formats._tables import LAYOUT
from strategies import cases, dataset

TABLE_FORMATS = ("csv", "datapackage")
AVAILABLE = tuple(f for f in FORMATS if REGISTRY[f].available())
"""The formats whose optional libraries are installed (the others' tests skip, see conftest.py)."""


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Path]:
    """One clean export of the packaged dataset per available format, written once per module."""
    root = tmp_path_factory.mktemp("clean")
    return {fmt: export(load(), fmt, root / fmt) for fmt in AVAILABLE}


@pytest.fixture
def snap(clean: Dict[str, Path], tmp_path: Path) -> Callable[[str], Path]:
    """A fresh copy of the clean export in a format, to damage."""

    def copy(fmt: str) -> Path:
        src = clean[fmt]
        if src.is_dir():
            return Path(shutil.copytree(src, tmp_path / fmt))
        (tmp_path / fmt).mkdir()
        return Path(shutil.copy(src, tmp_path / fmt / src.name))

    return copy


# ---------------------------------------------------------------- editing helpers, one per kind of format


def _json_edit(path: Path, name: str, fn: Callable[[Any], Any]) -> None:
    file = path / name
    file.write_text(json.dumps(fn(json.loads(file.read_text(encoding="utf-8")))), encoding="utf-8")


def _csv_rows(path: Path, table: str) -> List[List[str]]:
    import csv

    with (path / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return [list(r) for r in csv.reader(fh)]


def _csv_write(path: Path, table: str, rows: List[List[str]]) -> None:
    import csv

    with (path / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _parquet(path: Path, table: str, fn: Callable[[Any], Any]) -> None:
    """Rewrite one Parquet table as ``fn`` turns it (a pyarrow Table) into another, its metadata kept."""
    import pyarrow.parquet as pq

    file = path / f"{table}.parquet"
    before = pq.read_table(file)
    after = fn(before)
    pq.write_table(after.replace_schema_metadata(before.schema.metadata), file)


def _parquet_rows(path: Path, table: str, fn: Callable[[List[Dict[str, Any]]], List[Dict[str, Any]]]) -> None:
    """Rewrite one Parquet table's rows (as dicts) as ``fn`` turns them, every column made nullable."""
    import pyarrow as pa

    def edit(t: Any) -> Any:
        schema = pa.schema([f.with_nullable(True) for f in t.schema], metadata=t.schema.metadata)
        return pa.Table.from_pylist(fn(t.to_pylist()), schema=schema)

    _parquet(path, table, edit)


def _main_file(fmt: str, path: Path, table: str = "events") -> Path:
    """The file holding one table (the database itself for SQLite)."""
    if fmt == "json":
        return path / f"{table}.json"
    if fmt in TABLE_FORMATS:
        return path / f"{table}.csv"
    if fmt == "parquet":
        return path / f"{table}.parquet"
    return path


def _edit_cell(fmt: str, path: Path, table: str, row: int, column: str, value: Any) -> None:
    """Set one cell (one field of one record for JSON) to ``value`` (None removes a JSON field)."""
    if fmt == "json":
        def change(records: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
            if value is None:
                records[row].pop(column, None)
            else:
                records[row][column] = value
            return records
        _json_edit(path, f"{table}.json", change)
    elif fmt in TABLE_FORMATS:
        rows = _csv_rows(path, table)
        rows[row + 1][rows[0].index(column)] = "" if value is None else str(value)
        _csv_write(path, table, rows)
    elif fmt == "parquet":
        def change_row(records: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
            records[row][column] = value
            return records
        _parquet_rows(path, table, change_row)
    else:
        con = sqlite3.connect(path)
        with con:
            con.execute(f'UPDATE {table} SET "{column}" = ? WHERE rowid = (SELECT rowid FROM {table} ORDER BY rowid LIMIT 1 OFFSET ?)', (value, row))
        con.close()


def _load_fails(path: Path) -> DataError:
    with pytest.raises(DataError) as info:
        load(path)
    assert info.value.problems and all(p.file and p.message for p in info.value.problems)
    return info.value


# ---------------------------------------------------------------- families

FAMILIES: Dict[str, Callable[[str, Path], Any]] = {}


def family(name: str) -> Callable[[Callable[[str, Path], Any]], Callable[[str, Path], Any]]:
    def register(fn: Callable[[str, Path], Any]) -> Callable[[str, Path], Any]:
        FAMILIES[name] = fn
        return fn
    return register


@family("malformed")
def _malformed(fmt: str, path: Path) -> str:
    target = _main_file(fmt, path)
    if fmt == "sqlite":
        data = bytearray(target.read_bytes())
        data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, scribbled over
        target.write_bytes(bytes(data))
        return str(target)
    if fmt == "parquet":
        data = bytearray(target.read_bytes())
        middle = len(data) // 2
        data[middle:middle + 64] = b"\xff" * 64  # a column chunk scribbled over; its page checksum fails
        target.write_bytes(bytes(data))
        return target.name
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace(",", ",\"", 1) if fmt in TABLE_FORMATS else text + "]", encoding="utf-8")
    return target.name


@family("truncated")
def _truncated(fmt: str, path: Path) -> str:
    target = _main_file(fmt, path)
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2 if fmt != "sqlite" else 2048])
    return target.name if fmt != "sqlite" else str(target)


@family("empty file")
def _empty(fmt: str, path: Path) -> str:
    target = _main_file(fmt, path)
    target.write_bytes(b"")
    return target.name if fmt != "sqlite" else str(target)


@family("empty directory")
def _empty_dir(fmt: str, path: Path) -> str:
    if fmt == "sqlite":
        pytest.skip("an SQLite export is a file, not a directory")
    for p in path.iterdir():
        p.unlink()
    return str(path)


@family("wrong type")
def _wrong_type(fmt: str, path: Path) -> str:
    if fmt == "json":
        _edit_cell(fmt, path, "events", 0, "people", "person:nurbek-kushakbaev")  # a string where a list belongs
        return "events.json"
    if fmt in TABLE_FORMATS:
        _edit_cell(fmt, path, "events_people", 0, "position", "first")
        return "events_people.csv"
    if fmt == "parquet":
        import pyarrow as pa

        _parquet(path, "events_people", lambda t: t.set_column(1, "position", pa.array([str(v) for v in t.column("position").to_pylist()])))
        return "events_people.parquet"
    run_sql(path, "UPDATE events SET summary = x'00ff' WHERE rowid = 1")  # a blob where text belongs
    return "events"


@family("unknown field")
def _unknown_field(fmt: str, path: Path) -> str:
    if fmt == "json":
        _edit_cell(fmt, path, "people", 0, "nickname", "x")
        return "people.json"
    if fmt in TABLE_FORMATS:
        rows = _csv_rows(path, "people")
        _csv_write(path, "people", [r + (["nickname"] if i == 0 else ["x"]) for i, r in enumerate(rows)])
        return "people.csv"
    if fmt == "parquet":
        import pyarrow as pa

        _parquet(path, "people", lambda t: t.append_column("nickname", pa.array(["x"] * t.num_rows)))
        return "people.parquet"
    run_sql(path, "ALTER TABLE people ADD COLUMN nickname TEXT")
    return "people"


@family("missing field")
def _missing_field(fmt: str, path: Path) -> str:
    if fmt == "json":
        _edit_cell(fmt, path, "people", 0, "name", None)
        return "people.json"
    if fmt in TABLE_FORMATS:
        rows = _csv_rows(path, "people")
        i = rows[0].index("name")
        _csv_write(path, "people", [r[:i] + r[i + 1:] for r in rows])
        return "people.csv"
    if fmt == "parquet":
        _parquet(path, "people", lambda t: t.drop_columns(["name"]))
        return "people.parquet"
    run_sql(path, "ALTER TABLE people DROP COLUMN description")
    return "people"


@family("missing table")
def _missing_table(fmt: str, path: Path) -> str:
    if fmt == "sqlite":
        run_sql(path, "DROP VIEW timeline", "DROP VIEW person_events", "DROP TABLE events_people")
        return "events_people"
    _main_file(fmt, path).unlink()
    return "events"


@family("blank required cell")
def _blank(fmt: str, path: Path) -> str:
    _edit_cell(fmt, path, "cases", 0, "title", None if fmt in (*TABLE_FORMATS, "parquet") else "")
    return "cases"


@family("duplicate id")
def _duplicate(fmt: str, path: Path) -> str:
    if fmt == "json":
        _json_edit(path, "people.json", lambda d: d + [d[0]])
    elif fmt in TABLE_FORMATS:
        rows = _csv_rows(path, "people")
        _csv_write(path, "people", rows + [rows[1]])
    elif fmt == "parquet":
        _parquet_rows(path, "people", lambda rows: rows + [rows[0]])
    else:
        run_sql(path, "CREATE TABLE p2 AS SELECT * FROM people", "INSERT INTO p2 SELECT * FROM people LIMIT 1",
             "DROP VIEW person_events", "DROP VIEW case_penalties", "DROP VIEW entity_discrepancies", "DROP TABLE people", "ALTER TABLE p2 RENAME TO people")
    return "duplicate id"


@family("dangling reference")
def _dangling(fmt: str, path: Path) -> str:
    _edit_cell(fmt, path, "events", 0, "case", "case:nowhere")
    return "case:nowhere"


@family("orphan link row")
def _orphan(fmt: str, path: Path) -> str:
    if fmt == "json":
        pytest.skip("JSON has no link tables: lists live inside their record")
    if fmt in TABLE_FORMATS:
        rows = _csv_rows(path, "events_people")
        _csv_write(path, "events_people", rows + [["event:nowhere", "0", rows[1][2]]])
    elif fmt == "parquet":
        _parquet_rows(path, "events_people", lambda rows: rows + [{**rows[0], "event_id": "event:nowhere", "position": 0}])
    else:
        run_sql(path, "PRAGMA foreign_keys = OFF", "INSERT INTO events_people VALUES ('event:nowhere', 0, 'person:nurbek-kushakbaev')")
    return "orphan"


@family("surplus cell")
def _surplus(fmt: str, path: Path) -> str:
    if fmt != "csv" and fmt not in TABLE_FORMATS:
        pytest.skip("only a CSV row can hold more cells than its header")
    rows = _csv_rows(path, "people")
    rows[1].append("surplus")
    _csv_write(path, "people", rows)
    return "people.csv"


@family("forged checksum")
def _forged(fmt: str, path: Path) -> str:
    _set_meta(fmt, path, lambda m: {**m, "checksum": "sha256:" + "0" * 64})
    return "checksum"


@family("missing checksum")
def _no_checksum(fmt: str, path: Path) -> str:
    _set_meta(fmt, path, lambda m: {k: v for k, v in m.items() if k != "checksum"})
    return "checksum"


@family("future schema")
def _future(fmt: str, path: Path) -> str:
    _set_meta(fmt, path, lambda m: {**m, "schema_version": 99})
    return "schema 99"


@family("invalid schema")
def _invalid_schema(fmt: str, path: Path) -> str:
    _set_meta(fmt, path, lambda m: {**m, "schema_version": 0})
    return "schema_version"


@family("wrong declared format")
def _wrong_format(fmt: str, path: Path) -> str:
    _set_meta(fmt, path, lambda m: {**m, "format": "sqlite" if fmt != "sqlite" else "json"})
    return "format"


@family("control characters")
def _control(fmt: str, path: Path) -> str:
    # ESC and a bidi override: NUL itself is refused earlier by the CSV module of Python < 3.11.
    _edit_cell(fmt, path, "people", 0, "description", "a\x1bb\u202e")
    return "control characters"


@family("non-regular file")
def _fifo(fmt: str, path: Path) -> str:
    target = _main_file(fmt, path)
    target.unlink()
    os.mkfifo(target)  # a reader that opened this blindly would wait for a writer forever
    return "FIFO" if fmt != "sqlite" else "not a regular file"


@family("link to a device")
def _device(fmt: str, path: Path) -> str:
    target = _main_file(fmt, path)
    target.unlink()
    target.symlink_to("/dev/zero")  # endless bytes: must not be read at all
    return "character device" if fmt != "sqlite" else "not a regular file"


@family("two kinds in one directory")
def _two_kinds(fmt: str, path: Path) -> str:
    if fmt == "sqlite":
        pytest.skip("an SQLite export is one file")
    other = "people.json" if fmt != "json" else "people.csv"
    (path / other).write_text("[]" if other.endswith(".json") else "id\n", encoding="utf-8")
    return "more than one kind"


def _set_meta(fmt: str, path: Path, fn: Callable[[Dict[str, Any]], Dict[str, Any]]) -> None:
    if fmt == "sqlite":
        con = sqlite3.connect(path)
        (text,) = con.execute("SELECT value FROM meta").fetchone()
        with con:
            con.execute("UPDATE meta SET value = ?", (json.dumps(fn(json.loads(text))),))
        con.close()
        return
    _json_edit(path, "meta.json", fn)


@pytest.mark.parametrize("name", sorted(FAMILIES))
@pytest.mark.parametrize("fmt", READABLE)
def test_junk_ends_in_one_data_error_naming_where(snap: Callable[[str], Path], fmt: str, name: str) -> None:
    """Each family of bad input, in each format, raises DataError whose problems name the file and say what is wrong."""
    path = snap(fmt)
    expected = FAMILIES[name](fmt, path)
    error = _load_fails(path)
    assert expected in str(error), f"{fmt}/{name}: {error}"


def test_every_family_runs_against_every_format() -> None:
    """The registry's readable formats all meet every family (the note counts them); the rest are write-only, tested below."""
    assert len(FAMILIES) >= 20 and set(READABLE) | set(WRITE_ONLY) == set(REGISTRY) and WRITE_ONLY


WRITE_ONLY = [f for f in FORMATS if not REGISTRY[f].readable]

WRITE_ONLY_DAMAGE: Dict[str, Callable[[bytes], bytes]] = {
    "intact": lambda data: data,
    "truncated": lambda data: data[: len(data) // 2],
    "head only": lambda data: data[:200],
    "empty": lambda data: b"",
    "appended junk": lambda data: data + b"\x00\xff{[<",
    "not UTF-8": lambda data: data[:10] + b"\xff" + data[10:],
}


@pytest.mark.parametrize("damage", sorted(WRITE_ONLY_DAMAGE))
@pytest.mark.parametrize("fmt", WRITE_ONLY)
def test_write_only_exports_whole_or_damaged_are_refused_naming_the_file(snap: Callable[[str], Path], fmt: str, damage: str) -> None:
    """A GraphML or FtM export, intact or damaged, is one DataError naming the file: never read as data, never another error."""
    path = snap(fmt)
    path.write_bytes(WRITE_ONLY_DAMAGE[damage](path.read_bytes()))
    error = _load_fails(path)
    assert [str(path)] == [p.file for p in error.problems]


def test_a_file_that_is_no_export_is_refused(tmp_path: Path) -> None:
    """Any file other than an SQLite database is refused, naming what load() reads."""
    for content in (b"", b"hello", b"{}", b"SQLite format 2\x00" + b"\0" * 100):
        (tmp_path / "x.sqlite").write_bytes(content)
        assert "not an export" in str(_load_fails(tmp_path / "x.sqlite"))


@pytest.mark.parametrize("name", ["a?mode=rwc.sqlite", "b#frag.sqlite", "c%41.sqlite", "d&immutable=1.sqlite", "e'\".sqlite"])
def test_sqlite_names_with_uri_characters_open_that_file_only(tmp_path: Path, name: str) -> None:
    """Characters that mean something in a URI are escaped: the named file loads, and no stray file appears
    (only the Datasette metadata the export writes beside it)."""
    path = export(load(), "sqlite", tmp_path / name)
    assert load() == load(path)
    assert sorted([name, name[: -len(".sqlite")] + ".metadata.json"]) == sorted(p.name for p in tmp_path.iterdir())


def test_sqlite_views_and_triggers_in_the_file_are_never_run(tmp_path: Path) -> None:
    """A recursive view replacing a table, and a trigger, are not executed: the table is reported as a view."""
    path = export(load(), "sqlite", tmp_path / "x.sqlite")
    run_sql(path, "DROP VIEW timeline", "DROP VIEW person_events", "DROP TABLE events_people",
         "CREATE VIEW events_people AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n, n, n FROM r")
    assert "a view, not a table" in str(_load_fails(path))


def test_sqlite_step_budget_stops_a_long_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read that takes more steps than the budget stops with a DataError."""
    import kz_labour_rights.formats.sqlite as sqlite_format

    monkeypatch.setattr(sqlite_format, "MAX_STEPS", 1_000)
    assert "too many steps" in str(_load_fails(export(load(), "sqlite", tmp_path / "x.sqlite")))


@pytest.mark.parametrize("text, expected", [
    ("[" * 100_000, "nested too deeply"),
    ("[" + "9" * 5000 + "]", "digits"),
    ("[NaN]", "not JSON"),
    ("\ufeff[]", "byte-order mark"),
])
def test_json_limits(tmp_path: Path, text: str, expected: str) -> None:
    """Deep nesting, huge integers, NaN and a byte-order mark are DataErrors, not RecursionError or ValueError."""
    path = export(load(), "json", tmp_path / "j")
    (path / "people.json").write_text(text, encoding="utf-8")
    assert expected in str(_load_fails(path))


def test_oversized_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over the size limit is refused before it is read."""
    monkeypatch.setattr(_base, "MAX_FILE_BYTES", 1000)
    path = export(load(), "json", tmp_path / "j")
    assert "more than the 1,000 a data file may have" in str(_load_fails(path))


def test_non_utf8_is_named(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are a DataError giving the offset."""
    path = export(load(), "csv", tmp_path / "c")
    (path / "people.csv").write_bytes(b"id,\xff\n")
    assert "not UTF-8: byte 0xff at offset 3" in str(_load_fails(path))


# ---------------------------------------------------------------- property: mutate valid exports


def _mutate_bytes(data: bytes, draw: st.DataObject) -> bytes:
    if not data:
        return b"\0"
    i = draw.draw(st.integers(0, len(data) - 1), label="offset")
    how = draw.draw(st.sampled_from(["flip", "insert", "delete", "truncate"]), label="how")
    if how == "flip":
        return data[:i] + bytes([data[i] ^ draw.draw(st.integers(1, 255), label="mask")]) + data[i + 1:]
    if how == "insert":
        return data[:i] + draw.draw(st.binary(min_size=1, max_size=8), label="bytes") + data[i:]
    if how == "delete":
        return data[:i] + data[i + draw.draw(st.integers(1, 16), label="n"):]
    return data[:i]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=60)
@given(records=cases, fmt=st.sampled_from(AVAILABLE), data=st.data())
def test_mutated_exports_load_valid_or_raise_data_error(tmp_path_factory: pytest.TempPathFactory, records: Dict[str, Any], fmt: str, data: st.DataObject) -> None:
    """Bytes, cells and rows of a valid export, mutated: load() returns a valid dataset or raises DataError, nothing else."""
    ds = dataset(records)
    root = tmp_path_factory.mktemp("m")
    path = export(ds, fmt, root / ("x.sqlite" if fmt == "sqlite" else "x"))
    files = sorted(p for p in path.iterdir()) if path.is_dir() else [path]
    target = data.draw(st.sampled_from(files), label="file")
    kind = data.draw(st.sampled_from(["bytes", "cell", "row"] if fmt in TABLE_FORMATS and target.suffix == ".csv" else ["bytes"]), label="kind")
    if kind == "bytes":
        target.write_bytes(_mutate_bytes(target.read_bytes(), data))
    else:
        rows = _csv_rows(path, target.stem)
        r = data.draw(st.integers(0, len(rows) - 1), label="row")
        if kind == "cell" and rows[r]:
            c = data.draw(st.integers(0, len(rows[r]) - 1), label="column")
            rows[r][c] = data.draw(st.text(max_size=12) | st.sampled_from(["", "'", "=1+1", "-1", "true", "person:x", "2017-02-30"]), label="cell")
        elif kind == "row":
            if data.draw(st.booleans(), label="duplicate"):
                rows.insert(r, list(rows[r]))
            else:
                del rows[r]
        _csv_write(path, target.stem, rows)
    try:
        loaded = load(path)
    except DataError as exc:
        assert exc.problems
        return
    assert isinstance(loaded, Dataset) and loaded == load(export(loaded, "json", root / "again"))


def test_layout_tables_are_all_exported(clean: Dict[str, Path]) -> None:
    """Every table of the layout is a file of the CSV export (so the families above cover them)."""
    assert {f"{t}.csv" for t in LAYOUT} <= {p.name for p in clean["csv"].iterdir()}
