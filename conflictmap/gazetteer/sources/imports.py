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
_MAX_LISTED = 100
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


class _BadLines:
    """Bad lines of an import file: a warning each for the first few, then a summary."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self.first: list[int] = []  # the first _MAX_LISTED line numbers

    def __len__(self) -> int:
        return self.count

    def add(self, number: int, err: BadInput) -> None:
        self.count += 1
        if self.count <= _MAX_LISTED:
            self.first.append(number)
        if self.count <= _MAX_REPORTED:
            log.warning("%s:%d: %s", self.path, number, err)

    def summarise(self) -> None:
        if self.count:
            more = ", ..." if self.count > _MAX_LISTED else ""
            log.warning("%s: %d bad line(s) skipped (line %s%s); the others were read",
                        self.path, self.count, ", ".join(map(str, self.first)), more)


class GeoNamesDump(Source):
    """A GeoNames dump in the 19-column tab-separated format of allCountries.txt."""

    name = "geonames-dump"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.bad = _BadLines(self.path)

    @property
    def bad_lines(self) -> int:
        """How many lines the last reading skipped."""
        return len(self.bad)

    def fingerprint(self) -> str:
        return f"dump {self.path.name} {file_digest(self.path)}"

    def _lines(self) -> Iterator[str]:
        try:
            if not zipfile.is_zipfile(self.path):
                with self.path.open(encoding="utf-8", errors="replace") as fh:
                    yield from fh
                return
            with zipfile.ZipFile(self.path) as archive:
                members = [n for n in archive.namelist() if n.endswith(".txt")
                           and not n.lower().startswith("readme")]
                if not members:
                    raise BadInput(f"{self.path}: no .txt file inside the zip")
                with archive.open(members[0]) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        except (OSError, zipfile.BadZipFile) as err:
            raise BadInput(f"{self.path}: cannot read ({_reason(err)})") from err

    def records(self) -> Iterator[Record]:
        self.bad = _BadLines(self.path)
        for number, line in enumerate(self._lines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                record = _dump_record(line.rstrip("\n").split("\t"))
            except BadInput as err:
                self.bad.add(number, err)
                continue
            if record is not None:
                yield record
        self.bad.summarise()


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
        self.bad = _BadLines(self.path)

    @property
    def bad_lines(self) -> int:
        """How many rows the last reading skipped."""
        return len(self.bad)

    def fingerprint(self) -> str:
        return f"csv {self.path.name} {file_digest(self.path)}"

    def records(self) -> Iterator[Record]:
        self.bad = _BadLines(self.path)
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                try:
                    yield from self._rows(reader)
                except UnicodeDecodeError as err:
                    raise BadInput(f"{self.path}: not UTF-8 text ({err.reason} after line "
                                   f"{reader.line_num}); save it as UTF-8 CSV") from err
        except OSError as err:
            raise BadInput(f"{self.path}: cannot read ({_reason(err)})") from err
        self.bad.summarise()

    def _rows(self, reader: csv.DictReader) -> Iterator[Record]:
        fields = reader.fieldnames or ()
        missing = [c for c in self.required if c not in fields]
        if missing:
            raise BadInput(f"{self.path}: missing column(s) {', '.join(missing)}; "
                           f"found {', '.join(fields) or 'none'}")
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                self.bad.add(reader.line_num, BadInput(f"not CSV: {err}"))
                continue
            try:
                record = _csv_record(row, source=self.path.name)
            except BadInput as err:
                # The row's first line: a quoted field may span several.
                self.bad.add(reader.line_num - sum(v.count("\n") for v in row.values()
                                                   if isinstance(v, str)), err)
                continue
            yield record


def _reason(err: BaseException) -> str:
    return getattr(err, "strerror", None) or str(err)


def _csv_record(row: dict[str, str], *, source: str) -> Record:
    lat, lon = validate_coordinates(row["latitude"], row["longitude"])
    name = (row.get("name") or "").strip()
    if not name:
        raise BadInput("empty name")
    code = (row.get("country_code") or "").strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise BadInput(f"country_code is not an ISO alpha-2 code: {code!r}")
    kind = (row.get("kind") or "site").strip().lower()
    if kind not in KINDS:
        raise BadInput(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    population = (row.get("population") or "0").strip()
    if not population.isdigit():
        raise BadInput(f"population is not a whole number: {population!r}")
    slug = (row.get("id") or "").strip() or name.lower().replace(" ", "-")
    place = Place(id=f"user:{slug}", name=name, latitude=lat, longitude=lon,
                  country_code=code, kind=kind,
                  feature=(row.get("feature") or kind).strip(), admin1=(row.get("admin1") or ""),
                  population=int(population), source=f"user file {source}")
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
