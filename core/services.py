from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models
from django.db.models import F
from django.utils import timezone

from .models import AuditEntry, WorkerHeartbeat

M = TypeVar("M", bound=models.Model)


def audit_log(
    *,
    obj: models.Model,
    action: str,
    actor: Any = None,
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


def model_full_clean(instance: models.Model, *, exclude: Iterable[str] | None = None) -> None:
    """Run the model's own rules (fields, ``clean()``, uniqueness, constraints) before a write.

    Services call this so that a rule written once on the model holds for every caller
    (views, admin, commands, demo data), not only for forms.
    """
    instance.full_clean(exclude=list(exclude) if exclude is not None else None)


def model_update(*, instance: M, data: Mapping[str, Any], extra_fields: Iterable[str] = ()) -> tuple[M, list[str]]:
    """Set ``data`` on ``instance``, validate it and save only the fields that changed.

    Returns the instance and the names of the fields that changed (HackSoft's
    ``model_update``). Many-to-many fields are set after the save; ``updated_at`` (when the
    model has it) is saved with any change.
    """
    meta = instance._meta
    m2m: dict[str, Any] = {}
    changed: list[str] = []
    for name, value in data.items():
        field = meta.get_field(name)
        if not isinstance(field, models.Field):
            raise TypeError(f"{name!r} is not a concrete field of {meta.label}")
        if field.many_to_many:
            m2m[name] = value
            continue
        current = getattr(instance, field.attname)
        wanted = value.pk if isinstance(value, models.Model) else value
        if current != wanted:
            setattr(instance, name, value)
            changed.append(name)
    if changed:
        model_full_clean(instance)
        update_fields = [*changed, *extra_fields]
        if any(f.name == "updated_at" for f in meta.get_fields()):
            update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
    for name, value in m2m.items():
        manager = getattr(instance, name)
        before = {obj.pk for obj in manager.all()}
        after = {obj.pk for obj in value}
        if before != after:
            manager.set(value)
            changed.append(name)
    return instance, changed
