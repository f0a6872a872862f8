"""The data the query-count tests measure pages over: everything a page lists, ``size`` times.

``build_world(size)`` makes one anchor partner (A) whose every list has ``size`` rows (contacts,
colleagues, invitations, memberships, partnerships, proposals, agreements), an anchor
partnership with ``size`` partners and ``size`` actions, an anchor agreement with ``size``
clauses, versions, signed scans and amendments, and ``size`` other partners for the directory
(each with contacts, a membership, a partnership with an action, a tag). A page measured at
two sizes lists 2 or 50 of the same things: an N+1 shows as a different count.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.roles import STAFF_MEMBER
from activities.models import ActionProposal, Activity, ActivityType
from agreements.models import Agreement, AgreementDocument, Amendment, Clause, SignedScan
from agreements.services import ActionSpec, agreement_draft
from partnerships.models import (
    Contact,
    Invitation,
    Membership,
    Partner,
    PartnerMember,
    PartnerRole,
    Partnership,
    SubPriority,
)
from tests.factories import UserFactory


@dataclass
class World:
    size: int
    staff: object
    portal_admin: object
    partner: Partner
    partnership: Partnership
    agreement: Agreement
    proposal: ActionProposal


def _partner(name: str, owner=None, **extra) -> Partner:
    return Partner.objects.create(
        name=name,
        city=extra.pop("city", "Nantes"),
        partner_type="cultural_institutions",
        sector="museums",
        legal_status="public_body",
        region="PDL",
        owner=owner,
        relationship_status="active",
        **extra,
    )


def _directory(size: int, owner, types, subs) -> None:
    """``size`` other partners, each with two contacts, a membership, a partnership, an action, a tag."""
    partners = Partner.objects.bulk_create(
        [
            Partner(
                name=f"Partenaire {i:04d}",
                city=f"Ville {i % 37}",
                partner_type="cultural_institutions",
                sector="museums",
                legal_status="public_body",
                region="IDF",
                owner=owner,
                relationship_status=["active", "prospect", "former"][i % 3],
            )
            for i in range(size)
        ]
    )
    Contact.objects.bulk_create(
        [
            Contact(partner=p, first_name="Jeanne", last_name=f"Contact {j}", email=f"c{j}-{p.pk}@example.org")
            for p in partners
            for j in range(2)
        ]
    )
    Membership.objects.bulk_create([Membership(partner=p, year=2026, amount=100) for p in partners])
    partnerships = Partnership.objects.bulk_create(
        [Partnership(title=f"Projet {p.name}", goal="Objectif", lead=owner) for p in partners]
    )
    Partnership.partners.through.objects.bulk_create(
        [Partnership.partners.through(partnership=ps, partner=p) for ps, p in zip(partnerships, partners, strict=True)]
    )
    Partnership.sub_priorities.through.objects.bulk_create(
        [
            Partnership.sub_priorities.through(partnership=ps, subpriority=subs[i % len(subs)])
            for i, ps in enumerate(partnerships)
        ]
    )
    Activity.objects.bulk_create(
        [
            Activity(
                partnership=ps,
                activity_type=types[i % len(types)],
                title=f"Action {i}",
                start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
            )
            for i, ps in enumerate(partnerships)
        ]
    )
    for p in partners[:20]:
        p.tags.add("GLAM")
    return partners


@scopes_disabled()
def build_world(size: int) -> World:
    types = list(ActivityType.objects.order_by("pk"))
    subs = list(SubPriority.objects.order_by("pk"))
    staff = UserFactory(username=f"staff-{size}", is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF_MEMBER))
    others = _directory(size, staff, types, subs)

    partner = _partner(f"Ancre {size}", owner=staff)
    co_partner = _partner(f"Co-partenaire {size}")
    admin = UserFactory(username=f"portal-admin-{size}")
    PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
    colleagues = [UserFactory(username=f"colleague-{size}-{i}") for i in range(size)]
    PartnerMember.objects.bulk_create(
        [PartnerMember(partner=partner, user=u, role=PartnerRole.MEMBER) for u in colleagues]
    )
    Contact.objects.bulk_create(
        [Contact(partner=partner, first_name="C", last_name=f"{i}", email=f"a{i}@example.org") for i in range(size)]
    )
    Membership.objects.bulk_create([Membership(partner=partner, year=2026 - i, amount=100) for i in range(size)])
    Invitation.objects.bulk_create(
        [
            Invitation(
                partner=partner,
                email=f"i{i}@example.org",
                salt=f"{i}",
                token_hash=f"{size}-{i}",
                expires_at=timezone.now() + datetime.timedelta(days=3),
                invited_by=admin,
            )
            for i in range(size)
        ]
    )
    partnerships = Partnership.objects.bulk_create(
        [Partnership(title=f"P{i}", goal="g", lead=staff) for i in range(size)]
    )
    through = Partnership.partners.through
    through.objects.bulk_create(
        [through(partnership=p, partner=partner) for p in partnerships]
        + [through(partnership=p, partner=co_partner) for p in partnerships]
    )
    anchor = partnerships[0]
    through.objects.bulk_create([through(partnership=anchor, partner=p) for p in others[: size - 1]])
    anchor.sub_priorities.add(*subs[:2])
    Activity.objects.bulk_create(
        [Activity(partnership=anchor, activity_type=types[i % len(types)], title=f"Action {i}") for i in range(size)]
    )
    proposals = ActionProposal.objects.bulk_create(
        [
            ActionProposal(
                partner=partner, activity_type=types[0], title=f"Idée {i}", description="d", submitted_by=admin
            )
            for i in range(size)
        ]
    )
    agreement = agreement_draft(
        partnership=anchor,
        partner=partner,
        kind="partnership_agreement",
        language="fr",
        by=staff,
        actions=[ActionSpec(activity_type=types[i % len(types)]) for i in range(size)],
    )
    amendments = Amendment.objects.bulk_create(
        [Amendment(agreement=agreement, number=i + 1, created_by=staff) for i in range(size)]
    )
    AgreementDocument.objects.bulk_create(
        [
            AgreementDocument(agreement=agreement, version=i + 1, language="fr", frozen=True, created_by=staff)
            for i in range(size)
        ]
    )
    SignedScan.objects.bulk_create(
        [
            SignedScan(
                agreement=agreement,
                amendment=amendments[i],
                file=f"scans/scan-{size}-{i}.pdf",
                original_name=f"scan-{i}.pdf",
                sha256="0" * 64,
                size=1000,
                uploaded_by=staff,
            )
            for i in range(size)
        ]
    )
    Agreement.objects.filter(pk=agreement.pk).update(status="sent")  # the portal shows sent ones
    for i in range(size - 1):
        other = agreement_draft(
            partnership=partnerships[i + 1],
            partner=partner,
            kind="partnership_agreement",
            language="fr",
            by=staff,
            actions=[ActionSpec(activity_type=types[0])],
        )
        Agreement.objects.filter(pk=other.pk).update(status="sent")
    assert Clause.objects.filter(agreement=agreement).count() == size
    agreement.refresh_from_db()
    return World(size, staff, admin, partner, anchor, agreement, proposals[0])
