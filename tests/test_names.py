"""Tests for name folding, similarity and its bounds."""

import difflib
import random
import unicodedata

import pytest
from conftest import Work
from hypothesis import given
from hypothesis import strategies as st
from strategies import name_keys

from kz_labour_rights import load, name_key, record_names
from kz_labour_rights._names import (
    NAME_MAX_CHARS,
    NAME_MAX_WORDS,
    QUERY_MAX_CHARS,
    QUERY_MAX_WORDS,
    clip,
    close_matches,
    similarity,
)


def reference_similarity(query_key: str, name: str) -> float:
    """The scoring formula as it stood before search was bounded: the ranking every ordinary query must keep."""
    if not query_key or not name:
        return 0.0
    whole = difflib.SequenceMatcher(None, query_key, name).ratio()
    token_scores = []
    for q in query_key.split():
        best = 0.0
        for n in name.split():
            if n.startswith(q) and len(q) >= 3:
                best = max(best, 0.9 + 0.1 * len(q) / len(n))
            else:
                best = max(best, difflib.SequenceMatcher(None, q, n).ratio())
        token_scores.append(best)
    return max(whole, sum(token_scores) / len(token_scores) * 0.97)


@pytest.mark.parametrize(
    "variants",
    [
        ("Kushakbaev", "Kushakbayev", "KUSHAKBAEV", "Kushakbaev."),
        ("Baltabay", "Baltabai", "baltabay"),
        ("Eleusinov", "Yeleusinov"),
        ("Larisa Kharkova", "larisa  kharkova", "Larisa-Kharkova"),
        ("Zhanaozen", "Zhanaözen", "ZHANAOZEN"),
    ],
)
def test_variants_share_a_key(variants: "tuple[str, ...]") -> None:
    """Every transliteration variant the sources use folds to one key."""
    assert 1 == len({name_key(v) for v in variants})


def test_different_names_differ() -> None:
    """Folding does not merge different names."""
    assert name_key("Eleusinov") != name_key("Kushakbaev")


@given(st.text(max_size=30))
def test_key_is_idempotent(text: str) -> None:
    """Folding a key again changes nothing."""
    assert name_key(text) == name_key(name_key(text))


@given(st.text(max_size=20), st.text(max_size=20))
def test_similarity_in_unit_interval(a: str, b: str) -> None:
    """Scores lie in [0, 1]."""
    assert 0.0 <= similarity(name_key(a), name_key(b)) <= 1.0


def test_surname_ranks_high() -> None:
    """A surname alone scores high against the full name."""
    assert similarity("kharkova", name_key("Larisa Kharkova")) > 0.9


@pytest.mark.parametrize("control", ["\x00", "\t", "\n", "\r", "\x1b", "\x7f", "\x85"])
def test_control_characters_separate_words(control: str) -> None:
    """A control character (NUL, tab, escape, …) separates words as a space does."""
    assert "larisa kharkova" == name_key(f"Larisa{control}Kharkova")
    assert "larisa kharkova" == name_key(f"{control}Larisa Kharkova{control}")


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff", "\u202e", "\u202d", "\u2066"])
def test_format_characters_are_deleted(invisible: str) -> None:
    """An invisible format character (zero-width space or joiner, soft hyphen, bidi override) neither splits nor disguises a name."""
    assert "kharkova" == name_key(f"Khar{invisible}kova")
    assert "larisa kharkova" == name_key(f"{invisible}Larisa Kharkova{invisible}")


@given(st.text(max_size=40))
def test_keys_hold_no_control_or_format_characters(text: str) -> None:
    """Whatever the input, a key holds no control (Cc) or format (Cf) character."""
    assert [] == [c for c in name_key(text) if unicodedata.category(c) in ("Cc", "Cf")]


@given(name_keys(QUERY_MAX_WORDS, QUERY_MAX_CHARS))
def test_clip_keeps_a_key_within_bounds(key: str) -> None:
    """A key within the bounds is compared whole."""
    assert key == clip(key, QUERY_MAX_WORDS, QUERY_MAX_CHARS)


@given(st.text(max_size=300), st.integers(1, 40), st.integers(1, 120))
def test_clip_bounds_any_key(text: str, words: int, chars: int) -> None:
    """A clipped key has at most the words and characters asked for, is a head of the key, and clips to itself."""
    key = name_key(text)
    clipped = clip(key, words, chars)
    assert len(clipped) <= chars and len(clipped.split()) <= words
    assert key.startswith(clipped)
    assert clipped == clip(clipped, words, chars)


@given(name_keys(QUERY_MAX_WORDS, QUERY_MAX_CHARS), name_keys(NAME_MAX_WORDS, NAME_MAX_CHARS), st.sampled_from([0.0, 0.3, 0.5, 0.6, 0.9]))
def test_similarity_keeps_todays_scores(query: str, name: str, floor: float) -> None:
    """Within the bounds, a score at or above the floor is exactly today's; one below it stays below."""
    expected = reference_similarity(query, name)
    actual = similarity(query, name, floor)
    if expected >= floor:
        assert expected == actual
    else:
        assert actual < floor


