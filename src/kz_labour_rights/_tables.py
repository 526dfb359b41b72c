"""The dataset as relational tables, and back.

One table per record type (scalar fields as columns; money as
``<field>_amount``/``_currency``/``_approximate``), one link table per
list field (``events_people``: event_id, position, person_id), one
``citations`` table for every citation (with the path of the list it sits
in), ``provision_versions``, and a discrepancy's ``explains`` as
``discrepancies_explains`` (discrepancy_id, position, code, value) with
``discrepancies_explains_records`` (discrepancy_id, explanation, position,
record_id).  CSV, SQLite and the Frictionless data
package are all written from these tables, and all read back through
:func:`from_tables` — so every export is lossless by construction and the
tests check it record by record.

Cell conventions: an empty cell (or SQL ``NULL``) is an absent optional
value; booleans are ``true``/``false`` (``1``/``0`` in SQLite); dates,
terms and amounts are their canonical strings.
"""

import typing
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

import attrs

from ._converter import structure, unstructure
from ._dataset import RECORD_TYPES, Dataset, Meta, RecordType
from ._integrity import REFERENCES
from ._model import Citation, Explanation, ProvisionVersion, Redirect
from ._values import Money

__all__ = ["Column", "ForeignKey", "Table", "from_tables", "to_tables"]

Cell = Optional[Any]


@attrs.frozen(kw_only=True)
class Column:
    """A column: its name, Frictionless type, and whether it may be empty."""

    name: str
    type: str = "string"  # string | integer | boolean | number
    required: bool = False
    description: str = ""


@attrs.frozen(kw_only=True)
class ForeignKey:
    """``columns`` of this table reference ``columns`` of ``table``."""

    columns: Tuple[str, ...]
    table: str
    ref: Tuple[str, ...] = ("id",)


@attrs.frozen(kw_only=True)
class Table:
    """A table: columns, primary key, foreign keys, and rows of Python values."""

    name: str
    columns: Tuple[Column, ...]
    primary_key: Tuple[str, ...]
    foreign_keys: Tuple[ForeignKey, ...] = ()
    rows: Tuple[Tuple[Cell, ...], ...] = ()
    description: str = ""


_PREFIX = {t.name: t.prefix for t in RECORD_TYPES}


def _owner_col(t: RecordType) -> str:
    return f"{t.prefix}_id"


def _kind(tp: Any) -> str:
    """Classify a field type: list-str, citations, versions, explanations, money, or scalar:<type>."""
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin is tuple:
        inner = args[0]
        if inner is Citation:
            return "citations"
        if inner is ProvisionVersion:
            return "versions"
        if inner is Explanation:
            return "explanations"
        return "list-str"
    if origin is typing.Union:
        inner = next(a for a in args if a is not type(None))
        return _kind(inner) if inner is Money else "scalar:" + _scalar_type(inner)
    if tp is Money:
        return "money"
    return "scalar:" + _scalar_type(tp)


def _scalar_type(tp: Any) -> str:
    if tp is bool:
        return "boolean"
    if tp is int:
        return "integer"
    return "string"


def _fields(cls: type) -> List[Tuple[attrs.Attribute, str]]:  # type: ignore[type-arg]
    hints = typing.get_type_hints(cls)
    return [(f, _kind(hints[f.name])) for f in attrs.fields(cls)]


def _target(cls: type, field: str) -> Optional[str]:
    for name, target in REFERENCES.get(cls, ()):
        if name == field:
            return target
    return None


def _link_name(t: RecordType, field: str) -> str:
    return f"{t.name}_{field}"


def _value_col(cls: type, field: str) -> str:
    target = _target(cls, field)
    if target is not None:
        return f"{_PREFIX[target]}_id"
    return {"aliases": "alias", "records": "record_id"}.get(field, "value")


def _cell(value: Any) -> Cell:
    if value is None:
        return None
    if isinstance(value, (bool, int)):
        return value
    return str(unstructure(value))


