"""Words for messages people read."""
from __future__ import annotations

__all__ = ["plural"]


def plural(count: int, word: str, words: str | None = None) -> str:
    """``"1 article"``, ``"2 articles"``, ``"1,200 articles"``.

    Examples
    --------
    >>> plural(1, "event"), plural(3, "entry", "entries")
    ('1 event', '3 entries')
    """
    return f"{count:,} {word if count == 1 else words or word + 's'}"
