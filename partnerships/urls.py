from django.urls import path

from .views import portal, staff

staff_urlpatterns = [
    path("partners/", staff.PartnerListView.as_view(), name="partner_list"),
    path("partners/export.<str:fmt>", staff.PartnerExportView.as_view(), name="partner_export"),
    path("partners/new/", staff.PartnerCreateView.as_view(), name="partner_create"),
    path("partners/<int:pk>/", staff.PartnerDetailView.as_view(), name="partner_detail"),
    path("partners/<int:pk>/edit/", staff.PartnerUpdateView.as_view(), name="partner_update"),
    path("partnerships/", staff.PartnershipListView.as_view(), name="partnership_list"),
    path("partnerships/new/", staff.PartnershipCreateView.as_view(), name="partnership_create"),
    path("partnerships/<int:pk>/", staff.PartnershipDetailView.as_view(), name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", staff.PartnershipUpdateView.as_view(), name="partnership_update"),
    path("partnerships/<int:pk>/status/", staff.PartnershipStatusView.as_view(), name="partnership_status"),
]

portal_urlpatterns = [
    path("", portal.PortalHomeView.as_view(), name="home"),
]
