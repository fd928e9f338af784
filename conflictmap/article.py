"""Reading articles: text from files, folders, JSON Lines, CSV or standard input, and the
wire-copy header.

``date 2021-07-07 BAGHDAD (AFP) - ...`` gives the publication date, the dateline place
and the agency.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from conflictmap.exceptions import BadInput

__all__ = ["Article", "ArticleReader", "decode", "parse_header", "read_articles", "read_text"]

log = logging.getLogger(__name__)

_HEADER = re.compile(
    r"""^\s*(?:date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+)?
        (?P<dateline>[A-Z][A-Z'’.\- ]{1,40}?)(?:,\s*[A-Za-z .'’-]{2,30}?)?\s*
        \((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\)\s*[-–—]+\s*""",
    re.VERBOSE,
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
        the record (the header's agency is kept apart in ``agency``).
        """
        header = parse_header(text)
        date = _as_date(published) if published is not None else header.get("published")
        return cls(
            id=id or "article-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12],
            text=text, published=date, dateline=header.get("dateline", ""),
            dateline_span=header.get("dateline_span"), agency=header.get("agency", ""),
            title=title, url=url, source_path=source_path, source=source,
            body_start=header.get("body_start", 0),
        )


def parse_header(text: str) -> dict:
    """The publication date, dateline (with its span), agency and the offset where the
    story starts, from a wire header."""
    match = _HEADER.match(text[:200])
    if not match:
        return {}
    out: dict = {"dateline": match["dateline"].strip(), "agency": match["agency"].strip(),
                 "body_start": match.end(),
                 "dateline_span": (match.start("dateline"),
                                   match.start("dateline") + len(match["dateline"].rstrip()))}
    if match["date"]:
        try:
            out["published"] = dt.date.fromisoformat(match["date"])
        except ValueError:
            log.warning("unparseable date in header: %r", match["date"])
    return out


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise BadInput(f"not a date (YYYY-MM-DD): {value!r}") from err


def read_text(path: Path | str) -> str:
    """The text of a file, refusing binary data and decoding non-UTF-8 with a warning."""
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
    """Bytes to text: UTF-8, else Windows-1252 with a warning; binary data is refused."""
    if b"\x00" in data[:8192]:
        raise BadInput(f"{where}: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        log.warning("%s: not UTF-8 (byte %d); read as Windows-1252", where, err.start)
        return data.decode("cp1252", errors="replace")


PathArg = str | PathLike[str]

_STDIN = "-"
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_CSV_SUFFIXES = frozenset({".csv"})
_FOLDER_SUFFIXES = frozenset({".txt"}) | _JSONL_SUFFIXES | _CSV_SUFFIXES
_DATE_KEYS = ("date", "published")
# Python's csv module refuses fields over 128 KiB by default; a long article is bigger.
_CSV_FIELD_LIMIT = 64 * 1024 * 1024


class ArticleReader:
    """Articles from text files, folders, JSON Lines, CSV or standard input.

    A record that cannot be used (a JSON Lines line that is not JSON or has no text, an
    empty file or row, a binary file) is skipped with a warning and listed in `bad`, so
    one broken line does not stop a batch. A record whose date cannot be read keeps its
    text and takes the date of its wire header, or none.

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

    Raises
    ------
    BadInput
        A path that does not exist, an unreadable ``published``, or (while iterating) a
        CSV file without the text column or with broken quoting.
    """

    def __init__(self, paths: PathArg | Sequence[PathArg], *,
                 published: dt.date | str | None = None, text_column: str = "text") -> None:
        self.paths = _as_paths(paths)
        self.published = _as_date(published) if published is not None else None
        if not text_column.strip():
            raise BadInput("text_column: empty column name")
        self.text_column = text_column.strip().lower()
        self.bad: list[tuple[str, str]] = []

    def __repr__(self) -> str:
        names = ", ".join(str(p) for p in self.paths)
        return f"<ArticleReader [{names}] bad={len(self.bad)}>"

    def __iter__(self) -> Iterator[Article]:
        self.bad = []
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
            elif isinstance(path, Path) and path.is_dir():
                for file in _folder_files(path):
                    yield from self._read_file(file)
            else:
                yield from self._read_file(Path(path))

    def _skip(self, where: str, reason: str) -> None:
        log.warning("%s: skipped: %s", where, reason)
        self.bad.append((where, reason))

    def _load(self, path: Path) -> str | None:
        try:
            return read_text(path)
        except BadInput as err:
            self._skip(str(path), str(err).removeprefix(f"{path}: "))
            return None

    def _read_file(self, path: Path) -> Iterator[Article]:
        suffix = path.suffix.lower()
        if suffix in _JSONL_SUFFIXES:
            yield from self._read_jsonl(path)
        elif suffix in _CSV_SUFFIXES:
            yield from self._read_csv(path)
        else:
            text = self._load(path)
            if text is None:
                return
            if not text.strip():
                self._skip(str(path), "empty file")
                return
            yield Article.from_text(text, id=path.stem, source_path=str(path),
                                    published=self.published)

    def _read_stdin(self) -> Iterator[Article]:
        stream = getattr(sys.stdin, "buffer", None)
        text = decode(stream.read(), where="standard input") if stream else sys.stdin.read()
        if not text.strip():
            self._skip("<stdin>", "empty input")
            return
        yield Article.from_text(text, id="stdin", source_path="<stdin>",
                                published=self.published)

    def _read_jsonl(self, path: Path) -> Iterator[Article]:
        text = self._load(path)
        if text is None:
            return
        # Split on "\n" only: str.splitlines() would also break at U+2028, which JSON
        # allows unescaped inside strings.
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                self._skip(where, f"not JSON ({err.msg}, column {err.colno})")
                continue
            if not isinstance(record, dict):
                self._skip(where, f"not a JSON object but {type(record).__name__}")
                continue
            article = self._from_record(record, where=where, path=path,
                                        default_id=f"{path.stem}:{number}")
            if article is not None:
                yield article

    def _read_csv(self, path: Path) -> Iterator[Article]:
        text = self._load(path)
        if text is None:
            return
        csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            columns = reader.fieldnames
            if not columns:
                self._skip(str(path), "empty file")
                return
            if self.text_column not in {c.strip().lower() for c in columns}:
                raise BadInput(f"{path}: no {self.text_column!r} column; its columns are: "
                               f"{', '.join(columns)} (choose one as the text column)")
            start = reader.line_num + 1
            for row in reader:
                where = f"{path}:{start}"
                article = self._from_record(row, where=where, path=path,
                                            default_id=f"{path.stem}:{start}")
                if article is not None:
                    yield article
                start = reader.line_num + 1
        except csv.Error as err:
            raise BadInput(f"{path}:{reader.line_num}: malformed CSV ({err})") from err

    def _from_record(self, record: dict, *, where: str, path: Path,
                     default_id: str) -> Article | None:
        fields = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
        text = fields.get(self.text_column)
        if not isinstance(text, str) or not text.strip():
            self._skip(where, f"{self.text_column!r} is {_no_text(text)}")
            return None
        published = self.published or _record_date(fields, where)
        return Article.from_text(
            text, id=_field(fields, "id") or default_id, source_path=str(path),
            published=published, title=_field(fields, "title"), url=_field(fields, "url"),
            source=_field(fields, "source"),
        )


def read_articles(paths: PathArg | Sequence[PathArg], *,
                  published: dt.date | str | None = None,
                  text_column: str = "text") -> Iterator[Article]:
    """The articles in files, folders, JSON Lines, CSV or standard input (``"-"``).

    A thin wrapper over `ArticleReader`; use the class to learn which records were
    skipped. Parameters are the same.

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


def _folder_files(folder: Path) -> list[Path]:
    files = sorted(
        p for p in folder.rglob("*")
        if p.suffix.lower() in _FOLDER_SUFFIXES and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    if not files:
        log.warning("%s: no .txt, .jsonl, .ndjson or .csv files in this folder", folder)
    return files


def _no_text(value: object) -> str:
    if value is None:
        return "missing"
    return "empty" if isinstance(value, str) else f"a {type(value).__name__}, not text"


def _field(fields: dict, key: str) -> str:
    value = fields.get(key)
    return "" if value is None else str(value).strip()


def _record_date(fields: dict, where: str) -> dt.date | None:
    """The record's date, or None (with a warning naming it) when it cannot be read."""
    for key in _DATE_KEYS:
        value = fields.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        date = _parse_date(value)
        if date is None:
            log.warning("%s: unreadable %s %r (expected YYYY-MM-DD); the article takes its "
                        "header's date, if any", where, key, value)
        return date
    return None


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
