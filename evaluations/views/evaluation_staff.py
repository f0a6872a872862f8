"""Back-office pages of joint evaluations: the list, an evaluation, its sides and follow-ups."""

from __future__ import annotations

from django.shortcuts import render
from django.views import View

from core.access import StaffRequiredMixin
from core.pagination import page_of

from .. import selectors
from ..filters import EvaluationFilter

PAGE_SIZE = 50
VIEW = ("evaluations.view_evaluation",)
CHANGE = ("evaluations.view_evaluation", "evaluations.change_evaluation")
ADD = ("evaluations.view_evaluation", "evaluations.add_evaluation")


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class EvaluationListView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request):
        evaluation_filter = EvaluationFilter(request.GET, queryset=selectors.evaluation_list_queryset())
        qs = evaluation_filter.qs.order_by("-created_at", "-pk")
        page = page_of(qs, request.GET.get("page"), PAGE_SIZE)
        return render(
            request,
            "evaluations/staff/evaluation_list.html",
            {
                "nav": "evaluations",
                "filter": evaluation_filter,
                "page": page,
                "evaluations": list(page.object_list),
                "querystring": _querystring_without_page(request),
            },
        )
