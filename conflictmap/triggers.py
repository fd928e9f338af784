"""What a sentence says happened: event triggers, weapons and their counts, casualties
and actors, found with patterns (no statistical model)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from conflictmap.actors import Actor, find_actors
from conflictmap.event import MAX_COUNT
from conflictmap.lexicon import (
    NUM,
    NUMBERS,
    CaseBlind,
    Screen,
    lower_case,
    pattern,
    table,
    word_pattern,
)

__all__ = ["Actor", "Cues", "Trigger", "Weapon", "event_type_for", "find_cues",
           "number", "sub_event_for"]


# ACLED's sub-event types: their event type and our map category (data/lexicon/types.csv).
_TYPES = {row["sub_event_type"]: (row["event_type"], row["category"]) for row in table("types")}
# Category, sub-event type and pattern, strongest first (data/lexicon/triggers.csv): an
# interception sentence that also says "fired rockets" (the defence) is an interception.
# An empty sub-event type leaves the type to the weapon and the victims.
_TRIGGERS: list[tuple[str, str, CaseBlind]] = [
    (row["category"], row["sub_event_type"], CaseBlind(word_pattern([row["pattern"]])))
    for row in table("triggers")]
# What tells a protest, a riot or a mob, and how it was met (data/lexicon/crowds.csv).
_CROWD = {cue: CaseBlind(word_pattern([r["pattern"] for r in table("crowds") if r["cue"] == cue]))
          for cue in dict.fromkeys(r["cue"] for r in table("crowds"))}
_ANY_CROWD = CaseBlind(word_pattern([row["pattern"] for row in table("crowds")
                                     if row["cue"] in ("protest", "riot", "mob")]))
# A crowd word that is the target of a bombing ("a bomb went off at a rally").
_AT_BEFORE = re.compile(r"\b(?:at|on|targeting|near|into)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$",
                        re.IGNORECASE)
# A crowd word that is the subject of an attack ("a rally in X was hit by a bomber").
_HIT_AFTER = re.compile(r"(?:\s+[\w'’,-]+){0,5}?\s+(?:was|were|had been|has been)\s+"
                        r"(?:hit|attacked|targeted|bombed|struck|stormed|shelled|shot at)\b",
                        re.IGNORECASE)
# "Police said he had been killed": who speaks is not in the incident, unless it tells
# what it did itself ("the army said it killed five militants").
_SPEAKER_AFTER = re.compile(r"\s+(?:said|say|says|told|reported|announced|confirmed|stated|"
                            r"added|claimed)\b(?!\s+(?:that\s+)?(?:it|they|its|their)\b)",
                            re.IGNORECASE)
# Who was hurt: people who fight, or people who do not (data/lexicon/people.csv).
_PEOPLE = re.compile("|".join(
    f"(?P<{row['role']}{i}>" + word_pattern([row["pattern"]]).pattern + ")"
    for i, row in enumerate(table("people"))), re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$", re.IGNORECASE)

# Weapon name, its sub-event type and pattern, longest phrases first ("rocket-propelled
# grenade" is no rocket) (data/lexicon/weapons.csv).
_WEAPONS: list[tuple[str, str]] = [(row["weapon"], row["pattern"]) for row in table("weapons")]
_SUB_EVENT = {row["weapon"]: row["sub_event_type"] for row in table("weapons")}
_WEAPON = re.compile(
    r"\b(?:" + "|".join(f"(?P<w{i}>{pattern(p)})" for i, (_, p) in enumerate(_WEAPONS))
    + r")\b", re.IGNORECASE)
# The count before a weapon: "Fourteen rockets", "two unidentified rocket-propelled grenades"
_COUNT_BEFORE = re.compile(rf"\b(?P<count>{NUM})(?: \"| “|\s)(?:[\w-]+ ){{0,2}}?$",
                           re.IGNORECASE)
_A_BEFORE = re.compile(r"\b(?:an?|one)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# Cheap tests that let a sentence skip the costlier patterns.
_MAY_KILL = CaseBlind(re.compile(r"kill|dead|died|death|lives|fatalit|bod(?:y|ies)|corpse|"
                                 r"remains|murder|executed|behead|lynch|succumb|slain|alive",
                                 re.IGNORECASE))
_MAY_INJURE = CaseBlind(re.compile(r"wound|injur|hurt", re.IGNORECASE))

# How a report counts the dead and the wounded (data/lexicon/casualties.csv): each
# pattern's {N} is the count, and "add" what the words count besides ("killing him and 3
# others": 4).
_CASUALTIES: dict[str, list[tuple[re.Pattern[str], int]]] = {"killed": [], "injured": []}
# A figure followed by a unit is no count of people ("at 10 pm", "Rs. 5 lakh").
_NOT_PEOPLE = (r"(?!\s*(?:pm|am|a\.m\.?|p\.m\.?|hrs|hours|o'clock|km|kilomet\w+|miles|metres|"
               r"meters|years?|months?|days?|weeks?|minutes?|lakh|crore|million|billion|"
               r"thousand dollars|dollars|percent|per cent|%|January|February|March|April|"
               r"May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
               r"Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)")
for _row in table("casualties"):
    # A pattern without {N} counts "add" ("killed him and his wife": 2); {N2} adds a
    # second count to the first ("six soldiers and three militants").
    _text = pattern(_row["pattern"])
    _text = (_text.replace("{N}", f"(?P<n>{NUM}){_NOT_PEOPLE}")
             .replace("{N2}", f"(?P<n2>{NUM}){_NOT_PEOPLE}")
             if "{N}" in _text else f"(?:{_text})(?P<n>)")
    _CASUALTIES[_row["kind"]].append((re.compile(r"\b" + _text + r"\b", re.IGNORECASE),
                                      int(_row["add"] or 0)))
_NO_CASUALTIES = CaseBlind(re.compile(
    r"\bno (?:casualties|deaths|fatalities|injuries|one was (?:hurt|injured|killed))\b|"
    r"\bwithout (?:casualties|causing casualties)\b|\bnobody (?:was|were) (?:hurt|injured|"
    r"killed)\b|\bno one (?:was|were) (?:hurt|injured|killed)\b|\bthere were no (?:casualties|"
    r"fatalities|injuries|deaths)\b",
    re.IGNORECASE,
))
_ANY_WEAPON = CaseBlind(_WEAPON)
# One pass over a sentence rules out most of the patterns above (see `Screen`).
_SCREEN = Screen([*(blind for _, _, blind in _TRIGGERS), _ANY_CROWD,
                  *_CROWD.values(), _MAY_KILL, _MAY_INJURE, _NO_CASUALTIES, _ANY_WEAPON])
# Words before air strikes that make them support for a clash.
_SUPPORTING = re.compile(r"\b(?:support(?:ed|ing)?|backed|covered|aided|helped|assisted)\b"
                         r"(?: by| of| with)?(?:\s+(?:the\s+)?[\w-]+){0,3}\s*$|\bwith\s+$",
                         re.IGNORECASE)
# "Rs. 5 lakh", "$20": money, never a count.
_MONEY_BEFORE = re.compile(r"(?:\bRs\.?|\$|€|£|\bUSD|\bEUR|\bN)\s?$")
# "On 2 February 2022": a year, never a count.
_YEAR = re.compile(r"(?:19|20)\d\d")

# Words before a trigger that make it something that did not happen (yet).
_IRREALIS = re.compile(r"\b(?:planning|planned|plotting|plotted|threaten(?:ed|ing|s)?|vowed|"
                       r"intend(?:ed|s)?|prepar(?:ing|ed)|to prevent|would|could|might|may|"
                       r"fear(?:ed|s)? of|warned of|risk of|no|without|denied|any)"
                       r"(?:\s+\w+){0,2}\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)


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
class Cues:
    """Everything one sentence says about an incident; offsets are within the sentence."""

    triggers: tuple[Trigger, ...]
    weapons: tuple[Weapon, ...]
    fatalities: int | None
    injuries: int | None
    no_casualties: bool
    actors: tuple[Actor, ...]
    victims: str = ""

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
    if word in NUMBERS:
        return NUMBERS[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def find_cues(sentence: str) -> Cues:
    """The triggers, weapons, casualties, victims and actors of one sentence."""
    triggers = []
    low = lower_case(sentence)
    seen = _SCREEN.scan(low)
    # (the screen rules out most triggers: no search of all of them at once goes first)
    for category, sub_event, trigger_pattern in _TRIGGERS:
        if trigger_pattern.absent(low, seen):
            continue
        for m in trigger_pattern.full.finditer(sentence):
            if not _IRREALIS.search(sentence[max(0, m.start() - 40):m.start()]) \
                    and not _in_relative_clause(sentence, m.start()):
                triggers.append(Trigger(category, sub_event, m.start(), m.end(),
                                        m.group(0)))
    if any(t.category == "clash" for t in triggers):
        # "clashed with rebels, supported by air strikes": the air strikes back the clash
        triggers = [t for t in triggers if t.category != "strike" or not _SUPPORTING.search(
            sentence[max(0, t.start - 40):t.start])]
    crowd = _crowd(sentence, triggers, low, seen) \
        if _ANY_CROWD.search(sentence, low, seen) else None
    if crowd is not None:
        triggers.insert(0, crowd)
    fatalities = (_count(_CASUALTIES["killed"], sentence)
                  if _MAY_KILL.search(sentence, low, seen) else None)
    injuries = (_count(_CASUALTIES["injured"], sentence)
                if _MAY_INJURE.search(sentence, low, seen) else None)
    none = bool(_NO_CASUALTIES.search(sentence, low, seen))
    if not triggers:  # only casualties matter, to update the incident before
        return Cues((), (), fatalities, injuries, none, ())
    actors = tuple(a for a in find_actors(sentence) if not _SPEAKER_AFTER.match(sentence, a.end))
    weapons = () if _ANY_WEAPON.absent(low, seen) else tuple(_weapons(sentence))
    return Cues(tuple(triggers), weapons, fatalities, injuries, none,
                actors, _victims(sentence, triggers[0]))


def _crowd(sentence: str, triggers: list[Trigger], low: str | None,
           seen: int) -> Trigger | None:
    """A protest, a riot or a mob, typed by how it went: with violence from the crowd, a
    riot; met with lethal force, tear gas or arrests, a protest with force or with
    intervention; else a peaceful protest. A rally that a bomb hit is the bombing."""
    found = {cue: crowd_pattern.search(sentence, low, seen)
             for cue, crowd_pattern in _CROWD.items()}
    protest = found.get("protest")
    if found.get("diplomatic"):
        protest = None  # "summoned the envoy to protest": a government, not a crowd
    if protest is not None and _HIT_AFTER.match(sentence, protest.end()):
        protest = None  # "a rally was hit by a suicide bomber": the bombing
    if protest is not None and _AT_BEFORE.search(sentence[max(0, protest.start() - 30):
                                                          protest.start()]) and any(
            t.sub_event_type and t.category != "development" and t.start < protest.start()
            for t in triggers):
        protest = None
    if protest is not None:
        anchor = protest
        if found.get("lethal"):
            sub_event = "Excessive force against protesters"
        elif found.get("riot") or found.get("violence"):
            sub_event = "Violent demonstration"
        elif found.get("intervention"):
            sub_event = "Protest with intervention"
        else:
            sub_event = "Peaceful protest"
    elif found.get("riot"):
        anchor, sub_event = found["riot"], "Violent demonstration"
    elif found.get("mob"):
        anchor, sub_event = found["mob"], "Mob violence"
    else:
        return None
    return Trigger(_TYPES[sub_event][1], sub_event, anchor.start(), anchor.end(),
                   anchor.group(0))


def _victims(sentence: str, trigger: Trigger) -> str:
    """Who the incident hurt: "armed" (soldiers, militants, police), "civilian", or "" when
    the sentence does not say. The object of the trigger, or its subject when passive ("a
    soldier was shot dead")."""
    if _PASSIVE_BEFORE.search(sentence[max(0, trigger.start - 30):trigger.start]):
        found = [m for m in _PEOPLE.finditer(sentence, max(0, trigger.start - 100),
                                             trigger.start)
                 if not _SPEAKER_AFTER.match(sentence, m.end())]
        m = found[-1] if found else None
    else:
        m = _PEOPLE.search(sentence, trigger.end, trigger.end + 100)
    if m is None:
        return ""
    return "armed" if m.lastgroup.startswith("armed") else "civilian"


def _in_relative_clause(sentence: str, at: int) -> bool:
    """True inside ", where ... ," or ", who ... ,": a description, not the news."""
    opened = max(sentence.rfind(", where ", 0, at), sentence.rfind(", who ", 0, at))
    return opened >= 0 and "," not in sentence[opened + 2:at]


def _weapons(sentence: str):
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


def _count(patterns: list[tuple[re.Pattern[str], int]], sentence: str) -> int | None:
    """The largest count the patterns find ("two of the dead were fighters" is no more
    deaths); a year is no count, nor is "a" alone ("a man was killed" counts once only
    where it is the sentence's only count)."""
    best = None
    for casualty_pattern, add in patterns:
        for m in casualty_pattern.finditer(sentence):
            text = m.group("n")
            if _YEAR.fullmatch(text) or _MONEY_BEFORE.search(sentence, 0, m.start("n")):
                continue
            value = number(text) if text else 0
            if value is None:
                continue
            second = m.groupdict().get("n2")
            if second:
                value += number(second) or 0
            value += add
            if value != 1 or add or text.lower() in ("one", "1", "a", "an", "single"):
                best = max(best or 0, value)
    return best


def sub_event_for(category: str, sub_event: str, weapon: str, victims: str = "") -> str:
    """ACLED's sub-event type from the trigger's, the weapon's and the victims'.

    A trigger that names its type keeps it, but an attack on people who fight back
    (soldiers, militants) is an armed clash; a bare "attacked" or "killed" takes its type
    from the weapon (shells, a mine, a grenade), and with guns, blades or nothing named,
    from the victims."""
    if sub_event == "Attack" and victims == "armed":
        return "Armed clash"
    if sub_event or category in ("interception", "strike", "clash"):
        return sub_event
    by_weapon = _SUB_EVENT.get(weapon, "")
    if by_weapon and by_weapon not in ("Armed clash", "Attack"):
        return by_weapon
    return "Armed clash" if victims == "armed" else "Attack"


def event_type_for(sub_event: str) -> str:
    """ACLED's event type for a sub-event type."""
    return _TYPES.get(sub_event, ("Explosions/Remote violence", ""))[0]
