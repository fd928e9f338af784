"""conflictmap: news reports of armed-conflict incidents in, a located event map out.

The public names are imported on first use, so ``import conflictmap`` stays fast.
"""
from __future__ import annotations

import importlib
import sys
import types
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
    "read_articles": "conflictmap.article",
    "ArticleReader": "conflictmap.article",
    "Event": "conflictmap.event",
    "Link": "conflictmap.event",
    "Extraction": "conflictmap.extract",
    "extract_events": "conflictmap.extract",
    "extract_many": "conflictmap.extract",
    "events_frame": "conflictmap.output",
    "links_frame": "conflictmap.output",
    "write_events": "conflictmap.output",
    "read_events": "conflictmap.output",
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


class _Package(types.ModuleType):
    """The package, whose ``resolve`` is the function even though a submodule has that
    name too: importing ``conflictmap.resolve`` (as `geoparse` and the extractor do)
    sets the package attribute to the module, and this keeps the function there.
    ``from conflictmap.resolve import ...`` still finds the module."""

    @property
    def resolve(self) -> Any:
        return importlib.import_module("conflictmap.resolve").resolve

    @resolve.setter
    def resolve(self, value: Any) -> None:  # the import system's setattr: ignored
        pass


sys.modules[__name__].__class__ = _Package
