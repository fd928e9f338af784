"""Extraction over many articles: in this process, on every core, or on a Dask cluster.

`extract_stream` yields each article's `Extraction` in input order as soon as it is done,
so that a caller writes events while the run goes on and holds only a window of articles
in memory. With ``workers=N`` the articles go to N processes; with ``dask=`` to the
workers of a Dask cluster (``"local"`` starts a `LocalCluster` on this machine). Each
worker opens the gazetteer's cache files once and keeps them for all its articles.

For corpora already in Dask, `extract_bag` maps extraction over a `dask.bag` of articles
and `extract_dataframe` over the partitions of a Dask DataFrame with a text column; both
return a dask-geopandas GeoDataFrame of events.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from conflictmap.article import Article
from conflictmap.extract import Extraction, extract_events
from conflictmap.gazetteer import Gazetteer

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import dask_geopandas

__all__ = ["dask_client", "extract_bag", "extract_dataframe", "extract_stream"]

log = logging.getLogger(__name__)

# Articles handed out at a time: enough to keep every worker busy, few enough that a
# corpus of any size is never in memory at once.
_WINDOW_PER_WORKER = 256


def extract_stream(articles: Iterable[Article], *, gazetteer: Gazetteer | None = None,
                   workers: int = 1, dask: Any = None) -> Iterator[Extraction]:
    """Each article's events and links, in input order, as they are done.

    An article that fails gives an `Extraction` without events whose ``failures`` names
    it; the others go on.

    Parameters
    ----------
    workers
        Processes to extract in (1: this one). The events are the same, in the same
        order, whatever the number.
    dask
        A `distributed.Client`, a scheduler address (``"tcp://host:8786"``) or
        ``"local"``: extract on that cluster's workers instead.
    """
    gaz = gazetteer or Gazetteer.default()
    if dask is not None:
        yield from _on_dask(articles, gaz, dask)
    elif workers <= 1:
        for article in articles:
            yield _extract_one(article, gaz)
    else:
        yield from _on_processes(articles, gaz, workers)


def _extract_one(article: Article, gazetteer: Gazetteer) -> Extraction:
    try:
        return extract_events(article, gazetteer=gazetteer)
    except Exception as err:  # one bad article must not stop thousands
        log.error("%s: extraction failed: %s", article.id, err,
                  exc_info=log.isEnabledFor(logging.DEBUG))
        return Extraction((), (), articles=1, failures=(
            (article.source_path or article.id, f"{type(err).__name__}: {err}"),))


def _windows(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    window: list[Article] = []
    for article in articles:
        window.append(article)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


# -- every core ------------------------------------------------------------------------------

_WORKER_GAZETTEER: Gazetteer | None = None


def _start_worker(gazetteer: Gazetteer) -> None:
    global _WORKER_GAZETTEER
    _WORKER_GAZETTEER = gazetteer


def _in_worker(article: Article) -> Extraction:
    assert _WORKER_GAZETTEER is not None
    return _extract_one(article, _WORKER_GAZETTEER)


def _on_processes(articles: Iterable[Article], gazetteer: Gazetteer,
                  workers: int) -> Iterator[Extraction]:
    import multiprocessing

    _check_offline(gazetteer)
    size = workers * _WINDOW_PER_WORKER
    with multiprocessing.get_context().Pool(workers, initializer=_start_worker,
                                            initargs=(gazetteer,)) as pool:
        pending = None  # one window in flight while the next is read
        for window in _windows(articles, size):
            submitted = pool.map_async(_in_worker, window, chunksize=32)
            if pending is not None:
                yield from pending.get()
            pending = submitted
        if pending is not None:
            yield from pending.get()


def _check_offline(gazetteer: Gazetteer) -> None:
    if gazetteer.geocoder is not None:
        raise ValueError("online look-ups are made from one process (the service allows one "
                         "request a second): use one worker with an online gazetteer")


# -- Dask ------------------------------------------------------------------------------------

def dask_client(address: Any):
    """A `distributed.Client`: *address* itself if it is one, a new `LocalCluster` on this
    machine for ``"local"`` (a process a core, one thread each), else the scheduler at
    that address."""
    from distributed import Client, LocalCluster

    if isinstance(address, Client):
        return address
    for name in ("distributed", "bokeh", "tornado"):
        # The cluster's own chatter ("Scheduler at ...") is for debugging it, not for us.
        if logging.getLogger(name).getEffectiveLevel() < logging.WARNING:
            logging.getLogger(name).setLevel(logging.WARNING)
    if address == "local":
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        return Client(cluster)
    return Client(address)


def _on_dask(articles: Iterable[Article], gazetteer: Gazetteer,
             address: Any) -> Iterator[Extraction]:
    _check_offline(gazetteer)
    client = dask_client(address)
    owned = client is not address
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        gaz = client.scatter(gazetteer, broadcast=True)
        pending = None
        for window in _windows(articles, workers * _WINDOW_PER_WORKER):
            futures = client.map(_extract_batch, _batches(window, 16), gazetteer=gaz,
                                 pure=False)
            if pending is not None:
                for batch in client.gather(pending):
                    yield from batch
            pending = futures
        if pending is not None:
            for batch in client.gather(pending):
                yield from batch
    finally:
        if owned:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()


def _batches(window: list[Article], size: int) -> list[list[Article]]:
    return [window[i:i + size] for i in range(0, len(window), size)]


def _extract_batch(articles: list[Article], gazetteer: Gazetteer) -> list[Extraction]:
    return [_extract_one(article, gazetteer) for article in articles]


def extract_bag(bag: dask.bag.Bag, *, gazetteer: Gazetteer | None = None
                ) -> dask_geopandas.GeoDataFrame:
    """The events of a `dask.bag` of articles, as a dask-geopandas GeoDataFrame (one
    partition per partition of the bag; compute it, or write it with ``to_parquet``).

    Items are `Article` objects, texts, or records with a ``text`` and optional ``id``,
    ``date``, ``title``, ``url`` and ``source``.
    """
    import dask
    import dask.dataframe as dd

    gaz = gazetteer or Gazetteer.default()
    _check_offline(gaz)
    parts = [dask.delayed(_bag_partition)(part, gaz) for part in bag.to_delayed()]
    return dd.from_delayed(parts, meta=_meta(), verify_meta=False)


def extract_dataframe(frame: dask.dataframe.DataFrame, *, text_column: str = "text",
                      gazetteer: Gazetteer | None = None) -> dask_geopandas.GeoDataFrame:
    """The events of the articles in a Dask DataFrame with a text column (and optional
    ``id``, ``date``, ``title``, ``url``, ``source`` columns), as a dask-geopandas
    GeoDataFrame, partition by partition."""
    gaz = gazetteer or Gazetteer.default()
    _check_offline(gaz)
    if text_column not in frame.columns:
        raise ValueError(f"no column {text_column!r}; the columns are {list(frame.columns)}")
    return frame.map_partitions(_frame_partition, text_column, gaz, meta=_meta())


def _meta():
    from conflictmap.output import events_frame

    return events_frame([])


def _bag_partition(items: Iterable[Any], gazetteer: Gazetteer):
    from conflictmap.output import events_frame

    events = []
    for n, item in enumerate(items):
        events += _extract_one(_as_article(item, n), gazetteer).events
    return events_frame(events)


def _frame_partition(frame, text_column: str, gazetteer: Gazetteer):
    records = frame.rename(columns={text_column: "text"}).to_dict("records")
    return _bag_partition(records, gazetteer)


def _as_article(item: Any, n: int) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article.from_text(item)  # its id is made from its text
    record = {str(k).lower(): v for k, v in dict(item).items()}
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError(f"item {n}: no text")
    date = record.get("date") or record.get("published") or None
    if hasattr(date, "date") and callable(date.date):
        date = date.date()  # a pandas Timestamp or a datetime
    return Article.from_text(text, id=str(record["id"]) if record.get("id") else None,
                             published=date,
                             title=str(record.get("title") or ""),
                             url=str(record.get("url") or ""),
                             source=str(record.get("source") or ""))
