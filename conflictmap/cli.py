"""The ``conflictmap`` command line."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from conflictmap import __version__
from conflictmap._words import plural
from conflictmap.exceptions import BadInput, ConflictMapError, MissingDependency

__all__ = ["main"]

log = logging.getLogger("conflictmap")

#: Exit codes: 0 all went well; 1 some records or articles failed and the rest were
#: written; 2 a usage error (a bad option, file or value), nothing done; 3 the command
#: itself crashed (a bug).
EXIT_FAILED_RECORDS, EXIT_USAGE, EXIT_CRASH = 1, 2, 3

_PLACE_FIELDS = ("mention", "start", "end", "name", "latitude", "longitude", "country_code",
                 "admin1", "kind", "feature", "place_id", "score", "reason", "adjectival")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflictmap", description="Map armed-conflict events from news reports.",
        epilog="Exit codes: 0 done; 1 some articles or records failed (each named) and the "
               "rest were written; 2 a usage error, nothing done; 3 an internal error.")
    parser.add_argument("--version", action="version", version=f"conflictmap {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="say more (-vv for debugging)")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="where the gazetteer cache lives "
                             "(default: $CONFLICTMAP_CACHE_DIR or the user cache directory)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    _add_article_commands(commands)
    _add_map_commands(commands)
    _add_gazetteer_commands(commands)
    return parser


def _add_online(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--online", choices=("nominatim", "geonames"), default=None,
                        help="ask this online service for names the offline gazetteer lacks")


def _add_article_commands(commands) -> None:
    places = commands.add_parser("places", help="list the places an article names",
                                 description="Find and resolve every place a text names.")
    places.add_argument("file", help="a text file, or - for standard input")
    places.add_argument("--format", choices=("table", "json"), default="table")
    _add_online(places)
    places.set_defaults(run=_run_places)

    extract = commands.add_parser(
        "extract", help="extract events from articles",
        description="Extract located, typed, dated events from articles: text files, "
                    "folders, JSON Lines or CSV with a text column, or - for standard input. "
                    "The output format follows the extension: .geojson (events as points, "
                    "links as lines), .csv (ACLED columns first) or .gpkg (layers events "
                    "and links).")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    extract.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    extract.add_argument("--published", metavar="YYYY-MM-DD",
                         help="publication date for articles without one (overrides headers)")
    extract.add_argument("--text-column", default="text",
                         help="the JSON Lines field or CSV column with the text (default: text)")
    extract.add_argument("--workers", type=int, default=1, metavar="N",
                         help="processes to extract in: the same events, in the same order "
                              "(default 1; 0 for one per core)")
    extract.add_argument("--dask", metavar="ADDRESS",
                         help="extract on a Dask cluster: its scheduler's address "
                              "(tcp://host:8786), or 'local' for a LocalCluster on this "
                              "machine (needs the dask extra)")
    _add_online(extract)
    extract.add_argument("--no-progress", action="store_true", help="no progress bar")
    extract.set_defaults(run=_run_extract)


def _add_map_commands(commands) -> None:
    mapping = commands.add_parser(
        "map", help="draw events on an interactive map",
        description="Write a self-contained HTML map from articles (extracted first), an "
                    "events file written by 'extract' (.geojson, .csv, .gpkg), or an ACLED "
                    "CSV export.")
    mapping.add_argument("paths", nargs="+", metavar="PATH")
    mapping.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.html",
                         help="the map to write (.html or .htm); replaced only once written")
    mapping.add_argument("--title", help="a title shown on the map")
    mapping.add_argument("--layers", help="comma-separated layers to include (default all): "
                                          "Attacks, Strikes, Interceptions, Other events, "
                                          "Links, Places mentioned, Heat map")
    mapping.add_argument("--tiles", default="OpenStreetMap",
                         help="base map: OpenStreetMap (default), light, dark, none, an "
                              "xyzservices provider name such as Esri.WorldImagery, or a "
                              "tile URL template such as "
                              "'https://tile.example.org/{z}/{x}/{y}.png'")
    mapping.add_argument("--attribution", metavar="TEXT",
                         help="who the tiles of a URL template come from, shown on the map "
                              "(HTML allowed; default: the tile server's host name)")
    mapping.add_argument("--cdn", action="store_true",
                         help="load Leaflet from its CDN instead of writing it into the "
                              "page (a smaller file that needs a network to open)")
    mapping.add_argument("--acled", action="store_true",
                         help="read the CSV as an ACLED export (detected by its columns)")
    mapping.add_argument("--published", metavar="YYYY-MM-DD",
                         help="publication date for articles without one")
    mapping.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_online(mapping)
    mapping.set_defaults(run=_run_map)

    demo = commands.add_parser("demo", help="run on the bundled sample articles",
                               description="Extract the events of the bundled sample articles "
                                           "(data/samples) and write them as GeoJSON, CSV and "
                                           "an HTML map.")
    demo.add_argument("-o", "--output", type=Path, default=Path("out/sample-events"),
                      help="output path without extension (default: out/sample-events)")
    demo.set_defaults(run=_run_demo)


def _add_gazetteer_commands(commands) -> None:
    gaz = commands.add_parser("gazetteer", help="look up, build or extend the gazetteer",
                              description="Look up, build or extend the offline gazetteer.")
    gaz_commands = gaz.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    gaz_commands.required = True
    lookup = gaz_commands.add_parser("lookup", help="candidates for a name, and why they rank",
                                     description="Show the candidates for a name, best first.")
    lookup.add_argument("name")
    lookup.add_argument("--country", help="keep places in this country: an ISO alpha-2 code "
                                          "or a name (IQ, Iraq); allows fuzzy matches")
    lookup.add_argument("--limit", type=int, default=10)
    lookup.add_argument("--format", choices=("table", "json"), default="table")
    lookup.set_defaults(run=_run_lookup)
    build = gaz_commands.add_parser("build", help="build the cache now",
                                    description="Build the gazetteer cache (done on first use).")
    build.add_argument("--rebuild", action="store_true", help="build even if it is current")
    build.set_defaults(run=_run_build)
    imp = gaz_commands.add_parser(
        "import", help="add a GeoNames dump or a CSV of places",
        description="Add places: a GeoNames dump (allCountries.txt or a country file such as "
                    "IQ.txt, plain or zipped), or a CSV with name, latitude, longitude, "
                    "country_code and optional id, kind, feature, admin1, population, aliases.")
    imp.add_argument("file", type=Path)
    imp.set_defaults(run=_run_import)


def _gazetteer(args: argparse.Namespace, *, online: str | None = None):
    from conflictmap.gazetteer import Gazetteer

    return Gazetteer.default(cache_dir=args.cache_dir, online=online,
                             progress=not getattr(args, "no_progress", False))


def _read_input(name: str) -> tuple[str, str]:
    from conflictmap.article import decode, read_text

    if name == "-":
        return decode(sys.stdin.buffer.read(), where="standard input"), "<stdin>"
    return read_text(name), name


def _place_rows(mentions) -> list[dict]:
    rows = []
    for m in mentions:
        p = m.place
        rows.append({
            "mention": m.text, "start": m.start, "end": m.end,
            "name": p.name if p else None, "latitude": p.latitude if p else None,
            "longitude": p.longitude if p else None, "country_code": p.country_code if p else None,
            "admin1": p.admin1 if p else None, "kind": p.kind if p else None,
            "feature": p.feature if p else None, "place_id": p.id if p else None,
            "score": m.score if p else None, "reason": m.reason, "adjectival": m.adjectival,
        })
    return rows


def _print_table(rows: list[dict], columns: Sequence[str]) -> None:
    def cell(value: object) -> str:
        if value is None:
            return "-"
        return f"{value:.4f}" if isinstance(value, float) else str(value)

    widths = {c: max([len(c)] + [len(cell(r[c])) for r in rows]) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns).rstrip())
    for r in rows:
        print("  ".join(cell(r[c]).ljust(widths[c]) for c in columns).rstrip())


def _run_places(args: argparse.Namespace) -> int:
    from conflictmap.article import Article
    from conflictmap.resolve import geoparse

    text, where = _read_input(args.file)
    if not text.strip():
        log.warning("%s: empty text, no places", where)
    article = Article.from_text(text, source_path=where)
    rows = _place_rows(geoparse(article, gazetteer=_gazetteer(args, online=args.online)))
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        _print_table(rows, ("mention", "start", "name", "country_code", "kind", "latitude",
                            "longitude", "place_id"))
        unresolved = sum(r["place_id"] is None for r in rows)
        print(f"{len(rows)} mentions, {unresolved} unresolved", file=sys.stderr)
    return 0


def _run_extract(args: argparse.Namespace) -> int:
    from conflictmap.article import ArticleReader
    from conflictmap.extract import progress_bar
    from conflictmap.output import FORMATS, EventWriter
    from conflictmap.parallel import extract_stream

    # Everything that can be refused is refused before the work: the output, the options.
    workers = args.workers if args.workers > 0 else (os.cpu_count() or 1)
    if args.workers < 0:
        raise BadInput(f"--workers {args.workers}: give a number of processes, or 0 for "
                       "one per core")
    if args.online and (workers > 1 or args.dask):
        raise BadInput("--online asks a service that allows one request a second: use it "
                       "with one worker, without --workers or --dask")
    if args.dask:
        _need_dask()
    writer = EventWriter(args.output, format=FORMATS.get(args.output.suffix.lower()))
    reader = ArticleReader(args.paths, published=args.published, text_column=args.text_column)
    gazetteer = _gazetteer(args, online=args.online)
    articles = events = unlocated = links = failed = 0
    with writer:
        # Events are written as each article is done: a long run shows its output
        # growing, and holds one window of articles in memory, not the corpus.
        for found in extract_stream(progress_bar(reader, not args.no_progress),
                                    gazetteer=gazetteer, workers=workers, dask=args.dask):
            articles += 1
            events += len(found.events)
            unlocated += sum(not e.located for e in found.events)
            links += len(found.links)
            failed += len(found.failures)
            writer.write(found.events, found.links)
    print(f"{plural(articles, 'article')}: {plural(events, 'event')} "
          f"({unlocated} without a place), {plural(links, 'link')} "
          f"-> {args.output}", file=sys.stderr)
    if reader.repaired:
        print(f"conflictmap: {plural(len(reader.repaired), 'record')} repaired and kept "
              "(named above)", file=sys.stderr)
    return _failed(len(reader.bad) + failed)


def _need_dask() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as err:
        raise MissingDependency("--dask needs Dask: pip install 'conflictmap[dask]'") from err


def _failed(count: int) -> int:
    """The exit code: 1 when records failed (each was named as it failed), else 0."""
    if count:
        print(f"conflictmap: {plural(count, 'article or record')} failed (named above); "
              "the rest were written", file=sys.stderr)
        return EXIT_FAILED_RECORDS
    return 0


_EVENT_FILES = (".geojson", ".json", ".gpkg", ".csv")


def _map_input(args: argparse.Namespace):
    """Events and links from the paths: event files as they are, articles extracted."""
    from conflictmap.maps.acled import REQUIRED, read_acled
    from conflictmap.output import read_events

    paths = [Path(p) for p in args.paths]
    if len(paths) == 1 and paths[0].suffix.lower() in _EVENT_FILES and paths[0].is_file():
        path = paths[0]
        if path.suffix.lower() == ".csv":
            header = path.open(encoding="utf-8-sig").readline().lower()
            if args.acled or ("category" not in header and all(c in header for c in REQUIRED)):
                return read_acled(path), None, 0
        events, links = read_events(path)
        return events, links, 0
    from conflictmap.article import ArticleReader
    from conflictmap.extract import extract_many

    reader = ArticleReader(args.paths, published=args.published)
    result = extract_many(reader, gazetteer=_gazetteer(args, online=args.online),
                          progress=not args.no_progress)
    return result.events, result.links, len(result.failures) + len(reader.bad)


def _run_map(args: argparse.Namespace) -> int:
    from conflictmap._files import prepare_output, replacing
    from conflictmap.maps import make_map
    from conflictmap.maps.basemap import tile_layer
    from conflictmap.maps.data import checked_layers

    # The output, layers and tiles are checked before articles are read and extracted.
    output = prepare_output(args.output, suffixes={".html", ".htm"})
    layers = ([x.strip() for x in args.layers.split(",") if x.strip()]
              if args.layers else None)
    checked_layers(layers)
    tiles = tile_layer(args.tiles, attribution=args.attribution)
    events, links, failed = _map_input(args)
    fmap = make_map(events, links=links, title=args.title, layers=layers, tiles=tiles,
                    inline=not args.cdn)
    try:
        with replacing(output) as tmp:
            fmap.save(str(tmp))
    except OSError as err:
        raise BadInput(f"{output}: cannot write ({err.strerror or err})") from err
    print(f"{plural(len(events), 'event')} mapped -> {output}", file=sys.stderr)
    return 1 if failed else 0


def _run_demo(args: argparse.Namespace) -> int:
    from conflictmap._files import prepare_output, replacing
    from conflictmap.article import ArticleReader
    from conflictmap.extract import extract_many
    from conflictmap.maps import make_map
    from conflictmap.output import write_events

    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    if not any(samples.glob("*.txt")):
        raise ConflictMapError(f"no sample articles in {samples}")
    out = args.output
    paths = [prepare_output(out.with_suffix(suffix)) for suffix in (".geojson", ".csv", ".html")]
    reader = ArticleReader(sorted(samples.glob("*.txt")))
    result = extract_many(reader, gazetteer=_gazetteer(args))
    write_events(paths[0], result.events, result.links)
    write_events(paths[1], result.events)
    with replacing(paths[2]) as tmp:
        make_map(result, title="conflictmap: sample articles").save(str(tmp))
    by_category: dict[str, int] = {}
    for event in result.events:
        by_category[event.category] = by_category.get(event.category, 0) + 1
    kinds = ", ".join(f"{n} {c}" for c, n in sorted(by_category.items()))
    print(f"{plural(result.articles, 'sample article')}: "
          f"{plural(len(result.events), 'event')} ({kinds}), "
          f"{plural(len(result.links), 'link')}")
    for path in paths:
        print(f"wrote {path}")
    return _failed(len(reader.bad) + len(result.failures))


def _run_lookup(args: argparse.Namespace) -> int:
    found = _gazetteer(args).lookup(args.name, country=args.country, limit=args.limit)
    rows = [{"score": c.score, "place_id": c.place.id, "name": c.place.name,
             "kind": c.place.kind, "feature": c.place.feature, "country_code": c.place.country_code,
             "admin1": c.place.admin1, "latitude": c.place.latitude,
             "longitude": c.place.longitude, "why": "; ".join(c.reasons)} for c in found]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif rows:
        _print_table(rows, ("score", "place_id", "name", "kind", "feature", "country_code",
                            "admin1", "latitude", "longitude", "why"))
    else:
        print(f"no place named {args.name!r}", file=sys.stderr)
        return 1
    return 0


def _run_build(args: argparse.Namespace) -> int:
    from conflictmap.gazetteer import Gazetteer

    gaz = Gazetteer.default(cache_dir=args.cache_dir, rebuild=args.rebuild, check=True)
    for store in gaz.stores:
        print(f"{store.path}: {len(store):,} places, {len(store.index):,} names")
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from conflictmap.gazetteer import Gazetteer

    done = Gazetteer.import_file(args.file, cache_dir=args.cache_dir)
    print(f"imported {plural(done.places, 'place')} from {args.file}")
    if done.bad_lines:
        print(f"conflictmap: {plural(done.bad_lines, 'bad line')} skipped (named above)",
              file=sys.stderr)
        return EXIT_FAILED_RECORDS
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    logging.basicConfig(level=level, format="conflictmap: %(levelname)s: %(message)s")
    try:
        return args.run(args)
    except ConflictMapError as err:
        print(f"conflictmap: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # a bug of ours: say so, apart from the user's mistakes
        log.debug("traceback", exc_info=True)
        print(f"conflictmap: internal error: {type(err).__name__}: {err} (a bug: run again "
              "with -vv for the traceback, and report it)", file=sys.stderr)
        return EXIT_CRASH


if __name__ == "__main__":
    sys.exit(main())
