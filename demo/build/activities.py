"""Actions (activities) of the real partnerships (``activity_create``, while the
partnership is open), and of the generated ones in bulk.

The catalogue and the action plan are loaded before any builder runs (``seed_demo``
calls ``catalogue_load``): partnerships need the plan's sub-priorities.
"""

from __future__ import annotations

import datetime as dt

from activities.models import Activity, ActivityStatus, ActivityType
from activities.services import activity_create
from core.services import model_update
from partnerships.models import PartnerType

from .. import impact
from ..builders import BuildContext
from ..data import add_months, dates_as_given, day, load
from .partnerships import BATCH, sub_priority_ids


def activity_status_for(start: dt.date, end: dt.date, today: dt.date) -> str:
    """The status an action's dates imply (cancelled is a decision, never implied)."""
    if end < today:
        return ActivityStatus.DONE
    if start <= today:
        return ActivityStatus.IN_PREPARATION
    return ActivityStatus.PLANNED


def activity_dates(activity_type: ActivityType, start: dt.date, months: int, limit: dt.date | None):
    """An action's start and end, kept inside its partnership when that has an end."""
    end = add_months(start, months) - dt.timedelta(days=1)
    if limit is not None:
        start, end = min(start, limit), min(end, limit)
    return start, end


def reference_load(ctx: BuildContext) -> None:
    types = {t.code: t for t in ActivityType.objects.filter(is_active=True)}
    ctx.reference["activity_types"] = types
    ctx.reference["types_for"] = {
        pt: [t for t in types.values() if pt in t.eligible_partner_types] for pt in PartnerType.values
    }


def build(ctx: BuildContext) -> None:
    reference_load(ctx)
    types = ctx.reference["activity_types"]
    for spec in load("partnerships"):
        partnership = ctx.partnerships[spec["title"]]
        existing = set(partnership.activities.values_list("title", flat=True))
        for row in spec["activities"]:
            if row["title"] in existing:
                continue
            activity_type = types[row["type"]]
            start, end = activity_dates(
                activity_type, day(row["start"], ctx.today), activity_type.max_months, partnership.end_date
            )
            activity = activity_create(
                partnership=partnership,
                activity_type=activity_type,
                title=row["title"],
                by=partnership.lead,
                start_date=start,
                end_date=end,
                location=spec["location"],
            )
            # No service moves an action's status yet: the one its dates imply, validated.
            model_update(
                instance=activity, data={"status": row.get("status") or activity_status_for(start, end, ctx.today)}
            )
            activity.sub_priorities.set(sub_priority_ids(ctx, spec["subs"][:1]))
    # Targets, results, hours and a snapshot for one activity of each type (demo/impact.py).
    impact.build(ctx)


def bulk(ctx: BuildContext, batch: list) -> None:
    """Write the activities of one batch of plans, after their partnerships."""
    planned = [(p.partnership, a) for plan in batch for p in plan.partnerships for a in p.activities]
    activities = []
    for partnership, (activity, _subs) in planned:
        activity.partnership = partnership
        activity.created_at = min(partnership.created_at + dt.timedelta(days=1), ctx.now)
        activities.append(activity)
    with dates_as_given(Activity):
        Activity.objects.bulk_create(activities, batch_size=BATCH)
    through = Activity.sub_priorities.through
    through.objects.bulk_create(
        [
            through(activity_id=activity.pk, subpriority_id=sid)
            for _partnership, (activity, subs) in planned
            for sid in sub_priority_ids(ctx, subs)
        ],
        batch_size=BATCH,
    )
    ctx.totals["activities"] = ctx.totals.get("activities", 0) + len(activities)
