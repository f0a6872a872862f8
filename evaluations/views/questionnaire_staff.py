"""Back-office pages of the satisfaction questionnaires: the list, a new questionnaire for an
action, one questionnaire with its results, its dates, closing and reopening its link, the
printable page with its QR code, and the CSV export of its answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View

from activities.models import Activity
from core.access import StaffRequiredMixin
from core.exports import export_response
from core.forms import add_service_errors

from .. import questionnaire_selectors as selectors
from .. import questionnaire_services as services
from ..questionnaire_forms import QuestionnaireCreateForm, QuestionnaireDatesForm
from ..questionnaire_links import public_url, qr_svg
from ..questionnaire_models import Questionnaire

PAGE_SIZE = 50
VIEW = ("evaluations.view_questionnaire",)
CHANGE = ("evaluations.view_questionnaire", "evaluations.change_questionnaire")
ADD = ("evaluations.view_questionnaire", "evaluations.add_questionnaire")


def _questionnaire(pk: int) -> Questionnaire:
    return get_object_or_404(selectors.questionnaire_list_queryset(), pk=pk)


class QuestionnaireListView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request):
        qs = selectors.questionnaire_list_queryset().order_by("-opens_on", "-pk")
        # Read only when the page's cached block is not ({% cache %}, core/dataversion.py).
        page = SimpleLazyObject(lambda: Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")))

        def page_rows() -> list[tuple[Any, int]]:
            questionnaires = list(page.object_list)
            counts = selectors.response_counts(q.pk for q in questionnaires)
            return [(q, counts.get(q.pk, 0)) for q in questionnaires]

        rows = SimpleLazyObject(page_rows)
        return render(
            request,
            "evaluations/questionnaire/staff_list.html",
            {"nav": "questionnaires", "page": page, "rows": rows},
        )


class QuestionnaireCreateView(StaffRequiredMixin, View):
    permission_required = ADD
    template_name = "evaluations/questionnaire/staff_create.html"

    def _form(self, data=None):
        initial = {}
        activity = self.request.GET.get("activity", "")
        if activity.isdigit():
            initial["activity"] = activity
        return QuestionnaireCreateForm(data, initial=initial)

    def get(self, request):
        return render(request, self.template_name, {"nav": "questionnaires", "form": self._form()})

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                questionnaire = services.questionnaire_create(
                    activity=form.cleaned_data["activity"],
                    template=form.cleaned_data["template"],
                    opens_on=form.cleaned_data["opens_on"],
                    closes_on=form.cleaned_data["closes_on"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The questionnaire is ready: print its link or share it."))
                return redirect("staff:questionnaire_detail", pk=questionnaire.pk)
        return render(request, self.template_name, {"nav": "questionnaires", "form": form}, status=400)


class QuestionnaireForActivityView(StaffRequiredMixin, View):
    """The "Satisfaction questionnaire" button of an action's page: its questionnaire, or the
    form to create one for it."""

    permission_required = ADD

    def get(self, request, pk):
        activity = get_object_or_404(Activity.objects.only("pk"), pk=pk)
        existing = Questionnaire.objects.filter(activity=activity).values_list("pk", flat=True).first()
        if existing is not None:
            return redirect("staff:questionnaire_detail", pk=existing)
        return redirect(reverse("staff:questionnaire_create") + f"?activity={activity.pk}")


class QuestionnaireDetailView(StaffRequiredMixin, View):
    permission_required = VIEW
    template_name = "evaluations/questionnaire/staff_detail.html"

    def context(self, questionnaire, dates_form=None):
        return {
            "nav": "questionnaires",
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "public_url": public_url(questionnaire),
            "results": selectors.questionnaire_results(questionnaire),
            "dates_form": dates_form
            or QuestionnaireDatesForm(
                initial={"opens_on": questionnaire.opens_on, "closes_on": questionnaire.closes_on}
            ),
        }

    def get(self, request, pk):
        return render(request, self.template_name, self.context(_questionnaire(pk)))


class QuestionnaireDatesView(StaffRequiredMixin, View):
    permission_required = CHANGE

    def post(self, request, pk):
        questionnaire = _questionnaire(pk)
        form = QuestionnaireDatesForm(request.POST)
        if form.is_valid():
            try:
                services.questionnaire_set_dates(
                    questionnaire=questionnaire,
                    opens_on=form.cleaned_data["opens_on"],
                    closes_on=form.cleaned_data["closes_on"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The dates are saved."))
                return redirect("staff:questionnaire_detail", pk=questionnaire.pk)
        view = QuestionnaireDetailView()
        return render(request, view.template_name, view.context(questionnaire, form), status=400)


class QuestionnaireStateView(StaffRequiredMixin, View):
    """Close the link now, or reopen it (between its dates)."""

    permission_required = CHANGE
    ACTIONS = {"close": services.questionnaire_close, "reopen": services.questionnaire_reopen}

    def post(self, request, pk, action):
        if action not in self.ACTIONS:
            raise Http404
        questionnaire = _questionnaire(pk)
        try:
            self.ACTIONS[action](questionnaire=questionnaire, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if action == "close":
                messages.success(request, _("The questionnaire is closed: its link no longer answers."))
            else:
                messages.success(request, _("The questionnaire is open again between its dates."))
        return redirect("staff:questionnaire_detail", pk=questionnaire.pk)


class QuestionnairePrintView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request, pk):
        questionnaire = _questionnaire(pk)
        url = public_url(questionnaire)
        return render(
            request,
            "evaluations/questionnaire/staff_print.html",
            {"questionnaire": questionnaire, "activity": questionnaire.activity, "public_url": url, "qr": qr_svg(url)},
        )


class QuestionnaireExportView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request, pk):
        questionnaire = _questionnaire(pk)
        headers, rows = selectors.questionnaire_csv(questionnaire)
        return export_response(fmt="csv", headers=headers, rows=rows, filename_stem=f"questionnaire-{questionnaire.pk}")
