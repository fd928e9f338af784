"""Make ``conflictmap/data/country_outlines.geojson.gz`` from Natural Earth's countries.

Run by hand when the outlines should change, with the npm package world-atlas (Natural
Earth 1:50m admin-0 boundaries as TopoJSON; public domain data, ISC packaging):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/country_outlines.py package/countries-50m.json

Each feature gets the country's ISO alpha-2 code (from the ISO numeric id, through
localis) and a geometry simplified to about 2 km, made valid.
"""
from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

OUT = (Path(__file__).resolve().parents[1] / "conflictmap" / "data"
       / "country_outlines.geojson.gz")
TOLERANCE = 0.02  # degrees, about 2 km


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute longitude, latitude pairs."""
    scale = topology["transform"]["scale"]
    shift = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + shift[0], y * scale[1] + shift[1]))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
    args = parser.parse_args()

    import localis
    from shapely.geometry import MultiPolygon, Polygon, mapping
    from shapely.validation import make_valid

    by_numeric = {int(c.numeric): c.alpha2 for c in localis.countries if c.numeric}
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    shapes: dict[str, list] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = by_numeric.get(int(geometry.get("id") or -1))
        if code is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        for polygon in polygons:
            rings = [ring(r, arcs) for r in polygon]
            shapes.setdefault(code, []).append(Polygon(rings[0], rings[1:]))
    features = []
    for code in sorted(shapes):
        shape = make_valid(MultiPolygon(shapes[code]).buffer(0)).simplify(TOLERANCE)
        if shape.is_empty:
            continue
        rounded = json.loads(json.dumps(mapping(shape)), parse_float=lambda v: round(float(v), 3))
        features.append({"type": "Feature", "properties": {"country_code": code},
                         "geometry": rounded})
    text = json.dumps({
        "type": "FeatureCollection",
        "source": "Natural Earth 1:50m admin-0 countries (public domain), via world-atlas "
                  "2.0.2; simplified to about 2 km",
        "features": features}, separators=(",", ":"))
    # mtime=0: the same outlines give the same bytes
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"wrote {len(features)} countries to {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
