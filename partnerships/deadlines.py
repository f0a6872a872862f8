"""The partnerships' kind of deadline (registered in ``PartnershipsConfig.ready()``; see
``core.deadlines``): a WMFR membership to renew.

A membership is for one calendar year; it ends on 31 December. While the partner has no
membership for the next year, its renewal is pending: reminded 30 and 7 days before the end,
then 30 days after (overdue). The query selects the memberships of the few years whose
31 December falls in the range (``year IN (...)``, indexed) without a next year's one. A paged
source (``core.deadlines``, "Paged sources"): the staff page reads its first rows by
``(year, id)`` and counts it up to a cap."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.deadlines import PARTNER_ADMINS, STAFF_LEAD, DeadlineKind, DeadlineQuery, Occurrence, url_by_pk

from .models import Membership


def membership_ends_on(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _years(query: DeadlineQuery) -> list[int]:
    if query.dates is not None:
        return sorted({d.year for d in query.dates if d == membership_ends_on(d.year)})
    return [y for y in range(query.start.year, query.end.year + 1) if query.start <= membership_ends_on(y) <= query.end]


def _renewals(query: DeadlineQuery) -> QuerySet[Membership]:
    # Most days no 31 December is in sight: still one (empty, indexed) query, so that a page
    # costs the same number of queries whatever the date.
    years = _years(query) or [0]
    renewed = Membership.objects.filter(partner=OuterRef("partner"), year=OuterRef("year") + 1)
    filters = query.partner("partner_id") & query.owner("partner__owner_id")
    if query.region:
        filters &= Q(partner__region=query.region)
    return Membership.objects.filter(filters, year__in=years).exclude(Exists(renewed))


def membership_renewal_occurrences(query: DeadlineQuery) -> Iterable[Occurrence]:
    # The lists' order (the date, 31 December of the year, then the pk): membership_year_id_idx.
    # Plain values, not model instances: a page reads a hundred, the sweep thousands.
    rows = query.first(
        _renewals(query).values_list(
            "pk", "year", "partner_id", "partner__name", "partner__owner_id", "partner__region"
        ),
        "year",
        "pk",
    )
    staff_url, portal_home = url_by_pk("staff:partner_detail"), reverse("portal:home")
    return [
        Occurrence(
            kind="membership_renewal",
            model="partnerships.membership",
            pk=pk,
            date=membership_ends_on(year),
            subject=f"{name} – {year}",  # str(Membership)
            partner_id=partner_id,
            partner_name=name,
            url=staff_url(partner_id),
            portal_url=portal_home,
            owner_id=owner_id,
            region=region,
        )
        for pk, year, partner_id, name, owner_id, region in rows
    ]


def membership_renewal_count(query: DeadlineQuery) -> int:
    return query.count(_renewals(query), "year", "pk")


KINDS = (
    DeadlineKind(
        key="membership_renewal",
        app="partnerships",
        label=_("Membership fee renewal"),
        sentence=_("Membership %(subject)s ends on 31 December: the fee is to be renewed for the next year."),
        portal_sentence=_(
            "Your Wikimédia France membership (%(subject)s) ends on 31 December: renew the fee (100 € minimum)."
        ),
        occurrences=membership_renewal_occurrences,
        count=membership_renewal_count,
        recipients=(STAFF_LEAD, PARTNER_ADMINS),
        offsets=(30, 7),
        overdue=(30,),
        order=20,
    ),
)
