"""The on-disk gazetteer: one SQLite file of places and a folded-name index.

A store is written to a temporary file beside its final path and moved into place, so
two processes building at once never see a half-written file: the last one wins, and
both have a whole store. A temporary file names the host and process that write it, so
one left by a killed build is recognised and removed by the next build or open.
"""
from __future__ import annotations

import array
import bisect
import contextlib
import logging
import marshal
import multiprocessing
import os
import queue
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from conflictmap._names import fold
from conflictmap.exceptions import GazetteerError
from conflictmap.gazetteer.place import Place
from conflictmap.gazetteer.progress import BuildProgress, Progress, ProgressOption
from conflictmap.gazetteer.sources.base import Record, Source

__all__ = ["SCHEMA_VERSION", "NameIndex", "PlaceStore", "Progress", "SortedKeys",
           "remove_stale_temporaries"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = "3"
_COLUMNS_2 = ("id, name, latitude, longitude, country_code, kind, feature, admin1, population, "
              "source")
_COLUMNS = f"{_COLUMNS_2}, seat_latitude, seat_longitude"
# Schema 2 had no seats: its stores (a user's imports) are read with none, and gain the
# columns when next written to.
_SELECT = {"2": f"{_COLUMNS_2}, NULL, NULL", SCHEMA_VERSION: _COLUMNS}
_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE places (rowid INTEGER PRIMARY KEY, {_COLUMNS.replace('id,', 'id UNIQUE,', 1)});
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, name TEXT NOT NULL,
                    country_code TEXT NOT NULL);
