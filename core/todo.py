"""The staff "to do" panel: what waits for someone in the back-office.

Each app registers its kinds of pending work in its ``AppConfig.ready()`` (proposals waiting
in activities, invitations expiring in partnerships, agreements to send or awaiting
signatures in agreements), so the dashboard, which sits lower in the layers than some of
them, lists them all without importing upwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.urls import reverse


@dataclass(frozen=True)
class TodoKind:
    key: str
    label: Any  # a lazy translation, with the count as ``%(count)s``: ngettext_lazy
    count: Callable[[], int]
    url_name: str
    query: str = ""
    permission: str = ""
    order: int = 100


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
    """The kinds of pending work this staff user may see, in order, with their counts (one query each)."""
    items = []
    for kind in sorted(_KINDS.values(), key=lambda k: (k.order, k.key)):
        if kind.permission and not user.has_perm(kind.permission):
            continue
        count = kind.count()
        url = reverse(kind.url_name) + (f"?{kind.query}" if kind.query else "")
        items.append(TodoItem(key=kind.key, label=kind.label % {"count": count}, count=count, url=url))
    return items
