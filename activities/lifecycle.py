"""The proposal lifecycle and the catalogue's eligibility rule, in one place.

A partner's proposal is submitted, then staff accept it (a partnership is created with its
action, in ``activities.services.proposal_accept``) or decline it. A catalogue type is open
to the partner types the policy lists for it. Services enforce these; views, templates and
the admin only read them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

if TYPE_CHECKING:
    from partnerships.models import Partner

    from .models import ActionProposal, Activity, ActivityType, MetricsSnapshot


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", gettext_lazy("Submitted")
    ACCEPTED = "accepted", gettext_lazy("Turned into a partnership")
    DECLINED = "declined", pgettext_lazy("proposal", "Declined")


P = ProposalStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    P.SUBMITTED: frozenset({P.ACCEPTED, P.DECLINED}),
    P.ACCEPTED: frozenset(),
    P.DECLINED: frozenset(),
}
# Waiting for staff's answer (the staff inbox's default filter).
OPEN = P.SUBMITTED


def can_transition(proposal: ActionProposal, to: str) -> bool:
    return to in TRANSITIONS.get(proposal.status, frozenset())


def is_open(proposal: ActionProposal) -> bool:
    """Still waiting for a decision: staff may accept or decline it."""
    return proposal.status == OPEN


def is_accepted(proposal: ActionProposal) -> bool:
    return proposal.status == P.ACCEPTED


def is_declined(proposal: ActionProposal) -> bool:
    return proposal.status == P.DECLINED


# --- Activities: the statuses staff move an activity through ------------------------------------


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", gettext_lazy("Planned")
    IN_PREPARATION = "in_preparation", gettext_lazy("In preparation")
    DONE = "done", gettext_lazy("Done")
    CANCELLED = "cancelled", gettext_lazy("Cancelled")


A = ActivityStatus
#: Still to be carried out: a start or an end is worth a reminder (activities/deadlines.py).
UNDER_WAY = (A.PLANNED, A.IN_PREPARATION)

#: The statuses an activity may move to, from each status (in the order the page offers them).
ACTIVITY_TRANSITIONS: dict[str, tuple[str, ...]] = {
    A.PLANNED: (A.IN_PREPARATION, A.DONE, A.CANCELLED),
    A.IN_PREPARATION: (A.PLANNED, A.DONE, A.CANCELLED),
    A.DONE: (A.IN_PREPARATION,),
    A.CANCELLED: (A.PLANNED,),
}


def activity_next_statuses(activity: Activity) -> tuple[str, ...]:
    """The statuses this activity may move to now."""
    return ACTIVITY_TRANSITIONS.get(activity.status, ())


def activity_can_transition(activity: Activity, to: str) -> bool:
    return to in activity_next_statuses(activity)


# --- Metrics snapshots: one collection of figures, queued, run by the worker, then finished -------


class SnapshotStatus(models.TextChoices):
    QUEUED = "queued", gettext_lazy("Queued")
    RUNNING = "running", gettext_lazy("Collecting")
    DONE = "done", gettext_lazy("Complete")
    PARTIAL = "partial", gettext_lazy("Partly failed")
    FAILED = "failed", gettext_lazy("Failed")


S = SnapshotStatus
FINISHED = frozenset({S.DONE, S.PARTIAL, S.FAILED})
# Finished with figures to show (a partial collection still has some).
GOOD = frozenset({S.DONE, S.PARTIAL})


def snapshot_is_waiting(snapshot: MetricsSnapshot) -> bool:
    """Queued: no worker has picked it up yet."""
    return snapshot.status == S.QUEUED


def snapshot_is_running(snapshot: MetricsSnapshot) -> bool:
    return snapshot.status == S.RUNNING


def snapshot_is_complete(snapshot: MetricsSnapshot) -> bool:
    return snapshot.status == S.DONE


def snapshot_is_partial(snapshot: MetricsSnapshot) -> bool:
    """Finished, but part of the collection failed: its figures are incomplete."""
    return snapshot.status == S.PARTIAL


def snapshot_is_finished(snapshot: MetricsSnapshot) -> bool:
    """Never changed again (complete, partial or failed)."""
    return snapshot.status in FINISHED


def snapshot_is_good(snapshot: MetricsSnapshot) -> bool:
    return snapshot.status in GOOD


def eligibility_problem(activity_type: ActivityType, partner: Partner) -> str:
    """Why ``partner`` may not propose this kind of action, as the catalogue says; "" if it may.

    The catalogue's "Type of partner" column lists who each type is open to.
    """
    eligible = list(activity_type.eligible_partner_types)
    if not eligible or partner.partner_type in eligible:
        return ""
    return _(
        "“%(type)s” is offered to %(eligible)s; your organisation is registered as “%(partner_type)s”. "
        "Choose another kind of action, or write to Wikimédia France if your situation is different."
    ) % {
        "type": activity_type.name,
        "eligible": ", ".join(_("“%(label)s”") % {"label": label} for label in activity_type.partner_type_labels),
        "partner_type": partner.get_partner_type_display(),
    }
