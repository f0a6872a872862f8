"""Celery tasks for proposals: thin adapters that take primary keys and send the e-mails.

Each e-mail is claimed once with a conditional UPDATE of a ``*_notified_at`` column, and the
claim is released if sending fails, so a retried task sends it exactly once.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from . import selectors
from .models import ActionProposal, ProposalStatus

logger = logging.getLogger(__name__)

RETRY = {
    "bind": True,
    "autoretry_for": (OSError,),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "max_retries": 8,
    "acks_late": True,
    "ignore_result": True,
}


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _claim(proposal_id: int, field: str) -> bool:
    return bool(
        ActionProposal.objects.filter(pk=proposal_id, **{f"{field}__isnull": True}).update(**{field: timezone.now()})
    )


def _release(proposal_id: int, field: str) -> None:
    ActionProposal.objects.filter(pk=proposal_id).update(**{field: None})


@shared_task(name="activities.notify_staff_of_proposal", **RETRY)
def notify_staff_of_proposal(self, proposal_id: int) -> None:
    """Tell the staff who decide on proposals that a partner has proposed an action (each in their language)."""
    with scopes_disabled():
        proposal = (
            ActionProposal.objects.select_related("partner", "activity_type", "submitted_by")
            .filter(pk=proposal_id)
            .first()
        )
        if proposal is None or not _claim(proposal_id, "staff_notified_at"):
            return
        try:
            url = _absolute(reverse("staff:proposal_detail", args=[proposal.pk]))
            for reviewer in selectors.proposal_reviewers():
                with translation.override(reviewer.preferred_language):
                    context = {"proposal": proposal, "url": url, "recipient": reviewer}
                    subject = render_to_string("activities/email/proposal_staff_subject.txt", context).strip()
                    body = render_to_string("activities/email/proposal_staff.txt", context)
                EmailMultiAlternatives(subject, body, to=[reviewer.email]).send()
        except Exception:
            _release(proposal_id, "staff_notified_at")
            raise
    logger.info("proposal %s: staff notified", proposal_id)


@shared_task(name="activities.notify_partner_of_decision", **RETRY)
def notify_partner_of_decision(self, proposal_id: int) -> None:
    """E-mail the person who proposed the action the decision, in their own language."""
    with scopes_disabled():
        proposal = (
            ActionProposal.objects.select_related("partner", "submitted_by", "partnership")
            .filter(pk=proposal_id)
            .first()
        )
        if proposal is None or proposal.status == ProposalStatus.SUBMITTED:
            return
        author = proposal.submitted_by
        if author is None or not author.email or not _claim(proposal_id, "partner_notified_at"):
            return
        try:
            with translation.override(author.preferred_language):
                context = {
                    "proposal": proposal,
                    "recipient": author,
                    "accepted": proposal.status == ProposalStatus.ACCEPTED,
                    "url": _absolute(reverse("portal:proposal_detail", args=[proposal.pk])),
                }
                subject = render_to_string("activities/email/proposal_decision_subject.txt", context).strip()
                body = render_to_string("activities/email/proposal_decision.txt", context)
            EmailMultiAlternatives(subject, body, to=[author.email]).send()
        except Exception:
            _release(proposal_id, "partner_notified_at")
            raise
    logger.info("proposal %s: partner told of the decision", proposal_id)


# --- Impact metrics: thin adapters over activities.metrics ---------------------------------------

METRICS_MAX_RETRIES = 4


@shared_task(
    name="activities.collect_activity_metrics",
    bind=True,
    acks_late=True,
    max_retries=METRICS_MAX_RETRIES,
    ignore_result=True,
)
def collect_activity_metrics(self, snapshot_id: int) -> None:
    """Collect one queued snapshot. Idempotent (a snapshot is collected once); retried with
    exponential backoff up to a ceiling, then marked failed (a Wikimedia failure of one part is
    not an error here: the snapshot records it)."""
    from .metrics import snapshot_collect, snapshot_mark_failed

    with scopes_disabled():
        try:
            snapshot_collect(snapshot_id=snapshot_id)
        except Exception as exc:
            if self.request.retries >= METRICS_MAX_RETRIES:
                logger.exception("metrics snapshot %s failed for good", snapshot_id)
                snapshot_mark_failed(snapshot_id=snapshot_id, error=f"{type(exc).__name__}: {exc}")
                return
            logger.warning("metrics snapshot %s failed (try %s): %s", snapshot_id, self.request.retries + 1, exc)
            raise self.retry(exc=exc, countdown=min(10 * 2**self.request.retries, 600)) from exc


@shared_task(name="activities.refresh_recent_metrics", ignore_result=True)
def refresh_recent_metrics() -> int:
    """Nightly (beat): a new snapshot for every activity of the last 90 days."""
    from .metrics import snapshots_refresh_recent

    with scopes_disabled():
        return snapshots_refresh_recent()
