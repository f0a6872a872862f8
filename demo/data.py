"""The demo's data files (``demo/data/*.yaml``), read once per process."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load(name: str) -> Any:
    """The parsed content of ``demo/data/<name>.yaml``."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def day(value: int | str | dt.date | None, today: dt.date) -> dt.date | None:
    """A date of the data files: an ISO date, or a number of days from today."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        return today + dt.timedelta(days=value)
    return dt.date.fromisoformat(value)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (capped at the 28th, so every month has it)."""
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


@contextmanager
def dates_as_given(*models):
    """Inside, ``bulk_create`` keeps the created/updated dates set on the instances.

    The generated rows are backdated (a directory filled over three years); without this,
    ``auto_now_add`` would stamp them all "now" and a ``bulk_update`` (slow: one CASE per
    row) would have to fix them. Only for the seed command, which runs alone.
    """
    fields = [
        f
        for model in models
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add
