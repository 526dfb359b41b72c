"""Exports in the formats analysts use, and reading them back.

``json``: the canonical snapshot (:func:`~kz_labour_rights.write_snapshot`).
``csv``: one CSV file per table (see :mod:`._tables`) plus ``meta.json``.
``datapackage``: the CSV files plus a Frictionless ``datapackage.json``
describing every table — field types, primary and foreign keys.
``sqlite``: one database file with the same tables, primary and foreign
keys, indexes, a ``meta`` table and views (``timeline``, ``person_events``,
``case_penalties``) — Datasette opens it as it is.

:func:`load` reads a CSV directory, a data package or an SQLite file back
into a :class:`~kz_labour_rights.Dataset`; every export round-trips
exactly (the tests compare record by record).  Writes go to a temporary
path first and are moved into place when complete.
"""

import csv
import io
import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Sequence, Union

from ._converter import structure, unstructure
from ._dataset import Dataset, Meta
from ._errors import DataError, Problem, UsageError
from ._load import dumps, write_snapshot
from ._tables import LAYOUT, Cell, Table, from_tables, to_tables

__all__ = ["FORMATS", "export", "read_export"]

FORMATS = ("json", "csv", "datapackage", "sqlite")
"""The export formats, in the order the docs describe them."""

PathLike = Union[str, "os.PathLike[str]"]


def _csv_text(table: Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in row])
    return buf.getvalue()


