"""Satisfaction questionnaires: templates (versioned data files), one questionnaire per
activity with its public link, and the anonymous responses.

A template version is reference data loaded from ``data/questionnaires/*.json``
(``questionnaire_template_load``); a questionnaire points at the version it was built from,
and answers point at that version's questions, so a new version never changes what was
answered. Responses hold no personal data: no account, no name, no address (not even the
client's IP, which only counts in the rate limit's cache).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from core.constraints import check_dates_ordered, dates_ordered_constraint

from . import questionnaire_lifecycle as rules
from .questionnaire_lifecycle import Feeds, QuestionKind


class QuestionnaireTemplate(models.Model):
    """One version of a questionnaire template (``code`` + ``version`` as in its data file)."""

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), max_length=2_000, blank=True)
    source = models.CharField(_("source"), max_length=400, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire template")
        verbose_name_plural = _("questionnaire templates")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="qtemplate_unique_version"),
        ]

    def __str__(self) -> str:
        return _("%(title)s (version %(version)s)") % {"title": self.title, "version": self.version}


class QuestionnaireQuestion(models.Model):
    """A question of a template version: a rating from 1 to 5, one choice, or free text."""

    template = models.ForeignKey(
        QuestionnaireTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="questions"
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    text = models.TextField(_("question"), max_length=1_000)
    required = models.BooleanField(_("required"), default=False)
    feeds = models.CharField(_("feeds the criterion"), max_length=20, choices=Feeds.choices, blank=True)
    # [{"code": "yes", "text": {"en": "Yes", "fr": "Oui"}}, ...] for one-choice questions.
    choices = models.JSONField(_("choices"), default=list, blank=True)

    class Meta:
        verbose_name = _("questionnaire question")
        verbose_name_plural = _("questionnaire questions")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="qquestion_unique_code"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_likert(self) -> bool:
        return self.kind == QuestionKind.LIKERT

    @property
    def is_choice(self) -> bool:
        return self.kind == QuestionKind.CHOICE

    @property
    def is_text(self) -> bool:
        return self.kind == QuestionKind.TEXT

    def choice_options(self, language: str | None = None) -> list[tuple[str, str]]:
        """(code, label) of each choice in ``language`` (the active one by default)."""
        lang = (language or get_language() or "fr")[:2]
        options: list[tuple[str, str]] = []
        for choice in self.choices:
            texts: dict[str, Any] = choice["text"]
            options.append((choice["code"], texts.get(lang) or texts.get("en") or choice["code"]))
        return options

    def choice_label(self, code: str, language: str | None = None) -> str:
        return dict(self.choice_options(language)).get(code, code)


class Questionnaire(models.Model):
    """The satisfaction questionnaire of one activity, answered through its public link."""

    activity = models.OneToOneField(
        "activities.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="questionnaire"
    )
    template = models.ForeignKey(
        QuestionnaireTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="questionnaires"
    )
    # The secret of the public link (secrets.token_urlsafe): unique, so indexed; staff print it.
    token = models.CharField(_("link token"), max_length=64, unique=True, editable=False)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(partner="activity__partnership__partners")

    class Meta:
        verbose_name = _("satisfaction questionnaire")
        verbose_name_plural = _("satisfaction questionnaires")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            dates_ordered_constraint("questionnaire_dates_ordered", start="opens_on", end="closes_on"),
        ]
        indexes = [
            # The staff and portal lists, newest first.
            models.Index(fields=["-opens_on", "-id"], name="questionnaire_list_idx"),
            # Deadlines (evaluations/deadlines.py): those not closed by hand that close on the
            # sweep's days (closes_on IN (...) AND closed_at IS NULL); the staff deadlines page's
            # first ones and their capped count (closes_on BETWEEN ... ORDER BY closes_on, id
            # LIMIT n).
            models.Index(
                fields=["closes_on", "id"], condition=models.Q(closed_at=None), name="questionnaire_closing_id_idx"
            ),
        ]

    def __str__(self) -> str:
        return _("Questionnaire of %(activity)s") % {"activity": self.activity}

    def clean(self) -> None:
        super().clean()
        check_dates_ordered(self.opens_on, self.closes_on, field="closes_on")

    @property
    def state(self) -> str:
        return rules.state_on(self)

    def get_state_display(self) -> str:
        return str(rules.QuestionnaireState(self.state).label)

    @property
    def accepts_answers(self) -> bool:
        return rules.accepts_answers(self)

    @property
    def can_close(self) -> bool:
        return rules.can_close(self)

    @property
    def can_reopen(self) -> bool:
        return rules.can_reopen(self)


class QuestionnaireResponse(models.Model):
    """One participant's answers (anonymous: the time and the page's language only)."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="responses"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    language = models.CharField(_("language"), max_length=8, blank=True)

    objects = ScopedManager(partner="questionnaire__activity__partnership__partners")

    class Meta:
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        ordering = ["questionnaire", "submitted_at", "pk"]
        indexes = [
            # A questionnaire's responses in order (results, CSV export, counts per activity).
            models.Index(fields=["questionnaire", "submitted_at"], name="qresponse_questionnaire_idx"),
        ]

    def __str__(self) -> str:
        return _("Response %(number)s") % {"number": self.pk}


class QuestionnaireAnswer(models.Model):
    """The answer to one question: a rating, a choice's code, or a text (one of them)."""

    response = models.ForeignKey(
        QuestionnaireResponse, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        QuestionnaireQuestion, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    choice = models.CharField(_("choice"), max_length=40, blank=True)
    text = models.TextField(_("text"), max_length=rules.TEXT_MAX_LENGTH, blank=True)

    objects = ScopedManager(partner="response__questionnaire__activity__partnership__partners")

    class Meta:
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        ordering = ["response", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="qanswer_unique_per_response"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="qanswer_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        value = self.rating if self.rating is not None else (self.choice or self.text[:40])
        return f"{self.question.code}: {value}"
