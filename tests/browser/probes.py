"""JavaScript that measures what a conflictmap page draws, for ``PageResult.eval_map``.

Each probe is a function of the folium map. Counting elements is not enough: an arrow
``<text>`` inside a ``<canvas>`` or a marker with a NaN radius is in the DOM but not on
the screen, so these measure boxes and read the canvas's pixels.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from conflictmap.maps.data import CATEGORY_OF_LAYER

__all__ = ["ARROWS_JS", "DRAWN_JS", "LAYERS_JS", "check_drawn", "drawn_counts", "on_screen",
           "open_popup"]

# Every event layer of a page, with its marker count and whether the map shows it.
LAYERS_JS = """(map) => Object.keys(window)
    .filter(k => k.startsWith("event_layer_") && window[k] && window[k].cmRows)
    .map(k => ({name: k, category: window[k].cmCategory, markers: window[k].getLayers().length,
                shown: map.hasLayer(window[k])}))"""

# What each shown event layer has on the screen: clusters (their icon's box) and single
# circle markers (their radius, and whether the canvas is painted at their centre), in
# container pixels.
DRAWN_JS = """(map) => {
    const out = [];
    const box = map.getContainer().getBoundingClientRect();
    Object.keys(window)
        .filter(k => k.startsWith("event_layer_") && window[k] && window[k].cmRows)
        .map(k => window[k]).filter(group => map.hasLayer(group)).forEach(group => {
            group._featureGroup.eachLayer(item => {
                const base = {category: group.cmCategory,
                              n: item.getChildCount ? item.getChildCount() : 1};
                if (item._icon) {
                    const r = item._icon.getBoundingClientRect();
                    out.push({...base, kind: "cluster", x: r.left - box.left + r.width / 2,
                              y: r.top - box.top + r.height / 2, w: r.width, h: r.height,
                              painted: true});
                    return;
                }
                const p = map.latLngToContainerPoint(item.getLatLng());
                const renderer = item._renderer;
                let painted = false;
                if (renderer && renderer._ctx && item._point) {
                    const scale = window.devicePixelRatio || 1;
                    const px = (item._point.x - renderer._bounds.min.x) * scale;
                    const py = (item._point.y - renderer._bounds.min.y) * scale;
                    painted = renderer._ctx.getImageData(Math.round(px), Math.round(py), 1, 1)
                        .data[3] > 0;
                } else if (item._path) {
                    const r = item._path.getBoundingClientRect();
                    painted = r.width > 0 && r.height > 0;
                }
                out.push({...base, kind: "marker", x: p.x, y: p.y, w: 2 * item._radius,
                          h: 2 * item._radius, painted: painted});
            });
        });
    return out;
}"""

# Each link's direction arrow: the box of its glyph and how far the glyph's centre is
# from the middle of its line (both in the SVG's user space).
ARROWS_JS = """(map) => Array.from(document.querySelectorAll("path.conflictmap-link"))
    .map(path => {
        const along = document.querySelector('textPath[href="#' + path.id + '"]');
        const text = along ? along.parentNode : null;
        if (!text || !path.id) { return {id: path.id, w: 0, h: 0, off: Infinity}; }
        const b = text.getBBox(), length = path.getTotalLength();
        const middle = path.getPointAtLength(length / 2);
        return {id: path.id, w: b.width, h: b.height, length: length,
                off: Math.hypot(b.x + b.width / 2 - middle.x, b.y + b.height / 2 - middle.y),
                inCanvas: !!text.closest("canvas")};
    })"""


def drawn_counts(categories: Iterable[str]) -> dict[str, int]:
    """The events per layer (named by its first category, as ``cmCategory``) that the
    categories of the located events should draw."""
    layer_of = {c: cats[0] for cats in CATEGORY_OF_LAYER.values() for c in cats}
    return dict(Counter(layer_of.get(c, "clash") for c in categories))


def on_screen(result) -> list[dict]:
    """What `DRAWN_JS` finds inside the map's viewport (markercluster also keeps the
    markers just outside it on the map)."""
    width, height = result.eval_map("(map) => [map.getSize().x, map.getSize().y]")
    return [item for item in result.eval_map(DRAWN_JS)
            if 0 <= item["x"] <= width and 0 <= item["y"] <= height]


def check_drawn(result, expected: dict[str, int]) -> list[dict]:
    """Assert that the page draws *expected* events per category, every one of them on
    screen with a non-zero size; return what was drawn."""
    drawn = result.eval_map(DRAWN_JS)
    width, height = result.eval_map("(map) => [map.getSize().x, map.getSize().y]")
    counts: dict[str, int] = {}
    for item in drawn:
        counts[item["category"]] = counts.get(item["category"], 0) + item["n"]
        assert item["w"] > 0 and item["h"] > 0, item
        assert 0 <= item["x"] <= width and 0 <= item["y"] <= height, item
        assert item["painted"], item
    assert counts == expected, (counts, expected)
    return drawn


_FIND_MARKER = """([category, record]) => {
    const layer = Object.keys(window).filter(k => k.startsWith("event_layer_")
        && window[k].cmCategory === category).map(k => window[k])[0];
    return layer.getLayers().find(m => m.cmRecord === layer.cmRecords[record]);
}"""


def open_popup(result, category: str, record: int) -> str:
    """Zoom to the event of *category* with popup record number *record* (past the zoom
    where clusters break up), open its popup, and return the popup's HTML."""
    where = [category, record]
    # markercluster drops a move made while it animates a zoom (Leaflet.markercluster's
    # _moveEnd returns early), so wait for the last zoom's animation to end first.
    result.page.wait_for_function("""() => Object.keys(window)
        .filter(k => k.startsWith("event_layer_") && window[k] && window[k].cmRows)
        .every(k => !window[k]._inZoomAnimation)""")
    result.eval_map(f"""(map, where) => {{
        const marker = ({_FIND_MARKER})(where);
        map.setView(marker.getLatLng(), 12, {{animate: false}});
    }}""", where)
    # The clusters break up in an animation; the marker is on the map once it is over.
    result.page.wait_for_function(f"where => !!({_FIND_MARKER})(where)._map", arg=where)
    return result.eval_map(f"""(map, where) => {{
        const marker = ({_FIND_MARKER})(where);
        marker.openPopup();
        // Not document.querySelector: a popup closed before fades out for a while.
        return marker.getPopup().getElement().querySelector(".leaflet-popup-content")
            .innerHTML;
    }}""", where)