def test_similarity_keeps_todays_scores_on_the_packaged_names() -> None:
    """Ordinary queries score every packaged name exactly as before (the pruning skips only what cannot reach the floor)."""
    ds = load()
    names = [name_key(n) for c in ("people", "organisations", "cases", "provisions", "sources") for r in ds.collection(c) for n in record_names(r)]
    queries = ["kharkov", "larisa nikolaevna kharkova", "kazakhstan union", "baltabai", "kushakpaev", "court", "article 402", "zhanaozen oil workers"]
    differ = [(q, n) for q in queries for n in names if reference_similarity(q, n) >= 0.5 and reference_similarity(q, n) != similarity(q, n, 0.5)]
    assert [] == differ


def test_similarity_work_is_bounded(work: Work) -> None:
    """A 2,000-word query against a 10,000-character name compares no more than the bounded heads."""
    rng = random.Random(9)
    word = lambda: "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))  # noqa: E731
    query = " ".join(word() for _ in range(2000))
    name = " ".join(word() for _ in range(1700))[:10000]
    similarity(query, name)
    # Whole strings once, and each pair of words: sum(len q) * sum(len n) <= 100 * 200.
    assert work.cells <= 2 * QUERY_MAX_CHARS * NAME_MAX_CHARS
    assert work.ratios <= 1 + QUERY_MAX_WORDS * NAME_MAX_WORDS


def test_close_matches_agrees_with_difflib() -> None:
    """close_matches gives difflib.get_close_matches's answer for ordinary ids."""
    ids = load().people.ids()
    for text in ("person:larisa-harkova", "person:baltabai", "person:kushakpaev", "person:x"):
        assert difflib.get_close_matches(text, ids, n=5, cutoff=0.6) == close_matches(text, ids)


def test_close_matches_work_is_bounded(work: Work) -> None:
    """A 10,000-character text against 10,000-character candidates compares only their heads."""
    candidates = ["b" * 10000 + str(i) for i in range(20)]
    assert 5 == len(close_matches("b" * 10000, candidates))
    assert work.cells <= 20 * NAME_MAX_CHARS * NAME_MAX_CHARS


@pytest.mark.parametrize(
    "cyrillic, latin",
    [
        ("Кушакбаев", "Kushakbayev"),
        ("Харькова", "Kharkova"),
        ("Балтабай", "Baltabay"),
        ("Елеусинов", "Yeleusinov"),
        ("Жанаозен", "Zhanaozen"),
        ("Лариса Харькова", "Larisa Kharkova"),
        ("ЕРЛАН БАЛТАБАЙ", "Erlan Baltabai"),
        ("Нұрбек Құшақбаев", "Nurbek Kushakbaev"),
        ("Щёкин", "Shchekin"),
    ],
)
def test_cyrillic_folds_to_the_latin_key(cyrillic: str, latin: str) -> None:
    """Russian and Kazakh spellings fold to the key of the Latin spelling the sources use."""
    assert name_key(latin) == name_key(cyrillic)


@pytest.mark.parametrize("letter", sorted("әғқңөұүһі"))
def test_every_kazakh_letter_is_transliterated(letter: str) -> None:
    """Each Kazakh letter beyond the Russian alphabet, in either case, folds to Latin letters."""
    from kz_labour_rights._names import CYRILLIC

    assert CYRILLIC[letter] and name_key(letter).isascii() and name_key(letter.upper()) == name_key(letter)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Mr Baltabay", (("baltabai",), ())),
        ("Mr. Niyazov", (("niiazov",), ())),
        ("Ms L. Kharkova", (("kharkova",), ("l",))),
        ("Mr E. Baltabay", (("baltabai",), ("e",))),
        ("Sultan S.", (("sultan", "s"), ())),
        ("Mr A. B. Kazakhstan Company C", (("kazakhstan", "compani", "c"), ("a", "b"))),
        ("Dr", (("dr",), ())),
        ("E", (("e",), ())),
    ],
)
def test_query_words_set_titles_and_initials_apart(query: str, expected: "tuple[tuple[str, ...], tuple[str, ...]]") -> None:
    """Titles are dropped and one-letter words become initials, unless nothing else is left."""
    from kz_labour_rights._names import query_words

    assert expected == query_words(query)


@pytest.mark.parametrize("text", ["ᴬ", "ᴮaltabay", "Ⓚharkova", "ǅ"])
def test_key_of_compatibility_capitals_is_lower_case(text: str) -> None:
    """A letter whose compatibility decomposition is a capital ("ᴬ" is "A") folds to lower case the first time,
    so that folding a key again changes nothing (hypothesis found "ᴬ" folding to "A", then "a")."""
    key = name_key(text)
    assert (key, key) == (key.lower(), name_key(key))
