from django.db.models import QuerySet

from .models import ActivityType


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
