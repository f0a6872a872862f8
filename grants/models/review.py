"""Eligibility, translation, committee review, decision follow-up: payments, conversations, reports."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from .applications import Application
from .programmes import MONEY, ConversationKind, Criterion, FundingRegion, RubricItem


class CommitteeMember(models.Model):
    """A staff user sitting on the grants committee of one funding region."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="grant_committees",
        limit_choices_to={"is_staff": True},
    )
    region = models.ForeignKey(
        FundingRegion, verbose_name=_("funding region"), on_delete=models.CASCADE, related_name="committee"
    )

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="grants_committee_member_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.region}"


class Outcome(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    NOTE = "note", _("Note")


class EligibilityResult(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="eligibility")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT)
    outcome = models.CharField(_("result"), max_length=8, choices=Outcome.choices)
    evidence = models.TextField(_("evidence"), blank=True, max_length=5000)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    checked_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("eligibility result")
        verbose_name_plural = _("eligibility results")
        ordering = ["application", "criterion__position"]
        constraints = [models.UniqueConstraint(fields=["application", "criterion"], name="grants_eligibility_unique")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.outcome}"


class Translation(models.Model):
    """A translation of the proposal attached by staff during the translation window."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=2, choices=[("en", _("English")), ("fr", _("French"))])
    text = models.TextField(_("translation"), max_length=50_000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [models.UniqueConstraint(fields=["application", "language"], name="grants_translation_unique")]

    def __str__(self) -> str:
        return f"{self.application} [{self.language}]"


class ConflictOfInterest(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["application", "member"], name="grants_conflict_unique")]

    def __str__(self) -> str:
        return f"{self.member} ⟂ {self.application}"


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    comment = models.TextField(_("comment"), blank=True, max_length=10_000)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["application", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="grants_review_unique")]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(RubricItem, on_delete=models.PROTECT)
    value = models.PositiveSmallIntegerField(_("score"))

    objects = ScopedManager(partner="review__application__partner")

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["review", "item"], name="grants_score_unique")]

    def __str__(self) -> str:
        return f"{self.item_id}={self.value}"


class Feedback(models.Model):
    """The committee's feedback and the grantee's reply ("awaiting grantee reply")."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="feedback")
    text = models.TextField(_("feedback"), max_length=10_000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reply = models.TextField(_("reply"), blank=True, max_length=10_000)
    replied_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["application", "at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Payment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="payments")
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(0)])
    planned_on = models.DateField(_("planned on"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["application", "planned_on", "pk"]
        # Payments to send (grants/deadlines.py).
        indexes = [models.Index(fields=["planned_on"], name="grants_payment_planned_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="grants_payment_amount_pos")]

    def __str__(self) -> str:
        return f"{self.amount} @ {self.planned_on}"


class Conversation(models.Model):
    """A learning conversation (midpoint, final or yearly), filled in by the programme officer."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conversations")
    kind = models.CharField(_("conversation"), max_length=16, choices=ConversationKind.choices)
    held_on = models.DateField(_("held on"))
    answers = models.JSONField(_("answers"), default=list)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("learning conversation")
        verbose_name_plural = _("learning conversations")
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="grants_conversation_unique_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class FinalReport(models.Model):
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="final_report")
    text = models.TextField(_("final learning report"), max_length=50_000)
    language = models.CharField(_("language of the report"), max_length=64, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published = models.BooleanField(_("published"), default=False)

    objects = ScopedManager(partner="application__partner")

    class Meta:
        verbose_name = _("final learning report")
        verbose_name_plural = _("final learning reports")

    def __str__(self) -> str:
        return str(self.application)
