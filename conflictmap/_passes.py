"""The passes after each name's place is chosen: what the whole article says about a
name ("Jones" is a person, "Alexandria Police" the town), short forms of sites, villages
no gazetteer knows, and demonyms as adjectival mentions.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache

from conflictmap._context import Context, demonym_spans, inside, nearest_km
from conflictmap._names import fold
from conflictmap._wordlists import (
    ADMIN_DEMONYMS,
    DEMONYM_COUNTRIES,
    FEATURE_AFTER,
    REGION_DEMONYMS,
)
from conflictmap.gazetteer import Gazetteer, Place
from conflictmap.gazetteer.place import AT_PROVINCE
from conflictmap.mentions import TITLE_BEFORE, Mention

__all__ = ["DEMONYM_REASON", "NOT_IN_AREA", "PART_OF_NAME", "demonym_place", "located_by_area",
           "near_the_story", "one_sense", "outside_wide_names", "people", "short_forms",
           "unknown", "with_demonyms"]

PART_OF_NAME = "not a place: part of a longer name"
NOT_IN_AREA = "no place of this name in the area named after it"
_LOCATED_BY = "village located by its"
_NEAR_TOWN = "place located by the article's nearest town"
# A word that reads as a people's or a language's adjective ("Kurdish", "Balinese"):
# not a place of the story's town
_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ish|ese|ians?|eans?|ans)")
# A name that says it is a division of its own ("Madison Township", "Boone Co.")
_DIVISION_AFTER = re.compile(r"\b(?:County|Co\.|Parish|Township|Twp\.?|Borough|District|"
                             r"Province|Municipality|Oblast|Region)$", re.IGNORECASE)
# Between an unknown village and the place that locates it
_AREA_OF_VILLAGE = re.compile(
    r"(?: (?:village|town|hamlet|area|neighbou?rhood|camp))?"
    r"(?:, | \((?:[^(),.;]{1,40}, )?| (?:in|near|of) (?:the )?"
    r"(?:(?:countryside|outskirts|suburbs|district|province|region|area) of )?)")
# A capitalised word (or a title, "Dr.") just before a name
_FORENAME = re.compile(r"\b[A-Z][a-z'’-]+\.? $")
# "in Greer", "near Dublin": a place there, whoever shares its name
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|from|to|outside|around|of)\s+$")
_SHORT_FORM_KM = 50
_FEATURE_WORDS = frozenset(FEATURE_AFTER) | {"field", "base", "the"}
DEMONYM_REASON = {"country": "a demonym: its country", "region": "a demonym: its region",
                  "admin1": "a demonym: its state or province",
                  "admin2": "a demonym: its state or province"}


def with_demonyms(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Add each demonym ("Iraqi", "Russians") that no place name covers, as an adjectival
    mention of its country."""
    added = []
    starts = [m.start for m in mentions]
    for start, end, form in demonym_spans(text):
        i = bisect.bisect_left(starts, end)
        if any(m.end > start for m in mentions[max(0, i - 3):i]):
            continue  # inside a place name ("Iraqi Kurdistan")
        place = demonym_place(form, gaz)
        if place is not None:
            added.append(Mention(text[start:end], start, end, "", place=place, score=1.0,
                                 reason=DEMONYM_REASON[place.kind], adjectival=True))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def demonym_place(text: str, gaz: Gazetteer) -> Place | None:
    """The country, the region or the state a demonym names ("Iraqi", "Europeans",
    "Texans"), or None."""
    words = text.strip().removesuffix("'s").removesuffix("’s")
    lower = words.lower()
    for form in (lower, lower[:-1] if lower.endswith("s") else lower):
        code = DEMONYM_COUNTRIES.get(form)
        if code:
            return gaz.country(code)
        region = REGION_DEMONYMS.get(form)
        if region:
            return next((p for p in gaz.places_for_key(fold(region))
                         if p.kind == "region" and p.name == region), None)
        if form in ADMIN_DEMONYMS:
            name, code = ADMIN_DEMONYMS[form]
            return next((p for p in gaz.places_for_key(fold(name)) if p.country_code == code
                         and p.kind in ("admin1", "admin2", "region")), None)
    return None


