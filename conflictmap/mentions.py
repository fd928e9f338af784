"""Finding the place names in a text, driven by the gazetteer's names.

A span is a candidate when it starts with a capital, holds no sentence punctuation and
folds to a name the gazetteer knows; the longest wins. Common words, calendar words and
demonyms are kept out, and phrases such as "the hamlet of X" catch places no gazetteer
holds, so they can be reported as unresolved rather than lost.
"""
from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field

from conflictmap._names import ARTICLES, fold
from conflictmap._wordlists import (
    CALENDAR,
    COMMON_WORDS,
    DEMONYMS,
    FEATURE_AFTER,
    FEATURE_BEFORE,
)
from conflictmap.gazetteer.place import Candidate, Place

__all__ = ["Mention", "spot_places"]

_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼʿ](?![sS]\b)[^\W\d_]+)*")
_JOIN = re.compile(r"(?: |-|‐|–(?=\w))")
_SENTENCE_END = re.compile(r"(?:[.!?:;\"“”]\s*|\n\s*|^\s*|[-–—]\s+)$")
_SHORT_CAPS = frozenset({"US", "UK", "USA", "UAE", "DRC"})
_LOCATIVE = frozenset({"in", "near", "at", "outside", "of", "from", "to", "towards", "around",
                       "into", "across", "inside"})
_UNKNOWN_PLACE = re.compile(
    r"\b(?:town|village|hamlet|settlement|neighbou?rhood|suburb|district|farm|locality)"
    r" of ((?:(?:al|el|ad|ar|as|ash|at|az|ez|an)-)?[A-Z][\w'’]*"
    r"(?:[ -](?:(?:al|el|ad|ar|as|ash|at|az|ez|an)-)?[A-Z][\w'’]*){0,3})"
    r"|\b((?:[A-Z][\w'’]*[ -]){0,2}[A-Z][\w'’]*) (?:farm|hamlet|village)\b"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names a place, and the place it was resolved to.

    ``place`` is None when the name could not be resolved; ``reason`` says why, or how
    it was resolved.
    """

    text: str
    start: int
    end: int
    key: str
    cue: str = ""
    chained: bool = False
    place: Place | None = None
    score: float = 0.0
    reason: str = ""
    candidates: tuple[Candidate, ...] = field(default=(), repr=False)

    def __repr__(self) -> str:
        where = repr(self.place) if self.place else f"unresolved ({self.reason})"
        return f"<Mention {self.text!r} [{self.start}:{self.end}] -> {where}>"

    @property
    def resolved(self) -> bool:
        return self.place is not None


def _tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


def _joined(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    gap = text[left[1]:right[0]]
    if not gap:
        return False
    if _JOIN.fullmatch(gap):
        return True
    # "U.S." and similar initials
    return gap == "." and left[1] - left[0] == 1 and right[1] - right[0] == 1


def _is_capital(word: str) -> bool:
    return word[:1].isupper()


def _starts_name(text: str, tokens: list[tuple[int, int]], i: int) -> bool:
    word = text[slice(*tokens[i])]
    if _is_capital(word):
        return True
    # "al-Mayadeen": a lower-case article joined to a capitalised word
    return (word in ARTICLES and i + 1 < len(tokens) and text[tokens[i][1]:tokens[i + 1][0]] == "-"
            and _is_capital(text[slice(*tokens[i + 1])]))


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, start - 6):start]))


def _word_ok(text: str, tokens: list[tuple[int, int]], i: int, j: int) -> bool:
    """Reject spans that are common words, demonyms, codes or calendar words."""
    words = [text[slice(*tokens[k])] for k in range(i, j + 1)]
    last = words[-1].lower()
    if last in ARTICLES or last in ("of", "the", "and"):
        return False
    if len(words) > 1:
        return not all(w.lower() in COMMON_WORDS or w.lower() in CALENDAR for w in words)
    word = words[0]
    lower = word.lower().replace("’", "'")
    if word.isupper() and len(word) <= 4:
        return word in _SHORT_CAPS
    if lower in CALENDAR or lower in DEMONYMS:
        return False
    if lower in COMMON_WORDS:
        # "the town of Hit", "in Hit": a common word that is a place needs a locative
        # word before it, and a capital that is not just the sentence's.
        before = text[max(0, tokens[i][0] - 12):tokens[i][0]].split()
        return (not _sentence_initial(text, tokens[i][0]) and bool(before)
                and (before[-1].lower() in _LOCATIVE or before[-1].lower() in FEATURE_BEFORE))
    return True


def _chained(text: str, tokens: list[tuple[int, int]], i: int, j: int) -> bool:
    """True when the span sits inside a longer run of capitalised words (a person, a group)."""
    if j + 1 < len(tokens) and text[tokens[j][1]:tokens[j + 1][0]] == " " \
            and _starts_name(text, tokens, j + 1):
        return True
    if i > 0 and text[tokens[i - 1][1]:tokens[i][0]] == " " and _starts_name(text, tokens, i - 1):
        return not _sentence_initial(text, tokens[i - 1][0])
    return False


def _cue(text: str, tokens: list[tuple[int, int]], i: int, j: int) -> str:
    """The feature word next to a span: "admin", "city", "base", "field", ... or ""."""
    after = [text[slice(*tokens[k])].lower() for k in range(j + 1, min(j + 3, len(tokens)))]
    if after and text[tokens[j][1]:tokens[j + 1][0]].strip() in ("", "-"):
        if after[0] in FEATURE_AFTER:
            return FEATURE_AFTER[after[0]]
    before = [text[slice(*tokens[k])].lower() for k in range(max(0, i - 2), i)]
    if len(before) == 2 and before[1] == "of" and before[0] in FEATURE_BEFORE:
        return FEATURE_BEFORE[before[0]]
    return ""


def spot_places(text: str, names: Container[str], *, max_words: int = 6) -> list[Mention]:
    """Every span of *text* that names a place in *names* (a set of folded keys).

    Also reports as mentions, with an empty key, phrases that say a place is there
    ("the hamlet of Tell Khazna") even when no gazetteer has the name.
    """
    tokens = _tokens(text)
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        if not _starts_name(text, tokens, i):
            i += 1
            continue
        best = None
        j = i
        while j < len(tokens) and j - i < max_words:
            if j > i and not _joined(text, tokens[j - 1], tokens[j]):
                break
            key = fold(text[tokens[i][0]:tokens[j][1]])
            if key in names and _word_ok(text, tokens, i, j):
                best = (j, key)
            j += 1
        if best is None:
            i += 1
            continue
        j, key = best
        start, end = tokens[i][0], tokens[j][1]
        found.append(Mention(text[start:end], start, end, key, cue=_cue(text, tokens, i, j),
                             chained=_chained(text, tokens, i, j)))
        i = j + 1
    return _with_unknown_places(text, found)


def _with_unknown_places(text: str, found: list[Mention]) -> list[Mention]:
    taken = [(m.start, m.end) for m in found]
    extra = []
    for match in _UNKNOWN_PLACE.finditer(text):
        group = 1 if match.group(1) else 2
        start, end = match.span(group)
        if any(s < end and start < e for s, e in taken):
            continue
        name = text[start:end]
        if name.split()[0].lower() in COMMON_WORDS | CALENDAR | DEMONYMS:
            continue
        extra.append(Mention(name, start, end, "", cue="city"))
        taken.append((start, end))
    return sorted(found + extra, key=lambda m: m.start)
