"""Tests for Collection: ids, lookup across spellings, fuzzy search, errors, strictness and bounds."""

import copy
import math
import pickle
import random
from types import SimpleNamespace
from typing import Any, Callable, List, Tuple

import pytest
from conftest import Work
from strategies import JUNK_ARGUMENTS

from kz_labour_rights import AmbiguousNameError, Collection, LegalProvision, NotFoundError, Person, UsageError, load, name_key, record_names
from kz_labour_rights._converter import structure
from kz_labour_rights._errors import KzLabourRightsError
from kz_labour_rights._names import NAME_MAX_CHARS, NAME_MAX_WORDS, QUERY_MAX_CHARS, clip


@pytest.mark.parametrize(
    "spelling, expected",
    [
        ("Kushakbaev", "person:nurbek-kushakbaev"),
        ("Kushakbayev", "person:nurbek-kushakbaev"),
        ("Kushakpaev", "person:nurbek-kushakbaev"),
        ("Nurbek Kushakbayev", "person:nurbek-kushakbaev"),
        ("Baltabay", "person:erlan-baltabay"),
        ("Baltabai", "person:erlan-baltabay"),
        ("Erlan Baltabai", "person:erlan-baltabay"),
        ("Eleusinov", "person:amin-eleusinov"),
        ("Yeleusinov", "person:amin-eleusinov"),
        ("Amin Yeleusinov", "person:amin-eleusinov"),
        ("Kharkova", "person:larisa-kharkova"),
        ("Larisa Kharkova", "person:larisa-kharkova"),
        ("Larisa Nilolayvna Kharkova", "person:larisa-kharkova"),
        ("LARISA KHARKOVA", "person:larisa-kharkova"),
        ("person:larisa-kharkova", "person:larisa-kharkova"),
    ],
)
def test_lookup_every_spelling(spelling: str, expected: str) -> None:
    """Every transliteration variant the sources use finds the one person."""
    assert expected == load().people.lookup(spelling).id


@pytest.mark.parametrize("acronym", ["KNPRK", "CNTUK", "CITUK", "KNPKR", "Confederation of Independent Trade Unions of the Republic of Kazakhstan"])
def test_lookup_union_aliases(acronym: str) -> None:
    """Every name and acronym of the confederation resolves to one record."""
    assert "org:knprk" == load().organisations.lookup(acronym).id


def test_unknown_name_suggests() -> None:
    """An unknown name raises NotFoundError (a KeyError) with near matches."""
    with pytest.raises(NotFoundError) as info:
        load().people.lookup("Kharkovaa Larisa Z")
    assert isinstance(info.value, KeyError)
    assert any("person:larisa-kharkova" in s for s in info.value.suggestions)


def test_ambiguous_name_lists_all() -> None:
    """A name fitting several records lists every candidate."""
    with pytest.raises(AmbiguousNameError) as info:
        load().organisations.lookup("court")
    assert len(info.value.candidates) >= 3


def test_getitem_get_contains_len_iter() -> None:
    """The mapping protocol behaves as documented."""
    people = load().people
    assert "Larisa Kharkova" == people["person:larisa-kharkova"].name
    assert people.get("person:nobody") is None
    assert "fallback" == people.get("person:nobody", "fallback")
    assert "person:larisa-kharkova" in people and people["person:larisa-kharkova"] in people
    assert len(people) == len(list(people)) == len(people.ids())
    assert sorted(people.ids()) == [p.id for p in people]
    with pytest.raises(NotFoundError) as info:
        people["person:larisa-harkova"]
    assert "person:larisa-kharkova" in info.value.suggestions


def test_search_ranks_best_first() -> None:
    """Fuzzy search puts the closest name first and respects the limit."""
    matches = load().people.search("Kharkov", limit=2)
    assert "person:larisa-kharkova" == matches[0].record.id
    assert len(matches) <= 2
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    with pytest.raises(ValueError):
        load().people.search("x", limit=0)


def test_find_lists_candidates_without_raising() -> None:
    """find() returns every candidate lookup would weigh: one, several, or none."""
    people = load().people
    assert ["person:larisa-kharkova"] == [r.id for r in people.find("Kharkova")]
    assert [] == people.find("Zzyzx Qwerty")
    assert ["person:larisa-kharkova"] == [r.id for r in people.find("person:larisa-kharkova")]


# --- strictness: read-only, argument types, search options and bounds ---------

NOT_STR: List[Any] = [None, 0, 1.5, True, b"person:larisa-kharkova", ["person:larisa-kharkova"], {}, object()]
CITE = ({"source": "source:s", "quote": "q"},)


def person(pid: str, name: str, *aliases: str) -> Person:
    """A person record with the given id, name and aliases."""
    return structure({"id": pid, "name": name, "aliases": list(aliases), "citations": list(CITE)}, Person)


