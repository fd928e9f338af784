"""Choosing the place each mention means, from the article's context.

The context is what the article itself says: the countries and provinces it names, its
dateline, feature words next to a name ("province of", "oil field"), and how close a
candidate lies to the article's other places.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from conflictmap._context import Context, inside, km, nearest_km, read_context
from conflictmap._names import fold, spelling
from conflictmap._passes import (
    DEMONYM_REASON,
    NOT_IN_AREA,
    PART_OF_NAME,
    demonym_place,
    located_by_area,
    near_the_story,
    one_sense,
    outside_wide_names,
    people,
    short_forms,
    unknown,
    with_demonyms,
)
from conflictmap._wordlists import FEATURE_SUFFIXES
from conflictmap.article import Article
from conflictmap.gazetteer import Candidate, Gazetteer, Place, prior
from conflictmap.mentions import Mention, mention_key, span_cues, spot_places

__all__ = ["geoparse", "resolve"]

# Feature cue -> the place kinds and features it points to
_CUE_KINDS = {"admin": ("admin1", "admin2"), "city": ("city",)}
_CUE_FEATURES = {"base": ("air base", "airport", "military base", "outpost", "camp"),
                 "field": ("oil field", "gas field", "refinery"), "dam": ("dam",),
                 "camp": ("camp", "military base", "refugee camp"),
                 "crossing": ("border crossing",), "prison": ("prison",),
                 "embassy": ("embassy", "consulate", "green zone")}
# Kinds too wide for closeness to another place to mean anything.
_AREAS = frozenset({"country", "admin1", "region", "water"})
_MAX_CANDIDATES = 60
_SHORTLIST = 8
_WINDOW = 20_000
_PASSES = 3  # after the first: until no choice changes, at most this many

# Priors (see `conflictmap.gazetteer.prior`) and the weights of the article's evidence
_STRONG = 2.6  # a prior this high is a well-known place even inside a run of names
_TOWN = 2.0  # the prior of a town of 10,000
_DOMINANT = 1.5  # a prior this much higher (1,000 times the people) wins on context
_SMALL_PROVINCE = 50_000  # people in its main town
_INFERRED = 1.5  # at most, for a country where all the article's other places lie
_PROVINCE = 1.0  # at most, for a province where all the article's other places lie
_ENCLOSED = 3.0  # a town followed by its province or country ("Paris, Texas")
_AREA_AFTER = 2.0  # "Pisky, Donetsk": the name after a town is its area
_DEMONYM_BONUS = 0.4  # weak: in war reporting the demonym is as often the attacker's
_QUARTER_KM = 50  # a neighbourhood lies this close to a town of the story
_OUTSIDE_KM = 100  # a village outside the provinces named, this far from the others
_ONE_READING_KM = 50  # a town and its district of the same name are one reading of it

# Reasons a name is left unresolved
_FOREIGN = "not a place: only small places of other countries match"
_QUARTER = "a neighbourhood of a town of the story, not a place far from it"
_GENERIC = "a word of direction: no province of a country the story is not about"
# Words of direction that provinces of many countries are named by ("Western", Ghana's;
# "West", Cameroon's; "Northern", Uganda's)
_COMPASS = frozenset(
    "north south east west northern southern eastern western central middle upper lower "
    "northeast northwest southeast southwest northeastern northwestern southeastern "
    "southwestern centre center".split()
    + ["north east", "north west", "south east", "south west"])

# "Alexandria Police", "Kaduna State Government", "Mansfield City Council": the place of
# an institution named after it
_INSTITUTION_AFTER = re.compile(
    r"[ -](?:Police|Sheriff'?s?|Fire|City|County|State|Council|Board|Mayor|Governor|High|"
    r"School|University|College|Hospital|Medical|Regional|Community|Memorial|National|"
    r"International|Department|Township|Twp\.|Area|Metropolitan|Public|Superior|District|"
    r"Court|Airport|Chamber|Times|Post|Herald|News|Journal|Gazette|Tribune|Daily|Army|"
    r"Volunteer|Selectmen|Selectman|Village|Town|Municipal|Government|Assembly|Province|"
    r"Governorate|Military|Security|Authority|Prison|Jail|Port)\b")
# What joins the names of a list: "Alaska, Hawaii and Washington", "California or Oregon"
_LISTED = re.compile(r",? (?:and|or) |, ")
_LISTED_AFTER = re.compile(r",? (?:and|or) ")
# The word of a division after its name, as a given span may end ("Sokoto State")
_DIVISION_WORD = re.compile(r"\s+(?:State|Province|Region|Governorate|District|County|"
                            r"Oblast|Prefecture|Department|Municipality)$", re.IGNORECASE)
# A name that says what it is ("Rapides Parish", "Boone County") is a place even inside a
# longer name ("the Rapides Parish Sheriff's Office").
_TYPED_NAME = re.compile(r"\b(?:County|Parish|Province|Governorate|District|Oblast|"
                         r"Township|Borough|Municipality|Region)$")


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
        found = with_demonyms(chunk, _resolve_all(chunk, mentions, gaz), gaz)
        out += [replace(m, start=m.start + offset, end=m.end + offset) for m in found] \
            if offset else found
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
    with the reason it is not). A span no gazetteer entry fits (a street, a school, a
    hamlet) is at the place the article names that it is named after ("the Bank of
    Mexico"), or else located at the article's town named nearest to it, with a reason
    that says so and ``place.feature`` "place located by the article's nearest town"; it
    is left unresolved only in an article that names neither.
    """
    gaz = gazetteer or Gazetteer.default()
    given = [tuple(span) for span in spans]
    spans = sorted(set(given))  # read in text order; answered in the order given
    mentions = []
    for (s, e), near in zip(spans, span_cues(text, spans), strict=True):
        key, cue = mention_key(text[s:e])
        bare = _DIVISION_WORD.sub("", text[s:e].strip())
        if key and bare and not gaz.places_for_key(key) and gaz.places_for_key(fold(bare)):
            # "Sokoto State", "Colorado State": the state, though no row is named so
            key, cue = fold(bare), "admin"
        mentions.append(Mention(text[s:e], s, e, key, cue=cue or near))
    out = []
    for m in _resolve_all(text, mentions, gaz, keep_all=True):
        place = demonym_place(m.text, gaz)
        if place is not None:  # "Iraqi" given as a place is Iraq, never a namesake
            m = replace(m, place=place, score=1.0, reason=DEMONYM_REASON[place.kind],
                        adjectival=True)
        elif not m.place and not m.reason:
            m = replace(m, reason=_why_unresolved(m, gaz))
        out.append(m)
    found = {(m.start, m.end): m for m in near_the_story(text, out, gaz)}
    return [found[span] for span in given]


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
    read = read_context(text, mentions, pools)
    if keep_all:  # spans the caller says are places
        read = replace(read, given=True)
    chosen = _choose_all(mentions, pools, read)
    # Further passes: closeness to the places the pass before found, and their countries
    # and provinces, a province it found among them ("Virginia": the state, once the
    # first pass has read it so, is context for "Alexandria"). Names that settle each
    # other ("Winston County", "Jasper" and "Russellville", all of Alabama) may need
    # more than one.
    for _ in range(_PASSES):
        context = _found(read, chosen)
        again = _choose_all(mentions, pools, context, previous=chosen)
        settled = all(_id(a) == _id(b) for a, b in zip(again, chosen, strict=True))
        chosen = again
        if settled:
            break
    chosen = short_forms(text, chosen)
    chosen = _states_in_a_list(text, chosen, pools)
    chosen = one_sense(text, chosen)
    chosen = people(text, chosen)
    chosen = [unknown(m, gaz, context) if not m.key and not m.place else m for m in chosen]
    chosen = located_by_area(text, chosen)
    if keep_all:  # every span given gets its mention
        return chosen
    return [m for m in outside_wide_names(chosen) if m.place or not m.key]


