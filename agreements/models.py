"""Agreements between Wikimédia France and a partner, their clauses, versions and scans.

The policy's "Partnership structure" section says what an agreement contains; the
catalogue says which document formalises each activity type and what each side commits
to. One clause per action; a new action on a signed agreement becomes an amendment.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from activities.models import Activity, ActivityType
from core.constraints import OrderedDatesMixin, dates_ordered_constraint
from partnerships.models import MEMBERSHIP_MINIMUM_FEE, Civility, Contact, Language, Partner, Partnership

from . import lifecycle
from .lifecycle import AgreementStatus, DocumentState

__all__ = ["AgreementStatus", "DocumentState"]  # re-exported: their home is lifecycle.py


class AgreementKind(models.TextChoices):
    PARTNERSHIP_AGREEMENT = "partnership_agreement", _("Partnership agreement")
    ACTION_SHEET = "action_sheet", _("Action sheet")
    TRAINING_AGREEMENT = "training_agreement", _("Training agreement")
    SERVICE_CONTRACT = "service_contract", _("Service provision contract")
    SPONSORSHIP = "sponsorship", _("Sponsorship agreement")
    PATRONAGE_EXPERTISE = "patronage_expertise", _("Patronage agreement (expertise)")
    PATRONAGE_IN_KIND = "patronage_in_kind", _("Patronage agreement (in kind)")


class Licence(models.TextChoices):
    CC_BY_SA_4 = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_4 = "cc-by-4.0", "CC BY 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"


class WmfrSignatory(models.Model):
    """A person authorised to sign agreements for Wikimédia France (edited by admins)."""

    civility = models.CharField(_("civility"), max_length=4, choices=Civility.choices)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    title_fr = models.CharField(_("title (French)"), max_length=200, help_text=_("For example “Présidente”."))
    title_en = models.CharField(_("title (English)"), max_length=200, help_text=_("For example “Chair”."))
    is_active = models.BooleanField(_("may sign"), default=True)
    is_default = models.BooleanField(_("proposed for new agreements"), default=False)

    class Meta:
        verbose_name = _("Wikimédia France signatory")
        verbose_name_plural = _("Wikimédia France signatories")
        ordering = ["-is_default", "last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="wmfr_signatory_one_default"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}, {self.title_fr}"

    def title_in(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_fr


class Agreement(OrderedDatesMixin, models.Model):
    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partnership"), on_delete=models.PROTECT, related_name="agreements"
    )
    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="agreements")
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    kind = models.CharField(_("kind of document"), max_length=32, choices=AgreementKind.choices)
    language = models.CharField(_("language of the agreement"), max_length=8, choices=Language.choices)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    # The policy's typical content, one field per section, pre-written and editable.
    preamble = models.TextField(_("preamble"), max_length=10_000)
    purpose = models.TextField(
        _("purpose"),
        max_length=10_000,
        help_text=_("Financial arrangements; human, material and document resources."),
    )
    evaluation = models.TextField(_("evaluation"), max_length=10_000)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    duration = models.TextField(_("duration"), max_length=5_000)
    pilot_phase = models.BooleanField(_("experimentation (pilot) phase"), default=False)
    pilot_description = models.TextField(_("experimentation"), max_length=5_000, blank=True)
    means = models.TextField(_("means used"), max_length=10_000)
    licence = models.CharField(_("free licence"), max_length=16, choices=Licence.choices, default=Licence.CC_BY_SA_4)
    licence_scope = models.TextField(
        _("what is published, and where"),
        max_length=5_000,
    )
    membership_included = models.BooleanField(_("membership of Wikimédia France"), default=False)
    membership_amount = models.DecimalField(
        _("membership fee (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(MEMBERSHIP_MINIMUM_FEE)],
    )
    disputes = models.TextField(_("disputes and termination"), max_length=10_000)
    wmfr_signatory = models.ForeignKey(
        WmfrSignatory,
        verbose_name=_("signatory for Wikimédia France"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
        limit_choices_to={"is_active": True},
    )
    signatories = models.ManyToManyField(
        Contact, verbose_name=_("partner signatories"), blank=True, related_name="signed_agreements"
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    # When it was last sent for signature: dates the "signature pending" deadline.
    sent_on = models.DateField(_("sent for signature on"), null=True, blank=True, editable=False)
    termination_reason = models.TextField(_("reason for termination"), max_length=5_000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScopedManager(partner="partner")

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(membership_included=False) | models.Q(membership_amount__gte=MEMBERSHIP_MINIMUM_FEE),
                name="agreement_membership_minimum",
                violation_error_message=_("The membership fee is 100 € minimum."),
            ),
            dates_ordered_constraint("agreement_dates_ordered"),
        ]
        indexes = [
            # Staff list filtered by status; "expiring soon" looks at end_date.
            models.Index(fields=["status", "end_date"], name="agreement_status_end_idx"),
            # The "signature pending" deadline (agreements/deadlines.py): agreements awaiting
            # a signature sent on the sweep's days, and the staff deadlines page's first ones
            # and their capped count (status IN (sent) AND sent_on BETWEEN ... ORDER BY
            # sent_on, id LIMIT n).
            models.Index(
                fields=["sent_on", "id"],
                condition=models.Q(status__in=sorted(lifecycle.AWAITING_SIGNATURE)),
                name="agreement_awaiting_sent_idx",
            ),
            # The "agreement end" deadline (agreements/deadlines.py): agreements in force
            # ending on the sweep's days, and the staff deadlines page's first ones and their
            # capped count (status IN (in force) AND end_date BETWEEN ... ORDER BY end_date, id
            # LIMIT n).
            models.Index(
                fields=["end_date", "id"],
                condition=models.Q(status__in=sorted(lifecycle.IN_FORCE)),
                name="agreement_in_force_end_idx",
            ),
            # Staff list, newest first (ORDER BY created_at DESC, id DESC LIMIT 50).
            models.Index(fields=["created_at", "id"], name="agreement_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("staff:agreement_detail", args=[self.pk])

    def clean(self) -> None:
        """The agreement's own rules, for every writer (services call ``full_clean()``)."""
        super().clean()
        errors: dict[str, str] = {}
        if self.membership_included and self.membership_amount is None:
            errors["membership_amount"] = _("Give the membership fee (100 € minimum).")
        if self.pilot_phase and not (self.pilot_description or "").strip():
            errors["pilot_description"] = _("Describe the experimentation phase.")
        if errors:
            raise ValidationError(errors)

    # What the lifecycle permits (agreements/lifecycle.py), for templates and the admin.
    @property
    def is_editable(self) -> bool:
        return lifecycle.is_editable(self)

    @property
    def is_amendable(self) -> bool:
        return lifecycle.is_amendable(self)

    @property
    def can_add_action(self) -> bool:
        return lifecycle.can_add_action(self)

    @property
    def can_generate_draft(self) -> bool:
        return lifecycle.can_generate_draft(self)

    @property
    def can_upload_scan(self) -> bool:
        return lifecycle.can_upload_scan(self)

    @property
    def is_visible_to_partner(self) -> bool:
        return lifecycle.is_visible_to_partner(self)

    @property
    def is_awaiting_signature(self) -> bool:
        return lifecycle.is_awaiting_signature(self)

    @property
    def is_terminated(self) -> bool:
        return lifecycle.is_terminated(self)

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        return lifecycle.next_statuses(self)


