"""Files a user imports: a GeoNames dump (allCountries.txt, IQ.txt, zipped or not), or a CSV."""
from __future__ import annotations

import csv
import io
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

from conflictmap.exceptions import BadInput
from conflictmap.gazetteer.place import KINDS, Place, validate_coordinates
from conflictmap.gazetteer.sources.base import Record, Source, file_digest, usable_names

__all__ = ["GeoNamesDump", "PlacesCsv", "source_for_file"]

log = logging.getLogger(__name__)

_MAX_REPORTED = 20
# GeoNames feature codes -> (kind, feature)
_ADMIN = {"ADM1": ("admin1", "first-order division"),
          "ADM2": ("admin2", "second-order division"),
          "PCLI": ("country", "country"), "PCLD": ("country", "country"),
          "PCLS": ("country", "country"), "PCLF": ("country", "country")}
_SITE_FEATURES = {
    "AIRB": "air base", "AIRP": "airport", "AIRF": "airfield", "MILB": "military base",
    "OILF": "oil field", "GASF": "gas field", "DAM": "dam", "PRN": "prison", "CMP": "camp",
    "CMPRF": "refugee camp", "BDG": "bridge", "PSTB": "border post", "OILR": "refinery",
    "PS": "power plant", "PRT": "port", "INSM": "military installation", "FT": "fort",
    "RSTN": "station", "MSQE": "mosque", "SHRN": "shrine", "HSP": "hospital", "MKT": "market",
    "CTRA": "facility",
}


class GeoNamesDump(Source):
    """A GeoNames dump in the 19-column tab-separated format of allCountries.txt."""

    name = "geonames-dump"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.bad_lines = 0

    def fingerprint(self) -> str:
        return f"dump {self.path.name} {file_digest(self.path)}"

    def _lines(self) -> Iterator[str]:
        if zipfile.is_zipfile(self.path):
            with zipfile.ZipFile(self.path) as archive:
                members = [n for n in archive.namelist() if n.endswith(".txt")
                           and not n.lower().startswith("readme")]
                if not members:
                    raise BadInput(f"{self.path}: no .txt file inside the zip")
                with archive.open(members[0]) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
            return
        with self.path.open(encoding="utf-8", errors="replace") as fh:
            yield from fh

    def records(self) -> Iterator[Record]:
        for number, line in enumerate(self._lines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                record = _dump_record(line.rstrip("\n").split("\t"))
            except BadInput as err:
                self.bad_lines += 1
                if self.bad_lines <= _MAX_REPORTED:
                    log.warning("%s:%d: %s", self.path, number, err)
                continue
            if record is not None:
                yield record
        if self.bad_lines:
            log.warning("%s: %d bad line(s) skipped", self.path, self.bad_lines)


def _dump_record(cols: list[str]) -> Record | None:
    if len(cols) != 19:
        raise BadInput(f"expected 19 tab-separated columns, found {len(cols)}")
    if not cols[0].isdigit():
        raise BadInput(f"geonameid is not a number: {cols[0]!r}")
    lat, lon = validate_coordinates(cols[4], cols[5])
    fclass, fcode = cols[6], cols[7]
    if fcode in _ADMIN:
        kind, feature = _ADMIN[fcode]
    elif fclass == "P":
        kind, feature = "city", "town"
    elif fcode in _SITE_FEATURES:
        kind, feature = "site", _SITE_FEATURES[fcode]
    else:
        return None
    try:
        population = int(cols[14] or 0)
    except ValueError as err:
        raise BadInput(f"population is not a number: {cols[14]!r}") from err
    place = Place(id=f"geonames:{cols[0]}", name=cols[1], latitude=lat, longitude=lon,
                  country_code=cols[8], kind=kind, feature=feature, admin1=cols[10],
                  population=population, source="GeoNames dump")
    return place, usable_names([cols[1], cols[2], *cols[3].split(",")])


class PlacesCsv(Source):
    """A user's CSV of places.

    Columns: ``name``, ``latitude``, ``longitude``, ``country_code`` (required); ``id``,
    ``kind``, ``feature``, ``admin1``, ``population``, ``aliases`` (``|``-separated).
    """

    name = "csv"
    required = ("name", "latitude", "longitude", "country_code")

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def fingerprint(self) -> str:
        return f"csv {self.path.name} {file_digest(self.path)}"

    def records(self) -> Iterator[Record]:
        with self.path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in self.required if c not in (reader.fieldnames or ())]
            if missing:
                raise BadInput(f"{self.path}: missing column(s) {', '.join(missing)}; "
                               f"found {', '.join(reader.fieldnames or ()) or 'none'}")
            for line, row in enumerate(reader, start=2):
                yield _csv_record(row, where=f"{self.path}:{line}")


def _csv_record(row: dict[str, str], *, where: str) -> Record:
    lat, lon = validate_coordinates(row["latitude"], row["longitude"], where=where)
    name = (row.get("name") or "").strip()
    if not name:
        raise BadInput(f"{where}: empty name")
    kind = (row.get("kind") or "site").strip().lower()
    if kind not in KINDS:
        raise BadInput(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    population = (row.get("population") or "0").strip()
    if not population.isdigit():
        raise BadInput(f"{where}: population is not a whole number: {population!r}")
    slug = (row.get("id") or "").strip() or name.lower().replace(" ", "-")
    place = Place(id=f"user:{slug}", name=name, latitude=lat, longitude=lon,
                  country_code=(row.get("country_code") or "").strip().upper(), kind=kind,
                  feature=(row.get("feature") or kind).strip(), admin1=(row.get("admin1") or ""),
                  population=int(population), source=f"user file {Path(where).name}")
    aliases = [a for a in (row.get("aliases") or "").split("|") if a.strip()]
    return place, usable_names([name, *aliases], codes=True) or (name,)


def source_for_file(path: Path) -> Source:
    """The import source for *path*: a CSV by its extension, else a GeoNames dump."""
    path = Path(path)
    if not path.exists():
        raise BadInput(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        return PlacesCsv(path)
    return GeoNamesDump(path)
