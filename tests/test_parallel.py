"""Extraction on every core and on a Dask cluster: the same events, in the same order, as
one process; and output written as the run goes."""
from __future__ import annotations

import json
import socket

import pytest

from conflictmap.article import read_articles
from conflictmap.cli import main
from conflictmap.extract import extract_many
from conflictmap.output import EventWriter, read_events, write_events
from conflictmap.parallel import extract_stream

from .conftest import ROOT

SAMPLES = ROOT / "data" / "samples"


@pytest.fixture
def loopback_only(monkeypatch):
    """A local Dask cluster talks over 127.0.0.1; anything else is still refused."""
    monkeypatch.undo()  # conftest's guard refuses every address
    connect, create_connection = socket.socket.connect, socket.create_connection

    def local(address) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise AssertionError(f"a test tried to use the network ({host})")

    def guarded_connect(self, address, *args, **kwargs):
        local(address)
        return connect(self, address, *args, **kwargs)

    def guarded_create(address, *args, **kwargs):
        local(address)
        return create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", guarded_create)


@pytest.fixture(scope="module")
def articles():
    return list(read_articles(sorted(SAMPLES.glob("*.txt"))))


@pytest.fixture(scope="module")
def one_process(articles, gazetteer):
    return extract_many(articles, gazetteer=gazetteer)


def test_two_workers_give_the_same_events_in_the_same_order(articles, gazetteer, one_process):
    two = extract_many(articles, gazetteer=gazetteer, workers=2)
    assert two.events == one_process.events and two.links == one_process.links
    assert two.articles == len(articles) and not two.failures


def test_the_stream_yields_each_article_in_order(articles, gazetteer):
    found = list(extract_stream(articles, gazetteer=gazetteer, workers=2))
    assert len(found) == len(articles)
    for article, extraction in zip(articles, found, strict=True):
        assert all(e.article_id == article.id for e in extraction.events)


def test_a_failing_article_costs_only_itself(articles, gazetteer, monkeypatch):
    import conflictmap.parallel as parallel

    real = parallel.extract_events

    def flaky(article, **kwargs):
        if article.id == articles[1].id:
            raise RuntimeError("boom")
        return real(article, **kwargs)

    monkeypatch.setattr(parallel, "extract_events", flaky)
    result = extract_many(articles[:3], gazetteer=gazetteer)
    assert result.articles == 3 and len(result.failures) == 1
    assert "RuntimeError: boom" in result.failures[0][1]
    assert {e.article_id for e in result.events} <= {articles[0].id, articles[2].id}


def test_online_lookups_stay_in_one_process(articles, gazetteer):
    class Online:
        geocoder = object()

    with pytest.raises(ValueError, match="one worker"):
        list(extract_stream(articles, gazetteer=Online(), workers=2))


def test_cli_workers_write_the_same_file(tmp_path, gazetteer):
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.geojson"
        assert main(["extract", str(SAMPLES), "-o", str(out), "--no-progress",
                     "--workers", workers]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_cli_refuses_online_with_workers_before_any_work(tmp_path):
    out = tmp_path / "e.geojson"
    assert main(["extract", str(SAMPLES), "-o", str(out), "--workers", "2",
                 "--online", "nominatim"]) == 2
    assert not out.exists()


def test_cli_dask_local_cluster_writes_the_same_file(tmp_path, gazetteer, loopback_only):
    single, on_dask = tmp_path / "one.geojson", tmp_path / "dask.geojson"
    assert main(["extract", str(SAMPLES), "-o", str(single), "--no-progress"]) == 0
    assert main(["extract", str(SAMPLES), "-o", str(on_dask), "--no-progress",
                 "--dask", "local"]) == 0
    assert single.read_bytes() == on_dask.read_bytes()


def test_dask_bag_and_dataframe_give_a_geodataframe(articles, gazetteer, one_process,
                                                   loopback_only):
    import dask.bag as db
    import dask.dataframe as dd
    import dask_geopandas
    import pandas as pd
    from distributed import Client, LocalCluster

    from conflictmap.parallel import extract_bag, extract_dataframe

    records = [{"id": a.id, "text": a.text, "date": a.published} for a in articles]
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster):
        frame = extract_bag(db.from_sequence(records, npartitions=4), gazetteer=gazetteer)
        assert isinstance(frame, dask_geopandas.GeoDataFrame)
        events = frame.compute()
        texts = dd.from_pandas(pd.DataFrame(records).rename(columns={"text": "body"}),
                               npartitions=3)
        events_df = extract_dataframe(texts, text_column="body", gazetteer=gazetteer).compute()
    expected = [e.event_id for e in one_process.events]
    assert list(events["event_id"]) == expected
    assert list(events_df["event_id"]) == expected
    assert events.crs == "EPSG:4326" and events.geometry.notna().sum() == sum(
        e.located for e in one_process.events)


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg"])
def test_the_writer_streams_and_reads_back(tmp_path, one_process, suffix, monkeypatch):
    monkeypatch.setattr(EventWriter, "BATCH", 7)  # several GeoPackage batches
    streamed, whole = tmp_path / f"s{suffix}", tmp_path / f"w{suffix}"
    with EventWriter(streamed) as writer:
        for event in one_process.events:
            writer.write([event])
            assert not streamed.exists()  # the file appears whole, at the end
        writer.write([], one_process.links)
    assert writer.events_written == len(one_process.events)
    write_events(whole, one_process.events, one_process.links)
    got, want = read_events(streamed), read_events(whole)
    assert list(got[0]["event_id"]) == list(want[0]["event_id"])
    assert len(got[1]) == len(want[1])


def test_a_writer_that_fails_leaves_no_file(tmp_path, one_process):
    out = tmp_path / "e.geojson"
    with pytest.raises(RuntimeError), EventWriter(out) as writer:
        writer.write(one_process.events[:2])
        raise RuntimeError("interrupted")
    assert not out.exists() and not list(tmp_path.iterdir())


def test_geojson_stream_is_one_document(tmp_path, one_process):
    out = tmp_path / "e.geojson"
    with EventWriter(out) as writer:
        writer.write(one_process.events[:3], one_process.links[:1])
        writer.write(one_process.events[3:5])
    document = json.loads(out.read_text(encoding="utf-8"))
    kinds = [f["properties"]["feature_type"] for f in document["features"]]
    assert kinds.count("event") == 5 and kinds.count("link") == 1
