"""conflictmap: news reports of armed-conflict incidents in, a located event map out."""
from __future__ import annotations

__version__ = "0.1.0"
