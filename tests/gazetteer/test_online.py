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


class Broken:
    """A service that cannot be reached, as with no network."""

    def __init__(self):
        self.calls = 0

    def geocode(self, *a, **k):
        from geopy.exc import GeocoderServiceError

        self.calls += 1
        raise GeocoderServiceError("down")


def test_an_unreachable_service_warns_once_and_goes_on_offline(tmp_path, caplog):
    broken = Broken()
    geo = OnlineGeocoder("nominatim", cache_dir=tmp_path, geocoder=broken, min_delay=0)
    assert geo.geocode("Somewhere") == [] and geo.geocode("Elsewhere") == []
    assert broken.calls == 1
    assert geo.failed == "nominatim: down"
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "going on offline" in warnings[0].getMessage()


def test_cli_online_without_network_keeps_the_offline_result(monkeypatch, tmp_path, capsys,
                                                              caplog, gazetteer):
    from conflictmap import cli
    from conflictmap.gazetteer import online

    monkeypatch.setattr(online, "_make_geocoder", lambda service: Broken())
    article = tmp_path / "a.txt"
    article.write_text("Rockets struck Ramadi and the hamlet of Zzyzx Farm on Monday.",
                       encoding="utf-8")
    code = cli.main(["places", str(article), "--format", "json", "--online", "nominatim"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert '"name": "Ramadi"' in out and "going on offline" in caplog.text


def test_unknown_service(tmp_path):
    with pytest.raises(GeocoderUnavailable, match="unknown service"):
        OnlineGeocoder("bing", cache_dir=tmp_path, geocoder=object())
