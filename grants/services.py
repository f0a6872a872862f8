"""Writes on grant applications: invitations, drafts, submission, eligibility, review.

Keyword-only functions named ``<entity>_<action>``; every status change is a transition of
``grants.lifecycle`` run in ``transaction.atomic()`` on a row locked with
``select_for_update()``, and leaves an audit entry. Decisions and money live in ``awards``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_log

from . import lifecycle, rules
from .models import (
    Application,
    ApplicationStatus,
    ApplicationVersion,
    Attachment,
    BudgetLine,
    CommitteeMember,
    ConflictOfInterest,
    Criterion,
    EligibilityResult,
    Feedback,
    GrantInvitation,
    InvitationStatus,
    Objective,
    Outcome,
    PlannedActivity,
    Review,
    RoundRegion,
    RubricItem,
    Score,
    StepKind,
    Translation,
)

S = ApplicationStatus


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _move(application: Application, to: str, *, by, action: str, data: dict | None = None) -> Application:
    """Check and apply one transition on a locked row, with its audit entry."""
    lifecycle.check_transition(application, to)
    before = application.status
    application.status = to
    application.save(update_fields=["status"])
    audit_log(obj=application, action=action, actor=by, from_state=before, to_state=to, data=data)
    return application


# --- Invitations ------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *, round_region: RoundRegion, partner, by, message: str = "", renewal_of: Application | None = None
) -> GrantInvitation:
    """Invite an organisation (an existing partner or one just created) to apply."""
    if not round_region.is_open:
        raise rules.RuleError([rules.Refusal("closed", _("This region is not open in this round."))])
    programme = round_region.round.fiscal_year.programme
    refusals = rules.invitation_refusals(programme=programme, partner=partner)
    if (
        GrantInvitation.objects.filter(round_region=round_region, partner=partner)
        .exclude(status=InvitationStatus.REVOKED)
        .exists()
    ):
        refusals.append(rules.Refusal("invited", _("This organisation is already invited to this round.")))
    if refusals:
        raise rules.RuleError(refusals)
    invitation = GrantInvitation.objects.create(
        round_region=round_region, partner=partner, invited_by=by, message=message, renewal_of=renewal_of
    )
    audit_log(obj=invitation, action="grant_invitation.created", actor=by, to_state=invitation.status)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: GrantInvitation, by) -> GrantInvitation:
    updated = GrantInvitation.objects.filter(pk=invitation.pk, status=InvitationStatus.OPEN).update(
        status=InvitationStatus.REVOKED
    )
    if updated:
        audit_log(obj=invitation, action="grant_invitation.revoked", actor=by, to_state=InvitationStatus.REVOKED)
    invitation.refresh_from_db()
    return invitation


_COPIED = (
    "applicant_kind",
    "organisation_details",
    "country",
    "title",
    "summary",
    "requested_amount",
    "advisor_name",
    "advisor_username",
    "advisor_community",
    "affiliate_partner",
    "language",
)


@transaction.atomic
def application_start(*, invitation: GrantInvitation, by) -> Application:
    """Open the draft of an invitation (once: a conditional UPDATE claims it).

    A renewal invitation starts from the previous proposal.
    """
    claimed = GrantInvitation.objects.filter(pk=invitation.pk, status=InvitationStatus.OPEN).update(
        status=InvitationStatus.USED
    )
    if claimed != 1:
        existing = Application.objects.filter(invitation=invitation).first()
        if existing is not None:
            return existing
        raise PermissionDenied(_("This invitation can no longer be used."))
    legal = invitation.partner.legal_status
    application = Application(
        partner=invitation.partner,
        invitation=invitation,
        round_region=invitation.round_region,
        applicant_kind={"company": "for_profit", "public_body": "public_body"}.get(legal, "non_profit"),
        country=invitation.partner.country,
    )
    previous = invitation.renewal_of
    if previous is not None:
        for name in _COPIED:
            setattr(application, name, getattr(previous, name))
    application.save()
    if previous is not None:
        for model in (Objective, BudgetLine):
            rows = model.objects.filter(application=previous)
            for row in rows:
                row.pk, row.application = None, application
                row.save()
        # Focus areas of the same programme carry over; activities must be planned anew.
        application.focus_areas.set(
            previous.focus_areas.filter(programme_id=invitation.round_region.round.fiscal_year.programme_id)
        )
    audit_log(obj=application, action="application.started", actor=by, to_state=application.status)
    return application


# --- Drafts -----------------------------------------------------------------------------


@dataclass
class DraftContent:
    fields: dict[str, Any]
    focus_area_ids: list[int] = field(default_factory=list)
    objectives: list[tuple[str, str]] = field(default_factory=list)
    activities: list[tuple[str, datetime.date | None, datetime.date | None]] = field(default_factory=list)
    budget_lines: list[tuple[str, Decimal]] = field(default_factory=list)


EDITABLE_FIELDS = (*_COPIED,)


@transaction.atomic
def application_save_draft(*, application: Application, content: DraftContent, by) -> Application:
    """Save what the applicant typed (autosave or the save button); never changes the status."""
    application = _locked(application)
    if not lifecycle.is_editable(application):
        raise PermissionDenied(_("This application can no longer be edited."))
    for name, value in content.fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not editable")
        setattr(application, name, value)
    application.saved_at = timezone.now()
    application.save(update_fields=[*content.fields, "saved_at"])
    programme_id = application.round_region.round.fiscal_year.programme_id
    application.focus_areas.set(
        application.focus_areas.model.objects.filter(programme_id=programme_id, pk__in=content.focus_area_ids)
    )
    Objective.objects.filter(application=application).delete()
    Objective.objects.bulk_create(
        [
            Objective(application=application, position=i, text=t, target=g)
            for i, (t, g) in enumerate(content.objectives)
        ]
    )
    PlannedActivity.objects.filter(application=application).delete()
    PlannedActivity.objects.bulk_create(
        [
            PlannedActivity(application=application, position=i, title=t, starts_on=s, ends_on=e)
            for i, (t, s, e) in enumerate(content.activities)
        ]
    )
    BudgetLine.objects.filter(application=application).delete()
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(application=application, position=i, label=t, amount=a)
            for i, (t, a) in enumerate(content.budget_lines)
        ]
    )
    return application


MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


def sniff_document(head: bytes, body_names: list[str] | None = None) -> str | None:
    """The type of a PDF, ODT or DOCX from its bytes (never from the name the browser sent)."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        names = body_names or []
        if b"mimetypeapplication/vnd.oasis.opendocument.text" in head[:100]:
            return "application/vnd.oasis.opendocument.text"
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return None


