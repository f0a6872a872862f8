"""Decisions and money: approvals within the envelope, payments, the grant period, the
learning conversations, the final report and the renewal.

An approval locks the fiscal year's row (the envelope) with ``select_for_update()`` before
it adds up what is committed, so two approvals racing each other are serialised: the
second one sees the first one's amount and is refused if the envelope would be exceeded.
"""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.services import audit_log

from . import lifecycle
from .models import (
    Application,
    ApplicationStatus,
    Conversation,
    ConversationKind,
    FinalReport,
    FiscalYear,
    GrantInvitation,
    Payment,
    RoundRegion,
)
from .services import invitation_create

S = ApplicationStatus


class EnvelopeExceededError(ValidationError):
    pass


def parse_amount(value) -> Decimal:
    """A positive amount with at most two decimals, or a ValidationError saying what is wrong."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Enter an amount in figures, for example 1500.50."), code="invalid") from None
    if not amount.is_finite():
        raise ValidationError(_("Enter an amount in figures, for example 1500.50."), code="invalid")
    if amount <= 0:
        raise ValidationError(_("The amount must be greater than zero."), code="min_value")
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationError(_("Give the amount with two decimals at most."), code="decimals")
    return amount


def committed(*, fiscal_year_id: int, region_id: int | None = None) -> Decimal:
    qs = Application.objects.filter(round_region__round__fiscal_year_id=fiscal_year_id, status=S.APPROVED)
    if region_id is not None:
        qs = qs.filter(round_region__region_id=region_id)
    return qs.aggregate(total=Sum("approved_amount"))["total"] or Decimal("0")


def application_approve(
    *, application: Application, amount, decided_on: datetime.date, reasons: str = "", by
) -> Application:
    """The committee approves with an amount, within what is left of the envelope."""
    amount = parse_amount(amount)
    with transaction.atomic():
        rr = RoundRegion.objects.select_related("round").get(pk=application.round_region_id)
        fiscal_year = FiscalYear.objects.select_for_update().get(pk=rr.round.fiscal_year_id)  # the envelope row
        application = Application.objects.select_for_update().get(pk=application.pk)
        lifecycle.check_transition(application, S.APPROVED)
        if fiscal_year.envelope is not None:
            left = fiscal_year.envelope - committed(fiscal_year_id=fiscal_year.pk)
            if amount > left:
                raise EnvelopeExceededError(
                    _("This amount exceeds what is left of the envelope (%(left)s %(currency)s).")
                    % {"left": number_format(left, 2), "currency": fiscal_year.programme.currency},
                    code="envelope",
                )
        if rr.allocation is not None:
            left = rr.allocation - committed(fiscal_year_id=fiscal_year.pk, region_id=rr.region_id)
            if amount > left:
                raise EnvelopeExceededError(
                    _("This amount exceeds what is left of the region's share (%(left)s %(currency)s).")
                    % {"left": number_format(left, 2), "currency": fiscal_year.programme.currency},
                    code="envelope",
                )
        application.approved_amount = amount
        application.decided_on = decided_on
        application.decision_reasons = reasons.strip()
        application.save(update_fields=["approved_amount", "decided_on", "decision_reasons"])
        before = application.status
        application.status = S.APPROVED
        application.save(update_fields=["status"])
        audit_log(
            obj=application,
            action="application.approved",
            actor=by,
            from_state=before,
            to_state=S.APPROVED,
            data={"amount": str(amount)},
        )
    _email_decision(application)
    return application


@transaction.atomic
def application_decline(*, application: Application, decided_on: datetime.date, reasons: str, by) -> Application:
    """The committee does not fund: the reasons are required (the applicant reads them)."""
    if not reasons.strip():
        raise ValidationError(_("Give the reasons of the decision."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    lifecycle.check_transition(application, S.NOT_FUNDED)
    before = application.status
    application.status, application.decided_on, application.decision_reasons = S.NOT_FUNDED, decided_on, reasons.strip()
    application.save(update_fields=["status", "decided_on", "decision_reasons"])
    audit_log(obj=application, action="application.not_funded", actor=by, from_state=before, to_state=S.NOT_FUNDED)
    _email_decision(application)
    return application


def _email_decision(application: Application) -> None:
    from .tasks import send_decision_email

    transaction.on_commit(lambda: send_decision_email.delay(application.pk))


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _approved(application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != S.APPROVED:
        raise ValidationError(_("Only an approved grant has an agreement, payments and reports."))
    return application


@transaction.atomic
def agreement_record(*, application: Application, signed_on: datetime.date, by) -> Application:
    """The grant agreement is signed: the grant period (one year by default) starts."""
    application = _approved(application)
    months = application.round_region.round.fiscal_year.programme.grant_months
    application.agreement_signed_on = signed_on
    application.grant_starts_on = signed_on
    application.grant_ends_on = add_months(signed_on, months) - datetime.timedelta(days=1)
    application.save(update_fields=["agreement_signed_on", "grant_starts_on", "grant_ends_on"])
    audit_log(obj=application, action="agreement.signed", actor=by, data={"signed_on": signed_on.isoformat()})
    return application


@transaction.atomic
def payment_plan(*, application: Application, amount, planned_on: datetime.date, by) -> Payment:
    application = _approved(application)
    amount = parse_amount(amount)
    planned = Payment.objects.filter(application=application).aggregate(t=Sum("amount"))["t"] or Decimal("0")
    if planned + amount > (application.approved_amount or 0):
        raise ValidationError(_("Payments cannot add up to more than the amount approved."), code="over")
    payment = Payment.objects.create(application=application, amount=amount, planned_on=planned_on)
    audit_log(obj=application, action="payment.planned", actor=by, data={"amount": str(amount)})
    return payment


@transaction.atomic
def payment_mark_sent(*, payment: Payment, sent_on: datetime.date, by) -> Payment:
    updated = Payment.objects.filter(pk=payment.pk, sent_on__isnull=True).update(sent_on=sent_on)
    if updated:
        audit_log(obj=payment.application, action="payment.sent", actor=by, data={"amount": str(payment.amount)})
    payment.refresh_from_db()
    return payment


@transaction.atomic
def conversation_record(
    *, application: Application, kind: str, held_on: datetime.date, answers: list[str], by
) -> Conversation:
    """The officer fills in a learning conversation with the programme's questions."""
    application = _approved(application)
    if kind not in ConversationKind.values:
        raise ValidationError(_("Unknown conversation."))
    programme = application.round_region.round.fiscal_year.programme
    questions = list(programme.conversation_questions.filter(kind=kind))
    if len(answers) != len(questions):
        raise ValidationError(_("Answer every question."))
    conversation, _created = Conversation.objects.update_or_create(
        application=application,
        kind=kind,
        defaults={
            "held_on": held_on,
            "by": by,
            "answers": [{"question": q.text, "answer": a.strip()} for q, a in zip(questions, answers, strict=True)],
        },
    )
    audit_log(obj=application, action=f"conversation.{kind}", actor=by)
    return conversation


