"""Tests for the surface-form matcher (_surface): rendering and finding stated values."""

from typing import Callable, Optional, Tuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights import Money, PartialDate, Term
from kz_labour_rights._surface import (
    Match,
    amount_forms,
    count_forms,
    date_forms,
    find_amount,
    find_count,
    find_date,
    find_term,
    term_forms,
)

from strategies import (
    distinct_amounts,
    distinct_counts,
    distinct_currencies,
    distinct_dates,
    distinct_terms,
    surface_embeddings,
)

D = PartialDate
day = lambda y, m, d: PartialDate(year=y, month=m, day=d)  # noqa: E731
KZT = lambda n: Money(amount=n, currency="KZT")  # noqa: E731
USD = lambda n: Money(amount=n, currency="USD")  # noqa: E731
EUR = lambda n: Money(amount=n, currency="EUR")  # noqa: E731

# (finder, value, quote, the statement found or None) — quotes from the dataset's citations.
REAL_QUOTES = [
    (find_term, Term(years=7), "the Enbekshi District Court of Shymkent sentenced Mr Baltabay to seven years of imprisonment", "seven years"),
    (find_date, day(2019, 7, 17), "On 17 July 2019, the Enbekshi District Court", "17 July 2019"),
    (find_amount, KZT(1595800), "recalculated as a fine amounting to 1,595,800 tenge, which", "1,595,800 tenge"),
    (find_amount, KZT(1595800), "2,528 days ÷ 4 × 2,525 = 1,595,800 tenge; 1,595,800 ÷ (4 × 2,525) = 158 days", "1,595,800 tenge"),
    (find_term, Term(months=5, days=8), "The above sanction was replaced by five months and eight days of imprisonment", "five months and eight days"),
    (find_date, day(2022, 3, 18), "entry Judicial harassment against trade union leaders (18-03-2022)", "18-03-2022"),
    (find_date, day(2011, 6, 5), "who staged a peaceful march in Aktau, a port city in western Kazakhstan, on June 5, 2011.", "June 5, 2011"),
    (find_date, day(2021, 2, 5), "On February 5th 2021, the court", "February 5th 2021"),
    (find_date, day(2017, 7, 25), "on July 25th 2017 he was", "July 25th 2017"),
    (find_date, day(2018, 7, 12), "decision of 12.07.2018", "12.07.2018"),
    (find_date, D(year=2019, month=10), "he was sentenced to five months in prison in October 2019 for failing to pay", "October 2019"),
    (find_amount, USD(26300), "required him to pay US$26,300 in damages.", "US$26,300"),
    (find_amount, EUR(75000), "Kushakbaev has been ordered to pay 75,000 Euros in compensation", "75,000 Euros"),
    (find_amount, USD(75000), "Kushakbaev has been ordered to pay 75,000 Euros in compensation", None),
    (find_amount, USD(80000), "He was also ordered to pay material damages of US$80,000", "US$80,000"),
    (find_amount, EUR(80000), "He was also ordered to pay material damages of US$80,000", None),
    (find_amount, Money(amount=113, currency="USD", approximate=True), "she had been fined about US$113.", "about US$113"),
    (find_amount, KZT(10800000), "damages of 10.8 million tenge", "10.8 million tenge"),
    (find_term, Term(years=2, months=6), "sentenced to two-and-a-half years in prison", "two-and-a-half years"),
    (find_term, Term(years=2), "sentenced to two and two-and-a-half years’ jail respectively", None),
    (find_term, Term(months=5), "sentenced to an additional five months’ imprisonment", "five months’"),
    (find_term, Term(years=5), "five-years deprivation of the right to hold senior positions", "five-years"),
    (find_term, Term(years=2), "subjected to a two-year ban engaging in trade union activities", "two-year"),
    (find_term, Term(hours=100), "sentenced her to 100 hours of community service", "100 hours"),
    (find_term, Term(days=10), "was convicted and sentenced to 10 days of arrest", "10 days"),
    (find_count, 2528, "the unserved 2,528 days of imprisonment were recalculated", "2,528"),
]


@pytest.mark.parametrize("find, value, quote, expected", REAL_QUOTES)
def test_real_quotes(find: Callable[[object, str], Optional[Match]], value: object, quote: str, expected: Optional[str]) -> None:
    """Each value is found in (or, where marked None, rightly absent from) a quote from the sources."""
    found = find(value, quote)
    assert expected == (found.text if found else None)


def test_match_is_the_span_of_the_text() -> None:
    """A match's start and end index the statement in the text as given."""
    text = "Court, on 17\n July   2019: sentence"
    found = find_date(day(2019, 7, 17), text)
    assert Match(start=10, end=25, text="17\n July   2019") == found
    assert found is not None and found.text == text[found.start:found.end]


