"""JavaScript that measures what a conflictmap page draws, for ``PageResult.eval_map``.

Each probe is a function of the folium map. Counting elements is not enough: an arrow
``<text>`` inside a ``<canvas>`` or a marker with a NaN radius is in the DOM but not on
the screen, so these measure boxes and read the canvas's pixels.

Two kinds of page:

- a `make_map` page has one view, ``window.conflictmap`` (conflictmap/maps/static/view.js):
  one marker cluster of every category, whose icons are SVG donuts, and lazily made
  circle markers. `VIEW_DRAWN_JS`, `VIEW_JS`, `icon_boxes`, `open_view_popup` measure it.
- a plain ``folium.Map`` with the per-category layers (`strikes_layer` and the like) has
  one `EventLayer` cluster per category (``window.event_layer_*``): `LAYERS_JS` and
  `LAYER_DRAWN_JS` measure those.

`check_drawn` and `on_screen` work on both.
"""
from __future__ import annotations

import base64
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from itertools import combinations

from conflictmap.maps.data import CATEGORY_OF_LAYER

__all__ = ["ARROWS_JS", "LAYERS_JS", "LAYER_DRAWN_JS", "SHOWN_IDS_JS", "VIEW_DRAWN_JS", "VIEW_JS",
           "check_drawn", "day_of", "drawn", "drawn_counts", "get_view", "icon_boxes",
           "iso_day", "legend_counts", "on_screen", "open_view_popup", "overlapping",
           "screenshot_pixels", "set_view", "set_window", "switch_layer", "view_counts",
           "wait_window"]

# The view's categories (view.py's CATEGORIES), in the legend's order.
VIEW_CATEGORIES = ("attack", "strike", "interception", "clash", "other")

# -- make_map pages: the one view -----------------------------------------------------

# The view's state: how many events it has and shows, per category, and its date window.
VIEW_JS = """(map) => {
    const view = window.conflictmap;
    return {rows: view.count, shown: view.shown.length, counts: view.counts,
            from: view.from, to: view.to, low: view.config.low, high: view.config.high,
            onMap: map.hasLayer(view.cluster)};
}"""

