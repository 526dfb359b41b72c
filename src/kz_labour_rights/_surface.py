"""Surface forms: how the sources write a date, an amount, a term or a count.

Groundwork for per-value provenance (issue #10): a stated value should appear
in the quote that supports it.  The five source documents write the same
value in many ways — "17 July 2019", "July 17, 2019", "17.07.2019", the
ITUC's "20-01-2017"; "1,595,800 tenge", "US$80,000", "10.8 million";
"five months and eight days", "two-and-a-half years", "four-year".

Two halves:

* ``*_forms`` render a value in every form the sources use (for tests and
  docs); each rendered form is found by the matching ``find_*``.
* ``find_*`` return the :class:`Match` of ``text`` that states the value, or
  ``None``.  Matching is case-insensitive, treats any run of whitespace as
  one space (so quotes need no normalising first), and respects number and
  word boundaries: ``17`` is not found inside ``2017``, ``1,595,800`` not
  inside ``11,595,800``, ``five years`` not inside "five years and six months".

The span covers the value itself: "on"/"in" before a date is not part of it;
the hedge word before an approximate amount ("about US$113") is.
"""

import functools
import re
from decimal import Decimal
from typing import Callable, Dict, List, Optional, Pattern, Tuple

import attrs

from ._values import Money, PartialDate, Term

__all__ = [
    "Match",
    "amount_forms",
    "count_forms",
    "date_forms",
    "find_amount",
    "find_count",
    "find_date",
    "find_term",
    "term_forms",
]


@attrs.frozen(kw_only=True)
class Match:
    """Where a value is stated in a text.

    Attributes:
        start: index of the first character of the statement in the text.
        end: index just past its last character (``text[start:end]``).
        text: the statement as written, e.g. ``"17 July 2019"``.
    """

    start: int
    end: int
    text: str


# --- shared pieces ---------------------------------------------------------

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# The abbreviation each month is written with; the sources write "Sept."
# as well as "Sep", so September has two.
_ABBREVIATIONS: Dict[int, Tuple[str, ...]] = {i + 1: (name[:3],) for i, name in enumerate(_MONTHS)}
_ABBREVIATIONS[9] = ("Sept", "Sep")
del _ABBREVIATIONS[5]  # "May" is its own abbreviation.

# A number starts where no word character and no "1," or "1." (a longer
# number) precedes it, and ends where no word character and no ",5"/".5"
# follows: "17" is not in "2017", "1,595,800" not in "11,595,800" or
# "1,595,800.50".
_L = r"(?<!\w)(?<![0-9][.,])"
_R = r"(?!\w)(?![.,][0-9])"
# Words are separated by whitespace or hyphens: "two-and-a-half", "four-year".
_SEP = r"[\s\-\u2010\u2011]+"

_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ("hundred", "thousand", "million", "billion")

# Before a number word: no hyphen ("twenty-one" is not "one") and no tens
# word ("twenty one").  Checked on a short window before a candidate,
# because re lookbehinds must have a fixed width.
_WORD_BEFORE = re.compile(
    r"(?:[\-\u2010\u2011]|\b(?:" + "|".join(_TENS[2:]) + r")\s+|\bhundred\s+(?:and\s+)?)\Z", re.IGNORECASE
)
# After any number: no scale word ("400" is not "400 million", "four" not
# "four hundred").
_SCALE_AFTER = r"(?!" + _SEP + r"(?:and" + _SEP + r")?(?:" + "|".join(_SCALES) + r"|mln|bn)(?!\w))"


def _words(n: int) -> Optional[str]:
    """``n`` in English words (``"twenty-one"``, ``"four hundred and five"``), for 0–999; else ``None``."""
    if not 0 <= n <= 999:
        return None
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    head = f"{_ONES[hundreds]} hundred"
    return head if not rest else f"{head} and {_words(rest)}"


def _words_pattern(n: int) -> Optional[str]:
    """A pattern for ``n`` in words, hyphens or spaces between the words, "and" optional."""
    words = _words(n)
    if words is None:
        return None
    parts = [re.escape(w) for w in re.split(r"[\s-]+", words) if w != "and"]
    # Not followed by "-one" … "-nine": "eighty" is not stated by "eighty-one".
    units = r"(?![\-\u2010\u2011](?:" + "|".join(_ONES[1:10]) + r")(?!\w))"
    return r"(?<![\w\-\u2010\u2011])" + (_SEP + r"(?:and" + _SEP + r")?").join(parts) + r"(?!\w)" + units


