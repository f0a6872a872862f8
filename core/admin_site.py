import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext_lazy as _

V = TypeVar("V", bound=Callable[..., HttpResponseBase])


class WMFRAdminSite(admin.AdminSite):
    """The Django admin, closed to partner users with a 403 rather than a login page."""

    site_header = _("WMFR Partners administration")
    site_title = _("WMFR Partners")
    index_title = _("Administration")

    def admin_view(self, view: V, cacheable: bool = False) -> V:
        inner = super().admin_view(view, cacheable)

        @functools.wraps(inner)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if user.is_authenticated and not user.is_staff:
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return cast(V, guarded)  # same signature as the view it wraps

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if request.user.is_authenticated and not request.user.is_staff:
            raise PermissionDenied
        return super().login(request, extra_context)


class WMFRAdminConfig(AdminConfig):
    default_site = "core.admin_site.WMFRAdminSite"
