"""Writes on the catalogue, on actions and on partners' proposals."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services import audit_log, model_full_clean
from core.wikimedia_metrics import normalize_username
from partnerships import lifecycle as partnership_lifecycle
from partnerships.models import Partner, Partnership
from partnerships.services import partnership_create, plan_load

from . import catalogue, lifecycle
from .indicator_kinds import get_kind
from .models import (
    ActionProposal,
    Activity,
    ActivityStatus,
    ActivityType,
    Cost,
    Indicator,
    PartnerContribution,
    ProposalStatus,
    Stakeholder,
)
from .tasks import notify_partner_of_decision, notify_staff_of_proposal

DECLINE_REASON_MAX = 2_000

TRANSLATED_FIELDS = ("name", "definition", "note", "period")
LIST_FIELDS = ("wmfr_contribution", "partner_contribution", "reciprocal_commitments")


@transaction.atomic
def catalogue_load() -> int:
    """Create or update the 11 activity types and the action plan from the policy (idempotent).

    Returns the number of activity types.
    """
    rows = catalogue.activity_types()
    plan_load(data=catalogue.plan())
    for position, row in enumerate(rows, start=1):
        activity_type = ActivityType.objects.filter(code=row["code"]).first() or ActivityType(code=row["code"])
        activity_type.position = position
        for field in TRANSLATED_FIELDS:
            for lang, value in row[field].items():
                setattr(activity_type, f"{field}_{lang}", value)
        for field in LIST_FIELDS:
            for lang, items in row[field].items():
                setattr(activity_type, f"{field}_{lang}", "\n".join(items))
        activity_type.eligible_partner_types = list(row["partner_types"])
        activity_type.documents = list(row["documents"])
        activity_type.min_months = row["min_months"]
        activity_type.max_months = row["max_months"]
        activity_type.membership_fee_expected = row["membership_fee_expected"]
        activity_type.save()
    return len(rows)


def proposal_submit(
    *,
    partner: Partner,
    activity_type: ActivityType,
    by: User | None,
    title: str,
    description: str,
    desired_start: datetime.date | None = None,
    audience: str = "",
) -> ActionProposal:
    """A partner proposes an action of a catalogue type its organisation is eligible for."""
    problem = lifecycle.eligibility_problem(activity_type, partner)
    if problem:
        raise ValidationError(problem, code="not_eligible")
    with transaction.atomic():
        proposal = ActionProposal(
            partner=partner,
            activity_type=activity_type,
            submitted_by=by,
            title=title,
            description=description,
            desired_start=desired_start,
            audience=audience,
        )
        model_full_clean(proposal)
        proposal.save()
        audit_log(obj=proposal, action="proposal.submitted", actor=by, to_state=ProposalStatus.SUBMITTED)
        # The staff who decide on proposals get an e-mail once it is committed.
        notify_staff_of_proposal.delay_on_commit(proposal.pk)
    return proposal


def activity_create(
    *,
    partnership: Partnership,
    activity_type: ActivityType,
    title: str,
    by: User | None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    location: str = "",
    region: str = "",
    audience: str = "",
    notes: str = "",
) -> Activity:
    """Plan an action of a catalogue type within an open partnership."""
    if not partnership.can_add_activity:
        raise ValidationError(
            _("No action can be added to a partnership that is “%(status)s”.")
            % {"status": partnership.get_status_display()},
            code="lifecycle",
        )
    with transaction.atomic():
        activity = Activity(
            partnership=partnership,
            activity_type=activity_type,
            title=title,
            start_date=start_date,
            end_date=end_date,
            location=location,
            region=region,
            audience=audience,
            notes=notes,
        )
        model_full_clean(activity)
        activity.save()
        audit_log(
            obj=partnership,
            action="partnership.activity_added",
            actor=by,
            data={"activity": activity.pk, "type": activity_type.code, "title": activity.title},
        )
    return activity


def proposal_accept(*, proposal: ActionProposal, by: User | None) -> Partnership:
    """Turn a submitted proposal into a partnership (in discussion) with its planned action.

    The partner who proposed it is told by e-mail, in their language, once it is committed.
    """
    with transaction.atomic():
        locked = ActionProposal.objects.select_for_update().get(pk=proposal.pk)
        if not lifecycle.can_transition(locked, ProposalStatus.ACCEPTED):
            raise ValidationError(_("This proposal has already been handled."), code="lifecycle")
        partnership = partnership_create(
            by=by,
            title=locked.title,
            goal=locked.description,
            partners=[locked.partner],
            status=partnership_lifecycle.FROM_PROPOSAL,
            lead=by if by is not None and by.is_staff else None,
            start_date=locked.desired_start,
        )
        activity_create(
            partnership=partnership,
            activity_type=locked.activity_type,
            title=locked.title,
            start_date=locked.desired_start,
            by=by,
        )
        locked.status = ProposalStatus.ACCEPTED
        locked.partnership = partnership
        locked.reviewed_by = by
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["status", "partnership", "reviewed_by", "reviewed_at"])
        audit_log(
            obj=locked,
            action="proposal.accepted",
            actor=by,
            from_state=ProposalStatus.SUBMITTED,
            to_state=ProposalStatus.ACCEPTED,
            data={"partnership": partnership.pk},
        )
        notify_partner_of_decision.delay_on_commit(locked.pk)
    proposal.refresh_from_db()
    return partnership


def proposal_decline(*, proposal: ActionProposal, by: User | None, reason: str) -> ActionProposal:
    """Decline a submitted proposal with a reason, which the partner receives by e-mail in their language."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the proposal is declined: the partner receives this reason.")})
    if len(reason) > DECLINE_REASON_MAX:
        raise ValidationError({"reason": _("Keep the reason under %(max)s characters.") % {"max": DECLINE_REASON_MAX}})
    with transaction.atomic():
        locked = ActionProposal.objects.select_for_update().get(pk=proposal.pk)
        if not lifecycle.can_transition(locked, ProposalStatus.DECLINED):
            raise ValidationError(_("This proposal has already been handled."), code="lifecycle")
        locked.status = ProposalStatus.DECLINED
        locked.decline_reason = reason
        locked.reviewed_by = by
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["status", "decline_reason", "reviewed_by", "reviewed_at"])
        audit_log(
            obj=locked,
            action="proposal.declined",
            actor=by,
            from_state=ProposalStatus.SUBMITTED,
            to_state=ProposalStatus.DECLINED,
        )
        notify_partner_of_decision.delay_on_commit(locked.pk)
    proposal.refresh_from_db()
    return proposal


