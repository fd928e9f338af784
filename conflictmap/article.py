"""Reading articles: text from files, folders, JSON Lines, CSV or standard input, and the
wire-copy header.

``date 2021-07-07 BAGHDAD (AFP) - ...`` gives the publication date, the dateline place
and the agency.

Damage is kept to the record it is in: a byte that is not UTF-8, a NUL, a lone surrogate
or an implausible date is repaired (with a warning naming the record) and the record is
read; a record that cannot be used is skipped and listed; the other records go on.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import BinaryIO

from conflictmap._words import plural
from conflictmap.exceptions import BadInput
from conflictmap.timex import EARLIEST

__all__ = ["Article", "ArticleReader", "as_date", "decode", "parse_header", "read_articles",
           "read_text"]

log = logging.getLogger(__name__)

_HEADER = re.compile(
    r"""^\s*(?:date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+)?
        (?P<dateline>[A-Z][A-Z'’.\- ]{1,40}?)(?:,\s*[A-Za-z .'’-]{2,30}?)?\s*
        \((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\)\s*[-–—]+\s*""",
    re.VERBOSE,
)

# Publication dates outside this range are typing slips or "no date" sentinels (0001-01-01
# from .NET and Go, 1024 for 2024). Dates must also fit pandas' datetime64[ns]
# (1677-09-22 .. 2262-04-11) for the GeoPackage and the map; 1900 leaves room for any
# digitised archive a conflict map is built from, and a year past today allows for
# embargoed copy and clocks that are off, while refusing 2202 for 2022. The earliest is
# the events' own (timex.EARLIEST).
_AHEAD = dt.timedelta(days=366)

_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00\ud800-\udfff]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte that surrogateescape could not decode
_WIDE_CHAR = re.compile("[^\x00-\x7f\udc80-\udcff]")  # a well-formed multi-byte character
_BOM = b"\xef\xbb\xbf"
_SAMPLE = 8192
# Text has almost no C0 control bytes besides tab, newlines and form feed; binary data
# (compressed, images, UTF-16) has them by the hundred in its first 8 KB.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r")
_BINARY_SHARE = 0.05
_MAGIC = (
    (b"\x89PNG", "a PNG image, not text"), (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"), (b"PK\x03\x04", "a zip archive, not text"),
    (b"\x1f\x8b", "gzip-compressed data, not text"), (b"%PDF-", "a PDF document, not text"),
    (b"SQLite format 3\x00", "a SQLite database, not text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document, not text"),
    (b"\xff\xfe", "UTF-16 or UTF-32 text (save it as UTF-8)"),
    (b"\xfe\xff", "UTF-16 text (save it as UTF-8)"),
)


@dataclass(frozen=True, slots=True)
class Article:
    """One news report and where it came from."""

    id: str
    text: str
    published: dt.date | None = None
    dateline: str = ""
    dateline_span: tuple[int, int] | None = None
    agency: str = ""
    title: str = ""
    url: str = ""
    source_path: str = ""
    source: str = ""
    body_start: int = 0  # where the story starts, after the wire header

    def __repr__(self) -> str:
        date = self.published.isoformat() if self.published else "undated"
        return f"<Article {self.id} {date} {self.dateline or '-'} ({len(self.text)} chars)>"

    @classmethod
    def from_text(cls, text: str, *, id: str | None = None, source_path: str = "",
                  published: dt.date | str | None = None, title: str = "", url: str = "",
                  source: str = "") -> Article:
        """An article from raw text, reading the wire header if there is one.

        ``published`` overrides the header's date; ``source`` is the publisher named by
        the record (the header's agency is kept apart in ``agency``). ``url`` is kept as
        given. Lone surrogates in any of the strings become U+FFFD and NUL characters
        are dropped, with a warning, so the article can be written anywhere.

        Raises
        ------
        BadInput
            ``published`` is not a date, or lies outside 1900-01-01 .. a year from today.
        """
        date = as_date(published) if published is not None else None
        article, notes = _build(text, id=id or "", source_path=source_path, published=date,
                                title=title, url=url, source=source)
        if notes:
            log.warning("%s: %s", source_path or article.id, "; ".join(notes))
        return article


def parse_header(text: str) -> dict:
    """The publication date, dateline (with its span), agency and the offset where the
    story starts, from a wire header.

    A header date that is not a date, or is outside 1900-01-01 .. a year from today, is
    left out with a warning.
    """
    header, problem = _read_header(text)
    if problem:
        log.warning("%s", problem)
    return header


def _read_header(text: str) -> tuple[dict, str | None]:
    match = _HEADER.match(text[:200])
    if not match:
        return {}, None
    out: dict = {"dateline": match["dateline"].strip(), "agency": match["agency"].strip(),
                 "body_start": match.end(),
                 "dateline_span": (match.start("dateline"),
                                   match.start("dateline") + len(match["dateline"].rstrip()))}
    if not match["date"]:
        return out, None
    date, problem = _checked_date(match["date"])
    if date is None:
        return out, f"header date {match['date']!r} {problem}; left undated"
    out["published"] = date
    return out, None


def _build(text: str, *, id: str, source_path: str, published: dt.date | None,
           title: str = "", url: str = "", source: str = "") -> tuple[Article, list[str]]:
    """The article, and what had to be repaired to make it (for one warning)."""
    values, notes = _clean({"text": text, "id": id, "title": title, "url": url,
                            "source": source, "source_path": source_path})
    header, problem = _read_header(values["text"])
    if problem and published is None:
        notes.append(problem)
    text = values["text"]
    article = Article(
        id=values["id"] or "article-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12],
        text=text, published=published if published is not None else header.get("published"),
        dateline=header.get("dateline", ""), dateline_span=header.get("dateline_span"),
        agency=header.get("agency", ""), title=values["title"], url=values["url"],
        source_path=values["source_path"], source=values["source"],
        body_start=header.get("body_start", 0),
    )
    return article, notes


def _clean(values: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The strings with lone surrogates made U+FFFD and NULs dropped: valid Unicode that
    every writer (UTF-8, SQLite, GDAL) takes."""
    out = dict(values)
    surrogates, nuls = [], []
    for name, value in values.items():
        if not value or not _UNSAFE.search(value):
            continue
        if _SURROGATE.search(value):
            surrogates.append(name)
        if "\x00" in value:
            nuls.append(name)
        out[name] = _SURROGATE.sub("\ufffd", value).replace("\x00", "")
    notes = []
    if surrogates:
        notes.append(f"lone surrogates in {', '.join(surrogates)} replaced with U+FFFD")
    if nuls:
        notes.append(f"NUL characters removed from {', '.join(nuls)}")
    return out, notes


def as_date(value: dt.date | str) -> dt.date:
    """A date given by the caller (``--published``, ``published=``): unreadable or
    implausible is an error (`BadInput`), not a warning."""
    date, problem = _checked_date(value)
    if date is None:
        raise BadInput(f"published date {value!r} {problem}")
    return date


def _checked_date(value: object) -> tuple[dt.date | None, str | None]:
    """The date, or None and why not (for a message that names the value)."""
    date = _parse_date(value)
    if date is None:
        return None, "is not a date (YYYY-MM-DD)"
    latest = dt.date.today() + _AHEAD
    if not EARLIEST <= date <= latest:
        return None, f"is outside the plausible range {EARLIEST}..{latest}"
    return date, None


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def read_text(path: Path | str) -> str:
    """The text of a file, refusing binary data and repairing bytes that are not UTF-8.

    See `decode`.
    """
    path = Path(path)
    if not path.exists():
        raise BadInput(f"{path}: no such file")
    if path.is_dir():
        raise BadInput(f"{path}: is a directory, not a text file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise BadInput(f"{path}: cannot read ({err.strerror})") from err
    return decode(data, where=str(path))


def decode(data: bytes, *, where: str = "input") -> str:
    """Bytes to text.

    UTF-8 (a byte-order mark is dropped). Text that is mostly UTF-8 keeps its UTF-8 and
    has the bytes that are not replaced with U+FFFD; text with no UTF-8 beyond ASCII is
    read as Windows-1252. Either way with a warning naming `where` and the first bad
    byte.

    Raises
    ------
    BadInput
        Binary data: an image, an archive, UTF-16, or many control bytes.
    """
    reason = _binary_reason(data)
    if reason:
        raise BadInput(f"{where}: {reason}")
    text, note = _decode_unit(data)
    if note:
        log.warning("%s: %s", where, note)
    return text


def _binary_reason(data: bytes) -> str | None:
    """Why `data` is not text, judged by its first 8 KB, or None."""
    sample = data[:_SAMPLE]
    for magic, reason in _MAGIC:
        if sample.startswith(magic):
            return reason
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _BINARY_SHARE * len(sample):
        return f"binary data ({controls} control bytes in the first {len(sample)}), not text"
    return None


def _decode_unit(data: bytes) -> tuple[str, str | None]:
    """One file, line or row as text, and a note when it was not clean UTF-8.

    Decided per unit, so one stray byte does not turn a file of Arabic into mojibake: a
    unit with more well-formed multi-byte characters than bad bytes is UTF-8 with the bad
    bytes replaced; one with none is Windows-1252.
    """
    data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        first = err.start
    escaped = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED_BYTE.findall(escaped))
    line = data.count(b"\n", 0, first) + 1
    at = f"line {line}, byte {first}" if line > 1 else f"byte {first}"
    if len(_WIDE_CHAR.findall(escaped)) >= bad:
        return (data.decode("utf-8", "replace"),
                f"{plural(bad, 'byte')} not UTF-8 replaced with U+FFFD (first at {at})")
    return data.decode("cp1252", "replace"), f"not UTF-8 ({at}); read as Windows-1252"


def _decode_line(raw: bytes) -> tuple[str, list[str]]:
    """A physical line of JSON Lines or CSV as text, without NUL bytes, and notes."""
    notes = []
    nuls = raw.count(b"\x00")
    if nuls:
        raw = raw.replace(b"\x00", b"")
        notes.append(f"{plural(nuls, 'NUL byte')} removed")
    text, note = _decode_unit(raw)
    if note:
        notes.append(note)
    return text, notes


PathArg = str | PathLike[str]

_STDIN = "-"
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_CSV_SUFFIXES = frozenset({".csv"})
_FOLDER_SUFFIXES = frozenset({".txt"}) | _JSONL_SUFFIXES | _CSV_SUFFIXES
_DATE_KEYS = ("date", "published")
# Python's csv module refuses fields over 128 KiB by default; a long article is bigger.
_CSV_FIELD_LIMIT = 64 * 1024 * 1024
# Repair warnings per file before the rest are only counted (a whole CSV saved as
# Windows-1252 would give one per row).
_LOUD_REPAIRS = 20
_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


class ArticleReader:
    """Articles from text files, folders, JSON Lines, CSV or standard input.

    A record that cannot be used (a JSON Lines line that is not JSON or has no text, an
    empty file or row, a binary file, a CSV file without the text column unless it is the
    only path given, the rest of a CSV file after broken quoting) is skipped with a
    warning and listed in `bad`, so one broken record does not stop a batch. A damaged
    record that can be used is repaired, with a warning, and listed in
    `repaired`: bytes that are not UTF-8 (decided per line of JSON Lines or CSV, and
    per text file), NUL bytes, lone surrogates (JSON ``\\udcff``) in any field, and a date
    that is not a date or is outside 1900-01-01 .. a year from today (the article then
    takes its wire header's date, or none).

    Parameters
    ----------
    paths
        A path or a sequence of them; ``"-"`` is standard input (one article). A folder
        gives every ``*.txt``, ``*.jsonl``, ``*.ndjson`` and ``*.csv`` inside it,
        recursively, in sorted order, hidden files and folders left out. Other files
        are read as one plain-text article each.
    published
        A date, or ``"YYYY-MM-DD"``, for every article: it overrides the wire header
        and the records' own dates.
    text_column
        The JSON Lines field or CSV column holding the text (case-insensitive). JSON Lines
        and CSV records may also have ``id``, ``date`` (or ``published``), ``title``,
        ``url`` and ``source``; ids default to ``<file stem>:<line number>``.

    Attributes
    ----------
    bad : list of (str, str)
        ``(where, reason)`` for each record skipped by the latest iteration; ``where``
        is ``file:line`` for JSON Lines and CSV records, else the file.
    repaired : list of (str, str)
        ``(where, what was repaired)`` for each record read after a repair, once each.
    bytes_read : int
        Bytes of input consumed so far by the latest iteration; with `total_bytes`, a
        progress bar that costs nothing. When an article is yielded it counts the
        article's own bytes; at the end it equals `total_bytes()`.

    Raises
    ------
    BadInput
        A path that does not exist, a ``published`` that is not a plausible date, or
        (while iterating) a CSV file given as the only path that has no text column.

    Examples
    --------
    A progress bar in bytes (tqdm)::

        bar = tqdm(total=reader.total_bytes(), unit="B", unit_scale=True)
        for article in reader:
            bar.update(reader.bytes_read - bar.n)
    """

    def __init__(self, paths: PathArg | Sequence[PathArg], *,
                 published: dt.date | str | None = None, text_column: str = "text") -> None:
        self.paths = _as_paths(paths)
        self.published = as_date(published) if published is not None else None
        if not text_column.strip():
            raise BadInput("text_column: empty column name")
        self.text_column = text_column.strip().lower()
        self.bad: list[tuple[str, str]] = []
        self.repaired: list[tuple[str, str]] = []
        self.bytes_read = 0
        self._loud = self._quiet = 0  # repairs in the current file: warned, not warned

    def __repr__(self) -> str:
        names = ", ".join(str(p) for p in self.paths)
        return f"<ArticleReader [{names}] bad={len(self.bad)} repaired={len(self.repaired)}>"

    def total_bytes(self) -> int | None:
        """The size of the input in bytes, or None when standard input is among it.

        Costs a walk of each folder and a ``stat`` per file; reads no file. Compare with
        `bytes_read` while iterating.
        """
        if _STDIN in self.paths:
            return None
        return sum(_size(file) for path in self.paths for file in _files_of(Path(path)))

    def __iter__(self) -> Iterator[Article]:
        self.bad, self.repaired, self.bytes_read = [], [], 0
        seen: set[str] = set()
        for article in self._articles():
            if article.id in seen:
                log.warning("%s: article id %r seen before; events may share ids",
                            article.source_path, article.id)
            seen.add(article.id)
            yield article

    def _articles(self) -> Iterator[Article]:
        for path in self.paths:
            if path == _STDIN:
                yield from self._read_stdin()
                continue
            path = Path(path)
            files = _files_of(path)
            if path.is_dir() and not files:
                log.warning("%s: no .txt, .jsonl, .ndjson or .csv files in this folder", path)
            for file in files:
                start, self._loud, self._quiet = self.bytes_read, 0, 0
                yield from self._read_file(file)
                # A file skipped whole, or cut short by broken CSV, still counts in full.
                self.bytes_read = max(self.bytes_read, start + _size(file))
                if self._quiet:
                    log.warning("%s: %s repaired; see ArticleReader.repaired", _display(file),
                                plural(self._quiet, "more record was", "more records were"))

    def _skip(self, where: str, reason: str) -> None:
        log.warning("%s: skipped: %s", where, reason)
        self.bad.append((where, reason))

    def _repair(self, where: str, notes: list[str]) -> None:
        if not notes:
            return
        what = "; ".join(notes)
        self.repaired.append((where, what))
        if self._loud < _LOUD_REPAIRS:
            self._loud += 1
            log.warning("%s: %s", where, what)
        else:
            self._quiet += 1
            log.debug("%s: %s", where, what)

    def _read_file(self, path: Path) -> Iterator[Article]:
        suffix = path.suffix.lower()
        if suffix in _JSONL_SUFFIXES:
            yield from self._read_jsonl(path)
        elif suffix in _CSV_SUFFIXES:
            yield from self._read_csv(path)
        else:
            yield from self._read_text_file(path)

    def _decoded(self, data: bytes, where: str) -> tuple[str | None, list[str]]:
        reason = _binary_reason(data)
        if reason:
            self._skip(where, reason)
            return None, []
        text, note = _decode_unit(data)
        return text, [note] if note else []

    def _read_text_file(self, path: Path) -> Iterator[Article]:
        where = _display(path)
        try:
            data = path.read_bytes()
        except OSError as err:
            self._skip(where, f"cannot read ({err.strerror})")
            return
        self.bytes_read += len(data)
        text, notes = self._decoded(data, where)
        if text is not None:
            yield from self._one_article(text, where=where, id=_display(path.stem),
                                         notes=notes, empty="empty file")

    def _read_stdin(self) -> Iterator[Article]:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream put in place by the caller
            text: str | None = sys.stdin.read()
            notes: list[str] = []
        else:
            data = stream.read()
            self.bytes_read += len(data)
            text, notes = self._decoded(data, "<stdin>")
        if text is not None:
            yield from self._one_article(text, where="<stdin>", id="stdin", notes=notes,
                                         empty="empty input")

    def _one_article(self, text: str, *, where: str, id: str, notes: list[str],
                     empty: str) -> Iterator[Article]:
        article, more = _build(text, id=id, source_path=where, published=self.published)
        if not article.text.strip():
            self._skip(where, empty)
            return
        self._repair(where, notes + more)
        yield article

    def _open(self, path: Path, where: str) -> BinaryIO | None:
        """The file, open at its start, unless it is unreadable or binary (skipped)."""
        try:
            fh = path.open("rb")
        except OSError as err:
            self._skip(where, f"cannot read ({err.strerror})")
            return None
        try:
            reason = _binary_reason(fh.read(_SAMPLE))
            fh.seek(0)
        except OSError as err:
            reason = f"cannot read ({err.strerror})"
        if reason:
            fh.close()
            self._skip(where, reason)
            return None
        return fh

    def _read_jsonl(self, path: Path) -> Iterator[Article]:
        name = _display(path)
        fh = self._open(path, name)
        if fh is None:
            return
        with fh:
            # Binary lines end at b"\n" only: JSON allows U+2028 unescaped in strings, and
            # a line is decoded alone so that one bad byte harms one record.
            for number, raw in enumerate(fh, start=1):
                self.bytes_read += len(raw)
                line, notes = _decode_line(raw.removeprefix(_BOM).rstrip(b"\r\n"))
                where = f"{name}:{number}"
                if not line.strip():
                    if notes:
                        self._skip(where, f"no record ({'; '.join(notes)})")
                    continue
                article = self._jsonl_record(line, where=where, name=name, notes=notes,
                                             default_id=f"{_display(path.stem)}:{number}")
                if article is not None:
                    yield article

    def _jsonl_record(self, line: str, *, where: str, name: str, notes: list[str],
                      default_id: str) -> Article | None:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            self._skip(where, "; ".join([f"not JSON ({err.msg}, column {err.colno})", *notes]))
            return None
        if not isinstance(record, dict):
            self._skip(where, f"not a JSON object but {type(record).__name__}")
            return None
        return self._from_record(record, where=where, name=name, notes=notes,
                                 default_id=default_id)

    def _read_csv(self, path: Path) -> Iterator[Article]:
        name = _display(path)
        fh = self._open(path, name)
        if fh is None:
            return
        csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
        line_notes: dict[int, list[str]] = {}
        with fh:
            reader = csv.DictReader(self._csv_lines(fh, line_notes))
            try:
                if self._csv_columns_usable(reader, path, name):
                    yield from self._csv_rows(reader, line_notes, name, path.stem)
            except csv.Error as err:
                self._skip(f"{name}:{reader.reader.line_num}",
                           f"malformed CSV ({err}); the rest of the file is not read")

    def _csv_lines(self, fh: BinaryIO, line_notes: dict[int, list[str]]) -> Iterator[str]:
        """Decoded physical lines (ends kept, as csv wants), each on its own."""
        number = 0
        for chunk in fh:
            # Universal newlines, as open(newline="") gives: a lone "\r" ends a line too.
            for raw in filter(None, _LONE_CR.split(chunk)):
                number += 1
                self.bytes_read += len(raw)
                text, notes = _decode_line(raw.removeprefix(_BOM) if number == 1 else raw)
                if notes:
                    line_notes[number] = notes
                yield text

    def _csv_columns_usable(self, reader: csv.DictReader, path: Path, name: str) -> bool:
        columns = reader.fieldnames
        if not columns:
            self._skip(name, "empty file")
            return False
        if self.text_column in {c.strip().lower() for c in columns}:
            return True
        message = (f"no {self.text_column!r} column; its columns are: "
                   f"{', '.join(columns)}")
        if self.paths == [path]:  # the user named this one file: a usage error
            raise BadInput(f"{name}: {message} (choose one as the text column)")
        self._skip(name, message)
        return False

    def _csv_rows(self, reader: csv.DictReader, line_notes: dict[int, list[str]],
                  name: str, stem: str) -> Iterator[Article]:
        header_notes = [n for number in range(1, reader.line_num + 1)
                        for n in line_notes.pop(number, [])]
        if header_notes:
            log.warning("%s: header: %s", name, "; ".join(header_notes))
        start = reader.line_num + 1
        for row in reader:
            notes = [n for number in range(start, reader.line_num + 1)
                     for n in line_notes.pop(number, [])]
            article = self._from_record(row, where=f"{name}:{start}", name=name, notes=notes,
                                        default_id=f"{_display(stem)}:{start}")
            if article is not None:
                yield article
            start = reader.line_num + 1

    def _from_record(self, record: dict, *, where: str, name: str, notes: list[str],
                     default_id: str) -> Article | None:
        fields = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
        text = fields.get(self.text_column)
        if not isinstance(text, str) or not text.strip():
            self._skip(where, f"{self.text_column!r} is {_no_text(text)}")
            return None
        published = self.published
        if published is None:
            published, problem = _record_date(fields)
            if problem:
                notes = [*notes, problem]
        article, more = _build(
            text, id=_field(fields, "id") or default_id, source_path=name,
            published=published, title=_field(fields, "title"), url=_field(fields, "url"),
            source=_field(fields, "source"),
        )
        if not article.text.strip():
            self._skip(where, f"{self.text_column!r} holds only NUL characters")
            return None
        self._repair(where, notes + more)
        return article


def read_articles(paths: PathArg | Sequence[PathArg], *,
                  published: dt.date | str | None = None,
                  text_column: str = "text") -> Iterator[Article]:
    """The articles in files, folders, JSON Lines, CSV or standard input (``"-"``).

    A thin wrapper over `ArticleReader`; use the class to learn which records were
    skipped or repaired. Parameters are the same.

    Returns
    -------
    Iterator[Article]
        Lazily, in the order the paths are given (folders sorted).
    """
    return iter(ArticleReader(paths, published=published, text_column=text_column))


def _as_paths(paths: PathArg | Sequence[PathArg]) -> list[Path | str]:
    items: Iterable[PathArg] = [paths] if isinstance(paths, str | PathLike) else paths
    out: list[Path | str] = []
    for item in items:
        if not isinstance(item, str | PathLike):
            raise BadInput(f"not a path: {item!r}")
        if item == _STDIN:
            out.append(_STDIN)
            continue
        path = Path(item)
        if not path.exists():
            raise BadInput(f"{path}: no such file or folder")
        out.append(path)
    return out


def _files_of(path: Path) -> list[Path]:
    """The files a path stands for: itself, or the article files in its folder."""
    if not path.is_dir():
        return [path]
    return sorted(
        p for p in path.rglob("*")
        if p.suffix.lower() in _FOLDER_SUFFIXES and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _display(path: Path | str) -> str:
    """The path as valid Unicode: a file name that is not UTF-8 shows its bytes as
    ``\\xff`` rather than carrying lone surrogates into ids and messages."""
    text = str(path)
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


def _no_text(value: object) -> str:
    if value is None:
        return "missing"
    return "empty" if isinstance(value, str) else f"a {type(value).__name__}, not text"


def _field(fields: dict, key: str) -> str:
    value = fields.get(key)
    return "" if value is None else str(value).strip()


def _record_date(fields: dict) -> tuple[dt.date | None, str | None]:
    """The record's date, or None and why (when it has one that cannot be used)."""
    for key in _DATE_KEYS:
        value = fields.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        date, problem = _checked_date(value)
        if date is None:
            return None, (f"{key} {value!r} {problem}; the article takes its header's "
                          "date, if any")
        return date, None
    return None, None
