"""The grants' deadlines on the portal home (registered in ``GrantsConfig.ready()``): a draft
to submit before its deadline, feedback to answer, the final report to submit."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.registry import Deadline

from .models import Application, ApplicationStatus, StepKind, TimelineStep

S = ApplicationStatus


def grant_deadlines(partner) -> list[Deadline]:
    applications = list(
        Application.objects.filter(partner=partner, status__in=[S.DRAFT, S.AWAITING_REPLY, S.APPROVED])
        .select_related("final_report", "round_region__round__fiscal_year__programme")
        .order_by("pk")
    )
    steps = {
        s.round_region_id: s
        for s in TimelineStep.objects.filter(
            round_region__in={a.round_region_id for a in applications}, kind=StepKind.SUBMISSION_DEADLINE
        )
    }
    deadlines = []
    for a in applications:
        url = reverse("portal:grants_application", args=[a.pk])
        title = a.title or _("Untitled draft")
        if a.status == S.DRAFT and a.round_region_id in steps and steps[a.round_region_id].deadline_at:
            moment = timezone.localtime(steps[a.round_region_id].deadline_at)
            deadlines.append(
                Deadline(
                    label=_("“%(title)s”: submit the application.") % {"title": title}, url=url, date=moment.date()
                )
            )
        elif a.status == S.AWAITING_REPLY:
            deadlines.append(
                Deadline(label=_("“%(title)s”: answer the committee's feedback.") % {"title": title}, url=url)
            )
        elif a.status == S.APPROVED and a.report_due_on and not hasattr(a, "final_report"):
            deadlines.append(
                Deadline(
                    label=_("“%(title)s”: the final report is due.") % {"title": title}, url=url, date=a.report_due_on
                )
            )
    return deadlines
