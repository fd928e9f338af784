"""`make_map`: events (and links) to one self-contained Leaflet map."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import folium
from folium.plugins import HeatMap

from conflictmap.maps.basemap import ConflictMap, tile_layer
from conflictmap.maps.data import (
    CATEGORY_OF_LAYER,
    as_frames,
    cell_text,
    checked_layers,
    located,
    points,
    records_for_map,
    valid_point,
)
from conflictmap.maps.layers import LINK_COLORS, EventLayer, LinkLayer, PlacesLayer, Title
from conflictmap.maps.view import CategoryToggle, EventView, Land, days, map_table

__all__ = ["attacks_layer", "event_layer", "heat_layer", "interceptions_layer", "links_layer",
           "make_map", "other_layer", "places_layer", "strikes_layer"]

log = logging.getLogger(__name__)

_SWITCHED = {c for categories in CATEGORY_OF_LAYER.values() for c in categories}


def _prepared(events: Any):
    """The frame, its popup records, located rows and coordinates, computed once."""
    frame, _ = as_frames(events)
    lats, lons = points(frame) if len(frame) else ([], [])
    return frame, records_for_map(frame), located(frame), lats, lons


def event_layer(events: Any, layer: str, *, show: bool = True,
                _prepared_data: tuple | None = None) -> EventLayer:
    """The events of one map layer ("Attacks", "Strikes", "Interceptions" or "Other
    events") as a layer of its own, to add to any folium map.

    Examples
    --------
    >>> import folium  # doctest: +SKIP
    >>> strikes_layer(found).add_to(folium.Map())  # doctest: +SKIP
    """
    _, records, where, lats, lons = _prepared_data or _prepared(events)
    categories = CATEGORY_OF_LAYER[layer]
    keep = [i for i in where if records[i]["category"] in categories]
    rows = [[lats[i], lons[i], n, records[i]["day"]] for n, i in enumerate(keep)]
    return EventLayer(rows, [records[i] for i in keep], name=layer, category=categories[0],
                      show=show)


def attacks_layer(events: Any, *, show: bool = True) -> EventLayer:
    """Attacks by armed groups: rockets, mortars, shells, drones, IEDs, bombings."""
    return event_layer(events, "Attacks", show=show)


def strikes_layer(events: Any, *, show: bool = True) -> EventLayer:
    """Air and drone strikes by state forces."""
    return event_layer(events, "Strikes", show=show)


def interceptions_layer(events: Any, *, show: bool = True) -> EventLayer:
    """Drones, rockets and missiles shot down, intercepted or repelled."""
    return event_layer(events, "Interceptions", show=show)


def other_layer(events: Any, *, show: bool = True) -> EventLayer:
    """Clashes and other events."""
    return event_layer(events, "Other events", show=show)


def links_layer(links: Any, *, show: bool = True) -> LinkLayer:
    """Origin -> target and cross-border links (an `Extraction`, `Link`s or a frame)."""
    from conflictmap.extract import Extraction
    from conflictmap.output import links_frame

    if isinstance(links, Extraction):
        links = links.links
    frame = links if hasattr(links, "geometry") else links_frame(list(links))
    rows = []
    nothing = [""] * len(frame)
    for line, cross, start, end, from_event, to_event in zip(
            frame.geometry, frame["cross_border"], frame["from_location"],
            frame["to_location"], frame.get("from_event", nothing),
            frame.get("to_event", nothing), strict=True):
        if line is None or line.is_empty:
            continue
        (lon1, lat1), (lon2, lat2) = line.coords[0][:2], line.coords[-1][:2]
        if not (valid_point(lat1, lon1) and valid_point(lat2, lon2)):
            log.warning("link %s -> %s: coordinates out of range or not numbers (%s); left "
                        "off the map", start, end, line.wkt[:80])
            continue
        rows.append([round(lat1, 5), round(lon1, 5), round(lat2, 5), round(lon2, 5),
                     bool(cross), str(start or ""), str(end or ""), cell_text(from_event),
                     cell_text(to_event)])
    return LinkLayer(rows, show=show)


def places_layer(events: Any, *, show: bool = False) -> PlacesLayer:
    """Every place the events name: where they happened and their launch origins."""
    frame, _ = as_frames(events)
    return PlacesLayer(_place_rows(frame), show=show)


def _place_rows(frame: Any) -> list[list[Any]]:
    """``[latitude, longitude, name]`` of each place the events name, once."""
    seen: dict[tuple[float, float], str] = {}
    lats, lons = points(frame) if len(frame) else ([], [])
    names = frame["location"].tolist() if "location" in frame else [""] * len(frame)
    for i in located(frame):
        seen.setdefault((lats[i], lons[i]), str(names[i]))
    if "origin_latitude" in frame:
        for lat, lon, name in zip(frame["origin_latitude"], frame["origin_longitude"],
                                  frame.get("origin_location", [""] * len(frame)), strict=True):
            if valid_point(lat, lon):
                seen.setdefault((round(float(lat), 5), round(float(lon), 5)), str(name))
    return [[lat, lon, name] for (lat, lon), name in seen.items()]


def heat_layer(events: Any, *, show: bool = False) -> HeatMap:
    """Where events concentrate, weighted by fatalities."""
    frame, _ = as_frames(events)
    lats, lons = points(frame) if len(frame) else ([], [])
    deaths = frame["fatalities"].fillna(0).tolist() if "fatalities" in frame else None
    data = [[lats[i], lons[i], 1.0 + (float(deaths[i]) if deaths else 0.0)]
            for i in located(frame)]
    return HeatMap(data, name="Heat map", show=show, min_opacity=0.3, radius=18)


def make_map(events: Any, *, links: Any = None, title: str | None = None,
             layers: Sequence[str] | None = None,
             tiles: str | folium.TileLayer | None = "OpenStreetMap",
             attribution: str | None = None, inline: bool = True) -> ConflictMap:
    """A Leaflet map of events that an analyst reads at a glance.

    Every event is in one cluster whose icons show the mix of categories; the layer
    control switches categories, links, places and the heat map; a date window (two
    handles over a histogram of events, a play button, kept in the page's URL as
    ``#from=YYYY-MM-DD&to=YYYY-MM-DD``) filters the markers, links, heat map and legend
    counts. An event known only roughly (geo_precision 2 or 3) is a hollow marker with a
    ring of its uncertainty. Country outlines are drawn under the tiles, so the map shows
    land offline. A search box, full screen and downloads (CSV, GeoJSON) of the events
    shown come with it; the page needs nothing but Leaflet's own assets.

    Rows that cannot be drawn never break the map: coordinates that are not numbers or
    out of range leave the event off the map (the legend counts it), fatalities that are
    not a count show as 0, and each is logged with its row.

    Parameters
    ----------
    events
        An `Extraction`, a sequence of `Event`, or a GeoDataFrame of events (as
        `conflictmap.output.read_events` or `read_acled` give).
    links
        Links, when *events* does not carry them.
    layers
        The layers to include, from `conflictmap.maps.LAYERS`; default all.
    tiles
        "OpenStreetMap", "light", "dark", an xyzservices provider name, a tile URL
        template (``https://.../{z}/{x}/{y}.png``), a `folium.TileLayer`, or None for
        no base map (the country outlines only).
    attribution
        Who the tiles come from, for a URL template (default: its host).
    inline
        Write Leaflet and its plugins into the page, so that it opens without a network
        (the default); False loads them from their CDNs (a file about 200 KB smaller).

    Returns
    -------
    ConflictMap
        A `folium.Map`; layers added to it afterwards are listed in its layer control.

    Raises
    ------
    BadInput
        Unknown layers or tiles (the message lists the choices).
    """
    wanted = checked_layers(layers)
    fmap = ConflictMap(tile_layer(tiles, attribution=attribution), inline=inline,
                       prefer_canvas=True, control_scale=True, location=[30, 30],
                       zoom_start=3)
    Land().add_to(fmap)
    frame, link_frame = as_frames(events, links)
    table = map_table(frame)
    lats, lons = points(frame) if len(frame) else ([], [])
    day = days(frame)
    precision, category = table["geo_precision"], table["category"]
    where = located(frame)
    names = [name for name in CATEGORY_OF_LAYER if name in wanted]
    shown = {c for name in names for c in CATEGORY_OF_LAYER[name]}
    mine = [i for i in range(len(frame)) if _layer_category(category[i]) in shown]
    rows = [[lats[i], lons[i], i, day[i], 0, precision[i]] for i in where
            if _layer_category(category[i]) in shown]
    # The view is set before any marker is clustered, so that no zoom ends while the
    # clusters are built.
    _fit(fmap, rows)
    toggles = [CategoryToggle(name).add_to(fmap) for name in names]
    link_layer = heat = places = None
    if link_frame is not None and len(link_frame) > 0 and "Links" in wanted:
        link_layer = links_layer(link_frame).add_to(fmap)
    # The places and the heat map are drawn by the view, from its own data.
    if "Places mentioned" in wanted:
        places = PlacesLayer([], show=False).add_to(fmap)
    if "Heat map" in wanted:
        heat = HeatMap([], name="Heat map", show=False, min_opacity=0.3, radius=18)
        heat.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    EventView(table, rows, toggles, unlocated=len(mine) - len(rows), heat=heat,
              links=link_layer, places=places, place_rows=_place_rows(frame) if places else [],
              link_colors=LINK_COLORS).add_to(fmap)
    if title:
        Title(title).add_to(fmap)
    return fmap


def _layer_category(category: str) -> str:
    """The category a layer switch knows an event by ("protest" is among "other")."""
    return category if category in _SWITCHED else "other"


def _fit(fmap: ConflictMap, rows: list[list[Any]]) -> None:
    """Fit the view to the events, at once (no animated zoom), leaving room for the
    panels: the tools at the top left, the layer control at the top right, the time
    control and the legend at the bottom."""
    if rows:
        ys, xs = [r[0] for r in rows], [r[1] for r in rows]
        fit = folium.FitBounds([[min(ys), min(xs)], [max(ys), max(xs)]],
                               padding_top_left=(230, 40), padding_bottom_right=(190, 150),
                               max_zoom=9)
        fit.options["animate"] = False
        fit.add_to(fmap)