def _layout() -> Dict[str, Table]:
    """Every table with its columns and keys (no rows)."""
    tables: Dict[str, Table] = {}
    for t in RECORD_TYPES:
        cols: List[Column] = []
        fks: List[ForeignKey] = []
        for f, kind in _fields(t.cls):
            required = f.default is attrs.NOTHING
            if kind.startswith("scalar:"):
                cols.append(Column(name=f.name, type=kind[7:], required=required))
                target = _target(t.cls, f.name)
                if target:
                    fks.append(ForeignKey(columns=(f.name,), table=target))
            elif kind == "money":
                cols += [Column(name=f"{f.name}_amount", type="number"), Column(name=f"{f.name}_currency"),
                         Column(name=f"{f.name}_approximate", type="boolean")]
            elif kind == "list-str":
                owner, value = _owner_col(t), _value_col(t.cls, f.name)
                link_fks = [ForeignKey(columns=(owner,), table=t.name)]
                target = _target(t.cls, f.name)
                if target:
                    link_fks.append(ForeignKey(columns=(value,), table=target))
                tables[_link_name(t, f.name)] = Table(
                    name=_link_name(t, f.name),
                    columns=(Column(name=owner, required=True), Column(name="position", type="integer", required=True), Column(name=value, required=True)),
                    primary_key=(owner, "position"), foreign_keys=tuple(link_fks),
                    description=f"{t.name}.{f.name}, one row per item, in order",
                )
        tables[t.name] = Table(name=t.name, columns=tuple(cols), primary_key=("id",), foreign_keys=tuple(fks), description=f"{t.cls.__name__} records")
    tables["provision_versions"] = Table(
        name="provision_versions",
        columns=(Column(name="provision_id", required=True), Column(name="position", type="integer", required=True),
                 Column(name="valid_from"), Column(name="valid_to"), Column(name="summary", required=True), Column(name="amended_by")),
        primary_key=("provision_id", "position"), foreign_keys=(ForeignKey(columns=("provision_id",), table="provisions"),),
        description="LegalProvision.versions, oldest first",
    )
    # Discrepancy.explains: one row per explanation, and its records in a child
    # table (a list inside a list, like the citations of provision versions).
    tables["discrepancies_explains"] = Table(
        name="discrepancies_explains",
        columns=(Column(name="discrepancy_id", required=True), Column(name="position", type="integer", required=True),
                 Column(name="code", required=True), Column(name="value")),
        primary_key=("discrepancy_id", "position"), foreign_keys=(ForeignKey(columns=("discrepancy_id",), table="discrepancies"),),
        description="Discrepancy.explains: the findings it accounts for, in order",
    )
    tables["discrepancies_explains_records"] = Table(
        name="discrepancies_explains_records",
        columns=(Column(name="discrepancy_id", required=True), Column(name="explanation", type="integer", required=True),
                 Column(name="position", type="integer", required=True), Column(name="record_id", required=True)),
        primary_key=("discrepancy_id", "explanation", "position"),
        foreign_keys=(ForeignKey(columns=("discrepancy_id", "explanation"), table="discrepancies_explains", ref=("discrepancy_id", "position")),),
        description="the records of each explanation (its position in discrepancies_explains), in order",
    )
    tables["citations"] = Table(
        name="citations",
        columns=(Column(name="record_id", required=True), Column(name="path", required=True), Column(name="position", type="integer", required=True),
                 Column(name="source_id", required=True), Column(name="quote", required=True), Column(name="locator")),
        primary_key=("record_id", "path", "position"), foreign_keys=(ForeignKey(columns=("source_id",), table="sources"),),
        description="every citation: the record, the list it is in ('citations' or 'versions[i].citations'), its position",
    )
    tables["redirects"] = Table(
        name="redirects",
        columns=(Column(name="old_id", required=True), Column(name="new_id", required=True), Column(name="since", required=True), Column(name="reason")),
        primary_key=("old_id",), description="retired ids and the ids that replace them",
    )
    return tables


LAYOUT = _layout()


def _citation_rows(owner: str, path: str, citations: Sequence[Citation]) -> Iterator[Tuple[Cell, ...]]:
    for i, c in enumerate(citations):
        yield (owner, path, i, c.source, c.quote, c.locator)


def to_tables(ds: Dataset) -> Dict[str, Table]:
    """``ds`` as tables (see the module docstring), rows sorted by key."""
    rows: Dict[str, List[Tuple[Cell, ...]]] = {name: [] for name in LAYOUT}
    for t in RECORD_TYPES:
        for r in sorted(ds.collection(t.name), key=lambda r: r.id):
            main: List[Cell] = []
            for f, kind in _fields(t.cls):
                value = getattr(r, f.name)
                if kind.startswith("scalar:"):
                    main.append(_cell(value))
                elif kind == "money":
                    main += [None, None, None] if value is None else [str(value.amount), value.currency, value.approximate]
                elif kind == "list-str":
                    rows[_link_name(t, f.name)] += [(r.id, i, v) for i, v in enumerate(value)]
                elif kind == "citations":
                    rows["citations"] += _citation_rows(r.id, "citations", value)
                elif kind == "versions":
                    for i, v in enumerate(value):
                        rows["provision_versions"].append((r.id, i, _cell(v.valid_from), _cell(v.valid_to), v.summary, v.amended_by))
                        rows["citations"] += _citation_rows(r.id, f"versions[{i}].citations", v.citations)
                elif kind == "explanations":
                    for i, x in enumerate(value):
                        rows["discrepancies_explains"].append((r.id, i, x.code, x.value))
                        rows["discrepancies_explains_records"] += [(r.id, i, j, rid) for j, rid in enumerate(x.records)]
            rows[t.name].append(tuple(main))
    rows["redirects"] = [(r.old, r.new, r.since, r.reason or None) for r in ds.redirect_records()]
    return {name: attrs.evolve(table, rows=tuple(sorted(rows[name], key=_sort_key))) for name, table in LAYOUT.items()}


