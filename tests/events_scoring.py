"""Scoring extracted events against a hand-made gold file (the seed gold's format)."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from conflictmap.event import Event, Link


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _options(value) -> list[str]:
    return [v.strip().lower() for v in str(value).split("|")]


@dataclass
class Score:
    found: int = 0
    gold: int = 0
    extra: int = 0
    attributes_ok: int = 0
    links_ok: int = 0
    links: int = 0
    findings: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("found", "gold", "extra", "attributes_ok", "links_ok", "links"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.findings += other.findings

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.extra) if self.found + self.extra else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (f"P={self.precision:.2f} R={self.recall:.2f} F1={self.f1:.2f} "
                f"({self.found}/{self.gold} found, {self.extra} extra); attributes "
                f"{self.attributes_ok}/{self.found}; links {self.links_ok}/{self.links}")


def _matches(g: dict, e: Event) -> bool:
    if e.category not in _options(g["category"]):
        return False
    if "event_date" in g:
        if e.event_date is None:
            return False
        delta = abs((e.event_date - dt.date.fromisoformat(g["event_date"])).days)
        if delta > g.get("date_tolerance_days", 0):
            return False
    if "lat" in g:
        return e.located and km(e.latitude, e.longitude, g["lat"], g["lon"]) <= g["tolerance_km"]
    return e.country_code == g["country"]


def _attribute_errors(g: dict, e: Event) -> list[str]:
    bad = [f"{k} {getattr(e, k)!r} != {g[k]}" for k in ("munitions", "injuries", "fatalities")
           if k in g and getattr(e, k) != g[k]]
    if "weapon" in g and not any(w in e.weapon for w in _options(g["weapon"])):
        bad.append(f"weapon {e.weapon!r} not {g['weapon']!r}")
    if "sub_event_type" in g and e.sub_event_type.lower() not in _options(g["sub_event_type"]):
        bad.append(f"sub_event_type {e.sub_event_type!r}")
    if "origin" in g:
        o = g["origin"]
        if e.origin_latitude is None or km(e.origin_latitude, e.origin_longitude, o["lat"],
                                           o["lon"]) > o["tolerance_km"]:
            bad.append(f"origin {e.origin_location!r} not {o.get('mention', o)}")
    return bad


def _link_found(g: dict, links: list[Link]) -> bool:
    for link in links:
        if link.cross_border != g["cross_border"]:
            continue
        if "from" in g:
            t, a, b = g["tolerance_km"], g["from"], g["to"]
            if km(link.from_latitude, link.from_longitude, a["lat"], a["lon"]) <= t \
                    and km(link.to_latitude, link.to_longitude, b["lat"], b["lon"]) <= t:
                return True
        elif {link.from_country_code, link.to_country_code} == set(g["countries"]):
            return True
    return False


def score(gold: dict, events: list[Event], links: list[Link]) -> Score:
    s = Score(gold=len(gold["events"]), links=len(gold.get("links", [])))
    used: set[int] = set()
    for g in gold["events"]:
        hit = next((i for i, e in enumerate(events) if i not in used and _matches(g, e)), None)
        if hit is None:
            s.findings.append(f"{gold['article']}: MISSED {g['id']}")
            continue
        used.add(hit)
        s.found += 1
        bad = _attribute_errors(g, events[hit])
        s.attributes_ok += not bad
        if bad:
            s.findings.append(f"{gold['article']}: {g['id']}: {'; '.join(bad)}")
    for g in gold.get("optional_events", []):
        hit = next((i for i, e in enumerate(events) if i not in used and _matches(g, e)), None)
        if hit is not None:
            used.add(hit)
    for i, e in enumerate(events):
        if i not in used:
            s.extra += 1
            s.findings.append(f"{gold['article']}: EXTRA {e!r}")
    for g in gold.get("links", []):
        ok = _link_found(g, links)
        s.links_ok += ok
        if not ok:
            s.findings.append(f"{gold['article']}: link MISSED {g['id']}")
    return s
