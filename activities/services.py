"""Writes on the catalogue and on actions."""

from django.db import transaction

from partnerships.services import plan_load

from .catalogue_data import ACTIVITY_TYPES, PLAN
from .models import ActivityType

TRANSLATED_FIELDS = ("name", "definition", "note", "period")
LIST_FIELDS = ("wmfr_contribution", "partner_contribution", "reciprocal_commitments")


@transaction.atomic
def catalogue_load() -> int:
    """Create or update the 11 activity types and the action plan from the policy (idempotent).

    Returns the number of activity types.
    """
    plan_load(data=PLAN)
    for position, row in enumerate(ACTIVITY_TYPES, start=1):
        activity_type = ActivityType.objects.filter(code=row["code"]).first() or ActivityType(code=row["code"])
        activity_type.position = position
        for field in TRANSLATED_FIELDS:
            for lang, value in row[field].items():
                setattr(activity_type, f"{field}_{lang}", value)
        for field in LIST_FIELDS:
            for lang, items in row[field].items():
                setattr(activity_type, f"{field}_{lang}", "\n".join(items))
        activity_type.eligible_partner_types = list(row["partner_types"])
        activity_type.documents = list(row["documents"])
        activity_type.min_months = row["min_months"]
        activity_type.max_months = row["max_months"]
        activity_type.membership_fee_expected = row["membership_fee_expected"]
        activity_type.save()
    return len(ACTIVITY_TYPES)
