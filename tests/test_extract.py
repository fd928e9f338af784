"""Extraction on short texts of our own: one event per incident, dated, placed, linked."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictmap.article import Article
from conflictmap.extract import extract_events, extract_many

HEADER = "date 2024-03-06 BAGHDAD (AFP) - "  # a Wednesday


def _events(text, gazetteer, **kw):
    return extract_events(HEADER + text, gazetteer=gazetteer, **kw)


def test_later_sentence_refines_the_same_incident(gazetteer):
    found = _events(
        "Nine rockets were fired at an air base in Iraq's Anbar province on Tuesday, "
        "wounding three soldiers. Officials said the Ain al-Asad base was hit by nine "
        "rockets on Tuesday.", gazetteer)
    assert len(found) == 1
    e = found[0]
    assert e.place_id == "site:ain-al-asad-air-base" and e.geo_precision == 1
    assert (e.weapon, e.munitions, e.injuries, e.fatalities) == ("rocket", 9, 3, 0)
    assert e.event_date == dt.date(2024, 3, 5) and e.time_precision == 1
    assert e.sub_event_type == "Shelling/artillery/missile attack"
    assert e.event_type == "Explosions/Remote violence"
    assert len(e.sentence_spans) == 2 and "nine rockets" in e.notes


def test_different_days_are_different_incidents(gazetteer):
    found = _events(
        "Rockets hit Ain al-Asad on Tuesday. Just hours earlier, rockets were also fired "
        "towards Ain al-Asad. On Sunday, a drone was shot down near Erbil.", gazetteer)
    dates = sorted(e.event_date for e in found)
    assert dates == [dt.date(2024, 3, 3), dt.date(2024, 3, 5), dt.date(2024, 3, 5)]
    assert {e.category for e in found} == {"attack", "interception"}


def test_relative_dates_follow_the_incident_before(gazetteer):
    found = _events(
        "Militants fired mortars at the Omar oil field in Syria on Monday last week. "
        "Coalition warplanes carried out air strikes near Al-Mayadeen the previous night.",
        gazetteer)
    by = {e.category: e for e in found}
    assert by["attack"].event_date == dt.date(2024, 2, 26)
    assert by["strike"].event_date == dt.date(2024, 2, 25)


def test_launch_origin_and_its_link(gazetteer):
    found = _events(
        "Two drones launched from near the town of Al-Mayadeen struck the Conoco gas field "
        "in Syria on Monday, causing no casualties.", gazetteer)
    e = found[0]
    assert e.place_id == "site:conoco-gas-field" and e.origin_location == "Al Mayadin"
    assert (e.weapon, e.munitions, e.fatalities) == ("drone", 2, 0)
    link = found.links[0]
    assert link.kind == "origin" and not link.cross_border
    assert (link.from_country_code, link.to_country_code) == ("SY", "SY")


def test_strikes_on_both_sides_of_a_border_are_linked(gazetteer):
    found = _events(
        "US warplanes carried out air strikes on Monday against militia depots in eastern "
        "Syria and western Iraq. Four fighters were killed in the strikes on the Syrian side "
        "of the border.", gazetteer)
    assert {e.country_code for e in found} == {"SY", "IQ"}
    syria = next(e for e in found if e.country_code == "SY")
    assert syria.fatalities == 4 and syria.category == "strike"
    assert syria.geo_precision == 3
    assert [k.cross_border for k in found.links] == [True]


@pytest.mark.parametrize("text", [
    "US forces have been targeted almost 40 times this year in Iraq.",
    "It was the latest in a spate of attacks on foreign bases in Syria.",
    "Officials met in Baghdad to discuss the budget and the water shortage.",
    "The militants had been planning an attack on a prison in Hasakah, police said.",
    "",
])
def test_no_incident_no_event(gazetteer, text):
    assert len(_events(text, gazetteer)) == 0


def test_unplaced_incident_is_kept_with_its_reason(gazetteer):
    found = _events("Gunmen opened fire on a checkpoint overnight, killing two soldiers.",
                    gazetteer)
    assert len(found) == 1
    e = found[0]
    assert not e.located and e.unresolved_reason and e.fatalities == 2


def test_interception_keeps_the_intercepted_weapon(gazetteer):
    found = _events(
        "Air defences fired rockets into the sky over Baghdad on Monday night and took out "
        "an explosive-laden drone.", gazetteer)
    assert [(e.category, e.weapon, e.munitions) for e in found] == [("interception", "drone",
                                                                      1)]


def test_state_drone_is_a_strike(gazetteer):
    found = _events("A drone from Israel struck a car outside Tyre in Lebanon on Monday, "
                    "killing one man.", gazetteer)
    assert [(e.category, e.sub_event_type, e.fatalities) for e in found] == [
        ("strike", "Air/drone strike", 1)]


def test_published_supplied_for_an_undated_text(gazetteer):
    found = extract_events("Rockets were fired at the Ain al-Asad base on Monday.",
                           published="2024-03-06", gazetteer=gazetteer)
    assert found[0].event_date == dt.date(2024, 3, 4)


def test_acled_columns_are_filled(gazetteer):
    e = _events("Rockets were fired at the Ain al-Asad base on Monday.", gazetteer)[0]
    record = e.as_record()
    assert record["country"] == "Iraq" and record["iso"] == 368 and record["admin1"]
    assert record["source"] == "AFP" and record["event_id"].endswith("-001")


def test_a_failing_article_does_not_stop_the_batch(gazetteer, monkeypatch):
    from conflictmap import extract

    real = extract._Builder.run

    def run(self):
        if "BOOM" in self.text:
            raise RuntimeError("broken article")
        return real(self)

    monkeypatch.setattr(extract._Builder, "run", run)
    articles = [Article.from_text(HEADER + "Rockets hit Ain al-Asad on Monday.", id="a"),
                Article.from_text("BOOM", id="b"),
                Article.from_text(HEADER + "A drone was shot down near Erbil on Monday.",
                                  id="c")]
    result = extract_many(articles, gazetteer=gazetteer)
    assert result.articles == 3 and len(result.events) == 2
    assert [f[0] for f in result.failures] == ["b"]


def test_origin_right_after_from(gazetteer):
    e = _events("Rockets fired from Hit struck the Ain al-Asad base in Iraq on Monday.",
                gazetteer)[0]
    assert e.place_id == "site:ain-al-asad-air-base" and e.origin_location == "Hit"


def test_extraction_shows_as_an_html_table(gazetteer):
    found = _events("Rockets were fired at the Ain al-Asad base on Monday <b>bold</b>.",
                    gazetteer)
    html = found._repr_html_()
    assert "<table>" in html and "Ain al-Asad Air Base" in html and "1 event</b>" in html
    assert "<b>bold</b>" not in html
    assert repr(found).startswith("<Extraction 1 events")


@pytest.mark.parametrize("published", [None, "2024-03-06"])
def test_events_keep_the_articles_title_url_and_source(gazetteer, published):
    article = Article.from_text(
        "Rockets struck the Ain al-Asad air base in Anbar on Monday.", id="a1",
        published="2024-03-05", title="Base hit again", url="https://news.example/a1",
        source="Example Wire")
    found = extract_events(article, gazetteer=gazetteer, published=published)
    assert found.events
    for event in found.events:
        assert (event.article_title, event.article_url, event.source) == (
            "Base hit again", "https://news.example/a1", "Example Wire")
        assert event.article_id == "a1"


class _Bar:
    """Stands in for tqdm: records what the progress bar was told."""

    made: list[_Bar] = []

    def __init__(self, iterable=None, **kwargs):
        self.iterable, self.kwargs, self.n, self.updates = iterable, kwargs, 0, []
        _Bar.made.append(self)

    def __iter__(self):
        return iter(self.iterable)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        self.n += n
        self.updates.append(self.n)

    def set_postfix_str(self, text, refresh=True):
        self.postfix = text


def test_progress_has_a_total_when_the_input_size_is_known(monkeypatch, tmp_path):
    import tqdm

    from conflictmap.article import ArticleReader
    from conflictmap.extract import progress_bar

    monkeypatch.setattr(tqdm, "tqdm", _Bar)
    _Bar.made = []
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Rockets hit Baghdad on Monday, report {n}.",
                                           encoding="utf-8")
    reader = ArticleReader(tmp_path)
    assert len(list(progress_bar(reader, True))) == 3
    bar = _Bar.made[-1]
    assert bar.kwargs["total"] == reader.total_bytes() == sum(
        p.stat().st_size for p in tmp_path.iterdir())
    assert bar.n == bar.kwargs["total"] and bar.updates == sorted(bar.updates)
    assert bar.postfix == "3 articles"
    articles = list(reader)
    assert len(list(progress_bar(articles, True))) == 3
    assert _Bar.made[-1].kwargs["total"] == 3  # a list: a total in articles


def test_an_incident_that_names_no_place_happened_where_the_story_was():
    text = ("On 3 March 2024, armed men stole a truck in Kumba, in the South-West region of "
            "Cameroon. After stealing it, the men drove over a boy, killing him.")
    (event,) = extract_events(text).events
    assert (event.location, event.geo_precision, event.fatalities) == ("Kumba", 2, 1)
    assert not event.unresolved_reason and event.notes.startswith("On 3 March 2024")


def test_a_country_alone_before_it_does_not_place_an_incident():
    text = ("Troops were deployed across Nigeria on Monday. Gunmen later killed two "
            "farmers, police said.")
    (event,) = extract_events(text, published="2024-03-05").events
    assert event.location == "" and event.unresolved_reason == "no place named for this incident"


def test_a_town_named_with_its_province_holds_against_a_far_namesake_later_in_the_clause():
    # "Las Palmas" here is a neighbourhood of Iguala; the gazetteer's places of that name
    # (a village in San Luis Potosi, the Canaries' city) are far from the town the clause
    # names with its state.
    text = "On 3 May 2024, in Iguala (Guerrero), gunmen killed a shopkeeper in Las Palmas."
    (event,) = extract_events(text).events
    assert (event.location, event.admin1, event.country) == (
        "Iguala de la Independencia", "Guerrero", "Mexico")


def test_a_town_named_with_the_city_beside_it_holds_against_a_namesake_abroad():
    # "Guadalupe" here is a quarter; the gazetteer's Guadalupe is in Mexico, 1,700 km away.
    text = ("On 3 May 2024, in Soyapango (San Salvador), gang members shot a bus driver "
            "near Guadalupe.")
    (event,) = extract_events(text).events
    assert (event.location, event.country) == ("Soyapango", "El Salvador")


def test_towns_either_side_of_a_border_are_each_an_incident():
    (kharkiv, belgorod) = extract_events("Russian shelling hit Kharkiv and Belgorod "
                                         "overnight.", published="2024-05-03").events
    assert (kharkiv.country, belgorod.country) == ("Ukraine", "Russia")


def test_a_state_named_in_the_clause_is_finer_than_the_region_named_first():
    text = "On 3 May 2024, militiamen attacked villages in Darfur, in West Darfur state."
    (event,) = extract_events(text).events
    assert event.location == "West Darfur"


def test_a_militia_named_after_a_state_does_not_locate_the_incident_there():
    text = ("On 22 March 2024, Zamfara militiamen attacked civilians in Kebu village "
            "(Danko, Kebbi), killing three.")
    (event,) = extract_events(text).events
    assert (event.location, event.admin1) == ("Kebu", "Kebbi")


def test_a_river_is_not_the_town_that_shares_its_name():
    text = ("On 16 April 2024, near Cuautlancingo, Puebla, a body was found floating on the "
            "Atoyac river.")
    (event,) = extract_events(text).events
    assert (event.location, event.admin1) == ("Cuautlancingo", "Puebla")
