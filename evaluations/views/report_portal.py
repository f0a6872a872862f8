"""Portal pages of the reports wing: the partner's open-data choices.

Every member sees which of the organisation's partnerships are published; its partner admins
record the organisation's agreement (or withdraw it). Lookups start from ``request.partner``:
another organisation's partnership is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from core.access import PortalRequiredMixin

from .. import opendata
from ..report_forms import PublicationForm


class PortalOpenDataView(PortalRequiredMixin, View):
    def get(self, request):
        partnerships = list(
            request.partner.partnerships.select_related("publication").order_by("-created_at", "-pk")[:200]
        )
        for p in partnerships:
            publication = getattr(p, "publication", None)
            p.is_published = bool(publication and publication.published)
        return render(
            request,
            "evaluations/reports/portal_open_data.html",
            {"partner": request.partner, "partnerships": partnerships, "nav": "open_data"},
        )


class PortalPublicationView(PortalRequiredMixin, View):
    admin_only = True

    def post(self, request, pk: int):
        partnership = get_object_or_404(request.partner.partnerships, pk=pk)
        form = PublicationForm(request.POST)
        form.is_valid()  # a checkbox: absent means False, never invalid
        published = bool(form.cleaned_data.get("published"))
        opendata.publication_set(partnership=partnership, published=published, by=request.user)
        if published:
            messages.success(request, _("“%(title)s” is published as open data.") % {"title": partnership.title})
        else:
            messages.success(
                request, _("“%(title)s” is no longer published as open data.") % {"title": partnership.title}
            )
        return redirect("portal:open_data")
