"""What the staff and the portal pages of an activity share: the figures, read once."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..models import Activity, StakeholderKind

# Figures of a snapshot shown on the activity page, in this order.
FIGURES = {
    "edits": _("Edits"),
    "bytes_added": _("Bytes added"),
    "bytes_removed": _("Bytes removed"),
    "articles_edited": _("Articles edited"),
    "articles_created": _("Articles created"),
    "wikidata_items_edited": _("Wikidata items edited"),
    "active_participants": _("Participants who contributed"),
    "files_in_category": _("Files in the Commons category"),
    "files_uploaded": _("Files uploaded by the participants"),
    "files_total": _("Files counted"),
    "files_in_use": _("Files in use on a wiki"),
    "reuse_share": _("Re-use share"),
    "pages_using_files": _("Pages using the files"),
    "page_views": _("Page views"),
}
PARTS = {
    "scope": _("checking the scope"),
    "contributions": _("contributions"),
    "uploads": _("uploads"),
    "category": _("Commons category"),
    "file_usage": _("file re-use"),
    "articles_category": _("category of articles"),
    "pageviews": _("page views"),
}


def activity_context(activity: Activity) -> dict:
    """Targets with results and variance, hours, money and the snapshot shown ("as of")."""
    snapshots = activity.recent_snapshots
    shown = selectors.shown_snapshot(snapshots)
    stakeholders = list(activity.stakeholders.all())
    total_hours = sum((s.hours for s in stakeholders), Decimal("0"))
    costs = list(activity.costs.all())
    contributions = list(activity.partner_contributions.all())
    return {
        "activity": activity,
        "partners": list(activity.partnership.partners.all()),
        "lines": selectors.indicator_lines(
            indicators=list(activity.indicators.all()), snapshot=shown, total_hours=total_hours
        ),
        "stakeholders": stakeholders,
        "volunteer_hours": sum((s.hours for s in stakeholders if s.kind == StakeholderKind.VOLUNTEER), Decimal("0")),
        "staff_hours": sum((s.hours for s in stakeholders if s.kind == StakeholderKind.STAFF), Decimal("0")),
        "total_hours": total_hours,
        "costs": costs,
        "costs_total": selectors.money_totals(costs),
        "contributions": contributions,
        "contributions_total": selectors.money_totals(contributions),
        "scope": getattr(activity, "metrics_scope", None),
        "snapshots": snapshots,
        "latest": snapshots[0] if snapshots else None,
        "shown": shown,
        "figures": [
            (name, label, shown.figures[name]) for name, label in FIGURES.items() if shown.figures.get(name) is not None
        ]
        if shown
        else [],
        "failed_parts": [str(PARTS.get(p, p)) for p in (snapshots[0].failures if snapshots else {})],
    }
