"""The grants' kinds of deadline: the fund's timeline per region (registered in
``GrantsConfig.ready()``; see ``core.deadlines``).

Each region of a round has its own timeline (``TimelineStep``, a few rows per round), so the
sources first find the steps dated in the range (one small query), then the applications
those steps concern (one query). The final report is dated from each grant's end
(``Application.grant_ends_on`` + the programme's ``report_due_days``, 30 days by default)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.deadlines import PARTNER_ADMINS, PROGRAMME_OFFICER, DeadlineKind, DeadlineQuery, Occurrence

from .models import (
    Application,
    ApplicationStatus,
    Conversation,
    FundingRegion,
    GrantInvitation,
    InvitationStatus,
    Payment,
    Programme,
    StepKind,
    TimelineStep,
)

S = ApplicationStatus
#: Applications waiting for the committee's decision.
AWAITING_DECISION = (S.SUBMITTED, S.ELIGIBILITY_CHECK, S.UNDER_REVIEW, S.AWAITING_REPLY)


def _application(kind: str, a: Application, date: datetime.date) -> Occurrence:
    return Occurrence(
        kind=kind,
        model="grants.application",
        pk=a.pk,
        date=date,
        subject=a.title or str(_("Untitled draft")),
        partner_id=a.partner_id,
        partner_name=a.partner.name,
        url=reverse("staff:grants_application", args=[a.pk]),
        portal_url=reverse("portal:grants_application", args=[a.pk]),
        region=a.round_region.region.code,
    )


def _step_date(step: TimelineStep, *, end: bool = False) -> datetime.date:
    if step.deadline_at is not None:
        return timezone.localtime(step.deadline_at).date()
    return (step.ends_on or step.starts_on) if end else step.starts_on


def _steps(query: DeadlineQuery, kind: str, *, end: bool = False) -> dict[int, TimelineStep]:
    """The steps of that kind dated in the query, by round region (a few rows)."""
    q = (query.on("ends_on") | (Q(ends_on=None) & query.on("starts_on"))) if end else query.on("starts_on")
    steps = TimelineStep.objects.filter(q, kind=kind).select_related("round_region__region")
    return {s.round_region_id: s for s in steps}


def _applications(
    query: DeadlineQuery, steps: dict[int, TimelineStep], statuses: Iterable[str]
) -> QuerySet[Application]:
    return (
        Application.objects.filter(query.partner("partner_id"), round_region__in=list(steps), status__in=list(statuses))
        .select_related("partner", "round_region__region")
        .order_by("pk")
    )


def submission_occurrences(query: DeadlineQuery) -> list[Occurrence]:
    """Invited organisations that have not submitted: open invitations and drafts."""
    steps = _steps(query, StepKind.SUBMISSION_DEADLINE)
    if not steps:
        return []
    found = [
        _application("grant_submission", a, _step_date(steps[a.round_region_id]))
        for a in _applications(query, steps, [S.DRAFT])
    ]
    invitations = (
        GrantInvitation.objects.filter(
            query.partner("partner_id"), round_region__in=list(steps), status=InvitationStatus.OPEN
        )
        .select_related("partner", "round_region__region", "round_region__round")
        .order_by("pk")
    )
    for i in invitations:
        found.append(
            Occurrence(
                kind="grant_submission",
                model="grants.grantinvitation",
                pk=i.pk,
                date=_step_date(steps[i.round_region_id]),
                subject=str(i.round_region),
                partner_id=i.partner_id,
                partner_name=i.partner.name,
                url=reverse("staff:grants_pipeline", args=[i.round_region.round.fiscal_year_id]),
                portal_url=reverse("portal:grants_home"),
                region=i.round_region.region.code,
            )
        )
    return found


def feedback_occurrences(query: DeadlineQuery) -> list[Occurrence]:
    steps = _steps(query, StepKind.ENGAGING_WITH_FEEDBACK, end=True)
    return (
        [
            _application("grant_feedback", a, _step_date(steps[a.round_region_id], end=True))
            for a in _applications(query, steps, [S.AWAITING_REPLY])
        ]
        if steps
        else []
    )


def decision_occurrences(query: DeadlineQuery) -> list[Occurrence]:
    """Staff: the applications of a region still awaiting a decision on its announcement day."""
    steps = _steps(query, StepKind.DECISION_ANNOUNCED)
    return (
        [
            _application("grant_decision", a, _step_date(steps[a.round_region_id]))
            for a in _applications(query, steps, AWAITING_DECISION)
        ]
        if steps
        else []
    )


def midpoint_occurrences(query: DeadlineQuery) -> list[Occurrence]:
    steps = _steps(query, StepKind.MIDPOINT_CONVERSATION)
    if not steps:
        return []
    held = Conversation.objects.filter(application=OuterRef("pk"), kind="midpoint")
    applications = _applications(query, steps, [S.APPROVED]).filter(~Exists(held))
    return [_application("grant_midpoint", a, _step_date(steps[a.round_region_id])) for a in applications]


def payment_occurrences(query: DeadlineQuery) -> list[Occurrence]:
    payments = (
        Payment.objects.filter(query.partner("application__partner_id"), query.on("planned_on"), sent_on=None)
        .select_related("application__partner", "application__round_region__region")
        .order_by("planned_on", "pk")
    )
    return [_application("grant_payment", p.application, p.planned_on) for p in payments]


def final_report_occurrences(query: DeadlineQuery) -> list[Occurrence]:
    """Approved grants without a final report, due ``report_due_days`` after the grant end."""
    delays = sorted(set(Programme.objects.values_list("report_due_days", flat=True)))
    if not delays:
        return []
    q = Q(pk__in=[])
    for days in delays:
        q |= query.on("grant_ends_on", shift=days) & Q(
            round_region__round__fiscal_year__programme__report_due_days=days
        )
    applications = (
        Application.objects.filter(query.partner("partner_id"), q, status=S.APPROVED, final_report__isnull=True)
        .select_related("partner", "round_region__region", "round_region__round__fiscal_year__programme")
        .order_by("grant_ends_on", "pk")
    )
    return [_application("grant_final_report", a, a.report_due_on) for a in applications if a.report_due_on]


KINDS = (
    DeadlineKind(
        key="grant_submission",
        app="grants",
        label=_("Grant application to submit"),
        sentence=_("%(subject)s: the application is not submitted yet."),
        portal_sentence=_("%(subject)s: submit the application."),
        occurrences=submission_occurrences,
        recipients=(PARTNER_ADMINS,),
        offsets=(14, 3, 0),
        overdue=(),
        mandatory=True,
        order=30,
    ),
    DeadlineKind(
        key="grant_feedback",
        app="grants",
        label=_("Committee feedback to answer"),
        sentence=_("%(subject)s: the grantee has not answered the feedback yet."),
        portal_sentence=_("%(subject)s: answer the committee's feedback."),
        occurrences=feedback_occurrences,
        recipients=(PARTNER_ADMINS,),
        offsets=(7, 1),
        overdue=(1, 7),
        mandatory=True,
        order=31,
    ),
    DeadlineKind(
        key="grant_decision",
        app="grants",
        label=_("Grant decision to announce"),
        sentence=_("%(subject)s: the decision is due."),
        occurrences=decision_occurrences,
        recipients=(PROGRAMME_OFFICER,),
        offsets=(7, 0),
        overdue=(1,),
        order=32,
    ),
    DeadlineKind(
        key="grant_payment",
        app="grants",
        label=_("Grant payment to send"),
        sentence=_("%(subject)s: a payment is planned."),
        occurrences=payment_occurrences,
        recipients=(PROGRAMME_OFFICER,),
        offsets=(7, 0),
        overdue=(1, 7),
        order=33,
    ),
    DeadlineKind(
        key="grant_midpoint",
        app="grants",
        label=_("Midpoint learning conversation"),
        sentence=_("%(subject)s: the midpoint learning conversation is due."),
        occurrences=midpoint_occurrences,
        recipients=(PROGRAMME_OFFICER, PARTNER_ADMINS),
        offsets=(14, 0),
        order=34,
    ),
    DeadlineKind(
        key="grant_final_report",
        app="grants",
        label=_("Final report due"),
        sentence=_("%(subject)s: the final report is due."),
        portal_sentence=_("%(subject)s: the final report is due."),
        occurrences=final_report_occurrences,
        recipients=(PARTNER_ADMINS, PROGRAMME_OFFICER),
        offsets=(30, 7, 0),
        overdue=(1, 7, 30),
        mandatory=True,
        order=35,
    ),
)


def funding_region_choices() -> list[tuple[str, str]]:
    """The funding regions (``Occurrence.region`` of the grants kinds), for the deadlines filter."""
    return [(r.code, r.name) for r in FundingRegion.objects.order_by("position", "code")]
