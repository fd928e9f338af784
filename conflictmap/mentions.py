"""Finding the place names in a text, driven by the gazetteer's names.

A span is a candidate when it starts with a capital, holds no sentence punctuation and
folds to a name the gazetteer knows; the longest wins. Common words, calendar words and
demonyms are kept out, and phrases such as "the hamlet of X" catch places no gazetteer
holds, so they can be reported as unresolved rather than lost.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Container
from dataclasses import dataclass, field

from conflictmap._names import ARTICLES, fold, word_key
from conflictmap._wordlists import (
    ADMIN_DEMONYMS,
    CALENDAR,
    COMMON_WORDS,
    DEMONYM_COUNTRIES,
    DEMONYMS,
    FEATURE_AFTER,
    FEATURE_BEFORE,
    GENERIC_TOPONYMS,
    GROUP_NAMES,
    REGION_DEMONYMS,
    STATE_ABBREVIATIONS,
)
from conflictmap.gazetteer.place import Candidate, Place

__all__ = ["Mention", "mention_key", "span_cues", "spot_places"]

# Letters and digits: "K-1" and "T4" are base names.
_TOKEN = re.compile(r"[^\W_]+(?:['’ʼʿ](?![sS]\b)[^\W_]+)*")
_JOIN = re.compile(r"(?: |-|‐|–(?=\w))")
#: A title and its period just before a word ("Dr. ", "Rev. ", "Gen. ").
TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Rev|Sgt|Lt|Col|Gen|Capt|Gov|Sen|Rep|Prof|Cpl|"
                          r"Pvt|Maj|Adm|Det|Supt|Insp|Cmdr|Brig|Fr|Sr|Jr)\. $")
# Ranks and offices written before a person's name.
_TITLES = frozenset("major general colonel captain lieutenant sergeant corporal brigadier "
                    "admiral commander governor senator mayor president minister".split())
_SENTENCE_END = re.compile(r"(?:[.!?:;\"“”]\s*|\n\s*|^\s*|[-–—]\s+)$")
_MODIFIERS = frozenset({"air", "oil", "gas", "border", "military", "naval", "army", "police"})
_SHORT_CAPS = frozenset({"US", "UK", "USA", "UAE", "DRC", "EU"})
_LOCATIVE = frozenset({"in", "near", "at", "outside", "of", "from", "to", "towards", "around",
                       "into", "across", "inside"})
_NAME = r"(?:(?:al|el|ad|ar|as|ash|at|az|ez|an)-)?[A-Z][\w'’]*"
_GROUPS = frozenset(fold(name) for name in GROUP_NAMES)
_NOT_A_NAME = COMMON_WORDS | CALENDAR | DEMONYMS | frozenset(DEMONYM_COUNTRIES)
_GENERIC = "|".join(sorted(w.capitalize() for w in GENERIC_TOPONYMS))
# Phrases that say a place is there, whether or not any gazetteer has it.
_UNKNOWN_PLACE = re.compile(
    rf"\b(?:towns?|villages?|hamlets?|settlements?|neighbou?rhoods?|suburbs?|district|farms?"
    rf"|locality) of ({_NAME}(?:[ -]{_NAME}){{0,3}})"
    rf"|\b((?:[A-Z][\w'’]*[ -]){{0,2}}[A-Z][\w'’]*) (?:farm|hamlet|village)\b"
    rf"|\b((?:{_GENERIC})[ -](?:(?:al|el|ad|ar|as|ash|at|az|ez|an|Umm|Um|Abu)[ -])?"
    rf"{_NAME}(?:[ -]{_NAME})?)"
    # "Yejube (East Gojam, Amhara)": a name followed by its district and province
    rf"|\b((?:[A-Z][\w'’-]*[ -]){{0,2}}[A-Z][\w'’-]*)"
    rf" \((?=[A-Z][^(),;]{{1,40}}, [A-Z][^();]{{1,60}}\))"
)

# "Louisville, Ky.": a state's abbreviation after a town and a comma.
_ABBREVIATION = re.compile(
    "(?<=, )(" + "|".join(map(re.escape, sorted(STATE_ABBREVIATIONS, key=len, reverse=True)))
    + r")(?!\w)")
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")


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
    adjectival: bool = False
    """A demonym or adjective ("Iraqi", "Russians"): it names its country, but never
    locates an event."""

    def __repr__(self) -> str:
        where = repr(self.place) if self.place else f"unresolved ({self.reason})"
        flag = " (adjectival)" if self.adjectival else ""
        return f"<Mention {self.text!r} [{self.start}:{self.end}]{flag} -> {where}>"

    @property
    def resolved(self) -> bool:
        return self.place is not None


def mention_key(text: str) -> tuple[str, str]:
    """The lookup key of a span and its feature cue: a state's abbreviation ("Ky.",
    "Calif") is its state's name with the cue "admin"; anything else is its folded self."""
    name = text.strip()
    full = STATE_ABBREVIATIONS.get(name) or STATE_ABBREVIATIONS.get(f"{name}.")
    if full is not None:
        return fold(full), "admin"
    return fold(name), ""