"""
_INDEXES = "CREATE INDEX names_country ON names (country_code, key);"
# The meta rows of the name index (see `NameIndex`) and of the leading words of names.
_INDEX_BLOBS = ("keys", "offsets", "rowids", "prefixes")
# Folded keys shorter than this are too likely to be words; known short aliases pass.
_MIN_KEY = 3
_SHORT_KEYS = frozenset({"us", "uk", "usa", "uae", "drc", "eu"})
# A temporary store untouched this long is left over, whoever made it: a live build
# writes to it all the time.
_STALE_SECONDS = 3600
_HOST = re.sub(r"[^\w-]", "", os.uname().nodename if hasattr(os, "uname") else "")[:32]
_TEMPORARY = re.compile(r"^(?P<store>.+?\.sqlite)\.(?:(?P<host>[\w-]*)-(?P<pid>\d+)\.)?\w+"
                        r"\.tmp(?:-journal|-wal|-shm)?$")


class PlaceStore:
    """Places and a folded-name index, read from one SQLite file.

    Parameters
    ----------
    path
        The store's file. Opening checks the schema and the index's checksum and loads the
        index; a file that is not a whole store raises `GazetteerError`. A read that finds
        the file damaged later raises `GazetteerError` and sets `damaged`.

    Attributes
    ----------
    country_names
        The folded names of the store's countries, to their ISO alpha-2 codes (to several
        codes where countries share a name).
    country_codes
        The ISO alpha-2 code of every place in the store.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.damaged = False
        try:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                       check_same_thread=False)
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as err:
            raise GazetteerError(f"{self.path}: not a readable gazetteer store ({err})") from err
        try:
            self._load(meta)
        except GazetteerError:
            self._db.close()
            raise
        self.fingerprint: str = meta.get("fingerprint", "")
        self.max_words: int = int(meta.get("max_words", 6))
        self._cache: dict[int, Place] = {}
        self._by_country: dict[str, tuple[list[str], list[int]]] = {}

    def _load(self, meta: dict[str, Any]) -> None:
        if meta.get("schema") not in _SELECT:
            raise GazetteerError(f"{self.path}: schema {meta.get('schema')!r}, "
                                 f"expected {SCHEMA_VERSION} (an unfinished or older store)")
        self._columns = _SELECT[meta["schema"]]
        try:
            blobs = ([meta[k] for k in _INDEX_BLOBS] if "keys" in meta
                     else [meta["index"], meta["prefixes"]])
            if "checksum" in meta and meta["checksum"] != _checksum(*blobs):
                raise GazetteerError(f"{self.path}: damaged (its name index fails its checksum)")
            if "keys" in meta:
                self.index = NameIndex.from_blobs(*blobs[:3])
                self.prefixes = SortedKeys.from_blob(blobs[3])
            else:  # a store written before the index was sorted keys (a user's imports)
                self.index = NameIndex.from_dict(marshal.loads(meta["index"]))
                self.prefixes = SortedKeys(sorted(marshal.loads(meta["prefixes"])))
            self.country_names: dict[str, str | tuple[str, ...]] = (
                marshal.loads(meta["countries"]) if "countries" in meta else {})
            self.country_codes: frozenset[str] = (
                marshal.loads(meta["country_codes"]) if "country_codes" in meta else frozenset())
        except (KeyError, ValueError, EOFError, TypeError) as err:
            raise GazetteerError(f"{self.path}: not a readable gazetteer store "
                                 f"({type(err).__name__}: {err})") from err

    def __repr__(self) -> str:
        return f"<PlaceStore {self.path} {len(self.index)} names>"

    def reconnected(self) -> PlaceStore:
        """This store with a connection of its own, sharing the name index in memory: for
        a process forked from the one that opened it (a connection must not cross a fork,
        and a second copy of the index would double the memory of every worker)."""
        clone = object.__new__(PlaceStore)
        clone.__dict__.update({k: v for k, v in self.__dict__.items()
                               if k not in ("_db", "_cache", "_by_country")})
        clone._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                    check_same_thread=False)
        clone._cache, clone._by_country = {}, {}
        return clone

    def __len__(self) -> int:
        return self._query("SELECT count(*) FROM places")[0][0]

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as err:
            self.damaged = True
            raise GazetteerError(f"{self.path}: damaged ({err})") from err

    def ids(self, key: str) -> tuple[int, ...]:
        return self.index.ids(key)

    def places(self, rowids: Iterable[int]) -> list[Place]:
        """The places of *rowids*, which come from this store's index: every one is there
        unless the file is damaged (which raises `GazetteerError`)."""
        rowids = list(rowids)
        missing = {r for r in rowids if r not in self._cache}
        if missing:
            marks = ",".join("?" * len(missing))
            rows = self._query(
                f"SELECT rowid, {self._columns} FROM places WHERE rowid IN ({marks})",
                list(missing))
            # A page zeroed from its middle on reads without an error, as missing rows or
            # empty fields.
            if len(rows) != len(missing) or not all(_whole(row) for row in rows):
                self.damaged = True
                raise GazetteerError(f"{self.path}: damaged (rows its index names are missing "
                                     "or blank)")
            for row in rows:
                self._cache[row[0]] = Place(*row[1:])
        return [self._cache[r] for r in rowids]

    def get(self, place_id: str) -> Place | None:
        rows = self._query(f"SELECT {self._columns} FROM places WHERE id = ?", (place_id,))
        return Place(*rows[0]) if rows else None

    def names_in(self, country_code: str) -> tuple[list[str], list[int]]:
        """Every key of a country and the rowid of its place, for fuzzy matching."""
        if country_code not in self._by_country:
            rows = self._query("SELECT key, place FROM names WHERE country_code = ?",
                               (country_code,))
            if not all(isinstance(k, str) and isinstance(r, int) for k, r in rows):
                self.damaged = True
                raise GazetteerError(f"{self.path}: damaged (blank names)")
            self._by_country[country_code] = ([k for k, _ in rows], [r for _, r in rows])
        return self._by_country[country_code]

    def check(self) -> None:
        """Read every page (SQLite's quick_check, about 0.1 s for the default store);
        raise `GazetteerError` and set `damaged` if the file is damaged."""
        result = self._query("PRAGMA quick_check")
        if result != [("ok",)]:
            self.damaged = True
            lines = [ln for row in result for ln in str(row[0]).splitlines()
                     if not ln.startswith("***")]
            first = lines[0] if lines else "no answer"
            raise GazetteerError(f"{self.path}: damaged ({first})")

    def close(self) -> None:
        self._db.close()

    # -- building -----------------------------------------------------------------------

    @classmethod
    def build(cls, path: Path, sources: Sequence[Source], *, fingerprint: str,
              progress: ProgressOption = None) -> PlaceStore:
        """Write a new store at *path* from *sources*, atomically.

        Parameters
        ----------
        progress
            A callable for progress messages, or True to show them on stderr
            (`conflictmap.gazetteer.progress.BuildProgress`).
        """
        path = Path(path)
        report = BuildProgress(len(sources) + 1, show=progress)
        try:
            with _temporary(path) as tmp:
                db = _connect(tmp)
                try:
                    db.executescript(_SCHEMA)
                    _insert(db, _all_rows(sources, report))
                    report.step("indexing names")
                    _write_index(db, fingerprint)
                finally:
                    db.close()
                os.replace(tmp, path)
        except BaseException:
            report.abort()
            raise
        report.close()
        return cls(path)

    @classmethod
    def append(cls, path: Path, source: Source) -> int:
        """Add *source*'s places to the store at *path* (made if absent), atomically; a
        place whose id is already there is replaced.

        Returns how many places were read. With none, the store is left as it was. The
        caller checks first that a store at *path* is readable.
        """
        path = Path(path)
        with _temporary(path) as tmp, _locked(path):
            if path.exists():
                shutil.copyfile(path, tmp)
            db = _connect(tmp)
            try:
                if not path.exists():
                    db.executescript(_SCHEMA)
                elif _schema(db) == "2":
                    db.executescript("ALTER TABLE places ADD COLUMN seat_latitude REAL;"
                                     "ALTER TABLE places ADD COLUMN seat_longitude REAL;")
                count = _append(db, source.records())
                _write_index(db, "user")
            finally:
                db.close()
            if count:
                os.replace(tmp, path)
        return count


