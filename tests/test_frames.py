"""to_arrow() and to_pandas(): the relational tables, typed for analysis."""

import builtins
import subprocess
import sys
from decimal import Decimal
from typing import Any, Dict, List

import attrs
import pytest

from kz_labour_rights import Dataset, EventKind, Money, Term, UsageError, load
from kz_labour_rights._dataset import RECORD_TYPES
from kz_labour_rights.formats import to_arrow, to_pandas
from kz_labour_rights.formats._frames import arrow_columns, term_days
from kz_labour_rights.formats._tables import LAYOUT, to_tables

KHARKOVA = "person:larisa-kharkova"


def _with_amount(ds: Dataset, penalty_id: str, amount: str) -> Dataset:
    """``ds`` with one penalty's amount written ``amount`` (e.g. with a trailing zero)."""
    records: Dict[str, List[Any]] = {t.name: list(ds.collection(t.name)) for t in RECORD_TYPES}
    records["penalties"] = [attrs.evolve(p, amount=Money(amount=amount, currency="KZT")) if p.id == penalty_id else p for p in records["penalties"]]
    return Dataset(meta=ds.meta, records=records, redirects=ds.redirect_records())


@pytest.fixture(scope="module")
def arrow() -> Dict[str, Any]:
    """The packaged dataset as Arrow tables (once per module)."""
    pytest.importorskip("pyarrow", reason='to_arrow() needs pyarrow: pip install "kz-labour-rights[parquet]"')
    return to_arrow(load())


@pytest.fixture(scope="module")
def frames() -> Dict[str, Any]:
    """The packaged dataset as pandas DataFrames (once per module)."""
    pytest.importorskip("pandas", reason='to_pandas() needs pandas: pip install "kz-labour-rights[pandas]"')
    pytest.importorskip("pyarrow", reason='to_pandas() needs pyarrow: pip install "kz-labour-rights[pandas]"')
    return to_pandas(load())


def test_term_days_only_where_a_term_has_a_fixed_length() -> None:
    """Weeks and days have a length in days; months, years and (working) hours do not."""
    assert [17, 0, 10, None, None, None] == [term_days(Term.parse(t)) for t in ("P2W3D", "P0D", "P10D", "P5M8D", "P2Y", "PT100H")]


def test_arrow_tables_are_the_export_tables_typed(arrow: Dict[str, Any]) -> None:
    """Same tables and rows as every tabular export; the columns are the layout's, with a money amount's text and a term's days beside them."""
    tables = to_tables(load())
    assert set(LAYOUT) == set(arrow)
    assert {n: len(t.rows) for n, t in tables.items()} == {n: t.num_rows for n, t in arrow.items()}
    assert [c.name for c in arrow_columns(LAYOUT["penalties"].columns)] == arrow["penalties"].column_names
    assert {"amount_amount_text", "term_days"} == set(arrow["penalties"].column_names) - {c.name for c in LAYOUT["penalties"].columns}


def test_arrow_types(arrow: Dict[str, Any]) -> None:
    """Partial dates stay text beside date32 bounds; kinds are dictionaries of every value; money is decimal128; keys are not null."""
    import pyarrow as pa

    events, penalties, people = arrow["events"].schema, arrow["penalties"].schema, arrow["people"].schema
    assert (pa.string(), pa.date32(), pa.date32()) == (events.field("date").type, events.field("date_earliest").type, events.field("date_latest").type)
    assert pa.dictionary(pa.int32(), pa.string()) == events.field("kind").type == events.field("date_precision").type
    assert [k.value for k in EventKind] == arrow["events"].column("kind").chunk(0).dictionary.to_pylist()
    assert (pa.decimal128(24, 6), pa.string(), pa.string(), pa.int64()) == tuple(
        penalties.field(n).type for n in ("amount_amount", "amount_amount_text", "term", "term_days"))
    assert (pa.bool_(), False) == (people.field("pseudonym").type, people.field("pseudonym").nullable)
    assert (pa.int64(), False, True) == (arrow["events_people"].schema.field("position").type, events.field("id").nullable, events.field("end").nullable)


def test_arrow_metadata_names_the_dataset_and_describes_columns(arrow: Dict[str, Any]) -> None:
    """Each table carries version, schema, checksum and its description; each field its description."""
    meta = arrow["events"].schema.metadata
    ds = load()
    assert (ds.version, "3", ds.checksum, "events") == tuple(meta[f"kz_labour_rights.{k}".encode()].decode() for k in ("version", "schema_version", "checksum", "table"))
    assert b"What happened" == arrow["events"].schema.field("kind").metadata[b"description"]


def test_arrow_values(arrow: Dict[str, Any]) -> None:
    """The Baltabay fine is 1,595,800 KZT as a decimal; Kharkova's March 2016 surveillance spans the month."""
    import datetime

    penalties = {r["id"]: r for r in arrow["penalties"].to_pylist()}
    fine = penalties["penalty:baltabay-fine-1595800-kzt"]
    assert (Decimal("1595800"), "1595800", "KZT") == (fine["amount_amount"], fine["amount_amount_text"], fine["amount_currency"])
    event = next(r for r in arrow["events"].to_pylist() if r["id"] == "event:kharkova-2016-03-surveillance")
    assert ("2016-03", datetime.date(2016, 3, 1), datetime.date(2016, 3, 31), "month") == (
        event["date"], event["date_earliest"], event["date_latest"], event["date_precision"])


