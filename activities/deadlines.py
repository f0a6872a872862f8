"""The activities' kinds of deadline (registered in ``ActivitiesConfig.ready()``; see
``core.deadlines``): an action starting, its implementation ending, and its impact figures
that keep failing to be collected.

An action belongs to a partnership that may have several partners: each occurrence names the
first one in ``partner_id`` and the others in ``co_partner_ids`` (one row per partner comes
back from the join; they are folded here), so every partner's portal shows it and every
partner's admins receive it, under one deadline key.

The start and the end of an action are paged sources (``core.deadlines``, "Paged sources"):
the staff page reads their first activities by (date, id) and counts them up to a cap; the
failing impact figures are few by nature (three failed collections in a row) and read whole."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.deadlines import PARTNER_ADMINS, STAFF_LEAD, DeadlineKind, DeadlineQuery, Occurrence, url_by_pk
from partnerships.models import Partnership

from .lifecycle import UNDER_WAY, SnapshotStatus
from .models import Activity, MetricsSnapshot

MODEL = "activities.activity"
#: Failed collections in a row after which staff are told (the nightly refresh retries daily).
FAILING_STREAK = 3

_FIELDS = (
    "pk",
    "title",
    "start_date",
    "end_date",
    "region",
    "partnership__lead_id",
    "partnership__partners__id",
    "partnership__partners__name",
    "partnership__partners__region",
)


def partners_region_q(query: DeadlineQuery, partnership: str) -> Q:
    """The query's region, as the region of the first partner (the lowest pk) of the
    partnership at ``partnership`` — for one partner's deadlines, that partner's: the partner
    filter's join keeps only its row, so it is the first. Nothing without a region. Use it in
    the same ``filter()`` call as ``query.partner(...)``, whose join it shares."""
    if not query.region:
        return Q()
    if query.partner_id is not None:
        return Q(**{f"{partnership}__partners__region": query.region})
    first = (
        Partnership.partners.through.objects.filter(partnership=OuterRef(partnership))
        .order_by("partner_id")
        .values("partner__region")[:1]
    )
    return Q(Exact(Subquery(first), query.region))


def _activities(filters: Q, query: DeadlineQuery) -> QuerySet[Activity]:
    """The activities matching ``filters`` and the query's partner, staff lead and region (the
    activity's own, else its first partner's: ``activity_occurrences``), in ONE filter() call
    so that the partner's join is shared."""
    region = Q(region=query.region) | (Q(region="") & partners_region_q(query, "partnership")) if query.region else Q()
    return Activity.objects.filter(
        filters, query.partner("partnership__partners"), query.owner("partnership__lead_id"), region
    )


def activity_rows(filters: Q, query: DeadlineQuery, *, date: str = "") -> list[dict[str, Any]]:
    """The activities matching ``filters``, one dict each with ``partners`` [(pk, name, region)]:
    ONE query (the join on the partnership's partners gives one row per partner). With
    ``query.limit`` (a paged source, ``date`` naming its date column) only the first ``limit``
    activities by (date, pk): the LIMIT cuts the activities in a subquery, then the outer
    query joins their partners."""
    activities = _activities(filters, query)
    if query.limit is not None:
        if not date:
            raise ValueError("A limited query needs the date column of the lists' order.")
        first = query.first(activities.values("pk"), date, "pk")
        activities = Activity.objects.filter(Q(pk__in=first), query.partner("partnership__partners"))
    rows = activities.values(*_FIELDS).order_by("pk", "partnership__partners__id")
    found: dict[int, dict[str, Any]] = {}
    partners: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for row in rows:
        found.setdefault(row["pk"], row)
        if row["partnership__partners__id"] is not None:
            partners[row["pk"]].append(
                (
                    row["partnership__partners__id"],
                    row["partnership__partners__name"],
                    row["partnership__partners__region"],
                )
            )
    for pk, row in found.items():
        row["partners"] = partners[pk]
    return list(found.values())


def activity_count(filters: Q, query: DeadlineQuery, *, date: str) -> int:
    """How many activities ``activity_rows`` would find, counted up to ``query.limit`` along
    the index of (``date``, pk)."""
    return query.count(_activities(filters, query), date, "pk")