def search_budget(coll: "Collection[Any]") -> int:
    """The most character pairs one search may compare: per name, the whole strings and every pair of words,
    each at most the query's 100 characters times the name's bounded head."""
    return sum(2 * QUERY_MAX_CHARS * len(clip(name_key(n), NAME_MAX_WORDS, NAME_MAX_CHARS)) for r in coll for n in record_names(r))


def test_collection_is_read_only() -> None:
    """Setting or deleting any attribute raises AttributeError naming it; the collection is unchanged."""
    people = load().people
    before = people.ids()
    for name in ("name", "_by_id", "anything"):
        with pytest.raises(AttributeError, match=f"read-only.*{name}"):
            setattr(people, name, None)
        with pytest.raises(AttributeError, match=f"read-only.*{name}"):
            delattr(people, name)
    assert ("people", before) == (people.name, people.ids())


def test_contains_answers_anything() -> None:
    """``in`` answers False for anything that is not a known id or record, even an object with an unhashable ``id``."""
    people = load().people
    assert [False] * 5 == [x in people for x in (None, 42, [], SimpleNamespace(id=[]), SimpleNamespace(id="person:larisa-kharkova"))]


def test_collection_pickles_and_copies() -> None:
    """A read-only collection still pickles and copies, and the copy looks names up."""
    people = load().people
    for clone in (pickle.loads(pickle.dumps(people)), copy.copy(people), copy.deepcopy(people)):
        assert people == clone
        assert "person:larisa-kharkova" == clone.lookup("Kharkova").id


@pytest.mark.parametrize("method", ["get", "__getitem__", "lookup", "find", "search"])
@pytest.mark.parametrize("value", NOT_STR, ids=repr)
def test_non_str_raises_type_error_naming_the_argument(method: str, value: Any) -> None:
    """A non-str where a str is wanted raises TypeError naming the method, the argument and what it takes."""
    argument = {"get": "record_id", "__getitem__": "record_id", "lookup": "name", "find": "name", "search": "text"}[method]
    with pytest.raises(TypeError) as info:
        getattr(load().people, method)(value)
    assert f"people.{method}() argument '{argument}' must be a str" in str(info.value)
    assert not isinstance(info.value, KzLabourRightsError)


@pytest.mark.parametrize(
    "options, error, names",
    [
        ({"limit": 0}, UsageError, "limit"),
        ({"limit": -1}, UsageError, "limit"),
        ({"limit": 1.5}, TypeError, "limit"),
        ({"limit": "3"}, TypeError, "limit"),
        ({"limit": True}, TypeError, "limit"),
        ({"limit": None}, TypeError, "limit"),
        ({"min_score": -0.1}, UsageError, "min_score"),
        ({"min_score": 1.5}, UsageError, "min_score"),
        ({"min_score": math.nan}, UsageError, "min_score"),
        ({"min_score": "0.5"}, TypeError, "min_score"),
        ({"min_score": None}, TypeError, "min_score"),
        ({"min_score": False}, TypeError, "min_score"),
    ],
)
def test_search_refuses_bad_options(options: "dict[str, Any]", error: type, names: str) -> None:
    """limit must be an int >= 1 and min_score a number in 0..1; UsageError is a ValueError, so the CLI reports it."""
    with pytest.raises(error) as info:
        load().people.search("Kharkova", **options)
    assert names in str(info.value)
    assert isinstance(info.value, (TypeError, ValueError))


def test_search_accepts_edge_options() -> None:
    """limit=1 and min_score 0 or 1 (int or float) are fine."""
    people = load().people
    assert ["person:larisa-kharkova"] == [m.record.id for m in people.search("Larisa Kharkova", limit=1, min_score=1)]
    assert 3 == len(people.search("Kharkova", limit=3, min_score=0))


@pytest.mark.parametrize("text", ["", " ", "\x00", "\u202e", "!!! ...", "\x00\u200b\t"])
def test_query_with_nothing_left_matches_nothing(text: str) -> None:
    """A query that folds to nothing (empty, blank, punctuation, control or format characters) matches nothing."""
    assert [] == load().people.search(text, min_score=0)


def test_control_and_format_characters_in_queries_fold_away() -> None:
    """NUL and control characters separate words; invisible format characters are dropped: neither hides a name."""
    people = load().people
    assert "person:larisa-kharkova" == people.lookup("Larisa\x00Kharkova").id
    assert "person:larisa-kharkova" == people.lookup("Khar\u200bkova\u202e").id
    assert "person:larisa-kharkova" == people.search("Kharkov\x00")[0].record.id


def test_long_query_is_cut_to_its_head(work: Work) -> None:
    """A 2,000-word query is compared by its first 8 words: same answer as those words, within the bounded work."""
    people = load().people
    head = people.search(" ".join(["Kharkova"] * 8))
    work.reset()
    assert head == people.search("Kharkova " * 2000)
    assert work.cells <= search_budget(people)


