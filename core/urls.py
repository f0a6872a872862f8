"""The user's own pages (preferences, notifications) and their private calendar feed.

``urlpatterns`` are mounted at the site's root (any logged-in user: staff use these);
``portal_urlpatterns`` in the portal, in its frame.
"""

from django.urls import path

from . import calendar_views as views

urlpatterns = [
    path("preferences/", views.PreferencesView.as_view(), name="preferences"),
    path("notifications/", views.NotificationsView.as_view(), name="notifications"),
    path("notifications/read/", views.NotificationsReadView.as_view(), name="notifications_read"),
    path("calendar/<id:pk>/<str:token>.ics", views.UserFeedView.as_view(), name="calendar_feed"),
]

portal_urlpatterns = [
    path("preferences/", views.PortalPreferencesView.as_view(), name="preferences"),
    path("notifications/", views.PortalNotificationsView.as_view(), name="notifications"),
    path("notifications/read/", views.PortalNotificationsReadView.as_view(), name="notifications_read"),
]
