"""The Parquet export: typed tables DuckDB and pandas read directly, read back exactly by load()."""

import importlib.util
import shutil
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest
from hypothesis import HealthCheck, given, settings

from kz_labour_rights import DataError, EventKind, UsageError, export, load
from kz_labour_rights.formats import REGISTRY
from strategies import cases, dataset
from test_frames import KHARKOVA, _with_amount

pa = pytest.importorskip("pyarrow", reason='the Parquet format needs pyarrow: pip install "kz-labour-rights[parquet]"')
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One Parquet export of the packaged dataset, written once per module."""
    return export(load(), "parquet", tmp_path_factory.mktemp("pq") / "pq")


@pytest.fixture
def copy(clean: Path, tmp_path: Path) -> Path:
    """A fresh copy of the clean export, to damage."""
    return Path(shutil.copytree(clean, tmp_path / "pq"))


def _rewrite(path: Path, table: str, fn: Callable[[Any], Any]) -> None:
    """Rewrite one table's file as ``fn`` turns its pyarrow Table, keeping the file's metadata."""
    file = path / f"{table}.parquet"
    before = pq.read_table(file)
    pq.write_table(fn(before).replace_schema_metadata(before.schema.metadata), file)


def _set(table: Any, column: str, values: List[Any], type: Any = None) -> Any:
    """``table`` with ``column`` replaced by ``values`` (of ``type``, else the column's own)."""
    i = table.column_names.index(column)
    field = table.schema.field(i)
    return table.set_column(i, pa.field(column, type or field.type, nullable=True), pa.array(values, type=type or field.type))


def _problems(path: Path) -> List[Any]:
    with pytest.raises(DataError) as info:
        load(path)
    return list(info.value.problems)


def test_round_trip_through_load_is_exact(clean: Path) -> None:
    """load() of the export is the packaged dataset, its checksum verified, its format parquet."""
    back = load(clean)
    assert (load(), load().checksum, "parquet") == (back, back.checksum, back.meta.format)
    assert REGISTRY["parquet"].files == {p.name for p in clean.iterdir()}


def test_amounts_keep_their_text(tmp_path: Path) -> None:
    """An amount written 37.50 comes back 37.50 (the decimal column alone would give 37.5 and another checksum)."""
    ds = _with_amount(load(), "penalty:baltabay-fine-1595800-kzt", "37.50")
    back = load(export(ds, "parquet", tmp_path / "pq"))
    assert ("37.50", ds.checksum) == (str(back.penalties["penalty:baltabay-fine-1595800-kzt"].amount.amount), back.checksum)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=10)
@given(cases)
def test_generated_datasets_round_trip(tmp_path: Path, records: Dict[str, List[Dict[str, Any]]]) -> None:
    """Generated datasets (amounts with cents, partial dates of every precision, terms) survive Parquet exactly."""
    ds = dataset(records)
    assert ds == load(export(ds, "parquet", tmp_path / "g", force=True))


def test_every_file_carries_the_meta(clean: Path) -> None:
    """Each file's key-value metadata holds the export's version, schema, checksum and format."""
    ds = load()
    for file in sorted(clean.glob("*.parquet")):
        meta = pq.read_schema(file).metadata
        assert (ds.version, "3", ds.checksum, "parquet") == tuple(meta[f"kz_labour_rights.{k}".encode()].decode() for k in ("version", "schema_version", "checksum", "format"))


def test_pandas_reads_the_files_typed(clean: Path) -> None:
    """pandas.read_parquet gives categories of every kind, dates for the bounds (datetime64 with the pyarrow backend), with no glue."""
    import datetime

    pd = pytest.importorskip("pandas")
    events = pd.read_parquet(clean / "events.parquet")
    assert isinstance(events["kind"].dtype, pd.CategoricalDtype) and [k.value for k in EventKind] == list(events["kind"].cat.categories)
    assert {datetime.date} == {type(d) for d in events["date_earliest"]} and len(load().events) == len(events)
    arrow_backed = pd.read_parquet(clean / "events.parquet", dtype_backend="pyarrow")
    assert "date32[day][pyarrow]" == str(arrow_backed["date_earliest"].dtype)


def test_duckdb_finds_kharkovas_events(clean: Path) -> None:
    """DuckDB queries the files in place: Kharkova's events, by the link table, in date order, are her timeline."""
    duckdb = pytest.importorskip("duckdb")
    rows = duckdb.sql(f"""
        SELECT e.id, e.date_earliest FROM '{clean}/events.parquet' e JOIN '{clean}/events_people.parquet' ep ON ep.event_id = e.id
        WHERE ep.person_id = '{KHARKOVA}' ORDER BY e.date_earliest, e.id""").fetchall()
    assert [e.id for e in load().timeline(KHARKOVA)] == [r[0] for r in rows]
    [(total,)] = duckdb.sql(f"SELECT sum(amount_amount) FROM '{clean}/penalties.parquet' WHERE amount_currency = 'KZT'").fetchall()
    assert sum(p.amount.amount for p in load().penalties if p.amount and p.amount.currency == "KZT") == total


