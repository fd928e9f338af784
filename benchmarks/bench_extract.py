"""Extraction throughput, run by hand: ``python benchmarks/bench_extract.py [-n 3000]``.

Builds a corpus of N articles from the bundled samples (each copy gets its own id and a
shuffled paragraph order, so no two texts are the same), writes it as JSON Lines, and
times `extract_many` over it on one core, after a warm-up. Reports articles per second
and the peak resident memory of the process. Target: over 500 articles a second.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "samples")
                                                           .glob("*.txt"))]
    out = []
    for i in range(n):
        header, *paragraphs = texts[i % len(texts)].split("\n\n")
        rng.shuffle(paragraphs)
        out.append({"id": f"bench-{i}", "text": "\n\n".join([header, *paragraphs])})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3000, help="articles in the corpus")
    args = parser.parse_args()

    from conflictmap.article import read_articles
    from conflictmap.extract import extract_many
    from conflictmap.gazetteer import Gazetteer

    records = corpus(args.n)
    path = Path(tempfile.mkdtemp(prefix="cm-bench-")) / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    size_mb = path.stat().st_size / 2**20
    gaz = Gazetteer.default()
    extract_many(read_articles(path), gazetteer=gaz)  # warm-up: caches filled
    started = time.perf_counter()
    result = extract_many(read_articles(path), gazetteer=gaz)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "articles": result.articles, "corpus_mb": round(size_mb, 2),
        "events": len(result.events), "links": len(result.links),
        "failures": len(result.failures), "seconds": round(elapsed, 2),
        "articles_per_second": round(result.articles / elapsed, 1),
        "peak_rss_mb": round(peak, 1),
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
