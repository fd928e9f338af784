"""Building maps: layers, legend, escaping, inputs (no browser here; see tests/browser)."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from conflictmap.event import Event, Link
from conflictmap.exceptions import BadInput
from conflictmap.maps import LAYERS, make_map, strikes_layer

from .pages import legend, rows, view_config

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _event(n: int, category: str, *, located: bool = True, notes: str = "Quiet night.",
           day: int = 1) -> Event:
    return Event(
        event_id=f"e{n}", event_date=dt.date(2024, 3, day), time_precision=1,
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        category=category, country_code="IQ", country="Iraq", location=f"Place {n}",
        latitude=33.0 + n / 10 if located else None, longitude=44.0 if located else None,
        notes=notes, fatalities=n, unresolved_reason="" if located else "no place named")


def _html(fmap) -> str:
    return fmap.get_root().render()


def test_layers_legend_and_filter():
    events = [_event(1, "attack", day=1), _event(2, "strike", day=5),
              _event(3, "interception", day=9), _event(4, "clash", day=9),
              _event(5, "strike", located=False)]
    link = Link("l1", "origin", "", "e1", "Hit", "Place 1", 33.6, 42.8, 33.1, 44.0, "IQ", "IQ")
    html = _html(make_map(events, links=[link], title="Test map"))
    for name in LAYERS:
        assert json.dumps(name) in html
    config = view_config(html)
    assert config["unlocated"] == 1 and "Test map" in html
    assert legend(config) == {"Attacks": 1, "Strikes": 1, "Interceptions": 1, "Clashes": 1}
    assert config["low"] < config["high"]  # the date window has a range to cover
    assert config["links"] and config["heat"] and config["places"]


def test_article_text_is_never_html():
    html = _html(make_map([_event(1, "attack", notes=PAYLOAD)], title=PAYLOAD))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "\\u003cscript\\u003e" in html


def test_empty_events_map_says_so():
    config = view_config(make_map([]))
    assert rows(config) == [] and config["links"] is None
    assert config["low"] is None  # no date window


def test_a_layer_on_its_own():
    import folium

    fmap = folium.Map()
    layer = strikes_layer([_event(1, "attack"), _event(2, "strike")])
    assert layer.count == 1
    layer.add_to(fmap)
    assert "L.markerClusterGroup" in _html(fmap)


def test_unknown_layer_is_a_clear_error():
    with pytest.raises(BadInput, match="unknown layer.*'Bombs'"):
        make_map([_event(1, "attack")], layers=["Attacks", "Bombs"])


def test_the_legend_counts_the_layers_shown():
    events = [_event(1, "attack"), _event(2, "strike"), _event(3, "strike", located=False)]
    config = view_config(make_map(events, layers=["Strikes"], tiles=None))
    assert legend(config) == {"Strikes": 1} and config["unlocated"] == 1
    assert [t["categories"] for t in config["toggles"]] == [["strike"]]
    link = Link("l1", "origin", "", "e1", "Hit", "Place 1", 33.6, 42.8, 33.1, 44.0, "IQ", "IQ")
    config = view_config(make_map(events, links=[link], layers=["Links"], tiles=None))
    assert rows(config) == [] and config["toggles"] == [] and config["links"]


def test_links_with_bad_coordinates_are_left_off(caplog):
    import logging

    good = Link("l1", "origin", "", "e1", "Hit", "Place 1", 33.6, 42.8, 33.1, 44.0, "IQ", "IQ")
    bad = Link("l2", "origin", "", "e1", "Far", "Place 1", 133.6, 42.8, 33.1, 44.0, "IQ", "IQ")
    with caplog.at_level(logging.WARNING, logger="conflictmap.maps"):
        html = _html(make_map([_event(1, "attack")], links=[good, bad], tiles=None))
    rows = re.search(r"\}\)\((link_layer_\w+), (\[.*?\])\);", html).group(2)
    assert "133.6" not in rows and "Hit" in rows
    assert "link Far -> Place 1: coordinates out of range" in caplog.text
