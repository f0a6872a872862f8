"""Deadline reminders, exactly once: the daily sweep, the sent-log, the e-mails.

- ``reminders_sweep(day=...)`` asks ``core.deadlines.due_on(day)`` what is due and who receives
  it, drops what a user opted out of, and INSERTs one ``ReminderSent`` row per (deadline,
  offset, recipient) with ``ON CONFLICT DO NOTHING`` (the unique constraint) ``RETURNING`` the
  rows it wrote (tagged with its sweep id): those are the ones this sweep won, in the same
  transaction. A second sweep, or two sweeps at once, win nothing twice. The e-mail tasks are
  enqueued on commit: one per staff digest (all of a user's rows of the day), one per row
  otherwise. The same transaction writes the in-app notifications of those rows
  (``core.notifications``).
- ``reminders_deliver(ids=...)`` (the task's body) locks the rows still unsent
  (``SELECT ... FOR UPDATE SKIP LOCKED``), sends ONE e-mail for them in the recipient's
  language (HTML and text), marks them sent and commits. A re-delivered task finds them sent
  and does nothing; an SMTP error rolls the mark back and the task retries with backoff, up to
  ``MAX_ATTEMPTS``, after which the rows are marked given up.
- ``reminder_preference_set(user=..., delivery=..., muted_kinds=...)``: the user's choice.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from .deadlines import Due, Recipient, deadline_kind, deadline_kinds, due_on, recipients_for
from .models import ReminderDelivery, ReminderPreference, ReminderSent
from .notifications import notifications_create

#: Tries of one e-mail before its rows are marked given up.
MAX_ATTEMPTS = 5


def reminders_today() -> datetime.date:
    """The sweep's day: ``settings.REMINDERS_TODAY`` (tests, the integration run) or today in Paris."""
    forced = getattr(settings, "REMINDERS_TODAY", "")
    return datetime.date.fromisoformat(forced) if forced else timezone.localdate()


@dataclass
class SweepResult:
    day: datetime.date
    sent: int = 0  # rows this sweep wrote (their e-mails enqueued)
    already: int = 0  # rows another sweep wrote before
    skipped: int = 0  # no e-mail address, or the user opted out of the kind
    lines: list[str] = field(default_factory=list)
    batches: list[list[int]] = field(default_factory=list)  # the e-mails: row ids each

    @property
    def summary(self) -> str:
        return f"{self.sent} reminders sent, {self.already} already sent, {self.skipped} skipped"


def _preferences(recipients: Iterable[Recipient]) -> dict[int, ReminderPreference]:
    ids = {r.user_id for r in recipients if r.user_id is not None}
    return {p.user_id: p for p in ReminderPreference.objects.filter(user_id__in=ids)} if ids else {}


def wants_digest(recipient: Recipient, preference: ReminderPreference | None) -> bool:
    """Staff get a digest unless they chose otherwise; partners one e-mail each unless they chose a digest."""
    if preference is not None and preference.delivery:
        return preference.delivery == ReminderDelivery.DIGEST
    return recipient.is_staff


def _muted(kind: str, preference: ReminderPreference | None) -> bool:
    return preference is not None and kind in preference.muted_kinds and not deadline_kind(kind).mandatory


def reminders_sweep(
    *,
    day: datetime.date,
    dry_run: bool = False,
    enqueue: Callable[[list[int]], None] | None = None,
) -> SweepResult:
    """Find what is due on ``day`` and decide, once, who gets which reminder (see the module).

    ``enqueue(ids)`` is called on commit for each e-mail to send (the Celery task by default;
    the management command delivers in-process). ``dry_run`` writes nothing and counts what
    would be sent."""
    result = SweepResult(day=day)
    with scopes_disabled():  # across every partner, like staff code
        due = due_on(day)
        recipients = recipients_for([d.occurrence for d in due])
    preferences = _preferences(r for rs in recipients.values() for r in rs)
    sweep = uuid.uuid4()
    rows: list[_Row] = []
    for d in due:
        for r in recipients[d.occurrence.key]:
            preference = _preferences_get(preferences, r)
            if not r.email or _muted(d.occurrence.kind, preference):
                result.skipped += 1
                continue
            rows.append(_row(d, r, wants_digest(r, preference), sweep))
    if dry_run:
        existing = _existing(rows)
        for row in rows:
            if (row.deadline, row.offset, row.recipient) in existing:
                result.already += 1
            else:
                result.sent += 1
                result.lines.append(_line(row, "would send"))
        return result
    with transaction.atomic():
        won = sorted(_insert(rows, sweep), key=lambda w: (w.recipient, w.pk))
        result.sent = len(won)
        result.already = len(rows) - len(won)
        result.lines = [_line(row, "sent") for row in won]
        result.batches = _batches(won)
        # The bell shows the same events: written with the rows won, in the same transaction.
        won_keys = {(w.deadline, w.offset, w.recipient) for w in won}
        notifications_create([r for r in rows if (r.deadline, r.offset, r.recipient) in won_keys])
        send = enqueue or _enqueue_task
        for ids in result.batches:
            transaction.on_commit(lambda ids=ids: send(ids))  # type: ignore[misc]
    return result


