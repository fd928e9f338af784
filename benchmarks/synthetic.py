"""ACLED-shaped event files of any size, made up, for map benchmarks and tests."""
from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type",
           "sub_event_type", "actor1", "actor2", "iso", "country", "admin1", "location",
           "latitude", "longitude", "geo_precision", "source", "notes", "fatalities")
# (country, iso, admin1, lat range, lon range)
_AREAS = (("Iraq", 368, "Anbar", (32.5, 34.5), (40.5, 43.5)),
          ("Iraq", 368, "Nineveh", (35.5, 36.8), (41.5, 43.5)),
          ("Syria", 760, "Deir ez-Zor", (34.5, 35.8), (39.8, 41.2)),
          ("Syria", 760, "Idlib", (35.5, 36.3), (36.2, 36.9)),
          ("Yemen", 887, "Marib", (15.2, 15.8), (45.0, 45.8)))
_TYPES = (("Explosions/Remote violence", "Shelling/artillery/missile attack",
           "Unidentified Armed Group"),
          ("Explosions/Remote violence", "Air/drone strike", "Military Forces of Turkey"),
          ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Islamic State"),
          ("Battles", "Armed clash", "Syrian Democratic Forces"),
          ("Strategic developments", "Disrupted weapons use", "Military Forces of Iraq"))


def write_acled_like(path: Path, n: int, *, seed: int = 11,
                     notes: str = "Made-up event {i} for a map test.") -> Path:
    """Write *n* made-up events in ACLED's export columns to *path*."""
    rng = random.Random(seed)
    start = dt.date(2022, 1, 1)
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for i in range(n):
            country, iso, admin1, (la, lb), (oa, ob) = rng.choice(_AREAS)
            event_type, sub, actor = rng.choice(_TYPES)
            day = start + dt.timedelta(days=rng.randrange(730))
            writer.writerow((f"SYN{i}", day.isoformat(), day.year, 1, event_type, sub, actor, "",
                             iso, country, admin1, f"Place {i % 997}",
                             round(rng.uniform(la, lb), 4), round(rng.uniform(oa, ob), 4),
                             rng.choice((1, 1, 2, 3)), "synthetic",
                             notes.format(i=i), rng.choice((0, 0, 0, 1, 2, 5))))
    return Path(path)
