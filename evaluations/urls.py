"""Addresses of the evaluations app, mounted by ``wmfr_partners/urls.py``:

- ``staff_urlpatterns`` under ``/staff/`` (namespace ``staff``),
- ``portal_urlpatterns`` under ``/portal/`` (namespace ``portal``),
- ``public_urlpatterns`` at the site root (namespace ``evaluations``): pages for anyone.

Each wing keeps its own block below (joint evaluations, questionnaires, reports).
"""

from django.urls import path

from .views import evaluation_portal, evaluation_staff

staff_urlpatterns = [
    # Joint evaluations
    path("evaluations/", evaluation_staff.EvaluationListView.as_view(), name="evaluation_list"),
]

portal_urlpatterns = [
    # Joint evaluations
    path("evaluations/", evaluation_portal.PortalEvaluationListView.as_view(), name="evaluation_list"),
]

public_urlpatterns: list = []