def _preferences_get(preferences: dict[int, ReminderPreference], r: Recipient) -> ReminderPreference | None:
    return preferences.get(r.user_id) if r.user_id is not None else None


class _Row(NamedTuple):
    """One sent-log row to write (``_insert`` adds the sweep id, the moment and the counters)."""

    deadline: str
    kind: str
    offset: int
    recipient: str
    user_id: int | None
    email: str
    language: str
    digest: bool
    staff: bool
    due_on: datetime.date
    subject: str
    url: str


class _Won(NamedTuple):
    """A row this sweep inserted (``RETURNING``)."""

    pk: int
    deadline: str
    offset: int
    recipient: str
    email: str
    digest: bool


_BATCH = 1000


def _row(d: Due, r: Recipient, digest: bool, sweep: uuid.UUID) -> _Row:
    o = d.occurrence
    return _Row(
        deadline=o.key,
        kind=o.kind,
        offset=d.offset,
        recipient=r.key,
        user_id=r.user_id,
        email=r.email,
        language=r.language if r.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
        digest=digest,
        staff=r.is_staff,
        due_on=o.date,
        subject=o.subject[:300],
        url=(o.url if r.is_staff else o.portal_url)[:300],
    )


def _insert(rows: list[_Row], sweep: uuid.UUID) -> list[_Won]:
    """``INSERT ... ON CONFLICT DO NOTHING RETURNING``: the rows returned are exactly those this
    statement wrote; a row another sweep holds is skipped (after waiting for its commit when
    that sweep is still running). Plain SQL, because the ORM's per-value preparation of
    thousands of rows costs more than the database's work. On PostgreSQL the rows travel as
    one array per column (``unnest``: a statement of a few parameters, whatever the number of
    rows); elsewhere as ``VALUES`` in batches."""
    meta = ReminderSent._meta
    quote = connection.ops.quote_name
    by_attname = {f.attname: f for f in meta.concrete_fields}
    fields = [by_attname[name] for name in _Row._fields]
    columns = ", ".join(quote(f.column) for f in fields) + ", sweep, created_at, attempts, last_error"
    fixed = [
        by_attname["sweep"].get_db_prep_save(sweep, connection),
        by_attname["created_at"].get_db_prep_save(timezone.now(), connection),
    ]
    returning = ", ".join(quote(c) for c in ("id", "deadline", "offset", "recipient", "email", "digest"))
    table = quote(meta.db_table)
    due_on = _Row._fields.index("due_on")
    won: list[_Won] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT u.*, %s::uuid, %s::timestamptz, 0, '' "  # noqa: S608 (our names)
                f"FROM unnest({arrays}) AS u ON CONFLICT DO NOTHING RETURNING {returning}",
                [*fixed, *([list(column) for column in zip(*rows, strict=True)] if rows else [[]] * len(fields))],
            )
            won.extend(_Won(*r) for r in cursor.fetchall())
            return won
        for start in range(0, len(rows), _BATCH):
            batch = rows[start : start + _BATCH]
            one = "(" + ", ".join(["%s"] * (len(fields) + 4)) + ")"
            params: list[Any] = []
            for row in batch:
                values = list(row)
                values[due_on] = connection.ops.adapt_datefield_value(row.due_on)
                params.extend([*values, *fixed, 0, ""])
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(batch))} "  # noqa: S608 (our names)
                f"ON CONFLICT DO NOTHING RETURNING {returning}",
                params,
            )
            won.extend(_Won(pk, d, o, r, e, bool(g)) for pk, d, o, r, e, g in cursor.fetchall())
    return won


def _existing(rows: list[_Row]) -> set[tuple[str, int, str]]:
    deadlines = {row.deadline for row in rows}
    return set(ReminderSent.objects.filter(deadline__in=deadlines).values_list("deadline", "offset", "recipient"))


def _line(row: _Row | _Won, verb: str) -> str:
    return f"{verb}: {row.deadline} {row.offset:+d} → {row.recipient} <{row.email}>{' (digest)' if row.digest else ''}"