def span_cues(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The feature word next to each span of *text* (see `_cue`), for spans found by
    others (a corpus's gold spans): "admin" for "Kharkiv" in "the Kharkiv region"."""
    tokens = _tokens(text)
    starts = [s for s, _ in tokens]
    out = []
    for start, end in spans:
        i = bisect.bisect_left(starts, start)
        j = bisect.bisect_left(starts, end) - 1
        ok = i <= j < len(tokens) and tokens[j][1] <= end
        out.append(_cue(text, tokens, i, j) if ok else "")
    return out


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
    if TITLE_BEFORE.search(text, max(0, start - 8), start):
        return False  # "the Rev. Roy Jones": a title's period ends no sentence
    return bool(_SENTENCE_END.search(text[max(0, start - 6):start]))


def _word_ok(text: str, tokens: list[tuple[int, int]], i: int, j: int) -> bool:
    """Reject spans that are common words, demonyms, codes or calendar words."""
    words = [text[slice(*tokens[k])] for k in range(i, j + 1)]
    if fold(text[tokens[i][0]:tokens[j][1]]) in _GROUPS:
        return False  # "Al Shabaab": the group, not the village in Iran
    last = words[-1].lower()
    if last in ARTICLES or last in ("of", "the", "and"):
        return False
    if len(words) > 1:
        # "United States" is a name; "Late Monday" is not.
        return all(_is_capital(w) or w.lower() in ARTICLES for w in words) or \
            not all(w.lower() in COMMON_WORDS or w.lower() in CALENDAR for w in words)
    word = words[0]
    lower = word.lower().replace("’", "'")
    if lower in _TITLES and j + 1 < len(tokens) and text[tokens[j][1]:tokens[j + 1][0]] == " " \
            and _is_capital(text[slice(*tokens[j + 1])]):
        return False  # "Major Musa", "General Ali": a rank before a name, not Major, Canada
    if lower in GENERIC_TOPONYMS and j + 1 < len(tokens) \
            and _joined(text, tokens[j], tokens[j + 1]) and _starts_name(text, tokens, j + 1):
        return False  # "Tell" of "Tell Khazna"
    if word.isupper() and len(word) <= 4:
        return word in _SHORT_CAPS
    if lower in CALENDAR or lower in DEMONYMS or lower in DEMONYM_COUNTRIES \
            or lower in REGION_DEMONYMS or lower in ADMIN_DEMONYMS:
        return False
    if lower in COMMON_WORDS:
        # "the town of Hit", "in Hit": a common word that is a place needs a locative
        # word before it, and a capital that is not just the sentence's.
        before = text[max(0, tokens[i][0] - 12):tokens[i][0]].split()
        return (not _sentence_initial(text, tokens[i][0]) and bool(before)
                and (before[-1].lower() in _LOCATIVE or before[-1].lower() in FEATURE_BEFORE))
    return True


# "Lagos de Moreno", "Leon de los Aldama": a Spanish or Portuguese name joins its words
# with "de"; a part of it is no place of its own.
_JOINER = r"(?:de|del|da|do|das|dos|de la|de las|de los)"
_JOINS_NEXT = re.compile(rf" {_JOINER} [A-Z\u00c0-\u00de]")
_JOINS_LAST = re.compile(rf"[A-Z\u00c0-\u00de][\w'-]* {_JOINER} $")


def _chained(text: str, tokens: list[tuple[int, int]], i: int, j: int,
             starts: list[bool]) -> bool:
    """True when the span sits inside a longer run of capitalised words (a person, a group),
    or a longer name joined by "de" ("Lagos de Moreno")."""
    if _JOINS_NEXT.match(text, tokens[j][1]) or _JOINS_LAST.search(
            text, max(0, tokens[i][0] - 40), tokens[i][0]):
        return True
    if j + 1 < len(tokens) and text[tokens[j][1]:tokens[j + 1][0]] in (" ", "-") \
            and starts[j + 1] and text[slice(*tokens[j + 1])].lower() not in FEATURE_AFTER:
        return True  # "Bangui Mallam", "Ouro-Seme"; not "Shiroro LGA", "Kani Township"
    if j + 2 < len(tokens) and text[tokens[j][1]:tokens[j + 1][0]] == " " \
            and text[slice(*tokens[j + 1])] in ARTICLES and _is_capital(
                text[slice(*tokens[j + 2])]):
        return True  # "Dula al Amas"
    if i > 0 and text[tokens[i - 1][1]:tokens[i][0]] == " " and starts[i - 1]:
        return not _sentence_initial(text, tokens[i - 1][0])
    return False


def _cue(text: str, tokens: list[tuple[int, int]], i: int, j: int) -> str:
    """The feature word next to a span: "admin", "city", "base", "field", ... or ""."""
    after = [text[slice(*tokens[k])].lower() for k in range(j + 1, min(j + 3, len(tokens)))]
    if after and text[tokens[j][1]:tokens[j + 1][0]].strip() in ("", "-"):
        if after[0] in FEATURE_AFTER:
            return FEATURE_AFTER[after[0]]
        if after[0] in _MODIFIERS and len(after) > 1 and after[1] in FEATURE_AFTER:
            return FEATURE_AFTER[after[1]]  # "air base", "border crossing"
    before = [text[slice(*tokens[k])].lower() for k in range(max(0, i - 2), i)]
    if len(before) == 2 and before[1] == "of" and before[0] in FEATURE_BEFORE:
        return FEATURE_BEFORE[before[0]]
    # A site word earlier in the clause ("its border crossing with Syria, at al-Qaim") is
    # a weaker cue, marked with "~".
    clause_start = max(text.rfind(".", 0, tokens[i][0]), text.rfind("\n", 0, tokens[i][0]))
    for k in range(i - 1, max(-1, i - 9), -1):
        if tokens[k][0] < clause_start:
            break
        cue = FEATURE_AFTER.get(text[slice(*tokens[k])].lower(), "")
        if cue and cue not in ("admin", "city") and not _owned(text, tokens, k):
            return "~" + cue
    return ""


def _owned(text: str, tokens: list[tuple[int, int]], k: int) -> bool:
    """True when the feature word at *k* belongs to a name before it ("Hmeimim air base")."""
    for back in (k - 1, k - 2):
        if back < 0:
            return False
        word = text[slice(*tokens[back])]
        if _is_capital(word):
            return True
        if word.lower() not in FEATURE_AFTER and word.lower() not in _MODIFIERS:
            return False
    return False


def spot_places(text: str, names: Container[str], *, max_words: int = 6,
                prefixes: Container[str] | None = None) -> list[Mention]:
    """Every span of *text* that names a place in *names* (a set of folded keys).

    *prefixes*, the leading words of many-word names, lets a span stop growing as soon
    as it can no longer become a name.

    Also reports as mentions, with an empty key, phrases that say a place is there
    ("the hamlet of Tell Khazna") even when no gazetteer has the name.
    """
    tokens = _tokens(text)
    caps = [text[s].isupper() for s, _ in tokens]
    starts = [caps[i] or (i + 1 < len(tokens) and caps[i + 1] and _starts_name(text, tokens, i))
              for i in range(len(tokens))]
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        if not starts[i]:
            i += 1
            continue
        best = None
        j = i
        while j < len(tokens) and j - i < max_words:
            if j > i and not _joined(text, tokens[j - 1], tokens[j]):
                break
            key = fold(text[tokens[i][0]:tokens[j][1]])
            known = key in names
            if known and _word_ok(text, tokens, i, j):
                best = (j, key)
            if prefixes is not None and key not in prefixes \
                    and (" " in key or word_key(key) not in prefixes) \
                    and text[slice(*tokens[j])].lower() not in ARTICLES:
                break  # no longer name can start with this span
            j += 1
        if best is None:
            i += 1
            continue
        j, key = best
        start, end = tokens[i][0], tokens[j][1]
        if text[end:end + 1] == "." and _INITIALS.fullmatch(text[start:end]):
            end += 1  # "U.S." keeps its last period
        found.append(Mention(text[start:end], start, end, key, cue=_cue(text, tokens, i, j),
                             chained=_chained(text, tokens, i, j, starts)))
        found += _nested(text, tokens, i, j, names)
        i = j + 1
    return _with_unknown_places(text, _with_abbreviations(text, found))


def _with_abbreviations(text: str, found: list[Mention]) -> list[Mention]:
    """Add the states named by their abbreviations ("Dover, Del."), over any shorter
    match inside one ("Del")."""
    for match in _ABBREVIATION.finditer(text):
        start, end = match.span()
        found = [m for m in found if not (m.start < end and start < m.end)]
        key, cue = mention_key(match.group())
        found.append(Mention(match.group(), start, end, key, cue=cue))
    return sorted(found, key=lambda m: m.start)


def _nested(text: str, tokens: list[tuple[int, int]], i: int, j: int,
            names: Container[str]) -> list[Mention]:
    """Places named inside a longer name: "Baghdad" in "the US embassy in Baghdad"."""
    out = []
    for k in range(i + 1, j):
        if text[slice(*tokens[k])] in ("in", "of", "near") and _starts_name(text, tokens, k + 1):
            start, end = tokens[k + 1][0], tokens[j][1]
            key = fold(text[start:end])
            if key in names:
                out.append(Mention(text[start:end], start, end, key))
    return out


def _with_unknown_places(text: str, found: list[Mention]) -> list[Mention]:
    """Add the places that phrases name; a phrase that covers more than an overlapping
    gazetteer match ("Bir Shuaib" over "Bir") replaces it."""
    for match in _UNKNOWN_PLACE.finditer(text):
        group = next(g for g in (1, 2, 3, 4) if match.group(g))
        start, end = match.span(group)
        name = text[start:end]
        if name.split()[0].lower() in _NOT_A_NAME:
            continue
        overlapping = [m for m in found if m.start < end and start < m.end]
        if any(m.end - m.start >= end - start for m in overlapping):
            continue
        found = [m for m in found if m not in overlapping]
        found.append(Mention(name, start, end, "", cue="city"))
    return sorted(found, key=lambda m: m.start)
