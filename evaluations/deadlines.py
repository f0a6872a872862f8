"""The evaluations' kinds of deadline (registered in ``EvaluationsConfig.ready()``; see
``core.deadlines``): an action ended a month ago and has no evaluation yet; a joint evaluation
open for a month whose side (Wikimédia France's, or the partner's) is not yet submitted; a
satisfaction questionnaire about to close (7 days and 1 day before).

The first three are pending-only (an evaluation started, a side submitted: the item disappears),
so they come back as overdue reminders.

The evaluation due and the questionnaire closing are paged sources (``core.deadlines``, "Paged
sources": the staff page reads their first rows by (date, id) and counts them up to a cap).
The sides of an open evaluation are few by nature (evaluations opened by hand, open about a
month) and read whole: they are dated by the local day of a datetime, which no plain index
orders as (day, id)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.deadlines import activity_count, activity_occurrences, activity_rows, partners_region_q
from activities.lifecycle import ActivityStatus
from core.deadlines import PARTNER_ADMINS, STAFF_LEAD, DeadlineKind, DeadlineQuery, Occurrence, url_by_pk

from .lifecycle import EvaluationState
from .models import Evaluation
from .questionnaire_models import Questionnaire

#: An action is evaluated within this many days of its end.
EVALUATION_DUE_AFTER_END = 30
#: Each side submits within this many days of the evaluation's opening.
SIDE_DUE_AFTER_OPENING = 30


def _evaluation_due(query: DeadlineQuery) -> Q:
    # NOT EXISTS rather than a LEFT JOIN ... IS NULL: the planner then estimates the rows left
    # and walks activity_end_id_idx in order up to the LIMIT, instead of sorting the range.
    evaluated = Evaluation.objects.filter(activity=OuterRef("pk"))
    return (
        ~Q(Exists(evaluated))
        & ~Q(status=ActivityStatus.CANCELLED)
        & query.on("end_date", shift=EVALUATION_DUE_AFTER_END)
    )


def evaluation_due_occurrences(query: DeadlineQuery) -> Iterable[Occurrence]:
    """Actions carried out (not cancelled) whose end was 30 days before, with no evaluation."""
    # The lists' order (the date, then the pk): activity_end_id_idx.
    rows = activity_rows(_evaluation_due(query), query, date="end_date")
    wait = datetime.timedelta(days=EVALUATION_DUE_AFTER_END)
    return activity_occurrences("evaluation_due", rows, lambda r: r["end_date"] + wait)


def evaluation_due_count(query: DeadlineQuery) -> int:
    return activity_count(_evaluation_due(query), query, date="end_date")


Partners = list[tuple[int, str, str]]


def _fold(rows: Iterable[dict[str, Any]], path: str) -> list[tuple[dict[str, Any], Partners]]:
    """The join on the partnership's partners gives one row per partner: one entry per object
    with its partners [(pk, name, region)], in the rows' order."""
    found: dict[int, tuple[dict[str, Any], Partners]] = {}
    for row in rows:
        entry = found.setdefault(row["pk"], (row, []))
        if row[f"{path}__id"] is not None:
            entry[1].append((row[f"{path}__id"], row[f"{path}__name"], row[f"{path}__region"]))
    return list(found.values())


def _partner_fields(path: str) -> tuple[str, str, str]:
    return (f"{path}__id", f"{path}__name", f"{path}__region")


def _occurrence(
    kind: str, model: str, pk: int, date: datetime.date, subject: str, partners: Partners, **links: Any
) -> Occurrence:
    first = partners[0] if partners else (None, "", "")
    return Occurrence(
        kind=kind,
        model=model,
        pk=pk,
        date=date,
        subject=subject,
        partner_id=first[0],
        partner_name=", ".join(p[1] for p in partners),
        region=first[2],
        co_partner_ids=tuple(p[0] for p in partners[1:]),
        **links,
    )


def _side_occurrences(query: DeadlineQuery, kind: str, unsubmitted: str) -> list[Occurrence]:
    """Open evaluations whose side is unsubmitted, dated 30 days after their opening (one
    query on the open evaluations' ``created_at`` index, one row per partner folded)."""
    path = "partnership__partners"
    rows = (
        Evaluation.objects.filter(
            query.on_datetime("created_at", shift=SIDE_DUE_AFTER_OPENING),
            query.partner(path),
            state=EvaluationState.OPEN,
            **{f"{unsubmitted}__isnull": True},
        )
        .values(
            "pk", "created_at", "activity__title", "partnership__title", "partnership__lead_id", *_partner_fields(path)
        )
        .order_by("pk", f"{path}__id")
    )
    wait = datetime.timedelta(days=SIDE_DUE_AFTER_OPENING)
    staff_url, portal_url = url_by_pk("staff:evaluation_detail"), url_by_pk("portal:evaluation_detail")
    return [
        _occurrence(
            kind,
            "evaluations.evaluation",
            row["pk"],
            timezone.localtime(row["created_at"]).date() + wait,
            row["activity__title"] or row["partnership__title"],
            partners,
            url=staff_url(row["pk"]),
            portal_url=portal_url(row["pk"]),
            owner_id=row["partnership__lead_id"],
        )
        for row, partners in _fold(rows, path)
    ]


