"""Who may open a view: every view declares one access level, and only these mixins
(or the decorators below, for function views) declare it.

The URL × role walk (``tests/test_url_access.py``) reads the declaration of each view it
resolves and derives the one answer expected for every role, so a new view is covered by
construction and a view without a declaration fails the walk.

- ``PublicMixin`` / ``@public``: anyone, no account needed.
- ``LoggedInMixin`` / ``@logged_in``: any authenticated user (anonymous → login page).
- ``StaffRequiredMixin``: staff with every permission in ``permission_required``
  (anonymous → login page; non-staff or missing permission → 403).
- ``PortalRequiredMixin``: a user with a partner organisation (resolved once by
  ``partnerships.middleware.PartnerScopeMiddleware`` into ``request.partner``); with
  ``admin_only``, that organisation's partner admins only (members → 403). Objects of
  another organisation are a 404: portal views start every lookup from ``request.partner``.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _


class Access(StrEnum):
    PUBLIC = "public"
    LOGGED_IN = "logged_in"
    STAFF = "staff"
    PORTAL = "portal"


class PublicMixin:
    """Anyone may open this view, with or without an account."""

    access = Access.PUBLIC


class LoggedInMixin(AccessMixin):
    """Any logged-in user."""

    access = Access.LOGGED_IN

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        # A mixin: dispatch() comes from the View it is mixed into, which mypy cannot see.
        response: HttpResponseBase = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return response


class StaffRequiredMixin(AccessMixin):
    """Back-office views: staff only, plus the model permissions the view names."""

    access = Access.STAFF
    permission_required: tuple[str, ...] = ()
    raise_exception = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not user.is_staff or not user.has_perms(self.permission_required):
            self.raise_exception = True
            return self.handle_no_permission()
        # A mixin: dispatch() comes from the View it is mixed into, which mypy cannot see.
        response: HttpResponseBase = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return response


class PortalRequiredMixin(AccessMixin):
    """Portal views: a user with an organisation; ``admin_only`` views need its admin role."""

    access = Access.PORTAL
    admin_only = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if getattr(request, "partner", None) is None:
            raise PermissionDenied(_("Your account has no partner organisation."))
        if self.admin_only and not request.partner_member.is_admin:  # type: ignore[attr-defined]
            raise PermissionDenied(_("Only your organisation’s partner admins can do this."))
        # A mixin: dispatch() comes from the View it is mixed into, which mypy cannot see.
        response: HttpResponseBase = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return response


F = TypeVar("F", bound=Callable[..., Any])


def public(view: F) -> F:
    """Declare a function view open to anyone."""
    view.access = Access.PUBLIC  # type: ignore[attr-defined]
    return view


def logged_in(view: F) -> F:
    """Declare (and enforce) a function view for any logged-in user."""
    from django.contrib.auth.decorators import login_required

    wrapped = login_required(view)
    wrapped.access = Access.LOGGED_IN  # type: ignore[attr-defined]
    return wrapped


def declared_access(view_func: Callable[..., Any]) -> tuple[Access | None, tuple[str, ...], bool]:
    """(access, permissions, admin_only) declared by a resolved view function, or (None, (), False)."""
    view_class = getattr(view_func, "view_class", None)
    source: Any = view_class if view_class is not None else view_func
    access = getattr(source, "access", None)
    return (
        Access(access) if access else None,
        tuple(getattr(source, "permission_required", ()) or ()),
        bool(getattr(source, "admin_only", False)),
    )
