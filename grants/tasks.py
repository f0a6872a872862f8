"""Celery tasks of the grants app: thin, idempotent, retried with backoff."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from .models import Application

logger = logging.getLogger(__name__)


@shared_task(
    name="grants.send_decision_email",
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
    ignore_result=True,
)
def send_decision_email(self, application_id: int) -> None:
    """Tell the organisation's admins the decision (and that there is no appeal), once."""
    with scopes_disabled():
        application = (
            Application.objects.select_related("partner", "round_region__round__fiscal_year__programme")
            .filter(pk=application_id)
            .first()
        )
        if application is None or application.decided_on is None:
            return
        claimed = Application.objects.filter(pk=application_id, decision_emailed_at__isnull=True).update(
            decision_emailed_at=timezone.now()
        )
        if not claimed:
            return
        admins = list(application.partner.members.filter(role="admin").select_related("user"))
        try:
            for member in admins:
                with translation.override(getattr(member.user, "preferred_language", "") or settings.LANGUAGE_CODE):
                    context = {
                        "application": application,
                        "programme": application.round_region.round.fiscal_year.programme,
                    }
                    send_mail(
                        subject=render_to_string("grants/email/decision_subject.txt", context).strip(),
                        message=render_to_string("grants/email/decision.txt", context),
                        from_email=None,
                        recipient_list=[member.user.email],
                    )
        except OSError:
            Application.objects.filter(pk=application_id).update(decision_emailed_at=None)
            raise
