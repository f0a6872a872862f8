"""The agreements' deadlines on the portal home (registered in ``AgreementsConfig.ready()``):
a signature expected, an agreement in force ending within 90 days."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.registry import Deadline
from partnerships.models import Partner

from . import lifecycle
from .selectors import partner_agreements

DEADLINE_HORIZON = datetime.timedelta(days=90)


def agreement_deadlines(partner: Partner) -> list[Deadline]:
    today = timezone.localdate()
    deadlines = []
    waiting_or_in_force = lifecycle.AWAITING_SIGNATURE | lifecycle.IN_FORCE
    for agreement in (
        partner_agreements(partner=partner).filter(status__in=waiting_or_in_force).order_by("end_date", "pk")
    ):
        url = reverse("portal:agreement_detail", args=[agreement.pk])
        names = {"reference": agreement.reference, "title": agreement.title}
        if lifecycle.is_awaiting_signature(agreement):
            deadlines.append(
                Deadline(label=_("%(reference)s “%(title)s”: your signature is expected.") % names, url=url)
            )
        elif agreement.end_date and today <= agreement.end_date <= today + DEADLINE_HORIZON:
            deadlines.append(
                Deadline(label=_("%(reference)s “%(title)s” ends.") % names, url=url, date=agreement.end_date)
            )
    return deadlines
