"""In-app notifications: the same events as the reminder e-mails, shown under the bell.

``notifications_create(rows)`` is called by the sweep (``core.reminders``) with the sent-log
rows it has just won, in the same transaction: a notification exists exactly when its
reminder was decided (one per recipient, deadline and offset; contacts without an account
get the e-mail only). The text is written in the recipient's language. The bell's unread
count rides on the query that loads the session's user (``accounts.backends``:
``with_unread_count``), so it costs no query of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from .deadlines import deadline_kind
from .models import Notification


class SentRow(Protocol):
    """What a notification is made of: a sent-log row (``core.reminders``)."""

    @property
    def user_id(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def deadline(self) -> str: ...
    @property
    def offset(self) -> int: ...
    @property
    def staff(self) -> bool: ...
    @property
    def language(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def url(self) -> str: ...


def _texts(rows: list[SentRow]) -> list[str]:
    """Each row's sentence in its recipient's language (one language switch per language, one
    sentence per kind and wording: the sweep may write thousands)."""
    texts = [""] * len(rows)
    by_language: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_language.setdefault(row.language, []).append(i)
    for language, indexes in by_language.items():
        with translation.override(language):
            sentences: dict[tuple[str, bool], str] = {}
            for i in indexes:
                row = rows[i]
                key = (row.kind, row.staff)
                if key not in sentences:
                    kind = deadline_kind(row.kind)
                    sentence = kind.sentence if row.staff or not kind.portal_sentence else kind.portal_sentence
                    sentences[key] = str(sentence)
                texts[i] = (sentences[key] % {"subject": row.subject})[:400]
    return texts


def notifications_create(rows: Iterable[SentRow]) -> int:
    """One notification per row sent to a user (call inside the sweep's transaction)."""
    mine = [row for row in rows if row.user_id is not None]
    made = [
        Notification(
            recipient_id=int(row.user_id or 0),  # never 0: rows without a user are dropped above
            kind=row.kind,
            deadline=row.deadline,
            offset=row.offset,
            text=text,
            url=row.url,
        )
        for row, text in zip(mine, _texts(mine), strict=True)
    ]
    Notification.objects.bulk_create(made, ignore_conflicts=True, batch_size=1000)
    return len(made)


def notifications_mark_read(*, user: Any, ids: Sequence[int] | None) -> int:
    """Mark ``user``'s notifications ``ids`` (None: all) read; returns how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at=None)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


def with_unread_count(users: QuerySet[Any]) -> QuerySet[Any]:
    """``users`` annotated with ``unread_notifications`` (a subquery on the unread index)."""
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at=None)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    annotated: QuerySet[Any] = users.annotate(
        unread_notifications=Coalesce(Subquery(unread, output_field=IntegerField()), 0)
    )
    return annotated
