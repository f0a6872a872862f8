"""The eligibility rules of the seed, each with its message.

Each rule returns ``None`` or a ``Refusal``; services collect them and refuse with every
message at once, so the applicant sees all that stands in the way.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .models import (
    ApplicantKind,
    Application,
    ApplicationStatus,
    Programme,
    RegionCountry,
    RoundRegion,
    StepKind,
    TimelineStep,
)


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str
    field: str | None = None


class RuleError(Exception):
    def __init__(self, refusals: list[Refusal]):
        self.refusals = refusals
        super().__init__("; ".join(r.message for r in refusals))


def for_profit(*, programme: Programme, legal_status: str, applicant_kind: str) -> Refusal | None:
    if programme.non_profit_only and (legal_status == "company" or applicant_kind == ApplicantKind.FOR_PROFIT):
        return Refusal(
            "for_profit",
            _("For-profit organisations cannot be funded: this programme works with non-profit organisations."),
            "applicant_kind",
        )
    return None


def affiliate_applicant(*, programme: Programme, applicant_kind: str) -> Refusal | None:
    if programme.affiliates_excluded and applicant_kind == ApplicantKind.WIKIMEDIA_AFFILIATE:
        return Refusal(
            "affiliate",
            _(
                "A Wikimedia affiliate or group cannot be the applicant: it may be named as the partnering "
                "affiliate, and the grantee is the partner organisation. Wikimedians apply through the "
                "Community Fund."
            ),
            "applicant_kind",
        )
    return None


def open_grant(*, programme: Programme, partner_id: int, exclude_pk: int | None = None) -> Refusal | None:
    if not programme.one_open_grant:
        return None
    qs = Application.objects.filter(
        partner_id=partner_id,
        round_region__round__fiscal_year__programme=programme,
        status=ApplicationStatus.APPROVED,
        final_report__isnull=True,
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        return Refusal(
            "open_grant",
            _("This organisation already has an open grant of this programme: it cannot apply again until it closes."),
        )
    return None


def deadline_step(round_region: RoundRegion) -> TimelineStep | None:
    return next((s for s in round_region.steps.all() if s.kind == StepKind.SUBMISSION_DEADLINE), None)


def late(*, round_region: RoundRegion, now: datetime.datetime | None = None) -> Refusal | None:
    step = deadline_step(round_region)
    if step is None or step.deadline_at is None:
        return None
    now = now or timezone.now()
    if now > step.deadline_at:
        paris = timezone.localtime(step.deadline_at, timezone.get_default_timezone())
        local = step.deadline_at.astimezone(round_region.tz)
        return Refusal(
            "late",
            _("The submission deadline has passed: %(paris)s in Paris (%(local)s, %(zone)s).")
            % {
                "paris": date_format(paris, "DATETIME_FORMAT"),
                "local": date_format(local, "DATETIME_FORMAT"),
                "zone": str(round_region.tz),
            },
        )
    return None


def past_activities(*, activities: list, today: datetime.date) -> Refusal | None:
    past = [a for a in activities if a.starts_on is not None and a.starts_on < today]
    if past:
        return Refusal(
            "past_activities",
            _("Applications must be for future, planned work: “%(title)s” starts before the submission date.")
            % {"title": past[0].title},
            "activities",
        )
    return None


def country_outside(*, round_region: RoundRegion, country: str) -> Refusal | None:
    if not country:
        return Refusal("country", _("Give the country of the organisation."), "country")
    if not RegionCountry.objects.filter(region_id=round_region.region_id, country=country).exists():
        return Refusal(
            "country",
            _("This country is not in the %(region)s funding region.") % {"region": round_region.region.name},
            "country",
        )
    return None


def budget_mismatch(*, lines: list, total: Decimal | None) -> Refusal | None:
    if total is None:
        return Refusal("budget", _("Give the total amount requested."), "requested_amount")
    if not lines:
        return Refusal("budget", _("Give at least one budget line."), "budget_lines")
    lines_total = sum((line.amount for line in lines), Decimal("0"))
    if lines_total != total:
        return Refusal(
            "budget",
            _("The budget lines add up to %(lines)s, not to the total requested (%(total)s).")
            % {"lines": number_format(lines_total, 2), "total": number_format(total, 2)},
            "requested_amount",
        )
    return None


def required_fields(application: Application) -> Refusal | None:
    missing = [
        str(Application._meta.get_field(name).verbose_name)
        for name in ("title", "summary", "organisation_details", "language")
        if not getattr(application, name)
    ]
    if missing:
        return Refusal("required", _("Fill in: %(fields)s.") % {"fields": ", ".join(missing)})
    return None


def invitation_refusals(*, programme: Programme, partner) -> list[Refusal]:
    """Rules known when the programme officer invites an organisation."""
    kind = ApplicantKind.FOR_PROFIT if partner.legal_status == "company" else ApplicantKind.NON_PROFIT
    checks = [
        for_profit(programme=programme, legal_status=partner.legal_status, applicant_kind=kind),
        open_grant(programme=programme, partner_id=partner.pk),
    ]
    return [r for r in checks if r]


def submission_refusals(*, application: Application, now: datetime.datetime | None = None) -> list[Refusal]:
    """Every rule of the seed checked when a partner admin submits."""
    now = now or timezone.now()
    rr = application.round_region
    programme = rr.round.fiscal_year.programme
    today = timezone.localdate(now, rr.tz)
    checks = [
        late(round_region=rr, now=now),
        for_profit(
            programme=programme,
            legal_status=application.partner.legal_status,
            applicant_kind=application.applicant_kind,
        ),
        affiliate_applicant(programme=programme, applicant_kind=application.applicant_kind),
        open_grant(programme=programme, partner_id=application.partner_id, exclude_pk=application.pk),
        required_fields(application),
        country_outside(round_region=rr, country=str(application.country or "")),
        past_activities(activities=list(application.activities.all()), today=today),
        budget_mismatch(lines=list(application.budget_lines.all()), total=application.requested_amount),
    ]
    return [r for r in checks if r]
