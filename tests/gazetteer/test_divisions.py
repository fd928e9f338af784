"""Where a division is put: the area's own point, or the middle of its towns."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from conflictmap.gazetteer.sources.divisions import area_points, middle

_TOOL = Path(__file__).resolve().parents[2] / "tools" / "admin1_points.py"


def _tool():
    spec = importlib.util.spec_from_file_location("admin1_points", _TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_division_across_the_antimeridian():
    lat, lon = middle([(52.0, 179.0), (52.0, -179.0), (53.0, 178.5), (51.0, -178.5)])
    assert abs(lat - 52.0) < 0.01 and (lon > 179.0 or lon < -179.0)


def test_natural_earth_points_are_read_by_geonames_id():
    # Ontario's towns lie in its south; the middle of its area is near 50 degrees north
    points = area_points()
    ontario = points["geonames:6093943"]
    assert 49 < ontario[0] < 52 and -88 < ontario[1] < -83


def test_the_tool_keeps_one_point_per_id_inside_its_area():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]}
    # a crescent whose centroid falls outside it
    crescent = {"type": "Polygon", "coordinates": [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 9], [9, 9], [9, 1], [0, 1], [0, 0]]]}
    features = [
        {"properties": {"gn_id": 1, "gn_name": "Square", "iso_a2": "AA"}, "geometry": square},
        {"properties": {"gn_id": 2, "gn_name": "Crescent", "iso_a2": "AA"},
         "geometry": crescent},
        # split in parts under one id, or with no id: left out
        {"properties": {"gn_id": 3, "iso_a2": "AA"}, "geometry": square},
        {"properties": {"gn_id": 3, "iso_a2": "AA"}, "geometry": square},
        {"properties": {"gn_id": -99, "iso_a2": "AA"}, "geometry": square},
    ]
    rows = _tool().rows(features)
    assert [r[0] for r in rows] == [1, 2]
    assert rows[0][3:] == (2.0, 2.0)
    from shapely.geometry import Point, shape
    assert shape(crescent).buffer(1e-9).contains(Point(rows[1][4], rows[1][3]))
