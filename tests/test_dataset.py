"""Tests for Dataset navigation, timelines and resolution, and how strictly it refuses bad input."""

import copy
import pickle

import pytest
from strategies import case_records, dataset

from kz_labour_rights import AmbiguousNameError, Dataset, NotFoundError, load
from kz_labour_rights._dataset import RECORD_TYPES, content_checksum
from kz_labour_rights._model import Redirect


def test_cases_and_penalties_of_a_person() -> None:
    """A person's cases and penalties are linked both ways."""
    ds = load()
    b = ds.people.lookup("Baltabay")
    assert ["case:baltabay-2019"] == [c.id for c in ds.cases_of(b)]
    assert {"penalty:baltabay-imprisonment-7y", "penalty:baltabay-fine-1595800-kzt", "penalty:baltabay-imprisonment-5m8d"} <= {p.id for p in ds.penalties_of(b)}


def test_case_events_in_date_order() -> None:
    """A case's events come in date order, verdict before release."""
    ds = load()
    events = ds.events_of("case:baltabay-2019")
    assert [e.date.sort_key() for e in events] == sorted(e.date.sort_key() for e in events)
    kinds = [e.kind.value for e in events]
    assert kinds.index("verdict") < kinds.index("pardon") < len(kinds) - 1 - kinds[::-1].index("release")


def test_timeline_from_verdict_to_release() -> None:
    """Baltabay's criminal case runs from the verdict (17 July 2019) to the release (20 March 2020) and beyond."""
    ds = load()
    tl = ds.timeline(ds.people.lookup("Baltabay"))
    dates = [str(e.date) for e in tl]
    case_dates = [str(e.date) for e in tl if e.case == "case:baltabay-2019"]
    assert "2019-07-17" == case_dates[0]
    assert "2020-03-20" in dates
    assert dates == sorted(dates)


def test_provisions_both_ways() -> None:
    """Provisions applied in a case, and cases applying a provision."""
    ds = load()
    prov = "provision:kz-cc-2014/art-250/part-1"
    assert prov in [p.id for p in ds.provisions_of("case:kharkova-2017")]
    assert ["case:kharkova-2017"] == [c.id for c in ds.cases_applying(prov)]


def test_memberships() -> None:
    """A person's memberships name real organisations."""
    ds = load()
    ms = ds.memberships_of("person:larisa-kharkova")
    assert "org:knprk" in {m.organisation for m in ms}
    assert all(m.organisation in ds.organisations for m in ms)


def test_conflicting_claims_are_kept_and_linked() -> None:
    """Kharkova's 100 vs 400 hours are both kept, joined by a discrepancy."""
    ds = load()
    d = ds.discrepancies_of("penalty:kharkova-community-service-400h")
    assert ["discrepancy:kharkova-compulsory-labour-hours"] == [x.id for x in d]
    assert {"PT100H", "PT400H"} <= {str(p.term) for p in ds.penalties_of("person:larisa-kharkova") if p.term}


def test_resolve_prefers_people_over_case_titles() -> None:
    """"Baltabay" resolves to the person even though a case title names him."""
    assert "person:erlan-baltabay" == load().resolve("Baltabay").id
    assert "case:baltabay-2019" == load().resolve("case:baltabay-2019").id


def test_resolve_errors() -> None:
    """Unknown names and unknown id prefixes raise NotFoundError; vague ones AmbiguousNameError."""
    ds = load()
    with pytest.raises(NotFoundError):
        ds.resolve("Nobodyov")
    with pytest.raises(NotFoundError):
        ds.get("thing:x")
    with pytest.raises(AmbiguousNameError):
        ds.resolve("union")


def test_counts_and_repr() -> None:
    """counts() covers every collection; the dataset is not hashable (it is mutable-free but compared by value)."""
    ds = load()
    assert set(ds.counts()) == {"sources", "people", "organisations", "memberships", "provisions", "cases", "events", "penalties", "discrepancies", "relations"}
    assert ds.version in repr(ds)


# --- read-only ---------------------------------------------------------------


def small() -> Dataset:
    """A consistent one-case dataset, plus a person with no links and a retired id."""
    import datetime

    records = case_records(datetime.date(2020, 1, 6), 30, 2, 10)
    records["people"].append({"id": "person:q", "name": "Quinn Unlinked", "citations": [{"source": "source:s", "quote": "q"}]})
    ds = dataset(records)
    built = {t.name: list(ds.collection(t.name)) for t in RECORD_TYPES}
    return Dataset(meta=ds.meta, records=built, redirects=[Redirect(old="person:pat", new="person:p", since="0.1.0")])


@pytest.mark.parametrize("name", ["people", "meta", "checksum", "_cases_of", "_events_of", "brand_new"])
def test_dataset_is_read_only(name: str) -> None:
    """Setting or deleting any attribute of the shared dataset raises AttributeError naming it; nothing changes."""
    ds = load()
    before = ds.counts()
    with pytest.raises(AttributeError, match=f"read-only.*'{name}'"):
        setattr(ds, name, None)
    with pytest.raises(AttributeError, match=f"read-only.*'{name}'"):
        delattr(ds, name)
    assert before == load().counts()
    assert load().people is ds.people


def test_dataset_pickles_and_copies() -> None:
    """A read-only dataset still pickles and copies, and the copy navigates."""
    ds = small()
    for clone in (pickle.loads(pickle.dumps(ds)), copy.copy(ds), copy.deepcopy(ds)):
        assert ds == clone
        assert ("case:c",) == tuple(c.id for c in clone.cases_of("person:p"))


def test_checksum_is_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checksum of a dataset that cannot change is computed on first use only, and is right."""
    import kz_labour_rights._dataset as module

    calls: List[int] = []
    monkeypatch.setattr(module, "content_checksum", lambda d: calls.append(1) or content_checksum(d))
    ds = small()
    assert content_checksum(ds) == ds.checksum == ds.checksum
    assert 1 == len(calls)
