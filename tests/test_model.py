"""Tests for the record types' own logic: the wording of a provision in force on a date."""

import datetime
from typing import Any, List

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights import InForce, LegalProvision, ProvisionVersion, load
from kz_labour_rights._values import InvalidValueError, PartialDate

CITE: Any = ()


def art_402() -> LegalProvision:
    """Article 402 of the Criminal Code as packaged: three wordings, from 2018-07-12, 2020-05-04 and 2024-06-19."""
    return load().provisions["provision:kz-cc-2014/art-402"]


def positions(provision: LegalProvision, versions: "tuple[ProvisionVersion, ...]") -> List[int]:
    """Where each version sits in the provision's list."""
    return [provision.versions.index(v) for v in versions]


@pytest.mark.parametrize(
    "date, certain, possible, unrecorded",
    [
        ("2017-07-25", [], [], True),          # before the first recorded wording: only an unrecorded one
        ("2018-07-11", [], [], True),
        ("2019-03-01", [], [0], True),         # the 2018 law took effect on or after 12 July 2018
        ("2020-05-03", [], [0], True),
        ("2020-05", [], [0, 1], True),         # a month straddling the amendment of 4 May 2020
        ("2020-05-04", [1], [], False),        # the 2018 wording ceased on 4 May 2020: the new one began then
        ("2021", [1], [], False),
        ("2024-06-18", [1], [], False),
        ("2024-07-01", [], [1, 2], False),     # the 2024 law: on or after 19 June 2024
    ],
)
def test_article_402_on_each_side_of_its_amendments(date: str, certain: List[int], possible: List[int], unrecorded: bool) -> None:
    """version_on gives the certain wording where the dates settle it, and every wording that may apply where they do not."""
    provision = art_402()
    answer = provision.version_on(date)
    assert (certain, possible, unrecorded) == (positions(provision, answer.certain), positions(provision, answer.possible), answer.unrecorded)
    assert answer.is_certain == (bool(certain) and not possible and not unrecorded)


def test_version_on_takes_dates_of_every_form() -> None:
    """A PartialDate, a datetime.date and text give one answer; anything else is refused."""
    provision = art_402()
    assert provision.version_on("2021-01-01") == provision.version_on(datetime.date(2021, 1, 1)) == provision.version_on(PartialDate.parse("2021-01-01"))
    with pytest.raises(InvalidValueError):
        provision.version_on("1 May 2021")


def test_provision_without_wordings_answers_unrecorded() -> None:
    """A provision with no dated wording says so rather than answering nothing."""
    provision = LegalProvision(id="provision:x", instrument="Code", title="t", citations=CITE)
    assert InForce(provision="provision:x", date=PartialDate.parse("2020"), unrecorded=True) == provision.version_on("2020")


@st.composite
def exact_wordings(draw: Any) -> LegalProvision:
    """A provision whose wordings start on exact, increasing days (no bounds): the law is then known on every day."""
    days = sorted(draw(st.sets(st.integers(0, 3000), min_size=1, max_size=5)))
    start = datetime.date(2014, 1, 1)
    versions = tuple(
        ProvisionVersion(valid_from=PartialDate.from_date(start + datetime.timedelta(days=d)), summary=f"v{i}", citations=CITE)
        for i, d in enumerate(days)
    )
    return LegalProvision(id="provision:x", instrument="Code", title="t", versions=versions, citations=CITE)


@given(exact_wordings(), st.integers(-10, 3100))
def test_exact_dates_give_one_certain_wording(provision: LegalProvision, offset: int) -> None:
    """With exact starts, every day from the first start has exactly one certain wording (the latest begun), and before it
    only an unrecorded one may apply."""
    day = datetime.date(2014, 1, 1) + datetime.timedelta(days=offset)
    answer = provision.version_on(day)
    begun = [v for v in provision.versions if v.valid_from is not None and v.valid_from.to_date() <= day]
    expected = (begun[-1],) if begun else ()
    assert (expected, (), not begun) == (answer.certain, answer.possible, answer.unrecorded)


def test_provisions_in_force_covers_every_decision() -> None:
    """Every decision of Kharkova's case is answered for each provision it applied, in date order."""
    ds = load()
    answers = ds.provisions_in_force("case:kharkova-2017")
    decisions = [e for e in ds.events_of("case:kharkova-2017") if e.kind.value in ("verdict", "appeal", "cassation", "ruling")]
    assert {e.id for e in decisions} == {a.event for a in answers}
    assert [a.date for a in answers] == sorted((a.date for a in answers), key=lambda d: d.earliest())
    verdict = [a for a in answers if a.event == "event:kharkova-2017-07-25-verdict"]
    assert ["provision:kz-cc-2014/art-250/part-1"] == [a.provision for a in verdict]
