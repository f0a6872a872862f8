"""Reminder recipients on the partner's side (registered in ``PartnershipsConfig.ready()``;
see ``core.deadlines``): its portal admins, and its contacts.

A contact whose e-mail address is that of one of the partner's portal users receives it as
that user (their language, their preferences); otherwise as the contact alone (the contact's
preferred language, else French)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models.functions import Lower

from core.deadlines import Occurrence, Recipient, user_recipient

from .models import Contact, PartnerMember, PartnerRole


def _by_partner(occurrences: Sequence[Occurrence]) -> set[int]:
    return {p for o in occurrences for p in o.partner_ids}


def _spread(occurrences: Sequence[Occurrence], found: dict[int, list[Recipient]]) -> dict[str, list[Recipient]]:
    return {o.key: [r for p in o.partner_ids for r in found.get(p, [])] for o in occurrences}


def partner_admins(occurrences: Sequence[Occurrence]) -> dict[str, list[Recipient]]:
    """The partners' portal admins with an e-mail address (one query)."""
    found: dict[int, list[Recipient]] = defaultdict(list)
    members = (
        PartnerMember.objects.filter(partner__in=_by_partner(occurrences), role=PartnerRole.ADMIN, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("partner_id", "user_id")
    )
    for m in members:
        found[m.partner_id].append(user_recipient(m.user))
    return _spread(occurrences, found)


def partner_contacts(occurrences: Sequence[Occurrence]) -> dict[str, list[Recipient]]:
    """The partners' contacts with an e-mail address, as users when they have an account (two queries)."""
    partners = _by_partner(occurrences)
    users = {
        (m.partner_id, m.user.email.lower()): m.user
        for m in PartnerMember.objects.filter(partner__in=partners, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
    }
    found: dict[int, list[Recipient]] = defaultdict(list)
    for c in (
        Contact.objects.filter(partner__in=partners).exclude(email="").order_by("partner_id", Lower("email"), "pk")
    ):
        user = users.get((c.partner_id, c.email.lower()))
        if user is not None:
            found[c.partner_id].append(user_recipient(user))
        else:
            found[c.partner_id].append(
                Recipient(
                    key=f"contact:{c.pk}",
                    email=c.email,
                    language=c.preferred_language or "fr",
                    name=f"{c.first_name} {c.last_name}",
                )
            )
    return _spread(occurrences, found)
