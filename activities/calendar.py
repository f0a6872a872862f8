"""The actions in the calendar feeds (``core.feeds``, registered in ``ActivitiesConfig.ready()``):
one all-day event from an action's start to its end, for the partner's feed and its users'
(the partner's actions), and for a staff member's feed (the actions of the partnerships they
lead). One query."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from core.feeds import CalendarEvent, FeedQuery, absolute, uid

from .lifecycle import ActivityStatus
from .models import Activity


def activity_events(query: FeedQuery) -> list[CalendarEvent]:
    if query.partner_ids:
        mine = Q(pk__in=Activity.objects.filter(partnership__partners__in=query.partner_ids).values("pk"))
    elif query.user is not None and query.user.is_staff:
        mine = Q(partnership__lead=query.user)
    else:
        return []
    # Dated, not cancelled, and overlapping the window (an action without an end lasts a day).
    overlapping = Q(start_date__lte=query.end) & (
        Q(end_date__gte=query.start) | Q(end_date=None, start_date__gte=query.start)
    )
    activities = (
        Activity.objects.filter(mine, overlapping)
        .exclude(status=ActivityStatus.CANCELLED)
        .only("pk", "title", "start_date", "end_date")
        .order_by("start_date", "pk")
    )
    name = "portal:activity_detail" if query.portal else "staff:activity_detail"
    return [
        CalendarEvent(
            uid=uid(f"activity:{a.pk}"),
            summary=a.title,
            start=a.start_date,
            end=a.end_date,
            url=absolute(reverse(name, args=[a.pk])),
        )
        for a in activities
        if a.start_date is not None
    ]