def _digits_pattern(n: int) -> str:
    """A pattern for a whole number in digits, with or without thousands commas."""
    plain = str(n)
    grouped = f"{n:,}"
    body = re.escape(grouped) if grouped == plain else f"(?:{re.escape(grouped)}|{plain})"
    return _L + body + _R


def _spaces(form: str) -> str:
    """A rendered form as a pattern in which any run of whitespace matches a space."""
    return r"\s+".join(re.escape(word) for word in form.split())


def _search(pattern: Pattern[str], text: str, accept: Callable[["re.Match[str]"], bool]) -> Optional[Match]:
    """The first match of ``pattern`` in ``text`` that ``accept`` takes, trying every start."""
    pos = 0
    while pos <= len(text):
        m = pattern.search(text, pos)
        if m is None:
            return None
        if accept(m):
            return Match(start=m.start(), end=m.end(), text=m.group())
        # Retry one character on, not after the rejected match: a rejected
        # candidate may overlap an acceptable one.
        pos = m.start() + 1
    return None


def _anything(m: "re.Match[str]") -> bool:
    return True


def _not_after_number_word(text: str) -> Callable[["re.Match[str]"], bool]:
    """Accept a candidate unless it continues a number written in words."""

    def accept(m: "re.Match[str]") -> bool:
        return _WORD_BEFORE.search(text[max(0, m.start() - 40):m.start()]) is None

    return accept


def _compile(alternatives: List[str]) -> Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


# --- dates -----------------------------------------------------------------