def _states_in_a_list(text: str, mentions: list[Mention],
                      pools: dict[tuple[str, str], list[Place]]) -> list[Mention]:
    """A town named in a list of states is the state of its name: "western states such
    as California or Washington", "Alaska, Hawaii and Washington". (A list of towns is
    left alone: "Baghdad, Basra and Mosul".)"""
    out = list(mentions)  # in text order
    for i, m in enumerate(out):
        if m.place is None or m.place.kind != "city":
            continue
        before = out[i - 1] if i else None
        after = out[i + 1] if i + 1 < len(out) else None
        if after is not None and text[m.end:after.start] == ", ":
            continue  # the area after a comma is the town's own: "Washington, D.C."
        beside = [n for n, joins in ((before, _LISTED), (after, _LISTED_AFTER))
                  if n is not None and n.place is not None and n.place.kind == "admin1"
                  and n.place.country_code == m.place.country_code
                  and joins.fullmatch(text[min(m.end, n.end):max(m.start, n.start)])]
        if not beside:
            continue
        state = next((p for p in pools.get((m.key, m.cue), ())
                      if p.kind == "admin1" and fold(p.name) == m.key
                      and p.country_code == m.place.country_code), None)
        if state is not None:
            out[i] = replace(m, place=state, reason=f"admin1; named in a list of states, "
                                                    f"with {beside[0].text}")
    return out


