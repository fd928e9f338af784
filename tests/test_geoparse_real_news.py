"""The failure classes that real news shows the resolver (issue 9), on sentences of our own:
areas at their own point, names no administrative gazetteer holds, ranking by the
article's context, demonyms, abbreviations, and the English names analysts write."""
from __future__ import annotations

import math

import pytest

from conflictmap import extract_events
from conflictmap.resolve import geoparse, resolve


def _km(lat1, lon1, lat2, lon2):
    p = math.radians
    a = (math.sin(p(lat2 - lat1) / 2) ** 2
         + math.cos(p(lat1)) * math.cos(p(lat2)) * math.sin(p(lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(a))


def _one(gazetteer, text, name):
    """*name*'s mention, resolved with the text's other place names as its context."""
    spans = [(m.start, m.end) for m in geoparse(text, gazetteer=gazetteer)
             if not m.adjectival and name not in m.text and m.text not in name]
    start = text.index(name)
    spans = sorted([*spans, (start, start + len(name))])
    mentions = resolve(text, spans, gazetteer=gazetteer)
    (mention,) = [m for m in mentions if m.start == start]
    return mention


# -- 1. an area is at its own point; an event known only to it, at its seat -------------

@pytest.mark.parametrize("text, name, middle", [
    ("Washington said the United States would send more aid.", "United States",
     (39.8, -98.6)),
    ("Russia moved more troops to its western border.", "Russia", (60.0, 100.0)),
    ("Heavy rain flooded roads across Texas overnight.", "Texas", (31.3, -99.3)),
    ("Insurgents remain active in the deserts of Anbar province.", "Anbar", (33.0, 42.3)),
    # large provinces whose towns lie in their south: the area's middle, not its towns'
    ("Wildfires forced evacuations across Ontario, in Canada.", "Ontario", (50.0, -85.5)),
    ("Snow closed the highways of Alaska for a week.", "Alaska", (64.0, -152.0)),
])
def test_an_area_resolves_to_its_own_point_not_its_capital(gazetteer, text, name, middle):
    place = _one(gazetteer, text, name).place
    assert place.kind in ("country", "admin1")
    assert _km(place.latitude, place.longitude, *middle) < 161
    # ... and keeps its seat, where an event known only to the area is drawn
    assert place.seat_latitude is not None and place.event_point != (place.latitude,
                                                                      place.longitude)


def test_an_event_known_only_to_a_province_is_drawn_at_its_seat(gazetteer):
    text = "Gunmen attacked an army checkpoint in Anbar province on Monday, killing two soldiers."
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    anbar = gazetteer.get(event.place_id)
    assert anbar.kind == "admin1" and event.geo_precision == 3
    assert (event.latitude, event.longitude) == anbar.event_point
    assert _km(event.latitude, event.longitude, 33.42, 43.30) < 25  # Ramadi


def test_a_country_event_is_drawn_at_its_capital(gazetteer):
    text = "Militants attacked a convoy in Mali on Tuesday, the army said."
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert event.location == "Mali" and event.geo_precision == 3
    assert _km(event.latitude, event.longitude, 12.65, -8.0) < 25  # Bamako


# -- 2. names with no administrative row ------------------------------------------------

@pytest.mark.parametrize("text, name, kind", [
    ("Tensions are rising across the Middle East.", "Middle East", "region"),
    ("Leaders from Europe and Africa met on Friday.", "Europe", "region"),
    ("Famine threatens millions across the Sahel.", "Sahel", "region"),
    ("The militia burned villages in Darfur last year.", "Darfur", "region"),
    ("Rebels shelled Eastern Ghouta again.", "Eastern Ghouta", "region"),
    ("A drone fell near the Golan Heights.", "Golan Heights", "region"),
    ("The EU agreed new sanctions on Monday.", "EU", "region"),
    ("A tanker was hit in the Red Sea on Sunday.", "Red Sea", "water"),
    ("Pirates seized a ship in the Gulf of Aden.", "Gulf of Aden", "water"),
    ("The dam on the Euphrates is at risk.", "Euphrates", "water"),
])
def test_regions_and_waters_resolve_to_their_own_kind(gazetteer, text, name, kind):
    place = _one(gazetteer, text, name).place
    assert place is not None and place.kind == kind, place


def test_a_sea_is_never_the_province_that_shares_its_name(gazetteer):
    text = "Egypt sent patrol boats into the Red Sea after the attack."
    assert _one(gazetteer, text, "Red Sea").place.kind == "water"
    text = "Flash floods hit the Red Sea governorate of Egypt."
    assert _one(gazetteer, text, "Red Sea").place.kind == "admin1"


def test_an_incident_at_sea_is_located_there_but_a_macro_region_locates_nothing(gazetteer):
    text = "A missile struck a cargo ship in the Gulf of Aden on Sunday."
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert event.location == "Gulf of Aden" and event.geo_precision == 3
    text = "Drone attacks have spread across the Middle East this year."
    events = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert all(e.location != "Middle East" for e in events)


# -- 3. ranking by the article's context ------------------------------------------------

def test_a_us_state_read_with_its_cities_beats_the_country_of_the_same_name(gazetteer):
    text = ("Storms knocked out power in Atlanta and Savannah. Georgia's governor declared "
            "an emergency.")
    place = next(m.place for m in geoparse(text, gazetteer=gazetteer) if m.text == "Georgia")
    assert place.kind == "admin1" and place.country_code == "US"
    text = "Protesters gathered in Tbilisi and Batumi. Georgia's parliament passed the law."
    place = next(m.place for m in geoparse(text, gazetteer=gazetteer) if m.text == "Georgia")
    assert place.kind == "country" and place.country_code == "GE"


def test_a_name_does_not_count_as_its_own_context(gazetteer):
    # Only "Georgia" names a country here; it must not vote for its own country reading
    # against the state that the rest of the story is about.
    text = "Georgia lawmakers met in Macon and Augusta to debate the budget."
    place = next(m.place for m in geoparse(text, gazetteer=gazetteer) if m.text == "Georgia")
    assert place.country_code == "US"


@pytest.mark.parametrize("text, name, country", [
    ("Snow closed schools in Russia, Ohio, and in nearby Sidney.", "Russia", "US"),
    ("Talks with Russia resumed in Geneva; officials in Ohio watched.", "Russia", "RU"),
    ("Flights to Moscow resumed, a Pittsburgh airline said.", "Moscow", "RU"),
])
def test_a_village_does_not_beat_a_country_or_a_capital_on_context_alone(
        gazetteer, text, name, country):
    place = next(m.place for m in geoparse(text, gazetteer=gazetteer) if m.text == name)
    assert place.country_code == country


def test_a_state_read_in_the_first_pass_is_context_for_its_towns(gazetteer):
    # "Virginia" is the state, not the South African town of that name; once read so,
    # it speaks for the Alexandria that lies in it.
    text = "The school board in Alexandria met on Monday. Officials across Virginia praised it."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Alexandria", "Virginia")]
    alexandria, virginia = resolve(text, spans, gazetteer=gazetteer)
    assert (virginia.place.kind, virginia.place.country_code) == ("admin1", "US")
    assert (alexandria.place.country_code, alexandria.place.admin1) == ("US", "Virginia")


@pytest.mark.parametrize("text, names, state", [
    ("Winston County officials said the fire began near Jasper and spread toward "
     "Russellville.", ("Winston County", "Jasper", "Russellville"), "Alabama"),
    ("Deputies in Walker County arrested two men after a chase from Huntsville to "
     "Madisonville on Tuesday.", ("Walker County", "Huntsville", "Madisonville"), "Texas"),
])
def test_names_that_settle_each_other_are_read_until_they_agree(gazetteer, text, names,
                                                               state):
    # Each pass reads the names against the places the pass before found: one pass
    # pulls Jasper to Arkansas and Winston County to Mississippi; more settle all three.
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    out = resolve(text, spans, gazetteer=gazetteer)
    assert [(m.place.country_code, m.place.admin1) for m in out] == [("US", state)] * 3


def test_a_town_and_its_state_after_a_comma(gazetteer):
    text = "A tornado damaged homes in Paris, Texas, on Tuesday night."
    place = next(m.place for m in geoparse(text, gazetteer=gazetteer) if m.text == "Paris")
    assert place.country_code == "US" and place.admin1 == "Texas"


def test_a_small_namesake_outside_the_province_named_is_doubted(gazetteer):
    # The article names its town and state; a village of the same name as a later
    # neighbourhood, hundreds of kilometres away in another state, is no reading of it.
    text = "Gunmen killed two men in Temixco, Morelos, on Sunday and burned a shop in Bosque."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Temixco", "Morelos", "Bosque")]
    temixco, _, bosque = resolve(text, spans, gazetteer=gazetteer)
    assert temixco.place.admin1 == "Morelos"
    # given as a place, it is located at the story's town, not at the far village
    assert bosque.place.id.startswith("near:") and bosque.reason.startswith("doubtful")
    assert bosque.place.admin1 == "Morelos"
    assert "Bosque" not in {m.text for m in geoparse(text, gazetteer=gazetteer) if m.place}
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-05-06").events
    assert event.location == "Temixco"


def test_a_village_namesake_in_another_province_is_doubted(gazetteer):
    # A neighbourhood of the town named is no village 200 km away in another state.
    text = ("Gunmen killed two men in Temixco, Morelos, on Sunday and burned a shop in "
            "El Refugio.")
    spans = [(text.index(n), text.index(n) + len(n))
             for n in ("Temixco", "Morelos", "El Refugio")]
    *_, refugio = resolve(text, spans, gazetteer=gazetteer)
    assert refugio.reason.startswith("doubtful") and refugio.place.admin1 == "Morelos"
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found.get("El Refugio") is None


def test_a_far_city_found_by_a_near_spelling_is_weighed_again_against_the_story(gazetteer):
    # "Nafaa" is spelt near Naha; the first pass has no story to doubt it by, the second
    # knows the article is in Yemen.
    text = "Houthi forces shelled Nafaa area in Qaatabah district of Ad Dali, wounding a child."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found.get("Nafaa") is None
    assert {p.country_code for p in found.values() if p} == {"YE"}


def test_a_word_of_a_longer_spanish_name_is_no_place_of_its_own(gazetteer):
    # "Lagos del Norte" is a hamlet the gazetteer does not know: its first word is not
    # Nigeria's Lagos.
    text = "Police found two bodies near Lagos del Norte, a hamlet of Jalisco, on Friday."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found.get("Lagos") is None and found["Jalisco"].country_code == "MX"


def test_an_armed_group_tells_whose_province_the_story_is_in(gazetteer):
    # Sucre is a department of Colombia and a state of Venezuela; FARC dissidents are
    # Colombia's.
    text = "FARC dissidents killed two soldiers in La Quebrada (Sucre) on Tuesday."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert (found["Sucre"].kind, found["Sucre"].country_code) == ("admin1", "CO")


def test_a_state_named_after_a_town_is_the_state_not_its_capital(gazetteer):
    # São Luís is also called "São Luís do Maranhão"; "Maranhao" names the state, and is
    # no evidence for itself that the capital lies in the state named.
    text = "On 5 March 2024, in Santa Helena municipality (Maranhao), a guard was shot."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert (found["Maranhao"].kind, found["Maranhao"].country_code) == ("admin1", "BR")
    assert found["Santa Helena"].admin1 == "Maranhao"


def test_a_name_in_brackets_after_an_unknown_village_is_its_area(gazetteer):
    # "Pileta" is no gazetteer's; "(Sucre)" after it is an area, and the Gulf Clan is
    # Colombia's: the department, not Bolivia's capital.
    text = ("On 30 June 2024, in Pileta (Sucre), an off-duty police officer was shot by Gulf "
            "Clan members.")
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert (found["Sucre"].kind, found["Sucre"].country_code) == ("admin1", "CO")


@pytest.mark.parametrize("text, name", [
    ("On 9 February 2024, a bomb was thrown at a house in Rio Negro corregimiento (Huila, "
     "Colombia).", "Rio Negro"),
    ("On 24 January 2024, in San Martin, San Salvador, gang members abducted a man.",
     "San Martin"),
])
def test_a_province_abroad_is_not_a_place_inside_the_area_named_after_it(gazetteer, text, name):
    # Argentina's Rio Negro and Peru's San Martin are provinces of other countries than
    # the area named after them.
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    place = found.get(name)
    assert place is None or place.kind != "admin1"


# -- 4. demonyms ------------------------------------------------------------------------

def test_demonyms_in_free_text_are_adjectival_mentions_that_locate_nothing(gazetteer):
    text = "Sudanese troops clashed with a militia near the Chadian border on Monday."
    mentions = geoparse(text, gazetteer=gazetteer)
    by_text = {m.text: m for m in mentions}
    assert by_text["Sudanese"].adjectival and by_text["Sudanese"].place.country_code == "SD"
    assert by_text["Chadian"].adjectival and by_text["Chadian"].place.country_code == "TD"
    events = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert all(e.country_code not in ("SD", "TD") or not e.located for e in events)


def test_a_region_s_demonym_is_that_region(gazetteer):
    text = "European ministers met West African leaders in Accra."
    by_text = {m.text: m for m in geoparse(text, gazetteer=gazetteer)}
    assert by_text["European"].place.name == "Europe" and by_text["European"].adjectival
    assert by_text["West African"].place.name == "West Africa"
    assert _one(gazetteer, text, "European").place.kind == "region"


def test_a_state_s_or_province_s_demonym_is_that_area(gazetteer):
    text = ("Ohioans and Texans queued to vote on Tuesday, while Tigrayan fighters pulled "
            "back from two towns.")
    by_text = {m.text: m for m in geoparse(text, gazetteer=gazetteer)}
    assert (by_text["Ohioans"].place.name, by_text["Ohioans"].place.kind) == ("Ohio", "admin1")
    assert by_text["Texans"].place.name == "Texas" and by_text["Texans"].adjectival
    assert by_text["Tigrayan"].place.country_code == "ET" and by_text["Tigrayan"].adjectival


def test_a_demonym_inside_a_place_name_is_not_a_second_mention(gazetteer):
    text = "Fighting spread to Iraqi Kurdistan last week."
    texts = [m.text for m in geoparse(text, gazetteer=gazetteer)]
    assert "Iraqi" not in texts


# -- 5. abbreviations -------------------------------------------------------------------

@pytest.mark.parametrize("text, name, state", [
    ("The plant in Charleston, W.Va., closed on Friday.", "W.Va.", "West Virginia"),
    ("Police in Louisville, Ky., arrested two men.", "Ky.", "Kentucky"),
    ("A fire in Fresno, Calif., burned 200 acres.", "Calif.", "California"),
    ("Officials in Washington, D.C., said nothing.", "D.C.", "District of Columbia"),
    ("The flood reached Kamloops, B.C., by noon.", "B.C.", "British Columbia"),
    ("Crews in Prince George, BC, cleared the road.", "BC", "British Columbia"),
    ("Bushfires neared Newcastle, NSW, on Sunday.", "NSW", "New South Wales"),
])
def test_state_abbreviations(gazetteer, text, name, state):
    assert _one(gazetteer, text, name).place.name == state
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found[name] is not None and found[name].name == state


def test_us_keeps_its_period(gazetteer):
    text = "The U.S. said on Monday it would respond."
    (mention,) = [m for m in geoparse(text, gazetteer=gazetteer) if m.place]
    assert mention.text == "U.S." and text[mention.start:mention.end] == "U.S."


# -- the names analysts write -----------------------------------------------------------

@pytest.mark.parametrize("text, name, english", [
    ("Shelling hit towns across Donetsk Oblast.", "Donetsk Oblast", "Donetsk"),
    ("Fighting continued in the Kharkiv region.", "Kharkiv", "Kharkiv"),
    ("A strike hit a market in Dahuk governorate.", "Dahuk", "Duhok"),
])
def test_provinces_carry_their_english_names(gazetteer, text, name, english):
    place = _one(gazetteer, text, name).place
    assert place.kind == "admin1" and place.name == english


def test_an_event_in_a_town_names_its_province_in_english(gazetteer):
    text = "Russian shelling killed three civilians in Kramatorsk on Monday."
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert event.location == "Kramatorsk" and event.admin1 == "Donetsk"


@pytest.mark.parametrize("text, name, country, admin1", [
    # ACLED's and the press's names where GeoNames' own differ: a curated table.
    ("Clan militias fought near Afgooye in Lower Shabelle on Sunday.", "Afgooye", "SO",
     "Lower Shabelle"),
    ("Houthi forces shelled the outskirts of Taiz city.", "Taiz", "YE", "Taizz"),
    ("Jets struck a market in Maarat al-Numan, south of Idlib.", "Maarat al-Numan", "SY",
     "Idleb"),
    ("Two rockets landed near the airport in Ramadi.", "Ramadi", "IQ", "Al Anbar"),
    ("A roadside bomb hit a patrol near Tal Afar.", "Tal Afar", "IQ", "Ninewa"),
    # Plain letters, the dotless i and the Turkish s-cedilla included.
    ("Soldiers were wounded in a clash near Cizre.", "Cizre", "TR", "Sirnak"),
    # Provinces ACLED divides, as Myanmar's information unit does (MIMU).
    ("The resistance attacked a junta outpost near Lashio.", "Lashio", "MM", "Shan-North"),
    ("Troops torched homes in villages around Taunggyi.", "Taunggyi", "MM", "Shan-South"),
    ("Fighting was reported near Pyay on Tuesday.", "Pyay", "MM", "Bago-West"),
])
def test_a_town_names_its_province_as_acled_does(gazetteer, text, name, country, admin1):
    place = _one(gazetteer, text, name).place
    assert (place.country_code, place.admin1) == (country, admin1)


@pytest.mark.parametrize("text, name, acled", [
    ("Fighting spread across Lower Shabelle region.", "Lower Shabelle", "Lower Shabelle"),
    ("Militias clashed in Shabeellaha Hoose overnight.", "Shabeellaha Hoose", "Lower Shabelle"),
    ("Air strikes hit Saada governorate again.", "Saada", "Sadah"),
    ("Troops moved into Zaporizhzhia Oblast.", "Zaporizhzhia Oblast", "Zaporizhia"),
])
def test_a_province_is_found_by_any_of_its_names_and_given_acleds(gazetteer, text, name,
                                                                  acled):
    place = _one(gazetteer, text, name).place
    assert place.kind == "admin1" and place.admin1 == acled


def test_an_event_in_a_province_takes_acleds_name_for_it(gazetteer):
    text = "Houthi drones struck a market in Saada governorate, Yemen, killing two."
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert (event.admin1, event.country) == ("Sadah", "Yemen")


def test_a_town_in_a_divided_province_is_found_by_the_province_the_article_names(gazetteer):
    text = "Fighting broke out in Shan State near Lashio and Hsipaw."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found["Lashio"].country_code == "MM" and found["Lashio"].admin1 == "Shan-North"


def test_a_curated_site_names_its_province_as_the_divisions_do(gazetteer):
    (candidate,) = gazetteer.lookup("Ain al-Asad Air Base", limit=1)
    assert candidate.place.admin1 == "Al Anbar"


def test_a_list_of_towns_is_not_a_town_and_its_province(gazetteer):
    text = "Protests spread to Baghdad, Basra and Najaf on Friday."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found["Baghdad"] is not None and found["Baghdad"].kind == "city"
    assert found["Basra"].kind == "city"


def test_a_town_followed_by_a_province_it_is_not_in_is_left_unresolved(gazetteer):
    # Towns of this name lie in other provinces; the province after it says which is
    # meant, and a namesake elsewhere is no answer. The province is.
    text = "Shelling hit Troitske, Luhansk region, on Monday."
    found = {m.text: m for m in geoparse(text, gazetteer=gazetteer)}
    troitske = found["Troitske"].place if "Troitske" in found else None
    assert troitske is None or troitske.admin1 == "Luhansk"
    assert found["Luhansk"].place.kind == "admin1"


@pytest.mark.parametrize("text, name", [
    # a town's name inside a longer name it is not ("X Mallam", "X-Seme", "X al Amas")
    ("Soldiers raided Bangui Mallam (Gourma-Rharous, Tombouctou) at dawn.", "Bangui"),
    ("Troops clashed with militants in Dula al Amas (Al Hada, Dhamar) on Sunday.", "Dula"),
])
def test_part_of_a_longer_name_in_another_country_is_no_place(gazetteer, text, name):
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found.get(name) is None


def test_a_town_in_brackets_with_its_district_and_province(gazetteer):
    text = "Gunmen killed two farmers near Gbajimba (Guma, Benue) on Monday."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found["Benue"].kind == "admin1" and found["Benue"].country_code == "NG"
    if found.get("Gbajimba") is not None:
        assert found["Gbajimba"].country_code == "NG"


def test_armed_groups_are_not_the_villages_of_their_names(gazetteer):
    text = "Al Shabaab militants attacked a base near Baraawe on Monday."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert "Al Shabaab" not in found and "Shabaab" not in found


def test_a_province_of_a_foreign_namesake_is_not_the_area_in_brackets(gazetteer):
    text = ("Senegalese troops clashed with rebels in the region of Foni "
            "(Foni Bintang, Brikama, Gambia) on Sunday.")
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found.get("Foni") is None or found["Foni"].country_code == "GM"
    assert found["Brikama"].country_code == "GM"


def test_forces_of_a_country_do_not_locate_the_incident_there(gazetteer):
    text = "On Monday, forces of Russia shelled Kupiansk, Kharkiv region, killing two."
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert event.country_code == "UA"


# -- 6. villages no gazetteer knows ----------------------------------------------------

@pytest.mark.parametrize("text, village, point, precision", [
    ("Turkish drones shelled Umm Al-Kayf village in Hasakeh countryside on Monday, "
     "killing two.", "Umm Al-Kayf", (36.50, 40.75), 2),  # Hasakah, the town
    ("On Friday, rebels shelled the village of Novohnativka, Donetsk, killing a woman.",
     "Novohnativka", (48.02, 37.80), 3),  # the province, drawn at its seat
])
def test_an_unknown_village_is_kept_by_name_and_located_at_its_area(
        gazetteer, text, village, point, precision):
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert event.location == village and event.geo_precision == precision
    assert _km(event.latitude, event.longitude, *point) < 25


def _spans(text, names):
    spans, end = [], 0
    for name in names:
        start = text.index(name, end)
        end = start + len(name)
        spans.append((start, end))
    return spans


def test_a_name_given_as_a_place_that_no_gazetteer_holds_is_at_the_nearest_town(gazetteer):
    # A street, a school, a hamlet: placed at the article's town named nearest to it in
    # the text (before or after it), and said so.
    text = ("Firefighters were called to Calle Quinta Vereda late on Friday, Tegucigalpa's "
            "mayor said. A second blaze broke out on Marlowe Crescent. Winnipeg police said it "
            "was arson.")
    names = ["Calle Quinta Vereda", "Tegucigalpa", "Marlowe Crescent", "Winnipeg"]
    street, tegucigalpa, crescent, winnipeg = resolve(text, _spans(text, names),
                                                      gazetteer=gazetteer)
    for unknown, town in ((street, tegucigalpa), (crescent, winnipeg)):
        assert unknown.place.name == unknown.text and unknown.place.id.startswith("near:")
        assert (unknown.place.latitude, unknown.place.longitude) == (
            town.place.latitude, town.place.longitude)
        assert unknown.place.country_code == town.place.country_code
        assert unknown.reason == ("not in the gazetteer; located at "
                                  f"{town.place.name}, the article's town named nearest to it")


def test_a_name_given_as_a_place_named_after_one_the_article_names_is_at_it(gazetteer):
    # an institution named after a place the article names is at that place; a
    # division of its own ("Madison Township") is not its namesake town
    text = ("Economists at the Central Bank of Kenya warned on Monday that prices in Kenya "
            "would rise. Crews from Madison and Madison Township fought a fire in Ohio.")
    names = ["Central Bank of Kenya", "Kenya", "Madison", "Madison Township", "Ohio"]
    bank, kenya, _, township, _ = resolve(text, _spans(text, names), gazetteer=gazetteer)
    assert bank.place == kenya.place and bank.reason.endswith(
        "named after Kenya, which the article names")
    assert township.place.id.startswith("near:")
    assert township.reason.endswith("the article's town named nearest to it")
    # a people's adjective in a name says nothing of where it is
    text = "French tourists filled the French Quarter of New Orleans on Saturday."
    _, quarter, town = resolve(text, _spans(text, ["French", "French Quarter", "New Orleans"]),
                               gazetteer=gazetteer)
    assert quarter.place.country_code == "US" and quarter.place.id.startswith("near:")


def test_a_name_no_gazetteer_holds_is_at_the_district_when_no_town_is_named(gazetteer):
    text = "Volunteers cleared Quarrymoor Lane on Saturday, Rapides Parish officials said."
    lane, parish = resolve(text, _spans(text, ["Quarrymoor Lane", "Rapides Parish"]),
                           gazetteer=gazetteer)
    assert parish.place.kind == "admin2"
    assert (lane.place.latitude, lane.place.longitude) == (parish.place.latitude,
                                                           parish.place.longitude)
    assert lane.reason.endswith("the article's district named nearest to it")


def test_a_name_no_gazetteer_holds_stays_unresolved_without_a_town_or_an_adjective(gazetteer):
    text = "Qarvenese traders met at Quarrymoor Lane, and later flew to France."
    out = resolve(text, _spans(text, ["Qarvenese", "Quarrymoor Lane", "France"]),
                  gazetteer=gazetteer)
    assert [m.place for m in out[:2]] == [None, None]
    assert out[1].reason == "not in the gazetteer"
    text = "Qarvenese traders met in Oslo."
    adjective, _ = resolve(text, _spans(text, ["Qarvenese", "Oslo"]), gazetteer=gazetteer)
    assert adjective.place is None  # a people's adjective is not a place of the town


def test_a_doubtful_small_namesake_gives_way_to_the_well_known_place(gazetteer):
    # The story's other places are in the US, but a small US Moscow far from all of them
    # is doubtful; the capital of Russia is not.
    text = ("Officials from Dallas and Fort Worth flew to Moscow on Monday for talks, "
            "then returned to Austin.")
    place = next(m.place for m in geoparse(text, gazetteer=gazetteer) if m.text == "Moscow")
    assert place is not None and place.country_code == "RU"


def test_an_ocean_is_not_a_small_town_of_its_name(gazetteer):
    text = "The storm moved over the Atlantic toward Boston and New York."
    place = next(m.place for m in geoparse(text, gazetteer=gazetteer) if m.text == "Atlantic")
    assert place.kind == "water"


def test_a_neighbourhood_is_not_a_far_town_of_its_name(gazetteer):
    text = ("In Salvador (Bahia), gunmen exchanged fire with police in the Palestina "
            "neighborhood on Tuesday, killing two.")
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found.get("Palestina") is None
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert event.location == "Salvador"


def test_a_district_word_does_not_pull_in_a_far_province(gazetteer):
    # No district of this name is known; the province of some far town of that name is
    # not an answer when the text names the province it lies in.
    text = "Shelling hit positions in Yakovlivka district, Donetsk, on Sunday."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    place = found.get("Yakovlivka")
    assert place is None or place.admin1 == "Donetsk"


def test_a_surname_is_a_person_throughout_the_article(gazetteer):
    text = ("The Rev. Roy Jones was named chaplain in Shreveport on Monday. Jones will be paid "
            "by the city, and Michael Brown said Jones was ready.")
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert "Jones" not in found and "Michael" not in found and "Brown" not in found
    assert found["Shreveport"].country_code == "US"


def test_towns_joined_into_a_road_name_do_not_locate_the_incident(gazetteer):
    text = ("On Monday, gunmen ambushed a convoy on the Kabul-Kandahar highway near Qalat, "
            "killing three soldiers.")
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert event.location.startswith("Qal")


def test_a_short_other_name_of_a_far_city_is_not_a_village_of_the_story(gazetteer):
    text = ("Militiamen clashed with troops at Meka kebele in Metema woreda, West Gondar "
            "zone, Amhara region, on Sunday.")
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found.get("Meka") is None or found["Meka"].country_code == "ET"


def test_a_place_inside_an_institution_s_name_is_the_place(gazetteer):
    text = ("Shreveport police said the Rapides Parish Sheriff's Office and the Alexandria "
            "Police Department searched the house. Alexandria officials declined to comment.")
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found["Rapides Parish"].kind == "admin2"
    assert found["Alexandria"].country_code == "US"


def test_a_state_is_not_a_small_town_of_its_name_in_the_same_country(gazetteer):
    text = ("The Indiana Department of Workforce Development said jobless claims rose in "
            "Indianapolis and Fort Wayne.")
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found["Indiana"].kind == "admin1" and found["Indiana"].country_code == "US"


def test_a_county_namesake_in_the_province_of_the_story_s_other_towns(gazetteer):
    # Many states have a Henry County; the one meant lies where the story's towns are.
    text = ("Storms flooded roads in McDonough, Stockbridge and Locust Grove, and Henry "
            "County crews worked overnight.")
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found["Henry County"].admin1 == "Georgia"


def test_a_surname_after_in_is_still_the_place(gazetteer):
    text = ("Mayor Bob Greer spoke on Monday. Police in Greer, S.C., said the road would "
            "reopen.")
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found.get("Greer") is not None and found["Greer"].admin1 == "South Carolina"


def test_a_chain_of_areas_is_not_a_list_of_towns(gazetteer):
    text = ("Soldiers clashed with rebels in a village near Madrid, Surigao del Sur, Caraga, "
            "on Tuesday.")
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found["Madrid"].country_code == "PH"


def test_an_unknown_name_before_its_district_and_province_is_a_village_there(gazetteer):
    text = "Militias clashed with police in Gebre Mesqel (East Gojam, Amhara) on Monday."
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert event.location == "Gebre Mesqel" and event.country_code == "ET"
    assert event.geo_precision in (2, 3)


def test_a_country_has_its_outline(gazetteer):
    from shapely.geometry import Point

    iraq = _one(gazetteer, "Rockets were fired across Iraq.", "Iraq").place
    assert iraq.outline is not None
    assert iraq.outline.contains(Point(44.36, 33.31))  # Baghdad
    assert not iraq.outline.contains(Point(36.29, 33.51))  # Damascus
    assert iraq.outline.contains(Point(iraq.longitude, iraq.latitude))
    town = _one(gazetteer, "Rockets hit Ramadi.", "Ramadi").place
    assert town.outline is None


@pytest.mark.parametrize("text, sentences", [
    ("Troops fought rebels in Barangay Claro M. Recto (Catubig). Two died.", 2),
    ("He met John F. Kennedy. Then he left.", 2),
    ("Settlers raided a village in Area C. Israeli forces watched.", 2),
    ("U.S. forces left. Rockets hit Baghdad!", 2),
])
def test_a_middle_initial_ends_no_sentence(text, sentences):
    from conflictmap.sentences import split_sentences

    assert len(split_sentences(text)) == sentences


def test_an_incident_at_a_place_after_a_middle_initial_is_located(gazetteer):
    text = ("On 5 March 2022, a soldier was wounded in a firefight between rebels and the "
            "military in Barangay Claro M. Recto (Catubig, Northern Samar, Eastern Visayas).")
    (event,) = extract_events(text, gazetteer=gazetteer, published="2022-03-10").events
    assert event.located and event.country_code == "PH"


def test_a_neighbourhood_named_with_its_unit_is_not_a_far_town(gazetteer):
    text = ("In Celaya, Guanajuato, armed men threw an explosive device into a home in "
            "Colonia Progreso on Friday, killing one.")
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert event.location == "Celaya"


def test_a_place_said_to_be_in_a_province(gazetteer):
    text = "Russian forces shelled the Troitske checkpoint in the Luhansk region on Monday."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    place = found.get("Troitske")
    assert place is None or place.admin1 == "Luhansk"
    assert found["Luhansk"].kind == "admin1"


def test_a_district_with_no_town_known_is_at_its_province_not_a_namesake_abroad(gazetteer):
    # The gazetteer knows Mayo-Sava only as a division of Cameroon's Far North, with no
    # town of its own: the district is drawn where its province is, and said to be as
    # rough as the province; "Sava" is never Madagascar's region.
    text = "Boko Haram fighters attacked Kerawa (Mayo-Sava, Extreme-Nord) on Monday, killing two."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert "Sava" not in found
    assert (found["Mayo-Sava"].kind, found["Mayo-Sava"].country_code) == ("admin2", "CM")
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-01-08").events
    assert (event.location, event.admin1, event.geo_precision) == ("Kerawa", "Extreme-Nord", 3)


@pytest.mark.parametrize("text, district, state", [
    ("Gunmen clashed with guards in Shiroro LGA (Niger) on Monday, killing two.",
     "Shiroro", "Niger"),
    ("Militiamen abducted eight women from Dukawa, Funtua LGA (Katsina).",
     "Funtua", "Katsina"),
])
def test_a_local_government_area_and_its_state_in_brackets(gazetteer, text, district, state):
    # "LGA" says what the name is (it is no second word of a longer name), and the name
    # after a district is its state: Niger State, not the country; Katsina State, not
    # the city.
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert (found[district].kind, found[district].country_code) == ("admin2", "NG")
    assert (found[state].kind, found[state].country_code) == ("admin1", "NG")
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-01-08").events
    assert (event.location, event.admin1, event.geo_precision) == (district, state, 2)


def test_a_part_acled_names_finds_the_whole_province_and_keeps_its_name(gazetteer):
    text = "Gunmen shot a trader in Lashio town (Lashio township, Shan-North state) on Monday."
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert (found["Shan-North"].name, found["Shan-North"].kind) == ("Shan", "admin1")
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-05-06").events
    assert (event.location, event.admin1) == ("Lashio", "Shan-North")


def test_a_state_beats_a_smaller_province_of_its_name_abroad(gazetteer):
    # Both are first-level divisions called Maryland; with nothing else said, the one
    # whose main town is larger.
    (mention,) = geoparse("State troopers in Maryland closed the bridge.", gazetteer=gazetteer)
    assert (mention.place.country_code, mention.place.kind) == ("US", "admin1")


@pytest.mark.parametrize("text, name, country", [
    # a town of some size among the story's towns, nothing else saying the country
    ("Officials from Grapeland, Texas, met in Palestine on Monday to discuss the county "
     "budget.", "Palestine", "US"),
    # a small town of the name is no rival of the country
    ("Farmers near Waxahachie, Texas, said prices in Italy had doubled.", "Italy", "IT"),
    # nor is a town where the text also speaks of the country
    ("Officials from Grapeland, Texas, met in Palestine on Monday; Palestinian envoys "
     "were in Gaza.", "Palestine", "PS"),
])
def test_a_town_named_like_a_country_among_the_story_s_towns(gazetteer, text, name, country):
    found = {m.text: m.place for m in geoparse(text, gazetteer=gazetteer)}
    assert found[name].country_code == country


def test_a_word_of_direction_is_no_province_of_a_country_the_story_is_not_about(gazetteer):
    text = "Diplomats in Berlin and Paris said Western governments would send more aid to Kyiv."
    spans = _spans(text, ["Berlin", "Paris", "Western", "Kyiv"])
    western = resolve(text, spans, gazetteer=gazetteer)[2]
    assert western.place.country_code != "GH" and western.reason.startswith(
        "a word of direction")
    # ... but it is the province of the story's own country
    text = "Rebels attacked two villages in Oyam district, Northern region, in Uganda."
    _, northern, _ = resolve(text, _spans(text, ["Oyam", "Northern", "Uganda"]),
                             gazetteer=gazetteer)
    assert (northern.place.country_code, northern.place.kind) == ("UG", "admin1")


# -- names given as places (a corpus's spans, an analyst's list) -------------------------

@pytest.mark.parametrize("text, name, country", [
    # a town of some size with no namesake anywhere is that town, far from the story
    ("Leeds police said the suspects had also been seen in Dewsbury.", "Dewsbury", "GB"),
    ("The senator, back in Washington, spoke of the fighting around Manbij.", "Manbij",
     "SY"),
])
def test_a_given_name_with_one_reading_is_that_town_however_far(gazetteer, text, name,
                                                                country):
    place = _one(gazetteer, text, name).place
    assert place is not None and place.kind == "city" and place.country_code == country


def test_a_given_name_spelt_otherwise_than_its_one_reading_is_still_doubted(gazetteer):
    # "State" folds like Statte, a town in Italy: not the same name, and not the place
    text = "The shooting happened on State near the river in Chicago."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("State", "Chicago")]
    state, _ = resolve(text, spans, gazetteer=gazetteer)
    assert state.place.country_code == "US" and state.place.id.startswith("near:")


@pytest.mark.parametrize("text, name, area", [
    ("Gunmen raided two villages in Sokoto State at dawn.", "Sokoto State", "Sokoto"),
    ("Colorado State lost its appeal on Friday.", "Colorado State", "Colorado"),
])
def test_a_given_name_with_its_division_word_is_that_division(gazetteer, text, name, area):
    place = _one(gazetteer, text, name).place
    assert place is not None and place.kind == "admin1" and place.name == area


@pytest.mark.parametrize("text, name, site, country", [
    ("The White House said the talks would resume.", "White House", "White House", "US"),
    ("A Kremlin spokesman denied the report.", "Kremlin", "Moscow Kremlin", "RU"),
    ("The Pentagon confirmed the strike.", "Pentagon", "The Pentagon", "US"),
    ("Aides gathered in the Oval Office before dawn.", "Oval Office", "White House", "US"),
])
def test_a_seat_of_government_named_for_it_is_that_building(gazetteer, text, name, site,
                                                           country):
    place = _one(gazetteer, text, name).place
    assert (place.name, place.country_code, place.kind) == (site, country, "site")
    # never the city whose other name translates it ("Dar el Beida", Casablanca)
    (found,) = [m.place for m in geoparse(text, gazetteer=gazetteer) if name in m.text]
    assert found is not None and (found.name, found.country_code) == (site, country)


@pytest.mark.parametrize("text, name, area, kind", [
    ("English fans gathered outside the stadium.", "English", "England", "admin1"),
    ("Scottish voters went to the polls.", "Scottish", "Scotland", "admin1"),
    ("Korean exporters expect a better year.", "Korean", "South Korea", "country"),
])
def test_more_demonyms_name_their_area(gazetteer, text, name, area, kind):
    place = _one(gazetteer, text, name).place
    assert (place.name, place.kind) == (area, kind)
    (mention,) = [m for m in geoparse(text, gazetteer=gazetteer) if m.text == name]
    assert mention.adjectival


def test_a_country_s_short_form_with_an_ampersand(gazetteer):
    text = "Police in T&T said the boat had come from Venezuela."
    place = _one(gazetteer, text, "T&T").place
    assert (place.name, place.kind) == ("Trinidad and Tobago", "country")


@pytest.mark.parametrize("text, name, region", [
    ("The European Commission fined the bank on Tuesday.", "European Commission", "Europe"),
    ("Troops of the African Union left the town.", "African Union", "Africa"),
])
def test_a_body_named_by_a_region_s_adjective_is_at_the_region(gazetteer, text, name,
                                                                region):
    mention = _one(gazetteer, text, name)
    assert (mention.place.name, mention.place.kind) == (region, "region")
    assert "adjective" in mention.reason


def test_a_people_s_adjective_in_a_name_does_not_place_it_in_their_country(gazetteer):
    text = "Crowds filled the French Quarter of New Orleans on Saturday."
    mention = _one(gazetteer, text, "French Quarter")
    assert mention.place.country_code == "US"


@pytest.mark.parametrize("text, name, place, kind", [
    ("Tankers crossed the Gulf under escort after the drone attacks.", "Gulf",
     "Persian Gulf", "water"),
    ("The Islamic Republic has denied sending the drones.", "Islamic Republic", "Iran",
     "country"),
    ("Holland beat Belgium in the final.", "Holland", "Netherlands", "country"),
])
def test_the_press_s_other_names_for_a_sea_and_countries(gazetteer, text, name, place, kind):
    found = _one(gazetteer, text, name).place
    assert (found.name, found.kind) == (place, kind)


def test_short_capitals_are_no_town_of_another_name_far_away(gazetteer):
    # "UCLA" is an other name of Uccle, Belgium: an acronym here, not that town
    text = "Students at UCLA marched through Los Angeles on Friday."
    place = _one(gazetteer, text, "UCLA").place
    assert place is None or place.country_code == "US"


def test_a_name_given_as_a_place_is_at_the_place_named_with_it(gazetteer):
    # "X in Y", "X, Y": at Y, whatever town the article names nearest to it
    text = ("Talks in Oslo failed. Mourners gathered at the Wadi Sahel cemetery in Gao, and "
            "guardsmen drilled at Camp Kettle Ridge, Wash., on Sunday.")
    names = ["Oslo", "Wadi Sahel cemetery", "Gao", "Camp Kettle Ridge", "Wash."]
    # (spans given in any order)
    found = {m.text: m for m in resolve(text, _spans(text, names)[::-1], gazetteer=gazetteer)}
    cemetery, camp = found["Wadi Sahel cemetery"], found["Camp Kettle Ridge"]
    assert cemetery.place.country_code == "ML"
    assert (cemetery.place.latitude, cemetery.place.longitude) == found["Gao"].place.event_point
    assert cemetery.reason == "not in the gazetteer; located at Gao, named with it"
    # a state's seat, as an event known only to the state is drawn
    assert camp.place.country_code == "US" and camp.place.admin1 == "Washington"
    assert (camp.place.latitude, camp.place.longitude) == found["Wash."].place.event_point


def test_the_nearest_town_is_read_in_text_order_whatever_the_order_of_spans(gazetteer):
    text = ("Crews from Winnipeg fought the fire. Marlowe Crescent was closed. "
            "Much later, in Tegucigalpa, the mayor spoke.")
    names = ["Winnipeg", "Marlowe Crescent", "Tegucigalpa"]
    for spans in (_spans(text, names), _spans(text, names)[::-1]):
        found = {m.text: m for m in resolve(text, spans, gazetteer=gazetteer)}
        assert found["Marlowe Crescent"].place.country_code == "CA"


@pytest.mark.parametrize("text, name", [
    ("Tech firms have left for western states such as California or Washington.",
     "Washington"),
    ("The team has worked in Alaska, Hawaii and Washington this year.", "Washington"),
])
def test_a_town_named_in_a_list_of_states_is_the_state(gazetteer, text, name):
    place = _one(gazetteer, text, name).place
    assert (place.kind, place.name) == ("admin1", "Washington")


def test_a_town_and_its_state_after_a_comma_is_not_a_list_of_states(gazetteer):
    text = "Visitors came from as far as Texas and Washington, D.C., to see the show."
    place = _one(gazetteer, text, "Washington").place
    assert place.kind == "city" and place.admin1 == "District of Columbia"


@pytest.mark.parametrize("text, country, location", [
    # a seat of government or a capital that speaks is not where it happened
    ("The Pentagon said a US drone strike killed two militants in Somalia.", "SO",
     "Somalia"),
    ("Washington said a US drone strike killed two militants near Kismayo.", "SO",
     "Kismayo"),
    ("A US drone strike killed two militants near Kismayo, the Pentagon said.", "SO",
     "Kismayo"),
    ("The Kremlin denied that its missiles had struck a market in Kharkiv.", "UA",
     "Kharkiv"),
    # ... but people in a place who speak tell where they are
    ("Residents in Gao said gunmen attacked the market, killing four.", "ML", "Gao"),
])
def test_a_place_that_speaks_does_not_locate_the_incident(gazetteer, text, country,
                                                          location):
    (event,) = extract_events(text, gazetteer=gazetteer, published="2024-03-05").events
    assert (event.country_code, event.location) == (country, location)


def test_resolve_answers_each_span_in_the_order_given(gazetteer):
    # read in text order ("Paris, Texas" is the Texas town however the spans come), and
    # one mention a span, no more: a short form the article repeats is not added
    text = ("Storms hit Paris, Texas, and the Omar oil field was shut. Omar stayed shut. "
            "Crews from Paris returned.")
    names = ["Paris", "Texas", "Omar oil field", "Paris"]
    spans = _spans(text, names)
    forward = resolve(text, spans, gazetteer=gazetteer)
    backward = resolve(text, spans[::-1], gazetteer=gazetteer)
    assert [(m.start, m.end) for m in forward] == spans
    assert [(m.start, m.end) for m in backward] == spans[::-1]
    assert [m.place.id for m in forward] == [m.place.id for m in backward[::-1]]
    assert forward[0].place.admin1 == "Texas"


def test_nested_spans_that_start_together_each_get_their_own_mention(gazetteer):
    # A corpus may mark both "Mississippi" and "Mississippi State": two spans, one start.
    text = "The crowd cheered as Mississippi State won its third game in a row."
    start = text.index("Mississippi")
    spans = [(start, start + len("Mississippi")), (start, start + len("Mississippi State"))]
    out = resolve(text, spans, gazetteer=gazetteer)
    assert [(m.start, m.end) for m in out] == spans
    assert [m.text for m in out] == ["Mississippi", "Mississippi State"]
