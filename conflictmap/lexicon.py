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

__all__ = ["NUM", "NUMBERS", "pattern", "table", "word_pattern"]

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
