"""The seed article's map, and article text that must stay text, in real headless
Chromium. (The 100,000-event map is in test_map_glance.py.)"""
from __future__ import annotations

from conflictmap.article import Article
from conflictmap.extract import extract_events
from conflictmap.maps import make_map

from .probes import (
    ARROWS_JS,
    VIEW_JS,
    check_drawn,
    day_of,
    get_view,
    legend_counts,
    on_screen,
    open_view_popup,
    set_view,
    set_window,
    switch_layer,
    view_counts,
)

_CATEGORY_ROW = """(map, category) => window.conflictmap.rows().findIndex(
    row => window.conflictmap.config.categories[row[4]].key === category)"""


def test_seed_map(browser_harness, seed_events, tmp_path):
    html = tmp_path / "seed.html"
    make_map(seed_events, title="Seed article").save(str(html))
    located = [e for e in seed_events.events if e.located]
    every = view_counts(e.category for e in located)
    with browser_harness.open_map(html, screenshot=tmp_path / "seed.png") as result:
        result.assert_clean()
        page = result.page
        state = result.eval_map(VIEW_JS)
        assert state["onMap"] and state["rows"] == state["shown"] == len(located), state
        assert state["counts"] == every, state
        assert page.locator("path.conflictmap-link").count() == len(seed_events.links)
        assert page.locator("path.cross-border").count() == 1
        arrows = result.eval_map(ARROWS_JS)  # each drawn, at the middle of its line
        assert len(arrows) == len(seed_events.links)
        assert all(a["w"] > 0 and a["h"] > 0 and a["off"] < 12 for a in arrows), arrows
        check_drawn(result, every)
        overlays = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        names = [o.strip() for o in overlays]
        for name in ("Attacks", "Strikes", "Interceptions", "Other events", "Links",
                     "Places mentioned", "Heat map"):
            assert name in names, names
        legend = page.locator(".conflictmap-legend").inner_text()
        assert legend_counts(result) == every
        assert f"Attacks: {every['attack']}" in legend and "cross-border link" in legend

        first_view = get_view(result)
        # A popup: the article's title first, then date, type, casualties and evidence.
        popup = open_view_popup(result, result.eval_map(_CATEGORY_ROW, "interception"))
        lines = [line.strip() for line in popup["text"].splitlines() if line.strip()]
        assert 'class="cm-popup-title"' in popup["html"].split("Date: ")[0], popup
        assert lines[0] and not lines[0].startswith("Date:"), lines
        assert lines[1].startswith("Date: 2021-07-05"), lines
        assert lines[2].startswith("Type: ") and "Disrupted weapons use" in lines[2], lines
        evidence = [line for line in lines if line.startswith("Evidence: ")]
        assert evidence and "shot down an armed drone" in evidence[0], lines
        assert lines.index(evidence[0]) > 2
        result.eval_map("(map) => map.closePopup()")
        set_view(result, first_view)

        # Switching the attacks off hides their markers and zeroes their legend count;
        # on again shows them.
        switch_layer(page, "Attacks", False)
        state = result.eval_map(VIEW_JS)
        assert "attack" not in state["counts"], state
        assert state["shown"] == len(located) - every["attack"]
        assert legend_counts(result)["attack"] == 0
        assert all("attack" not in item["counts"] for item in on_screen(result))
        switch_layer(page, "Attacks", True)
        assert result.eval_map(VIEW_JS)["counts"] == every
        assert legend_counts(result) == every

        # The time filter keeps the events between two dates.
        set_window(result, day_of("2021-07-02"))
        state = result.eval_map(VIEW_JS)
        kept = view_counts(e.category for e in located
                           if e.event_date and str(e.event_date)[:10] >= "2021-07-02")
        assert 0 < state["shown"] < len(located)
        assert state["counts"] == kept
        assert legend_counts(result) == {k: kept.get(k, 0) for k in every}
        check_drawn(result, kept)
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
        # Every event's popup and tooltip, as the page builds them.
        shown = result.eval_map("""(map) => {
            const view = window.conflictmap;
            // Every event's record, made as a popup needs it.
            return Array.from({length: view.events}, (_, k) => {
                const el = conflictmapEventPopup(view.record(k));
                document.body.appendChild(el);
                return el.innerText + "\\n" + conflictmapShort(view.record(k));
            });
        }""")
        # And one popup opened on the map, through its marker.
        opened = open_view_popup(result, 0)
        page_text = result.page.locator("body").inner_text()
        assert result.dialogs == [], result.dialogs
        result.assert_clean()
        assert len(shown) == len(found.events)
        assert any('<script>alert("script")</script>' in t for t in shown)
        assert opened["text"].strip()
        assert '<img src=x onerror=alert("img")>' in page_text  # the title, as text
        assert result.page.locator("img[src=x]").count() == 0
        assert result.page.locator("svg[onload]").count() == 0
