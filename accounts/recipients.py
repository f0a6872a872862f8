"""Reminder recipients the accounts know (registered in ``AccountsConfig.ready()``; see
``core.deadlines``): the programme officers, by their staff role."""

from __future__ import annotations

from collections.abc import Sequence

from core.deadlines import Occurrence, Recipient, user_recipient

from .models import User
from .roles import PROGRAMME_OFFICER


def programme_officers(occurrences: Sequence[Occurrence]) -> dict[str, list[Recipient]]:
    """Every active programme officer with an e-mail address receives each occurrence (one query)."""
    officers = [
        user_recipient(u)
        for u in User.objects.filter(groups__name=PROGRAMME_OFFICER, is_active=True, is_staff=True)
        .exclude(email="")
        .order_by("pk")
        .distinct()
    ]
    return {o.key: list(officers) for o in occurrences}
