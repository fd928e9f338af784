"""Offline gazetteer: places by name, with their coordinates, kind and country."""
from __future__ import annotations

from conflictmap.gazetteer.core import Gazetteer, default_cache_dir, prior
from conflictmap.gazetteer.outlines import outline
from conflictmap.gazetteer.place import KINDS, Candidate, Place, validate_coordinates
from conflictmap.gazetteer.store import PlaceStore

__all__ = ["KINDS", "Candidate", "Gazetteer", "Place", "PlaceStore", "default_cache_dir",
           "outline", "prior", "validate_coordinates"]
