"""Back-office pages of joint evaluations: the list, an evaluation, its sides and follow-ups."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View

from activities.models import Activity
from core.access import StaffRequiredMixin
from core.pagination import page_of
from partnerships.models import Partnership

from .. import selectors, services
from ..filters import EvaluationFilter
from ..forms import LessonForm
from ..lifecycle import Side
from ..models import Evaluation
from .evaluation_common import answer_form, answer_grid, answer_save, evaluation_context

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
        # Built only when the page's cached block is not ({% cache %}, core/dataversion.py).
        evaluation_filter = SimpleLazyObject(
            lambda: EvaluationFilter(request.GET, queryset=selectors.evaluation_list_queryset())
        )
        page = SimpleLazyObject(
            lambda: page_of(evaluation_filter.qs.order_by("-created_at", "-pk"), request.GET.get("page"), PAGE_SIZE)
        )
        return render(
            request,
            "evaluations/staff/evaluation_list.html",
            {
                "nav": "evaluations",
                "filter": evaluation_filter,
                "page": page,
                "evaluations": SimpleLazyObject(lambda: list(page.object_list)),
                "querystring": _querystring_without_page(request),
            },
        )


def _evaluation(pk: int) -> Evaluation:
    try:
        return selectors.evaluation_detail(qs=Evaluation.objects.all(), pk=pk)
    except Evaluation.DoesNotExist:
        raise Http404 from None


class EvaluationDetailView(StaffRequiredMixin, View):
    """The evaluation seen by Wikimédia France: its own side until both submitted (or closed)."""

    permission_required = VIEW

    def get(self, request, pk: int):
        evaluation = _evaluation(pk)
        context = evaluation_context(evaluation, Side.STAFF)
        context.update(nav="evaluations", lesson_form=LessonForm())
        return render(request, "evaluations/staff/evaluation_detail.html", context)


class EvaluationAnswerView(StaffRequiredMixin, View):
    """Wikimédia France's side: save a draft, or submit (then read-only)."""

    permission_required = CHANGE

    def _render(self, request, evaluation, form, comparison, status=200):
        context = {"nav": "evaluations", "evaluation": evaluation, "form": form, "comparison": comparison}
        context["grid"] = answer_grid(form, comparison)
        return render(request, "evaluations/staff/evaluation_answer.html", context, status=status)

    def get(self, request, pk: int):
        evaluation = _evaluation(pk)
        if not evaluation.staff_can_submit:
            return redirect("staff:evaluation_detail", pk=evaluation.pk)
        form, comparison = answer_form(evaluation, Side.STAFF)
        return self._render(request, evaluation, form, comparison)

    def post(self, request, pk: int):
        evaluation = _evaluation(pk)
        saved, form, comparison = answer_save(request, evaluation, Side.STAFF)
        if not saved:
            return self._render(request, evaluation, form, comparison, status=400)
        if "submit" in request.POST:
            return redirect("staff:evaluation_detail", pk=evaluation.pk)
        return redirect("staff:evaluation_answer", pk=evaluation.pk)


class EvaluationCloseView(StaffRequiredMixin, View):
    """Close the evaluation: no more answers; both sides see what was answered."""

    permission_required = CHANGE

    def post(self, request, pk: int):
        evaluation = _evaluation(pk)
        try:
            services.evaluation_close(evaluation=evaluation, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("staff:evaluation_detail", pk=evaluation.pk)
        messages.success(request, _("The evaluation is closed; both sides’ answers are shown."))
        return redirect("staff:evaluation_detail", pk=evaluation.pk)


class EvaluationCreateView(StaffRequiredMixin, View):
    """Open the joint evaluation of an action, or of a partnership (covering its actions)."""

    permission_required = ADD

    def _subject(self, subject: str, pk: int) -> tuple[Partnership, Activity | None]:
        if subject == "activity":
            activity = get_object_or_404(Activity.objects.select_related("partnership"), pk=pk)
            return activity.partnership, activity
        return get_object_or_404(Partnership, pk=pk), None

    def _existing(self, partnership, activity) -> Evaluation | None:
        return Evaluation.objects.filter(partnership=partnership, activity=activity).first()

    def get(self, request, subject: str, pk: int):
        partnership, activity = self._subject(subject, pk)
        existing = self._existing(partnership, activity)
        if existing is not None:
            return redirect("staff:evaluation_detail", pk=existing.pk)
        context = {"nav": "evaluations", "partnership": partnership, "activity": activity}
        return render(request, "evaluations/staff/evaluation_create.html", context)

    def post(self, request, subject: str, pk: int):
        partnership, activity = self._subject(subject, pk)
        try:
            evaluation = services.evaluation_create(partnership=partnership, activity=activity, by=request.user)
        except ValidationError as error:
            existing = self._existing(partnership, activity)
            if existing is not None:
                return redirect("staff:evaluation_detail", pk=existing.pk)
            context = {"nav": "evaluations", "partnership": partnership, "activity": activity, "errors": error.messages}
            return render(request, "evaluations/staff/evaluation_create.html", context, status=400)
        messages.success(request, _("The joint evaluation is open."))
        return redirect("staff:evaluation_detail", pk=evaluation.pk)
