"""`make_map`: events (and links) to one self-contained Leaflet map."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import folium

from conflictmap.maps.basemap import ConflictMap, tile_layer
from conflictmap.maps.data import (
    CATEGORY_OF_LAYER,
    as_frames,
    checked_layers,
    located,
    points,
    records_for_map,
    valid_point,
)
from conflictmap.maps.layers import EventLayer, Legend, LinkLayer, PlacesLayer, TimeFilter, Title

__all__ = ["attacks_layer", "event_layer", "heat_layer", "interceptions_layer", "links_layer",
           "make_map", "other_layer", "places_layer", "strikes_layer"]

log = logging.getLogger(__name__)


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
    for line, cross, start, end in zip(frame.geometry, frame["cross_border"],
                                       frame["from_location"], frame["to_location"],
                                       strict=True):
        if line is None or line.is_empty:
            continue
        (lon1, lat1), (lon2, lat2) = line.coords[0][:2], line.coords[-1][:2]
        if not (valid_point(lat1, lon1) and valid_point(lat2, lon2)):
            log.warning("link %s -> %s: coordinates out of range or not numbers (%s); left "
                        "off the map", start, end, line.wkt[:80])
            continue
        rows.append([round(lat1, 5), round(lon1, 5), round(lat2, 5), round(lon2, 5),
                     bool(cross), str(start or ""), str(end or "")])
    return LinkLayer(rows, show=show)


def places_layer(events: Any, *, show: bool = False) -> PlacesLayer:
    """Every place the events name: where they happened and their launch origins."""
    frame, _ = as_frames(events)
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
    return PlacesLayer([[lat, lon, name] for (lat, lon), name in seen.items()], show=show)


def heat_layer(events: Any, *, show: bool = False):
    """Where events concentrate, weighted by fatalities."""
    from folium.plugins import HeatMap

    frame, _ = as_frames(events)
    lats, lons = points(frame) if len(frame) else ([], [])
    deaths = frame["fatalities"].fillna(0).tolist() if "fatalities" in frame else None
    data = [[lats[i], lons[i], 1.0 + (float(deaths[i]) if deaths else 0.0)]
            for i in located(frame)]
    return HeatMap(data, name="Heat map", show=show, min_opacity=0.3, radius=18)


def make_map(events: Any, *, links: Any = None, title: str | None = None,
             layers: Sequence[str] | None = None,
             tiles: str | folium.TileLayer | None = "OpenStreetMap",
             attribution: str | None = None) -> ConflictMap:
    """A Leaflet map of events: switchable layers, links, legend, time filter.

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
        no base map (for use without a network).
    attribution
        Who the tiles come from, for a URL template (default: its host).

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
    fmap = ConflictMap(tile_layer(tiles, attribution=attribution), prefer_canvas=True,
                       control_scale=True, location=[30, 30], zoom_start=3)
    frame, link_frame = as_frames(events, links)
    prepared = _prepared(frame)
    shown = {c for name in wanted for c in CATEGORY_OF_LAYER.get(name, ())}
    # The view is set before any marker is clustered, so that no zoom ends while the
    # clusters are built.
    _fit(fmap, prepared, shown)
    event_layers = [event_layer(frame, name, _prepared_data=prepared)
                    for name in CATEGORY_OF_LAYER if name in wanted]
    event_layers = [layer.add_to(fmap) for layer in event_layers if layer.count]
    has_links = link_frame is not None and len(link_frame) > 0 and "Links" in wanted
    if has_links:
        links_layer(link_frame).add_to(fmap)
    if "Places mentioned" in wanted:
        places_layer(frame).add_to(fmap)
    if "Heat map" in wanted:
        heat_layer(frame).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    _decorate(fmap, prepared, event_layers, shown, title=title, links=has_links)
    return fmap


def _fit(fmap: ConflictMap, prepared: tuple, shown: set[str]) -> None:
    """Fit the view to the events shown (or else all), at once: no animated zoom."""
    _, records, where, lats, lons = prepared
    where = [i for i in where if records[i]["category"] in shown] or where
    if where:
        ys, xs = [lats[i] for i in where], [lons[i] for i in where]
        fit = folium.FitBounds([[min(ys), min(xs)], [max(ys), max(xs)]], padding=(20, 20),
                               max_zoom=9)
        fit.options["animate"] = False
        fit.add_to(fmap)


def _decorate(fmap, prepared, event_layers, shown: set[str], *, title: str | None,
              links: bool) -> None:
    """The legend (counting the events of the layers shown), time filter and title."""
    _, records, where, _, _ = prepared
    mine = [i for i, r in enumerate(records) if r["category"] in shown]
    drawn = [i for i in where if records[i]["category"] in shown]
    counts: dict[str, int] = {}
    for i in drawn:
        counts[records[i]["category"]] = counts.get(records[i]["category"], 0) + 1
    Legend(counts, unlocated=len(mine) - len(drawn), links=links,
           empty=not drawn and not links).add_to(fmap)
    days = [records[i]["day"] for i in drawn if records[i]["day"] is not None]
    if days and event_layers and min(days) < max(days):
        TimeFilter(event_layers, min(days), max(days)).add_to(fmap)
    if title:
        Title(title).add_to(fmap)
