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

Inputs are checked, never coerced.  Numbers are ``int`` or
:class:`~decimal.Decimal` — never ``float`` (0.1 is not a tenth) and never
``bool`` (``True`` is not one year); dates are :class:`datetime.date`, not
``datetime``.  A wrong type raises :class:`TypeError` naming the argument;
a value out of range — a negative or fractional number of days, a date
outside :data:`MCI_TABLE`, a result past 9999-12-31, figures too large to
compute exactly — raises :class:`~kz_labour_rights.InvalidValueError` (a
:class:`ValueError`) naming the value and what is expected.  Nothing raises
:class:`OverflowError` or a :mod:`decimal` signal.
"""

import calendar
import datetime
import decimal
from decimal import Decimal
from typing import Callable, Optional, Tuple, Union

import attrs

from ._values import InvalidValueError, Money, Term

__all__ = [
    "MCI_SOURCE",
    "MCI_TABLE",
    "MCI_TABLE_END",
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
    "term_start",
    "thirty_day_days",
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
dataset as :data:`MCI_SOURCE`), oldest first.

Examples:
    >>> MCI_TABLE[0]
    MciRate(valid_from=datetime.date(2011, 1, 1), amount=Decimal('1512'), purposes=('fines', 'benefits'), note='Law 357-IV')
"""

MCI_TABLE_END = datetime.date(2026, 12, 31)
"""The last day :data:`MCI_TABLE` covers.  The MCI is fixed for a calendar
year by that year's budget law, so the table ends with its last row's year;
extend both together."""

Number = Union[int, Decimal]
"""What the arithmetic accepts as a number: ``int`` or ``Decimal`` (no float, no bool)."""

