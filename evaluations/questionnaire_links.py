"""The public link of a questionnaire and its QR code (shown to staff and to the partner)."""

from __future__ import annotations

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .questionnaire_models import Questionnaire


def public_url(questionnaire: Questionnaire) -> str:
    """The link participants open (absolute: it is printed and shown as a QR code)."""
    path = reverse("evaluations:questionnaire_answer", kwargs={"token": questionnaire.token})
    return settings.SITE_URL.rstrip("/") + path


def qr_svg(url: str) -> SafeString:
    """The QR code of ``url`` as inline SVG markup, drawn here (segno; no network, no file).

    Marked safe because segno writes the markup itself and the URL it encodes is ours (the
    site's address and a URL-safe token), never text a user typed.
    """
    qr = segno.make(url, error="m")
    return mark_safe(qr.svg_inline(scale=6, border=2, dark="#000", light="#fff"))  # noqa: S308