def _id(mention: Mention) -> str:
    return mention.place.id if mention.place else ""


def _found(context: Context, chosen: Sequence[Mention]) -> Context:
    """*context* with what a pass found: its places' points, countries and provinces."""
    local = [m for m in chosen if m.place and m.place.kind not in _AREAS]
    provinces = [m for m in chosen if m.place and m.place.kind == "admin1"]
    within = local + provinces
    inferred = Counter(m.place.country_code for m in within if m.place.country_code)
    in_provinces = Counter(_province(m.place) for m in local if m.place.admin1)
    return replace(context, nearest={}, points=tuple({
        (m.key, m.place.id): (m.key, m.place.id, m.place.latitude, m.place.longitude)
        for m in local}.values()),
        admin1s=context.admin1s | {fold(m.place.whole_province) for m in provinces},
        inferred=inferred,
        inferred_own=Counter((m.key, m.place.country_code) for m in within),
        provinces=in_provinces,
        provinces_own=Counter((m.key, _province(m.place)) for m in local if m.place.admin1),
        inferred_total=max(1, sum(inferred.values())),
        provinces_total=max(1, sum(in_provinces.values())))


def _pool(gaz: Gazetteer, key: str, cue: str) -> list[Place]:
    places = gaz.places_for_key(key)
    # "al-Qaim" with a crossing word near it may be the "Al-Qaim border crossing".
    for suffix in FEATURE_SUFFIXES.get(cue.lstrip("~"), ()):
        places += gaz.places_for_key(fold(f"{key} {suffix}"))
    if cue == "admin" and not any(p.kind in ("admin1", "admin2") for p in places):
        # "Hodeidah province" where only the city is known by that spelling: the
        # province is the one the city lies in.
        for city in [p for p in places if p.kind == "city" and p.admin1]:
            places += [p for p in gaz.places_for_key(fold(city.whole_province))
                       if p.kind == "admin1" and p.country_code == city.country_code]
    places = list({p.id: p for p in places}.values())
    if cue != "admin" and any(p.kind == "water" for p in places):
        # "the Red Sea" is the sea; "Red Sea governorate" (an "admin" cue) the province.
        places = [p for p in places if p.kind not in ("admin1", "admin2")]
    # Best known first: the order every later step reads them in.
    places.sort(key=lambda p: (-prior(p)[0], p.id))
    return places[:_MAX_CANDIDATES]


