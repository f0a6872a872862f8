"""Open data, for the transparency value: the partnerships whose partners agreed to publish
them, their activities and their figures, as a public page and as CSV / JSON downloads.

The flag is set by staff or by the partner's admins in the portal (:func:`publication_set`,
audited). What is published is chosen column by column here (:data:`ACTIVITY_COLUMNS`,
:func:`open_data`): organisations, titles, dates, places and figures, never a contact, a
user, a username, an e-mail, a note or a stakeholder's name.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from core.services import audit_log
from partnerships.models import Partner, Partnership

from .impact import ActivityImpact, ImpactFilters, ImpactTotals, impact_rows, impact_totals
from .report_models import PartnershipPublication


def publication_set(*, partnership: Partnership, published: bool, by: Any) -> PartnershipPublication:
    """Record whether the partners agreed to publish ``partnership`` (an audit entry when it
    changes; setting the same value again changes nothing)."""
    with transaction.atomic():
        locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
        row, created = PartnershipPublication.objects.get_or_create(partnership=locked)
        if row.published != published or created:
            row.published = published
            row.save(update_fields=["published", "changed_at"])
            audit_log(
                obj=locked,
                action="partnership.open_data_set",
                actor=by,
                from_state="" if created else str(not published).lower(),
                to_state=str(published).lower(),
                data={"published": published},
            )
    return row


def is_published(partnership: Partnership) -> bool:
    row = PartnershipPublication.objects.filter(partnership=partnership).only("published").first()
    return bool(row and row.published)


@dataclass
class OpenActivity:
    activity: Activity
    totals: ImpactTotals


@dataclass
class OpenPartnership:
    partnership: Partnership
    partners: list[Partner]
    activities: list[OpenActivity]


@dataclass
class OpenData:
    partnerships: list[OpenPartnership]
    totals: ImpactTotals


def open_data() -> OpenData:
    """Every published partnership with its partners (organisations only) and its activities
    with their figures; the totals count a shared article or file once. Seven queries."""
    rows = impact_rows(ImpactFilters(published_only=True))
    by_activity: dict[int, ActivityImpact] = {r.activity_id: r for r in rows}
    partnerships = list(
        Partnership.objects.filter(publication__published=True)
        .only("pk", "title", "goal", "kind", "status", "start_date", "end_date", "is_pilot")
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=Partner.objects.only("pk", "name", "partner_type", "region", "city").order_by("name"),
            )
        )
        .order_by("title", "pk")
    )
    activities: dict[int, list[OpenActivity]] = {}
    shown = (
        Activity.objects.filter(pk__in=list(by_activity))
        .select_related("activity_type")
        .only(
            "pk",
            "partnership_id",
            "title",
            "status",
            "start_date",
            "end_date",
            "region",
            "activity_type__code",
            "activity_type__name",
            "activity_type__name_fr",
            "activity_type__name_en",
        )
        .order_by("start_date", "pk")
    )
    for activity in shown if by_activity else []:
        activities.setdefault(activity.partnership_id, []).append(
            OpenActivity(activity=activity, totals=impact_totals([by_activity[activity.pk]]))
        )
    return OpenData(
        partnerships=[
            OpenPartnership(partnership=p, partners=list(p.partners.all()), activities=activities.get(p.pk, []))
            for p in partnerships
        ],
        totals=impact_totals(rows),
    )


#: The published columns of an activity: (key, header). Figures only; no personal data.
ACTIVITY_COLUMNS: list[tuple[str, Any]] = [
    ("partnership_id", _("partnership id")),
    ("partnership", _("partnership")),
    ("partners", _("partners")),
    ("activity_id", _("activity id")),
    ("activity", _("activity")),
    ("activity_type", _("activity type")),
    ("status", _("status")),
    ("start_date", _("start date")),
    ("end_date", _("end date")),
    ("region", _("region")),
    ("people_trained", _("people trained")),
    ("people_made_aware", _("people made aware")),
    ("participants", _("participants")),
    ("articles_created", _("articles created")),
    ("articles_improved", _("articles improved")),
    ("bytes_added", _("bytes added")),
    ("files_uploaded", _("files uploaded")),
    ("files_in_use", _("files in use")),
    ("page_views", _("page views")),
    ("hours", _("hours")),
]

FIGURES = [key for key, _header in ACTIVITY_COLUMNS[10:]]


def _figures(totals: ImpactTotals) -> dict[str, Any]:
    return {key: getattr(totals, key) for key in FIGURES}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def activity_records(data: OpenData) -> list[dict[str, Any]]:
    """One flat record per published activity (the CSV's rows)."""
    records = []
    for entry in data.partnerships:
        partners = ", ".join(p.name for p in entry.partners)
        for item in entry.activities:
            a = item.activity
            records.append(
                {
                    "partnership_id": entry.partnership.pk,
                    "partnership": entry.partnership.title,
                    "partners": partners,
                    "activity_id": a.pk,
                    "activity": a.title,
                    "activity_type": a.activity_type.code,
                    "status": a.status,
                    "start_date": a.start_date,
                    "end_date": a.end_date,
                    "region": a.region,
                    **{k: _plain(v) for k, v in _figures(item.totals).items()},
                }
            )
    return records


def as_json(data: OpenData) -> dict[str, Any]:
    """The open data as a JSON document: partnerships, their partners and activities."""
    return {
        "licence": "CC0-1.0",
        "totals": {k: _plain(v) for k, v in _figures(data.totals).items()},
        "partnerships": [
            {
                "id": entry.partnership.pk,
                "title": entry.partnership.title,
                "goal": entry.partnership.goal,
                "kind": entry.partnership.kind,
                "status": entry.partnership.status,
                "start_date": _plain(entry.partnership.start_date),
                "end_date": _plain(entry.partnership.end_date),
                "partners": [
                    {"name": p.name, "type": p.partner_type, "region": p.region, "city": p.city} for p in entry.partners
                ],
                "activities": [
                    {
                        "id": item.activity.pk,
                        "title": item.activity.title,
                        "type": item.activity.activity_type.code,
                        "status": item.activity.status,
                        "start_date": _plain(item.activity.start_date),
                        "end_date": _plain(item.activity.end_date),
                        "region": item.activity.region,
                        "figures": {k: _plain(v) for k, v in _figures(item.totals).items()},
                    }
                    for item in entry.activities
                ],
            }
            for entry in data.partnerships
        ],
    }
