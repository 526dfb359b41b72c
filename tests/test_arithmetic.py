"""Sentence arithmetic: golden figures from the sources, and properties."""

import datetime
import inspect
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Dict, List

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights import InvalidValueError, Money, Term, arithmetic
from kz_labour_rights.arithmetic import (
    MCI_TABLE,
    MCI_TABLE_END,
    convert,
    add_months,
    days_between,
    days_to_months_days,
    fine_to_imprisonment,
    imprisonment_to_fine,
    labour_hours,
    last_day,
    mci,
    relative_difference,
    served_days,
    term_days,
    term_end,
    term_start,
    thirty_day_days,
    unserved_days,
)

D = datetime.date
dates = st.dates(min_value=D(2011, 1, 1), max_value=D(2030, 12, 31))
mci_dates = st.dates(min_value=MCI_TABLE[0].valid_from, max_value=MCI_TABLE_END)
calendar_terms = st.builds(
    Term,
    years=st.integers(0, 10), months=st.integers(0, 24), weeks=st.integers(0, 10), days=st.integers(0, 400),
)


# ------------------------------------------------------------- golden figures


def test_baltabay_fine_from_unserved_days() -> None:
    """2,528 unserved days on 9 August 2019 at one MCI per four days give 1,595,800 tenge (ILO 2021)."""
    conv = imprisonment_to_fine(2528, D(2019, 8, 9))
    assert (Money(amount=1595800, currency="KZT"), Decimal(632), Decimal(2525)) == (conv.amount, conv.mci_units, conv.mci)


def test_baltabay_replacement_term_from_unpaid_fine() -> None:
    """1,595,800 tenge on 16 October 2019 at one day per four MCI give 158 days: five months and eight days."""
    conv = fine_to_imprisonment(Money(amount=1595800, currency="KZT"), D(2019, 10, 16))
    assert (158, Decimal(0), (5, 8, "30-day")) == (conv.days, conv.remainder, (conv.as_months.months, conv.as_months.days, conv.as_months.convention))
    assert "P5M8D" == str(conv.as_months.term())


def test_baltabay_replacement_term_on_the_calendar() -> None:
    """158 days from 16 October 2019 end 22 March 2020; five months and eight days on the calendar end 24 March."""
    start = D(2019, 10, 16)
    assert (D(2020, 3, 22), D(2020, 3, 24)) == (start + datetime.timedelta(days=158), term_end(start, Term(months=5, days=8)))
    assert "5 months and 6 days (calendar months from 2019-10-16)" == str(days_to_months_days(158, start=start))


def test_kharkova_end_dates() -> None:
    """Four years end 9 November 2021 from probation registration, 5 October 2021 from entry into force.

    The entry-into-force date is the one the ITUC's two end dates imply: its
    ban of five years 'expiring on 5 October 2022' counts from 5 October 2017.
    """
    implied_entry_into_force = add_months(D(2022, 10, 5), -60)
    assert D(2017, 10, 5) == implied_entry_into_force
    assert D(2021, 11, 9) == term_end(D(2017, 11, 9), Term(years=4))
    assert D(2021, 10, 5) == term_end(implied_entry_into_force, Term(years=4))


def test_kharkova_hours() -> None:
    """100 hours a year over a four-year restriction of liberty are 400 hours."""
    assert Decimal(400) == labour_hours(Term(years=4), 100)


def test_mci_table_mid_year_changes() -> None:
    """2020 changed on 1 April for everything; 2022 on 1 April for benefits only."""
    assert [Decimal(2651), Decimal(2778)] == [mci(D(2020, 3, 31)), mci(D(2020, 4, 1))]
    assert [Decimal(3063), Decimal(3063), Decimal(3180)] == [mci(D(2022, 3, 31)), mci(D(2022, 4, 1)), mci(D(2022, 4, 1), "benefits")]


def test_mci_table_matches_the_reference_file(sources_dir: Path) -> None:
    """Every MCI figure is written in ../shared/reference/legal-constants.md, in its year's row."""
    text = (sources_dir / ".." / "reference" / "legal-constants.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| 20")}
    missing = [r for r in MCI_TABLE if f"{int(r.amount):,}" not in rows.get(str(r.valid_from.year), "")]
    assert [] == missing


def test_errors_name_the_value() -> None:
    """Hours are not calendar time; dates before the table and other currencies are refused with the value."""
    with pytest.raises(InvalidValueError, match="PT100H"):
        term_end(D(2020, 1, 1), Term(hours=100))
    with pytest.raises(InvalidValueError, match="2010-12-31"):
        mci(D(2010, 12, 31))
    with pytest.raises(InvalidValueError, match="EUR"):
        fine_to_imprisonment(Money(amount=1, currency="EUR"), D(2020, 1, 1))


