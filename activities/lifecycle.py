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

    from .models import ActionProposal, ActivityType


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
