"""Back-office pages of the reports wing: the impact dashboard, a partnership's evaluation
report, their PDFs, and the open-data flag of a partnership."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View

from core.access import StaffRequiredMixin
from partnerships.models import Partnership

from .. import opendata, reports
from ..impact import ImpactFilters
from ..report_forms import ImpactFilterForm, PublicationForm
from ..report_models import ReportDocument, ReportKind, ReportState

VIEW = ("evaluations.view_reportdocument",)
GENERATE = ("evaluations.view_reportdocument", "evaluations.add_reportdocument")
PUBLISH = ("evaluations.view_partnershippublication", "evaluations.change_partnershippublication")


def _filter_form(data) -> ImpactFilterForm:
    priorities, types = reports.report_filter_choices()
    return ImpactFilterForm(data, priorities=priorities, types=types)


class ImpactDashboardView(StaffRequiredMixin, View):
    """The impact of the activities, filtered; its charts and the impact report PDFs."""

    permission_required = VIEW

    def get(self, request):
        # A filtered page builds its form at once (its status; the choices are read once per
        # data version); the rest is read only when the page's cached blocks are not ({% cache %},
        # core/dataversion.py): the unfiltered page served from them builds nothing.
        if request.GET:
            form = _filter_form(request.GET)
            filters, status = form.filters(), 200 if form.is_valid() else 400
        else:
            form = SimpleLazyObject(lambda: _filter_form(None))
            filters, status = ImpactFilters(), 200
        # The figures are a summary (core/summaries.py), refreshed off the request after a write.
        context = reports.impact_page_context(filters, SimpleLazyObject(lambda: form.types))
        documents = SimpleLazyObject(lambda: reports.recent_reports(kind=ReportKind.IMPACT))
        return render(
            request,
            "evaluations/reports/impact_dashboard.html",
            {
                **context,
                "nav": "impact",
                "form": form,
                "form_fields": SimpleLazyObject(lambda: list(form)),  # a lazy form has no len() for {% for %}
                "documents": documents,
                "polling": SimpleLazyObject(lambda: any(d.is_pending for d in documents)),
                "documents_url": reverse("staff:impact_documents"),
            },
            status=status,
        )


class ImpactReportPdfView(StaffRequiredMixin, View):
    """Ask for the PDF of the dashboard as filtered (a report per priority, region, year...)."""

    permission_required = GENERATE

    def post(self, request):
        form = _filter_form(request.POST)
        if not form.is_valid():
            messages.error(request, _("These filters are not valid; no report was generated."))
            return redirect("staff:impact_dashboard")
        filters = form.filters()
        reports.report_request(kind=ReportKind.IMPACT, filters=filters, by=request.user)
        messages.success(request, _("The report PDF is being generated; it will appear below in a moment."))
        query = filters.querystring()
        return redirect(reverse("staff:impact_dashboard") + (f"?{query}" if query else ""))


class ImpactDocumentsPartialView(StaffRequiredMixin, View):
    """The impact report PDFs alone: polled by htmx while one renders."""

    permission_required = VIEW

    def get(self, request):
        documents = reports.recent_reports(kind=ReportKind.IMPACT)
        return render(
            request,
            "evaluations/reports/_documents.html",
            {
                "documents": documents,
                "polling": any(d.is_pending for d in documents),
                "documents_url": reverse("staff:impact_documents"),
            },
        )


class PartnershipReportView(StaffRequiredMixin, View):
    """A partnership's evaluation report: the page the PDF is made of."""

    permission_required = ("evaluations.view_reportdocument", "partnerships.view_partnership")

    def get(self, request, pk: int):
        try:
            partnership = reports.report_partnership(pk)
        except Partnership.DoesNotExist as exc:
            raise Http404 from exc
        documents = reports.recent_reports(kind=ReportKind.PARTNERSHIP, partnership=partnership)
        return render(
            request,
            "evaluations/reports/partnership_report.html",
            {
                **reports.partnership_report_context(partnership),
                "nav": "partnerships",
                "documents": documents,
                "polling": any(d.is_pending for d in documents),
                "documents_url": reverse("staff:partnership_report_documents", args=[partnership.pk]),
                "publication_form": PublicationForm(initial={"published": opendata.is_published(partnership)}),
            },
        )


class PartnershipReportDocumentsPartialView(StaffRequiredMixin, View):
    permission_required = ("evaluations.view_reportdocument", "partnerships.view_partnership")

    def get(self, request, pk: int):
        partnership = get_object_or_404(Partnership, pk=pk)
        documents = reports.recent_reports(kind=ReportKind.PARTNERSHIP, partnership=partnership)
        return render(
            request,
            "evaluations/reports/_documents.html",
            {
                "documents": documents,
                "polling": any(d.is_pending for d in documents),
                "documents_url": reverse("staff:partnership_report_documents", args=[partnership.pk]),
            },
        )


class PartnershipReportPdfView(StaffRequiredMixin, View):
    permission_required = (*GENERATE, "partnerships.view_partnership")

    def post(self, request, pk: int):
        partnership = get_object_or_404(Partnership, pk=pk)
        try:
            reports.report_request(kind=ReportKind.PARTNERSHIP, partnership=partnership, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The report PDF is being generated; it will appear below in a moment."))
        return redirect("staff:partnership_report", pk=partnership.pk)


class ReportDownloadView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request, pk: int):
        document = get_object_or_404(ReportDocument, pk=pk, state=ReportState.READY)
        response = FileResponse(
            document.file.open("rb"), content_type="application/pdf", as_attachment=True, filename=document.filename
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class PartnershipPublicationView(StaffRequiredMixin, View):
    """Staff record whether the partners agreed to publish the partnership as open data."""

    permission_required = (*PUBLISH, "partnerships.view_partnership")

    def post(self, request, pk: int):
        partnership = get_object_or_404(Partnership, pk=pk)
        form = PublicationForm(request.POST)
        form.is_valid()  # a checkbox: absent means False, never invalid
        published = bool(form.cleaned_data.get("published"))
        opendata.publication_set(partnership=partnership, published=published, by=request.user)
        if published:
            messages.success(request, _("This partnership and its figures are published as open data."))
        else:
            messages.success(request, _("This partnership is no longer published as open data."))
        return redirect("staff:partnership_report", pk=partnership.pk)