def activity_occurrences(
    kind: str, rows: list[dict[str, Any]], date_of: Callable[[dict[str, Any]], datetime.date], *, model: str = MODEL
) -> list[Occurrence]:
    """Occurrences about activities (``rows`` from ``activity_rows``), dated by ``date_of(row)``."""
    staff_url, portal_url = url_by_pk("staff:activity_detail"), url_by_pk("portal:activity_detail")
    found = []
    for row in rows:
        partners = row["partners"]
        first = partners[0] if partners else (None, "", "")
        found.append(
            Occurrence(
                kind=kind,
                model=model,
                pk=row["pk"],
                date=date_of(row),
                subject=row["title"],
                partner_id=first[0],
                partner_name=", ".join(p[1] for p in partners),
                url=staff_url(row["pk"]),
                portal_url=portal_url(row["pk"]),
                owner_id=row["partnership__lead_id"],
                region=row["region"] or first[2],
                co_partner_ids=tuple(p[0] for p in partners[1:]),
            )
        )
    return found


def _starting(query: DeadlineQuery) -> Q:
    return Q(status__in=UNDER_WAY) & query.on("start_date")


def _ending(query: DeadlineQuery) -> Q:
    return Q(status__in=UNDER_WAY) & query.on("end_date")


def start_occurrences(query: DeadlineQuery) -> Iterable[Occurrence]:
    # The lists' order (the date, then the pk): activity_under_way_start_idx.
    rows = activity_rows(_starting(query), query, date="start_date")
    return activity_occurrences("activity_start", rows, lambda r: r["start_date"])


def start_count(query: DeadlineQuery) -> int:
    return activity_count(_starting(query), query, date="start_date")


def end_occurrences(query: DeadlineQuery) -> Iterable[Occurrence]:
    # The lists' order (the date, then the pk): activity_under_way_end_idx.
    rows = activity_rows(_ending(query), query, date="end_date")
    return activity_occurrences("activity_end", rows, lambda r: r["end_date"])


def end_count(query: DeadlineQuery) -> int:
    return activity_count(_ending(query), query, date="end_date")


def failing_metrics_occurrences(query: DeadlineQuery) -> Iterable[Occurrence]:
    """Dated the day of the FAILING_STREAK-th failed collection in a row of an activity, while
    nothing has succeeded since (pending: a good snapshot makes it disappear). Two queries:
    the failures dated in the range (partial index), then those activities' snapshots."""
    failed = list(
        MetricsSnapshot.objects.filter(
            query.on_datetime("taken_at"),
            query.partner("activity__partnership__partners"),
            status=SnapshotStatus.FAILED,
        )
        .values_list("pk", "activity_id")
        .distinct()
    )
    if not failed:
        return []
    history: dict[int, list[tuple[int, str, datetime.datetime]]] = defaultdict(list)
    for pk, activity_id, status, taken_at in (
        MetricsSnapshot.objects.filter(
            activity__in={a for _pk, a in failed},
            status__in=[SnapshotStatus.FAILED, SnapshotStatus.DONE, SnapshotStatus.PARTIAL],
        )
        .order_by("activity_id", "taken_at", "pk")
        .values_list("pk", "activity_id", "status", "taken_at")
    ):
        history[activity_id].append((pk, status, taken_at))
    dated: dict[int, datetime.date] = {}
    candidates = {pk for pk, _a in failed}
    for activity_id, snapshots in history.items():
        # The failures since the last collection that worked; the streak's third one dates it.
        good = [i for i, (_pk, status, _t) in enumerate(snapshots) if status != SnapshotStatus.FAILED]
        since = snapshots[good[-1] + 1 :] if good else snapshots
        if len(since) >= FAILING_STREAK and since[FAILING_STREAK - 1][0] in candidates:
            dated[activity_id] = timezone.localtime(since[FAILING_STREAK - 1][2]).date()
    if not dated:
        return []
    rows = activity_rows(Q(pk__in=list(dated)), query)
    return activity_occurrences("activity_metrics_failing", rows, lambda r: dated[r["pk"]])


KINDS = (
    DeadlineKind(
        key="activity_start",
        app="activities",
        label=_("Action starting"),
        sentence=_("%(subject)s starts."),
        occurrences=start_occurrences,
        count=start_count,
        recipients=(STAFF_LEAD, PARTNER_ADMINS),
        offsets=(7, 1),
        order=30,
    ),
    DeadlineKind(
        key="activity_end",
        app="activities",
        label=_("End of an action’s implementation"),
        sentence=_("%(subject)s: its implementation ends; record what was done."),
        portal_sentence=_("%(subject)s: its implementation ends."),
        occurrences=end_occurrences,
        count=end_count,
        recipients=(STAFF_LEAD, PARTNER_ADMINS),
        offsets=(7, 0),
        order=31,
    ),
    DeadlineKind(
        key="activity_metrics_failing",
        app="activities",
        label=_("Impact figures that keep failing"),
        sentence=_("%(subject)s: the impact figures failed three times in a row; check the scope."),
        occurrences=failing_metrics_occurrences,
        recipients=(STAFF_LEAD,),
        offsets=(0,),
        overdue=(7,),
        order=32,
    ),
)
