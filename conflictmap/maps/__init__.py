"""Interactive maps of events: folium layers, a legend, a time filter."""
from __future__ import annotations

from conflictmap.maps.acled import read_acled
from conflictmap.maps.basemap import ConflictMap, tile_layer
from conflictmap.maps.core import (
    attacks_layer,
    event_layer,
    heat_layer,
    interceptions_layer,
    links_layer,
    make_map,
    other_layer,
    places_layer,
    strikes_layer,
)
from conflictmap.maps.data import LAYERS

__all__ = ["LAYERS", "ConflictMap", "attacks_layer", "event_layer", "heat_layer",
           "interceptions_layer", "links_layer", "make_map", "other_layer", "places_layer",
           "read_acled", "strikes_layer", "tile_layer"]
