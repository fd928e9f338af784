"""What a written map page holds: its view's configuration, read back from the HTML."""
from __future__ import annotations

import json
from typing import Any

_START = '<script type="application/json" id="event_view_'


def view_config(fmap_or_html: Any) -> dict[str, Any]:
    """The JSON the page hands to ``conflictmapView`` (see conflictmap/maps/view.py),
    with ``records`` added: one dict per event of its table (notes included)."""
    html = fmap_or_html if isinstance(fmap_or_html, str) else fmap_or_html.get_root().render()
    decoder = json.JSONDecoder()
    config, _ = decoder.raw_decode(html, html.index(">", html.index(_START)) + 1)
    notes_at = html.index(f'id="{config["notes"]}">') + len(f'id="{config["notes"]}">')
    notes, _ = decoder.raw_decode(html, notes_at)
    columns = {name: column["values"] if "values" in column
               else [column["dict"][code] for code in column["codes"]]
               for name, column in config["table"].items()} | {"notes": notes}
    config["records"] = [dict(zip(columns, values, strict=True))
                         for values in zip(*columns.values(), strict=True)]
    return config


def rows(config: dict[str, Any]) -> list[list[Any]]:
    """``[latitude, longitude, record, day, category, geo_precision]`` per event drawn."""
    columns = config["rows"]
    return [list(row) for row in zip(columns["lat"], columns["lon"], columns["record"],
                                     columns["day"], columns["category"],
                                     columns["precision"], strict=True)]


def legend(config: dict[str, Any]) -> dict[str, int]:
    """The legend's first counts: events per category label, before any filter."""
    labels = [c["label"] for c in config["categories"]]
    counts: dict[str, int] = {}
    for kind in config["rows"]["category"]:
        counts[labels[kind]] = counts.get(labels[kind], 0) + 1
    return counts