def _score(place: Place, mention: Mention, context: Context, *, rivals: bool = True,
           reasons: list[str] | None = None) -> float:
    """The score of *place* for *mention*; with a *reasons* list, also why, in words
    (kept to the few candidates shown, as the words cost more than the sums)."""
    _, score, why, name_key, name_upper, lies_in, province, in_province = _facts(place)
    explain = reasons is not None
    if explain:
        reasons.append(why)
    key, kind, code = mention.key, place.kind, place.country_code
    # "EU" in capitals is an acronym, not the town of Eu: short capitals are no main name.
    if name_key == key and not (
            len(mention.text) <= 4 and not name_upper and mention.text.isupper()):
        score += 1.0
        if explain:
            reasons.append("its main name")
    cue = mention.cue
    if cue:
        weight = 0.5 if cue[0] == "~" else 1.0
        cue = cue.lstrip("~")
        where = "in its clause" if weight < 1 else "next to it"
        if kind in _CUE_KINDS.get(cue, ()) or place.feature in _CUE_FEATURES.get(cue, ()):
            score += 4.0 * weight
            if explain:
                reasons.append(f"'{cue}' word {where}")
        elif cue in _CUE_FEATURES and kind == "site":
            score += 1.5 * weight
            if explain:
                reasons.append(f"a site, and a site word {where}")
    start = mention.start
    if start in context.areas and kind in ("admin1", "admin2", "country") and not (
            kind == "admin2" and start in context.above_districts):
        score += _AREA_AFTER
        if explain:
            reasons.append("the area of the town named before it")
    if context.enclosing:
        enclosing = context.enclosing.get(start)
        if enclosing and kind != "country" and kind != "admin1" and inside(place, enclosing):
            score += _ENCLOSED
            if explain:
                reasons.append(f"in {place.admin1 or code}, named after it")
    share = context.countries.get(code, 0) - context.own.get((key, code), 0)
    if share > 0:
        score += 1.5 + 2 * share / context.total
        if explain:
            reasons.append(f"in {code}, named in the article")
    if context.inferred:
        others = context.inferred.get(code, 0) - context.inferred_own.get((key, code), 0)
        if others > 0:
            score += _INFERRED * others / context.inferred_total
            if explain:
                reasons.append(f"in {code}, as the article's other places are")
    if lies_in and context.provinces:
        others = context.provinces.get(in_province, 0) \
            - context.provinces_own.get((key, in_province), 0)
        if others > 0:
            score += _PROVINCE * others / context.provinces_total
            if explain:
                reasons.append(f"in {place.admin1}, as the article's other places are")
    if code in context.demonyms and kind != "country":
        score += _DEMONYM_BONUS  # "Russian forces" shelled a town in Ukraine
        if explain:
            reasons.append(f"{code} by its demonym in the article")
    # (a name is no evidence for itself: "Maranhao" does not name São Luís's state for it)
    if province and province != key and province in context.admin1s:
        score += 1.0
        if explain:
            reasons.append(f"in {place.admin1}, named in the article")
    # Closeness only ranks rivals: a name with one candidate skips it.
    if rivals and context.points and kind not in _AREAS:
        memo = (place.id, key)
        near = context.nearest.get(memo, _UNKNOWN)
        if near is _UNKNOWN:
            near = context.nearest[memo] = nearest_km(place, key, context.points)
        if near is not None and near < 400:
            score += 1.5 if near < 50 else 1.0 if near < 150 else 0.5
            if explain:
                reasons.append(f"{near:.0f} km from another place of the article")
    return round(score, 3)


_UNKNOWN = object()
# place id -> `_facts` of it; cleared when it grows past this many
_FACTS: dict[str, tuple] = {}
_FACTS_KEPT = 100_000


def _facts(place: Place) -> tuple[Place, float, str, str, bool, bool, str, tuple[str, str]]:
    """What the scores read of *place* itself, worked out once: the place, its prior and
    why, its folded main name, whether that name is in capitals, whether it lies in a
    province (a province does not), and if so the province folded and its (country,
    province)."""
    found = _FACTS.get(place.id)
    if found is None or found[0] is not place:
        if len(_FACTS) >= _FACTS_KEPT:
            _FACTS.clear()
        score, why = prior(place)
        lies_in = bool(place.admin1) and place.kind != "admin1"
        found = _FACTS[place.id] = (
            place, score, why, fold(place.name), place.name.isupper(), lies_in,
            fold(place.whole_province) if lies_in else "",
            _province(place) if lies_in else ("", ""))
    return found


def _province(place: Place) -> tuple[str, str]:
    return place.country_code, fold(place.whole_province)


def _choose_all(mentions: Sequence[Mention], pools: dict[tuple[str, str], list[Place]],
                context: Context, *, previous: Sequence[Mention] = ()) -> list[Mention]:
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
                         and prior(previous[n].place)[0] >= _STRONG
                         and fold(previous[n].place.name) == m.key):
            # nothing the second pass knows can change it (but a far town found by a
            # spelling near the name's, "Nafaa" for Naha, may prove foreign to the story)
            out.append(previous[n])
            continue
        memo = (m.key, m.cue, m.chained, context.enclosing.get(m.start))
        if memo not in done:
            done[memo] = _choose(m, pools.get((m.key, m.cue), []), context)
        first = done[memo]
        out.append(first if (first.start, first.end) == (m.start, m.end) else Mention(
            m.text, m.start, m.end, m.key, m.cue, m.chained, first.place, first.score,
            first.reason, first.candidates))
    return out


