"""Tests for the private cattrs converter: round trips and strictness."""

from decimal import Decimal
from typing import Any

import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights import Citation, Event, Money, PartialDate, Person, Term
from kz_labour_rights._converter import error_messages, make_converter, structure, unstructure

from strategies import RECORDS, VALUES


@given(st.sampled_from(sorted({**RECORDS, **VALUES}, key=lambda t: t.__name__)).flatmap(lambda t: st.tuples(st.just(t), {**RECORDS, **VALUES}[t])))
def test_simple_roundtrip(pair: Any) -> None:
    """Unstructure then structure gives an equal object, for every type."""
    cls, obj = pair
    assert obj == structure(unstructure(obj), cls)


@given(st.sampled_from(list(RECORDS)).flatmap(lambda t: RECORDS[t]))
def test_unstructured_is_json_ready(record: Any) -> None:
    """Unstructured records hold only JSON types (no Decimal, date or enum)."""
    import json

    json.dumps(unstructure(record))


def test_value_encodings() -> None:
    """Dates and terms are strings; amounts are decimal strings."""
    assert "2019-07" == unstructure(PartialDate.parse("2019-07"))
    assert "P5M8D" == unstructure(Term(months=5, days=8))
    assert {"amount": "1595800", "currency": "KZT"} == unstructure(Money(amount=Decimal("1595800"), currency="KZT"))


def test_defaults_are_omitted() -> None:
    """Fields at their defaults are left out, keeping data files short."""
    person = Person(id="person:x", name="X", citations=(Citation(source="source:s", quote="q"),))
    assert {"id", "name", "citations"} == set(unstructure(person))


def _errors(data: Any, cls: type) -> "list[str]":
    with pytest.raises(cattrs.BaseValidationError) as info:
        make_converter().structure(data, cls)
    return error_messages(info.value)


def test_unknown_keys_are_rejected() -> None:
    """A typo in a field name fails instead of vanishing."""
    messages = _errors({"source": "source:s", "quote": "q", "qoute": "x"}, Citation)
    assert any("qoute" in m for m in messages)


@pytest.mark.parametrize(
    "data",
    [
        {"source": 1, "quote": "q"},
        {"source": "source:s", "quote": None},
    ],
)
def test_strings_are_not_coerced(data: Any) -> None:
    """Non-strings are not silently turned into strings."""
    assert _errors(data, Citation)


def test_bools_are_not_coerced() -> None:
    """The string "false" is not taken for True."""
    data = {"id": "person:x", "name": "X", "pseudonym": "false", "citations": [{"source": "source:s", "quote": "q"}]}
    assert any("pseudonym" in m for m in _errors(data, Person))


def test_float_amounts_are_rejected() -> None:
    """A float amount in data is an error, not a rounding surprise."""
    messages = _errors({"amount": 0.1, "currency": "KZT"}, Money)
    assert any("never a float" in m and "$.amount" in m for m in messages)


def test_error_paths_name_the_field() -> None:
    """Errors carry the path of the bad field."""
    data = {"id": "event:x", "kind": "verdict", "date": "2019-13-01", "summary": "s", "citations": [{"source": "s"}]}
    messages = _errors(data, Event)
    assert any("$.date" in m for m in messages)
    assert any("$.citations[0].quote" in m for m in messages)


def _verdict(convert: Any, data: Any, cls: type) -> Any:
    try:
        return convert(data, cls)
    except Exception:
        return "refused"


@given(st.sampled_from(list(RECORDS)).flatmap(lambda t: st.tuples(st.just(t), RECORDS[t])), st.data())
def test_fast_path_agrees_with_the_detailed_one(pair: Any, data: Any) -> None:
    """The loader's fast structuring path builds the same record as the detailed one, and refuses exactly what it refuses
    (then the detailed path writes the messages): checked on records with one field replaced by junk or removed."""
    from strategies import junk

    from kz_labour_rights._converter import structure_fast

    cls, record = pair
    item = unstructure(record)
    if data.draw(st.booleans(), label="spoil"):
        field = data.draw(st.sampled_from(sorted(item)), label="field")
        if data.draw(st.booleans(), label="remove"):
            del item[field]
        else:
            item[field] = data.draw(junk(), label="junk")
    assert _verdict(structure, item, cls) == _verdict(structure_fast, item, cls)


@given(st.text())
def test_text_rule_is_one_with_and_without_the_printable_shortcut(text: str) -> None:
    """A string is refused exactly when it holds a character the one control set names, printable shortcut or not."""
    from kz_labour_rights._escape import CONTROL_CHARACTERS

    refused = _verdict(structure, text, str) == "refused"
    assert refused == (CONTROL_CHARACTERS.search(text) is not None)
