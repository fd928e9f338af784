"""Words that look like place names in news copy but are not.

Gazetteers hold villages named after almost any word; these lists keep capitalised
common words, titles, calendar words and demonyms from becoming places.
"""
from __future__ import annotations

__all__ = ["CALENDAR", "COMMON_WORDS", "DEMONYMS", "FEATURE_AFTER", "FEATURE_BEFORE",
           "DEMONYM_COUNTRIES", "FEATURE_SUFFIXES", "GENERIC_TOPONYMS"]

CALENDAR = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december jan feb mar apr jun jul aug sep sept
oct nov dec ramadan eid christmas easter today yesterday tomorrow
""".split())

# Capitalised at the start of a sentence, in a heading or in an organisation's name.
COMMON_WORDS = frozenset("""
a about above across after again against all almost along also although american among an
and another any are around as at attack attacks back base bases be because been before being
below between both brigade but by came can civil coalition could crossing damage day days
defence defense democratic did do drone drones during each early earlier east eastern either
even every few field fighters fire for force forces four from front further general government
group groups had has have he her here his hit however human hundreds if in inside into is it
its just last late later least like many may me meanwhile military militia militias minister
monitor more most mosque much my near new news next night no none nor north northern not now
observatory of office officials oil on once one only or other our out over part people police
president previous pro rebel rebels red report reports revenge rights rocket rockets said
security several she since site so some south southern spokesman state states still strike
strikes such than that the their them then there these they third this those three through
thus to too troops two under unit united until up very was we were west western what when
where which while who why will with within without would yet you
army navy air command ministry council guard guards party front liberation national people's
popular islamic revolutionary mobilisation mobilization committee agency network
central western eastern northern southern upper lower greater old new
city town village province region district capital border river valley mount mountain
international federal royal
""".split())

DEMONYMS = frozenset("""
afghan afghans african algerian american americans arab arabs arabic armenian assyrian
azerbaijani bahraini belgian british canadian chinese christian christians druze dutch
egyptian egyptians emirati european europeans french german greek indian iranian iranians
iraqi iraqis israeli israelis italian japanese jewish jordanian jordanians kurd kurds kurdish
kuwaiti lebanese libyan libyans moroccan muslim muslims omani pakistani palestinian
palestinians qatari russian russians saudi saudis shia shiite shiites shi'ite shi'ites
somali spanish sudanese sunni sunnis swedish syriac syrian syrians tunisian turk turkish
turkmen turkmens turks ukrainian ukrainians western yazidi yazidis yemeni yemenis alawite
alawites houthi houthis ottoman persian
""".split())

# Words just after a name that say what kind of place it is.
FEATURE_AFTER = {
    "province": "admin", "governorate": "admin", "region": "admin", "district": "admin",
    "state": "admin", "wilayat": "admin", "county": "admin",
    "base": "base", "airbase": "base", "garrison": "base", "airport": "base",
    "airfield": "base", "camp": "camp", "outpost": "base", "barracks": "base",
    "oil": "field", "oilfield": "field", "gas": "field", "field": "field", "refinery": "field",
    "dam": "dam", "crossing": "crossing", "border": "crossing", "prison": "prison",
    "embassy": "embassy", "consulate": "embassy",
    "town": "city", "city": "city", "village": "city", "neighbourhood": "city",
    "neighborhood": "city", "district's": "city",
}
# Words just before a name ("the province of Anbar", "the town of Hit").
FEATURE_BEFORE = {
    "province": "admin", "governorate": "admin", "region": "admin", "state": "admin",
    "town": "city", "city": "city", "village": "city", "hamlet": "city", "capital": "city",
    "suburb": "city", "outskirts": "city", "district": "city", "neighbourhood": "city",
    "base": "base", "camp": "camp", "field": "field",
}

# Place-name words that start Arabic toponyms ("Tell Khazna", "Khirbet Umm Jurn"): on their
# own they name hundreds of places, so they are never a place by themselves.
GENERIC_TOPONYMS = frozenset("""
tell tel tal tall khirbet khirbat kherbet bir ain ayn umm um jubb qasr mazraat mazraa mazraet
kafr kfar ras wadi jabal jebel beit bayt deir dayr hay hayy qaryat qarya nahr marj sheikh
""".split())

# Cue -> words a site's name may end with ("al-Qaim" + "border crossing").
FEATURE_SUFFIXES = {
    "base": ("base", "air base", "airbase", "airport", "airfield", "garrison"),
    "field": ("oil field", "oilfield", "field", "gas field"),
    "crossing": ("crossing", "border crossing"), "dam": ("dam",), "camp": ("camp",),
    "prison": ("prison",), "embassy": ("embassy",),
}

# Demonyms are not places, but they say which countries a story is about.
DEMONYM_COUNTRIES = {
    "afghan": "AF", "algerian": "DZ", "american": "US", "british": "GB", "chinese": "CN",
    "egyptian": "EG", "emirati": "AE", "french": "FR", "german": "DE", "indian": "IN",
    "iranian": "IR", "iraqi": "IQ", "israeli": "IL", "jordanian": "JO", "kuwaiti": "KW",
    "lebanese": "LB", "libyan": "LY", "moroccan": "MA", "pakistani": "PK", "palestinian": "PS",
    "qatari": "QA", "russian": "RU", "saudi": "SA", "somali": "SO", "sudanese": "SD",
    "syrian": "SY", "tunisian": "TN", "turkish": "TR", "ukrainian": "UA", "yemeni": "YE",
}
