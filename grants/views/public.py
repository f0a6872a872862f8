"""Public pages (no account): a programme's fiscal year as the seed's "Review applications",
and its published final reports. Only the title, the organisation, the region and, once
decided, the amount are shown."""

from django.shortcuts import get_object_or_404, render
from django.views import View
from django_scopes import scopes_disabled

from core.access import PublicMixin

from .. import selectors
from ..models import FiscalYear


class PublicFiscalYearView(PublicMixin, View):
    def get(self, request, code: str, fy: str):
        # Allow-listed: public pages read across partners, and show public fields only.
        with scopes_disabled():
            fiscal_year = get_object_or_404(
                FiscalYear.objects.select_related("programme"), programme__code=code, programme__public=True, code=fy
            )
            rounds = selectors.public_listing(fiscal_year)
            reports = selectors.published_reports(fiscal_year)
            years = list(fiscal_year.programme.fiscal_years.order_by("-starts_on"))
            return render(
                request,
                "grants/public/fiscal_year.html",
                {
                    "fiscal_year": fiscal_year,
                    "programme": fiscal_year.programme,
                    "rounds": rounds,
                    "reports": reports,
                    "years": years,
                },
            )
