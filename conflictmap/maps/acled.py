"""Reading an ACLED CSV export into the events frame the map draws."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from conflictmap.exceptions import BadInput

if TYPE_CHECKING:
    import geopandas

__all__ = ["REQUIRED", "category_of", "read_acled"]

REQUIRED = ("event_date", "event_type", "sub_event_type", "latitude", "longitude")
# Other names the same columns go by in exports people pass around.
_ALIASES = {"lat": "latitude", "lon": "longitude", "lng": "longitude", "long": "longitude",
            "date": "event_date", "event_id_cnty": "event_id", "type": "event_type",
            "sub_type": "sub_event_type"}
_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d/%m/%Y", "%B %d, %Y")
_STATE = ("military forces", "air force", "police forces")


def category_of(event_type: str, sub_event_type: str, actor1: str = "") -> str:
    """Our map category for an ACLED event and sub-event type."""
    sub, kind, actor = sub_event_type.lower(), event_type.lower(), actor1.lower()
    if sub == "disrupted weapons use":
        return "interception"
    if sub == "air/drone strike":
        return "strike" if any(s in actor for s in _STATE) or not actor else "attack"
    if kind == "explosions/remote violence" or kind == "violence against civilians":
        return "attack"
    if kind == "battles":
        return "clash"
    return "other"


def _date(value: object, line: int, path: Path) -> dt.date:
    text = str(value).strip()
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise BadInput(f"{path}:{line}: event_date {text!r} is not a date")


def read_acled(path: str | Path) -> geopandas.GeoDataFrame:
    """An ACLED export (CSV) as an events GeoDataFrame in EPSG:4326.

    Reads ``event_type``, ``sub_event_type``, ``latitude``, ``longitude``, ``event_date``
    and, where present, ``notes``, ``fatalities``, ``actor1``, ``actor2``, ``country``,
    ``admin1``, ``location``, ``geo_precision``, ``time_precision``, ``source``.

    Raises
    ------
    BadInput
        Missing columns (all listed), or a row with a bad date or coordinates out of
        range (with its line number).
    """
    import geopandas
    import pandas as pd

    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as err:
        raise BadInput(f"{path}: cannot read as CSV ({err})") from err
    frame.columns = [_ALIASES.get(c.strip().lower(), c.strip().lower()) for c in frame.columns]
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise BadInput(f"{path}: not an ACLED export: missing column(s) {', '.join(missing)}; "
                       f"found {', '.join(frame.columns) or 'none'}")
    lat = pd.to_numeric(frame["latitude"], errors="coerce")
    lon = pd.to_numeric(frame["longitude"], errors="coerce")
    bad = ~(lat.between(-90, 90) & lon.between(-180, 180))
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise BadInput(f"{path}:{i + 2}: coordinates out of range or not numbers: "
                       f"latitude {frame['latitude'].iloc[i]!r}, "
                       f"longitude {frame['longitude'].iloc[i]!r}")
    out = pd.DataFrame({
        "event_id": frame.get("event_id", pd.Series(range(len(frame))).astype(str)),
        "event_date": [_date(v, i + 2, path) for i, v in enumerate(frame["event_date"])],
    })
    for column in ("time_precision", "geo_precision", "fatalities", "iso"):
        out[column] = pd.to_numeric(frame.get(column, pd.Series([None] * len(frame))),
                                    errors="coerce").astype("Int64")
    for column in ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                   "location", "source", "notes"):
        out[column] = frame.get(column, pd.Series([""] * len(frame))).astype(str)
    out["fatalities"] = out["fatalities"].fillna(0)
    out["category"] = [category_of(t, s, a) for t, s, a in
                       zip(out["event_type"], out["sub_event_type"], out["actor1"], strict=True)]
    out["latitude"], out["longitude"] = lat, lon
    out["event_date"] = pd.to_datetime(out["event_date"])
    return geopandas.GeoDataFrame(out, geometry=geopandas.points_from_xy(lon, lat),
                                  crs="EPSG:4326")
