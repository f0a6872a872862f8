from django.urls import path

from .views import portal, staff

staff_urlpatterns = [
    path("agreements/", staff.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/new/", staff.AgreementCreateView.as_view(), name="agreement_create"),
    path("agreements/<int:pk>/", staff.AgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/<int:pk>/edit/", staff.AgreementUpdateView.as_view(), name="agreement_update"),
    path("agreements/<int:pk>/documents/", staff.AgreementDocumentsPartialView.as_view(), name="agreement_documents"),
    path("agreements/<int:pk>/generate/", staff.AgreementGenerateView.as_view(), name="agreement_generate"),
    path(
        "agreements/<int:pk>/status/<str:status>/", staff.AgreementTransitionView.as_view(), name="agreement_transition"
    ),
    path("agreements/<int:pk>/clauses/add/", staff.ClauseAddView.as_view(), name="clause_add"),
    path("agreements/<int:pk>/clauses/<int:clause_pk>/edit/", staff.ClauseUpdateView.as_view(), name="clause_update"),
    path(
        "agreements/<int:pk>/amendments/<int:amendment_pk>/<str:action>/",
        staff.AmendmentActionView.as_view(),
        name="amendment_action",
    ),
    path("agreements/<int:pk>/scans/", staff.ScanUploadView.as_view(), name="agreement_scan_upload"),
    path("agreements/documents/<int:pk>/download/", staff.DocumentDownloadView.as_view(), name="document_download"),
    path("agreements/scans/<int:pk>/download/", staff.ScanDownloadView.as_view(), name="scan_download"),
]

portal_urlpatterns = [
    path("agreements/", portal.PortalAgreementListView.as_view(), name="agreement_list"),
    path("agreements/<int:pk>/", portal.PortalAgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/<int:pk>/scans/", portal.PortalScanUploadView.as_view(), name="agreement_scan_upload"),
    path(
        "agreements/documents/<int:pk>/download/", portal.PortalDocumentDownloadView.as_view(), name="document_download"
    ),
]
