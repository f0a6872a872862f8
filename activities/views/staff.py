"""Back-office dashboard: it sits here, above partnerships, because it also counts actions."""

from django.shortcuts import render
from django.views import View

from core.access import StaffRequiredMixin
from partnerships import selectors as partner_selectors
from partnerships.models import PartnerType, Region, RelationshipStatus


def _labelled(counts: dict, choices) -> list[tuple[str, str, int]]:
    return [(value, label, counts.get(value, 0)) for value, label in choices]


class DashboardView(StaffRequiredMixin, View):
    permission_required = ("partnerships.view_partner",)

    def get(self, request):
        counts = partner_selectors.dashboard_counts()
        stale_count, stale = partner_selectors.partners_without_recent_action()
        return render(
            request,
            "activities/staff/dashboard.html",
            {
                "nav": "dashboard",
                "total_partners": sum(counts["by_status"].values()),
                "by_status": _labelled(counts["by_status"], RelationshipStatus.choices),
                "by_type": _labelled(counts["by_type"], PartnerType.choices),
                "by_region": [row for row in _labelled(counts["by_region"], Region.choices) if row[2]],
                "priorities": partner_selectors.dashboard_priorities(),
                "stale_count": stale_count,
                "stale_partners": stale,
                "newest_partnerships": partner_selectors.newest_partnerships(),
                "recent_action_days": partner_selectors.RECENT_ACTION_DAYS,
            },
        )
