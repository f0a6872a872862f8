"""Resolve the partner once per request and scope every partner-owned query to it.

- Back-office and admin requests run with scopes disabled: staff see every partner
  (this is the allow-list).
- Portal requests run inside ``scope(partner=<pk>)``: every query on a partner-owned model
  (django-scopes ``ScopedManager``) is filtered to the request's partner, on top of the
  views starting from ``request.partner``. A portal user without an organisation gets a
  scope that matches nothing.
- Every other request (public catalogue, login, invitations) has no scope at all: an
  unscoped query on a partner-owned model raises ``ScopeError``, so a forgotten filter is
  a loud failure rather than a leak.
"""

from django.core.cache import cache
from django.urls import Resolver404, resolve
from django_scopes import scope, scopes_disabled

from core import dataversion

from .models import PartnerMember

PORTAL_SESSION_KEY = "portal_partner_id"
NO_PARTNER = 0  # a primary key no row has


def portal_memberships(user) -> list[PartnerMember]:
    """The user's memberships with their partner, read once per data version
    (core/dataversion.py): a membership removed or a partner renamed is a write, so the next
    request reads them again."""
    key = f"portal-memberships:{user.pk}:{dataversion.current()}"
    memberships: list[PartnerMember] | None = cache.get(key)
    if memberships is None:
        with scopes_disabled():
            memberships = list(
                PartnerMember.objects.filter(user=user).select_related("partner").order_by("partner__name", "pk")
            )
        cache.set(key, memberships, 300)
    return memberships


class PartnerScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.partner = None
        request.partner_member = None
        try:
            namespace = resolve(request.path_info).namespace
        except Resolver404:
            namespace = ""
        if namespace in ("staff", "admin"):
            with scopes_disabled():
                return self.get_response(request)
        if namespace == "portal":
            if request.user.is_authenticated:
                memberships = portal_memberships(request.user)
                request.portal_memberships = memberships
                wanted = request.session.get(PORTAL_SESSION_KEY)
                member = next((m for m in memberships if m.partner_id == wanted), None)
                member = member or (memberships[0] if memberships else None)
                if member is not None:
                    request.partner_member = member
                    request.partner = member.partner
            with scope(partner=request.partner.pk if request.partner else NO_PARTNER):
                return self.get_response(request)
        return self.get_response(request)
