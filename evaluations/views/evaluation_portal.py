"""Portal pages of joint evaluations: the partner's evaluations and its side of each.

Every lookup starts from ``request.partner``: another organisation's evaluation is a 404.
Every user of the organisation may read its evaluations (and, once revealed, the side-by-side
view); answering and submitting the partner's side is for its partner admins (``admin_only``):
the answers speak for the organisation, as its agreements and proposals do.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from core.access import PortalRequiredMixin
from core.forms import add_service_errors

from .. import selectors, services
from ..forms import FollowUpProposalForm
from ..lifecycle import Side
from ..models import Evaluation, Lesson
from .evaluation_common import answer_form, answer_grid, answer_save, evaluation_context


def _own_evaluations(request):
    return selectors.evaluation_list_queryset().filter(partnership__partners=request.partner)


def _own_evaluation(request, pk: int) -> Evaluation:
    try:
        return selectors.evaluation_detail(qs=Evaluation.objects.filter(partnership__partners=request.partner), pk=pk)
    except Evaluation.DoesNotExist:
        raise Http404 from None


class PortalEvaluationListView(PortalRequiredMixin, View):
    def get(self, request):
        evaluations = list(_own_evaluations(request).order_by("-created_at", "-pk")[:200])
        return render(
            request,
            "evaluations/portal/evaluation_list.html",
            {"partner": request.partner, "evaluations": evaluations},
        )


class PortalEvaluationDetailView(PortalRequiredMixin, View):
    """The evaluation seen by the partner: its own side until both submitted (or closed)."""

    def get(self, request, pk: int):
        evaluation = _own_evaluation(request, pk)
        context = evaluation_context(evaluation, Side.PARTNER)
        context["is_admin"] = request.partner_member.is_admin
        return render(request, "evaluations/portal/evaluation_detail.html", context)


class PortalEvaluationAnswerView(PortalRequiredMixin, View):
    """The partner's side: save a draft, or submit (then read-only). Partner admins only."""

    admin_only = True

    def _render(self, request, evaluation, form, comparison, status=200):
        context = {"evaluation": evaluation, "form": form, "grid": answer_grid(form, comparison)}
        return render(request, "evaluations/portal/evaluation_answer.html", context, status=status)

    def get(self, request, pk: int):
        evaluation = _own_evaluation(request, pk)
        if not evaluation.partner_can_submit:
            return redirect("portal:evaluation_detail", pk=evaluation.pk)
        form, comparison = answer_form(evaluation, Side.PARTNER)
        return self._render(request, evaluation, form, comparison)

    def post(self, request, pk: int):
        evaluation = _own_evaluation(request, pk)
        saved, form, comparison = answer_save(request, evaluation, Side.PARTNER)
        if not saved:
            return self._render(request, evaluation, form, comparison, status=400)
        if "submit" in request.POST:
            return redirect("portal:evaluation_detail", pk=evaluation.pk)
        return redirect("portal:evaluation_answer", pk=evaluation.pk)


class PortalFollowUpProposalView(PortalRequiredMixin, View):
    """A follow-up action of the evaluation proposed as a new action (a proposal). Admins only."""

    admin_only = True

    def _lesson(self, evaluation: Evaluation, lesson_pk: int) -> Lesson:
        return get_object_or_404(Lesson, pk=lesson_pk, evaluation=evaluation)

    def _render(self, request, evaluation, lesson, form, status=200):
        context = {"evaluation": evaluation, "lesson": lesson, "form": form}
        return render(request, "evaluations/portal/follow_up_proposal.html", context, status=status)

    def get(self, request, pk: int, lesson_pk: int):
        evaluation = _own_evaluation(request, pk)
        lesson = self._lesson(evaluation, lesson_pk)
        if not lesson.can_become_action:
            return redirect("portal:evaluation_detail", pk=evaluation.pk)
        form = FollowUpProposalForm(initial={"title": lesson.text[:200], "description": lesson.text})
        return self._render(request, evaluation, lesson, form)

    def post(self, request, pk: int, lesson_pk: int):
        evaluation = _own_evaluation(request, pk)
        lesson = self._lesson(evaluation, lesson_pk)
        form = FollowUpProposalForm(request.POST)
        if form.is_valid():
            try:
                proposal = services.follow_up_to_proposal(
                    lesson=lesson, partner=request.partner, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your proposal is sent to Wikimédia France."))
                return redirect("portal:proposal_detail", pk=proposal.pk)
        return self._render(request, evaluation, lesson, form, status=400)
