"""Joint evaluations: the seed's grid as versioned data, and the evaluations answered with it.

The grid (``data/grid.json``) is loaded into ``GridVersion`` and its rows by ``load_grid``;
staff may edit the wording in the admin. An evaluation points at the version it was
answered with, so a later version never changes what was answered.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
