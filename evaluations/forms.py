"""Forms of the joint evaluations: they parse; the services decide (evaluations/services.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityType

from .models import Answer, LessonKind, MentionKind, Question

NOT_APPLICABLE = "na"
RATING_CHOICES = [
    ("", _("— choose —")),
    *[(str(n), str(n)) for n in range(1, 6)],
    (NOT_APPLICABLE, _("Not applicable")),
]


@dataclass
class AnswerRow:
    question: Question
    rating: forms.BoundField
    comment: forms.BoundField


class AnswerForm(forms.Form):
    """One side's answers: a rating (1–5 or not applicable) and a comment per question.

    A draft may leave questions unanswered; with ``submit=True`` every question needs a rating
    or "not applicable". A comment needs a rating, so that nothing typed is lost silently.
    """

    def __init__(
        self,
        *args: Any,
        questions: Sequence[Question],
        initial_answers: Iterable[Answer] = (),
        submit: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        initial = {a.question_id: a for a in initial_answers}
        for q in self.questions:
            answer = initial.get(q.pk)
            rating = ""
            if answer is not None:
                rating = NOT_APPLICABLE if answer.rating is None else str(answer.rating)
            self.fields[f"rating_{q.pk}"] = forms.ChoiceField(
                label=_("Rating"), choices=RATING_CHOICES, required=submit, initial=rating
            )
            self.fields[f"comment_{q.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=5_000,
                initial=answer.comment if answer else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if submit:
                self.fields[f"rating_{q.pk}"].error_messages["required"] = _("Choose a rating or “not applicable”.")

    def rows(self) -> dict[int, AnswerRow]:
        """The bound fields of each question, by question id (for the grid's template)."""
        return {q.pk: AnswerRow(q, self[f"rating_{q.pk}"], self[f"comment_{q.pk}"]) for q in self.questions}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for q in self.questions:
            if data.get(f"comment_{q.pk}", "").strip() and not data.get(f"rating_{q.pk}"):
                self.add_error(f"rating_{q.pk}", _("Choose a rating or “not applicable” to keep this comment."))
        return data

    def cleared(self) -> list[int]:
        """The questions left without a rating (a draft forgets their earlier answer)."""
        return [q.pk for q in self.questions if not self.cleaned_data.get(f"rating_{q.pk}")]

    def answers(self) -> dict[int, tuple[int | None, str]]:
        """question id → (rating or None for not applicable, comment), for the questions answered."""
        result: dict[int, tuple[int | None, str]] = {}
        for q in self.questions:
            rating = self.cleaned_data.get(f"rating_{q.pk}")
            if not rating:
                continue
            value = None if rating == NOT_APPLICABLE else int(rating)
            result[q.pk] = (value, self.cleaned_data.get(f"comment_{q.pk}", "").strip())
        return result


class PressMentionForm(forms.Form):
    outlet = forms.CharField(label=_("Outlet"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=MentionKind.choices)
    published_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    activity = forms.TypedChoiceField(label=_("Action"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, activities: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.activities = {a.pk: a for a in activities}
        self.fields["activity"].choices = [("", _("The whole partnership"))] + [(a.pk, a.title) for a in activities]

    def clean_activity(self) -> Any:
        pk = self.cleaned_data.get("activity")
        return self.activities.get(pk) if pk else None


class LessonForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=LessonKind.choices,
        initial=LessonKind.LESSON,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    text = forms.CharField(
        label=_("Text"), max_length=5_000, widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )


def _activity_types() -> Any:
    return ActivityType.objects.filter(is_active=True).order_by("position")


class FollowUpActivityForm(forms.Form):
    """Staff: plan a follow-up action as a new action of the partnership."""

    activity_type = forms.ModelChoiceField(label=_("Type of action"), queryset=ActivityType.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity_type"].queryset = _activity_types()


class FollowUpProposalForm(forms.Form):
    """The partner: propose a follow-up action as a new action (a proposal, reviewed by staff)."""

    activity_type = forms.ModelChoiceField(label=_("Type of action"), queryset=ActivityType.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Your idea"), max_length=5_000, widget=forms.Textarea(attrs={"rows": 4}))
    desired_start = forms.DateField(
        label=_("Desired start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity_type"].queryset = _activity_types()
