"""Choosing the place each mention means, from the article's context.

The context is what the article itself says: the countries and provinces it names, its
dateline, feature words next to a name ("province of", "oil field"), and how close a
candidate lies to the article's other places.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from conflictmap._names import fold
from conflictmap._wordlists import (
    ADJECTIVAL_FORMS,
    DEMONYM_COUNTRIES,
    FEATURE_AFTER,
    FEATURE_SUFFIXES,
    REGION_DEMONYMS,
)
from conflictmap.article import Article
from conflictmap.gazetteer import Candidate, Gazetteer, Place, prior
from conflictmap.mentions import TITLE_BEFORE, Mention, mention_key, span_cues, spot_places

__all__ = ["geoparse", "resolve"]

# Feature cue -> the place kinds and features it points to
_CUE_KINDS = {"admin": ("admin1", "admin2"), "city": ("city",)}
_CUE_FEATURES = {"base": ("air base", "airport", "military base", "outpost", "camp"),
                 "field": ("oil field", "gas field", "refinery"), "dam": ("dam",),
                 "camp": ("camp", "military base", "refugee camp"),
                 "crossing": ("border crossing",), "prison": ("prison",),
                 "embassy": ("embassy", "consulate", "green zone")}
_STRONG = 2.6  # a prior this high is a well-known place even inside a run of names
_MAX_CANDIDATES = 60
_SHORTLIST = 8
_WINDOW = 20_000
_SHORT_FORM_KM = 50
_INFERRED = 1.5  # at most, for a country where all the article's other places lie
_ENCLOSED = 3.0  # a town followed by its province or country ("Paris, Texas")
_DOMINANT = 1.5  # a prior this much higher (1,000 times the people) wins on context
_DISTRICT_KM = 50  # a town this close to a district's middle may lie in it
_DEMONYM_BONUS = 0.4
_AREA_AFTER = 2.0  # "Pisky, Donetsk": the name after a town is its area
_LIST_GAPS = (", ", " and ", ", and ", " or ")
_BRACKET_GAP = re.compile(r" \((?:[^(),.;]{1,40}, )?")
# Between an unknown village and the place that locates it.
_LOCATED_BY = "village located by its"
_PART_OF_NAME = "not a place: part of a longer name"
_FOREIGN = "not a place: only small places of other countries match"
# A capitalised word (or a title, "Dr.") just before a name
_FORENAME = re.compile(r"\b[A-Z][a-z'’-]+\.? $")
_TOWN = 2.0  # the prior of a town of 10,000
# A name that says what it is ("Rapides Parish", "Boone County") is a place even inside a
# longer name ("the Rapides Parish Sheriff's Office").
# "Alexandria Police", "Kaduna State Government", "Mansfield City Council": the place of
# an institution named after it
_INSTITUTION_AFTER = re.compile(
    r"[ -](?:Police|Sheriff'?s?|Fire|City|County|State|Council|Board|Mayor|Governor|High|"
    r"School|University|College|Hospital|Medical|Regional|Community|Memorial|National|"
    r"International|Department|Township|Twp\.|Area|Metropolitan|Public|Superior|District|"
    r"Court|Airport|Chamber|Times|Post|Herald|News|Journal|Gazette|Tribune|Daily|Army|"
    r"Volunteer|Selectmen|Selectman|Village|Town|Municipal|Government|Assembly|Province|"
    r"Governorate|Military|Security|Authority|Prison|Jail|Port)\b")
_TYPED_NAME = re.compile(r"\b(?:County|Parish|Province|Governorate|District|Oblast|"
                         r"Township|Borough|Municipality|Region)$")
_SMALL_PROVINCE = 50_000  # people in its main town
_QUARTER_KM = 50  # a neighbourhood lies this close to a town of the story
_QUARTER = "a neighbourhood of a town of the story, not a place far from it"
# "the Palestina neighborhood", "colonia El Cerrito": a part of a town named nearby
# ("vereda", "kebele", "barangay": the smallest units of Colombia, Ethiopia, the
# Philippines, named after their town)
_QUARTER_AFTER = re.compile(
    r" (?:neighbou?rhood|ward|quarter|barrio|bairro|vereda|corregimiento|kebele|barangay|"
    r"community|sector)\b")
_QUARTER_BEFORE = re.compile(
    r"\b(?:colonia|barrio|bairro|vereda|corregimiento|kebele|barangay|neighbou?rhood of|"
    r"quarter of) $", re.IGNORECASE)
_NOT_IN_AREA = "no place of this name in the area named after it"
_AREA_OF_VILLAGE = re.compile(
    r"(?: (?:village|town|hamlet|area|neighbou?rhood|camp))?"
    r"(?:, | \((?:[^(),.;]{1,40}, )?| (?:in|near|of) (?:the )?"
    r"(?:(?:countryside|outskirts|suburbs|district|province|region|area) of )?)")
_CHAIN_GAP = re.compile(r"[^(),.;]{0,40}?, ")
_FEATURE_GAP = re.compile(r"^ (?:town|village|city|township|district|area|camp|neighbou?rhood|"
                          r"region|province|governorate|county|municipality)\b")
_RUN = re.compile(r"(?:[ -](?:(?:al|el|ad|ar|as|ash|at|az|ez|an|de|da|du|la|bin|ibn|wa) )?"
                  r"[A-Z][\w'’]*)*")
_CAP_WORD = re.compile(r"(?<!\w)[A-Z][^\W\d_]*")
_DEMONYM_INDEX: dict[str, list[str]] = {}
for _form in ADJECTIVAL_FORMS:  # longest first, by the first word as `_CAP_WORD` reads it
    _DEMONYM_INDEX.setdefault(_CAP_WORD.match(_form).group().lower(), []).append(_form.lower())
_FEATURE_WORDS = frozenset(FEATURE_AFTER) | {"field", "base", "the"}
# Kinds too wide for closeness to another place to mean anything.
_AREAS = frozenset({"country", "admin1", "region", "water"})


@dataclass(frozen=True, slots=True)
class _Context:
    countries: Counter  # named in the article, with how often
    admin1s: frozenset[str]
    demonyms: Counter  # "Libyan", "Iraqi": weaker, for scoring only
    nearest: dict = field(default_factory=dict)  # (place id, key) -> km, filled on use
    total: float = 1.0  # how many country mentions in all
    points: tuple[tuple[str, str, float, float], ...] = ()
    # (key, country) -> how many of `countries` a name gave itself: "Georgia" read as the
    # country is no evidence for the country reading of "Georgia".
    own: Counter = field(default_factory=Counter)
    # The countries of the towns and sites the first pass chose, and the names that gave
    # them: where the story's other places are.
    inferred: Counter = field(default_factory=Counter)
    inferred_own: Counter = field(default_factory=Counter)
    # Mention start -> what the name just after it says encloses it ("Paris, Texas",
    # "Kramatorsk (Donetsk)"): folded province names and "cc:XX" country codes, and the
    # points of districts.
    enclosing: dict = field(default_factory=dict)
    areas: frozenset[int] = frozenset()  # starts of the names that enclose the one before
    quarters: frozenset[int] = frozenset()  # starts of the names of neighbourhoods
    text: str = ""


def geoparse(text: str | Article, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Find and resolve every place *text* names.

    Returns mentions in text order; an unresolved one has ``place=None`` and a reason.

    Examples
    --------
    >>> [m.place.country_code for m in geoparse("Rockets hit Baghdad.")]  # doctest: +SKIP
    ['IQ']
    """
    article = text if isinstance(text, Article) else Article.from_text(text)
    gaz = gazetteer or Gazetteer.default()
    out: list[Mention] = []
    names, prefixes = gaz.names, gaz.name_prefixes
    # A long text is many stories: context is local, and time stays linear in length.
    for offset, chunk in _windows(article.text, _WINDOW):
        mentions = spot_places(chunk, names, max_words=gaz.max_words, prefixes=prefixes)
        if offset == 0 and article.dateline_span and \
                not any(m.start == article.dateline_span[0] for m in mentions):
            start, end = article.dateline_span
            key = fold(chunk[start:end])
            if key in gaz:
                mentions.insert(0, Mention(chunk[start:end], start, end, key))
        found = _with_demonyms(chunk, _resolve_all(chunk, mentions, gaz), gaz)
        out += [replace(m, start=m.start + offset, end=m.end + offset) for m in found] \
            if offset else found
    return out


