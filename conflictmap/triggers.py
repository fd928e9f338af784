"""What a sentence says happened: event triggers, weapons and their counts, casualties
and actors, found with patterns (no statistical model)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from conflictmap.event import MAX_COUNT

__all__ = ["Actor", "Cues", "Trigger", "Weapon", "find_cues", "number"]

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "a dozen": 12, "two dozen": 24, "a pair of": 2, "a couple of": 2, "both": 2,
}
_NUM = (r"(?:\d[\d,]*|a dozen|two dozen|a pair of|a couple of|"
        r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]\w+|"
        + "|".join(sorted((k for k in _NUMBERS if " " not in k), key=len, reverse=True)) + ")")

# Category, sub-event type and pattern, strongest first: an interception sentence that
# also says "fired rockets" (the defence) is an interception.
_TRIGGERS: list[tuple[str, str, re.Pattern[str]]] = [
    ("interception", "Disrupted weapons use", re.compile(
        r"\b(shot|shoot(?:s|ing)?) down\b|\bdowned\b|\bintercept(?:ed|s|ing|ion)?\b|"
        r"\brepel(?:led|s)?\b|\brepuls(?:ed|es)\b|\bthwart(?:ed|s)?\b|\bfoil(?:ed|s)?\b|"
        r"\btook out\b|\bdealt with\b|\bair defen[cs]es? (?:engaged|responded|were activated)",
        re.IGNORECASE)),
    ("strike", "Air/drone strike", re.compile(
        r"\bair ?strikes?\b|\bair[- ]?raids?\b|\bdrone strikes?\b|\bwarplanes?\b|"
        r"\bfighter jets?\b|\b(?:jets|aircraft|planes) (?:struck|bombed|hit|pounded|targeted)\b"
        r"|\bbombed\b|\bbombing raids?\b|\bstrikes? (?:on|against|targeting|hit)\b",
        re.IGNORECASE)),
    ("attack", "Suicide bomb", re.compile(
        r"\bsuicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|vest|car bomb|blast)\b",
        re.IGNORECASE)),
    ("attack", "Remote explosive/landmine/IED", re.compile(
        r"\b(?:roadside|car|truck|magnetic|sticky) bombs?\b|\bIEDs?\b|\bimprovised explosive|"
        r"\blandmines?\b|\bexplosive device|\b(?:bomb|blast|explosion) (?:struck|hit|tore|"
        r"killed|ripped|went off)|\bdetonat(?:ed|ing|ion)\b|\bblew up\b|\bexploded\b",
        re.IGNORECASE)),
    ("clash", "Armed clash", re.compile(
        r"\bclash(?:es|ed)?\b|\bfirefights?\b|\bgun ?battles?\b|\bexchanged (?:fire|gunfire)\b|"
        r"\bfighting (?:broke out|erupted|raged|spread|continued|began|started|between|in)\b|"
        r"\b(?:heavy|fierce|intense) fighting\b|\bfought\b|\bambush(?:ed)?\b",
        re.IGNORECASE)),
    ("attack", "", re.compile(
        r"\bfired\b|\bfiring\b|\blaunched\b|\battack(?:s|ed|ing)?\b|\btargeted\b|\bstruck\b|"
        r"\bshell(?:ed|ing)\b|\bbombard(?:ed|ment)\b|\bpounded\b|\blanded\b|\bhit\b|"
        r"\bopened fire\b|\bgunmen\b|\bstormed\b|\bassault(?:ed)?\b|\braided\b|"
        r"\b(?:blasts?|explosions?)\b|\braids\b",
        re.IGNORECASE)),
]

# Weapon name and pattern, longest phrases first ("rocket-propelled grenade" is no rocket).
_WEAPONS: list[tuple[str, str]] = [
    ("rpg", r"rocket[- ]propelled grenades?|RPGs?"),
    ("suicide bomb", r"suicide (?:bomb(?:er|ers|ing|ings|s)?|vests?|car bombs?)"),
    ("ied", r"(?:roadside|car|truck|magnetic|sticky) bombs?|IEDs?|improvised explosive devices?"
            r"|landmines?|explosive devices?"),
    ("airstrike", r"air ?strikes?|air[- ]?raids?|warplanes?|fighter jets?|bombing raids?"),
    ("drone", r"(?:armed |explosive[- ]laden |suicide |kamikaze |attack )?(?:drones?|UAVs?)"),
    ("missile", r"(?:ballistic |cruise |guided |anti-tank )?missiles?"),
    ("mortar", r"mortar(?: rounds?| shells?| bombs?)?s?"),
    ("rocket", r"(?:Katyusha )?rockets?"),
    ("shell", r"artillery(?: shells?| rounds?)?|shells?|shelling"),
    ("grenade", r"(?:hand )?grenades?"),
    ("small arms", r"gunmen|gunfire|small[- ]arms|machine ?guns?|snipers?|rifles?|"
                   r"gun ?battles?|bullets|firefights?"),
]
_WEAPON = re.compile(
    r"\b(?:" + "|".join(f"(?P<w{i}>{p})" for i, (_, p) in enumerate(_WEAPONS)) + r")\b",
    re.IGNORECASE,
)
# The count before a weapon: "Fourteen rockets", "two unidentified rocket-propelled grenades"
_COUNT_BEFORE = re.compile(rf"\b(?P<count>{_NUM})(?: \"| “|\s)(?:[\w-]+ ){{0,2}}?$",
                           re.IGNORECASE)
_A_BEFORE = re.compile(r"\b(?:an?|one)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# Cheap tests that let a sentence skip the costlier patterns.
_MAY_KILL = re.compile(r"kill|dead|died|death|lives", re.IGNORECASE)
_MAY_INJURE = re.compile(r"wound|injur|hurt", re.IGNORECASE)
_SUB_EVENT = {"rocket": "Shelling/artillery/missile attack", "shell": "Shelling/artillery/"
              "missile attack", "mortar": "Shelling/artillery/missile attack",
              "missile": "Shelling/artillery/missile attack", "rpg": "Shelling/artillery/"
              "missile attack", "drone": "Air/drone strike", "airstrike": "Air/drone strike",
              "ied": "Remote explosive/landmine/IED", "suicide bomb": "Suicide bomb",
              "grenade": "Grenade", "small arms": "Armed clash"}

_KILLED = re.compile(
    rf"\b(?:at least |some |about |around |nearly |more than |over |up to )?(?P<n>{_NUM})"
    r"(?:[\s\"“”'’]+(?!and\b|wound|injur)[\w'’-]+){0,7}?[\s\"“”'’]+"
    r"(?:(?:were|was|had been|have been|are|being) )?(?:killed|dead|died|lost their lives)\b"
    rf"|\bkill(?:ing|ed|s) (?:the |at least |some |about |around |nearly |more than )?"
    rf"(?P<n2>{_NUM})"
    rf"\b|\bdeath toll (?:rose |climbed )?(?:to|of) (?P<n3>{_NUM})\b",
    re.IGNORECASE,
)
_INJURED = re.compile(
    rf"\b(?:at least |some |about |around )?(?P<n>{_NUM})"
    r"(?:[\s\"“”'’]+(?!and\b|kill|dead\b)[\w'’-]+){0,5}?\s+"
    r"(?:(?:were|was|had been|have been|are) )?(?:wounded|injured|hurt)\b"
    rf"|\b(?:wounding|injuring|wounded|injured) (?:at least |some |about )?(?P<n2>{_NUM})\b"
    rf"|\binjuries to (?P<n3>{_NUM})\b|\b(?P<n4>{_NUM}) (?:[\w-]+ ){{0,2}}sustained "
    r"(?:minor |light |serious |critical )?injuries\b",
    re.IGNORECASE,
)
_NO_CASUALTIES = re.compile(
    r"\bno (?:casualties|deaths|fatalities|injuries|one was (?:hurt|injured|killed))\b|"
    r"\bwithout (?:casualties|causing casualties)\b|\bnobody (?:was|were) (?:hurt|injured|"
    r"killed)\b|\bno one (?:was|were) (?:hurt|injured|killed)\b",
    re.IGNORECASE,
)

_ACTORS: list[tuple[str, str]] = [
    ("Pro-Iran militias", r"(?:[Pp]ro-Iran(?:ian)?|Iran-backed|Iranian-backed)(?: [\w-]+){0,2}? "
                          r"(?:militias?|armed groups|groups|fighters|factions|paramilitaries)"),
    ("Syrian Democratic Forces", r"(?:the )?(?:US-backed |Kurdish-led )?Syrian Democratic "
                                 r"Forces|\bSDF\b|Kurdish-led (?:forces|alliance)"),
    ("US-led coalition", r"(?:the )?US-led (?:international )?coalition|coalition forces"),
    ("Military Forces of the United States", r"\bUS (?:forces|troops|military|army)\b|"
     r"American (?:forces|troops|defen[cs]e systems)|\b[Tt]he US\b|\bWashington\b|"
     r"\bPentagon\b"),
    ("Islamic State", r"Islamic State|\bISIS\b|\bISIL\b|\bIS\b|Daesh"),
    ("Popular Mobilization Forces", r"Hashed al-Shaabi|Hashd al-Shaabi|Popular Mobili[sz]ation"
                                    r" Forces|\bPMF\b"),
    ("Military Forces of Iraq", r"Iraqi (?:security )?(?:forces|army|troops|soldiers|military)"),
    ("Military Forces of Syria", r"Syrian (?:government |regime )?(?:forces|army|troops)|"
                                 r"regime forces|the Damascus regime"),
    ("Military Forces of Turkey", r"Turkish (?:forces|army|troops|military|drones?|warplanes|"
                                  r"jets)"),
    ("Military Forces of Israel", r"Israeli (?:forces|army|military|jets|warplanes|aircraft)"
                                  r"|\bIsrael\b"),
    ("Military Forces of Russia", r"Russian (?:forces|jets|warplanes|aircraft|military)"),
    ("Houthi Movement", r"Houthis?(?: rebels| forces| movement)?|Ansar Allah"),
    ("Hezbollah", r"Hezbollah|Hizbollah"),
    ("Kataib Hezbollah", r"Kataib Hezbollah"),
    ("Unidentified Armed Group", r"\bgunmen\b|\bmilitants\b|\binsurgents\b|\bjihadists\b"),
]
# Each actor pattern with the lower-case stems one of which its every match contains.
_ACTOR_PATTERNS = [
    (name, re.compile(pattern), stems) for (name, pattern), stems in zip(_ACTORS, (
        ("iran",), ("democratic forces", "sdf", "kurdish-led"), ("coalition",),
        ("us ", "american", "the us", "washington", "pentagon"),
        ("islamic state", "isis", "isil", "is ", "daesh"), ("hash", "mobili", "pmf"),
        ("iraqi",), ("syrian", "regime"), ("turkish",), ("israel",), ("russian",),
        ("houthi", "ansar"), ("hezbollah", "hizbollah"), ("kataib",),
        ("gunmen", "militants", "insurgents", "jihadists"),
    ), strict=True)
]
# Words before a trigger that make it something that did not happen (yet).
_IRREALIS = re.compile(r"\b(?:planning|planned|plotting|plotted|threaten(?:ed|ing|s)?|vowed|"
                       r"intend(?:ed|s)?|prepar(?:ing|ed)|to prevent|would|could|might|may|"
                       r"fear(?:ed|s)? of|warned of|risk of|no|without|denied|any)"
                       r"(?:\s+\w+){0,2}\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
_TARGET_BEFORE = re.compile(r"(?:against|targeting|on|at|hosting|toward|towards|near)\s*$")


@dataclass(frozen=True, slots=True)
class Trigger:
    category: str
    sub_event_type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Weapon:
    name: str
    count: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    start: int
    end: int
    is_target: bool


@dataclass(frozen=True, slots=True)
class Cues:
    """Everything one sentence says about an incident; offsets are within the sentence."""

    triggers: tuple[Trigger, ...]
    weapons: tuple[Weapon, ...]
    fatalities: int | None
    injuries: int | None
    no_casualties: bool
    actors: tuple[Actor, ...]

    @property
    def trigger(self) -> Trigger | None:
        """The strongest trigger: the first by category order, then by position."""
        return self.triggers[0] if self.triggers else None


def number(text: str) -> int | None:
    """A count written in digits or words ("14", "Fourteen", "twenty-one", "a dozen").

    None when it is no count, or more than `MAX_COUNT`.
    """
    word = text.lower().strip()
    digits = word.replace(",", "")
    if digits.isdecimal():
        # A 20-digit figure is no count: refuse it before int() does work on it.
        return int(digits) if len(digits) <= 6 and int(digits) <= MAX_COUNT else None
    if word in _NUMBERS:
        return _NUMBERS[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in _NUMBERS and parts[1] in _NUMBERS:
        return _NUMBERS[parts[0]] + _NUMBERS[parts[1]]
    return None


# Lower-case stems one of which every match of a trigger pattern contains: a sentence
# without any is not scanned with the (slower) pattern.
_TRIGGER_STEMS = (
    ("shot", "shoot", "downed", "intercept", "repel", "repuls", "thwart", "foil", "took out",
     "dealt with", "defen"),
    ("air", "strike", "raid", "warplane", "jet", "bomb", "aircraft", "plane"),
    ("suicide",),
    ("bomb", "ied", "improvised", "landmine", "explos", "blast", "detonat", "blew up"),
    ("clash", "firefight", "battle", "exchanged", "fighting", "fought", "ambush"),
    ("fire", "launch", "attack", "target", "struck", "shell", "bombard", "pounded", "landed",
     "hit", "gunmen", "storm", "assault", "raid", "blast", "explosion"),
)


def find_cues(sentence: str) -> Cues:
    """The triggers, weapons, casualties and actors of one sentence."""
    low = sentence.lower()
    triggers = []
    for (category, sub_event, pattern), stems in zip(_TRIGGERS, _TRIGGER_STEMS, strict=True):
        if any(stem in low for stem in stems):
            for m in pattern.finditer(sentence):
                if not _IRREALIS.search(sentence[max(0, m.start() - 40):m.start()]) \
                        and not _in_relative_clause(sentence, m.start()):
                    triggers.append(Trigger(category, sub_event, m.start(), m.end(),
                                            m.group(0)))
    fatalities = _count(_KILLED, sentence) if _MAY_KILL.search(sentence) else None
    injuries = _count(_INJURED, sentence) if _MAY_INJURE.search(sentence) else None
    if not triggers:  # only casualties matter, to update the incident before
        return Cues((), (), fatalities, injuries, bool(_NO_CASUALTIES.search(sentence)), ())
    return Cues(tuple(triggers), tuple(_weapons(sentence)), fatalities, injuries,
                bool(_NO_CASUALTIES.search(sentence)), tuple(_actors(sentence)))


_WEAPON_STEMS = ("rocket", "rpg", "bomb", "ied", "improvised", "landmine", "explosive", "air",
                 "raid", "warplane", "jet", "drone", "uav", "missile", "mortar", "artillery",
                 "shell", "grenade", "gun", "arms", "sniper", "rifle", "bullet", "firefight")


def _in_relative_clause(sentence: str, at: int) -> bool:
    """True inside ", where ... ," or ", who ... ,": a description, not the news."""
    opened = max(sentence.rfind(", where ", 0, at), sentence.rfind(", who ", 0, at))
    return opened >= 0 and "," not in sentence[opened + 2:at]


def _weapons(sentence: str):
    low = sentence.lower()
    if not any(stem in low for stem in _WEAPON_STEMS):
        return
    for m in _WEAPON.finditer(sentence):
        index = next(i for i in range(len(_WEAPONS)) if m.group(f"w{i}"))
        before = sentence[max(0, m.start() - 40):m.start()]
        found = _COUNT_BEFORE.search(before)
        count = number(found.group("count")) if found else None
        if count is None and _A_BEFORE.search(before[-30:]):
            count = 1
        if count == 1 and m.group(0).lower().endswith("s") and _WEAPONS[index][0] != "small arms":
            count = None  # "one of the rockets" is no count of rockets
        yield Weapon(_WEAPONS[index][0], count, m.start(), m.end())


def _count(pattern: re.Pattern[str], sentence: str) -> int | None:
    best = None
    for m in pattern.finditer(sentence):
        text = next((g for g in m.groupdict().values() if g), None)
        value = number(text) if text else None
        if value is not None and value != 1 or (value == 1 and text.lower() in ("one", "1")):
            best = max(best or 0, value)
    return best


def _actors(sentence: str) -> list[Actor]:
    low = sentence.lower() + " "
    found = []
    for name, pattern, stems in _ACTOR_PATTERNS:
        if any(stem in low for stem in stems):
            for m in pattern.finditer(sentence):
                before = sentence[max(0, m.start() - 12):m.start()]
                found.append(Actor(name, m.start(), m.end(),
                                   bool(_TARGET_BEFORE.search(before))))
    # Overlapping matches ("the US-led coalition" and "the US"): the longer one stays.
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[Actor] = []
    for actor in found:
        if not kept or actor.start >= kept[-1].end:
            kept.append(actor)
    return kept


def sub_event_for(category: str, sub_event: str, weapon: str) -> str:
    """ACLED's sub-event type from the trigger's and the weapon's."""
    if category in ("interception", "strike", "clash") or sub_event:
        return sub_event
    return _SUB_EVENT.get(weapon, "Attack")


def event_type_for(sub_event: str) -> str:
    """ACLED's event type for a sub-event type."""
    if sub_event == "Armed clash":
        return "Battles"
    if sub_event == "Attack":
        return "Violence against civilians"
    if sub_event == "Disrupted weapons use":
        return "Strategic developments"
    return "Explosions/Remote violence"
