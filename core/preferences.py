"""A user's own settings for deadlines: how reminders reach them, in which language, and their
private calendar address (writes, in transactions, audited)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .feeds import new_salt
from .models import CalendarFeed
from .reminders import reminder_preference_set
from .services import audit_log


def preferences_save(*, user: Any, delivery: str, muted_kinds: Iterable[str], language: str) -> None:
    """Digest or one e-mail each, the kinds muted (not the mandatory ones), the e-mail language
    (the user's ``preferred_language``); all or nothing (ValidationError)."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose a language."), code="language")
    with transaction.atomic():
        reminder_preference_set(user=user, delivery=delivery, muted_kinds=muted_kinds)
        if user.preferred_language != language:
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])


def calendar_feed_regenerate(*, user: Any) -> CalendarFeed:
    """A new private address for ``user`` (the previous one stops working)."""
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user, defaults={"salt": new_salt()})
        if not created:
            feed.salt = new_salt()
            feed.save(update_fields=["salt", "created_at"])
        audit_log(obj=user, action="calendar_feed.created" if created else "calendar_feed.renewed", actor=user)
    return feed


def calendar_feed_revoke(*, user: Any) -> bool:
    """Turn the address off (404 from now on); False if there was none."""
    with transaction.atomic():
        deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
        if deleted:
            audit_log(obj=user, action="calendar_feed.revoked", actor=user)
    return bool(deleted)