@pytest.mark.parametrize(
    "find, value, text",
    [
        (find_date, D(year=2017), "case 120175"),
        (find_count, 17, "in 2017"),
        (find_amount, KZT(1595800), "11,595,800 tenge"),
        (find_amount, KZT(1595800), "1,595,8000 tenge"),
        (find_amount, KZT(595800), "1,595,800 tenge"),
        (find_count, 5, "2.5 times"),
        (find_amount, KZT(10), "10.5 tenge"),
        (find_amount, KZT(10), "10 million tenge"),
        (find_count, 4, "four hundred"),
        (find_count, 5, "fifteen"),
        (find_count, 1, "twenty-one"),
        (find_count, 1, "twenty one"),
        (find_count, 5, "one hundred and five"),
        (find_date, day(2019, 7, 1), "17 July 2019"),
        (find_date, day(2019, 7, 17), "July 2019"),
        (find_date, day(2021, 10, 5), "on 5 October 2020"),
        (find_date, day(2021, 10, 5), "on October 5, 2020"),
        (find_date, day(2021, 10, 5), "on 5 October, he"),
        (find_date, day(2000, 1, 1), "on 1 January. Then"),
        (find_date, D(year=2017, month=7), "in June 2017"),
        (find_term, Term(years=5), "five years and six months"),
        (find_term, Term(months=6), "five years and six months"),
        (find_term, Term(months=6), "5 years 6 months"),
        (find_term, Term(years=1), "twenty-one years"),
        (find_term, Term(years=7), "seven-and-a-half years"),
    ],
)
def test_boundaries(find: Callable[[object, str], Optional[Match]], value: object, text: str) -> None:
    """A value is not found inside a longer number, a longer term or a different date."""
    assert None is find(value, text)


@pytest.mark.parametrize(
    "find, value, text, expected",
    [
        (find_date, D(year=2016, month=4), "in April and May 2016", "April and May 2016"),
        (find_date, day(2018, 8, 6), "On 6 and 27 August 2018, the Ministry", "6 and 27 August 2018"),
        (find_date, D(year=2015, month=2), "between February and March 2015", "February and March 2015"),
        (find_date, D(year=2011, month=5), "From May to December 2011", "May to December 2011"),
        (find_date, D(year=2015, month=2), "lasted until February [2015]–we", "February [2015]"),
        (find_date, day(2017, 9, 17), "17 Sept. 2017", "17 Sept. 2017"),
        (find_date, day(2017, 9, 17), "Sept 17, 2017", "Sept 17, 2017"),
        (find_date, D(year=2017, month=7), "in July 2017", "July 2017"),
        (find_date, D(year=2017, month=7), "on 17 July 2017", "July 2017"),
        (find_date, D(year=2017), "20-01-2017", "2017"),
        (find_amount, KZT(150000), "KZT 150,000", "KZT 150,000"),
        (find_amount, KZT(150000), "150,000 ₸", "150,000 ₸"),
        (find_amount, EUR(75000), "€75,000", "€75,000"),
        (find_amount, USD(80000), "$80,000", "$80,000"),
        (find_amount, USD(80000), "80000 dollars", "80000 dollars"),
        (find_amount, KZT(1595800), "1595800", "1595800"),
        (find_amount, Money(amount="37.5", currency="KZT"), "37.50 tenge", "37.50 tenge"),
        (find_amount, Money(amount=80000, currency="USD", approximate=True), "approximately $80,000", "approximately $80,000"),
        (find_amount, Money(amount=80000, currency="USD", approximate=True), "some US$80,000", "some US$80,000"),
        (find_count, 15, "Fifteen", "Fifteen"),
        (find_count, 400, "400", "400"),
        (find_term, Term(years=4), "a four-year ban", "four-year"),
        (find_term, Term(years=7), "7 years", "7 years"),
        (find_term, Term(months=5, days=8), "5 months 8 days", "5 months 8 days"),
    ],
)
def test_forms_from_the_sources(find: Callable[[object, str], Optional[Match]], value: object, text: str, expected: str) -> None:
    """Each surface form the brief lists is found, case-insensitively, as the statement expected."""
    found = find(value, text)
    assert expected == (found.text if found else None)


def test_an_amount_beside_another_currency_is_not_taken_as_bare() -> None:
    """"US$80,000" does not state €80,000, even read from the "$" or the "8" on."""
    assert None is find_amount(EUR(80000), "damages of US$80,000 and")
    assert None is find_amount(EUR(80000), "USD 80,000")


