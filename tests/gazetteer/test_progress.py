"""A build shows what it is doing and how far it has got."""
from __future__ import annotations

import io
import logging
import re

import pytest

from conflictmap.gazetteer import Gazetteer, PlaceStore
from conflictmap.gazetteer.sources import GeoNamesDump, PlacesCsv

from ..conftest import DATA

SOURCES = [PlacesCsv(DATA / "gazetteer" / "tiny_places.csv"),
           GeoNamesDump(DATA / "gazetteer" / "geonames_dump.txt")]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_callable_gets_a_message_a_step(tmp_path):
    messages: list[str] = []
    PlaceStore.build(tmp_path / "g.sqlite", SOURCES, fingerprint="x", progress=messages.append)
    assert messages[:3] == [
        "step 1/3: reading csv (0 places so far)",
        "step 2/3: reading geonames-dump (2 places so far)",
        "step 3/3: indexing names (6 places so far)",
    ]
    assert re.fullmatch(r"built: 6 places in \d+ s", messages[3]) and len(messages) == 4


def test_without_a_terminal_a_line_a_step(tmp_path, monkeypatch):
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    PlaceStore.build(tmp_path / "g.sqlite", SOURCES, fingerprint="x", progress=True)
    lines = stderr.getvalue().splitlines()
    assert lines[0] == "gazetteer: step 1/3: reading csv (0 places so far)"
    assert lines[-1].startswith("gazetteer: built: 6 places in")
    assert len(lines) == 4


def test_on_a_terminal_a_bar(tmp_path, caplog, monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with caplog.at_level(logging.WARNING):
        PlaceStore.build(tmp_path / "g.sqlite", SOURCES, fingerprint="x", progress=True)
    shown = terminal.getvalue()
    assert "building the gazetteer: 2/3 steps" in shown
    assert "indexing names; 6 places" in shown
    assert re.search(r"built the gazetteer: 6 places in \d+ s\n$", shown)
    assert not [r for r in caplog.records if r.name.endswith("progress")]


@pytest.mark.parametrize("progress", [False, None])
def test_quiet(tmp_path, caplog, capsys, progress):
    with caplog.at_level(logging.DEBUG):
        PlaceStore.build(tmp_path / "g.sqlite", SOURCES, fingerprint="x", progress=progress)
    assert not [r for r in caplog.records if r.name.endswith("progress")]
    assert capsys.readouterr().err == ""


def test_the_default_gazetteer_shows_its_build(tmp_path, tiny_defaults, caplog, monkeypatch):
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    with caplog.at_level(logging.WARNING):
        Gazetteer.default(cache_dir=tmp_path)
    assert "building the gazetteer at" in caplog.text
    text = stderr.getvalue()
    assert "gazetteer: step 1/2: reading csv" in text and "gazetteer: built: 2 places" in text
