"""Place mentions in our own sample articles, scored against hand-made gold files."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from conflictmap.article import Article, read_text
from conflictmap.resolve import geoparse

from .conftest import DATA, ROOT, load_gold

SAMPLES = ROOT / "data" / "samples"  # the bundled articles; *.places.json is their gold
HELD_OUT = DATA / "places_heldout"  # written apart from the code, scored but not tuned on
GOLD = sorted(SAMPLES.glob("*.places.json")) + sorted(HELD_OUT.glob("*.gold.json"))


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _span(text: str, mention: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(mention, start + 1)
    return start, start + len(mention)


def judge(gold: dict, text: str, mentions) -> list[tuple[str, bool, str]]:
    """One (mention, ok, why) per gold mention and per not-place."""
    out = []
    for g in gold["mentions"]:
        start, end = _span(text, g["mention"], g.get("occurrence", 1))
        ours = sorted((m for m in mentions if m.start < end and start < m.end),
                      key=lambda m: abs(m.start - start) + abs(m.end - end))
        label = f"{g['mention']}#{g.get('occurrence', 1)}"
        if g.get("resolvable") is False:
            bad = [m for m in ours if m.place is not None]
            reported = any(m.place is None and m.reason for m in ours)
            out.append((label, not bad and reported,
                        f"resolved to {bad[0].place!r}" if bad else
                        "" if reported else "not reported as unresolved"))
            continue
        if not ours or ours[0].place is None:
            out.append((label, False, "not found" if not ours else f"unresolved: {ours[0].reason}"))
            continue
        p = ours[0].place
        why = []
        if p.country_code != g["country"]:
            why.append(f"country {p.country_code}")
        if "lat" in g and _km(p.latitude, p.longitude, g["lat"], g["lon"]) > g["tolerance_km"]:
            why.append(f"{_km(p.latitude, p.longitude, g['lat'], g['lon']):.0f} km off")
        if g.get("kind") and p.kind != g["kind"] and not (g["kind"] == "admin1"
                                                          and p.kind == "admin2"):
            why.append(f"kind {p.kind}")
        out.append((label, not why, f"{p!r}: {', '.join(why)}" if why else ""))
    for word in gold.get("not_places", []):
        start = -1
        hits = []
        while (start := text.find(word, start + 1)) >= 0:
            end = start + len(word)
            hits += [m for m in mentions if m.place and not m.adjectival
                     and m.start <= start and end <= m.end
                     and m.text == text[m.start:m.end] and len(m.text) <= len(word) + 1]
        out.append((f"not {word}", not hits, f"taken as {hits[0].place!r}" if hits else ""))
    return out


@pytest.fixture(scope="module")
def results(gazetteer):
    out = {}
    for path in GOLD:
        gold = load_gold(path)
        text = read_text(path.parent / gold["article"])
        mentions = geoparse(Article.from_text(text), gazetteer=gazetteer)
        out[path.parent.name + "/" + path.name] = judge(gold, text, mentions)
    return out


def test_the_samples_hold_enough_mentions():
    mentions = [m for p in GOLD for m in load_gold(p)["mentions"]]
    assert len(mentions) >= 60
    assert sum(m.get("resolvable") is False for m in mentions) >= 4


def test_place_mentions_resolve(results):
    checks = [c for r in results.values() for c in r if not c[0].startswith("not ")]
    misses = [f"{name}: {label} {why}" for name, r in results.items()
              for label, ok, why in r if not ok and not label.startswith("not ")]
    accuracy = 1 - len(misses) / len(checks)
    assert accuracy >= 0.95, "\n".join(misses)


def test_common_words_demonyms_and_names_are_not_places(results):
    wrong = [f"{name}: {label} {why}" for name, r in results.items()
             for label, ok, why in r if not ok and label.startswith("not ")]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_each_article_mostly_right(results, path: Path):
    r = results[path.parent.name + "/" + path.name]
    assert sum(ok for _, ok, _ in r) / len(r) >= 0.85, [c for c in r if not c[1]]
