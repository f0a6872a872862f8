"""Reads of the grants app: each page's queryset and its query plan in one place."""

from __future__ import annotations

import datetime
import difflib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone

from core import dataversion

from . import lifecycle
from .models import (
    Application,
    ApplicationStatus,
    ApplicationVersion,
    FinalReport,
    FiscalYear,
    GrantInvitation,
    Programme,
    Review,
    RoundRegion,
    StepKind,
    TimelineStep,
)
from .services import is_officer, member_regions

S = ApplicationStatus


def visible_applications(user) -> QuerySet[Application]:
    """What a staff user may see: officers every application, committee members those of
    their regions once they are submitted."""
    qs = Application.objects.all()
    if not is_officer(user):
        qs = qs.filter(round_region__region_id__in=member_regions(user)).exclude(status=S.DRAFT)
    return qs


def fiscal_year_with_programme(pk: int) -> FiscalYear | None:
    """The pipeline's fiscal year (its 404, its title), read once per data version
    (core/dataversion.py): a page served from its cached block then runs no query at all."""
    key = f"grants-fiscal-year:{pk}:{dataversion.current()}"
    fiscal_year = cache.get(key)
    if fiscal_year is None:
        fiscal_year = FiscalYear.objects.select_related("programme").filter(pk=pk).first()
        if fiscal_year is not None:
            cache.set(key, fiscal_year, 300)
    return fiscal_year


def programme_list() -> list[Programme]:
    return list(Programme.objects.prefetch_related("fiscal_years").order_by("name"))


def pipeline(*, fiscal_year: FiscalYear, user, round_id=None, region_id=None, status=None) -> QuerySet[Application]:
    qs = visible_applications(user).filter(round_region__round__fiscal_year=fiscal_year)
    if round_id:
        qs = qs.filter(round_region__round_id=round_id)
    if region_id:
        qs = qs.filter(round_region__region_id=region_id)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("partner", "round_region__region", "round_region__round").order_by(
        "round_region__region__position", "status", "title", "pk"
    )


def status_counts(qs: QuerySet[Application]) -> dict[tuple[int, str], int]:
    """Counts per (region id, status), in one GROUP BY."""
    rows = qs.order_by().values("round_region__region_id", "status").annotate(n=Count("pk"))
    return {(r["round_region__region_id"], r["status"]): r["n"] for r in rows}


@dataclass
class EnvelopeRow:
    label: str
    allocated: Decimal | None
    committed: Decimal
    left: Decimal | None


def envelope_rows(fiscal_year: FiscalYear) -> list[EnvelopeRow]:
    """Allocated, committed and left per open region, then for the fiscal year (2 queries)."""
    regions = list(
        RoundRegion.objects.filter(round__fiscal_year=fiscal_year, is_open=True)
        .select_related("region")
        .order_by("region__position", "round__number")
    )
    sums = dict(
        Application.objects.filter(round_region__round__fiscal_year=fiscal_year, status=S.APPROVED)
        .order_by()
        .values_list("round_region__region_id")
        .annotate(total=Sum("approved_amount"))
    )
    rows, seen = [], set()
    for rr in regions:
        if rr.region_id in seen:
            continue
        seen.add(rr.region_id)
        done = sums.get(rr.region_id) or Decimal("0")
        rows.append(
            EnvelopeRow(rr.region.name, rr.allocation, done, None if rr.allocation is None else rr.allocation - done)
        )
    total = sum((r.committed for r in rows), Decimal("0"))
    env = fiscal_year.envelope
    rows.append(EnvelopeRow("", env, total, None if env is None else env - total))
    return rows


def application_detail(qs: QuerySet[Application], pk: int) -> Application:
    return (
        qs.select_related(
            "partner", "round_region__region", "round_region__round__fiscal_year__programme", "invitation"
        )
        .prefetch_related(
            "focus_areas",
            "objectives",
            "activities",
            "budget_lines",
            "attachments",
            "versions",
            "translations",
            "feedback",
            "payments",
            "conversations",
            Prefetch(
                "eligibility", queryset=Application.eligibility.rel.related_model.objects.select_related("criterion")
            ),
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer").prefetch_related("scores")),
            "round_region__steps",
        )
        .get(pk=pk)
    )


def final_report_of(application: Application) -> FinalReport | None:
    return FinalReport.objects.filter(application=application).first()


@dataclass
class TimelineEntry:
    label: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    state: str  # "done", "next", "later"


