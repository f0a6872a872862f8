"""Login lock-out rules on top of django-axes.

- **The account is what is locked.** Every spelling of a login name or e-mail address
  (``jdoe``, ``JDoe@Example.org``, `` jdoe@example.org``) counts against the one account it
  designates, from any address (``AXES_USERNAME_CALLABLE``). AXES_FAILURE_LIMIT failures lock it
  for AXES_COOLOFF_TIME; a password reset lifts the lock.
- **An address is throttled only when it guesses widely**: LOGIN_ADDRESS_FAILURE_LIMIT failures
  across at least LOGIN_ADDRESS_ACCOUNT_LIMIT different accounts within the cool-off. One
  museum's network, a conference Wi-Fi or the reverse proxy cannot be shut out by a few
  failures on somebody else's account.
- **The client address** is REMOTE_ADDR, unless TRUSTED_PROXY_HOPS says how many reverse
  proxies stand in front of the app: then it is read from X-Forwarded-For, that many entries
  from the right (entries further left are typed by the client and cannot be trusted).
"""

from __future__ import annotations

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Sum
from django.http import HttpRequest
from django.utils import timezone

from .backends import account_for_identifier

# Far above any failure limit: the address is locked whatever the account.
_LOCKED = 10**9


def account_identifier(request: HttpRequest | None, credentials: dict | None = None) -> str:
    """AXES_USERNAME_CALLABLE: the account's login name for whatever was typed.

    An identifier that designates no account is counted under its trimmed, case-folded
    spelling, so guessing does not escape the counter by changing case.
    """
    typed = ""
    if credentials:
        typed = credentials.get(settings.AXES_USERNAME_FORM_FIELD) or ""
    if not typed and request is not None:
        typed = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    user = account_for_identifier(typed)
    if user is not None:
        return user.get_username()
    return typed.strip().casefold()[:150]


def client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address, through TRUSTED_PROXY_HOPS proxies."""
    remote = request.META.get("REMOTE_ADDR")
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0)
    if hops <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < hops:
        return remote  # fewer entries than proxies: the request bypassed one of them
    return forwarded[-hops]


def address_is_throttled(ip_address: str | None) -> bool:
    """Many failures on many accounts from this address within the cool-off window."""
    if not ip_address:
        return False
    since = timezone.now() - (get_cool_off() or timedelta(hours=1))
    stats = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start"), accounts=Count("username", distinct=True)
    )
    return (stats["failures"] or 0) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT and (
        stats["accounts"] or 0
    ) >= settings.LOGIN_ADDRESS_ACCOUNT_LIMIT


class AccountLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler counting per account (AXES_LOCKOUT_PARAMETERS = ["username"]),
    plus the wide-guessing rule per address."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        if address_is_throttled(getattr(request, "axes_ip_address", None) or client_ip(request)):
            return _LOCKED
        return super().get_failures(request, credentials)


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None):
    """AXES_LOCKOUT_CALLABLE: the lock-out page (429) with the next steps: a password reset,
    which lifts the block, or the partnerships team's address."""
    from django.shortcuts import render

    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_timedelta": get_cool_off(request),
            "wmfr_email": settings.WMFR_IDENTITY["email"],
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
