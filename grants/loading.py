"""Load programme reference data (``grants/data/*.toml``) into the database, idempotently.

Run by ``manage.py load_grant_programmes`` (``make setup``). Rows are matched by their codes,
so a second run updates texts and dates and creates nothing twice.
"""

import datetime
import tomllib
import zoneinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import (
    ConversationQuestion,
    Criterion,
    FiscalYear,
    FocusArea,
    FundingRegion,
    Programme,
    RegionCountry,
    Round,
    RoundRegion,
    RubricItem,
    StepKind,
    TimelineStep,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS_FILE = DATA_DIR / "regions.toml"
PROGRAMME_FILES = [DATA_DIR / "alliances-fund.toml"]


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _set_translated(obj: Any, field: str, values: dict[str, str]) -> None:
    for lang, value in values.items():
        setattr(obj, f"{field}_{lang}", value)
    setattr(obj, f"{field}_fr", values.get("fr") or values["en"])


def deadline_moment(day: datetime.date, time_zone: str) -> datetime.datetime:
    """The last second of ``day`` in the region's time zone (an aware datetime)."""
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=zoneinfo.ZoneInfo(time_zone))


@transaction.atomic
def regions_load(*, data: dict[str, Any]) -> list[FundingRegion]:
    regions = []
    for position, row in enumerate(data["regions"], start=1):
        region, _created = FundingRegion.objects.get_or_create(code=row["code"], defaults={"name": row["name"]["en"]})
        _set_translated(region, "name", row["name"])
        region.time_zone = row["time_zone"]
        region.position = position
        region.save()
        wanted = set(row["countries"])
        RegionCountry.objects.filter(region=region).exclude(country__in=wanted).delete()
        have = set(RegionCountry.objects.filter(region=region).values_list("country", flat=True))
        RegionCountry.objects.bulk_create([RegionCountry(region=region, country=c) for c in sorted(wanted - have)])
        regions.append(region)
    return regions


def _positioned(model: Any, programme: Programme, rows: list[dict], *, field: str, **extra: Any) -> None:
    for position, row in enumerate(rows, start=1):
        obj, _created = model.objects.get_or_create(
            programme=programme, code=row["code"], **extra, defaults={"position": position, field: row["en"]}
        )
        obj.position = position
        _set_translated(obj, field, row)
        for key in ("max_score",):
            if key in row:
                setattr(obj, key, row[key])
        obj.save()
    model.objects.filter(programme=programme, **extra).exclude(code__in=[r["code"] for r in rows]).delete()


@transaction.atomic
def programme_load(*, data: dict[str, Any]) -> Programme:
    """Create or update one programme, its criteria, rubric, fiscal years, rounds and timelines."""
    programme, _created = Programme.objects.get_or_create(code=data["code"], defaults={"name": data["name"]["en"]})
    for field in ("name", "description", "appeal_notice"):
        _set_translated(programme, field, data[field])
    for field in (
        "currency",
        "invitation_only",
        "non_profit_only",
        "one_open_grant",
        "affiliates_excluded",
        "grant_months",
        "report_due_days",
        "criteria_version",
    ):
        setattr(programme, field, data[field])
    programme.save()
    _positioned(FocusArea, programme, data["focus_areas"], field="name")
    _positioned(Criterion, programme, data["criteria"], field="text", version=data["criteria_version"])
    _positioned(RubricItem, programme, data["rubric"], field="label")
    ConversationQuestion.objects.filter(programme=programme).delete()
    for position, row in enumerate(data["conversations"], start=1):
        question = ConversationQuestion(programme=programme, kind=row["kind"], position=position)
        _set_translated(question, "text", row)
        question.save()
    regions = {r.code: r for r in FundingRegion.objects.all()}
    for fy in data["fiscal_years"]:
        fiscal_year, _c = FiscalYear.objects.get_or_create(
            programme=programme, code=fy["code"], defaults={"starts_on": fy["starts_on"], "ends_on": fy["ends_on"]}
        )
        fiscal_year.starts_on, fiscal_year.ends_on = fy["starts_on"], fy["ends_on"]
        fiscal_year.envelope = Decimal(fy["envelope"]) if "envelope" in fy else None
        fiscal_year.save()
        for rd in fy["rounds"]:
            round_, _c = Round.objects.get_or_create(fiscal_year=fiscal_year, number=rd["number"])
            _set_translated(round_, "label", rd["label"])
            round_.save()
            for code, is_open in [(c, True) for c in rd["regions"]] + [
                (c, False) for c in rd.get("closed_regions", [])
            ]:
                rr, _c = RoundRegion.objects.get_or_create(round=round_, region=regions[code])
                rr.is_open = is_open
                rr.save()
                timeline = rd.get("timelines", {}).get(code)
                if timeline:
                    _timeline_load(rr, timeline)
    return programme


def _timeline_load(round_region: RoundRegion, timeline: dict[str, list[datetime.date]]) -> None:
    for kind in StepKind.values:
        dates = timeline[kind]
        step, _c = TimelineStep.objects.get_or_create(
            round_region=round_region, kind=kind, defaults={"starts_on": dates[0]}
        )
        step.starts_on = dates[0]
        step.ends_on = dates[1] if len(dates) > 1 else None
        step.deadline_at = (
            deadline_moment(dates[-1], round_region.time_zone or round_region.region.time_zone)
            if kind == StepKind.SUBMISSION_DEADLINE
            else None
        )
        step.save()


def load_all() -> list[Programme]:
    regions_load(data=_read(REGIONS_FILE))
    return [programme_load(data=_read(path)) for path in PROGRAMME_FILES]
