"""Copy the map's front-end libraries into ``conflictmap/maps/static/vendor/``, so that a
map written with its assets inline opens without a network.

Run by hand when folium's pinned versions change, after ``make browser-deps`` has
installed the npm packages (versions pinned in tests/browser/package.json to folium's
CDN URLs):

    python tools/vendor_assets.py

Leaflet is BSD-2-Clause and Leaflet.markercluster MIT; their licences are copied beside
them. (leaflet-heat is read from the folium package itself.)
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "tests" / "browser" / "node_modules"
OUT = ROOT / "conflictmap" / "maps" / "static" / "vendor"
FILES = {
    "leaflet": ("LICENSE", "dist/leaflet.js", "dist/leaflet.css"),
    "leaflet.markercluster": ("MIT-LICENCE.txt", "dist/leaflet.markercluster.js",
                              "dist/MarkerCluster.css", "dist/MarkerCluster.Default.css"),
}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for package, files in FILES.items():
        folder = NODE_MODULES / package
        version = json.loads((folder / "package.json").read_text())["version"]
        for rel in files:
            source = folder / rel
            name = f"{package}-{version}-{Path(rel).name}"
            text = source.read_text(encoding="utf-8")
            # A source map the page would ask for, and that is not shipped.
            text = "\n".join(line for line in text.splitlines()
                             if not line.startswith("//# sourceMappingURL="))
            (OUT / name).write_text(text + "\n", encoding="utf-8")
            print(f"{source.relative_to(ROOT)} -> {(OUT / name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
