"""Tests for the value types: PartialDate, Term and Money."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given

from kz_labour_rights import InvalidValueError, Money, PartialDate, Term

from strategies import money, partial_dates, terms


@given(partial_dates())
def test_partial_date_text_round_trip(d: PartialDate) -> None:
    """Parsing a partial date's text gives the same partial date."""
    assert d == PartialDate.parse(str(d))


@given(partial_dates())
def test_partial_date_interval_is_ordered(d: PartialDate) -> None:
    """A partial date's earliest day is not after its latest day."""
    assert d.earliest() <= d.latest()
    assert d.contains(d.earliest()) and d.contains(d.latest())


@given(partial_dates(), partial_dates())
def test_certainly_before_is_antisymmetric(a: PartialDate, b: PartialDate) -> None:
    """Two partial dates are never each certainly before the other."""
    assert not (a.certainly_before(b) and b.certainly_before(a))


@given(partial_dates())
def test_certainly_before_is_irreflexive(a: PartialDate) -> None:
    """Nothing is certainly before itself."""
    assert not a.certainly_before(a)


@given(partial_dates(), partial_dates(), partial_dates())
def test_certainly_before_is_transitive(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    """a < b and b < c (certainly) imply a < c (certainly)."""
    if a.certainly_before(b) and b.certainly_before(c):
        assert a.certainly_before(c)


@given(partial_dates(), partial_dates())
def test_certain_implies_possible(a: PartialDate, b: PartialDate) -> None:
    """What is certainly before is possibly before, and not possibly after."""
    if a.certainly_before(b):
        assert a.possibly_before(b)
        assert not b.possibly_before(a)


@given(partial_dates(), partial_dates())
def test_overlap_excludes_certain_order(a: PartialDate, b: PartialDate) -> None:
    """Overlapping intervals are in no certain order, and vice versa."""
    assert a.overlaps(b) == (not a.certainly_before(b) and not b.certainly_before(a))


@given(partial_dates(), partial_dates(), partial_dates())
def test_display_order_is_a_total_order(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    """``<`` is total, antisymmetric and transitive, as sorting needs."""
    assert (a < b) + (b < a) + (a == b) == 1
    if a < b and b < c:
        assert a < c
    if a.certainly_before(b):
        assert a < b


def test_partial_date_precision_and_bounds() -> None:
    """"July 2017" spans 1–31 July; a year spans the year; leap February ends on the 29th."""
    july = PartialDate.parse("2017-07")
    assert ("month", datetime.date(2017, 7, 1), datetime.date(2017, 7, 31)) == (july.precision, july.earliest(), july.latest())
    assert datetime.date(2020, 2, 29) == PartialDate.parse("2020-02").latest()
    assert datetime.date(2019, 12, 31) == PartialDate.parse("2019").latest()
    assert datetime.date(2019, 7, 17) == PartialDate.parse("2019-07-17").to_date()


@pytest.mark.parametrize("text", ["", "17.07.2019", "2019-13", "2019-02-30", "2019-7-1", "99", "2019-07-17T00", "0000"])
def test_partial_date_rejects_bad_text(text: str) -> None:
    """Malformed or impossible dates raise InvalidValueError, which is a ValueError."""
    with pytest.raises(InvalidValueError) as info:
        PartialDate.parse(text)
    assert isinstance(info.value, ValueError)
    assert repr(text) in str(info.value)


def test_partial_date_without_day_has_no_exact_date() -> None:
    """to_date() refuses a month-precision date rather than guessing a day."""
    with pytest.raises(InvalidValueError):
        PartialDate.parse("2017-07").to_date()


def test_day_requires_month() -> None:
    """A day without a month is rejected."""
    with pytest.raises(InvalidValueError):
        PartialDate(year=2019, day=3)


@given(terms)
def test_term_text_round_trip(t: Term) -> None:
    """A term's ISO 8601 text parses back to the same term, units intact."""
    assert t == Term.parse(str(t))


@pytest.mark.parametrize(
    "text, expected",
    [("P7Y", Term(years=7)), ("P5M8D", Term(months=5, days=8)), ("PT100H", Term(hours=100)), ("P0D", Term())],
)
def test_term_examples(text: str, expected: Term) -> None:
    """Terms from the sources parse as given, never converted to days."""
    assert expected == Term.parse(text)


@pytest.mark.parametrize("text", ["", "P", "PT", "7Y", "P1.5Y", "P-1D", "P1DT", "p1y"])
def test_term_rejects_bad_text(text: str) -> None:
    """Anything but integer ISO 8601 Y/M/W/D/H parts is rejected."""
    with pytest.raises(InvalidValueError):
        Term.parse(text)


def test_term_describe() -> None:
    """describe() spells a term out in words."""
    assert "5 months 8 days" == Term(months=5, days=8).describe()
    assert "1 year" == Term(years=1).describe()


@given(money)
def test_money_keeps_decimal_amount(m: Money) -> None:
    """Money holds a Decimal, never a float."""
    assert isinstance(m.amount, Decimal)


def test_money_refuses_floats_and_bad_currency() -> None:
    """Floats and non-ISO currency codes are rejected with a clear error."""
    with pytest.raises(InvalidValueError, match="never a float"):
        Money(amount=0.1, currency="KZT")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="ISO 4217"):
        Money(amount=1, currency="tenge")
    with pytest.raises(InvalidValueError, match="decimal number"):
        Money(amount="NaN", currency="KZT")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="finite"):
        Money(amount=Decimal("Infinity"), currency="KZT")


@pytest.mark.parametrize("amount", ["-1", -5, Decimal("-0.01"), "1e6", " 12", "12 ", "\u0661\u0662", "1.", ".5", "1,000", 10**18, "1.0000001"])
def test_money_refuses_negative_and_non_plain_amounts(amount: object) -> None:
    """Negative amounts, exponents, padding, non-ASCII digits and absurd sizes are refused."""
    with pytest.raises(InvalidValueError):
        Money(amount=amount, currency="KZT")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["2017\n", "2017-07\n", "\u0662\u0660\u0661\u0667", "2017-7", " 2017", "+2017"])
def test_dates_are_exact_ascii_patterns(text: str) -> None:
    """A trailing newline, non-ASCII digits or padding make no date."""
    with pytest.raises(InvalidValueError):
        PartialDate.parse(text)


@pytest.mark.parametrize("text", ["P7Y\n", "P\u0667Y", "P-1Y", "P1.5Y", "P1234567890Y"])
def test_terms_are_exact_ascii_patterns(text: str) -> None:
    """A trailing newline, non-ASCII digits, signs, fractions and absurd sizes make no term."""
    with pytest.raises(InvalidValueError):
        Term.parse(text)


@pytest.mark.parametrize("field", ["years", "months", "weeks", "days", "hours"])
@pytest.mark.parametrize("value", [True, -1, 1.5, "1"])
def test_term_parts_are_whole_non_negative_numbers(field: str, value: object) -> None:
    """Term(years=True) no longer prints PTrueY: bools, negatives, fractions and strings are refused."""
    with pytest.raises(InvalidValueError):
        Term(**{field: value})  # type: ignore[arg-type]


def test_money_str() -> None:
    """Money prints with thousands separators and a ~ when approximate."""
    assert "1,595,800 KZT" == str(Money(amount=1595800, currency="KZT"))
    assert "~5,000,000 KZT" == str(Money(amount=5000000, currency="KZT", approximate=True))
