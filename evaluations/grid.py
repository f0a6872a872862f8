"""The evaluation grid of the partnership policy, read from ``data/grid.json``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

GRID_PATH = Path(__file__).resolve().parent / "data" / "grid.json"


@cache
def grid_data() -> dict[str, Any]:
    return json.loads(GRID_PATH.read_text(encoding="utf-8"))
