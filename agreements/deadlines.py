"""The agreements' kinds of deadline (registered in ``AgreementsConfig.ready()``; see
``core.deadlines``): an agreement in force ending (renew it or close it), a signature expected
for too long."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.deadlines import PARTNER_ADMINS, STAFF_LEAD, DeadlineKind, DeadlineQuery, Occurrence, url_by_pk

from . import lifecycle
from .models import Agreement

#: The partner is reminded when its signature has been expected this many days.
SIGNATURE_EXPECTED_WITHIN = 30

MODEL = "agreements.agreement"
Link = Callable[[int], str]


def _occurrences(kind: str, dated: Iterable[tuple[Agreement, datetime.date]]) -> list[Occurrence]:
    staff_url, portal_url = url_by_pk("staff:agreement_detail"), url_by_pk("portal:agreement_detail")
    return [_occurrence(kind, a, date, staff_url, portal_url) for a, date in dated]


def _occurrence(
    kind: str,
    agreement: Agreement,
    date: datetime.date,
    staff_url: Callable[[int], str],
    portal_url: Callable[[int], str],
) -> Occurrence:
    partner = agreement.partner
    return Occurrence(
        kind=kind,
        model=MODEL,
        pk=agreement.pk,
        date=date,
        subject=f"{agreement.reference} – {agreement.title}",
        partner_id=partner.pk,
        partner_name=partner.name,
        url=staff_url(agreement.pk),
        portal_url=portal_url(agreement.pk),
        owner_id=agreement.partnership.lead_id,
        region=partner.region,
    )


def _agreements(query: DeadlineQuery) -> QuerySet[Agreement]:
    filters = query.partner("partner_id") & query.owner("partnership__lead_id")
    if query.region:
        filters &= Q(partner__region=query.region)
    return Agreement.objects.filter(filters)


def _ending(query: DeadlineQuery) -> QuerySet[Agreement]:
    return _agreements(query).filter(lifecycle.in_force_q(), query.on("end_date"))


def _awaiting(query: DeadlineQuery) -> QuerySet[Agreement]:
    return _agreements(query).filter(
        lifecycle.awaiting_signature_q(), query.on("sent_on", shift=SIGNATURE_EXPECTED_WITHIN)
    )


def agreement_end_occurrences(query: DeadlineQuery) -> Iterable[Occurrence]:
    # The lists' order (the date, then the pk): agreement_in_force_end_idx.
    agreements = query.first(_ending(query).select_related("partner", "partnership"), "end_date", "pk")
    return _occurrences("agreement_end", ((a, a.end_date) for a in agreements if a.end_date))


def agreement_end_count(query: DeadlineQuery) -> int:
    return query.count(_ending(query), "end_date", "pk")


def agreement_signature_occurrences(query: DeadlineQuery) -> Iterable[Occurrence]:
    """Dated ``sent_on`` + 30 days: the partner sees it from the day it is sent."""
    # The lists' order (the date, then the pk): agreement_awaiting_sent_idx.
    agreements = query.first(_awaiting(query).select_related("partner", "partnership"), "sent_on", "pk")
    wait = datetime.timedelta(days=SIGNATURE_EXPECTED_WITHIN)
    return _occurrences("agreement_signature", ((a, a.sent_on + wait) for a in agreements if a.sent_on))


def agreement_signature_count(query: DeadlineQuery) -> int:
    return query.count(_awaiting(query), "sent_on", "pk")


KINDS = (
    DeadlineKind(
        key="agreement_end",
        app="agreements",
        label=_("Agreement end and renewal"),
        sentence=_("%(subject)s ends: renew it or let it end."),
        portal_sentence=_("%(subject)s ends."),
        occurrences=agreement_end_occurrences,
        count=agreement_end_count,
        recipients=(STAFF_LEAD, PARTNER_ADMINS),
        offsets=(60, 30, 7),
        mandatory=True,
        order=10,
    ),
    DeadlineKind(
        key="agreement_signature",
        app="agreements",
        label=_("Signature pending for too long"),
        sentence=_("%(subject)s: the partner’s signature has been pending for a month."),
        portal_sentence=_("%(subject)s: your signature is expected."),
        occurrences=agreement_signature_occurrences,
        count=agreement_signature_count,
        recipients=(STAFF_LEAD, PARTNER_ADMINS),
        offsets=(0,),
        overdue=(7, 30),
        mandatory=True,
        order=11,
    ),
)
