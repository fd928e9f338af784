"""``python -m conflictmap``."""
from __future__ import annotations

import sys

from conflictmap.cli import main

sys.exit(main())
