"""Places with no administrative row: continents, macro-regions ("Middle East", "Sahel"),
regions ("Darfur", "Golan Heights"), and bodies of water ("Red Sea", "Euphrates").

A sea is a place of its own kind (``water``), never the province that shares its name;
a region is ``region``. Both come from ``data/regions.csv`` of the package.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources

from conflictmap.exceptions import BadInput
from conflictmap.gazetteer.place import Place, validate_coordinates
from conflictmap.gazetteer.sources.base import (
    Record,
    Source,
    csv_rows,
    file_digest,
    usable_names,
)

__all__ = ["Regions"]

_COLUMNS = ("name", "aliases", "kind", "feature", "country_code", "latitude", "longitude")
_KINDS = ("region", "water")


def _path():  # a Traversable
    return resources.files("conflictmap") / "data" / "regions.csv"


class Regions(Source):
    name = "regions"

    def fingerprint(self) -> str:
        return f"regions {file_digest(_path())}"

    def records(self) -> Iterator[Record]:
        yield from csv_rows(_path(), _COLUMNS, _record, label="regions.csv")


def _record(row: dict[str, str], *, where: str) -> Record:
    lat, lon = validate_coordinates(row["latitude"], row["longitude"], where=where)
    kind = row["kind"].strip()
    if kind not in _KINDS or not row["name"].strip():
        raise BadInput(f"{where}: a region needs a name and a kind of {' or '.join(_KINDS)}")
    name = row["name"].strip()
    place = Place(
        id=f"region:{_slug(name)}", name=name, latitude=lat, longitude=lon,
        country_code=row["country_code"].strip().upper(), kind=kind,
        feature=row["feature"].strip() or kind, source="conflictmap regions.csv",
    )
    aliases = [a for a in (row["aliases"] or "").split("|") if a.strip()]
    return place, usable_names([name, *aliases], codes=True)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
