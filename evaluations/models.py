"""Joint evaluations: the seed's grid as versioned data, and the evaluations answered with it.

The grid (``data/grid.json``) is loaded into ``GridVersion`` and its rows by ``load_grid``;
staff may edit the wording in the admin. An evaluation points at the version it was
answered with, so a later version never changes what was answered.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from core.fields import URLField

from . import lifecycle
from .lifecycle import EvaluationState, Side


class GridVersion(models.Model):
    """One version of the evaluation grid: six purposes, six criteria with their questions."""

    number = models.PositiveSmallIntegerField(_("version"), unique=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation grid version")
        verbose_name_plural = _("evaluation grid versions")
        ordering = ["-number"]

    def __str__(self) -> str:
        return _("Evaluation grid, version %(number)s") % {"number": self.number}


class GridPurpose(models.Model):
    """What the joint evaluation determines (the section's bulleted list)."""

    version = models.ForeignKey(
        GridVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="purposes"
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"), max_length=2_000)

    class Meta:
        verbose_name = _("evaluation purpose")
        verbose_name_plural = _("evaluation purposes")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="gridpurpose_unique_code"),
        ]

    def __str__(self) -> str:
        return self.text


class Criterion(models.Model):
    """An item of the grid (effectiveness, efficiency, …)."""

    version = models.ForeignKey(
        GridVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("label"), max_length=200)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="criterion_unique_code"),
        ]

    def __str__(self) -> str:
        return self.label


class Question(models.Model):
    """A question of a criterion, answered by both sides (1–5 or not applicable)."""

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="questions"
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("question"), max_length=2_000)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["criterion__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "code"], name="question_unique_code"),
        ]

    def __str__(self) -> str:
        return self.text


class GridItemKind(models.TextChoices):
    INDICATOR = "indicator", _("Quality approach-related indicator")
    MEANS = "means", _("Measurement means")


class GridItem(models.Model):
    """An indicator or a means of measurement of a criterion, linked to a measured figure
    of the activity where one exists (``measure``, a code of ``evaluations.measures``)."""

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=GridItemKind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"), max_length=2_000)
    measure = models.CharField(_("measured figure"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("indicator or means of measurement")
        verbose_name_plural = _("indicators and means of measurement")
        ordering = ["criterion__position", "kind", "position"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "kind", "position"], name="griditem_unique_position"),
        ]

    def __str__(self) -> str:
        return self.text


# --- Joint evaluations -------------------------------------------------------------------------


class Evaluation(models.Model):
    """A joint evaluation of one activity, or of a whole partnership (``activity`` empty)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="evaluations"
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    grid_version = models.ForeignKey(
        GridVersion, verbose_name=_("grid version"), on_delete=models.PROTECT, related_name="evaluations"
    )
    state = models.CharField(_("state"), max_length=16, choices=EvaluationState.choices, default=EvaluationState.OPEN)
    staff_submitted_at = models.DateTimeField(_("submitted by Wikimédia France"), null=True, blank=True)
    partner_submitted_at = models.DateTimeField(_("submitted by the partner"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(partner="partnership__partners")

    class Meta:
        verbose_name = _("joint evaluation")
        verbose_name_plural = _("joint evaluations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity"], condition=models.Q(activity__isnull=False), name="evaluation_one_per_activity"
            ),
            models.UniqueConstraint(
                fields=["partnership"],
                condition=models.Q(activity__isnull=True),
                name="evaluation_one_per_partnership",
            ),
        ]
        indexes = [
            # The evaluations of a partnership (its page, the portal, the report).
            models.Index(fields=["partnership", "-created_at"], name="evaluation_partnership_idx"),
            # Staff list, newest first (ORDER BY created_at DESC, id DESC LIMIT 50).
            models.Index(fields=["created_at", "id"], name="evaluation_created_idx"),
            # Deadlines (evaluations/deadlines.py): the open evaluations opened 30 days before the
            # sweep's days, a side still unsubmitted.
            models.Index(fields=["created_at"], condition=models.Q(state="open"), name="evaluation_open_created_idx"),
        ]

    def __str__(self) -> str:
        return _("Evaluation of %(subject)s") % {"subject": self.subject}

    @property
    def subject(self) -> object:
        """What is evaluated: the activity, or the whole partnership."""
        return self.activity if self.activity_id else self.partnership

    @property
    def staff_submitted(self) -> bool:
        return lifecycle.side_submitted(self, Side.STAFF)

    @property
    def partner_submitted(self) -> bool:
        return lifecycle.side_submitted(self, Side.PARTNER)

    @property
    def comparison_visible(self) -> bool:
        return lifecycle.comparison_visible(self)

    @property
    def staff_can_submit(self) -> bool:
        return lifecycle.can_submit(self, Side.STAFF)

    @property
    def partner_can_submit(self) -> bool:
        return lifecycle.can_submit(self, Side.PARTNER)

    @property
    def can_close(self) -> bool:
        return lifecycle.can_transition(self.state, EvaluationState.CLOSED)


class Answer(models.Model):
    """One side's answer to one question: a rating from 1 to 5, or none (not applicable)."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers")
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, help_text=_("From 1 to 5; empty means not applicable.")
    )
    comment = models.TextField(_("comment"), blank=True, max_length=5_000)

    objects = ScopedManager(partner="evaluation__partnership__partners")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["evaluation", "question__criterion__position", "question__position", "side"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "question", "side"], name="answer_unique_per_side"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="answer_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question} ({self.side}): {self.rating if self.rating is not None else 'N/A'}"

    @property
    def not_applicable(self) -> bool:
        return self.rating is None


