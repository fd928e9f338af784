"""Time expressions resolved against the publication date."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictmap.timex import find_time, is_background, resolve_time

WED = dt.date(2021, 7, 7)  # a Wednesday


@pytest.mark.parametrize("sentence, expected, precision", [
    ("Rocket attacks on Wednesday (July 7) targeted bases.", dt.date(2021, 7, 7), 1),
    ("US forces on Monday night shot down a drone.", dt.date(2021, 7, 5), 1),
    ("Two grenades landed late on Sunday.", dt.date(2021, 7, 4), 1),
    ("Militias fired shells at the field on Monday last week.", dt.date(2021, 6, 28), 1),
    ("Gunmen attacked a checkpoint on Wednesday.", dt.date(2021, 7, 7), 1),
    ("A drone was downed yesterday.", dt.date(2021, 7, 6), 1),
    ("The blast happened on 3 July.", dt.date(2021, 7, 3), 1),
    ("The blast happened on July 3, 2020.", dt.date(2020, 7, 3), 1),
    ("A convoy was hit on 2021-06-30.", dt.date(2021, 6, 30), 1),
    ("Late last month, the US carried out air strikes.", dt.date(2021, 6, 25), 3),
    ("Earlier this month, a rocket hit the base.", dt.date(2021, 7, 4), 3),
])
def test_expressions_resolve_against_publication(sentence, expected, precision):
    span = resolve_time(find_time(sentence), published=WED)
    assert span.date == expected and span.precision == precision


def test_december_in_a_january_report_is_last_year():
    span = resolve_time(find_time("Shelling on December 30 killed two."),
                        published=dt.date(2022, 1, 2))
    assert span.date == dt.date(2021, 12, 30)


@pytest.mark.parametrize("sentence, expected", [
    ("The US launched air strikes the previous night.", dt.date(2021, 6, 27)),
    ("Just hours earlier, rockets were fired.", dt.date(2021, 6, 28)),
    ("A day earlier, a drone fell.", dt.date(2021, 6, 27)),
])
def test_relative_to_the_previous_incident(sentence, expected):
    span = resolve_time(find_time(sentence), published=WED, previous=dt.date(2021, 6, 28))
    assert span.date == expected


def test_range_of_an_imprecise_date_contains_the_precise_one():
    late = resolve_time(find_time("late last month"), published=WED)
    exact = resolve_time(find_time("on June 27"), published=WED)
    assert late.overlaps(exact) and not late.overlaps(resolve_time(find_time("on July 2"),
                                                                   published=WED))


def test_no_expression_means_the_publication_day_roughly():
    span = resolve_time(None, published=WED)
    assert span.date == WED and span.precision == 2
    assert resolve_time(None, published=None) is None


@pytest.mark.parametrize("sentence, background", [
    ("US forces have been targeted almost 50 times this year in the country.", True),
    ("It was the latest in a spate of attacks on US facilities.", True),
    ("The base has been shelled dozens of times since January.", True),
    ("Fourteen rockets were fired at the base on Wednesday.", False),
])
def test_background(sentence, background):
    assert is_background(sentence) is background


@pytest.mark.parametrize("sentence, published", [
    ("A convoy was hit on 2022-13-45, officials said.", WED),      # no such day
    ("A convoy was hit on 1024-03-06, officials said.", WED),      # before any news
    ("Gunmen attacked a checkpoint yesterday.", dt.date(1, 1, 1)),  # arithmetic past year 1
    ("Shelling last year destroyed the bridge.", dt.date(1, 6, 1)),
])
def test_impossible_or_implausible_dates_are_no_date(sentence, published):
    assert resolve_time(find_time(sentence), published=published) is None
