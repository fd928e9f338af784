"""Map writing at scale, run by hand: ``python benchmarks/bench_map.py [-n 100000]``.

Generates an ACLED-shaped file of N made-up events, then times reading it and writing
the HTML map, and reports the file size. (Time to first render is measured by the
browser test, which opens the same kind of map in Chromium.)
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import write_acled_like  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000)
    args = parser.parse_args()
    from conflictmap.maps import make_map, read_acled

    folder = Path(tempfile.mkdtemp(prefix="cm-map-"))
    source = write_acled_like(folder / "acled.csv", args.n)
    started = time.perf_counter()
    events = read_acled(source)
    read = time.perf_counter() - started
    fmap = make_map(events, title=f"{args.n:,} events")
    out = folder / "map.html"
    fmap.save(str(out))
    total = time.perf_counter() - started
    print(json.dumps({"events": args.n, "read_s": round(read, 2),
                      "read_and_write_s": round(total, 2),
                      "html_mb": round(out.stat().st_size / 2**20, 1), "path": str(out)},
                     indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