def one_sense(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name that starts a longer one ("Alexandria Police", "Rapides Parish Sheriff's
    Office") is the place that the same name is where it stands alone in the article."""
    alone = {m.key: m for m in mentions if m.key and m.place is not None and not m.chained}
    if not alone:
        return mentions
    out = []
    for m in mentions:
        same = alone.get(m.key)
        if same is not None and m.place is None and m.reason == PART_OF_NAME \
                and not _after_forename(text, m.start):
            m = replace(m, place=same.place, score=same.score,
                        reason=f"{same.place.name}, as where the name stands alone")
        out.append(m)
    return out


def people(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name left out as the end of a person's name ("the Rev. Roy Jones") is that
    person wherever it stands alone in the article ("Jones said"), unless a place word
    or the article's own geography supports it there."""
    surnames = {m.key for m in mentions if m.key and m.place is None
                and m.reason == PART_OF_NAME and _after_forename(text, m.start)}
    if not surnames:
        return mentions
    return [replace(m, place=None, reason="a person's name elsewhere in the article")
            if m.key in surnames and m.place is not None and not m.cue
            and m.place.kind in ("city", "admin2", "admin1")
            and not _LOCATIVE_BEFORE.search(text, max(0, m.start - 12), m.start)
            else m for m in mentions]


def _after_forename(text: str, start: int) -> bool:
    """Whether a capitalised word (or a title, "Dr.") stands just before *start*, and not
    as the first word of a sentence."""
    found = _FORENAME.search(text, max(0, start - 30), start)
    if found is None:
        return False
    if TITLE_BEFORE.search(text, max(0, found.start() - 8), found.start()):
        return True
    before = text[max(0, found.start() - 3):found.start()].rstrip(" ")
    return bool(before) and before[-1] not in '.!?"“\n'


def outside_wide_names(mentions: list[Mention]) -> list[Mention]:
    """Drop a name inside a sea's or a region's ("Aden" of "the Gulf of Aden"): it is
    part of that name, not a place of its own."""
    wide = [(m.start, m.end) for m in mentions if m.place and m.place.kind in ("water", "region")]
    if not wide:
        return mentions
    return [m for m in mentions
            if not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end)
                       for s, e in wide)]


def short_forms(text: str, mentions: list[Mention]) -> list[Mention]:
    """Resolve a short form that repeats a site named earlier ("Omar" after "the Omar
    oil field") to that site."""
    forms: dict[str, Mention] = {}
    for m in mentions:
        if m.place and m.place.kind == "site":
            words = [w for w in m.text.replace("-", " ").split()
                     if w.lower() not in _FEATURE_WORDS and fold(w)]
            if words and len(words) < len(m.text.split()):
                forms.setdefault(" ".join(words), m)
    if not forms:
        return mentions
    out = list(mentions)
    taken = {(m.start, m.end): i for i, m in enumerate(out)}
    for form, source in forms.items():
        for match in _word_matches(text, form):
            span = match
            if any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in taken):
                continue
            new = Mention(form, span[0], span[1], fold(form), place=source.place,
                          score=source.score, reason=f"short form of {source.text!r}")
            if span in taken:
                # A name that stands for a place beside the site ("Erbil" after "Erbil
                # air base") keeps it; a match far away ("Omar", a village in another
                # country) gives way to the site.
                i = taken[span]
                current = out[i].place
                if current is None or (current.kind != "site" and current.distance_km(
                        source.place) > _SHORT_FORM_KM):
                    out[i] = new
            else:
                taken[span] = len(out)
                out.append(new)
    return sorted(out, key=lambda m: m.start)


def _word_matches(text: str, form: str) -> list[tuple[int, int]]:
    return [m.span() for m in _word_pattern(form).finditer(text)]


