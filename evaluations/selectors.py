"""Reads of the evaluations app: lists, and the side-by-side comparison of a joint evaluation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import fmean

from django.db.models import Prefetch, Q, QuerySet

from activities.lifecycle import GOOD
from activities.models import ActionProposal, Activity, MetricsSnapshot
from agreements.models import Agreement
from partnerships.models import Partner

from . import lifecycle, measures
from .lifecycle import Side
from .models import Answer, Criterion, Evaluation, GridItem, Lesson, PressMention, Question
from .questionnaire_selectors import satisfaction_for_activities


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


def _mean(ratings: list[int | None]) -> Decimal | None:
    rated = [r for r in ratings if r is not None]
    return Decimal(str(round(fmean(rated), 1))) if rated else None


@dataclass
class ComparedCriterion:
    criterion: Criterion
    questions: list[ComparedQuestion] = field(default_factory=list)
    figures: list[measures.Figure] = field(default_factory=list)

    @property
    def staff_mean(self) -> Decimal | None:
        """The mean rating of Wikimédia France's side ("not applicable" left out)."""
        return _mean([q.staff.rating for q in self.questions if q.staff is not None])

    @property
    def partner_mean(self) -> Decimal | None:
        return _mean([q.partner.rating for q in self.questions if q.partner is not None])

    @property
    def gap(self) -> Decimal | None:
        if self.staff_mean is None or self.partner_mean is None:
            return None
        return abs(self.staff_mean - self.partner_mean)


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

    @property
    def criteria_agree_most(self) -> list[ComparedCriterion]:
        """The criteria whose mean ratings are closest (both sides rated at least one question)."""
        gaps = [c.gap for c in self.criteria if c.gap is not None]
        if not gaps:
            return []
        return [c for c in self.criteria if c.gap == min(gaps)]

    @property
    def criteria_disagree_most(self) -> list[ComparedCriterion]:
        """The criteria whose mean ratings are furthest apart (only when they differ)."""
        gaps = [c.gap for c in self.criteria if c.gap]
        if not gaps:
            return []
        return [c for c in self.criteria if c.gap == max(gaps)]


def evaluation_comparison(
    *, evaluation: Evaluation, viewer_side: str, figures: dict[str, measures.Figure] | None = None
) -> Comparison:
    """The grid of the evaluation's version with the answers the viewer may see, and the
    measured figures of each criterion's indicators (``figures``, by measure key).

    Until both sides have submitted (or staff closed the evaluation), a side sees its own
    answers only: the other side's are not even loaded. Four queries (answers, criteria,
    their questions, their indicators and means).
    """
    visible = lifecycle.comparison_visible(evaluation)
    answers = Answer.objects.filter(evaluation=evaluation)
    if not visible:
        answers = answers.filter(side=viewer_side)
    by_key = {(a.question_id, a.side): a for a in answers}
    criteria = list(
        Criterion.objects.filter(version_id=evaluation.grid_version_id).prefetch_related(
            "questions", Prefetch("items", queryset=GridItem.objects.exclude(measure=""))
        )
    )
    figures = figures or {}
    compared = [
        ComparedCriterion(
            criterion=c,
            questions=[
                ComparedQuestion(
                    question=q, staff=by_key.get((q.pk, Side.STAFF)), partner=by_key.get((q.pk, Side.PARTNER))
                )
                for q in c.questions.all()
            ],
            figures=[figures[item.measure] for item in c.items.all() if item.measure in figures],
        )
        for c in criteria
    ]
    return Comparison(visible=visible, criteria=compared)


def evaluation_detail(*, qs: QuerySet[Evaluation], pk: int) -> Evaluation:
    """One evaluation with its subject (partnership, action and type) and partners: two queries."""
    return (
        qs.select_related("partnership", "activity", "activity__activity_type", "grid_version")
        .prefetch_related(Prefetch("partnership__partners", queryset=Partner.objects.order_by("name")))
        .get(pk=pk)
    )


def evaluation_measure_data(*, evaluation: Evaluation) -> measures.MeasureData:
    """What the measured figures read: the evaluated actions (one, or the partnership's) with
    their indicators, stakeholders, costs and good snapshots; the press mentions; the
    partners' proposals and agreements after the action; the participants' questionnaires.
    Ten queries (eight without an action).
    """
    activities_qs = Activity.objects.filter(partnership_id=evaluation.partnership_id)
    if evaluation.activity_id:
        activities_qs = activities_qs.filter(pk=evaluation.activity_id)
    activities = list(
        activities_qs.order_by("start_date", "pk").prefetch_related(
            "indicators",
            "stakeholders",
            "costs",
            Prefetch(
                "snapshots",
                queryset=MetricsSnapshot.objects.filter(status__in=GOOD).order_by("-taken_at", "-pk"),
                to_attr="good_snapshots",
            ),
        )
    )
    mentions = PressMention.objects.filter(partnership_id=evaluation.partnership_id).select_related("activity")
    if evaluation.activity_id:  # the action's own, and those of the whole partnership
        mentions = mentions.filter(Q(activity_id=evaluation.activity_id) | Q(activity__isnull=True))
    ends = [a.end_date or a.start_date for a in activities if (a.end_date or a.start_date)]
    since: datetime.date | None = min(ends) if ends else None
    partner_ids = [p.pk for p in evaluation.partnership.partners.all()]
    proposals: list[ActionProposal] = []
    agreements: list[Agreement] = []
    if since is not None:
        proposals = list(
            ActionProposal.objects.filter(partner_id__in=partner_ids, submitted_at__date__gt=since)
            .select_related("partner", "activity_type")
            .order_by("submitted_at", "pk")
        )
        agreements = list(
            Agreement.objects.filter(partner_id__in=partner_ids, signed_on__gt=since)
            .select_related("partner")
            .order_by("signed_on", "pk")
        )
    satisfaction = satisfaction_for_activities(a.pk for a in activities)
    return measures.MeasureData(
        satisfaction=satisfaction,
        activities=activities,
        mentions=list(mentions.order_by("-published_on", "-pk")),
        proposals_after=proposals,
        agreements_after=agreements,
        since=since,
    )


def evaluation_lessons(*, evaluation: Evaluation) -> list[Lesson]:
    """The lessons and follow-up actions, with what each follow-up became: one query."""
    return list(
        Lesson.objects.filter(evaluation=evaluation).select_related("proposal", "new_activity").order_by("kind", "pk")
    )
