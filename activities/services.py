"""Writes on the catalogue and on actions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_log
from partnerships.models import Partnership, PipelineStatus
from partnerships.services import plan_load

from .catalogue_data import ACTIVITY_TYPES, PLAN
from .models import ActionProposal, Activity, ActivityType, ProposalStatus
from .tasks import notify_partner_of_decision, notify_staff_of_proposal

DECLINE_REASON_MAX = 2_000

TRANSLATED_FIELDS = ("name", "definition", "note", "period")
LIST_FIELDS = ("wmfr_contribution", "partner_contribution", "reciprocal_commitments")


@transaction.atomic
def catalogue_load() -> int:
    """Create or update the 11 activity types and the action plan from the policy (idempotent).

    Returns the number of activity types.
    """
    plan_load(data=PLAN)
    for position, row in enumerate(ACTIVITY_TYPES, start=1):
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
    return len(ACTIVITY_TYPES)


@transaction.atomic
def proposal_submit(*, partner, activity_type: ActivityType, by, **fields) -> ActionProposal:
    """Record a partner's proposal; the staff who decide on proposals get an e-mail once it is committed."""
    proposal = ActionProposal.objects.create(partner=partner, activity_type=activity_type, submitted_by=by, **fields)
    audit_log(obj=proposal, action="proposal.submitted", actor=by, to_state=ProposalStatus.SUBMITTED)
    notify_staff_of_proposal.delay_on_commit(proposal.pk)
    return proposal


def proposal_accept(*, proposal: ActionProposal, by) -> Partnership:
    """Turn a submitted proposal into a partnership (in discussion) with its planned action.

    The partner who proposed it is told by e-mail, in their language, once it is committed.
    """
    with transaction.atomic():
        locked = ActionProposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status != ProposalStatus.SUBMITTED:
            raise ValidationError(_("This proposal has already been handled."))
        partnership = Partnership.objects.create(
            title=locked.title,
            goal=locked.description,
            status=PipelineStatus.IN_DISCUSSION,
            lead=by,
            start_date=locked.desired_start,
        )
        partnership.partners.add(locked.partner_id)
        Activity.objects.create(
            partnership=partnership,
            activity_type=locked.activity_type,
            title=locked.title,
            start_date=locked.desired_start,
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
        audit_log(obj=partnership, action="partnership.created", actor=by, data={"proposal": locked.pk})
        notify_partner_of_decision.delay_on_commit(locked.pk)
    proposal.refresh_from_db()
    return partnership


def proposal_decline(*, proposal: ActionProposal, by, reason: str) -> ActionProposal:
    """Decline a submitted proposal with a reason, which the partner receives by e-mail in their language."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the proposal is declined: the partner receives this reason.")})
    if len(reason) > DECLINE_REASON_MAX:
        raise ValidationError({"reason": _("Keep the reason under %(max)s characters.") % {"max": DECLINE_REASON_MAX}})
    with transaction.atomic():
        locked = ActionProposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status != ProposalStatus.SUBMITTED:
            raise ValidationError(_("This proposal has already been handled."))
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