QUESTIONNAIRE_PARTNERS = "activity__partnership__partners"


def _closing(query: DeadlineQuery) -> QuerySet[Questionnaire]:
    """Questionnaires not closed by hand closing in the range, of the query's partner, staff lead
    and region (the first partner's, as ``_occurrence`` gives it), in ONE filter() call."""
    return Questionnaire.objects.filter(
        query.on("closes_on"),
        query.partner(QUESTIONNAIRE_PARTNERS),
        query.owner("activity__partnership__lead_id"),
        partners_region_q(query, "activity__partnership"),
        closed_at=None,
    )


def questionnaire_closing_occurrences(query: DeadlineQuery) -> Iterable[Occurrence]:
    """Satisfaction questionnaires not closed by hand whose closing day is in the range (one
    query on the ``closes_on`` index of those not closed). Limited (a page of the staff list),
    the LIMIT cuts the questionnaires in a subquery, then their partners' rows are joined."""
    path = QUESTIONNAIRE_PARTNERS
    questionnaires = _closing(query)
    if query.limit is not None:
        # The lists' order (the date, then the pk): questionnaire_closing_id_idx.
        first = query.first(questionnaires.values("pk"), "closes_on", "pk")
        questionnaires = Questionnaire.objects.filter(Q(pk__in=first), query.partner(path))
    rows = questionnaires.values(
        "pk", "closes_on", "activity__title", "activity__partnership__lead_id", *_partner_fields(path)
    ).order_by("closes_on", "pk", f"{path}__id")
    staff_url, portal_url = url_by_pk("staff:questionnaire_detail"), url_by_pk("portal:questionnaire_detail")
    return [
        _occurrence(
            "questionnaire_closing",
            "evaluations.questionnaire",
            row["pk"],
            row["closes_on"],
            row["activity__title"],
            partners,
            url=staff_url(row["pk"]),
            portal_url=portal_url(row["pk"]),
            owner_id=row["activity__partnership__lead_id"],
        )
        for row, partners in _fold(rows, path)
    ]


def questionnaire_closing_count(query: DeadlineQuery) -> int:
    return query.count(_closing(query), "closes_on", "pk")


def staff_side_occurrences(query: DeadlineQuery) -> Iterable[Occurrence]:
    return _side_occurrences(query, "evaluation_staff_side", "staff_submitted_at")


def partner_side_occurrences(query: DeadlineQuery) -> Iterable[Occurrence]:
    return _side_occurrences(query, "evaluation_partner_side", "partner_submitted_at")


KINDS = (
    DeadlineKind(
        key="evaluation_due",
        app="evaluations",
        label=_("Evaluation due after an action"),
        sentence=_("%(subject)s ended a month ago: open its joint evaluation."),
        occurrences=evaluation_due_occurrences,
        count=evaluation_due_count,
        recipients=(STAFF_LEAD,),
        offsets=(0,),
        overdue=(7, 30),
        order=40,
    ),
    DeadlineKind(
        key="evaluation_staff_side",
        app="evaluations",
        label=_("Evaluation: Wikimédia France’s answers expected"),
        sentence=_("Evaluation of %(subject)s: Wikimédia France’s answers are expected."),
        occurrences=staff_side_occurrences,
        recipients=(STAFF_LEAD,),
        offsets=(7, 0),
        overdue=(7,),
        order=41,
    ),
    DeadlineKind(
        key="evaluation_partner_side",
        app="evaluations",
        label=_("Evaluation: the partner’s answers expected"),
        sentence=_("Evaluation of %(subject)s: the partner’s answers are expected."),
        portal_sentence=_("Evaluation of %(subject)s: your answers are expected."),
        occurrences=partner_side_occurrences,
        recipients=(PARTNER_ADMINS,),
        offsets=(7, 0),
        overdue=(7,),
        order=42,
    ),
    DeadlineKind(
        key="questionnaire_closing",
        app="evaluations",
        label=_("Satisfaction questionnaire about to close"),
        sentence=_("The satisfaction questionnaire of %(subject)s closes: remind the participants to answer."),
        occurrences=questionnaire_closing_occurrences,
        count=questionnaire_closing_count,
        recipients=(STAFF_LEAD, PARTNER_ADMINS),
        offsets=(7, 1),
        order=43,
    ),
)
