"""Sentence arithmetic: terms on the calendar, the MCI, and conversions.

Kazakh courts express fines in monthly calculation indices (MCI) and convert
between prison days and fines at fixed rates.  The functions here reproduce
those computations exactly — money is :class:`~decimal.Decimal`, never a
float — so the dataset's reported figures can be checked against them.

Conventions (stated once, used everywhere):

* **Term end.** :func:`term_end` returns the *expiry date*: the start date
  moved forward by the term on the calendar (years, then months, then weeks
  and days).  This is the date the sources and the authorities give as the
  day a sentence "ends" or "expires" (four years from 9 November 2017 end on
  9 November 2021).  The last full day served is the day before
  (:func:`last_day`).  A term counted from a start date covers the days
  ``start <= d < term_end`` — :func:`days_between` of the two.
* **Month-end clipping.** Adding months to the 29th–31st clips to the last
  day of the target month (31 January + 1 month = 28 or 29 February); a
  29 February start plus whole years clips to 28 February in common years.
* **Months and days.** A number of days is written as months and days under
  one of two conventions, always named in the result: ``"30-day"`` (a month
  counts 30 days — how "five months and eight days" reads 158 days) or
  ``"calendar"`` (whole calendar months from a given start, then days).
* **MCI.** :func:`mci` gives the index in force on a date for a purpose:
  ``"fines"`` (fines, taxes, conversions) or ``"benefits"``.  In 2022 the
  index rose on 1 April for benefits only; fines stayed at 3,063.
* **Conversions.** Imprisonment to a fine: one MCI per four days (Criminal
  Code art. 73 part 3).  An unpaid fine to imprisonment: one day per four
  MCI (art. 41 part 6 point 3, grave crimes).  A fine is computed exactly;
  a term from a fine is whole days, rounded *down* (in the convicted
  person's favour — the code does not say; the remainder is reported).

Hours (``PT100H``) are not calendar time: :func:`term_end` refuses them, and
:func:`labour_hours` converts a restriction of liberty's yearly compulsory
labour into total hours.
"""

import calendar
import datetime
from decimal import ROUND_FLOOR, Decimal
from typing import Optional, Tuple

import attrs

from ._values import InvalidValueError, Money, Term

__all__ = [
    "MCI_SOURCE",
    "MCI_TABLE",
    "Conversion",
    "MciRate",
    "MonthsDays",
    "add_months",
    "relative_difference",
    "convert",
    "days_between",
    "days_to_months_days",
    "fine_to_imprisonment",
    "imprisonment_to_fine",
    "labour_hours",
    "last_day",
    "mci",
    "served_days",
    "term_days",
    "term_end",
    "unserved_days",
]

MCI_SOURCE = "source:ref-legal-constants"
"""The dataset source that states every rate in :data:`MCI_TABLE`."""


@attrs.frozen(kw_only=True)
class MciRate:
    """One value of the monthly calculation index.

    Attributes:
        valid_from: first day it applies.
        amount: tenge per MCI.
        purposes: what it applies to (``"fines"``, ``"benefits"``).
        note: the reference file's note (law or page).
    """

    valid_from: datetime.date
    amount: Decimal
    purposes: Tuple[str, ...] = ("fines", "benefits")
    note: str = ""


def _rate(y: int, m: int, amount: str, note: str, purposes: Tuple[str, ...] = ("fines", "benefits")) -> MciRate:
    return MciRate(valid_from=datetime.date(y, m, 1), amount=Decimal(amount), purposes=purposes, note=note)


MCI_TABLE: Tuple[MciRate, ...] = (
    _rate(2011, 1, "1512", "Law 357-IV"),
    _rate(2012, 1, "1618", "Law 496-IV"),
    _rate(2013, 1, "1731", "Law 54-V"),
    _rate(2014, 1, "1852", "Law 148-V"),
    _rate(2015, 1, "1982", "Law 259-V, art. 11"),
    _rate(2016, 1, "2121", "Law 426-V"),
    _rate(2017, 1, "2269", "Law 25-VI of 29.11.2016, art. 7"),
    _rate(2018, 1, "2405", "budget law for 2018"),
    _rate(2019, 1, "2525", "Law 197-VI"),
    _rate(2020, 1, "2651", "egov.kz: from 1 January 2020"),
    _rate(2020, 4, "2778", "egov.kz: from 1 April 2020"),
    _rate(2021, 1, "2917", "egov.kz"),
    _rate(2022, 1, "3063", "egov.kz; gov.kz"),
    _rate(2022, 4, "3180", "from 1 April 2022 for benefits and social payments only", purposes=("benefits",)),
    _rate(2023, 1, "3450", "egov.kz"),
    _rate(2024, 1, "3692", "gov.kz"),
    _rate(2025, 1, "3932", "tengrinews.kz"),
    _rate(2026, 1, "4325", "inform.kz"),
)
"""The MCI by date, from ../shared/reference/legal-constants.md (cited in the
dataset as :data:`MCI_SOURCE`), oldest first."""


