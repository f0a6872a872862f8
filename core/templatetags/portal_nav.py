"""``{% portal_sections as sections %}``: the portal navigation the apps registered."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from core.registry import portal_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_nav(context: template.Context) -> list[dict[str, Any]]:
    request = context.get("request")
    has_partner = getattr(request, "partner", None) is not None
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match is not None else ""
    return [
        {
            "label": section.label,
            "url": reverse(section.url_name),
            "active": current in (section.url_name, *section.active_for),
        }
        for section in portal_sections()
        if has_partner or not section.needs_partner
    ]
