"""One SQLite database file: the tables of the relational layout (see
:mod:`._tables`) with primary and foreign keys and their indexes, a ``meta``
table holding ``meta.json``, and views for browsing (``timeline``, ``entity_discrepancies``,
``person_events``, ``case_penalties``) — Datasette opens it as it is.

Reading trusts nothing in the file: it must start with the SQLite header; it
is opened read-only (``query_only``, ``trusted_schema`` off) through a URI
built with every special character escaped; only the layout's tables are
read — never a view or trigger from the file — by name, after checking that
each is a table with exactly the expected columns; and a step budget stops a
hostile file from running forever.
"""

import os
import sqlite3
import stat
import urllib.parse
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Sequence

from .._dataset import Dataset
from .._errors import DataError, Problem
from ._base import MAX_FILE_BYTES, READ_FLAGS, UNREADABLE, Raw, Root, declared_schema, meta_text, parse_json
from ._tables import Cell, Table, layout, records_from_tables, to_tables

__all__ = ["MAGIC", "NAME", "is_sqlite", "read", "write"]

NAME = "sqlite"
FILES: FrozenSet[str] = frozenset()
"""An SQLite export is one file, not a directory."""

MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite 3 database."""

MAX_ROWS = 20_000_000
"""The most rows read from one file (the packaged data has about 5,000)."""

MAX_STEPS = 2_000_000_000
"""The most SQLite virtual-machine steps one read may take."""

_SQL_TYPES = {"integer": "INTEGER", "boolean": "INTEGER", "number": "TEXT", "string": "TEXT", "date": "TEXT"}

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
    # discrepancies_of(entity, related=True) for people and organisations:
    # the conflicts about them and about their cases, events, penalties, roles.
    "entity_discrepancies": """
        SELECT DISTINCT x.entity_id, d.id AS discrepancy_id, d.status, x.via AS via_record_id, d.summary
        FROM (
            SELECT id AS entity_id, id AS via FROM people
            UNION SELECT id, id FROM organisations
            UNION SELECT person_id, event_id FROM events_people
            UNION SELECT org_id, event_id FROM events_organisations
            UNION SELECT person_id, case_id FROM cases_people
            UNION SELECT org_id, case_id FROM cases_organisations
            UNION SELECT org_id, case_id FROM cases_courts
            UNION SELECT person, id FROM penalties
            UNION SELECT person, id FROM memberships
            UNION SELECT organisation, id FROM memberships
        ) x JOIN discrepancies_records dr ON dr.record_id = x.via JOIN discrepancies d ON d.id = dr.discrepancy_id
        ORDER BY x.entity_id, d.id""",
}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(con: sqlite3.Connection, t: Table) -> None:
    cols = [f"{_q(c.name)} {_SQL_TYPES[c.type]}{' NOT NULL' if c.required else ''}" for c in t.columns]
    cols.append(f"PRIMARY KEY ({', '.join(map(_q, t.primary_key))})")
    for fk in t.foreign_keys:
        cols.append(f"FOREIGN KEY ({', '.join(map(_q, fk.columns))}) REFERENCES {_q(fk.table)} ({', '.join(map(_q, fk.ref))})")
    con.execute(f"CREATE TABLE {_q(t.name)} ({', '.join(cols)})")
    for fk in t.foreign_keys:
        con.execute(f"CREATE INDEX {_q('idx_' + t.name + '_' + '_'.join(fk.columns))} ON {_q(t.name)} ({', '.join(map(_q, fk.columns))})")


def write(ds: Dataset, out: Path) -> None:
    """Write ``ds`` into the (new, empty) database file ``out``."""
    tables = to_tables(ds)
    con = sqlite3.connect(out)
    try:
        # The file is a temporary one until it is swapped in whole, so it
        # needs no rollback journal of its own (and leaves none behind).
        con.execute("PRAGMA journal_mode = OFF")
        # Constraints are declared, then verified once all rows are in
        # (foreign_key_check), so insertion order is free.
        with con:
            con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            con.execute("INSERT INTO meta VALUES ('meta.json', ?)", (meta_text(ds, NAME),))
            for t in tables.values():
                _create(con, t)
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


def is_sqlite(path: Path) -> Optional[bool]:
    """Whether regular file ``path`` starts with the SQLite header (None if it is not a readable regular file)."""
    try:
        fd = os.open(path, READ_FLAGS)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, len(MAGIC)) == MAGIC
    finally:
        os.close(fd)


def _uri(path: Path) -> str:
    # Every character that means something in a URI ('?', '#', '%') is
    # escaped, so the name opens this file and no other.
    return "file:" + urllib.parse.quote(str(path.resolve()), safe="/") + "?mode=ro"


class _Budget:
    def __init__(self) -> None:
        self.steps = 0

    def __call__(self) -> int:
        self.steps += 1_000
        return 1 if self.steps > MAX_STEPS else 0


def _fetch(con: sqlite3.Connection, sql: str, where: str, problems: List[Problem]) -> Optional[List[Sequence[Cell]]]:
    rows: List[Sequence[Cell]] = []
    cursor = con.execute(sql)
    while True:
        batch = cursor.fetchmany(10_000)
        if not batch:
            return rows
        rows.extend(batch)
        if len(rows) > MAX_ROWS:
            problems.append(Problem(file=where, message=f"more than {MAX_ROWS:,} rows"))
            return None


def _read(con: sqlite3.Connection, label: str, problems: List[Problem]) -> "tuple[Any, Dict[str, Optional[List[Sequence[Cell]]]]]":
    kinds = dict(con.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')").fetchall())
    meta: Any = UNREADABLE
    if kinds.get("meta") != "table":
        problems.append(Problem(file=f"{label}: meta", message="missing table; an SQLite export has a meta table holding meta.json"))
    else:
        rows = _fetch(con, "SELECT key, value FROM meta", f"{label}: meta", problems) or []
        values = [v for k, v in rows if k == "meta.json"]
        if len(rows) != 1 or len(values) != 1 or not isinstance(values[0], str):
            problems.append(Problem(file=f"{label}: meta", message="expected exactly one row, key 'meta.json', with the meta as JSON text"))
        else:
            meta = parse_json(values[0], f"{label}: meta", problems)
    cells: Dict[str, Optional[List[Sequence[Cell]]]] = {}
    for name, table in layout(declared_schema(meta)).items():
        where = f"{label}: {name}"
        if kinds.get(name) != "table":
            problems.append(Problem(file=where, message="missing table" if name not in kinds else f"a {kinds[name]}, not a table"))
            cells[name] = None
            continue
        got = [row[1] for row in con.execute(f"PRAGMA table_info({_q(name)})").fetchall()]
        expected = [c.name for c in table.columns]
        if sorted(got) != sorted(expected):
            missing = [c for c in expected if c not in got]
            unknown = [c for c in got if c not in expected]
            problems.append(Problem(file=where, message=f"columns are not {', '.join(expected)}: missing {missing}, unknown {unknown}"))
            cells[name] = None
            continue
        cells[name] = _fetch(con, f"SELECT {', '.join(_q(c) for c in expected)} FROM {_q(name)}", where, problems)
    return meta, cells


def read(path: Root, problems: List[Problem]) -> Raw:
    """The raw snapshot in SQLite file ``path``."""
    label = str(path)
    empty = Raw(format=NAME, meta=UNREADABLE, meta_file=f"{label}: meta", records={}, redirects=[], problems=problems)
    if not isinstance(path, Path):
        problems.append(Problem(file=label, message="an SQLite export must be a file on disk"))
        return empty
    if is_sqlite(path) is not True:
        problems.append(Problem(file=label, message="not an SQLite database (no SQLite header); pass a file written by `export --format sqlite`"))
        return empty
    if path.stat().st_size > MAX_FILE_BYTES:
        problems.append(Problem(file=label, message=f"more than the {MAX_FILE_BYTES:,} bytes a data file may have"))
        return empty
    try:
        con = sqlite3.connect(_uri(path), uri=True)
    except sqlite3.Error as exc:
        problems.append(Problem(file=label, message=f"cannot open the database: {exc}"))
        return empty
    try:
        con.set_progress_handler(_Budget(), 1_000)
        con.execute("PRAGMA query_only = ON")
        try:
            con.execute("PRAGMA trusted_schema = OFF")
        except sqlite3.Error:  # pragma: no cover - SQLite before 3.31 has no such pragma
            pass
        meta, cells = _read(con, label, problems)
        schema = declared_schema(meta)
    except sqlite3.OperationalError as exc:
        reason = "stopped after too many steps" if "interrupt" in str(exc) else str(exc)
        problems.append(Problem(file=label, message=f"cannot read the database: {reason}"))
        return empty
    except sqlite3.Error as exc:
        problems.append(Problem(file=label, message=f"not a readable SQLite database: {exc}"))
        return empty
    finally:
        con.close()
    records, redirects = records_from_tables(cells, lambda name: f"{label}: {name}", problems, schema=schema)
    return Raw(format=NAME, meta=meta, meta_file=f"{label}: meta", records=records, redirects=redirects, problems=problems)
