"""The activity catalogue and the actions planned within a partnership."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from core.constraints import OrderedDatesMixin, dates_ordered_constraint
from partnerships.models import PartnerType, Region

from . import lifecycle
from .indicator_kinds import get_kind
from .lifecycle import ActivityStatus, ProposalStatus, SnapshotStatus

__all__ = ["ActivityStatus", "ProposalStatus", "SnapshotStatus"]  # re-exported: their home is lifecycle.py


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
    location = models.CharField(_("venue"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=3, choices=Region.choices, blank=True)
    audience = models.CharField(_("target audience"), max_length=300, blank=True)
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
            # Staff list and calendar: activities by date (month / week ranges, newest first);
            # with the id, index-only for the month calendar when PostgreSQL reads a month from
            # its start side (a month long past: fewer rows started before it than end after).
            models.Index(fields=["start_date", "end_date", "id"], name="activity_dates_idx"),
            # The staff month calendar (activities/selectors.py month_calendar, overlapping): one
            # range "last day >= the grid's first day" with "start_date <= its last day" checked
            # in the index, read index-only for the day counts and the ROW_NUMBER of the shown
            # actions (the last day is the end, or the start of an action without an end).
            models.Index(
                Coalesce("end_date", "start_date"), "start_date", "id", "end_date", name="activity_last_day_idx"
            ),
            # Staff list, newest first (ORDER BY start_date DESC, id DESC LIMIT 50).
            models.Index(fields=["start_date", "id"], name="activity_start_idx"),
            # Deadlines (evaluations/deadlines.py): actions ended 30 days before the sweep's days
            # (end_date IN (...)); the staff deadlines page's first ones without an evaluation
            # and their capped count (end_date BETWEEN ... ORDER BY end_date, id LIMIT n).
            models.Index(fields=["end_date", "id"], name="activity_end_id_idx"),
            # Deadlines (activities/deadlines.py): actions under way starting, or ending, on the
            # sweep's days (start_date IN (...)); the staff deadlines page's first ones and
            # their capped count (status IN (under way) AND start_date BETWEEN ... ORDER BY
            # start_date, id LIMIT n). Partial: the planner then knows how many are under way
            # in the range, and walks the index instead of sorting the range.
            models.Index(
                fields=["start_date", "id"],
                condition=models.Q(status__in=lifecycle.UNDER_WAY),
                name="activity_under_way_start_idx",
            ),
            models.Index(
                fields=["end_date", "id"],
                condition=models.Q(status__in=lifecycle.UNDER_WAY),
                name="activity_under_way_end_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("staff:activity_detail", args=[self.pk])


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
            # Staff inbox with every status (?status=), newest first (ORDER BY submitted_at DESC,
            # id DESC LIMIT 50).
            models.Index(fields=["submitted_at", "id"], name="proposal_submitted_idx"),
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


# --- What an activity involves: people, hours, money ------------------------------------------


class StakeholderKind(models.TextChoices):
    VOLUNTEER = "volunteer", _("Volunteer")
    STAFF = "staff", _("Employee")


class Stakeholder(models.Model):
    """A Wikimedia volunteer or employee taking part, with the hours they gave."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("volunteer or employee"), max_length=16, choices=StakeholderKind.choices)
    username = models.CharField(_("Wikimedia username"), max_length=255, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    hours = models.DecimalField(
        _("hours"), max_digits=7, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )

    objects = ScopedManager(partner="activity__partnership__partners")

    class Meta:
        verbose_name = _("Wikimedia stakeholder")
        verbose_name_plural = _("Wikimedia stakeholders")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="stakeholder_hours_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class CostCategory(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    ACCOMMODATION = "accommodation", _("Accommodation")
    MEALS = "meals", _("Meals")
    EQUIPMENT = "equipment", _("Equipment")
    OTHER = "other", _("Other")


class Cost(models.Model):
    """Costs covered by Wikimédia France, by category: planned, then actual."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="costs")
    category = models.CharField(_("category"), max_length=16, choices=CostCategory.choices)
    planned = models.DecimalField(
        _("planned (€)"), max_digits=10, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    actual = models.DecimalField(
        _("actual (€)"), max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    objects = ScopedManager(partner="activity__partnership__partners")

    class Meta:
        verbose_name = _("cost covered by Wikimédia France")
        verbose_name_plural = _("costs covered by Wikimédia France")
        ordering = ["activity", "category"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "category"], name="cost_one_per_category"),
        ]

    def __str__(self) -> str:
        return self.get_category_display()


class PartnerContribution(models.Model):
    """What the partner contributes (money or in kind): planned, then received."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="partner_contributions"
    )
    description = models.CharField(_("contribution"), max_length=300)
    planned = models.DecimalField(
        _("planned (€)"), max_digits=10, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    actual = models.DecimalField(
        _("received (€)"), max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    objects = ScopedManager(partner="activity__partnership__partners")

    class Meta:
        verbose_name = _("partner contribution")
        verbose_name_plural = _("partner contributions")
        ordering = ["activity", "pk"]

    def __str__(self) -> str:
        return self.description


# --- Objectives and results --------------------------------------------------------------------


class Indicator(models.Model):
    """A target set at the start and its result: a kind of ``data/indicators.json``, or a free one.

    The result is the one typed by hand when there is one, else the figure of the activity's
    last good metrics snapshot for kinds a snapshot measures (see ``selectors``).
    """

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="indicators"
    )
    kind = models.CharField(_("indicator"), max_length=40, blank=True)
    label = models.CharField(_("free indicator"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    manual_result = models.DecimalField(
        _("result recorded by hand"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ScopedManager(partner="activity__partnership__partners")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["activity", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(kind="") | ~models.Q(label=""), name="indicator_kind_or_label"),
        ]

    def __str__(self) -> str:
        return self.display_label

    @property
    def kind_info(self):
        return get_kind(self.kind) if self.kind else None

    @property
    def display_label(self) -> str:
        info = self.kind_info
        return info.label if info else self.label

    @property
    def display_unit(self) -> str:
        info = self.kind_info
        return info.unit if info else self.unit

    @property
    def metric(self) -> str:
        info = self.kind_info
        return info.metric if info else ""


# --- Impact on the Wikimedia projects ----------------------------------------------------------


class MetricsScope(models.Model):
    """What to measure of an activity on the Wikimedia projects (see core.wikimedia_metrics)."""

    activity = models.OneToOneField(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="metrics_scope"
    )
    wiki = models.CharField(_("wiki"), max_length=100, default="fr.wikipedia.org")
    usernames = models.TextField(_("participants’ usernames"), blank=True, max_length=50_000)
    window_start = models.DateField(_("window start"), null=True, blank=True)
    window_end = models.DateField(_("window end"), null=True, blank=True)
    tail_days = models.PositiveSmallIntegerField(_("days counted after the end"), default=0)
    commons_category = models.CharField(_("Commons category"), max_length=255, blank=True)
    category_depth = models.PositiveSmallIntegerField(_("depth of subcategories"), default=0)
    articles = models.TextField(_("articles"), blank=True, max_length=50_000)
    articles_category = models.CharField(_("category of articles"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScopedManager(partner="activity__partnership__partners")

    class Meta:
        verbose_name = _("metrics scope")
        verbose_name_plural = _("metrics scopes")

    def __str__(self) -> str:
        return f"{self.activity} ({self.wiki})"

    @property
    def username_list(self) -> list[str]:
        return [line.strip() for line in self.usernames.splitlines() if line.strip()]

    @property
    def article_list(self) -> list[str]:
        return [line.strip() for line in self.articles.splitlines() if line.strip()]


class MetricsSnapshot(models.Model):
    """The figures of one collection, dated; a finished snapshot is never changed again."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="snapshots"
    )
    status = models.CharField(_("status"), max_length=16, choices=SnapshotStatus.choices, default=SnapshotStatus.QUEUED)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True)
    duration_seconds = models.FloatField(_("duration (s)"), null=True, blank=True)
    request_count = models.PositiveIntegerField(_("requests made"), default=0)
    wiki = models.CharField(_("wiki"), max_length=100, blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    failures = models.JSONField(_("failed parts"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    objects = ScopedManager(partner="activity__partnership__partners")

    class Meta:
        verbose_name = _("metrics snapshot")
        verbose_name_plural = _("metrics snapshots")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            # Activity page: the last snapshots of one activity, and its last good one.
            models.Index(fields=["activity", "status", "-taken_at"], name="snapshot_activity_idx"),
            # Deadlines (activities/deadlines.py): the failed collections taken on the sweep's days.
            models.Index(fields=["taken_at"], condition=models.Q(status="failed"), name="snapshot_failed_taken_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} @ {self.taken_at or self.requested_at:%Y-%m-%d %H:%M}"

    # What the lifecycle says of this collection (activities/lifecycle.py), for templates.
    @property
    def is_waiting(self) -> bool:
        return lifecycle.snapshot_is_waiting(self)

    @property
    def is_running(self) -> bool:
        return lifecycle.snapshot_is_running(self)

    @property
    def is_complete(self) -> bool:
        return lifecycle.snapshot_is_complete(self)

    @property
    def is_partial(self) -> bool:
        return lifecycle.snapshot_is_partial(self)

    @property
    def is_finished(self) -> bool:
        return lifecycle.snapshot_is_finished(self)

    @property
    def is_good(self) -> bool:
        return lifecycle.snapshot_is_good(self)

    def figure(self, name: str):
        """One figure, ``None`` when it was not measured."""
        if name == "articles_improved":
            edited, created = self.figures.get("articles_edited"), self.figures.get("articles_created")
            return None if edited is None or created is None else edited - created
        return self.figures.get(name)
