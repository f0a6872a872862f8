"""The deadlines pages: every kind the apps declare (``core.deadlines``), staff and portal.

- Back-office: what is overdue, then what falls in the period (the next 90 days unless the
  filter says otherwise), filtered by kind, partner, staff lead and region; each list read by
  pages and counted up to ``core.deadlines.LISTED_UP_TO`` (``DeadlineList``), so the page
  costs the same at 10,000 and 100,000 partners.
- Portal: the partner's own, portal kinds only (what is overdue, then the next year); the
  source filters on ``request.partner`` in SQL, inside the request's scope.
"""

from __future__ import annotations

import datetime

from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views import View

from core.access import PortalRequiredMixin, StaffRequiredMixin
from core.deadlines import (
    LISTED_UP_TO,
    DeadlineList,
    Occurrence,
    overdue_and_upcoming,
    overdue_and_upcoming_lists,
)
from core.pagination import page_of

from ..feeds import partner_feed_path
from ..filters import DeadlineFilter
from ..models import Partner, PartnerCalendarFeed

#: The back-office page's lists, by pages of this many rows (the overdue list, shown first, is
#: the shorter); LISTED_UP_TO (1,000) makes 20 and 10 pages, past which the page asks to narrow.
OVERDUE_PAGE_SIZE = 50
UPCOMING_PAGE_SIZE = 100
#: The portal page lists the partner's deadlines of the next year.
PORTAL_DEADLINES_HORIZON = datetime.timedelta(days=365)


def _rows(occurrences: list[Occurrence], today: datetime.date, *, portal: bool) -> list[dict]:
    return [
        {
            "date": o.date,
            "days": o.days_from(today),
            "late": -o.days_from(today),
            "kind": o.deadline_kind.label,
            "text": o.portal_text if portal else o.text,
            "url": o.portal_url if portal else o.url,
            "partner": o.partner_name,
            "key": o.key,
        }
        for o in occurrences
    ]


class StaffDeadlinesView(StaffRequiredMixin, View):
    # Those who run partnerships (staff members, programme officers), not the grants committee.
    permission_required = ("partnerships.view_partner", "partnerships.change_partnership")

    def get(self, request):
        deadline_filter = DeadlineFilter(request.GET, queryset=Partner.objects.none(), request=request)
        form = deadline_filter.form
        today = timezone.localdate()
        period = None
        if form.is_valid():
            data = form.cleaned_data
            period = (data["start"], data["end"])

        def lists() -> tuple[DeadlineList, DeadlineList] | tuple[list[Occurrence], list[Occurrence]]:
            if period is None:
                return [], []
            data = form.cleaned_data
            chosen = {
                "partner": data["partner"],
                "kinds": [data["kind"]] if data["kind"] else None,
                "owner": data["owner"],
                "region": data["region"] or None,
            }
            # Read by pages (core.deadlines.DeadlineList): each kind's first rows of the page
            # and a capped count, not every deadline of the period (thousands at 10,000
            # partners, tens of thousands at 100,000).
            return overdue_and_upcoming_lists(today, data["start"], data["end"], up_to=LISTED_UP_TO, **chosen)

        # Read only when the page's cached block is not ({% cache %}, core/dataversion.py).
        found = SimpleLazyObject(lists)
        overdue_page = SimpleLazyObject(lambda: page_of(found[0], request.GET.get("overdue_page"), OVERDUE_PAGE_SIZE))
        upcoming_page = SimpleLazyObject(lambda: page_of(found[1], request.GET.get("page"), UPCOMING_PAGE_SIZE))
        return render(
            request,
            "partnerships/staff/deadlines.html",
            {
                "nav": "deadlines",
                "filter": deadline_filter,
                "period": period,
                "overdue_page": overdue_page,
                "upcoming_page": upcoming_page,
                "overdue": SimpleLazyObject(lambda: _rows(list(overdue_page.object_list), today, portal=False)),
                "upcoming": SimpleLazyObject(lambda: _rows(list(upcoming_page.object_list), today, portal=False)),
                # More deadlines than a list counts (LISTED_UP_TO): the page says so and pages
                # up to there.
                "overdue_capped": SimpleLazyObject(lambda: getattr(found[0], "capped", False)),
                "upcoming_capped": SimpleLazyObject(lambda: getattr(found[1], "capped", False)),
                "listed_up_to": LISTED_UP_TO,
            },
            status=200 if form.is_valid() else 400,
        )


class PortalDeadlinesView(PortalRequiredMixin, View):
    def get(self, request):
        partner = request.partner
        is_admin = request.partner_member.is_admin
        feed = PartnerCalendarFeed.objects.filter(partner=partner).first() if is_admin else None
        today = timezone.localdate()
        overdue, upcoming = overdue_and_upcoming(today, today + PORTAL_DEADLINES_HORIZON, partner=partner, portal=True)
        return render(
            request,
            "partnerships/portal/deadlines.html",
            {
                "partner": partner,
                "overdue": _rows(overdue, today, portal=True),
                "upcoming": _rows(upcoming, today, portal=True),
                "horizon_end": today + PORTAL_DEADLINES_HORIZON,
                "is_admin": is_admin,
                "feed_url": request.build_absolute_uri(partner_feed_path(feed)) if feed is not None else "",
            },
        )
