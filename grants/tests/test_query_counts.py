"""The grants pages run an exact number of queries, the same at two data sizes."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grants.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    GrantInvitation,
    InvitationStatus,
    Review,
    RubricItem,
    Score,
)
from partnerships.models import Partner
from tests import test_query_counts as frame

from .conftest import admin_of, committee_member, organisation

STATUSES = [s for s in ApplicationStatus.values if s != ApplicationStatus.DRAFT]


def applications(rr, n: int, prefix: str) -> list[Application]:
    partners = Partner.objects.bulk_create(
        [
            Partner(
                name=f"{prefix} {i}", partner_type="thematic_organisations", legal_status="non_profit", country="KE"
            )
            for i in range(n)
        ]
    )
    invitations = GrantInvitation.objects.bulk_create(
        [GrantInvitation(round_region=rr, partner=p, status=InvitationStatus.USED) for p in partners]
    )
    apps = Application.objects.bulk_create(
        [
            Application(
                partner=p, invitation=inv, round_region=rr, title=f"{prefix} projet {i}", country="KE",
                status=STATUSES[i % len(STATUSES)], requested_amount=Decimal("1000"),
                approved_amount=Decimal("1000") if STATUSES[i % len(STATUSES)] == "approved" else None,
            )
            for i, (p, inv) in enumerate(zip(partners, invitations, strict=True))
        ]
    )  # fmt: skip
    BudgetLine.objects.bulk_create([BudgetLine(application=a, label="Ligne", amount=Decimal("1000")) for a in apps])
    return apps


def count(client, url) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def measure(name, client, url_of, grow, sizes, expected):
    grow(sizes[0])
    small, _ = count(client, url_of())
    grow(sizes[1] - sizes[0])
    large, sql = count(client, url_of())
    frame.MEASURED[name] = (small, large, f"{sizes[0]} / {sizes[1]} rows")
    assert small == large == expected, f"{name}: {small} / {large} queries:\n" + "\n".join(sql)


def test_pipeline(client, ssa, officer):
    client.force_login(officer)
    url = reverse("staff:grants_pipeline", args=[ssa.round.fiscal_year_id])
    measure("grants pipeline", client, lambda: url, lambda n: applications(ssa, n, f"Org{n}"), (4, 40), 11)


def test_pipeline_of_a_committee_member(client, ssa, member_ssa):
    client.force_login(member_ssa)
    url = reverse("staff:grants_pipeline", args=[ssa.round.fiscal_year_id])
    measure("grants pipeline (committee)", client, lambda: url, lambda n: applications(ssa, n, f"Org{n}"), (4, 40), 13)


def test_application_page(client, ssa, officer, fund):
    application = applications(ssa, 1, "Cible")[0]
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.UNDER_REVIEW)
    items = list(RubricItem.objects.all())

    def grow(n):
        for i in range(n):
            reviewer = committee_member(f"r{Review.objects.count()}-{i}", "ssa")
            review = Review.objects.create(application=application, reviewer=reviewer, comment="ok")
            Score.objects.bulk_create([Score(review=review, item=item, value=3) for item in items])
            BudgetLine.objects.create(application=application, label=f"Ligne {i}", amount=Decimal("10"))

    client.force_login(officer)
    url = reverse("staff:grants_application", args=[application.pk])
    measure("grants application page", client, lambda: url, grow, (1, 8), 26)


def test_public_listing(client, ssa, fund):
    url = reverse("grants:fiscal_year", args=["wikimedia-alliances-fund", "2023-24"])
    measure("grants public listing", client, lambda: url, lambda n: applications(ssa, n, f"Pub{n}"), (4, 40), 5)


def test_portal_grants_home(client, ssa, eseap, fund):
    partner = organisation("Association mesurée")

    def grow(n):
        for i in range(n):
            rr = ssa if (GrantInvitation.objects.filter(partner=partner).count() % 2) else eseap
            inv = GrantInvitation.objects.create(round_region=rr, partner=partner, status=InvitationStatus.USED)
            Application.objects.create(partner=partner, invitation=inv, round_region=rr, title=f"Projet {i}")

    client.force_login(admin_of(partner).user)
    measure("portal grants home", client, lambda: reverse("portal:grants_home"), grow, (2, 12), 6)


@pytest.fixture(autouse=True)
def _today():
    import time_machine

    with time_machine.travel(datetime.datetime(2024, 3, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield
