"""The partner's private calendar (``core.feeds``): its address, managed by its portal admins
(writes, audited), and what it holds: the partner's deadlines as the portal shows them, and
the events the apps register (its actions)."""

from __future__ import annotations

import datetime

from django.db import transaction

from core.deadlines import upcoming_deadlines
from core.feeds import CalendarEvent, FeedQuery, calendar_events, deadline_events, feed_token, new_salt
from core.services import audit_log

from .models import Partner, PartnerCalendarFeed


def partner_feed_path(feed: PartnerCalendarFeed) -> str:
    from django.urls import reverse

    return reverse("partner_calendar_feed", args=[feed.partner_id, feed_token("partner", feed.salt)])


def partner_feed_regenerate(*, partner: Partner, by) -> PartnerCalendarFeed:
    """A new address for the partner's calendar (the previous one stops working)."""
    with transaction.atomic():
        feed, created = PartnerCalendarFeed.objects.select_for_update().get_or_create(
            partner=partner, defaults={"salt": new_salt(), "created_by": by}
        )
        if not created:
            feed.salt, feed.created_by = new_salt(), by
            feed.save(update_fields=["salt", "created_by", "created_at"])
        audit_log(obj=partner, action="partner.calendar_created" if created else "partner.calendar_renewed", actor=by)
    return feed


def partner_feed_revoke(*, partner: Partner, by) -> bool:
    """Turn the partner's calendar address off (404 from now on); False if there was none."""
    with transaction.atomic():
        deleted, _rows = PartnerCalendarFeed.objects.filter(partner=partner).delete()
        if deleted:
            audit_log(obj=partner, action="partner.calendar_revoked", actor=by)
    return bool(deleted)


def partner_feed_events(partner: Partner, start: datetime.date, end: datetime.date) -> list[CalendarEvent]:
    """Its deadlines (portal kinds, partner wording) and its actions; run inside its scope."""
    events = deadline_events(upcoming_deadlines(start, end, partner=partner, portal=True), portal=True)
    return events + calendar_events(FeedQuery(start=start, end=end, partner_ids=(partner.pk,), portal=True))
