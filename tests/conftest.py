"""Shared fixtures. No test touches the network; the default gazetteer is built once
(about 40 s) into the user cache, or $CONFLICTMAP_CACHE_DIR, and reused."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parents[1]
SEED = ROOT.parent / "shared" / "seed" / "afp-2021-07-07-iraq-syria.txt"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Any attempt to open a socket fails the test."""
    import socket

    def guard(*args, **kwargs):
        raise AssertionError("a test tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket, "create_connection", guard)


@pytest.fixture(scope="session")
def gazetteer():
    from conflictmap.gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.fixture
def tiny_gazetteer(tmp_path):
    """A gazetteer of the small fixture files only."""
    from conflictmap.gazetteer import Gazetteer
    from conflictmap.gazetteer.sources import GeoNamesDump, PlacesCsv

    return Gazetteer.from_sources(tmp_path / "tiny.sqlite", [
        PlacesCsv(DATA / "gazetteer" / "tiny_places.csv"),
        GeoNamesDump(DATA / "gazetteer" / "geonames_dump.txt"),
    ])


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
