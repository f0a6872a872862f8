"""The demo builders, one per domain app, in the layer order of ``docs/architecture.md``.

Extension point: an app that wants demo data adds ``demo/build/<app label>.py`` with

* ``build(ctx: BuildContext) -> None`` — the hand-written data (``demo/data/*.yaml``),
  written through the app's services so that it obeys the rules; idempotent (look the
  row up first, create it only when it is missing); runs inside the seed's transaction;
* optionally ``bulk(ctx: BuildContext, batch: list[Plan]) -> None`` — this app's share of
  the ``--scale`` filler rows, written with ``bulk_create`` (fast; the generator in
  ``demo/scale.py`` only plans states that ``demo/story.py`` accepts);
* optionally ``close(ctx: BuildContext) -> None`` — runs once every builder has built
  (the partnerships builder closes completed partnerships there, after the actions and
  agreements were added while they were open);
* optionally ``after(ctx: BuildContext) -> None`` — work after the commit (rendering PDFs);

and lists its label in ``BUILDERS`` below, after the apps it reads. A label whose app is
not installed, or whose module does not exist yet, is skipped: the grants, activities and
evaluations wings add theirs when they land. New data also needs its rules in
``demo/story.py`` so the story stays true.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.apps import apps

# Lowest layer first: a builder may read what the builders before it made. ``core`` comes
# last: its builder runs the reminders' sweep, which reads every app's deadlines.
# A label "<app>.<wing>" is a second builder of that app (module ``<app>_<wing>``), for an app
# whose wings build their data apart (the evaluations' joint evaluations and questionnaires).
BUILDERS = [
    "accounts",
    "partnerships",
    "activities",
    "agreements",
    "grants",
    "evaluations",
    "evaluations.questionnaires",
    "core",
]
PACKAGE = "demo.build"


@dataclass
class BuildContext:
    """What the builders share during one seed run."""

    today: dt.date
    now: dt.datetime
    scale: int
    seed: int
    write: Any  # a callable printing one line of the summary
    staff: list = field(default_factory=list)  # fictional WMFR staff (owners, leads)
    accounts: dict = field(default_factory=dict)  # demo accounts by username (development only)
    partners: dict = field(default_factory=dict)  # real partners by their key in partners.yaml
    partnerships: dict = field(default_factory=dict)  # real partnerships by title
    reference: dict = field(default_factory=dict)  # catalogue and action plan lookups
    totals: dict = field(default_factory=dict)  # generated rows written, by kind


def available() -> list[ModuleType]:
    """The builder modules of the installed apps, in layer order."""
    modules = []
    for label in BUILDERS:
        app_label, _dot, wing = label.partition(".")
        if not apps.is_installed(app_label):
            continue
        name = f"{PACKAGE}.{app_label}_{wing}" if wing else f"{PACKAGE}.{label}"
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:  # a real import error inside the builder
                raise
    return modules
