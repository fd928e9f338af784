"""The outlines of areas: a country's polygon, where one is known.

From Natural Earth's 1:50m admin-0 boundaries (public domain), simplified to about 2 km
(``data/country_outlines.geojson.gz``, made by ``tools/country_outlines.py``).
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from conflictmap.gazetteer.place import Place

__all__ = ["outline"]


def outline(place: Place) -> BaseGeometry | None:
    """The polygon of *place* (a shapely geometry in longitude, latitude) where one is
    known, else None. Countries have one; other places have none yet.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> from conflictmap.gazetteer import Gazetteer
    >>> iraq = Gazetteer.default().country("IQ")  # doctest: +SKIP
    >>> outline(iraq).contains(Point(44.36, 33.31))  # Baghdad  # doctest: +SKIP
    True
    """
    if place.kind != "country":
        return None
    return _countries().get(place.country_code)


@lru_cache(maxsize=1)
def _countries() -> dict[str, BaseGeometry]:
    from shapely.geometry import shape

    data = (resources.files("conflictmap") / "data" / "country_outlines.geojson.gz").read_bytes()
    features = json.loads(gzip.decompress(data))["features"]
    return {f["properties"]["country_code"]: shape(f["geometry"]) for f in features}
