from django.urls import path

from .views import portal, public, staff

catalogue_urlpatterns = [
    path("", public.CatalogueListView.as_view(), name="list"),
    path("<slug:code>/", public.CatalogueDetailView.as_view(), name="detail"),
]

staff_urlpatterns = [
    path("", staff.DashboardView.as_view(), name="dashboard"),
    path("proposals/", staff.ProposalListView.as_view(), name="proposal_list"),
    path("proposals/<id:pk>/", staff.ProposalDetailView.as_view(), name="proposal_detail"),
    path("proposals/<id:pk>/<str:decision>/", staff.ProposalDecisionView.as_view(), name="proposal_decision"),
    path("partnerships/<id:pk>/activities/new/", staff.ActivityCreateView.as_view(), name="activity_create"),
]

portal_urlpatterns = [
    path("proposals/new/<slug:code>/", portal.ProposalCreateView.as_view(), name="proposal_create"),
    path("proposals/<id:pk>/", portal.ProposalDetailView.as_view(), name="proposal_detail"),
]