def _ordinal(n: int) -> str:
    """``"1st"``, ``"2nd"``, ``"11th"``, ``"23rd"``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def date_forms(d: PartialDate) -> Tuple[str, ...]:
    """Every form the sources write ``d`` in.

    A year is ``"2017"``; a month ``"July 2017"``, ``"in July 2017"``,
    ``"Jul. 2017"``; a day ``"17 July 2019"``, ``"on 17 July 2019"``,
    ``"July 17, 2019"``, ``"17th July 2019"``, ``"July 17th 2019"``,
    ``"17.07.2019"``, ``"17-07-2019"`` (the ITUC's form) and abbreviated
    months (``"17 Sept. 2019"``).  A day without its year ("on 17 July")
    does not state the date: its year is inferred from context.

    Examples:
        >>> date_forms(PartialDate(year=2017))
        ('2017',)
    """
    year = str(d.year)
    if d.month is None:
        return (year,)
    name = _MONTHS[d.month - 1]
    abbreviations = _ABBREVIATIONS.get(d.month, ())
    if d.day is None:
        forms = [f"{name} {year}", f"in {name} {year}", f"{name} [{year}]"]
        forms += [f"{a}. {year}" for a in abbreviations] + [f"{a} {year}" for a in abbreviations]
        return tuple(forms)
    day = d.day
    forms = [
        f"{day} {name} {year}",
        f"on {day} {name} {year}",
        f"{name} {day}, {year}",
        f"{name} {day} {year}",
        f"{_ordinal(day)} {name} {year}",
        f"{name} {_ordinal(day)} {year}",
        f"{name} {_ordinal(day)}, {year}",
        f"{day:02d}.{d.month:02d}.{year}",
        f"{day:02d}-{d.month:02d}-{year}",
    ]
    for a in abbreviations:
        forms += [f"{day} {a}. {year}", f"{a}. {day}, {year}", f"{day} {a} {year}"]
    return tuple(forms)


def _month_pattern(month: int) -> str:
    # Only an abbreviation takes a dot: the one after "January." ends a sentence.
    names = [re.escape(_MONTHS[month - 1]) + r"(?!\w)"]
    names += [re.escape(a) + r"(?!\w)\.?" for a in _ABBREVIATIONS.get(month, ())]
    return r"(?<!\w)(?:" + "|".join(names) + ")"


@functools.lru_cache(maxsize=1024)
def _date_pattern(d: PartialDate) -> Pattern[str]:
    # An editor's bracketed year ("February [2015]") is the source's words too.
    year = _L + r"\[?" + str(d.year) + r"\]?" + _R
    if d.month is None:
        return _compile([year])
    month = _month_pattern(d.month)
    if d.day is None:
        # A more precise statement ("17 July 2017") also states the month, and
        # so does the first month of a span ("April and May 2016", "between
        # February and March 2015", "from May to December 2011").
        any_day = r"[0-9]{1,2}(?:st|nd|rd|th)?"
        later = r"(?:\s*(?:and|to|or|through|until|[\-\u2013])\s*(?:" + "|".join(_MONTHS) + r"))?"
        return _compile([
            month + later + r",?\s+" + year,
            month + r"\s+" + any_day + r",?\s+" + year,
            _L + r"[0-9]{1,2}[./\-]0?" + str(d.month) + r"[./\-]" + str(d.year) + _R,
        ])
    day = _L + "0?" + str(d.day) + r"(?:st|nd|rd|th)?(?!\w)"
    # A day needs its year: "on 5 October" does not say which year, so a
    # year taken from context is inferred, not stated.
    # The first day of a list states its month and year too: "6 and 27 August 2018".
    more_days = r"(?:\s*(?:,|and|&|[\-\u2013])\s*[0-9]{1,2}(?:st|nd|rd|th)?)*"
    return _compile([
        day + more_days + r"\s+(?:of\s+)?" + month + r",?\s+" + year,
        month + r"\s+" + day + r",?\s+" + year,
        _L + "0?" + str(d.day) + r"[./\-]0?" + str(d.month) + r"[./\-]" + str(d.year) + _R,
    ])


def find_date(d: PartialDate, text: str) -> Optional[Match]:
    """Where ``text`` states the date ``d``, or ``None``.

    A year is found as the year; a month as "July 2017" (or a day in it); a
    day needs its day: "July 2019" does not state 17 July 2019.
    """
    return _search(_date_pattern(d), text, _anything)


# --- amounts ---------------------------------------------------------------

# Currency markers before and after a number, by ISO code.  Longest first, so
# "US$" is read whole and not as "$".
_PREFIXES: Dict[str, Tuple[str, ...]] = {
    "KZT": ("KZT", "₸"),
    "USD": ("US$", "USD", "$"),
    "EUR": ("EUR", "€"),
}
_SUFFIXES: Dict[str, Tuple[str, ...]] = {
    "KZT": ("tenge", "KZT", "₸"),
    "USD": ("US dollars", "dollars", "USD"),
    "EUR": ("euros", "euro", "EUR"),
}
_HEDGES = ("about", "approximately", "approx.", "around", "some", "roughly", "nearly", "almost")
_SCALE_VALUES = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def _marker_pattern(markers: Dict[str, Tuple[str, ...]]) -> str:
    every = sorted({m for ms in markers.values() for m in ms}, key=len, reverse=True)
    return "|".join(_spaces(m) + (r"(?!\w)" if m[-1].isalnum() else "") for m in every)


_PREFIX = re.compile(r"(?:" + _marker_pattern(_PREFIXES) + r")\s*\Z", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*(?:" + _marker_pattern(_SUFFIXES) + r")", re.IGNORECASE)


def _currency_of(marker: str, markers: Dict[str, Tuple[str, ...]]) -> Optional[str]:
    folded = " ".join(marker.split()).casefold()
    for code, ms in markers.items():
        if folded in (m.casefold() for m in ms):
            return code
    return None


def _numbers(amount: Decimal) -> List[str]:
    """The amount as the sources write its number: grouped, plain, "10.8 million"."""
    if amount == amount.to_integral_value():
        whole = int(amount)
        out = [f"{whole:,}", str(whole)]
    else:
        text = format(amount.normalize(), "f")
        integer, fraction = text.split(".")
        out = [f"{int(integer):,}.{fraction}", text]
    for scale, word in _SCALE_VALUES:
        scaled = (amount / scale).normalize()
        if amount >= scale and scaled.as_tuple().exponent >= -3:  # type: ignore[operator]
            out.append(f"{format(scaled, 'f')} {word}")
            break
    return list(dict.fromkeys(out))


def amount_forms(m: Money) -> Tuple[str, ...]:
    """Every form the sources write ``m`` in.

    The number grouped or plain ("1,595,800", "1595800"), in millions where
    it is a round one ("10.8 million"); bare, or with its currency before
    ("US$80,000", "€75,000", "KZT 150,000") or after ("75,000 Euros",
    "150,000 tenge"); an approximate amount also after a hedge ("about").

    Examples:
        >>> amount_forms(Money(amount=80000, currency="USD"))[:3]
        ('80,000', 'US$80,000', 'USD 80,000')
    """
    forms: List[str] = []
    for number in _numbers(m.amount):
        forms.append(number)
        for p in _PREFIXES.get(m.currency, (m.currency,)):
            forms.append(f"{p}{number}" if not p[-1].isalpha() else f"{p} {number}")
        for s in _SUFFIXES.get(m.currency, (m.currency,)):
            forms.append(f"{number} {s}")
            forms.append(f"{number} {s.capitalize()}")
    forms = list(dict.fromkeys(forms))
    if m.approximate:
        forms += [f"{h} {f}" for h in _HEDGES for f in forms[:3]]
    return tuple(forms)


@functools.lru_cache(maxsize=1024)
def _amount_pattern(m: Money) -> Pattern[str]:
    numbers = []
    for number in _numbers(m.amount):
        if " " in number:  # "10.8 million"
            numbers.append(_L + _spaces(number) + r"(?!\w)")
        else:
            # Trailing zeros say nothing: "37.50" is 37.5, "80,000.00" is 80000.
            zeros = "0*" if "." in number else r"(?:\.0+)?"
            numbers.append(_L + re.escape(number) + zeros + _R + _SCALE_AFTER)
    hedge = "|".join(_spaces(h) + (r"(?!\w)" if h[-1].isalpha() else "") for h in _HEDGES)
    return re.compile(
        (r"(?P<hedge>(?<!\w)(?:" + hedge + r")\s+)?" if m.approximate else "")
        + r"(?P<prefix>(?<!\w)(?:" + _marker_pattern(_PREFIXES) + r")\s*)?"
        + r"(?:" + "|".join(numbers) + r")"
        + r"(?P<suffix>\s*(?:" + _marker_pattern(_SUFFIXES) + r"))?",
        re.IGNORECASE,
    )


def find_amount(m: Money, text: str) -> Optional[Match]:
    """Where ``text`` states the amount ``m``, or ``None``.

    The number must be the amount; a currency marker next to it must be the
    amount's currency (KZT: tenge, KZT, ₸; USD: US$, $, dollars, USD; EUR: €,
    euros, EUR), and a bare number is taken as stating it.  "80,000 Euros"
    does not state US$80,000.  An approximate amount may follow "about",
    "approximately", "around" or "some", which the match then includes.
    """

    def accept(found: "re.Match[str]") -> bool:
        prefix = found.group("prefix")
        if prefix is None:
            # A marker the pattern did not take ("US$" seen from "$80,000" on).
            before = _PREFIX.search(text[max(0, found.start() - 16):found.start()])
            prefix = before.group() if before else None
        if prefix is not None and _currency_of(prefix.strip(), _PREFIXES) not in (m.currency, None):
            return False
        suffix = found.group("suffix")
        if suffix is not None and _currency_of(suffix.strip(), _SUFFIXES) not in (m.currency, None):
            return False
        return True

    return _search(_amount_pattern(m), text, accept)


# --- terms and counts ------------------------------------------------------

# Any number in digits or words ("1,000", "one hundred and one"), to see a term go on.
_NUMBER_WORD = r"(?:" + "|".join(_ONES[::-1] + _TENS[2:] + _SCALES[:1]) + r")"
_ANY_NUMBER = r"(?:[0-9][0-9,.]*|" + _NUMBER_WORD + r"(?:" + _SEP + r"(?:and" + _SEP + r")?" + _NUMBER_WORD + r")*)(?!\w)"
_UNITS = (("years", "year"), ("months", "month"), ("weeks", "week"), ("days", "day"), ("hours", "hour"))
_ANY_UNIT = r"(?:year|month|week|day|hour)s?"


def _parts(t: Term) -> List[Tuple[int, str]]:
    return [(getattr(t, attr), unit) for attr, unit in _UNITS if getattr(t, attr)]


def _unit(n: int, unit: str) -> str:
    return unit if n == 1 else unit + "s"


def term_forms(t: Term) -> Tuple[str, ...]:
    """Every form the sources write ``t`` in.

    In words or digits, with or without "and" ("five months and eight days",
    "5 months 8 days"); a single unit also as an adjective ("four-year");
    a year and a half as "two-and-a-half years".

    Examples:
        >>> term_forms(Term(years=7))
        ('7 years', '7-year', 'seven years', 'seven-year')
    """
    parts = _parts(t)
    if not parts:
        return ("0 days", "zero days")
    forms: List[str] = []
    spellings: List[Callable[[int], Optional[str]]] = [str, _words]
    for spell in spellings:
        spelled = [(spell(n), n, unit) for n, unit in parts]
        if any(s is None for s, _, _ in spelled):
            continue
        pieces = [f"{s} {_unit(n, unit)}" for s, n, unit in spelled]
        forms.append(" ".join(pieces))
        if len(pieces) > 1:
            forms.append(", ".join(pieces[:-1]) + " and " + pieces[-1])
        else:
            s, n, unit = spelled[0]
            forms.append(f"{s}-{unit}")
        if t.months == 6 and t.years and (t.weeks, t.days, t.hours) == (0, 0, 0):
            s = spell(t.years)
            forms += [f"{s}-and-a-half years", f"{s} and a half years"]
    return tuple(dict.fromkeys(forms))


def _number_pattern(n: int) -> str:
    words = _words_pattern(n)
    digits = _digits_pattern(n)
    return f"(?:{digits}|{words})" if words else digits


@functools.lru_cache(maxsize=1024)
def _term_pattern(t: Term) -> Pattern[str]:
    parts = _parts(t) or [(0, "day")]
    # A unit may carry a possessive ("five months' imprisonment") or be an
    # adjective ("four-year ban", "five-years deprivation").
    pieces = [_number_pattern(n) + _SEP + unit + r"s?(?!\w)['’]?" for n, unit in parts]
    joined = (r"(?:\s*,\s*|\s+)(?:and\s+)?").join(pieces)
    alternatives = [joined]
    if t.months == 6 and t.years and (t.weeks, t.days, t.hours) == (0, 0, 0):
        alternatives.append(_number_pattern(t.years) + _SEP + "and" + _SEP + "a" + _SEP + r"half" + _SEP + r"years?(?!\w)['’]?")
    # Not the head of a longer term: "five years" is not in "five years and six months".
    more = r"(?!(?:\s*,\s*|\s+)(?:and\s+)?" + _ANY_NUMBER + _SEP + _ANY_UNIT + r"(?!\w))"
    return re.compile("(?:" + "|".join(f"(?:{a})" for a in alternatives) + ")" + more, re.IGNORECASE)


# The tail of a longer term before a candidate: "five years and " before "six months".
_TERM_BEFORE = re.compile(r"\w" + _SEP + _ANY_UNIT + r"['’]?(?:\s*,\s*|\s+)(?:and\s+)?\Z", re.IGNORECASE)


def find_term(t: Term, text: str) -> Optional[Match]:
    """Where ``text`` states the term ``t``, or ``None``.

    Every unit of the term must be there, and nothing more: "five years" is
    not found in "five years and six months", nor "six months" in it.
    """
    word_ok = _not_after_number_word(text)

    def accept(m: "re.Match[str]") -> bool:
        return word_ok(m) and _TERM_BEFORE.search(text[max(0, m.start() - 40):m.start()]) is None

    return _search(_term_pattern(t), text, accept)


def count_forms(n: int) -> Tuple[str, ...]:
    """Every form the sources write the whole number ``n`` in: "400", "2,528", "fifteen".

    Examples:
        >>> count_forms(2528)
        ('2,528', '2528')
    """
    forms = [f"{n:,}", str(n)]
    words = _words(n)
    if words is not None:
        forms.append(words)
    return tuple(dict.fromkeys(forms))


@functools.lru_cache(maxsize=1024)
def _count_pattern(n: int) -> Pattern[str]:
    return re.compile(_number_pattern(n) + _SCALE_AFTER, re.IGNORECASE)


def find_count(n: int, text: str) -> Optional[Match]:
    """Where ``text`` states the whole number ``n`` in digits or words, or ``None``."""
    return _search(_count_pattern(n), text, _not_after_number_word(text))
