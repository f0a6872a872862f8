"""Programmes as data: programme → fiscal year → round → funding regions → timeline steps.

The Wikimedia Alliances Fund is loaded from ``grants/data/`` by ``load_grant_programmes``;
any other programme (a WMFR micro-grant in EUR, say) is created in the admin with no code.
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

MONEY = {"max_digits": 12, "decimal_places": 2}


def _timezone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class FundingRegion(models.Model):
    """A funding region (the eight Wikimedia regions, or a programme's own)."""

    code = models.SlugField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=120)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        help_text=_("Deadlines of this region are read in this time zone."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("funding region")
        verbose_name_plural = _("funding regions")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class RegionCountry(models.Model):
    region = models.ForeignKey(
        FundingRegion, verbose_name=_("funding region"), on_delete=models.CASCADE, related_name="countries"
    )
    country = CountryField(_("country"))

    class Meta:
        verbose_name = _("country of a region")
        verbose_name_plural = _("countries of a region")
        constraints = [models.UniqueConstraint(fields=["region", "country"], name="grants_region_country_unique")]

    def __str__(self) -> str:
        return f"{self.region.code}:{self.country}"


class Programme(models.Model):
    """A grant programme and its rules (which ones apply is data, not code)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    invitation_only = models.BooleanField(_("by invitation only"), default=True)
    non_profit_only = models.BooleanField(_("non-profit organisations only"), default=True)
    one_open_grant = models.BooleanField(
        _("one open grant at a time"), default=True, help_text=_("An organisation with an open grant cannot apply.")
    )
    affiliates_excluded = models.BooleanField(
        _("Wikimedia affiliates cannot apply"),
        default=True,
        help_text=_("An affiliate may be named as a partner; the grantee is the partner organisation."),
    )
    grant_months = models.PositiveSmallIntegerField(_("grant period (months)"), default=12)
    report_due_days = models.PositiveSmallIntegerField(_("final report due (days after the grant end)"), default=30)
    criteria_version = models.PositiveSmallIntegerField(_("current version of the criteria"), default=1)
    appeal_notice = models.TextField(
        _("appeal notice"), blank=True, help_text=_("Shown in the portal and the decision e-mail.")
    )
    public = models.BooleanField(_("public page"), default=True)

    class Meta:
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FocusArea(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="focus_areas"
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["programme", "position"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="grants_focus_area_unique_code")]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One eligibility requirement, in the version of the programme's criteria it belongs to."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="criteria"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.SlugField(_("code"), max_length=40)
    text = models.TextField(_("requirement"))

    class Meta:
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")
        ordering = ["programme", "version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "version", "code"], name="grants_criterion_unique_code"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class RubricItem(models.Model):
    """One line of the programme's scoring rubric."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="rubric"
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("label"), max_length=200)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=5, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("rubric item")
        verbose_name_plural = _("rubric items")
        ordering = ["programme", "position"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="grants_rubric_unique_code")]

    def __str__(self) -> str:
        return self.label


class ConversationKind(models.TextChoices):
    MIDPOINT = "midpoint", _("Midpoint learning conversation")
    FINAL = "final", _("Final or yearly conversation")


class ConversationQuestion(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="conversation_questions"
    )
    kind = models.CharField(_("conversation"), max_length=16, choices=ConversationKind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=500)

    class Meta:
        verbose_name = _("conversation question")
        verbose_name_plural = _("conversation questions")
        ordering = ["programme", "kind", "position"]

    def __str__(self) -> str:
        return self.text


class FiscalYear(models.Model):
    """A fiscal year of a programme and its envelope (the row locked by every approval)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="fiscal_years"
    )
    code = models.CharField(_("fiscal year"), max_length=16, help_text=_("For example 2023-24."))
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    envelope = models.DecimalField(
        _("envelope"), **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        ordering = ["programme", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="grants_fiscal_year_unique_code"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")), name="grants_fiscal_year_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(envelope__isnull=True) | models.Q(envelope__gte=0),
                name="grants_fiscal_year_envelope_pos",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} – {self.code}"


class Round(models.Model):
    fiscal_year = models.ForeignKey(
        FiscalYear, verbose_name=_("fiscal year"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"), default=1)
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["fiscal_year", "number"]
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "number"], name="grants_round_unique_number")]

    def __str__(self) -> str:
        return self.label or f"{self.fiscal_year} – {self.number}"


class RoundRegion(models.Model):
    """A funding region in a round: open or not, its share of the envelope, its timeline."""

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="regions")
    region = models.ForeignKey(FundingRegion, verbose_name=_("funding region"), on_delete=models.PROTECT)
    is_open = models.BooleanField(_("open"), default=True)
    allocation = models.DecimalField(
        _("share of the envelope"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty to share the envelope of the fiscal year."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True, help_text=_("Defaults to the region's."))

    class Meta:
        verbose_name = _("region of a round")
        verbose_name_plural = _("regions of a round")
        ordering = ["round", "region__position"]
        constraints = [models.UniqueConstraint(fields=["round", "region"], name="grants_round_region_unique")]

    def __str__(self) -> str:
        return f"{self.round} – {self.region}"

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or self.region.time_zone)


class StepKind(models.TextChoices):
    """The rows of the seed's "Full timeline" table, in order."""

    SUPPORT_STARTS = "support_starts", _("Applicant proposal support starts")
    ELIGIBILITY_CHECK = "eligibility_check", _("Eligibility check")
    SUBMISSION_DEADLINE = "submission_deadline", _("Submission deadline")
    TRANSLATION_SUPPORT = "translation_support", _("Application translation support")
    REVIEW_STARTS = "review_starts", _("Review starts")
    FEEDBACK_RECEIVED = "feedback_received", _("Feedback received")
    ENGAGING_WITH_FEEDBACK = "engaging_with_feedback", _("Engaging with feedback")
    DECISION_ANNOUNCED = "decision_announced", _("Decision announced")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    FIRST_PAYMENT_SENT = "first_payment_sent", _("First payment sent")
    MIDPOINT_CONVERSATION = "midpoint_conversation", _("Midpoint learning conversation")
    FINAL_REPORT_DUE = "final_report_due", _("Final report due")


STEP_ORDER = {kind: index for index, kind in enumerate(StepKind.values)}


class TimelineStep(models.Model):
    """One step of a region's timeline: a date, or a date range."""

    round_region = models.ForeignKey(
        RoundRegion, verbose_name=_("region of a round"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("step"), max_length=32, choices=StepKind.choices)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    deadline_at = models.DateTimeField(
        _("deadline"), null=True, blank=True, help_text=_("For the submission deadline: the exact moment (aware).")
    )

    class Meta:
        verbose_name = _("timeline step")
        verbose_name_plural = _("timeline steps")
        ordering = ["round_region", "starts_on", "pk"]
        # The fund's timeline as deadlines (grants/deadlines.py): steps of a kind by date.
        indexes = [models.Index(fields=["kind", "starts_on"], name="grants_step_kind_date_idx")]
        constraints = [
            models.UniqueConstraint(fields=["round_region", "kind"], name="grants_timeline_step_unique_kind"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="grants_timeline_step_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.starts_on}" + (f" – {self.ends_on}" if self.ends_on else "")

    @property
    def last_day(self) -> datetime.date:
        return self.ends_on or self.starts_on
