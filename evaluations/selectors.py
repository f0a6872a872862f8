"""Reads of the evaluations app: lists, and the side-by-side comparison of a joint evaluation."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from partnerships.models import Partner

from . import lifecycle
from .lifecycle import Side
from .models import Answer, Criterion, Evaluation, Question


def evaluation_list_queryset() -> QuerySet[Evaluation]:
    """Staff and portal lists: one query for the rows (partnership, activity and its type
    joined), one for the partners of the page's partnerships."""
    return Evaluation.objects.select_related("partnership", "activity", "activity__activity_type").prefetch_related(
        Prefetch("partnership__partners", queryset=Partner.objects.only("pk", "name").order_by("name"))
    )


@dataclass
class ComparedQuestion:
    question: Question
    staff: Answer | None
    partner: Answer | None

    @property
    def difference(self) -> int | None:
        """The gap between both ratings; None when either side said "not applicable"."""
        if self.staff is None or self.partner is None:
            return None
        if self.staff.rating is None or self.partner.rating is None:
            return None
        return abs(self.staff.rating - self.partner.rating)

    @property
    def flagged(self) -> bool:
        difference = self.difference
        return difference is not None and difference >= lifecycle.FLAG_DIFFERENCE


@dataclass
class ComparedCriterion:
    criterion: Criterion
    questions: list[ComparedQuestion] = field(default_factory=list)


@dataclass
class Comparison:
    visible: bool
    criteria: list[ComparedCriterion]

    @property
    def rows(self) -> list[ComparedQuestion]:
        return [row for c in self.criteria for row in c.questions]

    @property
    def flagged(self) -> list[ComparedQuestion]:
        return [row for row in self.rows if row.flagged]

    @property
    def agree_most(self) -> list[ComparedQuestion]:
        """The questions rated alike by both sides (difference 0)."""
        return [row for row in self.rows if row.difference == 0]

    @property
    def disagree_most(self) -> list[ComparedQuestion]:
        """The questions with the largest gap (only when there is a gap)."""
        gaps = [row.difference for row in self.rows if row.difference]
        if not gaps:
            return []
        widest = max(gaps)
        return [row for row in self.rows if row.difference == widest]


def evaluation_comparison(*, evaluation: Evaluation, viewer_side: str) -> Comparison:
    """The grid of the evaluation's version with the answers the viewer may see.

    Until both sides have submitted (or staff closed the evaluation), a side sees its own
    answers only: the other side's are not even loaded. Three queries.
    """
    visible = lifecycle.comparison_visible(evaluation)
    answers = Answer.objects.filter(evaluation=evaluation)
    if not visible:
        answers = answers.filter(side=viewer_side)
    by_key = {(a.question_id, a.side): a for a in answers}
    criteria = list(Criterion.objects.filter(version_id=evaluation.grid_version_id).prefetch_related("questions"))
    compared = [
        ComparedCriterion(
            criterion=c,
            questions=[
                ComparedQuestion(
                    question=q, staff=by_key.get((q.pk, Side.STAFF)), partner=by_key.get((q.pk, Side.PARTNER))
                )
                for q in c.questions.all()
            ],
        )
        for c in criteria
    ]
    return Comparison(visible=visible, criteria=compared)
