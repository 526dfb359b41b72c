"""One SQLite database file: the tables of the relational layout (see
:mod:`._tables`) with primary and foreign keys and their indexes, a ``meta``
table holding ``meta.json``, and views for browsing (``timeline``, ``entity_discrepancies``,
``person_events``, ``case_penalties``) — Datasette opens it as it is.

For Datasette and analysts the file also holds what the other formats
leave out because it can be recomputed from the tables: full-text search
tables (``people_fts`` …, FTS5 with ``content=`` the table, Datasette's
convention, so its table pages offer a search box), and derived columns —
``X_value`` (REAL) beside each money amount ``X_amount`` so that ``ORDER BY``
and ``sum()`` work on numbers, and ``aliases`` (the aliases joined by
`` | ``) on tables with an aliases list so that one search covers every
name.  The export writes Datasette's metadata beside the file
(``OUT.metadata.json``, see :mod:`._datasette`); nothing reads it back.

Reading trusts nothing in the file: it must start with the SQLite header; it
is opened read-only (``query_only``, ``trusted_schema`` off) through a URI
built with every special character escaped; only the layout's tables are
read — never a view, trigger or full-text table from the file — by name,
after checking that each is a table with exactly the expected columns (a
derived column may be there or not, and is never read: the canonical text
is the truth); and a step budget stops a hostile file from running forever.
"""

import os
import sqlite3
import stat
import urllib.parse
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

import attrs

from .._dataset import Dataset
from .._errors import DataError, Problem
from ._base import MAX_FILE_BYTES, READ_FLAGS, UNREADABLE, Raw, Root, declared_schema, meta_text, parse_json, read_json
from ._tables import LAYOUT, Cell, Table, layout, records_from_tables, to_tables

__all__ = ["FTS_TABLES", "FTS_TOKENIZER", "MAGIC", "NAME", "SIDECARS", "Derived", "derived_columns", "has_fts5", "is_sidecar",
           "is_sqlite", "read", "sidecar_text", "write"]

NAME = "sqlite"
FILES: FrozenSet[str] = frozenset()
"""An SQLite export is one file, not a directory."""

MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite 3 database."""

MAX_ROWS = 20_000_000
"""The most rows read from one file (the packaged data has about 5,000)."""

MAX_STEPS = 2_000_000_000
"""The most SQLite virtual-machine steps one read may take."""

SIDECARS: Tuple[str, ...] = (".metadata.json",)
"""Files written beside the database, named by replacing its suffix: Datasette's metadata."""

FTS_TABLES: Dict[str, Tuple[str, ...]] = {
    "people": ("name", "aliases"),
    "organisations": ("name", "aliases"),
    "cases": ("title", "summary"),
    "events": ("summary",),
    "citations": ("quote",),
}
"""The full-text tables: ``<table>_fts`` indexes these columns of ``<table>``."""

FTS_TOKENIZER = "unicode61 remove_diacritics 2"
"""Words split on Unicode rules, case and accents folded ("Zhanaözen" finds "Zhanaozen")."""

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
               p.amount_amount AS amount, p.amount_value, p.amount_currency AS currency, p.start, p."end"
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


@attrs.frozen(kw_only=True)
class Derived:
    """A column only the SQLite export has, computed from the table's own columns when it is written.

    Attributes:
        name: the column's name.
        sql_type: its declared type (``REAL`` sorts and sums as numbers).
        after: the layout column it is placed after (and derived from).
    """

    name: str
    sql_type: str
    after: str


def derived_columns(table: str) -> Tuple[Derived, ...]:
    """The derived columns of layout table ``table``: ``X_value`` for each money amount ``X_amount``, and
    ``aliases`` for a record table with an aliases list."""
    t = LAYOUT.get(table)
    if t is None:
        return ()
    out = [Derived(name=c.name[: -len("_amount")] + "_value", sql_type="REAL", after=c.name)
           for c in t.columns if c.type == "number" and c.name.endswith("_amount")]
    if f"{table}_aliases" in LAYOUT and "name" in {c.name for c in t.columns}:
        out.append(Derived(name="aliases", sql_type="TEXT", after="name"))
    return tuple(out)


