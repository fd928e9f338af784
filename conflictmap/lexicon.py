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
from collections.abc import Sequence
from functools import cache
from importlib import resources
from re import _constants as _sre
from re import _parser as _sre_parse

import ahocorasick

__all__ = ["NUM", "NUMBERS", "CaseBlind", "Screen", "literal_starts", "lower_case",
           "pattern", "table", "word_pattern"]

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
    less), so only what it finds is searched again with the pattern itself. Faster still,
    a `Screen` rules out many patterns in one pass over the text.
    """

    __slots__ = ("_lower", "bit", "full", "lower_pattern")

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.full = compiled
        self.lower_pattern = _lowered(compiled.pattern)
        self._lower: re.Pattern[str] | None = None
        self.bit = 0  # its bit in the `Screen` that reads it, if any

    @property
    def lower(self) -> re.Pattern[str]:
        """The pattern in lower case, compiled on first use (a `Screen` may rule it out
        of every sentence a short run reads, and start-up counts)."""
        if self._lower is None:
            self._lower = re.compile(self.lower_pattern, self.full.flags & ~re.IGNORECASE)
        return self._lower

    def absent(self, low: str | None, seen: int = -1) -> bool:
        """True when the pattern cannot match the text whose `lower_case` is *low*
        (None: no lower-case text to test, so the answer is False). *seen*: what a
        `Screen` found in the text, when one reads this pattern."""
        if low is None:
            return False
        if self.bit and not seen & self.bit:
            return True
        return (self._lower or self.lower).search(low) is None

    def search(self, text: str, low: str | None, seen: int = -1) -> re.Match[str] | None:
        return None if self.absent(low, seen) else self.full.search(text)


class Screen:
    """Which of many `CaseBlind` patterns may match a text, in one pass over it.

    Every match of a pattern starts with one of a few literal strings (`literal_starts`:
    "kill", "air s", "rocket"); an Aho-Corasick automaton of them all finds, in one pass
    over the lower-cased text, the patterns none of whose starts is there: those cannot
    match, and are not searched. A pattern whose matches may start otherwise (with a
    digit, any letter) is always searched.

    `scan` gives the patterns that may match as bits; pass it to their `CaseBlind.absent`
    or `CaseBlind.search` as *seen*.
    """

    __slots__ = ("_always", "_automaton", "patterns")

    def __init__(self, patterns: Sequence[CaseBlind]) -> None:
        self.patterns = tuple(dict.fromkeys(patterns))  # the patterns it reads
        self._always = 0
        starts: dict[str, int] = {}
        for n, blind in enumerate(self.patterns):
            if blind.bit:
                raise ValueError(f"pattern already read by another screen: "
                                 f"{blind.full.pattern[:60]!r}")
            blind.bit = 1 << n
            found = literal_starts(blind.lower_pattern, blind.full.flags & ~re.IGNORECASE)
            if found is None:
                self._always |= blind.bit
                continue
            for start in found:
                starts[start] = starts.get(start, 0) | blind.bit
        self._automaton = ahocorasick.Automaton()
        for start in starts:
            self._automaton.add_word(start, starts[start])
        if starts:
            self._automaton.make_automaton()

    def scan(self, low: str | None) -> int:
        """The bits of the patterns that may match the text whose `lower_case` is *low*
        (all of them when *low* is None)."""
        if low is None:
            return -1
        seen = self._always
        if self._automaton.kind == ahocorasick.AHOCORASICK:
            for _, bits in self._automaton.iter(low):
                seen |= bits
        return seen


# How long the literal starts of a pattern are at most, and how many it may have
_START_CHARS = 6
_MAX_STARTS = 500


def literal_starts(regex: str | re.Pattern[str], flags: int = 0) -> frozenset[str] | None:
    """Strings one of which begins every match of *regex* (up to 6 characters each),
    or None when a match may begin with no literal known (a class, any character) or
    there would be too many: ``\\b(?:air ?strikes?|shell(?:s|ed))\\b`` gives "air ",
    "airstr", "shells" and "shelle". A case-blind pattern's starts are not case-blind:
    read them in its lower-case form (`CaseBlind.lower`) against lower-cased text."""
    if isinstance(regex, re.Pattern):
        regex, flags = regex.pattern, regex.flags
    if flags & re.IGNORECASE:
        return None
    found = _starts(list(_sre_parse.parse(regex, flags)), {""})
    if found is None or "" in found or len(found) > _MAX_STARTS:
        return None
    return frozenset(found)


def _starts(items: list, heads: set[str]) -> set[str] | None:
    """Each of *heads* (the starts read so far) followed by what *items* (a parsed
    pattern's sequence) may begin with: strings of `_START_CHARS` characters, or shorter
    where a non-literal follows. None: too many."""
    done: set[str] = set()
    for n, (op, arg) in enumerate(items):
        if not heads:
            break
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width: "\\b", a lookbehind
        if op is _sre.LITERAL or op is _sre.IN and len(arg) <= 4 and all(
                kind is _sre.LITERAL for kind, _ in arg):
            chars = [chr(arg)] if op is _sre.LITERAL else [chr(c) for _, c in arg]
            grown = {head + c for head in heads for c in chars}
            done |= {g for g in grown if len(g) >= _START_CHARS}
            heads = {g for g in grown if len(g) < _START_CHARS}
        elif op is _sre.SUBPATTERN:
            rest = _starts(list(arg[-1]) + items[n + 1:], heads)
            return None if rest is None else done | rest
        elif op is _sre.BRANCH:
            out = set(done)
            for branch in arg[1]:
                rest = _starts(list(branch) + items[n + 1:], heads)
                if rest is None or len(out | rest) > _MAX_STARTS:
                    return None
                out |= rest
            return out
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            least, _, item = arg
            # the item once, and the starts end there (what comes after is not needed)
            once = _starts(list(item), heads)
            if once is None:
                return None
            if least:
                return done | once
            skipped = _starts(items[n + 1:], heads)  # or none of it
            return None if skipped is None else done | once | skipped
        else:  # a class, any character, a back-reference: the starts end before it
            return done | heads
        if len(done) + len(heads) > _MAX_STARTS:
            return None
    return done | heads


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