@pytest.mark.parametrize("table, column, edit, expected", [
    ("penalties", "amount_amount", lambda v: [None if x is None else x + 1 for x in v], "disagrees with amount_amount_text '1595800': expected '1595800'"),
    ("penalties", "term_days", lambda v: [11 if x == 10 else x for x in v], "11 disagrees with term 'P10D': expected 10"),
    ("events", "date_latest", lambda v: [x.replace(day=1) for x in v], "disagrees with date"),
])
def test_derived_columns_that_disagree_are_refused(copy: Path, table: str, column: str, edit: Callable[[List[Any]], List[Any]], expected: str) -> None:
    """An amount, a term's days or a date bound that is not what its source column gives is a problem naming file, row and column."""
    _rewrite(copy, table, lambda t: _set(t, column, edit(t.column(column).to_pylist())))
    problems = _problems(copy)
    assert {(f"{table}.parquet", column)} == {(p.file, p.field) for p in problems}
    assert all(p.record.startswith("row ") for p in problems) and any(expected in p.message for p in problems)


def test_compatible_types_from_other_writers_load(copy: Path) -> None:
    """A file whose dictionaries are plain strings and whose integers are 32-bit (as another tool may write) still loads."""
    _rewrite(copy, "events", lambda t: _set(t, "kind", t.column("kind").cast(pa.string()).to_pylist(), pa.string()))
    _rewrite(copy, "events_people", lambda t: _set(t, "position", t.column("position").to_pylist(), pa.int32()))
    assert load() == load(copy)


@pytest.mark.parametrize("column, type, message", [
    ("date_earliest", pa.string(), "a column of string where date32[day] belongs"),
    ("amount_amount", pa.float64(), "a column of double where decimal128(24, 6) belongs"),
    ("pseudonym", pa.string(), "a column of string where bool belongs"),
])
def test_wrong_column_types_are_refused(copy: Path, column: str, type: Any, message: str) -> None:
    """A column of the wrong Arrow type is named with the type it has and the one it needs."""
    table = next(t for t in ("events", "penalties", "people") if column in pq.read_schema(copy / f"{t}.parquet").names)
    _rewrite(copy, table, lambda t: _set(t, column, [None if v is None else (str(v) if type == pa.string() else float(v)) for v in t.column(column).to_pylist()], type))
    assert [(f"{table}.parquet", column, message)] == [(p.file, p.field, p.message) for p in _problems(copy)]


def test_a_file_from_another_export_is_named(copy: Path, tmp_path: Path) -> None:
    """A file swapped in from an export of other data carries another checksum: that file is named."""
    other = export(_with_amount(load(), "penalty:baltabay-fine-1595800-kzt", "1"), "parquet", tmp_path / "other")
    shutil.copy(other / "people.parquet", copy / "people.parquet")
    assert [("people.parquet", "metadata kz_labour_rights.checksum")] == [(p.file, p.field) for p in _problems(copy)]


def test_bytes_that_are_not_parquet_are_refused(copy: Path) -> None:
    """Text in place of a Parquet file is a problem naming the file, not an exception from the library."""
    (copy / "relations.parquet").write_text("id,kind\n", encoding="utf-8")
    problems = _problems(copy)
    assert "relations.parquet" == problems[0].file and "not a readable Parquet file" in problems[0].message


def test_a_file_with_too_many_rows_is_not_read(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The row count in a file's footer is checked before its rows are read."""
    import kz_labour_rights.formats.parquet as parquet_format

    monkeypatch.setattr(parquet_format, "MAX_ROWS", 100)
    assert any(p.file == "events.parquet" and "more than the 100 a table may have" in p.message for p in _problems(copy))


def test_without_pyarrow_the_extra_is_named(copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exporting or loading Parquet without pyarrow is a UsageError naming the extra, before anything is written."""
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    with pytest.raises(UsageError, match=r'needs pyarrow: pip install "kz-labour-rights\[parquet\]"'):
        export(load(), "parquet", tmp_path / "out")
    assert not (tmp_path / "out").exists()

    import builtins

    original = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "pyarrow":
            raise ImportError(name)
        return original(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(UsageError, match=r"reading a Parquet export needs pyarrow"):
        load(copy)