def _schema(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return row[0] if row else None


def _whole(row: tuple) -> bool:
    _, place_id, name, latitude, longitude, *_ = row
    return (isinstance(place_id, str) and isinstance(name, str)
            and isinstance(latitude, (float, int)) and isinstance(longitude, (float, int)))


def remove_stale_temporaries(directory: Path, *, max_age: float = _STALE_SECONDS) -> list[Path]:
    """Remove the temporary stores in *directory* that no build is writing any more: their
    process (on this host) is gone, or they have not changed for *max_age* seconds.

    Returns the files removed; one that cannot be removed is left, with a debug message.
    """
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        try:
            dead = (match["pid"] is not None and match["host"] == _HOST
                    and not _alive(int(match["pid"])))
            if dead or now - entry.stat().st_mtime > max_age:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
                log.info("removed a temporary gazetteer file left by a killed build: %s",
                         entry.path)
        except OSError as err:
            log.debug("cannot remove %s: %s", entry.path, err)
    return removed


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # no cheap, harmless check: leave it to the age rule
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


@contextlib.contextmanager
def _temporary(path: Path) -> Iterator[Path]:
    """A temporary file beside *path*, named for this host and process, removed unless it
    was moved into place. OS and SQLite errors become a `GazetteerError`."""
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path.parent)
        fd, name = tempfile.mkstemp(prefix=f"{path.name}.{_HOST}-{os.getpid()}.",
                                    suffix=".tmp", dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        yield tmp
    except (OSError, sqlite3.Error) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise GazetteerError(f"cannot write the gazetteer cache at {path}: {reason}; set "
                             "CONFLICTMAP_CACHE_DIR or --cache-dir to a writable place"
                             ) from err
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold a lock beside *path* so that two imports at once do not lose each other's
    places (each copies the store, adds to the copy and moves it into place)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, the last import wins
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    # The file is private until moved into place: a rollback journal would only be one
    # more file for a killed build to leave behind.
    db.execute("PRAGMA journal_mode = OFF")
    return db


# A place as the store holds it: its id, its columns after the id, and its name keys
Row = tuple[str, tuple, list[tuple[str, str]]]


def _row(record: Record) -> Row:
    place, names = record
    return (place.id, (place.name, place.latitude, place.longitude, place.country_code,
                       place.kind, place.feature, place.admin1, place.population,
                       place.source, place.seat_latitude, place.seat_longitude),
            list(_keys(names).items()))


def _all_rows(sources: Sequence[Source], progress: BuildProgress | None) -> Iterator[Row]:
    ahead = _read_ahead(sources)
    try:
        for n, source in enumerate(sources):
            started = time.perf_counter()
            if progress:
                progress.step(f"reading {source.name}")
            rows = ahead[n] if n in ahead else map(_row, source.records())
            for row in rows:
                if progress:
                    progress.place()
                yield row
            log.info("gazetteer source %s read in %.1f s", source.name,
                     time.perf_counter() - started)
    finally:
        for reader in ahead.values():
            reader.close()


# Places sent at a time by a source read in a child process
_AHEAD_BATCH = 10_000


def _read_ahead(sources: Sequence[Source]) -> dict[int, _Ahead]:
    """Readers of the slow sources (``Source.slow``), each started in a child process so
    that it reads while this one reads the others: on two cores, most of the time a
    first build takes. None on one core, or where a process cannot fork safely."""
    slow = [n for n, source in enumerate(sources) if source.slow]
    if (not slow or len(sources) < 2 or (os.cpu_count() or 1) < 2
            or sys.platform != "linux" or multiprocessing.current_process().daemon):
        return {}
    return {n: _Ahead(sources[n]) for n in slow}


class _Ahead:
    """A source's places (`Row`), read in a forked child process and sent here in
    marshalled batches (much quicker to load than pickled places) through a queue that
    never makes the child wait for this process to take them."""

    def __init__(self, source: Source) -> None:
        context = multiprocessing.get_context("fork")
        self._queue = context.Queue()
        self._process = context.Process(target=_send, args=(source, self._queue),
                                        daemon=True, name=f"conflictmap: {source.name}")
        self._process.start()

    def __iter__(self) -> Iterator[Row]:
        try:
            while True:
                try:
                    batch = self._queue.get(timeout=5)
                except queue.Empty:
                    if self._process.is_alive():
                        continue
                    raise GazetteerError("the process reading a gazetteer source ended "
                                         "before its last place") from None
                if batch is None:
                    return
                if isinstance(batch, str):
                    raise GazetteerError(batch)
                yield from marshal.loads(batch)
        finally:
            self.close()

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._queue.close()


def _send(source: Source, out: Any) -> None:
    """In the child: send *source*'s places in batches, then None (or the error, said)."""
    try:
        batch: list[Row] = []
        for record in source.records():
            batch.append(_row(record))
            if len(batch) >= _AHEAD_BATCH:
                out.put(marshal.dumps(batch))
                batch = []
        out.put(marshal.dumps(batch))
        out.put(None)
    except Exception as exc:  # the build fails in the parent, with this said
        out.put(f"reading gazetteer source {source.name}: {exc!r}")
    out.close()
    out.join_thread()


# Places inserted at a time into a new store.
_BATCH = 20_000


def _insert(db: sqlite3.Connection, rows: Iterator[Row]) -> int:
    """Fill a new store, in batches, numbering the places here: the first place with an
    id is kept, as INSERT OR IGNORE would."""
    count = 0
    seen: set[str] = set()
    places: list[tuple] = []
    names: list[tuple] = []
    for ident, columns, keys in rows:
        count += 1
        if ident in seen:
            continue
        seen.add(ident)
        rowid = len(seen)
        places.append((rowid, ident, *columns))
        cc = columns[3]
        names += [(k, rowid, n, cc) for k, n in keys]
        if len(places) >= _BATCH:
            _flush(db, places, names)
    _flush(db, places, names)
    return count


def _flush(db: sqlite3.Connection, places: list[tuple], names: list[tuple]) -> None:
    db.executemany(f"INSERT INTO places (rowid, {_COLUMNS}) VALUES "
                   "(?,?,?,?,?,?,?,?,?,?,?,?,?)", places)
    db.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
    places.clear()
    names.clear()


def _keys(names: Iterable[str]) -> dict[str, str]:
    """Each usable folded key of *names*, to the first name that gives it."""
    keys: dict[str, str] = {}
    for name in names:
        key = fold(name)
        if len(key) >= _MIN_KEY or key in _SHORT_KEYS:
            keys.setdefault(key, name)
    return keys


def _append(db: sqlite3.Connection, records: Iterator[Record]) -> int:
    """Add places to a store, replacing those whose id it has."""
    count = 0
    for place, names in records:
        db.execute("DELETE FROM names WHERE place IN (SELECT rowid FROM places WHERE id = ?)",
                   (place.id,))
        cur = db.execute(f"INSERT OR REPLACE INTO places ({_COLUMNS}) VALUES "
                         "(?,?,?,?,?,?,?,?,?,?,?,?)",
                         (place.id, place.name, place.latitude, place.longitude,
                          place.country_code, place.kind, place.feature, place.admin1,
                          place.population, place.source, place.seat_latitude,
                          place.seat_longitude))
        count += 1
        if not cur.rowcount:
            continue
        rowid = cur.lastrowid
        db.executemany("INSERT INTO names VALUES (?,?,?,?)",
                       [(k, rowid, n, place.country_code) for k, n in _keys(names).items()])
    return count


def _write_index(db: sqlite3.Connection, fingerprint: str) -> None:
    db.execute("DROP INDEX IF EXISTS names_country")
    db.execute(_INDEXES)
    # Folded keys are ASCII: SQLite's order is Python's.
    index = NameIndex.from_sorted(db.execute("SELECT key, place FROM names ORDER BY key, place"))
    max_words = max((k.count(" ") + 1 for k in index), default=1)
    # Leading words of many-word names: spotting stops extending a span that starts none.
    prefixes = sorted({" ".join(words[:n]) for words in (k.split() for k in index if " " in k)
                       for n in range(1, len(words))})
    blobs = (*index.blobs(), SortedKeys(prefixes).blob())
    codes = frozenset(c for (c,) in db.execute("SELECT DISTINCT country_code FROM places") if c)
    db.execute("DELETE FROM meta WHERE key = 'index'")  # the dict an older version wrote
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
        ("schema", SCHEMA_VERSION), ("fingerprint", fingerprint),
        *zip(_INDEX_BLOBS, blobs, strict=True), ("checksum", _checksum(*blobs)),
        ("countries", marshal.dumps(_country_names(db))),
        ("country_codes", marshal.dumps(codes)),
        ("max_words", str(max_words)),
        ("built", time.strftime("%Y-%m-%dT%H:%M:%S")),
    ])
    db.commit()


