"""Gazetteer sources, one module each, picked by name from `SOURCES`."""
from __future__ import annotations

from conflictmap.gazetteer.sources.airports import Airports
from conflictmap.gazetteer.sources.base import Record, Source
from conflictmap.gazetteer.sources.countries import Countries
from conflictmap.gazetteer.sources.divisions import Divisions
from conflictmap.gazetteer.sources.geonames_cities import GeoNamesCities
from conflictmap.gazetteer.sources.imports import GeoNamesDump, PlacesCsv, source_for_file
from conflictmap.gazetteer.sources.regions import Regions
from conflictmap.gazetteer.sources.sites import CuratedSites

__all__ = ["DEFAULT_SOURCES", "SOURCES", "Airports", "Countries", "CuratedSites", "Divisions",
           "GeoNamesCities", "GeoNamesDump", "PlacesCsv", "Record", "Regions", "Source",
           "source_for_file"]

SOURCES: dict[str, type[Source]] = {
    cls.name: cls
    for cls in (Countries, Divisions, Regions, GeoNamesCities, Airports, CuratedSites,
                GeoNamesDump, PlacesCsv)
}
DEFAULT_SOURCES = ("countries", "divisions", "regions", "geonames-cities", "airports", "sites")