def _sort_key(row: Tuple[Cell, ...]) -> Tuple[Any, ...]:
    return tuple((0, v) if isinstance(v, int) and not isinstance(v, bool) else (1, str(v)) for v in row)


def _value(column: Column, cell: Cell) -> Any:
    """A cell back to JSON-ready data (None for empty)."""
    if cell is None or cell == "":
        return None
    if column.type == "boolean":
        return cell if isinstance(cell, bool) else {"true": True, "false": False, "1": True, "0": False, 1: True, 0: False}[cell]
    if column.type == "integer":
        return int(cell)
    return str(cell)


def _rows(table: Table, cells: Sequence[Sequence[Cell]]) -> List[Dict[str, Any]]:
    return [{c.name: _value(c, v) for c, v in zip(table.columns, row)} for row in cells]


def from_tables(meta: Meta, cells: Mapping[str, Sequence[Sequence[Cell]]]) -> Dataset:
    """Rebuild a :class:`Dataset` from table rows (cells as read from CSV or SQLite).

    ``cells`` maps table names to rows in :data:`LAYOUT`'s column order; a
    missing table counts as empty.
    """
    data = {name: _rows(LAYOUT[name], cells.get(name, ())) for name in LAYOUT}
    cites: Dict[Tuple[str, str], List[Dict[str, Any]]] = {}
    for c in sorted(data["citations"], key=lambda c: c["position"]):
        cite = {"source": c["source_id"], "quote": c["quote"]}
        if c["locator"] is not None:
            cite["locator"] = c["locator"]
        cites.setdefault((c["record_id"], c["path"]), []).append(cite)
    versions: Dict[str, List[Dict[str, Any]]] = {}
    for v in sorted(data["provision_versions"], key=lambda v: v["position"]):
        version = {k: v[k] for k in ("valid_from", "valid_to", "summary", "amended_by") if v[k] is not None}
        version["citations"] = cites.get((v["provision_id"], f"versions[{v['position']}].citations"), [])
        versions.setdefault(v["provision_id"], []).append(version)
    explained: Dict[Tuple[str, int], List[str]] = {}
    for x in sorted(data["discrepancies_explains_records"], key=lambda x: x["position"]):
        explained.setdefault((x["discrepancy_id"], x["explanation"]), []).append(x["record_id"])
    explains: Dict[str, List[Dict[str, Any]]] = {}
    for x in sorted(data["discrepancies_explains"], key=lambda x: x["position"]):
        explanation = {"code": x["code"], "records": explained.get((x["discrepancy_id"], x["position"]), [])}
        if x["value"] is not None:
            explanation["value"] = x["value"]
        explains.setdefault(x["discrepancy_id"], []).append(explanation)
    records: Dict[str, List[Any]] = {}
    for t in RECORD_TYPES:
        lists: Dict[str, Dict[str, List[Any]]] = {}
        for f, kind in _fields(t.cls):
            if kind == "list-str":
                col = _value_col(t.cls, f.name)
                for row in sorted(data[_link_name(t, f.name)], key=lambda r: r["position"]):
                    lists.setdefault(f.name, {}).setdefault(row[_owner_col(t)], []).append(row[col])
        out = []
        for row in data[t.name]:
            rid = row["id"]
            item: Dict[str, Any] = {}
            for f, kind in _fields(t.cls):
                if kind.startswith("scalar:"):
                    value = row[f.name]
                    if value is None and f.default is attrs.NOTHING:
                        value = ""
                    if value is not None:
                        item[f.name] = value
                elif kind == "money":
                    if row[f"{f.name}_amount"] is not None:
                        item[f.name] = {"amount": row[f"{f.name}_amount"], "currency": row[f"{f.name}_currency"],
                                        "approximate": bool(row[f"{f.name}_approximate"])}
                elif kind == "list-str":
                    item[f.name] = lists.get(f.name, {}).get(rid, [])
                elif kind == "citations":
                    item[f.name] = cites.get((rid, "citations"), [])
                elif kind == "versions":
                    item[f.name] = versions.get(rid, [])
                elif kind == "explanations":
                    item[f.name] = explains.get(rid, [])
            out.append(structure(item, t.cls))
        records[t.name] = out
    redirects = [Redirect(old=r["old_id"], new=r["new_id"], since=r["since"], reason=r["reason"] or "") for r in data["redirects"]]
    return Dataset(meta=meta, records=records, redirects=redirects)
