"""Reports: a partnership's evaluation report, and the impact report (the dashboard filtered by
priority, region, year...), each as a page and as a PDF.

The page and the PDF read the same context (:func:`partnership_report_context`,
:func:`impact_report_context`). PDFs go through the agreements' pipeline: a
:class:`ReportDocument` row "pending" is created by :func:`report_request`, which sends the
Celery task ``evaluations.render_report_document`` once the transaction commits; the task
(:func:`report_render`) renders ``evaluations/reports/pdf/*.html`` with ``core.pdf.render_pdf_with_pages``,
stores the file with its SHA-256 and never renders a ready report again; it retries with
backoff, then marks the row failed. Asking again for a report whose content did not change
(same fingerprint of its HTML, pending or ready) returns that report.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from activities.models import Activity, ActivityType, MetricsSnapshot
from activities.selectors import IndicatorLine, indicator_lines, shown_snapshot
from core import dataversion
from core.pdf import render_pdf_with_pages, sha256_hex, store_rendered
from core.services import audit_log
from core.summaries import summary_name, summary_read
from partnerships.models import Partner, Partnership, Priority

from . import lifecycle, selectors
from .impact import (
    ImpactFilters,
    ImpactTotals,
    impact_charts,
    impact_dashboard,
    impact_dashboard_of,
    impact_figures,
    impact_rows,
    impact_totals,
)
from .lifecycle import Side
from .models import Answer, Criterion, Evaluation, Lesson, PressMention
from .questionnaire_selectors import Satisfaction
from .report_models import ReportDocument, ReportKind, ReportState

#: Reports listed on a page (the newest first).
RECENT_REPORTS = 5


# --- What a report shows --------------------------------------------------------------------


@dataclass
class ReportedActivity:
    activity: Activity
    lines: list[IndicatorLine]
    totals: ImpactTotals
    hours: Decimal


@dataclass
class ReportedSatisfaction:
    activity: Activity
    satisfaction: Satisfaction


@dataclass
class ReportedEvaluation:
    evaluation: Evaluation
    comparison: selectors.Comparison


def partnership_report_context(partnership: Partnership) -> dict[str, Any]:
    """Everything the partnership's report shows: its facts, its activities with their
    targets against their results and their figures, the totals, the joint evaluations side
    by side, the participants' satisfaction, the press mentions and the lessons."""
    rows = impact_rows(ImpactFilters(partnership=partnership))
    by_activity = {r.activity_id: r for r in rows}
    activities = list(
        Activity.objects.filter(partnership=partnership)
        .select_related("activity_type")
        .prefetch_related(
            "indicators",
            Prefetch(
                "snapshots",
                queryset=MetricsSnapshot.objects.order_by("-requested_at", "-pk"),
                to_attr="report_snapshots",
            ),
        )
        .order_by("start_date", "pk")
    )
    reported = []
    questionnaires = []
    for activity in activities:
        row = by_activity.get(activity.pk)
        hours = row.hours if row else Decimal("0")
        reported.append(
            ReportedActivity(
                activity=activity,
                lines=indicator_lines(
                    indicators=list(activity.indicators.all()),
                    snapshot=shown_snapshot(activity.report_snapshots),
                    total_hours=hours,
                ),
                totals=impact_totals([row]) if row else ImpactTotals(),
                hours=hours,
            )
        )
        if row is not None and row.satisfaction is not None:
            questionnaires.append(ReportedSatisfaction(activity=activity, satisfaction=row.satisfaction))
    evaluations = list(
        Evaluation.objects.filter(partnership=partnership)
        .select_related("activity")
        .order_by("activity__start_date", "pk")
    )
    compared = _comparisons(evaluations)
    return {
        "partnership": partnership,
        "partners": list(partnership.partners.all()),
        "activities": reported,
        "totals": impact_totals(rows),
        "evaluations": compared,
        "questionnaires": questionnaires,
        "mentions": list(PressMention.objects.filter(partnership=partnership).select_related("activity")),
        "lessons": list(
            Lesson.objects.filter(evaluation__partnership=partnership).select_related("evaluation__activity")
        ),
    }


