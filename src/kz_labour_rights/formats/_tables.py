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

Every partial-date column ``X`` is followed by three columns derived from
it: ``X_earliest`` and ``X_latest`` (ISO dates, the first and last day the
partial date may mean) and ``X_precision`` (``year``, ``month`` or
``day``).  They are for tools that cannot read partial dates; readers
recompute them and refuse a row where they disagree with ``X``.  Tables of
schema 2 have none (:func:`layout`).

Cell conventions: an empty cell (or SQL ``NULL``) is an absent optional
value; booleans are ``true``/``false`` (``1``/``0`` in SQLite); dates,
terms and amounts are their canonical strings.

Columns say what they hold beyond their type (:attr:`Column.role`, the
allowed :attr:`Column.values` of a kind or status, a description taken
from the record classes' docstrings), so that every format can type them
the same way: the data package's Frictionless types, Arrow and pandas.
"""

import enum
import inspect
import operator
import re
import typing
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

import attrs

from .._converter import unstructure
from .._dataset import RECORD_TYPES, Dataset, RecordType
from .._errors import Problem, shown
from .._model import FACTS, REFERENCES, Citation, Derivation, Discrepancy, Explanation, Inference, ProvisionVersion, Redirect, Side
from .._values import InvalidValueError, Money, PartialDate, Term
from ._base import RawRecord

__all__ = ["LAYOUT", "Cell", "Column", "ForeignKey", "Table", "layout", "records_from_tables", "to_tables"]

Cell = Optional[Any]


PRECISIONS = ("year", "month", "day")
"""The values of an ``X_precision`` column, coarsest first."""

DERIVED_ROLES = ("earliest", "latest", "precision")
"""The roles of the columns derived from a partial-date column, in column order."""


@attrs.frozen(kw_only=True)
class Column:
    """A column of the relational layout.

    Attributes:
        name: the column's name.
        type: its Frictionless base type: ``string``, ``integer``,
            ``boolean``, ``number`` (a money amount's decimal text) or
            ``date`` (an ISO date, in the derived ``X_earliest``/``X_latest``).
        required: whether every row has a value.
        description: what it holds, in a phrase.
        role: what a string or number column holds beyond its type:
            ``partial-date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``),
            ``earliest``/``latest``/``precision`` (derived from the
            partial-date column ``derived_from``), ``term`` (an ISO 8601
            duration), ``amount``/``currency`` (money), ``enum`` (one of
            ``values``), or ``""``.
        derived_from: for a derived column, the column it is computed from.
        values: for ``enum`` and ``precision`` columns, every value allowed.
    """

    name: str
    type: str = "string"
    required: bool = False
    description: str = ""
    role: str = ""
    derived_from: str = ""
    values: Tuple[str, ...] = ()


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
    """Classify a field type: list-str, citations, versions, money, date, term, enum, or scalar:<type>."""
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
        if inner in (Inference, Derivation):
            return "provenance"
        if inner is Side:
            return "sides"
        return "list-str"
    if origin is typing.Union:
        return _kind(next(a for a in args if a is not type(None)))
    if tp is Money:
        return "money"
    if tp is PartialDate:
        return "date"
    if tp is Term:
        return "term"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "enum"
    return "scalar:" + _scalar_type(tp)


def _scalar_type(tp: Any) -> str:
    if tp is bool:
        return "boolean"
    if tp is int:
        return "integer"
    return "string"


_SCALAR_KINDS = ("date", "term", "enum")
"""Field kinds held in their record's own row (besides ``scalar:*`` and money)."""

_POSITION = Column(name="position", type="integer", required=True, description="The item's place in its list, from 0")

_FIELDS: Dict[type, List[Tuple["attrs.Attribute[Any]", str]]] = {}


def _fields(cls: type) -> List[Tuple["attrs.Attribute[Any]", str]]:
    # Type hints are resolved once per class, not once per record.
    if cls not in _FIELDS:
        hints = typing.get_type_hints(cls)
        _FIELDS[cls] = [(f, _kind(hints[f.name])) for f in attrs.fields(cls)]
    return _FIELDS[cls]


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


_RST = re.compile(r":[a-z]+:`~?(?:[\w.]*\.)?([^`]+)`|``([^`]*)``")
_SEE = re.compile(r" \(see [^()]*(?:\([^()]*\)[^()]*)*\)")


def _short(text: str) -> str:
    """The first clause of a docstring entry, plain text, capitalised, no final period."""
    text = _SEE.sub("", _RST.sub(lambda m: m.group(1) or m.group(2), " ".join(text.split())))
    # The first sentence or clause; "e.g." and "i.e." end neither.
    text = re.split(r"(?<=[a-z0-9)])(?<!e\.g)(?<!i\.e)\. |; ", text, maxsplit=1)[0].rstrip(".")
    # An example cut short by the clause's end is dropped, not left open.
    text = re.sub(r",? \(?e\.g\.? [^)]*$", "", text)
    return text[:1].upper() + text[1:]


def _attribute_docs(cls: type) -> Dict[str, str]:
    """Each field's entry in ``cls``'s docstring (its Attributes section), shortened.

    The docstrings are where the data model documents its fields (docs/data-model.md
    says so), so the tables describe their columns in the same words.  Under
    ``python -OO`` there are no docstrings and the descriptions are empty.
    """
    section = (inspect.getdoc(cls) or "").partition("\nAttributes:\n")[2]
    entries: Dict[str, str] = {}
    name = ""
    for line in section.splitlines():
        m = re.match(r"    ([a-z0-9_]+): (.*)", line)
        if m:
            name = m.group(1)
            entries[name] = m.group(2)
        elif name and line.startswith("        "):
            entries[name] += " " + line.strip()
        else:
            break
    docs = {k: _short(v) for k, v in entries.items()}
    docs.update({k: f"The {k.replace('_', ' ')}, e.g.{v[4:]}" for k, v in docs.items() if v.startswith("E.g.")})
    if "id" in docs:
        docs["id"] = f"The record's id ({entries['id'].strip('`. ')})"
    return docs


def _summary(cls: type) -> str:
    return _short((inspect.getdoc(cls) or "").split("\n\n")[0])


def _date_columns(name: str, required: bool, description: str) -> List[Column]:
    """Partial-date column ``name`` and the three columns derived from it."""
    return [
        Column(name=name, required=required, description=description, role="partial-date"),
        Column(name=f"{name}_earliest", type="date", required=required, role="earliest", derived_from=name,
               description=f"The first day {name} may mean (derived)"),
        Column(name=f"{name}_latest", type="date", required=required, role="latest", derived_from=name,
               description=f"The last day {name} may mean (derived)"),
        Column(name=f"{name}_precision", required=required, role="precision", derived_from=name, values=PRECISIONS,
               description=f"Whether {name} is known to the year, month or day (derived)"),
    ]


def _enum_values(cls: type, field: str) -> Tuple[str, ...]:
    tp = typing.get_type_hints(cls)[field]
    if typing.get_origin(tp) is typing.Union:
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    return tuple(m.value for m in tp)


def _field_columns(cls: type, f: "attrs.Attribute[Any]", kind: str, description: str) -> List[Column]:
    """The columns of one field of a record (or of a provision version) kept in its own table."""
    # A field whose default is a value (false, 'occurred') is written in every
    # row: its column is required too (schema 2's layout did not say so).
    required = f.default is attrs.NOTHING or (f.default is not None and f.default != "" and not isinstance(f.default, tuple))
    if kind == "date":
        return _date_columns(f.name, required, description)
    if kind == "money":
        return [Column(name=f"{f.name}_amount", type="number", role="amount", description=f"{description}: the amount, a decimal"),
                Column(name=f"{f.name}_currency", role="currency", description=f"{description}: its ISO 4217 currency code"),
                Column(name=f"{f.name}_approximate", type="boolean", description=f"{description}: true where the source hedges")]
    if kind == "term":
        return [Column(name=f.name, required=required, role="term", description=f"{description} (an ISO 8601 duration)")]
    if kind == "enum":
        return [Column(name=f.name, required=required, role="enum", values=_enum_values(cls, f.name), description=description)]
    options = getattr(f.validator, "options", None)
    if isinstance(options, tuple) and all(isinstance(o, str) for o in options):
        return [Column(name=f.name, required=required, role="enum", values=options, description=description)]
    return [Column(name=f.name, type=kind[7:], required=required, description=description)]


def _layout() -> Dict[str, Table]:
    """Every table with its columns and keys (no rows)."""
    tables: Dict[str, Table] = {}
    for t in RECORD_TYPES:
        cols: List[Column] = []
        fks: List[ForeignKey] = []
        docs = _attribute_docs(t.cls)
        for f, kind in _fields(t.cls):
            if kind.startswith("scalar:") or kind in _SCALAR_KINDS or kind == "money":
                cols += _field_columns(t.cls, f, kind, docs.get(f.name, ""))
                target = _target(t.cls, f.name)
                if target:
                    fks.append(ForeignKey(columns=(f.name,), table=target))
            elif kind == "list-str":
                owner, value = _owner_col(t), _value_col(t.cls, f.name)
                link_fks = [ForeignKey(columns=(owner,), table=t.name)]
                target = _target(t.cls, f.name)
                if target:
                    link_fks.append(ForeignKey(columns=(value,), table=target))
                tables[_link_name(t, f.name)] = Table(
                    name=_link_name(t, f.name),
                    columns=(Column(name=owner, required=True, description=f"The {t.cls.__name__}'s id"), _POSITION,
                             Column(name=value, required=True, description=docs.get(f.name, ""))),
                    primary_key=(owner, "position"), foreign_keys=tuple(link_fks),
                    description=f"{t.name}.{f.name}, one row per item, in order",
                )
        tables[t.name] = Table(name=t.name, columns=tuple(cols), primary_key=("id",), foreign_keys=tuple(fks),
                               description=f"{t.cls.__name__} records: {_summary(t.cls)}")
    versions = _attribute_docs(ProvisionVersion)
    version_cols: List[Column] = [Column(name="provision_id", required=True, description="The LegalProvision's id"), _POSITION]
    for f, kind in _fields(ProvisionVersion):
        if kind.startswith("scalar:") or kind in _SCALAR_KINDS:
            version_cols += _field_columns(ProvisionVersion, f, kind, versions.get(f.name, ""))
    tables["provision_versions"] = Table(
        name="provision_versions", columns=tuple(version_cols),
        primary_key=("provision_id", "position"), foreign_keys=(ForeignKey(columns=("provision_id",), table="provisions"),),
        description="LegalProvision.versions: its dated wordings, oldest first",
    )
    discrepancy = _attribute_docs(Discrepancy)
    explanation = _attribute_docs(Explanation)
    side = _attribute_docs(Side)
    citation = _attribute_docs(Citation)
    of_discrepancy = Column(name="discrepancy_id", required=True, description="The Discrepancy's id")
    # Discrepancy.explains: one row per explanation, and its records in a child
    # table (a list inside a list, like the citations of provision versions).
    tables["discrepancies_explains"] = Table(
        name="discrepancies_explains",
        columns=(of_discrepancy, _POSITION, Column(name="code", required=True, description=explanation.get("code", "")),
                 Column(name="value", description=explanation.get("value", ""))),
        primary_key=("discrepancy_id", "position"), foreign_keys=(ForeignKey(columns=("discrepancy_id",), table="discrepancies"),),
        description=f"Discrepancy.explains: {discrepancy.get('explains', '').lower()}, in order",
    )
    tables["discrepancies_explains_records"] = Table(
        name="discrepancies_explains_records",
        columns=(of_discrepancy, Column(name="explanation", type="integer", required=True, description="The explanation's position in discrepancies_explains"),
                 _POSITION, Column(name="record_id", required=True, description=explanation.get("records", ""))),
        primary_key=("discrepancy_id", "explanation", "position"),
        foreign_keys=(ForeignKey(columns=("discrepancy_id", "explanation"), table="discrepancies_explains", ref=("discrepancy_id", "position")),),
        description="the records of each explanation (its position in discrepancies_explains), in order",
    )
    # Discrepancy.sides: one row per side, its records in a child table and
    # its quotes in `citations` under the path 'sides[i].citations'.
    tables["discrepancies_sides"] = Table(
        name="discrepancies_sides",
        columns=(of_discrepancy, _POSITION, Column(name="by", required=True, description=side.get("by", "")),
                 Column(name="claim", required=True, description=side.get("claim", ""))),
        primary_key=("discrepancy_id", "position"), foreign_keys=(ForeignKey(columns=("discrepancy_id",), table="discrepancies"),),
        description="Discrepancy.sides: each claim, who makes it and what it says, in order (quotes in citations, path 'sides[i].citations')",
    )
    tables["discrepancies_sides_records"] = Table(
        name="discrepancies_sides_records",
        columns=(of_discrepancy, Column(name="side", type="integer", required=True, description="The side's position in discrepancies_sides"),
                 _POSITION, Column(name="record_id", required=True, description=side.get("records", ""))),
        primary_key=("discrepancy_id", "side", "position"),
        foreign_keys=(ForeignKey(columns=("discrepancy_id", "side"), table="discrepancies_sides", ref=("discrepancy_id", "position")),),
        description="the records holding each side (its position in discrepancies_sides), in order",
    )
    tables["citations"] = Table(
        name="citations",
        columns=(Column(name="record_id", required=True, description="The id of the record citing"),
                 Column(name="path", required=True, description="The list the citation is in: citations, versions[i].citations or sides[i].citations"),
                 _POSITION, Column(name="source_id", required=True, description=citation.get("source", "")),
                 Column(name="quote", required=True, description=citation.get("quote", "")),
                 Column(name="locator", description=citation.get("locator", ""))),
        primary_key=("record_id", "path", "position"), foreign_keys=(ForeignKey(columns=("source_id",), table="sources"),),
        description="every citation: the record, the list it is in ('citations', 'versions[i].citations' or 'sides[i].citations'), its position",
    )
    tables["value_supports"] = Table(
        name="value_supports",
        columns=(Column(name="record_id", required=True, description="The id of the record whose value it is"),
                 Column(name="scope", required=True, description="Where the value is: record, or versions[i] of a provision"),
                 _POSITION, Column(name="field", required=True, description="The field whose value it is"),
                 Column(name="status", required=True, role="enum", values=("stated", "inferred", "derived"),
                        description="Stated by a citation, inferred, or derived"),
                 Column(name="citation", type="integer", description="For a stated value: the citation's position in the scope's citations"),
                 Column(name="value", description="For an inferred list item: the item"),
                 Column(name="reason", description="Why it is inferred, or how it is computed"),
                 Column(name="basis", description="Ids of the records it rests on, space-separated")),
        primary_key=("record_id", "scope", "position"),
        description=("where each value comes from: 'stated' by citation number `citation` of the scope ('record' or "
                     "'versions[i]'), 'inferred' (with a reason) or 'derived' (reason = the computation)"),
    )
    redirect = _attribute_docs(Redirect)
    tables["redirects"] = Table(
        name="redirects",
        columns=(Column(name="old_id", required=True, description=redirect.get("old", "")),
                 Column(name="new_id", required=True, description=redirect.get("new", "")),
                 Column(name="since", required=True, description=redirect.get("since", "")),
                 Column(name="reason", description=redirect.get("reason", ""))),
        primary_key=("old_id",), description="retired ids and the ids that replace them",
    )
    return tables


LAYOUT = _layout()


_WITH_DEFAULT = {(t.name, f.name) for t in RECORD_TYPES for f in attrs.fields(t.cls)
                 if f.default is not attrs.NOTHING and f.default is not None and f.default != "" and not isinstance(f.default, tuple)}
"""Columns required from schema 3 because their field's default is written in every row."""

_SCHEMA_3_COLUMNS = {"events": ("date_of", "date_bound", "count", "counted", "place"), "memberships": ("start_bound", "end_bound"),
                     "provision_versions": ("valid_from_bound",)}


def _layout_2() -> Dict[str, Table]:
    # Schema 2 (0.2.0) listed a discrepancy's explains as bare codes, had no
    # provenance, kept an event's head count as `participants`, and had no
    # columns derived from dates.
    tables = {name: attrs.evolve(t, columns=tuple(attrs.evolve(c, required=c.required and (name, c.name) not in _WITH_DEFAULT)
                                                  for c in t.columns if not c.derived_from))
              for name, t in LAYOUT.items()
              if name not in ("discrepancies_explains_records", "value_supports", "discrepancies_sides", "discrepancies_sides_records")}
    for name, dropped in _SCHEMA_3_COLUMNS.items():
        cols = [c for c in tables[name].columns if c.name not in dropped]
        if name == "events":
            at = [c.name for c in cols].index("end") + 1
            cols.insert(at, Column(name="participants"))
        tables[name] = attrs.evolve(tables[name], columns=tuple(cols))
    tables["discrepancies_explains"] = Table(
        name="discrepancies_explains",
        columns=(Column(name="discrepancy_id", required=True), Column(name="position", type="integer", required=True), Column(name="code", required=True)),
        primary_key=("discrepancy_id", "position"), foreign_keys=(ForeignKey(columns=("discrepancy_id",), table="discrepancies"),),
        description="Discrepancy.explains (schema 2: codes only)",
    )
    return tables


_LAYOUT_2 = _layout_2()


def layout(schema: int) -> Dict[str, Table]:
    """The tables of a schema-``schema`` export (table exports began with schema 2)."""
    return LAYOUT if schema >= 3 else _LAYOUT_2


def _citation_rows(owner: str, path: str, citations: Sequence[Citation]) -> Iterator[Tuple[Cell, ...]]:
    for i, c in enumerate(citations):
        yield (owner, path, i, c.source, c.quote, c.locator)


def _support_rows(record: Any) -> Iterator[Tuple[Cell, ...]]:
    scopes = [("record", record)] + [(f"versions[{i}]", v) for i, v in enumerate(getattr(record, "versions", ()))]
    for scope, obj in scopes:
        position = 0
        for i, c in enumerate(obj.citations):
            for field in c.supports:
                yield (record.id, scope, position, field, "stated", i, None, None, None)
                position += 1
        for x in obj.inferred:
            yield (record.id, scope, position, x.field, "inferred", None, x.value, x.reason, " ".join(x.basis) or None)
            position += 1
        for d in obj.derived:
            yield (record.id, scope, position, d.field, "derived", None, None, d.computation, " ".join(d.basis) or None)
            position += 1


def to_tables(ds: Dataset) -> Dict[str, Table]:
    """``ds`` as tables (see the module docstring), rows sorted by key."""
    rows: Dict[str, List[Tuple[Cell, ...]]] = {name: [] for name in LAYOUT}
    for t in RECORD_TYPES:
        for r in sorted(ds.collection(t.name), key=lambda r: r.id):
            main: List[Cell] = []
            for f, kind in _fields(t.cls):
                value = getattr(r, f.name)
                if kind == "date":
                    main += _date_cells(value)
                elif kind.startswith("scalar:") or kind in _SCALAR_KINDS:
                    main.append(_cell(value))
                elif kind == "money":
                    main += [None, None, None] if value is None else [str(value.amount), value.currency, value.approximate]
                elif kind == "list-str":
                    rows[_link_name(t, f.name)] += [(r.id, i, v) for i, v in enumerate(value)]
                elif kind == "citations":
                    rows["citations"] += _citation_rows(r.id, "citations", value)
                elif kind == "versions":
                    for i, v in enumerate(value):
                        rows["provision_versions"].append((r.id, i, *_date_cells(v.valid_from), _cell(v.valid_from_bound), *_date_cells(v.valid_to),
                                                           v.summary, v.amended_by))
                        rows["citations"] += _citation_rows(r.id, f"versions[{i}].citations", v.citations)
                elif kind == "explanations":
                    for i, x in enumerate(value):
                        rows["discrepancies_explains"].append((r.id, i, x.code, x.value))
                        rows["discrepancies_explains_records"] += [(r.id, i, j, rid) for j, rid in enumerate(x.records)]
                elif kind == "sides":
                    for i, side in enumerate(value):
                        rows["discrepancies_sides"].append((r.id, i, side.by, side.claim))
                        rows["discrepancies_sides_records"] += [(r.id, i, j, rid) for j, rid in enumerate(side.records)]
                        rows["citations"] += _citation_rows(r.id, f"sides[{i}].citations", side.citations)
            rows[t.name].append(tuple(main))
            if t.cls in FACTS:
                rows["value_supports"] += _support_rows(r)
    rows["redirects"] = [(r.old, r.new, r.since, r.reason or None) for r in ds.redirect_records()]
    # Every table's primary key leads its columns, is unique, and holds one
    # type per column (ids and paths text, positions ints): sorting by it as it
    # is orders the rows as sorting by every column would, at a fraction of the cost.
    return {
        name: attrs.evolve(table, rows=tuple(sorted(rows[name], key=operator.itemgetter(slice(0, len(table.primary_key))))))
        for name, table in LAYOUT.items()
    }


def _date_cells(value: Optional[PartialDate]) -> Tuple[Cell, ...]:
    """A partial date's cells: itself, its first and last day, its precision (see :func:`derived_cell`)."""
    if value is None:
        return (None, None, None, None)
    return (str(value), *(derived_cell(role, value) for role in DERIVED_ROLES))


def derived_cell(role: str, date: PartialDate) -> str:
    """The cell a column of ``role`` (one of :data:`DERIVED_ROLES`) derives from ``date``."""
    if role == "earliest":
        return date.earliest().isoformat()
    if role == "latest":
        return date.latest().isoformat()
    return date.precision


_INTEGER = re.compile(r"[0-9]{1,18}\Z")
_BOOLEANS: Dict[Any, bool] = {"true": True, "false": False}
# Cells a boolean column reads without a problem: CSV's words, SQLite's 1/0.
_FLAGS: Dict[Any, bool] = {"true": True, "false": False, 1: True, 0: False}


class _Cells:
    """Typed cells of one table, with every defect recorded where it is."""

    def __init__(self, table: Table, file: str, problems: List[Problem]) -> None:
        self.table = table
        self.file = file
        self.problems = problems
        self._names = tuple(c.name for c in table.columns)
        self._parsers = tuple(self._parser(c) for c in table.columns)

    def _parser(self, column: Column) -> Callable[[int, Cell], Any]:
        """:meth:`value` for ``column``, with a fast path for the usual well-formed cell."""
        slow = self.value
        if column.type == "integer":
            def integer(row: int, cell: Cell) -> Any:
                if type(cell) is int and 0 <= cell < 10**18:
                    return cell
                if type(cell) is str and _INTEGER.match(cell):
                    return int(cell)
                return slow(row, column, cell)
            return integer
        if column.type == "boolean":
            def boolean(row: int, cell: Cell) -> Any:
                return _FLAGS[cell] if type(cell) in (str, int) and cell in _FLAGS else slow(row, column, cell)
            return boolean

        def text(row: int, cell: Cell) -> Any:
            return cell if type(cell) is str and cell else slow(row, column, cell)
        return text

    def problem(self, row: int, column: Optional[str], message: str) -> None:
        self.problems.append(Problem(file=self.file, record=f"row {row}", field=column, message=message))

    def value(self, row: int, column: Column, cell: Cell) -> Any:
        """A cell as JSON-ready data (None for empty), or None with a problem recorded."""
        if cell is None or cell == "":
            if column.required:
                self.problem(row, column.name, "blank, but the column is required")
            return None
        if isinstance(cell, bool) or not isinstance(cell, (str, int)):
            self.problem(row, column.name, f"a {type(cell).__name__} cell where {column.type} text belongs")
            return None
        if column.type == "boolean":
            # "true"/"false" in CSV; 1/0 in SQLite, which has no boolean type.
            flag = _BOOLEANS.get(cell) if isinstance(cell, str) else {1: True, 0: False}.get(cell)
            if flag is None:
                self.problem(row, column.name, f"{cell!r} is not a boolean; use true or false")
            return flag
        if column.type == "integer":
            if isinstance(cell, int):
                if 0 <= cell < 10**18:
                    return cell
            elif _INTEGER.match(cell):
                return int(cell)
            self.problem(row, column.name, f"{str(cell)[:40]!r} is not a whole number >= 0")
            return None
        if not isinstance(cell, str):
            self.problem(row, column.name, f"the number {cell!r} where text belongs")
            return None
        return cell

    def rows(self, cells: Sequence[Sequence[Cell]], first_row: int = 1) -> List[Tuple[int, Dict[str, Any]]]:
        """``(row number, {column: value})`` for every row of exactly the table's width."""
        out = []
        width = len(self.table.columns)
        for n, row in enumerate(cells, first_row):
            if len(row) != width:
                self.problem(n, None, f"{len(row)} cells, but the table has {width} columns ({', '.join(c.name for c in self.table.columns)})")
                continue
            out.append((n, dict(zip(self._names, [parse(n, v) for parse, v in zip(self._parsers, row)]))))
        return out


def _check_derived(table: Table, rows: List[Tuple[int, Dict[str, Any]]], cells: _Cells) -> None:
    """Every derived cell equals what its partial date gives (blank when the date is blank).

    The derived columns are a convenience for other tools; the record is
    built from the partial date alone, so a row whose derived cells say
    something else is refused rather than read two ways.  A partial date
    that does not parse is left to the loader, which names it.
    """
    derived = [c for c in table.columns if c.derived_from]
    if not derived:
        return
    for n, row in rows:
        for c in derived:
            text, got = row.get(c.derived_from), row.get(c.name)
            if text is None:
                expected = None
            else:
                try:
                    expected = derived_cell(c.role, PartialDate.parse(text))
                except InvalidValueError:
                    continue
            if got == expected or (got is None and c.required):  # a blank required cell is already a problem
                continue
            if expected is None:
                cells.problem(n, c.name, f"{shown(got)}, but {c.derived_from} is blank: a column derived from it is blank too")
            else:
                cells.problem(n, c.name, f"{shown(got)} disagrees with {c.derived_from} {text!r}: expected {expected!r} "
                                         f"(it is derived from {c.derived_from}; correct it, or export again)")


def _ordered(groups: Dict[str, List[Tuple[int, int, Any]]], cells: _Cells) -> Dict[str, List[Any]]:
    """Items per owner in position order; positions must run 0, 1, 2 … without gaps or repeats."""
    out: Dict[str, List[Any]] = {}
    for owner, items in groups.items():
        items.sort(key=lambda item: item[0])
        positions = [p for p, _, _ in items]
        if positions != list(range(len(items))):
            cells.problem(items[0][1], "position", f"positions {positions[:10]} of {owner!r} are not 0, 1, 2 …; each list item has one position")
        out[owner] = [v for _, _, v in items]
    return out


def records_from_tables(
    cells: Mapping[str, Optional[Sequence[Sequence[Cell]]]],
    file_of: Callable[[str], str],
    problems: List[Problem],
    first_row: int = 1,
    schema: int = 3,
) -> Tuple[Dict[str, List[RawRecord]], List[RawRecord]]:
    """Raw records and redirects from every table's rows (in :data:`LAYOUT`'s column order).

    Every table must be in ``cells`` (``None`` for one that could not be
    read: its problem is already recorded, and rows pointing into it are not
    called orphans); ``file_of`` names a table's file for messages.  A blank required cell, a cell of the wrong type, a row of the
    wrong width, a link or citation row whose owner is not a record (an
    orphan), and positions that are not 0, 1, 2 … are all problems.
    """
    tables = layout(schema)
    typed: Dict[str, List[Tuple[int, Dict[str, Any]]]] = {}
    readers: Dict[str, _Cells] = {}
    for name, table in tables.items():
        readers[name] = _Cells(table, file_of(name), problems)
        typed[name] = readers[name].rows(cells.get(name) or (), first_row)
    unread = {name for name in tables if cells.get(name) is None}
    for name, table in tables.items():
        _check_derived(table, typed[name], readers[name])
    owners: Dict[str, str] = {}  # record id → collection
    for t in RECORD_TYPES:
        for _, row in typed[t.name]:
            if row["id"] is not None:
                owners.setdefault(row["id"], t.name)

    def grouped(table: str, owner_col: str, position_col: str, value: Callable[[Dict[str, Any]], Any],
                allowed: Callable[[str], bool]) -> Dict[str, List[Any]]:
        groups: Dict[str, List[Tuple[int, int, Any]]] = {}
        for n, row in typed[table]:
            owner, position = row[owner_col], row[position_col]
            if owner is None or position is None:
                continue
            if not allowed(owner):
                if not unread:
                    readers[table].problem(n, owner_col, f"{owner!r} is not a record this table can belong to (an orphan row)")
                continue
            groups.setdefault(owner, []).append((position, n, value(row)))
        return _ordered(groups, readers[table])

    def citation(row: Dict[str, Any]) -> Dict[str, Any]:
        cite = {"source": row["source_id"], "quote": row["quote"]}
        if row["locator"] is not None:
            cite["locator"] = row["locator"]
        return cite

    by_path: Dict[Tuple[str, str], List[Tuple[int, int, Any]]] = {}
    for n, row in typed["citations"]:
        owner, path, position = row["record_id"], row["path"], row["position"]
        if owner is None or path is None or position is None:
            continue
        if owner not in owners:
            if not unread:
                readers["citations"].problem(n, "record_id", f"{owner!r} is not a record (an orphan row)")
            continue
        by_path.setdefault((owner, path), []).append((position, n, citation(row)))
    cites = {key: items for key, items in _ordered({f"{o}\0{p}": v for (o, p), v in by_path.items()}, readers["citations"]).items()}
    used_paths = set()

    def cites_of(owner: str, path: str) -> List[Any]:
        used_paths.add(f"{owner}\0{path}")
        return list(cites.get(f"{owner}\0{path}", []))

    def version(row: Dict[str, Any]) -> Dict[str, Any]:
        return {k: row.get(k) for k in ("valid_from", "valid_from_bound", "valid_to", "summary", "amended_by") if row.get(k) is not None}

    versions = grouped("provision_versions", "provision_id", "position", version, lambda o: owners.get(o) == "provisions")

    def explanation(row: Dict[str, Any]) -> Any:
        if schema < 3:
            return row["code"]  # a bare code, as the JSON of schema 2 has it; the loader upgrades it
        return {"code": row["code"], **({"value": row["value"]} if row["value"] is not None else {})}

    explains = grouped("discrepancies_explains", "discrepancy_id", "position", explanation, lambda o: owners.get(o) == "discrepancies")
    explained_records: Dict[str, List[Tuple[int, int, Any]]] = {}
    for n, row in typed.get("discrepancies_explains_records", ()):
        owner, which, position = row["discrepancy_id"], row["explanation"], row["position"]
        if owner is None or which is None or position is None:
            continue
        if which >= len(explains.get(owner, [])):
            if unread:
                continue
            readers["discrepancies_explains_records"].problem(n, "explanation", f"{owner!r} has no explanation {which} (an orphan row)")
            continue
        explained_records.setdefault(f"{owner}\0{which}", []).append((position, n, row["record_id"]))
    ordered = _ordered(explained_records, readers["discrepancies_explains_records"]) if explained_records else {}
    for key, ids in ordered.items():
        owner, which = key.split("\0")
        explains[owner][int(which)]["records"] = ids
    for items in explains.values():
        for x in items:
            if isinstance(x, dict):
                x.setdefault("records", [])
    for pid, items in versions.items():
        for i, v in enumerate(items):
            v["citations"] = cites_of(pid, f"versions[{i}].citations")
    sides: Dict[str, List[Any]] = {}
    if "discrepancies_sides" in tables:
        sides = grouped("discrepancies_sides", "discrepancy_id", "position", lambda row: {"by": row["by"], "claim": row["claim"]},
                        lambda o: owners.get(o) == "discrepancies")
        side_records: Dict[str, List[Tuple[int, int, Any]]] = {}
        for n, row in typed["discrepancies_sides_records"]:
            owner, which, position = row["discrepancy_id"], row["side"], row["position"]
            if owner is None or which is None or position is None:
                continue
            if which >= len(sides.get(owner, [])):
                if not unread:
                    readers["discrepancies_sides_records"].problem(n, "side", f"{owner!r} has no side {which} (an orphan row)")
                continue
            side_records.setdefault(f"{owner}\0{which}", []).append((position, n, row["record_id"]))
        for key, ids in _ordered(side_records, readers["discrepancies_sides_records"]).items():
            owner, which = key.split("\0")
            sides[owner][int(which)]["records"] = ids
        for did, items in sides.items():
            for i, side in enumerate(items):
                side["citations"] = cites_of(did, f"sides[{i}].citations")

    records: Dict[str, List[RawRecord]] = {}
    for t in RECORD_TYPES:
        lists: Dict[str, Dict[str, List[Any]]] = {}
        for f, kind in _fields(t.cls):
            if kind == "list-str":
                col = _value_col(t.cls, f.name)
                name = _link_name(t, f.name)
                lists[f.name] = grouped(name, _owner_col(t), "position", lambda row, c=col: row[c],  # type: ignore[misc]
                                        lambda o, n=t.name: owners.get(o) == n)  # type: ignore[misc]
        out: List[RawRecord] = []
        for n, row in typed[t.name]:
            rid = row["id"]
            item: Dict[str, Any] = {}
            for f, kind in _fields(t.cls):
                if kind.startswith("scalar:") or kind in _SCALAR_KINDS:
                    # A column a schema-2 table lacks reads as absent.
                    if row.get(f.name) is not None:
                        item[f.name] = row[f.name]
                elif kind == "money":
                    amount, currency, approximate = (row[f"{f.name}_{x}"] for x in ("amount", "currency", "approximate"))
                    if amount is not None or currency is not None or approximate is not None:
                        item[f.name] = {"amount": amount, "currency": currency, "approximate": bool(approximate)}
                elif kind == "list-str":
                    item[f.name] = lists[f.name].get(rid, []) if rid is not None else []
                elif kind == "citations":
                    item[f.name] = cites_of(rid, "citations") if rid is not None else []
                elif kind == "versions":
                    item[f.name] = versions.get(rid, []) if rid is not None else []
                elif kind == "explanations":
                    item[f.name] = explains.get(rid, []) if rid is not None else []
                elif kind == "sides":
                    item[f.name] = sides.get(rid, []) if rid is not None else []
            if row.get("participants") is not None:
                item["participants"] = row["participants"]  # schema 2; the loader upgrades it
            out.append(RawRecord(file=file_of(t.name), label=rid if rid is not None else f"row {n}", data=item))
        records[t.name] = out
    if "value_supports" in tables:
        _apply_supports(typed["value_supports"], readers["value_supports"], records, unread)
    for key, items in cites.items():
        if key not in used_paths and not unread:
            owner, path = key.split("\0")
            readers["citations"].problem(first_row, "path", f"{owner!r} has no list {path!r} for {len(items)} citation row(s) (orphan rows)")
    redirects = [
        RawRecord(file=file_of("redirects"), label=row["old_id"] or f"row {n}",
                  data={k: v for k, v in (("old", row["old_id"]), ("new", row["new_id"]), ("since", row["since"]), ("reason", row["reason"])) if v is not None})
        for n, row in typed["redirects"]
    ]
    return records, redirects


_SCOPE = re.compile(r"versions\[(0|[1-9][0-9]{0,5})\]\Z")
_WITH_PROVENANCE = frozenset(t.name for t in RECORD_TYPES if t.cls in FACTS)


def _apply_supports(rows: List[Tuple[int, Dict[str, Any]]], cells: _Cells, records: Dict[str, List[RawRecord]],
                    unread: Any) -> None:
    """Put each ``value_supports`` row back on its citation, ``inferred`` or ``derived`` list."""
    items = {r.label: r.data for name, recs in records.items() if name in _WITH_PROVENANCE for r in recs}
    groups: Dict[str, List[Tuple[int, int, Any]]] = {}
    for n, row in rows:
        owner, scope, position = row["record_id"], row["scope"], row["position"]
        if owner is None or scope is None or position is None:
            continue
        groups.setdefault(f"{owner}\0{scope}", []).append((position, n, (n, row)))
    for key, entries in _ordered(groups, cells).items():
        owner, scope = key.split("\0")
        first = entries[0][0]
        item = items.get(owner)
        if item is None:
            if not unread:
                cells.problem(first, "record_id", f"{owner!r} is not a record with provenance (an orphan row)")
            continue
        target: Any = item
        if scope != "record":
            m = _SCOPE.match(scope)
            versions = item.get("versions") or []
            if m is None or int(m.group(1)) >= len(versions):
                cells.problem(first, "scope", f"{owner!r} has no scope {scope!r}; use 'record' or 'versions[i]' of one of its versions")
                continue
            target = versions[int(m.group(1))]
        for n, row in entries:
            _apply_support(n, row, target, owner, cells)


def _apply_support(n: int, row: Dict[str, Any], target: Dict[str, Any], owner: str, cells: _Cells) -> None:
    status, field = row["status"], row["field"]
    basis = row["basis"].split(" ") if row["basis"] else []
    if status == "stated":
        k = row["citation"]
        cites = target.get("citations") or []
        if k is None or k >= len(cites) or any(row[c] is not None for c in ("value", "reason", "basis")):
            cells.problem(n, "citation", f"{owner!r}: a stated {field!r} names one of its {len(cites)} citation(s) by number from 0, and nothing else")
            return
        cites[k].setdefault("supports", []).append(field)
    elif status in ("inferred", "derived") and row["citation"] is None:
        if status == "inferred":
            entry = {"field": field, "reason": row["reason"], **({"basis": basis} if basis else {}),
                     **({"value": row["value"]} if row["value"] is not None else {})}
        elif row["value"] is not None:
            cells.problem(n, "value", f"{owner!r}: a derived {field!r} is the whole value; leave value empty")
            return
        else:
            entry = {"field": field, "computation": row["reason"], **({"basis": basis} if basis else {})}
        target.setdefault(status, []).append(entry)
    else:
        cells.problem(n, "status", f"{owner!r}: {status!r} with citation {row['citation']!r}; use stated (with a citation number), "
                                   "or inferred or derived (without one)")
