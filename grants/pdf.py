"""The application as a PDF for the committee's reading and the archive (core.pdf's
restricted fetcher: no file://, no network)."""

from django.template.loader import render_to_string

from core.pdf import render_pdf

from . import selectors
from .models import Application


def application_pdf(application: Application) -> bytes:
    versions = list(application.versions.all())
    html = render_to_string(
        "grants/pdf/application.html",
        {
            "application": application,
            "programme": application.round_region.round.fiscal_year.programme,
            "version": versions[-1] if versions else None,
            "timeline": selectors.timeline(application),
        },
    )
    return render_pdf(html)
