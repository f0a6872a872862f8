"""Reads of the satisfaction questionnaires: lists, a questionnaire's results, its CSV rows,
and the satisfaction figures the evaluation pages and the reports show.

``questionnaire_satisfaction(activity)`` / ``satisfaction_for_activities(ids)`` are the one
way other modules read the questionnaires' results: the averages of the Likert answers
(1–5), overall and for the grid criteria the questions feed ("relevance", "relationship").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from partnerships.models import Partner

from . import questionnaire_lifecycle as rules
from .questionnaire_lifecycle import Feeds, QuestionKind
from .questionnaire_models import (
    Questionnaire,
    QuestionnaireAnswer,
    QuestionnaireQuestion,
    QuestionnaireResponse,
)

TWO_PLACES = Decimal("0.01")


def _average(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


# --- Lists --------------------------------------------------------------------------------


def questionnaire_list_queryset() -> QuerySet[Questionnaire]:
    """Staff and portal lists: the rows with their activity, its type, its partnership and
    the template joined (one query); the partnership's partners (one more)."""
    return Questionnaire.objects.select_related(
        "activity", "activity__activity_type", "activity__partnership", "template"
    ).prefetch_related(
        Prefetch("activity__partnership__partners", queryset=Partner.objects.only("pk", "name").order_by("name"))
    )


def response_counts(questionnaire_ids: Iterable[int]) -> dict[int, int]:
    """Responses per questionnaire of a page (one grouped query; counts the page, not the table)."""
    rows = (
        QuestionnaireResponse.objects.filter(questionnaire_id__in=list(questionnaire_ids))
        .order_by()
        .values("questionnaire_id")
        .annotate(n=Count("pk"))
    )
    return {row["questionnaire_id"]: row["n"] for row in rows}


def questionnaire_by_token(token: str) -> Questionnaire | None:
    """The questionnaire a public link names, whichever partner it belongs to (the token is
    the only credential of the public page), with its activity and template; one query."""
    if not token or len(token) > 64:
        return None
    with scopes_disabled():
        return Questionnaire.objects.select_related("activity", "template").filter(token=token).first()


def questionnaire_questions(questionnaire: Questionnaire) -> list[QuestionnaireQuestion]:
    return list(QuestionnaireQuestion.objects.filter(template_id=questionnaire.template_id).order_by("position"))


# --- Results ------------------------------------------------------------------------------


@dataclass
class Bar:
    """One answer option and how many chose it."""

    value: str  # "1".."5" or a choice's code
    label: str
    count: int
    percent: Decimal


@dataclass
class QuestionResult:
    question: QuestionnaireQuestion
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    average: Decimal | None = None
    texts: list[str] = field(default_factory=list)


@dataclass
class QuestionnaireResults:
    questionnaire: Questionnaire
    responses: int
    questions: list[QuestionResult]

    @property
    def likert_average(self) -> Decimal | None:
        total = sum(int(b.value) * b.count for q in self.questions if q.question.is_likert for b in q.bars)
        count = sum(q.answered for q in self.questions if q.question.is_likert)
        return _average(total, count)


def questionnaire_results(questionnaire: Questionnaire) -> QuestionnaireResults:
    """Counts, distributions and averages per question, and the free texts in the order they
    were given. Four queries: the questions, the response count, the grouped counts of the
    ratings and choices, the texts."""
    questions = questionnaire_questions(questionnaire)
    responses = QuestionnaireResponse.objects.filter(questionnaire=questionnaire).count()
    answers = QuestionnaireAnswer.objects.filter(response__questionnaire=questionnaire)
    counts: dict[tuple[int, str], int] = {}
    grouped = (
        answers.exclude(question__kind=QuestionKind.TEXT)
        .order_by()
        .values("question_id", "rating", "choice")
        .annotate(n=Count("pk"))
    )
    for row in grouped:
        value = str(row["rating"]) if row["rating"] is not None else row["choice"]
        counts[(row["question_id"], value)] = row["n"]
    texts: dict[int, list[str]] = defaultdict(list)
    text_rows = (
        answers.filter(question__kind=QuestionKind.TEXT)
        .order_by("response__submitted_at", "response_id")
        .values_list("question_id", "text")
    )
    for question_id, text in text_rows:
        texts[question_id].append(text)
    results = []
    for question in questions:
        result = QuestionResult(question=question)
        if question.is_text:
            result.texts = texts.get(question.pk, [])
            result.answered = len(result.texts)
        else:
            options = (
                [(str(v), str(v)) for v in rules.LIKERT_VALUES] if question.is_likert else question.choice_options()
            )
            result.answered = sum(counts.get((question.pk, value), 0) for value, _label in options)
            result.bars = [
                Bar(value, label, n, _percent(n, result.answered))
                for value, label in options
                for n in [counts.get((question.pk, value), 0)]
            ]
            if question.is_likert:
                total = sum(int(b.value) * b.count for b in result.bars)
                result.average = _average(total, result.answered)
        results.append(result)
    return QuestionnaireResults(questionnaire=questionnaire, responses=responses, questions=results)