@transaction.atomic
def attachment_add(*, application: Application, uploaded, by) -> Attachment:
    """Store a PDF, ODT or DOCX attachment, checked by size and by content."""
    import zipfile

    application = _locked(application)
    if not lifecycle.is_editable(application):
        raise PermissionDenied(_("This application can no longer be edited."))
    if uploaded.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The file is too large (5 MB at most)."), code="size")
    uploaded.seek(0)
    head = uploaded.read(2048)
    names: list[str] = []
    if head.startswith(b"PK\x03\x04"):
        uploaded.seek(0)
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            names = []
    kind = sniff_document(head, names)
    if kind is None:
        raise ValidationError(_("Send a PDF, ODT or DOCX document: this file is none of them."), code="type")
    uploaded.seek(0)
    stem = "".join(c for c in uploaded.name.rsplit(".", 1)[0] if c.isalnum() or c in "-_ ")[:80] or "document"
    attachment = Attachment(
        application=application,
        name=stem + ATTACHMENT_TYPES[kind],
        content_type=kind,
        size=uploaded.size,
        uploaded_by=by,
    )
    attachment.file.save(attachment.name, uploaded, save=False)
    attachment.save()
    audit_log(obj=application, action="attachment.added", actor=by, data={"name": attachment.name})
    return attachment


# --- Versions ---------------------------------------------------------------------------


