"""The evaluations' kinds of deadline (registered in ``EvaluationsConfig.ready()``; see
``core.deadlines``): an action ended a month ago and has no evaluation yet; a joint evaluation
open for a month whose side (Wikimédia France's, or the partner's) is not yet submitted.

All three are pending-only (an evaluation started, a side submitted: the item disappears),
so they come back as overdue reminders."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.deadlines import activity_occurrences, activity_rows
from activities.lifecycle import ActivityStatus
from core.deadlines import PARTNER_ADMINS, STAFF_LEAD, DeadlineKind, DeadlineQuery, Occurrence

from .lifecycle import EvaluationState
from .models import Evaluation

#: An action is evaluated within this many days of its end.
EVALUATION_DUE_AFTER_END = 30
#: Each side submits within this many days of the evaluation's opening.
SIDE_DUE_AFTER_OPENING = 30


def evaluation_due_occurrences(query: DeadlineQuery) -> Iterable[Occurrence]:
    """Actions carried out (not cancelled) whose end was 30 days before, with no evaluation."""
    rows = activity_rows(
        Q(evaluations__isnull=True)
        & ~Q(status=ActivityStatus.CANCELLED)
        & query.on("end_date", shift=EVALUATION_DUE_AFTER_END),
        query,
    )
    wait = datetime.timedelta(days=EVALUATION_DUE_AFTER_END)
    return activity_occurrences("evaluation_due", rows, lambda r: r["end_date"] + wait)


def _side_occurrences(query: DeadlineQuery, kind: str, unsubmitted: str) -> list[Occurrence]:
    """Open evaluations whose side is unsubmitted, dated 30 days after their opening (one
    query on the open evaluations' ``created_at`` index, one row per partner folded)."""
    rows = (
        Evaluation.objects.filter(
            query.on_datetime("created_at", shift=SIDE_DUE_AFTER_OPENING),
            query.partner("partnership__partners"),
            state=EvaluationState.OPEN,
            **{f"{unsubmitted}__isnull": True},
        )
        .values(
            "pk",
            "created_at",
            "activity__title",
            "partnership__title",
            "partnership__lead_id",
            "partnership__partners__id",
            "partnership__partners__name",
            "partnership__partners__region",
        )
        .order_by("pk", "partnership__partners__id")
    )
    found: dict[int, dict] = {}
    partners: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for row in rows:
        found.setdefault(row["pk"], row)
        if row["partnership__partners__id"] is not None:
            partners[row["pk"]].append(
                (
                    row["partnership__partners__id"],
                    row["partnership__partners__name"],
                    row["partnership__partners__region"],
                )
            )
    wait = datetime.timedelta(days=SIDE_DUE_AFTER_OPENING)
    occurrences = []
    for pk, row in found.items():
        mine = partners[pk] or [(None, "", "")]
        occurrences.append(
            Occurrence(
                kind=kind,
                model="evaluations.evaluation",
                pk=pk,
                date=timezone.localtime(row["created_at"]).date() + wait,
                subject=row["activity__title"] or row["partnership__title"],
                partner_id=mine[0][0],
                partner_name=", ".join(p[1] for p in mine if p[0] is not None),
                url=reverse("staff:evaluation_list"),
                portal_url=reverse("portal:evaluation_list"),
                owner_id=row["partnership__lead_id"],
                region=mine[0][2],
                co_partner_ids=tuple(p[0] for p in mine[1:]),
            )
        )
    return occurrences


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
)
