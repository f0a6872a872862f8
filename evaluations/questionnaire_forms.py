"""Forms of the satisfaction questionnaires (they parse; the services decide)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activities.models import Activity

from . import questionnaire_lifecycle as rules
from .questionnaire_models import QuestionnaireQuestion, QuestionnaireTemplate


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class QuestionnaireDatesForm(forms.Form):
    opens_on = forms.DateField(label=_("Opens on"), widget=_date_widget())
    closes_on = forms.DateField(
        label=_("Closes on"), widget=_date_widget(), help_text=_("The link answers until the end of this day.")
    )


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} — {obj.partnership.title}"


# Questionnaires are made around an action's dates: the form offers the actions still to
# come or ended within this many days that have none yet.
RECENT_DAYS = 365


class QuestionnaireCreateForm(QuestionnaireDatesForm):
    activity = ActivityChoiceField(label=_("Action"), queryset=None)
    template = forms.ModelChoiceField(
        label=_("Template"),
        queryset=QuestionnaireTemplate.objects.none(),
        empty_label=None,
    )
    field_order = ["activity", "template", "opens_on", "closes_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        since = rules.today() - datetime.timedelta(days=RECENT_DAYS)
        self.fields["activity"].queryset = (  # type: ignore[attr-defined]
            Activity.objects.filter(questionnaire__isnull=True)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=since))
            .select_related("partnership")
            .order_by("-start_date", "title", "pk")
        )
        self.fields["template"].queryset = QuestionnaireTemplate.objects.order_by("code", "-version")  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    """The public page's form: one field per question of the template, named by its code."""

    def __init__(self, *args: Any, questions: list[QuestionnaireQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            field: forms.Field
            if question.is_likert:
                field = forms.ChoiceField(
                    choices=[(str(v), str(v)) for v in rules.LIKERT_VALUES],
                    widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                )
            elif question.is_choice:
                field = forms.ChoiceField(
                    choices=question.choice_options(), widget=forms.RadioSelect(attrs={"class": "form-check-input"})
                )
            else:
                field = forms.CharField(
                    max_length=rules.TEXT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                    strip=True,
                )
            field.label = question.text
            field.required = question.required
            field.error_messages["required"] = _("Please answer this question.")
            self.fields[question.code] = field

    def bound_questions(self) -> list[tuple[QuestionnaireQuestion, forms.BoundField]]:
        return [(q, self[q.code]) for q in self.questions]
