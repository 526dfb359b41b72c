"""Parquet tables: one ``<table>.parquet`` file per table of the relational
layout (see :mod:`._tables`), typed as :func:`~._frames.to_arrow` types them,
plus ``meta.json``.

Every file also carries the meta — version, schema version, checksum and
format — in its key-value metadata (``kz_labour_rights.version`` …), so a
file taken out of its directory still says what it is.  DuckDB, Spark,
polars, pandas and R's arrow read the files as they are.

Reading trusts nothing in a file: it is read as bytes within the common
limits (a regular file, at most 256 MiB); every column must be there, with
no others, each of the type it is written with (or a compatible one:
any integer width, a plain string for a dictionary); the meta in each file
must agree with ``meta.json``; and the columns derived from others
(``X_amount`` from ``X_amount_text``, ``term_days`` from ``term``, the
``X_earliest``/``X_latest``/``X_precision`` of every partial date) must
agree with them.  The cells then go through the same reader as CSV and
SQLite (:func:`._tables.records_from_tables`).
"""

import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Sequence

from .._dataset import Dataset
from .._errors import Problem, shown
from .._values import InvalidValueError, Term
from ._base import UNREADABLE, Raw, Root, declared_schema, meta_text, read_bytes, read_json, write_text
from ._frames import ArrowColumn, arrow_columns, arrow_table, import_pyarrow, metadata, term_days
from ._tables import LAYOUT, Cell, Table, layout, records_from_tables, to_tables

__all__ = ["COMPRESSION", "FILES", "NAME", "read", "write"]

NAME = "parquet"
FILES: FrozenSet[str] = frozenset({"meta.json", *(f"{name}.parquet" for name in LAYOUT)})
"""Every file a Parquet export holds."""

COMPRESSION = "zstd"
"""The codec of every column chunk (DuckDB, Spark 3.2+, polars, pandas and R's arrow all read it)."""

MAX_ROWS = 20_000_000
"""The most rows read from one file (the packaged data has about 5,000 in its largest table)."""

_META_KEYS = ("version", "schema_version", "checksum", "format")


def write(ds: Dataset, out: Path) -> None:
    """Write ``ds`` as Parquet tables and ``meta.json`` into the (new, empty) directory ``out``."""
    pa = import_pyarrow("the Parquet export")
    import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]

    meta = metadata(ds, NAME)
    for name, table in to_tables(ds).items():
        # Page checksums: a damaged byte is named as such by the reader, not
        # read as other data (the content checksum would catch it, later and vaguer).
        pq.write_table(arrow_table(pa, table, meta), out / f"{name}.parquet", compression=COMPRESSION, write_page_checksum=True)
    write_text(out / "meta.json", meta_text(ds, NAME))


def _fits(pa: Any, col: ArrowColumn, tp: Any) -> bool:
    """Whether a file's column of Arrow type ``tp`` can be read as ``col``."""
    types = pa.types
    if types.is_dictionary(tp):
        return col.kind in ("dictionary", "string") and (types.is_string(tp.value_type) or types.is_large_string(tp.value_type))
    if col.kind in ("string", "dictionary"):
        return bool(types.is_string(tp) or types.is_large_string(tp))
    return bool({"int": types.is_integer, "bool": types.is_boolean, "date": types.is_date, "decimal": types.is_decimal}[col.kind](tp))


