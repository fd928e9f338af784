"""What a map is drawn from: events and links as GeoDataFrames, whatever came in."""
from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from conflictmap.exceptions import BadInput

if TYPE_CHECKING:
    import geopandas

__all__ = ["CATEGORY_OF_LAYER", "LAYERS", "as_frames", "records_for_map", "safe_json"]

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
_GEO_PRECISION = {1: "exact place", 2: "near a place", 3: "province or country"}


def as_frames(events: Any, links: Any = None
              ) -> tuple[geopandas.GeoDataFrame, geopandas.GeoDataFrame | None]:
    """Events (an `Extraction`, a sequence of `Event`, or a GeoDataFrame) and links as
    GeoDataFrames."""
    from conflictmap.extract import Extraction
    from conflictmap.output import events_frame, links_frame

    if isinstance(events, Extraction):
        links = events.links if links is None else links
        events = events.events
    frame = events if hasattr(events, "geometry") else events_frame(list(events))
    if links is not None and not hasattr(links, "geometry"):
        links = links_frame(list(links))
    return frame, links


def _text(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _int(value: Any) -> int | None:
    text = _text(value)
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _day(value: Any) -> int | None:
    """Days since 1970-01-01, for the time filter."""
    text = _text(value)[:10]
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
                 "title", "url", "category"):
        series = frame.get(name)
        columns[name] = [None] * n if series is None else series.tolist()
    return [_record(lambda name, i=i: columns[name][i]) for i in range(n)]


def _record(col) -> dict[str, Any]:
    date = _text(col("event_date"))[:10]
    precision = _TIME_PRECISION.get(_int(col("time_precision")) or 0, "")
    sub = _text(col("sub_event_type"))
    kind = _text(col("event_type"))
    actors = " vs ".join(a for a in (_text(col("actor1")), _text(col("actor2"))) if a)
    weapon = _text(col("weapon"))
    munitions = _int(col("munitions"))
    if weapon and munitions:
        weapon = f"{weapon} ×{munitions}"
    fatalities, injuries = _int(col("fatalities")), _int(col("injuries"))
    casualties = f"{fatalities or 0} killed" + (f", {injuries} injured" if injuries else "")
    where = ", ".join(p for p in (_text(col("location")), _text(col("admin1")),
                                  _text(col("country"))) if p)
    geo = _GEO_PRECISION.get(_int(col("geo_precision")) or 0, "")
    notes = _text(col("notes"))
    return {
        "date": f"{date} ({precision})" if date and precision else date or "undated",
        "type": f"{kind}: {sub}" if kind and sub else kind or sub,
        "actors": actors, "weapon": weapon, "casualties": casualties,
        "place": f"{where} ({geo})" if where and geo else where,
        "source": _text(col("source")),
        "article": _text(col("title")) or _text(col("article_id")),
        "url": _text(col("url")),
        "notes": notes if len(notes) <= 1200 else notes[:1200] + "…",
        "short": " · ".join(p for p in (date, sub or kind, _text(col("location"))) if p),
        "category": _text(col("category")) or "other",
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