def application_snapshot(application: Application) -> dict[str, Any]:
    """The proposal as plain data (what a version freezes)."""
    return {
        "title": application.title,
        "summary": application.summary,
        "organisation_details": application.organisation_details,
        "country": str(application.country or ""),
        "applicant_kind": application.applicant_kind,
        "language": application.language,
        "requested_amount": str(application.requested_amount) if application.requested_amount is not None else "",
        "advisor": [application.advisor_name, application.advisor_username, application.advisor_community],
        "affiliate_partner": application.affiliate_partner,
        "focus_areas": [f.name for f in application.focus_areas.all()],
        "objectives": [[o.text, o.target] for o in application.objectives.all()],
        "activities": [
            [a.title, a.starts_on.isoformat() if a.starts_on else "", a.ends_on.isoformat() if a.ends_on else ""]
            for a in application.activities.all()
        ],
        "budget_lines": [[b.label, str(b.amount)] for b in application.budget_lines.all()],
    }


def _freeze(application: Application, *, by) -> ApplicationVersion:
    number = (application.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return ApplicationVersion.objects.create(
        application=application, number=number, content=application_snapshot(application), created_by=by
    )


# --- Transitions of the applicant -------------------------------------------------------


@transaction.atomic
def application_submit(*, application: Application, member, now: datetime.datetime | None = None) -> Application:
    """A partner admin submits: every rule of the seed is checked, the text is frozen."""
    if not member.is_admin or member.partner_id != application.partner_id:
        raise PermissionDenied(_("Only your organisation’s partner admins can submit."))
    application = _locked(application)
    lifecycle.check_transition(application, S.SUBMITTED)
    refusals = rules.submission_refusals(application=application, now=now)
    if refusals:
        raise rules.RuleError(refusals)
    application.submitted_at = now or timezone.now()
    application.save(update_fields=["submitted_at"])
    version = _freeze(application, by=member.user)
    return _move(
        application, S.SUBMITTED, by=member.user, action="application.submitted", data={"version": version.number}
    )


@transaction.atomic
def application_withdraw(*, application: Application, member) -> Application:
    if not member.is_admin or member.partner_id != application.partner_id:
        raise PermissionDenied(_("Only your organisation’s partner admins can withdraw."))
    application = _locked(application)
    return _move(application, S.WITHDRAWN, by=member.user, action="application.withdrawn")


@transaction.atomic
def feedback_reply(*, application: Application, member, reply: str) -> Application:
    """The grantee answers the committee ("awaiting grantee reply" → "under review"); the
    proposal as edited meanwhile is frozen as a new version."""
    if member.partner_id != application.partner_id:
        raise PermissionDenied
    if not reply.strip():
        raise ValidationError(_("Write your reply to the committee."))
    application = _locked(application)
    lifecycle.check_transition(application, S.UNDER_REVIEW)
    feedback = application.feedback.filter(replied_at__isnull=True).order_by("-at").first()
    if feedback is not None:
        feedback.reply, feedback.replied_at = reply.strip(), timezone.now()
        feedback.save(update_fields=["reply", "replied_at"])
    version = _freeze(application, by=member.user)
    return _move(
        application, S.UNDER_REVIEW, by=member.user, action="feedback.replied", data={"version": version.number}
    )


# --- Eligibility and translation (the programme officer) --------------------------------


@transaction.atomic
def eligibility_start(*, application: Application, by) -> Application:
    application = _locked(application)
    return _move(application, S.ELIGIBILITY_CHECK, by=by, action="eligibility.started")


@dataclass(frozen=True)
class CriterionResult:
    criterion_id: int
    outcome: str
    evidence: str = ""


@transaction.atomic
def eligibility_record(*, application: Application, results: list[CriterionResult], by) -> Application:
    """Record pass / fail / note for every criterion; a fail makes the application incomplete,
    with the failed requirements as the reason shown to the applicant."""
    application = _locked(application)
    lifecycle.check_transition(application, S.UNDER_REVIEW)
    programme = application.round_region.round.fiscal_year.programme
    criteria = {c.pk: c for c in Criterion.objects.filter(programme=programme, version=programme.criteria_version)}
    given = {r.criterion_id: r for r in results}
    if set(given) != set(criteria):
        raise ValidationError(_("Give a result for every criterion."))
    for result in results:
        if result.outcome not in Outcome.values:
            raise ValidationError(_("Unknown result."))
        if result.outcome == Outcome.FAIL and not result.evidence.strip():
            raise ValidationError(_("Explain each failed criterion: the reason is shown to the applicant."))
        EligibilityResult.objects.update_or_create(
            application=application,
            criterion_id=result.criterion_id,
            defaults={"outcome": result.outcome, "evidence": result.evidence.strip(), "checked_by": by},
        )
    failed = [r for r in results if r.outcome == Outcome.FAIL]
    if failed:
        application.incomplete_reason = "\n".join(
            f"{criteria[r.criterion_id].text} — {r.evidence.strip()}" for r in failed
        )
        application.save(update_fields=["incomplete_reason"])
        return _move(application, S.INCOMPLETE, by=by, action="eligibility.failed")
    return _move(application, S.UNDER_REVIEW, by=by, action="eligibility.passed")


@transaction.atomic
def translation_attach(*, application: Application, language: str, text: str, by) -> Translation:
    step = application.round_region.steps.filter(kind=StepKind.TRANSLATION_SUPPORT).first()
    today = timezone.localdate()
    if step is not None and not (step.starts_on <= today <= step.last_day):
        raise ValidationError(_("Translations are attached during the translation support window."))
    application = _locked(application)
    if application.status not in (S.ELIGIBILITY_CHECK, S.UNDER_REVIEW, S.AWAITING_REPLY):
        raise ValidationError(_("Translations are attached once the application is submitted."))
    translation, _created = Translation.objects.update_or_create(
        application=application, language=language, defaults={"text": text, "by": by}
    )
    audit_log(obj=application, action="translation.attached", actor=by, data={"language": language})
    return translation


# --- Committee --------------------------------------------------------------------------


def is_officer(user) -> bool:
    return user.is_superuser or user.has_perm("grants.change_application")


def member_regions(user) -> set[int]:
    return set(CommitteeMember.objects.filter(user=user).values_list("region_id", flat=True))


def can_see(user, application: Application) -> bool:
    return is_officer(user) or application.round_region.region_id in member_regions(user)


def is_conflicted(user, application: Application) -> bool:
    return ConflictOfInterest.objects.filter(application=application, member=user).exists()


@transaction.atomic
def conflict_declare(*, application: Application, member, reason: str = "") -> ConflictOfInterest:
    if application.round_region.region_id not in member_regions(member):
        raise PermissionDenied(_("You do not sit on this region's committee."))
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        application=application, member=member, defaults={"reason": reason}
    )
    Review.objects.filter(application=application, reviewer=member).delete()
    audit_log(obj=application, action="conflict.declared", actor=member)
    return conflict


