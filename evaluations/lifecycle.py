"""The evaluation lifecycle in one place: states, allowed transitions, what each permits.

    open → completed (both sides submitted) → closed;  open → closed (staff close early)

Neither side sees the other's answers until both have submitted or staff have closed it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import Evaluation, Lesson


class EvaluationState(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Both sides submitted")
    CLOSED = "closed", _("Closed")


class Side(models.TextChoices):
    STAFF = "staff", _("Wikimédia France")
    PARTNER = "partner", _("Partner")


S = EvaluationState

TRANSITIONS: dict[str, frozenset[str]] = {
    S.OPEN: frozenset({S.COMPLETED, S.CLOSED}),
    S.COMPLETED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}

# Ratings differing by this much or more are flagged in the side-by-side view.
FLAG_DIFFERENCE = 2


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in TRANSITIONS.get(from_state, frozenset())


def side_submitted(evaluation: Evaluation, side: str) -> bool:
    field = "staff_submitted_at" if side == Side.STAFF else "partner_submitted_at"
    return getattr(evaluation, field) is not None


def can_submit(evaluation: Evaluation, side: str) -> bool:
    return evaluation.state == S.OPEN and not side_submitted(evaluation, side)


def comparison_visible(evaluation: Evaluation) -> bool:
    """Both sides' answers are shown once both have submitted, or once staff closed it."""
    both = evaluation.staff_submitted_at is not None and evaluation.partner_submitted_at is not None
    return both or evaluation.state == S.CLOSED


def follow_up_open(lesson: Lesson) -> bool:
    """A follow-up action becomes a proposal or a new action once, and a lesson never does."""
    from .models import LessonKind

    return lesson.kind == LessonKind.FOLLOW_UP and lesson.proposal_id is None and lesson.new_activity_id is None
