"""Tests for the name index: lookups answer as a scan would, search finds what a scan finds first."""

from typing import Any, Dict, List, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import misspellings

from kz_labour_rights import Person, load, record_names
from kz_labour_rights._index import CANDIDATES, NameIndex, grams
from kz_labour_rights._names import HONORIFICS, Scorer, name_key, name_tokens, query_key, query_words

NAMED = ("people", "organisations", "cases", "provisions", "sources")


def scan_search(coll: Any, text: str, limit: int = 10, min_score: float = 0.5) -> List[Tuple[float, str]]:
    """What search answered before it had an index: every name of every record scored, best first."""
    key = query_key(text)
    scorer = Scorer(key, min_score)
    best: Dict[str, float] = {}
    for record in coll:
        for name in record_names(record):
            k = name_key(name)
            score = 1.0 if k == key else scorer.score(k)
            if score >= min_score and score > best.get(record.id, -1.0):
                best[record.id] = score
    return sorted(((-round(s, 4), rid) for rid, s in best.items()))[:limit]


def scan_find(coll: Any, text: str) -> List[str]:
    """What find() answers, by scanning: the records a name of which folds to the query's key, else to the key of
    its words without titles and initials, else names holding every query word but titles (or held by them), else
    names holding every word but titles and initials and fitting the initials."""
    words, initials = query_words(text)
    for key in (name_key(text), " ".join(words)):
        exact = [r.id for r in coll if any(name_key(n) == key for n in record_names(r))]
        if exact:
            return exact
    untitled = {t for t in name_key(text).split() if t not in HONORIFICS} or set(words)
    for query, letters in ((untitled, ()), (set(words), initials)):
        found: List[str] = []
        for r in coll:
            for n in record_names(r):
                held = set(name_tokens(n))
                fits = all(any(w.startswith(c) for w in held) for c in letters)
                if query and fits and (query <= held or (len(held) >= 2 and held <= query)) and r.id not in found:
                    found.append(r.id)
        if found:
            return found
    return []


def all_names(collection: str) -> List[str]:
    """Every name and alias of the packaged collection."""
    return [n for r in load().collection(collection) for n in record_names(r)]


@pytest.mark.parametrize("collection", NAMED)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_search_tops_match_a_scan(collection: str, data: Any) -> None:
    """For a misspelt name of the packaged data, the indexed search ranks first what scoring every name ranks first."""
    coll = load().collection(collection)
    query = data.draw(misspellings(all_names(collection)))
    if not query_key(query):
        return
    expected = scan_search(coll, query)
    actual = [(-m.score, m.record.id) for m in coll.search(query)]
    # A tie for first place may be broken either way; the best score may not.
    assert [s for s, _ in expected[:1]] == [s for s, _ in actual[:1]]


@pytest.mark.parametrize("collection", NAMED)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_find_answers_as_a_scan(collection: str, data: Any) -> None:
    """find() by the index returns exactly the records, in the order, that a scan of every name returns."""
    coll = load().collection(collection)
    names = all_names(collection)
    words = sorted({w for n in names for w in n.split()})
    titles = st.sampled_from(["", "Mr ", "Ms. ", "Dr ", "E. ", "Mr L. "])
    query = data.draw(titles) + data.draw(st.sampled_from(names) | st.lists(st.sampled_from(words), min_size=1, max_size=3).map(" ".join))
    assert scan_find(coll, query) == [r.id for r in coll.find(query)]


def test_small_collection_scores_every_name() -> None:
    """A collection with no more names than the candidate budget is searched exactly as a scan searches it."""
    people = [Person(id=f"person:p{i}", name=f"Name{i} Surname{i % 7}", citations=()) for i in range(CANDIDATES // 2)]
    index = NameIndex((n, p) for p in people for n in record_names(p))
    found = index.search(Scorer(name_key("Surname3")), 5, 0.0)
    assert len(people) == len(found)


def test_acronyms_meet_their_misspellings() -> None:
    """Short words are indexed by letters and bigrams too, so a transposed acronym still finds its record."""
    assert "org:hrw" == load().organisations.search("HWR")[0].record.id
    assert {"<h", "<w", "<r", "<$h", "$hw"} <= grams("hwr")


def test_index_is_built_on_first_use_only() -> None:
    """load() builds no name index; the first lookup builds its own collection's, once."""
    from kz_labour_rights._load import read_snapshot
    from kz_labour_rights._resources import packaged_data

    ds = read_snapshot(packaged_data())
    assert all(ds.collection(n)._index is None for n in NAMED)
    ds.people.lookup("Kharkova")
    index = ds.people._index
    ds.people.search("Kharkva")
    assert index is ds.people._index and index is not None
    assert ds.organisations._index is None