def _country_names(db: sqlite3.Connection) -> dict[str, str | tuple[str, ...]]:
    """Each folded name of a country, to its code; to the codes of all the countries that
    share it, unless one of them has it as its main name."""
    countries = {rowid: (code, fold(name)) for rowid, code, name in db.execute(
        "SELECT rowid, country_code, name FROM places WHERE kind = 'country'")}
    index: dict[str, list[int]] = {}
    for key, place in db.execute("SELECT key, place FROM names WHERE place IN "
                                 "(SELECT rowid FROM places WHERE kind = 'country')"):
        index.setdefault(key, []).append(place)
    out: dict[str, str | tuple[str, ...]] = {}
    for key, rowids in sorted(index.items()):
        codes = sorted({countries[r][0] for r in rowids if r in countries})
        main = [countries[r][0] for r in rowids if r in countries and countries[r][1] == key]
        if len(codes) == 1 or len(set(main)) == 1:
            out[key] = main[0] if main else codes[0]
        elif codes:
            out[key] = tuple(codes)
    return out


# Answers a `SortedKeys` keeps, at most (then it starts again)
_KNOWN_KEPT = 100_000


class SortedKeys:
    """A set of folded names as one sorted list, searched by bisection: it loads from its
    file in a tenth of the time a set or dict takes to unmarshal (start-up is most of a
    short run), and takes less memory. The answers to the words a run asks of it are
    kept: spotting asks of the same capitalised words again and again ("Police", "State",
    the places of the story), nine times in ten in a run over wire copy."""

    __slots__ = ("_known", "keys")

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self._known: dict[str, bool] = {}

    @classmethod
    def from_blob(cls, blob: bytes) -> SortedKeys:
        return cls(blob.decode("utf-8").split("\n") if blob else [])

    def blob(self) -> bytes:
        return "\n".join(self.keys).encode("utf-8")

    def _at(self, key: str) -> int:
        """The position of *key*, or -1."""
        i = bisect.bisect_left(self.keys, key)
        return i if i < len(self.keys) and self.keys[i] == key else -1

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        known = self._known.get(key)
        if known is None:
            if len(self._known) >= _KNOWN_KEPT:
                self._known.clear()
            known = self._known[key] = self._at(key) >= 0
        return known

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)


