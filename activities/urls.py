from django.urls import path

from .views import public, staff

catalogue_urlpatterns = [
    path("", public.CatalogueListView.as_view(), name="list"),
    path("<slug:code>/", public.CatalogueDetailView.as_view(), name="detail"),
]

staff_urlpatterns = [
    path("", staff.DashboardView.as_view(), name="dashboard"),
]