def timeline(application: Application, today: datetime.date | None = None) -> list[TimelineEntry]:
    """The region's steps, then the grant's own dates, each done / next / later."""
    today = today or timezone.localdate()
    entries = [
        (str(s.get_kind_display()), s.starts_on, s.ends_on)
        for s in sorted(application.round_region.steps.all(), key=lambda s: (s.starts_on, s.kind))
    ]
    if application.report_due_on:
        from django.utils.translation import gettext as _

        entries.append((_("Final learning report due (30 days after the grant end)"), application.report_due_on, None))
        entries.sort(key=lambda e: e[1])
    out, next_given = [], False
    for label, start, end in entries:
        if (end or start) < today:
            state = "done"
        elif not next_given:
            state, next_given = "next", True
        else:
            state = "later"
        out.append(TimelineEntry(label, start, end, state))
    return out


def next_date(application: Application, today: datetime.date | None = None) -> TimelineEntry | None:
    return next((e for e in timeline(application, today) if e.state == "next"), None)


def deadline(round_region: RoundRegion) -> TimelineStep | None:
    return next((s for s in round_region.steps.all() if s.kind == StepKind.SUBMISSION_DEADLINE), None)


@dataclass
class ScoreBoard:
    items: list
    rows: list  # (reviewer, [values], total, comment)
    averages: list
    spreads: list


def score_board(application: Application) -> ScoreBoard:
    items = list(application.round_region.round.fiscal_year.programme.rubric.all())
    rows, columns = [], [[] for _ in items]
    for review in application.reviews.all():
        by_item = {s.item_id: s.value for s in review.scores.all()}
        values = [by_item.get(i.pk) for i in items]
        for col, v in zip(columns, values, strict=True):
            if v is not None:
                col.append(v)
        rows.append((review.reviewer, values, sum(v for v in values if v is not None), review.comment))
    averages = [round(sum(c) / len(c), 2) if c else None for c in columns]
    spreads = [max(c) - min(c) if c else None for c in columns]
    return ScoreBoard(items, rows, averages, spreads)


def _lines(content: dict) -> list[str]:
    lines = []
    for key, value in content.items():
        if isinstance(value, list):
            lines += [f"{key}: {json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v}" for v in value] or [
                f"{key}: —"
            ]
        else:
            lines += [f"{key}: {line}" for line in (str(value).splitlines() or ["—"])]
    return lines


def version_diff(older: ApplicationVersion, newer: ApplicationVersion) -> list[tuple[str, str]]:
    """(kind, line) pairs: "+" added, "-" removed, " " unchanged (difflib over the frozen texts)."""
    out = []
    for line in difflib.ndiff(_lines(older.content), _lines(newer.content)):
        if line.startswith("?"):
            continue
        out.append((line[0], line[2:]))
    return out


def portal_invitations(partner) -> list[GrantInvitation]:
    return list(
        GrantInvitation.objects.filter(partner=partner, status="open")
        .select_related("round_region__region", "round_region__round__fiscal_year__programme")
        .prefetch_related("round_region__steps")
    )


def portal_applications(partner) -> list[Application]:
    return list(
        Application.objects.filter(partner=partner)
        .select_related("round_region__region", "round_region__round__fiscal_year__programme", "final_report")
        .prefetch_related("round_region__steps", "feedback")
        .order_by("-created_at", "-pk")
    )


@dataclass
class PublicRound:
    label: str
    groups: list  # (key, [applications])


def public_listing(fiscal_year: FiscalYear) -> list[PublicRound]:
    """The seed's "Review applications": per round, the four groups in its order."""
    public_statuses = [s for _key, statuses in lifecycle.PUBLIC_GROUPS for s in statuses]
    applications = list(
        Application.objects.filter(round_region__round__fiscal_year=fiscal_year, status__in=public_statuses)
        .select_related("partner", "round_region__region")
        .only(
            "title",
            "status",
            "approved_amount",
            "round_region__round_id",
            "partner__name",
            "round_region__region__name",
            "round_region__region__name_fr",
            "round_region__region__name_en",
        )
        .order_by("title", "pk")
    )
    out = []
    for round_ in fiscal_year.rounds.order_by("-number"):
        mine = [a for a in applications if a.round_region.round_id == round_.pk]
        out.append(
            PublicRound(
                str(round_),
                [(key, [a for a in mine if a.status in statuses]) for key, statuses in lifecycle.PUBLIC_GROUPS],
            )
        )
    return out


def published_reports(fiscal_year: FiscalYear) -> list[FinalReport]:
    return list(
        FinalReport.objects.filter(application__round_region__round__fiscal_year=fiscal_year, published=True)
        .select_related("application__partner", "application__round_region__region")
        .order_by("application__title")
    )
