"""The seed article's map and a 100,000-event map, in real headless Chromium."""
from __future__ import annotations

import time

from conflictmap.article import Article
from conflictmap.extract import extract_events
from conflictmap.maps import make_map

from .probes import ARROWS_JS, LAYERS_JS, check_drawn, drawn_counts


def test_seed_map(browser_harness, seed_events, tmp_path):
    html = tmp_path / "seed.html"
    make_map(seed_events, title="Seed article").save(str(html))
    located = [e for e in seed_events.events if e.located]
    with browser_harness.open_map(html, screenshot=tmp_path / "seed.png") as result:
        result.assert_clean()
        page = result.page
        layers = result.eval_map(LAYERS_JS)
        assert sum(layer["markers"] for layer in layers) == len(located)
        assert all(layer["shown"] for layer in layers)
        assert page.locator("path.conflictmap-link").count() == len(seed_events.links)
        assert page.locator("path.cross-border").count() == 1
        arrows = result.eval_map(ARROWS_JS)  # each drawn, at the middle of its line
        assert len(arrows) == len(seed_events.links)
        assert all(a["w"] > 0 and a["h"] > 0 and a["off"] < 12 for a in arrows), arrows
        check_drawn(result, drawn_counts(e.category for e in located))
        overlays = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        names = [o.strip() for o in overlays]
        for name in ("Attacks", "Strikes", "Interceptions", "Links", "Places mentioned",
                     "Heat map"):
            assert name in names, names
        legend = page.locator(".conflictmap-legend").inner_text()
        attacks = sum(e.category == "attack" for e in located)
        assert f"Attacks: {attacks}" in legend and "cross-border link" in legend

        # A popup: date, type, casualties and the evidence sentence.
        text = result.eval_map("""(map) => {
            const layer = Object.keys(window).filter(k => k.startsWith("event_layer_")
                && window[k].cmCategory === "interception").map(k => window[k])[0];
            const marker = layer.getLayers()[0];
            // Past the zoom where clusters break up, the marker is on the map itself.
            map.setView(marker.getLatLng(), 12, {animate: false});
            marker.openPopup();
            return document.querySelector(".leaflet-popup-content").innerText;
        }""")
        assert "Date: 2021-07-05" in text and "Disrupted weapons use" in text
        assert "shot down an armed drone" in text

        # Switching the attacks layer off hides its markers; on again shows them.
        page.locator(".leaflet-control-layers-overlays label",
                     has_text="Attacks").locator("input").uncheck()
        shown = {x["category"]: x["shown"] for x in result.eval_map(LAYERS_JS)}
        assert shown["attack"] is False and shown["strike"] is True
        page.locator(".leaflet-control-layers-overlays label",
                     has_text="Attacks").locator("input").check()
        assert all(x["shown"] for x in result.eval_map(LAYERS_JS))

        # The time filter keeps the events between two dates.
        page.locator("input.conflictmap-from").fill("18810")  # 2021-07-02
        page.locator("input.conflictmap-from").dispatch_event("input")
        after = sum(x["markers"] for x in result.eval_map(LAYERS_JS))
        assert 0 < after < len(located)
        result.assert_clean()


PAYLOADS = ('<script>alert("script")</script>', '<img src=x onerror=alert("img")>',
            '"><svg onload=alert("svg")>')


def test_article_scripts_never_run(browser_harness, gazetteer, tmp_path):
    text = ("date 2024-03-06 BAGHDAD (AFP) - Rockets were fired at the Ain al-Asad base on "
            f"Monday {PAYLOADS[0]}, wounding two soldiers {PAYLOADS[1]}. Officials said "
            f"{PAYLOADS[2]} a drone was shot down near Erbil on Monday.")
    found = extract_events(Article.from_text(text, id=f"evil{PAYLOADS[2]}"),
                           gazetteer=gazetteer)
    assert len(found) >= 2
    html = tmp_path / "evil.html"
    make_map(found, title=PAYLOADS[1]).save(str(html))
    with browser_harness.open_map(html, screenshot=tmp_path / "evil.png") as result:
        shown = result.eval_map("""(map) => {
            const out = [];
            Object.keys(window).filter(k => k.startsWith("event_layer_")).forEach(k => {
                window[k].getLayers().forEach(m => {
                    const el = conflictmapPopup(m.cmRecord);
                    document.body.appendChild(el);
                    out.push(el.innerText);
                });
            });
            return out;
        }""")
        page_text = result.page.locator("body").inner_text()
        assert result.dialogs == [], result.dialogs
        result.assert_clean()
        assert any('<script>alert("script")</script>' in t for t in shown)
        assert '<img src=x onerror=alert("img")>' in page_text  # the title, as text
        assert result.page.locator("img[src=x]").count() == 0


def test_hundred_thousand_events_stay_usable(browser_harness, tmp_path):
    from benchmarks.synthetic import write_acled_like
    from conflictmap.maps import read_acled

    started = time.perf_counter()
    frame = read_acled(write_acled_like(tmp_path / "acled.csv", 100_000))
    html = tmp_path / "big.html"
    make_map(frame, title="100,000 events").save(str(html))
    written = time.perf_counter() - started
    size_mb = html.stat().st_size / 2**20
    opened = time.perf_counter()
    with browser_harness.open_map(html, screenshot=tmp_path / "big.png",
                                  timeout_ms=120_000) as result:
        first_render = time.perf_counter() - opened
        result.assert_clean()
        layers = result.eval_map(LAYERS_JS)
        assert sum(x["markers"] for x in layers) == 100_000
        check_drawn(result, {x["category"]: x["markers"] for x in layers})
        toggled = result.eval_map("""(map) => {
            const t0 = performance.now();
            const layers = Object.keys(window).filter(k => k.startsWith("event_layer_"))
                .map(k => window[k]);
            layers.forEach(l => map.removeLayer(l));
            const off = layers.every(l => !map.hasLayer(l));
            layers.forEach(l => map.addLayer(l));
            return {off: off, on: layers.every(l => map.hasLayer(l)),
                    ms: performance.now() - t0};
        }""")
        assert toggled["off"] and toggled["on"]
    print(f"\n100k map: written in {written:.1f} s, {size_mb:.1f} MB, first render "
          f"{first_render:.1f} s, all layers off and on in {toggled['ms']:.0f} ms")
