"""How a gazetteer build shows where it is: a bar on a terminal, else a line a step."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["BuildProgress", "Progress", "ProgressOption"]

Progress = Callable[[str], None]
"""A callable that takes each progress message."""

ProgressOption = Progress | bool | None
"""A `Progress` callable; True to show progress on stderr; False or None for none."""

# Redraw the bar's count of places this often, not on every record.
_EVERY = 5000


class BuildProgress:
    """Reports the steps of a build and the places read so far.

    Parameters
    ----------
    steps
        How many steps the build has: its sources, then the indexing.
    show
        A callable that takes each message; True for a tqdm bar when stderr is a
        terminal, else one line a step on stderr (a handful in all, so logs of
        unattended runs stay short); False or None for nothing.
    """

    def __init__(self, steps: int, *, show: ProgressOption = None) -> None:
        self.steps = steps
        self.step_number = 0
        self.places = 0
        self._what = ""
        self._started = time.perf_counter()
        self._say: Progress | None = None
        self._bar: Any = None
        if callable(show):
            self._say = show
        elif show and _is_terminal(sys.stderr):
            from tqdm import tqdm

            self._bar = tqdm(total=steps, desc="building the gazetteer", unit="step",
                             file=sys.stderr, leave=False, dynamic_ncols=True,
                             bar_format="{desc}: {n_fmt}/{total_fmt} steps |{bar}| "
                                        "{elapsed}{postfix}")
        elif show:
            self._say = _log_line

    def step(self, what: str) -> None:
        """Start the next step, described by *what* ("reading divisions")."""
        self._what = what
        if self._bar is not None:
            if self.step_number:
                self._bar.update(1)
            self._redraw()
        self.step_number += 1
        if self._say is not None:
            self._say(f"step {self.step_number}/{self.steps}: {what} "
                      f"({self.places:,} places so far)")

    def place(self) -> None:
        """Count one more place read."""
        self.places += 1
        if self._bar is not None and not self.places % _EVERY:
            self._redraw()

    def close(self) -> None:
        """End the report with what was built and how long it took."""
        seconds = time.perf_counter() - self._started
        if self._bar is not None:
            self._bar.close()
            print(f"built the gazetteer: {self.places:,} places in {seconds:.0f} s",
                  file=sys.stderr)
        elif self._say is not None:
            self._say(f"built: {self.places:,} places in {seconds:.0f} s")

    def _redraw(self) -> None:
        self._bar.set_postfix_str(f"{self._what}; {self.places:,} places", refresh=True)

    def abort(self) -> None:
        """Take the bar off the terminal after a failed build."""
        if self._bar is not None:
            self._bar.close()


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def _log_line(message: str) -> None:
    # Asked-for progress, like the bar: printed, not logged, so it is no "WARNING".
    print(f"gazetteer: {message}", file=sys.stderr, flush=True)
