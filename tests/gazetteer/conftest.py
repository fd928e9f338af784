"""Fixtures for the gazetteer tests: a default gazetteer made of the tiny fixture file."""
from __future__ import annotations

import pytest

from conflictmap.gazetteer.sources import PlacesCsv

from ..conftest import DATA

TINY = DATA / "gazetteer" / "tiny_places.csv"


@pytest.fixture
def tiny_defaults(monkeypatch):
    """`Gazetteer.default` builds from the tiny CSV alone, and forgets what it has opened."""
    from conflictmap.gazetteer import core

    monkeypatch.setattr(core, "DEFAULT_SOURCES", ("csv-tiny",))
    monkeypatch.setitem(core.SOURCES, "csv-tiny", lambda: PlacesCsv(TINY))
    monkeypatch.setattr(core, "_DEFAULTS", {})
    return core
