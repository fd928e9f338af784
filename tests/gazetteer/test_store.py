from __future__ import annotations

import logging
import marshal
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from conflictmap.exceptions import BadInput, GazetteerError
from conflictmap.gazetteer import Gazetteer, Place, PlaceStore
from conflictmap.gazetteer.sources import GeoNamesDump, PlacesCsv, Source, source_for_file

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


def test_csv_bad_rows_are_skipped_and_named_by_line(caplog):
    source = PlacesCsv(DATA / "gazetteer" / "bad_places.csv")
    with caplog.at_level(logging.WARNING):
        places = [p.id for p, _ in source.records()]
    assert places == ["user:good-one"]
    assert source.bad_lines == 1
    assert "bad_places.csv:3: coordinates out of range" in caplog.text
    assert "1 bad line(s) skipped (line 3)" in caplog.text


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
    assert Gazetteer.import_file(DUMP, cache_dir=tmp_path).places == 4
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


# -- damage -----------------------------------------------------------------------------

class _Many(Source):
    """Enough places that a store spans many pages: Place 0 ... Place n-1, in Iraq."""

    name = "many"

    def __init__(self, count: int = 20_000) -> None:
        self.count = count

    def fingerprint(self) -> str:
        return f"many {self.count}"

    def records(self):
        for i in range(self.count):
            name = f"Testplace {i:05d}"
            yield Place(f"many:{i}", name, 33.0 + i / 1e5, 44.0, "IQ", "city",
                        population=i), (name,)


def _zero_the_middle(path: Path, share: float = 0.4) -> None:
    """Zero the middle *share* of the file, as a bad disk or a cut copy would."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(int(size * (1 - share) / 2))
        fh.write(bytes(int(size * share)))


@pytest.fixture
def many_defaults(tiny_defaults, monkeypatch):
    monkeypatch.setattr(tiny_defaults, "DEFAULT_SOURCES", ("many",))
    monkeypatch.setitem(tiny_defaults.SOURCES, "many", _Many)
    return tiny_defaults


def _every_place(gaz: Gazetteer) -> list[str]:
    return [gaz.lookup(f"Testplace {i:05d}")[0].place.id for i in range(20_000)]


def test_a_read_of_a_damaged_store_is_a_gazetteer_error(tmp_path):
    path = tmp_path / "many.sqlite"
    PlaceStore.build(path, [_Many()], fingerprint="x")
    _zero_the_middle(path)
    store = PlaceStore(path)  # the index at the end of the file is whole
    with pytest.raises(GazetteerError, match=r"many.sqlite: damaged \(database disk image"):
        store.places(range(1, 20_001))
    assert store.damaged
    with pytest.raises(GazetteerError, match="damaged"):
        PlaceStore(path).check()


def test_a_damaged_index_fails_its_checksum_on_open(tmp_path):
    path = tmp_path / "tiny.sqlite"
    PlaceStore.build(path, [PlacesCsv(TINY)], fingerprint="x")
    db = sqlite3.connect(path)
    blob = bytearray(db.execute("SELECT value FROM meta WHERE key = 'keys'").fetchone()[0])
    blob[len(blob) // 2] ^= 0x20  # one letter of one name, which would read without error
    db.execute("UPDATE meta SET value = ? WHERE key = 'keys'", (bytes(blob),))
    db.commit()
    db.close()
    with pytest.raises(GazetteerError, match="fails its checksum"):
        PlaceStore(path)


def test_a_store_with_the_older_index_still_reads(tmp_path):
    """A user's imports written by a version that kept the name index as a marshalled
    dict: they cannot be rebuilt from sources, so they must still read."""
    path = tmp_path / "user.sqlite"
    new = PlaceStore.build(path, [PlacesCsv(TINY)], fingerprint="user")
    expected = {key: new.ids(key) for key in new.index}
    prefixes = list(new.prefixes)
    new.close()
    old = {k: v[0] if len(v) == 1 else v for k, v in expected.items()}
    blobs = marshal.dumps(old), marshal.dumps(frozenset(prefixes))
    db = sqlite3.connect(path)
    db.execute("DELETE FROM meta WHERE key IN ('keys', 'offsets', 'rowids', 'prefixes')")
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
        ("index", blobs[0]), ("prefixes", blobs[1]),
        ("checksum", f"crc32:{zlib.crc32(blobs[1], zlib.crc32(blobs[0])):08x}")])
    db.commit()
    db.close()
    store = PlaceStore(path)
    assert {key: store.ids(key) for key in store.index} == expected
    assert list(store.prefixes) == prefixes and all(p in store.prefixes for p in prefixes)
    assert store.ids("no such place") == () and "no such place" not in store.index


def test_the_default_cache_is_rebuilt_when_a_read_finds_it_damaged(tmp_path, many_defaults,
                                                                   caplog):
    Gazetteer.default(cache_dir=tmp_path, progress=False)
    _zero_the_middle(tmp_path / many_defaults._BASE_FILE)
    many_defaults._DEFAULTS.clear()  # a new process
    gaz = Gazetteer.default(cache_dir=tmp_path, progress=False)
    with caplog.at_level(logging.WARNING):
        assert _every_place(gaz) == [f"many:{i}" for i in range(20_000)]
    assert "gazetteer cache damaged, rebuilding" in caplog.text
    assert sum("damaged" in r.getMessage() for r in caplog.records) == 1  # said once
    PlaceStore(tmp_path / many_defaults._BASE_FILE).check()


def test_check_finds_damage_on_open(tmp_path, many_defaults, caplog):
    Gazetteer.default(cache_dir=tmp_path, progress=False)
    _zero_the_middle(tmp_path / many_defaults._BASE_FILE)
    many_defaults._DEFAULTS.clear()
    with caplog.at_level(logging.WARNING):
        gaz = Gazetteer.default(cache_dir=tmp_path, progress=False, check=True)
    assert "gazetteer cache damaged, rebuilding" in caplog.text
    gaz.stores[0].check()


def test_a_user_store_found_damaged_is_left_out(tmp_path, tiny_defaults, caplog):
    PlaceStore.append(tmp_path / tiny_defaults._USER_FILE, _Many())
    gaz = Gazetteer.default(cache_dir=tmp_path, progress=False)
    _zero_the_middle(tmp_path / tiny_defaults._USER_FILE)
    with caplog.at_level(logging.WARNING):
        found = [gaz.lookup(f"Testplace {i:05d}") for i in range(20_000)]
        assert gaz.lookup("Bir Shuaib")
    assert "user-places.sqlite, found damaged" in caplog.text
    assert len(gaz.stores) == 1 and not found[-1]


# -- temporary files left by killed builds ---------------------------------------------

def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_stale_temporary_files_are_removed_on_open(tmp_path, tiny_defaults):
    from conflictmap.gazetteer.store import _HOST

    dead = tmp_path / f"gazetteer.sqlite.{_HOST}-{_dead_pid()}.k3j_x9q1.tmp"
    live = tmp_path / f"gazetteer.sqlite.{_HOST}-{os.getpid()}.a8d_0sdf.tmp"
    old = tmp_path / "user-places.sqlite.v2s9_1ab.tmp"  # unnamed owner, untouched 2 h
    recent = tmp_path / "gazetteer.sqlite.q0a7bk_m.tmp"
    other_host = tmp_path / f"gazetteer.sqlite.elsewhere-{_dead_pid()}.zz9_0a1b.tmp"
    for path in (dead, live, old, recent, other_host):
        path.write_bytes(b"half a store")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    Gazetteer.default(cache_dir=tmp_path, progress=False)
    left = {p.name for p in tmp_path.iterdir()}
    assert dead.name not in left and old.name not in left
    assert {live.name, recent.name, other_host.name} <= left


_SLOW_BUILD = """
import sys, time
from pathlib import Path
from conflictmap.gazetteer.place import Place
from conflictmap.gazetteer.sources.base import Source
from conflictmap.gazetteer.store import PlaceStore

