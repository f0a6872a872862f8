"""Invitations and applications: the proposal an organisation writes in the portal."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from django_scopes import ScopedManager

from .programmes import MONEY, FocusArea, RoundRegion


class InvitationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    USED = "used", _("Application started")
    REVOKED = "revoked", _("Revoked")


class GrantInvitation(models.Model):
    """A programme officer invites an organisation to apply in a round and a region."""

    round_region = models.ForeignKey(
        RoundRegion, verbose_name=_("round and region"), on_delete=models.PROTECT, related_name="invitations"
    )
    partner = models.ForeignKey(
        "partnerships.Partner",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="grant_invitations",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.OPEN
    )
    message = models.TextField(_("message"), blank=True, max_length=5000)
    renewal_of = models.ForeignKey(
        "grants.Application",
        verbose_name=_("renewal of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewal_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("invited on"), auto_now_add=True)

    objects = ScopedManager(partner="partner")

    class Meta:
        verbose_name = _("grant invitation")
        verbose_name_plural = _("grant invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open invitation per organisation and round region.
            models.UniqueConstraint(
                fields=["round_region", "partner"],
                condition=models.Q(status="open"),
                name="grants_grant_invitation_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.round_region}"


class ApplicationStatus(models.TextChoices):
    """The statuses as the seed names them."""

    DRAFT = "draft", pgettext_lazy("grant application status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("grant application status", "Submitted")
    ELIGIBILITY_CHECK = "eligibility_check", pgettext_lazy("grant application status", "Eligibility check")
    UNDER_REVIEW = "under_review", pgettext_lazy("grant application status", "Under review")
    AWAITING_REPLY = "awaiting_reply", pgettext_lazy("grant application status", "Awaiting grantee reply")
    APPROVED = "approved", pgettext_lazy("grant application status", "Approved · Funded")
    NOT_FUNDED = "not_funded", pgettext_lazy("grant application status", "Not funded")
    INCOMPLETE = "incomplete", pgettext_lazy("grant application status", "Incomplete")
    WITHDRAWN = "withdrawn", pgettext_lazy("grant application status", "Withdrawn")


class ApplicantKind(models.TextChoices):
    NON_PROFIT = "non_profit", _("Non-profit organisation")
    FOR_PROFIT = "for_profit", _("For-profit organisation")
    PUBLIC_BODY = "public_body", _("Public body")
    WIKIMEDIA_AFFILIATE = "wikimedia_affiliate", _("Wikimedia affiliate or group")


class Application(models.Model):
    """A grant application. Its text is editable in draft and frozen in versions at submission."""

    partner = models.ForeignKey(
        "partnerships.Partner",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    invitation = models.OneToOneField(
        GrantInvitation, verbose_name=_("invitation"), on_delete=models.PROTECT, related_name="application"
    )
    round_region = models.ForeignKey(
        RoundRegion, verbose_name=_("round and region"), on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    # The proposal
    applicant_kind = models.CharField(
        _("kind of organisation"), max_length=24, choices=ApplicantKind.choices, default=ApplicantKind.NON_PROFIT
    )
    organisation_details = models.TextField(_("about the organisation"), blank=True, max_length=10_000)
    country = CountryField(_("country"), blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=10_000)
    focus_areas = models.ManyToManyField(FocusArea, verbose_name=_("focus areas"), blank=True)
    requested_amount = models.DecimalField(
        _("total requested"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    advisor_name = models.CharField(_("community advisor"), max_length=200, blank=True)
    advisor_username = models.CharField(_("advisor's Wikimedia username"), max_length=100, blank=True)
    advisor_community = models.CharField(_("advisor's community"), max_length=200, blank=True)
    affiliate_partner = models.CharField(_("Wikimedia affiliate or group partnering"), max_length=200, blank=True)
    language = models.CharField(_("language of the proposal"), max_length=64, blank=True, help_text=_("Any language."))
    # Life of the application
    saved_at = models.DateTimeField(_("saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    incomplete_reason = models.TextField(_("reason it is incomplete"), blank=True)
    approved_amount = models.DecimalField(_("amount approved"), **MONEY, null=True, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decision_reasons = models.TextField(_("reasons of the decision"), blank=True)
    decision_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    agreement_signed_on = models.DateField(_("agreement signed"), null=True, blank=True)
    grant_starts_on = models.DateField(_("grant start"), null=True, blank=True)
    grant_ends_on = models.DateField(_("grant end"), null=True, blank=True)
    renewal_recommended = models.BooleanField(_("renewal recommended"), null=True, blank=True)
    renewal_note = models.TextField(_("renewal recommendation"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(partner="partner")

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_amount__isnull=True) | models.Q(approved_amount__gte=0),
                name="grants_application_approved_amount_pos",
            ),
        ]
        indexes = [
            # Pipeline: counts per status within a round region.
            models.Index(fields=["round_region", "status"], name="application_pipeline_idx"),
            # The final report's deadline (grants/deadlines.py): approved grants by their end.
            models.Index(fields=["status", "grant_ends_on"], name="application_status_end_idx"),
            # "One open grant" rule and the portal list.
            models.Index(fields=["partner", "status"], name="application_partner_idx"),
        ]

    def __str__(self) -> str:
        return self.title or _("Application #%(pk)s") % {"pk": self.pk}

    @property
    def report_due_on(self) -> datetime.date | None:
        if self.grant_ends_on is None:
            return None
        days = self.round_region.round.fiscal_year.programme.report_due_days
        return self.grant_ends_on + datetime.timedelta(days=days)


class Objective(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("objective"), max_length=500)
    target = models.CharField(_("measurable target"), max_length=300, blank=True)

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["application", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class PlannedActivity(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("activity"), max_length=300)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        ordering = ["application", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class BudgetLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("budget line"), max_length=300)
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(0)])

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "position", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="grants_budget_line_amount_pos")]

    def __str__(self) -> str:
        return f"{self.label}: {self.amount}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"grants/{instance.application_id}/attachments/{filename}"


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["application", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class ApplicationVersion(models.Model):
    """The proposal's text as submitted (each submission or reply to feedback freezes one)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("frozen"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("application version")
        verbose_name_plural = _("application versions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="grants_application_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.application} v{self.number}"
