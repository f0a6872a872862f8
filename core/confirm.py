"""A confirmation step for risky actions (revoke, terminate, withdraw), that works without
JavaScript: the first POST, without ``confirm=yes``, answers a page that says what will
happen and repeats the form with ``confirm=yes``; only that second POST acts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "confirm"


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRM_FIELD) == "yes"


def confirmation_page(
    request: HttpRequest,
    *,
    title: str,
    message: str,
    confirm_label: str,
    cancel_url: str,
    base_template: str = "staff/base.html",
    keep: tuple[str, ...] = (),
) -> HttpResponse:
    """The page asking to confirm; ``keep`` names POST fields to carry over (reason, date...)."""
    kept: dict[str, Any] = {name: request.POST.get(name, "") for name in keep if request.POST.get(name)}
    return render(
        request,
        "includes/confirm.html",
        {
            "base_template": base_template,
            "title": title,
            "message": message,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "kept": kept,
            "action": request.get_full_path(),
        },
    )
