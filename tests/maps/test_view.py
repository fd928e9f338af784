"""The page's view: its event table, its days, its rows and the land under the tiles."""
from __future__ import annotations

import json
import math

import geopandas
import pandas as pd
from shapely.geometry import Point

from conflictmap.maps import make_map
from conflictmap.maps.view import MAP_COLUMNS, days, map_table, outlines_json

from .pages import rows, view_config


def _frame(**columns) -> geopandas.GeoDataFrame:
    n = len(next(iter(columns.values())))
    return geopandas.GeoDataFrame(columns, geometry=[Point(44 + i, 33) for i in range(n)],
                                  crs="EPSG:4326")


def test_the_table_has_text_and_whole_counts():
    frame = _frame(event_id=["a", "b"], event_date=["2024-03-01T00:00:00", None],
                   fatalities=[2.0, math.nan], notes=["One", pd.NA],
                   article_url=["https://example.org/x", "javascript:alert(1)"],
                   category=["strike", "protest"])
    table = map_table(frame)
    assert list(table) == list(MAP_COLUMNS)
    row = {name: values[0] for name, values in table.items()}
    assert row["event_date"] == "2024-03-01" and row["fatalities"] == 2
    assert row["article_url"] == "https://example.org/x" and row["actor1"] == ""
    second = {name: values[1] for name, values in table.items()}
    assert second["fatalities"] is None and second["notes"] == "" and second["article_url"] == ""
    assert second["category"] == "protest"  # the download keeps it; the map draws "other"
    assert json.dumps(table)  # plain JSON values only


def test_days_count_from_1970():
    frame = _frame(event_date=["1970-01-02", "2024-03-01", "not a date", None])
    assert days(frame) == [1, 19783, None, None]


def test_rough_places_and_their_categories_in_the_rows():
    frame = _frame(event_id=["a", "b", "c"], event_date=["2024-03-01"] * 3,
                   category=["attack", "riot", "clash"], geo_precision=[1, 2, 3])
    config = view_config(make_map(frame, tiles=None))
    labels = [c["key"] for c in config["categories"]]
    assert [(labels[r[4]], r[5]) for r in rows(config)] == [
        ("attack", 1), ("other", 2), ("clash", 3)]
    assert config["rings"] == {"2": 25, "3": 100}
    # Repeated text travels once: its distinct values and a code per event.
    assert config["table"]["event_date"] == {"dict": ["2024-03-01"], "codes": [0, 0, 0]}
    assert [r["event_id"] for r in config["records"]] == ["a", "b", "c"]


def test_the_land_is_small_and_whole():
    outlines = json.loads(outlines_json())
    assert len(outlines["features"]) > 200  # every country
    assert len(outlines_json()) < 1_000_000  # simplified: each map carries it
    assert "conflictmapLand(" in make_map([], tiles=None).get_root().render()
