"""``{% staff_object_links obj as links %}``: the buttons higher apps registered for ``obj``'s
back-office page (``core.registry.staff_object_link_register``), for the user's permissions.
No query: the permissions were loaded by ``StaffRequiredMixin``."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from core.registry import staff_object_links as registered_links

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_object_links(context: template.Context, obj: Any) -> list[dict[str, Any]]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return []
    return [
        {"label": link.label, "url": reverse(link.url_name, args=[obj.pk])}
        for link in registered_links(obj._meta.label)
        if user.has_perms(link.permissions)
    ]