def test_month_end_and_leap_day() -> None:
    """31 January + 1 month clips to February's end; 29 February + 1 year clips to 28 February."""
    assert [D(2019, 2, 28), D(2020, 2, 29), D(2021, 2, 28), D(2024, 2, 29)] == [
        add_months(D(2019, 1, 31), 1), add_months(D(2020, 1, 31), 1),
        term_end(D(2020, 2, 29), Term(years=1)), term_end(D(2020, 2, 29), Term(years=4)),
    ]


# ------------------------------------------------------------- properties


@given(dates, dates, calendar_terms)
def test_term_end_is_monotonic_in_the_start(a: datetime.date, b: datetime.date, term: Term) -> None:
    """A later start never gives an earlier end."""
    lo, hi = sorted((a, b))
    assert term_end(lo, term) <= term_end(hi, term)


@given(dates, calendar_terms, calendar_terms)
def test_term_end_is_monotonic_in_the_term(start: datetime.date, t1: Term, t2: Term) -> None:
    """A term at least as long in every unit never ends earlier."""
    longer = Term(years=max(t1.years, t2.years), months=max(t1.months, t2.months), weeks=max(t1.weeks, t2.weeks), days=max(t1.days, t2.days))
    assert term_end(start, t1) <= term_end(start, longer)


@given(dates, st.integers(0, 5000))
def test_days_there_and_back(start: datetime.date, n: int) -> None:
    """Adding a term of n days and measuring it back gives n; the last day is the day before the end."""
    term = Term(days=n)
    assert n == term_days(start, term) == days_between(start, term_end(start, term))
    assert days_between(last_day(start, term), term_end(start, term)) == 1


@given(dates, st.integers(0, 120))
def test_whole_months_measure_back(start: datetime.date, months: int) -> None:
    """Whole months from a start read back as those months under the calendar convention, when the day exists."""
    if start.day <= 28:
        md = days_to_months_days(term_days(start, Term(months=months)), start=start)
        assert (months, 0) == (md.months, md.days)


@given(dates, calendar_terms, dates)
def test_served_and_unserved_add_up(start: datetime.date, term: Term, on: datetime.date) -> None:
    """Served plus unserved days are the whole term, each between 0 and the term."""
    total = term_days(start, term)
    served = served_days(start, on, term)
    assert served + unserved_days(start, on, term) == total and 0 <= served <= total


@given(st.integers(0, 20000), mci_dates)
def test_fine_and_term_agree_with_the_rates(days: int, on: datetime.date) -> None:
    """Days → fine at 1 MCI per 4 days → days at 1 day per 4 MCI loses at most a quarter: days // 4 back, rest as remainder."""
    fine = imprisonment_to_fine(days, on)
    assert fine.amount.amount == Decimal(days) * mci(on) / 4
    back = fine_to_imprisonment(fine.amount, on)
    assert back.days == days // 16  # 4 days make 1 MCI; 4 MCI make 1 day: 16 days become 1
    assert 0 <= back.remainder < 4 * mci(on)


@given(st.integers(0, 10**9), mci_dates)
def test_fine_to_term_rounds_down(amount: int, on: datetime.date) -> None:
    """The term is whole days rounded down; what is left is less than a day's worth."""
    conv = fine_to_imprisonment(Money(amount=amount, currency="KZT"), on)
    per_day = 4 * mci(on)
    assert conv.days * per_day + conv.remainder == amount and 0 <= conv.remainder < per_day


@given(st.integers(0, 5000))
def test_thirty_day_months(days: int) -> None:
    """Under 30-day months, months × 30 + days gives back the number of days."""
    md = days_to_months_days(days)
    assert days == md.months * 30 + md.days and 0 <= md.days < 30


def test_module_is_documented() -> None:
    """Every public function of the arithmetic module has a docstring."""
    assert [] == [n for n in arithmetic.__all__ if not getattr(arithmetic, n).__doc__]


# ------------------------------------------------------------- input checks

