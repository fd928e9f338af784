"""The word lists extraction reads, kept as data (``conflictmap/data/lexicon/*.csv``).

A new trigger, crowd cue, weapon or armed group is a line in one of these files:

- ``triggers.csv``: the words that tell an incident, with their ACLED sub-event type and
  our map category, strongest first;
- ``crowds.csv``: what tells a protest, a riot or a mob, and how the authorities met it;
- ``types.csv``: ACLED's sub-event types with their event type and our map category;
- ``people.csv``: the words for people who fight and for people who do not;
- ``weapons.csv``: weapons, longest phrase first;
- ``casualties.csv``: how a report counts the dead and the wounded;
- ``groups.csv``: armed groups as ACLED names them, with the names the press uses.

Patterns are regular-expression fragments, matched whole-word and case-blind (a
``(?-i:...)`` group makes a part case-sensitive). ``{NUM}`` in a pattern stands for a
count written in digits or words.
"""
from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

__all__ = ["NUM", "NUMBERS", "CaseBlind", "lower_case", "pattern", "table",
           "word_pattern"]

#: Counts written in words, to their values.
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "a dozen": 12, "two dozen": 24, "a pair of": 2, "a couple of": 2, "both": 2,
}
#: A count in digits or words ("14", "Fourteen", "twenty-one", "a dozen").
NUM = (r"(?:\d+(?:,\d{3})*(?!\d)|a dozen|two dozen|a pair of|a couple of|"
       r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
       r"(?:one|two|three|four|five|six|seven|eight|nine)\b|"
       + "|".join(sorted((k for k in NUMBERS if " " not in k), key=len, reverse=True)) + ")")


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/lexicon/<name>.csv``, in file order."""
    path = resources.files("conflictmap") / "data" / "lexicon" / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = []
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if None in row:  # a comma in a pattern that was not quoted
                raise ValueError(f"lexicon {name}.csv line {line}: more fields than columns "
                                 f"(quote a pattern that holds a comma)")
            rows.append({k: (v or "").strip() for k, v in row.items()})
        return tuple(rows)


def pattern(fragment: str) -> str:
    """A lexicon pattern with its ``{NUM}`` placeholders filled in."""
    return fragment.replace("{NUM}", NUM)


def word_pattern(fragments: list[str] | tuple[str, ...], *, flags: int = re.IGNORECASE
                 ) -> re.Pattern[str]:
    """One pattern matching any of *fragments* as whole words."""
    return re.compile(r"\b(?:" + "|".join(f"(?:{pattern(f)})" for f in fragments) + r")\b",
                      flags)


class CaseBlind:
    """A case-blind pattern with a fast test that it cannot match.

    Python's ``re`` runs an IGNORECASE pattern several times slower than the same pattern
    in lower case on lower-cased text; most sentences match none of the lexicon's
    patterns, so the lower-case pass (`absent`) rules them out first. It matches
    wherever the case-blind pattern does ("(?-i:UAVs?)" becomes "uavs?": more, never
    less), so only what it finds is searched again with the pattern itself.
    """

    __slots__ = ("full", "lower")

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.full = compiled
        self.lower = re.compile(_lowered(compiled.pattern), compiled.flags & ~re.IGNORECASE)

    def absent(self, low: str | None) -> bool:
        """True when the pattern cannot match the text whose `lower_case` is *low*
        (None: no lower-case text to test, so the answer is False)."""
        return low is not None and self.lower.search(low) is None

    def search(self, text: str, low: str | None) -> re.Match[str] | None:
        return None if self.absent(low) else self.full.search(text)


def lower_case(text: str) -> str | None:
    """*text* lower-cased, or None when lower-casing changes its length ("İ" becomes two
    characters), since a match in it must keep the text's offsets."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _lowered(regex: str) -> str:
    """*regex* with its letters in lower case, but not its escapes ("\\S", "\\B") or its
    group names."""
    out, i = [], 0
    while i < len(regex):
        if regex[i] == "\\":
            out.append(regex[i:i + 2])
            i += 2
        elif regex.startswith(("(?P<", "(?P="), i):
            end = regex.index(">" if regex[i + 3] == "<" else ")", i) + 1
            out.append(regex[i:end])
            i = end
        else:
            out.append(regex[i].lower())
            i += 1
    return "".join(out)
