"""Tests for Dataset navigation, timelines and resolution, and how strictly it refuses bad input."""

import copy
import inspect
import pickle
import warnings
from typing import Any, Callable, Dict, List, Tuple

import pytest
from conftest import Work
from hypothesis import given
from strategies import JUNK_ARGUMENTS, case_records, dataset, json_documents

from kz_labour_rights import AmbiguousNameError, Collection, Dataset, NotFoundError, UsageError, load, name_key, record_names
from kz_labour_rights._dataset import RECORD_TYPES, content_checksum
from kz_labour_rights._errors import KzLabourRightsError
from kz_labour_rights._model import Redirect
from kz_labour_rights._names import NAME_MAX_CHARS, NAME_MAX_WORDS, QUERY_MAX_CHARS, clip


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


def test_a_provision_an_event_applies_is_applied_by_its_case() -> None:
    """A case applies the provisions it lists and those its events name, both ways: every case's provisions_of is
    exactly the provisions its cases_applying answers for, and the suspension of the fuel and energy union applies
    article 430 through an event only."""
    ds = load()
    for case in ds.cases:
        named = list(case.provisions) + [p for e in ds.events_of(case) for p in e.provisions]
        applied = [p.id for p in ds.provisions_of(case)]
        assert (list(case.provisions), set(named), len(set(named))) == (applied[: len(case.provisions)], set(applied), len(applied))
        assert set(named) == {p.id for p in ds.provisions if case in ds.cases_applying(p)}
    case = ds.cases["case:fuel-energy-union-suspension-2021"]
    assert ("provision:kz-cc-2014/art-430" not in case.provisions, [case]) == (True, list(ds.cases_applying("provision:kz-cc-2014/art-430")))


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
    assert "discrepancy:kharkova-compulsory-labour-hours" in [x.id for x in d]
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


# --- navigation --------------------------------------------------------------

NAVIGATION = ["cases_of", "events_of", "penalties_of", "provisions_of", "provisions_in_force", "cases_applying", "memberships_of", "discrepancies_of", "timeline", "cited_sources"]


def test_known_record_without_links_gives_nothing() -> None:
    """A known record with no links still gives (), by id or by record."""
    ds = small()
    quinn = ds.people["person:q"]
    for method in ("cases_of", "penalties_of", "memberships_of", "discrepancies_of", "timeline", "cited_sources"):
        assert () == getattr(ds, method)("person:q") or method == "cited_sources"
        assert () == getattr(ds, method)(quinn) or method == "cited_sources"
    assert ("source:s",) == tuple(s.id for s in ds.cited_sources(quinn))


@pytest.mark.parametrize(
    "method, typo, near",
    [
        ("cases_of", "person:larisa-harkova", "person:larisa-kharkova"),
        ("timeline", "person:larisa-harkova", "person:larisa-kharkova"),
        ("penalties_of", "person:erlan-baltabai", "person:erlan-baltabay"),
        ("memberships_of", "org:knprkk", "org:knprk"),
        ("events_of", "case:baltabay-2018", "case:baltabay-2019"),
        ("provisions_of", "case:kharkova-2071", "case:kharkova-2017"),
        ("cases_applying", "provision:kz-cc-2014/art-250/part-2", "provision:kz-cc-2014/art-250/part-1"),
        ("discrepancies_of", "penalty:kharkova-community-service-400", "penalty:kharkova-community-service-400h"),
        ("cited_sources", "person:larisa-harkova", "person:larisa-kharkova"),
        ("timeline", "persn:larisa-kharkova", "person:larisa-kharkova"),
    ],
)
def test_unknown_id_raises_with_near_ids(method: str, typo: str, near: str) -> None:
    """An unknown id is not "no links": NotFoundError (a KeyError) suggests the ids it resembles."""
    with pytest.raises(NotFoundError) as info:
        getattr(load(), method)(typo)
    assert isinstance(info.value, KeyError)
    assert near == info.value.suggestions[0]


@pytest.mark.parametrize(
    "method, name, record, call",
    [
        ("timeline", "Kharkova", "person:larisa-kharkova", "ds.resolve('Kharkova')"),
        ("cases_of", "Baltabay", "person:erlan-baltabay", "ds.resolve('Baltabay')"),
        ("events_of", "Baltabay", "case:baltabay-2019", "ds.cases.lookup('Baltabay')"),
        ("cases_applying", "Criminal Code article 250", "provision:kz-cc-2014/art-250", "ds.provisions.lookup('Criminal Code article 250')"),
    ],
)
def test_a_name_raises_and_points_to_resolve(method: str, name: str, record: str, call: str) -> None:
    """A name given to navigation raises NotFoundError listing the records it names, and the call that turns a name into a record."""
    with pytest.raises(NotFoundError) as info:
        getattr(load(), method)(name)
    assert any(record in s for s in info.value.suggestions)
    assert f"takes an id; {call} turns a name into its record" in info.value.hint
    assert call in str(info.value)


