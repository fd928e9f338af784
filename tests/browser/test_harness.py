"""Smoke tests of the browser harness on plain folium maps (no conflictmap code)."""
from __future__ import annotations

import folium
import pytest
from folium.plugins import HeatMap, MarkerCluster, PolyLineTextPath

from .harness import BLANK_TILE, ROTATE_CSS, Unresolved, resolve

pytestmark = pytest.mark.browser

CLUSTERED = [(33.31, 44.36, "Baghdad"), (36.34, 43.13, "Mosul"), (35.47, 44.39, "Kirkuk")]


def _smoke_map(path):
    m = folium.Map(location=[34.5, 42.0], zoom_start=6)
    folium.Marker([33.5, 36.3], popup="Damascus <b>bold</b>", tooltip="a tip",
                  icon=folium.Icon(color="red", icon="info-sign")).add_to(m)
    cluster = MarkerCluster(name="Clustered").add_to(m)
    for lat, lon, name in CLUSTERED:
        folium.Marker([lat, lon], popup=name,
                      icon=folium.Icon(prefix="fa", icon="bomb", angle=30)).add_to(cluster)
    HeatMap([[lat, lon, 1.0] for lat, lon, _ in CLUSTERED], name="Heat").add_to(m)
    line = folium.PolyLine([[33.31, 44.36], [36.34, 43.13]], color="blue").add_to(m)
    PolyLineTextPath(line, "  road  ", repeat=True, offset=7).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    m.save(str(path))
    return m


def test_plain_folium_map_renders_offline(browser_harness, tmp_path):
    html = tmp_path / "smoke.html"
    _smoke_map(html)
    shot = tmp_path / "smoke.png"
    with browser_harness.open_map(html, screenshot=shot) as r:
        assert r.unrouted == []
        assert r.console_errors == []
        r.assert_clean()
        assert r.tiles, "no map tile was requested"
        served = " ".join(u for u, _ in r.served)
        for asset in ("leaflet.js", "jquery-3.7.1.min.js", "bootstrap.bundle.min.js",
                      "leaflet.awesome-markers.js", "leaflet.markercluster.js",
                      "leaflet_heat.min.js", "leaflet.textpath.min.js", "all.min.css",
                      "fa-solid-900.woff2"):
            assert asset in served, f"{asset} was not loaded"

        page = r.page
        control = page.locator(".leaflet-control-layers")
        assert control.count() == 1
        labels = control.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        assert {"Clustered", "Heat"} <= {t.strip() for t in labels}

        counts = r.eval_map("""m => {
            let clustered = 0, groups = 0, heat = 0;
            m.eachLayer(l => {
              if (l instanceof L.MarkerClusterGroup) {
                groups++;
                clustered += l.getLayers().length;
              }
              if (L.HeatLayer && l instanceof L.HeatLayer) heat++;
            });
            return {clustered, groups, heat,
                    icons: m.getPane('markerPane').children.length,
                    clusters: document.querySelectorAll('.marker-cluster').length,
                    awesome: m.getPane('markerPane').querySelectorAll('.awesome-marker').length,
                    textpaths: document.querySelectorAll('textPath').length};
        }""")
        assert counts["groups"] == 1 and counts["clustered"] == len(CLUSTERED), counts
        assert counts["heat"] == 1, counts
        # at zoom 6 in 1024x768: the lone marker, Baghdad, and a cluster of Mosul and Kirkuk
        assert counts["icons"] == 3, counts
        assert counts["clusters"] == 1 and counts["awesome"] == 2, counts
        assert counts["textpaths"] >= 1
        # Leaflet's own CSS and the Font Awesome font really applied
        assert page.evaluate("() => document.fonts.check('900 16px \"Font Awesome 6 Free\"')")

        page.locator(".awesome-marker-icon-red").first.click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert "Damascus" in popup.inner_text()
        assert popup.locator("b").inner_text() == "bold"
        page.wait_for_timeout(300)  # the popup fades in
        page.screenshot(path=str(tmp_path / "smoke-popup.png"))
        r.assert_clean()
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _popup_page(tmp_path, name, popup):
    html = tmp_path / f"{name}.html"
    m = folium.Map(location=[34.5, 42.0], zoom_start=6)
    folium.Marker([33.5, 36.3], popup=popup).add_to(m)
    m.save(str(html))
    return html


def _open_popup(r):
    icons = r.page.locator(".leaflet-marker-pane > *")
    if icons.count():
        icons.first.click()
        r.page.locator(".leaflet-popup-content").wait_for()


def test_script_in_popup_raises_no_dialog(browser_harness, tmp_path):
    """A `<script>` in a popup string given to folium as is never runs.

    Note what folium 0.20 does with it: a plain popup string is *not* escaped
    (``Popup(parse_html=False)`` inserts it as raw HTML), and its ``</script>`` closes
    the page's own script block, so the page breaks instead: no map at all."""
    html = _popup_page(tmp_path, "script", "<script>alert(1)</script>Damascus")
    with browser_harness.open_map(html, wait_for_map=False) as r:
        _open_popup(r)
        assert r.dialogs == []
        assert r.unrouted == []
        assert r.map_names == [] and r.page_errors, "folium now escapes popups: update this test"


def test_escaped_popup_shows_markup_as_text(browser_harness, tmp_path):
    """With folium's escaping turned on (``parse_html=True``) the map works, no dialog
    opens, and the popup shows the markup as text."""
    text = "<script>alert(1)</script><img src=x onerror=alert(2)>Damascus"
    html = _popup_page(tmp_path, "escaped", folium.Popup(text, parse_html=True))
    with browser_harness.open_map(html) as r:
        _open_popup(r)
        assert r.page.locator(".leaflet-popup-content").inner_text() == text
        r.assert_clean()


def test_harness_sees_an_alert(browser_harness, tmp_path):
    """The positive control for the two tests above: an ``onerror`` handler in an
    unescaped popup runs, and the harness records the dialog. It runs as the page loads,
    before any click: folium builds each popup's content with jQuery's ``$(html)``, whose
    detached ``<img>`` starts loading at once."""
    html = _popup_page(tmp_path, "img", "<img src=x onerror=alert(2)>Damascus")
    with browser_harness.open_map(html) as r:
        assert r.dialogs == [("alert", "2")]


def test_unknown_asset_is_aborted_and_recorded(browser_harness, tmp_path):
    html = tmp_path / "extra.html"
    m = folium.Map(location=[0, 0], zoom_start=2)
    m.get_root().header.add_child(folium.JavascriptLink("https://example.org/nope.js"))
    m.save(str(html))
    with browser_harness.open_map(html) as r:
        assert [u for u, _ in r.unrouted] == ["https://example.org/nope.js"]
        with pytest.raises(AssertionError, match="unrouted asset"):
            r.assert_clean()


def test_resolver_table(browser_deps):
    assert resolve("https://tile.openstreetmap.org/6/39/25.png").body == BLANK_TILE
    assert resolve("https://a.basemaps.cartocdn.com/light_all/3/4/2@2x.png").kind == "tile"
    assert resolve("https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
                   "leaflet.awesome.rotate.min.css").body == ROTATE_CSS
    p = resolve("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/images/marker-icon.png").path
    assert p.name == "marker-icon.png" and p.is_file()
    p = resolve("https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
                "images/markers-soft.png").path
    assert p.parts[-3:] == ("css", "images", "markers-soft.png")
    with pytest.raises(Unresolved, match="1.9.4"):
        resolve("https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js")
    with pytest.raises(Unresolved):
        resolve("https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.5.3/x.js")
    with pytest.raises(Unresolved):
        resolve("https://example.org/a.js")
