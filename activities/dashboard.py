"""The staff dashboard's figures: aggregates over the whole directory, kept as a summary.

They sum whole tables (about 40 ms of SQL at 10,000 partners, 270 ms at 100,000), so they are
the summary "dashboard" (core/summaries.py): computed off the request by the worker after a
write, or on a new day ("no action in the last N days" moves with it), while the page shows
the previous figures and says so. The summary holds plain data only; the page reads it through
:func:`dashboard_figures`.
"""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

from django.conf import settings
from django.utils import translation

from core.summaries import Summary, summary_read
from partnerships import selectors as partner_selectors

from . import selectors

SUMMARY = "dashboard"


class StalePartner(NamedTuple):
    """An active partner with no recent action, as the dashboard lists it."""

    pk: int
    name: str
    last_action: datetime.date | None
    owner: str


class PriorityLine(NamedTuple):
    number: int
    title: str
    partnership_count: int
    partner_count: int


def dashboard_compute(_params: str = "") -> dict[str, Any]:
    """The figures, as plain data (the summary's computation: five queries). A priority's
    title is kept in every language of the site; a partner's owner as the name shown."""
    stale_count, stale = selectors.partners_without_recent_action()
    counts = partner_selectors.dashboard_counts()
    priorities = partner_selectors.dashboard_priorities()
    titles: dict[int, dict[str, str]] = {p.pk: {} for p in priorities}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for p in priorities:
                titles[p.pk][code] = str(p.title)
    return {
        "counts": {group: dict(values) for group, values in counts.items()},
        "priorities": [
            {
                "number": p.number,
                "titles": titles[p.pk],
                "partnership_count": p.partnership_count,
                "partner_count": p.partner_count,
            }
            for p in priorities
        ],
        "stale_count": stale_count,
        "stale": [
            {"pk": p.pk, "name": p.name, "last_action": p.last_action, "owner": str(p.owner) if p.owner else ""}
            for p in stale
        ],
    }


def dashboard_figures() -> Summary:
    """The summary (stale-while-revalidate: core/summaries.py); no SQL query once stored."""
    return summary_read(SUMMARY)


def priority_lines(summary: Summary) -> list[PriorityLine]:
    """The current plan's priorities with their counts, titled in the active language."""
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return [
        PriorityLine(
            number=p["number"],
            title=p["titles"].get(language) or p["titles"].get(settings.LANGUAGE_CODE, ""),
            partnership_count=p["partnership_count"],
            partner_count=p["partner_count"],
        )
        for p in summary.data["priorities"]
    ]


def stale_partners(summary: Summary) -> list[StalePartner]:
    return [StalePartner(**p) for p in summary.data["stale"]]
