"""Writes on agreements: drafting from the catalogue, clauses and amendments, the
lifecycle, PDF versions and signed scans. Each state change runs in a transaction and
leaves an audit entry; PDFs are rendered by a Celery task enqueued on commit."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from typing_extensions import Unpack

from accounts.models import User
from activities.models import Activity, ActivityType
from core.constraints import check_dates_ordered
from core.grammar import long_date, with_article
from core.pdf import sha256_hex
from core.services import audit_log, model_full_clean, model_update
from core.uploads import UnsafeFileError, check_pdf
from partnerships.models import MEMBERSHIP_MINIMUM_FEE, Contact, Partner, Partnership

from . import lifecycle
from .models import (
    Agreement,
    AgreementDocument,
    AgreementKind,
    AgreementStatus,
    Amendment,
    Clause,
    DocumentState,
    SignedScan,
    WmfrSignatory,
)
from .rendering import input_fingerprint
from .standard_texts import DATES, texts
from .tasks import render_agreement_document
from .wording import without_membership

S = AgreementStatus
NO_ACTION_MESSAGE = gettext_lazy("Add at least one action.")

# Which document formalises a catalogue type by default.
KIND_FOR_DOCUMENT = {
    "partnership_agreement": AgreementKind.PARTNERSHIP_AGREEMENT,
    "action_sheet": AgreementKind.ACTION_SHEET,
    "training_agreement": AgreementKind.TRAINING_AGREEMENT,
    "service_contract": AgreementKind.SERVICE_CONTRACT,
}


@dataclass
class ActionSpec:
    """An action to write into an agreement."""

    activity_type: ActivityType
    title: str = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    activity: Activity | None = None

    def __post_init__(self) -> None:
        check_dates_ordered(self.start_date, self.end_date)


class AgreementFields(TypedDict, total=False):
    """The sections of an agreement that can change while it is editable."""

    title: str
    kind: str
    language: str
    wmfr_signatory: WmfrSignatory | None
    preamble: str
    purpose: str
    evaluation: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    duration: str
    pilot_phase: bool
    pilot_description: str
    means: str
    licence: str
    licence_scope: str
    membership_included: bool
    membership_amount: Decimal | None
    disputes: str


class ClauseFields(TypedDict, total=False):
    title: str
    purpose: str
    arrangements: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    means: str
    wmfr_contribution: str
    partner_contribution: str
    reciprocal_commitments: str


def _refuse(message: str, *, status: str) -> ValidationError:
    return ValidationError(message % {"status": AgreementStatus(status).label.lower()}, code="lifecycle")


def _in_language(activity_type: ActivityType, field: str, language: str) -> str:
    value: str = getattr(activity_type, f"{field}_{language}", None) or getattr(activity_type, field)
    return value


def suggested_kind(activity_types: list[ActivityType]) -> str:
    for activity_type in activity_types:
        for document in activity_type.documents:
            if document in KIND_FOR_DOCUMENT:
                return KIND_FOR_DOCUMENT[document]
    return AgreementKind.PARTNERSHIP_AGREEMENT


def timetable_warning(clause: Clause, *, today: datetime.date | None = None) -> str:
    """A warning when a clause's timetable does not fit its type's implementation period.

    The catalogue's period is the implementation period (preparation included), so compare like
    with like: a clause spanning more than the maximum is too long; a short one (a one-day
    event) is too close when less than the minimum remains between the drafting of the
    agreement and the end of the action.
    """
    months = clause.duration_months
    activity_type = clause.activity_type
    if months is None:
        return ""
    if months > activity_type.max_months + 0.5:
        return ngettext(
            "The timetable lasts about %(months)s month; the catalogue plans %(period)s for “%(type)s”.",
            "The timetable lasts about %(months)s months; the catalogue plans %(period)s for “%(type)s”.",
            _plural(months),
        ) % {"months": _months(months), "period": activity_type.period, "type": activity_type.name}
    start, end = clause.start_date, clause.end_date
    if months < activity_type.min_months - 0.5 and start is not None and end is not None:
        drafted = clause.agreement.created_at.date() if clause.agreement.created_at else (today or timezone.localdate())
        lead = ((end - min(drafted, start)).days + 1) / 30.44
        if lead < 1:
            days = max((end - drafted).days, 0)
            return ngettext(
                "Only %(days)s day remains to prepare “%(title)s”; the catalogue plans %(period)s for “%(type)s”.",
                "Only %(days)s days remain to prepare “%(title)s”; the catalogue plans %(period)s for “%(type)s”.",
                days,
            ) % {"days": days, "title": clause.title, "period": activity_type.period, "type": activity_type.name}
        if lead < activity_type.min_months - 0.5:
            return ngettext(
                "About %(months)s month remains to prepare “%(title)s”; the catalogue plans %(period)s for “%(type)s”.",
                "About %(months)s months remain to prepare “%(title)s”; the catalogue plans %(period)s for “%(type)s”.",
                _plural(lead),
            ) % {
                "months": _months(lead),
                "title": clause.title,
                "period": activity_type.period,
                "type": activity_type.name,
            }
    return ""


def _plural(value: float) -> int:
    return 1 if round(value * 2) / 2 <= 1 else 2


def _months(value: float) -> str:
    """ "2", "1,5" (French number format): a rounded figure, since it is an estimate."""
    rounded = round(value * 2) / 2
    return formats.number_format(rounded, 0 if rounded == int(rounded) else 1, use_l10n=True)


def _dates_text(language: str, start: datetime.date | None, end: datetime.date | None) -> str:
    if start and end:
        return DATES[language]["range"].format(start=long_date(start, language), end=long_date(end, language))
    if start:
        return DATES[language]["from"].format(start=long_date(start, language))
    return ""


def _clause_from_catalogue(
    *, agreement: Agreement, spec: ActionSpec, position: int, amendment: Amendment | None = None
) -> Clause:
    language = agreement.language
    standard = texts(language)
    name = _in_language(spec.activity_type, "name", language)
    title = spec.title or name
    return Clause(
        agreement=agreement,
        amendment=amendment,
        position=position,
        activity_type=spec.activity_type,
        activity=spec.activity,
        title=title,
        purpose=standard["clause_purpose"].format(definition=_in_language(spec.activity_type, "definition", language)),
        arrangements=standard["clause_arrangements"].format(title=title),
        start_date=spec.start_date,
        end_date=spec.end_date,
        wmfr_contribution=_in_language(spec.activity_type, "wmfr_contribution", language),
        # The membership fee is a flag of the type, not a contribution: the agreement's membership
        # choice says it once (see wording.partner_items).
        partner_contribution="\n".join(
            without_membership(_in_language(spec.activity_type, "partner_contribution", language).splitlines())
        ),
        reciprocal_commitments=_in_language(spec.activity_type, "reciprocal_commitments", language),
    )


@transaction.atomic
def agreement_draft(
    *,
    partnership: Partnership,
    partner: Partner,
    kind: str,
    language: str,
    actions: list[ActionSpec],
    by: User | None,
    title: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    wmfr_signatory: WmfrSignatory | None = None,
) -> Agreement:
    """A new draft with every section pre-written and one clause per action from the catalogue.

    The membership is included when a type of the catalogue expects the fee (staff may change
    it); the Wikimédia France signatory is the default authorised one unless given."""
    if not partnership.partners.filter(pk=partner.pk).exists():
        raise ValidationError({"partner": _("The partner must be a party to the partnership.")})
    if not actions:
        raise ValidationError(str(NO_ACTION_MESSAGE), code="no_action")
    standard = texts(language, kind)
    if wmfr_signatory is None:
        wmfr_signatory = WmfrSignatory.objects.filter(is_active=True, is_default=True).first()
    membership = any(spec.activity_type.membership_fee_expected for spec in actions)
    partner_in_text = (
        with_article(partner.name, partner.article_code, capital=True) if language == "fr" else partner.name
    )
    start_date = start_date or partnership.start_date
    end_date = end_date or partnership.end_date
    agreement = Agreement(
        partnership=partnership,
        partner=partner,
        reference=f"tmp-{uuid.uuid4().hex[:16]}",
        kind=kind,
        language=language,
        title=title or partnership.title,
        preamble=standard["preamble"].format(
            partner=partner_in_text, partnership=partnership.title, goal=partnership.goal.strip()
        ),
        purpose=standard["purpose"],
        evaluation=standard["evaluation"],
        start_date=start_date,
        end_date=end_date,
        duration=standard["duration"].format(dates=_dates_text(language, start_date, end_date)),
        pilot_phase=partnership.is_pilot,
        pilot_description=standard["pilot"] if partnership.is_pilot else "",
        means=standard["means"],
        licence_scope=standard["licence_scope"],
        disputes=standard["disputes"],
        membership_included=membership,
        membership_amount=MEMBERSHIP_MINIMUM_FEE if membership else None,
        wmfr_signatory=wmfr_signatory,
        created_by=by,
    )
    model_full_clean(agreement)
    agreement.save()
    # A readable, stable reference from the primary key.
    agreement.reference = f"WMFR-{timezone.localdate().year}-{agreement.pk:05d}"
    agreement.save(update_fields=["reference"])
    Clause.objects.bulk_create(
        [_clause_from_catalogue(agreement=agreement, spec=spec, position=i) for i, spec in enumerate(actions, 1)]
    )
    signatories = list(partner.contacts.filter(is_signatory=True))
    if signatories:
        agreement.signatories.set(signatories)
    audit_log(obj=agreement, action="agreement.drafted", actor=by, to_state=S.DRAFT, data={"clauses": len(actions)})
    return agreement


def clause_add(*, agreement: Agreement, spec: ActionSpec, by: User | None) -> Clause:
    """Add an action. On a signed or active agreement it becomes an amendment."""
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if not lifecycle.can_add_action(locked):
            raise _refuse(_("No action can be added to an agreement that is %(status)s."), status=locked.status)
        amendment = None
        if lifecycle.is_amendable(locked):
            number = (locked.amendments.aggregate(n=Max("number"))["n"] or 0) + 1
            amendment = Amendment.objects.create(agreement=locked, number=number, created_by=by)
        position = (locked.clauses.aggregate(n=Max("position"))["n"] or 0) + 1
        clause = _clause_from_catalogue(agreement=locked, spec=spec, position=position, amendment=amendment)
        clause.save()
        audit_log(
            obj=locked,
            action="agreement.amended" if amendment else "agreement.clause_added",
            actor=by,
            data={"clause": clause.pk, "amendment": amendment.number if amendment else None},
        )
    return clause


def document_request(
    *, agreement: Agreement, by: User | None, frozen: bool = False, amendment: Amendment | None = None
) -> AgreementDocument:
    """A new version, rendered by the worker once this transaction commits.

    Draft versions only while the agreement is editable; frozen versions are made by the
    lifecycle itself (sending the agreement, sending an amendment). A draft version asked for
    again with nothing changed (same content fingerprint as the latest version, still pending or
    ready) is returned as it is: no second version.
    """
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if not frozen and not lifecycle.can_generate_draft(locked):
            raise _refuse(
                _("A draft version cannot be generated for an agreement that is %(status)s: sent versions are frozen."),
                status=locked.status,
            )
        fingerprint = input_fingerprint(agreement=locked, amendment=amendment, frozen=frozen)
        latest = locked.documents.order_by("-version").first()
        if (
            not frozen
            and latest is not None
            and not latest.frozen
            and latest.amendment_id == (amendment.pk if amendment else None)
            and latest.input_sha256 == fingerprint
            and latest.state != DocumentState.FAILED
        ):
            return latest
        version = (latest.version if latest else 0) + 1
        document = AgreementDocument.objects.create(
            agreement=locked,
            amendment=amendment,
            version=version,
            frozen=frozen,
            language=locked.language,
            input_sha256=fingerprint,
            created_by=by,
        )
        audit_log(
            obj=locked, action="agreement.document_requested", actor=by, data={"version": version, "frozen": frozen}
        )
        render_agreement_document.delay_on_commit(document.pk)
    return document


def agreement_transition(
    *,
    agreement: Agreement,
    to: str,
    by: User | None,
    signed_on: datetime.date | None = None,
    signatories: list[Contact] | None = None,
    reason: str = "",
) -> Agreement:
    """Move an agreement along its lifecycle (``agreements.lifecycle.TRANSITIONS``)."""
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        previous = locked.status
        if to not in AgreementStatus.values or not lifecycle.can_transition(locked, to):
            raise ValidationError(
                _("An agreement cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": locked.get_status_display(),
                    "to": AgreementStatus(to).label if to in AgreementStatus.values else to,
                },
                code="lifecycle",
            )
        fields = ["status", "updated_at"]
        if to == S.SENT:
            _check_signatories(locked)
            locked.sent_on = timezone.localdate()
            fields.append("sent_on")
        if to == S.SIGNED:
            if not signed_on:
                raise ValidationError(_("Give the date of signature."))
            if signed_on > timezone.localdate():
                raise ValidationError(_("The date of signature cannot be in the future."))
            locked.signed_on = signed_on
            fields.append("signed_on")
            if signatories is not None:
                locked.signatories.set(signatories)
        if to == S.TERMINATED:
            if not reason.strip():
                raise ValidationError(_("Give the reason for the termination."))
            locked.termination_reason = reason.strip()
            fields.append("termination_reason")
        locked.status = to
        locked.save(update_fields=fields)
        audit_log(
            obj=locked,
            action="agreement.status",
            actor=by,
            from_state=previous,
            to_state=to,
            data={"reason": reason} if reason else {},
        )
        if to == S.SENT:
            # The version sent for signature is frozen: rendered once, kept with its checksum.
            document_request(agreement=locked, by=by, frozen=True)
        if previous == S.SENT and to == S.DRAFT:
            # The sent version stays frozen as it was; changes go into a new draft version.
            sent = locked.documents.filter(frozen=True, amendment=None).order_by("-version").first()
            draft = document_request(agreement=locked, by=by)
            audit_log(
                obj=locked,
                action="agreement.new_version",
                actor=by,
                data={"version": draft.version, "sent_version": sent.version if sent else None},
            )
    agreement.refresh_from_db()
    return agreement


def _check_signatories(agreement: Agreement) -> None:
    """A document goes out for signature only with real signatories on both sides."""
    errors = []
    signatory = agreement.wmfr_signatory
    if signatory is None or not signatory.is_active:
        errors.append(_("Choose who signs for Wikimédia France among the authorised signatories."))
    signatories = list(agreement.signatories.all())
    if not signatories:
        errors.append(_("Choose at least one signatory for the partner."))
    elif any(c.partner_id != agreement.partner_id for c in signatories):
        errors.append(_("The partner’s signatories must be contacts of the partner."))
    if errors:
        raise ValidationError(errors)


def amendment_send(*, amendment: Amendment, by: User | None) -> AgreementDocument:
    with transaction.atomic():
        locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if locked.sent_at:
            raise ValidationError(_("This amendment has already been sent."))
        _check_signatories(locked.agreement)
        locked.sent_at = timezone.now()
        locked.save(update_fields=["sent_at"])
        audit_log(obj=locked.agreement, action="amendment.sent", actor=by, data={"number": locked.number})
        return document_request(agreement=locked.agreement, by=by, frozen=True, amendment=locked)


def amendment_sign(*, amendment: Amendment, signed_on: datetime.date, by: User | None) -> Amendment:
    with transaction.atomic():
        locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if not locked.sent_at:
            raise ValidationError(_("Send the amendment for signature first."))
        if signed_on > timezone.localdate():
            raise ValidationError(_("The date of signature cannot be in the future."))
        locked.signed_on = signed_on
        locked.save(update_fields=["signed_on"])
        audit_log(obj=locked.agreement, action="amendment.signed", actor=by, data={"number": locked.number})
    return locked


class InvalidScanError(ValidationError):
    pass


def validate_scan(uploaded: UploadedFile) -> bytes:
    """A real, readable, inert PDF within the size limit (core.uploads.check_pdf); anything else
    is refused with a clear message."""
    if uploaded.size > settings.SCAN_MAX_BYTES:
        raise InvalidScanError(
            _("The file is too large (%(max)s MB maximum).") % {"max": settings.SCAN_MAX_BYTES // (1024 * 1024)}
        )
    data: bytes = uploaded.read(settings.SCAN_MAX_BYTES + 1)
    if len(data) > settings.SCAN_MAX_BYTES:
        raise InvalidScanError(
            _("The file is too large (%(max)s MB maximum).") % {"max": settings.SCAN_MAX_BYTES // (1024 * 1024)}
        )
    try:
        pages = check_pdf(data)
    except UnsafeFileError as exc:
        raise InvalidScanError(exc.messages[0], code=exc.code) from exc
    if pages == 0:
        raise InvalidScanError(_("This PDF has no page."))
    return data


def scan_upload(
    *, agreement: Agreement, uploaded: UploadedFile, by: User | None, amendment: Amendment | None = None
) -> SignedScan:
    """File the signed scan of an agreement (or of one of its sent amendments)."""
    data = validate_scan(uploaded)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if amendment is not None and amendment.agreement_id != locked.pk:
            raise InvalidScanError(_("This amendment belongs to another agreement."))
        if not lifecycle.can_upload_scan(locked, amendment):
            if amendment is not None:
                raise InvalidScanError(_("A signed scan of the amendment can be added once it has been sent."))
            raise InvalidScanError(_("A signed scan can be added once the agreement has been sent for signature."))
        scan = SignedScan(
            agreement=locked,
            amendment=amendment,
            original_name=(uploaded.name or "scan.pdf")[:255],
            sha256=sha256_hex(data),
            size=len(data),
            uploaded_by=by,
        )
        scan.file.save(f"{scan.sha256[:16]}.pdf", ContentFile(data), save=False)
        scan.save()
        audit_log(
            obj=locked,
            action="agreement.scan_uploaded",
            actor=by,
            data={"sha256": scan.sha256, "amendment": amendment.number if amendment else None},
        )
    return scan


def agreement_update(
    *,
    agreement: Agreement,
    by: User | None,
    signatories: Sequence[Contact] | None = None,
    **fields: Unpack[AgreementFields],
) -> Agreement:
    """Change the sections of an editable agreement (draft or in review), all rules checked.

    Refused once the agreement is sent: its text is frozen; changes after signature are
    amendments (``clause_add``).
    """
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if not lifecycle.is_editable(locked):
            raise _refuse(
                _("An agreement that is %(status)s cannot be edited: only drafts and agreements in review can."),
                status=locked.status,
            )
        if signatories is not None:
            foreign = [c for c in signatories if c.partner_id != locked.partner_id]
            if foreign:
                raise ValidationError(
                    {"signatories": _("The signatories must be contacts of %(partner)s.") % {"partner": locked.partner}}
                )
        locked, changed = model_update(instance=locked, data=dict(fields))
        if signatories is not None and {c.pk for c in locked.signatories.all()} != {c.pk for c in signatories}:
            locked.signatories.set(signatories)
            changed.append("signatories")
        if changed:
            audit_log(obj=locked, action="agreement.updated", actor=by, data={"fields": sorted(changed)})
    return locked


def clause_update(*, clause: Clause, by: User | None, **fields: Unpack[ClauseFields]) -> Clause:
    """Change a clause while the lifecycle allows it (see ``lifecycle.clause_is_editable``)."""
    with transaction.atomic():
        Agreement.objects.select_for_update().filter(pk=clause.agreement_id).first()
        locked = Clause.objects.select_related("agreement", "amendment", "activity_type").get(pk=clause.pk)
        if not lifecycle.clause_is_editable(locked):
            if locked.amendment_id:
                raise ValidationError(_("This amendment has been sent: its clauses are frozen."), code="lifecycle")
            raise _refuse(
                _("The clauses of an agreement that is %(status)s cannot be edited."), status=locked.agreement.status
            )
        locked, changed = model_update(instance=locked, data=dict(fields))
        if changed:
            audit_log(
                obj=locked.agreement,
                action="agreement.clause_updated",
                actor=by,
                data={"clause": locked.pk, "fields": sorted(changed)},
            )
    return locked
