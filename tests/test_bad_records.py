"""One bad record never costs the good ones: mixed batches of good and bad records go
through `extract` to every output format and the map, and every good record arrives."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conflictmap.cli import main
from conflictmap.output import read_events

# Each good record names a different base, so its events can be told apart.
GOOD = {
    "plain": "Rockets struck the Ain al-Asad air base in Anbar on Monday, officials said.",
    "arabic": "Mortar rounds hit the Balad air base on Tuesday. قصف صاروخي على القاعدة",
    "surrogate": "A drone attacked Erbil airport on Sunday \udcff according to police.",
    "old-date": "Gunmen attacked an army checkpoint in Tikrit on Wednesday, killing two.",
    "year-one": "Two roadside bombs exploded near a patrol in Baqubah on Thursday.",
    "bad-iso": "On 2022-13-45 militants shelled positions near Kirkuk, police said.",
    "huge-count": ("A car bomb in Mosul on Friday ended up killing "
                   "100000000000000000000 people, a hoax message claimed."),
    "formula": "=HYPERLINK(\"http://x.example\") Rockets struck a base near Samarra today.",
}
DATES = {"old-date": "1024-03-06", "year-one": "0001-01-01"}
# Words of each good record's evidence sentence, to find its event on the map.
MARKERS = {"plain": "Ain al-Asad air base", "arabic": "Balad air base",
           "surrogate": "Erbil airport", "old-date": "army checkpoint in Tikrit",
           "year-one": "patrol in Baqubah", "bad-iso": "positions near Kirkuk",
           "huge-count": "car bomb in Mosul", "formula": "base near Samarra",
           "bad-byte": "Tal Afar"}


def _jsonl_line(key: str, text: str) -> bytes:
    record = {"id": key, "date": DATES.get(key, "2022-03-07"), "text": text,
              "title": f"Report {key}", "url": f"https://news.example/{key}",
              "source": "Example Wire"}
    # ensure_ascii keeps the lone surrogate as the JSON escape a real feed would carry.
    return json.dumps(record, ensure_ascii=key == "surrogate").encode("utf-8") + b"\n"


@pytest.fixture
def batch(tmp_path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    lines = [_jsonl_line(key, text) for key, text in GOOD.items() if key != "formula"]
    # An undecodable byte in one record: only that record is repaired.
    lines.append(_jsonl_line("bad-byte", "Rockets struck Tal Afar on Monday XX, police said.")
                 .replace(b"XX", b"\xff"))
    lines.append(b"{this line is not json}\n")
    lines.append(b'{"id": "nul", "text": "Gunmen attacked Haditha\x00 on Monday."}\n')
    (folder / "feed.jsonl").write_bytes(b"".join(lines))
    with (folder / "reports.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "date", "title", "text"])
        writer.writerow(["formula", "2022-03-07", "=cmd|'/C calc'!A0", GOOD["formula"]])
    (folder / "other.csv").write_text("headline,body\nA,Rockets hit Baghdad.\n",
                                      encoding="utf-8")
    return folder


def _article_ids(events) -> set[str]:
    return set(events["article_id"])


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg"])
def test_every_good_record_reaches_every_format(gazetteer, batch, tmp_path, suffix, capsys):
    out = tmp_path / "out" / f"events{suffix}"
    code = main(["extract", str(batch), "-o", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1, err  # some records failed, the rest were written
    events, _ = read_events(out)
    expected = set(GOOD) | {"bad-byte"}
    assert expected <= _article_ids(events), err
    assert not events["event_date"].isna().all()
    assert events["fatalities"].max() < 1000


def test_each_good_record_keeps_its_article_fields(gazetteer, batch, tmp_path):
    out = tmp_path / "events.geojson"
    main(["extract", str(batch), "-o", str(out), "--no-progress"])
    events, _ = read_events(out)
    plain = events[events["article_id"] == "plain"].iloc[0]
    assert plain["article_title"] == "Report plain"
    assert plain["article_url"] == "https://news.example/plain"
    assert plain["source"] == "Example Wire"
    surrogate = events[events["article_id"] == "surrogate"].iloc[0]
    surrogate["notes"].encode("utf-8")  # valid text everywhere downstream


def test_bad_records_are_named(gazetteer, batch, tmp_path, caplog):
    from conflictmap.article import ArticleReader

    reader = ArticleReader([batch])
    ids = [a.id for a in reader]
    assert set(GOOD) | {"bad-byte"} <= set(ids)
    where = dict(reader.bad)
    assert any(w.endswith("feed.jsonl:9") for w in where), reader.bad  # not JSON
    assert any(w.endswith("other.csv") for w in where), reader.bad      # no text column
    arabic = next(a for a in ArticleReader([batch]) if a.id == "arabic")
    assert "قصف صاروخي" in arabic.text  # the bad byte elsewhere did not turn it to mojibake


def test_every_good_record_reaches_the_map(gazetteer, batch, tmp_path, capsys):
    out = tmp_path / "maps" / "map.html"
    code = main(["map", str(batch), "-o", str(out), "--no-progress"])
    assert code == 1, capsys.readouterr().err
    html = out.read_text(encoding="utf-8")
    for key, words in MARKERS.items():
        assert words in html, key  # the record's evidence sentence is in a popup


def test_a_geopackage_takes_dates_and_counts_of_a_bad_batch(gazetteer, batch, tmp_path):
    """The GeoPackage driver refuses out-of-range dates and huge integers for the whole
    layer: none may reach it."""
    out = tmp_path / "events.gpkg"
    main(["extract", str(batch), "-o", str(out), "--no-progress"])
    events, _ = read_events(out)
    dates = events["event_date"].dropna()
    assert (dates.dt.year >= 1900).all() and (dates.dt.year <= 2200).all()