class Amendment(models.Model):
    """An additional clause signed after the agreement: its own version and PDF."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="amendments"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(partner="agreement__partner")

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["agreement", "number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="amendment_unique_number")]

    def __str__(self) -> str:
        return _("Amendment %(number)s to %(reference)s") % {
            "number": self.number,
            "reference": self.agreement.reference,
        }


class Clause(OrderedDatesMixin, models.Model):
    """One action of the agreement: purpose, how it runs, timetable, means, commitments."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="clauses"
    )
    amendment = models.ForeignKey(
        Amendment, verbose_name=_("amendment"), null=True, blank=True, on_delete=models.CASCADE, related_name="clauses"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    activity_type = models.ForeignKey(
        ActivityType, verbose_name=_("activity type"), on_delete=models.PROTECT, related_name="+"
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("action"), null=True, blank=True, on_delete=models.SET_NULL, related_name="clauses"
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=5_000)
    arrangements = models.TextField(_("how it runs"), max_length=5_000)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    means = models.TextField(_("means used"), max_length=5_000, blank=True)
    wmfr_contribution = models.TextField(_("what Wikimédia France contributes"), max_length=5_000)
    partner_contribution = models.TextField(_("what the partner contributes"), max_length=5_000)
    reciprocal_commitments = models.TextField(_("reciprocal commitments"), max_length=5_000)

    objects = ScopedManager(partner="agreement__partner")

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["agreement", "position"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "position"], name="clause_unique_position"),
            dates_ordered_constraint("clause_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def _items(text: str) -> list[str]:
        return [line for line in (text or "").splitlines() if line.strip()]

    @property
    def wmfr_items(self) -> list[str]:
        return self._items(self.wmfr_contribution)

    @property
    def partner_items(self) -> list[str]:
        return self._items(self.partner_contribution)

    @property
    def reciprocal_items(self) -> list[str]:
        return self._items(self.reciprocal_commitments)

    @property
    def is_editable(self) -> bool:
        return lifecycle.clause_is_editable(self)

    @property
    def is_visible_to_partner(self) -> bool:
        return lifecycle.clause_is_visible_to_partner(self)

    @property
    def duration_months(self) -> float | None:
        if not (self.start_date and self.end_date):
            return None
        return ((self.end_date - self.start_date).days + 1) / 30.44


def document_upload_to(instance, filename: str) -> str:
    return f"agreements/{instance.agreement_id}/{filename}"


class AgreementDocument(models.Model):
    """One rendered version of an agreement (or of an amendment).

    Drafts may be generated again (a new version each time); a version made when the
    agreement is sent is ``frozen``: rendered once, stored with its SHA-256, never again.
    """

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="documents"
    )
    amendment = models.ForeignKey(
        Amendment,
        verbose_name=_("amendment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    version = models.PositiveSmallIntegerField(_("version"))
    frozen = models.BooleanField(_("frozen"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    state = models.CharField(_("state"), max_length=16, choices=DocumentState.choices, default=DocumentState.PENDING)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    file = models.FileField(_("PDF"), upload_to=document_upload_to, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    # SHA-256 of the HTML the version is rendered from (without its version number and dates):
    # asking again for a draft with no change returns the existing version.
    input_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)

    objects = ScopedManager(partner="agreement__partner")

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["agreement", "-version"]
        constraints = [models.UniqueConstraint(fields=["agreement", "version"], name="document_unique_version")]

    def __str__(self) -> str:
        return f"{self.agreement.reference} v{self.version}"

    @property
    def is_pending(self) -> bool:
        return self.state == DocumentState.PENDING

    @property
    def is_ready(self) -> bool:
        return self.state == DocumentState.READY

    @property
    def is_failed(self) -> bool:
        return self.state == DocumentState.FAILED

    @property
    def filename(self) -> str:
        suffix = f"-avenant-{self.amendment.number}" if self.amendment_id else ""
        return f"{self.agreement.reference}{suffix}-v{self.version}.pdf"


def scan_upload_to(instance, filename: str) -> str:
    return f"agreements/{instance.agreement_id}/scans/{instance.sha256[:16]}.pdf"


class SignedScan(models.Model):
    """The signed scan of an agreement (or amendment), uploaded by staff or a partner admin."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="scans"
    )
    amendment = models.ForeignKey(
        Amendment, verbose_name=_("amendment"), null=True, blank=True, on_delete=models.CASCADE, related_name="scans"
    )
    file = models.FileField(_("signed scan (PDF)"), upload_to=scan_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ScopedManager(partner="agreement__partner")

    class Meta:
        verbose_name = _("signed scan")
        verbose_name_plural = _("signed scans")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.original_name
