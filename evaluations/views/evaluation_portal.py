"""Portal pages of joint evaluations: the partner's evaluations and its side of each.

Every lookup starts from ``request.partner``: another organisation's evaluation is a 404.
Any user of the organisation (member or admin) may answer and submit the partner's side:
the evaluation is the partner's opinion of a shared action, not a commitment.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views import View

from core.access import PortalRequiredMixin

from .. import selectors


def _own_evaluations(request):
    return selectors.evaluation_list_queryset().filter(partnership__partners=request.partner)


class PortalEvaluationListView(PortalRequiredMixin, View):
    def get(self, request):
        evaluations = list(_own_evaluations(request).order_by("-created_at", "-pk")[:200])
        return render(
            request,
            "evaluations/portal/evaluation_list.html",
            {"partner": request.partner, "evaluations": evaluations},
        )