@lru_cache(maxsize=4096)
def _word_pattern(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")


def unknown(mention: Mention, gaz: Gazetteer, context: Context) -> Mention:
    """A phrase-found name ("the hamlet of X"): fuzzy within the article's country, the
    online fallback if enabled, else unresolved with the reason."""
    enclosing = context.enclosing.get(mention.start)
    for country, _ in context.countries.most_common(1):
        found = gaz.lookup(mention.text, country=country, limit=1)
        # A near spelling is taken only where the text puts the place: inside the area
        # named after it, or near the article's other places.
        if found and found[0].score > 1.0 and (
                inside(found[0].place, enclosing) if enclosing
                else not context.points
                or (nearest_km(found[0].place, mention.key, context.points) or 1e9) <= 100):
            return replace(mention, place=found[0].place, score=found[0].score,
                           reason="; ".join(found[0].reasons))
    if not context.countries and gaz.geocoder is not None:
        found = gaz.lookup(mention.text, limit=1)
        if found:
            return replace(mention, place=found[0].place, reason="online geocoder")
    return replace(mention, reason="not in the gazetteer")


def near_the_story(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Names given as places that no gazetteer entry fits (a street, a school, a hamlet,
    a name whose only namesakes are far away). One named after a place the article names
    ("the University of California", "the Bank of Mexico", "the Port of Los Angeles") is
    at that place, and one named by a region's adjective ("the European Commission", "the
    African Union") at the region; one named with the place it lies in ("Camp Murray,
    Wash.", "the Sheikh Akil graveyard in Manbij") at that place; any other is located at
    the article's town nearest to it in the text (its district, if it names no town).
    Each says so. Only for spans the caller says are places;
    *mentions* in text order."""
    named = [m for m in mentions if m.place is not None and not m.adjectival
             and not m.place.id.startswith("near:")]
    # (a people's adjective in a name says nothing of where it is: "the French Quarter")
    by_name = {fold(m.text): m.place for m in named}
    # its towns; in an article that names none, its districts (a county's point)
    towns = [m for m in named if m.place.kind == "city"] or \
        [m for m in named if m.place.kind == "admin2"]
    out = []
    for i, m in enumerate(mentions):
        if m.place is None and m.key:
            inner = _named_after(m.text, by_name)
            region = None if inner else _of_a_region(m.text, gaz)
            area = None if inner or region else _area_named_with(text, mentions, i)
            near = towns
            if area is not None and area.place.kind == "admin1":
                # a town the article names in that province is a better guess than the
                # province's seat ("Thackerville, Okla." with Marietta, Okla.)
                near = [t for t in towns if t.place.country_code == area.place.country_code
                        and t.place.province == area.place.province]
            if area is not None and not area.place.id.startswith("near:") and not (
                    area.place.kind == "admin1" and near):
                m = _located_at(m, area, m.reason)
            elif inner is not None:
                m = replace(m, place=inner, score=0.0,
                            reason=f"{m.reason}; named after {inner.name}, which the "
                                   "article names")
            elif region is not None:
                m = replace(m, place=region, score=0.0,
                            reason=f"{m.reason}; named by the adjective of {region.name}")
            elif near and not _ADJECTIVE.fullmatch(m.text):
                i = bisect.bisect_left([t.start for t in near], m.start)
                a = min(near[max(0, i - 1):i + 1], key=lambda t: abs(t.start - m.start)).place
                place = Place(id=f"near:{a.id}", name=m.text, latitude=a.latitude,
                              longitude=a.longitude, country_code=a.country_code,
                              kind="city", feature=_NEAR_TOWN, admin1=a.province,
                              source=f"located at {a.name}")
                m = replace(m, place=place, score=0.0,
                            reason=f"{m.reason}; located at {a.name}, the article's "
                                   f"{'town' if a.kind == 'city' else 'district'} named "
                                   "nearest to it")
        out.append(m)
    return out


def _of_a_region(text: str, gaz: Gazetteer) -> Place | None:
    """The region whose adjective starts *text*, a name of more words ("European" of
    "European Central Bank"): a body of the region's. (A people's adjective is not
    enough: "the French Quarter" is in New Orleans, a Chinese embassy abroad.)"""
    words = text.split()
    for n in (2, 1):
        if len(words) > n and " ".join(words[:n]).lower() in REGION_DEMONYMS:
            return demonym_place(" ".join(words[:n]), gaz)
    return None


def _named_after(text: str, by_name: dict[str, Place]) -> Place | None:
    """The place that the longest run of words of *text* names, among *by_name* (the
    article's names, folded, to their places); None for a division of its own ("Madison
    Township") or where no run is one of them."""
    words = text.split()
    if len(words) < 2 or _DIVISION_AFTER.search(text):
        return None
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            place = by_name.get(fold(" ".join(words[i:i + n])))
            if place is not None:
                return place
    return None


def located_by_area(text: str, mentions: list[Mention]) -> list[Mention]:
    """A village no gazetteer knows, named with the place it lies in ("Umm al-Kayf
    village in Hasakeh countryside", "the village of X, Donetsk", "X village (Y, Z)"): a
    mention of the village, under its own name, located at that place, and said so."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.place is not None or m.key and m.reason != NOT_IN_AREA:
            continue
        area = _area_named_with(text, out, i)
        if area is not None:
            out[i] = _located_at(m, area)
    return out


def _area_named_with(text: str, mentions: list[Mention], i: int) -> Mention | None:
    """The resolved place named right after mention *i* as where it is ("X village in
    Y", "X, Y", "X (Y, Z)"), or None."""
    m = mentions[i]
    return next((n for n in mentions[i + 1:i + 4]
                 if n.place is not None and not n.adjectival
                 and n.place.kind in ("city", "admin2", "admin1", "region")
                 and _AREA_OF_VILLAGE.fullmatch(text[m.end:n.start])), None)


def _located_at(m: Mention, area: Mention, why: str = "not in the gazetteer") -> Mention:
    """*m*, a place no gazetteer knows (*why*), located at *area*, the place named with
    it."""
    a = area.place
    lat, lon = a.event_point if a.kind == "admin1" else (a.latitude, a.longitude)
    village = Place(
        id=f"near:{a.id}", name=m.text, latitude=lat, longitude=lon,
        country_code=a.country_code, kind="city", feature=f"{_LOCATED_BY} {a.kind}",
        admin1=a.province, source=f"located at {a.name}" + (
            f"; {AT_PROVINCE}" if a.source.endswith(AT_PROVINCE) else ""))
    return replace(m, place=village, score=area.score,
                   reason=f"{why}; located at {a.name}, named with it")
