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

__all__ = ["NUM", "pattern", "table", "word_pattern"]

_NUMBER_WORDS = (
    "one", "single", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "dozen", "both", "an", "a")
#: A count in digits or words ("14", "Fourteen", "twenty-one", "a dozen").
NUM = (r"(?:\d+(?:,\d{3})*(?!\d)|a dozen|two dozen|a pair of|a couple of|"
       r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
       r"(?:one|two|three|four|five|six|seven|eight|nine)\b|"
       + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")")


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