class NameIndex(SortedKeys):
    """Folded names to the rowids of their places: the sorted names, and beside them the
    rowids of all names end to end with where each name's start."""

    __slots__ = ("offsets", "rowids")

    def __init__(self, keys: list[str], offsets: array.array, rowids: array.array) -> None:
        super().__init__(keys)
        if len(offsets) != len(keys) + 1 or (keys and offsets[-1] != len(rowids)):
            raise ValueError("the name index's parts do not fit together")
        self.offsets, self.rowids = offsets, rowids

    @classmethod
    def from_dict(cls, index: dict[str, Any]) -> NameIndex:
        """From a dict of name to rowids (a list, a tuple or one int)."""
        keys = sorted(index)
        offsets, rowids = array.array("i", [0]), array.array("i")
        for key in keys:
            ids = index[key]
            rowids.extend(dict.fromkeys((ids,) if isinstance(ids, int) else ids))
            offsets.append(len(rowids))
        return cls(keys, offsets, rowids)

    @classmethod
    def from_sorted(cls, rows: Iterable[tuple[str, int]]) -> NameIndex:
        """From (name, rowid) pairs in order of name, then rowid."""
        keys: list[str] = []
        offsets, rowids = array.array("i"), array.array("i")
        for key, rowid in rows:
            if not keys or key != keys[-1]:
                keys.append(key)
                offsets.append(len(rowids))
            elif rowid == rowids[-1]:
                continue
            rowids.append(rowid)
        offsets.append(len(rowids))
        return cls(keys, offsets, rowids)

    @classmethod
    def from_blobs(cls, keys: bytes, offsets: bytes, rowids: bytes) -> NameIndex:
        parts = []
        for blob in (offsets, rowids):
            part = array.array("i")
            part.frombytes(blob)
            parts.append(part)
        return cls(SortedKeys.from_blob(keys).keys, *parts)

    def blobs(self) -> tuple[bytes, bytes, bytes]:
        return self.blob(), self.offsets.tobytes(), self.rowids.tobytes()

    def ids(self, key: str) -> tuple[int, ...]:
        i = self._at(key)
        return () if i < 0 else tuple(self.rowids[self.offsets[i]:self.offsets[i + 1]])

    def items(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        for i, key in enumerate(self.keys):
            yield key, tuple(self.rowids[self.offsets[i]:self.offsets[i + 1]])


def _checksum(*blobs: bytes) -> str:
    # crc32 finds the damage a disk or an interrupted copy does, at 5 ms for the index.
    crc = 0
    for blob in blobs:
        crc = zlib.crc32(blob, crc)
    return f"crc32:{crc:08x}"
