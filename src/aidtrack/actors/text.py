"""Normalising names before lookup: case, accents, dots, apostrophes, "the".

>>> normalise_name("the U.S.")
'us'
>>> normalise_name("Korea's")
'korea'
>>> normalise_name("  Türkiye ")
'turkiye'
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not take apart.
_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i", "þ": "th", "ð": "d", "ħ": "h"}
)
_POSSESSIVE = re.compile(r"(?<=[\w.)])['’‘`´ʼ]s\b")
_APOSTROPHE = re.compile(r"['’‘`´ʼ.]")
_SEPARATOR = re.compile(r"[\W_]+")
_LEADING = frozenset({"the"})


def normalise_name(text: str) -> str:
    """A lookup key: lower case, no accents, dots or apostrophes, single spaces.

    A trailing possessive ("Korea's") and a leading "the" are dropped, "&" reads
    as "and", and hyphens and other punctuation become spaces.
    """
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub("", text.replace("&", " and "))
    words = _SEPARATOR.sub(" ", _APOSTROPHE.sub("", text)).split()
    while words and words[0] in _LEADING:
        del words[0]
    return " ".join(words)


def name_keys(name: str) -> set[str]:
    """Every key a written name is filed under (with and without its apostrophes)."""
    keys = {normalise_name(name), normalise_name(_APOSTROPHE.sub("", name))}
    keys.discard("")
    return keys


def compact(key: str) -> str:
    """A key without spaces, so "N A T O" and "U. K." still match."""
    return key.replace(" ", "")
