"""Text normalised for searching: what a cashier types matches however the name is written.

Latvian names carry diacritics (ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž) that a cashier
may or may not type; both spellings must find the product. The search key of a
name and the search key of what was typed are made by the same function, so
they compare as plain strings, and a prefix of one is a prefix of the other.

Pure functions only: no I/O, no Qt.
"""

from __future__ import annotations

import unicodedata

# Apostrophes join a word ("Ā'bols" → "abols"); any other character that is not
# a letter or a digit separates words ("Piens 2%" → "piens 2", "(liela)" → "liela").
_JOINERS = frozenset("'\u2019`\u00b4")  # apostrophe, right quote, grave, acute


def search_key(text: str) -> str:
    """Lower-case, diacritic-free "name words": `Ķiploku  maize (liela)` → `kiploku maize liela`.

    NFKD splits a letter from its marks (and ligatures or full-width forms into
    plain letters); the combining marks are dropped; casefold lowers (and turns
    ß into ss). Characters other than letters and digits become spaces, and runs
    of spaces collapse into one, with none at either end.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char) or char in _JOINERS:
            continue
        kept.append(char if char.isalnum() else " ")
    # Casefolding can itself produce combining marks (e.g. "İ" → "i̇"): drop those too.
    folded = unicodedata.normalize("NFKD", "".join(kept).casefold())
    words = "".join(char for char in folded if not unicodedata.combining(char)).split()
    return " ".join(words)


def code_key(code: str) -> str:
    """An SKU or other code compared case-insensitively: `  p0001 ` and `P0001` match."""
    return code.strip().casefold()


def word_keys(key: str) -> list[str]:
    """The tails of a search key that begin at its second, third, … word.

    `rupjmaize ar sieru` → [`ar sieru`, `sieru`]. Stored one per row with an
    index, they let "a later word starts with the text" be an indexed prefix
    search too, and a typed text of several words ("ar sie") still matches.
    """
    words = key.split(" ")
    return [" ".join(words[start:]) for start in range(1, len(words)) if words[start]]


def prefix_upper_bound(prefix: str) -> str:
    """The least string greater than every string that starts with `prefix`
    (in code point order, which is UTF-8 byte order, which is how the search
    columns compare): `key >= prefix AND key < prefix_upper_bound(prefix)` is a
    prefix search a B-tree index answers with one range.
    """
    if not prefix:
        raise ValueError("an empty prefix has no upper bound")
    last = ord(prefix[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:  # surrogates are not characters
        last = 0xE000
    if last > 0x10FFFF:  # never in a search key: U+10FFFF is neither letter nor digit
        raise ValueError("a prefix ending in U+10FFFF has no upper bound")
    return prefix[:-1] + chr(last)
