"""Tests for Collection: ids, lookup across spellings, fuzzy search, errors."""

import pytest

from kz_labour_rights import AmbiguousNameError, NotFoundError, load


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
