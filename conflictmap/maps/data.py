"""What a map is drawn from: events and links as GeoDataFrames, whatever came in."""
from __future__ import annotations

import datetime as dt
import json
import logging
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from conflictmap._geometry import bad_coordinates
from conflictmap.exceptions import BadInput

if TYPE_CHECKING:
    import geopandas

__all__ = ["CATEGORY_OF_LAYER", "LAYERS", "as_frames", "checked_events", "records_for_map",
           "cell_text", "safe_json", "valid_point", "web_url"]

log = logging.getLogger(__name__)

# Layer name -> the categories it shows.
CATEGORY_OF_LAYER = {
    "Attacks": ("attack",), "Strikes": ("strike",), "Interceptions": ("interception",),
    "Other events": ("clash", "other"),
}
LAYERS = (*CATEGORY_OF_LAYER, "Links", "Places mentioned", "Heat map")
# Popup fields, in order, with their labels.
POPUP_FIELDS = (
    ("date", "Date"), ("type", "Type"), ("actors", "Actors"), ("weapon", "Weapon"),
    ("casualties", "Casualties"), ("place", "Place"), ("source", "Source"),
    ("article", "Article"), ("notes", "Evidence"),
)
_TIME_PRECISION = {1: "day", 2: "within a few days", 3: "month"}
_CATEGORIES = {c for categories in CATEGORY_OF_LAYER.values() for c in categories}
# How many bad rows are named one by one in the log, before a count of the rest.
_NAMED_ROWS = 10
_GEO_PRECISION = {1: "exact place", 2: "near a place", 3: "province or country"}


def as_frames(events: Any, links: Any = None
              ) -> tuple[geopandas.GeoDataFrame, geopandas.GeoDataFrame | None]:
    """Events (an `Extraction`, a sequence of `Event`, a GeoDataFrame, or a DataFrame with
    ``latitude`` and ``longitude``) and links as GeoDataFrames in EPSG:4326, the events
    checked by `checked_events`."""
    from conflictmap.extract import Extraction
    from conflictmap.output import events_frame, links_frame

    if isinstance(events, Extraction):
        links = events.links if links is None else links
        events = events.events
    if hasattr(events, "geometry"):
        frame = events
    elif isinstance(events, pd.DataFrame) and {"latitude", "longitude"} <= set(events):
        import geopandas

        points = geopandas.points_from_xy(pd.to_numeric(events["longitude"], errors="coerce"),
                                          pd.to_numeric(events["latitude"], errors="coerce"))
        frame = geopandas.GeoDataFrame(events, geometry=points, crs="EPSG:4326")
    else:
        frame = events_frame(list(events))
    if links is not None and not hasattr(links, "geometry"):
        links = links_frame(list(links))
    return checked_events(_in_degrees(frame)), None if links is None else _in_degrees(links)


