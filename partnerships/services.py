"""Writes on partners and partnerships. Views, admin, commands and tasks call these."""

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from core import ratelimit
from core.services import audit_log

from .models import (
    Contact,
    Invitation,
    InvitationState,
    Partner,
    PartnerMember,
    PartnerRole,
    Partnership,
    PipelineStatus,
    PrincipleAcceptance,
    Priority,
    StrategicPlan,
    SubPriority,
)
from .tasks import send_invitation_email
from .tokens import TOKEN_PATTERN, invitation_token, token_hash

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


# --- Portal access: invitations and memberships ----------------------------------------

INVITATION_VALIDITY = datetime.timedelta(days=14)


class InvitationUnavailableError(Exception):
    """The token is unknown, malformed, used, expired, revoked or for another organisation."""


class InvitationLimitError(Exception):
    """Too many invitations sent by this user, for this organisation or to this address today."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _invitation_buckets(*, partner: Partner, email: str, by) -> list[ratelimit.Bucket]:
    day = 24 * 3600
    per_user = (
        settings.STAFF_INVITATIONS_PER_DAY if getattr(by, "is_staff", False) else settings.INVITATIONS_PER_USER_PER_DAY
    )
    return [
        ratelimit.Bucket("invitation-user", str(getattr(by, "pk", "") or ""), per_user, day),
        ratelimit.Bucket("invitation-partner", str(partner.pk), settings.INVITATIONS_PER_PARTNER_PER_DAY, day),
        ratelimit.Bucket("invitation-address", email, settings.INVITATIONS_PER_ADDRESS_PER_DAY, day),
    ]


@transaction.atomic
def invitation_create(
    *, partner: Partner, email: str, role: str, language: str, by, contact: Contact | None = None
) -> Invitation:
    """Invite ``email`` to ``partner``'s portal; the e-mail goes out once this commits.

    Invitations go out from the chapter's address: they are limited per inviting user, per
    organisation and per invited address (InvitationLimitError), so the portal cannot relay mail.
    """
    email = email.strip().lower()
    try:
        ratelimit.consume(*_invitation_buckets(partner=partner, email=email, by=by))
    except ratelimit.RateLimitedError as exc:
        messages = {
            "invitation-user": _("You have sent the maximum number of invitations for today. Try again tomorrow."),
            "invitation-partner": _(
                "This organisation has sent the maximum number of invitations for today. Try again tomorrow."
            ),
            "invitation-address": _("This address has already been invited several times today. Try again tomorrow."),
        }
        raise InvitationLimitError(messages[exc.bucket.scope]) from None
    invitation = Invitation(
        partner=partner,
        email=email,
        role=role,
        language=language,
        contact=contact,
        invited_by=by,
        salt=secrets.token_hex(16),  # 128 random bits behind the 256-bit token
        expires_at=timezone.now() + INVITATION_VALIDITY,
    )
    invitation.token_hash = token_hash(invitation_token(invitation))
    invitation.save()
    audit_log(obj=partner, action="invitation.created", actor=by, data={"email": invitation.email, "role": role})
    send_invitation_email.delay_on_commit(invitation.pk)
    return invitation


def invitation_find(*, partner_id: int, token: str) -> Invitation:
    """The pending invitation behind a link, or InvitationUnavailableError (the view answers 404)."""
    if not TOKEN_PATTERN.match(token or ""):
        raise InvitationUnavailableError
    with scopes_disabled():  # allow-listed: the token is the credential here
        invitation = Invitation.objects.select_related("partner").filter(token_hash=token_hash(token)).first()
    if invitation is None or invitation.partner_id != partner_id or invitation.state != InvitationState.PENDING:
        raise InvitationUnavailableError
    return invitation


def invitation_accept(
    *, invitation: Invitation, user=None, first_name: str = "", last_name: str = "", password: str = ""
):
    """Use an invitation once: create or link the account, then the membership.

    The single use is a conditional UPDATE whose row count is checked, so two clicks racing
    each other cannot both succeed.
    """
    user_model = get_user_model()
    now = timezone.now()
    with transaction.atomic(), scopes_disabled():
        claimed = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        ).update(accepted_at=now)
        if claimed != 1:
            raise InvitationUnavailableError
        if user is None:
            user = user_model.objects.filter(email__iexact=invitation.email).first()
        if user is None:
            user = user_model(
                username=_free_username(user_model, invitation.email),
                email=invitation.email,
                first_name=first_name,
                last_name=last_name,
                preferred_language=invitation.language,
            )
            user.set_password(password)
            user.save()
        elif user.email.lower() != invitation.email:
            raise InvitationUnavailableError
        Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
        member, created = PartnerMember.objects.get_or_create(
            partner_id=invitation.partner_id, user=user, defaults={"role": invitation.role}
        )
        if not created and invitation.role == PartnerRole.ADMIN and member.role != PartnerRole.ADMIN:
            member.role = PartnerRole.ADMIN
            member.save(update_fields=["role"])
        audit_log(
            obj=invitation.partner,
            action="invitation.accepted",
            actor=user,
            data={"email": invitation.email, "role": member.role},
        )
    return user


def _free_username(user_model, email: str) -> str:
    """The e-mail as login name, or the e-mail with a number when someone already has it."""
    candidate, n = email, 1
    while user_model.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{email}-{n}"
    return candidate


def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    with transaction.atomic():
        revoked = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if revoked:
            audit_log(obj=invitation.partner, action="invitation.revoked", actor=by, data={"email": invitation.email})
    invitation.refresh_from_db()
    return invitation


@transaction.atomic
def partner_profile_update(*, form, contact_formset, member: PartnerMember) -> Partner:
    """A partner admin edits the organisation's card in the portal."""
    with scopes_disabled():
        # Uniqueness of (name, city) is checked across every partner, not just this one.
        partner = form.save()
    contact_formset.instance = partner
    contact_formset.save()
    audit_log(obj=partner, action="partner.updated_in_portal", actor=member.user)
    return partner
