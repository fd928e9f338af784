"""Reading an ACLED CSV export into the events frame the map draws."""
from __future__ import annotations

import csv
import datetime as dt
import logging
import math
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from conflictmap.exceptions import BadInput

if TYPE_CHECKING:
    import geopandas

__all__ = ["REQUIRED", "category_of", "read_acled"]

log = logging.getLogger(__name__)

REQUIRED = ("event_date", "event_type", "sub_event_type", "latitude", "longitude")
# Other names the same columns go by in exports people pass around.
_ALIASES = {"lat": "latitude", "lon": "longitude", "lng": "longitude", "long": "longitude",
            "date": "event_date", "event_id_cnty": "event_id", "type": "event_type",
            "sub_type": "sub_event_type"}
_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d/%m/%Y", "%B %d, %Y")
_STATE = ("military forces", "air force", "police forces")
# How many bad rows are named one by one in the log, before a count of the rest.
_NAMED_ROWS = 10


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


def _date(value: object, row: int, lines: _Lines) -> dt.date:
    text = str(value).strip()
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise BadInput(f"{lines.path}:{lines[row]}: event_date {text!r} is not a date")


def _dates(values: Iterable[object], lines: _Lines) -> list[dt.date]:
    """Each value's date; a file has few distinct dates, so each is parsed once."""
    parsed: dict[str, dt.date] = {}
    out = []
    for i, value in enumerate(values):
        text = str(value).strip()
        if text not in parsed:
            parsed[text] = _date(text, i, lines)
        out.append(parsed[text])
    return out


def read_acled(path: str | Path) -> geopandas.GeoDataFrame:
    """An ACLED export (CSV) as an events GeoDataFrame in EPSG:4326.

    Reads ``event_type``, ``sub_event_type``, ``latitude``, ``longitude``, ``event_date``
    and, where present, ``notes``, ``fatalities``, ``actor1``, ``actor2``, ``country``,
    ``admin1``, ``location``, ``geo_precision``, ``time_precision``, ``source``.

    A row whose coordinates are not numbers or out of range is kept without a place
    (no geometry), and fatalities that are not a count (negative, infinite, words) are
    read as 0; each is logged as a warning with its file, line and value.

    Raises
    ------
    BadInput
        Missing columns (all listed), or a row with a bad date (with its line number).
    """
    import geopandas
    import pandas as pd

    path = Path(path)
    frame = _read_csv(path)
    lines = _Lines(path)
    lat, lon = _coordinates(frame, lines)
    out = pd.DataFrame({
        "event_id": frame.get("event_id", pd.Series(range(len(frame))).astype(str)),
        "event_date": _dates(frame["event_date"], lines),
    })
    for column in ("time_precision", "geo_precision", "iso"):
        out[column] = _whole(frame.get(column, pd.Series([""] * len(frame))))
    out["fatalities"] = _fatalities(frame, lines)
    for column in ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                   "location", "source", "notes"):
        out[column] = frame.get(column, pd.Series([""] * len(frame))).astype(str)
    out["category"] = [category_of(t, s, a) for t, s, a in
                       zip(out["event_type"], out["sub_event_type"], out["actor1"], strict=True)]
    out["latitude"], out["longitude"] = lat, lon
    out["event_date"] = pd.to_datetime(out["event_date"])
    geometry = geopandas.points_from_xy(lon, lat)
    geometry[lat.isna().to_numpy()] = None
    return geopandas.GeoDataFrame(out, geometry=geometry, crs="EPSG:4326")


def _read_csv(path: Path):
    """The export's cells as text, with its columns' names made canonical and checked."""
    import pandas as pd

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as err:
        raise BadInput(f"{path}: cannot read as CSV ({err})") from err
    frame.columns = [_ALIASES.get(c.strip().lower(), c.strip().lower()) for c in frame.columns]
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise BadInput(f"{path}: not an ACLED export: missing column(s) {', '.join(missing)}; "
                       f"found {', '.join(frame.columns) or 'none'}")
    return frame


class _Lines:
    """The line of the file each row starts on (`lines[i]` for row *i*), counted only when
    a message needs one: a quoted cell may span lines."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._starts: list[int] | None = None

    def __getitem__(self, row: int) -> int:
        if self._starts is None:
            self._starts = []
            with self.path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.reader(fh)
                end = 0
                for _ in reader:
                    self._starts.append(end + 1)
                    end = reader.line_num
            del self._starts[0]  # the header
        return self._starts[row] if row < len(self._starts) else row + 2


def _warn_rows(messages: list[str], total: int, path: Path, rest: str) -> None:
    """Warn about the first few bad rows one by one, then count the others."""
    for message in messages:
        log.warning("%s", message)
    if total > len(messages):
        log.warning("%s: %d more row(s) %s", path, total - len(messages), rest)


def _coordinates(frame, lines: _Lines):
    """Latitudes and longitudes as numbers; NaN (no place) for a row where either is not
    a number or out of range, with a warning."""
    import pandas as pd

    lat = pd.to_numeric(frame["latitude"].str.strip(), errors="coerce")
    lon = pd.to_numeric(frame["longitude"].str.strip(), errors="coerce")
    bad = (~(lat.between(-90, 90) & lon.between(-180, 180))).to_numpy().nonzero()[0]
    _warn_rows([f"{lines.path}:{lines[i]}: coordinates out of range or not numbers: latitude "
                f"{frame['latitude'].iloc[i]!r}, longitude {frame['longitude'].iloc[i]!r}; "
                "the event is kept without a place" for i in bad[:_NAMED_ROWS]], len(bad),
               lines.path, "with coordinates out of range or not numbers kept without a place")
    lat.iloc[bad], lon.iloc[bad] = math.nan, math.nan
    return lat, lon


def _fatalities(frame, lines: _Lines):
    """Fatalities as whole numbers; 0 where empty, and 0 with a warning where not a
    count (words, negative, infinite)."""
    import pandas as pd

    if "fatalities" not in frame:
        return pd.Series([0] * len(frame), dtype="int64")
    text = frame["fatalities"].str.strip()
    number = pd.to_numeric(text, errors="coerce")
    good = number.between(0, math.inf, inclusive="left") | (text == "")
    bad = (~good).to_numpy().nonzero()[0]
    _warn_rows([f"{lines.path}:{lines[i]}: fatalities {frame['fatalities'].iloc[i]!r} is not "
                "a count; read as 0" for i in bad[:_NAMED_ROWS]], len(bad),
               lines.path, "with fatalities that are not a count read as 0")
    return number.where(good & number.notna(), 0).astype("int64")


def _whole(series):
    """Whole numbers, NA where a cell is empty, not a number or infinite."""
    import pandas as pd

    number = pd.to_numeric(series, errors="coerce")
    number = number.where(number.abs() < 2**31)
    return number.round().astype("Int64")
