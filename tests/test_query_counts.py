"""List pages and dashboards run a fixed number of queries, whatever the data size.

Each page is measured at 10 and at 500 partners (every partner with contacts, a
membership, a partnership with activities and tags); the counts must be equal and
equal to the number written here, so a new N+1 fails loudly with the SQL printed.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Activity, ActivityType
from partnerships.models import Contact, Membership, Partner, Partnership, SubPriority


def build_dataset(size: int, owner) -> Partner:
    """``size`` partners, each with two contacts, a membership, a partnership, an action, a tag."""
    types = list(ActivityType.objects.all())
    subs = list(SubPriority.objects.all())
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
    return partners[0]


MEASURED: dict[str, tuple[int, int, str]] = {}  # printed in pytest's terminal summary

PAGES = {
    "dashboard": lambda p: reverse("staff:dashboard"),
    "partner list": lambda p: reverse("staff:partner_list"),
    "partner list filtered": lambda p: (
        reverse("staff:partner_list") + "?relationship_status=active"
        "&partner_type=cultural_institutions&membership=current&q=Part&ordering=name"
    ),
    "partner detail": lambda p: reverse("staff:partner_detail", args=[p.pk]),
    "partnership list": lambda p: reverse("staff:partnership_list"),
    "partnership detail": lambda p: reverse("staff:partnership_detail", args=[p.partnerships.get().pk]),
    "catalogue": lambda p: reverse("catalogue:list"),
}


def count_queries(client, url) -> tuple[int, list[str]]:
    cache.clear()  # measure the cold path: the dashboard caches its figures
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_data(page, client, catalogue, staff_user):
    client.force_login(staff_user)
    build_url = PAGES[page]
    small_anchor = build_dataset(10, staff_user)
    small, _ = count_queries(client, build_url(small_anchor))
    Partner.objects.all().delete()
    Partnership.objects.all().delete()
    large_anchor = build_dataset(500, staff_user)
    large, sql = count_queries(client, build_url(large_anchor))
    MEASURED[page] = (small, large, "10 / 500 partners")
    assert small == large, f"{page}: {small} queries at 10 partners, {large} at 500:\n" + "\n".join(sql)
    assert large <= MAX_QUERIES[page], f"{page}: {large} queries:\n" + "\n".join(sql)


# Upper bounds, measured; the equality above is the real guard against N+1.
MAX_QUERIES = {
    "dashboard": 14,  # 10, plus one COUNT per kind of the "to do" panel (core.todo)
    "partner list": 12,
    "partner list filtered": 12,
    "partner detail": 15,  # includes the navigation badge of proposals waiting
    "partnership list": 12,
    "partnership detail": 13,  # includes the navigation badge of proposals waiting
    "catalogue": 4,
}


def build_portal_partner(size: int):
    """A partner with ``size`` partnerships (each with a co-partner), contacts, colleagues,
    pending invitations and proposals; returns a partner-admin user."""
    from activities.models import ActionProposal
    from partnerships.models import Invitation, PartnerMember, PartnerRole
    from tests.factories import UserFactory

    partner = Partner.objects.create(
        name=f"Portail {size}", partner_type="cultural_institutions", legal_status="public_body", city="Nantes"
    )
    other = Partner.objects.create(
        name=f"Co-partenaire {size}", partner_type="local_authorities", legal_status="public_body", city="Nantes"
    )
    admin = UserFactory(username=f"portal-admin-{size}")
    PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
    for i in range(size):
        colleague = UserFactory(username=f"colleague-{size}-{i}")
        PartnerMember.objects.create(partner=partner, user=colleague, role=PartnerRole.MEMBER)
    Contact.objects.bulk_create([Contact(partner=partner, first_name="C", last_name=f"{i}") for i in range(size)])
    partnerships = Partnership.objects.bulk_create([Partnership(title=f"P{i}", goal="g") for i in range(size)])
    through = Partnership.partners.through
    through.objects.bulk_create(
        [through(partnership=p, partner=partner) for p in partnerships]
        + [through(partnership=p, partner=other) for p in partnerships]
    )
    from django.utils import timezone

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
    activity_type = ActivityType.objects.first()
    ActionProposal.objects.bulk_create(
        [
            ActionProposal(
                partner=partner, activity_type=activity_type, title=f"Idée {i}", description="d", submitted_by=admin
            )
            for i in range(size)
        ]
    )
    return admin


def test_portal_home_query_count_does_not_grow(client, catalogue):
    counts = []
    for size in (3, 60):
        admin = build_portal_partner(size)
        client.force_login(admin)
        count, sql = count_queries(client, reverse("portal:home"))
        counts.append((count, sql))
    (small, _), (large, sql) = counts
    MEASURED["portal home"] = (small, large, "3 / 60 rows per section")
    assert small == large, f"portal home: {small} queries for 3 rows, {large} for 60:\n" + "\n".join(sql)
    assert large <= 14, "\n".join(sql)


def build_agreements(size: int, owner):
    """``size`` agreements of one partner (for the portal) and of others, with clauses and versions."""
    from agreements.models import Agreement, AgreementDocument, Clause
    from partnerships.models import PartnerMember, PartnerRole
    from tests.factories import UserFactory

    partner = Partner.objects.create(
        name=f"Signataire {size}", partner_type="cultural_institutions", legal_status="public_body", city="Lille"
    )
    partnership = Partnership.objects.create(title=f"Cadre {size}", goal="g")
    partnership.partners.add(partner)
    agreements = Agreement.objects.bulk_create(
        [
            Agreement(
                partnership=partnership,
                partner=partner,
                reference=f"B-{size}-{i}",
                kind="partnership_agreement",
                language="fr",
                title=f"Convention {i}",
                status="sent",
                preamble="p",
                purpose="p",
                evaluation="e",
                duration="d",
                means="m",
                licence_scope="l",
                disputes="d",
                created_by=owner,
            )
            for i in range(size)
        ]
    )
    activity_type = ActivityType.objects.first()
    Clause.objects.bulk_create(
        [
            Clause(
                agreement=a,
                position=j,
                activity_type=activity_type,
                title="c",
                purpose="p",
                arrangements="a",
                wmfr_contribution="w",
                partner_contribution="p",
                reciprocal_commitments="r",
            )
            for a in agreements
            for j in (1, 2)
        ]
    )
    AgreementDocument.objects.bulk_create(
        [AgreementDocument(agreement=a, version=1, language="fr", frozen=True) for a in agreements]
    )
    admin = UserFactory(username=f"signataire-admin-{size}")
    PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
    return admin


@pytest.mark.parametrize("url_name", ["staff:agreement_list", "portal:agreement_list"])
def test_agreement_lists_query_count_does_not_grow(url_name, client, catalogue, staff_user):
    counts = []
    for size in (3, 60):
        portal_admin = build_agreements(size, staff_user)
        client.force_login(staff_user if url_name.startswith("staff") else portal_admin)
        counts.append(count_queries(client, reverse(url_name)))
    (small, _), (large, sql) = counts
    MEASURED[url_name] = (small, large, "3 / 60 agreements")
    assert small == large, f"{url_name}: {small} queries for 3 agreements, {large} for 60:\n" + "\n".join(sql)
    assert large <= 10, "\n".join(sql)


def build_activities(size: int, owner) -> Activity:
    """``size`` activities in March 2024 (each with partners); the first one also carries ``size``
    targets, stakeholders, costs, contributions and snapshots. Returns that first one."""
    from decimal import Decimal

    from django.utils import timezone

    from activities.models import (
        Cost,
        CostCategory,
        Indicator,
        MetricsScope,
        MetricsSnapshot,
        PartnerContribution,
        Stakeholder,
    )

    types = list(ActivityType.objects.all())
    partner = Partner.objects.create(
        name=f"Musée {size}", partner_type="cultural_institutions", legal_status="public_body", city="Lyon"
    )
    partnership = Partnership.objects.create(title=f"Cadre {size}", goal="g", lead=owner)
    partnership.partners.add(partner)
    activities = Activity.objects.bulk_create(
        [
            Activity(
                partnership=partnership,
                activity_type=types[i % len(types)],
                title=f"Action {size}-{i}",
                start_date=datetime.date(2024, 3, 1 + i % 28),
                end_date=datetime.date(2024, 3, 1 + i % 28) + datetime.timedelta(days=i % 3),
                region="ARA",
            )
            for i in range(size)
        ]
    )
    first = activities[0]
    Indicator.objects.bulk_create(
        [Indicator(activity=first, kind="bytes_added", target=1000 + i, position=i) for i in range(size)]
    )
    Stakeholder.objects.bulk_create(
        [Stakeholder(activity=first, name=f"S{i}", kind="volunteer", hours=Decimal("2.5")) for i in range(size)]
    )
    Cost.objects.bulk_create(
        [Cost(activity=first, category=c, planned=100) for c in list(CostCategory.values)[: min(size, 5)]]
    )
    PartnerContribution.objects.bulk_create(
        [PartnerContribution(activity=first, description=f"C{i}", planned=10) for i in range(size)]
    )
    MetricsScope.objects.create(activity=first, usernames="A\nB")
    MetricsSnapshot.objects.bulk_create(
        [
            MetricsSnapshot(activity=first, status="done", taken_at=timezone.now(), figures={"bytes_added": i})
            for i in range(size)
        ]
    )
    return first


ACTIVITY_PAGES = {
    # 5 for every staff page (session, user, user and group permissions, the proposals badge), then:
    # count, rows, their partners, and the filter's types, priorities and partners
    "staff:activity_list": (lambda a: reverse("staff:activity_list"), 11),
    # the month's (the week's) activities and their partners
    "staff:activity_calendar": (lambda a: reverse("staff:activity_calendar") + "?month=2024-03", 7),
    "staff:activity_week": (lambda a: reverse("staff:activity_week") + "?day=2024-03-04", 7),
    # the activity, partners, indicators, stakeholders, costs, contributions, snapshots, clauses
    "staff:activity_detail": (lambda a: reverse("staff:activity_detail", args=[a.pk]), 13),
}


@pytest.mark.parametrize("url_name", ACTIVITY_PAGES)
def test_activity_pages_query_count_does_not_grow(url_name, client, catalogue, staff_user):
    client.force_login(staff_user)
    build_url, expected = ACTIVITY_PAGES[url_name]
    counts = []
    for size in (3, 40):
        Activity.objects.all().delete()
        counts.append(count_queries(client, build_url(build_activities(size, staff_user))))
    (small, _), (large, sql) = counts
    MEASURED[url_name] = (small, large, "3 / 40 activities and rows")
    assert small == large, f"{url_name}: {small} queries for 3, {large} for 40:\n" + "\n".join(sql)
    assert large == expected, f"{url_name}: {large} queries:\n" + "\n".join(sql)


def test_portal_activity_page_query_count_does_not_grow(client, catalogue, staff_user):
    from partnerships.models import PartnerMember, PartnerRole
    from tests.factories import UserFactory

    counts = []
    for size in (3, 40):
        Activity.objects.all().delete()
        activity = build_activities(size, staff_user)
        user = UserFactory(username=f"portal-activities-{size}")
        PartnerMember.objects.create(partner=activity.partnership.partners.get(), user=user, role=PartnerRole.ADMIN)
        client.force_login(user)
        counts.append(count_queries(client, reverse("portal:activity_detail", args=[activity.pk])))
    (small, _), (large, sql) = counts
    MEASURED["portal:activity_detail"] = (small, large, "3 / 40 rows")
    assert small == large, "\n".join(sql)
    # session, user, the partner scope (membership, partner), then the page as for staff
    assert large == 10, "\n".join(sql)
