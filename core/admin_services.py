"""The Django admin writes through the services too.

``transition_actions`` turns a lifecycle's statuses into admin actions that call the
aggregate's transition service for each selected row (so the lifecycle's rules and the
audit entries hold); ``ServiceAdminMixin`` routes the change form's save through a
service and shows its refusal instead of a server error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.functional import lazy
from django.utils.translation import gettext as _

Transition = Callable[[Any, str, Any], Any]


def _move_to(label: str) -> str:
    return _("Move to: %(label)s") % {"label": label}


_move_to_label = lazy(_move_to, str)  # translated when the admin page renders, not at import


def transition_actions(*, statuses: Iterable[tuple[str, str]], transition: Transition) -> list[Callable[..., None]]:
    """One admin action per target status; each calls ``transition(obj, status, user)``."""
    actions = []
    for value, label in statuses:

        def action(
            modeladmin: admin.ModelAdmin[Any],
            request: HttpRequest,
            queryset: models.QuerySet[Any],
            _to: str = value,
            label: str = label,
        ) -> None:
            done, refused = 0, []
            for obj in queryset:
                try:
                    transition(obj, _to, request.user)
                except ValidationError as exc:
                    refused.append(f"{obj}: {' '.join(exc.messages)}")
                else:
                    done += 1
            if done:
                modeladmin.message_user(
                    request, _("Moved to “%(label)s”: %(count)d.") % {"label": label, "count": done}, messages.SUCCESS
                )
            for message in refused:
                modeladmin.message_user(request, message, messages.ERROR)

        action.__name__ = f"move_to_{value}"
        actions.append(admin.action(description=_move_to_label(label), permissions=["change"])(action))
    return actions


class ServiceAdminMixin:
    """``service_save(request, obj, form, change)`` replaces ``obj.save()``; many-to-many
    fields are the service's business too (``save_related`` saves only the inlines)."""

    def service_save(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        try:
            self.service_save(request, obj, form, change)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)  # type: ignore[attr-defined]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)  # type: ignore[attr-defined]