def _comparisons(evaluations: list[Evaluation]) -> list[ReportedEvaluation]:
    """The side-by-side view of every evaluation (``selectors.Comparison``, as the evaluation
    page builds it for staff), loaded in two queries whatever their number: the answers staff
    may see (both sides once the comparison is visible, their own side before), and the grid
    versions' criteria with their questions."""
    if not evaluations:
        return []
    visible = {e.pk: lifecycle.comparison_visible(e) for e in evaluations}
    answers = Answer.objects.filter(
        Q(evaluation__in=[pk for pk, shown in visible.items() if shown])
        | Q(evaluation__in=[pk for pk, shown in visible.items() if not shown], side=Side.STAFF)
    )
    by_key = {(a.evaluation_id, a.question_id, a.side): a for a in answers}
    versions = {e.grid_version_id for e in evaluations}
    criteria: dict[int, list[Criterion]] = {}
    for criterion in Criterion.objects.filter(version_id__in=versions).prefetch_related("questions"):
        criteria.setdefault(criterion.version_id, []).append(criterion)
    return [
        ReportedEvaluation(
            evaluation=e,
            comparison=selectors.Comparison(
                visible=visible[e.pk],
                criteria=[
                    selectors.ComparedCriterion(
                        criterion=c,
                        questions=[
                            selectors.ComparedQuestion(
                                question=q,
                                staff=by_key.get((e.pk, q.pk, Side.STAFF)),
                                partner=by_key.get((e.pk, q.pk, Side.PARTNER)),
                            )
                            for q in c.questions.all()
                        ],
                    )
                    for c in criteria.get(e.grid_version_id, [])
                ],
            ),
        )
        for e in evaluations
    ]


def report_partnership(pk: int) -> Partnership:
    return Partnership.objects.prefetch_related(
        Prefetch("partners", queryset=Partner.objects.only("pk", "name", "partner_type", "region").order_by("name"))
    ).get(pk=pk)


def report_filter_choices() -> tuple[list[Priority], list[ActivityType]]:
    """The dashboard form's choices (two queries), read once per data version
    (core/dataversion.py): the dashboard served from its cached block then runs no query."""
    key = f"impact-filter-choices:{dataversion.current()}"
    choices = cache.get(key)
    if choices is None:
        priorities = list(Priority.objects.select_related("plan").order_by("-plan__start_year", "number"))
        types = list(ActivityType.objects.order_by("position"))
        choices = (priorities, types)
        cache.set(key, choices, 300)
    return choices


def impact_report_context(filters: ImpactFilters, types: list[ActivityType]) -> dict[str, Any]:
    """The dashboard's figures, computed when a template first reads them: the page served
    from its cached block ({% cache %}, core/dataversion.py) never does."""
    dashboard = SimpleLazyObject(lambda: impact_dashboard(filters=filters, types=types))
    return {
        "dashboard": dashboard,
        "totals": SimpleLazyObject(lambda: dashboard.totals),
        "charts": SimpleLazyObject(lambda: impact_charts(dashboard)),
        "filters": filters,
    }


#: The impact dashboard's figures are the summary "impact:<its filters>" (core/summaries.py).
IMPACT_SUMMARY = "impact"


def impact_summary_compute(query: str) -> dict[str, Any]:
    """The summary's computation: the filters back from their query string, then the rows and
    their totals as plain data (the filter choices, read once per data version, and
    ``impact_rows``)."""
    priorities, types = report_filter_choices()
    return impact_figures(impact_rows(filters_from_query(query, priorities, types)))


def impact_page_context(filters: ImpactFilters, types: list[ActivityType]) -> dict[str, Any]:
    """The impact dashboard's context from its summary: each combination of filters (as the
    validated form gives them, in a fixed order) is its own. Read at once, before the page's
    cached block (its key carries the summary's stamp); the rest when the block is built."""
    summary = summary_read(summary_name(IMPACT_SUMMARY, filters.querystring()))
    dashboard = SimpleLazyObject(lambda: impact_dashboard_of(summary.data, filters=filters, types=types))
    return {
        "summary": summary,
        "dashboard": dashboard,
        "totals": SimpleLazyObject(lambda: dashboard.totals),
        "charts": SimpleLazyObject(lambda: impact_charts(dashboard)),
        "filters": filters,
    }


