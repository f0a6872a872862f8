import datetime

from django.db.models import Count, OuterRef, QuerySet, Subquery, Window
from django.utils import timezone

from partnerships.models import Partner

from .models import ActionProposal, Activity, ActivityType, ProposalStatus

RECENT_ACTION_DAYS = 365


def catalogue(*, partner_type: str = "") -> list[ActivityType]:
    """The offered activity types, optionally only those open to ``partner_type``.

    Eleven rows: filtering the JSON list in Python keeps the query portable between
    SQLite and PostgreSQL.
    """
    types = list(ActivityType.objects.filter(is_active=True).order_by("position"))
    if partner_type:
        types = [t for t in types if partner_type in t.eligible_partner_types]
    return types


def activity_types() -> QuerySet[ActivityType]:
    return ActivityType.objects.filter(is_active=True).order_by("position")


def partners_without_recent_action(*, limit: int = 10, days: int = RECENT_ACTION_DAYS) -> tuple[int, list[Partner]]:
    """Active partners with no action started in the last ``days`` days (or none at all).

    Returns (count, the first ``limit`` by name, each with ``last_action``). An anti-join
    (NOT IN) finds them; the latest action date is computed only for the rows shown.
    """
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    # NOT IN a (hashed) set of partners with a recent action: one pass over recent actions
    # rather than a probe per partner.
    recently_active = Activity.objects.filter(start_date__gte=cutoff).values("partnership__partners")
    latest = (
        Activity.objects.filter(partnership__partners=OuterRef("pk"), start_date__isnull=False)
        .order_by("-start_date")
        .values("start_date")[:1]
    )
    rows = list(
        Partner.objects.filter(relationship_status="active")
        .exclude(pk__in=recently_active)
        .select_related("owner")
        .only("pk", "name", "city", "owner__first_name", "owner__last_name", "owner__username")
        .annotate(last_action=Subquery(latest), total=Window(Count("pk")))
        .order_by("name", "pk")[:limit]
    )
    # COUNT(*) OVER () is computed before LIMIT: the total comes with the first rows.
    return (rows[0].total if rows else 0), rows


def proposals_waiting_count() -> int:
    """Proposals no one has answered yet: the "to do" panel and the navigation badge."""
    return ActionProposal.objects.filter(status=ProposalStatus.SUBMITTED).count()


def proposal_reviewers() -> QuerySet:
    """Active staff who may decide on proposals and have an e-mail address."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    perm = Permission.objects.filter(codename="change_actionproposal", content_type__app_label="activities")
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__in=perm) | Q(user_permissions__in=perm))
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
