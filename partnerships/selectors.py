"""Reads for the back-office: each selector states its query plan explicitly.

Query counts are locked by tests (tests/test_query_counts.py) at two data sizes.
"""

import datetime

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import (
    Contact,
    Membership,
    Partner,
    Partnership,
    PartnerType,
    Priority,
    Region,
    RelationshipStatus,
)

RECENT_ACTION_DAYS = 365


def partner_directory_queryset() -> QuerySet[Partner]:
    """Base queryset of the directory: one row per partner with what the table shows."""
    this_year = timezone.localdate().year
    return (
        Partner.objects.select_related("owner")
        .annotate(is_member=Exists(Membership.objects.filter(partner=OuterRef("pk"), year=this_year)))
        .only(
            "pk",
            "name",
            "partner_type",
            "sector",
            "city",
            "region",
            "country",
            "relationship_status",
            "owner__first_name",
            "owner__last_name",
            "owner__username",
        )
    )


def partner_rows_labelled(partners: list[Partner]) -> list[Partner]:
    """Attach display labels to directory rows.

    ``get_FOO_display`` rebuilds and translates the choices on every call (about 5 ms for
    a 50-row page, three columns); translating each label once per request is enough.
    """
    types = {value: str(label) for value, label in PartnerType.choices}
    regions = {value: str(label) for value, label in Region.choices}
    statuses = {value: str(label) for value, label in RelationshipStatus.choices}
    for p in partners:
        p.type_label = types.get(p.partner_type, p.partner_type)
        p.region_label = regions.get(p.region, "")
        p.status_label = statuses.get(p.relationship_status, p.relationship_status)
    return partners


def partner_export_queryset(qs: QuerySet[Partner]) -> QuerySet[Partner]:
    return qs.select_related("owner").prefetch_related("tags").defer(None)


def partner_detail(*, pk: int) -> Partner:
    """A partner with everything its detail page shows, in a fixed number of queries."""
    return (
        Partner.objects.select_related("owner")
        .prefetch_related(
            "tags",
            Prefetch("contacts", queryset=Contact.objects.order_by("-is_signatory", "last_name")),
            "memberships",
            Prefetch("principle_acceptances"),
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.select_related("lead")
                .annotate(activity_count=Count("activities"))
                .order_by("-created_at"),
            ),
        )
        .get(pk=pk)
    )


def partner_history(*, partner: Partner, limit: int = 20):
    return partner.history.select_related("history_user").order_by("-history_date")[:limit]


def partnership_list_queryset() -> QuerySet[Partnership]:
    return (
        Partnership.objects.select_related("lead")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.only("pk", "name")))
        .annotate(activity_count=Count("activities", distinct=True))
    )


def partnership_detail(*, pk: int) -> Partnership:
    return (
        Partnership.objects.select_related("lead")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.only("pk", "name", "city", "partner_type")),
            "sub_priorities__priority",
            "activities__activity_type",
        )
        .get(pk=pk)
    )


def dashboard_counts() -> dict:
    """Counts by relationship status, partner type and region: three GROUP BY queries."""
    by_status = dict(Partner.objects.values_list("relationship_status").annotate(n=Count("pk")).order_by())
    by_type = dict(Partner.objects.values_list("partner_type").annotate(n=Count("pk")).order_by())
    by_region = dict(Partner.objects.exclude(region="").values_list("region").annotate(n=Count("pk")).order_by())
    return {"by_status": by_status, "by_type": by_type, "by_region": by_region}


def dashboard_priorities(plan=None) -> QuerySet[Priority]:
    """Partnerships and partners per priority of the current plan (one query)."""
    qs = Priority.objects.filter(plan__is_current=True) if plan is None else Priority.objects.filter(plan=plan)
    return qs.annotate(
        partnership_count=Count("sub_priorities__partnerships", distinct=True),
        partner_count=Count("sub_priorities__partnerships__partners", distinct=True),
    ).order_by("number")


def partners_without_recent_action(*, limit: int = 10, days: int = RECENT_ACTION_DAYS):
    """Active partners whose latest action started more than ``days`` ago, or never.

    Returns (count, first ``limit`` partners, oldest first).
    """
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    qs = (
        Partner.objects.filter(relationship_status="active")
        .annotate(last_action=Max("partnerships__activities__start_date"))
        .filter(Q(last_action__isnull=True) | Q(last_action__lt=cutoff))
    )
    rows = list(qs.select_related("owner").order_by("last_action", "name")[:limit])
    return qs.count(), rows


def newest_partnerships(*, limit: int = 8) -> list[Partnership]:
    return list(
        Partnership.objects.prefetch_related(Prefetch("partners", queryset=Partner.objects.only("pk", "name")))
        .select_related("lead")
        .order_by("-created_at", "-pk")[:limit]
    )
