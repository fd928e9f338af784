"""What an analyst sees at a glance on a make_map page, one test per feature, in real
headless Chromium: the demo's sample events, the ACLED sample, the seed article and a
100,000-event map."""
from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import pandas as pd
import pytest

from conflictmap.cli import main
from conflictmap.maps import make_map, read_acled

from .probes import (
    ARROWS_JS,
    SHOWN_IDS_JS,
    VIEW_DRAWN_JS,
    VIEW_JS,
    check_drawn,
    day_of,
    get_view,
    icon_boxes,
    iso_day,
    legend_counts,
    on_screen,
    overlapping,
    screenshot_pixels,
    set_view,
    set_window,
    switch_layer,
    view_counts,
    wait_window,
)

ROOT = Path(__file__).resolve().parents[2]
ACLED_SAMPLE = ROOT / "data" / "acled_sample.csv"
WINDOW = ("2023-09-01", "2023-12-31")  # a window of the demo's events


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict:
    """The demo's map of the sample articles (``conflictmap demo``), with its events as
    the demo's CSV has them."""
    out = tmp_path_factory.mktemp("demo") / "demo"
    assert main(["demo", "-o", str(out)]) == 0
    events = pd.read_csv(out.with_suffix(".csv"), dtype={"event_id": str})
    events["located"] = events["latitude"].notna() & events["longitude"].notna()
    return {"html": out.with_suffix(".html"), "events": events}


@pytest.fixture(scope="module")
def acled(tmp_path_factory) -> dict:
    """make_map of the ACLED sample."""
    frame = read_acled(ACLED_SAMPLE)
    html = tmp_path_factory.mktemp("acled") / "acled.html"
    make_map(frame).save(str(html))
    return {"html": html, "frame": frame}


