"""The staff "to do" panel: what waits for someone in the back-office.

Each app registers its kinds of pending work in its ``AppConfig.ready()`` (proposals waiting
in activities, invitations expiring in partnerships, agreements to send or awaiting
signatures in agreements), so the dashboard, which sits lower in the layers than some of
them, lists them all without importing upwards.

The counts are read once per data version (core/dataversion.py) and shared by every staff
member: a repeated visit of the dashboard runs no query for them. A count that also changes
with the clock (invitations expiring within a week) gives ``count_until``: the count and the
instant it may change by itself; its cached value is not used from that instant on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from . import dataversion

CACHE_SECONDS = 300


@dataclass(frozen=True)
class TodoKind:
    key: str
    label: Any  # a lazy translation, with the count as ``%(count)s``: ngettext_lazy
    count: Callable[[], int]
    url_name: str
    query: str = ""
    permission: str = ""
    order: int = 100
    # For a count that depends on the time too: ``now`` → (count, instant it may next change
    # by itself, or None); used instead of ``count``.
    count_until: Callable[[datetime], tuple[int, datetime | None]] | None = None


@dataclass(frozen=True)
class TodoItem:
    key: str
    label: str
    count: int
    url: str


_KINDS: dict[str, TodoKind] = {}


def todo_register(kind: TodoKind) -> None:
    """Register (or replace, on a second ``ready()``) one kind of pending work."""
    _KINDS[kind.key] = kind


def todo_items(user: AbstractUser | AnonymousUser) -> list[TodoItem]:
    """The kinds of pending work this staff user may see, in order, with their counts (one query
    each, once per data version)."""
    items = []
    version, now = dataversion.current(), timezone.now()
    for kind in sorted(_KINDS.values(), key=lambda k: (k.order, k.key)):
        if kind.permission and not user.has_perm(kind.permission):
            continue
        count = _count(kind, version, now)
        url = reverse(kind.url_name) + (f"?{kind.query}" if kind.query else "")
        items.append(TodoItem(key=kind.key, label=kind.label % {"count": count}, count=count, url=url))
    return items


def _count(kind: TodoKind, version: str, now: datetime) -> int:
    """The kind's count, read once per data version (and, for a timed count, until it changes)."""
    key = f"todo:{kind.key}:{version}"
    cached = cache.get(key)
    if cached is not None and (cached[1] is None or now < cached[1]):
        return int(cached[0])
    count, until = kind.count_until(now) if kind.count_until is not None else (kind.count(), None)
    cache.set(key, (count, until), CACHE_SECONDS)
    return count
