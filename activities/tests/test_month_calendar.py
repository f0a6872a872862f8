"""The month view of the staff calendar (activities/selectors.py month_calendar): the same days,
activities shown and "N more" as expanding every activity day by day, in a fixed number of
queries whatever the month holds (issue 11)."""

from __future__ import annotations

import calendar
import datetime
import random

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from activities import selectors
from activities.models import Activity, ActivityType
from tests.factories import PartnerFactory, PartnershipFactory
from tests.query_counts import BADGE, STAFF, Q, measure

DAY = datetime.timedelta(days=1)


def reference(year: int, month: int) -> list[tuple[datetime.date, bool, list[int], int]]:
    """Each day of the grid: every activity taking place on it, in (start date, pk) order,
    expanded one day at a time over every row of the table; the first four shown, the rest
    counted."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    rows = sorted(
        (a.start_date, a.pk, a.end_date or a.start_date) for a in Activity.objects.all() if a.start_date is not None
    )
    days = []
    for day in (d for week in weeks for d in week):
        covering = [pk for start, pk, end in rows if start <= day <= end]
        days.append((day, day.month == month, covering[: selectors.MONTH_DAY_SHOWN], max(0, len(covering) - 4)))
    return days


def computed(year: int, month: int) -> list[tuple[datetime.date, bool, list[int], int]]:
    weeks = selectors.month_calendar(year=year, month=month, qs=selectors.activity_list_queryset())
    return [(d.day, d.in_month, [a.pk for a in d.shown], d.more) for week in weeks for d in week]


def grow(partnership, activity_type, n: int, *, around: datetime.date, seed: int, title: str = "Action") -> None:
    """``n`` activities around a month: long spans (residencies, programmes) starting months
    before it and ending after it, spans crossing the grid's edges, one-day actions, open ends
    (no end date: they last their start day), ties on the start date (a few start days shared
    by many), wholly before or after the grid, undated."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not a secret
    shared_starts = [around + rng.randint(-60, 45) * DAY for _ in range(6)]
    rows = []
    for i in range(n):
        kind = rng.random()
        if kind < 0.05:
            start, end = None, None
        else:
            start = rng.choice(shared_starts) if rng.random() < 0.4 else around + rng.randint(-150, 60) * DAY
            if kind < 0.25:
                end = None
            elif kind < 0.45:
                end = start
            elif kind < 0.75:
                end = start + rng.randint(1, 20) * DAY
            else:
                end = start + rng.randint(30, 240) * DAY
        rows.append(
            Activity(
                partnership=partnership,
                activity_type=activity_type,
                title=f"{title} {seed}-{i}",
                start_date=start,
                end_date=end,
            )
        )
    Activity.objects.bulk_create(rows)


@pytest.fixture
def place(catalogue):
    return PartnershipFactory(partners=[PartnerFactory()]), ActivityType.objects.get(code="edit-a-thon")


@pytest.mark.parametrize(
    ("year", "month", "n", "seed"),
    [
        (2024, 3, 160, 1),  # five weeks, crowded: many days with more than four
        (2026, 8, 160, 2),  # six weeks (1 August is a Saturday)
        (2027, 2, 160, 3),  # four weeks exactly (1 February is a Monday, 28 days)
        (2024, 3, 14, 4),  # sparse: most days have fewer than four, some none
        (2024, 12, 60, 5),  # the grid crosses the year
    ],
)
def test_the_month_shows_what_expanding_every_activity_day_by_day_shows(place, year, month, n, seed):
    partnership, activity_type = place
    with scopes_disabled():
        grow(partnership, activity_type, n, around=datetime.date(year, month, 1), seed=seed)
        expected = reference(year, month)
        assert computed(year, month) == expected
    # The data exercise what they should: crowded days in a crowded month, days with some
    # but fewer than four in a sparse one.
    if n > 100:
        assert any(more for _d, _in, _shown, more in expected)
    if n < 20:
        assert any(0 < len(shown) < 4 for _d, _in, shown, _more in expected)


