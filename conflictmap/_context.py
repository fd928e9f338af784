"""What an article's own text says about where its places are.

The countries and provinces it names, the countries of the towns a first reading finds,
the area named right after a town ("Paris, Texas", "Namuembe (Nangade, Cabo Delgado)"),
the names of neighbourhoods, its demonyms: the evidence `conflictmap.resolve` weighs.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from conflictmap._names import fold
from conflictmap._wordlists import ADJECTIVAL_FORMS, DEMONYM_COUNTRIES
from conflictmap.actors import group_homes
from conflictmap.gazetteer import Place
from conflictmap.mentions import Mention

__all__ = ["Context", "demonym_spans", "inside", "km", "nearest_km", "read_context"]

_LIST_GAPS = (", ", " and ", ", and ", " or ")
_BRACKET_GAP = re.compile(r" \((?:[^(),.;]{1,40}, )?")
_IN_AREA_GAP = re.compile(r"(?: [a-z][\w-]*){0,3} in (?:the )?")
# "Funtua LGA (Katsina)": the name after a district is its province or country.
_DISTRICT_AFTER = re.compile(r" (?:LGA|[Dd]istrict|[Cc]ounty|[Mm]unicipality)\b")
_AFTER_UNKNOWN = re.compile(r"\b[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3} \($")
_CHAIN_GAP = re.compile(r"[^(),.;]{0,40}?, ")
_FEATURE_GAP = re.compile(r"^ (?:town|village|city|township|district|area|camp|neighbou?rhood|"
                          r"region|province|governorate|county|municipality|LGA|locality|"
                          r"department|commune|canton|ward|sector|corregimiento|vereda|kebele|"
                          r"woreda|barangay)\b")
_RUN = re.compile(r"(?:[ -](?:(?:al|el|ad|ar|as|ash|at|az|ez|an|de|da|du|la|bin|ibn|wa) )?"
                  r"[A-Z][\w'’]*)*")
_CAP_WORD = re.compile(r"(?<!\w)[A-Z][^\W\d_]*")
_DEMONYM_INDEX: dict[str, list[str]] = {}
for _form in ADJECTIVAL_FORMS:  # longest first, by the first word as `_CAP_WORD` reads it
    _DEMONYM_INDEX.setdefault(_CAP_WORD.match(_form).group().lower(), []).append(_form.lower())
# "the Palestina neighborhood", "colonia El Cerrito": a part of a town named nearby
# ("vereda", "kebele", "barangay": the smallest units of Colombia, Ethiopia, the
# Philippines, named after their town)
_QUARTER_AFTER = re.compile(
    r" (?:neighbou?rhood|ward|quarter|barrio|bairro|vereda|corregimiento|kebele|barangay|"
    r"community|sector)\b")
_QUARTER_BEFORE = re.compile(
    r"\b(?:colonia|barrio|bairro|vereda|corregimiento|kebele|barangay|neighbou?rhood of|"
    r"quarter of) $", re.IGNORECASE)
# "Colonia Progreso", "Barangay San Isidro": the unit is part of the name
_QUARTER_NAME = re.compile(r"(?:Colonia|Barrio|Bairro|Vereda|Barangay|Kebele) ")
_DISTRICT_KM = 50  # a town this close to a district's middle may lie in it


@dataclass(frozen=True, slots=True)
class Context:
    """What the article says about where its places are (see `read_context`)."""

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
    # Likewise the provinces of those towns, as (country, folded province) pairs.
    provinces: Counter = field(default_factory=Counter)
    provinces_own: Counter = field(default_factory=Counter)
    # Mention start -> what the name just after it says encloses it ("Paris, Texas",
    # "Kramatorsk (Donetsk)"): folded province names and "cc:XX" country codes, and the
    # points of districts.
    enclosing: dict = field(default_factory=dict)
    areas: frozenset[int] = frozenset()  # starts of the names that enclose the one before
    # those of them after a district ("Funtua LGA (Katsina)"): its province or country
    above_districts: frozenset[int] = frozenset()
    quarters: frozenset[int] = frozenset()  # starts of the names of neighbourhoods
    text: str = ""
    # Whether the caller says every mention is a place (`resolve`'s spans), as free text
    # never does: a name there may be a surname or a word.
    given: bool = False
    # The sums of `inferred` and `provinces`, worked out once for the scores
    inferred_total: float = 1.0
    provinces_total: float = 1.0


def read_context(text: str, mentions: Sequence[Mention],
                 pools: dict[tuple[str, str], list[Place]]) -> Context:
    """What *text* says about where its *mentions* are, given each name's candidates."""
    countries: Counter = Counter()
    own: Counter = Counter()
    demonyms = Counter(DEMONYM_COUNTRIES[f.lower()] for _, _, f in demonym_spans(text)
                       if f.lower() in DEMONYM_COUNTRIES)
    demonyms.update(group_homes(text))  # "ELN guerrillas": Colombia's, as weak a clue
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
            admin1s.add(fold(admin.whole_province))
            code = admin.country_code
        elif len({p.country_code for p in pool}) == 1 and any(p.kind == "admin1" for p in pool):
            # "Tombouctou": the province or its town, in one country either way
            admin1s.update(fold(p.whole_province) for p in pool if p.kind == "admin1")
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
    enclosing, areas, above_districts = _enclosing(text, mentions, pools)
    quarters = frozenset(m.start for m in mentions
                         if _QUARTER_AFTER.match(text, m.end)
                         or _QUARTER_BEFORE.search(text, max(0, m.start - 20), m.start)
                         or _QUARTER_NAME.match(m.text))
    return Context(countries, frozenset(admin1s), demonyms,
                   total=sum(countries.values()) or 1.0, own=own,
                   enclosing=enclosing, areas=areas, above_districts=above_districts,
                   quarters=quarters, text=text)


