"""ACLED's coding patterns, pinned on short wire-style reports of our own (made-up but
plausible incidents): detection without a classic trigger, the sub-event taxonomy, typing,
casualty counts, actor names and where the event lies.

Cases the extractor gets wrong today are in `KNOWN_GAPS` (strict xfail): when one starts
passing, move it to its pattern's table.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from conflictmap.actors import actor_name, find_actors
from conflictmap.extract import extract_events
from conflictmap.lexicon import table
from conflictmap.triggers import find_cues

PUBLISHED = "2022-03-10"  # a Thursday


def _events(text, gazetteer):
    return list(extract_events(text, published=PUBLISHED, gazetteer=gazetteer))


def _one(text, gazetteer):
    found = _events(text, gazetteer)
    assert len(found) == 1, found
    return found[0]


def _attr(obj, dotted):
    for name in dotted.split("."):
        obj = getattr(obj, name)
    return obj


# --- 1. Detection without a classic trigger ------------------------------------------------

@pytest.mark.parametrize("sentence, category, sub_event", [
    # harm done to someone, with no "attack" word
    ("Gunmen shot and injured a driver on the road to Kaduna on Tuesday.", "attack", "Attack"),
    ("A man's body was found in a field outside Gao on Sunday; he had been killed by "
     "unknown gunmen.", "attack", "Attack"),
    ("Armed men abducted 14 passengers from a bus near Gusau on Monday.", "attack",
     "Abduction/forced disappearance"),
    ("A journalist was detained by soldiers at a checkpoint in Mandalay on Friday.",
     "development", "Arrests"),
    # present tense, headline style
    ("Gunmen kidnap 20 students in Kaduna", "attack", "Abduction/forced disappearance"),
    ("Troops arrest 12 suspected militants in Borno", "development", "Arrests"),
])
def test_detection_without_classic_trigger(sentence, category, sub_event):
    trigger = find_cues(sentence).trigger
    assert (trigger.category, trigger.sub_event_type) == (category, sub_event)


def test_shot_and_injured_is_an_attack_on_a_civilian(gazetteer):
    e = _one("Gunmen shot and injured a driver near Kaduna on Tuesday.", gazetteer)
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert (e.injuries, e.fatalities) == (1, 0)
    assert (e.actor1, e.actor2) == ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")


def test_body_found_then_blamed_on_gunmen(gazetteer):
    e = _one("A man's body was found near Tillaberi on Sunday. Police said he had been "
             "killed by unknown gunmen.", gazetteer)
    assert (e.sub_event_type, e.fatalities, e.country) == ("Attack", 1, "Niger")
    assert e.actor1 == "Unidentified Armed Group (Niger)"


def test_detention_alone_is_an_arrest(gazetteer):
    e = _one("A journalist was detained by soldiers at a checkpoint in Mandalay on Friday.",
             gazetteer)
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Arrests")
    assert e.actor1 == "Military Forces of Myanmar" and e.location == "Mandalay"


def test_arrest_after_an_attack_is_its_aftermath(gazetteer):
    e = _one("Gunmen shot dead a trader in Maiduguri on Monday. Police later arrested two "
             "suspects.", gazetteer)
    assert (e.sub_event_type, e.fatalities) == ("Attack", 1)


@pytest.mark.parametrize("headline, sub_event, fatalities, location", [
    ("Regime forces shell villages near Idlib", "Shelling/artillery/missile attack", 0,
     "Idlib"),
    ("Gunmen kill five in market attack in Kano", "Attack", 5, "Kano"),
])
def test_headlines_make_events(gazetteer, headline, sub_event, fatalities, location):
    e = _one(headline, gazetteer)
    assert (e.sub_event_type, e.fatalities, e.location) == (sub_event, fatalities, location)


# --- 2. The whole taxonomy -------------------------------------------------------------------

@pytest.mark.parametrize("text, event_type, sub_event", [
    # Protests
    ("Hundreds of teachers marched through Bamako on Thursday to demand unpaid salaries.",
     "Protests", "Peaceful protest"),
    ("Police fired tear gas to disperse students protesting fuel prices in Lagos on Monday.",
     "Protests", "Protest with intervention"),
    ("Soldiers opened fire on protesters in Mandalay on Sunday, killing four.", "Protests",
     "Excessive force against protesters"),
    # Riots
    ("Protesters threw stones at police and set up burning barricades in Kinshasa on Monday.",
     "Riots", "Violent demonstration"),
    ("A mob lynched a man accused of theft in Kano on Sunday.", "Riots", "Mob violence"),
    ("Villagers beat a suspected thief to death in Patna on Tuesday.", "Riots",
     "Mob violence"),
    ("Supporters of two rival candidates clashed in Kisumu on Saturday, leaving three "
     "injured.", "Riots", "Mob violence"),
    # Strategic developments
    ("Ukrainian forces shot down a Russian drone over Kharkiv on Monday.",
     "Strategic developments", "Disrupted weapons use"),
    ("Police defused an improvised explosive device near a market in Quetta on Monday.",
     "Strategic developments", "Disrupted weapons use"),
    ("Soldiers arrested three suspected al-Shabab members in Kismayo on Friday.",
     "Strategic developments", "Arrests"),
    ("Gunmen looted shops and torched houses in Bunia on Wednesday.",
     "Strategic developments", "Looting/property destruction"),
    ("Suspected militants carried out an arson attack on a school in Imphal on Monday.",
     "Strategic developments", "Looting/property destruction"),
    ("The government and ELN rebels signed a ceasefire agreement in Havana on Tuesday.",
     "Strategic developments", "Agreement"),
    ("The army established a new military base in Menaka on Monday.",
     "Strategic developments", "Headquarters or base established"),
    ("Government troops withdrew from the town of Tessit in Mali on Sunday.",
     "Strategic developments", "Non-violent transfer of territory"),
    ("Forty Boko Haram fighters surrendered to the army in Maiduguri on Wednesday.",
     "Strategic developments", "Change to group/activity"),
    ("Thousands of families were displaced by fighting near Goma last week.",
     "Strategic developments", "Other"),
    ("Police seized a weapons cache in Culiacan on Thursday.", "Strategic developments",
     "Other"),
    # Battles
    ("Fierce clashes broke out between the army and ELN rebels in Arauca on Monday.",
     "Battles", "Armed clash"),
    ("The army recaptured the town of Kidal from rebels on Tuesday.", "Battles",
     "Government regains territory"),
    ("Militants captured the town of Mocimboa da Praia on Sunday.", "Battles",
     "Non-state actor overtakes territory"),
])
def test_taxonomy(gazetteer, text, event_type, sub_event):
    e = _one(text, gazetteer)
    assert (e.event_type, e.sub_event_type) == (event_type, sub_event)


def test_protest_against_air_strikes_is_a_protest(gazetteer):
    e = _one("Hundreds of people protested in Sanaa against Saudi-led air strikes on Friday.",
             gazetteer)
    assert (e.category, e.event_type, e.sub_event_type) == (
        "protest", "Protests", "Peaceful protest")
    assert e.actor1 == "Protesters (Yemen)"


@pytest.mark.parametrize("text", [
    "Rioters clashed with police in Nairobi on Monday.",
    "Students clashed with police during a protest in Dhaka on Monday.",
])
def test_a_riot_is_never_an_armed_clash(gazetteer, text):
    e = _one(text, gazetteer)
    assert e.event_type == "Riots" and e.sub_event_type != "Armed clash"


def test_a_government_protest_is_no_protest(gazetteer):
    text = ("The foreign ministry in Kyiv summoned the Hungarian ambassador to protest "
            "against the remarks on Monday.")
    assert find_cues(text).trigger is None
    assert _events(text, gazetteer) == []


# --- 3. Typing -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, event_type, sub_event", [
    ("Turkish forces shelled villages near Tal Rifaat on Monday.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("A landmine killed three children near Kandahar on Monday.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    # armed men on soldiers or militants: a battle
    ("Gunmen attacked soldiers at a checkpoint near Mopti on Tuesday.", "Battles",
     "Armed clash"),
    ("ISWAP fighters attacked a military base in Monguno on Monday.", "Battles",
     "Armed clash"),
    ("Militants attacked a police post in Tillaberi on Monday.", "Battles", "Armed clash"),
    # gunmen on a trader: violence against civilians
    ("Gunmen shot a trader in Maiduguri on Monday.", "Violence against civilians", "Attack"),
    # air strikes in support of a clash leave it a clash
    ("Troops clashed with al-Shabab fighters near Baidoa on Monday, supported by air "
     "strikes.", "Battles", "Armed clash"),
])
def test_typing(gazetteer, text, event_type, sub_event):
    e = _one(text, gazetteer)
    assert (e.event_type, e.sub_event_type) == (event_type, sub_event)


def test_turkish_shelling_names_the_shelling_state(gazetteer):
    e = _one("Turkish forces shelled villages near Tal Rifaat on Monday.", gazetteer)
    assert (e.actor1, e.country) == ("Military Forces of Turkey", "Syria")


def test_supporting_air_strikes_are_no_strike_trigger():
    cues = find_cues("Troops clashed with al-Shabab fighters near Baidoa, supported by air "
                     "strikes.")
    assert cues.trigger.sub_event_type == "Armed clash"
    assert all(t.category != "strike" for t in cues.triggers)


def test_defused_bomb_is_an_interception_not_a_blast():
    cues = find_cues("Bomb disposal experts defused an IED planted on the road to the "
                     "airport.")
    assert (cues.trigger.category, cues.trigger.sub_event_type) == (
        "interception", "Disrupted weapons use")
    assert [w.name for w in cues.weapons] == ["ied"]


@pytest.mark.parametrize("sentence, victims", [
    ("Gunmen shot a trader in Maiduguri on Monday.", "civilian"),
    ("Gunmen attacked soldiers at a checkpoint near Mopti on Tuesday.", "armed"),
])
def test_victims(sentence, victims):
    assert find_cues(sentence).victims == victims


# --- 4. Casualties ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, fatalities, injuries", [
    ("An attack on an army post near Djibo resulted in the killing of 1 soldier.", 1, None),
    ("Gunmen ambushed the village chief, killing him and 3 of his escorts.", 4, None),
    ("Herders and farmers clashed near Makurdi on Monday, 4 fatalities.", 4, None),
    ("The bodies of two women were found in a ditch near Celaya on Friday.", 2, None),
    ("A bomb exploded in a market in Mogadishu, 3 killed and 5 injured.", 3, 5),
    # the dead counted again: no more deaths
    ("Air strikes killed 12 people in Marib on Monday; two of the dead were fighters.", 12,
     None),
    # a year is no count
    ("On 2 February 2022, airstrikes killed 4 people in Hajjah.", 4, None),
    ("Six soldiers and three militants were killed in the fighting near Menaka.", 9, None),
    ("Gunmen stabbed a shopkeeper in Kano and the victim died on the way to hospital.", 1,
     None),
    # a time or a sum of money is no count
    ("Robbers shot a trader and stole Rs. 5 lakh in Patna on Monday.", None, None),
    ("Militants killed a soldier and wounded two others at 6 am near Tahoua.", 1, 2),
    # the killers' number is not the toll
    ("Two gunmen shot dead a man outside his home in Culiacan on Sunday.", 1, None),
])
def test_casualties(sentence, fatalities, injuries):
    cues = find_cues(sentence)
    assert (cues.fatalities, cues.injuries) == (fatalities, injuries)


@pytest.mark.parametrize("text, fatalities", [
    ("Militants attacked a police post in Tillaberi on Monday. Casualties unknown.", 0),
    ("Gunmen stabbed a shopkeeper in Kano on Monday. The victim died on the way to "
     "hospital.", 1),
    # "at 10 pm" is no count
    ("Gunmen attacked a bus at 10 pm on Monday near Gusau, killing two passengers.", 2),
])
def test_event_fatalities(gazetteer, text, fatalities):
    assert _one(text, gazetteer).fatalities == fatalities


def test_date_in_the_sentence_is_the_events_not_a_count(gazetteer):
    e = _one("On 2 February 2022, airstrikes killed 4 people in Hajjah.", gazetteer)
    assert e.event_date.isoformat() == "2022-02-02"
    assert e.sub_event_type == "Air/drone strike" and e.country == "Yemen"


def test_no_casualties():
    cues = find_cues("Two mortar rounds landed near the base in Gao, causing no casualties.")
    assert cues.no_casualties and cues.fatalities is None


# --- 5. Actors, as ACLED names them ----------------------------------------------------------

@pytest.mark.parametrize("phrase, name", [
    # a state's forces from its adjective or name, for any country
    ("Nigerian troops attacked", "Military Forces of Nigeria"),
    ("Indian police raided", "Police Forces of India"),
    ("Burkinabe troops attacked", "Military Forces of Burkina Faso"),
    ("Mozambican soldiers attacked", "Military Forces of Mozambique"),
    ("Colombian police raided", "Police Forces of Colombia"),
    ("the military forces of Russia shelled", "Military Forces of Russia"),
    ("Congolese troops attacked", "Military Forces of the Democratic Republic of Congo"),
    # armed groups by the names the press uses
    ("al-Shabab fighters attacked", "Al Shabaab"),
    ("ISWAP attacked", "Islamic State (West Africa)"),
    ("JNIM attacked", "JNIM: Group for Support of Islam and Muslims"),
    # generic actors wait for the event's country
    ("gunmen attacked", "Unidentified Armed Group ({country})"),
    ("soldiers attacked", "Military Forces of {country}"),
])
def test_actor_names(phrase, name):
    assert [a.name for a in find_actors(phrase)] == [name]


@pytest.mark.parametrize("template, code, name", [
    ("Military Forces of {country}", "CD", "Military Forces of the Democratic Republic of Congo"),
    ("Civilians ({country})", "CD", "Civilians (Democratic Republic of Congo)"),
    ("Unidentified Armed Group ({country})", "ML", "Unidentified Armed Group (Mali)"),
    ("Protesters ({country})", "", ""),  # no country, no name
])
def test_actor_name(template, code, name):
    assert actor_name(template, code) == name


@pytest.mark.parametrize("text, actor1, actor2", [
    ("Soldiers killed five militants near Maiduguri on Monday.", "Military Forces of Nigeria",
     "Unidentified Armed Group (Nigeria)"),
    ("Soldiers clashed with rebels near Beni on Monday.",
     "Military Forces of the Democratic Republic of Congo", ""),
    ("Gunmen shot dead a trader in Bunia on Monday.",
     "Unidentified Armed Group (Democratic Republic of Congo)",
     "Civilians (Democratic Republic of Congo)"),
    ("Nigerian troops killed 12 ISWAP fighters near Monguno on Monday.",
     "Military Forces of Nigeria", "Islamic State (West Africa)"),
    ("Congolese troops clashed with M23 rebels near Rutshuru on Monday.",
     "Military Forces of the Democratic Republic of Congo", "M23: March 23 Movement"),
    ("Hundreds of people protested in Kinshasa on Monday against rising prices.",
     "Protesters (Democratic Republic of Congo)", ""),
    ("Opposition supporters took to the streets of Conakry on Monday, and police dispersed "
     "them with tear gas.", "Protesters (Guinea)", "Police Forces of Guinea"),
])
def test_event_actors(gazetteer, text, actor1, actor2):
    e = _one(text, gazetteer)
    assert (e.actor1, e.actor2) == (actor1, actor2)


def test_actor1_is_the_one_who_acts_in_a_passive_sentence(gazetteer):
    cues = find_cues("A soldier was shot dead by al-Shabab militants in Lower Shabelle.")
    assert [(a.name, a.by) for a in cues.actors if a.by] == [("Al Shabaab", True)]
    e = _one("A soldier was shot dead by al-Shabab militants in Afgooye on Monday.", gazetteer)
    assert (e.actor1, e.fatalities, e.country) == ("Al Shabaab", 1, "Somalia")


def test_claim_of_responsibility_names_actor1(gazetteer):
    e = _one("A bomb exploded at a checkpoint in Mogadishu on Monday, killing two soldiers. "
             "Al-Shabab claimed responsibility for the attack.", gazetteer)
    assert (e.actor1, e.actor2) == ("Al Shabaab", "Military Forces of Somalia")
    assert e.sub_event_type == "Remote explosive/landmine/IED"


def test_acled_country_name(gazetteer):
    e = _one("Gunmen shot dead a trader in Bunia on Monday.", gazetteer)
    assert (e.country, e.admin1) == ("Democratic Republic of Congo", "Ituri")


# --- 6. Where the event lies -----------------------------------------------------------------

def test_district_with_province_in_brackets(gazetteer):
    e = _one("Houthi forces shelled a village in Sirwah district (Marib) on Monday, killing "
             "two civilians.", gazetteer)
    assert "Sirwah" in e.location and (e.admin1, e.country) == ("Marib", "Yemen")
    assert e.actor1 == "Military Forces of Yemen (2016-) Supreme Political Council"


def test_launch_site_traced_in_a_later_sentence(gazetteer):
    e = _one("Rockets struck the Ain al-Asad air base in Anbar on Monday. Police later traced "
             "the launch site to farmland near the town of Hit.", gazetteer)
    assert e.origin_location == "Hit" and e.origin_latitude is not None
    assert (e.admin1, e.country) == ("Al Anbar", "Iraq")
    assert e.location != e.origin_location


@pytest.mark.parametrize("text", [
    "Government forces in Yemen have been targeted more than 60 times since October.",
    "Aid convoys in North Kivu have been attacked more than 40 times since January.",
])
def test_summary_of_many_incidents_is_no_event(gazetteer, text):
    assert _events(text, gazetteer) == []


def test_summary_after_an_incident_adds_nothing(gazetteer):
    e = _one("Gunmen killed two soldiers near Mopti on Monday. Troops in the region have been "
             "targeted more than 60 times since October.", gazetteer)
    assert (e.location, e.fatalities, e.sub_event_type) == ("Mopti", 2, "Armed clash")


# --- The lexicon -----------------------------------------------------------------------------

def test_lexicon_files_load_and_agree():
    from importlib import resources

    folder = resources.files("conflictmap") / "data" / "lexicon"
    names = sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".csv"))
    assert {"triggers", "crowds", "people", "weapons", "casualties", "actors", "forces",
            "groups", "countries", "types"} <= set(names)
    for name in names:
        rows = table(name)
        assert rows, name
        assert all(None not in row and all(isinstance(v, str) for v in row.values())
                   for row in rows), name
    types = {row["sub_event_type"] for row in table("types")}
    assert {row["sub_event_type"] for row in table("triggers") if row["sub_event_type"]} <= types
    assert {row["sub_event_type"] for row in table("weapons")} <= types
    assert {row["category"] for row in table("types")} <= {
        "attack", "strike", "interception", "clash", "protest", "riot", "development"}


def test_unquoted_comma_in_a_lexicon_row_is_refused(tmp_path, monkeypatch):
    from conflictmap import lexicon

    folder = tmp_path / "data" / "lexicon"
    folder.mkdir(parents=True)
    (folder / "broken_for_test.csv").write_text(
        "category,sub_event_type,pattern\nattack,Attack,shot, stabbed\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "resources", SimpleNamespace(files=lambda package: tmp_path))
    with pytest.raises(ValueError, match="broken_for_test.csv line 2"):
        lexicon.table("broken_for_test")


# --- Known gaps: what the extractor got wrong (_fixed) or still gets wrong (_gap) -------------

def _fixed(api, text, field, expected, reason):
    """A gap that is closed: the case stays, as a plain test."""
    return pytest.param(api, text, field, expected, id=reason)


def _gap(api, text, field, expected, reason):
    return pytest.param(api, text, field, expected,
                        marks=pytest.mark.xfail(strict=True, reason=reason), id=reason)


KNOWN_GAPS = [
    # 1. detection: present-tense headlines with verbs the triggers only know in the past
    _fixed("event", "Army retakes town of Kidal from rebels", "sub_event_type",
         "Government regains territory", "'retakes' is no trigger: no event"),
    _fixed("event", "Militants seize town of Tessit in Mali", "sub_event_type",
         "Non-state actor overtakes territory", "'seize' is no trigger: no event"),
    _fixed("event", "Jets pound rebel positions near Idlib", "sub_event_type",
         "Air/drone strike", "'jets pound' is no trigger: no event"),
    # 2. taxonomy
    _fixed("event", "Police used tear gas and water cannon to break up a march by opposition "
         "supporters in Harare on Saturday.", "sub_event_type", "Protest with intervention",
         "'a march' is no protest cue: typed Strategic developments/Other"),
    _fixed("event", "Police shoot dead two protesters in Khartoum", "sub_event_type",
         "Excessive force against protesters", "'shoot dead' protesters: Peaceful protest"),
    _fixed("event", "A rally in Mogadishu was hit by a suicide bomber on Monday.",
         "sub_event_type", "Suicide bomb", "a bombed rally: typed Peaceful protest"),
    _fixed("cues", "Houthi rebels and government forces exchanged 300 prisoners under a "
         "UN-brokered deal.", "trigger.sub_event_type", "Agreement",
         "'exchanged 300 prisoners' is no trigger"),
    _fixed("cues", "FARC dissidents took control of the village of El Plateado without a fight.",
         "trigger.sub_event_type", "Non-violent transfer of territory",
         "taken 'without a fight': Non-state actor overtakes territory"),
    # 4. casualties
    _fixed("cues", "Villagers beat a suspected thief to death in Patna on Tuesday.",
         "fatalities", 1, "'beat X to death' counts no death"),
    _fixed("cues", "Two suspected thieves were lynched by a mob in Lagos.", "fatalities", 2,
         "'N were lynched' counts no death"),
    _fixed("cues", "Gunmen killed a farmer and his son near Jos.", "fatalities", 2,
         "'killed a farmer and his son' counts 1"),
    # 5. actors
    _fixed("event", "The police were attacked near Kandahar in Afghanistan on Monday.", "actor1",
         "Unidentified Armed Group (Afghanistan)", "passive victim taken as actor1"),
    _fixed("event", "Police fired tear gas to disperse students protesting fuel prices in Lagos "
         "on Monday.", "actor1", "Protesters (Nigeria)",
         "protest with intervention: police as actor1 when named first"),
    _fixed("event", "Youths pelted police with stones during a protest in Srinagar on Friday.",
         "actor1", "Rioters (India)", "violent demonstration: police as actor1"),
    _fixed("event", "A soldier was shot dead by al-Shabab militants in Afgooye on Monday.",
         "actor2", "Military Forces of Somalia", "passive victim dropped from actor2"),
    _fixed("event", "At least 20 people were killed when gunmen stormed a village near Bukavu "
         "on Monday.", "actor2", "Civilians (Democratic Republic of Congo)",
         "'killed when gunmen': gunmen taken as target, civilians lost"),
    # 6. location
    _gap("event", "Houthi rebels clashed with government forces in Sirwah district of Marib "
         "on Monday.", "location", "Sirwah", "'Sirwah district of Marib' placed at Ma'rib"),
    _gap("event", "Militants captured the town of Palma in Mozambique on Sunday.", "country",
         "Mozambique", "Palma in Mozambique placed in Spain"),
    _fixed("event", "Russian forces withdrew from Kherson on Friday.", "location", "Kherson",
         "'withdrew from Kherson': no place"),
]


@pytest.mark.parametrize("api, text, field, expected", KNOWN_GAPS)
def test_known_gaps(gazetteer, api, text, field, expected):
    found = find_cues(text) if api == "cues" else _one(text, gazetteer)
    assert _attr(found, field) == expected


def test_an_armed_group_gives_its_home_country_not_a_state_s_forces():
    from conflictmap.actors import group_homes

    assert group_homes("ELN guerrillas and ISWAP fighters; Iraqi forces answered.") == ["CO", "NG"]
