"""Per-value provenance: supports, inferences and derivations, the loader's rule and the KZL040 check."""

import json
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Tuple

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights import FACTS, DataError, Event, Penalty, ValueSupport, check, load, value_supports, write_snapshot
from kz_labour_rights._cli import main
from kz_labour_rights._converter import structure
from kz_labour_rights._provenance import excerpt, find_value, unstated_values
from kz_labour_rights._surface import date_forms
from kz_labour_rights._values import Money, PartialDate, Term

from strategies import RECORDS, dataset, partial_dates

CITE = {"source": "source:s", "quote": "On 17 July 2019 the court fined him 1,595,800 tenge."}
SOURCES = [{"id": "source:s", "title": "t", "publisher": "p", "published": "2021", "file": "f", "sha256": "0" * 64}]


def _event(**changes: Any) -> Dict[str, Any]:
    event = {"id": "event:e", "kind": "verdict", "date": "2019-07-17", "summary": "s",
             "citations": [dict(CITE, supports=["kind", "date"])]}
    return {**event, **changes}


def _snapshot(tmp_path: Path, records: Dict[str, List[Dict[str, Any]]]) -> Path:
    out = tmp_path / "snap"
    write_snapshot(dataset({"sources": SOURCES, **records}, stamped=False), out)
    return out


def _edit(path: Path, name: str, fn: Callable[[Any], Any]) -> None:
    (path / name).write_text(json.dumps(fn(json.loads((path / name).read_text(encoding="utf-8")))), encoding="utf-8")


def test_value_supports_give_each_status() -> None:
    """A stated, an inferred item and a derived value each come back with their status and words."""
    ds = dataset({"sources": SOURCES, "people": [{"id": "person:p", "name": "P", "inferred": [{"field": "name", "reason": "r"}], "citations": [CITE]}],
                  "events": [_event(people=["person:p"], end="2019-07-18",
                                    inferred=[{"field": "people", "reason": "named in the entry's title", "value": "person:p"}],
                                    derived=[{"field": "end", "computation": "date + 1 day"}])]}, stamped=False)
    expected = (
        ValueSupport(field="kind", value="verdict", status="stated", citations=(0,)),
        ValueSupport(field="date", value="2019-07-17", status="stated", citations=(0,)),
        ValueSupport(field="end", value="2019-07-18", status="derived", reason="date + 1 day"),
        ValueSupport(field="people", value="person:p", status="inferred", reason="named in the entry's title"),
    )
    assert expected == value_supports(ds.events["event:e"])


def test_older_schemas_read_as_unspecified() -> None:
    """A record of a schema without provenance reports every value as unspecified."""
    event = structure({k: v for k, v in _event().items()}, Event)
    assert {"unspecified"} == {v.status for v in value_supports(event, schema=2)}


def test_loader_requires_provenance_for_every_fact(tmp_path: Path) -> None:
    """A fact-bearing value no citation supports and nothing infers is a DataError naming record and field."""
    out = _snapshot(tmp_path, {"events": [_event(end="2019-07-18")]})
    main(["fmt", str(out)])
    with pytest.raises(DataError) as info:
        load(out)
    assert [("event:e", "end")] == [(p.record, p.field) for p in info.value.problems]
    assert "no provenance" in str(info.value)


@pytest.mark.parametrize("change, field", [
    ({"citations": [dict(CITE, supports=["kind", "date", "summary"])]}, "citations[0].supports"),
    ({"citations": [dict(CITE, supports=["kind", "date", "end"])]}, "citations[0].supports"),
    ({"inferred": [{"field": "people", "reason": "r", "value": "person:x"}]}, "inferred[0].field"),
    ({"people": ["person:p"], "inferred": [{"field": "people", "reason": "r", "value": "person:q"}]}, "inferred[0].value"),
    ({"derived": [{"field": "date", "computation": "c", "basis": ["penalty:nowhere"]}]}, "derived[0].basis"),
])
def test_provenance_that_names_nothing_is_refused(tmp_path: Path, change: Dict[str, Any], field: str) -> None:
    """Supports of a non-fact or empty field, an inferred item not in the list, a dangling basis: each a problem where it is."""
    people = [{"id": "person:p", "name": "P", "inferred": [{"field": "name", "reason": "r"}], "citations": [CITE]},
              {"id": "person:q", "name": "Q", "inferred": [{"field": "name", "reason": "r"}], "citations": [CITE]}]
    out = _snapshot(tmp_path, {"people": people, "events": [_event(**change)]})
    with pytest.raises(DataError) as info:
        main(["fmt", str(out)]) and load(out)
        load(out)
    assert ("event:e", field) in [(p.record, p.field) for p in info.value.problems]


def test_stated_value_must_be_in_its_words() -> None:
    """KZL040 flags a stated date its quote does not hold; an inferred one is not held to the words."""
    wrong = dataset({"sources": SOURCES, "events": [_event(date="2019-07-18")]}, stamped=False)
    finding = [f for f in check(wrong).findings if f.code == "KZL040"]
    assert [("event:e",)] == [f.records for f in finding]
    assert "date 2019-07-18" == finding[0].value and "17 July 2019" in finding[0].message
    ok = dataset({"sources": SOURCES, "events": [_event()]}, stamped=False)
    assert [] == [f for f in check(ok).findings if f.code == "KZL040"]
    inferred = dataset({"sources": SOURCES, "events": [_event(date="2019-07-18", inferred=[{"field": "date", "reason": "the day after"}])]}, stamped=False)
    assert [] == [f for f in check(inferred).findings if f.code == "KZL040"]