def _choose(mention: Mention, pool: list[Place], context: Context) -> Mention:
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
    story = _story(mention.key, context)
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
        doubt = "" if context.given and _only_reading(place, mention, pool) \
            else _doubt(place, mention, context, story)
        if not doubt:
            reasons: list[str] = []
            _score(place, mention, context, rivals=rivals, reasons=reasons)
            return _answer(mention, place, candidate.score, "; ".join(reasons), ranked)
        first_doubt = first_doubt or doubt
        if doubt in (PART_OF_NAME, _QUARTER):
            break  # doubts about the name, not the candidate: "John Kelly"
    return _answer(mention, None, mention.score,
                   first_doubt or "no candidate fits the article's context", ranked)


def _answer(mention: Mention, place: Place | None, score: float, reason: str,
            ranked: list[Candidate]) -> Mention:
    """*mention* with its place (or None), score, reason and candidates: `replace`'s
    result, built directly (it is made for every name, in every pass)."""
    return Mention(mention.text, mention.start, mention.end, mention.key, mention.cue,
                   mention.chained, place, score, reason, tuple(ranked), mention.adjectival)


def _story(key: str, context: Context) -> set[str]:
    """The countries the article names, and those its other places were found in.
    (A name is no evidence for itself: "Michael" read as a parish of the Isle of Man
    does not put the Isle of Man in the story.)"""
    named = {c for c, n in context.countries.items() if n - context.own.get((key, c), 0) > 0}
    return named | {c for c, n in context.inferred.items()
                    if n - context.inferred_own.get((key, c), 0) > 0}


def _only_reading(place: Place, mention: Mention, pool: list[Place]) -> bool:
    """Whether *place* is a town of 10,000 people or more and the only reading of the
    name given (a district of the same name around it aside): given as a place,
    "Dewsbury" or "Manbij" is that town, however far it lies from the article's other
    places. Its main name must be spelt as given, not only folded alike ("State" is not
    Statte); another of its names will do ("Kiev")."""
    short_capitals = len(mention.text) <= 5 and mention.text.isupper()  # "UCLA": no town
    return place.kind == "city" and prior(place)[0] >= _TOWN and not short_capitals \
        and (fold(place.name) != mention.key  # by another of its names ("Kiev")
             or spelling(place.name) == spelling(mention.text)) \
        and all(
        km(place.latitude, place.longitude, p.latitude, p.longitude) < _ONE_READING_KM
        for p in pool)


def _runner_up(place: Place, enclosing: tuple | None, story: set[str]) -> bool:
    """Whether *place* has evidence of its own to be chosen after the best candidate was
    doubted: well known, an area (a state is no small place), inside the area named
    after it, or a town of some size in a country of the story."""
    score = prior(place)[0]
    return (score >= _STRONG or place.kind in ("country", "admin1", "region", "water")
            or bool(enclosing) and inside(place, enclosing)
            or place.country_code in story and score >= _TOWN)


def _doubt(place: Place, mention: Mention, context: Context, story: set[str]) -> str:
    """Why the text makes *place* doubtful for *mention*, or "". *story* holds the
    countries the article names or its other places lie in."""
    if mention.start in context.quarters and context.points and place.kind == "city":
        near = nearest_km(place, mention.key, context.points)
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
        return PART_OF_NAME
    enclosing = context.enclosing.get(mention.start)
    if enclosing and not inside(place, enclosing) and (
            place.kind in ("city", "admin2")
            # a province only when the area after it is of another country ("Foni
            # (Brikama, Gambia)" is not Sardinia's; "Rio Negro (Huila)" no province of
            # Argentina; "Utah, Colorado" a list of states)
            or place.kind == "admin1" and (
                bool(enclosing[2]) and place.country_code not in enclosing[2]
                or fold(place.name) != mention.key)):
        return NOT_IN_AREA
    if mention.key in _COMPASS and place.kind in ("admin1", "admin2") and story and (
            place.country_code not in story and place.country_code not in context.demonyms):
        return _GENERIC  # "Western" alone: no province of a country the story is not about
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
    if weak and not adjacent_cue and place.kind == "city" and not enclosing:
        others = {key for key, *_ in context.points if key != mention.key}
        near = nearest_km(place, mention.key, context.points) if others else 0.0
        outside = bool(context.admin1s) and fold(place.whole_province) not in context.admin1s
        if near is None and (len(others) >= 2 or outside) or near is not None \
                and near > _OUTSIDE_KM and outside and prior(place)[0] < _TOWN:
            # "Tejalpa, Morelos ... Las Torres": not a namesake across the country, nor
            # a village namesake of a neighbourhood in the next province
            return "doubtful: a small place far from all the article's others"
    return ""


