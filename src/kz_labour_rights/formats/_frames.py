"""The relational tables typed for analysis: Arrow tables and pandas DataFrames.

The same tables, columns and rows as every tabular export (see
:mod:`._tables`), each column given the type it holds:

=====================================  ==========================================  =============================
layout column                          Arrow                                       pandas
=====================================  ==========================================  =============================
text, ids, partial dates (``date``)    ``string``                                  ``object``/``str``
``X_earliest``, ``X_latest``           ``date32``                                  ``datetime64[ms]``
kinds, statuses, bounds, precisions    ``dictionary<int32, string>`` (every value)  ``category`` (every value)
``X_amount`` (money)                   ``decimal128(24, 6)``                       ``decimal128(24, 6)[pyarrow]``
(beside it) ``X_amount_text``          ``string``: the amount exactly as written    ``object``/``str``
``term``                               ``string`` (ISO 8601 duration)              ``object``/``str``
(beside it) ``term_days``              ``int64``: its length in days, where fixed   ``Int64``
integers, positions                    ``int64``                                   ``int64`` (``Int64`` if nullable)
booleans                               ``bool``                                    ``bool`` (``boolean`` if nullable)
=====================================  ==========================================  =============================

A decimal type has one scale for the whole column, so ``37.50`` and ``37.5``
read alike as decimals; ``X_amount_text`` keeps the amount as the source
wrote it (the Parquet reader builds records from it).  ``term_days`` is set
only where a term has a fixed length in days (weeks and days): months and
years are not a fixed number of days, and hours are working hours.

pyarrow (and pandas) are optional: imported only here, inside the functions,
and named in the error when missing.
"""

import datetime
from decimal import Decimal
from typing import Any, Callable, Dict, List, Optional, Sequence

from .._dataset import Dataset
from .._errors import UsageError
from .._values import Term
from ._base import export_meta
from ._tables import LAYOUT, Cell, Column, Table, to_tables

__all__ = ["ArrowColumn", "arrow_columns", "import_pandas", "import_pyarrow", "metadata", "term_days", "to_arrow", "to_pandas"]

AMOUNT_TYPE = (24, 6)
"""``decimal128(precision, scale)`` of money amounts: below 10**18, at most six decimals (as :class:`~kz_labour_rights.Money`)."""


def import_pyarrow(what: str) -> Any:
    """The ``pyarrow`` module, or a UsageError saying what needs it and how to install it."""
    try:
        import pyarrow  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise UsageError(f'{what} needs pyarrow: pip install "kz-labour-rights[parquet]" (or [pandas], which includes it)') from None
    return pyarrow


def import_pandas(what: str) -> Any:
    """The ``pandas`` module, or a UsageError saying what needs it and how to install it."""
    try:
        import pandas  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise UsageError(f'{what} needs pandas: pip install "kz-labour-rights[pandas]"') from None
    return pandas


def term_days(term: Term) -> Optional[int]:
    """The length of ``term`` in days where it has one fixed length (weeks and days only), else None.

    Examples:
        >>> term_days(Term.parse("P2W3D")), term_days(Term.parse("P5M8D"))
        (17, None)
    """
    if term.years or term.months or term.hours:
        return None
    return term.weeks * 7 + term.days


class ArrowColumn:
    """One Arrow column of a table: its name, its kind, and the layout column it comes from.

    Attributes:
        name: the Arrow column's name.
        kind: ``string``, ``int``, ``bool``, ``date``, ``decimal`` or ``dictionary``.
        column: the layout column it types.
        extra: ``""`` for the layout column itself; ``"text"`` for a money
            amount's exact text, ``"days"`` for a term's length in days.
    """

    __slots__ = ("name", "kind", "column", "extra")

    def __init__(self, name: str, kind: str, column: Column, extra: str = "") -> None:
        self.name = name
        self.kind = kind
        self.column = column
        self.extra = extra

    @property
    def nullable(self) -> bool:
        """Whether the column may hold nulls (a term's days may, whatever the term)."""
        return self.extra == "days" or not self.column.required

    def arrow_type(self, pa: Any) -> Any:
        """The column's Arrow type."""
        return {
            "string": pa.string, "int": pa.int64, "bool": pa.bool_, "date": pa.date32,
            "decimal": lambda: pa.decimal128(*AMOUNT_TYPE), "dictionary": lambda: pa.dictionary(pa.int32(), pa.string()),
        }[self.kind]()

    @property
    def description(self) -> str:
        """What the column holds, for the field's metadata."""
        if self.extra == "text":
            return f"{self.column.description}: the amount exactly as written"
        if self.extra == "days":
            return f"{self.column.name}'s length in days, where it is fixed (weeks and days only)"
        return self.column.description


def arrow_columns(columns: Sequence[Column]) -> List[ArrowColumn]:
    """The Arrow columns of a table with layout ``columns``, in order."""
    out: List[ArrowColumn] = []
    for c in columns:
        if c.role == "amount":
            out += [ArrowColumn(c.name, "decimal", c), ArrowColumn(f"{c.name}_text", "string", c, "text")]
        elif c.role == "term":
            out += [ArrowColumn(c.name, "string", c), ArrowColumn(f"{c.name}_days", "int", c, "days")]
        elif c.values:
            out.append(ArrowColumn(c.name, "dictionary", c))
        else:
            out.append(ArrowColumn(c.name, {"integer": "int", "boolean": "bool", "date": "date"}.get(c.type, "string"), c))
    return out


