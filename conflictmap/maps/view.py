"""The page's view of its events: one cluster of every category, and the controls that
filter it (see ``static/view.js``).

The events travel as JSON, column by column: text that repeats (actors, places, types)
once with a code per event, the notes in an element of their own that the page reads
when a popup or a download first needs them. 100,000 events make a page of about 16 MB,
written in seconds; the popups, tooltips and downloads are made from it in the page.
The page's script and data are written as they are (`RawText`), not through a template.
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import folium
import numpy as np
import pandas as pd
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.plugins import MarkerCluster
from folium.template import Template

from conflictmap.maps.basemap import DEFAULT_MAX_ZOOM, RawText
from conflictmap.maps.data import CATEGORY_OF_LAYER, cell_text, safe_json, web_url
from conflictmap.maps.layers import COLORS

if TYPE_CHECKING:
    import geopandas

__all__ = ["CATEGORIES", "MAP_COLUMNS", "RING_KM", "CategoryToggle", "EventView", "Land",
           "map_table"]

# The map's categories, their labels and colours, in the legend's order.
CATEGORIES = tuple((key, label, COLORS[key]) for key, label in (
    ("attack", "Attacks"), ("strike", "Strikes"), ("interception", "Interceptions"),
    ("clash", "Clashes"), ("other", "Other")))
# The radius of the ring around an event known only roughly, by its geo_precision: ACLED's
# 2 is "near" a place or part of a district, 3 a province or larger.
RING_KM = {2: 25, 3: 100}
# The columns of the page's event table, as the downloads name them: ACLED's, in its
# order (the page adds latitude and longitude after location), then ours.
MAP_COLUMNS = ("event_id", "event_date", "time_precision", "event_type", "sub_event_type",
               "actor1", "actor2", "country", "admin1", "location", "geo_precision", "source",
               "notes", "fatalities", "category", "weapon", "munitions", "injuries",
               "article_id", "article_title", "article_url")
_COUNTS = ("time_precision", "munitions", "fatalities", "injuries", "geo_precision")


def _static(name: str) -> str:
    return (resources.files("conflictmap.maps") / "static" / name).read_text(encoding="utf-8")


def map_table(frame: geopandas.GeoDataFrame) -> dict[str, list[Any]]:
    """The `MAP_COLUMNS` of the events, a list of values each: text as text ("" when
    empty), counts as whole numbers or None."""
    n = len(frame)
    columns = []
    for name in MAP_COLUMNS:
        series = _column(frame, name)
        if series is None:
            columns.append([None if name in _COUNTS else ""] * n)
        elif name in _COUNTS:
            values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
            good = np.isfinite(values)
            whole = np.where(good, values, 0).astype(np.int64).tolist()
            columns.append([v if ok else None for v, ok in zip(whole, good.tolist(),
                                                               strict=True)])
        else:
            text = _texts(series)
            if name == "event_date":
                text = [t[:10] for t in text]
            elif name == "article_url":
                text = [web_url(t) if t else "" for t in text]
            columns.append(text)
    return dict(zip(MAP_COLUMNS, columns, strict=True))


def _texts(series: pd.Series) -> list[str]:
    """A column as text, "" where it is empty (None, NaN, NA)."""
    return [v if isinstance(v, str) else cell_text(v) for v in series.tolist()]


def _column(frame: geopandas.GeoDataFrame, name: str) -> pd.Series | None:
    """A column of the frame under its name or the name an older file used."""
    for candidate in {"article_title": ("article_title", "title"),
                      "article_url": ("article_url", "url")}.get(name, (name,)):
        if candidate in frame:
            return frame[candidate]
    return None


def days(frame: geopandas.GeoDataFrame) -> list[int | None]:
    """Each event's day, counted from 1970-01-01 (None when undated)."""
    if "event_date" not in frame:
        return [None] * len(frame)
    text = frame["event_date"].astype(object).where(frame["event_date"].notna(), "")
    dates = pd.to_datetime(text.astype(str).str.slice(0, 10), errors="coerce",
                           format="%Y-%m-%d")
    epoch = pd.Timestamp("1970-01-01")
    out = ((dates - epoch).dt.days).astype(object)
    return out.where(dates.notna(), None).tolist()


class CategoryToggle(Layer):
    """A switch in the layer control for one layer's categories ("Attacks"): an empty
    layer whose adding and removing tells the view which categories to draw."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.layerGroup();
        {{ this.get_name() }}.cmCategories = {{ this.categories_json }};
        {% endmacro %}
        """)

    def __init__(self, name: str, *, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, show=show)
        self._name = "CategoryToggle"
        self.categories = CATEGORY_OF_LAYER[name]
        self.categories_json = safe_json(list(self.categories))