def filters_from_query(query: str, priorities: list[Priority], types: list[ActivityType]) -> ImpactFilters:
    """The filters stored on an impact report (its cleaned query string) back as objects."""
    from .report_forms import ImpactFilterForm

    form = ImpactFilterForm(dict(parse_qsl(query)), priorities=priorities, types=types)
    return form.filters()


# --- PDFs -----------------------------------------------------------------------------------


def recent_reports(*, kind: str, partnership: Partnership | None = None) -> list[ReportDocument]:
    return list(
        ReportDocument.objects.filter(kind=kind, partnership=partnership).order_by("-created_at", "-pk")[
            :RECENT_REPORTS
        ]
    )


def render_report_html(document: ReportDocument, *, created: datetime.datetime | None = None) -> str:
    """The HTML a report's PDF is rendered from, in the report's language."""
    with translation.override(document.language):
        if document.kind == ReportKind.PARTNERSHIP:
            partnership = report_partnership(document.partnership_id or 0)
            context = partnership_report_context(partnership)
            template = "evaluations/reports/pdf/partnership.html"
        else:
            priorities, types = report_filter_choices()
            filters = filters_from_query(document.filters, priorities, types)
            context = impact_report_context(filters, types)
            template = "evaluations/reports/pdf/impact.html"
        return render_to_string(
            template, {**context, "document": document, "created": created, "wmfr": settings.WMFR_IDENTITY}
        )


def report_request(
    *, kind: str, by: Any, partnership: Partnership | None = None, filters: ImpactFilters | None = None
) -> ReportDocument:
    """A report PDF, rendered by the worker once this transaction commits. The same content
    asked for again while its PDF is pending or ready is that PDF: no second render."""
    from .report_tasks import render_report_document

    if kind not in ReportKind.values or (kind == ReportKind.PARTNERSHIP) != (partnership is not None):
        raise ValidationError(_("This report cannot be generated."))
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    query = (filters or ImpactFilters()).querystring() if kind == ReportKind.IMPACT else ""
    with transaction.atomic():
        if partnership is not None:
            partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
        probe = ReportDocument(kind=kind, partnership=partnership, filters=query, language=language)
        fingerprint = sha256_hex(render_report_html(probe).encode())
        same = (
            ReportDocument.objects.filter(
                kind=kind, partnership=partnership, filters=query, language=language, input_sha256=fingerprint
            )
            .exclude(state=ReportState.FAILED)
            .order_by("-created_at")
            .first()
        )
        if same is not None:
            return same
        document = ReportDocument.objects.create(
            kind=kind,
            partnership=partnership,
            filters=query,
            language=language,
            input_sha256=fingerprint,
            created_by=by if by is not None and by.is_authenticated else None,
        )
        audit_log(
            obj=partnership or document,
            action="report.requested",
            actor=by,
            data={"kind": kind, "report": document.pk, "filters": query},
        )
        render_report_document.delay_on_commit(document.pk)
    return document


def report_render(*, document_id: int) -> ReportDocument | None:
    """Render a report to PDF and store it with its SHA-256. Idempotent: a ready report is
    never rendered again."""
    with scopes_disabled():
        document = ReportDocument.objects.filter(pk=document_id).first()
        if document is None or document.state == ReportState.READY:
            return document
        ReportDocument.objects.filter(pk=document_id).update(attempts=document.attempts + 1)
        pdf, pages = render_pdf_with_pages(render_report_html(document, created=document.created_at))
        # Page count from WeasyPrint's layout, not by parsing the PDF again; stored as an
        # agreement's version is (core.pdf.store_rendered).
        return store_rendered(document, pdf, pages, ready=ReportState.READY)


def report_mark_failed(*, document_id: int, error: str) -> None:
    with scopes_disabled():
        ReportDocument.objects.filter(pk=document_id).exclude(state=ReportState.READY).update(
            state=ReportState.FAILED, error=error[:2000]
        )


def reports_stale() -> list[int]:
    """Pending reports requested more than RENDER_STALE_AFTER seconds ago (their worker was
    killed before acknowledging): the beat sweep enqueues them again."""
    limit = timezone.now() - datetime.timedelta(seconds=settings.RENDER_STALE_AFTER)
    with scopes_disabled():
        return list(
            ReportDocument.objects.filter(state=ReportState.PENDING, created_at__lt=limit)
            .order_by("pk")
            .values_list("pk", flat=True)[:500]
        )
