"""The grants pages run an exact number of queries, the same at 2 and 50 rows (tests/query_counts.py)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from grants.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    FiscalYear,
    GrantInvitation,
    InvitationStatus,
    Programme,
    Review,
    RubricItem,
    Score,
)
from partnerships.models import Partner
from tests.query_counts import BADGE, PORTAL, STAFF, Q, measure

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


SIZES = (2, 50)

COVERED_URL_NAMES = {
    "staff:grants_programmes",
    "staff:grants_pipeline",
    "staff:grants_application",
    "portal:grants_home",
    "portal:grants_application",
    "grants:fiscal_year",
}

# The fiscal year is read by the view (a 404, the title), the navigation's badge next; the rest
# in the page's cached block (core/dataversion.py), in the template's order.
PIPELINE_HEAD = (
    *STAFF,
    Q("grants_fiscalyear", "the fiscal year, with its programme"),
    BADGE,
    Q("grants_roundregion", "the envelope: the regions' allocations"),
    Q("grants_application", "the envelope: the approved amounts per region (one aggregate)"),
)
MEMBER_REGIONS = Q("grants_committeemember", "the member's regions (the applications they may see)")
COUNTS = (
    Q("grants_application", "the counts per region and status (one aggregate)"),
    Q("grants_roundregion", "its open regions (the counts' rows, the filter's choices)"),
)
ROUNDS = Q("grants_round", "its rounds (the filter's choices)")
APPLICATIONS = Q("grants_application", "the applications, with partner, region and round joined")


def test_programme_list(client, officer, fund):
    def grow(n):
        for i in range(n):
            programme = Programme.objects.create(code=f"p{Programme.objects.count()}", name=f"Programme {i}")
            FiscalYear.objects.create(
                programme=programme,
                code="2025-26",
                starts_on=datetime.date(2025, 7, 1),
                ends_on=datetime.date(2026, 6, 30),
            )

    client.force_login(officer)
    measure(
        "staff:grants_programmes",
        client,
        lambda: reverse("staff:grants_programmes"),
        grow,
        SIZES,
        (
            *STAFF,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("grants_programme", "the programmes"),
            Q("grants_fiscalyear", "their fiscal years (prefetch)"),
        ),
    )


def test_pipeline(client, ssa, officer):
    client.force_login(officer)
    url = reverse("staff:grants_pipeline", args=[ssa.round.fiscal_year_id])
    measure(
        "staff:grants_pipeline", client, lambda: url, lambda n: applications(ssa, n, f"Org{n}"), SIZES,
        (*PIPELINE_HEAD, *COUNTS, ROUNDS, APPLICATIONS),
    )  # fmt: skip


def test_pipeline_of_a_committee_member(client, ssa, member_ssa):
    client.force_login(member_ssa)
    url = reverse("staff:grants_pipeline", args=[ssa.round.fiscal_year_id])
    measure(
        "staff:grants_pipeline (committee)", client, lambda: url, lambda n: applications(ssa, n, f"Org{n}"), SIZES,
        (
            *PIPELINE_HEAD,
            MEMBER_REGIONS,
            *COUNTS,
            ROUNDS,
            Q("grants_committeemember", "the member's regions again (the applications' list)"),
            APPLICATIONS,
        ),
    )  # fmt: skip


def test_application_page(client, ssa, officer, fund):
    with scopes_disabled():
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
    measure(
        "staff:grants_application",
        client,
        lambda: url,
        grow,
        SIZES,
        (
            *STAFF,
            Q("grants_application", "the application, with partner, invitation, region, round, programme"),
            Q("grants_focusarea", "its focus areas (prefetch)"),
            Q("grants_objective", "its objectives (prefetch)"),
            Q("grants_plannedactivity", "its planned activities (prefetch)"),
            Q("grants_budgetline", "its budget lines (prefetch)"),
            Q("grants_attachment", "its attachments (prefetch)"),
            Q("grants_applicationversion", "its submitted versions (prefetch)"),
            Q("grants_translation", "its translations (prefetch)"),
            Q("grants_feedback", "the committee's feedback (prefetch)"),
            Q("grants_payment", "its payments (prefetch)"),
            Q("grants_conversation", "its learning conversations (prefetch)"),
            Q("grants_eligibilityresult", "its eligibility results, with the criterion (prefetch)"),
            Q("grants_review", "its reviews, with the reviewer (prefetch)"),
            Q("grants_score", "their scores (prefetch)"),
            Q("grants_timelinestep", "the region's timeline"),
            Q("grants_conflictofinterest", "whether the viewer declared a conflict of interest"),
            Q("grants_committeemember", "the viewer's committee regions"),
            Q("grants_conversationquestion", "the programme's conversation questions"),
            Q("grants_criterion", "the programme's eligibility criteria"),
            Q("grants_rubricitem", "the rubric (the scores table)"),
            Q("grants_rubricitem", "the rubric again (the review form)"),
            Q("grants_finalreport", "the final report"),
            BADGE,
        ),
    )


def test_portal_application_page(client, ssa, fund):
    with scopes_disabled():
        partner = organisation("Association candidate")
        application = applications(ssa, 1, "Candidate")[0]
        Application.objects.filter(pk=application.pk).update(partner=partner, status=ApplicationStatus.DRAFT)
        user = admin_of(partner).user

    def grow(n):
        for i in range(n):
            BudgetLine.objects.create(application=application, label=f"Ligne {i}", amount=Decimal("10"))

    client.force_login(user)
    url = reverse("portal:grants_application", args=[application.pk])
    measure(
        "portal:grants_application",
        client,
        lambda: url,
        grow,
        SIZES,
        (
            *PORTAL,
            Q("grants_application", "the application, among the partner's own"),
            Q("grants_focusarea", "its focus areas (prefetch)"),
            Q("grants_objective", "its objectives (prefetch)"),
            Q("grants_plannedactivity", "its planned activities (prefetch)"),
            Q("grants_budgetline", "its budget lines (prefetch)"),
            Q("grants_attachment", "its attachments (prefetch)"),
            Q("grants_applicationversion", "its submitted versions (prefetch)"),
            Q("grants_translation", "its translations (prefetch)"),
            Q("grants_feedback", "the committee's feedback (prefetch)"),
            Q("grants_payment", "its payments (prefetch)"),
            Q("grants_conversation", "its learning conversations (prefetch)"),
            Q("grants_eligibilityresult", "its eligibility results (prefetch)"),
            Q("grants_review", "its reviews (prefetch, shared with the staff page)"),
            Q("grants_timelinestep", "the region's timeline"),
            Q("grants_finalreport", "the final report"),
            Q("grants_focusarea", "the programme's focus areas (the form's choices)"),
        ),
    )


def test_public_listing(client, ssa, fund):
    url = reverse("grants:fiscal_year", args=["wikimedia-alliances-fund", "2023-24"])
    measure(
        "grants:fiscal_year",
        client,
        lambda: url,
        lambda n: applications(ssa, n, f"Pub{n}"),
        SIZES,
        (
            Q("grants_fiscalyear", "the fiscal year, with its programme"),
            Q("grants_application", "its approved applications, with partner and region"),
            Q("grants_round", "its rounds"),
            Q("grants_finalreport", "the published final reports"),
            Q("grants_fiscalyear", "the programme's other fiscal years (navigation)"),
        ),
    )


def test_portal_grants_home(client, ssa, eseap, fund):
    with scopes_disabled():
        partner = organisation("Association mesurée")
        user = admin_of(partner).user

    def grow(n):
        for i in range(n):
            rr = ssa if (GrantInvitation.objects.filter(partner=partner).count() % 2) else eseap
            inv = GrantInvitation.objects.create(round_region=rr, partner=partner, status=InvitationStatus.USED)
            Application.objects.create(partner=partner, invitation=inv, round_region=rr, title=f"Projet {i}")

    client.force_login(user)
    measure(
        "portal:grants_home",
        client,
        lambda: reverse("portal:grants_home"),
        grow,
        SIZES,
        (
            *PORTAL,
            Q("grants_application", "the partner's applications, with region and round"),
            Q("grants_timelinestep", "their regions' timelines (prefetch)"),
            Q("grants_feedback", "the feedback waiting for a reply (prefetch)"),
            Q("grants_grantinvitation", "the open invitations"),
        ),
    )


@pytest.fixture(autouse=True)
def _today():
    import time_machine

    with time_machine.travel(datetime.datetime(2024, 3, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield
