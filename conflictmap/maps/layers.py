"""The map's layers, one Leaflet feature per class, with their JavaScript in templates.

Article text never becomes HTML: records travel as JSON (with <, > and & escaped so the
script element cannot be closed early) and popups and tooltips are built with
``textContent``, so a ``<script>`` or ``onerror=`` in a news story is only text.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium
from folium.map import Layer
from folium.plugins import MarkerCluster
from folium.template import Template

from conflictmap.maps.basemap import DEFAULT_MAX_ZOOM
from conflictmap.maps.data import POPUP_FIELDS, safe_json

__all__ = ["COLORS", "EventLayer", "LinkLayer", "PlacesLayer", "Title"]

COLORS = {"attack": "#d7301f", "strike": "#6a3d9a", "interception": "#1f78b4",
          "clash": "#e08214", "other": "#636363"}
LINK_COLORS = {"origin": "#e08214", "cross_border": "#b2182b"}

# Shared by every layer; written once into the page's header.
_HELPERS = """
<script>
var conflictmapFields = %(fields)s;
function conflictmapText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
}
function conflictmapPopup(record) {
    var box = document.createElement("div");
    box.className = "conflictmap-popup";
    conflictmapFields.forEach(function (field) {
        var value = record[field[0]];
        if (!value) { return; }
        var line = document.createElement("div");
        var label = document.createElement("b");
        label.textContent = field[1] + ": ";
        line.appendChild(label);
        var url = field[0] === "article" ? conflictmapWebUrl(record.url) : null;
        if (url) {
            var link = document.createElement("a");
            link.href = url;
            link.target = "_blank";
            link.rel = "noopener noreferrer";
            link.textContent = value;
            line.appendChild(link);
        } else {
            line.appendChild(document.createTextNode(value));
        }
        box.appendChild(line);
    });
    return box;
}
function conflictmapWebUrl(text) {
    // Only http and https links: never javascript:, data: and the like.
    var url;
    try { url = new URL(text || ""); } catch (err) { return null; }
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}
function conflictmapRadius(record) {
    return 5 + 2 * Math.log2(1 + Math.max(0, record.fatalities || 0));
}
</script>
<style>
.conflictmap-popup { max-height: 260px; overflow-y: auto; font-size: 12px; }
.conflictmap-popup div { margin-bottom: 3px; }
.conflictmap-legend, .conflictmap-filter, .conflictmap-title {
    background: rgba(255, 255, 255, 0.92); padding: 6px 9px; border-radius: 4px;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35); font: 12px/1.4 sans-serif; }
.conflictmap-legend i { display: inline-block; width: 11px; height: 11px;
    border-radius: 50%%; margin-right: 5px; vertical-align: middle; }
.conflictmap-legend .line { border-radius: 0; height: 3px; width: 18px; }
.conflictmap-title { font-size: 15px; font-weight: bold; }
.conflictmap-filter input { width: 150px; }
</style>
""".replace("%%", "%").replace("%(fields)s", safe_json([list(f) for f in POPUP_FIELDS]))


def _add_helpers(element: folium.Element) -> None:
    element.get_root().header.add_child(folium.Element(_HELPERS), name="conflictmap_helpers")


class EventLayer(MarkerCluster):
    """Events of one kind as circle markers (clustered where they crowd), coloured by
    category and sized by fatalities, with a popup and tooltip built on demand.

    Parameters
    ----------
    rows
        ``[latitude, longitude, record index, day]`` per event; *day* counts from
        1970-01-01 and drives the time filter.
    records
        The popup records (`conflictmap.maps.data.records_for_map`) the rows point into.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        // No chunked loading: markercluster leaves a cluster's bounds unset until its
        // last chunk, and a zoom or move that ends before then throws "reading 'lat'"
        // in _zoomEnd/_moveEnd and stops the other layers from clustering.
        var {{ this.get_name() }} = L.markerClusterGroup({
            chunkedLoading: false, maxClusterRadius: 45, disableClusteringAtZoom: 10,
            iconCreateFunction: function (cluster) {
                var n = cluster.getChildCount();
                var size = n < 10 ? 26 : n < 100 ? 32 : n < 1000 ? 38 : 44;
                var div = document.createElement("div");
                div.textContent = n;
                div.style.cssText = "background:{{ this.color }};color:#fff;border-radius:50%;"
                    + "width:" + size + "px;height:" + size + "px;display:flex;"
                    + "align-items:center;justify-content:center;box-sizing:border-box;"
                    + "font:bold 11px sans-serif;opacity:0.85;border:2px solid #fff;";
                return L.divIcon({html: div, className: "conflictmap-cluster",
                                  iconSize: [size, size]});
            }
        });
        {{ this.get_name() }}.onAdd = function (map) {
            // Clusters need a zoom range, which a map without tiles lacks ("Map has no
            // maxZoom specified").
            if (!isFinite(map.getMaxZoom())) { map.setMaxZoom({{ this.max_zoom }}); }
            L.MarkerClusterGroup.prototype.onAdd.call(this, map);
        };
        {{ this.get_name() }}.cmRecords = {{ this.records_json }};
        {{ this.get_name() }}.cmRows = {{ this.rows_json }};
        {{ this.get_name() }}.cmCategory = {{ this.category_json }};
        {{ this.get_name() }}.cmBuild = function (from, to) {
            var records = this.cmRecords, rows = this.cmRows, markers = [];
            for (var i = 0; i < rows.length; i++) {
                var row = rows[i];
                if (from !== null && (row[3] === null || row[3] < from || row[3] > to)) {
                    continue;
                }
                var record = records[row[2]];
                var marker = L.circleMarker([row[0], row[1]], {
                    radius: conflictmapRadius(record), color: "#ffffff", weight: 1,
                    fillColor: "{{ this.color }}", fillOpacity: 0.85});
                marker.cmRecord = record;
                marker.bindPopup(function (layer) { return conflictmapPopup(layer.cmRecord); },
                                 {maxWidth: 380});
                marker.bindTooltip(function (layer) {
                    return conflictmapText(layer.cmRecord.short); });
                markers.push(marker);
            }
            this.clearLayers();
            this.addLayers(markers);
            return markers.length;
        };
        {{ this.get_name() }}.cmBuild(null, null);
        {% endmacro %}
        """)

    def __init__(self, rows: Sequence[Sequence[Any]], records: Sequence[dict], *,
                 name: str, category: str, show: bool = True) -> None:
        super().__init__(name=name, show=show)
        self._name = "EventLayer"
        self.color = COLORS.get(category, COLORS["other"])
        self.rows_json = safe_json([list(r) for r in rows])
        self.records_json = safe_json(list(records))
        self.category_json = safe_json(category)
        self.count = len(rows)
        self.max_zoom = DEFAULT_MAX_ZOOM

    def render(self, **kwargs):
        _add_helpers(self)
        super().render(**kwargs)


# A line with an arrow glyph at its middle, pointing from its first point to its last:
# SVG text along the line's own path. (leaflet-textpath puts its text into the map's
# default renderer instead, which on these maps is a canvas, or not yet made: the arrows
# never showed, or the page threw "reading '_container'".)
_ARROW_LINE = """
<script>
var ConflictmapArrowLine = L.Polyline.extend({
    onAdd: function (map) {
        L.Polyline.prototype.onAdd.call(this, map);
        this._cmArrowAdd();
    },
    onRemove: function (map) {
        if (this._cmArrow && this._cmArrow.parentNode) {
            this._cmArrow.parentNode.removeChild(this._cmArrow);
        }
        L.Polyline.prototype.onRemove.call(this, map);
    },
    bringToFront: function () {
        L.Polyline.prototype.bringToFront.call(this);
        this._cmArrowAdd();
        return this;
    },
    _cmArrowAdd: function () {
        var path = this._path;
        if (!path || !path.parentNode || !path.namespaceURI.match(/svg/)) { return; }
        if (!this._cmArrow) {
            var id = "conflictmap-link-" + L.Util.stamp(this);
            var text = L.SVG.create("text"), along = L.SVG.create("textPath");
            path.setAttribute("id", id);
            along.setAttribute("href", "#" + id);
            along.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", "#" + id);
            along.setAttribute("startOffset", "50%");
            along.setAttribute("text-anchor", "middle");
            along.textContent = "\u25ba";
            text.setAttribute("class", "conflictmap-arrow");
            text.setAttribute("dy", "0.35em");
            text.setAttribute("fill", this.options.color);
            text.setAttribute("font-size", "16");
            text.setAttribute("pointer-events", "none");
            text.appendChild(along);
            this._cmArrow = text;
        }
        path.parentNode.insertBefore(this._cmArrow, path.nextSibling);
    }
});
</script>
"""


class LinkLayer(Layer):
    """Directed lines from launch origins to targets and between the events of one
    operation; a cross-border link is red and dashed, an arrow marks the direction.

    Parameters
    ----------
    rows
        ``[from lat, from lon, to lat, to lon, cross_border, from name, to name, from
        event id, to event id]``.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        (function (group, rows) {
            // SVG, not the map's canvas: the direction arrows are SVG text on the path.
            var renderer = L.svg({padding: 0.5});
            rows.forEach(function (row) {
                var cross = row[4];
                var line = new ConflictmapArrowLine([[row[0], row[1]], [row[2], row[3]]], {
                    renderer: renderer, weight: 3, opacity: 0.9,
                    color: cross ? "{{ this.cross_color }}" : "{{ this.origin_color }}",
                    dashArray: cross ? "8 6" : null,
                    className: cross ? "conflictmap-link cross-border" : "conflictmap-link"});
                line.bindTooltip(conflictmapText(row[5] + " → " + row[6]
                                                 + (cross ? " (cross-border)" : "")));
                line.cmEvents = [row[7], row[8]];
                group.addLayer(line);
            });
            group.cmLines = group.getLayers();
            // Keep the links for which *keep(the event ids of its two ends)* holds.
            group.cmShow = function (keepLine) {
                group.cmLines.forEach(function (line) {
                    var keep = keepLine(line.cmEvents);
                    if (keep && !group.hasLayer(line)) { group.addLayer(line); }
                    if (!keep && group.hasLayer(line)) { group.removeLayer(line); }
                });
            };
        })({{ this.get_name() }}, {{ this.rows_json }});
        {% endmacro %}
        """)

    def __init__(self, rows: Sequence[Sequence[Any]], *, name: str = "Links",
                 show: bool = True) -> None:
        super().__init__(name=name, overlay=True, show=show)
        self._name = "LinkLayer"
        self.rows_json = safe_json([list(r) for r in rows])
        self.origin_color = LINK_COLORS["origin"]
        self.cross_color = LINK_COLORS["cross_border"]
        self.count = len(rows)

    def render(self, **kwargs):
        _add_helpers(self)
        self.get_root().header.add_child(folium.Element(_ARROW_LINE),
                                         name="conflictmap_arrow_line")
        super().render(**kwargs)


class PlacesLayer(Layer):
    """The places the events name (event places and launch origins), as small dots."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        {{ this.rows_json }}.forEach(function (row) {
            L.circleMarker([row[0], row[1]], {radius: 3, color: "#252525", weight: 1,
                                              fillColor: "#ffffff", fillOpacity: 1})
                .bindTooltip(conflictmapText(row[2]))
                .addTo({{ this.get_name() }});
        });
        {% endmacro %}
        """)

    def __init__(self, rows: Sequence[Sequence[Any]], *, name: str = "Places mentioned",
                 show: bool = False) -> None:
        super().__init__(name=name, overlay=True, show=show)
        self._name = "PlacesLayer"
        self.rows_json = safe_json([list(r) for r in rows])

    def render(self, **kwargs):
        _add_helpers(self)
        super().render(**kwargs)


class Title(folium.MacroElement):
    """The map's title, in the top-left corner."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "topleft"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "conflictmap-title");
            div.textContent = {{ this.text_json }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """)

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Title"
        self.text_json = safe_json(str(text))
