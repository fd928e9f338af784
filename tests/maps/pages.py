"""What a written map page holds: its view's configuration, read back from the HTML."""
from __future__ import annotations

import json
from typing import Any

_START = '<script type="application/json" id="event_view_'


def view_config(fmap_or_html: Any) -> dict[str, Any]:
    """The JSON the page hands to ``conflictmapView`` (see conflictmap/maps/view.py)."""
    html = fmap_or_html if isinstance(fmap_or_html, str) else fmap_or_html.get_root().render()
    start = html.index(">", html.index(_START)) + 1
    config, _ = json.JSONDecoder().raw_decode(html, start)
    return config


def legend(config: dict[str, Any]) -> dict[str, int]:
    """The legend's first counts: events per category label, before any filter."""
    labels = [c["label"] for c in config["categories"]]
    counts: dict[str, int] = {}
    for row in config["rows"]:
        counts[labels[row[4]]] = counts.get(labels[row[4]], 0) + 1
    return counts
