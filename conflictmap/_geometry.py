"""Checks on geometries where they enter: files, frames, maps."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["bad_coordinates"]


def bad_coordinates(geometry: Sequence[Any]) -> Any:
    """For each geometry, whether a coordinate of it is not a finite latitude (-90 to 90)
    and longitude (-180 to 180), as a boolean numpy array. Missing and empty geometries
    are not bad: they have no coordinates."""
    import numpy as np
    import shapely

    shapes = np.asarray(geometry, dtype=object)
    coords, index = shapely.get_coordinates(shapes, return_index=True)
    with np.errstate(invalid="ignore"):
        wrong = ~(np.isfinite(coords).all(axis=1) & (np.abs(coords[:, 0]) <= 180)
                  & (np.abs(coords[:, 1]) <= 90))
    bad = np.zeros(len(shapes), dtype=bool)
    bad[index[wrong]] = True
    return bad