@transaction.atomic
def review_save(*, application: Application, reviewer, scores: dict[int, int], comment: str = "") -> Review:
    """A committee member of the application's region scores it on the programme's rubric."""
    if application.round_region.region_id not in member_regions(reviewer):
        raise PermissionDenied(_("You do not sit on this region's committee."))
    if is_conflicted(reviewer, application):
        raise PermissionDenied(_("You declared a conflict of interest: you cannot score this application."))
    application = _locked(application)
    if application.status not in lifecycle.REVIEWABLE:
        raise ValidationError(_("Applications are scored while under review."))
    programme_id = application.round_region.round.fiscal_year.programme_id
    items = {i.pk: i for i in RubricItem.objects.filter(programme_id=programme_id)}
    if set(scores) != set(items):
        raise ValidationError(_("Score every line of the rubric."))
    for item_id, value in scores.items():
        if not 0 <= value <= items[item_id].max_score:
            raise ValidationError(
                _("Scores of “%(item)s” run from 0 to %(max)s.")
                % {"item": items[item_id].label, "max": items[item_id].max_score}
            )
    review, _created = Review.objects.update_or_create(
        application=application, reviewer=reviewer, defaults={"comment": comment}
    )
    for item_id, value in scores.items():
        Score.objects.update_or_create(review=review, item_id=item_id, defaults={"value": value})
    audit_log(obj=application, action="review.saved", actor=reviewer)
    return review


@transaction.atomic
def feedback_send(*, application: Application, text: str, by) -> Feedback:
    """The committee's feedback: "under review" → "awaiting grantee reply"."""
    if not text.strip():
        raise ValidationError(_("Write the feedback."))
    application = _locked(application)
    _move(application, S.AWAITING_REPLY, by=by, action="feedback.sent")
    return Feedback.objects.create(application=application, text=text.strip(), by=by)