def test_amount_text_keeps_what_the_decimal_cannot() -> None:
    """37.50 and 37.5 are one decimal; the text column keeps the trailing zero the source wrote."""
    pytest.importorskip("pyarrow")
    ds = _with_amount(load(), "penalty:baltabay-fine-1595800-kzt", "37.50")
    row = next(r for r in to_arrow(ds)["penalties"].to_pylist() if r["id"] == "penalty:baltabay-fine-1595800-kzt")
    assert (Decimal("37.5"), "37.50") == (row["amount_amount"], row["amount_amount_text"])


def test_pandas_dtypes(frames: Dict[str, Any]) -> None:
    """Categories hold every kind; bounds are datetime64; amounts exact decimals; nullable integers and booleans stay integer and boolean."""
    import pandas as pd

    events, penalties = frames["events"], frames["penalties"]
    assert isinstance(events["kind"].dtype, pd.CategoricalDtype) and [k.value for k in EventKind] == list(events["kind"].cat.categories)
    assert ["year", "month", "day"] == list(events["date_precision"].cat.categories)
    assert ("datetime64[ms]", "datetime64[ms]") == (str(events["date_earliest"].dtype), str(events["end_latest"].dtype))
    assert pd.api.types.is_string_dtype(events["date"]) and pd.api.types.is_string_dtype(events["summary"])
    assert pd.ArrowDtype.__name__ == type(penalties["amount_amount"].dtype).__name__ and "decimal128(24, 6)" in str(penalties["amount_amount"].dtype)
    assert ("Int64", "Int64", "boolean", "bool", "int64") == (
        str(penalties["term_days"].dtype), str(penalties["replaced_days"].dtype), str(penalties["amount_approximate"].dtype),
        str(frames["people"]["pseudonym"].dtype), str(frames["events_people"]["position"].dtype))


def test_pandas_answers_questions_without_glue(frames: Dict[str, Any]) -> None:
    """Kharkova's events by joining the link table, in date order; the fines summed per currency."""
    import pandas as pd

    events, links = frames["events"], frames["events_people"]
    hers = events.merge(links[links["person_id"] == KHARKOVA], left_on="id", right_on="event_id").sort_values(["date_earliest", "id"])
    assert [e.id for e in load().timeline(KHARKOVA)] == list(hers["id"])
    fines = frames["penalties"][frames["penalties"]["kind"] == "fine"].groupby("amount_currency")["amount_amount"].sum()
    expected: Dict[str, Decimal] = {}
    for p in load().penalties:
        if p.kind.value == "fine" and p.amount is not None:
            expected[p.amount.currency] = expected.get(p.amount.currency, Decimal(0)) + p.amount.amount
    assert expected and expected == {k: Decimal(v) for k, v in fines.items()} and isinstance(fines, pd.Series)
    assert (events["date_earliest"] <= events["date_latest"]).all()


def test_polars_reads_the_arrow_tables(arrow: Dict[str, Any]) -> None:
    """polars takes the Arrow tables as they are: kinds categorical, bounds dates, amounts decimal."""
    pl = pytest.importorskip("polars", reason="polars is not installed (it is not a dependency; Arrow is the common layer)")
    penalties = pl.from_arrow(arrow["penalties"])
    assert (pl.Categorical, pl.Date) == (penalties.schema["kind"], penalties.schema["start_earliest"])
    assert isinstance(penalties.schema["amount_amount"], pl.Decimal)


def test_missing_libraries_are_named_with_their_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pyarrow or pandas the functions raise UsageError naming the extra to install."""
    real = builtins.__import__

    def without(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("pyarrow", "pandas"):
            raise ImportError(f"No module named {name!r}")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without)
    with pytest.raises(UsageError, match=r'to_arrow\(\) needs pyarrow: pip install "kz-labour-rights\[parquet\]"'):
        to_arrow(load())
    with pytest.raises(UsageError, match=r'to_pandas\(\) needs pandas: pip install "kz-labour-rights\[pandas\]"'):
        to_pandas(load())


def test_a_dataset_is_required() -> None:
    """Anything but a Dataset is a TypeError naming the argument."""
    for fn in (to_arrow, to_pandas):
        with pytest.raises(TypeError, match="ds"):
            fn("events")  # type: ignore[arg-type]


def test_the_core_package_never_imports_pyarrow_or_pandas() -> None:
    """Loading, and exporting to CSV, SQLite and a data package, import neither pyarrow nor pandas."""
    code = ("import sys, tempfile, kz_labour_rights as kz; ds = kz.load(); d = tempfile.mkdtemp()\n"
            "for f in ('csv', 'sqlite', 'datapackage'): kz.load(kz.export(ds, f, d + '/' + f))\n"
            "print(sorted(m for m in ('pyarrow', 'pandas', 'numpy') if m in sys.modules))")
    assert "[]" == subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()

