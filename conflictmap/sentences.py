"""Splitting news copy into sentences, keeping character offsets."""
from __future__ import annotations

import re

__all__ = ["split_sentences"]

_ABBREVIATIONS = ("U.S.", "U.K.", "U.N.", "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Lt.", "Col.",
                  "Maj.", "Capt.", "Sgt.", "St.", "No.", "Jan.", "Feb.", "Aug.", "Sept.",
                  "Oct.", "Nov.", "Dec.", "Gov.", "Sen.", "Rep.", "Brig.", "a.m.", "p.m.")
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
