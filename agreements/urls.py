from django.urls import path

from .views import portal, staff

staff_urlpatterns = [
    path("agreements/", staff.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/new/", staff.AgreementCreateView.as_view(), name="agreement_create"),
    path("agreements/<id:pk>/", staff.AgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/<id:pk>/edit/", staff.AgreementUpdateView.as_view(), name="agreement_update"),
    path("agreements/<id:pk>/documents/", staff.AgreementDocumentsPartialView.as_view(), name="agreement_documents"),
    path("agreements/<id:pk>/generate/", staff.AgreementGenerateView.as_view(), name="agreement_generate"),
    path(
        "agreements/<id:pk>/status/<str:status>/", staff.AgreementTransitionView.as_view(), name="agreement_transition"
    ),
    path("agreements/<id:pk>/clauses/add/", staff.ClauseAddView.as_view(), name="clause_add"),
    path("agreements/<id:pk>/clauses/<id:clause_pk>/edit/", staff.ClauseUpdateView.as_view(), name="clause_update"),
    path(
        "agreements/<id:pk>/amendments/<id:amendment_pk>/<str:action>/",
        staff.AmendmentActionView.as_view(),
        name="amendment_action",
    ),
    path("agreements/<id:pk>/scans/", staff.ScanUploadView.as_view(), name="agreement_scan_upload"),
    path("agreements/documents/<id:pk>/download/", staff.DocumentDownloadView.as_view(), name="document_download"),
    path("agreements/scans/<id:pk>/download/", staff.ScanDownloadView.as_view(), name="scan_download"),
]

portal_urlpatterns = [
    path("agreements/", portal.PortalAgreementListView.as_view(), name="agreement_list"),
    path("agreements/<id:pk>/", portal.PortalAgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/<id:pk>/scans/", portal.PortalScanUploadView.as_view(), name="agreement_scan_upload"),
    path(
        "agreements/documents/<id:pk>/download/", portal.PortalDocumentDownloadView.as_view(), name="document_download"
    ),
]
