"""A user's own pages about deadlines: reminder preferences and calendar address, the
notifications (the bell), and the private calendar feed itself.

Each page exists twice: at the site's root for staff (``preferences``, ``notifications``: any
logged-in user) and in the portal (``portal:preferences``...), where the partner frame and its
navigation are resolved. Both read and write only the request's own user.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django_scopes import scopes_disabled

from .access import LoggedInMixin, PortalRequiredMixin, PublicMixin
from .feeds import (
    FEED_RATE_LIMIT,
    FeedQuery,
    calendar_events,
    deadline_events,
    feed_token,
    feed_token_matches,
    feed_window,
    ics_document,
    user_deadlines,
)
from .forms import PreferencesForm, add_service_errors
from .models import CalendarFeed, Notification, ReminderPreference
from .notifications import notifications_mark_read
from .preferences import calendar_feed_regenerate, calendar_feed_revoke, preferences_save
from .ratelimit import Bucket, RateLimitedError, consume

#: The notifications page shows the newest ones.
NOTIFICATIONS_SHOWN = 50


def feed_url(request: HttpRequest, feed: CalendarFeed | None) -> str:
    if feed is None:
        return ""
    return request.build_absolute_uri(reverse("calendar_feed", args=[feed.pk, feed_token("user", feed.salt)]))


class _Own:
    """The request's user's own pages; ``portal`` pages render in the portal frame, the root
    ones in the back-office frame for staff (run unscoped, as the back-office is) and in the
    portal frame for anyone else."""

    portal = False
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # A mixin: dispatch() comes from the View it is mixed into, which mypy cannot see.
        unscoped = not self.portal and request.user.is_staff
        with scopes_disabled() if unscoped else contextlib.nullcontext():
            response: HttpResponseBase = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return response

    def base(self) -> str:
        return "staff/base.html" if not self.portal and self.request.user.is_staff else "portal/base.html"

    def url(self, name: str) -> str:
        return reverse(f"portal:{name}" if self.portal else name)


class PreferencesViewBase(_Own, View):
    template_name = "core/preferences.html"

    def _initial(self, user: Any) -> dict[str, Any]:
        preference = ReminderPreference.objects.filter(user=user).first()
        return {
            "delivery": preference.delivery if preference else "",
            "muted_kinds": preference.muted_kinds if preference else [],
            "language": user.preferred_language or translation.get_language(),
        }

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PreferencesForm(user=request.user, initial=self._initial(request.user))
        return self.render(request, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        action = request.POST.get("action", "save")
        if action == "feed_new":
            calendar_feed_regenerate(user=user)
            messages.success(request, _("Your new calendar address is ready; the previous one no longer works."))
            return redirect(self.url("preferences"))
        if action == "feed_off":
            calendar_feed_revoke(user=user)
            messages.success(request, _("Your calendar address is turned off."))
            return redirect(self.url("preferences"))
        form = PreferencesForm(request.POST, user=user)
        if form.is_valid():
            try:
                preferences_save(user=user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your preferences are saved."))
                return redirect(self.url("preferences"))
        return self.render(request, form, status=400)

    def render(self, request: HttpRequest, form: PreferencesForm, status: int = 200) -> HttpResponse:
        user: Any = request.user
        feed = CalendarFeed.objects.filter(user=user).first()
        return render(
            request,
            self.template_name,
            {"base": self.base(), "nav": "preferences", "form": form, "feed_url": feed_url(request, feed)},
            status=status,
        )


class PreferencesView(LoggedInMixin, PreferencesViewBase):
    pass


class PortalPreferencesView(PortalRequiredMixin, PreferencesViewBase):
    portal = True


class NotificationsViewBase(_Own, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        shown = list(Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")[:NOTIFICATIONS_SHOWN])
        return render(
            request,
            "core/notifications.html",
            {
                "base": self.base(),
                "nav": "notifications",
                "notifications": shown,
                "read_url": self.url("notifications_read"),
            },
        )


class NotificationsView(LoggedInMixin, NotificationsViewBase):
    pass


class PortalNotificationsView(PortalRequiredMixin, NotificationsViewBase):
    portal = True


class NotificationsReadViewBase(_Own, View):
    """POST ``id``: mark that one read (and follow its link); no ``id``: mark all read."""

    def post(self, request: HttpRequest) -> HttpResponse:
        raw = request.POST.get("id", "")
        if raw:
            if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
                raise Http404
            user: Any = request.user
            notification = Notification.objects.filter(recipient=user, pk=int(raw)).first()
            if notification is None:
                raise Http404  # someone else's, or none
            notifications_mark_read(user=request.user, ids=[notification.pk])
            return redirect(notification.url or self.url("notifications"))
        count = notifications_mark_read(user=request.user, ids=None)
        if count:
            messages.success(request, _("All your notifications are marked read."))
        return redirect(self.url("notifications"))


class NotificationsReadView(LoggedInMixin, NotificationsReadViewBase):
    pass


class PortalNotificationsReadView(PortalRequiredMixin, NotificationsReadViewBase):
    portal = True


def too_many(token: str) -> HttpResponse | None:
    """The feed's rate limit, by token: 429 with Retry-After when it is reached."""
    limit, window = FEED_RATE_LIMIT
    try:
        consume(Bucket(scope="calendar-feed", key=token, limit=limit, window=window))
    except RateLimitedError:
        response = HttpResponse(_("Too many requests for this calendar."), status=429, content_type="text/plain")
        response["Retry-After"] = str(window)
        return response
    return None


def ics_response(name: str, body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


class UserFeedView(PublicMixin, View):
    """A user's private calendar (no login: the address is the secret). Unknown, revoked or
    renewed: 404."""

    def get(self, request: HttpRequest, pk: int, token: str) -> HttpResponse:
        feed = CalendarFeed.objects.select_related("user").filter(pk=pk, user__is_active=True).first()
        if feed is None or not feed_token_matches("user", feed.salt, token):
            raise Http404
        refused = too_many(token)
        if refused is not None:
            return refused
        user = feed.user
        start, end = feed_window()
        with scopes_disabled(), translation.override(user.preferred_language or None):
            partner_ids = () if user.is_staff else tuple(user.partner_memberships.values_list("partner_id", flat=True))
            events = deadline_events(user_deadlines(user, partner_ids, start, end), portal=not user.is_staff)
            events += calendar_events(
                FeedQuery(start=start, end=end, user=user, partner_ids=partner_ids, portal=not user.is_staff)
            )
            name = _("Wikimédia France deadlines")
            body = ics_document(f"{name} – {user}", events)
        return ics_response(name, body)
