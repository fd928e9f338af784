"""Time expressions in news copy, resolved against the publication date.

"on Wednesday (July 7)", "Monday night", "late on Sunday", "on Monday last week",
"late last month", "just hours earlier", "the previous night": each gives a date and a
precision (1 day, 2 a few days or a week, 3 a month or more). Relative expressions
("the previous night") are resolved against the date of the incident told just before.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["EARLIEST", "LATEST", "DatedSpan", "TimeExpression", "find_time", "is_background",
           "resolve_time"]

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_WD = "|".join(calendar.day_name)
_MO = "|".join([*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"])

# Tried in order; the first that matches in a sentence wins.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("month_day", re.compile(rf"\b({_MO})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (\d{{4}}))?")),
    ("day_month", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({_MO})\b(?:,? (\d{{4}}))?")),
    ("weekday_last_week", re.compile(rf"\b({_WD})\b(?: \w+)? (?:of )?last week\b")),
    ("weekday", re.compile(rf"\b({_WD})(?:'s)?\b")),
    ("yesterday", re.compile(r"\b(yesterday|last night|overnight)\b", re.IGNORECASE)),
    ("today", re.compile(r"\b(today|this morning|this afternoon|this evening|tonight)\b",
                         re.IGNORECASE)),
    ("previous_day", re.compile(
        r"\b(the (?:previous|preceding) (?:night|day|evening)|the (?:night|day|evening) "
        r"before|a day earlier|the day earlier)\b", re.IGNORECASE)),
    ("hours_earlier", re.compile(r"\b(?:just |a few |several )?hours (?:earlier|before|later)\b",
                                 re.IGNORECASE)),
    ("last_month", re.compile(r"\b(early|mid|late|earlier)?[- ]?(?:last|this) month\b",
                              re.IGNORECASE)),
    ("last_week", re.compile(r"\b(?:earlier this|last) week\b", re.IGNORECASE)),
    ("last_year", re.compile(r"\blast year\b", re.IGNORECASE)),
]
# Words that make a sentence a summary of many incidents, not one.
_BACKGROUND = re.compile(
    r"\b(\d+|dozens?|scores|hundreds|several|many|a number) (of )?times\b"
    r"|\b\w+ times (this|last) (year|month)\b"
    r"|\b(a|the) (spate|series|string|wave) of\b"
    r"|\bsince (the start|(?:mid-|early |late )?(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)|20\d\d)\b"
    r"|\bso far this year\b|\bevery (day|night|week)\b"
    r"|\b(over|in) the (past|last) (\w+ )?(fortnight|weeks?|months?|years?|days)\b"
    r"|\bin the past\b|\blogged \d+|\bsimilar (attacks|strikes|incidents)\b"
    r"|\bhave been (blamed|claimed)\b|\bon (several|many|numerous|multiple) occasions\b"
    r"|\b(several|multiple|repeated|successive|numerous) rounds of\b|\bhas responded with\b",
    re.IGNORECASE,
)
# A date right after a speech verb dates the statement, not the incident.
_STATEMENT = re.compile(r"\b(?:said|says|told|announced|reported|added|stated|confirmed|"
                        r"claimed|denied)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in a sentence, before it is resolved."""

    kind: str
    text: str
    start: int
    end: int
    groups: tuple[str | None, ...]

    @property
    def relative_to_previous(self) -> bool:
        """True for expressions anchored on the incident told before ("hours earlier")."""
        return self.kind in ("previous_day", "hours_earlier")


@dataclass(frozen=True, slots=True)
class DatedSpan:
    """A resolved date: the most likely day, the range it stands for, and a precision."""

    date: dt.date
    earliest: dt.date
    latest: dt.date
    precision: int

    def overlaps(self, other: DatedSpan) -> bool:
        return self.earliest <= other.latest and other.earliest <= self.latest


_WEEKDAY_WORDS = frozenset(_WEEKDAYS)
_MONTH_WORDS = frozenset(_MONTHS)
# The words without which a pattern cannot match: a sentence is tried only with the
# patterns whose words it has (a set look-up is far cheaper than a scan).
_GUARDS = {
    "month_day": _MONTH_WORDS, "day_month": _MONTH_WORDS, "weekday_last_week": _WEEKDAY_WORDS,
    "weekday": _WEEKDAY_WORDS, "yesterday": frozenset({"yesterday", "night", "overnight"}),
    "today": frozenset({"today", "morning", "afternoon", "evening", "tonight"}),
    "previous_day": frozenset({"previous", "preceding", "before", "earlier"}),
    "hours_earlier": frozenset({"hours"}), "last_month": frozenset({"month"}),
    "last_week": frozenset({"week"}), "last_year": frozenset({"year"}),
}
_WORD = re.compile(r"[a-z]+")


