"""Dates of the real rows' history, so the audit trail reads in the order of the story.

The services stamp every audit entry "now"; for the policy's partners, partnerships and
demo agreements that would say an agreement that ended in 2015 was drafted today. After
the build, each entry is moved to the day its step happened: a partner's and a
partnership's entries to when they were recorded, an agreement's drafting and sending
before its signature, its activation at its start and its end after its end date.
Generated (bulk) rows have no audit entries.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from agreements.models import Agreement
from core.models import AuditEntry

from .builders import BuildContext

NINE = dt.time(9, 0)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, NINE))


def entries_backdate(ctx: BuildContext, obj, when: dt.datetime) -> None:
    """Every entry of ``obj`` recorded by this run, at ``when`` (one minute apart, in order)."""
    content_type = ContentType.objects.get_for_model(obj)
    entries = AuditEntry.objects.filter(content_type=content_type, object_id=str(obj.pk), at__gte=ctx.now)
    for offset, pk in enumerate(entries.order_by("pk").values_list("pk", flat=True)):
        AuditEntry.objects.filter(pk=pk).update(at=min(when + dt.timedelta(minutes=offset), ctx.now))


def agreement_backdate(ctx: BuildContext, agreement: Agreement) -> None:
    """Drafted a month before its signature, sent a week before, then the later steps."""
    agreement.refresh_from_db()
    signed = agreement.signed_on
    if signed is None:
        return  # drafts, in review, sent: they happen now
    drafted = _at(signed - dt.timedelta(days=30))
    Agreement.objects.filter(pk=agreement.pk).update(created_at=drafted)
    content_type = ContentType.objects.get_for_model(agreement)
    entries = AuditEntry.objects.filter(content_type=content_type, object_id=str(agreement.pk), at__gte=ctx.now)
    when = drafted
    for entry in entries.order_by("pk"):
        if entry.to_state == "sent":
            when = _at(signed - dt.timedelta(days=7))
        elif entry.to_state == "signed":
            when = _at(signed)
        elif entry.to_state == "active" and agreement.start_date:
            when = max(when, _at(agreement.start_date))
        elif entry.to_state == "ended" and agreement.end_date:
            when = _at(agreement.end_date + dt.timedelta(days=1))
        elif entry.to_state == "terminated":
            when = max(when, _at(min(ctx.today - dt.timedelta(days=1), signed + dt.timedelta(days=60))))
        when = min(max(when, drafted), ctx.now)
        AuditEntry.objects.filter(pk=entry.pk).update(at=when)
        when += dt.timedelta(minutes=1)
    # Its versions: the drafts when it was drafted, the frozen one when it was sent.
    agreement.documents.filter(frozen=False).update(created_at=drafted)
    agreement.documents.filter(frozen=True).update(created_at=_at(signed - dt.timedelta(days=7)))
