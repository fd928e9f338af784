"""Gazetteer and geoparse benchmarks, run by hand: ``make bench``.

Measures, each in a fresh process where it matters:
- first build of the default gazetteer (into a temporary cache directory);
- warm start: a new process opening the built cache up to its first answer;
- resident memory after the warm start and a geoparse;
- lookup time (median over many names);
- geoparse of a 4 KB article (median);
- geoparse of a 10 MB text (time per MB, to see that it is linear).
Targets: warm start < 1 s, memory < 500 MB, lookup median < 50 µs, 4 KB geoparse < 5 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))

_WARM = """
import time, resource
t0 = time.perf_counter()
from conflictmap.gazetteer import Gazetteer
g = Gazetteer.default()
g.lookup("Baghdad")
t1 = time.perf_counter()
from conflictmap.resolve import geoparse
geoparse(open({sample!r}, encoding="utf-8").read(), gazetteer=g)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(t1 - t0, rss)
"""


def _run(code: str, cache: Path) -> str:
    env = dict(os.environ, CONFLICTMAP_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-c", code], env=env, check=True,
                          capture_output=True, text=True).stdout


def _article_4kb() -> str:
    text = ""
    for path in SAMPLES:
        text += path.read_text(encoding="utf-8") + "\n\n"
        if len(text) >= 4096:
            break
    return text[:4096]


def _median_ms(run, repeat: int = 100) -> float:
    """Median wall time of *run* in milliseconds, after one warm-up call."""
    run()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, help="reuse this cache instead of building")
    parser.add_argument("--big-mb", type=int, default=10)
    args = parser.parse_args()
    results: dict[str, float] = {}

    cache = args.cache_dir or Path(tempfile.mkdtemp(prefix="cm-bench-"))
    if not args.cache_dir:
        t = time.perf_counter()
        _run("from conflictmap.gazetteer import Gazetteer; Gazetteer.default()", cache)
        results["first_build_s"] = time.perf_counter() - t

    warm = []
    for _ in range(5):
        t = time.perf_counter()
        first_answer, rss = map(float, _run(_WARM.format(sample=str(SAMPLES[0])), cache).split())
        warm.append((first_answer, time.perf_counter() - t, rss))
    results["warm_start_to_first_answer_s_median"] = statistics.median(w[0] for w in warm)
    results["warm_process_total_s_median"] = statistics.median(w[1] for w in warm)
    results["max_rss_mb"] = max(w[2] for w in warm)

    os.environ["CONFLICTMAP_CACHE_DIR"] = str(cache)
    from conflictmap.gazetteer import Gazetteer
    from conflictmap.resolve import geoparse

    gaz = Gazetteer.default()
    names = ["Baghdad", "Anbar", "Ain al-Assad", "Al Mayadin", "Damascus", "Hit", "Tripoli",
             "Homs", "Deir ez-Zor", "Abu Kamal", "Kirkuk", "Mosul", "Raqqa", "Erbil", "Aleppo",
             "Springfield", "San Jose", "Paris", "Omar oil field", "Nowhere Such Place"]
    for name in names:  # first touch fills the place cache, as in real use
        gaz.lookup(name)
    times = []
    for _ in range(200):
        for name in names:
            t = time.perf_counter_ns()
            gaz.lookup(name)
            times.append(time.perf_counter_ns() - t)
    results["lookup_median_us"] = statistics.median(times) / 1000
    results["lookup_p95_us"] = sorted(times)[int(len(times) * 0.95)] / 1000

    article = _article_4kb()
    results["geoparse_4kb_median_ms"] = _median_ms(lambda: geoparse(article, gazetteer=gaz))
    results["geoparse_4kb_mentions"] = len(geoparse(article, gazetteer=gaz))
    seed = ROOT.parent / "shared" / "seed" / "afp-2021-07-07-iraq-syria.txt"
    if seed.exists():
        text = seed.read_text(encoding="utf-8")
        results["geoparse_seed_3.4kb_median_ms"] = _median_ms(
            lambda: geoparse(text, gazetteer=gaz))

    body = "\n\n".join(p.read_text(encoding="utf-8") for p in SAMPLES)
    for mb in (1, args.big_mb):
        big = (body * (mb * 2**20 // len(body) + 1))[: mb * 2**20]
        t = time.perf_counter()
        geoparse(big, gazetteer=gaz)
        results[f"geoparse_{mb}mb_s"] = time.perf_counter() - t
    print(json.dumps({k: round(v, 3) for k, v in results.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
