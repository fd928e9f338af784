"""Triggers, weapons and counts, casualties and actors of one sentence."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from conflictmap.lexicon import CaseBlind, Screen, literal_starts, lower_case, word_pattern
from conflictmap.sentences import split_sentences
from conflictmap.triggers import event_type_for, find_cues, number

ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize("text, value", [
    ("14", 14), ("Fourteen", 14), ("twenty-one", 21), ("a dozen", 12), ("1,200", 1200),
    ("several", None), ("an", 1),
])
def test_numbers(text, value):
    assert number(text) == value


@pytest.mark.parametrize("sentence, category, weapon, count", [
    ("Fourteen rockets were fired at an air base in Anbar.", "attack", "rocket", 14),
    ("The base was attacked by 14 rockets.", "attack", "rocket", 14),
    ("US forces shot down an armed drone above the embassy.", "interception", "drone", 1),
    ("Defence systems fired rockets and took out an explosive-laden drone.", "interception",
     "drone", 1),
    ('The SDF said "two unidentified rocket-propelled grenades" landed on the field.', "attack",
     "rpg", 2),
    ("Militias fired several shells at the town.", "attack", "shell", None),
    ("A roadside bomb struck a patrol near Tikrit.", "attack", "ied", 1),
    ("A suicide bomber blew himself up at a market.", "attack", "suicide bomb", 1),
    ("Turkish warplanes carried out air strikes on the camp.", "strike", "airstrike", None),
    ("Three mortar rounds landed near the airport.", "attack", "mortar", 3),
    ("Clashes broke out between the SDF and tribal fighters.", "clash", None, None),
])
def test_trigger_weapon_count(sentence, category, weapon, count):
    cues = find_cues(sentence)
    assert cues.trigger.category == category
    if weapon:
        found = [w for w in cues.weapons if w.name == weapon]
        assert found and found[0].count == count, cues.weapons


@pytest.mark.parametrize("sentence, fatalities, injuries, none", [
    ("Fourteen rockets hit the base, causing minor injuries to two personnel.", None, 2, False),
    ('"Two personnel sustained minor injuries," he said.', None, 2, False),
    ('At least five "Iran-backed Iraqi militia fighters" were killed in the strikes.', 5, None,
     False),
    ("The blast killed seven people and wounded 11 others.", 7, 11, False),
    ("The bombing left 12 dead, wounding at least 30.", 12, 30, False),
    ("Two grenades landed, which caused no casualties.", None, None, True),
    ("Nobody was hurt in the attack.", None, None, True),
])
def test_casualties(sentence, fatalities, injuries, none):
    cues = find_cues(sentence)
    assert (cues.fatalities, cues.injuries, cues.no_casualties) == (fatalities, injuries, none)


def test_sentence_without_trigger():
    assert find_cues("The rocket launcher was hidden inside a truck.").trigger is None


def test_actors_and_targets():
    cues = find_cues("Pro-Iran militias fired rockets at a base hosting US forces.")
    names = {(a.name, a.is_target) for a in cues.actors}
    assert ("Pro-Iran Militias", False) in names
    assert ("Military Forces of the United States", True) in names


@pytest.mark.parametrize("sub, event_type", [
    ("Armed clash", "Battles"), ("Attack", "Violence against civilians"),
    ("Disrupted weapons use", "Strategic developments"),
    ("Shelling/artillery/missile attack", "Explosions/Remote violence"),
])
def test_event_types(sub, event_type):
    assert event_type_for(sub) == event_type


@pytest.mark.parametrize("text", ["100000000000000000000", "250,000", "99999999"])
def test_absurd_figures_are_no_count(text):
    assert number(text) is None


def test_absurd_casualty_figure_is_not_taken():
    cues = find_cues("The blast in the market ended up killing 100000000000000000000 people.")
    assert cues.fatalities is None


@pytest.mark.parametrize("text", [
    "Two UAVs were shot down over the port.",
    "Protesters MARCHED to the ministry; police fired tear gas.",
    "An IED struck a patrol near the bridge.",
    "İstanbul police detained three people after a bomb exploded.",  # lower() grows "İ"
    "Nothing happened in the village this week.",
])
def test_case_blind_gate_never_hides_a_match(text):
    full = word_pattern([r"(?-i:UAVs?)|march(?:ed|es)?|(?-i:IEDs?)|bomb|detained",
                         r"(?P<tear>tear gas)"])
    gate = CaseBlind(full)
    low = lower_case(text)
    assert (gate.search(text, low) is None) == (full.search(text) is None)
    if low is None:
        assert len(text.lower()) != len(text)


@pytest.mark.parametrize("regex, starts", [
    (r"\bkill(?:ed|ing)?\b", {"kill", "killed", "killin"}),
    (r"\b(?:air ?strikes?|shell(?:s|ed))\b", {"air ", "airstr", "shells", "shelle"}),
    (r"(?<!no )attack", {"attack"}),  # a lookbehind reads nothing of the match
    (r"x[- ]y", {"x-y", "x y"}),
    (r"(?:a|b)?c", {"a", "b", "c"}),
    (r"\d+ killed", None),  # a digit first: no literal start
    (r"\b\w+ed\b", None),
])
def test_literal_starts_begin_every_match(regex, starts):
    found = literal_starts(re.compile(regex))
    assert found == (None if starts is None else frozenset(starts))


def test_a_case_blind_pattern_has_no_literal_starts():
    assert literal_starts(re.compile("kill", re.IGNORECASE)) is None


def _sentences():
    paths = [*sorted((ROOT / "data" / "samples").glob("*.txt")),
             ROOT / "tests" / "data" / "articles" / "wire-kirkuk.txt"]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    texts.append("İstanbul: two UAVs were shot down; no one was hurt, police said.")
    return [t[s:e] for t in texts for s, e in split_sentences(t)]


def test_the_screens_never_rule_out_a_pattern_that_matches():
    # Every pattern a screen reads, on every sentence of our samples: ruled out by the
    # screen only where its lower-case form finds nothing.
    triggers = importlib.import_module("conflictmap.triggers")
    actors = importlib.import_module("conflictmap.actors")
    screens = [triggers._SCREEN, actors._generic_screen()]
    sentences = _sentences()
    assert len(sentences) > 100
    ruled_out = 0
    for sentence in sentences:
        low = lower_case(sentence)
        for screen in screens:
            seen = screen.scan(low)
            for blind in screen.patterns:
                if not seen & blind.bit:
                    ruled_out += 1
                    assert low is not None and blind.lower.search(low) is None, (
                        blind.full.pattern[:60], sentence)
    assert ruled_out > 0


def test_a_screen_reads_text_in_one_pass_for_many_patterns():
    rockets, drones, anything = (CaseBlind(word_pattern([p])) for p in
                                 (r"rockets?", r"drones?|(?-i:UAVs?)", r"\w+ attack"))
    screen = Screen([rockets, drones, anything])
    low = lower_case("Two UAVs flew over the base.")
    seen = screen.scan(low)
    assert rockets.absent(low, seen) and not drones.absent(low, seen)
    assert anything.bit & seen  # no literal start known: always searched
    assert screen.scan(None) == -1  # no lower-case text: nothing ruled out
    with pytest.raises(ValueError, match="another screen"):
        Screen([rockets])
