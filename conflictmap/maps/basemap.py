"""The map itself: its base tiles, its zoom range, and the order its parts are drawn in."""
from __future__ import annotations

import html
import logging
import warnings
from typing import Any
from urllib.parse import urlsplit

import folium
from branca.element import Element

from conflictmap.exceptions import BadInput
from conflictmap.maps.assets import inline_asset

__all__ = ["DEFAULT_MAX_ZOOM", "TILES", "ConflictMap", "tile_layer"]

log = logging.getLogger(__name__)

# Short names -> the folium (xyzservices) tile names they stand for.
TILES = {"openstreetmap": "OpenStreetMap", "osm": "OpenStreetMap",
         "light": "CartoDB positron", "dark": "CartoDB dark_matter"}
_NONE = ("none", "")
# Without tiles a map has no zoom range of its own, and marker clusters need one.
DEFAULT_MAX_ZOOM = 18
_CHOICES = ("OpenStreetMap (or osm), light, dark, none, a tile URL template such as "
            "https://tile.example.org/{z}/{x}/{y}.png, or an xyzservices provider name "
            "such as 'Esri.WorldImagery'")


def tile_layer(tiles: str | folium.TileLayer | None, *, attribution: str | None = None
               ) -> folium.TileLayer | None:
    """The base map for *tiles*, or None for none.

    Parameters
    ----------
    tiles
        "OpenStreetMap" (or "osm"), "light", "dark", "none" (or None), a tile URL template
        with ``{z}``, ``{x}`` and ``{y}``, an xyzservices provider name, or a
        `folium.TileLayer` (returned as it is).
    attribution
        Who the tiles come from (HTML, shown in the map's corner). A URL template without
        one is credited to its host; a named provider has its own.

    Raises
    ------
    BadInput
        An unknown name, a URL that is not a tile template, or a provider that needs an
        API key; the message lists the choices.
    """
    if isinstance(tiles, folium.TileLayer):
        return tiles
    if tiles is None or str(tiles).strip().lower() in _NONE:
        return None
    name = str(tiles).strip()
    if "://" in name or name.startswith("//"):
        return _url_layer(name, attribution)
    provider = TILES.get(name.lower(), name)
    if provider != "OpenStreetMap":  # folium's own name for xyzservices' OpenStreetMap.Mapnik
        import xyzservices

        try:
            xyzservices.providers.query_name(provider)
        except ValueError:
            raise BadInput(f"unknown tiles {name!r}; choose from {_CHOICES}") from None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            layer = folium.TileLayer(provider, attr=attribution)
        except ValueError as err:  # xyzservices: "Token is required for this provider"
            raise BadInput(f"tiles {name!r} need an API key; give a tile URL template that "
                           "includes your key instead") from err
    for warning in caught:
        log.warning("tiles %r: %s", name, warning.message)
    return layer


def _url_layer(url: str, attribution: str | None) -> folium.TileLayer:
    parts = urlsplit(url if "://" in url else "https:" + url)
    missing = [part for part in ("{z}", "{x}", "{y}") if part not in url]
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or missing:
        raise BadInput(f"tiles {url!r}: not a tile URL template (http or https, with "
                       "{z}, {x} and {y}); choose from " + _CHOICES)
    host = parts.hostname.removeprefix("{s}.")
    credit = attribution if attribution and attribution.strip() else \
        f"Tiles: {html.escape(host)}"
    return folium.TileLayer(url, attr=credit, name=host)


class ConflictMap(folium.Map):
    """A `folium.Map` with a zoom range even without tiles, whose layer control is drawn
    after every layer, so that a layer added after `make_map` (a `folium.GeoJson`, say)
    works and is listed in the control.

    Parameters
    ----------
    tiles
        The base map (`tile_layer`), or None.
    inline
        Write Leaflet, its marker clusters and heat map into the page itself, so that it
        opens without a network (about 200 KB more); else the page loads them from
        their CDNs, as folium does. Other assets (folium's Bootstrap and icon fonts, a
        plugin's) keep their links: the map draws without them.
    **kwargs
        Passed to `folium.Map`.
    """

    def __init__(self, tiles: folium.TileLayer | None = None, *, inline: bool = True,
                 **kwargs: Any) -> None:
        super().__init__(tiles=tiles, **kwargs)
        self.inline = inline
        tile_options = tiles.options if tiles is not None else {}
        # Leaflet takes the zoom range from the tile layers; with none, the map has no
        # maxZoom and marker clusters throw "Map has no maxZoom specified".
        self.options.setdefault("min_zoom", tile_options.get("min_zoom", 0))
        self.options.setdefault("max_zoom", tile_options.get("max_zoom", DEFAULT_MAX_ZOOM))

    def render(self, **kwargs: Any) -> None:
        # A layer control's script names every layer it lists, so it must come after
        # them all, including those added to the map after the control.
        for name, child in list(self._children.items()):
            if isinstance(child, folium.LayerControl):
                self._children.move_to_end(name)
        super().render(**kwargs)
        if self.inline:
            header = self.get_root().header
            for name, child in list(header._children.items()):
                inline = inline_asset(getattr(child, "url", "") or "")
                if inline is not None:  # in place: the scripts keep their order
                    header._children[name] = RawText(inline)


class RawText(Element):
    """Text written into the page as it is: never parsed as a template (a template engine
    would parse a script or 100,000 events' data as template text)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text
