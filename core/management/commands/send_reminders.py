"""``manage.py send_reminders [--dry-run] [--date YYYY-MM-DD]``: the daily sweep by hand, in
this process (no worker needed): decides the reminders exactly as beat does, sends the
e-mails here, prints each one and ends with ``N reminders sent, M already sent, K skipped``."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from core.reminders import reminders_deliver, reminders_sweep, reminders_today


def _deliver_here(ids: list[int]) -> None:
    """Send in this process; on an SMTP error, leave the e-mail to the worker's retries."""
    import smtplib

    from core.reminders import reminders_record_failure
    from core.tasks import send_reminder_email

    try:
        reminders_deliver(ids=ids)
    except (smtplib.SMTPException, OSError) as exc:
        reminders_record_failure(ids=ids, error=f"{type(exc).__name__}: {exc}", give_up=False)
        send_reminder_email.apply_async((ids,), countdown=60)


class Command(BaseCommand):
    help = "Send the deadline reminders due today (or on --date), exactly once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; write nothing.")
        parser.add_argument("--date", help="The sweep's day, YYYY-MM-DD (default: today in Paris).")

    def handle(self, *args: Any, dry_run: bool = False, date: str | None = None, **options: Any) -> None:
        try:
            day = datetime.date.fromisoformat(date) if date else reminders_today()
        except ValueError as exc:
            raise CommandError(f"--date must read YYYY-MM-DD: {exc}") from exc
        with scopes_disabled():
            result = reminders_sweep(day=day, dry_run=dry_run, enqueue=_deliver_here)
        self.stdout.write(f"Reminders for {day.isoformat()}{' (dry run)' if dry_run else ''}:")
        for line in result.lines:
            self.stdout.write(f"  {line}")
        self.stdout.write(result.summary)