class MentionKind(models.TextChoices):
    MAJOR_MEDIA = "major_media", _("Major media")
    LOCAL_PRESS = "local_press", _("Local press")
    WEB = "web", _("Web")


class PressMention(models.Model):
    """A press or web mention of an action or a partnership (the "promoting" criterion)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="press_mentions",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_mentions",
    )
    outlet = models.CharField(_("outlet"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=MentionKind.choices)
    published_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    url = URLField(_("link"), max_length=500, blank=True)

    objects = ScopedManager(partner="partnership__partners")

    class Meta:
        verbose_name = _("press mention")
        verbose_name_plural = _("press mentions")
        ordering = ["-published_on", "-pk"]
        indexes = [
            # The mentions of a partnership, newest first (evaluation and report).
            models.Index(fields=["partnership", "-published_on"], name="mention_partnership_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.title}"


class LessonKind(models.TextChoices):
    LESSON = "lesson", _("Lesson learnt")
    FOLLOW_UP = "follow_up", _("Follow-up action")


class Lesson(models.Model):
    """A lesson of the evaluation, or a follow-up action (which may become a proposal)."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="lessons"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LessonKind.choices, default=LessonKind.LESSON)
    text = models.TextField(_("text"), max_length=5_000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # What a follow-up action became (once only): the partner's proposal, or a new action.
    proposal = models.OneToOneField(
        "activities.ActionProposal",
        verbose_name=_("proposal it became"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="from_lesson",
    )
    new_activity = models.OneToOneField(
        "activities.Activity",
        verbose_name=_("action it became"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="from_lesson",
    )

    objects = ScopedManager(partner="evaluation__partnership__partners")

    class Meta:
        verbose_name = _("lesson or follow-up action")
        verbose_name_plural = _("lessons and follow-up actions")
        ordering = ["evaluation", "kind", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_follow_up(self) -> bool:
        return self.kind == LessonKind.FOLLOW_UP

    @property
    def can_become_action(self) -> bool:
        """A follow-up action not yet turned into a proposal or a new action."""
        return lifecycle.follow_up_open(self)


# --- Satisfaction questionnaires (their own module) --------------------------------------------

from .questionnaire_models import (  # noqa: E402, F401  (models of the app)
    Questionnaire,
    QuestionnaireAnswer,
    QuestionnaireQuestion,
    QuestionnaireResponse,
    QuestionnaireTemplate,
)

# --- Reports (their own module) -----------------------------------------------------------------
# The reports wing's models live in their own module; imported here so that Django finds them.
from .report_models import PartnershipPublication, ReportDocument  # noqa: E402, F401
