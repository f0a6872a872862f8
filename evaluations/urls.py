"""Addresses of the evaluations app, mounted by ``wmfr_partners/urls.py``:

- ``staff_urlpatterns`` under ``/staff/`` (namespace ``staff``),
- ``portal_urlpatterns`` under ``/portal/`` (namespace ``portal``),
- ``public_urlpatterns`` at the site root (namespace ``evaluations``): pages for anyone.

Each wing keeps its own block below (joint evaluations, questionnaires, reports).
"""

from django.urls import path

from .views import (
    evaluation_portal,
    evaluation_staff,
    followup_staff,
    questionnaire_portal,
    questionnaire_public,
    questionnaire_staff,
    report_portal,
    report_public,
    report_staff,
)

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
    path(
        "evaluations/new/activity/<id:pk>/",
        evaluation_staff.EvaluationCreateView.as_view(),
        {"subject": "activity"},
        name="evaluation_create_activity",
    ),
    path(
        "evaluations/new/partnership/<id:pk>/",
        evaluation_staff.EvaluationCreateView.as_view(),
        {"subject": "partnership"},
        name="evaluation_create_partnership",
    ),
    path("evaluations/<id:pk>/", evaluation_staff.EvaluationDetailView.as_view(), name="evaluation_detail"),
    path("evaluations/<id:pk>/answer/", evaluation_staff.EvaluationAnswerView.as_view(), name="evaluation_answer"),
    path("evaluations/<id:pk>/close/", evaluation_staff.EvaluationCloseView.as_view(), name="evaluation_close"),
    path(
        "evaluations/<id:pk>/mentions/add/", followup_staff.PressMentionCreateView.as_view(), name="press_mention_add"
    ),
    path(
        "evaluations/<id:pk>/mentions/<id:mention_pk>/",
        followup_staff.PressMentionUpdateView.as_view(),
        name="press_mention_update",
    ),
    path("evaluations/<id:pk>/lessons/add/", followup_staff.LessonAddView.as_view(), name="lesson_add"),
    path(
        "evaluations/<id:pk>/lessons/<id:lesson_pk>/action/",
        followup_staff.FollowUpActivityView.as_view(),
        name="follow_up_activity",
    ),
    # Satisfaction questionnaires
    path("questionnaires/", questionnaire_staff.QuestionnaireListView.as_view(), name="questionnaire_list"),
    path("questionnaires/new/", questionnaire_staff.QuestionnaireCreateView.as_view(), name="questionnaire_create"),
    path(
        "questionnaires/for-activity/<id:pk>/",
        questionnaire_staff.QuestionnaireForActivityView.as_view(),
        name="questionnaire_for_activity",
    ),
    path("questionnaires/<id:pk>/", questionnaire_staff.QuestionnaireDetailView.as_view(), name="questionnaire_detail"),
    path(
        "questionnaires/<id:pk>/dates/",
        questionnaire_staff.QuestionnaireDatesView.as_view(),
        name="questionnaire_dates",
    ),
    path(
        "questionnaires/<id:pk>/close/",
        questionnaire_staff.QuestionnaireStateView.as_view(),
        {"action": "close"},
        name="questionnaire_close",
    ),
    path(
        "questionnaires/<id:pk>/reopen/",
        questionnaire_staff.QuestionnaireStateView.as_view(),
        {"action": "reopen"},
        name="questionnaire_reopen",
    ),
    path(
        "questionnaires/<id:pk>/print/",
        questionnaire_staff.QuestionnairePrintView.as_view(),
        name="questionnaire_print",
    ),
    path(
        "questionnaires/<id:pk>/answers.csv",
        questionnaire_staff.QuestionnaireExportView.as_view(),
        name="questionnaire_export",
    ),
]

portal_urlpatterns = [
    # Joint evaluations
    path("evaluations/", evaluation_portal.PortalEvaluationListView.as_view(), name="evaluation_list"),
    # Reports (open data)
    path("open-data/", report_portal.PortalOpenDataView.as_view(), name="open_data"),
    path("open-data/<id:pk>/", report_portal.PortalPublicationView.as_view(), name="open_data_set"),
    path("evaluations/<id:pk>/", evaluation_portal.PortalEvaluationDetailView.as_view(), name="evaluation_detail"),
    path(
        "evaluations/<id:pk>/answer/", evaluation_portal.PortalEvaluationAnswerView.as_view(), name="evaluation_answer"
    ),
    path(
        "evaluations/<id:pk>/lessons/<id:lesson_pk>/propose/",
        evaluation_portal.PortalFollowUpProposalView.as_view(),
        name="follow_up_proposal",
    ),
    # Satisfaction questionnaires
    path("questionnaires/", questionnaire_portal.PortalQuestionnaireListView.as_view(), name="questionnaire_list"),
    path(
        "questionnaires/<id:pk>/",
        questionnaire_portal.PortalQuestionnaireDetailView.as_view(),
        name="questionnaire_detail",
    ),
]

public_urlpatterns: list = [
    # Reports (open data)
    path("open-data/", report_public.OpenDataView.as_view(), name="open_data"),
    path("open-data/partnerships.<str:fmt>", report_public.OpenDataExportView.as_view(), name="open_data_export"),
    # Satisfaction questionnaires: the participants' link (its token is the only credential)
    path("q/<str:token>/", questionnaire_public.QuestionnaireAnswerView.as_view(), name="questionnaire_answer"),
]
