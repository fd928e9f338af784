"""Spotting place names: what counts as a mention, and what does not."""
from __future__ import annotations

import pytest

from conflictmap import extract_events
from conflictmap.resolve import geoparse, resolve


def _found(text, gazetteer):
    return {m.text: m for m in geoparse(text, gazetteer=gazetteer)}


@pytest.mark.parametrize("text, name, country, kind", [
    ("Militants shelled the town of Hit overnight, Iraqi police said.", "Hit", "IQ", "city"),
    ("Clashes broke out in Tripoli, Lebanon's second city, near Beirut.", "Tripoli", "LB", "city"),
    ("Militias in Tripoli and Misrata traded fire, Libyan officials said.", "Tripoli", "LY",
     "city"),
    ("Shelling hit Homs and Hama in western Syria.", "Homs", "SY", "city"),
    ("Fighters from Misrata reached Homs on the Libyan coast, east of Tripoli.", "Homs", "LY",
     "city"),
    ("Drones struck near Dayr az-Zawr in eastern Syria.", "Dayr az-Zawr", "SY", None),
    ("A convoy left Albu Kamal for the Iraqi border.", "Albu Kamal", "SY", "city"),
    ("Rockets landed inside the Ayn al-Asad base.", "Ayn al-Asad base", "IQ", "site"),
    ("Rockets were fired at Ayn al-Asad in Iraq.", "Ayn al-Asad", "IQ", "site"),
    ("The attack in Iraq's province of Anbar wounded two.", "Anbar", "IQ", "admin1"),
    ("Troops arrived from Britain and the US on Monday.", "Britain", "GB", "country"),
    ("Troops arrived from Britain and the US on Monday.", "US", "US", "country"),
    ("An official in Baghdad said it was the Omar oil field. Later, Omar was hit again.",
     "Omar oil field", "SY", "site"),
])
def test_names_resolve_in_context(gazetteer, text, name, country, kind):
    found = _found(text, gazetteer)
    assert name in found, found
    place = found[name].place
    assert place is not None and place.country_code == country, found[name]
    if kind:
        assert place.kind == kind


@pytest.mark.parametrize("text, word", [
    ("Iraqi forces and Syrian troops met Kurdish fighters.", "Iraqi"),
    ("Iraqi forces and Syrian troops met Kurdish fighters.", "Syrian"),
    ("On Wednesday a rocket hit the base.", "Wednesday"),
    ("A rocket hit the base in Baghdad.", "hit"),
    ("Spokesman Wayne Marotto said the attack failed.", "Wayne"),
    ("Commander Omar Jassim said the road was cut near Kirkuk.", "Omar"),
    ("The Islamic State group claimed it. Site intelligence group said so.", "Site"),
    ("Just hours earlier, rockets were fired.", "Just"),
    ("ISIS and the SDF fought near Raqqa, AFP reported.", "ISIS"),
    ("Man charged after a fight outside a bar in Raqqa.", "Man"),
    ("Section chief says the Metro line will reopen in Baghdad.", "Metro"),
    ("Major Ibrahim Sani said troops cleared the road to Marte.", "Major"),
    ("Governor Umar Bello visited the camp near Maiduguri.", "Governor"),
])
def test_words_that_are_not_places(gazetteer, text, word):
    found = _found(text, gazetteer)
    # a demonym is reported, but only as an adjectival mention of its country
    assert word not in found or found[word].adjectival


def test_short_form_repeats_the_site(gazetteer):
    text = ("Drones targeted the Omar oil field in Syria's east. "
            "Pro-Iran militias also fired shells at Omar on Monday.")
    omar = [m for m in geoparse(text, gazetteer=gazetteer) if m.text == "Omar"]
    assert omar and omar[0].place.id == "site:omar-oil-field"
    assert "short form" in omar[0].reason


def test_a_city_name_inside_a_site_name_keeps_its_city(gazetteer):
    text = ("A drone was downed near Erbil air base. It came from south of Erbil, "
            "officials in Iraq said.")
    found = [m for m in geoparse(text, gazetteer=gazetteer) if m.text == "Erbil"]
    assert found and found[0].place.kind == "city"


def test_place_named_inside_a_longer_name(gazetteer):
    mentions = geoparse("A drone was shot down above the US embassy in Baghdad.",
                        gazetteer=gazetteer)
    kinds = {m.text: m.place.kind for m in mentions}
    assert kinds.get("Baghdad") == "city"
    assert any(k == "site" for k in kinds.values())


