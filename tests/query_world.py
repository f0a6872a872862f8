"""The one data builder of the query-count tests: everything a page lists, ``size`` times.

``build_world(size)`` makes:

- ``size`` directory partners (each with two contacts, a membership, a partnership with an
  action and a sub-priority; the first twenty tagged), for the staff lists;
- an anchor partner A whose every list has ``size`` rows: contacts, colleagues (portal
  members), pending invitations, memberships, partnerships (each with a co-partner),
  proposals, agreements (sent ten days ago, so the portal shows them, each a deadline);
- an anchor partnership with ``size`` partners, ``size`` sub-priorities (capped by the
  catalogue) and ``size`` actions in March 2024 (the calendar's month);
- an anchor agreement with ``size`` clauses, frozen versions, amendments and signed scans;
- a joint evaluation of each of those actions;
- ``size`` notifications for the anchor partner's admin (the bell, the notifications page);
- an anchor action with ``size`` indicators, stakeholders, contributions and snapshots, and
  a cost per category (capped by the five categories).

A page measured over ``build_world(2)`` then ``build_world(50)`` lists 2 or 50 of the same
things: an N+1 shows as a different count. Worlds of different sizes can live side by side
(every name carries the size). Built with scopes disabled, as fixtures are: call it from a
fixture or a test body, never around a request.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.roles import STAFF_MEMBER
from activities.models import (
    ActionProposal,
    Activity,
    ActivityType,
    Cost,
    CostCategory,
    Indicator,
    MetricsScope,
    MetricsSnapshot,
    PartnerContribution,
    Stakeholder,
)
from agreements.models import Agreement, AgreementDocument, Amendment, Clause, SignedScan
from agreements.services import ActionSpec, agreement_draft
from core.models import Notification
from evaluations.models import Evaluation, GridVersion
from evaluations.services import grid_load
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
from partnerships.search import search_columns
from tests.factories import UserFactory

CALENDAR_MONTH = "2024-03"
CALENDAR_DAY = "2024-03-04"  # a Monday: the week view starts there


def partner_index_columns(name: str, city: str) -> dict[str, str]:
    """The directory's search and sort columns, which bulk_create() does not fill."""
    search_text, sort_name = search_columns(name=name, legal_name="", short_name="", city=city)
    return {"search_text": search_text, "sort_name": sort_name}


@dataclass
class World:
    size: int
    staff: Any
    portal_admin: Any
    portal_member: Any
    partner: Partner
    partnership: Partnership
    agreement: Agreement
    proposal: ActionProposal
    activity: Activity
    activity_type: ActivityType
    snapshot: MetricsSnapshot
    evaluation: Evaluation


