"""Event and link frames, and the GeoJSON, CSV and GeoPackage files."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import logging

import pandas as pd
import pytest
from shapely import LineString, Point

from conflictmap.event import ACLED_COLUMNS, EVENT_COLUMNS, LINK_COLUMNS, Event, Link
from conflictmap.exceptions import BadInput
from conflictmap.output import events_frame, links_frame, read_events, write_events

# Verbatim text: markup-like characters, quotes, a newline and non-Latin script.
NOTES = 'Rockets hit the <b>base</b> & "hangar";\nالأنبار سلام — done.'


@pytest.fixture
def located() -> Event:
    return Event(
        event_id="evt-1", event_date=dt.date(2021, 7, 7), time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", category="attack",
        actor1="Unidentified armed group", actor2="Military Forces of the United States",
        country="Iraq", iso=368, country_code="IQ", admin1="Anbar", location="Ain al-Asad",
        latitude=33.8, longitude=42.44, geo_precision=1, place_id="site:ain-al-asad",
        source="AFP", notes=NOTES, fatalities=0, injuries=2, weapon="rocket", munitions=14,
        origin_location="Hit", origin_latitude=33.64, origin_longitude=42.83,
        article_id="art-1", sentence_spans=((0, 52), (53, 120)),
    )


@pytest.fixture
def unlocated() -> Event:
    return Event(event_id="evt-2", event_date=None, time_precision=3, event_type="Battles",
                 sub_event_type="Armed clash", category="clash", article_id="art-1",
                 unresolved_reason="no place named in the sentence")


@pytest.fixture
def links() -> list[Link]:
    return [
        Link("lnk-1", "origin", "evt-1", "evt-1", "Al-Mayadin", "Ain al-Asad", 35.02, 40.45,
             33.8, 42.44, "SY", "IQ", "art-1"),
        Link("lnk-2", "operation", "evt-1", "evt-3", "Ain al-Asad", "Al-Qaim", 33.8, 42.44,
             34.37, 41.09, "IQ", "IQ", "art-1"),
    ]


@pytest.fixture
def events(located, unlocated) -> list[Event]:
    return [located, unlocated]


def _table(frame) -> pd.DataFrame:
    return pd.DataFrame(frame.drop(columns=frame.geometry.name))


def _same_geometry(left, right) -> bool:
    return [None if g is None else g.wkt for g in left] == [
        None if g is None else g.wkt for g in right]


# --- frames ---------------------------------------------------------------------------------

def test_events_frame_columns_types_and_geometry(events):
    frame = events_frame(events)
    assert list(frame.columns) == [*EVENT_COLUMNS, "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.iloc[0].equals(Point(42.44, 33.8))
    assert frame.geometry.iloc[1] is None
    assert pd.api.types.is_datetime64_dtype(frame["event_date"])
    assert frame["event_date"].iloc[0] == pd.Timestamp("2021-07-07")
    assert pd.isna(frame["event_date"].iloc[1])
    assert frame["sentence_spans"].tolist() == ["0-52;53-120", ""]
    assert frame["munitions"].dtype == "Int64" and pd.isna(frame["munitions"].iloc[1])
    assert frame["notes"].iloc[0] == NOTES
    assert frame["unresolved_reason"].iloc[1] == "no place named in the sentence"


def test_links_frame_columns_and_lines(links):
    frame = links_frame(links)
    assert list(frame.columns) == [*LINK_COLUMNS, "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.iloc[0].equals(LineString([(40.45, 35.02), (42.44, 33.8)]))
    assert frame["cross_border"].tolist() == [True, False]


@pytest.mark.parametrize("make, columns", [(events_frame, EVENT_COLUMNS),
                                           (links_frame, LINK_COLUMNS)])
def test_empty_input_gives_an_empty_frame_with_the_columns(make, columns):
    frame = make([])
    assert len(frame) == 0
    assert list(frame.columns) == [*columns, "geometry"]
    assert frame.crs.to_epsg() == 4326


# --- round trips ----------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".geojson", ".json", ".csv", ".gpkg"])
def test_round_trip(tmp_path, events, links, suffix):
    path = write_events(tmp_path / f"out{suffix}", events, links)
    assert path == tmp_path / f"out{suffix}"
    back_events, back_links = read_events(path)
    expected = events_frame(events)
    pd.testing.assert_frame_equal(_table(back_events), _table(expected))
    assert _same_geometry(back_events.geometry, expected.geometry)
    assert back_events.crs.to_epsg() == 4326 and back_links.crs.to_epsg() == 4326
    if suffix == ".csv":
        assert len(back_links) == 0 and list(back_links.columns) == [*LINK_COLUMNS, "geometry"]
    else:
        expected_links = links_frame(links)
        pd.testing.assert_frame_equal(_table(back_links), _table(expected_links))
        assert _same_geometry(back_links.geometry, expected_links.geometry)
    assert [p.name for p in tmp_path.iterdir()] == [f"out{suffix}"]  # no temporary left


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg"])
def test_round_trip_of_nothing(tmp_path, suffix):
    back_events, back_links = read_events(write_events(tmp_path / f"none{suffix}", []))
    assert len(back_events) == 0 and len(back_links) == 0
    assert list(back_events.columns) == [*EVENT_COLUMNS, "geometry"]


def test_format_overrides_the_extension(tmp_path, events):
    path = write_events(tmp_path / "events.out", events, format="geojson")
    assert json.loads(path.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_rewriting_replaces_the_file(tmp_path, events, links, located):
    path = tmp_path / "out.gpkg"
    write_events(path, events, links)
    write_events(path, [located])
    back_events, back_links = read_events(path)
    assert back_events["event_id"].tolist() == ["evt-1"] and len(back_links) == 0


# --- GeoJSON --------------------------------------------------------------------------------

def test_geojson_features(tmp_path, events, links):
    doc = json.loads(write_events(tmp_path / "out.geojson", events, links)
                     .read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    kinds = [f["properties"]["feature_type"] for f in doc["features"]]
    assert kinds == ["event", "event", "link", "link"]
    first, second, cross, inside = doc["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [42.44, 33.8]}
    assert list(first["properties"])[1:] == list(EVENT_COLUMNS)
    assert first["properties"]["notes"] == NOTES
    assert first["properties"]["event_date"] == "2021-07-07"
    assert first["properties"]["sentence_spans"] == "0-52;53-120"
    assert second["geometry"] is None
    assert second["properties"]["unresolved_reason"] == "no place named in the sentence"
    assert second["properties"]["latitude"] is None and second["properties"]["iso"] is None
    assert cross["geometry"] == {"type": "LineString",
                                 "coordinates": [[40.45, 35.02], [42.44, 33.8]]}
    assert list(cross["properties"])[1:] == list(LINK_COLUMNS)
    assert cross["properties"]["cross_border"] is True
    assert inside["properties"]["cross_border"] is False
    assert (cross["properties"]["from_country_code"],
            cross["properties"]["to_country_code"]) == ("SY", "IQ")


def test_geojson_keeps_text_verbatim_and_writes_no_nan(tmp_path, located):
    odd = Event(**{**{f: getattr(located, f) for f in located.__slots__},
                   "origin_latitude": float("nan")})
    path = write_events(tmp_path / "out.geojson", [odd])
    raw = path.read_text(encoding="utf-8")
    assert "<b>base</b>" in raw and "الأنبار" in raw and "NaN" not in raw
    (feature,) = json.loads(raw)["features"]
    assert feature["properties"]["origin_latitude"] is None


# --- CSV ------------------------------------------------------------------------------------

def test_csv_header_starts_with_acled_columns(tmp_path, events, links, caplog):
    with caplog.at_level(logging.WARNING, logger="conflictmap.output"):
        path = write_events(tmp_path / "out.csv", events, links)
    assert "2 links not written" in caplog.text
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0][:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert len(rows) == 3
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["notes"] == NOTES and record["latitude"] == "33.8"
    unresolved = dict(zip(rows[0], rows[2], strict=True))
    assert unresolved["latitude"] == "" and unresolved["event_date"] == ""


# --- GeoPackage -----------------------------------------------------------------------------

@pytest.mark.parametrize("with_links", [True, False])
def test_geopackage_has_both_layers_in_wgs84(tmp_path, events, links, with_links):
    import pyogrio

    path = write_events(tmp_path / "out.gpkg", events, links if with_links else ())
    layers = {str(name): str(kind) for name, kind in pyogrio.list_layers(path)}
    assert layers == {"events": "Point", "links": "LineString"}
    for layer in layers:
        assert pyogrio.read_info(path, layer=layer)["crs"] == "EPSG:4326"
    assert pyogrio.read_info(path, layer="links")["features"] == (2 if with_links else 0)


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["out.txt", "out"])
def test_unknown_extension_names_it_and_the_supported_ones(tmp_path, events, name):
    with pytest.raises(BadInput) as info:
        write_events(tmp_path / name, events)
    assert (tmp_path / name).suffix in str(info.value) or "(none)" in str(info.value)
    assert ".geojson" in str(info.value) and ".gpkg" in str(info.value)
    with pytest.raises(BadInput, match="unknown extension"):
        read_events(tmp_path / name)


def test_unknown_format_is_bad_input(tmp_path, events):
    with pytest.raises(BadInput, match="'shp'"):
        write_events(tmp_path / "out.csv", events, format="shp")


def test_missing_folders_are_created(tmp_path, events):
    target = tmp_path / "new" / "deeper" / "out.geojson"
    assert write_events(target, events) == target
    assert read_events(target)[0]["event_id"].tolist() == [e.event_id for e in events]


@pytest.mark.parametrize("name", ["out.geojson", "out.csv", "out.gpkg"])
def test_unwritable_path_is_bad_input(tmp_path, events, name):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(BadInput, match="cannot write"):
        write_events(tmp_path / "a-file" / name, events)


@pytest.mark.parametrize("name, content, message", [
    ("a.geojson", '{"type": "FeatureCollection",\n "features": [', ":2: not JSON"),
    ("b.geojson", '{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
    ("c.csv", "event_id,notes\ne1,x\n", "no latitude or longitude column"),
    ("e.gpkg", "not a geopackage", "cannot read as a GeoPackage"),
])
def test_read_events_says_what_is_wrong(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BadInput, match=message) as info:
        read_events(path)
    assert str(path) in str(info.value)


def test_read_events_missing_file(tmp_path):
    with pytest.raises(BadInput, match="no such file"):
        read_events(tmp_path / "absent.geojson")


def test_geojson_without_feature_type_is_split_by_geometry(tmp_path):
    path = tmp_path / "foreign.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.4, 33.3]},
         "properties": {"event_id": "x", "fatalities": 3, "extra": "kept"}},
        {"type": "Feature", "geometry": {"type": "LineString",
                                         "coordinates": [[44.4, 33.3], [45.0, 34.0]]},
         "properties": {"link_id": "y"}},
    ]}), encoding="utf-8")
    back_events, back_links = read_events(path)
    assert back_events["event_id"].tolist() == ["x"]
    assert back_events["fatalities"].tolist() == [3]
    assert list(back_events.columns)[-2:] == ["extra", "geometry"]
    assert back_links["link_id"].tolist() == ["y"]
    assert back_links["cross_border"].tolist() == [False]


def test_unwritable_geopackage_names_the_real_path(tmp_path, events):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    target = tmp_path / "a-file" / "out.gpkg"
    with pytest.raises(BadInput, match="cannot write") as info:
        write_events(target, events)
    assert str(info.value).startswith(f"{target}: ")


# --- bad values: repaired with the record named, never the whole file lost -------------------

@pytest.mark.parametrize("column, value", [
    ("fatalities", "-3"), ("fatalities", "inf"), ("fatalities", "many"),
    ("fatalities", "2.5"), ("injuries", "1e30"), ("latitude", "nan"), ("latitude", "91"),
    ("longitude", "-200"), ("event_date", "1024-03-06"), ("event_date", "2022-13-45"),
])
def test_a_bad_value_in_an_events_csv_costs_only_that_value(tmp_path, caplog, column, value):
    rows = [{"event_id": "good", "event_date": "2022-03-01", "latitude": "33.3",
             "longitude": "44.4", "fatalities": "2", "injuries": "1"},
            {"event_id": "bad", "event_date": "2022-03-02", "latitude": "34.0",
             "longitude": "43.0", "fatalities": "0", "injuries": "0"}]
    rows[1][column] = value
    path = tmp_path / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        events, _ = read_events(path)
    assert events["event_id"].tolist() == ["good", "bad"]
    good = events.iloc[0]
    assert (good["fatalities"], good["latitude"], good.geometry) == (2, 33.3, Point(44.4, 33.3))
    assert pd.isna(events.iloc[1][column])
    assert f"record 2: {column} {value!r}" in caplog.text
    if column in ("latitude", "longitude"):
        assert events.iloc[1].geometry is None  # left without a place, not a bad marker


def test_geojson_points_out_of_range_lose_their_place_only(tmp_path, caplog):
    path = tmp_path / "events.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.4, 33.3]},
         "properties": {"event_id": "good"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.4, 123.0]},
         "properties": {"event_id": "far"}},
    ]}), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        events, _ = read_events(path)
    assert events["event_id"].tolist() == ["good", "far"]
    assert events.geometry.tolist() == [Point(44.4, 33.3), None]
    assert "record 2: coordinates" in caplog.text


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x.example\",\"click\")", "+1+2",
                                  "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path, located, text):
    event = dataclasses.replace(located, notes=text, actor1=text)
    path = write_events(tmp_path / "out.csv", [event])
    with path.open(encoding="utf-8", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["notes"] == "'" + text and row["actor1"] == "'" + text
    assert row["longitude"] == "42.44"
    back, _ = read_events(path)
    assert back["notes"].tolist() == [text]  # read back as written


def test_negative_numbers_are_not_neutralised(tmp_path, located):
    event = dataclasses.replace(located, latitude=-33.9, longitude=-70.6, notes="-12")
    with write_events(tmp_path / "out.csv", [event]).open(encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    assert (row["latitude"], row["longitude"], row["notes"]) == ("-33.9", "-70.6", "-12")
