"""Tests for name folding and similarity."""

import unicodedata

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
