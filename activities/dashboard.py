"""The staff dashboard's figures: aggregates over the whole directory, read once per data version.

Computing them costs about a dozen milliseconds of SQL at 10,000 partners. They are shared by
every staff member and cached under the data's version and the day (core/dataversion.py), so
any write, bulk writes and other processes' writes included, shows at once; the day is in the
key because "no action in the last N days" moves with it.
"""

from typing import Any

from django.core.cache import cache

from core import dataversion
from partnerships import selectors as partner_selectors

from . import selectors

CACHE_SECONDS = 300


def dashboard_figures() -> dict[str, Any]:
    key = f"dashboard:figures:{dataversion.fragment_key()}"
    figures: dict[str, Any] | None = cache.get(key)
    if figures is None:
        stale_count, stale = selectors.partners_without_recent_action()
        figures = {
            "counts": partner_selectors.dashboard_counts(),
            "priorities": partner_selectors.dashboard_priorities(),
            "stale_count": stale_count,
            "stale": stale,
        }
        cache.set(key, figures, timeout=CACHE_SECONDS)
    return figures