def metadata(ds: Dataset, fmt: str) -> Dict[str, str]:
    """The key-value metadata every table carries: the export's version, schema, checksum and format."""
    meta = export_meta(ds, fmt)
    return {"kz_labour_rights.version": meta.version, "kz_labour_rights.schema_version": str(meta.schema_version),
            "kz_labour_rights.checksum": meta.checksum or "", "kz_labour_rights.format": fmt}


def _converter(col: ArrowColumn) -> Callable[[Cell], Any]:
    """From a layout cell to the value Arrow is given."""
    if col.kind == "date":
        return lambda cell: None if cell is None else datetime.date.fromisoformat(str(cell))
    if col.kind == "decimal":
        return lambda cell: None if cell is None else Decimal(str(cell))
    if col.extra == "days":
        return lambda cell: None if cell is None else term_days(Term.parse(str(cell)))
    return lambda cell: cell


def _array(pa: Any, col: ArrowColumn, cells: Sequence[Cell]) -> Any:
    convert = _converter(col)
    values = [convert(cell) for cell in cells]
    if col.kind != "dictionary":
        return pa.array(values, type=col.arrow_type(pa))
    # Every allowed value in the dictionary, in the model's order, so that a
    # category absent from this snapshot is still a category.
    index = {v: i for i, v in enumerate(col.column.values)}
    return pa.DictionaryArray.from_arrays(pa.array([None if v is None else index[v] for v in values], type=pa.int32()),
                                          pa.array(col.column.values, type=pa.string()))


def arrow_table(pa: Any, table: Table, meta: Dict[str, str]) -> Any:
    """One layout table, with rows, as a typed ``pyarrow.Table`` carrying ``meta``."""
    cols = arrow_columns(table.columns)
    positions = {c.name: i for i, c in enumerate(table.columns)}
    by_column = list(zip(*table.rows)) if table.rows else [() for _ in table.columns]
    fields, arrays = [], []
    for col in cols:
        fields.append(pa.field(col.name, col.arrow_type(pa), nullable=col.nullable,
                               metadata={"description": col.description} if col.description else None))
        arrays.append(_array(pa, col, by_column[positions[col.column.name]]))
    schema = pa.schema(fields, metadata={**meta, "kz_labour_rights.table": table.name, "description": table.description})
    return pa.Table.from_arrays(arrays, schema=schema)


def to_arrow(ds: Dataset) -> Dict[str, Any]:
    """``ds`` as typed Arrow tables, by table name, in the layout of the tabular exports.

    Each table's schema metadata carries the dataset's version, schema,
    checksum and the table's description; each field's, its description.
    Polars takes them as they are (``polars.from_arrow``).

    Raises:
        UsageError: pyarrow is not installed (``pip install "kz-labour-rights[parquet]"``).
    """
    if not isinstance(ds, Dataset):
        raise TypeError(f"to_arrow() takes a Dataset as ds, not {type(ds).__name__}")
    pa = import_pyarrow("to_arrow()")
    meta = metadata(ds, "arrow")
    return {name: arrow_table(pa, table, meta) for name, table in to_tables(ds).items()}


def _series(pd: Any, pa: Any, col: ArrowColumn, values: Any) -> Any:
    if col.kind == "decimal":
        return values.to_pandas(types_mapper=pd.ArrowDtype)
    if col.kind == "date":
        return values.to_pandas(date_as_object=False).astype("datetime64[ms]")
    if col.kind in ("int", "bool") and col.nullable:
        return values.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}.get)
    return values.to_pandas()


def to_pandas(ds: Dataset) -> Dict[str, Any]:
    """``ds`` as typed pandas DataFrames, by table name (see the module docstring for the types).

    Examples:
        >>> frames = to_pandas(load())                                   # doctest: +SKIP
        >>> frames["events"].groupby("kind", observed=True).size()       # doctest: +SKIP

    Raises:
        UsageError: pandas or pyarrow is not installed (``pip install "kz-labour-rights[pandas]"``).
    """
    if not isinstance(ds, Dataset):
        raise TypeError(f"to_pandas() takes a Dataset as ds, not {type(ds).__name__}")
    pd = import_pandas("to_pandas()")
    pa = import_pyarrow("to_pandas()")
    frames: Dict[str, Any] = {}
    for name, table in to_arrow(ds).items():
        cols = arrow_columns(LAYOUT[name].columns)
        data = {col.name: _series(pd, pa, col, table.column(col.name)) for col in cols}
        frame = pd.DataFrame(data, columns=[col.name for col in cols])
        frame.attrs.update({k.decode() if isinstance(k, bytes) else k: v.decode() if isinstance(v, bytes) else v
                            for k, v in (table.schema.metadata or {}).items()})
        frames[name] = frame
    return frames

