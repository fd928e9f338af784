"""The opt-in online fallback: geopy's Nominatim or GeoNames web service.

Off by default. Answers are rate limited (one request a second, as Nominatim's policy
asks) and kept in an on-disk cache, so a name is asked once.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path

from conflictmap.exceptions import GeocoderUnavailable
from conflictmap.gazetteer.place import Place

__all__ = ["SERVICES", "OnlineGeocoder"]

log = logging.getLogger(__name__)

SERVICES = ("nominatim", "geonames")
_USER_AGENT = "conflictmap (https://pypi.org/project/conflictmap)"


class OnlineGeocoder:
    """Names to places through an online service, cached on disk.

    Parameters
    ----------
    service
        ``"nominatim"`` or ``"geonames"`` (the latter needs ``$GEONAMES_USERNAME``).
    cache_dir
        Where ``online-cache.sqlite`` is kept.
    geocoder
        A geopy geocoder to use instead of building one (tests pass a mock).
    min_delay
        Seconds between two requests.
    """

    def __init__(self, service: str, *, cache_dir: Path, geocoder: object | None = None,
                 min_delay: float = 1.0) -> None:
        if service not in SERVICES:
            raise GeocoderUnavailable(f"unknown service {service!r}; use one of {SERVICES}")
        self.service = service
        self.min_delay = min_delay
        self._geocoder = geocoder if geocoder is not None else _make_geocoder(service)
        self._last = 0.0
        #: Why the service failed, once it has: it is not asked again in this run.
        self.failed = ""
        self._lock = threading.Lock()
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(Path(cache_dir) / "online-cache.sqlite",
                                   check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS answers "
                         "(service TEXT, query TEXT, country TEXT, answer TEXT, "
                         "PRIMARY KEY (service, query, country))")

    def geocode(self, name: str, *, country: str | None = None) -> list[Place]:
        """Places for *name* (at most one), from the cache or the service.

        When the service cannot be reached, this warns once and answers from the cache
        only for the rest of the run, so an offline machine keeps the offline result.
        """
        row = self._db.execute(
            "SELECT answer FROM answers WHERE service=? AND query=? AND country=?",
            (self.service, name, country or "")).fetchone()
        if row is not None:
            return [Place(**p) for p in json.loads(row[0])]
        if self.failed:
            return []
        try:
            places = self._ask(name, country)
        except GeocoderUnavailable as err:
            # No network, or the service is down: one warning, then the offline answers.
            log.warning("%s; going on offline (names the gazetteer lacks stay unresolved)",
                        err)
            self.failed = str(err)
            return []
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?,?,?,?)",
                             (self.service, name, country or "",
                              json.dumps([_as_dict(p) for p in places])))
        return places

    def _ask(self, name: str, country: str | None) -> list[Place]:
        from geopy.exc import GeopyError

        with self._lock:
            wait = self._last + self.min_delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                kwargs = {"country_codes": country.lower()} if country and \
                    self.service == "nominatim" else {"country": country} if country else {}
                location = self._geocoder.geocode(name, exactly_one=True, **kwargs)
            except GeopyError as err:
                raise GeocoderUnavailable(f"{self.service}: {err}") from err
            finally:
                self._last = time.monotonic()
        if location is None:
            return []
        raw = getattr(location, "raw", {}) or {}
        ident = (raw.get("osm_id") or raw.get("geonameId")
                 or f"{location.latitude},{location.longitude}")
        cc = (raw.get("address", {}).get("country_code") or raw.get("countryCode")
              or country or "").upper()
        return [Place(id=f"{self.service}:{ident}", name=str(location.address).split(",")[0],
                      latitude=float(location.latitude), longitude=float(location.longitude),
                      country_code=cc, kind="city", feature="online result",
                      source=self.service)]


def _as_dict(place: Place) -> dict:
    return {f: getattr(place, f) for f in Place.__slots__}


def _make_geocoder(service: str) -> object:
    from geopy.geocoders import GeoNames, Nominatim

    if service == "nominatim":
        return Nominatim(user_agent=_USER_AGENT, timeout=10)
    username = os.environ.get("GEONAMES_USERNAME")
    if not username:
        raise GeocoderUnavailable("the GeoNames web service needs $GEONAMES_USERNAME")
    return GeoNames(username=username, timeout=10)
