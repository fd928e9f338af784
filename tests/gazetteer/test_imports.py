"""Importing a user's places: bad rows skipped and named, the user store written whole."""
from __future__ import annotations

import logging
import sqlite3
import tempfile

import pytest

from conflictmap.exceptions import BadInput, ConflictMapError, GazetteerError
from conflictmap.gazetteer import Gazetteer, PlaceStore
from conflictmap.gazetteer.sources import PlacesCsv

from ..conftest import DATA

MIXED = DATA / "gazetteer" / "mixed_places.csv"
DUMP = DATA / "gazetteer" / "geonames_dump.txt"


@pytest.mark.parametrize(("line", "reason"), [
    (3, "coordinates not numbers: '', '42.10'"),
    (4, "coordinates out of range: latitude 95.0"),
    (5, "empty name"),
    (6, "kind 'planet' is not one of"),
    (7, "population is not a whole number: 'many'"),
    (8, "country_code is not an ISO alpha-2 code: 'IRAQ'"),
    (9, "coordinates not numbers: '33.00', 'x'"),  # a row over two lines: its first
])
def test_each_bad_csv_row_is_named_by_its_line(caplog, line, reason):
    with caplog.at_level(logging.WARNING):
        list(PlacesCsv(MIXED).records())
    assert f"mixed_places.csv:{line}: {reason}" in caplog.text


def test_good_csv_rows_are_kept_and_bad_ones_summed_up(caplog):
    source = PlacesCsv(MIXED)
    with caplog.at_level(logging.WARNING):
        ids = [p.id for p, _ in source.records()]
    assert ids == ["user:camp-one", "user:camp-two"]
    assert source.bad_lines == 7
    assert "7 bad line(s) skipped (line 3, 4, 5, 6, 7, 8, 9)" in caplog.text


@pytest.mark.parametrize(("content", "message"), [
    (b"title,lat\nA,1\n", "missing column.*name.*found title, lat"),
    (b"", "missing column.*found none"),
    (b"name,latitude,longitude,country_code\nCaf\xe9,1,2,IQ\n", "not UTF-8 text"),
])
def test_unusable_csv_is_bad_input(tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(BadInput, match=message):
        list(PlacesCsv(path).records())


def test_import_keeps_the_good_rows(tmp_path, tiny_defaults, caplog):
    with caplog.at_level(logging.WARNING):
        assert Gazetteer.import_file(MIXED, cache_dir=tmp_path).places == 2
    assert "mixed_places.csv:4: coordinates out of range" in caplog.text
    gaz = Gazetteer.default(cache_dir=tmp_path)
    assert gaz.lookup("Camp 1")[0].place.id == "user:camp-one"
    assert gaz.lookup("Camp Two")[0].place.country_code == "SY"


def test_a_failed_import_leaves_the_user_store_as_it_was(tmp_path, tiny_defaults):
    assert Gazetteer.import_file(DUMP, cache_dir=tmp_path).places == 4
    user = tmp_path / tiny_defaults._USER_FILE
    before = user.read_bytes()
    not_utf8 = tmp_path / "latin1.csv"
    not_utf8.write_bytes(b"name,latitude,longitude,country_code\n" +
                         b"Good,33,44,IQ\n" * 5000 + b"Caf\xe9,1,2,IQ\n")
    with pytest.raises(BadInput, match="not UTF-8"):
        Gazetteer.import_file(not_utf8, cache_dir=tmp_path)
    assert user.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if ".tmp" in p.name) == []
    assert len(PlaceStore(user)) == 4


def test_an_import_of_only_bad_rows_writes_nothing(tmp_path, tiny_defaults):
    path = tmp_path / "bad.csv"
    path.write_text("name,latitude,longitude,country_code\nA,95,1,IQ\n", encoding="utf-8")
    with pytest.raises(BadInput, match="no places found"):
        Gazetteer.import_file(path, cache_dir=tmp_path)
    assert not (tmp_path / tiny_defaults._USER_FILE).exists()


def _half_written_store(path):
    """What the old importer left when a row failed: tables, no meta."""
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);"
                     "CREATE TABLE places (rowid INTEGER PRIMARY KEY, id UNIQUE);")
    db.close()


def test_a_broken_user_store_is_left_out_with_a_fix(tmp_path, tiny_defaults, caplog):
    _half_written_store(tmp_path / tiny_defaults._USER_FILE)
    with caplog.at_level(logging.WARNING):
        gaz = Gazetteer.default(cache_dir=tmp_path)
    assert len(gaz.stores) == 1
    assert gaz.lookup("Bir Shuaib")
    assert "user-places.sqlite: schema None" in caplog.text
    assert "conflictmap gazetteer import FILE" in caplog.text


def test_an_import_sets_a_broken_user_store_aside(tmp_path, tiny_defaults, caplog):
    user = tmp_path / tiny_defaults._USER_FILE
    _half_written_store(user)
    with caplog.at_level(logging.WARNING):
        assert Gazetteer.import_file(DUMP, cache_dir=tmp_path).places == 4
    aside = list(tmp_path.glob("user-places.sqlite.broken-*"))
    assert len(aside) == 1 and aside[0].name in caplog.text
    gaz = Gazetteer.default(cache_dir=tmp_path)
    assert len(gaz.stores) == 2 and gaz.lookup("Umm Testa")


def test_import_under_a_file_is_a_gazetteer_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"cannot write the gazetteer cache at .*file/"
                                             r"cache/user-places.sqlite: Not a directory"):
        Gazetteer.import_file(DUMP, cache_dir=blocker / "cache")


def test_import_into_a_read_only_folder_is_a_gazetteer_error(tmp_path, monkeypatch):
    # Tests run as root, whom chmod does not stop: refuse the temporary file instead.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ConflictMapError, match="user-places.sqlite: Permission denied; set "
                                               "CONFLICTMAP_CACHE_DIR") as caught:
        Gazetteer.import_file(DUMP, cache_dir=tmp_path)
    assert "\n" not in str(caught.value)


def test_an_unreadable_import_file_is_bad_input(tmp_path):
    folder = tmp_path / "places.csv"
    folder.mkdir()
    with pytest.raises(BadInput, match="places.csv: cannot read"):
        Gazetteer.import_file(folder, cache_dir=tmp_path)
