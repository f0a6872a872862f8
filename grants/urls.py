from django.urls import path

from .views import portal, public, staff

staff_urlpatterns = [
    path("grants/", staff.ProgrammeListView.as_view(), name="grants_programmes"),
    path("grants/invite/", staff.InvitationCreateView.as_view(), name="grants_invite"),
    path("grants/years/<id:pk>/", staff.PipelineView.as_view(), name="grants_pipeline"),
    path("grants/years/<id:pk>/export/<str:fmt>/", staff.PipelineExportView.as_view(), name="grants_export"),
    path("grants/applications/<id:pk>/", staff.ApplicationDetailView.as_view(), name="grants_application"),
    path("grants/applications/<id:pk>/pdf/", staff.ApplicationPdfView.as_view(), name="grants_application_pdf"),
    path("grants/applications/<id:pk>/review/", staff.ReviewView.as_view(), name="grants_review"),
    path("grants/applications/<id:pk>/<str:action>/", staff.ApplicationActionView.as_view(), name="grants_action"),
]

portal_urlpatterns = [
    path("grants/", portal.GrantsHomeView.as_view(), name="grants_home"),
    path("grants/invitations/<id:pk>/start/", portal.InvitationStartView.as_view(), name="grants_start"),
    path("grants/applications/<id:pk>/", portal.ApplicationView.as_view(), name="grants_application"),
    path("grants/applications/<id:pk>/autosave/", portal.AutosaveView.as_view(), name="grants_autosave"),
    path("grants/applications/<id:pk>/submit/", portal.SubmitView.as_view(), name="grants_submit"),
    path("grants/applications/<id:pk>/withdraw/", portal.WithdrawView.as_view(), name="grants_withdraw"),
    path("grants/applications/<id:pk>/reply/", portal.ReplyView.as_view(), name="grants_reply"),
    path("grants/applications/<id:pk>/report/", portal.ReportView.as_view(), name="grants_report"),
    path("grants/applications/<id:pk>/attachments/", portal.AttachmentUploadView.as_view(), name="grants_attach"),
]

public_urlpatterns = [
    path("<slug:code>/<str:fy>/", public.PublicFiscalYearView.as_view(), name="fiscal_year"),
]
