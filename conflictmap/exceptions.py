"""The exceptions conflictmap raises, all under one root."""
from __future__ import annotations

__all__ = [
    "BadInput",
    "ConflictMapError",
    "GazetteerError",
    "GeocoderUnavailable",
    "MissingDependency",
]


class ConflictMapError(Exception):
    """Root of every error conflictmap raises on purpose."""


class BadInput(ConflictMapError, ValueError):
    """Input that cannot be used: a missing file, binary data, a malformed row."""


class GazetteerError(ConflictMapError, RuntimeError):
    """The gazetteer cache cannot be built or read."""


class MissingDependency(ConflictMapError, ImportError):
    """An optional dependency is needed for what was asked."""


class GeocoderUnavailable(ConflictMapError, RuntimeError):
    """The opt-in online geocoder failed or is not configured."""
