import logging
import smtplib
from typing import Any

from celery import shared_task

from .services import heartbeat_record

logger = logging.getLogger(__name__)


@shared_task(name="core.tasks.heartbeat", ignore_result=True)  # type: ignore[untyped-decorator]  # celery ships no type hints
def heartbeat(name: str = "celery") -> None:
    """Periodic proof of life for /healthz (scheduled by beat every minute)."""
    heartbeat_record(name=name)


MAX_REMINDER_RETRIES = 4  # five tries in all (core.reminders.MAX_ATTEMPTS)


@shared_task(name="core.reminders_sweep", ignore_result=True, acks_late=True)  # type: ignore[untyped-decorator]
def reminders_daily_sweep() -> str:
    """Beat, every day at 08:00 Europe/Paris: decide the day's reminders (exactly once per
    deadline, offset and recipient, whatever the number of beats or runs) and enqueue them."""
    from django_scopes import scopes_disabled

    from .reminders import reminders_sweep, reminders_today

    with scopes_disabled():
        return reminders_sweep(day=reminders_today()).summary


@shared_task(  # type: ignore[untyped-decorator]
    name="core.send_reminder_email",
    bind=True,
    acks_late=True,
    max_retries=MAX_REMINDER_RETRIES,
    ignore_result=True,
)
def send_reminder_email(self: Any, ids: list[int]) -> int:
    """One reminder e-mail (a digest or a single item). Idempotent: rows already sent are
    skipped; an SMTP error retries with exponential backoff up to a ceiling, then gives up
    on those rows (recorded), never sending twice what was sent."""
    from django_scopes import scopes_disabled

    from .reminders import reminders_deliver, reminders_record_failure

    with scopes_disabled():
        try:
            return reminders_deliver(ids=ids)
        except (smtplib.SMTPException, OSError) as exc:
            last = self.request.retries >= MAX_REMINDER_RETRIES
            reminders_record_failure(ids=ids, error=f"{type(exc).__name__}: {exc}", give_up=last)
            if last:
                logger.error("reminder e-mail %s given up: %s", ids, exc)
                return 0
            logger.warning("reminder e-mail %s failed (try %s): %s", ids, self.request.retries + 1, exc)
            raise self.retry(exc=exc, countdown=min(30 * 2**self.request.retries, 3600)) from exc


MAX_SUMMARY_RETRIES = 4  # five tries, 5 + 10 + 20 + 40 s apart: within core.summaries.LOCK_SECONDS


@shared_task(  # type: ignore[untyped-decorator]
    name="core.refresh_summary",
    bind=True,
    acks_late=True,
    max_retries=MAX_SUMMARY_RETRIES,
    ignore_result=True,
)
def refresh_summary(self: Any, name: str) -> None:
    """Recompute one summary (core/summaries.py) off the request. Idempotent (a summary already
    current is left alone), reads only; retried with backoff, then its lock freed so that a
    later read enqueues it again."""
    from django_scopes import scopes_disabled

    from .summaries import summary_refresh, summary_release

    with scopes_disabled():
        try:
            summary_refresh(name)
        except Exception as exc:
            if self.request.retries >= MAX_SUMMARY_RETRIES:
                logger.exception("summary %s: refresh given up", name)
                summary_release(name)
                return
            logger.warning("summary %s: refresh failed (try %s): %s", name, self.request.retries + 1, exc)
            raise self.retry(exc=exc, countdown=min(5 * 2**self.request.retries, 300)) from exc
