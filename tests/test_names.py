"""Tests for name folding and similarity."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights import name_key
from kz_labour_rights._names import similarity


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
