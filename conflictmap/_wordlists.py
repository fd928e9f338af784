"""Words that look like place names in news copy but are not.

Gazetteers hold villages named after almost any word; these lists keep capitalised
common words, titles, calendar words and demonyms from becoming places.
"""
from __future__ import annotations

__all__ = ["CALENDAR", "COMMON_WORDS", "DEMONYMS", "DEMONYM_COUNTRIES", "DEMONYM_FORMS",
           "FEATURE_AFTER", "FEATURE_BEFORE", "FEATURE_SUFFIXES", "GENERIC_TOPONYMS",
           "STATE_ABBREVIATIONS", "REGION_DEMONYMS", "ADMIN_DEMONYMS", "ADJECTIVAL_FORMS",
           "GROUP_NAMES"]

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
grad uragan smerch tochka kalibr kinzhal iskander
colonia barrio neighborhood neighbourhood
man men woman women boy boys girl girls teen teens child children family section metro
green white black gold silver mart passover northwest northeast southwest southeast
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
    "state": "admin", "wilayat": "admin", "county": "admin", "lga": "admin",
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



def _demonyms() -> dict[str, tuple[str, str]]:
    """Each demonym or adjective of ``data/demonyms.csv``, lower case, -> (its country's
    ISO alpha-2 code, the form as written). Forms in capitals or with a period ("US",
    "U.S.") are names of the country, which the gazetteer knows: they are left out."""
    import csv
    from importlib import resources

    out: dict[str, tuple[str, str]] = {}
    path = resources.files("conflictmap") / "data" / "demonyms.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            code = (row.get("country_code") or "").strip()
            if len(code) != 2 or not code.isalpha() or not code.isupper():
                raise ValueError(f"{path}:{line}: country_code {code!r} is not ISO alpha-2")
            for form in f"{row.get('adjectives') or ''}|{row.get('nouns') or ''}".split("|"):
                form = form.strip()
                if not form or form.isupper() or "." in form:
                    continue
                if out.get(form.lower(), (code,))[0] != code:
                    raise ValueError(f"{path}:{line}: {form!r} is listed for two countries")
                out[form.lower()] = (code, form)
    return out


_DEMONYMS = _demonyms()
# Demonyms are not places, but they say which countries a story is about; with a gold
# span ("Iraqi" marked as a place), a demonym stands for its country.
DEMONYM_COUNTRIES = {form: code for form, (code, _) in _DEMONYMS.items()}
#: The forms as written ("Burkinabè", "South Korean"), for patterns that match case.
DEMONYM_FORMS = tuple(sorted((written for _, written in _DEMONYMS.values()),
                             key=len, reverse=True))


def _region_demonyms() -> dict[str, tuple[str, str]]:
    """Each demonym of a region in ``data/regions.csv`` ("European", "West Africans"),
    lower case, -> (the region's name, the form as written)."""
    import csv
    from importlib import resources

    out: dict[str, tuple[str, str]] = {}
    path = resources.files("conflictmap") / "data" / "regions.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for form in (row.get("demonyms") or "").split("|"):
                if form.strip():
                    out[form.strip().lower()] = (row["name"].strip(), form.strip())
    return out


_REGION_DEMONYMS = _region_demonyms()


def _admin_demonyms() -> dict[str, tuple[str, str, str]]:
    """Each demonym of a state or province in ``data/admin_demonyms.csv`` ("Texan",
    "Ohioans", "South Ossetian"), lower case, -> (the area's name, its country's ISO
    alpha-2 code, the form as written)."""
    import csv
    from importlib import resources

    out: dict[str, tuple[str, str, str]] = {}
    path = resources.files("conflictmap") / "data" / "admin_demonyms.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for form in f"{row.get('adjectives') or ''}|{row.get('nouns') or ''}".split("|"):
                if form.strip():
                    out[form.strip().lower()] = (row["name"].strip(),
                                                 row["country_code"].strip(), form.strip())
    return out


_ADMIN_DEMONYMS = _admin_demonyms()
#: A state's or province's demonym, lower case -> (its name, its country's code)
#: ("texans" -> ("Texas", "US")).
ADMIN_DEMONYMS = {form: (name, code) for form, (name, code, _) in _ADMIN_DEMONYMS.items()}
#: A region's demonym, lower case -> the region's name ("european" -> "Europe").
REGION_DEMONYMS = {form: name for form, (name, _) in _REGION_DEMONYMS.items()}
#: Every demonym of a country or a region as written, longest first.
ADJECTIVAL_FORMS = tuple(sorted(
    {*DEMONYM_FORMS, *(written for _, written in _REGION_DEMONYMS.values()),
     *(written for _, _, written in _ADMIN_DEMONYMS.values())},
    key=len, reverse=True))

# Abbreviations of US states (AP style and common variants), Canadian provinces and
# Australian states, as
# datelines and local copy write them after a town ("Louisville, Ky."), to the full name.
# Written with their periods: without them most are words or initials of anything else.
STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Cal.": "California", "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware",
    "D.C.": "District of Columbia", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky",
    "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan",
    "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana",
    "Neb.": "Nebraska", "Nebr.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Oreg.": "Oregon",
    "Pa.": "Pennsylvania", "Penn.": "Pennsylvania", "R.I.": "Rhode Island",
    "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Tex.": "Texas",
    "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia",
    "W. Va.": "West Virginia", "Wis.": "Wisconsin", "Wisc.": "Wisconsin", "Wyo.": "Wyoming",
    "B.C.": "British Columbia", "Alta.": "Alberta", "Sask.": "Saskatchewan",
    "Man.": "Manitoba", "Ont.": "Ontario", "Que.": "Quebec", "N.S.": "Nova Scotia",
    "N.B.": "New Brunswick", "N.L.": "Newfoundland and Labrador",
    "Nfld.": "Newfoundland and Labrador", "P.E.I.": "Prince Edward Island",
    # written without the points too, as often as with them
    "BC": "British Columbia", "PEI": "Prince Edward Island",
    # Australian states, as their press writes them
    "NSW": "New South Wales", "N.S.W.": "New South Wales", "Qld": "Queensland",
}

# Armed groups whose names are also villages somewhere ("Al Shabaab", "Hamas"): in
# conflict copy they are the group, never a place.
GROUP_NAMES = (
    "Al Shabaab", "Al Shabab", "Shabaab", "Hamas", "Hezbollah", "Hizbollah", "Boko Haram",
    "Taliban", "Houthi", "Houthis", "Huthi", "Daesh", "ISIS", "ISIL", "Al Qaeda", "Al Qaida",
    "Wagner", "JNIM", "ISWAP", "Ansar Allah", "Ansarallah", "Hayat Tahrir al-Sham", "Fano",
    "Shabiha", "Janjaweed", "Al Nusra", "Nusra",
)
