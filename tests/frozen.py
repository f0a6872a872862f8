"""Frozen time for the deadline tests: what the daily sweep finds on a day, the clock stopped
at beat's hour (08:00 Europe/Paris) with time-machine, so ``timezone.localdate()`` and every
``now()`` the sources read agree with the day."""

import datetime
import zoneinfo

import time_machine
from django.utils import timezone

from core.deadlines import due_on

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(day: datetime.date, hour: int = 8, minute: int = 0) -> time_machine.travel:
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS), tick=False)


def due_at(day: datetime.date, kind: str) -> list[tuple[int, int]]:
    """[(pk, offset)] the sweep finds for ``kind`` on ``day``, at 08:00 in Paris."""
    with at(day):
        return [(d.occurrence.pk, d.offset) for d in due_on(timezone.localdate(), kinds=[kind])]


def offsets_around(date: datetime.date, kind: str, days: list[int]) -> dict[int, list[int]]:
    """{n: offsets found on ``date`` - n days} for each n of ``days`` (negative: after the date)."""
    return {n: [o for _pk, o in due_at(date - datetime.timedelta(days=n), kind)] for n in days}
