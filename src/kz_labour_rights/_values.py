"""Value types: partial dates, terms and money.

Sources say "July 2017" as often as "17 July 2019", give sentences as "five
months and eight days", and amounts in tenge, euros or dollars — sometimes
"approximately".  These types keep each value exactly as given: a date keeps
its precision, a term its units (never pre-converted to days), money its
currency and a :class:`~decimal.Decimal` amount (never a float).
"""

import calendar
import datetime
import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Optional, Tuple

import attrs

from ._errors import KzLabourRightsError, shown

__all__ = ["InvalidValueError", "Money", "PartialDate", "Term"]


class InvalidValueError(KzLabourRightsError, ValueError):
    """A date, term or amount could not be parsed or is out of range.

    Attributes:
        value: the rejected input.
        expected: what a valid input looks like.
    """

    def __init__(self, value: object, expected: str) -> None:
        self.value = value
        self.expected = expected
        super().__init__(f"invalid value {shown(value)}: expected {expected}")


# ASCII digits only and \Z, not $: "2017\n" and Arabic-Indic digits are not dates.
_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")


def _check_year(instance: "PartialDate", attribute: "attrs.Attribute[int]", value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9999:
        raise InvalidValueError(value, "a year from 1 to 9999")


def _check_month(instance: "PartialDate", attribute: "attrs.Attribute[Optional[int]]", value: Optional[int]) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12):
        raise InvalidValueError(value, "a month from 1 to 12")


def _check_day(instance: "PartialDate", attribute: "attrs.Attribute[Optional[int]]", value: Optional[int]) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(value, "a day as an integer")
    if instance.month is None:
        raise InvalidValueError(value, "no day without a month")
    last = calendar.monthrange(instance.year, instance.month)[1]
    if not 1 <= value <= last:
        raise InvalidValueError(
            f"{instance.year:04d}-{instance.month:02d}-{value:02d}", f"a day from 1 to {last}"
        )