def _enclosing(text: str, mentions: Sequence[Mention],
               pools: dict[tuple[str, str], list[Place]]
               ) -> tuple[dict[int, tuple[frozenset[str], tuple, frozenset[str]]],
                          frozenset[int], frozenset[int]]:
    """The areas that the text puts each name in, the starts of the names that say so,
    and of those that say so of a district.

    "Paris, Texas", "Pisky, Donetsk": the name after a town and a comma, unless it starts
    a list ("Baghdad, Basra and Mosul"); "X checkpoint in the Chernihiv region": a province
    said to be one after "in". "Namuembe (Nangade, Cabo Delgado)", "Bangui
    Mallam (Gourma-Rharous, Tombouctou)": the names in brackets after a town, whatever
    the town's full name and whether or not its district is known. An area is given by
    its readings: folded province names, "cc:XX" countries, and the points of districts
    (and, in brackets, of towns), near which the town lies.
    """
    out: dict[int, tuple[frozenset[str], tuple]] = {}
    givers: set[int] = set()
    above: set[int] = set()
    for i, m in enumerate(mentions[:-1]):
        after = mentions[i + 1]
        third = mentions[i + 2] if i + 2 < len(mentions) else None
        gap = _FEATURE_GAP.sub("", text[_run_end(text, m.end):after.start], count=1)
        if gap == ", ":
            between = text[after.end:third.start] if third is not None else ""
            if between in _LIST_GAPS and (between != ", " or not any(
                    p.kind in ("admin1", "admin2", "country")
                    for p in pools.get((third.key, third.cue), ()))):
                # "Baghdad, Basra and Mosul", "Homs, Hama, Aleppo": a list, not a town and
                # its area; "Madrid, Surigao del Sur, Caraga" is a chain of areas
                continue
            points_of: tuple[str, ...] = ("admin2",)
        elif _BRACKET_GAP.fullmatch(gap):
            points_of = ("admin2", "city")
        elif after.cue == "admin" and _IN_AREA_GAP.fullmatch(gap):
            # "the Senkivka border checkpoint in the Chernihiv region"
            points_of = ("admin2",)
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
            fold(p.whole_province) if p.kind == "admin1" else f"cc:{p.country_code}"
            for p in pool if p.kind in ("admin1", "country"))
        # A district (or a town) is known by its point: the town lies near it.
        points = tuple((p.latitude, p.longitude) for p in pool if p.kind in points_of)
        if areas or points:
            lands = frozenset(p.country_code for p in pool if p.kind in ("admin1", "country"))
            out[m.start] = (areas, points, lands)
            givers.update(n.start for n in named)
            if _DISTRICT_AFTER.match(text, m.end):
                above.update(n.start for n in named)
    # "Pileta (Sucre)": a name in brackets after a word no gazetteer knows is its area too
    givers.update(m.start for m in mentions if _AFTER_UNKNOWN.search(
        text, max(0, m.start - 60), m.start) and not any(
            n.end <= m.start and text[n.end:m.start].strip() == "(" for n in mentions))
    return out, frozenset(givers), frozenset(above)


def _run_end(text: str, end: int) -> int:
    """The end of the run of capitalised words that a name at *end* starts or sits in
    ("Bangui" of "Bangui Mallam", "Dula" of "Dula al Amas")."""
    return _RUN.match(text, end).end()


def inside(place: Place, enclosing: tuple[frozenset[str], tuple, frozenset[str]]) -> bool:
    areas, districts, _ = enclosing
    return (f"cc:{place.country_code}" in areas
            or bool(place.admin1) and fold(place.whole_province) in areas
            or any(km(place.latitude, place.longitude, lat, lon) < _DISTRICT_KM
                   for lat, lon in districts))


def demonym_spans(text: str) -> list[tuple[int, int, str]]:
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


def nearest_km(place: Place, key: str,
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
        d = km(place.latitude, place.longitude, lat, lon)
        if best is None or d < best:
            best = d
    return best


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km, by the equirectangular approximation: within 1% under 500 km,
    which is all the closeness bands need, and a few times faster than haversine."""
    dlon = (lon2 - lon1 + 180.0) % 360.0 - 180.0
    x = math.radians(dlon) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0088 * math.hypot(x, math.radians(lat2 - lat1))
