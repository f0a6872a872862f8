"""The impact of the activities, added up: the staff dashboard, the reports, the open data.

Which activities: :class:`ImpactFilters` (strategic priority, French region, partner type,
activity type, year, or one partnership); cancelled activities never count.

What each activity brings (:func:`impact_rows`, four queries whatever the number of rows):
its metrics snapshot shown on its page (the newest complete one, else the newest partial one),
the results typed by hand on its targets, and its volunteers' and employees' hours.

How they add up (:func:`impact_totals`, no query): people and hours are summed; an article or
a file is counted **once** even when two activities touched it. Snapshots store the lists behind
their counts (``core.wikimedia_metrics``: titles edited and created, Commons page ids, views by
title), and the totals are the sizes of the unions: an article created by one activity and
edited by another is one article created, not also an improved one; its page views are counted
once (the largest figure measured for it). An activity whose snapshot predates those lists (or
that has no snapshot) adds its counts: the result typed by hand, else the snapshot's count.
Bytes added are summed (they are edits, not articles). Satisfaction is the average rating of
the activities' questionnaires, each weighted by its number of responses.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from activities.models import (
    Activity,
    ActivityStatus,
    ActivityType,
    Indicator,
    MetricsSnapshot,
    SnapshotStatus,
    Stakeholder,
)
from partnerships.models import Partnership, PartnerType, Priority, Region

from .charts import Chart, bar_chart
from .questionnaire_models import Questionnaire
from .questionnaire_selectors import Satisfaction, satisfaction_for_activities

#: Indicator kinds whose hand-typed result counts in the totals.
MANUAL_KINDS = (
    "people_to_train",
    "people_made_aware",
    "participants",
    "articles_created",
    "articles_improved",
    "bytes_added",
    "files_uploaded",
    "files_in_use",
    "page_views",
)


@dataclass(frozen=True)
class ImpactFilters:
    """Which activities count. Empty values do not filter."""

    priority: Priority | None = None
    region: str = ""
    partner_type: str = ""
    activity_type: ActivityType | None = None
    year: int | None = None
    partnership: Partnership | None = None
    #: Only the partnerships whose partners agreed to publish them (the open data).
    published_only: bool = False

    def as_query(self) -> dict[str, str]:
        """The filters as GET parameters (the dashboard's form, the report's stored filters)."""
        values = {
            "priority": str(self.priority.pk) if self.priority else "",
            "region": self.region,
            "partner_type": self.partner_type,
            "activity_type": str(self.activity_type.pk) if self.activity_type else "",
            "year": str(self.year) if self.year else "",
        }
        return {k: v for k, v in values.items() if v}

    def querystring(self) -> str:
        return urlencode(self.as_query())

    def described(self) -> list[tuple[str, str]]:
        """(label, value) of each filter set, for the page and the PDF."""
        lines: list[tuple[str, str]] = []
        if self.partnership:
            lines.append((str(_("Partnership")), self.partnership.title))
        if self.priority:
            lines.append((str(_("Strategic priority")), str(self.priority)))
        if self.region:
            lines.append((str(_("Region")), str(Region(self.region).label)))
        if self.partner_type:
            lines.append((str(_("Partner type")), str(PartnerType(self.partner_type).label)))
        if self.activity_type:
            lines.append((str(_("Activity type")), str(self.activity_type.name)))
        if self.year:
            lines.append((str(_("Year")), str(self.year)))
        return lines


def filtered_activities(filters: ImpactFilters) -> QuerySet[Activity]:
    """The activities that count. Filters through the partners and priorities are ``IN``
    subqueries on the link tables, so an activity is never listed twice."""
    qs = Activity.objects.exclude(status=ActivityStatus.CANCELLED)
    partners = Partnership.partners.through.objects
    if filters.partnership is not None:
        qs = qs.filter(partnership=filters.partnership)
    if filters.published_only:
        qs = qs.filter(partnership__publication__published=True)
    if filters.priority is not None:
        own = Activity.sub_priorities.through.objects.filter(subpriority__priority=filters.priority)
        inherited = Partnership.sub_priorities.through.objects.filter(subpriority__priority=filters.priority)
        qs = qs.filter(Q(pk__in=own.values("activity_id")) | Q(partnership_id__in=inherited.values("partnership_id")))
    if filters.region:
        # The activity's own region, else (when it has none) its partners'.
        in_region = partners.filter(partner__region=filters.region).values("partnership_id")
        qs = qs.filter(Q(region=filters.region) | Q(region="", partnership_id__in=in_region))
    if filters.partner_type:
        of_type = partners.filter(partner__partner_type=filters.partner_type).values("partnership_id")
        qs = qs.filter(partnership_id__in=of_type)
    if filters.activity_type is not None:
        qs = qs.filter(activity_type=filters.activity_type)
    if filters.year:
        qs = qs.filter(
            start_date__gte=datetime.date(filters.year, 1, 1), start_date__lte=datetime.date(filters.year, 12, 31)
        )
    return qs


@dataclass
class ActivityImpact:
    """What one activity brings to the totals."""

    activity_id: int
    partnership_id: int
    activity_type_id: int
    start_date: datetime.date | None
    wiki: str = ""
    figures: dict[str, Any] = field(default_factory=dict)
    manual: dict[str, Decimal] = field(default_factory=dict)
    hours: Decimal = Decimal("0")
    satisfaction: Satisfaction | None = None

    @property
    def year(self) -> int | None:
        return self.start_date.year if self.start_date else None


def impact_rows(filters: ImpactFilters) -> list[ActivityImpact]:
    """One row per activity that counts, with its figures. Five queries: the activities, their
    shown snapshots, the results typed by hand, the hours, those with a questionnaire; two more
    when some have one, for their satisfaction (``questionnaire_selectors.satisfaction_for_activities``)."""
    activities = filtered_activities(filters)
    rows = {
        pk: ActivityImpact(activity_id=pk, partnership_id=partnership, activity_type_id=type_id, start_date=start)
        for pk, partnership, type_id, start in activities.order_by("start_date", "pk").values_list(
            "pk", "partnership_id", "activity_type_id", "start_date"
        )
    }
    # The snapshot each activity page shows (activities.selectors.shown_snapshot): the newest
    # complete one, else the newest partial one. The subquery runs per snapshot, not per
    # activity (most activities have none: one subquery per activity cost 20 ms at 5,000).
    measured = [SnapshotStatus.DONE, SnapshotStatus.PARTIAL]
    shown = (
        MetricsSnapshot.objects.filter(activity=OuterRef("activity_id"), status__in=measured)
        .annotate(
            rank=Case(When(status=SnapshotStatus.DONE, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("rank", "-requested_at", "-pk")
        .values("pk")[:1]
    )
    for activity_id, wiki, figures in (
        MetricsSnapshot.objects.filter(activity__in=activities.values("pk"), status__in=measured)
        .filter(pk=Subquery(shown))
        .values_list("activity_id", "wiki", "figures")
    ):
        rows[activity_id].wiki, rows[activity_id].figures = wiki, figures or {}
    manual = Indicator.objects.filter(
        activity__in=activities.values("pk"), kind__in=MANUAL_KINDS, manual_result__isnull=False
    ).values_list("activity_id", "kind", "manual_result")
    for activity_id, kind, result in manual:
        row = rows[activity_id]
        row.manual[kind] = row.manual.get(kind, Decimal("0")) + result
    hours = (
        Stakeholder.objects.filter(activity__in=activities.values("pk"))
        .values("activity_id")
        .annotate(total=Sum("hours"))
        .values_list("activity_id", "total")
    )
    for activity_id, total in hours:
        rows[activity_id].hours = total or Decimal("0")
    # Only the activities that have a questionnaire are asked for their satisfaction (a few,
    # where a list of every activity id would be thousands of parameters).
    with_questionnaire = Questionnaire.objects.filter(activity__in=activities.values("pk")).values_list(
        "activity_id", flat=True
    )
    for activity_id, satisfaction in satisfaction_for_activities(list(with_questionnaire)).items():
        rows[activity_id].satisfaction = satisfaction
    return list(rows.values())


@dataclass
class ImpactTotals:
    activities: int = 0
    partnerships: int = 0
    people_trained: Decimal = Decimal("0")
    people_made_aware: Decimal = Decimal("0")
    participants: Decimal = Decimal("0")
    articles_created: int = 0
    articles_improved: int = 0
    bytes_added: int = 0
    files_uploaded: int = 0
    files_in_use: int = 0
    page_views: int = 0
    hours: Decimal = Decimal("0")
    #: Average rating of the satisfaction questionnaires (1–5), each activity's average weighted
    #: by its number of responses; None when nobody answered.
    satisfaction: Decimal | None = None
    satisfaction_answers: int = 0

    @property
    def reuse_share(self) -> Decimal | None:
        """Share of the files uploaded that are used on the projects, in per cent."""
        if not self.files_uploaded:
            return None
        return (Decimal(self.files_in_use) * 100 / self.files_uploaded).quantize(Decimal("0.1"))


def _count(row: ActivityImpact, manual_kind: str, figure: str) -> int:
    """The activity's own count when its lists are not stored: by hand, else the snapshot's."""
    if manual_kind in row.manual:
        return int(row.manual[manual_kind])
    value = row.figures.get(figure)
    return int(value) if isinstance(value, (int, float)) else 0


def _articles_improved(row: ActivityImpact) -> int:
    if "articles_improved" in row.manual:
        return int(row.manual["articles_improved"])
    edited, created = row.figures.get("articles_edited"), row.figures.get("articles_created")
    return int(edited) - int(created) if edited is not None and created is not None else 0


def impact_totals(rows: Iterable[ActivityImpact]) -> ImpactTotals:
    """Add the rows up, counting a shared article or file once (see the module's docstring)."""
    totals = ImpactTotals()
    partnerships: set[int] = set()
    edited: set[tuple[str, str]] = set()
    created: set[tuple[str, str]] = set()
    files: set[int] = set()
    in_use: set[int] = set()
    views: dict[tuple[str, str], int] = {}
    weighted = Decimal("0")
    for row in rows:
        totals.activities += 1
        partnerships.add(row.partnership_id)
        if not (row.figures or row.manual or row.hours or row.satisfaction is not None):
            continue  # no snapshot, result or hours yet (most activities): nothing else to add
        figures = row.figures
        totals.people_trained += row.manual.get("people_to_train", Decimal("0"))
        totals.people_made_aware += row.manual.get("people_made_aware", Decimal("0"))
        totals.participants += Decimal(_count(row, "participants", "active_participants"))
        totals.bytes_added += _count(row, "bytes_added", "bytes_added")
        totals.hours += row.hours
        if row.satisfaction is not None and row.satisfaction.average is not None and row.satisfaction.responses:
            weighted += row.satisfaction.average * row.satisfaction.responses
            totals.satisfaction_answers += row.satisfaction.responses
        if "titles_edited" in figures:
            edited.update((row.wiki, t) for t in figures["titles_edited"])
            created.update((row.wiki, t) for t in figures.get("titles_created", []))
        else:
            totals.articles_created += _count(row, "articles_created", "articles_created")
            totals.articles_improved += _articles_improved(row)
        if "file_ids" in figures:
            files.update(figures["file_ids"])
            in_use.update(figures.get("file_ids_in_use", []))
        else:
            totals.files_uploaded += _count(row, "files_uploaded", "files_total")
            totals.files_in_use += _count(row, "files_in_use", "files_in_use")
        if figures.get("views_by_title"):
            for title, count in figures["views_by_title"].items():
                key = (row.wiki, title)
                views[key] = max(views.get(key, 0), int(count))
        else:
            totals.page_views += _count(row, "page_views", "page_views")
    totals.partnerships = len(partnerships)
    totals.articles_created += len(created)
    totals.articles_improved += len(edited - created)
    totals.files_uploaded += len(files)
    totals.files_in_use += len(in_use & files)
    totals.page_views += sum(views.values())
    if totals.satisfaction_answers:
        totals.satisfaction = (weighted / totals.satisfaction_answers).quantize(Decimal("0.1"))
    return totals


def totals_by(
    rows: Iterable[ActivityImpact], key: Callable[[ActivityImpact], Hashable]
) -> dict[Hashable, ImpactTotals]:
    """Totals per group (year, activity type...), each deduplicated within its group."""
    groups: dict[Hashable, list[ActivityImpact]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return {k: impact_totals(v) for k, v in groups.items()}


@dataclass
class ImpactDashboard:
    filters: ImpactFilters
    totals: ImpactTotals
    by_year: list[tuple[int, ImpactTotals]]
    by_type: list[tuple[str, ImpactTotals]]
    #: The rows added up (not kept when the figures come from their summary).
    rows: list[ActivityImpact] = field(default_factory=list)


def impact_dashboard(*, filters: ImpactFilters, types: Iterable[ActivityType]) -> ImpactDashboard:
    """The dashboard's figures: totals, and per year and per activity type (``types`` are the
    catalogue rows the caller already loaded for its form: no query here beyond impact_rows)."""
    rows = impact_rows(filters)
    dashboard = impact_dashboard_of(impact_figures(rows), filters=filters, types=types)
    dashboard.rows = rows
    return dashboard


def impact_figures(rows: list[ActivityImpact]) -> dict[str, Any]:
    """The dashboard's figures as plain data (the summary "impact:<filters>" stores them,
    core/summaries.py): the totals, per year, per activity type (by its id: its name is the
    reader's language)."""
    years = totals_by(rows, lambda r: r.year)
    by_type = totals_by(rows, lambda r: r.activity_type_id)
    return {
        "totals": asdict(impact_totals(rows)),
        "by_year": sorted(([y, asdict(t)] for y, t in years.items() if isinstance(y, int)), key=lambda p: p[0]),
        "by_type": [[k, asdict(t)] for k, t in by_type.items()],
    }


def impact_dashboard_of(
    figures: dict[str, Any], *, filters: ImpactFilters, types: Iterable[ActivityType]
) -> ImpactDashboard:
    """The dashboard from its plain figures (:func:`impact_figures`), types named and sorted in
    the active language."""
    names = {t.pk: str(t.name) for t in types}
    by_type = [(names.get(k, str(k)), ImpactTotals(**t)) for k, t in figures["by_type"]]
    return ImpactDashboard(
        filters=filters,
        totals=ImpactTotals(**figures["totals"]),
        by_year=[(y, ImpactTotals(**t)) for y, t in figures["by_year"]],
        by_type=sorted(by_type, key=lambda p: (-p[1].activities, p[0])),
    )


def impact_charts(dashboard: ImpactDashboard) -> list[Chart]:
    """The dashboard's three charts (page and PDF): people by year, contributions by year,
    activities by type."""
    years = [str(y) for y, _t in dashboard.by_year]
    per_year = [t for _y, t in dashboard.by_year]
    return [
        bar_chart(
            title=_("People by year"),
            labels=years,
            series=[
                (_("People trained"), [t.people_trained for t in per_year]),
                (_("People made aware"), [t.people_made_aware for t in per_year]),
                (_("Participants"), [t.participants for t in per_year]),
            ],
        ),
        bar_chart(
            title=_("Contributions by year"),
            labels=years,
            series=[
                (_("Articles created"), [t.articles_created for t in per_year]),
                (_("Articles improved"), [t.articles_improved for t in per_year]),
                (_("Files uploaded"), [t.files_uploaded for t in per_year]),
            ],
        ),
        bar_chart(
            title=_("Activities by type"),
            labels=[name for name, _t in dashboard.by_type],
            series=[(_("Activities"), [t.activities for _n, t in dashboard.by_type])],
            horizontal=True,
        ),
    ]
