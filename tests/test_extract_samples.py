"""Extraction over the bundled sample articles, scored against their hand-made gold."""
from __future__ import annotations

import json

import pytest

from conflictmap.article import read_text
from conflictmap.extract import extract_events

from .conftest import ROOT
from .events_scoring import Score, score

SAMPLES = ROOT / "data" / "samples"
GOLD = sorted(SAMPLES.glob("*.events.json"))
# Written apart from the code by someone who had not seen it; scored, not tuned on.
HELD_OUT = sorted((ROOT / "tests" / "data" / "events_heldout").glob("*.events.json"))


@pytest.fixture(scope="module")
def scores(gazetteer) -> dict[str, Score]:
    out = {}
    for path in GOLD:
        gold = json.loads(path.read_text(encoding="utf-8"))
        found = extract_events(read_text(SAMPLES / gold["article"]), gazetteer=gazetteer)
        out[path.name] = score(gold, list(found.events), list(found.links))
    return out


def test_there_are_enough_samples():
    assert len(GOLD) >= 15
    assert any(json.loads(p.read_text(encoding="utf-8"))["events"] == [] for p in GOLD)


def test_samples_overall(scores):
    total = Score()
    for s in scores.values():
        total.add(s)
    report = "\n".join(total.findings)
    assert total.f1 >= 0.85, f"{total}\n{report}"
    assert total.attributes_ok / total.found >= 0.7, f"{total}\n{report}"


@pytest.mark.parametrize("name", [p.name for p in GOLD])
def test_each_sample(scores, name):
    s = scores[name]
    assert s.recall >= 0.5 and s.precision >= 0.5, "\n".join(s.findings)


def test_held_out_articles(gazetteer):
    total = Score()
    for path in HELD_OUT:
        gold = json.loads(path.read_text(encoding="utf-8"))
        found = extract_events(read_text(path.parent / gold["article"]), gazetteer=gazetteer)
        total.add(score(gold, list(found.events), list(found.links)))
    assert len(HELD_OUT) >= 5
    assert total.f1 >= 0.55, f"{total}\n" + "\n".join(total.findings)