# What the view's one cluster has on the screen, in container pixels: each cluster icon
# (its box, the events it holds per category by getAllChildMarkers, its count label and
# whether that label is what the eye sees at the icon's centre) and each single circle
# marker (its radius with its outline, whether the canvas is painted at its centre, and
# whether it is a hollow "rough" marker with its ring on the map).
VIEW_DRAWN_JS = """(map) => {
    const view = window.conflictmap, out = [];
    if (!view || !map.hasLayer(view.cluster)) { return out; }
    const box = map.getContainer().getBoundingClientRect();
    view.cluster._featureGroup.eachLayer(item => {
        if (item.getAllChildMarkers) {
            const counts = {};
            item.getAllChildMarkers().forEach(m => {
                counts[m.cmCategory] = (counts[m.cmCategory] || 0) + 1; });
            const icon = item._icon;
            const r = icon ? icon.getBoundingClientRect()
                           : {left: NaN, top: NaN, width: 0, height: 0};
            const label = icon ? icon.querySelector(".cm-donut span") : null;
            const arcs = icon ? icon.querySelectorAll("svg circle[stroke]").length : 0;
            const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
            const seen = icon ? document.elementFromPoint(cx, cy) : null;
            out.push({kind: "cluster", counts: counts, n: item.getChildCount(),
                      x: cx - box.left, y: cy - box.top, w: r.width, h: r.height,
                      label: label ? label.textContent : null,
                      painted: r.width > 0 && arcs > 0 && arcs === Object.keys(counts).length,
                      labelOnTop: !!(label && seen && label.contains(seen)),
                      underControl: !!(seen && seen.closest(".leaflet-control"))});
            return;
        }
        const p = map.latLngToContainerPoint(item.getLatLng());
        const renderer = item._renderer;
        let alpha = 0, rgba = null, painted = false;
        if (renderer && renderer._ctx && item._point) {
            const scale = window.devicePixelRatio || 1;
            const px = (item._point.x - renderer._bounds.min.x) * scale;
            const py = (item._point.y - renderer._bounds.min.y) * scale;
            rgba = Array.from(renderer._ctx.getImageData(Math.round(px), Math.round(py), 1, 1)
                .data);
            alpha = rgba[3];
            // more than a rough marker's faint ring (fill opacity 0.04) underneath it
            painted = alpha > 64;
        } else if (item._path) {
            const r = item._path.getBoundingClientRect();
            painted = r.width > 0 && r.height > 0;
        }
        const size = 2 * (item._radius + (item.options.stroke ? item.options.weight / 2 : 0));
        out.push({kind: "marker", counts: {[item.cmCategory]: 1}, n: 1, index: item.cmIndex,
                  x: p.x, y: p.y, w: size, h: size, radius: item._radius,
                  painted: painted, alpha: alpha, rgba: rgba,
                  rough: !!item.cmRing, ringOnMap: !!item.cmRing && map.hasLayer(item.cmRing),
                  fill: item.options.fillColor, dash: item.options.dashArray || null});
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

# -- plain folium pages: one EventLayer per category ----------------------------------

# Every event layer of a page, with its marker count and whether the map shows it.
LAYERS_JS = """(map) => Object.keys(window)
    .filter(k => k.startsWith("event_layer_") && window[k] && window[k].cmRows)
    .map(k => ({name: k, category: window[k].cmCategory, markers: window[k].getLayers().length,
                shown: map.hasLayer(window[k])}))"""

# What each shown event layer has on the screen: clusters (their icon's box) and single
# circle markers (their radius, and whether the canvas is painted at their centre), in
# container pixels.
LAYER_DRAWN_JS = """(map) => {
    const out = [];
    const box = map.getContainer().getBoundingClientRect();
    Object.keys(window)
        .filter(k => k.startsWith("event_layer_") && window[k] && window[k].cmRows)
        .map(k => window[k]).filter(group => map.hasLayer(group)).forEach(group => {
            group._featureGroup.eachLayer(item => {
                const n = item.getChildCount ? item.getChildCount() : 1;
                const base = {category: group.cmCategory, n: n,
                              counts: {[group.cmCategory]: n}};
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

_HAS_VIEW_JS = "(map) => !!window.conflictmap"

# The event_id of each event the view shows, in its order (every shown marker is made).
SHOWN_IDS_JS = """(map) => window.conflictmap.shown.map(
    k => window.conflictmap.markers[k].cmRecord.event_id)"""


# -- helpers ------------------------------------------------------------------------------

def view_counts(categories: Iterable[str]) -> dict[str, int]:
    """The events per view category ("protest" and any unknown category are "other")
    that the categories of the located events should draw."""
    return dict(Counter(c if c in VIEW_CATEGORIES else "other" for c in categories))


def drawn_counts(categories: Iterable[str]) -> dict[str, int]:
    """The events per `EventLayer` (named by its first category, as ``cmCategory``) that
    the categories of the located events should draw, on a plain folium page."""
    layer_of = {c: cats[0] for cats in CATEGORY_OF_LAYER.values() for c in cats}
    return dict(Counter(layer_of.get(c, "clash") for c in categories))


def drawn(result) -> list[dict]:
    """What the page's events draw: `VIEW_DRAWN_JS` on a make_map page, else
    `LAYER_DRAWN_JS`. Each item has ``counts`` (events per category) and ``n``."""
    return result.eval_map(VIEW_DRAWN_JS if result.eval_map(_HAS_VIEW_JS) else LAYER_DRAWN_JS)


def _size(result) -> tuple[float, float]:
    return tuple(result.eval_map("(map) => [map.getSize().x, map.getSize().y]"))


def on_screen(result) -> list[dict]:
    """What `drawn` finds inside the map's viewport (markercluster also keeps the
    markers just outside it on the map)."""
    width, height = _size(result)
    return [item for item in drawn(result)
            if 0 <= item["x"] <= width and 0 <= item["y"] <= height]


def check_drawn(result, expected: dict[str, int]) -> list[dict]:
    """Assert that the page draws *expected* events per category, every one of them on
    screen with a non-zero size (and, on a make_map page, every cluster with its count
    as its label); return what was drawn."""
    items = drawn(result)
    width, height = _size(result)
    counts: Counter[str] = Counter()
    for item in items:
        counts.update(item["counts"])
        assert item["w"] > 0 and item["h"] > 0, item
        assert 0 <= item["x"] <= width and 0 <= item["y"] <= height, item
        assert item["painted"], item
        if item["kind"] == "cluster" and "label" in item:  # a make_map donut
            assert item["label"] == str(item["n"]), item
    assert dict(counts) == expected, (dict(counts), expected)
    return items


def icon_boxes(result) -> list[dict]:
    """The box (container pixels: left, top, right, bottom) of every icon that shows in
    the viewport on a make_map page: cluster donuts and single markers (with their
    outline)."""
    width, height = _size(result)
    out = []
    for item in result.eval_map(VIEW_DRAWN_JS):
        left, top = item["x"] - item["w"] / 2, item["y"] - item["h"] / 2
        right, bottom = left + item["w"], top + item["h"]
        if right > 0 and bottom > 0 and left < width and top < height:
            out.append({**item, "left": left, "top": top, "right": right, "bottom": bottom})
    return out


def overlapping(boxes: list[dict], *, slack: float = 0.5) -> list[tuple[dict, dict]]:
    """The pairs of `icon_boxes` whose boxes overlap by more than *slack* pixels (for
    antialiasing) both across and down. (Every icon is round and fills its box, so
    boxes that do not overlap mean icons that do not touch.)"""
    return [(a, b) for a, b in combinations(boxes, 2)
            if min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack]


def screenshot_pixels(result, points: list[list[float]], path=None) -> list[list[int]]:
    """The RGBA of a screenshot of the page (written to *path* if given) at each page
    point ``[x, y]``; the PNG is decoded by the browser itself."""
    png = result.page.screenshot(path=str(path) if path else None)
    return result.page.evaluate("""async ([src, points]) => {
        const image = new Image();
        image.src = "data:image/png;base64," + src;
        await image.decode();
        const canvas = document.createElement("canvas");
        canvas.width = image.width;
        canvas.height = image.height;
        const ctx = canvas.getContext("2d");
        ctx.drawImage(image, 0, 0);
        return points.map(([x, y]) => Array.from(
            ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data));
    }""", [base64.b64encode(png).decode("ascii"), points])


def legend_counts(result) -> dict[str, int]:
    """The legend's count per category ("Attacks: 7" -> {"attack": 7})."""
    rows = result.page.evaluate("""() => Array.from(document.querySelectorAll(
        ".conflictmap-legend .cm-cat")).map(row => [
            Array.from(row.classList).find(c => c.startsWith("cm-cat-")).slice(7),
            row.textContent])""")
    return {key: int(text.rsplit(":", 1)[1]) for key, text in rows}


def iso_day(day: int) -> str:
    """A view day number (days since 1970-01-01) as YYYY-MM-DD."""
    return (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()


def day_of(text: str) -> int:
    """YYYY-MM-DD (or a longer timestamp) as a view day number."""
    return (dt.date.fromisoformat(str(text)[:10]) - dt.date(1970, 1, 1)).days


def wait_window(result, start: int, end: int) -> None:
    """Wait until the view has applied the date window *start*..*end* (its label says so:
    the sliders apply after a debounce)."""
    prefix = f"{iso_day(start)} – {iso_day(end)}"
    result.page.wait_for_function(
        """prefix => {
            const label = document.querySelector(".cm-time-label");
            return label && label.textContent.startsWith(prefix); }""", arg=prefix)


def set_window(result, start: int | None = None, end: int | None = None) -> None:
    """Move the time control's sliders as a person would (each an ``input`` event), then
    wait until the view has applied the window."""
    page = result.page
    state = result.eval_map(VIEW_JS)
    moves = [("input.conflictmap-to", end), ("input.conflictmap-from", start)]
    if end is not None and end < state["from"]:
        moves.reverse()  # the handles cannot cross: move "from" down first
    for selector, value in moves:
        if value is not None:
            page.locator(selector).fill(str(value))
    state = result.eval_map(VIEW_JS)
    wait_window(result, start if start is not None else state["from"],
                end if end is not None else state["to"])


def get_view(result) -> list:
    """The map's centre and zoom, ``[lat, lon, zoom]``, for `set_view`."""
    return result.eval_map("(map) => [map.getCenter().lat, map.getCenter().lng, "
                           "map.getZoom()]")


def set_view(result, where: list) -> None:
    """Move the map to ``[lat, lon, zoom]`` at once, and wait until the cluster has
    redrawn (markercluster animates the clusters breaking up or merging)."""
    result.page.wait_for_function("() => !window.conflictmap.cluster._inZoomAnimation")
    result.eval_map("(map, [lat, lon, zoom]) => map.setView([lat, lon], zoom, "
                    "{animate: false})", list(where))
    result.page.wait_for_function("() => !window.conflictmap.cluster._inZoomAnimation")


def open_view_popup(result, index: int, zoom: int = 12) -> dict[str, str]:
    """Zoom to the view's event *index* (``view.row(index)``), past the zoom where the
    clusters break up, click its marker and return the popup's ``html`` and ``text``."""
    row = result.eval_map("(map, index) => window.conflictmap.row(index)", index)
    set_view(result, [row[0], row[1], zoom])
    # The clusters break up in an animation; the marker is on the map once it is over.
    result.page.wait_for_function("""index => {
        const marker = window.conflictmap.markers[index];
        return !!(marker && marker._map) && !window.conflictmap.cluster._inZoomAnimation;
    }""", arg=index)
    return result.eval_map("""(map, index) => {
        const marker = window.conflictmap.markers[index];
        // A click, as the canvas renderer passes it on (several events can share a place,
        // so a click at a point could open another one's popup).
        marker.fire("click", {latlng: marker.getLatLng()}, true);
        // Not document.querySelector: a popup closed before fades out for a while.
        const content = marker.getPopup().getElement()
            .querySelector(".leaflet-popup-content");
        return {html: content.innerHTML, text: content.innerText};
    }""", index)


def switch_layer(page, label: str, on: bool) -> None:
    """Tick (or untick) a layer in the map's layer control, as a person would."""
    box = page.locator(".leaflet-control-layers-overlays label", has_text=label).locator("input")
    if on:
        box.check()
    else:
        box.uncheck()