def _in_degrees(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """The frame in EPSG:4326 (a frame without a CRS is taken to be in it already)."""
    if frame.crs is None or frame.crs.to_epsg() == 4326:
        return frame
    return frame.to_crs("EPSG:4326")


def _row_names(frame: geopandas.GeoDataFrame, positions: Sequence[int]) -> list[str]:
    """How a log message names rows: by event_id where there is one, and position."""
    ids = frame["event_id"].iloc[list(positions)].tolist() if "event_id" in frame else None
    return [f"event {cell_text(ids[n])!r} (row {i})" if ids and cell_text(ids[n]) else f"row {i}"
            for n, i in enumerate(positions)]


def _log_rows(frame: geopandas.GeoDataFrame, bad: np.ndarray, problem: str,
              values: Sequence[str]) -> None:
    """Warn about the first few bad rows one by one (*problem* with its value), then
    count the others."""
    where = bad.nonzero()[0][:len(values)].tolist()
    for row, value in zip(_row_names(frame, where), values, strict=True):
        log.warning("%s: %s", row, problem.format(value))
    if bad.sum() > len(where):
        log.warning("%d more row(s): %s", bad.sum() - len(where), problem.format("..."))


def _shown(value: Any) -> str:
    """A cell's value as a log message shows it (numpy scalars as plain numbers)."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def checked_events(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """The events frame, fit to draw.

    A row whose coordinates are not numbers, infinite or out of range loses its point
    (it is counted as not located); fatalities that are not numbers, negative or
    infinite become 0, each logged with its row (empty ones too, silently). A line or
    area becomes a point on it. The frame is returned as it is when nothing is wrong,
    else a copy.
    """
    import shapely

    geometry = frame.geometry.to_numpy()
    bad_points, areas = _bad_points(geometry)
    deaths = (pd.to_numeric(frame["fatalities"], errors="coerce").astype(float).to_numpy()
              if "fatalities" in frame else np.zeros(len(frame)))
    # An empty cell is no count, and no error: it shows as 0 without a warning.
    missing = frame["fatalities"].isna().to_numpy() if "fatalities" in frame else \
        np.zeros(len(frame), dtype=bool)
    with np.errstate(invalid="ignore"):
        bad_deaths = (~np.isfinite(deaths) | (deaths < 0)) & ~missing
    if not (bad_points.any() or bad_deaths.any() or areas.any()):
        return frame
    _log_rows(frame, bad_points, "coordinates out of range or not numbers ({}); left off "
              "the map", [_coords(g) for g in geometry[bad_points][:_NAMED_ROWS]])
    if "fatalities" in frame:
        values = frame["fatalities"].to_numpy()[bad_deaths][:_NAMED_ROWS]
        _log_rows(frame, bad_deaths, "fatalities {} is not a count; shown as 0",
                  [_shown(v) for v in values])
    frame = frame.copy()
    geometry = geometry.copy()
    geometry[areas] = shapely.point_on_surface(geometry[areas])
    geometry[bad_points] = None
    frame[frame.geometry.name] = geometry
    if "fatalities" in frame:
        frame["fatalities"] = np.where(bad_deaths | missing, 0,
                                       np.nan_to_num(deaths)).astype(int)
    return frame


def _bad_points(geometry: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose geometry is not all finite latitudes and longitudes; and rows with a
    good geometry that is not a point."""
    import shapely

    bad = bad_coordinates(geometry)
    present = ~(shapely.is_missing(geometry) | shapely.is_empty(geometry))
    return bad, present & ~bad & (shapely.get_type_id(geometry) != 0)


def _coords(geometry: Any) -> str:
    if geometry.geom_type == "Point":
        return f"latitude {geometry.y!r}, longitude {geometry.x!r}"
    return geometry.wkt[:60]


def valid_point(latitude: Any, longitude: Any) -> bool:
    """Whether two values are a latitude and a longitude (finite numbers in range)."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return False
    return abs(lat) <= 90 and abs(lon) <= 180  # False for NaN; inf is out of range


def web_url(value: Any) -> str:
    """*value* if it is an http or https URL with a host, else "" (no javascript: and the
    like ever becomes a link)."""
    text = cell_text(value).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def cell_text(value: Any) -> str:
    """A cell as text: "" for None, NaN and pandas' missing values."""
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _int(value: Any) -> int | None:
    text = cell_text(value)
    try:
        return int(float(text)) if text else None
    except (ValueError, OverflowError):  # not a number, NaN, infinite
        return None


def _day(value: Any) -> int | None:
    """Days since 1970-01-01, for the time filter."""
    text = cell_text(value)[:10]
    try:
        return (dt.date.fromisoformat(text) - dt.date(1970, 1, 1)).days if text else None
    except ValueError:
        return None


def records_for_map(frame: geopandas.GeoDataFrame) -> list[dict[str, Any]]:
    """One small dict per event with the words a popup shows; nothing here is HTML."""
    n = len(frame)
    columns = {}
    for name in ("event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                 "actor2", "weapon", "munitions", "fatalities", "injuries", "location",
                 "admin1", "country", "geo_precision", "notes", "source", "article_id",
                 "article_title", "article_url", "title", "url", "category"):
        series = frame.get(name)
        columns[name] = [None] * n if series is None else series.tolist()
    return [_record(lambda name, i=i: columns[name][i]) for i in range(n)]


def _record(col) -> dict[str, Any]:
    date = cell_text(col("event_date"))[:10]
    precision = _TIME_PRECISION.get(_int(col("time_precision")) or 0, "")
    sub = cell_text(col("sub_event_type"))
    kind = cell_text(col("event_type"))
    actors = " vs ".join(a for a in (cell_text(col("actor1")), cell_text(col("actor2"))) if a)
    weapon = cell_text(col("weapon"))
    munitions = _int(col("munitions"))
    if weapon and munitions:
        weapon = f"{weapon} ×{munitions}"
    fatalities, injuries = _int(col("fatalities")), _int(col("injuries"))
    casualties = f"{fatalities or 0} killed" + (f", {injuries} injured" if injuries else "")
    where = ", ".join(p for p in (cell_text(col("location")), cell_text(col("admin1")),
                                  cell_text(col("country"))) if p)
    geo = _GEO_PRECISION.get(_int(col("geo_precision")) or 0, "")
    notes = cell_text(col("notes"))
    url = web_url(col("article_url")) or web_url(col("url"))
    category = cell_text(col("category"))
    return {
        "date": f"{date} ({precision})" if date and precision else date or "undated",
        "type": f"{kind}: {sub}" if kind and sub else kind or sub,
        "actors": actors, "weapon": weapon, "casualties": casualties,
        "place": f"{where} ({geo})" if where and geo else where,
        "source": cell_text(col("source")),
        "article": (cell_text(col("article_title")) or cell_text(col("title"))
                    or cell_text(col("article_id")) or url),
        "url": url,
        "notes": notes if len(notes) <= 1200 else notes[:1200] + "…",
        "short": " · ".join(p for p in (date, sub or kind, cell_text(col("location"))) if p),
        "category": category if category in _CATEGORIES else "other",
        "fatalities": fatalities or 0,
        "day": _day(col("event_date")),
    }


def safe_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: no "</script>", no HTML comment."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def checked_layers(layers: Sequence[str] | None) -> tuple[str, ...]:
    """The layer names asked for, checked against `LAYERS`."""
    if layers is None:
        return LAYERS
    unknown = [name for name in layers if name not in LAYERS]
    if unknown:
        raise BadInput(f"unknown layer(s) {', '.join(map(repr, unknown))}; "
                       f"choose from {', '.join(LAYERS)}")
    return tuple(layers)


def located(frame: geopandas.GeoDataFrame) -> list[int]:
    """Row positions of events with a point geometry."""
    missing = frame.geometry.isna().to_numpy() | frame.geometry.is_empty.to_numpy()
    return [int(i) for i in (~missing).nonzero()[0]]


def points(frame: geopandas.GeoDataFrame) -> tuple[list[float], list[float]]:
    """Latitudes and longitudes of every row (NaN where there is no point)."""
    geometry = frame.geometry
    return geometry.y.round(5).tolist(), geometry.x.round(5).tolist()
