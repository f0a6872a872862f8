"""Demo reminders (``core.reminders``): the daily sweep run for each of the last seven days,
as beat would have run it, its e-mails delivered to memory (nothing leaves the machine), so
the demo shows reminders already sent; what falls due today is left for beat or
``manage.py send_reminders`` (``--dry-run`` lists it). Runs last, after the seed's commit
(``after``): the sweep reads every app's deadlines, owners and admins included.
Idempotent: a day swept twice sends nothing more (the sent-log)."""

from __future__ import annotations

import datetime as dt

from django.test.utils import override_settings

from core.reminders import reminders_deliver, reminders_sweep
from demo.builders import BuildContext

PAST_DAYS = 7


def _nowhere(ids: list[int]) -> None:
    """Delivered in the seed itself (see ``build``)."""


def build(ctx: BuildContext) -> None:
    """Nothing to build: the sweep runs once the data is complete (``after``)."""


def after(ctx: BuildContext) -> None:
    sent = already = 0
    # Nothing is enqueued (no broker needed): the e-mails each sweep decided are delivered
    # here, to memory.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for back in range(PAST_DAYS, 0, -1):
            result = reminders_sweep(day=ctx.today - dt.timedelta(days=back), enqueue=_nowhere)
            sent, already = sent + result.sent, already + result.already
            for ids in result.batches:
                reminders_deliver(ids=ids)
    due = reminders_sweep(day=ctx.today, dry_run=True)
    ctx.write(
        f"Reminders: {sent} sent over the last {PAST_DAYS} days ({already} already sent), "
        f"{due.sent} due today (manage.py send_reminders)."
    )
