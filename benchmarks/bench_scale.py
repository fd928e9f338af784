"""Speed and scale on real news text, run by hand (issue 11's figures, side by side):

    python benchmarks/bench_scale.py --xml ../shared/dev/gritta/lgl.xml \\
        ../shared/dev/gritta/GWN.xml --csv ../shared/dev/acled_2022H1_dev.csv

The texts are read from the files given (article texts of XML corpora with <text>
elements, the ``notes`` column of CSV files) and never stored. It reports, as JSON, the
median of ``--repeat`` runs:

- ``one_core``: extraction in articles/s on one core, for the texts packed into articles
  of about 2 KB, and geotext's time on the same texts (a regex city spotter with no
  resolution; ``pip install geotext`` to compare, it is no dependency of ours);
- ``workers``: ``conflictmap extract --workers 2`` against ``--workers 1`` on the same
  articles (fresh commands, as a user runs them), and whether they wrote the same file;
- ``linear``: one article of about 1 MB against the same text cut into 2 KB articles;
- ``stream``: ``conflictmap extract`` over a generated JSON Lines corpus of ``--stream-mb``
  MB, its wall time and peak memory (a child process), and whether events reached the
  output before the end;
- ``start``: ``import conflictmap`` and a first extraction in a fresh interpreter (warm
  cache), and the first gazetteer build into an empty cache folder (each run its own).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def texts_of(xml_paths: list[Path], csv_paths: list[Path]) -> list[str]:
    texts = []
    for path in xml_paths:
        texts += [(el.text or "").strip() for el in ET.parse(path).getroot().iter("text")]
    for path in csv_paths:
        with path.open(encoding="utf-8", newline="") as fh:
            texts += [row.get("notes", "").strip() for row in csv.DictReader(fh)]
    return [t for t in texts if t]


def packed(texts: list[str], size: int) -> list[str]:
    """Texts joined (in order) into articles of about *size* characters; longer texts are
    cut at a sentence end near *size*."""
    out, current = [], ""
    for text in texts:
        while len(text) > size:
            cut = text.rfind(". ", 0, size) + 1 or size
            out.append(text[:cut])
            text = text[cut:].lstrip()
        if current and len(current) + len(text) > size:
            out.append(current)
            current = ""
        current = f"{current}\n\n{text}" if current else text
    if current:
        out.append(current)
    return out


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def one_core(articles: list[str], gazetteer, repeat: int) -> dict:
    from conflictmap import extract_events

    def run():
        for n, text in enumerate(articles):
            extract_events(text, published="2022-01-01", gazetteer=gazetteer,
                           article_id=f"a{n}")

    run()  # warm-up
    seconds = timed(run, repeat)
    out = {"articles": len(articles), "mean_chars": round(statistics.mean(map(len, articles))),
           "seconds": round(seconds, 2), "articles_per_second": round(len(articles) / seconds)}
    try:
        from geotext import GeoText
    except ImportError:
        out["geotext"] = "not installed (pip install geotext)"
        return out
    geo = timed(lambda: [GeoText(t).cities for t in articles], repeat)
    out["geotext_seconds"] = round(geo, 3)
    out["times_geotext"] = round(seconds / geo, 1)
    return out


def workers(articles: list[str], cache: Path, repeat: int) -> dict:
    """``conflictmap extract --workers 1`` against ``--workers 2`` on the same JSON Lines,
    each a fresh command, as a user runs them."""
    folder = Path(tempfile.mkdtemp(prefix="cm-workers-"))
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{n}", "date": "2022-01-01", "text": t})
                              + "\n" for n, t in enumerate(articles)), encoding="utf-8")

    def run(n: int) -> bytes:
        out = folder / f"w{n}.csv"
        subprocess.run([PYTHON, "-m", "conflictmap", "--cache-dir", str(cache), "extract",
                        str(corpus), "-o", str(out), "--no-progress", "--workers", str(n)],
                       check=True, capture_output=True)
        return out.read_bytes()

    one = timed(lambda: run(1), repeat)
    two = timed(lambda: run(2), repeat)
    return {"articles": len(articles), "cores": os.cpu_count(), "one_worker_s": round(one, 2),
            "two_workers_s": round(two, 2), "speedup": round(one / two, 2),
            "same_output": run(1) == run(2)}


def linear(texts: list[str], gazetteer, repeat: int, size: int = 1_000_000) -> dict:
    from conflictmap import extract_events

    big = "\n\n".join(texts)[:size]
    chunks = packed([big], 2000)
    whole = timed(lambda: extract_events(big, published="2022-01-01", gazetteer=gazetteer),
                  repeat)
    parts = timed(lambda: [extract_events(c, published="2022-01-01", gazetteer=gazetteer)
                           for c in chunks], repeat)
    return {"chars": len(big), "one_article_s": round(whole, 2),
            "as_2kb_articles_s": round(parts, 2), "ratio": round(whole / parts, 2)}


def stream(texts: list[str], megabytes: float, cache: Path) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="cm-scale-"))
    corpus, out = folder / "corpus.jsonl", folder / "events.csv"
    rng = random.Random(3)
    written = 0
    with corpus.open("w", encoding="utf-8") as fh:
        n = 0
        while written < megabytes * 2**20:
            line = json.dumps({"id": f"s{n}", "date": "2022-01-01",
                               "text": "\n\n".join(rng.sample(texts, 3))}) + "\n"
            fh.write(line)
            written += len(line.encode())
            n += 1
    seen_early = threading.Event()
    part = out.with_name(f".{out.stem}.part{out.suffix}")
    command = [PYTHON, "-m", "conflictmap", "--cache-dir", str(cache), "extract", str(corpus),
               "-o", str(out), "--no-progress"]
    started = time.perf_counter()
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)

    peak = [0]

    def watch():
        # The child's own high-water mark (the kernel's VmHWM), read until it ends: the
        # peak of this child alone, whatever other children this process ran before.
        status = Path(f"/proc/{child.pid}/status")
        while child.poll() is None:
            if part.exists() and part.stat().st_size > 4096:
                seen_early.set()
            try:
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak[0] = max(peak[0], int(line.split()[1]))
            except OSError:
                pass
            time.sleep(0.2)

    threading.Thread(target=watch, daemon=True).start()
    _, err = child.communicate()
    seconds = time.perf_counter() - started
    return {"corpus_mb": round(written / 2**20, 1), "articles": n, "seconds": round(seconds, 1),
            "articles_per_second": round(n / seconds), "peak_rss_mib": round(peak[0] / 1024),
            "events_written_during_run": seen_early.is_set(), "exit": child.returncode,
            "summary": err.strip().splitlines()[-1] if err.strip() else ""}


def start(cache: Path, repeat: int) -> dict:
    code = ("import time; t=time.perf_counter(); import conflictmap as cm; "
            "cm.extract_events('Rockets hit a base near Baghdad on Monday.', "
            "published='2022-01-01'); print(time.perf_counter()-t)")
    env = {**os.environ, "CONFLICTMAP_CACHE_DIR": str(cache)}
    runs = [float(subprocess.run([PYTHON, "-c", code], env=env, capture_output=True, text=True,
                                 check=True).stdout) for _ in range(repeat)]
    builds = []
    for _ in range(repeat):  # each into an empty cache folder, as on a fresh machine
        empty = Path(tempfile.mkdtemp(prefix="cm-build-"))
        started = time.perf_counter()
        subprocess.run([PYTHON, "-m", "conflictmap", "--cache-dir", str(empty), "gazetteer",
                        "build"], capture_output=True, check=True)
        builds.append(time.perf_counter() - started)
        shutil.rmtree(empty, ignore_errors=True)
    return {"import_and_first_extraction_s": round(statistics.median(runs), 2),
            "first_build_s": round(statistics.median(builds), 1),
            "first_build_runs_s": [round(b, 1) for b in builds]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xml", nargs="*", type=Path, default=[], help="XML corpora")
    parser.add_argument("--csv", nargs="*", type=Path, default=[],
                        help="CSV files with a notes column")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--stream-mb", type=float, default=50.0)
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=("one_core", "workers", "linear", "stream", "start"))
    args = parser.parse_args()
    if not args.xml and not args.csv:
        parser.error("give real news text: --xml and/or --csv files")

    from conflictmap.gazetteer import Gazetteer
    from conflictmap.gazetteer.core import default_cache_dir

    texts = texts_of(args.xml, args.csv)
    articles = packed(texts, 2000)
    gazetteer = Gazetteer.default()
    cache = default_cache_dir()
    report = {"texts": len(texts), "chars": sum(map(len, texts))}
    steps = {"one_core": lambda: one_core(articles, gazetteer, args.repeat),
             "workers": lambda: workers(articles, cache, args.repeat),
             "linear": lambda: linear(texts, gazetteer, args.repeat),
             "stream": lambda: stream(texts, args.stream_mb, cache),
             "start": lambda: start(cache, args.repeat)}
    for name, step in steps.items():
        if name not in args.skip:
            report[name] = step()
            print(json.dumps({name: report[name]}), file=sys.stderr, flush=True)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
