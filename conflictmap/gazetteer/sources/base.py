"""The interface every gazetteer source implements."""
from __future__ import annotations

import abc
import csv
import hashlib
import re
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar

from conflictmap._names import is_latin
from conflictmap.gazetteer.place import Place

__all__ = ["Record", "Source", "csv_rows", "file_digest", "package_version", "usable_names"]

Record = tuple[Place, tuple[str, ...]]

_CAPITAL = re.compile("[A-Z]")
"""A place and every name it goes by (its own name first)."""


class Source(abc.ABC):
    """One origin of places: a package's data, the curated sites, a user's file.

    Adding a source is adding one module with a subclass, registered by ``name`` in
    `conflictmap.gazetteer.sources.SOURCES`.
    """

    name: ClassVar[str]
    # Read in a child process while the build reads the other sources, where it can fork
    slow: ClassVar[bool] = False

    @abc.abstractmethod
    def fingerprint(self) -> str:
        """A string that changes whenever the records would."""

    @abc.abstractmethod
    def records(self) -> Iterator[Record]:
        """Yield every place with its names."""


def package_version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def file_digest(path: Path | Any) -> str:
    """The first 16 hex digits of the SHA-256 of a file (a `Path` or a package resource)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def usable_names(names: Iterator[str] | list[str] | tuple[str, ...], *,
                 codes: bool = False) -> tuple[str, ...]:
    """Keep the names news copy could contain: Latin script, written with a capital.

    GeoNames' all-lowercase alternate names are mostly machine romanisations
    ("hyt", "rmady") and its short all-capital ones are codes ("XTM"): both would only
    add noise. *codes* keeps the short capitals, for sources whose codes are names
    people write ("US", "UK").
    """
    seen: dict[str, None] = {}
    for name in names:
        name = name.strip()
        if not codes and len(name) <= 4 and name.isupper():
            continue
        if name and is_latin(name) and (_CAPITAL.search(name) or not name.isascii() and any(
                c.isupper() for c in name)):
            seen.setdefault(name, None)
    return tuple(seen)


def csv_rows(path: Any, columns: tuple[str, ...], record: Callable[..., Record], *,
             label: str | None = None) -> Iterator[Record]:
    """The records of a CSV file (a `Path`, or a package resource) with *columns*, one
    `record(row, where="file:line")` a row; a missing column raises `BadInput`."""
    from conflictmap.exceptions import BadInput

    label = label or str(path)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(columns) - set(reader.fieldnames or ())
        if missing:
            raise BadInput(f"{label}: missing columns {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            yield record(row, where=f"{label}:{line}")