@pytest.mark.parametrize("query, compared", [("a" * 10000, False), ("Larisa Kharkova " * 700, True), ("x" * 999 + " Kharkova", False)])
def test_search_work_is_bounded_whatever_the_query(query: str, compared: bool, work: Work) -> None:
    """Whatever the query's length, one search compares at most the bounded budget of character pairs; a query
    whose compared head shares three letters in a row with no name (a run of one letter) is compared with nothing."""
    people = load().people
    people.search(query, min_score=0)
    assert work.cells <= search_budget(people)
    assert compared == (work.cells > 0)


def test_long_alias_in_the_data_is_bounded(work: Work) -> None:
    """A 10,000-character alias (a hostile snapshot) costs no more than a name at the bound."""
    rng = random.Random(1)
    alias = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(1700))[:10000]
    plain = [person("person:a", "Larisa Kharkova"), person("person:b", "Amin Eleusinov")]
    hostile: Collection[Person] = Collection("people", [*plain, person("person:c", "Pat Example", alias)])
    for query in ("Kharkov", "Larisa Nikolaevna Kharkova trade union leader of Shymkent region"):
        work.reset()
        ranked = hostile.search(query, min_score=0)
        assert work.cells <= search_budget(hostile) <= search_budget(Collection("people", plain)) + 2 * QUERY_MAX_CHARS * (NAME_MAX_CHARS + len("pat example"))
        assert "person:a" == ranked[0].record.id


def test_provision_without_article_has_no_citation_name() -> None:
    """A whole instrument answers to its title and aliases, not to "… article None"."""
    law = structure({"id": "provision:law", "instrument": "Law on Trade Unions", "title": "Law on Trade Unions (2014)", "aliases": ["Trade Union Law"], "citations": list(CITE)}, LegalProvision)
    assert ("Law on Trade Unions (2014)", "Trade Union Law") == record_names(law)
    assert [] == [n for r in load().provisions for n in record_names(r) if "None" in n]


def test_near_ids_compare_what_follows_the_prefix() -> None:
    """A mistyped id suggests the ids it resembles, not every id sharing its prefix."""
    with pytest.raises(NotFoundError) as info:
        load().people["person:larisa-harkova"]
    assert ("person:larisa-kharkova",) == info.value.suggestions


@pytest.mark.parametrize("method", ["get", "__getitem__", "lookup", "find", "search", "__contains__", "ids"])
def test_junk_arguments(method: str, work: Work) -> None:
    """Every public Collection method, given junk, returns or raises one of the package's errors or TypeError, within bounded work."""
    people = load().people
    bad: List[Tuple[Any, str]] = []
    calls: List[Callable[[Any], Any]] = [lambda v: getattr(people, method)(v)] if method != "ids" else [lambda v: people.ids()]
    if method == "search":
        calls += [lambda v: people.search("Kharkova", limit=v), lambda v: people.search("Kharkova", min_score=v)]
    if method == "get":
        calls.append(lambda v: people.get("person:nobody", v))
    budget = search_budget(people) + len(people) * NAME_MAX_CHARS**2
    for call in calls:
        for value in JUNK_ARGUMENTS:
            work.reset()
            try:
                call(value)
            except (NotFoundError, AmbiguousNameError, UsageError, TypeError):
                pass
            except Exception as exc:  # noqa: BLE001 - the point is to catch what should not escape
                bad.append((value, f"{type(exc).__name__}: {exc}"[:200]))
            if work.cells > budget:
                bad.append((value, f"compared {work.cells} character pairs, over the budget of {budget}"))
    assert [] == [(repr(v)[:40], why) for v, why in bad]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Кушакбаев", "person:nurbek-kushakbaev"),
        ("Харькова", "person:larisa-kharkova"),
        ("Балтабай", "person:erlan-baltabay"),
        ("Елеусинов", "person:amin-eleusinov"),
        ("Mr Baltabay", "person:erlan-baltabay"),
        ("Ms Kharkova", "person:larisa-kharkova"),
        ("Mr Senyavsky", "person:dmitry-senyavsky"),
        ("Mr. Niyazov", "person:adil-niyazov"),
        ("Mr E. Baltabay", "person:erlan-baltabay"),
        ("Ms L. Kharkova", "person:larisa-kharkova"),
    ],
)
def test_lookup_in_cyrillic_and_with_titles(query: str, expected: str) -> None:
    """A name typed in Cyrillic, or as the ILO and ITUC write it (title, initial), finds its person; so does search."""
    people = load().people
    assert expected == people.lookup(query).id
    assert expected == people.search(query)[0].record.id


def test_an_initial_must_fit() -> None:
    """An initial that begins no word of the name rules the name out."""
    with pytest.raises(NotFoundError):
        load().people.lookup("Mr X. Baltabay")
