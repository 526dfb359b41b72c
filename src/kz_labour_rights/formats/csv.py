"""CSV tables: one file per table of the relational layout (see
:mod:`._tables`) plus ``meta.json``.

Cells that a spreadsheet would run as a formula — starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return — are written with a leading
apostrophe (``'=1+1``), which spreadsheets show as text; a cell that itself
starts with an apostrophe gets one more.  The reader removes exactly one
leading apostrophe, so every cell reads back exactly.  (Exports of schema 2
did not escape; their cells are read as they are.)
"""

import csv
import io
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Sequence

from .._dataset import Dataset
from .._errors import Problem
from ._base import UNREADABLE, Raw, Root, declared_schema, meta_text, read_json, read_text, write_text
from ._tables import LAYOUT, Cell, Table, layout, records_from_tables, to_tables

__all__ = ["FILES", "NAME", "read", "read_tables", "table_files", "write"]

NAME = "csv"
FILES: FrozenSet[str] = frozenset({"meta.json", *(f"{name}.csv" for name in LAYOUT)})
"""Every file a CSV export holds."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def _out(value: Cell) -> Any:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _in(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def csv_text(table: Table) -> str:
    """``table`` as CSV text: a header row, then one row per record, formula-safe."""
    buf = io.StringIO()
    # CRLF as RFC 4180 has it: the writer then quotes any cell holding a CR or LF.
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([_out(v) for v in row])
    return buf.getvalue()


def table_files(ds: Dataset) -> Dict[str, str]:
    """The text of every table's CSV file, by file name."""
    return {f"{t.name}.csv": csv_text(t) for t in to_tables(ds).values()}


def write(ds: Dataset, out: Path) -> None:
    """Write ``ds`` as CSV tables and ``meta.json`` into the (new, empty) directory ``out``."""
    for name, text in table_files(ds).items():
        write_text(out / name, text)
    write_text(out / "meta.json", meta_text(ds, NAME))


def _parse(text: str, file: str, table: Table, problems: List[Problem], escaped: bool) -> Optional[List[Sequence[Cell]]]:
    rows: List[Sequence[Cell]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader, None)
        expected = [c.name for c in table.columns]
        if header != expected:
            got = header or []
            missing = [c for c in expected if c not in got]
            unknown = [c for c in got if c not in expected]
            detail = "; ".join(x for x in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unknown {', '.join(repr(c) for c in unknown)}" if unknown else "",
                "columns out of order" if not missing and not unknown else "",
            ) if x)
            problems.append(Problem(file=file, record="header", message=f"columns are not {', '.join(expected)}: {detail}"))
            return None
        for row in reader:
            rows.append([_in(cell) for cell in row] if escaped else row)
        if escaped and not text.endswith("\n"):
            # A file cut inside its last row's last cell still parses, one
            # shorter row; every export ends each row with CRLF.
            problems.append(Problem(file=file, record=f"row {len(rows)}", message="the last row ends without a line break: the file looks truncated; export it again"))
            return None
    except csv.Error as exc:
        problems.append(Problem(file=file, message=f"not valid CSV: {exc}"))
        return None
    return rows


def read_tables(root: Root, problems: List[Problem], schema: int) -> Dict[str, Optional[List[Sequence[Cell]]]]:
    """Every table of a schema-``schema`` export, its rows from its CSV file in ``root``
    (None where a problem was recorded: missing, unreadable)."""
    cells: Dict[str, Optional[List[Sequence[Cell]]]] = {}
    for name, table in layout(schema).items():
        file = f"{name}.csv"
        text = read_text(root.joinpath(file), file, problems)
        # Exports before schema 3 wrote cells as they were, apostrophes and all.
        cells[name] = None if text is UNREADABLE else _parse(text, file, table, problems, escaped=schema >= 3)
    return cells


def read(root: Root, problems: List[Problem]) -> Raw:
    """The raw snapshot in CSV directory ``root``."""
    meta = read_json(root.joinpath("meta.json"), "meta.json", problems)
    schema = declared_schema(meta)
    cells = read_tables(root, problems, schema)
    # Row numbers count data rows from 1 (the header is row 0).
    records, redirects = records_from_tables(cells, lambda name: f"{name}.csv", problems, schema=schema)
    return Raw(format=NAME, meta=meta, meta_file="meta.json", records=records, redirects=redirects, problems=problems)
