import calendar
import datetime
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from django.db.models import Count, DateField, F, Min, OuterRef, Prefetch, QuerySet, Subquery, Value, Window
from django.db.models.functions import Coalesce, Greatest, Least, RowNumber
from django.utils import timezone

from accounts.models import User
from core.indicators import variance
from partnerships.models import Partner

from .models import ActionProposal, Activity, ActivityType, Indicator, MetricsSnapshot, ProposalStatus, SnapshotStatus

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


def partners_without_recent_action(*, limit: int = 10, days: int = RECENT_ACTION_DAYS) -> tuple[int, Sequence[Partner]]:
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
    total: int = rows[0].total if rows else 0
    return total, rows


# --- Activities: lists, calendar, the activity page ---------------------------------------------


def activity_list_queryset() -> QuerySet[Activity]:
    """Staff list, calendar and export: one query for the rows, one for their partners."""
    return Activity.objects.select_related("activity_type", "partnership").prefetch_related(
        Prefetch("partnership__partners", queryset=Partner.objects.only("pk", "name").order_by("name"))
    )


def last_day() -> Coalesce:
    """An action's last day: its end, or its start when it has no end (it lasts that day)."""
    return Coalesce("end_date", "start_date")


def overlapping(qs: QuerySet[Activity], first: datetime.date, last: datetime.date) -> QuerySet[Activity]:
    """Activities that take place (at least one day) between ``first`` and ``last``: started by
    ``last``, last day not before ``first``. Written on ``last_day()`` rather than as
    ``end_date >= first OR (end_date IS NULL AND start_date >= first)`` so that one range of
    ``activity_last_day_idx`` answers it (an OR made PostgreSQL read every row ending after
    ``first`` from the heap)."""
    return qs.alias(last_day=last_day()).filter(start_date__lte=last, last_day__gte=first)


def activities_between(qs: QuerySet[Activity], first: datetime.date, last: datetime.date) -> list[Activity]:
    """Activities that take place (at least one day) between ``first`` and ``last``."""
    return list(overlapping(qs, first, last).order_by("start_date", "pk"))


#: A day of the month view shows this many activities, then "N more" (a link to its week).
MONTH_DAY_SHOWN = 4


@dataclass
class CalendarDay:
    day: datetime.date
    in_month: bool
    activities: list[Activity] = field(default_factory=list)
    # The month view loads only the activities it shows; the day's others are counted here.
    extra: int = 0

    @property
    def shown(self) -> list[Activity]:
        """The month view's first activities of the day (the week view lists them all)."""
        return self.activities[:MONTH_DAY_SHOWN]

    @property
    def more(self) -> int:
        return max(0, len(self.activities) - MONTH_DAY_SHOWN) + self.extra


def month_calendar(*, year: int, month: int, qs: QuerySet[Activity]) -> list[list[CalendarDay]]:
    """The weeks (Monday first) of a month, each day with its first ``MONTH_DAY_SHOWN``
    activities in (start date, pk) order and the count of the others.

    Two queries whatever the month holds, and Python work bounded by the grid (at most 42 days),
    not by the activities (issue 11):

    1. the day counts: each activity's span clipped to the grid, ``(greatest(start, first),
       least(last day, last))``, grouped with COUNT (at most 42 x 43 / 2 rows); a difference
       array over them gives each day's count;
    2. the activities shown, among candidates: the first ``MONTH_DAY_SHOWN`` in (start date, pk)
       order of each partition of the clipped end (at most 42 x 4 rows). If ``a`` is among the
       first four of day ``d``, every activity before it with the same clipped end also covers
       ``d`` (it starts no later and lasts at least as long within the grid), so ``a`` ranks at
       most fourth in its partition: the candidates hold every day's first four, and the first
       four candidates covering a day are its first four.

    The partitions ending inside the grid are read in the order of ``activity_last_day_idx``
    (ROW_NUMBER with no sort); the last one, the activities still running on the grid's last
    day, from its earliest start (given by query 1) along ``activity_dates_idx``, stopping at
    the fourth: neither sorts the month's rows.
    """
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    grid = [d for week in weeks for d in week]
    base = qs.select_related(None).prefetch_related(None).order_by()
    spans = (
        overlapping(base, first, last)
        .values_list(
            Greatest("start_date", Value(first, output_field=DateField())),
            Least("last_day", Value(last, output_field=DateField())),
        )
        .annotate(n=Count("pk"), earliest=Min("start_date"))
    )
    # A difference array: +n on the first day of a clipped span, -n the day after its last.
    delta = [0] * (len(grid) + 1)
    earliest_running: datetime.date | None = None
    for clipped_start, clipped_end, n, earliest in spans:
        delta[(clipped_start - first).days] += n
        delta[(clipped_end - first).days + 1] -= n
        if clipped_end == last and (earliest_running is None or earliest < earliest_running):
            earliest_running = earliest
    counts = list(itertools.accumulate(delta[:-1]))

    in_order = [F("start_date").asc(), F("pk").asc()]
    ending = (
        base.alias(last_day=last_day())
        .filter(last_day__gte=first, last_day__lt=last)
        .annotate(rank=Window(RowNumber(), partition_by=[F("last_day")], order_by=in_order))
        .filter(rank__lte=MONTH_DAY_SHOWN)
        .values("pk")
    )
    ids = ending
    if earliest_running is not None:
        running = (
            base.alias(last_day=last_day())
            .filter(start_date__gte=earliest_running, start_date__lte=last, last_day__gte=last)
            .annotate(rank=Window(RowNumber(), order_by=in_order))
            .filter(rank__lte=MONTH_DAY_SHOWN)
            .values("pk")
        )
        ids = ending.union(running, all=True)
    candidates = (
        # The LIMIT cuts nothing (four a partition at most, a partition a day of the grid at
        # most): it tells PostgreSQL that few rows come, to be read by their primary key
        # rather than by a hash join over the whole table.
        base.filter(pk__in=ids[: len(grid) * MONTH_DAY_SHOWN])
        .only("pk", "title", "start_date", "end_date")
        .order_by("start_date", "pk")
    )
    shown: list[list[Activity]] = [[] for _ in grid]
    for activity in candidates if any(counts) else ():
        if activity.start_date is None:  # never: the filter requires a start date
            continue
        begin = max((activity.start_date - first).days, 0)
        end = min(((activity.end_date or activity.start_date) - first).days, len(grid) - 1)
        for i in range(begin, end + 1):
            if len(shown[i]) < MONTH_DAY_SHOWN:
                shown[i].append(activity)
    days = {
        d: CalendarDay(day=d, in_month=d.month == month, activities=shown[i], extra=counts[i] - len(shown[i]))
        for i, d in enumerate(grid)
    }
    return [[days[d] for d in week] for week in weeks]


