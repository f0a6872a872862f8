"""The activity catalogue and the actions planned within a partnership."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from core.constraints import OrderedDatesMixin, dates_ordered_constraint
from partnerships.models import PartnerType

from . import lifecycle
from .lifecycle import ProposalStatus

__all__ = ["ProposalStatus"]  # re-exported: its home is lifecycle.py


class FormalDocument(models.TextChoices):
    """The documents that formalise an action ("Formalized through..." column)."""

    PARTNERSHIP_AGREEMENT = "partnership_agreement", _("Partnership agreement")
    ACTION_SHEET = "action_sheet", _("Action sheet")
    TRAINING_AGREEMENT = "training_agreement", _("Training agreement")
    SERVICE_CONTRACT = "service_contract", _("Service provision contract")
    SATISFACTION_QUESTIONNAIRE = "satisfaction_questionnaire", _("Satisfaction questionnaire")


def _lines(text: str) -> list[str]:
    return [line for line in (text or "").splitlines() if line.strip()]


class ActivityType(models.Model):
    """One row of the policy's "Types of contribution" table.

    The contribution columns hold one item per line; their text fields are translated
    (``*_fr`` / ``*_en`` columns, django-modeltranslation).
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    eligible_partner_types = models.JSONField(_("eligible partner types"), default=list)
    wmfr_contribution = models.TextField(_("Wikimédia France contribution"), help_text=_("One item per line."))
    partner_contribution = models.TextField(_("partner contribution"), help_text=_("One item per line."))
    reciprocal_commitments = models.TextField(_("reciprocal commitments"), help_text=_("One item per line."))
    documents = models.JSONField(_("formalised through"), default=list)
    period = models.CharField(_("implementation period"), max_length=100)
    min_months = models.PositiveSmallIntegerField(_("minimum duration (months)"))
    max_months = models.PositiveSmallIntegerField(_("maximum duration (months)"))
    membership_fee_expected = models.BooleanField(_("membership fee expected (100 € min.)"), default=False)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_months__gte=models.F("min_months")), name="activitytype_months_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:detail", args=[self.code])

    @property
    def wmfr_contribution_items(self) -> list[str]:
        return _lines(self.wmfr_contribution)

    @property
    def partner_contribution_items(self) -> list[str]:
        return _lines(self.partner_contribution)

    @property
    def reciprocal_commitment_items(self) -> list[str]:
        return _lines(self.reciprocal_commitments)

    @property
    def document_labels(self) -> list[str]:
        return [str(FormalDocument(code).label) for code in self.documents]

    @property
    def partner_type_labels(self) -> list[str]:
        return [str(PartnerType(code).label) for code in self.eligible_partner_types]


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Activity(OrderedDatesMixin, models.Model):
    """An action of a catalogue type, run within a partnership."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="activities"
    )
    activity_type = models.ForeignKey(
        ActivityType, verbose_name=_("activity type"), on_delete=models.PROTECT, related_name="activities"
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    sub_priorities = models.ManyToManyField(
        "partnerships.SubPriority", verbose_name=_("strategic priorities"), blank=True, related_name="activities"
    )
    notes = models.TextField(_("notes"), blank=True, max_length=10_000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Portal safety net: outside a partner scope (or scopes_disabled()), a query fails loudly.
    objects = ScopedManager(partner="partnership__partners")

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start_date", "-pk"]
        constraints = [
            dates_ordered_constraint("activity_dates_ordered"),
        ]
        indexes = [
            # "Partners without a recent action": latest start date per partnership.
            models.Index(fields=["partnership", "-start_date"], name="activity_partnership_date_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ActionProposal(models.Model):
    """An idea of action a partner proposes from the catalogue, through the portal."""

    partner = models.ForeignKey(
        "partnerships.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="proposals"
    )
    activity_type = models.ForeignKey(
        ActivityType, verbose_name=_("activity type"), on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("your idea"), max_length=5_000)
    desired_start = models.DateField(_("desired start"), null=True, blank=True)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        "accounts.User", verbose_name=_("submitted by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    reviewed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    decline_reason = models.TextField(
        _("reason for declining"),
        blank=True,
        max_length=2_000,
        help_text=_("Sent to the partner with the decision."),
    )
    # Claimed by the e-mail tasks with a conditional UPDATE, so a retried task sends once.
    staff_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    partner_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Portal safety net: outside a partner scope (or scopes_disabled()), a query fails loudly.
    objects = ScopedManager(partner="partner")

    class Meta:
        verbose_name = _("action proposal")
        verbose_name_plural = _("action proposals")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            # Staff inbox: proposals by status, newest first.
            models.Index(fields=["status", "-submitted_at"], name="proposal_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    # What the lifecycle permits (activities/lifecycle.py), for templates and the admin.
    @property
    def is_open(self) -> bool:
        return lifecycle.is_open(self)

    @property
    def is_accepted(self) -> bool:
        return lifecycle.is_accepted(self)

    @property
    def is_declined(self) -> bool:
        return lifecycle.is_declined(self)
