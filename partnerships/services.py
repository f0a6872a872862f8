"""Writes on partners and partnerships. Views, admin, commands and tasks call these."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from typing_extensions import Unpack

from accounts.models import User
from core import ratelimit
from core.db import unique_violations_as_validation_errors
from core.services import audit_log, model_full_clean, model_update

from . import lifecycle
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
from .search import search_columns
from .tasks import send_invitation_email
from .tokens import TOKEN_PATTERN, invitation_token, token_hash


class PartnerFields(TypedDict, total=False):
    """The partner's own fields, as staff edit them."""

    name: str
    legal_name: str
    acronym: str
    name_article: str
    partner_type: str
    sector: str
    legal_status: str
    relationship_status: str
    owner: User | None
    street_address: str
    postal_code: str
    city: str
    region: str
    country: str
    website: str
    wikidata_id: str
    notes: str


class PartnerCardFields(TypedDict, total=False):
    """What a partner admin may change about the organisation in the portal."""

    street_address: str
    postal_code: str
    city: str
    region: str
    country: str
    website: str


@dataclass(frozen=True)
class ContactData:
    """One contact of a partner; ``pk`` names an existing contact to update."""

    first_name: str
    last_name: str
    role: str = ""
    civility: str = ""
    email: str = ""
    phone: Any = ""
    preferred_language: str = "fr"
    is_signatory: bool = False
    pk: int | None = None


INDEXED_FIELDS = frozenset({"name", "legal_name", "acronym", "city"})


def partner_index(partner: Partner) -> Partner:
    """Fill the partner's search and sort columns from its names (no save: the caller saves).

    Every write of a partner's names goes through here (services, the demo builders, the
    data migration), so the directory finds "Musée" with "musee" and "la BnF" with "bnf" on
    SQLite and PostgreSQL alike (core.text.fold), and sorts "Écomusée" with the E.
    """
    partner.search_text, partner.sort_name = search_columns(
        name=partner.name, legal_name=partner.legal_name, short_name=partner.acronym, city=partner.city
    )
    return partner


def _reindex_if_renamed(partner: Partner, changed: Sequence[str]) -> None:
    if INDEXED_FIELDS.intersection(changed):
        partner_index(partner)
        partner.save(update_fields=["search_text", "sort_name"])


def partners_reindex(*, queryset: QuerySet[Partner] | None = None, batch_size: int = 1000) -> int:
    """Recompute the search and sort columns of many partners (after bulk loads); returns the count."""
    rows = queryset if queryset is not None else Partner.objects.all()
    changed = []
    for partner in rows.only("pk", "name", "legal_name", "acronym", "city").iterator(chunk_size=batch_size):
        changed.append(partner_index(partner))
    Partner.objects.bulk_update(changed, ["search_text", "sort_name"], batch_size=batch_size)
    return len(changed)


def _contacts_replace(*, partner: Partner, contacts: Sequence[ContactData]) -> None:
    """Make ``contacts`` the partner's whole list: update the named ones, create the new
    ones, remove the others; every contact is validated like the model says."""
    emails = [c.email.strip().lower() for c in contacts if c.email.strip()]
    if len(emails) != len(set(emails)):
        raise ValidationError({"contacts": _("This e-mail is used by another contact of this partner.")})
    existing = {c.pk: c for c in Contact.objects.filter(partner=partner)}
    unknown = [c.pk for c in contacts if c.pk is not None and c.pk not in existing]
    if unknown:
        raise ValidationError({"contacts": _("This contact belongs to another partner.")})
    kept = {c.pk for c in contacts if c.pk is not None}
    Contact.objects.filter(partner=partner).exclude(pk__in=kept).delete()
    # A colleague may add the same e-mail between our check and our insert.
    with unique_violations_as_validation_errors(Contact, keys={Contact: "contacts"}):
        for data in contacts:
            values = {k: v for k, v in asdict(data).items() if k != "pk"}
            values["email"] = values["email"].strip()
            if data.pk is None:
                contact = Contact(partner=partner, **values)
                model_full_clean(contact)
                contact.save()
            else:
                model_update(instance=existing[data.pk], data=values)


def partner_create(
    *,
    by: User | None,
    contacts: Sequence[ContactData] = (),
    tags: Sequence[str] = (),
    **fields: Unpack[PartnerFields],
) -> Partner:
    """A new partner and its contacts, all or nothing."""
    with transaction.atomic():
        partner = partner_index(Partner(**fields))
        model_full_clean(partner)
        with unique_violations_as_validation_errors(Partner):
            partner.save()
        if tags:
            partner.tags.set(list(tags))
        _contacts_replace(partner=partner, contacts=contacts)
        audit_log(obj=partner, action="partner.created", actor=by)
    return partner


def partner_update(
    *,
    partner: Partner,
    by: User | None,
    contacts: Sequence[ContactData] | None = None,
    tags: Sequence[str] | None = None,
    **fields: Unpack[PartnerFields],
) -> Partner:
    """Change a partner; ``contacts`` (when given) becomes its whole list of contacts."""
    with transaction.atomic():
        locked = Partner.objects.select_for_update().get(pk=partner.pk)
        with unique_violations_as_validation_errors(Partner):
            locked, changed = model_update(instance=locked, data=dict(fields))
        _reindex_if_renamed(locked, changed)
        if tags is not None and sorted(t.name for t in locked.tags.all()) != sorted(tags):
            locked.tags.set(list(tags))
            changed.append("tags")
        if contacts is not None:
            _contacts_replace(partner=locked, contacts=contacts)
        audit_log(obj=locked, action="partner.updated", actor=by, data={"fields": sorted(changed)})
    return locked