def find_time(sentence: str) -> TimeExpression | None:
    """The time expression of *sentence* whose kind comes first in `_PATTERNS`
    (an explicit date before a weekday, a weekday before "hours earlier")."""
    words = set(_WORD.findall(sentence.lower()))
    for kind, pattern in _PATTERNS:
        guard = _GUARDS.get(kind)
        if guard is not None and words.isdisjoint(guard):
            continue
        if guard is None and "-" not in sentence:  # ISO dates
            continue
        for match in pattern.finditer(sentence):
            if _STATEMENT.search(sentence[max(0, match.start() - 30):match.start()]):
                continue
            return TimeExpression(kind, match.group(0), match.start(), match.end(),
                                  match.groups())
    return None


def is_background(sentence: str, *, at: int | None = None) -> bool:
    """True when *sentence* sums up many incidents ("targeted almost 50 times this year").

    With *at* (a trigger's offset), only a summary in the same comma-delimited part of the
    sentence counts: "Two drones were shot down on Monday, the latest in a wave of
    attacks" still reports an incident.
    """
    for m in _BACKGROUND.finditer(sentence):
        if at is None:
            return True
        lo, hi = sorted((m.start(), at))
        if "," not in sentence[lo:hi]:
            return True
    return False


#: The dates an event can have: a date outside (a typo such as "2022-13-45", a year
#: 1024) is no date, and would not fit the outputs' datetime64 columns.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)


def resolve_time(expr: TimeExpression | None, *, published: dt.date | None,
                 previous: dt.date | None = None) -> DatedSpan | None:
    """The date *expr* stands for, given the publication date and the previous incident's.

    Without an expression, the incident is dated to the publication day with precision 2
    (news reports what happened in the last few days). None when there is no date, or
    the date is impossible or outside `EARLIEST`..`LATEST`.
    """
    try:
        span = _resolve(expr, published=published, previous=previous)
    except (ValueError, OverflowError):  # an impossible day, or arithmetic past year 1
        return None
    if span is None or not EARLIEST <= span.earliest <= span.latest <= LATEST:
        return None
    return span


def _resolve(expr: TimeExpression | None, *, published: dt.date | None,
             previous: dt.date | None) -> DatedSpan | None:
    if expr is None:
        return _span(published, 1, 0, 2) if published else None
    kind, g = expr.kind, expr.groups
    anchor = published or previous
    if kind == "iso":
        return _exact(dt.date(int(g[0]), int(g[1]), int(g[2])))
    if kind in ("month_day", "day_month"):
        month_word, day = (g[0], g[1]) if kind == "month_day" else (g[1], g[0])
        return _month_day(_MONTHS[month_word.lower().rstrip(".")], int(day), g[2], anchor)
    if anchor is None:
        return None
    if kind == "weekday":
        return _exact(_last_weekday(anchor, _WEEKDAYS[g[0].lower()]))
    if kind == "weekday_last_week":
        monday = anchor - dt.timedelta(days=anchor.weekday() + 7)
        return _exact(monday + dt.timedelta(days=_WEEKDAYS[g[0].lower()]))
    if kind == "yesterday":
        return _exact(anchor - dt.timedelta(days=1))
    if kind == "today":
        return _exact(anchor)
    if kind == "previous_day":
        return _exact((previous or anchor) - dt.timedelta(days=1))
    if kind == "hours_earlier":
        return _exact(previous or anchor)
    if kind == "last_month":
        return _in_month(anchor, g[0], this_month="this month" in expr.text.lower())
    if kind == "last_week":
        return _span(anchor, 7, 7, 2)
    return _span(dt.date(anchor.year - 1, 7, 1), 182, 183, 3)  # last year


def _exact(day: dt.date) -> DatedSpan:
    return DatedSpan(day, day, day, 1)


def _span(day: dt.date, before: int, after: int, precision: int) -> DatedSpan:
    return DatedSpan(day, day - dt.timedelta(days=before), day + dt.timedelta(days=after),
                     precision)


def _last_weekday(anchor: dt.date, weekday: int) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _month_day(month: int, day: int, year: str | None, anchor: dt.date | None) -> DatedSpan | None:
    if year:
        when = int(year)
    elif anchor:
        # "December 30" in a report of January 2 is last year's.
        when = anchor.year - 1 if month > anchor.month + 1 else anchor.year
    else:
        return None
    try:
        return _exact(dt.date(when, month, day))
    except ValueError:
        return None


def _in_month(anchor: dt.date, part: str | None, *, this_month: bool) -> DatedSpan:
    first = anchor.replace(day=1)
    if not this_month:
        first = (first - dt.timedelta(days=1)).replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    part = (part or "").lower()
    if part == "early":
        first, last = first, first + dt.timedelta(days=9)
    elif part == "mid":
        first, last = first + dt.timedelta(days=9), first + dt.timedelta(days=20)
    elif part == "late":
        first = first + dt.timedelta(days=19)
    if this_month:
        last = min(last, anchor)
    middle = first + (last - first) / 2
    return DatedSpan(middle, first, last, 3)