def test_forms_examples() -> None:
    """The rendered forms include those the sources use."""
    assert {"17 July 2019", "July 17, 2019", "17.07.2019", "17-07-2019", "17th July 2019"} <= set(date_forms(day(2019, 7, 17)))
    assert {"17 Sept. 2019", "17 Sept 2019"} <= set(date_forms(day(2019, 9, 17)))
    assert {"July 2017", "in July 2017"} <= set(date_forms(D(year=2017, month=7)))
    assert {"1,595,800", "1595800", "1,595,800 tenge", "KZT 1,595,800"} <= set(amount_forms(KZT(1595800)))
    assert {"US$80,000", "$80,000", "80,000 dollars"} <= set(amount_forms(USD(80000)))
    assert {"75,000 Euros", "€75,000"} <= set(amount_forms(EUR(75000)))
    assert {"10.8 million", "10.8 million tenge"} <= set(amount_forms(KZT(10800000)))
    assert {"five months and eight days", "5 months 8 days"} <= set(term_forms(Term(months=5, days=8)))
    assert {"two-and-a-half years"} <= set(term_forms(Term(years=2, months=6)))
    assert {"seven years", "7 years", "four-year"} <= set(term_forms(Term(years=7)) + term_forms(Term(years=4)))
    assert ("15", "fifteen") == count_forms(15)


def _within(found: Optional[Match], start: int, end: int) -> Tuple[bool, bool]:
    assert found is not None
    return (start <= found.start, found.end <= end)


@given(st.data(), distinct_dates())
def test_every_date_form_is_found_and_another_date_is_not(data: st.DataObject, pair: Tuple[PartialDate, PartialDate]) -> None:
    """Each rendered form of a date, in any surroundings, is found there; the same form of another date is not."""
    d, other = pair
    for form in date_forms(d):
        text, start, end = data.draw(surface_embeddings(form))
        assert (True, True) == _within(find_date(d, text), start, end), (form, text)
    for form in date_forms(other):
        text, _, _ = data.draw(surface_embeddings(form))
        assert None is find_date(d, text), (form, text)


@given(st.data(), distinct_amounts())
def test_every_amount_form_is_found_and_another_amount_is_not(data: st.DataObject, pair: Tuple[Money, Money]) -> None:
    """Each rendered form of an amount is found in any surroundings; the same form of another amount is not."""
    m, other = pair
    for form in amount_forms(m):
        text, start, end = data.draw(surface_embeddings(form))
        assert (True, True) == _within(find_amount(m, text), start, end), (form, text)
    for form in amount_forms(other):
        text, _, _ = data.draw(surface_embeddings(form))
        assert None is find_amount(m, text), (form, text)


_MARKERS = ("$", "€", "₸", "kzt", "usd", "eur", "tenge", "dollar")


@given(st.data(), distinct_currencies())
def test_an_amount_in_another_currency_is_not_found(data: st.DataObject, pair: Tuple[Money, Money]) -> None:
    """The same number with another currency's marker does not state the amount."""
    m, other = pair
    marked = [f for f in amount_forms(other) if any(k in f.lower() for k in _MARKERS)]
    assert marked
    for form in marked:
        text, _, _ = data.draw(surface_embeddings(form))
        assert None is find_amount(m, text), (form, text)


@given(st.data(), distinct_terms())
def test_every_term_form_is_found_and_another_term_is_not(data: st.DataObject, pair: Tuple[Term, Term]) -> None:
    """Each rendered form of a term is found in any surroundings; the same form of another term is not."""
    t, other = pair
    for form in term_forms(t):
        text, start, end = data.draw(surface_embeddings(form))
        assert (True, True) == _within(find_term(t, text), start, end), (form, text)
    for form in term_forms(other):
        text, _, _ = data.draw(surface_embeddings(form))
        assert None is find_term(t, text), (form, text)


@given(st.data(), distinct_counts())
def test_every_count_form_is_found_and_another_count_is_not(data: st.DataObject, pair: Tuple[int, int]) -> None:
    """Each rendered form of a count is found in any surroundings; the same form of another count is not."""
    n, other = pair
    for form in count_forms(n):
        text, start, end = data.draw(surface_embeddings(form))
        assert (True, True) == _within(find_count(n, text), start, end), (form, text)
    for form in count_forms(other):
        text, _, _ = data.draw(surface_embeddings(form))
        assert None is find_count(n, text), (form, text)


def test_near_misses_do_not_hide_the_statement() -> None:
    """Thousands of rejected candidates before it do not hide the statement at the end of a text."""
    text = "US$80,000 " * 2000 + "€80,000"
    found = find_amount(EUR(80000), text)
    assert found is not None
    assert (len(text) - len("€80,000"), len(text)) == (found.start, found.end)


def test_a_day_without_its_year_is_not_stated() -> None:
    """"on 17 July" does not say which year: no form leaves the year out, and the finder does not accept one."""
    assert all("2019" in form for form in date_forms(day(2019, 7, 17)))
    assert None is find_date(day(2019, 7, 17), "on 17 July, in the morning")


def test_a_tens_word_is_not_found_inside_a_compound() -> None:
    """"eighty" is not stated by "nine hundred and eighty-one" nor by "twenty-five" (hypothesis found 980 in
    "nine hundred and eighty-one"); it still is by "eighty" and "eighty-year"."""
    assert (None, None) == (find_count(980, "nine hundred and eighty-one"), find_count(20, "twenty-five days"))
    assert (True, True) == (find_count(980, "nine hundred and eighty workers") is not None, find_count(80, "an eighty-year-old") is not None)