def test_get_with_a_name_points_to_resolve() -> None:
    """ds.get("Kharkova") suggests Larisa Kharkova and ds.resolve."""
    with pytest.raises(NotFoundError) as info:
        load().get("Kharkova")
    assert "Larisa Kharkova (person:larisa-kharkova)" == info.value.suggestions[0]
    assert "ds.get takes an id; ds.resolve('Kharkova') turns a name into its record" == info.value.hint


@pytest.mark.parametrize(
    "method, wrong, expected",
    [
        ("events_of", "person:larisa-kharkova", "a case"),
        ("provisions_of", "person:larisa-kharkova", "a case"),
        ("cases_of", "case:baltabay-2019", "a person or organisation"),
        ("memberships_of", "case:baltabay-2019", "a person or organisation"),
        ("penalties_of", "org:knprk", "a person or case"),
        ("cases_applying", "case:baltabay-2019", "a provision"),
        ("timeline", "source:fpc-2021-sustained-crackdown", "a person, organisation, case or provision"),
        ("events_of", "person:nobody-at-all", "a case"),
    ],
)
def test_wrong_kind_raises_usage_error(method: str, wrong: str, expected: str) -> None:
    """An id, or a record, of a kind the method does not take raises UsageError (a ValueError) naming what it takes."""
    ds = load()
    for value in [wrong, *([ds.get(wrong)] if _known(ds, wrong) else [])]:
        with pytest.raises(UsageError, match=f"takes {expected}, not") as info:
            getattr(ds, method)(value)
        assert isinstance(info.value, ValueError)


def _known(ds: Dataset, record_id: str) -> bool:
    """Whether ``record_id`` names a record of ``ds``."""
    try:
        ds.get(record_id)
    except NotFoundError:
        return False
    return True


def test_wrong_kind_names_the_methods_that_take_it() -> None:
    """events_of(a person) says which methods take a person."""
    with pytest.raises(UsageError) as info:
        load().events_of("person:larisa-kharkova")
    assert "for a person use cases_of, memberships_of, penalties_of, timeline" in str(info.value)


def test_retired_id_navigates_as_its_replacement() -> None:
    """A retired id warns and navigates as the id that replaced it (it used to give ())."""
    ds = small()
    with pytest.warns(DeprecationWarning, match="person:pat"):
        assert ds.cases_of("person:p") == ds.cases_of("person:pat") != ()


@pytest.mark.parametrize("method", ["get", "resolve", "collection", "search", *NAVIGATION])
@pytest.mark.parametrize("value", [None, 42, 1.5, True, b"person:larisa-kharkova", ["person:larisa-kharkova"], {}, object()], ids=repr)
def test_non_str_raises_type_error_naming_the_argument(method: str, value: Any) -> None:
    """A non-str (and non-record) argument raises TypeError naming the method and the argument."""
    bound = getattr(load(), method)
    argument = next(iter(inspect.signature(bound).parameters))
    with pytest.raises(TypeError) as info:
        bound(value)
    assert f"Dataset.{method}() argument '{argument}' must be" in str(info.value)
    assert not isinstance(info.value, KzLabourRightsError)


@pytest.mark.parametrize("options, error", [({"limit": 0}, UsageError), ({"limit": -3}, UsageError), ({"limit": 2.0}, TypeError), ({"min_score": 2}, UsageError), ({"min_score": "high"}, TypeError)])
def test_search_refuses_bad_options(options: "dict[str, Any]", error: type) -> None:
    """Dataset.search checks limit and min_score before searching anything."""
    with pytest.raises(error, match="Dataset.search"):
        load().search("Kharkova", **options)


def test_resolve_by_name_does_no_fuzzy_work(work: Work) -> None:
    """Resolving a known name compares nothing fuzzily: a miss among people and organisations ("Zhanaozen" is a case) needs no suggestions."""
    ds = load()
    assert "person:larisa-kharkova" == ds.resolve("Kharkova").id
    assert "case:zhanaozen-trial-2012" == ds.resolve("Zhanaozen").id
    assert 0 == work.ratios


# --- junk arguments ------------------------------------------------------------

# A valid value for each parameter, so that each one can be given junk in turn.
VALID: Dict[str, Any] = {
    "name": "people", "record_id": "person:larisa-kharkova", "name_or_id": "Kharkova", "text": "Kharkova", "limit": 5,
    "min_score": 0.5, "entity": "person:larisa-kharkova", "case": "case:baltabay-2019", "provision": "provision:kz-cc-2014/art-250/part-1",
    "record": "person:larisa-kharkova", "default": None, "item": "person:larisa-kharkova", "related": True,
}