@functools.total_ordering
@attrs.frozen(kw_only=True, eq=True, order=False)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    A partial date stands for an interval: ``2017-07`` is every day from
    1 to 31 July 2017.  Interval comparisons say what is *certain*
    (:meth:`certainly_before`) and what is *possible* (:meth:`possibly_before`).
    The ordinary operators (``<``, ``sorted``) give a total order for
    display — by earliest day, then latest day — which is not a claim that
    one event preceded another.

    Examples:
        >>> PartialDate.parse("2017-07").certainly_before(PartialDate.parse("2017-08-01"))
        True
    """

    year: int = attrs.field(validator=_check_year)
    month: Optional[int] = attrs.field(default=None, validator=_check_month)
    day: Optional[int] = attrs.field(default=None, validator=_check_day)

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises:
            InvalidValueError: for any other form or an impossible date.
        """
        m = _DATE_RE.match(text) if isinstance(text, str) else None
        if m is None:
            raise InvalidValueError(text, "a date as YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        try:
            return cls(year=year, month=month, day=day)
        except ValueError:
            raise InvalidValueError(text, "a real calendar date, year 0001–9999") from None

    @classmethod
    def from_date(cls, value: datetime.date) -> "PartialDate":
        """The full-precision partial date of a :class:`datetime.date`."""
        return cls(year=value.year, month=value.month, day=value.day)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    def earliest(self) -> datetime.date:
        """The first day the partial date may stand for."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> datetime.date:
        """The last day the partial date may stand for."""
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is None:
            return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return datetime.date(self.year, self.month, self.day)

    def to_date(self) -> datetime.date:
        """The exact date.

        Raises:
            InvalidValueError: if the date is not known to the day.
        """
        if self.day is None:
            raise InvalidValueError(str(self), "a date known to the day")
        return self.earliest()

    def certainly_before(self, other: "PartialDate") -> bool:
        """Every day of ``self`` is before every day of ``other``."""
        return self.latest() < other.earliest()

    def possibly_before(self, other: "PartialDate") -> bool:
        """Some day of ``self`` is before some day of ``other``."""
        return self.earliest() < other.latest()

    def overlaps(self, other: "PartialDate") -> bool:
        """The two intervals share at least one day."""
        return self.earliest() <= other.latest() and other.earliest() <= self.latest()

    def contains(self, day: datetime.date) -> bool:
        """``day`` lies within the interval."""
        return self.earliest() <= day <= self.latest()

    def sort_key(self) -> Tuple[datetime.date, datetime.date]:
        """``(earliest, latest)``: the key of the display order."""
        return (self.earliest(), self.latest())

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


_TERM_RE = re.compile(r"P(?:([0-9]{1,9})Y)?(?:([0-9]{1,9})M)?(?:([0-9]{1,9})W)?(?:([0-9]{1,9})D)?(?:T([0-9]{1,9})H)?\Z")


def _nonneg(instance: object, attribute: "attrs.Attribute[int]", value: int) -> None:
    # bool is an int subclass: Term(years=True) must not become "PTrueY".
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(value, f"{attribute.name} as a whole number >= 0")


_NONNEG = _nonneg


@attrs.frozen(kw_only=True)
class Term:
    """A length of time as the source states it: years, months, weeks, days, hours.

    The units are kept as given and never pre-converted to days, because a
    month is not a fixed number of days and sources differ on how to count.
    Written as an ISO 8601 duration: ``P7Y``, ``P5M8D``, ``PT100H``.

    Examples:
        >>> str(Term(months=5, days=8))
        'P5M8D'
    """

    years: int = attrs.field(default=0, validator=_NONNEG)
    months: int = attrs.field(default=0, validator=_NONNEG)
    weeks: int = attrs.field(default=0, validator=_NONNEG)
    days: int = attrs.field(default=0, validator=_NONNEG)
    hours: int = attrs.field(default=0, validator=_NONNEG)

    @classmethod
    def parse(cls, text: str) -> "Term":
        """Parse an ISO 8601 duration with integer Y, M, W, D and H parts.

        Raises:
            InvalidValueError: for any other form, or an empty ``P``.
        """
        m = _TERM_RE.match(text) if isinstance(text, str) else None
        if m is None or text in ("P", "PT") or text.endswith("T"):
            raise InvalidValueError(text, "an ISO 8601 duration such as P7Y, P5M8D or PT100H")
        y, mo, w, d, h = (int(g) if g else 0 for g in m.groups())
        return cls(years=y, months=mo, weeks=w, days=d, hours=h)

    def __str__(self) -> str:
        date_part = "".join(
            f"{n}{unit}" for n, unit in ((self.years, "Y"), (self.months, "M"), (self.weeks, "W"), (self.days, "D")) if n
        )
        time_part = f"T{self.hours}H" if self.hours else ""
        return "P" + (date_part + time_part or "0D")

    def describe(self) -> str:
        """The term in words, e.g. ``"5 months 8 days"``."""
        parts = []
        for n, unit in (
            (self.years, "year"),
            (self.months, "month"),
            (self.weeks, "week"),
            (self.days, "day"),
            (self.hours, "hour"),
        ):
            if n:
                parts.append(f"{n} {unit}{'s' if n != 1 else ''}")
        return " ".join(parts) or "0 days"


_CURRENCY_RE = re.compile(r"[A-Z]{3}\Z")


# Plain decimal notation in ASCII digits: Decimal() alone would also take
# " 12 ", "1e6" and Arabic-Indic digits.
_AMOUNT_RE = re.compile(r"[0-9]{1,18}(?:\.[0-9]{1,6})?\Z")
MAX_AMOUNT = Decimal(10) ** 18
"""Amounts are below 10**18 (a quintillion) with at most six decimals."""


def _to_decimal(value: Any) -> Decimal:
    # Floats are refused outright: 0.1 tenge must never become 0.1000000000000000055.
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
        raise InvalidValueError(value, "an amount as an int, a decimal string or a Decimal (never a float)")
    if isinstance(value, str) and not _AMOUNT_RE.match(value):
        raise InvalidValueError(value, "a decimal number such as 1595800 or 37.50 (ASCII digits, at most 18 before the point and 6 after)")
    try:
        amount = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise InvalidValueError(value, "a decimal number such as 1595800 or 37.50") from None
    if not amount.is_finite() or abs(amount) >= MAX_AMOUNT or amount.as_tuple().exponent < -6:  # type: ignore[operator]
        raise InvalidValueError(value, "a finite amount below 10**18 with at most 6 decimals")
    if amount < 0:
        raise InvalidValueError(value, "an amount >= 0 (a sum imposed or paid is never negative)")
    return amount


def _check_currency(instance: "Money", attribute: "attrs.Attribute[str]", value: str) -> None:
    if not isinstance(value, str) or not _CURRENCY_RE.match(value):
        raise InvalidValueError(value, "an ISO 4217 currency code such as KZT, USD or EUR")


@attrs.frozen(kw_only=True)
class Money:
    """An amount of money: a :class:`~decimal.Decimal` and an ISO 4217 code.

    ``approximate`` is true where the source hedges ("approx.", "around").

    Examples:
        >>> Money(amount=1595800, currency="KZT")
        Money(amount=Decimal('1595800'), currency='KZT', approximate=False)
    """

    amount: Decimal = attrs.field(converter=_to_decimal)
    currency: str = attrs.field(validator=_check_currency)
    approximate: bool = False

    def __str__(self) -> str:
        return f"{'~' if self.approximate else ''}{self.amount:,} {self.currency}"