def _fits_cue(place: Place, cue: str) -> bool:
    cue = cue.lstrip("~")
    return place.kind in _CUE_KINDS.get(cue, ()) or place.feature in _CUE_FEATURES.get(cue, ())


def _in_story(place: Place, mention: Mention, context: Context) -> bool:
    """Whether the article names *place*'s country or province, or has other places
    in its country."""
    code = place.country_code
    return code in context.countries \
        or bool(place.admin1) and fold(place.whole_province) in context.admin1s \
        or context.inferred.get(code, 0) - context.inferred_own.get((mention.key, code), 0) > 0


def _among_the_story_s_towns(place: Place, mention: Mention, wide: list[Place],
                             context: Context) -> bool:
    """Whether the town *place*, of 10,000 people or more, lies among the article's other
    towns, in their province and near one of them, while nothing else in the text speaks
    for the country or sea of its name (*wide*): "Palestine" named with Grapeland and
    Elkhart is the Texas town (but "Italy" named with Waxahachie is still the country)."""
    if place.kind != "city" or not context.points or prior(place)[0] < _TOWN:
        return False
    province = _province(place)
    others = context.provinces.get(province, 0) \
        - context.provinces_own.get((mention.key, province), 0)
    if others <= 0:
        return False
    near = nearest_km(place, mention.key, context.points)
    if near is None or near > _QUARTER_KM:
        return False
    return not any(
        context.countries.get(p.country_code, 0) - context.own.get((mention.key, p.country_code), 0)
        > 0 or p.country_code in context.demonyms for p in wide if p.country_code)


def _may_win(candidate: Candidate, mention: Mention, pool: list[Place],
             context: Context) -> bool:
    """Whether *candidate* may be chosen on the strength of its score. A town never wins
    over a country, a region or a sea of the same name ("Russia", Ohio; "Atlantic",
    Iowa), a small one over a province of its name ("Indiana", Pennsylvania; "Virginia",
    Free State), nor over a
    place a thousand times better known ("Moscow", Pennsylvania), by
    the article's context alone: it needs a word next to it ("the town of"), or its
    province or country named after it ("Moscow, Pa."); against a country or a sea, a
    town of some size among the article's own towns will do (`_among_the_story_s_towns`)."""
    place = candidate.place
    if place.kind not in ("city", "admin2"):
        return True
    if mention.start in context.above_districts:
        return False  # "Funtua LGA (Katsina)": the district's state, not a town or district
    cue = mention.cue
    if cue and not cue.startswith("~") and place.kind in _CUE_KINDS.get(cue, ()):
        return True
    enclosing = context.enclosing.get(mention.start)
    if enclosing and inside(place, enclosing):
        return True
    wide = [p for p in pool if p.kind in ("country", "region", "water")]
    if wide and not _among_the_story_s_towns(place, mention, wide, context):
        return False  # "Atlantic", Iowa is not the ocean's rival on context alone
    if prior(place)[0] < _STRONG and any(
            p.kind == "admin1" and fold(p.name) == mention.key and (
                p.country_code == place.country_code
                or p.population > place.population and not _in_story(place, mention, context))
            for p in pool):
        # nor is "Indiana", Pennsylvania the state's; nor "Virginia", Free State, the
        # state's abroad whose largest town is larger (not a parish of a few villages),
        # unless the town's country or province is the article's
        return False
    return prior(place)[0] >= prior(pool[0])[0] - _DOMINANT  # pool: best known first