class Slow(Source):
    name = "slow"
    def fingerprint(self):
        return "slow"
    def records(self):
        for i in range(10**6):
            yield Place(f"slow:{i}", f"Slowplace {i}", 33.0, 44.0, "IQ", "city"), ("Slowplace",)
            time.sleep(0.001)

PlaceStore.build(Path(sys.argv[1]), [Slow()], fingerprint="slow")
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_build_leaves_a_file_the_next_build_removes(tmp_path, sig):
    target = tmp_path / "gazetteer.sqlite"
    build = subprocess.Popen([sys.executable, "-c", _SLOW_BUILD, str(target)])
    try:
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob("*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        build.send_signal(sig)
        build.wait(timeout=30)
    assert len(list(tmp_path.glob("*.tmp"))) == 1  # what the killed build left
    PlaceStore.build(target, [PlacesCsv(TINY)], fingerprint="tiny")
    assert [p.name for p in tmp_path.iterdir()] == ["gazetteer.sqlite"]


# -- a slow source read in a child process ---------------------------------------------

class _SlowMany(_Many):
    """`_Many`, read ahead in a child process while the build reads the other sources."""

    slow = True


class _Broken(_Many):
    slow = True

    def records(self):
        yield from super().records()
        raise ValueError("row 20001 unreadable")


def _rows(path: Path) -> tuple[list, list]:
    db = sqlite3.connect(path)
    try:
        return (db.execute("SELECT rowid, * FROM places ORDER BY rowid").fetchall(),
                db.execute("SELECT * FROM names ORDER BY key, place").fetchall())
    finally:
        db.close()


@pytest.mark.skipif(sys.platform != "linux", reason="read ahead only where a process forks")
def test_a_slow_source_read_ahead_gives_the_same_store(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    started = []
    real = multiprocessing.get_context("fork").Process.start
    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start",
                        lambda self: (started.append(self.name), real(self))[1])
    PlaceStore.build(tmp_path / "ahead.sqlite", [_SlowMany(), PlacesCsv(TINY)],
                     fingerprint="x")
    PlaceStore.build(tmp_path / "plain.sqlite", [_Many(), PlacesCsv(TINY)], fingerprint="x")
    assert started == ["conflictmap: many"]
    assert _rows(tmp_path / "ahead.sqlite") == _rows(tmp_path / "plain.sqlite")


@pytest.mark.skipif(sys.platform != "linux", reason="read ahead only where a process forks")
def test_a_slow_source_that_fails_in_its_process_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    with pytest.raises(GazetteerError, match="reading gazetteer source many: "
                                             "ValueError..row 20001 unreadable"):
        PlaceStore.build(tmp_path / "g.sqlite", [PlacesCsv(TINY), _Broken()], fingerprint="x")
    assert list(tmp_path.iterdir()) == []
    assert not multiprocessing.active_children()
