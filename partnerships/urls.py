from django.urls import path

from .views import deadlines, feeds, portal, public, staff, wikidata

staff_urlpatterns = [
    path("deadlines/", deadlines.StaffDeadlinesView.as_view(), name="deadlines"),
    path("partners/", staff.PartnerListView.as_view(), name="partner_list"),
    path("partners/export.<str:fmt>", staff.PartnerExportView.as_view(), name="partner_export"),
    path("partners/new/", staff.PartnerCreateView.as_view(), name="partner_create"),
    path("partners/<id:pk>/", staff.PartnerDetailView.as_view(), name="partner_detail"),
    path("partners/<id:pk>/wikidata/", wikidata.PartnerWikidataView.as_view(), name="partner_wikidata"),
    path("partners/<id:pk>/edit/", staff.PartnerUpdateView.as_view(), name="partner_update"),
    path("partners/<id:pk>/invite/", staff.PartnerInviteView.as_view(), name="partner_invite"),
    path("invitations/", staff.InvitationListView.as_view(), name="invitation_list"),
    path("invitations/<id:pk>/revoke/", staff.InvitationRevokeView.as_view(), name="invitation_revoke"),
    path("partnerships/", staff.PartnershipListView.as_view(), name="partnership_list"),
    path("partnerships/new/", staff.PartnershipCreateView.as_view(), name="partnership_create"),
    path("partnerships/<id:pk>/", staff.PartnershipDetailView.as_view(), name="partnership_detail"),
    path("partnerships/<id:pk>/edit/", staff.PartnershipUpdateView.as_view(), name="partnership_update"),
    path("partnerships/<id:pk>/status/", staff.PartnershipStatusView.as_view(), name="partnership_status"),
]

portal_urlpatterns = [
    path("", portal.PortalHomeView.as_view(), name="home"),
    path("organisation/", portal.OrganisationEditView.as_view(), name="organisation_edit"),
    path("switch/<id:partner_id>/", portal.SwitchPartnerView.as_view(), name="switch_partner"),
    path("colleagues/invite/", portal.InviteColleagueView.as_view(), name="invite_colleague"),
    path("invitations/<id:pk>/revoke/", portal.RevokeInvitationView.as_view(), name="invitation_revoke"),
    path("principles/", portal.PrinciplesView.as_view(), name="principles"),
    path("deadlines/", deadlines.PortalDeadlinesView.as_view(), name="deadlines"),
    path("deadlines/calendar/", feeds.PartnerFeedManageView.as_view(), name="calendar_manage"),
    path("partnerships/<id:pk>/", portal.PartnershipDetailView.as_view(), name="partnership_detail"),
]

# The link in an invitation e-mail (no namespace: reachable without an account).
invitation_urlpatterns = [
    path("<id:partner_id>/<str:token>/", public.InvitationAcceptView.as_view(), name="invitation_accept"),
]

# The partner's private calendar (no namespace, no login: the address is the secret).
feed_urlpatterns = [
    path(
        "calendar/partners/<id:partner_id>/<str:token>.ics",
        feeds.PartnerFeedView.as_view(),
        name="partner_calendar_feed",
    ),
]
