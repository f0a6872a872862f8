"""Portal pages of the satisfaction questionnaires: the partner's activities' questionnaires
and their results, read-only. Every lookup starts from ``request.partner``: another
organisation's questionnaire is a 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views import View

from core.access import PortalRequiredMixin

from .. import questionnaire_selectors as selectors
from ..questionnaire_links import public_url


def _own_questionnaires(request):
    return selectors.questionnaire_list_queryset().filter(activity__partnership__partners=request.partner)


class PortalQuestionnaireListView(PortalRequiredMixin, View):
    def get(self, request):
        questionnaires = list(_own_questionnaires(request).order_by("-opens_on", "-pk")[:200])
        counts = selectors.response_counts(q.pk for q in questionnaires)
        return render(
            request,
            "evaluations/questionnaire/portal_list.html",
            {"partner": request.partner, "rows": [(q, counts.get(q.pk, 0)) for q in questionnaires]},
        )


class PortalQuestionnaireDetailView(PortalRequiredMixin, View):
    def get(self, request, pk):
        questionnaire = get_object_or_404(_own_questionnaires(request), pk=pk)
        return render(
            request,
            "evaluations/questionnaire/portal_detail.html",
            {
                "partner": request.partner,
                "questionnaire": questionnaire,
                "activity": questionnaire.activity,
                "public_url": public_url(questionnaire),
                "results": selectors.questionnaire_results(questionnaire),
            },
        )