def partnership_allowed_statuses(partnership: Partnership) -> list[str]:
    return [value for value, _label in lifecycle.next_statuses(partnership)]


def partnership_set_status(*, partnership: Partnership, status: str, by: User | None) -> Partnership:
    """Move a partnership along its pipeline (``partnerships.lifecycle.TRANSITIONS``)."""
    with transaction.atomic():
        locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if not lifecycle.can_transition(locked, status):
            raise ValidationError(
                _("A partnership cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": locked.get_status_display(),
                    "to": PipelineStatus(status).label if status in PipelineStatus.values else status,
                },
                code="lifecycle",
            )
        previous = locked.status
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        audit_log(obj=locked, action="partnership.status", actor=by, from_state=previous, to_state=status)
    partnership.refresh_from_db()
    return partnership


class PartnershipFields(TypedDict, total=False):
    kind: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    is_pilot: bool
    lead: User | None


def partnership_create(
    *,
    by: User | None,
    title: str,
    goal: str,
    partners: Sequence[Partner],
    sub_priorities: Sequence[SubPriority] = (),
    status: str = PipelineStatus.IDENTIFIED,
    **fields: Unpack[PartnershipFields],
) -> Partnership:
    """A new partnership between WMFR and ``partners`` (one at least)."""
    if not partners:
        raise ValidationError({"partners": _("Choose at least one partner.")})
    with transaction.atomic():
        partnership = Partnership(title=title, goal=goal, status=status, **fields)
        model_full_clean(partnership)
        partnership.save()
        partnership.partners.set(partners)
        if sub_priorities:
            partnership.sub_priorities.set(sub_priorities)
        audit_log(obj=partnership, action="partnership.created", actor=by, to_state=status)
    return partnership


def partnership_update(
    *,
    partnership: Partnership,
    by: User | None,
    title: str | None = None,
    goal: str | None = None,
    partners: Sequence[Partner] | None = None,
    sub_priorities: Sequence[SubPriority] | None = None,
    **fields: Unpack[PartnershipFields],
) -> Partnership:
    """Change a partnership's details; its status moves only by ``partnership_set_status``."""
    if partners is not None and not partners:
        raise ValidationError({"partners": _("Choose at least one partner.")})
    data: dict[str, Any] = dict(fields)
    if title is not None:
        data["title"] = title
    if goal is not None:
        data["goal"] = goal
    if partners is not None:
        data["partners"] = list(partners)
    if sub_priorities is not None:
        data["sub_priorities"] = list(sub_priorities)
    with transaction.atomic():
        locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
        locked, changed = model_update(instance=locked, data=data)
        if changed:
            audit_log(obj=locked, action="partnership.updated", actor=by, data={"fields": sorted(changed)})
    return locked


@transaction.atomic
def principles_accept(*, partner: Partner, name: str, user: User | None = None) -> PrincipleAcceptance:
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
    """The token is unknown, malformed, used, expired, revoked or for another organisation.

    ``state`` says which when the link is a real one (accepted, revoked, expired), so the
    page can explain and offer the next step; anything else is "unknown".
    """

    def __init__(self, state: str = "unknown", invitation: Invitation | None = None):
        super().__init__(state)
        self.state = state
        self.invitation = invitation


class InvitationLimitError(Exception):
    """Too many invitations sent by this user, for this organisation or to this address today."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _invitation_buckets(*, partner: Partner, email: str, by: User | None) -> list[ratelimit.Bucket]:
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
    *, partner: Partner, email: str, role: str, language: str, by: User | None, contact: Contact | None = None
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
    if invitation is None or invitation.partner_id != partner_id:
        raise InvitationUnavailableError
    if invitation.state != InvitationState.PENDING:
        raise InvitationUnavailableError(invitation.state, invitation)
    return invitation


def invitation_accept(
    *, invitation: Invitation, user: User | None = None, first_name: str = "", last_name: str = "", password: str = ""
) -> User:
    """Use an invitation once: create or link the account, then the membership.

    The single use is a conditional UPDATE whose row count is checked, so two clicks racing
    each other cannot both succeed.
    """
    user_model = User
    now = timezone.now()
    with transaction.atomic(), scopes_disabled():
        claimed = Invitation.objects.pending(now=now).filter(pk=invitation.pk).update(accepted_at=now)
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


def _free_username(user_model: type[User], email: str) -> str:
    """The e-mail as login name, or the e-mail with a number when someone already has it."""
    candidate, n = email, 1
    while user_model.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{email}-{n}"
    return candidate


def invitation_revoke(*, invitation: Invitation, by: User | None) -> Invitation:
    with transaction.atomic():
        revoked = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if revoked:
            audit_log(obj=invitation.partner, action="invitation.revoked", actor=by, data={"email": invitation.email})
    invitation.refresh_from_db()
    return invitation


def partner_profile_update(
    *,
    partner: Partner,
    member: PartnerMember,
    contacts: Sequence[ContactData] | None = None,
    **fields: Unpack[PartnerCardFields],
) -> Partner:
    """A partner admin edits the organisation's card (address, website, contacts) in the portal."""
    if member.partner_id != partner.pk or not member.is_admin:
        raise ValidationError(_("Only your organisation’s partner admins can do this."))
    with transaction.atomic():
        locked = Partner.objects.select_for_update().get(pk=partner.pk)
        # Uniqueness of (name, city) is checked across every partner, not just this one.
        with scopes_disabled(), unique_violations_as_validation_errors(Partner):
            locked, changed = model_update(instance=locked, data=dict(fields))
        _reindex_if_renamed(locked, changed)
        if contacts is not None:
            _contacts_replace(partner=locked, contacts=contacts)
        audit_log(obj=locked, action="partner.updated_in_portal", actor=member.user, data={"fields": sorted(changed)})
    return locked