def _cell(value: Any) -> Cell:
    """A value as read into the cell the layout's readers take (CSV's words, dates as ISO text)."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class _Derived:
    """Checks the Arrow-only columns against the layout columns they are computed from."""

    def __init__(self, file: str, problems: List[Problem]) -> None:
        self.file = file
        self.problems = problems

    def check(self, row: int, col: ArrowColumn, got: Any, source: Any) -> None:
        if source is None:
            expected = None
        else:
            try:
                expected = Decimal(source) if col.kind == "decimal" else term_days(Term.parse(source))
            except (InvalidOperation, InvalidValueError, TypeError, ValueError):
                return  # the source cell's own problem is reported by the loader
        if got == expected and (got is None) == (expected is None):
            return
        src = col.column.name + ("_text" if col.kind == "decimal" else "")
        want = "blank" if expected is None else repr(str(expected) if col.kind == "decimal" else expected)
        self.problems.append(Problem(file=self.file, record=f"row {row}", field=col.name, message=(
            f"{shown(str(got) if isinstance(got, Decimal) else got)} disagrees with {src} {shown(source)}: expected {want} "
            f"(it is derived from {src}; correct it, or export again)")))


def _read_table(pa: Any, pq: Any, root: Root, table: Table, carried: Dict[str, Dict[str, Optional[str]]],
                problems: List[Problem]) -> Optional[List[Sequence[Cell]]]:
    """The rows of one table's file as layout cells, or None (a problem recorded)."""
    file = f"{table.name}.parquet"
    data = read_bytes(root.joinpath(file), file, problems)
    if data is UNREADABLE:
        return None
    try:
        reader = pq.ParquetFile(pa.BufferReader(data), page_checksum_verification=True)
        if reader.metadata.num_rows > MAX_ROWS:
            problems.append(Problem(file=file, message=f"{reader.metadata.num_rows:,} rows, more than the {MAX_ROWS:,} a table may have"))
            return None
        got = reader.read()
    except Exception as exc:  # noqa: BLE001 - any failure of the Parquet library on hostile bytes is a problem with the file
        problems.append(Problem(file=file, message=f"not a readable Parquet file ({type(exc).__name__}: {shown(str(exc), 200)}); export it again"))
        return None
    carried[file] = _carried_meta(got.schema.metadata or {})
    cols = arrow_columns(table.columns)
    expected = [c.name for c in cols]
    names = list(got.column_names)
    if sorted(names) != sorted(expected) or len(set(names)) != len(names):
        missing = [c for c in expected if c not in names]
        unknown = [c for c in names if c not in expected]
        repeated = sorted({c for c in names if names.count(c) > 1})
        problems.append(Problem(file=file, record="columns", message=(
            f"columns are not {', '.join(expected)}: " + "; ".join(x for x in (
                f"missing {', '.join(missing)}" if missing else "", f"unknown {', '.join(shown(c) for c in unknown)}" if unknown else "",
                f"repeated {', '.join(repeated)}" if repeated else "") if x))))
        return None
    wrong = [(c, got.schema.field(c.name).type) for c in cols if not _fits(pa, c, got.schema.field(c.name).type)]
    for c, tp in wrong:
        problems.append(Problem(file=file, record="columns", field=c.name, message=f"a column of {tp} where {c.arrow_type(pa)} belongs"))
    if wrong:
        return None
    values = {c.name: got.column(c.name).to_pylist() for c in cols}
    derived = _Derived(file, problems)
    by_layout: Dict[str, List[Cell]] = {}
    for c in cols:
        if c.kind == "decimal":
            texts = values[f"{c.name}_text"]
            for n, (number, text) in enumerate(zip(values[c.name], texts), 1):
                derived.check(n, c, number, text)
            by_layout[c.column.name] = texts
        elif c.extra == "days":
            for n, (days, term) in enumerate(zip(values[c.name], values[c.column.name]), 1):
                derived.check(n, c, days, term)
        elif not c.extra:
            by_layout[c.column.name] = [_cell(v) for v in values[c.name]]
    return [list(row) for row in zip(*(by_layout[c.name] for c in table.columns))] if got.num_rows else []


def _carried_meta(kv: Dict[bytes, bytes]) -> Dict[str, Optional[str]]:
    """The meta a file carries in its key-value metadata (None for a key it lacks)."""
    out: Dict[str, Optional[str]] = {}
    for key in _META_KEYS:
        raw = kv.get(f"kz_labour_rights.{key}".encode())
        out[key] = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else None
    return out


def _check_meta(carried: Dict[str, Dict[str, Optional[str]]], meta: Any, problems: List[Problem]) -> None:
    """Every file's meta agrees with ``meta.json``: one problem per key and value, naming the files that carry it."""
    if not isinstance(meta, dict):
        return
    for key in _META_KEYS:
        want = meta.get(key)
        by_value: Dict[Optional[str], List[str]] = {}
        for file, values in carried.items():
            if values[key] != (None if want is None else str(want)):
                by_value.setdefault(values[key], []).append(file)
        for have, files in by_value.items():
            named = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
            what = "missing" if have is None else f"{shown(have)} differs from meta.json's {shown(want)}"
            problems.append(Problem(file=named, field=f"metadata kz_labour_rights.{key}",
                                    message=f"{what}; every file of a Parquet export carries the export's meta"))


def read(root: Root, problems: List[Problem]) -> Raw:
    """The raw snapshot in Parquet directory ``root``."""
    meta = read_json(root.joinpath("meta.json"), "meta.json", problems)
    pa = import_pyarrow("reading a Parquet export")
    import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]

    cells: Dict[str, Optional[List[Sequence[Cell]]]] = {}
    carried: Dict[str, Dict[str, Optional[str]]] = {}
    for name, table in layout(declared_schema(meta)).items():
        cells[name] = _read_table(pa, pq, root, table, carried, problems)
    _check_meta(carried, meta, problems)
    records, redirects = records_from_tables(cells, lambda name: f"{name}.parquet", problems, schema=declared_schema(meta))
    return Raw(format=NAME, meta=meta, meta_file="meta.json", records=records, redirects=redirects, problems=problems)

