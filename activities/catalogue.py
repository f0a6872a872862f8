"""The policy's catalogue and action plan, read from ``activities/data/catalogue.json``.

Source: "Wikimédia France/Démarche partenariale/en" (Meta-Wiki), the partnership policy of
Wikimédia France. English strings are copied verbatim (typos and typography included);
French strings translate that English text. ``activities.services.catalogue_load`` writes
them into the database; ``tests/test_catalogue_matches_policy.py`` checks them against the
policy's text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "catalogue.json"


@cache
def _data() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def plan() -> dict[str, Any]:
    """The 2014-2015 action plan: priorities and sub-priorities, in English and French."""
    plan: dict[str, Any] = _data()["plan"]
    return plan


def activity_types() -> list[dict[str, Any]]:
    """The 11 rows of the "Types of contribution" table, in English and French."""
    rows: list[dict[str, Any]] = _data()["activity_types"]
    return rows
