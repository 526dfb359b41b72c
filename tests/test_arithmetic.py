"""Sentence arithmetic: golden figures from the sources, and properties."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights import InvalidValueError, Money, Term, arithmetic
from kz_labour_rights.arithmetic import (
    MCI_TABLE,
    add_months,
    days_between,
    days_to_months_days,
    fine_to_imprisonment,
    imprisonment_to_fine,
    labour_hours,
    last_day,
    mci,
    served_days,
    term_days,
    term_end,
    unserved_days,
)

D = datetime.date
dates = st.dates(min_value=D(2011, 1, 1), max_value=D(2030, 12, 31))
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


@given(st.integers(0, 20000), dates)
def test_fine_and_term_agree_with_the_rates(days: int, on: datetime.date) -> None:
    """Days → fine at 1 MCI per 4 days → days at 1 day per 4 MCI loses at most a quarter: days // 4 back, rest as remainder."""
    fine = imprisonment_to_fine(days, on)
    assert fine.amount.amount == Decimal(days) * mci(on) / 4
    back = fine_to_imprisonment(fine.amount, on)
    assert back.days == days // 16  # 4 days make 1 MCI; 4 MCI make 1 day: 16 days become 1
    assert 0 <= back.remainder < 4 * mci(on)


@given(st.integers(0, 10**9), dates)
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