def test_unknown_hamlet_is_reported_unresolved(gazetteer):
    mentions = geoparse("Gunmen raided the hamlet of Tell Marwaniyeh in Syria.",
                        gazetteer=gazetteer)
    hamlet = [m for m in mentions if m.text == "Tell Marwaniyeh"]
    assert hamlet and hamlet[0].place is None and hamlet[0].reason == "not in the gazetteer"


def test_unknown_hamlet_near_a_known_place_is_located_there_under_its_own_name(gazetteer):
    text = "Gunmen raided the hamlet of Tell Marwaniyeh near Hasakah in Syria."
    (hamlet,) = [m for m in geoparse(text, gazetteer=gazetteer) if m.text == "Tell Marwaniyeh"]
    assert hamlet.place.name == "Tell Marwaniyeh" and hamlet.place.country_code == "SY"
    assert hamlet.reason.startswith("not in the gazetteer; located at")
    (event,) = extract_events("Gunmen raided the hamlet of Tell Marwaniyeh near Hasakah "
                              "on Monday, killing two.", gazetteer=gazetteer,
                              published="2024-03-05").events
    assert event.location == "Tell Marwaniyeh" and event.geo_precision == 2


def test_resolve_given_spans(gazetteer):
    text = "Rockets hit Hit and Ramadi in Anbar."
    spans = [(12, 15), (20, 26), (30, 35), (0, 7)]
    out = resolve(text, spans, gazetteer=gazetteer)
    assert [m.text for m in out] == ["Hit", "Ramadi", "Anbar", "Rockets"]
    assert out[0].place.country_code == "IQ" and out[1].place.country_code == "IQ"
    assert out[2].place.kind == "admin1"


def test_resolve_says_why_a_span_has_no_place(gazetteer):
    text = "Gunmen raided Qqzxvbn overnight."
    out = resolve(text, [(14, 21), (5, 5), (100, 120)], gazetteer=gazetteer)
    assert [m.place for m in out] == [None, None, None]
    assert out[0].reason == "not in the gazetteer"
    assert all(m.reason for m in out)


def test_dateline_counts_as_a_mention(gazetteer):
    text = "date 2021-07-07 BAGHDAD (AFP) - Rockets struck a base in western Iraq."
    mentions = geoparse(text, gazetteer=gazetteer)
    assert mentions[0].text == "BAGHDAD" and mentions[0].place.country_code == "IQ"


def test_empty_text(gazetteer):
    assert geoparse("", gazetteer=gazetteer) == []
    assert geoparse("   \n\n ", gazetteer=gazetteer) == []


def test_long_text_offsets_are_kept(gazetteer):
    para = "Shelling hit Homs in Syria on Monday, and Aleppo too.\n\n"
    text = para * 2000  # ~110 KB: several windows
    mentions = geoparse(text, gazetteer=gazetteer)
    assert len(mentions) == 3 * 2000
    assert all(text[m.start:m.end] == m.text for m in mentions)


@pytest.mark.parametrize("text, span, code", [
    ("Iraqi troops shelled the town.", (0, 5), "IQ"),
    ("Two Ukrainians were hurt near the border.", (4, 14), "UA"),
    ("The Burkinabè army said on Monday it had retaken the post.", (4, 13), "BF"),
    ("Officials blamed South Korean vessels for the collision.", (17, 29), "KR"),
])
def test_a_demonym_given_as_a_place_is_its_country(gazetteer, text, span, code):
    (mention,) = resolve(text, [span], gazetteer=gazetteer)
    assert mention.place.kind == "country" and mention.place.country_code == code
    assert mention.reason == "a demonym: its country"


@pytest.mark.parametrize("text, span, name", [
    ("Two Abkhaz officials were detained at the crossing.", (4, 10), "Abkhazia"),
    ("Minnesotans braced for the storm.", (0, 11), "Minnesota"),
])
def test_a_state_s_demonym_given_as_a_place_is_that_state(gazetteer, text, span, name):
    (mention,) = resolve(text, [span], gazetteer=gazetteer)
    assert mention.place.name == name and mention.place.kind == "admin1"
    assert mention.reason == "a demonym: its state or province" and mention.adjectival


def test_the_demonym_table_covers_the_world_once():
    from conflictmap._wordlists import DEMONYM_COUNTRIES, DEMONYM_FORMS

    codes = set(DEMONYM_COUNTRIES.values())
    assert len(codes) >= 190
    for form, code in {"iraqi": "IQ", "syrian": "SY", "american": "US", "british": "GB",
                       "palestinian": "PS", "nigerien": "NE", "nigerian": "NG"}.items():
        assert DEMONYM_COUNTRIES[form] == code
    assert "us" not in DEMONYM_COUNTRIES and "kurdish" not in DEMONYM_COUNTRIES
    assert len(DEMONYM_FORMS) == len(DEMONYM_COUNTRIES)
