"""What a map is drawn from: bad rows in a frame, popup records, article links."""
from __future__ import annotations

import logging
import math

import geopandas
import pytest
from shapely.geometry import LineString, Point

from conflictmap.maps import make_map
from conflictmap.maps.data import as_frames, records_for_map, web_url

from .pages import legend, view_config


def _frame(points, fatalities, **columns) -> geopandas.GeoDataFrame:
    n = len(points)
    data = {"event_id": [f"e{i}" for i in range(n)], "event_date": ["2024-03-01"] * n,
            "category": ["attack"] * n, "fatalities": fatalities, **columns}
    geometry = [None if p is None else Point(p[1], p[0]) for p in points]
    return geopandas.GeoDataFrame(data, geometry=geometry, crs="EPSG:4326")


def _html(fmap) -> str:
    return fmap.get_root().render()


@pytest.mark.parametrize("point", [
    (math.nan, 44.0), (33.0, math.nan), (math.inf, 44.0), (33.0, -math.inf), (91.0, 44.0),
    (-90.5, 44.0), (33.0, 180.5), (33.0, -200.0),
])
def test_bad_coordinates_leave_the_event_off_the_map(caplog, point):
    frame = _frame([(33.0, 44.0), point], [1, 2])
    with caplog.at_level(logging.WARNING, logger="conflictmap.maps"):
        checked, _ = as_frames(frame)
        config = view_config(make_map(frame, tiles=None))
    assert checked.geometry.iloc[0] is not None and checked.geometry.iloc[1] is None
    assert "event 'e1' (row 1): coordinates out of range or not numbers" in caplog.text
    assert config["unlocated"] == 1
    assert legend(config) == {"Attacks": 1}
    assert frame.geometry.iloc[1] is not None  # the caller's frame is left as it was


@pytest.mark.parametrize("fatalities", [math.nan, None])
def test_empty_fatalities_are_shown_as_zero_without_a_warning(caplog, fatalities):
    frame = _frame([(33.0, 44.0), (33.5, 44.5)], [3, fatalities])
    with caplog.at_level(logging.WARNING, logger="conflictmap.maps"):
        checked, _ = as_frames(frame)
        make_map(frame, tiles=None)
    assert [r["fatalities"] for r in records_for_map(checked)] == [3, 0]
    assert not caplog.records


@pytest.mark.parametrize("fatalities", [-4, math.inf, -math.inf, "many"])
def test_bad_fatalities_are_shown_as_zero(caplog, fatalities):
    frame = _frame([(33.0, 44.0), (33.5, 44.5)], [3, fatalities])
    with caplog.at_level(logging.WARNING, logger="conflictmap.maps"):
        checked, _ = as_frames(frame)
        records = records_for_map(checked)
        make_map(frame, tiles=None)
    assert checked["fatalities"].tolist() == [3, 0]
    assert [r["fatalities"] for r in records] == [3, 0]
    assert "event 'e1' (row 1): fatalities" in caplog.text
    assert "is not a count; shown as 0" in caplog.text


def test_a_clean_frame_is_used_as_it_is(caplog):
    frame = _frame([(33.0, 44.0), None], [1, 0])
    with caplog.at_level(logging.WARNING, logger="conflictmap.maps"):
        checked, _ = as_frames(frame)
    assert checked is frame and not caplog.records


def test_lines_become_points_and_other_crs_are_converted():
    frame = geopandas.GeoDataFrame(
        {"category": ["attack", "strike"], "fatalities": [0, 0]},
        geometry=[LineString([(44, 33), (44.2, 33.2)]), Point(44, 33)], crs="EPSG:4326")
    checked, _ = as_frames(frame.to_crs("EPSG:32638"))
    assert checked.crs.to_epsg() == 4326 and set(checked.geom_type) == {"Point"}
    assert checked.geometry.iloc[1].distance(Point(44, 33)) < 1e-6


def test_a_plain_dataframe_with_coordinates():
    import pandas as pd

    frame = pd.DataFrame({"latitude": [33.0, None], "longitude": [44.0, 45.0],
                          "category": ["strike", "strike"], "fatalities": [1, 2]})
    config = view_config(make_map(frame, tiles=None))
    assert legend(config) == {"Strikes": 1} and config["unlocated"] == 1


@pytest.mark.parametrize(("url", "kept"), [
    ("https://news.example.org/a?b=1", True), ("HTTP://example.org/", True),
    ("javascript:alert(1)", False), ("data:text/html,<b>x</b>", False),
    ("//example.org/a", False), ("https://", False), ("news.example.org/a", False),
    (None, False), (math.nan, False),
])
def test_only_web_urls_become_links(url, kept):
    assert (web_url(url) != "") is kept


def test_popups_link_the_article_under_its_title():
    frame = _frame([(33.0, 44.0)] * 4, [0] * 4,
                   article_id=["a0", "a1", "a2", ""],
                   article_title=["Rockets hit base", "", "<b>Evil</b>", ""],
                   article_url=["https://news.example.org/1", "https://news.example.org/2",
                                "javascript:alert(1)", "https://news.example.org/4"])
    records = records_for_map(frame)
    assert [(r["article"], r["url"]) for r in records] == [
        ("Rockets hit base", "https://news.example.org/1"),
        ("a1", "https://news.example.org/2"),
        ("<b>Evil</b>", ""),
        ("https://news.example.org/4", "https://news.example.org/4")]
    html = _html(make_map(frame, tiles=None))
    assert "<b>Evil</b>" not in html and "javascript:alert" not in html


def test_popups_without_article_columns():
    records = records_for_map(_frame([(33.0, 44.0)], [0]))
    assert records[0]["article"] == "" and records[0]["url"] == ""
    legacy = records_for_map(_frame([(33.0, 44.0)], [0], title=["Old title"],
                                    url=["http://example.org/old"]))
    assert (legacy[0]["article"], legacy[0]["url"]) == ("Old title", "http://example.org/old")


def test_unknown_categories_are_drawn_as_other_events():
    frame = _frame([(33.0, 44.0)], [0])
    frame["category"] = ["riot"]
    config = view_config(make_map(frame, tiles=None))
    assert legend(config) == {"Other": 1}
    assert config["records"][0]["category"] == "riot"  # as it was
