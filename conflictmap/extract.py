"""From article text to events: one event per incident, located, typed, dated, sourced.

Each sentence with an event trigger becomes a draft (its category, weapons, counts,
casualties, time expression, place and launch origin). Drafts that tell of the same
incident (compatible category, place, date and weapon) merge into one event, so a later
sentence naming "the Ain al-Assad base" and "14 rockets" refines an earlier one about
"an air base ... in Anbar". Background that sums up many incidents is no event.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field

from conflictmap._names import fold
from conflictmap._wordlists import DEMONYM_COUNTRIES
from conflictmap._words import plural
from conflictmap.actors import acled_country, actor_name, find_actors, iso_number
from conflictmap.article import Article, as_date
from conflictmap.event import Event, Link
from conflictmap.gazetteer import Gazetteer, Place
from conflictmap.gazetteer.place import AT_PROVINCE
from conflictmap.mentions import Mention
from conflictmap.resolve import geoparse
from conflictmap.sentences import split_sentences
from conflictmap.timex import DatedSpan, find_time, is_background, resolve_time
from conflictmap.triggers import Cues, event_type_for, find_cues, sub_event_for

__all__ = ["Extraction", "extract_events", "extract_many", "progress_bar"]

log = logging.getLogger(__name__)

# A region ("Darfur") or a body of water ("Red Sea") locates an event as a province does,
# and a region is wider than a state the clause also names ("West Darfur").
_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "water": 3, "region": 3.5, "country": 4}
_ANCHOR_CHARS = 60  # a town's area follows it this closely ("Iguala (Guerrero)")
_ANCHOR_KM = 100  # a town of the clause this far from the town named with its area is not
# where it happened
_BESIDE_KM = 50  # "Soyapango (San Salvador)": a city this close gives a town's whereabouts
_NEIGHBOUR_KM = 1000  # a town abroad this close to the clause's others may be across a border
_PRECISION = {"site": 1, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "water": 3,
              "country": 3}
# A place name used as an adjective or for a government is no event location.
_ADJECTIVAL = re.compile(
    r"^(?:-[a-z]|\s+(?:forces|troops|military|army|officials?|government|regime|authorities|"
    r"embassy|envoy|president|minister|ministry|spokesm[ae]n|sources|media|state media|"
    r"defen[cs]e|coalition|navy|air force|soldiers|police|intelligence|leaders?|side|drones?|"
    r"air ?strikes?|warplanes|jets|special forces|diplomats?|militia|militias|militiamen|"
    r"regional (?:special )?forces|communal militia)\b"
    # "the Kabul-Kandahar highway": a road, not the towns it joins
    r"|-[A-Z][\w'’]* (?:highway|road|motorway|expressway)\b)")
# "Washington said", "the Kremlin denied": who speaks, not where it happened (but
# "residents in Gao said" tell where they are)
_SPEAKS_AFTER = re.compile(r"^\s+(?:(?:has|have|had) )?(?:said|says|say|told|announced|"
                           r"confirmed|denied|claimed|condemned|warned|accused|stated|"
                           r"insisted|responded|urged|blamed)\b")
_IN_BEFORE = re.compile(r"\b(?:in|of|from|at|near|around|across)\s+(?:the\s+)?$",
                        re.IGNORECASE)
_NATURAL_AFTER = re.compile(r"^ (?:[Rr]iver|[Ll]ake|[Ss]tream|[Cc]reek|[Mm]ountains?|[Hh]ills?|"
                            r"[Vv]alley|[Ff]orest)\b")
_ROAD_BEFORE = re.compile(r"\b[A-Z][\w'’]*-$")
_ROAD_AFTER = re.compile(r"^ (?:highway|road|motorway|expressway)\b")
_NOT_LOCATION_BEFORE = re.compile(
    r"(?:\bpro-|\banti-|\bby |\bfrom |\b(?:forces|troops|army|military|soldiers|militias?|"
    r"government|authorities|navy|police) of )$", re.IGNORECASE)
_LAUNCH = re.compile(r"\b(?:launched|fired|came|come|coming|flew|flown|took off|taken off|shot|"
                     r"sent|originat\w*|"
                     r"launch (?:site|point|pad)|firing (?:point|position)|traced)\b",
                     re.IGNORECASE)
_NEAR = re.compile(r"\b(?:near|outside|close to|outskirts of|around|south|north|east|west)\b"
                   r"[\w\s-]{0,25}$", re.IGNORECASE)
_SIDE = re.compile(r"\b(\w+) side\b", re.IGNORECASE)
_SPEAKER = re.compile(r"(?:In|From|At) [^,]{2,40}, [^,]{0,60}?\b(?:said|says|told|announced|"
                      r"reported|claimed|stated)\b")
_FROM_NEAR = re.compile(r"(?:\bfrom|\btraced\b[\s\w'’-]{0,40}?\bto)\b(?:[\s\w'’-]{0,60})$",
                        re.IGNORECASE)
# "Al Shabaab claimed responsibility": the one who acted.
_CLAIM = re.compile(r"\b(?:claimed|claims|claiming|has claimed|have claimed) (?:responsibility|"
                    r"the (?:attack|bombing|killing|strike|abduction|kidnapping))\b", re.IGNORECASE)
_CLAUSE = re.compile(r",\s+(?:and|while|whereas)\s+(?=another\b|a second\b|two\b|three\b)|;\s+")
_OTHER = re.compile(r"\b(?:other|another|further|more|similar|a second)\s+(?:\w+\s+)?$",
                    re.IGNORECASE)
_ALSO = re.compile(r"\b(?:also|again|separately|another|a separate|a second)\b[\w\s-]*$",
                   re.IGNORECASE)
_WEAK_WORDS = frozenset({"hit", "attack", "attacks", "attacked", "targeted", "struck",
                         "attacking", "blast", "blasts", "explosion", "explosions", "raids",
                         "assault", "raided"})
# Two sites this close are one site named in two ways.
_SAME_SITE_KM = 5.0
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$", re.IGNORECASE)
_TOLL_WORDS = frozenset({"killed", "killing"})
_ANAPHOR = re.compile(r"\bthe (oil ?field|gas field|field|air ?base|base|airport|dam|camp|"
                      r"crossing|embassy|prison|refinery)\b", re.IGNORECASE)
_ANAPHOR_FEATURES = {"oilfield": "oil field", "oil field": "oil field", "gas field": "gas field",
                     "field": "field", "airbase": "base", "air base": "base", "base": "base",
                     "airport": "base", "dam": "dam", "camp": "camp", "crossing": "border crossing",
                     "embassy": "embassy", "prison": "prison", "refinery": "refinery"}
_REFERS_BACK = re.compile(r"\bthe (?:attack|strikes?|blast|explosion|bombing|assault|raid|"
                          r"shelling|incident|clashes|fighting)\b", re.IGNORECASE)
_COMPATIBLE = {("attack", "interception"), ("interception", "attack"), ("attack", "clash"),
               ("clash", "attack"), ("strike", "attack"), ("attack", "strike")}
# A state's missiles are fired from the ground (shelling/missile attack); its drones fly.
_STATE_AIR_WEAPONS = frozenset({"drone", "airstrike"})
_STATE_FORCES = frozenset({"Global Coalition Against Daesh"})
# A state's army, not a faction ACLED files under it ("Military Forces of Yemen (2016-)
# Supreme Political Council" are the Houthis).
_STATE_ARMY = re.compile(r"Military Forces of (?!{country})[^()]+$")


@dataclass
class _Draft:
    """An incident as it is being assembled from sentences."""

    category: str
    sub_event_type: str
    weapons: list[str]
    munitions: int | None
    fatalities: int | None
    injuries: int | None
    no_casualties: bool
    place: Place | None
    near: bool
    country_code: str
    date: DatedSpan | None
    origin: Place | None = None
    origin_text: str = ""
    actor1: str = ""
    actor2: str = ""
    victims: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    last_sentence: int = 0
    operation: int | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """The events and links of one or more articles."""

    events: tuple[Event, ...]
    links: tuple[Link, ...]
    articles: int = 1
    failures: tuple[tuple[str, str], ...] = ()

    def __iter__(self):
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def __getitem__(self, index: int) -> Event:
        return self.events[index]

    def __repr__(self) -> str:
        return f"<Extraction {len(self.events)} events, {len(self.links)} links>"

    def _repr_html_(self) -> str:
        """A table of the events (the first 20) for notebooks; all text escaped."""
        from html import escape

        head = ("event_date", "category", "sub_event_type", "location", "country_code",
                "weapon", "fatalities")
        def cell(value: object) -> str:
            return f"<td>{escape('' if value is None else str(value))}</td>"

        rows = "".join("<tr>" + "".join(cell(getattr(e, c)) for c in head) + "</tr>"
                       for e in self.events[:20])
        more = f"<p>… and {len(self.events) - 20} more</p>" if len(self.events) > 20 else ""
        unplaced = sum(not e.located for e in self.events)
        return (f"<p><b>{plural(len(self.events), 'event')}</b> ({unplaced} without a place), "
                f"{plural(len(self.links), 'link')}, from {plural(self.articles, 'article')}</p>"
                f"<table><tr>{''.join(f'<th>{c}</th>' for c in head)}</tr>{rows}</table>{more}")

    def to_geodataframe(self):
        """The events as a GeoDataFrame (EPSG:4326), one row an event."""
        from conflictmap.output import events_frame

        return events_frame(self.events)

    def links_geodataframe(self):
        """The links as a GeoDataFrame of lines (EPSG:4326)."""
        from conflictmap.output import links_frame

        return links_frame(self.links)


def extract_events(text: str | Article, *, published: dt.date | str | None = None,
                   gazetteer: Gazetteer | None = None, article_id: str | None = None,
                   source: str = "") -> Extraction:
    """The incidents an article reports, as events and links.

    Parameters
    ----------
    text
        The article's text (a wire header, if any, gives its date and dateline) or an
        `Article`.
    published
        The publication date, when the text does not carry it (or to override it).
    """
    if isinstance(text, Article):
        article = text
        if published is not None:
            article = dataclasses.replace(text, published=as_date(published))
    else:
        article = Article.from_text(text, id=article_id, published=published)
    gaz = gazetteer or Gazetteer.default()
    mentions = geoparse(article, gazetteer=gaz)
    drafts = _Builder(article, mentions).run()
    events = [_event(d, article, i, source=source, admin1=_admin1(gaz, d.place))
              for i, d in enumerate(drafts, start=1)]
    return Extraction(tuple(events), tuple(_links(drafts, events, article.id)))


class _Builder:
    """Reads an article sentence by sentence and merges drafts into incidents."""

    def __init__(self, article: Article, mentions: Sequence[Mention]) -> None:
        self.article = article
        self.text = article.text
        # A demonym names a country but locates nothing ("Iraqi forces").
        self.mentions = [m for m in mentions if m.place is not None and not m.adjectival]
        self.drafts: list[_Draft] = []
        self.previous_date: dt.date | None = None
        self.current: _Draft | None = None  # the incident the last trigger sentence told of
        self.operations = 0

    def run(self) -> list[_Draft]:
        body = self.article.body_start
        spans = []
        for index, (start, end) in enumerate(split_sentences(self.text)):
            start = max(start, body) if start < body < end else start
            if end <= body:
                continue
            spans.append((start, end))
            self._sentence(index, start, end)
        for draft in self.drafts:
            if draft.place is None and draft.sentences:
                self._place_as_told_before(draft, spans)
        return self.drafts

    def _place_as_told_before(self, draft: _Draft, spans: list[tuple[int, int]]) -> None:
        """An incident whose own sentences name no place happened where the story last
        was: the places of the nearest sentence before that names one ("In Guaruja, armed
        men raided a bank. ... They shot a guard"; "a grenade thrown into a house in X
        village. Three people were killed"). Near it (geo_precision 2), that sentence
        joining its notes. A country alone is no such place."""
        first = min(start for start, _ in draft.sentences)
        before = [m for m in self.mentions if spans[0][0] <= m.start < first
                  and m.place.kind not in ("country", "region", "water")]
        if not before:
            return
        span = next(((s, e) for s, e in spans if s <= before[-1].start < e), None)
        if span is None:
            return
        places = [(m.place, m.start) for m in before if span[0] <= m.start < span[1]]
        draft.place = _targets(self.text, places, span[0])[0]
        draft.near, draft.country_code = True, draft.place.country_code
        draft.sentences.insert(0, span)

    def _sentence(self, index: int, start: int, end: int) -> None:
        sentence = self.text[start:end]
        cues = find_cues(sentence)
        background = cues.trigger is not None and is_background(sentence, at=cues.trigger.start)
        if cues.trigger is None or background:
            if not background:
                self._update(index, start, end, cues, sentence)
            return
        if cues.trigger.category == "development" and self.drafts:
            # "police later arrested two suspects": the aftermath of the incident told
            self._update(index, start, end, cues, sentence)
            return
        clauses = _clauses(self.text, start, end)
        if len(clauses) > 1:
            # ", and another exploded near Al Mayadin": each clause tells its own incident
            for c_start, c_end in clauses:
                c_cues = find_cues(self.text[c_start:c_end])
                clause = self.text[c_start:c_end]
                if c_cues.trigger is not None and not is_background(
                        clause, at=c_cues.trigger.start):
                    self._clause(index, c_start, c_end, c_cues)
                elif c_cues.trigger is None:
                    self._update(index, c_start, c_end, c_cues, self.text[c_start:c_end])
            return
        self._clause(index, start, end, cues)

    def _clause(self, index: int, start: int, end: int, cues: Cues) -> None:
        """A clause with a trigger: where and when, then either news about the incident
        told before, or one incident per place it names."""
        sentence = self.text[start:end]
        date = self._date(sentence)
        places, origin, near = self._places(start, end, cues)
        hint = _side_country(sentence)
        if hint:
            places = [p for p in places if p[0].country_code == hint] or places
        targets = _targets(self.text, places, start + cues.trigger.start) or [None]
        refers_back = bool(_REFERS_BACK.search(sentence))
        if self._adds_to_last(index, cues, sentence, targets, refers_back=refers_back):
            self._update(index, start, end, cues, sentence, country=hint)
            return
        # One state operation on both sides of a border; a lead sentence that sums up
        # attacks in two countries is no single operation.
        operation = len({p.country_code for p in targets if p}) > 1 and \
            cues.trigger.category == "strike"
        self.operations += operation
        for place in targets:
            draft = _draft(cues, sentence, place, near, date, origin, hint,
                           split=len(targets))
            self._like_the_last(draft, cues, sentence)
            draft.sentences.append((start, end))
            draft.last_sentence = index
            if operation:
                draft.operation = self.operations
            if place is not None and _RANK[place.kind] <= _RANK["city"] and \
                    _ALSO.search(sentence[max(0, cues.trigger.start - 25):cues.trigger.start]):
                self.drafts.append(draft)  # "rockets were also fired at X": one more incident
                self.current = draft
                continue
            self.current = self._merge(draft, refers_back=refers_back and len(targets) == 1)
        if date is not None:
            self.previous_date = date.date
        elif self.current is not None and self.current.date is not None:
            self.previous_date = self.current.date.date

    def _date(self, sentence: str) -> DatedSpan | None:
        """The date a sentence gives, against the publication date and the last incident's."""
        time = find_time(sentence)
        return resolve_time(time, published=self.article.published,
                            previous=self.previous_date) if time else None

    def _adds_to_last(self, index: int, cues: Cues, sentence: str,
                      targets: list[Place | None], *, refers_back: bool) -> bool:
        """True when a clause tells no new incident: "condemned the attack", "nobody here
        was hit", "Two drivers were killed" (the toll of the incident just told)."""
        reaction = _weak(cues) and not cues.weapons and \
            sentence[:cues.trigger.start].lower().endswith("the ")
        told = self.current is not None and index - self.current.last_sentence <= 2
        return reaction or (targets == [None] and not cues.weapons and
                            (refers_back or _weak(cues))) or \
            (told and not cues.weapons and _casualty_only(cues, sentence))

    def _like_the_last(self, draft: _Draft, cues: Cues, sentence: str) -> None:
        """"Other raids", "another blast": one more of the incident told before; "a drone
        was shot down, and another exploded": one that got through."""
        if self.current is None or cues.weapons or not _OTHER.search(
                sentence[max(0, cues.trigger.start - 20):cues.trigger.start]):
            return
        draft.weapons = list(self.current.weapons)
        if self.current.category == "interception":
            draft.category, draft.sub_event_type = "attack", ""
        else:
            draft.category = self.current.category
            draft.sub_event_type = self.current.sub_event_type

    def _update(self, index: int, start: int, end: int, cues: Cues, sentence: str, *,
                country: str = "") -> None:
        """A sentence with no incident of its own may still add casualties to the one
        before it ("Two personnel sustained minor injuries," he said), or to the one in
        the *country* it names ("killed in the strikes on the Syrian side")."""
        if self.current is None:
            return
        if index - self.current.last_sentence <= 2:
            self._claim_and_origin(start, end, cues, sentence)
        if cues.fatalities is None and cues.injuries is None and not cues.no_casualties:
            return
        last = self.current
        category = cues.trigger.category if cues.trigger else last.category
        named = {m.place.id for m in self.mentions if start <= m.start < end}
        here = [d for d in reversed(self.drafts) if d.place is not None and d.place.id in named]
        if here:  # "seven people had been killed in the strikes near Masyaf"
            last = here[0]
        elif country and last.country_code != country:
            same = [d for d in reversed(self.drafts) if d.country_code == country]
            last = next((d for d in same if d.category == category), same[0] if same else last)
        if index - last.last_sentence > 2 and not _REFERS_BACK.search(sentence):
            return
        _absorb_casualties(last, cues)
        last.sentences.append((start, end))

    def _claim_and_origin(self, start: int, end: int, cues: Cues, sentence: str) -> None:
        """What a sentence after an incident may add to it: who claimed it ("Al Shabaab
        claimed responsibility"), and where it was launched from ("police traced the
        launch site to farmland near Hit")."""
        last = self.current
        claim = _CLAIM.search(sentence)
        if claim:
            named = [a for a in find_actors(sentence[:claim.start()]) if not a.is_target]
            if named:
                last.actor1 = named[-1].name
        if last.origin is None and _LAUNCH.search(sentence):
            _, origin, _ = self._places(start, end, cues)
            if origin is not None:
                last.origin, last.origin_text = origin
                last.sentences.append((start, end))

    def _places(self, start: int, end: int, cues: Cues
                ) -> tuple[list[tuple[Place, int]], tuple[Place, str] | None, bool]:
        """The event places of a clause with where they are named, its launch origin, and
        whether the incident was "near" its place."""
        places, origin, near = [], None, False
        actors = [(start + a.start, start + a.end) for a in cues.actors]
        clause = self.text[start:end]
        launch = _LAUNCH.search(clause)
        # "withdrew from Kherson": the place handed over
        withdrawal = cues.trigger is not None and \
            cues.trigger.sub_event_type == "Non-violent transfer of territory"
        speaker = _SPEAKER.match(clause)
        for m in self.mentions:
            if not (start <= m.start < end):
                continue
            before, after = self.text[start:m.start], self.text[m.end:end]
            if origin is None and m.place.kind != "country" and launch and \
                    start + launch.end() <= m.start and _FROM_NEAR.search(before[-110:]):
                origin = (m.place, m.text)  # the first place after "from" only
                continue
            if m.place.kind == "city" and _NATURAL_AFTER.match(after):
                continue  # "the Atoyac river": the river, not a town of its name far away
            if _ADJECTIVAL.match(after) or (_NOT_LOCATION_BEFORE.search(before[-12:]) and not (
                    withdrawal and before.endswith("from "))) \
                    or _ROAD_BEFORE.search(before[-30:]) and _ROAD_AFTER.match(after):
                continue
            if _SPEAKS_AFTER.match(after) and not _IN_BEFORE.search(before[-14:]):
                continue
            if m.place.kind == "region" and not m.place.country_code:
                continue  # "across the Middle East": too wide to locate an incident
            if any(s <= m.start and m.end <= e for s, e in actors):
                continue  # "the US carried out air strikes": an actor, not a place
            if speaker and m.end <= start + speaker.end():
                continue  # "In Damascus, the ministry said ...": where it was said
            places.append((m.place, m.start))
            near = near or bool(_NEAR.search(before[-40:]))
        if not any(p.kind == "site" for p, _ in places):
            # "the oil field": a site named before, unless the clause names one itself
            for m in _ANAPHOR.finditer(self.text, start, end):
                site = self._antecedent(m.group(1).lower(), m.start())
                if site is not None:
                    places.append((site, m.start()))
        return places, origin, near

    def _antecedent(self, word: str, position: int) -> Place | None:
        """The site "the oil field" refers to: the last one of that kind named before."""
        feature = _ANAPHOR_FEATURES.get(word.replace("  ", " "), "")
        for m in reversed(self.mentions):
            if m.start < position and m.place.kind == "site" and feature and (
                    feature in m.place.feature or (feature == "field" and "field" in
                                                   m.place.feature)):
                return m.place
        return None

    def _merge(self, draft: _Draft, *, refers_back: bool) -> _Draft:
        """Fold *draft* into the incident it tells of, or start a new one; return it.

        An unplaced sentence ("the attack also damaged homes") is first tried against the
        incident the sentence before told of."""
        order = list(reversed(self.drafts))
        if draft.place is None and self.current is not None:
            order.insert(0, self.current)
        for existing in order:
            if _same_incident(existing, draft, refers_back=refers_back):
                _fold_into(existing, draft)
                return existing
        self.drafts.append(draft)
        return draft


def _targets(text: str, places: list[tuple[Place, int]], trigger: int) -> list[Place]:
    """The places an incident happened at: the most specific, without their containers,
    those named after the trigger first ("a drone attack on a barracks in Homs").

    A sentence that names only countries ("in eastern Syria and western Iraq"), or that
    lists places with "and" ("near Tall Afar and on the road south of Kirkuk"), gives one
    place each.
    """
    if not places:
        return []
    places = _where_the_clause_is(text, places)
    after = [(p, at) for p, at in places if at > trigger]
    if after and min(_RANK[p.kind] for p, _ in after) <= _RANK["city"]:
        places = after
    best = min(_RANK[p.kind] for p, _ in places)
    chosen = sorted(((p, at) for p, at in places if _RANK[p.kind] == best), key=lambda x: x[1])
    if best == _RANK["country"]:
        return list({p.country_code: p for p, _ in chosen}.values())
    listed = [chosen[0]]
    for p, at in chosen[1:]:
        between = text[listed[-1][1]:at]
        if p.id not in {q.id for q, _ in listed} and " and " in between and "." not in between:
            listed.append((p, at))
    return [p for p, _ in listed]


def _where_the_clause_is(text: str, places: list[tuple[Place, int]]) -> list[tuple[Place, int]]:
    """*places* without those that cannot be where the clause's incident is.

    A town named with its area ("in Iguala (Guerrero)", "Soyapango (San Salvador)") is
    where the clause is: towns of the clause over 100 km from it are namesakes of a
    neighbourhood ("gunmen killed a man in Las Tunas"), not a village that far away.
    And a town of another country than the clause's other places, over 1,000 km from all
    of them ("Madina" of a Malian village read as Medina), is no border's neighbour."""
    towns = [(p, at) for p, at in places if _RANK[p.kind] <= _RANK["city"]]
    anchored = [(p, at) for p, at in towns if any(
        0 < q_at - at <= _ANCHOR_CHARS and _anchors(q, p) and (
            "(" in text[at:q_at] or "," in text[at:q_at] and _RANK[q.kind] > _RANK[p.kind])
        for q, q_at in places)]
    if anchored:
        places = [(p, at) for p, at in places if _RANK[p.kind] > _RANK["city"] or any(
            p.distance_km(a) <= _ANCHOR_KM for a, _ in anchored)]
    counts = Counter(p.country_code for p, _ in places)
    if len(counts) > 1:
        home = [p for p, _ in places if counts[p.country_code] == max(counts.values())]
        places = [(p, at) for p, at in places if counts[p.country_code] == max(counts.values())
                  or _RANK[p.kind] > _RANK["city"]
                  or any(p.distance_km(h) <= _NEIGHBOUR_KM for h in home)]
    return places


def _anchors(area: Place, town: Place) -> bool:
    """Whether *area*, named right after *town*, says where the town is: its province
    or country, or a city beside it ("Soyapango (San Salvador)")."""
    if _RANK[area.kind] > _RANK[town.kind]:
        return _contains(area, town)
    return area.kind == "city" and area.country_code == town.country_code \
        and area.id != town.id and area.distance_km(town) <= _BESIDE_KM


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of a sentence that may each tell an incident (", and another ...")."""
    cuts = [start] + [start + m.start() for m in _CLAUSE.finditer(text[start:end])] + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _weak(cues: Cues) -> bool:
    """A trigger that alone is no incident: "hit", "attack", "targeted" with no weapon."""
    return cues.trigger.category == "attack" and cues.trigger.sub_event_type == "" and \
        cues.trigger.text.lower() in _WEAK_WORDS


def _casualty_only(cues: Cues, sentence: str) -> bool:
    """A sentence whose only news is a toll ("Two drivers were killed"), by no one named."""
    trigger = cues.trigger
    return trigger.category == "attack" and trigger.sub_event_type == "" and \
        trigger.text.lower() in _TOLL_WORDS and not any(
            a.start < trigger.start for a in cues.actors)


def _side_country(sentence: str) -> str:
    m = _SIDE.search(sentence)
    return DEMONYM_COUNTRIES.get(m.group(1).lower(), "") if m else ""


def _draft(cues: Cues, sentence: str, place: Place | None, near: bool,
           date: DatedSpan | None, origin: tuple[Place, str] | None, hint: str, *,
           split: int = 1) -> _Draft:
    trigger = cues.trigger
    weapons = _weapons_for(cues)
    munitions = next((w.count for w in cues.weapons if w.name == (weapons or [""])[0]
                      and w.count is not None), None)
    if split > 1 and munitions == split:
        munitions = 1  # "two roadside bombs exploded near A and B"
    elif split > 1:
        munitions = None
    by = [a for a in cues.actors if a.by and not a.is_target]
    # "A soldier was shot dead by militants": before a passive trigger, the one acted on
    passive = bool(_PASSIVE.search(sentence, max(0, trigger.start - 30), trigger.start))
    if by:
        perpetrators = by[:1]
    elif passive:  # "20 people were killed when gunmen stormed the village"
        perpetrators = [a for a in cues.actors if not a.is_target and a.start > trigger.end][:1]
    else:
        perpetrators = [a for a in cues.actors if not a.is_target and a.start < trigger.start]
    if not perpetrators and trigger.category == "clash":
        # "fighting broke out between the army and rebels": the first named acts
        perpetrators = [a for a in cues.actors if not a.is_target][:1]
    targets = [a for a in cues.actors if a not in perpetrators[-1:]
               and (a.is_target or a.start > trigger.end or (passive and a.start < trigger.start))]
    category = trigger.category
    if category == "attack" and weapons and weapons[0] in _STATE_AIR_WEAPONS and any(
            a.name in _STATE_FORCES or _STATE_ARMY.match(a.name)
            for a in cues.actors if not a.is_target):
        category = "strike"  # a drone "from Israel": state air power, not an armed group
    return _Draft(
        category=category, sub_event_type=trigger.sub_event_type if category ==
        trigger.category else "Air/drone strike", weapons=weapons,
        munitions=munitions, fatalities=cues.fatalities, injuries=cues.injuries,
        no_casualties=cues.no_casualties, place=place, near=near,
        country_code=place.country_code if place else hint, date=date,
        origin=origin[0] if origin else None, origin_text=origin[1] if origin else "",
        actor1=perpetrators[-1].name if perpetrators else "",
        actor2=targets[0].name if targets else "", victims=cues.victims,
    )


def _weapons_for(cues: Cues) -> list[str]:
    """The weapons of the incident: for an interception, what was intercepted."""
    trigger = cues.trigger
    names = [w.name for w in cues.weapons]
    if trigger.category == "interception":
        after = [w.name for w in cues.weapons if w.start >= trigger.start]
        names = after or names
    elif trigger.category == "strike":
        names = [n for n in names if n in ("drone", "missile", "airstrike")] or ["airstrike"]
    return list(dict.fromkeys(names))


def _same_incident(a: _Draft, b: _Draft, *, refers_back: bool) -> bool:
    if a.category != b.category and (a.category, b.category) not in _COMPATIBLE:
        return False
    if {a.category, b.category} == {"strike", "attack"} and (a.weapons if a.category ==
                                                              "attack" else b.weapons):
        return False  # explosions heard where jets struck are the strike; rockets are not
    if "clash" in (a.category, b.category) and a.category != b.category and any(
            w != "small arms" for w in a.weapons + b.weapons):
        return False  # mortar rounds on a base are not the tribal clashes nearby
    if a.date and b.date and not a.date.overlaps(b.date):
        return False
    if a.weapons and b.weapons and not set(a.weapons) & set(b.weapons) and not refers_back \
            and not {sub_event_for("attack", "", w) for w in a.weapons} & {
                sub_event_for("attack", "", w) for w in b.weapons}:
        return False  # "missiles and mortars", then "the shelling": one incident
    if a.place is None or b.place is None:
        # An unplaced sentence joins an incident only when it follows it closely, or
        # says "the attack", "the strikes"; within the country it names, if any.
        close = b.last_sentence - a.last_sentence <= 2 or refers_back
        return close and (not b.country_code or b.country_code == a.country_code)
    return _contains(a.place, b.place) or _contains(b.place, a.place)


def _contains(outer: Place, inner: Place) -> bool:
    """True when *inner* is *outer* or lies inside it (a country, a province)."""
    if outer.id == inner.id:
        return True
    if outer.country_code != inner.country_code:
        return False
    if outer.kind == inner.kind == "site" and outer.distance_km(inner) <= _SAME_SITE_KM:
        return True  # one base in two of the gazetteer's entries ("Al Asad", "Ain al-Asad")
    if outer.kind == "country":
        return True
    if outer.kind in ("admin1", "admin2"):
        return bool(inner.admin1) and fold(inner.whole_province) == fold(outer.whole_province)
    return False


def _fold_into(a: _Draft, b: _Draft) -> None:
    """Merge what *b* adds to *a*: a finer place and date, the weapon, counts, origin."""
    if b.place and (a.place is None or _RANK[b.place.kind] < _RANK[a.place.kind]):
        a.place, a.near = b.place, b.near
        a.country_code = b.place.country_code
    if b.date and (a.date is None or b.date.precision < a.date.precision):
        a.date = b.date
    if b.weapons:
        common = [w for w in a.weapons if w in b.weapons]
        a.weapons = common or a.weapons or b.weapons
    if a.munitions is None:
        a.munitions = b.munitions
    _absorb_casualties(a, b)
    if a.origin is None and b.origin is not None:
        a.origin, a.origin_text = b.origin, b.origin_text
    a.actor1 = a.actor1 or b.actor1
    a.actor2 = a.actor2 or b.actor2
    a.sentences += b.sentences
    a.last_sentence = max(a.last_sentence, b.last_sentence)
    if a.operation is None:
        a.operation = b.operation


def _absorb_casualties(a: _Draft, b: _Draft | Cues) -> None:
    if b.fatalities is not None:
        a.fatalities = max(a.fatalities or 0, b.fatalities)
    if b.injuries is not None:
        a.injuries = max(a.injuries or 0, b.injuries)
    a.no_casualties = a.no_casualties or b.no_casualties


def _admin1(gaz: Gazetteer, place: Place | None) -> str:
    """The province's name as the gazetteer's division spells it, whichever source the
    place came from ("Deir ez-Zor" of a curated site and "Dayr az Zawr" of a town are one
    province, and a table grouped by province should say so)."""
    if place is None:
        return ""
    if place.kind == "admin1":
        return place.province
    if not place.admin1:
        return ""
    if place.whole_province != place.admin1:
        return place.admin1  # a part ACLED names as a province ("Shan-North"), kept
    key = (place.country_code, place.admin1)
    if key not in _ADMIN1_NAMES:
        found = [p for p in gaz.places_for_key(fold(place.admin1))
                 if p.kind == "admin1" and p.country_code == place.country_code]
        _ADMIN1_NAMES[key] = found[0].province if found else place.admin1
    return _ADMIN1_NAMES[key]


_ADMIN1_NAMES: dict[tuple[str, str], str] = {}


def _event(d: _Draft, article: Article, n: int, *, source: str, admin1: str) -> Event:
    weapon = d.weapons[0] if d.weapons else ""
    victims = d.victims or ("armed" if d.actor2 and not d.actor2.startswith(_UNARMED) else "")
    sub_event = sub_event_for(d.category, d.sub_event_type, weapon, victims)
    category = d.category  # the map's category: an attack on soldiers is still an attack
    date = d.date or (resolve_time(None, published=article.published) if article.published
                      else None)
    place = d.place
    cc = place.country_code if place else d.country_code
    country_name, iso = acled_country(cc), iso_number(cc)
    precision = _PRECISION[place.kind] if place else 3
    if place and d.near and precision == 1:
        precision = 2
    if place and place.id.startswith("near:"):
        # a village no gazetteer knows, drawn at the place it lies in: a town or a
        # district is near it; a province says no more than the province
        precision = 3 if place.feature.endswith("admin1") else 2
    if place and place.source.endswith(AT_PROVINCE):
        precision = 3  # a district drawn where its province is, or a village in it
    # An event known only to an area is drawn at its seat (ACLED: the capital).
    lat, lon = place.event_point if place else (None, None)
    origin_lat, origin_lon = d.origin.event_point if d.origin else (None, None)
    notes = " ".join(article.text[s:e] for s, e in sorted(set(d.sentences)))
    actor1, actor2 = _actors(d, category, sub_event, place.country_code if place else
                             d.country_code)
    return Event(
        event_id=f"{article.id}-{n:03d}", event_date=date.date if date else None,
        time_precision=date.precision if date else 3,
        event_type=event_type_for(sub_event), sub_event_type=sub_event, category=category,
        actor1=actor1, actor2=actor2, country=country_name, iso=iso,
        country_code=place.country_code if place else d.country_code,
        admin1=admin1,
        location=place.name if place else "", latitude=lat, longitude=lon,
        geo_precision=precision,
        place_id=place.id if place else "", source=source or article.source or article.agency,
        notes=notes,
        fatalities=d.fatalities or 0,
        injuries=d.injuries if d.injuries is not None else (0 if d.no_casualties else None),
        weapon=weapon, munitions=d.munitions,
        origin_location=d.origin.name if d.origin else "",
        origin_latitude=origin_lat, origin_longitude=origin_lon,
        article_id=article.id, article_title=article.title, article_url=article.url,
        sentence_spans=tuple(sorted(set(d.sentences))),
        unresolved_reason="" if place else "no place named for this incident",
    )


# Who acted when the report does not say: the crowd of a protest or a riot, and for
# violence by no one named, ACLED's "Unidentified Armed Group" of the country.
_CROWD_ACTORS = {"protest": "Protesters ({country})", "riot": "Rioters ({country})"}
_UNNAMED = "Unidentified Armed Group ({country})"
_UNNAMED_TYPES = frozenset({"Attack", "Abduction/forced disappearance", "Sexual violence",
                            "Remote explosive/landmine/IED", "Grenade", "Armed clash",
                            "Suicide bomb"})
_STATE = re.compile(r"(?:Military|Police) Forces of ")
# Actors who do not fight back: violence against them is no clash.
_UNARMED = ("Civilians", "Protesters", "Rioters")
_CIVILIAN_TYPES = frozenset({"Attack", "Abduction/forced disappearance", "Sexual violence"})


def _actors(d: _Draft, category: str, sub_event: str, country_code: str) -> tuple[str, str]:
    """actor1 and actor2 as ACLED names them, in the event's country."""
    actor1, actor2 = d.actor1, d.actor2
    if category in _CROWD_ACTORS and _STATE.match(actor1):
        # "Police fired tear gas at students": the crowd protested, the police stepped in
        crowd = actor2 if actor2 and not _STATE.match(actor2) else ""
        actor1, actor2 = crowd, actor1
    actor1 = actor1 or _CROWD_ACTORS.get(category, "") or (
        _UNNAMED if sub_event in _UNNAMED_TYPES else "")
    actor2 = actor2 or ("Civilians ({country})" if d.victims == "civilian" and
                        sub_event in _CIVILIAN_TYPES else "")
    actor1, actor2 = actor_name(actor1, country_code), actor_name(actor2, country_code)
    return actor1, "" if actor2 == actor1 else actor2


def _links(drafts: Sequence[_Draft], events: Sequence[Event], article_id: str) -> list[Link]:
    links: list[Link] = []
    for d, e in zip(drafts, events, strict=True):
        if d.origin is not None and e.located:
            links.append(_link(f"{e.event_id}-origin", "origin", d.origin.name, d.origin, e,
                               article_id))
    groups: dict[int, list[Event]] = {}
    for d, e in zip(drafts, events, strict=True):
        if d.operation is not None and e.located:
            groups.setdefault(d.operation, []).append(e)
    for group in groups.values():
        first = group[0]
        for other in group[1:]:
            links.append(Link(
                f"{first.event_id}-{other.event_id}", "operation", first.event_id,
                other.event_id, first.location, other.location, first.latitude,
                first.longitude, other.latitude, other.longitude, first.country_code,
                other.country_code, article_id))
    return links


def _link(link_id: str, kind: str, name: str, origin: Place, e: Event, article_id: str) -> Link:
    return Link(link_id, kind, "", e.event_id, name, e.location, *origin.event_point,
                e.latitude, e.longitude, origin.country_code, e.country_code, article_id)


def extract_many(articles: Iterable[Article], *, gazetteer: Gazetteer | None = None,
                 progress: bool = False, workers: int = 1, dask: object = None) -> Extraction:
    """The events and links of many articles (see `extract_events`).

    An article that fails is logged and listed in ``failures``; the rest go on. With
    *progress*, a progress bar on standard error: with a total and an ETA when the size
    of the input is known (an `ArticleReader`, or a list). ``workers`` and ``dask`` spread
    the work over processes or a Dask cluster, for the same events in the same order (see
    `conflictmap.parallel.extract_stream`, which also yields them as they are done).
    """
    from conflictmap.parallel import extract_stream

    events: list[Event] = []
    links: list[Link] = []
    failures: list[tuple[str, str]] = []
    count = 0
    for found in extract_stream(progress_bar(articles, progress), gazetteer=gazetteer,
                                workers=workers, dask=dask):
        count += 1
        events += found.events
        links += found.links
        failures += found.failures
    return Extraction(tuple(events), tuple(links), articles=count, failures=tuple(failures))


def progress_bar(articles: Iterable[Article], enabled: bool) -> Iterator[Article]:
    """The articles, with a progress bar on standard error when *enabled*: in bytes of
    input, with a total and an ETA, when the reader knows its input's size (an
    `ArticleReader` of files), in articles with a total for a sized collection, else a
    count."""
    if not enabled:
        yield from articles
        return
    from tqdm import tqdm

    total_bytes = getattr(articles, "total_bytes", None)
    total = total_bytes() if callable(total_bytes) else None
    options = {"desc": "extracting", "mininterval": 0.5, "leave": False, "delay": 1.0}
    if total is None:
        size = len(articles) if isinstance(articles, Sized) else None
        yield from tqdm(articles, total=size, unit=" articles", **options)
        return
    with tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, **options) as bar:
        for count, article in enumerate(articles, start=1):
            bar.set_postfix_str(f"{count:,} articles", refresh=False)
            bar.update(articles.bytes_read - bar.n)  # type: ignore[attr-defined]
            yield article
        bar.update(articles.bytes_read - bar.n)  # type: ignore[attr-defined]
