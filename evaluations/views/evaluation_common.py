"""What the staff and portal pages of one evaluation share: the page's context, and the
answer form's handling (draft or submit) for one side."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from core.forms import add_service_errors

from .. import measures, selectors, services
from ..forms import AnswerForm
from ..models import Evaluation


def evaluation_context(evaluation: Evaluation, side: str) -> dict[str, Any]:
    """The evaluation seen from ``side``: the figures, the grid with the answers this side may
    see (the other side's only once revealed), promotion, sustainability, lessons."""
    data = selectors.evaluation_measure_data(evaluation=evaluation)
    figures = measures.figures(data)
    comparison = selectors.evaluation_comparison(evaluation=evaluation, viewer_side=side, figures=figures)
    return {
        "evaluation": evaluation,
        "side": side,
        "comparison": comparison,
        "figures": figures,
        "mentions": data.mentions,
        "sustainability": measures.sustainability(data),
        "lessons": selectors.evaluation_lessons(evaluation=evaluation),
        "not_measured": measures.NOT_MEASURED,
    }


def answer_form(evaluation: Evaluation, side: str, data: Any = None, submit: bool = False) -> tuple[AnswerForm, Any]:
    """The side's form over the grid, filled with its draft; and the grid (criteria, questions)."""
    figures = measures.figures(selectors.evaluation_measure_data(evaluation=evaluation))
    comparison = selectors.evaluation_comparison(evaluation=evaluation, viewer_side=side, figures=figures)
    own = [getattr(row, side) for row in comparison.rows if getattr(row, side) is not None]
    form = AnswerForm(data, questions=[row.question for row in comparison.rows], initial_answers=own, submit=submit)
    return form, comparison


def answer_grid(form: AnswerForm, comparison: Any) -> list[dict[str, Any]]:
    """The form's bound fields grouped by criterion, with each criterion's measured figures."""
    rows = form.rows()
    return [
        {"criterion": c.criterion, "figures": c.figures, "rows": [rows[q.question.pk] for q in c.questions]}
        for c in comparison.criteria
    ]


def answer_save(request: HttpRequest, evaluation: Evaluation, side: str) -> tuple[bool, AnswerForm, Any]:
    """Save the posted answers as a draft, or submit them ("submit" in the POST). True when saved."""
    submit = "submit" in request.POST
    form, comparison = answer_form(evaluation, side, request.POST, submit=submit)
    if not form.is_valid():
        return False, form, comparison
    try:
        if submit:
            services.evaluation_submit_side(evaluation=evaluation, side=side, answers=form.answers(), by=request.user)
            messages.success(request, _("Your answers are submitted."))
        else:
            services.evaluation_answers_save(
                evaluation=evaluation, side=side, answers=form.answers(), cleared=form.cleared(), by=request.user
            )
            messages.success(request, _("Draft saved."))
    except ValidationError as error:
        add_service_errors(form, error)
        return False, form, comparison
    return True, form, comparison
