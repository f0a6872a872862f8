"""The partnership pipeline, in one place: statuses, allowed moves, what each permits.

``partnerships.services.partnership_set_status`` enforces the moves (with an audit entry);
views, templates and the admin only read this module.

    identified ⇄ in discussion ⇄ agreement in preparation → active → completed
    (any open status → abandoned; completed or abandoned → back into discussion)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import Partnership


class PipelineStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    IN_DISCUSSION = "in_discussion", _("In discussion")
    DRAFTING = "drafting", _("Agreement in preparation")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ABANDONED = "abandoned", _("Abandoned")


P = PipelineStatus

# Going back one step is allowed (a discussion can stall); a completed or abandoned
# partnership can be reopened into discussion.
TRANSITIONS: dict[str, frozenset[str]] = {
    P.IDENTIFIED: frozenset({P.IN_DISCUSSION, P.ABANDONED}),
    P.IN_DISCUSSION: frozenset({P.IDENTIFIED, P.DRAFTING, P.ABANDONED}),
    P.DRAFTING: frozenset({P.IN_DISCUSSION, P.ACTIVE, P.ABANDONED}),
    P.ACTIVE: frozenset({P.COMPLETED, P.ABANDONED}),
    P.COMPLETED: frozenset({P.IN_DISCUSSION}),
    P.ABANDONED: frozenset({P.IN_DISCUSSION}),
}
# Where a partnership created from a partner's proposal starts.
FROM_PROPOSAL = P.IN_DISCUSSION
# Still being worked on: agreements can be drafted and actions added.
OPEN: frozenset[str] = frozenset({P.IDENTIFIED, P.IN_DISCUSSION, P.DRAFTING, P.ACTIVE})
CLOSED: frozenset[str] = frozenset({P.COMPLETED, P.ABANDONED})


def can_transition(partnership: Partnership, to: str) -> bool:
    return to in TRANSITIONS.get(partnership.status, frozenset())


def next_statuses(partnership: Partnership) -> list[tuple[str, str]]:
    """(value, label) of the statuses the partnership may move to, in pipeline order."""
    allowed = TRANSITIONS[partnership.status]
    return [(value, str(label)) for value, label in P.choices if value in allowed]


def is_open(partnership: Partnership) -> bool:
    return partnership.status in OPEN


def can_add_activity(partnership: Partnership) -> bool:
    return is_open(partnership)
