"""posapp.domain.text: the search key a name is stored under and a typed text is looked up by."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.domain.text import code_key, prefix_upper_bound, search_key, word_keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Rupjmaize", "rupjmaize"),
        ("Ķiploku maize", "kiploku maize"),
        ("ĶIPLOKU MAIZE", "kiploku maize"),
        ("ēģ", "eg"),
        ("ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž", "acegiklnsuz acegiklnsuz"),
        ("  Sviestmaize   ar\tsieru \n", "sviestmaize ar sieru"),
        ("Siers (sver)", "siers sver"),
        ("Piens 2%", "piens 2"),
        ("Kvass 0,5 l", "kvass 0 5 l"),
        ("Dāvanu karte 10 €", "davanu karte 10"),
        ("Ā'bols", "abols"),
        ("Straße", "strasse"),  # casefold, not lower
        ("ﬁlejas", "filejas"),  # NFKD splits ligatures
        ("\uff2b\uff21\uff26\uff29\uff2a\uff21", "kafija"),  # and full-width letters
        ("İzmir", "izmir"),  # no combining dot left by casefolding
        ("", ""),
        (" - ", ""),
    ],
)
def test_search_key(text: str, key: str) -> None:
    assert search_key(text) == key


def test_typed_text_without_diacritics_is_a_prefix_of_the_name_with_them() -> None:
    assert search_key("Ķiploku maize").startswith(search_key("kiploku m"))
    assert search_key("Ķiploku maize").startswith(search_key("ĶIPLOKU  M"))
    assert search_key("Sviestmaize").startswith(search_key("sviest"))


@given(st.text())
def test_a_search_key_is_plain_lower_case_words(text: str) -> None:
    key = search_key(text)
    assert search_key(key) == key  # normalising twice changes nothing
    assert key == key.strip() and "  " not in key
    assert not any(unicodedata.combining(char) for char in key)
    assert all(char == " " or char.isalnum() for char in key)
    assert key == key.casefold()


def test_word_keys_are_the_tails_from_each_later_word() -> None:
    assert word_keys("sviestmaize ar sieru") == ["ar sieru", "sieru"]
    assert word_keys("rupjmaize") == []
    assert word_keys("") == []


def test_code_key_ignores_case_and_surrounding_spaces() -> None:
    assert code_key(" p0001 ") == code_key("P0001") == "p0001"


@given(st.text(min_size=1, max_size=4), st.text(max_size=6))
def test_a_prefix_range_holds_exactly_the_strings_with_that_prefix(prefix: str, other: str) -> None:
    if prefix[-1] == "\U0010ffff":
        return
    upper = prefix_upper_bound(prefix)
    for candidate in (other, prefix + other, prefix[:-1] + other):
        assert (prefix <= candidate < upper) == candidate.startswith(prefix), candidate


def test_prefix_upper_bound() -> None:
    assert prefix_upper_bound("ka") == "kb"
    assert prefix_upper_bound("z") == "{"
    assert prefix_upper_bound("a\ud7ff") == "a\ue000"
    with pytest.raises(ValueError):
        prefix_upper_bound("")
