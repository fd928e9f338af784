"""Maps that once drew a blank or broken page, each opened in headless Chromium: no
JavaScript error, and every event (and link arrow) on screen with a non-zero size."""
from __future__ import annotations

import math
from pathlib import Path

import folium
import pytest
from shapely.geometry import Point

from conflictmap._words import plural
from conflictmap.cli import main
from conflictmap.maps import links_layer, make_map, strikes_layer

from .probes import (
    ARROWS_JS,
    LAYERS_JS,
    VIEW_JS,
    check_drawn,
    drawn_counts,
    on_screen,
    open_view_popup,
    view_counts,
    wait_window,
)


@pytest.fixture(scope="module")
def seed_gpkg(seed_events, tmp_path_factory) -> Path:
    """The seed article's events and links as the README's events.gpkg."""
    from conflictmap.output import write_events

    path = tmp_path_factory.mktemp("seed") / "events.gpkg"
    return write_events(path, seed_events.events, seed_events.links)


def _located(seed_events, *categories: str) -> dict[str, int]:
    """The events per category a make_map page of the seed events draws."""
    return view_counts(e.category for e in seed_events.events
                       if e.located and (not categories or e.category in categories))


def _check_arrows(result, count: int) -> None:
    arrows = result.eval_map(ARROWS_JS)
    assert len(arrows) == count
    for arrow in arrows:  # a glyph with a box, on its line, never inside a canvas
        assert arrow["w"] > 0 and arrow["h"] > 0 and not arrow["inCanvas"], arrow
        assert arrow["off"] < 12, arrow


def test_no_tiles_still_draws_the_events(browser_harness, seed_gpkg, seed_events, tmp_path):
    html = tmp_path / "no-tiles.html"
    assert main(["map", str(seed_gpkg), "-o", str(html), "--tiles", "none"]) == 0
    with browser_harness.open_map(html, screenshot=tmp_path / "no-tiles.png") as result:
        result.assert_clean()
        assert result.tiles == [] and result.page.locator(".leaflet-tile").count() == 0
        check_drawn(result, _located(seed_events))
        _check_arrows(result, len(seed_events.links))
        assert result.eval_map("(map) => [map.getMinZoom(), map.getMaxZoom()]") == [0, 18]


@pytest.mark.parametrize("layers", ["Strikes,Links", "Links"])
def test_links_with_some_layers(browser_harness, seed_gpkg, seed_events, tmp_path, layers):
    # The README's example: conflictmap map events.gpkg -o map.html --layers ... --tiles light
    html = tmp_path / "links.html"
    assert main(["map", str(seed_gpkg), "-o", str(html), "--layers", layers,
                 "--tiles", "light"]) == 0
    shot = tmp_path / f"links-{layers.replace(',', '-')}.png"
    with browser_harness.open_map(html, screenshot=shot) as result:
        result.assert_clean()
        assert any("basemaps.cartocdn.com" in url for url in result.tiles)
        check_drawn(result, _located(seed_events, "strike") if "Strikes" in layers else {})
        _check_arrows(result, len(seed_events.links))
        overlays = result.page.locator(".leaflet-control-layers-overlays label")
        assert [o.strip() for o in overlays.all_inner_texts()] == layers.split(",")
        legend = result.page.locator(".conflictmap-legend").inner_text()
        assert "Attacks" not in legend and "cross-border link" in legend
        assert ("Strikes: 2" in legend) is ("Strikes" in layers)


def test_a_geojson_added_after_make_map(browser_harness, seed_events, tmp_path):
    # The notebook's "within 50 km" map: a buffer drawn on a make_map map.
    import geopandas

    events = seed_events.to_geodataframe()
    base = events[events.geometry.notna()].iloc[[0]]
    metric = base.estimate_utm_crs()
    zone = geopandas.GeoDataFrame({"name": ["50 km"]}, crs=metric,
                                  geometry=base.to_crs(metric).buffer(50_000).to_numpy())
    fmap = make_map(events, title="Within 50 km")
    folium.GeoJson(zone.to_crs("EPSG:4326"), name="50 km",
                   style_function=lambda _: {"fill": False, "color": "#333333"}).add_to(fmap)
    html = tmp_path / "geojson.html"
    fmap.save(str(html))
    with browser_harness.open_map(html, screenshot=tmp_path / "geojson.png") as result:
        result.assert_clean()
        check_drawn(result, _located(seed_events))
        overlays = result.page.locator(".leaflet-control-layers-overlays label")
        assert "50 km" in [o.strip() for o in overlays.all_inner_texts()]
        size = result.eval_map("""(map) => {
            let layer = null;
            map.eachLayer(l => { if (l.feature && l.feature.properties.name === "50 km") {
                layer = l; } });
            const b = layer.getBounds(), a = map.latLngToContainerPoint(b.getSouthWest()),
                  c = map.latLngToContainerPoint(b.getNorthEast());
            return [c.x - a.x, a.y - c.y];
        }""")
        assert size[0] > 10 and size[1] > 10


