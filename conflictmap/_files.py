"""Output files: checked before the work, written atomically."""
from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Collection, Iterator
from pathlib import Path

from conflictmap.exceptions import BadInput

__all__ = ["prepare_output", "replacing"]


def prepare_output(path: str | os.PathLike[str], *,
                   suffixes: Collection[str] | None = None) -> Path:
    """Check that `path` can be written, before any work is done for it.

    Missing parent folders are created. A path that is a folder, lies under a file, is a
    read-only file (refused even for root, who could write it), or whose folder takes no
    new file is a `BadInput` naming it.

    Parameters
    ----------
    path
        The file to be written.
    suffixes
        The extensions allowed (lower case, with the dot); None allows any.

    Returns
    -------
    Path
    """
    path = Path(path)
    if path.is_dir():
        raise BadInput(f"{path}: is a folder; give a file name")
    if suffixes is not None and path.suffix.lower() not in suffixes:
        raise BadInput(f"{path}: unknown extension {path.suffix or '(none)'!r}; supported: "
                       f"{', '.join(sorted(suffixes))}")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise BadInput(f"{path}: cannot write ({parent} is a file, not a folder)")
            break
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BadInput(f"{path}: cannot create its folder ({err.strerror or err})") from err
    if path.exists() and not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise BadInput(f"{path}: cannot write (a read-only file)")
    probe = _temporary(path)
    try:
        probe.open("wb").close()
    except OSError as err:
        raise BadInput(f"{path}: cannot write ({err.strerror or err})") from err
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    return path


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that replaces it once written.

    An interrupted write leaves the old file as it was, and no temporary file behind.
    """
    tmp = _temporary(path)
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _temporary(path: Path) -> Path:
    # Same extension, so that drivers that check it (GDAL's GPKG) are content.
    return path.with_name(f".{path.stem}.part{path.suffix}")
