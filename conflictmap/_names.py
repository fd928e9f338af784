"""Folding place names into lookup keys, so that spellings of one name meet.

Transliterated Arabic names come in many spellings (Ain al-Assad, Ayn al-Asad;
Al-Mayadeen, Al Mayadin, Meyadin; Deir ez-Zor, Dayr az-Zawr). A key drops what varies
between them and keeps what tells names apart.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["ARTICLES", "fold", "is_latin"]

# Arabic definite articles as they are romanised, assimilated forms included.
ARTICLES = frozenset(
    "al el il ad ed adh ath ar er as es ash esh at et az ez an en".split()
)
_MARKS = str.maketrans({c: "" for c in "ʿʾʼʻ'’‘`´ʹ"})
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe",
                          "đ": "d", "ð": "d", "þ": "th", "ħ": "h", "ə": "a"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOUBLED = re.compile(r"([a-z])\1+")
# Vowel spellings that vary between transliterations of one name.
_VOWELS = (("ee", "i"), ("oo", "u"), ("ou", "u"), ("aw", "o"),
           ("ay", "ai"), ("ey", "ai"), ("ei", "ai"))
# Whole words spelt many ways that mean one thing in place names.
# An article written onto the next word after a name's first word ("Deir Ezzor").
_GLUED_ARTICLE = re.compile(r"^[ae](t|d|r|z|n)\1(?=[a-z]{2})")
_WORDS = {"tell": "tal", "tel": "tal", "tall": "tal", "jebel": "jabal", "jabel": "jabal",
          "jbel": "jabal", "saint": "st", "mount": "mt", "abou": "abu"}


def _fold_word(word: str) -> str:
    word = _WORDS.get(word, word)
    for old, new in _VOWELS:
        word = word.replace(old, new)
    return _DOUBLED.sub(r"\1", word)


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Return the lookup key of a place name.

    Folds case, diacritics, ayn and hamza marks, punctuation, the Arabic article before
    another word, doubled letters and common vowel spellings.

    Examples
    --------
    >>> fold("Ain al-Assad") == fold("Ayn al-Asad")
    True
    >>> fold("Al-Mayadeen") == fold("Al Mayadin") == fold("Meyadin")
    True
    >>> fold("Deir ez-Zor") == fold("Dayr az-Zawr") == fold("Deir Ezzor")
    True
    """
    text = name.lower()
    if not text.isascii():  # most names are: they need no Unicode folding
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        text = "".join(c for c in text if not unicodedata.combining(c)).translate(_MARKS)
    else:
        text = text.translate(_MARKS)
    words = _NON_ALNUM.sub(" ", text).split()
    # The article goes only before another word: "Basra at" must not fold like "Basra".
    kept = [w for i, w in enumerate(words) if not (w in ARTICLES and i + 1 < len(words))]
    kept = [kept[0], *(_GLUED_ARTICLE.sub(r"\1", w) for w in kept[1:])] if kept else kept
    return " ".join(_fold_word(w) for w in kept)


def is_latin(name: str) -> bool:
    """True when every letter of *name* is in the Latin script."""
    if name.isascii():
        return True
    for char in name:
        if char.isalpha() and "LATIN" not in unicodedata.name(char, ""):
            return False
    return True
