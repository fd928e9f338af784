"""Splitting news copy into sentences, keeping character offsets."""
from __future__ import annotations

import re

__all__ = ["split_sentences"]

_ABBREVIATIONS = ("U.S.", "U.K.", "U.N.", "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Lt.", "Col.",
                  "Maj.", "Capt.", "Sgt.", "St.", "No.", "Jan.", "Feb.", "Aug.", "Sept.",
                  "Oct.", "Nov.", "Dec.", "Gov.", "Sen.", "Rep.", "Brig.", "a.m.", "p.m.")
# A middle initial: a capitalised word, a space, one capital and its period; not a name
# with a letter ("Area C.", "Plan B.", "Gate A."), which can end a sentence.
_INITIAL = re.compile(r"\b(?!(?:Area|Zone|Plan|Sector|Block|Phase|Camp|Gate|Building|Section|"
                      r"Grade|Class|Group|Type|Category|Division|Unit|Battalion|Company|Team|"
                      r"Level|Stage|Route|Highway|Road|Street|Wing|Tower|Terminal|Platform|Ward|"
                      r"Floor|Hall|Annex|Line|Corridor|Sub|Vitamin)\b)[A-Z][a-z]+ [A-Z]\.$")
_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence; a line break always ends one (headings, datelines).

    Examples
    --------
    >>> text = "U.S. forces left. Rockets hit Baghdad!\\nSyria 'Drone Attacks'\\nA drone fell."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['U.S. forces left.', 'Rockets hit Baghdad!', "Syria 'Drone Attacks'", 'A drone fell.']
    """
    out: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in _END.finditer(line.group(0)):
            end = line.start() + m.end()
            if text[:end].endswith(_ABBREVIATIONS) and not text[:end].endswith(("a.m.", "p.m.")):
                continue
            if _INITIAL.search(text, max(0, end - 30), end):
                continue  # "Claro M. Recto", "John F. Kennedy": an initial, not an end
            _add(text, start, end, out)
            start = end
        _add(text, start, line.end(), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
