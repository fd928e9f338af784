from __future__ import annotations

from types import SimpleNamespace

import pytest

from conflictmap.exceptions import GeocoderUnavailable
from conflictmap.gazetteer import Gazetteer
from conflictmap.gazetteer.online import OnlineGeocoder


class FakeNominatim:
    """Stands in for geopy's Nominatim: no network."""

    def __init__(self):
        self.calls = []

    def geocode(self, query, exactly_one=True, **kwargs):
        self.calls.append((query, kwargs))
        if query == "Tell Khazna":
            return SimpleNamespace(latitude=36.3, longitude=40.9, address="Tell Khazna, Syria",
                                   raw={"osm_id": 123, "address": {"country_code": "sy"}})
        return None


def test_online_answers_are_cached_and_rate_limited(tmp_path):
    fake = FakeNominatim()
    geo = OnlineGeocoder("nominatim", cache_dir=tmp_path, geocoder=fake, min_delay=0)
    first = geo.geocode("Tell Khazna", country="SY")
    assert first[0].country_code == "SY" and first[0].id == "nominatim:123"
    assert geo.geocode("Tell Khazna", country="SY") == first
    assert geo.geocode("Nowhere") == [] and geo.geocode("Nowhere") == []
    assert [c[0] for c in fake.calls] == ["Tell Khazna", "Nowhere"]
    assert fake.calls[0][1] == {"country_codes": "sy"}


def test_gazetteer_asks_online_only_for_unknown_names(tmp_path, tiny_gazetteer):
    fake = FakeNominatim()
    gaz = Gazetteer(tiny_gazetteer.stores,
                    geocoder=OnlineGeocoder("nominatim", cache_dir=tmp_path, geocoder=fake,
                                            min_delay=0))
    assert gaz.lookup("Q-West")[0].place.id == "geonames:8000001"
    assert fake.calls == []
    assert gaz.lookup("Tell Khazna", fuzzy=False)  # in the dump only as a farm: not indexed
    assert gaz.lookup("Tell Khazna", fuzzy=False)[0].place.id.startswith(("nominatim", "geonames"))


def test_geocoder_errors_are_translated(tmp_path):
    from geopy.exc import GeocoderServiceError

    class Broken:
        def geocode(self, *a, **k):
            raise GeocoderServiceError("down")

    geo = OnlineGeocoder("nominatim", cache_dir=tmp_path, geocoder=Broken(), min_delay=0)
    with pytest.raises(GeocoderUnavailable, match="nominatim: down"):
        geo.geocode("Somewhere")


def test_unknown_service(tmp_path):
    with pytest.raises(GeocoderUnavailable, match="unknown service"):
        OnlineGeocoder("bing", cache_dir=tmp_path, geocoder=object())
