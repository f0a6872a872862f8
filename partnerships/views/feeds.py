"""The partner's calendar: the feed itself (public: the address is the secret) and its
management by the portal admins (on the portal's deadlines page)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django_scopes import scope

from core.access import PortalRequiredMixin, PublicMixin
from core.calendar_views import ics_response, too_many
from core.feeds import feed_token_matches, feed_window, ics_document

from ..feeds import partner_feed_events, partner_feed_regenerate, partner_feed_revoke
from ..models import PartnerCalendarFeed


class PartnerFeedView(PublicMixin, View):
    """The partner's calendar. Unknown, revoked or renewed address: 404."""

    def get(self, request, partner_id: int, token: str):
        with scope(partner=partner_id):  # the address names its partner: every query stays within it
            feed = PartnerCalendarFeed.objects.select_related("partner").filter(partner_id=partner_id).first()
            if feed is None or not feed_token_matches("partner", feed.salt, token):
                raise Http404
            refused = too_many(token)
            if refused is not None:
                return refused
            partner = feed.partner
            start, end = feed_window()
            with translation.override(settings.LANGUAGE_CODE):  # the partner's own pages speak French first
                events = partner_feed_events(partner, start, end)
                name = _("Wikimédia France deadlines")
                body = ics_document(f"{name} – {partner.name}", events)
        return ics_response(name, body)


class PartnerFeedManageView(PortalRequiredMixin, View):
    """POST ``action=new`` (a new address) or ``action=off`` (turn it off); admins only."""

    admin_only = True

    def post(self, request):
        action = request.POST.get("action")
        if action == "new":
            partner_feed_regenerate(partner=request.partner, by=request.user)
            messages.success(
                request, _("Your organisation’s new calendar address is ready; the previous one no longer works.")
            )
        elif action == "off":
            partner_feed_revoke(partner=request.partner, by=request.user)
            messages.success(request, _("Your organisation’s calendar address is turned off."))
        else:
            messages.error(request, _("Choose what to do with the calendar address."))
        return redirect("portal:deadlines")
