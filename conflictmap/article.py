"""Reading articles: text from files or strings, and the wire-copy header.

``date 2021-07-07 BAGHDAD (AFP) - ...`` gives the publication date, the dateline place
and the agency.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from conflictmap.exceptions import BadInput

__all__ = ["Article", "parse_header", "read_text"]

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

    def __repr__(self) -> str:
        date = self.published.isoformat() if self.published else "undated"
        return f"<Article {self.id} {date} {self.dateline or '-'} ({len(self.text)} chars)>"

    @classmethod
    def from_text(cls, text: str, *, id: str | None = None, source_path: str = "",
                  published: dt.date | str | None = None) -> Article:
        """An article from raw text, reading the wire header if there is one."""
        header = parse_header(text)
        date = _as_date(published) if published is not None else header.get("published")
        return cls(
            id=id or "article-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12],
            text=text, published=date, dateline=header.get("dateline", ""),
            dateline_span=header.get("dateline_span"), agency=header.get("agency", ""),
            source_path=source_path,
        )


def parse_header(text: str) -> dict:
    """The publication date, dateline (with its span) and agency of a wire header."""
    match = _HEADER.match(text[:200])
    if not match:
        return {}
    out: dict = {"dateline": match["dateline"].strip(), "agency": match["agency"].strip(),
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