def _derived_cells(tables: Dict[str, Table], t: Table) -> Dict[str, List[Cell]]:
    """Each derived column of ``t``: its cells, row by row."""
    cells: Dict[str, List[Cell]] = {}
    names = [c.name for c in t.columns]
    for d in derived_columns(t.name):
        if d.sql_type == "REAL":
            i = names.index(d.after)
            # Decimal → float rounds once, correctly; the text stays exact.
            cells[d.name] = [None if row[i] is None else float(Decimal(str(row[i]))) for row in t.rows]
        else:
            link = tables[f"{t.name}_aliases"]
            items: Dict[Any, List[Tuple[Any, Any]]] = {}
            for owner, position, alias in link.rows:
                items.setdefault(owner, []).append((position, alias))
            cells[d.name] = [" | ".join(a for _, a in sorted(items[row[0]])) if row[0] in items else None for row in t.rows]
    return cells


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(con: sqlite3.Connection, t: Table) -> None:
    extra = {d.after: d for d in derived_columns(t.name)}
    cols = []
    for c in t.columns:
        cols.append(f"{_q(c.name)} {_SQL_TYPES[c.type]}{' NOT NULL' if c.required else ''}")
        if c.name in extra:
            cols.append(f"{_q(extra[c.name].name)} {extra[c.name].sql_type}")
    cols.append(f"PRIMARY KEY ({', '.join(map(_q, t.primary_key))})")
    for fk in t.foreign_keys:
        cols.append(f"FOREIGN KEY ({', '.join(map(_q, fk.columns))}) REFERENCES {_q(fk.table)} ({', '.join(map(_q, fk.ref))})")
    con.execute(f"CREATE TABLE {_q(t.name)} ({', '.join(cols)})")
    for fk in t.foreign_keys:
        con.execute(f"CREATE INDEX {_q('idx_' + t.name + '_' + '_'.join(fk.columns))} ON {_q(t.name)} ({', '.join(map(_q, fk.columns))})")


def has_fts5() -> bool:
    """Whether this Python's SQLite can build the full-text tables (FTS5 with :data:`FTS_TOKENIZER`)."""
    try:
        con = sqlite3.connect(":memory:")
        try:
            con.execute(f"CREATE VIRTUAL TABLE t USING fts5(a, tokenize='{FTS_TOKENIZER}')")
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return True


def _create_fts(con: sqlite3.Connection) -> None:
    for table, columns in FTS_TABLES.items():
        fts = _q(f"{table}_fts")
        # content="<table>" in double quotes: what Datasette looks for to offer a search box.
        con.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(columns)}, content={_q(table)}, tokenize='{FTS_TOKENIZER}')")
        con.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")


def write(ds: Dataset, out: Path) -> None:
    """Write ``ds`` into the (new, empty) database file ``out``.

    Without FTS5 in this Python's SQLite the database is written without
    its full-text tables, and a warning says so.
    """
    tables = to_tables(ds)
    fts = has_fts5()
    if not fts:
        warnings.warn(
            f"this Python's SQLite ({sqlite3.sqlite_version}) has no FTS5: the database is written "
            f"without its full-text tables ({', '.join(t + '_fts' for t in FTS_TABLES)}), so Datasette offers no search box; "
            "export with a Python whose sqlite3 module has FTS5 (python.org and most distributions' builds do)",
            UserWarning, stacklevel=4,
        )
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
                derived = _derived_cells(tables, t)
                names = [c.name for c in t.columns] + list(derived)
                marks = ", ".join("?" for _ in names)
                extra = list(zip(*derived.values()))
                rows = [row + extra[i] for i, row in enumerate(t.rows)] if derived else t.rows
                con.executemany(f"INSERT INTO {_q(t.name)} ({', '.join(map(_q, names))}) VALUES ({marks})", rows)
            for name, sql in _VIEWS.items():
                con.execute(f"CREATE VIEW {name} AS {sql}")
            if fts:
                _create_fts(con)
        broken = con.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise DataError([Problem(file=str(out), message=f"foreign key violations: {broken[:5]}")])
    finally:
        con.close()


def sidecar_text(ds: Dataset, target: Path, suffix: str) -> str:
    """The text of the file beside the database ``target`` whose name ends in ``suffix`` (one of
    :data:`SIDECARS`): Datasette's metadata."""
    from ._datasette import metadata_text

    return metadata_text(ds, target.stem, fts=has_fts5())


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` is Datasette metadata an SQLite export wrote (so an export may replace it)."""
    problems: List[Problem] = []
    data = read_json(path, str(path), problems)
    ours = data.get("kz_labour_rights") if isinstance(data, dict) else None
    return not problems and isinstance(ours, dict) and ours.get("format") == NAME


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
    # A virtual table (rootpage 0) is code, not stored rows: never read in place of a layout table.
    kinds = dict(con.execute("SELECT name, CASE WHEN type = 'table' AND rootpage = 0 THEN 'virtual table' ELSE type END "
                             "FROM sqlite_master WHERE type IN ('table', 'view')").fetchall())
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
        derived = {d.name for d in derived_columns(name)}
        got = [row[1] for row in con.execute(f"PRAGMA table_info({_q(name)})").fetchall() if row[1] not in derived]
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
