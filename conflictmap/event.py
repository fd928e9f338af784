"""The records extraction produces: events and the links between them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["ACLED_COLUMNS", "CATEGORIES", "EVENT_COLUMNS", "LINK_COLUMNS", "MAX_COUNT", "Event",
           "Link"]

#: The largest count (of deaths, injuries, munitions) an event can have: a larger figure
#: is a misreading (a phone number, an amount of money, a typo), not a count, and would
#: overflow the outputs' integer columns.
MAX_COUNT = 100_000

CATEGORIES = ("attack", "strike", "interception", "clash", "protest", "riot", "development",
              "other")

# ACLED's column names, in ACLED's order, then ours.
ACLED_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "country", "iso", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
)
EXTRA_COLUMNS = (
    "category", "country_code", "place_id", "weapon", "munitions", "injuries",
    "origin_location", "origin_latitude", "origin_longitude", "article_id", "article_title",
    "article_url", "sentence_spans", "unresolved_reason",
)
EVENT_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
LINK_COLUMNS = ("link_id", "kind", "from_event", "to_event", "from_location", "to_location",
                "from_country_code", "to_country_code", "cross_border", "article_id")


@dataclass(frozen=True, slots=True)
class Event:
    """One incident, located, typed, dated and traced to its sentences.

    ``latitude``/``longitude`` are None when the place could not be resolved;
    ``unresolved_reason`` then says why. ``notes`` holds the evidence sentences;
    ``source`` the publisher (the record's ``source``, else the wire header's agency);
    ``article_title`` and ``article_url`` the article's, as its record gave them.
    """

    event_id: str
    event_date: dt.date | None
    time_precision: int
    event_type: str
    sub_event_type: str
    category: str
    actor1: str = ""
    actor2: str = ""
    country: str = ""
    iso: int | None = None
    country_code: str = ""
    admin1: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    place_id: str = ""
    source: str = ""
    notes: str = ""
    fatalities: int = 0
    injuries: int | None = None
    weapon: str = ""
    munitions: int | None = None
    origin_location: str = ""
    origin_latitude: float | None = None
    origin_longitude: float | None = None
    article_id: str = ""
    article_title: str = ""
    article_url: str = ""
    sentence_spans: tuple[tuple[int, int], ...] = field(default=())
    unresolved_reason: str = ""

    def __repr__(self) -> str:
        date = self.event_date.isoformat() if self.event_date else "undated"
        where = self.location or self.country_code or "?"
        return (f"<Event {self.event_id} {date} {self.category} ({self.sub_event_type}) "
                f"at {where} weapon={self.weapon or '-'} fatalities={self.fatalities}>")

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def as_record(self) -> dict:
        """The event as a flat dict in `EVENT_COLUMNS` order (dates as ISO strings)."""
        out = {c: getattr(self, c) for c in EVENT_COLUMNS}
        out["event_date"] = self.event_date.isoformat() if self.event_date else None
        out["sentence_spans"] = ";".join(f"{s}-{e}" for s, e in self.sentence_spans)
        return out


@dataclass(frozen=True, slots=True)
class Link:
    """A directed link between two points: a launch origin and its target
    (``kind="origin"``), or two events of one operation (``kind="operation"``)."""

    link_id: str
    kind: str
    from_event: str
    to_event: str
    from_location: str
    to_location: str
    from_latitude: float
    from_longitude: float
    to_latitude: float
    to_longitude: float
    from_country_code: str
    to_country_code: str
    article_id: str = ""

    @property
    def cross_border(self) -> bool:
        return bool(self.from_country_code and self.to_country_code
                    and self.from_country_code != self.to_country_code)

    def as_record(self) -> dict:
        out = {c: getattr(self, c) for c in LINK_COLUMNS if c != "cross_border"}
        out["cross_border"] = self.cross_border
        return out