@transaction.atomic
def final_report_submit(*, application: Application, member, text: str, language: str = "") -> FinalReport:
    """The grantee's final learning report, in any language."""
    if member.partner_id != application.partner_id:
        raise PermissionDenied
    application = _approved(application)
    if not lifecycle.can_submit_report(application):
        raise ValidationError(_("The final report is submitted once the grant agreement is signed."))
    if hasattr(application, "final_report"):
        raise ValidationError(_("The final report has already been submitted."))
    if not text.strip():
        raise ValidationError(_("Write the report."))
    report = FinalReport.objects.create(
        application=application, text=text.strip(), language=language.strip(), submitted_by=member.user
    )
    audit_log(obj=application, action="final_report.submitted", actor=member.user)
    return report


@transaction.atomic
def renewal_recommend(*, application: Application, recommended: bool, note: str = "", by) -> Application:
    application = _approved(application)
    application.renewal_recommended, application.renewal_note = recommended, note.strip()
    application.save(update_fields=["renewal_recommended", "renewal_note"])
    audit_log(obj=application, action="renewal.recommended" if recommended else "renewal.not_recommended", actor=by)
    return application


def renewal_invite(*, application: Application, round_region: RoundRegion, by) -> GrantInvitation:
    """Invite the grantee again for a later round; its draft starts from this proposal."""
    return invitation_create(round_region=round_region, partner=application.partner, by=by, renewal_of=application)
