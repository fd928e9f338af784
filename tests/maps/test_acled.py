"""Reading ACLED exports: columns, dates, and rows with bad values named by file and line."""
from __future__ import annotations

import logging

import pytest

from conflictmap.exceptions import BadInput
from conflictmap.maps import make_map, read_acled

from .pages import view_config

HEADER = "event_date,event_type,sub_event_type,latitude,longitude,fatalities,notes\n"


def _html(fmap) -> str:
    return fmap.get_root().render()


def test_acled_export(tmp_path):
    from benchmarks.synthetic import write_acled_like

    frame = read_acled(write_acled_like(tmp_path / "acled.csv", 200))
    assert len(frame) == 200 and frame.crs.to_epsg() == 4326
    assert set(frame["category"]) <= {"attack", "strike", "interception", "clash", "other"}
    assert "Strikes" in _html(make_map(frame))


def test_acled_missing_columns_are_listed(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("event_date,event_type,lat\n2024-01-01,Battles,33\n", encoding="utf-8")
    with pytest.raises(BadInput, match="missing column.*sub_event_type, longitude"):
        read_acled(path)


def test_acled_dates_in_acled_style(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("event_date,event_type,sub_event_type,latitude,longitude,fatalities\n"
                    "07 July 2021,Battles,Armed clash,33,44,3\n", encoding="utf-8")
    frame = read_acled(path)
    assert str(frame["event_date"].iloc[0])[:10] == "2021-07-07"


def test_a_bad_date_names_its_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + '2024-01-01,Battles,Armed clash,33,44,0,"two\nlines"\n'
                    "someday,Battles,Armed clash,33,44,0,x\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"bad.csv:4: event_date 'someday' is not a date"):
        read_acled(path)


@pytest.mark.parametrize(("latitude", "longitude"), [
    ("133", "44"), ("33", "-181"), ("nan", "44"), ("inf", "44"), ("33", "-inf"), ("", ""),
    ("north", "44"),
])
def test_bad_coordinates_leave_the_event_without_a_place(tmp_path, caplog, latitude,
                                                          longitude):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "2024-01-01,Battles,Armed clash,33,44,1,ok\n"
                    f"2024-01-02,Battles,Armed clash,{latitude},{longitude},2,bad\n",
                    encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="conflictmap.maps"):
        frame = read_acled(path)
    assert len(frame) == 2
    assert frame.geometry.iloc[0] is not None and frame.geometry.iloc[1] is None
    assert frame["fatalities"].tolist() == [1, 2]
    assert f"bad.csv:3: coordinates out of range or not numbers: latitude {latitude!r}" \
        in caplog.text
    assert view_config(make_map(frame))["unlocated"] == 1


@pytest.mark.parametrize("fatalities", ["-3", "inf", "-inf", "nan", "many"])
def test_bad_fatalities_are_read_as_zero(tmp_path, caplog, fatalities):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "2024-01-01,Battles,Armed clash,33,44,,empty is 0\n"
                    f'2024-01-02,Battles,Armed clash,33,44,{fatalities},"a\nb"\n',
                    encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="conflictmap.maps"):
        frame = read_acled(path)
    assert frame["fatalities"].tolist() == [0, 0]
    assert f"bad.csv:3: fatalities {fatalities!r} is not a count; read as 0" in caplog.text
    assert caplog.text.count("bad.csv") == 1  # the empty cell is not a warning


def test_many_bad_rows_are_counted_not_listed(tmp_path, caplog):
    path = tmp_path / "bad.csv"
    rows = "".join(f"2024-01-02,Battles,Armed clash,{90 + n},44,0,x\n" for n in range(1, 26))
    path.write_text(HEADER + rows, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="conflictmap.maps"):
        frame = read_acled(path)
    assert frame.geometry.isna().all()
    assert len(caplog.records) == 11 and "15 more row(s)" in caplog.records[-1].getMessage()