def questionnaire_csv(questionnaire: Questionnaire) -> tuple[list[str], Iterator[list[Any]]]:
    """Headers and rows of the CSV export: one row per response, one column per question
    (the rating as a number, the choice's label, the text as typed: core.exports neutralises
    formulas). Three queries."""
    questions = questionnaire_questions(questionnaire)
    responses = list(QuestionnaireResponse.objects.filter(questionnaire=questionnaire).order_by("submitted_at", "pk"))
    by_response: dict[int, dict[int, QuestionnaireAnswer]] = defaultdict(dict)
    for answer in QuestionnaireAnswer.objects.filter(response__questionnaire=questionnaire):
        by_response[answer.response_id][answer.question_id] = answer

    def value(question: QuestionnaireQuestion, answer: QuestionnaireAnswer | None) -> Any:
        if answer is None:
            return ""
        if question.is_likert:
            return answer.rating
        if question.is_choice:
            return question.choice_label(answer.choice)
        return answer.text

    headers = [_("Response"), _("Submitted"), _("Language"), *[q.text for q in questions]]

    def rows() -> Iterator[list[Any]]:
        for number, response in enumerate(responses, start=1):
            answers = by_response.get(response.pk, {})
            yield [
                number,
                response.submitted_at,
                response.language,
                *[value(q, answers.get(q.pk)) for q in questions],
            ]

    return headers, rows()


# --- What the evaluations and the reports read ---------------------------------------------


@dataclass(frozen=True)
class Satisfaction:
    """Participants' satisfaction with one activity (averages of the 1–5 answers)."""

    responses: int
    average: Decimal | None  # every rating of the questionnaire
    relevance: Decimal | None  # the questions feeding the "relevance" criterion
    relationship: Decimal | None  # those feeding "quality of the relationship with the partner"


def satisfaction_for_activities(activity_ids: Iterable[int]) -> dict[int, Satisfaction]:
    """Activity id → its questionnaire's satisfaction, for the activities that have one.

    Two queries whatever the number of activities: the responses per activity, and the sums
    and counts of ratings per activity and criterion fed.
    """
    ids = list(activity_ids)
    if not ids:
        return {}
    responses = dict(
        Questionnaire.objects.filter(activity_id__in=ids)
        .order_by()
        .annotate(n=Count("responses"))
        .values_list("activity_id", "n")
    )
    sums: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    rows = (
        QuestionnaireAnswer.objects.filter(
            response__questionnaire__activity_id__in=ids, question__kind=QuestionKind.LIKERT
        )
        .order_by()
        .values("response__questionnaire__activity_id", "question__feeds")
        .annotate(total=Sum("rating"), n=Count("pk"))
    )
    for row in rows:
        sums[row["response__questionnaire__activity_id"]][row["question__feeds"]] = (row["total"] or 0, row["n"])
    result = {}
    for activity_id, count in responses.items():
        by_feed = sums.get(activity_id, {})
        total = sum(t for t, _n in by_feed.values())
        answered = sum(n for _t, n in by_feed.values())
        result[activity_id] = Satisfaction(
            responses=count,
            average=_average(total, answered),
            relevance=_average(*by_feed.get(Feeds.RELEVANCE, (0, 0))),
            relationship=_average(*by_feed.get(Feeds.RELATIONSHIP, (0, 0))),
        )
    return result


def questionnaire_satisfaction(activity: Any) -> Satisfaction | None:
    """The satisfaction of one activity's participants; None when it has no questionnaire."""
    return satisfaction_for_activities([activity.pk]).get(activity.pk)