def datapackage(ds: Dataset, tables: Dict[str, Table]) -> Dict[str, Any]:
    """The Frictionless descriptor of the CSV tables."""
    resources = []
    for t in tables.values():
        fields = []
        for c in t.columns:
            field: Dict[str, Any] = {"name": c.name, "type": c.type}
            if c.type == "boolean":
                field.update(trueValues=["true"], falseValues=["false"])
            if c.required:
                field["constraints"] = {"required": True}
            fields.append(field)
        schema: Dict[str, Any] = {"fields": fields, "primaryKey": list(t.primary_key)}
        if t.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fk.columns), "reference": {"resource": fk.table, "fields": list(fk.ref)}} for fk in t.foreign_keys
            ]
        resources.append({
            "name": t.name, "path": f"{t.name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "description": t.description, "schema": schema,
        })
    return {
        "profile": "tabular-data-package",
        "name": "kz-labour-rights",
        "title": ds.meta.title,
        "description": ds.meta.description,
        "version": ds.version,
        "licenses": [{"name": ds.meta.license, "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}],
        "keywords": ["Kazakhstan", "labour rights", "trade unions", "freedom of association"],
        "kz_labour_rights": {"schema_version": ds.schema_version, "checksum": ds.checksum},
        "resources": resources,
    }


def _meta_text(ds: Dataset) -> str:
    import attrs

    return dumps(unstructure(attrs.evolve(ds.meta, checksum=ds.checksum)))


def _write_dir(files: Dict[str, str], out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".kzlr-", dir=out))
    try:
        for name, text in files.items():
            # newline="" keeps the CSV writer's line ends as written (write_text has no newline= on 3.9).
            with (tmp / name).open("w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        for name in files:
            os.replace(tmp / name, out / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


_SQL_TYPES = {"integer": "INTEGER", "boolean": "INTEGER", "number": "TEXT", "string": "TEXT"}

_VIEWS = {
    "timeline": """
        SELECT e.date, e.kind, e.id AS event_id, e."case" AS case_id, c.title AS case_title, e.summary, e.status
        FROM events e LEFT JOIN cases c ON c.id = e."case" ORDER BY e.date, e.id""",
    "person_events": """
        SELECT p.id AS person_id, p.name, e.date, e.kind, e.id AS event_id, e.summary
        FROM events_people ep JOIN people p ON p.id = ep.person_id JOIN events e ON e.id = ep.event_id
        ORDER BY p.name, e.date""",
    "case_penalties": """
        SELECT c.id AS case_id, c.title, p.id AS penalty_id, pe.name AS person, p.kind, p.term,
               p.amount_amount AS amount, p.amount_currency AS currency, p.start, p."end"
        FROM penalties p JOIN cases c ON c.id = p."case" JOIN people pe ON pe.id = p.person ORDER BY c.id, p.id""",
}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _write_sqlite(ds: Dataset, tables: Dict[str, Table], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".kzlr-", suffix=".sqlite", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        con = sqlite3.connect(tmp)
        try:
            # Constraints are declared; they are verified after the load
            # (foreign_key_check) rather than row by row, so order is free.
            with con:
                con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                con.execute("INSERT INTO meta VALUES ('meta.json', ?)", (_meta_text(ds),))
                for t in tables.values():
                    cols = [f"{_q(c.name)} {_SQL_TYPES[c.type]}{' NOT NULL' if c.required else ''}" for c in t.columns]
                    cols.append(f"PRIMARY KEY ({', '.join(map(_q, t.primary_key))})")
                    for fk in t.foreign_keys:
                        cols.append(f"FOREIGN KEY ({', '.join(map(_q, fk.columns))}) REFERENCES {_q(fk.table)} ({', '.join(map(_q, fk.ref))})")
                    con.execute(f"CREATE TABLE {_q(t.name)} ({', '.join(cols)})")
                    for fk in t.foreign_keys:
                        con.execute(f"CREATE INDEX {_q('idx_' + t.name + '_' + '_'.join(fk.columns))} ON {_q(t.name)} ({', '.join(map(_q, fk.columns))})")
                for t in tables.values():
                    marks = ", ".join("?" for _ in t.columns)
                    con.executemany(f"INSERT INTO {_q(t.name)} VALUES ({marks})", t.rows)
                for name, sql in _VIEWS.items():
                    con.execute(f"CREATE VIEW {name} AS {sql}")
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DataError([Problem(file=str(out), message=f"foreign key violations: {broken[:5]}")])
        finally:
            con.close()
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


def export(ds: Dataset, fmt: str, out: PathLike, *, force: bool = False) -> Path:
    """Write ``ds`` in ``fmt`` (one of :data:`FORMATS`) to ``out``.

    ``out`` is a directory for ``json``, ``csv`` and ``datapackage``, and a
    file (``….sqlite``) for ``sqlite``; a directory given for ``sqlite``
    gets ``kz-labour-rights.sqlite`` inside it.

    Raises:
        UsageError: for an unknown format.
    """
    target = Path(out)
    if fmt == "json":
        return write_snapshot(ds, target)
    tables = to_tables(ds)
    if fmt in ("csv", "datapackage"):
        files = {f"{t.name}.csv": _csv_text(t) for t in tables.values()}
        files["meta.json"] = _meta_text(ds)
        if fmt == "datapackage":
            files["datapackage.json"] = json.dumps(datapackage(ds, tables), ensure_ascii=False, indent=2) + "\n"
        return _write_dir(files, target)
    if fmt == "sqlite":
        if target.is_dir() or not target.suffix:
            target = target / "kz-labour-rights.sqlite"
        return _write_sqlite(ds, tables, target)
    raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def _read_meta(text: str, where: str) -> Meta:
    try:
        return structure(json.loads(text), Meta)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a data error here
        raise DataError([Problem(file=where, message=f"unreadable meta: {exc}")]) from None


def _read_csv_dir(root: Path) -> Dataset:
    meta = _read_meta((root / "meta.json").read_text(encoding="utf-8"), str(root / "meta.json"))
    cells: Dict[str, List[Sequence[Cell]]] = {}
    for name, table in LAYOUT.items():
        path = root / f"{name}.csv"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            expected = [c.name for c in table.columns]
            if header != expected:
                raise DataError([Problem(file=str(path), message=f"columns {header} are not {expected}")])
            cells[name] = list(reader)
    return from_tables(meta, cells)


def _read_sqlite(path: Path) -> Dataset:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (meta_text,) = con.execute("SELECT value FROM meta WHERE key = 'meta.json'").fetchone()
        meta = _read_meta(meta_text, f"{path}:meta")
        cells = {
            name: con.execute(f"SELECT {', '.join(_q(c.name) for c in t.columns)} FROM {_q(name)}").fetchall()
            for name, t in LAYOUT.items()
        }
    finally:
        con.close()
    return from_tables(meta, cells)


def read_export(path: PathLike) -> Dataset:
    """Read an export back: an SQLite file, or a directory of CSV tables or a data package.

    Raises:
        DataError: the files are not an export of this package.
    """
    p = Path(path)
    if p.is_file():
        return _read_sqlite(p)
    return _read_csv_dir(p)