def mci(on: datetime.date, purpose: str = "fines") -> Decimal:
    """The MCI in force on ``on`` for ``purpose`` (``"fines"`` or ``"benefits"``).

    Raises:
        InvalidValueError: for a date before 2011 or an unknown purpose.
    """
    if purpose not in ("fines", "benefits"):
        raise InvalidValueError(purpose, "'fines' or 'benefits'")
    found: Optional[MciRate] = None
    for rate in MCI_TABLE:
        if rate.valid_from <= on and purpose in rate.purposes:
            found = rate
    if found is None:
        raise InvalidValueError(on.isoformat(), f"a date from {MCI_TABLE[0].valid_from.isoformat()} on (the MCI table starts there)")
    return found.amount


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` calendar months, clipped to the month's end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def _calendar_only(term: Term) -> None:
    if term.hours:
        raise InvalidValueError(str(term), "a term in years, months, weeks or days (hours are not calendar time; see labour_hours)")


def term_end(start: datetime.date, term: Term) -> datetime.date:
    """The expiry date of ``term`` counted from ``start`` (see the module notes).

    Years and months are added together on the calendar (with month-end
    clipping), then weeks and days.
    """
    _calendar_only(term)
    moved = add_months(start, term.years * 12 + term.months)
    return moved + datetime.timedelta(days=term.weeks * 7 + term.days)


def last_day(start: datetime.date, term: Term) -> datetime.date:
    """The last full day of ``term`` counted from ``start``: the day before :func:`term_end`."""
    return term_end(start, term) - datetime.timedelta(days=1)


def days_between(start: datetime.date, end: datetime.date) -> int:
    """Days from ``start`` to ``end`` (``start`` counted, ``end`` not); negative if ``end`` is earlier."""
    return (end - start).days


def term_days(start: datetime.date, term: Term) -> int:
    """How many days ``term`` lasts when counted from ``start``."""
    return days_between(start, term_end(start, term))


def served_days(start: datetime.date, on: datetime.date, term: Term) -> int:
    """Days of ``term`` (from ``start``) served before ``on``, between 0 and the whole term."""
    return max(0, min(days_between(start, on), term_days(start, term)))


def unserved_days(start: datetime.date, on: datetime.date, term: Term) -> int:
    """Days of ``term`` (from ``start``) still to serve on ``on`` (``on`` itself included)."""
    return term_days(start, term) - served_days(start, on, term)


@attrs.frozen(kw_only=True)
class MonthsDays:
    """A number of days written as months and days, with its convention.

    Attributes:
        months: whole months.
        days: remaining days.
        convention: ``"30-day"`` or ``"calendar"``.
        start: for ``"calendar"``, the date the months are counted from.
    """

    months: int
    days: int
    convention: str
    start: Optional[datetime.date] = None

    def term(self) -> Term:
        """The same span as a :class:`Term` (``P5M8D``)."""
        return Term(years=0, months=self.months, days=self.days)

    def __str__(self) -> str:
        base = f"{self.months} months and {self.days} days ({self.convention} months"
        return base + (f" from {self.start.isoformat()})" if self.start else ")")


def days_to_months_days(days: int, *, start: Optional[datetime.date] = None) -> MonthsDays:
    """``days`` as months and days: 30-day months, or calendar months from ``start``.

    Raises:
        InvalidValueError: for a negative number of days.
    """
    if days < 0:
        raise InvalidValueError(days, "a number of days >= 0")
    if start is None:
        months, rest = divmod(days, 30)
        return MonthsDays(months=months, days=rest, convention="30-day")
    end = start + datetime.timedelta(days=days)
    months = 0
    while add_months(start, months + 1) <= end:
        months += 1
    return MonthsDays(months=months, days=(end - add_months(start, months)).days, convention="calendar", start=start)


@attrs.frozen(kw_only=True)
class Conversion:
    """The result of converting between prison days and a fine.

    Attributes:
        days: prison days (converted from, or to).
        amount: the fine in tenge (exact).
        mci: tenge per MCI used.
        mci_units: the fine in MCI (exact).
        rate: the statutory rate, e.g. ``"1 MCI per 4 days"``.
        rule: id of the provision the rate comes from.
        remainder: tenge left over when a fine does not buy a whole day.
        as_months: ``days`` as months and days (30-day months).
    """

    days: int
    amount: Money
    mci: Decimal
    mci_units: Decimal
    rate: str
    rule: str
    remainder: Decimal = Decimal(0)
    as_months: MonthsDays


IMPRISONMENT_TO_FINE_RULE = "provision:kz-cc-2014/art-73/part-3"
FINE_TO_IMPRISONMENT_RULE = "provision:kz-cc-2014/art-41/part-6/para-3"


def imprisonment_to_fine(days: int, on: datetime.date, *, days_per_mci: int = 4) -> Conversion:
    """The fine replacing ``days`` of imprisonment, at the MCI in force ``on``.

    One MCI per ``days_per_mci`` days (art. 73 part 3: four).  The amount is
    exact; 2,528 days on 9 August 2019 give 632 MCI = 1,595,800 tenge.
    """
    if days < 0 or days_per_mci <= 0:
        raise InvalidValueError(days, "days >= 0 and a positive rate")
    index = mci(on)
    units = Decimal(days) / Decimal(days_per_mci)
    return Conversion(
        days=days, amount=Money(amount=units * index, currency="KZT"), mci=index, mci_units=units,
        rate=f"1 MCI per {days_per_mci} days", rule=IMPRISONMENT_TO_FINE_RULE, as_months=days_to_months_days(days),
    )


def fine_to_imprisonment(amount: Money, on: datetime.date, *, mci_per_day: int = 4) -> Conversion:
    """The prison days replacing an unpaid fine of ``amount`` tenge, at the MCI in force ``on``.

    One day per ``mci_per_day`` MCI (art. 41 part 6 point 3: four).  Whole
    days, rounded down; the tenge left over are in ``remainder``.
    1,595,800 tenge on 16 October 2019 give 158 days — five months and eight
    days in 30-day months.

    Raises:
        InvalidValueError: for an amount not in tenge, or a negative one.
    """
    if amount.currency != "KZT" or amount.amount < 0 or mci_per_day <= 0:
        raise InvalidValueError(str(amount), "a non-negative amount in KZT and a positive rate")
    index = mci(on)
    per_day = index * mci_per_day
    days = int((amount.amount / per_day).to_integral_value(rounding=ROUND_FLOOR))
    return Conversion(
        days=days, amount=amount, mci=index, mci_units=amount.amount / index,
        rate=f"1 day per {mci_per_day} MCI", rule=FINE_TO_IMPRISONMENT_RULE,
        remainder=amount.amount - per_day * days, as_months=days_to_months_days(days),
    )


def labour_hours(term: Term, hours_per_year: int = 100) -> Decimal:
    """Total compulsory labour over a restriction of liberty of ``term``.

    ``hours_per_year`` a year for every year of the term (art. 44: 100); a
    part year counts pro rata by months and days (30-day months, 360-day
    year), exactly.  Four years give 400 hours.
    """
    _calendar_only(term)
    years = Decimal(term.years) + Decimal(term.months) / 12 + Decimal(term.weeks * 7 + term.days) / 360
    return years * hours_per_year


def convert(amount: Money, currency: str, rate: Decimal) -> Money:
    """``amount`` in ``currency`` at ``rate`` (units of ``currency`` per unit of ``amount.currency``)."""
    if rate <= 0:
        raise InvalidValueError(str(rate), "a positive exchange rate")
    return Money(amount=amount.amount * rate, currency=currency, approximate=amount.approximate)


def relative_difference(a: Money, b: Money) -> Decimal:
    """``|a - b| / max(a, b)`` for two amounts in one currency (0 when both are 0).

    Raises:
        InvalidValueError: when the currencies differ (convert one first).
    """
    if a.currency != b.currency:
        raise InvalidValueError(f"{a} vs {b}", "two amounts in one currency")
    top = max(a.amount, b.amount)
    return abs(a.amount - b.amount) / top if top else Decimal(0)