KZT = Money(amount=1595800, currency="KZT")
# One valid call of every public function, by keyword: the tests below swap
# one argument at a time for a bad value.
GOOD: Dict[str, Dict[str, Any]] = {
    "mci": {"on": D(2020, 1, 1), "purpose": "fines"},
    "add_months": {"day": D(2020, 1, 31), "months": 1},
    "term_end": {"start": D(2020, 1, 1), "term": Term(years=1)},
    "last_day": {"start": D(2020, 1, 1), "term": Term(years=1)},
    "term_start": {"end": D(2021, 10, 5), "term": Term(years=4)},
    "thirty_day_days": {"term": Term(months=5, days=8)},
    "days_between": {"start": D(2020, 1, 1), "end": D(2020, 3, 1)},
    "term_days": {"start": D(2020, 1, 1), "term": Term(years=1)},
    "served_days": {"start": D(2020, 1, 1), "on": D(2020, 6, 1), "term": Term(years=1)},
    "unserved_days": {"start": D(2020, 1, 1), "on": D(2020, 6, 1), "term": Term(years=1)},
    "days_to_months_days": {"days": 158, "start": D(2019, 10, 16)},
    "imprisonment_to_fine": {"days": 2528, "on": D(2019, 8, 9), "days_per_mci": 4},
    "fine_to_imprisonment": {"amount": KZT, "on": D(2019, 10, 16), "mci_per_day": 4},
    "labour_hours": {"term": Term(years=4), "hours_per_year": 100},
    "convert": {"amount": Money(amount=75000, currency="EUR"), "currency": "USD", "rate": Decimal("1.0667")},
    "relative_difference": {"a": Money(amount=1, currency="USD"), "b": Money(amount=2, currency="USD")},
}
PUBLIC_FUNCTIONS = sorted(n for n in arithmetic.__all__ if inspect.isfunction(getattr(arithmetic, n)))


def unchecked_money(**fields: Any) -> Money:
    """Money built around its validators and converter (Money refuses a negative amount itself)."""
    money = Money(amount=0, currency=fields["currency"])
    object.__setattr__(money, "amount", fields["amount"])
    return money


def unchecked_term(**units: Any) -> Term:
    """A Term built around its validators, as a caller bypassing them could."""
    with attrs.validators.disabled():
        return Term(**units)


def wrong_types(value: Any) -> List[Any]:
    """Values of the wrong type for an argument whose valid value is ``value``."""
    if isinstance(value, datetime.date):
        return [datetime.datetime(2020, 1, 1), "2020-01-01", 737425, None]
    if isinstance(value, Term):
        return ["P1Y", 365, None, unchecked_term(years=True), unchecked_term(days=1.5)]
    if isinstance(value, Money):
        return [1595800, Decimal(1), "1595800 KZT", None]
    if isinstance(value, str):
        return [True, 1, None]
    return [True, False, 1.0, 0.5, "4", None]


def call(name: str, **changes: Any) -> Any:
    fn: Callable[..., Any] = getattr(arithmetic, name)
    return fn(**{**GOOD[name], **changes})


def test_every_public_function_has_a_valid_call() -> None:
    """The input-check tables cover every public function (a new one must be added to GOOD)."""
    assert PUBLIC_FUNCTIONS == sorted(GOOD)
    for name in GOOD:
        call(name)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_wrong_types_raise_type_error_naming_the_argument(name: str) -> None:
    """Bool, float, string and None where a number, date, term or money is meant raise TypeError naming the argument."""
    optional = {p.name for p in inspect.signature(getattr(arithmetic, name)).parameters.values() if p.default is None}
    for arg, value in GOOD[name].items():
        for bad in wrong_types(value):
            if bad is None and arg in optional:
                continue
            with pytest.raises(TypeError, match=rf"\b{arg}\b"):
                call(name, **{arg: bad})


@pytest.mark.parametrize("name", sorted(GOOD))
def test_bad_values_raise_invalid_value_error(name: str) -> None:
    """Negative, fractional and non-finite numbers, negative money and negative terms are refused with the value."""
    bad_numbers = {
        "months": [Decimal("0.5"), Decimal("NaN")],  # add_months moves back for negative months
        "days": [-1, Decimal("-1"), Decimal("0.5"), Decimal("Infinity")],
        "days_per_mci": [0, -4, Decimal("NaN")],
        "mci_per_day": [0, -4, Decimal("-Infinity")],
        "hours_per_year": [-1, Decimal("NaN")],
        "rate": [0, Decimal("-1.07"), Decimal("NaN")],
    }
    bad_others = {
        Term: [unchecked_term(days=-1), unchecked_term(years=Decimal("0.5"))],
        Money: [unchecked_money(amount=Decimal(-1), currency="KZT")],
    }
    checked = 0
    for arg, value in GOOD[name].items():
        bad = bad_numbers.get(arg, []) + bad_others.get(type(value), [])
        for b in bad:
            with pytest.raises(InvalidValueError):
                call(name, **{arg: b})
            checked += 1
    assert checked or name in ("mci", "days_between")  # only dates and a purpose there: other tests


def test_whole_decimals_count_as_days() -> None:
    """A Decimal with no fractional part is a whole number of days."""
    assert imprisonment_to_fine(2528, D(2019, 8, 9)) == imprisonment_to_fine(Decimal("2528.00"), D(2019, 8, 9))


