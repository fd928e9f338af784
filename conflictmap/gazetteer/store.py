"""The on-disk gazetteer: one SQLite file of places and a folded-name index.

A store is written to a temporary file beside its final path and moved into place, so
two processes building at once never see a half-written file: the last one wins, and
both have a whole store.
"""
from __future__ import annotations

import logging
import marshal
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from conflictmap._names import fold
from conflictmap.exceptions import GazetteerError
from conflictmap.gazetteer.place import Place
from conflictmap.gazetteer.sources.base import Record, Source

__all__ = ["SCHEMA_VERSION", "PlaceStore"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = "2"
_COLUMNS = "id, name, latitude, longitude, country_code, kind, feature, admin1, population, source"
_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE places (rowid INTEGER PRIMARY KEY, {_COLUMNS.replace('id,', 'id UNIQUE,', 1)});
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, name TEXT NOT NULL,
                    country_code TEXT NOT NULL);
"""
_INDEXES = "CREATE INDEX names_country ON names (country_code, key);"
# Folded keys shorter than this are too likely to be words; known short aliases pass.
_MIN_KEY = 3
_SHORT_KEYS = frozenset({"us", "uk", "usa", "uae", "drc"})

Progress = Callable[[str], None]


class PlaceStore:
    """Places and a folded-name index, read from one SQLite file.

    Parameters
    ----------
    path
        The store's file. Opening checks the schema and loads the name index; a file
        that is not a store raises `GazetteerError`.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                       check_same_thread=False)
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
            if meta.get("schema") != SCHEMA_VERSION:
                raise GazetteerError(f"{self.path}: schema {meta.get('schema')!r}, "
                                     f"expected {SCHEMA_VERSION}")
            self.index: dict[str, int | tuple[int, ...]] = marshal.loads(meta["index"])
            self.prefixes: frozenset[str] = marshal.loads(meta["prefixes"])
        except (sqlite3.Error, KeyError, ValueError, EOFError, TypeError) as err:
            raise GazetteerError(f"{self.path}: not a readable gazetteer store ({err})") from err
        self.fingerprint: str = meta.get("fingerprint", "")
        self.max_words: int = int(meta.get("max_words", 6))
        self._cache: dict[int, Place] = {}
        self._by_country: dict[str, tuple[list[str], list[int]]] = {}

    def __repr__(self) -> str:
        return f"<PlaceStore {self.path} {len(self.index)} names>"

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM places").fetchone()[0]

    def ids(self, key: str) -> tuple[int, ...]:
        found = self.index.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found

    def places(self, rowids: Iterable[int]) -> list[Place]:
        rowids = list(rowids)
        missing = [r for r in rowids if r not in self._cache]
        if missing:
            marks = ",".join("?" * len(missing))
            for row in self._db.execute(
                    f"SELECT rowid, {_COLUMNS} FROM places WHERE rowid IN ({marks})", missing):
                self._cache[row[0]] = Place(*row[1:])
        return [self._cache[r] for r in rowids if r in self._cache]

    def get(self, place_id: str) -> Place | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM places WHERE id = ?",
                               (place_id,)).fetchone()
        return Place(*row) if row else None

    def names_in(self, country_code: str) -> tuple[list[str], list[int]]:
        """Every key of a country and the rowid of its place, for fuzzy matching."""
        if country_code not in self._by_country:
            rows = self._db.execute("SELECT key, place FROM names WHERE country_code = ?",
                                    (country_code,)).fetchall()
            self._by_country[country_code] = ([k for k, _ in rows], [r for _, r in rows])
        return self._by_country[country_code]

    def close(self) -> None:
        self._db.close()

    # -- building -----------------------------------------------------------------------

    @classmethod
    def build(cls, path: Path, sources: Sequence[Source], *, fingerprint: str,
              progress: Progress | None = None) -> PlaceStore:
        """Write a new store at *path* from *sources*, atomically."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            db = sqlite3.connect(tmp)
            db.executescript(_SCHEMA)
            _write(db, _all_records(sources, progress), fingerprint=fingerprint)
            db.close()
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return cls(path)

    @classmethod
    def append(cls, path: Path, source: Source) -> tuple[PlaceStore, int]:
        """Add *source*'s places to the store at *path* (made if absent); a place whose
        id is already there is replaced. Returns the store and how many places were read."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        new = not path.exists()
        db = sqlite3.connect(path, timeout=60)
        try:
            with db:
                if new:
                    db.executescript(_SCHEMA)
                count = _write(db, _all_records([source], None), fingerprint="user",
                               replace=True)
        finally:
            db.close()
        return cls(path), count


def _all_records(sources: Sequence[Source], progress: Progress | None) -> Iterator[Record]:
    for source in sources:
        started = time.perf_counter()
        if progress:
            progress(f"reading {source.name}")
        yield from source.records()
        log.info("gazetteer source %s read in %.1f s", source.name,
                 time.perf_counter() - started)


def _write(db: sqlite3.Connection, records: Iterator[Record], *, fingerprint: str,
           replace: bool = False) -> int:
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    count = 0
    for place, names in records:
        if replace:
            db.execute("DELETE FROM names WHERE place IN (SELECT rowid FROM places WHERE id = ?)",
                       (place.id,))
        cur = db.execute(f"{verb} INTO places ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                         (place.id, place.name, place.latitude, place.longitude,
                          place.country_code, place.kind, place.feature, place.admin1,
                          place.population, place.source))
        count += 1
        if not cur.rowcount:
            continue
        rowid = cur.lastrowid
        keys = {}
        for name in names:
            key = fold(name)
            if len(key) >= _MIN_KEY or key in _SHORT_KEYS:
                keys.setdefault(key, name)
        db.executemany("INSERT INTO names VALUES (?,?,?,?)",
                       [(k, rowid, n, place.country_code) for k, n in keys.items()])
    _write_index(db, fingerprint)
    return count


def _write_index(db: sqlite3.Connection, fingerprint: str) -> None:
    db.execute("DROP INDEX IF EXISTS names_country")
    db.execute(_INDEXES)
    index: dict[str, list[int]] = {}
    for key, place in db.execute("SELECT key, place FROM names ORDER BY key, place"):
        index.setdefault(key, []).append(place)
    packed = {k: v[0] if len(v) == 1 else tuple(dict.fromkeys(v)) for k, v in index.items()}
    max_words = max((k.count(" ") + 1 for k in packed), default=1)
    # Leading words of many-word names: spotting stops extending a span that starts none.
    prefixes = frozenset(" ".join(words[:n]) for words in (k.split() for k in packed if " " in k)
                         for n in range(1, len(words)))
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
        ("schema", SCHEMA_VERSION), ("fingerprint", fingerprint),
        ("index", marshal.dumps(packed)), ("prefixes", marshal.dumps(prefixes)),
        ("max_words", str(max_words)),
        ("built", time.strftime("%Y-%m-%dT%H:%M:%S")),
    ])
    db.commit()
