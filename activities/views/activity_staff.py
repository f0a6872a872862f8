"""Back-office pages of activities: list and export, calendar, the activity page and its forms."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core import exports
from core.access import StaffRequiredMixin
from core.pagination import page_of

from .. import lifecycle, metrics, selectors, services
from ..filters import ActivityFilter
from ..forms import (
    ActivityForm,
    ContributionFormSet,
    CostFormSet,
    IndicatorFormSet,
    ScopeForm,
    StakeholderFormSet,
)
from ..indicator_kinds import suggested_for
from ..models import Activity, ActivityStatus, MetricsSnapshot
from .activity_common import activity_context

PAGE_SIZE = 50
VIEW = ("activities.view_activity",)
CHANGE = ("activities.view_activity", "activities.change_activity")


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class ActivityListView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request):
        # Built only when the page's cached block is not ({% cache %}, core/dataversion.py).
        activity_filter = SimpleLazyObject(
            lambda: ActivityFilter(request.GET, queryset=selectors.activity_list_queryset())
        )
        page = SimpleLazyObject(
            lambda: page_of(activity_filter.qs.order_by("-start_date", "-pk"), request.GET.get("page"), PAGE_SIZE)
        )
        return render(
            request,
            "activities/staff/activity_list.html",
            {
                "nav": "activities",
                "filter": activity_filter,
                "page": page,
                "activities": SimpleLazyObject(lambda: list(page.object_list)),
                "querystring": _querystring_without_page(request),
            },
        )


EXPORT_COLUMNS = [
    ("id", gettext_lazy("Id")),
    ("title", gettext_lazy("Title")),
    ("type", gettext_lazy("Type of action")),
    ("partnership", gettext_lazy("Partnership")),
    ("partners", gettext_lazy("Partners")),
    ("status", gettext_lazy("Status")),
    ("start", gettext_lazy("Start date")),
    ("end", gettext_lazy("End date")),
    ("venue", gettext_lazy("Venue")),
    ("region", gettext_lazy("Region")),
    ("audience", gettext_lazy("Target audience")),
]


class ActivityExportView(StaffRequiredMixin, View):
    """The filtered list as CSV or XLSX, through core.exports (formulas neutralised there)."""

    permission_required = VIEW

    def get(self, request, fmt: str):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        activity_filter = ActivityFilter(request.GET, queryset=selectors.activity_list_queryset())
        rows = (
            [
                a.pk,
                a.title,
                a.activity_type.name,
                a.partnership.title,
                ", ".join(p.name for p in a.partnership.partners.all()),
                a.get_status_display(),
                a.start_date,
                a.end_date,
                a.location,
                a.get_region_display() if a.region else "",
                a.audience,
            ]
            for a in activity_filter.qs.order_by("-start_date", "-pk")
        )
        return exports.export_response(
            fmt=fmt,
            headers=[label for _key, label in EXPORT_COLUMNS],
            rows=rows,
            filename_stem="wmfr-activities",
            title=_("Activities"),
        )


def _month(value: str | None) -> datetime.date:
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


class ActivityCalendarView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request):
        first = _month(request.GET.get("month"))
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        # Read only when the page's cached block is not ({% cache %}, core/dataversion.py).
        weeks = SimpleLazyObject(
            lambda: selectors.month_calendar(year=first.year, month=first.month, qs=selectors.activity_list_queryset())
        )
        return render(
            request,
            "activities/staff/activity_calendar.html",
            {
                "nav": "calendar",
                "first": first,
                "weeks": weeks,
                # One reverse() for every activity of the month, not one each.
                "detail_prefix": reverse("staff:activity_detail", args=[1]).removesuffix("1/"),
                "previous": previous,
                "following": following,
                "today": timezone.localdate(),
            },
        )


class ActivityWeekView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request):
        try:
            day = datetime.date.fromisoformat(request.GET.get("day", ""))
        except ValueError:
            day = timezone.localdate()
        monday = day - datetime.timedelta(days=day.weekday())
        days = selectors.week_days(monday=monday, qs=selectors.activity_list_queryset())
        return render(
            request,
            "activities/staff/activity_week.html",
            {
                "nav": "calendar",
                "monday": monday,
                "sunday": monday + datetime.timedelta(days=6),
                "days": days,
                "previous": monday - datetime.timedelta(days=7),
                "following": monday + datetime.timedelta(days=7),
                "week_number": monday.isocalendar().week,
            },
        )


def _activity_fields(data: dict) -> dict:
    return {k: data[k] for k in ("start_date", "end_date", "location", "region", "audience", "notes") if k in data}


class ActivityUpdateView(StaffRequiredMixin, View):
    permission_required = CHANGE
    template_name = "activities/staff/activity_edit.html"

    def get(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        return render(
            request,
            self.template_name,
            {"nav": "activities", "activity": activity, "form": ActivityForm(instance=activity)},
        )

    def post(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        form = ActivityForm(request.POST, instance=activity)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.activity_update(
                    activity=activity,
                    by=request.user,
                    activity_type=data["activity_type"],
                    title=data["title"],
                    **_activity_fields(data),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Activity saved."))
                return redirect(activity)
        return render(
            request, self.template_name, {"nav": "activities", "activity": activity, "form": form}, status=400
        )


class ActivityDetailView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request, pk: int):
        try:
            activity = selectors.activity_page(qs=Activity.objects.all(), pk=pk)
        except Activity.DoesNotExist:
            raise Http404 from None
        context = activity_context(activity)
        context.update(
            {
                "nav": "activities",
                "transitions": [
                    (status, ActivityStatus(status).label) for status in lifecycle.activity_next_statuses(activity)
                ],
                "clauses": list(activity.clauses.select_related("agreement")),
            }
        )
        return render(request, "activities/staff/activity_detail.html", context)


class ActivityStatusView(StaffRequiredMixin, View):
    permission_required = CHANGE

    def post(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        try:
            services.activity_transition(activity=activity, to=request.POST.get("status", ""), by=request.user)
            messages.success(request, _("Status changed."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(activity)


def _rows(formset, row_class, fields) -> list:
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        rows.append(row_class(**{f: data.get(f) for f in fields}))
    return rows


class ActivityPlanView(StaffRequiredMixin, View):
    """Targets, stakeholders and their hours, costs and partner contributions: one form, one save."""

    permission_required = CHANGE
    template_name = "activities/staff/activity_plan.html"

    def _formsets(self, activity, data=None):
        if data is not None:
            return {
                "indicators": IndicatorFormSet(data, prefix="ind"),
                "stakeholders": StakeholderFormSet(data, prefix="sh"),
                "costs": CostFormSet(data, prefix="cost"),
                "contributions": ContributionFormSet(data, prefix="contrib"),
            }
        indicators = [
            {"kind": i.kind, "label": i.label, "unit": i.unit, "target": i.target, "manual_result": i.manual_result}
            for i in activity.indicators.all()
        ]
        if not indicators:  # the type's usual indicators, to fill in
            indicators = [{"kind": k.code} for k in suggested_for(activity.activity_type.code)]
        return {
            "indicators": IndicatorFormSet(initial=indicators, prefix="ind"),
            "stakeholders": StakeholderFormSet(
                initial=[
                    {"name": s.name, "kind": s.kind, "username": s.username, "role": s.role, "hours": s.hours}
                    for s in activity.stakeholders.all()
                ],
                prefix="sh",
            ),
            "costs": CostFormSet(
                initial=[
                    {"category": c.category, "planned": c.planned, "actual": c.actual} for c in activity.costs.all()
                ],
                prefix="cost",
            ),
            "contributions": ContributionFormSet(
                initial=[
                    {"description": c.description, "planned": c.planned, "actual": c.actual}
                    for c in activity.partner_contributions.all()
                ],
                prefix="contrib",
            ),
        }

    def _render(self, request, activity, formsets, status=200, error=""):
        return render(
            request,
            self.template_name,
            {"nav": "activities", "activity": activity, "error": error, **formsets},
            status=status,
        )

    def get(self, request, pk: int):
        activity = get_object_or_404(Activity.objects.select_related("activity_type"), pk=pk)
        return self._render(request, activity, self._formsets(activity))

    def post(self, request, pk: int):
        activity = get_object_or_404(Activity.objects.select_related("activity_type"), pk=pk)
        formsets = self._formsets(activity, request.POST)
        if all(f.is_valid() for f in formsets.values()):
            try:
                services.activity_plan_save(
                    activity=activity,
                    by=request.user,
                    indicators=_rows(
                        formsets["indicators"],
                        services.IndicatorRow,
                        ("kind", "label", "unit", "target", "manual_result"),
                    ),
                    stakeholders=_rows(
                        formsets["stakeholders"], services.StakeholderRow, ("name", "kind", "username", "role", "hours")
                    ),
                    costs=_rows(formsets["costs"], services.CostRow, ("category", "planned", "actual")),
                    contributions=_rows(
                        formsets["contributions"], services.ContributionRow, ("description", "planned", "actual")
                    ),
                )
            except ValidationError as exc:
                return self._render(request, activity, formsets, status=400, error=" ".join(exc.messages))
            messages.success(request, _("Targets, hours and costs saved."))
            return redirect(activity)
        return self._render(request, activity, formsets, status=400, error=_("Please correct the errors below."))


class ActivityScopeView(StaffRequiredMixin, View):
    """What to measure on the Wikimedia projects; checked on the wiki before anything is saved."""

    permission_required = CHANGE
    template_name = "activities/staff/activity_scope.html"

    def get(self, request, pk: int):
        activity = get_object_or_404(Activity.objects.select_related("metrics_scope"), pk=pk)
        scope = getattr(activity, "metrics_scope", None)
        initial = {}
        if scope is not None:
            initial = {
                f: getattr(scope, f)
                for f in (
                    "wiki",
                    "usernames",
                    "window_start",
                    "window_end",
                    "tail_days",
                    "commons_category",
                    "category_depth",
                    "articles",
                    "articles_category",
                )
            }
        form = ScopeForm(initial=initial)
        return render(request, self.template_name, {"nav": "activities", "activity": activity, "form": form})

    def post(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        form = ScopeForm(request.POST)
        if form.is_valid():
            try:
                metrics.scope_save(activity=activity, data=metrics.ScopeInput(**form.cleaned_data), by=request.user)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Scope saved. Refresh the figures to measure it."))
                return redirect(activity)
        return render(
            request, self.template_name, {"nav": "activities", "activity": activity, "form": form}, status=400
        )


class ActivityRefreshView(StaffRequiredMixin, View):
    """Queue a new snapshot; with htmx, answer the progress panel that polls it."""

    permission_required = CHANGE

    def post(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        try:
            snapshot = metrics.snapshot_request(activity=activity, by=request.user)
        except ValidationError as exc:
            if request.htmx:
                return render(
                    request, "activities/staff/_snapshot_progress.html", {"error": " ".join(exc.messages)}, status=400
                )
            messages.error(request, " ".join(exc.messages))
            return redirect(activity)
        if request.htmx:
            snapshot.refresh_from_db()
            return _progress(request, activity, snapshot)
        messages.success(request, _("The figures are being collected."))
        return redirect(activity)


def _progress(request, activity, snapshot):
    response = render(request, "activities/staff/_snapshot_progress.html", {"activity": activity, "snapshot": snapshot})
    if snapshot.is_finished and request.htmx:
        response["HX-Refresh"] = "true"  # reload the page: it shows the new figures
    return response


class SnapshotProgressView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request, pk: int, snapshot_pk: int):
        snapshot = get_object_or_404(MetricsSnapshot.objects.select_related("activity"), pk=snapshot_pk, activity_id=pk)
        return _progress(request, snapshot.activity, snapshot)
