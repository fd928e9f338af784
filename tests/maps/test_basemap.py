"""The base map: tile names, URL templates and their attribution, the zoom range, and a
layer control that lists layers added after `make_map`."""
from __future__ import annotations

import datetime as dt

import folium
import pytest

from conflictmap.event import Event
from conflictmap.exceptions import BadInput
from conflictmap.maps import ConflictMap, make_map, tile_layer
from conflictmap.maps.assets import inline_asset
from conflictmap.maps.basemap import DEFAULT_MAX_ZOOM


def _event() -> Event:
    return Event(event_id="e1", event_date=dt.date(2024, 3, 1), time_precision=1,
                 event_type="Battles", sub_event_type="Armed clash", category="clash",
                 latitude=33.0, longitude=44.0)


def _html(fmap) -> str:
    return fmap.get_root().render()


@pytest.mark.parametrize(("name", "url"), [
    ("OpenStreetMap", "tile.openstreetmap.org"), ("osm", "tile.openstreetmap.org"),
    ("light", "light_all"), ("dark", "dark_all"),
    ("Esri.WorldImagery", "server.arcgisonline.com"),
])
def test_named_tiles(name, url):
    layer = tile_layer(name)
    assert url in layer.tiles and layer.options["attribution"]


@pytest.mark.parametrize("name", [None, "none", "None", ""])
def test_no_tiles(name):
    assert tile_layer(name) is None


def test_a_url_template_is_credited_to_its_host_by_default():
    layer = tile_layer("https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    assert layer.options["attribution"] == "Tiles: tiles.example.org"
    given = tile_layer("https://tiles.example.org/{z}/{x}/{y}.png",
                       attribution="&copy; Example Maps")
    assert given.options["attribution"] == "&copy; Example Maps"


@pytest.mark.parametrize(("tiles", "message"), [
    ("bogus", r"unknown tiles 'bogus'; choose from OpenStreetMap .*light, dark, none"),
    ("https://tiles.example.org/tile.png", "not a tile URL template"),
    ("ftp://tiles.example.org/{z}/{x}/{y}.png", "not a tile URL template"),
    ("javascript://{z}/{x}/{y}", "not a tile URL template"),
    ("Thunderforest.OpenCycleMap", "need an API key"),
])
def test_bad_tiles_are_a_clear_error(tiles, message):
    with pytest.raises(BadInput, match=message):
        tile_layer(tiles)
    with pytest.raises(BadInput, match=message):
        make_map([_event()], tiles=tiles)


@pytest.mark.parametrize(("tiles", "max_zoom"), [(None, DEFAULT_MAX_ZOOM), ("osm", 19)])
def test_the_map_has_a_zoom_range_with_or_without_tiles(tiles, max_zoom):
    html = _html(make_map([_event()], tiles=tiles))
    assert f'"maxZoom": {max_zoom}' in html and '"minZoom": 0' in html


def test_the_layer_control_comes_after_layers_added_later():
    fmap = make_map([_event()], tiles=None)
    assert isinstance(fmap, ConflictMap)
    zone = folium.GeoJson({"type": "Point", "coordinates": [44, 33]}, name="Zone")
    zone.add_to(fmap)
    html = _html(fmap)
    control = html.index("L.control.layers(")
    assert html.index(f"var {zone.get_name()} =") < control
    assert f'"Zone" : {zone.get_name()}' in html


def test_the_view_is_set_before_any_layer():
    html = _html(make_map([_event()], tiles=None))
    body = html.index("</head>")  # the page's own script, after its header's functions
    assert html.index(".fitBounds(", body) < html.index("conflictmapView(", body)
    assert '"animate": false' in html


def test_leaflet_is_in_the_page_unless_asked_for_its_cdn():
    inline = _html(make_map([_event()], tiles=None))
    assert "cdn.jsdelivr.net/npm/leaflet@" not in inline and "L.markerClusterGroup" in inline
    assert "leaflet.markercluster/1.1.0/leaflet.markercluster.js" not in inline
    linked = _html(make_map([_event()], tiles=None, inline=False))
    assert "cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" in linked
    assert len(inline) - len(linked) > 150_000
    assert inline_asset("https://example.org/npm/leaflet@0.1/dist/leaflet.js") is None
