"""Events and links out: GeoDataFrames in EPSG:4326, and GeoJSON, CSV or GeoPackage files.

GeoJSON is one FeatureCollection of event points (``"geometry": null`` for an event
that could not be located) and link lines, told apart by the ``feature_type``
property. CSV holds the events only, ACLED's columns first. A GeoPackage has an
``events`` and a ``links`` layer; the links layer is written even when empty, so a
reader always finds both. Text is written verbatim: escaping is the map's job.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import math
import numbers
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictmap._files import prepare_output, replacing
from conflictmap._geometry import bad_coordinates
from conflictmap.article import read_text
from conflictmap.event import EVENT_COLUMNS, LINK_COLUMNS, MAX_COUNT, Event, Link
from conflictmap.exceptions import BadInput, MissingDependency

if TYPE_CHECKING:
    import geopandas
    import pandas

__all__ = ["CRS", "FORMATS", "EventWriter", "events_frame", "links_frame", "read_events",
           "write_events"]

log = logging.getLogger(__name__)

CRS = "EPSG:4326"
#: File extension -> format name, for `write_events` and `read_events`.
FORMATS = {".geojson": "geojson", ".json": "geojson", ".csv": "csv", ".gpkg": "gpkg"}

_INT_COLUMNS = frozenset({"time_precision", "iso", "geo_precision", "fatalities",
                          "injuries", "munitions"})
_FLOAT_COLUMNS = frozenset({"latitude", "longitude", "origin_latitude", "origin_longitude"})
_DATE_COLUMNS = frozenset({"event_date"})
_BOOL_COLUMNS = frozenset({"cross_border"})


# --- GeoDataFrames -------------------------------------------------------------------------

def events_frame(events: Iterable[Event]) -> geopandas.GeoDataFrame:
    """One row per event: `EVENT_COLUMNS` in order, then a point geometry.

    Parameters
    ----------
    events
        The events; an empty iterable gives an empty frame with the same columns.

    Returns
    -------
    geopandas.GeoDataFrame
        In EPSG:4326. ``event_date`` is ``datetime64[ns]`` (NaT when undated),
        ``sentence_spans`` a ``"start-end;start-end"`` string, count columns nullable
        ``Int64``; the geometry is None for an event that was not located.
    """
    from shapely import Point

    events = list(events)
    pd = _pandas()
    frame = pd.DataFrame.from_records([e.as_record() for e in events],
                                      columns=list(EVENT_COLUMNS))
    geometry = [Point(e.longitude, e.latitude) if e.located else None for e in events]
    return _geo(_typed(frame, where="events"), geometry)


def links_frame(links: Iterable[Link]) -> geopandas.GeoDataFrame:
    """One row per link: `LINK_COLUMNS` in order, then a line from origin to target.

    Parameters
    ----------
    links
        The links; an empty iterable gives an empty frame with the same columns.

    Returns
    -------
    geopandas.GeoDataFrame
        In EPSG:4326, ``cross_border`` boolean.
    """
    from shapely import LineString

    links = list(links)
    pd = _pandas()
    frame = pd.DataFrame.from_records([link.as_record() for link in links],
                                      columns=list(LINK_COLUMNS))
    geometry = [LineString([(link.from_longitude, link.from_latitude),
                            (link.to_longitude, link.to_latitude)]) for link in links]
    return _geo(_typed(frame, where="links"), geometry)


# --- writing -------------------------------------------------------------------------------

def write_events(path: str | os.PathLike[str], events: Iterable[Event],
                 links: Iterable[Link] = (), *, format: str | None = None) -> Path:
    """Write events (and links) to a GeoJSON, CSV or GeoPackage file.

    Parameters
    ----------
    path
        The file to write, replaced if it exists (atomically: an interrupted write
        leaves the old file in place).
    events, links
        What to write. CSV takes the events only; links given with it are dropped with
        a warning.
    format
        ``"geojson"``, ``"csv"`` or ``"gpkg"``; by default chosen by the extension
        (``.geojson``/``.json``, ``.csv``, ``.gpkg``).

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    BadInput
        An unknown extension or format, or a path that cannot be written.
    """
    with EventWriter(path, format=format) as writer:
        writer.write(events, links)
    return writer.path


class EventWriter:
    """Writes events and links as they come, article by article, to a GeoJSON, CSV or
    GeoPackage file: memory holds one batch, not the run. The file appears, whole, when
    the writer closes without an error (until then the old file stays as it was).

    >>> with EventWriter("events.geojson") as out:          # doctest: +SKIP
    ...     for found in extract_stream(articles):
    ...         out.write(found.events, found.links)
    """

    #: Events (or links) a GeoPackage layer receives at a time.
    BATCH = 5000

    def __init__(self, path: str | os.PathLike[str], *, format: str | None = None) -> None:
        self.path = Path(path)
        self.kind = _format(self.path, format)
        prepare_output(self.path)
        self.events_written = 0
        self.links_written = 0
        self.links_dropped = 0
        self._replacing = replacing(self.path)
        self._tmp: Path | None = None
        self._fh: Any = None
        self._csv: csv.DictWriter | None = None
        self._pending: dict[str, list] = {"events": [], "links": []}
        self._layers: set[str] = set()

    def __enter__(self) -> EventWriter:
        try:
            self._tmp = self._replacing.__enter__()
            if self.kind == "geojson":
                self._fh = self._tmp.open("w", encoding="utf-8")
                # One feature a line: still one valid document, readable with grep or diff.
                self._fh.write('{"type": "FeatureCollection", "features": [\n')
            elif self.kind == "csv":
                self._fh = self._tmp.open("w", encoding="utf-8", newline="")
                self._csv = csv.DictWriter(self._fh, fieldnames=EVENT_COLUMNS)
                self._csv.writeheader()
        except OSError as err:
            self._replacing.__exit__(type(err), err, err.__traceback__)
            raise BadInput(f"{self.path}: cannot write ({err.strerror or err})") from err
        return self

    def write(self, events: Iterable[Event], links: Iterable[Link] = ()) -> None:
        """Add events and links (one article's, or any number)."""
        try:
            if self.kind == "geojson":
                for feature in [*map(_event_feature, events), *map(_link_feature, links)]:
                    if self.events_written or self.links_written:
                        self._fh.write(",\n")
                    self._fh.write(json.dumps(feature, ensure_ascii=False, allow_nan=False))
                    if feature["properties"]["feature_type"] == "event":
                        self.events_written += 1
                    else:
                        self.links_written += 1
            elif self.kind == "csv":
                for event in events:
                    self._csv.writerow({k: _neutralised(v)
                                        for k, v in _plain(event.as_record()).items()})
                    self.events_written += 1
                self.links_dropped += sum(1 for _ in links)
            else:
                self._pending["events"] += events
                self._pending["links"] += links
                if len(self._pending["events"]) >= self.BATCH or \
                        len(self._pending["links"]) >= self.BATCH:
                    self._flush_gpkg()
        except OSError as err:
            raise BadInput(f"{self.path}: cannot write ({err.strerror or err})") from err

    def __exit__(self, kind, error, traceback) -> None:
        try:
            if error is None:
                if self.kind == "geojson":
                    self._fh.write("\n]}\n")
                elif self.kind == "gpkg":
                    self._flush_gpkg(final=True)
            if self._fh is not None:
                self._fh.close()
        except OSError as err:
            self._replacing.__exit__(type(err), err, err.__traceback__)
            raise BadInput(f"{self.path}: cannot write ({err.strerror or err})") from err
        except BaseException as err:
            self._replacing.__exit__(type(err), err, err.__traceback__)
            raise
        try:
            self._replacing.__exit__(kind, error, traceback)
        except OSError as err:
            raise BadInput(f"{self.path}: cannot write ({err.strerror or err})") from err
        if error is None:
            if self.links_dropped:
                log.warning("%s: CSV holds events only; %d links not written (use .geojson or "
                            ".gpkg to keep them)", self.path, self.links_dropped)
            log.info("%s: wrote %d events and %d links", self.path, self.events_written,
                     self.links_written)

    def _flush_gpkg(self, *, final: bool = False) -> None:
        import pyogrio.errors

        frames = {"events": (events_frame, "Point"), "links": (links_frame, "LineString")}
        for layer, (make, geometry_type) in frames.items():
            items = self._pending[layer]
            if not items and (not final or layer in self._layers):
                continue
            try:
                make(items).to_file(self._tmp, layer=layer, driver="GPKG", engine="pyogrio",
                                    geometry_type=geometry_type,
                                    mode="a" if layer in self._layers else "w")
            except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as err:
                # `_tmp` is the temporary file: name the real one.
                raise BadInput(f"{self.path}: cannot write the {layer} layer ({err})") from err
            self._layers.add(layer)
            if layer == "events":
                self.events_written += len(items)
            else:
                self.links_written += len(items)
            self._pending[layer] = []


def _event_feature(event: Event) -> dict[str, Any]:
    geometry = ({"type": "Point", "coordinates": [event.longitude, event.latitude]}
                if event.located else None)
    properties = {"feature_type": "event", **_plain(event.as_record())}
    return {"type": "Feature", "id": event.event_id, "geometry": geometry,
            "properties": properties}


def _link_feature(link: Link) -> dict[str, Any]:
    geometry = {"type": "LineString",
                "coordinates": [[link.from_longitude, link.from_latitude],
                                [link.to_longitude, link.to_latitude]]}
    record = link.as_record()
    properties = {"feature_type": "link", **_plain({c: record[c] for c in LINK_COLUMNS})}
    return {"type": "Feature", "id": link.link_id, "geometry": geometry,
            "properties": properties}


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's CSV
# injection): a quote in front makes it text. `_read_csv` takes the quote off again.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _neutralised(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def _restored(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(_FORMULA_STARTS) \
            and not _is_number(value[1:]):
        return value[1:]
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """Values JSON and CSV can hold: numpy numbers as Python ones, NaN as None."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, bool | str) or value is None:
            out[key] = value
        elif isinstance(value, numbers.Integral):
            out[key] = int(value)
        elif isinstance(value, numbers.Real):
            out[key] = float(value) if math.isfinite(value) else None
        else:
            out[key] = value
    return out


# --- reading -------------------------------------------------------------------------------

def read_events(path: str | os.PathLike[str]
                ) -> tuple[geopandas.GeoDataFrame, geopandas.GeoDataFrame]:
    """Read back a file `write_events` wrote.

    Parameters
    ----------
    path
        A ``.geojson``/``.json``, ``.csv`` or ``.gpkg`` file.

    Returns
    -------
    (events, links) : tuple of geopandas.GeoDataFrame
        Shaped as `events_frame` and `links_frame` give them (columns the file has
        beyond those are kept, after them). A CSV gives no links.

    Raises
    ------
    BadInput
        A missing file, an unknown extension, or content that is not what
        `write_events` writes (not JSON, no coordinates, a value of the wrong type).
    """
    path = Path(path)
    kind = _format(path, None)
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    reader = {"geojson": _read_geojson, "csv": _read_csv, "gpkg": _read_gpkg}[kind]
    return reader(path)


def _read_geojson(path: Path) -> tuple[geopandas.GeoDataFrame, geopandas.GeoDataFrame]:
    from shapely.geometry import shape

    try:
        doc = json.loads(read_text(path))
    except json.JSONDecodeError as err:
        raise BadInput(f"{path}:{err.lineno}: not JSON ({err.msg})") from err
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise BadInput(f"{path}: not a GeoJSON FeatureCollection")
    rows: dict[str, tuple[list[dict], list]] = {"event": ([], []), "link": ([], [])}
    for number, feature in enumerate(doc.get("features") or [], start=1):
        if not isinstance(feature, dict):
            raise BadInput(f"{path}: feature {number} is not an object")
        properties = dict(feature.get("properties") or {})
        try:
            geometry = shape(feature["geometry"]) if feature.get("geometry") else None
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise BadInput(f"{path}: feature {number}: bad geometry "
                           f"{feature.get('geometry')!r}") from err
        kind = properties.pop("feature_type", None) or (
            "link" if geometry is not None and geometry.geom_type == "LineString" else "event")
        records, geometries = rows["link" if kind == "link" else "event"]
        records.append(properties)
        geometries.append(geometry)
    return (_frame(*rows["event"], EVENT_COLUMNS, where=str(path)),
            _frame(*rows["link"], LINK_COLUMNS, where=str(path)))


def _read_csv(path: Path) -> tuple[geopandas.GeoDataFrame, geopandas.GeoDataFrame]:
    from shapely import Point

    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    try:
        records = [{k: _restored(v) for k, v in row.items()} for row in reader]
    except csv.Error as err:
        raise BadInput(f"{path}:{reader.line_num}: malformed CSV ({err})") from err
    missing = {"latitude", "longitude"} - set(reader.fieldnames or ())
    if missing:
        raise BadInput(f"{path}: no {' or '.join(sorted(missing))} column; its columns are: "
                       f"{', '.join(reader.fieldnames or ()) or '(none)'}")
    events = _frame(records, [None] * len(records), EVENT_COLUMNS, where=str(path))
    located = events["latitude"].notna() & events["longitude"].notna()
    events = events.set_geometry([
        Point(lon, lat) if ok else None
        for lon, lat, ok in zip(events["longitude"], events["latitude"], located, strict=True)
    ], crs=CRS)
    return events, links_frame(())


def _read_gpkg(path: Path) -> tuple[geopandas.GeoDataFrame, geopandas.GeoDataFrame]:
    import pyogrio
    import pyogrio.errors

    try:
        layers = {str(name) for name, _ in pyogrio.list_layers(path)}
        if "events" not in layers:
            raise BadInput(f"{path}: no 'events' layer; its layers are: "
                           f"{', '.join(sorted(layers)) or '(none)'}")
        events = _gpkg_layer(path, "events", EVENT_COLUMNS)
        links = (_gpkg_layer(path, "links", LINK_COLUMNS) if "links" in layers
                 else links_frame(()))
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as err:
        raise BadInput(f"{path}: cannot read as a GeoPackage ({err})") from err
    return events, links


def _gpkg_layer(path: Path, layer: str, columns: Sequence[str]) -> geopandas.GeoDataFrame:
    gpd = _geopandas()
    frame = gpd.read_file(path, layer=layer, engine="pyogrio")
    if frame.crs is None:
        frame = frame.set_crs(CRS)
    elif not frame.crs.equals(CRS):
        frame = frame.to_crs(CRS)
    geometry = list(frame.geometry)
    table = _pandas().DataFrame(frame.drop(columns=frame.geometry.name))
    return _frame(table.to_dict("records"), geometry, columns, where=f"{path} ({layer})")


# --- shared --------------------------------------------------------------------------------

def _frame(records: list[dict], geometry: list, columns: Sequence[str], *,
           where: str) -> geopandas.GeoDataFrame:
    """A typed frame of `columns` (then any others the records have) and a geometry."""
    pd = _pandas()
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame()
    extras = [c for c in frame.columns if c not in columns and c != "geometry"]
    frame = frame.reindex(columns=[*columns, *extras])
    return _geo(_typed(frame, where=where), _valid_geometry(geometry, where))


def _valid_geometry(geometry: list, where: str) -> list:
    """The geometries, with those whose coordinates are not finite or past the poles and
    the antimeridian dropped (each named in a warning): never an invisible marker."""
    import shapely

    out = list(geometry)
    for row in bad_coordinates(out).nonzero()[0]:
        log.warning("%s: record %d: coordinates %s out of range; left without a place",
                    where, row + 1, shapely.get_coordinates(out[row]).tolist()[:2])
        out[row] = None
    return out


def _typed(frame: pandas.DataFrame, *, where: str) -> pandas.DataFrame:
    """The frame with our dtypes: nullable integers, floats, datetimes, booleans, text.

    A value that cannot be one (a count that is no whole number from 0 to `MAX_COUNT`,
    a latitude past 90, a date pandas cannot hold) is dropped with a warning naming its
    record, so one bad row never costs the others.
    """
    pd = _pandas()
    out = frame.copy()
    for column in out.columns:
        # Object dtype first, so that None stays None and "" can mean missing.
        series = out[column].astype(object)
        series = series.where(series.notna() & ~series.eq(""), None)
        if column in _INT_COLUMNS or column in _FLOAT_COLUMNS:
            values = pd.to_numeric(series, errors="coerce").astype("float64")
            values = _checked(values, series, _in_range(column, values), column, where)
            out[column] = values.astype("Int64") if column in _INT_COLUMNS else values
        elif column in _DATE_COLUMNS:
            dates = pd.to_datetime(series, errors="coerce", format="ISO8601")
            good = dates.notna() & dates.between(pd.Timestamp.min, pd.Timestamp.max)
            out[column] = _checked(dates, series, good, column, where).astype("datetime64[ns]")
        elif column in _BOOL_COLUMNS:
            out[column] = series.map(_as_bool).astype(bool)
        else:
            out[column] = series.map(lambda v: "" if v is None else str(v)).astype(object)
    return out


_RANGES = {"latitude": 90.0, "longitude": 180.0, "origin_latitude": 90.0,
           "origin_longitude": 180.0}


def _in_range(column: str, values: pandas.Series) -> pandas.Series:
    if column in _FLOAT_COLUMNS:
        return values.abs() <= _RANGES.get(column, float("inf"))
    return (values >= 0) & (values <= MAX_COUNT) & (values == values.round())


def _checked(converted: pandas.Series, original: pandas.Series, good: pandas.Series,
             column: str, where: str) -> pandas.Series:
    """`converted` with the values that are not `good` dropped, each named in a warning."""
    bad = original.notna() & ~good.fillna(False).astype(bool)
    for row in bad.to_numpy().nonzero()[0][:_MAX_WARNINGS]:
        log.warning("%s: record %d: %s %r is not a %s; left empty", where, row + 1, column,
                    original.iloc[row], _WANTED.get(column, "whole number from 0 to "
                                                     f"{MAX_COUNT:,}"))
    if bad.sum() > _MAX_WARNINGS:
        log.warning("%s: %d more bad %s values left empty", where,
                    bad.sum() - _MAX_WARNINGS, column)
    return converted.where(~bad)


_MAX_WARNINGS = 20
_WANTED = {"event_date": "date (YYYY-MM-DD, from 1677 to 2262)",
           "latitude": "latitude (-90 to 90)", "longitude": "longitude (-180 to 180)",
           "origin_latitude": "latitude (-90 to 90)",
           "origin_longitude": "longitude (-180 to 180)"}


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


def _geo(frame: pandas.DataFrame, geometry: list) -> geopandas.GeoDataFrame:
    gpd = _geopandas()
    series = gpd.GeoSeries(geometry, index=frame.index, crs=CRS)
    return gpd.GeoDataFrame(frame, geometry=series, crs=CRS)


def _format(path: Path, format: str | None) -> str:
    if format is not None:
        if format.lower() not in set(FORMATS.values()):
            raise BadInput(f"unknown output format {format!r}; supported: "
                           f"{', '.join(sorted(set(FORMATS.values())))}")
        return format.lower()
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise BadInput(f"{path}: unknown extension {path.suffix or '(none)'!r}; supported: "
                       f"{', '.join(FORMATS)}")
    return kind


def _geopandas():
    try:
        import geopandas
    except ImportError as err:
        raise MissingDependency("event frames and files need geopandas: "
                                "pip install 'geopandas>=1.0' pyogrio") from err
    return geopandas


def _pandas():
    _geopandas()
    import pandas

    return pandas