def test_ties_on_the_start_date_are_broken_by_pk_and_the_grid_edges_count(place):
    partnership, activity_type = place
    first, last = datetime.date(2024, 2, 26), datetime.date(2024, 3, 31)  # March 2024's grid
    with scopes_disabled():
        make = [
            # Six starting the same day before the grid: the four with the smallest pk are shown
            # on every day they cover, whatever their ends.
            *((first - 10 * DAY, first + k * DAY) for k in (0, 40, 1, 40, 2, 40)),
            # One ending on the grid's last day, one starting on it, one open on it.
            (first + 20 * DAY, last),
            (last, last + 30 * DAY),
            (last, None),
            (last + DAY, last + 5 * DAY),  # after the grid: never shown
            (first - 5 * DAY, first - DAY),  # ended the day before: never shown
        ]
        created = Activity.objects.bulk_create(
            [
                Activity(partnership=partnership, activity_type=activity_type, title=f"T{i}", start_date=s, end_date=e)
                for i, (s, e) in enumerate(make)
            ]
        )
        pks = [a.pk for a in created]
        days = {
            d.day: d for week in selectors.month_calendar(year=2024, month=3, qs=Activity.objects.all()) for d in week
        }
    assert [a.pk for a in days[first].shown] == pks[0:4] and days[first].more == 2
    # Day 2: those ending on the first and second days are gone; the 40-day ones remain.
    assert [a.pk for a in days[first + 2 * DAY].shown] == [pks[1], pks[3], pks[4], pks[5]]
    assert days[first + 2 * DAY].more == 0
    assert [a.pk for a in days[last].shown] == [pks[1], pks[3], pks[5], pks[6]]
    assert days[last].more == 2  # the two starting on the last day
    assert pks[9] not in {a.pk for d in days.values() for a in d.shown}
    assert pks[10] not in {a.pk for d in days.values() for a in d.shown}


def test_the_month_page_runs_the_same_queries_with_ten_or_two_hundred_long_activities(place, staff_client):
    """The page's exact queries (tests/test_query_counts.py holds them over build_world too),
    here with spans that cross the month and many a day, at two sizes."""
    partnership, activity_type = place
    grown = {"seed": 10}

    def more(n: int) -> None:
        grown["seed"] += 1
        grow(partnership, activity_type, n, around=datetime.date(2024, 3, 1), seed=grown["seed"])

    measure(
        "staff:activity_calendar (long spans)",
        staff_client,
        lambda: reverse("staff:activity_calendar") + "?month=2024-03",
        more,
        (10, 200),
        (
            *STAFF,
            BADGE,
            Q("activities_activity", "the day counts: spans clipped to the grid, grouped"),
            Q("activities_activity", "the activities shown: four at most by last day in the grid, four running on"),
        ),
    )


def test_a_partition_is_a_last_day_and_the_running_ones_may_all_start_inside_the_grid(place):
    """Six starting the same day, the four smallest pks ending that day: the two others are the
    only ones of the following days (ranked by start, they would come fifth and sixth). No
    activity starts before the grid: those still running on its last day all start inside it."""
    partnership, activity_type = place
    first, last = datetime.date(2024, 2, 26), datetime.date(2024, 3, 31)
    same = first + 3 * DAY
    with scopes_disabled():
        make = [*((same, same) for _ in range(4)), (same, same + 7 * DAY), (same, same + 7 * DAY)]
        make += [(first + 20 * DAY, last), (last - 2 * DAY, last + 10 * DAY), (last, None)]
        created = Activity.objects.bulk_create(
            [
                Activity(partnership=partnership, activity_type=activity_type, title=f"S{i}", start_date=s, end_date=e)
                for i, (s, e) in enumerate(make)
            ]
        )
        pks = [a.pk for a in created]
        days = {day: shown for day, _in, shown, _more in computed(2024, 3)}
        assert computed(2024, 3) == reference(2024, 3)
    assert days[same] == pks[0:4]
    assert days[same + DAY] == [pks[4], pks[5]]
    assert days[last] == [pks[6], pks[7], pks[8]]