def test_arrows_on_a_plain_folium_map(browser_harness, seed_events, tmp_path):
    # The notebook's own map: layer builders on a folium.Map (SVG, not canvas, markers).
    fmap = folium.Map(location=[34.0, 40.0], zoom_start=6, tiles=None)
    strikes_layer(seed_events).add_to(fmap)
    links_layer(seed_events).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    html = tmp_path / "plain.html"
    fmap.save(str(html))
    with browser_harness.open_map(html, screenshot=tmp_path / "plain.png") as result:
        result.assert_clean()
        assert not result.page.evaluate("() => !!window.conflictmap")  # no view here
        _check_arrows(result, len(seed_events.links))
        strikes = drawn_counts(e.category for e in seed_events.events
                               if e.located and e.category == "strike")
        layers = result.eval_map(LAYERS_JS)
        assert [(x["category"], x["markers"], x["shown"]) for x in layers] == [
            ("strike", strikes["strike"], True)]
        check_drawn(result, strikes)


@pytest.mark.parametrize(("flags", "credit"), [
    ([], "Tiles: tiles.example.org"),
    (["--attribution", "&copy; Example Maps"], "© Example Maps"),
])
def test_tiles_from_a_url_template(browser_harness, seed_gpkg, seed_events, tmp_path, flags,
                                   credit):
    html = tmp_path / "url.html"
    url = "https://tiles.example.org/base/{z}/{x}/{y}.png"
    assert main(["map", str(seed_gpkg), "-o", str(html), "--tiles", url, *flags]) == 0
    with browser_harness.open_map(html, screenshot=tmp_path / "url-tiles.png") as result:
        result.assert_clean()
        assert result.tiles and all(u.startswith("https://tiles.example.org/base/")
                                    for u in result.tiles)
        assert credit in result.page.locator(".leaflet-control-attribution").inner_text()
        check_drawn(result, _located(seed_events))


def test_a_slow_machine_draws_every_layer(browser_harness, tmp_path):
    # The race behind the flaky 100,000-event test: with chunked loading, a zoom could end
    # while the clusters were half built ("reading 'lat'"), and the rest then never
    # clustered. On a slow CPU the view's first zoom often did; moving the date slider and
    # zooming at once always did.
    from benchmarks.synthetic import write_acled_like
    from conflictmap.maps import read_acled

    frame = read_acled(write_acled_like(tmp_path / "acled.csv", 8_000))
    html = tmp_path / "slow.html"
    make_map(frame).save(str(html))
    every = view_counts(frame["category"])
    with browser_harness.open_map(html, screenshot=tmp_path / "slow.png", cpu_slowdown=12,
                                  timeout_ms=120_000) as result:
        result.assert_clean()
        drawn = check_drawn(result, every)
        assert set().union(*(item["counts"] for item in drawn)) == set(every)
        start, end = result.eval_map("""(map) => {
            const from = document.querySelector("input.conflictmap-from");
            from.value = +from.min + 1;  // nearly every event: a long rebuild
            from.dispatchEvent(new Event("input"));
            // zoom in on the biggest cluster, which stays on screen
            let big = null;
            window.conflictmap.cluster._featureGroup.eachLayer(item => {
                if (!big || (item.getChildCount ? item.getChildCount() : 1)
                        > big.getChildCount()) { big = item; } });
            map.setZoomAround(big.getLatLng(), map.getZoom() + 1, {animate: false});
            return [+from.value, window.conflictmap.to];
        }""")
        wait_window(result, start, end)
        result.page.wait_for_function("() => !window.conflictmap.cluster._inZoomAnimation")
        result.page.evaluate("() => new Promise(done => requestAnimationFrame("
                             "() => requestAnimationFrame(done)))")  # the canvas redrawn
        result.page.screenshot(path=str(tmp_path / "slow-filtered.png"))
        result.assert_clean()
        state = result.eval_map(VIEW_JS)
        assert 0 < state["shown"] < len(frame) and set(state["counts"]) == set(every)
        drawn = on_screen(result)
        assert set().union(*(item["counts"] for item in drawn)) == set(every)
        assert all(item["w"] > 0 and item["h"] > 0 and item["painted"] for item in drawn)


