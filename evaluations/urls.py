"""Addresses of the evaluations app, mounted by ``wmfr_partners/urls.py``:

- ``staff_urlpatterns`` under ``/staff/`` (namespace ``staff``),
- ``portal_urlpatterns`` under ``/portal/`` (namespace ``portal``),
- ``public_urlpatterns`` at the site root (namespace ``evaluations``): pages for anyone.

Each wing keeps its own block below (joint evaluations, questionnaires, reports).
"""

from django.urls import path

from .views import evaluation_portal, evaluation_staff, followup_staff

staff_urlpatterns = [
    # Joint evaluations
    path("evaluations/", evaluation_staff.EvaluationListView.as_view(), name="evaluation_list"),
    path(
        "evaluations/new/activity/<int:pk>/",
        evaluation_staff.EvaluationCreateView.as_view(),
        {"subject": "activity"},
        name="evaluation_create_activity",
    ),
    path(
        "evaluations/new/partnership/<int:pk>/",
        evaluation_staff.EvaluationCreateView.as_view(),
        {"subject": "partnership"},
        name="evaluation_create_partnership",
    ),
    path("evaluations/<int:pk>/", evaluation_staff.EvaluationDetailView.as_view(), name="evaluation_detail"),
    path("evaluations/<int:pk>/answer/", evaluation_staff.EvaluationAnswerView.as_view(), name="evaluation_answer"),
    path("evaluations/<int:pk>/close/", evaluation_staff.EvaluationCloseView.as_view(), name="evaluation_close"),
    path(
        "evaluations/<int:pk>/mentions/add/", followup_staff.PressMentionCreateView.as_view(), name="press_mention_add"
    ),
    path(
        "evaluations/<int:pk>/mentions/<int:mention_pk>/",
        followup_staff.PressMentionUpdateView.as_view(),
        name="press_mention_update",
    ),
    path("evaluations/<int:pk>/lessons/add/", followup_staff.LessonAddView.as_view(), name="lesson_add"),
    path(
        "evaluations/<int:pk>/lessons/<int:lesson_pk>/action/",
        followup_staff.FollowUpActivityView.as_view(),
        name="follow_up_activity",
    ),
]

portal_urlpatterns = [
    # Joint evaluations
    path("evaluations/", evaluation_portal.PortalEvaluationListView.as_view(), name="evaluation_list"),
    path("evaluations/<int:pk>/", evaluation_portal.PortalEvaluationDetailView.as_view(), name="evaluation_detail"),
    path(
        "evaluations/<int:pk>/answer/", evaluation_portal.PortalEvaluationAnswerView.as_view(), name="evaluation_answer"
    ),
    path(
        "evaluations/<int:pk>/lessons/<int:lesson_pk>/propose/",
        evaluation_portal.PortalFollowUpProposalView.as_view(),
        name="follow_up_proposal",
    ),
]

public_urlpatterns: list = []
