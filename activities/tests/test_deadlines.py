"""The activities' deadlines (activities/deadlines.py) with frozen time: an action starting
(7 and 1 days before), its implementation ending (7 days before and on the day), impact
figures failing three times in a row (on the day, then 7 days later while still failing);
a partnership with two partners: both portals show it, both partners' admins receive it."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.lifecycle import ActivityStatus, SnapshotStatus
from activities.models import Activity, ActivityType, MetricsSnapshot
from activities.services import activity_create
from core.deadlines import due_on, recipients_for, upcoming_deadlines
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory, UserFactory
from tests.frozen import at, due_at, offsets_around

START = datetime.date(2027, 5, 10)
END = datetime.date(2027, 5, 20)


@pytest.fixture
def world(db, catalogue):
    with scopes_disabled():
        lead = StaffFactory(email="lead@wikimedia.fr")
        museum, library, other = (PartnerFactory(name=n) for n in ("Musée A", "Bibliothèque B", "Archives C"))
        admins = []
        for partner in (museum, library, other):
            user = UserFactory(email=f"admin@{partner.pk}.example")
            PartnerMember.objects.create(partner=partner, user=user, role=PartnerRole.ADMIN)
            admins.append(user)
        partnership = PartnershipFactory(partners=[museum, library], title="Soieries", lead=lead)
        activity = activity_create(
            partnership=partnership,
            activity_type=ActivityType.objects.get(code="edit-a-thon"),
            title="Edit-a-thon des canuts",
            start_date=START,
            end_date=END,
            location="Lyon",
            region="ARA",
            by=None,
        )
    return {"lead": lead, "museum": museum, "library": library, "other": other, "admins": admins, "activity": activity}


def test_start_7_and_1_days_before_end_7_days_before_and_on_the_day(world):
    with scopes_disabled():
        assert offsets_around(START, "activity_start", [8, 7, 6, 2, 1, 0, -1]) == {
            8: [],
            7: [7],
            6: [],
            2: [],
            1: [1],
            0: [],
            -1: [],
        }
        assert offsets_around(END, "activity_end", [8, 7, 6, 1, 0, -1]) == {8: [], 7: [7], 6: [], 1: [], 0: [0], -1: []}
        # Done or cancelled: nothing more to remind.
        for status in (ActivityStatus.DONE, ActivityStatus.CANCELLED):
            Activity.objects.filter(pk=world["activity"].pk).update(status=status)
            assert due_at(START - datetime.timedelta(days=7), "activity_start") == []
            assert due_at(END, "activity_end") == []


def test_both_partners_of_the_partnership_see_it_and_receive_it(world):
    activity = world["activity"]
    with scopes_disabled():
        [due] = due_on(START - datetime.timedelta(days=7), kinds=["activity_start"])
        occurrence = due.occurrence
        assert (occurrence.partner_id, occurrence.co_partner_ids) == (world["museum"].pk, (world["library"].pk,))
        assert occurrence.partner_name == "Musée A, Bibliothèque B" and occurrence.owner_id == world["lead"].pk
        recipients = recipients_for([occurrence])[occurrence.key]
        museum_admin, library_admin, _other = world["admins"]
        assert [r.key for r in recipients] == [
            f"user:{museum_admin.pk}",
            f"user:{library_admin.pk}",
            f"user:{world['lead'].pk}",
        ]
        for partner, expected in [
            (world["museum"], [activity.pk]),
            (world["library"], [activity.pk]),
            (world["other"], []),
        ]:
            listed = upcoming_deadlines(START, START, partner=partner, portal=True, kinds=["activity_start"])
            assert [o.pk for o in listed] == expected, partner.name


def _snapshot(activity, status, day):
    with at(day, 3, 30):  # the nightly refresh's hour
        return MetricsSnapshot.objects.create(activity=activity, status=status, taken_at=timezone.now())


def test_metrics_failing_three_times_in_a_row_then_7_days_later_while_still_failing(world):
    activity = world["activity"]
    day = datetime.date(2027, 6, 1)
    with scopes_disabled():
        _snapshot(activity, SnapshotStatus.DONE, day)
        _snapshot(activity, SnapshotStatus.FAILED, day + datetime.timedelta(days=1))
        _snapshot(activity, SnapshotStatus.FAILED, day + datetime.timedelta(days=2))
        assert due_at(day + datetime.timedelta(days=2), "activity_metrics_failing") == []  # two only
        third = day + datetime.timedelta(days=3)
        _snapshot(activity, SnapshotStatus.FAILED, third)
        _snapshot(activity, SnapshotStatus.FAILED, third + datetime.timedelta(days=1))  # a fourth: same deadline
        assert offsets_around(third, "activity_metrics_failing", [1, 0, -1, -6, -7, -8]) == {
            1: [],
            0: [0],
            -1: [],
            -6: [],
            -7: [-7],
            -8: [],
        }
        # The staff lead only; staff see it, the portal does not.
        [due] = due_on(third, kinds=["activity_metrics_failing"])
        assert [r.key for r in recipients_for([due.occurrence])[due.occurrence.key]] == [f"user:{world['lead'].pk}"]
        assert upcoming_deadlines(third, third, partner=world["museum"], portal=True) == []
        # A collection that works again: the deadline is gone, the overdue reminder too.
        _snapshot(activity, SnapshotStatus.PARTIAL, third + datetime.timedelta(days=5))
        assert due_at(third + datetime.timedelta(days=7), "activity_metrics_failing") == []


def test_failures_not_in_a_row_are_not_a_streak(world):
    activity = world["activity"]
    day = datetime.date(2027, 6, 1)
    with scopes_disabled():
        for n, status in enumerate([SnapshotStatus.FAILED, SnapshotStatus.FAILED, SnapshotStatus.DONE]):
            _snapshot(activity, status, day + datetime.timedelta(days=n))
        _snapshot(activity, SnapshotStatus.FAILED, day + datetime.timedelta(days=3))
        assert due_at(day + datetime.timedelta(days=3), "activity_metrics_failing") == []


def test_one_query_per_kind_and_two_for_the_failing_figures(world, django_assert_num_queries):
    with scopes_disabled():
        for kind in ("activity_start", "activity_end"):
            with django_assert_num_queries(1):
                due_on(START - datetime.timedelta(days=7), kinds=[kind])
        with django_assert_num_queries(1):  # no failure on that day: stops after the first
            due_on(START, kinds=["activity_metrics_failing"])