def _with_demonyms(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Add each demonym ("Iraqi", "Russians") that no place name covers, as an adjectival
    mention of its country."""
    added = []
    starts = [m.start for m in mentions]
    for start, end, form in _demonym_spans(text):
        i = bisect.bisect_left(starts, end)
        if any(m.end > start for m in mentions[max(0, i - 3):i]):
            continue  # inside a place name ("Iraqi Kurdistan")
        place = _demonym_place(form, gaz)
        if place is not None:
            added.append(Mention(text[start:end], start, end, "", place=place, score=1.0,
                                 reason=_DEMONYM_REASON[place.kind], adjectival=True))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _demonym_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of every demonym in *text*, plural or not, longest form
    first: a look-up by first word, much faster than one pattern of 600 forms."""
    out = []
    skip_to = 0
    for word in _CAP_WORD.finditer(text):
        start = word.start()
        if start < skip_to:
            continue
        for form in _DEMONYM_INDEX.get(word.group().lower(), ()):
            end = start + len(form)
            if text[start:end].lower() != form:
                continue
            if text[end:end + 1] == "s":
                end += 1
            if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                continue
            out.append((start, end, text[start:end]))
            skip_to = end
            break
    return out


def _windows(text: str, size: int) -> Iterable[tuple[int, str]]:
    """Pieces of at most about *size* characters, cut at paragraph ends where possible."""
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n\n", start + size // 2, start + size)
        if cut < 0:
            cut = text.rfind("\n", start + size // 2, start + size)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, start + size)
        cut = cut + 1 if cut >= 0 else start + size
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def resolve(text: str, spans: Iterable[tuple[int, int]], *,
            gazetteer: Gazetteer | None = None) -> list[Mention]:
    """The best place for each given ``(start, end)`` span of *text*, in context.

    For corpora with gold spans: no spotting, every span gets a mention (resolved or
    with the reason it is not).
    """
    gaz = gazetteer or Gazetteer.default()
    spans = list(spans)
    mentions = []
    for (s, e), near in zip(spans, span_cues(text, spans), strict=True):
        key, cue = mention_key(text[s:e])
        mentions.append(Mention(text[s:e], s, e, key, cue=cue or near))
    out = []
    for m in _resolve_all(text, mentions, gaz, keep_all=True):
        place = _demonym_place(m.text, gaz)
        if place is not None:  # "Iraqi" given as a place is Iraq, never a namesake
            m = replace(m, place=place, score=1.0, reason=_DEMONYM_REASON[place.kind],
                        adjectival=True)
        elif not m.place and not m.reason:
            m = replace(m, reason=_why_unresolved(m, gaz))
        out.append(m)
    return out


_DEMONYM_REASON = {"country": "a demonym: its country", "region": "a demonym: its region"}


def _demonym_place(text: str, gaz: Gazetteer) -> Place | None:
    """The country or the region a demonym names ("Iraqi", "Europeans"), or None."""
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
    return None


def _why_unresolved(mention: Mention, gaz: Gazetteer) -> str:
    if not mention.text.strip():
        return "an empty span (or one outside the text)"
    if not mention.key:
        return "no letters to look up"
    if not gaz.places_for_key(mention.key):
        return "not in the gazetteer"
    return "no candidate fits the article's context"


def _resolve_all(text: str, mentions: list[Mention], gaz: Gazetteer, *,
                 keep_all: bool = False) -> list[Mention]:
    pools = {(m.key, m.cue): _pool(gaz, m.key, m.cue) for m in mentions if m.key}
    context = _context(text, mentions, pools)
    chosen = _choose_all(mentions, pools, context)
    # Second pass: closeness to the places the first pass found, and their countries.
    local = [m for m in chosen if m.place and m.place.kind not in _AREAS]
    context = replace(context, nearest={}, points=tuple({
        (m.key, m.place.id): (m.key, m.place.id, m.place.latitude, m.place.longitude)
        for m in local}.values()),
        inferred=Counter(m.place.country_code for m in local if m.place.country_code),
        inferred_own=Counter((m.key, m.place.country_code) for m in local))
    chosen = _choose_all(mentions, pools, context, previous=chosen)
    chosen = _short_forms(text, chosen, context)
    chosen = _one_sense(text, chosen)
    chosen = _people(text, chosen)
    chosen = [_unknown(m, gaz, context) if not m.key and not m.place else m for m in chosen]
    chosen = _located_by_area(text, chosen)
    if keep_all:  # every span given gets its mention
        return chosen
    return [m for m in _outside_wide_names(chosen) if m.place or not m.key]


def _one_sense(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name that starts a longer one ("Alexandria Police", "Rapides Parish Sheriff's
    Office") is the place that the same name is where it stands alone in the article."""
    alone = {m.key: m for m in mentions if m.key and m.place is not None and not m.chained}
    if not alone:
        return mentions
    out = []
    for m in mentions:
        same = alone.get(m.key)
        if same is not None and m.place is None and m.reason == _PART_OF_NAME \
                and not _after_forename(text, m.start):
            m = replace(m, place=same.place, score=same.score,
                        reason=f"{same.place.name}, as where the name stands alone")
        out.append(m)
    return out


def _people(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name left out as the end of a person's name ("the Rev. Roy Jones") is that
    person wherever it stands alone in the article ("Jones said"), unless a place word
    or the article's own geography supports it there."""
    surnames = {m.key for m in mentions if m.key and m.place is None
                and m.reason == _PART_OF_NAME and _after_forename(text, m.start)}
    if not surnames:
        return mentions
    return [replace(m, place=None, reason="a person's name elsewhere in the article")
            if m.key in surnames and m.place is not None and not m.cue
            and m.place.kind in ("city", "admin2", "admin1") else m for m in mentions]


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


def _outside_wide_names(mentions: list[Mention]) -> list[Mention]:
    """Drop a name inside a sea's or a region's ("Aden" of "the Gulf of Aden"): it is
    part of that name, not a place of its own."""
    wide = [(m.start, m.end) for m in mentions if m.place and m.place.kind in ("water", "region")]
    if not wide:
        return mentions
    return [m for m in mentions
            if not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end)
                       for s, e in wide)]


def _pool(gaz: Gazetteer, key: str, cue: str) -> list[Place]:
    places = gaz.places_for_key(key)
    # "al-Qaim" with a crossing word near it may be the "Al-Qaim border crossing".
    for suffix in FEATURE_SUFFIXES.get(cue.lstrip("~"), ()):
        places += gaz.places_for_key(fold(f"{key} {suffix}"))
    if cue == "admin" and not any(p.kind in ("admin1", "admin2") for p in places):
        # "Hodeidah province" where only the city is known by that spelling: the
        # province is the one the city lies in.
        for city in [p for p in places if p.kind == "city" and p.admin1]:
            places += [p for p in gaz.places_for_key(fold(city.admin1))
                       if p.kind == "admin1" and p.country_code == city.country_code]
    places = list({p.id: p for p in places}.values())
    if cue != "admin" and any(p.kind == "water" for p in places):
        # "the Red Sea" is the sea; "Red Sea governorate" (an "admin" cue) the province.
        places = [p for p in places if p.kind not in ("admin1", "admin2")]
    # Best known first: the order every later step reads them in.
    places.sort(key=lambda p: (-prior(p)[0], p.id))
    return places[:_MAX_CANDIDATES]


def _context(text: str, mentions: Sequence[Mention],
             pools: dict[tuple[str, str], list[Place]]) -> _Context:
    countries: Counter = Counter()
    own: Counter = Counter()
    demonyms = Counter(DEMONYM_COUNTRIES[f.lower()] for _, _, f in _demonym_spans(text)
                       if f.lower() in DEMONYM_COUNTRIES)
    admin1s = set()
    for m in mentions:
        pool = pools.get((m.key, m.cue), [])
        if not pool:
            continue
        top = pool[0]  # the best known
        code = ""
        if top.kind == "country":
            code = top.country_code
        elif top.kind == "region" and top.country_code:  # "Darfur": Sudan's context
            code = top.country_code
        elif top.kind == "admin1" or (m.cue == "admin" and any(p.kind == "admin1" for p in pool)):
            admin = top if top.kind == "admin1" else next(p for p in pool if p.kind == "admin1")
            admin1s.add(fold(admin.name))
            code = admin.country_code
        elif len({p.country_code for p in pool}) == 1 and any(p.kind == "admin1" for p in pool):
            # "Tombouctou": the province or its town, in one country either way
            admin1s.update(fold(p.name) for p in pool if p.kind == "admin1")
            code = pool[0].country_code
        rival = next((p for p in pool if p.kind == "admin1" and p.country_code != code
                      and fold(p.name) == m.key), None) if top.kind == "country" else None
        if rival is not None:
            # "Georgia": the country or a US state; each reading is half a vote.
            for c in (code, rival.country_code):
                countries[c] += 0.5
                own[(m.key, c)] += 0.5
        elif code:
            countries[code] += 1
            own[(m.key, code)] += 1
    enclosing, areas = _enclosing(text, mentions, pools)
    quarters = frozenset(m.start for m in mentions
                         if _QUARTER_AFTER.match(text, m.end)
                         or _QUARTER_BEFORE.search(text, max(0, m.start - 20), m.start))
    return _Context(countries, frozenset(admin1s), demonyms,
                    total=sum(countries.values()) or 1.0, own=own,
                    enclosing=enclosing, areas=areas, quarters=quarters, text=text)


def _enclosing(text: str, mentions: Sequence[Mention],
               pools: dict[tuple[str, str], list[Place]]
               ) -> tuple[dict[int, tuple[frozenset[str], tuple]], frozenset[int]]:
    """The areas that the text puts each name in, and the starts of the names that
    say so.

    "Paris, Texas", "Pisky, Donetsk": the name after a town and a comma, unless it starts
    a list ("Baghdad, Basra and Mosul"). "Namuembe (Nangade, Cabo Delgado)", "Bangui
    Mallam (Gourma-Rharous, Tombouctou)": the names in brackets after a town, whatever
    the town's full name and whether or not its district is known. An area is given by
    its readings: folded province names, "cc:XX" countries, and the points of districts
    (and, in brackets, of towns), near which the town lies.
    """
    out: dict[int, tuple[frozenset[str], tuple]] = {}
    givers: set[int] = set()
    for i, m in enumerate(mentions[:-1]):
        after = mentions[i + 1]
        third = mentions[i + 2] if i + 2 < len(mentions) else None
        gap = _FEATURE_GAP.sub("", text[_run_end(text, m.end):after.start], count=1)
        if gap == ", ":
            if third is not None and text[after.end:third.start] in _LIST_GAPS:
                continue  # "Baghdad, Basra and Mosul": a list, not a town and its area
            points_of: tuple[str, ...] = ("admin2",)
        elif _BRACKET_GAP.fullmatch(gap):
            points_of = ("admin2", "city")
        else:
            continue
        if points_of == ("admin2",):
            # The name after it, and those after that one in a chain ("Muse township,
            # Muse district, Shan state"), words no gazetteer knows between them.
            named = [after]
            for n in mentions[i + 2:i + 6]:
                between = _FEATURE_GAP.sub("", text[named[-1].end:n.start], count=1)
                if not _CHAIN_GAP.fullmatch(between):
                    break
                named.append(n)
        else:  # every name in the brackets that is not part of a longer one
            close = text.find(")", after.start)
            close = close if 0 <= close < after.start + 120 else after.start + 120
            named = [n for n in mentions[i + 1:] if n.start < close and not n.chained]
        # "Muse town (Muse township, ...)": a name is not its own area
        pool = [p for n in named if n.key != m.key for p in pools.get((n.key, n.cue), ())]
        areas = frozenset(
            fold(p.name) if p.kind == "admin1" else f"cc:{p.country_code}"
            for p in pool if p.kind in ("admin1", "country"))
        # A district (or a town) is known by its point: the town lies near it.
        points = tuple((p.latitude, p.longitude) for p in pool if p.kind in points_of)
        if areas or points:
            out[m.start] = (areas, points)
            givers.update(n.start for n in named)
    return out, frozenset(givers)


def _run_end(text: str, end: int) -> int:
    """The end of the run of capitalised words that a name at *end* starts or sits in
    ("Bangui" of "Bangui Mallam", "Dula" of "Dula al Amas")."""
    return _RUN.match(text, end).end()


def _score(place: Place, mention: Mention, context: _Context, *, rivals: bool = True,
           reasons: list[str] | None = None) -> float:
    """The score of *place* for *mention*; with a *reasons* list, also why, in words
    (kept to the few candidates shown, as the words cost more than the sums)."""
    score, why = prior(place)
    explain = reasons is not None
    if explain:
        reasons.append(why)
    # "EU" in capitals is an acronym, not the town of Eu: short capitals are no main name.
    if fold(place.name) == mention.key and not (
            len(mention.text) <= 4 and mention.text.isupper() and not place.name.isupper()):
        score += 1.0
        if explain:
            reasons.append("its main name")
    cue, weight = mention.cue.lstrip("~"), 0.5 if mention.cue.startswith("~") else 1.0
    if cue:
        where = "in its clause" if weight < 1 else "next to it"
        if place.kind in _CUE_KINDS.get(cue, ()) or place.feature in _CUE_FEATURES.get(cue, ()):
            score += 4.0 * weight
            if explain:
                reasons.append(f"'{cue}' word {where}")
        elif cue in _CUE_FEATURES and place.kind == "site":
            score += 1.5 * weight
            if explain:
                reasons.append(f"a site, and a site word {where}")
    if mention.start in context.areas and place.kind in ("admin1", "admin2", "country"):
        score += _AREA_AFTER
        if explain:
            reasons.append("the area of the town named before it")
    enclosing = context.enclosing.get(mention.start)
    if enclosing and place.kind not in ("country", "admin1") and _inside(place, enclosing):
        score += _ENCLOSED
        if explain:
            reasons.append(f"in {place.admin1 or place.country_code}, named after it")
    code = place.country_code
    share = context.countries.get(code, 0) - context.own.get((mention.key, code), 0)
    if share > 0:
        score += 1.5 + 2 * share / context.total
        if explain:
            reasons.append(f"in {code}, named in the article")
    others = context.inferred.get(code, 0) - context.inferred_own.get((mention.key, code), 0)
    if others > 0:
        score += _INFERRED * others / max(1, sum(context.inferred.values()))
        if explain:
            reasons.append(f"in {code}, as the article's other places are")
    if place.country_code in context.demonyms and place.kind != "country":
        # Weak: in war reporting the demonym is as often the attacker ("Russian forces").
        score += _DEMONYM_BONUS
        if explain:
            reasons.append(f"{place.country_code} by its demonym in the article")
    if place.admin1 and place.kind != "admin1" and fold(place.admin1) in context.admin1s:
        score += 1.0
        if explain:
            reasons.append(f"in {place.admin1}, named in the article")
    # Closeness only ranks rivals: a name with one candidate skips it.
    if rivals and context.points and place.kind not in _AREAS:
        memo = (place.id, mention.key)
        if memo not in context.nearest:
            context.nearest[memo] = _nearest_km(place, mention.key, context.points)
        near = context.nearest[memo]
        if near is not None and near < 400:
            score += 1.5 if near < 50 else 1.0 if near < 150 else 0.5
            if explain:
                reasons.append(f"{near:.0f} km from another place of the article")
    return round(score, 3)


def _inside(place: Place, enclosing: tuple[frozenset[str], tuple]) -> bool:
    areas, districts = enclosing
    return (f"cc:{place.country_code}" in areas
            or bool(place.admin1) and fold(place.admin1) in areas
            or any(_km(place.latitude, place.longitude, lat, lon) < _DISTRICT_KM
                   for lat, lon in districts))


def _choose_all(mentions: Sequence[Mention], pools: dict[tuple[str, str], list[Place]],
                context: _Context, *, previous: Sequence[Mention] = ()) -> list[Mention]:
    """`_choose` for every mention; a name repeated with the same cue is scored once, and
    a name with one candidate keeps its *previous* choice (closeness cannot change it)."""
    done: dict[tuple, Mention] = {}
    out = []
    for n, m in enumerate(mentions):
        if not m.key:  # a phrase-found name: resolved later, on its own
            out.append(m)
            continue
        pool = pools.get((m.key, m.cue), ())
        if previous and (not pool or len(pool) == 1 and previous[n].place is not None
                         and prior(previous[n].place)[0] >= _STRONG):
            out.append(previous[n])  # nothing the second pass knows can change it
            continue
        memo = (m.key, m.cue, m.chained, context.enclosing.get(m.start))
        if memo not in done:
            done[memo] = _choose(m, pools.get((m.key, m.cue), []), context)
        first = done[memo]
        out.append(first if first.start == m.start else Mention(
            m.text, m.start, m.end, m.key, m.cue, m.chained, first.place, first.score,
            first.reason, first.candidates))
    return out


def _choose(mention: Mention, pool: list[Place], context: _Context) -> Mention:
    if not pool:
        return mention
    rivals = len(pool) > 1
    if len(pool) > _SHORTLIST:
        # Context adds at most a few points: a namesake far down by prior that lies in
        # none of the article's countries cannot win, and need not be scored.
        by_prior = pool  # best known first (`_pool`)
        pool = by_prior[:_SHORTLIST] + [
            p for p in by_prior[_SHORTLIST:]
            if p.country_code in context.countries or p.country_code in context.demonyms
            or p.country_code in context.inferred or p.kind == "site"]
    scores = {p.id: _score(p, mention, context, rivals=rivals) for p in pool}
    scored = sorted(pool, key=lambda p: (-scores[p.id], p.id))
    shown = scored[:5]
    top = pool[0]
    if top not in shown:  # the best known of them always competes (see `_may_win`)
        shown.append(top)
    # The reasons, in words, are worked out for the chosen one only: they cost more than
    # the sums.
    ranked = [Candidate(place, scores[place.id]) for place in shown]
    # The countries the article names, and those its other places were found in.
    # (A name is no evidence for itself: "Michael" read as a parish of the Isle of Man
    # does not put the Isle of Man in the story.)
    story = {c for c, n in context.countries.items()
             if n - context.own.get((mention.key, c), 0) > 0} | {
        c for c, n in context.inferred.items()
        if n - context.inferred_own.get((mention.key, c), 0) > 0}
    # The best candidate that may win and that nothing in the text makes doubtful; if
    # none, the name stays unresolved with the reason the first of them was doubted.
    # A runner-up needs evidence of its own (`_runner_up`); a doubt about the name itself
    # (part of a longer one, a neighbourhood) stops the search.
    first_doubt = ""
    enclosing = context.enclosing.get(mention.start)
    for candidate in ranked:
        place = candidate.place
        if not _may_win(candidate, mention, pool, context):
            continue
        if first_doubt and not _runner_up(place, enclosing, story):
            continue
        doubt = _doubt(place, mention, context, story)
        if not doubt:
            reasons: list[str] = []
            _score(place, mention, context, rivals=rivals, reasons=reasons)
            return replace(mention, place=place, score=candidate.score,
                           candidates=tuple(ranked), reason="; ".join(reasons))
        first_doubt = first_doubt or doubt
        if doubt in (_PART_OF_NAME, _QUARTER):
            break  # doubts about the name, not the candidate: "John Kelly"
    return replace(mention, place=None, candidates=tuple(ranked),
                   reason=first_doubt or "no candidate fits the article's context")


def _runner_up(place: Place, enclosing: tuple | None, story: set[str]) -> bool:
    """Whether *place* has evidence of its own to be chosen after the best candidate was
    doubted: well known, an area (a state is no small place), inside the area named
    after it, or a town of some size in a country of the story."""
    score = prior(place)[0]
    return (score >= _STRONG or place.kind in ("country", "admin1", "region", "water")
            or bool(enclosing) and _inside(place, enclosing)
            or place.country_code in story and score >= _TOWN)


def _doubt(place: Place, mention: Mention, context: _Context, story: set[str]) -> str:
    """Why the text makes *place* doubtful for *mention*, or ""."""
    if mention.start in context.quarters and context.points and place.kind == "city":
        near = _nearest_km(place, mention.key, context.points)
        if near is None or near > _QUARTER_KM:
            return _QUARTER
    weak = prior(place)[0] < _STRONG
    known = not story or place.country_code in story \
        or place.country_code in context.demonyms
    # A feature word next to the name speaks for a candidate of that kind only, and for
    # the whole run of capitals, not a part of it ("Bulo Mareer town").
    adjacent_cue = bool(mention.cue) and not mention.cue.startswith("~") \
        and not mention.chained and _fits_cue(place, mention.cue)
    # A province inside a run of capitals is kept where the story is ("Anbar Police"),
    # not as a far one ("Michael Brown": a parish of the Isle of Man).
    if mention.chained and not adjacent_cue and place.kind != "country" \
            and not _TYPED_NAME.search(mention.text) \
            and not _INSTITUTION_AFTER.match(context.text, mention.end) and (
            weak and place.kind != "admin1" or not known
            or place.kind == "admin1" and place.country_code not in story
            and place.country_code not in context.demonyms):
        return _PART_OF_NAME
    enclosing = context.enclosing.get(mention.start)
    if enclosing and not _inside(place, enclosing) and (
            place.kind in ("city", "admin2")
            # a province only when the area after it is another country ("Foni
            # (Brikama, Gambia)" is not Sardinia's)
            or place.kind == "admin1" and (any(a.startswith("cc:") for a in enclosing[0])
                                           or fold(place.name) != mention.key)):
        return _NOT_IN_AREA
    # ("the village of X" says what X is, not where: no shield here)
    if story and place.country_code not in story and (
            weak and place.kind == "city"
            # "Ham", "Kin", "Meka": a short other name of a far city, not its name
            or place.kind == "city" and len(mention.key) <= 5 and fold(place.name) != mention.key
            # "Muse district": the province of a foreign town of that name; "Man", "First":
            # small provinces of countries the story is not about
            or place.kind == "admin1" and (fold(place.name) != mention.key
                                           or place.population < _SMALL_PROVINCE)):
        return _FOREIGN
    if weak and not adjacent_cue and place.kind == "city" and not enclosing \
            and len({key for key, *_ in context.points if key != mention.key}) >= 2 \
            and _nearest_km(place, mention.key, context.points) is None:
        return "doubtful: a small place far from all the article's others"
    return ""


def _fits_cue(place: Place, cue: str) -> bool:
    cue = cue.lstrip("~")
    return place.kind in _CUE_KINDS.get(cue, ()) or place.feature in _CUE_FEATURES.get(cue, ())


def _may_win(candidate: Candidate, mention: Mention, pool: list[Place],
             context: _Context) -> bool:
    """Whether *candidate* may be chosen on the strength of its score. A town never wins
    over a country, a region or a sea of the same name ("Russia", Ohio; "Atlantic",
    Iowa), a small one over its own country's province of its name ("Indiana",
    Pennsylvania), nor over a
    place a thousand times better known ("Moscow", Pennsylvania), by
    the article's context alone: it needs a word next to it ("the town of"), or its
    province or country named after it ("Moscow, Pa.")."""
    place = candidate.place
    if place.kind not in ("city", "admin2"):
        return True
    cue = mention.cue
    if cue and not cue.startswith("~") and place.kind in _CUE_KINDS.get(cue, ()):
        return True
    enclosing = context.enclosing.get(mention.start)
    if enclosing and _inside(place, enclosing):
        return True
    if any(p.kind in ("country", "region", "water") for p in pool):
        return False  # "Atlantic", Iowa is not the ocean's rival on context alone
    if prior(place)[0] < _STRONG and any(
            p.kind == "admin1" and p.country_code == place.country_code
            and fold(p.name) == mention.key for p in pool):
        return False  # nor is "Indiana", Pennsylvania the state's
    return prior(place)[0] >= prior(pool[0])[0] - _DOMINANT  # pool: best known first


def _short_forms(text: str, mentions: list[Mention], context: _Context) -> list[Mention]:
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


def _unknown(mention: Mention, gaz: Gazetteer, context: _Context) -> Mention:
    """A phrase-found name ("the hamlet of X"): fuzzy within the article's country, the
    online fallback if enabled, else unresolved with the reason."""
    enclosing = context.enclosing.get(mention.start)
    for country, _ in context.countries.most_common(1):
        found = gaz.lookup(mention.text, country=country, limit=1)
        # A near spelling is taken only where the text puts the place: inside the area
        # named after it, or near the article's other places.
        if found and found[0].score > 1.0 and (
                _inside(found[0].place, enclosing) if enclosing
                else not context.points
                or (_nearest_km(found[0].place, mention.key, context.points) or 1e9) <= 100):
            return replace(mention, place=found[0].place, score=found[0].score,
                           reason="; ".join(found[0].reasons))
    if not context.countries and gaz.geocoder is not None:
        found = gaz.lookup(mention.text, limit=1)
        if found:
            return replace(mention, place=found[0].place, reason="online geocoder")
    return replace(mention, reason="not in the gazetteer")


def _located_by_area(text: str, mentions: list[Mention]) -> list[Mention]:
    """A village no gazetteer knows, named with the place it lies in ("Umm al-Kayf
    village in Hasakeh countryside", "the village of X, Donetsk", "X village (Y, Z)"): a
    mention of the village, under its own name, located at that place, and said so."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.place is not None or m.key and m.reason != _NOT_IN_AREA:
            continue
        area = next((n for n in out[i + 1:i + 4]
                     if n.place is not None and not n.adjectival
                     and n.place.kind in ("city", "admin2", "admin1", "region")
                     and _AREA_OF_VILLAGE.fullmatch(text[m.end:n.start])), None)
        if area is None:
            continue
        a = area.place
        lat, lon = a.event_point if a.kind == "admin1" else (a.latitude, a.longitude)
        village = Place(
            id=f"near:{a.id}", name=m.text, latitude=lat, longitude=lon,
            country_code=a.country_code, kind="city", feature=f"{_LOCATED_BY} {a.kind}",
            admin1=a.admin1 if a.kind != "admin1" else a.name, source=f"located at {a.name}")
        out[i] = replace(m, place=village, score=area.score,
                         reason=f"not in the gazetteer; located at {a.name}, named with it")
    return out


def _nearest_km(place: Place, key: str,
                points: tuple[tuple[str, str, float, float], ...]) -> float | None:
    """Distance to the closest place within 400 km that the article names under another
    name, or None."""
    best = None
    lat0, lon0 = place.latitude, place.longitude
    # 4 degrees of latitude are over 440 km: points outside the box need no distance.
    lon_limit = 4.0 / max(math.cos(math.radians(lat0)), 0.05)
    for other_key, pid, lat, lon in points:
        if abs(lat - lat0) > 4.0 or abs((lon - lon0 + 180.0) % 360.0 - 180.0) > lon_limit \
                or pid == place.id or other_key == key:
            continue
        d = _km(place.latitude, place.longitude, lat, lon)
        if best is None or d < best:
            best = d
    return best


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km, by the equirectangular approximation: within 1% under 500 km,
    which is all the closeness bands need, and a few times faster than haversine."""
    dlon = (lon2 - lon1 + 180.0) % 360.0 - 180.0
    x = math.radians(dlon) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0088 * math.hypot(x, math.radians(lat2 - lat1))
