"""The agreement lifecycle, in one place: statuses, allowed transitions, and what each
status permits.

Services enforce these predicates (and refuse with a clear ``ValidationError``); views,
templates, selectors and the admin only read them (through the model's properties or the
functions below). Nothing else lists statuses.

    draft ⇄ in review → sent → signed → active → ended
      (sent → draft: a new draft after the partner's remarks; any live status → terminated)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from .models import Agreement, AgreementDocument, Amendment, Clause


class AgreementStatus(models.TextChoices):
    # French labels agree with "convention" (feminine): "signée", "envoyée", "résiliée".
    DRAFT = "draft", pgettext_lazy("agreement status", "Draft")
    IN_REVIEW = "in_review", pgettext_lazy("agreement status", "In review")
    SENT = "sent", pgettext_lazy("agreement status", "Sent for signature")
    SIGNED = "signed", pgettext_lazy("agreement status", "Signed")
    ACTIVE = "active", pgettext_lazy("agreement status", "Active")
    ENDED = "ended", pgettext_lazy("agreement status", "Ended")
    TERMINATED = "terminated", pgettext_lazy("agreement status", "Terminated")


class DocumentState(models.TextChoices):
    """A rendered version: pending until the worker has stored it, then ready (or failed)."""

    PENDING = "pending", _("Being generated")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


S = AgreementStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.IN_REVIEW, S.TERMINATED}),
    S.IN_REVIEW: frozenset({S.DRAFT, S.SENT, S.TERMINATED}),
    S.SENT: frozenset({S.DRAFT, S.SIGNED, S.TERMINATED}),
    S.SIGNED: frozenset({S.ACTIVE, S.TERMINATED}),
    S.ACTIVE: frozenset({S.ENDED, S.TERMINATED}),
    S.ENDED: frozenset(),
    S.TERMINATED: frozenset(),
}

# The body, the clauses and the signatories can change; draft PDFs can be generated.
EDITABLE: frozenset[str] = frozenset({S.DRAFT, S.IN_REVIEW})
# A new action becomes an amendment with its own signature.
AMENDABLE: frozenset[str] = frozenset({S.SIGNED, S.ACTIVE})
# A signed scan can be filed (by staff or the partner's admins) once sent for signature; an
# ended agreement may still receive the scan that was missing.
SCAN_ALLOWED: frozenset[str] = frozenset({S.SENT, S.SIGNED, S.ACTIVE, S.ENDED})
# Drafts stay internal; the partner sees an agreement from its review onwards.
VISIBLE_TO_PARTNER: frozenset[str] = frozenset(set(S.values) - {S.DRAFT})
# The partner's signature is expected.
AWAITING_SIGNATURE: frozenset[str] = frozenset({S.SENT})
# In force: "expiring soon" and "ends within N days" look at these.
IN_FORCE: frozenset[str] = frozenset({S.SIGNED, S.ACTIVE})
# Transitions that need more than a click.
NEEDS_SIGNATURE_DATE: frozenset[str] = frozenset({S.SIGNED})
NEEDS_REASON: frozenset[str] = frozenset({S.TERMINATED})


def can_transition(agreement: Agreement, to: str) -> bool:
    return to in TRANSITIONS.get(agreement.status, frozenset())


@dataclass(frozen=True)
class Transition:
    """One move offered from the current status, with what the move needs (for templates)."""

    value: str
    label: str
    needs_signature_date: bool
    needs_reason: bool
    freezes_version: bool
    backwards: bool
    destructive: bool


# Sending freezes the version that goes out for signature.
FREEZES_VERSION: frozenset[str] = frozenset({S.SENT})
_ORDER = list(S.values)


def next_transitions(agreement: Agreement) -> list[Transition]:
    """The moves the agreement may make, in lifecycle order."""
    allowed = TRANSITIONS[agreement.status]
    return [
        Transition(
            value=value,
            label=str(label),
            needs_signature_date=value in NEEDS_SIGNATURE_DATE,
            needs_reason=value in NEEDS_REASON,
            freezes_version=value in FREEZES_VERSION,
            backwards=_ORDER.index(value) < _ORDER.index(agreement.status),
            destructive=value == S.TERMINATED,
        )
        for value, label in S.choices
        if value in allowed
    ]


def next_statuses(agreement: Agreement) -> list[tuple[str, str]]:
    """(value, label) of the statuses the agreement may move to, in lifecycle order."""
    return [(t.value, t.label) for t in next_transitions(agreement)]


def is_editable(agreement: Agreement) -> bool:
    return agreement.status in EDITABLE


def is_amendable(agreement: Agreement) -> bool:
    return agreement.status in AMENDABLE


def can_add_action(agreement: Agreement) -> bool:
    return agreement.status in EDITABLE | AMENDABLE


def can_generate_draft(agreement: Agreement) -> bool:
    """Draft PDFs while editable; sent versions are frozen by the transition itself."""
    return agreement.status in EDITABLE


def can_upload_scan(agreement: Agreement, amendment: Amendment | None = None) -> bool:
    if amendment is not None:
        return amendment.sent_at is not None
    return agreement.status in SCAN_ALLOWED


def is_visible_to_partner(agreement: Agreement) -> bool:
    return agreement.status in VISIBLE_TO_PARTNER


def is_awaiting_signature(agreement: Agreement) -> bool:
    return agreement.status in AWAITING_SIGNATURE


def is_in_force(agreement: Agreement) -> bool:
    return agreement.status in IN_FORCE


def is_terminated(agreement: Agreement) -> bool:
    return agreement.status == S.TERMINATED


def clause_is_editable(clause: Clause) -> bool:
    """Original clauses while the agreement is editable; an amendment's until it is sent."""
    if clause.amendment is not None:
        return clause.amendment.sent_at is None
    return is_editable(clause.agreement)


def clause_is_visible_to_partner(clause: Clause) -> bool:
    """An amendment's clauses reach the partner when the amendment is sent, not before."""
    if clause.amendment is not None:
        return clause.amendment.sent_at is not None
    return True


def document_is_visible_to_partner(document: AgreementDocument) -> bool:
    return document.state == DocumentState.READY and is_visible_to_partner(document.agreement)


# --- The same rules as query filters, for selectors --------------------------------------


def visible_to_partner_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": sorted(VISIBLE_TO_PARTNER)})


def clause_visible_to_partner_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}amendment__isnull": True}) | Q(**{f"{prefix}amendment__sent_at__isnull": False})


def awaiting_signature_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": sorted(AWAITING_SIGNATURE)})


def in_force_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": sorted(IN_FORCE)})