def week_days(*, monday: datetime.date, qs: QuerySet[Activity]) -> list[CalendarDay]:
    days = [CalendarDay(day=monday + datetime.timedelta(days=i), in_month=True) for i in range(7)]
    for activity in activities_between(qs, days[0].day, days[-1].day):
        if activity.start_date is None:  # never: activities_between filters on start_date
            continue
        for d in days:
            if activity.start_date <= d.day <= (activity.end_date or activity.start_date):
                d.activities.append(activity)
    return days


def activity_page(*, qs: QuerySet[Activity], pk: int) -> Activity:
    """One activity with everything its page shows (a fixed number of queries)."""
    return (
        qs.select_related("activity_type", "partnership", "metrics_scope")
        .prefetch_related(
            "partnership__partners",
            "indicators",
            "stakeholders",
            "costs",
            "partner_contributions",
            Prefetch(
                "snapshots",
                queryset=MetricsSnapshot.objects.select_related("requested_by").order_by("-requested_at", "-pk")[:10],
                to_attr="recent_snapshots",
            ),
        )
        .get(pk=pk)
    )


def shown_snapshot(snapshots: list[MetricsSnapshot]) -> MetricsSnapshot | None:
    """The figures to show: the newest complete snapshot, else the newest partial one."""
    done = [s for s in snapshots if s.status == SnapshotStatus.DONE]
    partial = [s for s in snapshots if s.status == SnapshotStatus.PARTIAL]
    newest = done or partial
    return newest[0] if newest else None


@dataclass
class IndicatorLine:
    label: str
    unit: str
    target: Decimal
    result: Decimal | None
    source: str  # "manual", "snapshot" or ""
    variance_units: Decimal | None = None
    variance_percent: Decimal | None = None
    hours_per_unit: Decimal | None = None


def indicator_lines(
    *, indicators: list[Indicator], snapshot: MetricsSnapshot | None, total_hours: Decimal
) -> list[IndicatorLine]:
    """Target, result (by hand, else from the snapshot), variance and hours per unit of result."""
    lines = []
    for indicator in indicators:
        result: Decimal | None = indicator.manual_result
        source = "manual" if result is not None else ""
        if result is None and snapshot is not None and indicator.metric:
            value = snapshot.figure(indicator.metric)
            if value is not None:
                result, source = Decimal(str(value)), "snapshot"
        line = IndicatorLine(
            label=indicator.display_label,
            unit=indicator.display_unit,
            target=indicator.target,
            result=result,
            source=source,
        )
        if result is not None:
            line.variance_units, line.variance_percent = variance(indicator.target, result)
            if result > 0 and total_hours > 0:
                line.hours_per_unit = (total_hours / result).quantize(Decimal("0.01"))
        lines.append(line)
    return lines


class _MoneyRow(Protocol):
    @property
    def planned(self) -> Decimal: ...
    @property
    def actual(self) -> Decimal | None: ...


def money_totals(rows: Iterable[_MoneyRow]) -> tuple[Decimal, Decimal]:
    planned = sum((r.planned for r in rows), Decimal("0"))
    actual = sum((r.actual for r in rows if r.actual is not None), Decimal("0"))
    return planned, actual


def proposals_waiting_count() -> int:
    """Proposals no one has answered yet: the "to do" panel and the navigation badge (on every
    staff page: read once per data version, core/dataversion.py)."""
    from django.core.cache import cache

    from core import dataversion

    key = f"proposals-waiting:{dataversion.current()}"
    count = cache.get(key)
    if count is None:
        count = ActionProposal.objects.filter(status=ProposalStatus.SUBMITTED).count()
        cache.set(key, count, 300)
    return int(count)


def proposal_reviewers() -> QuerySet[User]:
    """Active staff who may decide on proposals and have an e-mail address."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    perm = Permission.objects.filter(codename="change_actionproposal", content_type__app_label="activities")
    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__in=perm) | Q(user_permissions__in=perm))
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
