"""Targets, results, hours, costs and a metrics snapshot for one real demo activity of each
catalogue type, so that a newcomer sees figures at once.

Written through the activities services. The snapshots are collected by the real client from
the replay server (``activities.replay``: recorded and derived Wikimedia answers), started in
this process on a local socket: the demo never calls the Wikimedia servers. The recordings
answer one scope, the atelier of 16 March 2024 on fr.wikipedia (two participants, the
"WMFR Partners sample of 50 files" Commons category), so every measured activity declares
that scope, with that window, whatever its own dates.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings

from activities import metrics
from activities.indicator_kinds import suggested_for
from activities.models import Activity, ActivityType, StakeholderKind
from activities.replay import replay_server
from activities.services import ContributionRow, CostRow, IndicatorRow, StakeholderRow, activity_plan_save
from core.wikimedia import WikimediaClient

# Types whose demo activity is measured on the Wikimedia projects.
MEASURED_TYPES = {"edit-a-thon", "content-upload", "training", "wikipedian-in-residence", "wikipedia-in-town"}
ATELIER = metrics.ScopeInput(
    wiki="fr.wikipedia.org",
    usernames="Exemple Contributrice\nExemple Contributeur",
    window_start=dt.date(2024, 3, 16),
    window_end=dt.date(2024, 3, 16),
    commons_category="WMFR Partners sample of 50 files",
)
# Targets by indicator kind; kinds counted by hand also get a result.
TARGETS = {
    "people_made_aware": (40, 35),
    "people_to_train": (12, 10),
    "participants": (6, None),
    "articles_created": (4, None),
    "articles_improved": (5, None),
    "bytes_added": (8000, None),
    "files_uploaded": (40, None),
    "files_in_use": (10, None),
    "wikidata_items_edited": (20, 14),
    "page_views": (12000, None),
    "press_mentions": (2, 3),
}


def build(ctx) -> int:
    """Idempotent: an activity that already has targets is left alone. Returns how many
    activities were given a plan."""
    done = 0
    titles = {a.title for p in ctx.partnerships.values() for a in p.activities.all()}
    with replay_server() as server:
        client = WikimediaClient(user_agent=settings.WIKIMEDIA_USER_AGENT, mirror=server.url)
        try:
            for activity_type in ActivityType.objects.filter(is_active=True).order_by("position"):
                activity = (
                    Activity.objects.filter(activity_type=activity_type, title__in=titles)
                    .select_related("activity_type")
                    .order_by("-start_date", "pk")
                    .first()
                )
                if activity is None or activity.indicators.exists():
                    continue
                _plan(activity, by=activity.partnership.lead)
                if activity_type.code in MEASURED_TYPES:
                    metrics.scope_save(activity=activity, data=ATELIER, by=activity.partnership.lead, client=client)
                    snapshot = metrics.snapshot_request(activity=activity, by=None, enqueue=False)
                    metrics.snapshot_collect(snapshot_id=snapshot.pk, client=client)
                done += 1
        finally:
            client.close()
    ctx.write(f"  activity impact: {done} activities with targets, results and hours")
    return done


def _plan(activity: Activity, *, by) -> None:
    indicators = []
    for kind in suggested_for(activity.activity_type.code):
        target, result = TARGETS[kind.code]
        indicators.append(
            IndicatorRow(
                kind=kind.code,
                target=Decimal(target),
                manual_result=None if result is None else Decimal(result),
            )
        )
    activity_plan_save(
        activity=activity,
        by=by,
        indicators=indicators,
        stakeholders=[
            StakeholderRow(
                name="Camille Exemple",
                kind=StakeholderKind.VOLUNTEER,
                username="Exemple Contributrice",
                role="Formatrice",
                hours=Decimal(12),
            ),
            StakeholderRow(
                name="Louis Exemple", kind=StakeholderKind.STAFF, role="Chargé de partenariats", hours=Decimal("7.5")
            ),
        ],
        costs=[
            CostRow(category="travel", planned=Decimal(180), actual=Decimal("164.40")),
            CostRow(category="meals", planned=Decimal(60), actual=Decimal(52)),
        ],
        contributions=[ContributionRow(description="Salle, wifi et accès aux collections", planned=Decimal(0))],
    )