def test_names_are_found_by_any_spelling() -> None:
    """A referenced person is named by an alias or surname; an organisation by an alias; not by a stranger's name."""
    ds = dataset({
        "sources": SOURCES,
        "people": [{"id": "person:p", "name": "Erlan Baltabay", "aliases": ["Baltabai"], "inferred": [{"field": "name", "reason": "r"}, {"field": "aliases", "reason": "r"}], "citations": [CITE]}],
        "organisations": [{"id": "org:o", "name": "Ministry of Justice", "aliases": ["Justice Ministry"], "kind": "state-body",
                           "inferred": [{"field": f, "reason": "r"} for f in ("name", "aliases", "kind")], "citations": [CITE]}],
    }, stamped=False)
    event = structure(_event(people=["person:p"], organisations=["org:o"]), Event)
    cite = attrs.evolve(event.citations[0], quote="The Justice Ministry refused; Mr Baltabay appealed.")
    assert (True, True) == (find_value(event, "people", "person:p", cite, ds), find_value(event, "organisations", "org:o", cite, ds))
    other = attrs.evolve(cite, quote="The court refused; Mr Kushakbaev appealed.")
    assert (False, False) == (find_value(event, "people", "person:p", other, ds), find_value(event, "organisations", "org:o", other, ds))
    assert None is find_value(event, "kind", event.kind, cite, ds)


@given(partial_dates(), st.data())
def test_a_date_in_any_source_form_is_found(date: PartialDate, data: st.DataObject) -> None:
    """However the sources write a date, a quote holding it supports it (and an excerpt shows it)."""
    form = data.draw(st.sampled_from(date_forms(date)))
    event = structure(_event(date=str(date)), Event)
    cite = attrs.evolve(event.citations[0], quote=f"It was {form}, they said.")
    assert True is find_value(event, "date", date, cite)
    assert form in (excerpt("date", date, cite) or "")


def _stated(ds: Any) -> Iterator[Tuple[str, str, Any]]:
    """(record id, field, value) of stated, checked dates, amounts and terms, one per kind of value."""
    for collection in ("events", "penalties"):
        for r in ds.collection(collection):
            for v in value_supports(r):
                if v.status == "stated" and v.field in ("date", "amount", "term"):
                    yield r.id, v.field, getattr(r, v.field)


def _mutated(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return PartialDate.parse(str(value)[:-2] + ("11" if str(value)[-2:] != "11" else "12")) if value.precision == "day" else None
    if isinstance(value, Money):
        return Money(amount=value.amount + 7, currency=value.currency, approximate=value.approximate)
    if isinstance(value, Term):
        return attrs.evolve(value, days=value.days + 3)
    return None


def _mutations() -> List[Tuple[str, str, Any, Any]]:
    """Up to three mutations per kind of value (date, amount, term), each to a value no supporting quote holds."""
    ds = load()
    picked: Dict[str, int] = {}
    out = []
    for rid, field, value in _stated(ds):
        new = _mutated(value)
        record = ds.get(rid)
        if new is None or picked.get(field, 0) >= 3:
            continue
        if any(find_value(record, field, new, c, ds) for c in record.citations):
            continue
        picked[field] = picked.get(field, 0) + 1
        out.append((rid, field, value, new))
    return out


@pytest.mark.parametrize("rid, field, old, new", _mutations())
def test_changing_one_stated_value_is_caught_on_that_record(tmp_path: Path, rid: str, field: str, old: Any, new: Any) -> None:
    """Change one stated value in an exported snapshot and re-stamp it: check errs on exactly that record."""
    out = tmp_path / "snap"
    write_snapshot(load(), out)
    file = "events.json" if rid.startswith("event:") else "penalties.json"

    def change(items: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        for item in items:
            if item["id"] == rid:
                item[field] = {"amount": str(new.amount), "currency": new.currency} if isinstance(new, Money) else str(new)
        return items

    _edit(out, file, change)
    assert 0 == main(["fmt", str(out)])
    before = {(f.records, f.value) for f in check(load()).findings if f.code == "KZL040"}
    after = {(f.records, f.value) for f in check(load(out)).findings if f.code == "KZL040"}
    assert {((rid,), f"{field} {new}")} == after - before


def test_every_stated_value_of_the_packaged_data_is_in_its_words() -> None:
    """The packaged data has no stated value its supporting words do not hold."""
    assert [] == unstated_values(load())


def test_every_fact_of_every_kind_is_named_in_facts() -> None:
    """FACTS names only real fields, so the loader's rule and the exports cover what they say."""
    for cls, fields in FACTS.items():
        assert set(fields) <= {f.name for f in attrs.fields(cls)}


@given(st.data())
def test_generated_provenance_is_complete(data: st.DataObject) -> None:
    """The strategies' records state, infer or derive every fact they hold (so round trips test real provenance)."""
    record = data.draw(RECORDS[Penalty])
    statuses = {v.field: v.status for v in value_supports(record)}
    assert set(statuses.values()) <= {"stated", "inferred", "derived"}