# Money and day counts are computed exactly: every operation that should be
# exact runs in this context, and any rounding (or overflow) is trapped and
# reported as an InvalidValueError instead of silently changing a figure.
_EXACT = decimal.Context(
    prec=100, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
    traps=[decimal.Inexact, decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
# Ratios that need not terminate (a fine in MCI, a relative difference) are
# rounded to 28 significant digits, whatever the caller's decimal context.
_ROUNDED = decimal.Context(
    prec=28, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


# ---------------------------------------------------------------- input checks


def _date(func: str, name: str, value: object) -> datetime.date:
    # datetime is a date subclass, but adding days to one keeps a time of day.
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise TypeError(f"{func}(): {name} must be a datetime.date, not {type(value).__name__} {value!r}; pass datetime.date(year, month, day)")
    return value


def _number(func: str, name: str, value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise TypeError(f"{func}(): {name} must be an int or a Decimal (never a float or a bool), not {type(value).__name__} {value!r}")
    number = Decimal(value)
    if not number.is_finite():
        raise InvalidValueError(value, f"{name} of {func}(): a finite number")
    return number


def _whole(func: str, name: str, value: object, *, minimum: Optional[int] = 0) -> int:
    """``value`` as an int: an int, or a Decimal with no fractional part, at least ``minimum``."""
    if type(value) is int:  # the common case (never a bool): no Decimal round trip, it runs per term unit
        whole = value
    else:
        number = _number(func, name, value)
        if number != number.to_integral_value():
            raise InvalidValueError(value, f"{name} of {func}(): a whole number (no fractional days)")
        whole = int(number)
    if minimum is not None and whole < minimum:
        raise InvalidValueError(value, f"{name} of {func}(): a whole number >= {minimum}")
    return whole


def _positive(func: str, name: str, value: object) -> Decimal:
    number = _number(func, name, value)
    if number <= 0:
        raise InvalidValueError(value, f"{name} of {func}(): a positive number")
    return number


def _non_negative(func: str, name: str, value: object) -> Decimal:
    number = _number(func, name, value)
    if number < 0:
        raise InvalidValueError(value, f"{name} of {func}(): a number >= 0")
    return number


def _term(func: str, name: str, value: object) -> Term:
    if not isinstance(value, Term):
        raise TypeError(f"{func}(): {name} must be a Term, not {type(value).__name__} {value!r}; pass Term(years=…) or Term.parse('P5M8D')")
    # Term validates its fields, but a Term built around its validators (or
    # by an older version) must not turn True into one year here.
    for unit in ("years", "months", "weeks", "days", "hours"):
        _whole(func, f"{name}.{unit}", getattr(value, unit))
    return value


def _money(func: str, name: str, value: object) -> Money:
    if not isinstance(value, Money):
        raise TypeError(f"{func}(): {name} must be a Money, not {type(value).__name__} {value!r}; pass Money(amount=…, currency='KZT')")
    if not isinstance(value.amount, Decimal) or not value.amount.is_finite() or value.amount < 0:
        raise InvalidValueError(str(value), f"{name} of {func}(): a finite amount >= 0")
    return value


def _exactly(what: str, compute: Callable[[], Decimal]) -> Decimal:
    try:
        return compute()
    except decimal.DecimalException:
        raise InvalidValueError(what, "figures small enough to compute exactly (at most 100 significant digits)") from None


def _shift(day: datetime.date, days: int, what: str) -> datetime.date:
    """``day`` moved by ``days``, or InvalidValueError naming ``what`` when that leaves 0001–9999."""
    ordinal = day.toordinal() + days
    if not 1 <= ordinal <= datetime.date.max.toordinal():
        raise InvalidValueError(what, "a result between 0001-01-01 and 9999-12-31 (the dates Python represents)")
    return datetime.date.fromordinal(ordinal)


# ---------------------------------------------------------------- functions




def mci(on: datetime.date, purpose: str = "fines") -> Decimal:
    """The MCI in force on ``on`` for ``purpose`` (``"fines"`` or ``"benefits"``).

    Examples:
        >>> mci(datetime.date(2019, 8, 9))
        Decimal('2525')
        >>> mci(datetime.date(2022, 6, 1)), mci(datetime.date(2022, 6, 1), "benefits")
        (Decimal('3063'), Decimal('3180'))

    Raises:
        TypeError: ``on`` is not a date, or ``purpose`` not a string.
        InvalidValueError: for a date outside the table (before 2011, or
            after :data:`MCI_TABLE_END` — the message names the range) or
            an unknown purpose.
    """
    _date("mci", "on", on)
    if not isinstance(purpose, str):
        raise TypeError(f"mci(): purpose must be 'fines' or 'benefits', not {type(purpose).__name__} {purpose!r}")
    if purpose not in ("fines", "benefits"):
        raise InvalidValueError(purpose, "purpose of mci(): 'fines' or 'benefits'")
    first = MCI_TABLE[0].valid_from
    if not first <= on <= MCI_TABLE_END:
        # Past the last row the index is unknown, not the last row's value.
        raise InvalidValueError(on.isoformat(), (
            f"a date the MCI table covers, {first.isoformat()} to {MCI_TABLE_END.isoformat()} "
            "(extend MCI_TABLE and MCI_TABLE_END for later years)"
        ))
    found = [rate for rate in MCI_TABLE if rate.valid_from <= on and purpose in rate.purposes]
    return found[-1].amount


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` calendar months (negative: back), clipped to the month's end.

    Raises:
        TypeError: ``day`` is not a date, or ``months`` not an int/Decimal.
        InvalidValueError: ``months`` is fractional, or the result is
            outside 0001-01-01 to 9999-12-31.
    """
    _date("add_months", "day", day)
    n = _whole("add_months", "months", months, minimum=None)
    year, month = divmod(day.year * 12 + (day.month - 1) + n, 12)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise InvalidValueError(f"{day.isoformat()} + {n} months", "a result between 0001-01-01 and 9999-12-31 (the dates Python represents)")
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def _calendar_only(func: str, term: Term) -> Term:
    _term(func, "term", term)
    if term.hours:
        raise InvalidValueError(str(term), "a term in years, months, weeks or days (hours are not calendar time; see labour_hours)")
    return term


def term_end(start: datetime.date, term: Term) -> datetime.date:
    """The expiry date of ``term`` counted from ``start`` (see the module notes).

    Years and months are added together on the calendar (with month-end
    clipping), then weeks and days.

    Examples:
        >>> term_end(datetime.date(2017, 11, 9), Term(years=4))
        datetime.date(2021, 11, 9)
        >>> term_end(datetime.date(2019, 1, 31), Term(months=1))
        datetime.date(2019, 2, 28)

    Raises:
        TypeError: ``start`` is not a date or ``term`` not a Term.
        InvalidValueError: the term has hours, or ends after 9999-12-31.
    """
    _date("term_end", "start", start)
    _calendar_only("term_end", term)
    what = f"{start.isoformat()} + {term}"
    try:
        moved = add_months(start, term.years * 12 + term.months)
    except InvalidValueError:
        raise InvalidValueError(what, "a term that ends by 9999-12-31 (the last date Python represents)") from None
    return _shift(moved, term.weeks * 7 + term.days, what)


def term_start(end: datetime.date, term: Term) -> datetime.date:
    """The day ``term`` counts from when it expires on ``end``: :func:`term_end` run backwards.

    Weeks and days are taken off first, then years and months together on
    the calendar (with month-end clipping) — :func:`term_end`'s steps in
    reverse, so ``term_start(term_end(s, t), t) == s`` whenever no month end
    is clipped on the way.  Clipping makes the step ambiguous — a month from
    28, 29, 30 or 31 January 2019 expires on 28 February — and the answer is
    then the earliest such day (28 January).

    Examples:
        >>> term_start(datetime.date(2021, 10, 5), Term(years=4))
        datetime.date(2017, 10, 5)

    Raises:
        TypeError, InvalidValueError: as :func:`term_end`.
    """
    _date("term_start", "end", end)
    _calendar_only("term_start", term)
    back = _shift(end, -(term.weeks * 7 + term.days), f"{end.isoformat()} - {term}")
    return add_months(back, -(term.years * 12 + term.months))


def thirty_day_days(term: Term) -> Optional[int]:
    """``term`` in days counting 30-day months (how "five months and eight days" reads 158), or ``None``
    for a term with years or hours, which no source counts that way.

    Examples:
        >>> thirty_day_days(Term(months=5, days=8)), thirty_day_days(Term(years=7))
        (158, None)

    Raises:
        TypeError: ``term`` is not a Term.
    """
    _term("thirty_day_days", "term", term)
    if term.years or term.hours:
        return None
    return term.months * 30 + term.weeks * 7 + term.days


def last_day(start: datetime.date, term: Term) -> datetime.date:
    """The last full day of ``term`` counted from ``start``: the day before :func:`term_end`.

    Raises:
        TypeError, InvalidValueError: as :func:`term_end`.
    """
    end = term_end(start, term)
    return _shift(end, -1, f"the day before {end.isoformat()}")


def days_between(start: datetime.date, end: datetime.date) -> int:
    """Days from ``start`` to ``end`` (``start`` counted, ``end`` not); negative if ``end`` is earlier.

    Raises:
        TypeError: either is not a date.
    """
    return _date("days_between", "end", end).toordinal() - _date("days_between", "start", start).toordinal()


def term_days(start: datetime.date, term: Term) -> int:
    """How many days ``term`` lasts when counted from ``start``.

    Raises:
        TypeError, InvalidValueError: as :func:`term_end`.
    """
    return days_between(start, term_end(start, term))


def served_days(start: datetime.date, on: datetime.date, term: Term) -> int:
    """Days of ``term`` (from ``start``) served before ``on``, between 0 and the whole term.

    Raises:
        TypeError, InvalidValueError: as :func:`term_end`; ``on`` must be a date.
    """
    _date("served_days", "on", on)
    return max(0, min(days_between(start, on), term_days(start, term)))


def unserved_days(start: datetime.date, on: datetime.date, term: Term) -> int:
    """Days of ``term`` (from ``start``) still to serve on ``on`` (``on`` itself included).

    Raises:
        TypeError, InvalidValueError: as :func:`served_days`.
    """
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

    Examples:
        >>> days_to_months_days(158)
        MonthsDays(months=5, days=8, convention='30-day', start=None)
        >>> str(days_to_months_days(158, start=datetime.date(2019, 10, 16)).term())
        'P5M6D'

    Raises:
        TypeError: ``days`` is not an int/Decimal, or ``start`` not a date.
        InvalidValueError: for a negative or fractional number of days, or
            (with ``start``) an end after 9999-12-31.
    """
    n = _whole("days_to_months_days", "days", days)
    if start is None:
        months, rest = divmod(n, 30)
        return MonthsDays(months=months, days=rest, convention="30-day")
    _date("days_to_months_days", "start", start)
    end = _shift(start, n, f"{start.isoformat()} + {n} days")
    # The month difference, less one when the clipped day overshoots the end:
    # add_months is monotonic, so this is the largest whole number of months.
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return MonthsDays(months=months, days=days_between(add_months(start, months), end), convention="calendar", start=start)


@attrs.frozen(kw_only=True)
class Conversion:
    """The result of converting between prison days and a fine.

    Attributes:
        days: prison days (converted from, or to).
        amount: the fine in tenge (exact).
        mci: tenge per MCI used.
        mci_units: the fine in MCI (exact from days; from a fine, rounded to
            28 significant digits when the division does not terminate).
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


def imprisonment_to_fine(days: int, on: datetime.date, *, days_per_mci: Number = 4) -> Conversion:
    """The fine replacing ``days`` of imprisonment, at the MCI in force ``on``.

    One MCI per ``days_per_mci`` days (art. 73 part 3: four).  The amount is
    exact; 2,528 days on 9 August 2019 give 632 MCI = 1,595,800 tenge.

    Examples:
        >>> fine = imprisonment_to_fine(2528, datetime.date(2019, 8, 9))
        >>> fine.mci_units, fine.amount
        (Decimal('632'), Money(amount=Decimal('1595800'), currency='KZT', approximate=False))

    Raises:
        TypeError: a number is not an int/Decimal, or ``on`` not a date.
        InvalidValueError: negative or fractional days, a rate that is not
            positive or gives no exact amount, a date outside the MCI table.
    """
    n = _whole("imprisonment_to_fine", "days", days)
    _date("imprisonment_to_fine", "on", on)
    rate = _positive("imprisonment_to_fine", "days_per_mci", days_per_mci)
    index = mci(on)
    what = f"{n} days at 1 MCI per {days_per_mci} days"
    units = _exactly(what, lambda: _EXACT.divide(Decimal(n), rate))
    amount = _exactly(what, lambda: _EXACT.multiply(units, index))
    return Conversion(
        days=n, amount=Money(amount=amount, currency="KZT"), mci=index, mci_units=units,
        rate=f"1 MCI per {days_per_mci} days", rule=IMPRISONMENT_TO_FINE_RULE, as_months=days_to_months_days(n),
    )


def fine_to_imprisonment(amount: Money, on: datetime.date, *, mci_per_day: Number = 4) -> Conversion:
    """The prison days replacing an unpaid fine of ``amount`` tenge, at the MCI in force ``on``.

    One day per ``mci_per_day`` MCI (art. 41 part 6 point 3: four).  Whole
    days, rounded down; the tenge left over are in ``remainder``.
    1,595,800 tenge on 16 October 2019 give 158 days — five months and eight
    days in 30-day months.

    Examples:
        >>> days = fine_to_imprisonment(Money(amount=1595800, currency="KZT"), datetime.date(2019, 10, 16))
        >>> days.days, days.remainder, days.as_months
        (158, Decimal('0'), MonthsDays(months=5, days=8, convention='30-day', start=None))

    Raises:
        TypeError: ``amount`` is not a Money, ``on`` not a date, or the rate
            not an int/Decimal.
        InvalidValueError: for an amount not in tenge, or a negative one, a
            rate that is not positive, or a date outside the MCI table.
    """
    _money("fine_to_imprisonment", "amount", amount)
    _date("fine_to_imprisonment", "on", on)
    rate = _positive("fine_to_imprisonment", "mci_per_day", mci_per_day)
    if amount.currency != "KZT":
        raise InvalidValueError(str(amount), "amount of fine_to_imprisonment(): tenge (KZT); convert it first")
    index = mci(on)
    what = f"{amount} at 1 day per {mci_per_day} MCI"
    per_day = _exactly(what, lambda: _EXACT.multiply(index, rate))
    whole = _exactly(what, lambda: _EXACT.divide_int(amount.amount, per_day))
    remainder = _exactly(what, lambda: _EXACT.subtract(amount.amount, _EXACT.multiply(per_day, whole)))
    n = int(whole)
    return Conversion(
        days=n, amount=amount, mci=index, mci_units=_exactly(what, lambda: _ROUNDED.divide(amount.amount, index)),
        rate=f"1 day per {mci_per_day} MCI", rule=FINE_TO_IMPRISONMENT_RULE,
        remainder=remainder, as_months=days_to_months_days(n),
    )


def labour_hours(term: Term, hours_per_year: Number = 100) -> Decimal:
    """Total compulsory labour over a restriction of liberty of ``term``.

    ``hours_per_year`` a year for every year of the term (art. 44: 100); a
    part year counts pro rata by months and days (30-day months, 360-day
    year): exact when that has a finite decimal, else rounded to 28
    significant digits.  Four years give 400 hours.

    Raises:
        TypeError: ``term`` is not a Term, or the rate not an int/Decimal.
        InvalidValueError: the term has hours, or the rate is negative.
    """
    _calendar_only("labour_hours", term)
    rate = _non_negative("labour_hours", "hours_per_year", hours_per_year)
    what = f"{hours_per_year} hours a year over {term}"
    day_count = Decimal(term.years * 360 + term.months * 30 + term.weeks * 7 + term.days)
    total = _exactly(what, lambda: _EXACT.multiply(rate, day_count))
    try:
        return _EXACT.divide(total, Decimal(360))
    except decimal.Inexact:
        return _exactly(what, lambda: _ROUNDED.divide(total, Decimal(360)))


def convert(amount: Money, currency: str, rate: Number) -> Money:
    """``amount`` in ``currency`` at ``rate`` (units of ``currency`` per unit of ``amount.currency``), exactly.

    Raises:
        TypeError: ``amount`` is not a Money, ``currency`` not a string, or
            ``rate`` not an int/Decimal.
        InvalidValueError: a negative amount, a rate that is not positive,
            or a currency that is not an ISO 4217 code.
    """
    _money("convert", "amount", amount)
    if not isinstance(currency, str):
        raise TypeError(f"convert(): currency must be an ISO 4217 code such as 'USD', not {type(currency).__name__} {currency!r}")
    factor = _positive("convert", "rate", rate)
    converted = _exactly(f"{amount} at {rate}", lambda: _EXACT.multiply(amount.amount, factor))
    return Money(amount=converted, currency=currency, approximate=amount.approximate)


def relative_difference(a: Money, b: Money) -> Decimal:
    """``|a - b| / max(a, b)`` for two amounts in one currency (0 when both are 0).

    Raises:
        TypeError: either is not a Money.
        InvalidValueError: when the currencies differ (convert one first),
            or an amount is negative.
    """
    _money("relative_difference", "a", a)
    _money("relative_difference", "b", b)
    if a.currency != b.currency:
        raise InvalidValueError(f"{a} vs {b}", "two amounts in one currency")
    top = max(a.amount, b.amount)
    if not top:
        return Decimal(0)
    what = f"{a} vs {b}"
    gap = _exactly(what, lambda: _EXACT.abs(_EXACT.subtract(a.amount, b.amount)))
    return _exactly(what, lambda: _ROUNDED.divide(gap, top))