def test_mci_outside_the_table_names_the_range() -> None:
    """After MCI_TABLE_END (and before 2011) mci() refuses the date and names the table's range, not the last value."""
    after = MCI_TABLE_END + datetime.timedelta(days=1)
    for day in (after, D(2010, 12, 31), D(9999, 12, 31)):
        with pytest.raises(InvalidValueError, match="2011-01-01 to 2026-12-31"):
            mci(day)
    assert MCI_TABLE[-1].amount == mci(MCI_TABLE_END)
    with pytest.raises(InvalidValueError, match=after.isoformat()):
        imprisonment_to_fine(100, after)


def test_results_past_the_calendar_are_invalid_values_not_overflow() -> None:
    """A result before 0001-01-01 or after 9999-12-31 is an InvalidValueError naming the computation."""
    huge = [
        lambda: term_end(D(9999, 12, 1), Term(years=1)),
        lambda: term_end(D(1, 1, 1), Term(years=99999)),
        lambda: term_end(D(2020, 1, 1), Term(days=10**12)),
        lambda: term_end(D(2020, 1, 1), Term(years=10**30)),
        lambda: last_day(D(1, 1, 1), Term()),
        lambda: add_months(D(1, 1, 1), -1),
        lambda: days_to_months_days(10**12, start=D(2020, 1, 1)),
        lambda: unserved_days(D(9999, 1, 1), D(9999, 1, 2), Term(years=2)),
    ]
    for compute in huge:
        with pytest.raises(InvalidValueError, match="9999-12-31"):
            compute()


def test_money_stays_exact_or_is_refused() -> None:
    """Amounts up to Money's bound (below 10**18) are computed exactly, never rounded; beyond it, or past 100 digits, refused."""
    days = 10**14 + 4
    assert Decimal(days // 4 * 2525) == imprisonment_to_fine(days, D(2019, 8, 9)).amount.amount
    assert Decimal(10**17 * 3) == convert(Money(amount=10**17, currency="EUR"), "USD", 3).amount
    back = fine_to_imprisonment(Money(amount=10**17 + 1, currency="KZT"), D(2019, 8, 9))
    assert (10**17 // 10100, Decimal((10**17 + 1) % 10100)) == (back.days, back.remainder)
    with pytest.raises(InvalidValueError, match="below 10"):
        convert(Money(amount=10**17 * 5, currency="EUR"), "USD", 3)
    with pytest.raises(InvalidValueError):
        imprisonment_to_fine(10**40 + 4, D(2019, 8, 9))
    with pytest.raises(InvalidValueError, match="exactly"):
        imprisonment_to_fine(10**200 + 4, D(2019, 8, 9))  # 201 significant digits
    with pytest.raises(InvalidValueError, match="exactly"):
        imprisonment_to_fine(10, D(2019, 8, 9), days_per_mci=3)  # 10/3 MCI has no exact value


@given(st.dates(), st.builds(Term, years=st.integers(0, 10**5), months=st.integers(0, 10**6), weeks=st.integers(0, 10**6), days=st.integers(0, 10**13)))
def test_calendar_arithmetic_never_overflows(start: datetime.date, term: Term) -> None:
    """Any date and any term give a date or an InvalidValueError: never OverflowError."""
    try:
        end = term_end(start, term)
    except InvalidValueError:
        return
    assert start <= end == days_between(start, end) * datetime.timedelta(days=1) + start


def reference_calendar_months(days: int, start: datetime.date) -> int:
    """The whole calendar months in ``days`` from ``start``, counted one by one (the old loop)."""
    end = start + datetime.timedelta(days=days)
    months = 0
    while add_months(start, months + 1) <= end:
        months += 1
    return months


@given(st.integers(0, 20000), st.dates(D(1900, 1, 1), D(2100, 12, 31)))
def test_calendar_months_match_counting_one_by_one(days: int, start: datetime.date) -> None:
    """The direct month count equals counting months one at a time, month-end clipping included."""
    md = days_to_months_days(days, start=start)
    assert (reference_calendar_months(days, start), days) == (md.months, days_between(start, add_months(start, md.months)) + md.days)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)),
       st.builds(Term, years=st.integers(0, 30), months=st.integers(0, 30), weeks=st.integers(0, 10), days=st.integers(0, 400)))
def test_term_start_runs_term_end_backwards(start: datetime.date, term: Term) -> None:
    """term_start undoes term_end: exactly from a day no month end clips (the 28th or earlier), and otherwise gives
    the earliest day that expires on the same end."""
    end = term_end(start, term)
    back = term_start(end, term)
    assert (back == start) if start.day <= 28 else (back <= start and term_end(back, term) == end)


def test_thirty_day_days_reads_months_as_thirty_days() -> None:
    """Five months and eight days are 158 days; a term with years or hours has no 30-day reading."""
    assert (158, 17, None, None) == (thirty_day_days(Term(months=5, days=8)), thirty_day_days(Term(weeks=2, days=3)),
                                     thirty_day_days(Term(years=1)), thirty_day_days(Term(hours=100)))
