"""Addresses of the evaluations app, mounted by ``wmfr_partners/urls.py``:

- ``staff_urlpatterns`` under ``/staff/`` (namespace ``staff``),
- ``portal_urlpatterns`` under ``/portal/`` (namespace ``portal``),
- ``public_urlpatterns`` at the site root (namespace ``evaluations``): pages for anyone.

Each wing keeps its own block below (joint evaluations, questionnaires, reports).
"""

from django.urls import path

from .views import evaluation_portal, evaluation_staff, report_portal, report_public, report_staff

staff_urlpatterns = [
    # Joint evaluations
    path("evaluations/", evaluation_staff.EvaluationListView.as_view(), name="evaluation_list"),
    # Reports
    path("impact/", report_staff.ImpactDashboardView.as_view(), name="impact_dashboard"),
    path("impact/pdf/", report_staff.ImpactReportPdfView.as_view(), name="impact_report_pdf"),
    path("impact/documents/", report_staff.ImpactDocumentsPartialView.as_view(), name="impact_documents"),
    path("partnerships/<id:pk>/report/", report_staff.PartnershipReportView.as_view(), name="partnership_report"),
    path(
        "partnerships/<id:pk>/report/pdf/",
        report_staff.PartnershipReportPdfView.as_view(),
        name="partnership_report_pdf",
    ),
    path(
        "partnerships/<id:pk>/report/documents/",
        report_staff.PartnershipReportDocumentsPartialView.as_view(),
        name="partnership_report_documents",
    ),
    path(
        "partnerships/<id:pk>/open-data/",
        report_staff.PartnershipPublicationView.as_view(),
        name="partnership_publication",
    ),
    path("reports/<id:pk>/download/", report_staff.ReportDownloadView.as_view(), name="report_download"),
]

portal_urlpatterns = [
    # Joint evaluations
    path("evaluations/", evaluation_portal.PortalEvaluationListView.as_view(), name="evaluation_list"),
    # Reports (open data)
    path("open-data/", report_portal.PortalOpenDataView.as_view(), name="open_data"),
    path("open-data/<id:pk>/", report_portal.PortalPublicationView.as_view(), name="open_data_set"),
]

public_urlpatterns: list = [
    # Reports (open data)
    path("open-data/", report_public.OpenDataView.as_view(), name="open_data"),
    path("open-data/partnerships.<str:fmt>", report_public.OpenDataExportView.as_view(), name="open_data_export"),
]
