"""Back-office pages around an evaluation: press mentions (add, edit, remove), lessons and
follow-up actions, and a follow-up planned as a new action of the partnership."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from activities.models import Activity
from core.access import StaffRequiredMixin
from core.forms import add_service_errors

from .. import services
from ..forms import FollowUpActivityForm, LessonForm, PressMentionForm
from ..models import Evaluation, Lesson, PressMention
from .evaluation_staff import _evaluation

MENTION_ADD = ("evaluations.view_evaluation", "evaluations.add_pressmention")
MENTION_CHANGE = ("evaluations.view_evaluation", "evaluations.change_pressmention")
LESSON_ADD = ("evaluations.view_evaluation", "evaluations.add_lesson")
ACTIVITY_ADD = ("evaluations.view_evaluation", "activities.add_activity")


def _activities(evaluation: Evaluation) -> list[Activity]:
    """The actions a mention may name: the evaluated one, or the partnership's."""
    if evaluation.activity_id:
        return [evaluation.activity]
    return list(Activity.objects.filter(partnership_id=evaluation.partnership_id).order_by("start_date", "pk"))


def _mention_values(form: PressMentionForm) -> dict:
    data = form.cleaned_data
    return {k: data[k] for k in ("outlet", "kind", "published_on", "title", "url", "activity")}


class PressMentionCreateView(StaffRequiredMixin, View):
    permission_required = MENTION_ADD

    def _render(self, request, evaluation, form, status=200):
        context = {"nav": "evaluations", "evaluation": evaluation, "form": form, "mention": None}
        return render(request, "evaluations/staff/press_mention_form.html", context, status=status)

    def get(self, request, pk: int):
        evaluation = _evaluation(pk)
        initial = {"activity": evaluation.activity_id or ""}
        return self._render(request, evaluation, PressMentionForm(initial=initial, activities=_activities(evaluation)))

    def post(self, request, pk: int):
        evaluation = _evaluation(pk)
        form = PressMentionForm(request.POST, activities=_activities(evaluation))
        if form.is_valid():
            try:
                services.press_mention_add(partnership=evaluation.partnership, by=request.user, **_mention_values(form))
            except ValidationError as error:
                add_service_errors(form, error, field_map={"published_on": "published_on"})
            else:
                messages.success(request, _("Press mention recorded."))
                return redirect("staff:evaluation_detail", pk=evaluation.pk)
        return self._render(request, evaluation, form, status=400)


class PressMentionUpdateView(StaffRequiredMixin, View):
    permission_required = MENTION_CHANGE

    def _mention(self, evaluation: Evaluation, mention_pk: int) -> PressMention:
        return get_object_or_404(PressMention, pk=mention_pk, partnership_id=evaluation.partnership_id)

    def _render(self, request, evaluation, mention, form, status=200):
        context = {"nav": "evaluations", "evaluation": evaluation, "form": form, "mention": mention}
        return render(request, "evaluations/staff/press_mention_form.html", context, status=status)

    def get(self, request, pk: int, mention_pk: int):
        evaluation = _evaluation(pk)
        mention = self._mention(evaluation, mention_pk)
        initial = {k: getattr(mention, k) for k in ("outlet", "kind", "published_on", "title", "url")}
        initial["activity"] = mention.activity_id or ""
        form = PressMentionForm(initial=initial, activities=_activities(evaluation))
        return self._render(request, evaluation, mention, form)

    def post(self, request, pk: int, mention_pk: int):
        evaluation = _evaluation(pk)
        mention = self._mention(evaluation, mention_pk)
        if "delete" in request.POST:
            if not request.user.has_perm("evaluations.delete_pressmention"):
                raise PermissionDenied
            services.press_mention_delete(mention=mention, by=request.user)
            messages.success(request, _("Press mention removed."))
            return redirect("staff:evaluation_detail", pk=evaluation.pk)
        form = PressMentionForm(request.POST, activities=_activities(evaluation))
        if form.is_valid():
            try:
                services.press_mention_update(mention=mention, by=request.user, **_mention_values(form))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Press mention saved."))
                return redirect("staff:evaluation_detail", pk=evaluation.pk)
        return self._render(request, evaluation, mention, form, status=400)


class LessonAddView(StaffRequiredMixin, View):
    permission_required = LESSON_ADD

    def post(self, request, pk: int):
        evaluation = _evaluation(pk)
        form = LessonForm(request.POST)
        if form.is_valid():
            try:
                data = form.cleaned_data
                services.lesson_add(evaluation=evaluation, text=data["text"], kind=data["kind"], by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Recorded."))
                return redirect("staff:evaluation_detail", pk=evaluation.pk)
        context = {"nav": "evaluations", "evaluation": evaluation, "form": form}
        return render(request, "evaluations/staff/lesson_form.html", context, status=400)


class FollowUpActivityView(StaffRequiredMixin, View):
    """A follow-up action planned as a new action of the evaluated partnership."""

    permission_required = ACTIVITY_ADD

    def _lesson(self, evaluation: Evaluation, lesson_pk: int) -> Lesson:
        return get_object_or_404(Lesson, pk=lesson_pk, evaluation=evaluation)

    def _render(self, request, evaluation, lesson, form, status=200):
        context = {"nav": "evaluations", "evaluation": evaluation, "lesson": lesson, "form": form}
        return render(request, "evaluations/staff/follow_up_activity.html", context, status=status)

    def get(self, request, pk: int, lesson_pk: int):
        evaluation = _evaluation(pk)
        lesson = self._lesson(evaluation, lesson_pk)
        if not lesson.can_become_action:
            return redirect("staff:evaluation_detail", pk=evaluation.pk)
        form = FollowUpActivityForm(initial={"title": lesson.text[:200]})
        return self._render(request, evaluation, lesson, form)

    def post(self, request, pk: int, lesson_pk: int):
        evaluation = _evaluation(pk)
        lesson = self._lesson(evaluation, lesson_pk)
        form = FollowUpActivityForm(request.POST)
        if form.is_valid():
            try:
                activity = services.follow_up_to_activity(lesson=lesson, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The follow-up action is planned."))
                return redirect("staff:activity_detail", pk=activity.pk)
        return self._render(request, evaluation, lesson, form, status=400)
