"""The questionnaire's rules in one place: when its public link takes answers.

A questionnaire is not a workflow with stored states: whether it takes answers follows from
its dates and its closed flag, on a given day (Paris time by default):

    scheduled (before ``opens_on``) → open → ended (after ``closes_on``)
    closed (``closed_at`` set by staff, whatever the dates; reopening clears it)

Only an open questionnaire answers at its public link; every other state is a 404 there,
exactly like a wrong token, so the link says nothing about a questionnaire it does not serve.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from .questionnaire_models import Questionnaire


class QuestionnaireState(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("questionnaire", "Not open yet")
    OPEN = "open", pgettext_lazy("questionnaire", "Open")
    ENDED = "ended", pgettext_lazy("questionnaire", "Ended")
    CLOSED = "closed", pgettext_lazy("questionnaire", "Closed")


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Rating from 1 to 5")
    CHOICE = "choice", _("One choice")
    TEXT = "text", _("Free text")


# The grid criteria a question's answers feed (codes of evaluations.Criterion).
class Feeds(models.TextChoices):
    NOTHING = "", _("No criterion")
    RELEVANCE = "relevance", _("Relevance")
    RELATIONSHIP = "relationship", _("Quality of the relationship with the partner")


LIKERT_VALUES = (1, 2, 3, 4, 5)
TEXT_MAX_LENGTH = 2_000
# How long a browser remembers it answered (the signed cookie's lifetime).
ANSWERED_COOKIE_DAYS = 400


def today() -> datetime.date:
    return timezone.localdate()


def state_on(questionnaire: Questionnaire, day: datetime.date | None = None) -> str:
    day = day or today()
    if questionnaire.closed_at is not None:
        return QuestionnaireState.CLOSED
    if day < questionnaire.opens_on:
        return QuestionnaireState.SCHEDULED
    if day > questionnaire.closes_on:
        return QuestionnaireState.ENDED
    return QuestionnaireState.OPEN


def accepts_answers(questionnaire: Questionnaire, day: datetime.date | None = None) -> bool:
    """The public link answers (and records) only while this is true."""
    return state_on(questionnaire, day) == QuestionnaireState.OPEN


def can_close(questionnaire: Questionnaire) -> bool:
    return questionnaire.closed_at is None


def can_reopen(questionnaire: Questionnaire) -> bool:
    return questionnaire.closed_at is not None
