from typing import Any

from django.db import models
from django.db.models import F
from django.utils import timezone

from .models import AuditEntry, WorkerHeartbeat


def audit_log(
    *,
    obj: models.Model,
    action: str,
    actor=None,
    from_state: str = "",
    to_state: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one change on ``obj``. Call it inside the transaction that makes the change."""
    return AuditEntry.objects.create(
        target=obj,
        action=action,
        actor=actor if (actor is not None and actor.is_authenticated) else None,
        from_state=from_state,
        to_state=to_state,
        data=data or {},
    )


def heartbeat_record(*, name: str = "celery") -> WorkerHeartbeat:
    """Upsert the heartbeat row; the counter increments atomically in SQL."""
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(name=name).update(last_seen=now, beats=F("beats") + 1)
    if not updated:
        WorkerHeartbeat.objects.get_or_create(name=name, defaults={"last_seen": now, "beats": 1})
    return WorkerHeartbeat.objects.get(name=name)
