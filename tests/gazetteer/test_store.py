from __future__ import annotations

import logging
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from conflictmap.exceptions import BadInput, GazetteerError
from conflictmap.gazetteer import Gazetteer, PlaceStore
from conflictmap.gazetteer.sources import GeoNamesDump, PlacesCsv, source_for_file

from ..conftest import DATA

DUMP = DATA / "gazetteer" / "geonames_dump.txt"
TINY = DATA / "gazetteer" / "tiny_places.csv"


def test_dump_import_reads_good_lines_and_names_bad_ones(tmp_path, caplog):
    source = GeoNamesDump(DUMP)
    with caplog.at_level(logging.WARNING):
        places = {p.id: p for p, _ in source.records()}
    assert set(places) == {"geonames:95788", "geonames:99592", "geonames:8000001",
                           "geonames:8000002"}
    assert places["geonames:99592"].kind == "admin1"
    assert places["geonames:8000001"].feature == "air base"
    assert source.bad_lines == 3
    text = caplog.text
    assert "geonames_dump.txt:4: expected 19 tab-separated columns, found 3" in text
    assert "geonames_dump.txt:5: geonameid is not a number" in text
    assert "latitude 133.0" in text


def test_zipped_dump(tmp_path):
    import zipfile

    archive = tmp_path / "IQ.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(DUMP, "IQ.txt")
        zf.writestr("readme.txt", "not data")
    assert len(list(GeoNamesDump(archive).records())) == 4


def test_csv_rows_are_validated_with_line_numbers():
    with pytest.raises(BadInput, match=r"bad_places.csv:3: coordinates out of range"):
        list(PlacesCsv(DATA / "gazetteer" / "bad_places.csv").records())


def test_csv_without_required_columns(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("title,lat\nA,1\n", encoding="utf-8")
    with pytest.raises(BadInput, match="missing column.*name.*found title, lat"):
        list(PlacesCsv(path).records())


def test_missing_import_file(tmp_path):
    with pytest.raises(BadInput, match="no such file"):
        source_for_file(tmp_path / "nope.txt")


def test_tiny_gazetteer_lookup(tiny_gazetteer):
    found = tiny_gazetteer.lookup("Wadi al-Test")
    assert found[0].place.id == "user:wadi-test-checkpoint"
    assert tiny_gazetteer.lookup("Q-West")[0].place.name == "Qayyarah Airfield West"
    assert tiny_gazetteer.lookup("nowhere at all") == []


def test_fuzzy_lookup_within_a_country(tiny_gazetteer):
    assert tiny_gazetteer.lookup("Qayyarah Airfeld West", fuzzy=False) == []
    found = tiny_gazetteer.lookup("Qayyarah Airfeld West", country="IQ")
    assert found and found[0].place.id == "geonames:8000001"
    assert "fuzzy" in found[0].reasons[-1]


def test_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    from conflictmap.gazetteer import core

    monkeypatch.setattr(core, "DEFAULT_SOURCES", ("csv-tiny",))
    monkeypatch.setitem(core.SOURCES, "csv-tiny", lambda: PlacesCsv(TINY))
    path = tmp_path / core._BASE_FILE
    path.write_bytes(b"this is not a database" * 100)
    gaz = Gazetteer.default(cache_dir=tmp_path)
    assert gaz.lookup("Bir Shuaib")
    with pytest.raises(GazetteerError):
        PlaceStore(tmp_path / "missing.sqlite")


def test_stale_cache_is_rebuilt(tmp_path, monkeypatch):
    from conflictmap.gazetteer import core

    csv = tmp_path / "places.csv"
    csv.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(core, "DEFAULT_SOURCES", ("csv-tmp",))
    monkeypatch.setitem(core.SOURCES, "csv-tmp", lambda: PlacesCsv(csv))
    assert not Gazetteer.default(cache_dir=tmp_path).lookup("New Place")
    with csv.open("a", encoding="utf-8") as fh:
        fh.write("new-place,New Place,,site,other,IQ,,33.0,44.0,0\n")
    core._DEFAULTS.clear()  # a new process: the in-memory gazetteer is gone
    assert Gazetteer.default(cache_dir=tmp_path).lookup("New Place")


def _build(path: str) -> int:
    store = PlaceStore.build(Path(path), [PlacesCsv(TINY), GeoNamesDump(DUMP)],
                             fingerprint="race")
    return len(store)


def test_two_processes_building_at_once_never_see_half_a_file(tmp_path):
    target = tmp_path / "race.sqlite"
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        counts = pool.map(_build, [str(target)] * 4)
    assert counts == [6, 6, 6, 6]
    assert len(PlaceStore(target)) == 6
    assert not list(tmp_path.glob("*.tmp"))


def test_import_into_user_store(tmp_path, monkeypatch):
    from conflictmap.gazetteer import core

    monkeypatch.setattr(core, "DEFAULT_SOURCES", ("csv-tiny",))
    monkeypatch.setitem(core.SOURCES, "csv-tiny", lambda: PlacesCsv(TINY))
    assert Gazetteer.import_file(DUMP, cache_dir=tmp_path) == 4
    gaz = Gazetteer.default(cache_dir=tmp_path)
    assert len(gaz.stores) == 2
    assert gaz.lookup("Umm Testa")[0].place.id == "geonames:8000002"
    from conflictmap.resolve import geoparse

    found = geoparse("Gunmen crossed from Wadi al-Test to Umm Testa.", gazetteer=gaz)
    assert [m.place.id for m in found] == ["user:wadi-test-checkpoint", "geonames:8000002"]
    # importing again replaces, it does not duplicate
    Gazetteer.import_file(DUMP, cache_dir=tmp_path)
    db = sqlite3.connect(tmp_path / core._USER_FILE)
    assert db.execute("SELECT count(*) FROM places").fetchone()[0] == 4
    assert db.execute("SELECT count(*) FROM names WHERE key = 'um testa'").fetchone()[0] == 1