class EventView(JSCSSMixin, folium.MacroElement):
    """Every event in one cluster with the controls that filter it: the layer control's
    category switches, a date window with its histogram and play button (kept in the
    page's URL), the legend, search, full screen and downloads of the events shown.

    Parameters
    ----------
    table
        `map_table` of the events.
    rows
        ``[latitude, longitude, table row, day, category, geo_precision]`` per event with
        a point.
    toggles
        The `CategoryToggle` of each event layer on the map.
    heat, links, places
        The heat map, link and places layers, when the map has them; the view fills the
        heat map and the places layer (with *place_rows*, ``[latitude, longitude,
        name]``).
    """

    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css

    def __init__(self, table: dict[str, list[Any]], rows: list[list[Any]],
                 toggles: Sequence[CategoryToggle], *, unlocated: int = 0,
                 heat: Any = None, links: Any = None, places: Any = None,
                 place_rows: Sequence[Sequence[Any]] = (),
                 link_colors: dict[str, str] | None = None) -> None:
        super().__init__()
        self._name = "EventView"
        self.table, self.rows, self.toggles = table, rows, list(toggles)
        self.unlocated, self.heat, self.links, self.places = unlocated, heat, links, places
        self.place_rows = [list(row) for row in place_rows]
        self.link_colors = link_colors or {}

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        figure.header.add_child(RawText(_HEADER), name="conflictmap_view")
        days_ = [row[3] for row in self.rows if row[3] is not None]
        index = {key: i for i, (key, _, _) in enumerate(CATEGORIES)}
        category = self.table["category"]
        kinds = [index.get(category[row[2]], index["other"]) for row in self.rows]
        parent, data = self._parent.get_name(), f"{self.get_name()}_data"
        config = {
            "columns": list(MAP_COLUMNS),
            # A list per column: the browser makes a few long lists faster, and with
            # less garbage to collect, than 100,000 short ones.
            "rows": {"lat": [r[0] for r in self.rows], "lon": [r[1] for r in self.rows],
                     "record": [r[2] for r in self.rows], "day": [r[3] for r in self.rows],
                     "category": kinds, "precision": [r[5] for r in self.rows]},
            "table": {name: _encoded(values) for name, values in self.table.items()
                      if name != "notes"},
            "notes": f"{data}_notes",
            "categories": [{"key": k, "label": label, "color": color}
                           for k, label, color in CATEGORIES],
            "present": {CATEGORIES[kind][0]: True for kind in set(kinds)},
            "rings": {str(k): v for k, v in RING_KM.items()},
            "low": min(days_) if days_ else None, "high": max(days_) if days_ else None,
            "toggles": [{"layer": t.get_name(), "categories": list(t.categories)}
                        for t in self.toggles],
            "heat": self.heat.get_name() if self.heat is not None else None,
            "links": self.links.get_name() if self.links is not None else None,
            "linkColors": self.link_colors,
            "places": self.places.get_name() if self.places is not None else None,
            "placeRows": self.place_rows,
            "unlocated": self.unlocated,
            "maxZoom": DEFAULT_MAX_ZOOM,
        }
        # JSON in script elements of their own: the browser parses it several times faster
        # than the same data written as a script, and the notes (most of the text) only
        # when a popup or a download first needs them.
        for name, value in ((data, config), (config["notes"], self.table["notes"])):
            figure.html.add_child(RawText(
                f'<script type="application/json" id="{name}">{safe_json(value)}</script>\n'),
                name=name)
        figure.script.add_child(RawText(
            f"var {self.get_name()} = conflictmapView({parent}, conflictmapData({data!r}));\n"),
            name=self.get_name())
        super().render(**kwargs)


def _encoded(values: list[Any]) -> dict[str, list[Any]]:
    """A column for the page: text that repeats (actors, places, types) as its distinct
    values and a code for each event; anything else as it is."""
    if not values or not isinstance(values[0], str):
        return {"values": values}
    codes: dict[str, int] = {}
    coded = [codes.setdefault(v, len(codes)) for v in values]
    if len(codes) > len(values) // 2:
        return {"values": values}
    return {"dict": list(codes), "codes": coded}


class Land(folium.MacroElement):
    """Country outlines drawn under the tiles, so a map opened offline (or printed) still
    shows where things are; the sea is the page's background."""

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        figure.header.add_child(RawText(_HEADER), name="conflictmap_view")
        figure.script.add_child(RawText(
            f"conflictmapLand({self._parent.get_name()}, {outlines_json()});\n"),
            name=self.get_name())
        super().render(**kwargs)


@cache
def outlines_json() -> str:
    """The country outlines that ship with the package (Natural Earth, public domain),
    simplified to what a map at country scale shows, as JSON."""
    import shapely

    path = resources.files("conflictmap") / "data" / "country_outlines.geojson.gz"
    with path.open("rb") as fh:
        data = json.loads(gzip.decompress(fh.read()))
    features = []
    for feature in data["features"]:
        shape = shapely.geometry.shape(feature["geometry"]).simplify(0.05)
        if shape.is_empty:
            continue
        geometry = shapely.geometry.mapping(shapely.set_precision(shape, 0.01))
        features.append({"type": "Feature", "properties": {},
                         "geometry": json.loads(json.dumps(geometry))})
    return safe_json({"type": "FeatureCollection", "features": features})


_HEADER = f"<script>\n{_static('view.js')}\n</script>\n<style>\n{_static('view.css')}\n</style>\n"