# --- Activities: creation, details, status -----------------------------------------------------

ACTIVITY_FIELDS = ("title", "start_date", "end_date", "location", "region", "audience", "notes")


def _check_dates(start: datetime.date | None, end: datetime.date | None) -> None:
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


@transaction.atomic
def activity_update(
    *, activity: Activity, by: User | None, activity_type: ActivityType | None = None, **fields: Any
) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS) - {"sub_priorities"}
    if unknown:
        raise TypeError(f"unknown activity fields: {sorted(unknown)}")
    sub_priorities = fields.pop("sub_priorities", None)
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    if activity_type is not None:
        locked.activity_type = activity_type
    _check_dates(locked.start_date, locked.end_date)
    locked.save(update_fields=[*fields, *(["activity_type"] if activity_type is not None else [])])
    if sub_priorities is not None:
        locked.sub_priorities.set(sub_priorities)
    audit_log(obj=locked, action="activity.updated", actor=by, data={"fields": sorted(fields)})
    return locked


def activity_transition(*, activity: Activity, to: str, by: User | None) -> Activity:
    """Move an activity to status ``to`` if the transition table allows it."""
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        if not lifecycle.activity_can_transition(locked, to):
            raise ValidationError(
                _("An activity cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": ActivityStatus(locked.status).label,
                    "to": ActivityStatus(to).label if to in ActivityStatus.values else to,
                }
            )
        previous = locked.status
        locked.status = to
        locked.save(update_fields=["status"])
        audit_log(obj=locked, action="activity.status", actor=by, from_state=previous, to_state=to)
    activity.refresh_from_db()
    return activity


# --- Targets, stakeholders and hours, costs, partner contributions -----------------------------


@dataclass
class IndicatorRow:
    kind: str = ""
    label: str = ""
    unit: str = ""
    target: Decimal = Decimal("0")
    manual_result: Decimal | None = None


@dataclass
class StakeholderRow:
    name: str
    kind: str
    username: str = ""
    role: str = ""
    hours: Decimal = Decimal("0")


@dataclass
class CostRow:
    category: str
    planned: Decimal = Decimal("0")
    actual: Decimal | None = None


@dataclass
class ContributionRow:
    description: str
    planned: Decimal = Decimal("0")
    actual: Decimal | None = None


def activity_plan_save(
    *,
    activity: Activity,
    by: User | None,
    indicators: list[IndicatorRow],
    stakeholders: list[StakeholderRow],
    costs: list[CostRow],
    contributions: list[ContributionRow],
) -> Activity:
    """Replace the activity's targets, stakeholders (with hours), costs and partner contributions
    at once: all of them are saved, or none (a row that breaks a rule fails the whole save)."""
    categories = [c.category for c in costs]
    if len(categories) != len(set(categories)):
        raise ValidationError(_("Each cost category can appear only once."))
    for row in indicators:
        if not row.kind and not row.label.strip():
            raise ValidationError(_("Choose an indicator or name a free one."))
        if row.kind and get_kind(row.kind) is None:
            raise ValidationError(_("Unknown indicator “%(kind)s”.") % {"kind": row.kind})
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        locked.indicators.all().delete()
        Indicator.objects.bulk_create(
            [
                Indicator(
                    activity=locked,
                    kind=row.kind,
                    label="" if row.kind else row.label.strip(),
                    unit="" if row.kind else row.unit.strip(),
                    target=row.target,
                    manual_result=row.manual_result,
                    position=position,
                )
                for position, row in enumerate(indicators)
            ]
        )
        locked.stakeholders.all().delete()
        Stakeholder.objects.bulk_create(
            [
                Stakeholder(
                    activity=locked,
                    name=row.name.strip(),
                    kind=row.kind,
                    username=normalize_username(row.username) if row.username.strip() else "",
                    role=row.role.strip(),
                    hours=row.hours,
                )
                for row in stakeholders
            ]
        )
        locked.costs.all().delete()
        Cost.objects.bulk_create(
            [Cost(activity=locked, category=c.category, planned=c.planned, actual=c.actual) for c in costs]
        )
        locked.partner_contributions.all().delete()
        PartnerContribution.objects.bulk_create(
            [
                PartnerContribution(
                    activity=locked, description=c.description.strip(), planned=c.planned, actual=c.actual
                )
                for c in contributions
            ]
        )
        audit_log(
            obj=locked,
            action="activity.plan_saved",
            actor=by,
            data={
                "indicators": len(indicators),
                "stakeholders": len(stakeholders),
                "costs": len(costs),
                "contributions": len(contributions),
            },
        )
    return locked