def budget(ds: Dataset) -> int:
    """The most character pairs one call may compare: one search of every named collection at the query bound,
    and the nearest ids among every id (the text's first 200 characters against each id)."""
    names = [n for c in ("people", "organisations", "cases", "provisions", "sources") for r in ds.collection(c) for n in record_names(r)]
    search = sum(2 * QUERY_MAX_CHARS * len(clip(name_key(n), NAME_MAX_WORDS, NAME_MAX_CHARS)) for n in names)
    return search + sum(NAME_MAX_CHARS * len(i) for t in RECORD_TYPES for i in ds.collection(t.name).ids())


def public_calls(ds: Dataset) -> List[Tuple[str, Callable[[Any], Any]]]:
    """Every public method of the Dataset and of a Collection, once per parameter, that parameter given the junk."""
    calls: List[Tuple[str, Callable[[Any], Any]]] = []
    for owner, target in ((Dataset, ds), (Collection, ds.people)):
        names = [n for n, v in inspect.getmembers(owner) if callable(v) and not n.startswith("_") and not inspect.isclass(v)]
        for name in sorted({*names, *(n for n in ("__getitem__", "__contains__") if hasattr(owner, n))}):
            method = getattr(target, name)
            params = [p for p in inspect.signature(method).parameters.values() if p.kind is not p.VAR_KEYWORD]
            if not params:
                calls.append((f"{owner.__name__}.{name}()", lambda _v, m=method: m()))
            for p in params:
                missing = [q.name for q in params if q.name not in VALID]
                assert [] == missing, f"add a valid value for {owner.__name__}.{name}'s parameters to VALID"
                def call(v: Any, m: Callable[..., Any] = method, p: str = p.name, ps: Any = params) -> Any:
                    return m(**{q.name: (v if q.name == p else VALID[q.name]) for q in ps if q.name == p or q.default is q.empty})
                calls.append((f"{owner.__name__}.{name}({p.name}=…)", call))
    return calls


def test_junk_arguments(work: Work) -> None:
    """Every public Dataset and Collection method, each parameter given each junk value, returns or raises
    NotFoundError, AmbiguousNameError, UsageError or TypeError — nothing else — within bounded work."""
    ds = load()
    limit = budget(ds)
    calls = public_calls(ds)
    assert len(calls) >= 25
    bad: List[str] = []
    for label, call in calls:
        for value in JUNK_ARGUMENTS:
            work.reset()
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                try:
                    call(value)
                except (NotFoundError, AmbiguousNameError, UsageError, TypeError):
                    pass
                except Exception as exc:  # noqa: BLE001 - the point is to catch what should not escape
                    bad.append(f"{label} with {repr(value)[:30]}: {type(exc).__name__}: {str(exc)[:150]}")
            if work.cells > limit:
                bad.append(f"{label} with {repr(value)[:30]}: compared {work.cells} character pairs, over {limit}")
    assert [] == bad


@pytest.mark.parametrize("blank", ["", " ", "\x00", "\u202e", "..."])
def test_blank_text_suggests_nothing(blank: str) -> None:
    """Text with nothing in it is no name: NotFoundError without suggestions (no hint to resolve it)."""
    ds = load()
    for call in (ds.get, ds.timeline, ds.events_of):
        with pytest.raises(NotFoundError) as info:
            call(blank)
        assert () == info.value.suggestions


def test_discrepancies_of_can_include_what_concerns_the_record() -> None:
    """related=True adds the conflicts about a person's penalties and events, each once; the default keeps direct ones."""
    ds = load()
    direct = ds.discrepancies_of("person:larisa-kharkova")
    related = ds.discrepancies_of("person:larisa-kharkova", related=True)
    assert set(direct) <= set(related) and len(set(related)) == len(related)
    assert "discrepancy:kharkova-restriction-end" in {d.id for d in related} - {d.id for d in direct}


@given(json_documents)
def test_canonical_json_is_json_dumps(document: Any) -> None:
    """The fast canonical writer gives exactly what ``json.dumps(indent=2, sort_keys=True, ensure_ascii=False)`` gives."""
    import json

    from kz_labour_rights._dataset import canonical_json

    assert json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n" == canonical_json(document)


def test_to_pandas_and_to_arrow_are_the_formats_tables() -> None:
    """Dataset.to_pandas() and to_arrow() give the typed tables the formats package builds, table for table."""
    pytest.importorskip("pandas", reason='to_pandas needs pandas: pip install "kz-labour-rights[pandas]"')
    pytest.importorskip("pyarrow", reason='to_arrow needs pyarrow: pip install "kz-labour-rights[parquet]"')
    from kz_labour_rights import formats

    ds = load()
    frames, tables = ds.to_pandas(), ds.to_arrow()
    assert list(formats.to_pandas(ds)) == list(frames) == list(tables)
    assert all(tables[name].equals(t) for name, t in formats.to_arrow(ds).items())
    assert "datetime64[ms]" == str(frames["events"]["date_earliest"].dtype)