def test_bad_values_never_break_the_map(browser_harness, seed_events, tmp_path, caplog):
    events = seed_events.to_geodataframe()
    rows = events.index[events.geometry.notna()][:5]
    bad = {rows[0]: Point(math.nan, math.nan), rows[1]: Point(math.inf, 33.0),
           rows[2]: Point(44.0, 133.0)}
    for row, point in bad.items():
        events.loc[row, "geometry"] = point
    events["fatalities"] = events["fatalities"].astype(float)
    events.loc[rows[3], "fatalities"] = -7.0
    events.loc[rows[4], "fatalities"] = math.inf
    html = tmp_path / "bad.html"
    make_map(events, title="Bad values").save(str(html))
    assert caplog.text.count("coordinates out of range or not numbers") == 3
    assert caplog.text.count("is not a count; shown as 0") == 2
    kept = [c for c, g in zip(events["category"], events.geometry, strict=True)
            if g is not None and g not in bad.values()]
    unlocated = len(events) - len(kept)
    with browser_harness.open_map(html, screenshot=tmp_path / "bad.png") as result:
        result.assert_clean()
        check_drawn(result, view_counts(kept))
        legend = result.page.locator(".conflictmap-legend").inner_text()
        assert f"{plural(unlocated, 'event')} without usable coordinates not shown" in legend


def test_bad_rows_of_an_acled_export(browser_harness, tmp_path, caplog):
    path = tmp_path / "acled.csv"
    path.write_text(
        "event_date,event_type,sub_event_type,latitude,longitude,fatalities,notes\n"
        "2024-01-01,Battles,Armed clash,33.3,44.4,3,good\n"
        "2024-01-02,Battles,Armed clash,133,44.4,1,latitude out of range\n"
        "2024-01-03,Battles,Armed clash,nan,44.4,1,not a number\n"
        "2024-01-04,Explosions/Remote violence,Air/drone strike,33.5,44.1,-2,negative\n"
        "2024-01-05,Explosions/Remote violence,Air/drone strike,33.6,44.2,inf,infinite\n",
        encoding="utf-8")
    html = tmp_path / "acled.html"
    assert main(["map", str(path), "-o", str(html), "--tiles", "none"]) == 0
    assert "acled.csv:3: coordinates out of range" in caplog.text
    assert "acled.csv:4: coordinates out of range" in caplog.text
    assert "acled.csv:5: fatalities '-2' is not a count" in caplog.text
    with browser_harness.open_map(html, screenshot=tmp_path / "acled.png") as result:
        result.assert_clean()
        check_drawn(result, {"clash": 1, "strike": 2})
        legend = result.page.locator(".conflictmap-legend").inner_text()
        assert "2 events without usable coordinates not shown" in legend


def test_popups_link_the_article(browser_harness, seed_events, tmp_path):
    events = seed_events.to_geodataframe()
    events = events[events["category"] == "attack"].copy()
    n = len(events)
    events["article_title"] = ['Rockets <img src=x onerror=alert(1)> hit base'] + [""] * (n - 1)
    events["article_url"] = (["https://news.example.org/rockets?id=1&x=2",
                              "javascript:alert(document.domain)"]
                             + ["data:text/html,x"] * (n - 2))
    html = tmp_path / "popups.html"
    make_map(events, tiles=None).save(str(html))
    row_of = "(map, record) => window.conflictmap.rows().findIndex(row => row[2] === record)"
    with browser_harness.open_map(html, screenshot=tmp_path / "popups.png") as result:
        first = open_view_popup(result, result.eval_map(row_of, 0))
        result.page.wait_for_timeout(400)  # the popup fades in
        result.page.screenshot(path=str(tmp_path / "popup-open.png"))
        link = result.page.locator(".leaflet-popup-content a")
        assert link.count() == 1 and first["html"].count("<a ") == 1
        assert link.get_attribute("href") == "https://news.example.org/rockets?id=1&x=2"
        assert link.inner_text() == "Rockets <img src=x onerror=alert(1)> hit base"
        assert link.get_attribute("rel") == "noopener noreferrer"
        # The title leads the popup, before the date.
        assert first["text"].strip().startswith("Rockets <img src=x onerror=alert(1)> hit base")
        assert "Date: " in first["text"]
        assert "<img" not in first["html"] and result.page.locator("img[src=x]").count() == 0
        second = open_view_popup(result, result.eval_map(row_of, 1))
        assert "<a" not in second["html"] and "javascript" not in second["html"]
        assert second["text"].strip() and "Date: " in second["text"]
        assert result.dialogs == []
        result.assert_clean()
