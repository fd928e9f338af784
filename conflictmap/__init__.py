"""conflictmap: news reports of armed-conflict incidents in, a located event map out.

The public names are imported on first use, so ``import conflictmap`` stays fast.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "Article": "conflictmap.article",
    "read_text": "conflictmap.article",
    "Candidate": "conflictmap.gazetteer",
    "Gazetteer": "conflictmap.gazetteer",
    "Place": "conflictmap.gazetteer",
    "Mention": "conflictmap.mentions",
    "geoparse": "conflictmap.resolve",
    "resolve": "conflictmap.resolve",
    "BadInput": "conflictmap.exceptions",
    "ConflictMapError": "conflictmap.exceptions",
    "GazetteerError": "conflictmap.exceptions",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'conflictmap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