def _batches(rows: list[_Won]) -> list[list[int]]:
    digests: dict[str, list[int]] = defaultdict(list)
    batches: list[list[int]] = []
    for row in rows:
        if row.digest:
            digests[row.recipient].append(row.pk)
        else:
            batches.append([row.pk])
    return batches + [digests[k] for k in sorted(digests)]


def _enqueue_task(ids: list[int]) -> None:
    from .tasks import send_reminder_email

    send_reminder_email.delay(ids)


# --- Delivery --------------------------------------------------------------------------


def _when(offset: int) -> str:
    if offset == 0:
        return _("today")
    if offset > 0:
        return ngettext("in %(days)s day", "in %(days)s days", offset) % {"days": offset}
    return ngettext("%(days)s day late", "%(days)s days late", -offset) % {"days": -offset}


def _items(rows: list[ReminderSent]) -> list[dict[str, Any]]:
    items = []
    for row in rows:
        kind = deadline_kind(row.kind)
        sentence = kind.sentence if row.staff or not kind.portal_sentence else kind.portal_sentence
        items.append(
            {
                "text": str(sentence) % {"subject": row.subject},
                "kind": str(kind.label),
                "date": row.due_on,
                "when": _when(row.offset),
                "overdue": row.offset < 0,
                "url": f"{settings.SITE_URL.rstrip('/')}{row.url}" if row.url else "",
            }
        )
    return items


def reminder_message(rows: list[ReminderSent]) -> EmailMultiAlternatives:
    """The e-mail for rows of one recipient, in their language: text and HTML."""
    first = rows[0]
    with translation.override(first.language):
        items = _items(rows)
        if len(rows) == 1:
            subject = _("Reminder: %(text)s") % {"text": items[0]["text"]}
        else:
            subject = ngettext("Your deadlines: %(count)s item", "Your deadlines: %(count)s items", len(rows)) % {
                "count": len(rows)
            }
        context = {"items": items, "digest": len(rows) > 1, "site_url": settings.SITE_URL}
        text = render_to_string("reminders/email.txt", context)
        html = render_to_string("reminders/email.html", context)
    message = EmailMultiAlternatives(subject=subject[:200], body=text, to=[first.email])
    message.attach_alternative(html, "text/html")
    return message


def reminders_deliver(*, ids: list[int]) -> int:
    """Send the e-mail for the rows ``ids`` still unsent; returns how many rows it marked sent.

    The rows stay locked while the e-mail goes out: a second delivery of the same task waits
    (or skips them), then finds them sent. An exception (SMTP) rolls the mark back."""
    with transaction.atomic():
        rows = list(
            ReminderSent.objects.select_for_update(skip_locked=True)
            .filter(pk__in=ids, sent_at=None, failed_at=None)
            .order_by("due_on", "pk")
        )
        if not rows:
            return 0
        reminder_message(rows).send(fail_silently=False)
        ReminderSent.objects.filter(pk__in=[r.pk for r in rows]).update(
            sent_at=timezone.now(), attempts=rows[0].attempts + 1, last_error=""
        )
    return len(rows)


def reminders_record_failure(*, ids: list[int], error: str, give_up: bool) -> None:
    """Count a failed try (outside the rolled-back transaction); at the ceiling, give up."""
    from django.db.models import F

    update: dict[str, Any] = {"attempts": F("attempts") + 1, "last_error": error[:500]}
    if give_up:
        update["failed_at"] = timezone.now()
    ReminderSent.objects.filter(pk__in=ids, sent_at=None).update(**update)


# --- Preferences -----------------------------------------------------------------------


def reminder_preference_set(*, user: Any, delivery: str, muted_kinds: Iterable[str]) -> ReminderPreference:
    """Save a user's choice; mandatory or unknown kinds cannot be muted (ValidationError)."""
    if delivery and delivery not in ReminderDelivery.values:
        raise ValidationError(_("Choose how to receive the reminders."), code="delivery")
    known = {k.key: k for k in deadline_kinds()}
    muted = sorted(set(muted_kinds))
    refused = [k for k in muted if k not in known or known[k].mandatory]
    if refused:
        raise ValidationError(
            _("These reminders cannot be turned off: %(kinds)s.")
            % {"kinds": ", ".join(str(known[k].label) if k in known else k for k in refused)},
            code="mandatory",
        )
    with transaction.atomic():
        preference, _created = ReminderPreference.objects.update_or_create(
            user=user, defaults={"delivery": delivery, "muted_kinds": muted}
        )
    return preference
