"""Writes on partners and partnerships. Views, admin, commands and tasks call these."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_log

from .models import (
    Partner,
    Partnership,
    PipelineStatus,
    PrincipleAcceptance,
    Priority,
    StrategicPlan,
    SubPriority,
)

# Allowed pipeline moves. Going back one step is allowed (a discussion can stall);
# a completed or abandoned partnership can be reopened into discussion.
PIPELINE_TRANSITIONS: dict[str, set[str]] = {
    PipelineStatus.IDENTIFIED: {PipelineStatus.IN_DISCUSSION, PipelineStatus.ABANDONED},
    PipelineStatus.IN_DISCUSSION: {PipelineStatus.IDENTIFIED, PipelineStatus.DRAFTING, PipelineStatus.ABANDONED},
    PipelineStatus.DRAFTING: {PipelineStatus.IN_DISCUSSION, PipelineStatus.ACTIVE, PipelineStatus.ABANDONED},
    PipelineStatus.ACTIVE: {PipelineStatus.COMPLETED, PipelineStatus.ABANDONED},
    PipelineStatus.COMPLETED: {PipelineStatus.IN_DISCUSSION},
    PipelineStatus.ABANDONED: {PipelineStatus.IN_DISCUSSION},
}


@transaction.atomic
def partner_save_with_contacts(*, form, contact_formset, by) -> Partner:
    """Save a validated partner form and its contacts formset, all or nothing."""
    creating = form.instance.pk is None
    partner = form.save()
    contact_formset.instance = partner
    contact_formset.save()
    audit_log(obj=partner, action="partner.created" if creating else "partner.updated", actor=by)
    return partner


def partnership_allowed_statuses(partnership: Partnership) -> list[str]:
    return [s for s in PipelineStatus.values if s in PIPELINE_TRANSITIONS[partnership.status]]


def partnership_set_status(*, partnership: Partnership, status: str, by) -> Partnership:
    """Move a partnership along its pipeline; refuses moves not in PIPELINE_TRANSITIONS."""
    with transaction.atomic():
        locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if status not in PIPELINE_TRANSITIONS[locked.status]:
            raise ValidationError(
                _("A partnership cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": locked.get_status_display(),
                    "to": PipelineStatus(status).label if status in PipelineStatus.values else status,
                }
            )
        previous = locked.status
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        audit_log(obj=locked, action="partnership.status", actor=by, from_state=previous, to_state=status)
    partnership.refresh_from_db()
    return partnership


@transaction.atomic
def partnership_save(*, form, by) -> Partnership:
    creating = form.instance.pk is None
    partnership = form.save()
    audit_log(obj=partnership, action="partnership.created" if creating else "partnership.updated", actor=by)
    return partnership


@transaction.atomic
def principles_accept(*, partner: Partner, name: str, user=None) -> PrincipleAcceptance:
    acceptance = PrincipleAcceptance.objects.create(
        partner=partner, accepted_by_name=name, accepted_by=user, accepted_at=timezone.now()
    )
    audit_log(obj=partner, action="partner.principles_accepted", actor=user, data={"name": name})
    return acceptance


def _translated(obj: Any, field: str, values: dict[str, str]) -> None:
    for lang, value in values.items():
        setattr(obj, f"{field}_{lang}", value)


@transaction.atomic
def plan_load(*, data: dict[str, Any]) -> StrategicPlan:
    """Create or update an action plan and its priorities from reference data (idempotent)."""
    plan, _created = StrategicPlan.objects.get_or_create(
        code=data["code"], defaults={"start_year": data["start_year"], "end_year": data["end_year"]}
    )
    _translated(plan, "name", data["name"])
    plan.name = data["name"]["fr"]
    plan.start_year, plan.end_year = data["start_year"], data["end_year"]
    if data.get("is_current", True):
        StrategicPlan.objects.exclude(pk=plan.pk).filter(is_current=True).update(is_current=False)
        plan.is_current = True
    plan.save()
    for p in data["priorities"]:
        priority, _c = Priority.objects.get_or_create(
            plan=plan, number=p["number"], defaults={"title": p["title"]["fr"]}
        )
        _translated(priority, "title", p["title"])
        priority.save()
        for position, sub in enumerate(p["sub_priorities"], start=1):
            sp, _c = SubPriority.objects.get_or_create(
                priority=priority, position=position, defaults={"title": sub["fr"]}
            )
            _translated(sp, "title", sub)
            sp.save()
        SubPriority.objects.filter(priority=priority, position__gt=len(p["sub_priorities"])).delete()
    return plan
