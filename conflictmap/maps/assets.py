"""The map's front-end libraries written into the page, so that it opens without a
network: Leaflet and Leaflet.markercluster from ``static/vendor/`` (copied there from
their npm packages by ``tools/vendor_assets.py``, with their licences), leaflet-heat from
the folium package. Any other asset keeps its CDN link."""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["inline_asset"]

# jsDelivr's npm/<package>@<version>/.../<file>, cdnjs' ajax/libs/<package>/<version>/<file>
_NPM = re.compile(r"/npm/(?P<package>[^@/]+)@(?P<version>[^/]+)/(?:.*/)?(?P<file>[^/]+)$")
_CDNJS = re.compile(r"/ajax/libs/(?P<package>[^/]+)/(?P<version>[^/]+)/(?P<file>[^/]+)$")


@cache
def inline_asset(url: str) -> str | None:
    """The element that holds the script or stylesheet at *url* itself (``<script>`` or
    ``<style>``), or None when the package does not carry it (that version)."""
    text = _vendored(url)
    if text is None:
        return None
    if url.endswith(".css"):
        return f"<style>\n{text}\n</style>"
    # A script may not contain "</script": escape its slash (JavaScript reads "<\/" as "</").
    return "<script>\n" + text.replace("</script", "<\\/script") + "\n</script>"


def _vendored(url: str) -> str | None:
    if url.endswith("/folium/templates/leaflet_heat.min.js"):
        return (resources.files("folium") / "templates" / "leaflet_heat.min.js").read_text(
            encoding="utf-8")
    found = _NPM.search(url) or _CDNJS.search(url)
    if found is None:
        return None
    path = (resources.files("conflictmap.maps") / "static" / "vendor"
            / f"{found['package']}-{found['version']}-{found['file']}")
    return path.read_text(encoding="utf-8") if path.is_file() else None