def _partner(name: str, owner=None, **extra) -> Partner:
    return Partner.objects.create(
        **partner_index_columns(name, extra.get("city", "Nantes")),
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


def _directory(size: int, owner, types, subs) -> list[Partner]:
    """``size`` partners, each with two contacts, a membership, a partnership, an action, a tag."""
    partners = Partner.objects.bulk_create(
        [
            Partner(
                **partner_index_columns(f"Partenaire {size}-{i:04d}", f"Ville {i % 37}"),
                name=f"Partenaire {size}-{i:04d}",
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
                title=f"Action {size}-{i}",
                start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
            )
            for i, ps in enumerate(partnerships)
        ]
    )
    for p in partners[:20]:
        p.tags.add("GLAM")
    return partners


def _activity_rows(activity: Activity, size: int, requested_by) -> list[MetricsSnapshot]:
    """``size`` of everything the action's page lists."""
    Indicator.objects.bulk_create(
        [Indicator(activity=activity, kind="bytes_added", target=1000 + i, position=i) for i in range(size)]
    )
    Stakeholder.objects.bulk_create(
        [Stakeholder(activity=activity, name=f"S{i}", kind="volunteer", hours=Decimal("2.5")) for i in range(size)]
    )
    Cost.objects.bulk_create(
        [Cost(activity=activity, category=c, planned=100) for c in list(CostCategory.values)[: min(size, 5)]]
    )
    PartnerContribution.objects.bulk_create(
        [PartnerContribution(activity=activity, description=f"C{i}", planned=10) for i in range(size)]
    )
    MetricsScope.objects.create(activity=activity, usernames="A\nB")
    return MetricsSnapshot.objects.bulk_create(
        [
            MetricsSnapshot(
                activity=activity,
                status="done",
                taken_at=timezone.now(),
                figures={"bytes_added": i},
                requested_by=requested_by,
            )
            for i in range(size)
        ]
    )


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
        [
            Contact(partner=partner, first_name="C", last_name=f"{i}", email=f"a{size}-{i}@example.org")
            for i in range(size)
        ]
    )
    Membership.objects.bulk_create([Membership(partner=partner, year=2026 - i, amount=100) for i in range(size)])
    Invitation.objects.bulk_create(
        [
            Invitation(
                partner=partner,
                email=f"i{size}-{i}@example.org",
                salt=f"{i}",
                token_hash=f"{size}-{i}",
                expires_at=timezone.now() + datetime.timedelta(days=3),
                invited_by=admin,
            )
            for i in range(size)
        ]
    )
    partnerships = Partnership.objects.bulk_create(
        [Partnership(title=f"P{size}-{i}", goal="g", lead=staff) for i in range(size)]
    )
    through = Partnership.partners.through
    through.objects.bulk_create(
        [through(partnership=p, partner=partner) for p in partnerships]
        + [through(partnership=p, partner=co_partner) for p in partnerships]
    )
    anchor = partnerships[0]
    through.objects.bulk_create([through(partnership=anchor, partner=p) for p in others[: size - 1]])
    anchor.sub_priorities.add(*subs[:size])
    activities = Activity.objects.bulk_create(
        [
            Activity(
                partnership=anchor,
                activity_type=types[i % len(types)],
                title=f"Action {size}-{i}",
                start_date=datetime.date(2024, 3, 4 + i % 25),  # from the calendar's first Monday
                end_date=datetime.date(2024, 3, 4 + i % 25) + datetime.timedelta(days=i % 3),
                region="ARA",
            )
            for i in range(size)
        ]
    )
    snapshots = _activity_rows(activities[0], size, staff)
    grid = GridVersion.objects.order_by("-number").first() or grid_load()
    evaluations = Evaluation.objects.bulk_create(
        [Evaluation(partnership=anchor, activity=a, grid_version=grid) for a in activities]
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
    # Sent (the portal shows sent ones) ten days ago: each is a deadline, its signature expected
    # in 20 days (core.deadlines; the deadlines pages list them).
    sent_on = timezone.localdate() - datetime.timedelta(days=10)
    Agreement.objects.filter(pk=agreement.pk).update(status="sent", sent_on=sent_on)
    for i in range(size - 1):
        other = agreement_draft(
            partnership=partnerships[i + 1],
            partner=partner,
            kind="partnership_agreement",
            language="fr",
            by=staff,
            actions=[ActionSpec(activity_type=types[0])],
        )
        Agreement.objects.filter(pk=other.pk).update(status="sent", sent_on=sent_on)
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=admin, kind="agreement_end", deadline=f"w{size}:{i}", offset=7, text=f"Note {size}-{i}"
            )
            for i in range(size)
        ]
    )
    assert Clause.objects.filter(agreement=agreement).count() == size
    agreement.refresh_from_db()
    return World(
        size=size,
        staff=staff,
        portal_admin=admin,
        portal_member=colleagues[0],
        partner=partner,
        partnership=anchor,
        agreement=agreement,
        proposal=proposals[0],
        activity=activities[0],
        activity_type=types[0],
        snapshot=snapshots[0],
        evaluation=evaluations[0],
    )
