"""Celery tasks: thin adapters that take primary keys, load, and call a service."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from core.validators import PersonNameValidator

from .models import Invitation
from .tokens import invitation_path

logger = logging.getLogger(__name__)


def inviter_name(user) -> str:
    """The inviting user's name for the e-mail, only if it is a name (PersonNameValidator):
    the one piece of the invitation's text that is not ours. Empty otherwise."""
    if user is None:
        return ""
    validator = PersonNameValidator()
    try:
        validator(user.first_name)
        validator(user.last_name)
    except ValidationError:
        return ""
    return user.get_full_name()


@shared_task(
    name="partnerships.send_invitation_email",
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
    ignore_result=True,
)
def send_invitation_email(self, invitation_id: int) -> None:
    """Send the invitation e-mail once, in the invitee's language.

    Idempotent: the sending is claimed with a conditional UPDATE of ``emailed_at``; if the
    SMTP call fails the claim is released, so the retry sends it.
    """
    with scopes_disabled():
        invitation = Invitation.objects.select_related("partner", "invited_by").filter(pk=invitation_id).first()
        if invitation is None or invitation.revoked_at or invitation.accepted_at:
            return
        if not Invitation.objects.filter(pk=invitation_id, emailed_at__isnull=True).update(emailed_at=timezone.now()):
            return  # another run already sent it
        try:
            with translation.override(invitation.language):
                context = {
                    "invitation": invitation,
                    "inviter": inviter_name(invitation.invited_by),
                    "url": settings.SITE_URL.rstrip("/") + invitation_path(invitation),
                    "expires_at": timezone.localtime(invitation.expires_at),
                }
                subject = render_to_string("partnerships/email/invitation_subject.txt", context).strip()
                body = render_to_string("partnerships/email/invitation.txt", context)
            EmailMultiAlternatives(subject, body, to=[invitation.email]).send()
        except Exception:
            Invitation.objects.filter(pk=invitation_id).update(emailed_at=None)
            raise
    logger.info("invitation %s e-mailed", invitation_id)
