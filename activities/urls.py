from django.urls import path

from .views import activity_portal, activity_staff, portal, public, staff

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
    path("activities/", activity_staff.ActivityListView.as_view(), name="activity_list"),
    path("activities/export.<str:fmt>", activity_staff.ActivityExportView.as_view(), name="activity_export"),
    path("activities/calendar/", activity_staff.ActivityCalendarView.as_view(), name="activity_calendar"),
    path("activities/week/", activity_staff.ActivityWeekView.as_view(), name="activity_week"),
    path("activities/<id:pk>/", activity_staff.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<id:pk>/edit/", activity_staff.ActivityUpdateView.as_view(), name="activity_update"),
    path("activities/<id:pk>/status/", activity_staff.ActivityStatusView.as_view(), name="activity_status"),
    path("activities/<id:pk>/plan/", activity_staff.ActivityPlanView.as_view(), name="activity_plan"),
    path("activities/<id:pk>/scope/", activity_staff.ActivityScopeView.as_view(), name="activity_scope"),
    path("activities/<id:pk>/refresh/", activity_staff.ActivityRefreshView.as_view(), name="activity_refresh"),
    path(
        "activities/<id:pk>/snapshots/<id:snapshot_pk>/",
        activity_staff.SnapshotProgressView.as_view(),
        name="snapshot_progress",
    ),
]

portal_urlpatterns = [
    path("proposals/new/<slug:code>/", portal.ProposalCreateView.as_view(), name="proposal_create"),
    path("proposals/<id:pk>/", portal.ProposalDetailView.as_view(), name="proposal_detail"),
    path("activities/", activity_portal.PortalActivityListView.as_view(), name="activity_list"),
    path("activities/<id:pk>/", activity_portal.PortalActivityDetailView.as_view(), name="activity_detail"),
    path(
        "activities/<id:pk>/participants/",
        activity_portal.PortalParticipantsView.as_view(),
        name="activity_participants",
    ),
]