def _in_window(events: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """The located events dated within start..end (the page's view of the demo CSV)."""
    dates = events["event_date"].fillna("").astype(str).str.slice(0, 10)
    return events[events["located"] & (dates >= start) & (dates <= end) & (dates != "")]


def _thumb(page, selector: str, value: int, thumb: float = 12) -> tuple[float, float]:
    """Where a range input's thumb for *value* is on the page: Chromium draws the thumb
    (*thumb* pixels wide, as view.css makes it) inside the track, half a thumb in from
    each end."""
    box = page.locator(selector).bounding_box()
    low, high = page.evaluate("""s => {
        const input = document.querySelector(s); return [+input.min, +input.max]; }""",
                              selector)
    share = (value - low) / (high - low) if high > low else 0
    return box["x"] + thumb / 2 + share * (box["width"] - thumb), box["y"] + box["height"] / 2


# -- 1. no two icons overlap at the first view ------------------------------------------

@pytest.mark.parametrize("which", ["demo", "acled"])
def test_no_icons_overlap_at_first_view(browser_harness, request, tmp_path, which):
    page_of = request.getfixturevalue(which)
    shot = tmp_path / f"{which}-first-view.png"
    with browser_harness.open_map(page_of["html"], screenshot=shot) as result:
        result.assert_clean()
        state = result.eval_map(VIEW_JS)
        boxes = icon_boxes(result)
        assert boxes and sum(b["n"] for b in boxes) == state["shown"] == state["rows"], (
            state, boxes)
        assert overlapping(boxes) == [], overlapping(boxes)
        for box in boxes:  # every icon drawn, and a cluster's count readable on it
            assert box["w"] > 0 and box["h"] > 0 and box["painted"], box
            if box["kind"] == "cluster":
                assert box["label"] == str(box["n"]), box
                assert box["labelOnTop"] or box["underControl"], box


# -- 2. offline: the country outlines, and a clean page ---------------------------------

def test_offline_map_shows_the_countries(browser_harness, demo, tmp_path):
    shot = tmp_path / "offline.png"
    with browser_harness.open_map(demo["html"], refuse_tiles=True, screenshot=shot) as result:
        result.assert_clean()
        assert result.tiles, "the page asked for no tile"
        assert result.page.locator("img.leaflet-tile-loaded").count() == 0
        land = result.page.evaluate("""() => {
            const pane = document.querySelector(".leaflet-conflictmap-land-pane");
            const paths = pane ? Array.from(pane.querySelectorAll("svg path")) : [];
            const drawn = paths.filter(p => {
                const r = p.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
            const first = drawn[0];
            return {paths: paths.length, drawn: drawn.length,
                    under: pane ? +getComputedStyle(pane).zIndex : null,
                    tiles: +getComputedStyle(document.querySelector(
                        ".leaflet-tile-pane")).zIndex,
                    fill: first ? getComputedStyle(first).fill : null,
                    sea: getComputedStyle(document.querySelector(".conflictmap-sea"))
                        .backgroundColor};
        }""")
        assert land["paths"] > 100 and land["drawn"] > 20, land
        assert land["under"] < land["tiles"], land  # beneath the tiles
        # The screenshot: land where the outlines are, sea between them.
        where = {"Egypt's Western Desert": [26.5, 27.5], "Saudi Arabia": [23.5, 45.0],
                 "Ionian Sea": [35.5, 19.0], "Gulf of Sirte": [32.0, 18.5]}
        points = result.eval_map("""(map, where) => {
            const box = map.getContainer().getBoundingClientRect();
            return Object.values(where).map(([lat, lon]) => {
                const p = map.latLngToContainerPoint([lat, lon]);
                return [p.x + box.left, p.y + box.top]; });
        }""", where)
        pixels = dict(zip(where, screenshot_pixels(result, points, tmp_path / "offline-2.png"),
                          strict=True))

        def rgb(css: str) -> list[int]:
            return [int(float(v)) for v in css[css.index("(") + 1:-1].split(",")[:3]]

        land_rgb, sea_rgb = rgb(land["fill"]), rgb(land["sea"])
        assert land_rgb != sea_rgb, land

        def near(pixel, colour) -> bool:
            return all(abs(a - b) <= 8 for a, b in zip(pixel[:3], colour, strict=True))

        for name in ("Egypt's Western Desert", "Saudi Arabia"):
            assert near(pixels[name], land_rgb), (name, pixels[name], land_rgb)
        for name in ("Ionian Sea", "Gulf of Sirte"):
            assert near(pixels[name], sea_rgb), (name, pixels[name], sea_rgb)
        result.assert_clean()


# -- 3. the URL's window filters the map, and the sliders write it back ---------------------

def test_url_window_filters_markers_and_legend(browser_harness, demo, tmp_path):
    start, end = WINDOW
    expected = view_counts(_in_window(demo["events"], start, end)["category"])
    every = view_counts(demo["events"][demo["events"]["located"]]["category"])
    assert 0 < sum(expected.values()) < sum(every.values())
    with browser_harness.open_map(demo["html"], fragment=f"#from={start}&to={end}",
                                  screenshot=tmp_path / "window.png") as result:
        result.assert_clean()
        page = result.page
        state = result.eval_map(VIEW_JS)
        assert (state["from"], state["to"]) == (day_of(start), day_of(end)), state
        assert state["counts"] == expected, (state, expected)
        assert legend_counts(result) == {k: expected.get(k, 0) for k in every}
        check_drawn(result, expected)  # the markers on the map are those of the window
        assert page.locator("input.conflictmap-from").input_value() == str(day_of(start))
        assert page.locator("input.conflictmap-to").input_value() == str(day_of(end))
        label = page.locator(".cm-time-label").inner_text()
        assert label == f"{start} – {end} · {sum(expected.values())} events", label

        # Moving a slider rewrites the hash, and the view follows.
        later = "2024-03-31"
        set_window(result, end=day_of(later))
        assert page.evaluate("() => location.hash") == f"#from={start}&to={later}"
        assert result.eval_map(VIEW_JS)["counts"] == view_counts(
            _in_window(demo["events"], start, later)["category"])
        # The whole range again: no window in the URL.
        set_window(result, state["low"], state["high"])
        assert page.evaluate("() => location.hash") == ""
        assert result.eval_map(VIEW_JS)["counts"] == every
        result.assert_clean()


def test_heat_map_follows_the_window(browser_harness, demo, tmp_path):
    start, end = WINDOW
    expected = len(_in_window(demo["events"], start, end))
    with browser_harness.open_map(demo["html"], fragment=f"#from={start}&to={end}") as result:
        page = result.page
        switch_layer(page, "Heat map", True)
        heat = """(map) => { const name = window.conflictmap.config.heat;
            const layer = window[name], canvas = layer._canvas;
            return {points: layer._latlngs.length, w: canvas.width, h: canvas.height}; }"""
        drawn = result.eval_map(heat)
        assert drawn["points"] == expected and drawn["w"] > 0 and drawn["h"] > 0, drawn
        painted = page.evaluate("""name => {
            const c = window[name]._canvas, data = c.getContext("2d")
                .getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) n++; }
            return n; }""", result.eval_map("(map) => window.conflictmap.config.heat"))
        assert painted > 0
        state = result.eval_map(VIEW_JS)
        set_window(result, state["low"], state["high"])  # the whole range: every event
        assert result.eval_map(heat)["points"] == int(demo["events"]["located"].sum())
        page.screenshot(path=str(tmp_path / "heat.png"))
        result.assert_clean()


def test_play_steps_the_window_through_time(browser_harness, demo, tmp_path):
    with browser_harness.open_map(demo["html"]) as result:
        page = result.page
        state = result.eval_map(VIEW_JS)
        page.locator("button.cm-play").click()
        first = result.eval_map(VIEW_JS)
        assert first["from"] == state["low"] and first["to"] < state["high"], first
        assert page.locator("button.cm-play").inner_text() == "⏸"
        page.wait_for_function("""from => window.conflictmap.from > from""", arg=first["from"])
        moved = result.eval_map(VIEW_JS)
        assert moved["to"] - moved["from"] == first["to"] - first["from"]  # the same width
        assert page.evaluate("() => location.hash").startswith("#from=")
        page.locator("button.cm-play").click()  # pause
        assert page.locator("button.cm-play").inner_text() == "▶"
        paused = result.eval_map(VIEW_JS)["from"]
        page.wait_for_timeout(1000)
        assert result.eval_map(VIEW_JS)["from"] == paused
        result.assert_clean()


# -- 4. the two sliders cannot cross ---------------------------------------------------------

def test_sliders_cannot_cross(browser_harness, demo, tmp_path):
    with browser_harness.open_map(demo["html"]) as result:
        page = result.page
        low, high = result.eval_map(VIEW_JS)["low"], result.eval_map(VIEW_JS)["high"]
        start = page.locator("input.conflictmap-from")
        end = page.locator("input.conflictmap-to")

        # Drag the "from" handle with the mouse from its left end past the "to" handle.
        page.mouse.move(*_thumb(page, "input.conflictmap-from", low))
        page.mouse.down()
        x, y = _thumb(page, "input.conflictmap-to", high)
        page.mouse.move(x + 40, y, steps=12)
        page.mouse.up()
        wait_window(result, int(start.input_value()), int(end.input_value()))
        assert int(start.input_value()) == int(end.input_value()) == high
        state = result.eval_map(VIEW_JS)
        assert state["from"] == state["to"] == high, state
        page.screenshot(path=str(tmp_path / "sliders-met.png"))

        # Keys: "to" pushed below "from" stops at "from".
        middle = (low + high) // 2
        set_window(result, low, high)
        start.fill(str(middle))
        wait_window(result, middle, high)
        end.focus()
        page.keyboard.press("Home")  # the lowest value
        wait_window(result, middle, middle)
        assert int(end.input_value()) == int(start.input_value()) == middle
        # Drag the "to" handle left past the "from" handle.
        set_window(result, middle, high)
        page.mouse.move(*_thumb(page, "input.conflictmap-to", high))
        page.mouse.down()
        x, y = _thumb(page, "input.conflictmap-from", low)
        page.mouse.move(x - 40, y, steps=12)
        page.mouse.up()
        wait_window(result, middle, middle)
        state = result.eval_map(VIEW_JS)
        assert state["from"] == state["to"] == middle, state
        assert page.evaluate("() => location.hash") == f"#from={iso_day(middle)}&to=" \
                                                       f"{iso_day(middle)}"
        result.assert_clean()


# -- 5. every link's arrow has a box ---------------------------------------------------------

def test_link_arrows_have_a_box(browser_harness, seed_events, demo, tmp_path):
    html = tmp_path / "seed.html"
    make_map(seed_events, title="Seed article").save(str(html))
    for path, count in ((html, len(seed_events.links)), (demo["html"], None)):
        with browser_harness.open_map(path, screenshot=tmp_path / f"{path.stem}-arrows.png") \
                as result:
            result.assert_clean()
            arrows = result.eval_map(ARROWS_JS)
            lines = result.page.locator("path.conflictmap-link").count()
            assert arrows and len(arrows) == lines == (count if count is not None else lines)
            for arrow in arrows:  # a glyph with a box, on its line, never inside a canvas
                assert arrow["w"] > 0 and arrow["h"] > 0 and not arrow["inCanvas"], arrow
                assert arrow["off"] < 12, arrow


def test_links_hide_with_their_events(browser_harness, seed_events, tmp_path):
    # A link goes with its events: when no event at either end is shown (here: every
    # category switched off), its line and arrow go too; switched on, they come back.
    html = tmp_path / "seed.html"
    make_map(seed_events, title="Seed article").save(str(html))
    with browser_harness.open_map(html) as result:
        page = result.page
        assert page.locator("path.conflictmap-link").count() == len(seed_events.links)
        for label in ("Attacks", "Strikes", "Interceptions", "Other events"):
            switch_layer(page, label, False)
        assert result.eval_map(VIEW_JS)["shown"] == 0
        page.screenshot(path=str(tmp_path / "no-events.png"))
        left = result.eval_map("""(map) => Array.from(document.querySelectorAll(
            "path.conflictmap-link")).map(p => p.id)""")
        for label in ("Attacks", "Strikes", "Interceptions", "Other events"):
            switch_layer(page, label, True)
        assert page.locator("path.conflictmap-link").count() == len(seed_events.links)
        result.assert_clean()
        assert left == [], f"{len(left)} link(s) still drawn with no event shown"


# -- 6. the downloads hold exactly the events shown --------------------------------------

def test_downloads_hold_the_events_shown(browser_harness, demo, tmp_path):
    start, end = WINDOW
    events = _in_window(demo["events"], start, end)
    events = events[events["category"] != "attack"]
    with browser_harness.open_map(demo["html"], fragment=f"#from={start}&to={end}") as result:
        page = result.page
        switch_layer(page, "Attacks", False)
        shown_ids = result.eval_map(SHOWN_IDS_JS)
        assert sorted(shown_ids) == sorted(events["event_id"]), (shown_ids, events)

        with page.expect_download() as download:
            page.click(".cm-download-csv")
        path = Path(download.value.path())
        assert download.value.suggested_filename.endswith(f"{start}-to-{end}.csv")
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == len(shown_ids)
        assert [r["event_id"] for r in rows] == shown_ids
        assert all(r["category"] != "attack" and start <= r["event_date"] <= end
                   for r in rows), rows
        assert {"latitude", "longitude"} <= set(rows[0])

        with page.expect_download() as download:
            page.click(".cm-download-geojson")
        data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection"
        assert len(data["features"]) == len(shown_ids)
        assert [f["properties"]["event_id"] for f in data["features"]] == shown_ids
        assert all(f["geometry"]["type"] == "Point" for f in data["features"])
        result.assert_clean()


# -- 7. the legend collapses, and explains rough places and places mentioned ----------------

def test_legend_collapses(browser_harness, demo, tmp_path):
    with browser_harness.open_map(demo["html"]) as result:
        page = result.page
        legend = page.locator(".conflictmap-legend")
        text = legend.inner_text()
        assert "roughly" in text and "hollow" in text, text
        assert "place mentioned" in text, text
        assert page.locator(".conflictmap-legend .cm-cat-attack").is_visible()
        opened = legend.bounding_box()
        legend.locator("summary").click()
        assert page.evaluate("() => document.querySelector('.conflictmap-legend details')"
                             ".open") is False
        assert not page.locator(".conflictmap-legend .cm-cat-attack").is_visible()
        assert legend.is_visible()  # the summary stays, to open it again
        closed = legend.bounding_box()
        assert closed["height"] < opened["height"] / 3, (opened, closed)
        page.screenshot(path=str(tmp_path / "legend-closed.png"))
        legend.locator("summary").click()
        assert page.locator(".conflictmap-legend .cm-cat-attack").is_visible()
        result.assert_clean()


# -- 8. rough places: hollow, with a ring, once shown on their own --------------------------

def test_rough_events_are_hollow_with_a_ring(browser_harness, demo, tmp_path):
    with browser_harness.open_map(demo["html"]) as result:
        first = get_view(result)
        rough, exact = result.eval_map("""(map) => {
            const rows = window.conflictmap.rows();
            return [rows.findIndex(r => r[5] === 2 || r[5] === 3),
                    rows.findIndex(r => r[5] === 1)]; }""")
        assert rough >= 0 and exact >= 0
        for index, is_rough in ((rough, True), (exact, False)):
            row = result.eval_map("(map, i) => window.conflictmap.row(i)", index)
            set_view(result, [row[0], row[1], 12])
            result.page.wait_for_function(
                "i => !!(window.conflictmap.markers[i] && window.conflictmap.markers[i]._map)",
                arg=index)
            result.page.screenshot(path=str(tmp_path / f"{'rough' if is_rough else 'exact'}"
                                                       ".png"))
            item = next(x for x in result.eval_map(VIEW_DRAWN_JS)
                        if x["kind"] == "marker" and x["index"] == index)
            colour = result.eval_map("(map, i) => window.conflictmap.config.categories["
                                     "window.conflictmap.row(i)[4]].color", index)
            assert item["painted"] and item["w"] > 0, item
            if is_rough:
                assert item["rough"] and item["ringOnMap"] and item["dash"], item
                assert item["fill"].lower() == "#ffffff", item  # hollow
                assert min(item["rgba"][:3]) > 200, item  # light at its centre
                ring = result.eval_map("""(map, i) => {
                    const m = window.conflictmap.markers[i], ring = m.cmRing;
                    return {metres: ring.getRadius(), pixels: ring._radius,
                            colour: ring.options.color,
                            at: [ring.getLatLng().lat, ring.getLatLng().lng],
                            marker: [m.getLatLng().lat, m.getLatLng().lng]}; }""", index)
                assert ring["metres"] in (25_000, 100_000), ring
                assert ring["pixels"] > item["radius"] and ring["at"] == ring["marker"], ring
                assert ring["colour"] == colour
            else:
                assert not item["rough"] and not item["dash"], item
                assert item["fill"].lower() == colour.lower(), item
        # Back at the first view the rough markers are in clusters, their rings gone.
        set_view(result, first)
        rings = result.eval_map("""(map) => window.conflictmap.markers.filter(
            m => m && m.cmRing).map(m => [!!m._map, map.hasLayer(m.cmRing)])""")
        assert rings and all(on == ring for on, ring in rings), rings
        result.assert_clean()


# -- 9. search: a place's name and Enter open its event's popup ----------------------------

def test_search_opens_the_popup(browser_harness, demo, tmp_path):
    events = demo["events"][demo["events"]["located"]]
    once = events["location"].value_counts()
    place = next(p for p in events["location"] if once[p] == 1 and isinstance(p, str))
    event = events[events["location"] == place].iloc[0]
    with browser_harness.open_map(demo["html"]) as result:
        search = result.page.locator("input.cm-search")
        search.click()
        search.press_sequentially(place)
        search.press("Enter")
        popup = result.page.locator(".leaflet-popup-content")
        try:
            popup.wait_for(state="visible", timeout=5_000)
        finally:
            result.page.screenshot(path=str(tmp_path / "search.png"))
        text = popup.inner_text()
        assert f"Place: {place}" in text and str(event["event_date"])[:10] in text, text
        result.assert_clean()


# -- 10. 100,000 events ----------------------------------------------------------------------

def test_hundred_thousand_events_stay_usable(browser_harness, tmp_path):
    from benchmarks.synthetic import write_acled_like

    source = write_acled_like(tmp_path / "acled.csv", 100_000)
    started = time.perf_counter()  # read as an ACLED export, mapped and written
    frame = read_acled(source)
    html = tmp_path / "big.html"
    make_map(frame, title="100,000 events").save(str(html))
    written = time.perf_counter() - started
    size_mb = html.stat().st_size / 2**20
    every = view_counts(frame["category"])
    opened = time.perf_counter()
    with browser_harness.open_map(html, screenshot=tmp_path / "big.png",
                                  timeout_ms=120_000) as result:
        first_render = time.perf_counter() - opened
        result.assert_clean()
        page = result.page
        # From the page's navigation to its view drawn, by the page's own clock (the
        # harness's figure adds serving the assets through Playwright and a screenshot).
        in_page = page.evaluate("""() => performance.getEntriesByName("conflictmap-ready")[0]
                                   .startTime / 1000""")
        state = result.eval_map(VIEW_JS)
        assert state["rows"] == state["shown"] == 100_000 and state["counts"] == every
        check_drawn(result, every)
        assert legend_counts(result) == every

        # A category off and on, with the layer control.
        clock = time.perf_counter()
        switch_layer(page, "Attacks", False)
        off = result.eval_map(VIEW_JS)
        switched_off = time.perf_counter() - clock
        assert "attack" not in off["counts"] and off["shown"] == 100_000 - every["attack"]
        assert legend_counts(result)["attack"] == 0
        assert all("attack" not in item["counts"] for item in on_screen(result))
        clock = time.perf_counter()
        switch_layer(page, "Attacks", True)
        switched_on = time.perf_counter() - clock
        assert result.eval_map(VIEW_JS)["counts"] == every

        # A date window, with the sliders.
        start, end = day_of("2022-06-01"), day_of("2022-08-31")
        clock = time.perf_counter()
        set_window(result, start, end)
        windowed = time.perf_counter() - clock
        dates = frame["event_date"].astype(str).str.slice(0, 10)
        inside = frame[(dates >= iso_day(start)) & (dates <= iso_day(end))]
        state = result.eval_map(VIEW_JS)
        assert state["counts"] == view_counts(inside["category"]), state
        check_drawn(result, view_counts(inside["category"]))
        assert page.evaluate("() => location.hash") == \
            f"#from={iso_day(start)}&to={iso_day(end)}"
        page.screenshot(path=str(tmp_path / "big-window.png"))
        result.assert_clean()
    print(f"\n100k map: written in {written:.1f} s ({size_mb:.1f} MB), first render "
          f"{first_render:.1f} s ({in_page:.1f} s by the page's clock); Attacks off "
          f"{switched_off:.2f} s, on {switched_on:.2f} s; "
          f"a date window {windowed:.2f} s")


def test_full_screen_and_back(browser_harness, demo, tmp_path):
    with browser_harness.open_map(demo["html"], viewport=(900, 600)) as result:
        page = result.page
        size = """(map) => { const r = map.getContainer().getBoundingClientRect();
            return {w: r.width, h: r.height, map: [map.getSize().x, map.getSize().y],
                    full: !!document.fullscreenElement
                          || map.getContainer().classList.contains("cm-full")}; }"""
        before = result.eval_map(size)
        page.locator("button.cm-fullscreen").click()
        page.wait_for_function("""name => { const m = window[name];
            return m.getSize().x === window.innerWidth && m.getSize().y === window.innerHeight;
            }""", arg=result.map_name)
        full = result.eval_map(size)
        assert full["full"] and (full["w"], full["h"]) == (900, 600), full
        page.screenshot(path=str(tmp_path / "full.png"))
        page.locator("button.cm-fullscreen").click()
        page.wait_for_function("name => !document.fullscreenElement && !window[name]"
                               ".getContainer().classList.contains('cm-full')",
                               arg=result.map_name)
        assert not result.eval_map(size)["full"]
        assert result.eval_map(size)["map"] == before["map"]
        result.assert_clean()


def test_the_map_opens_with_no_network(browser_harness, demo, tmp_path):
    """Leaflet and its plugins are in the page: with every request refused (the CDN's
    assets too), the events, their clusters and the land are drawn."""
    with browser_harness.open_map(demo["html"], offline=True,
                                  screenshot=tmp_path / "no-network.png") as result:
        result.assert_clean()
        assert result.refused and not result.served  # nothing came from the network
        assert not any("leaflet" in url and "awesome" not in url for url in result.refused)
        state = result.eval_map(VIEW_JS)
        assert state["onMap"] and state["shown"] == int(demo["events"]["located"].sum())
        check_drawn(result, view_counts(demo["events"][demo["events"]["located"]]["category"]))
        land = result.page.locator(".leaflet-conflictmap-land-pane path")
        assert land.count() > 100 and land.first.bounding_box() is not None
