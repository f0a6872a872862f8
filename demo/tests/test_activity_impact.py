"""seed_demo: one activity of every type with targets, results, hours, and snapshots collected
from the recorded Wikimedia answers (replay server), so that a newcomer sees figures at once."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import Activity, ActivityType, MetricsSnapshot, SnapshotStatus
from demo.impact import MEASURED_TYPES

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_every_type_an_activity_with_targets_results_and_a_snapshot(client, settings):
    settings.WIKIMEDIA_MIRROR = "http://127.0.0.1:9/"  # any request outside the builder's replay fails
    call_command("seed_demo", "--scale", "0", stdout=io.StringIO())
    with scopes_disabled():
        planned = Activity.objects.filter(indicators__isnull=False).distinct()
        types = set(ActivityType.objects.filter(is_active=True).values_list("code", flat=True))
        assert set(planned.values_list("activity_type__code", flat=True)) == types
        for activity in planned:
            assert activity.stakeholders.count() == 2
            assert sum(s.hours for s in activity.stakeholders.all()) == 19.5
        snapshots = MetricsSnapshot.objects.select_related("activity__activity_type")
        assert {s.activity.activity_type.code for s in snapshots} == MEASURED_TYPES
        assert {s.status for s in snapshots} == {SnapshotStatus.DONE}
        assert {s.figures["bytes_added"] for s in snapshots} == {10550}
        assert {s.request_count for s in snapshots} == {10}

        # A newcomer opens an edit-a-thon: results against targets, as of the snapshot's date.
        from tests.factories import StaffFactory

        client.force_login(StaffFactory(username="newcomer"))
        edit_a_thon = planned.get(activity_type__code="edit-a-thon")
    page = client.get(reverse("staff:activity_detail", args=[edit_a_thon.pk])).content.decode()
    assert "Chiffres au" in page
    assert "+2\u00a0550" in page  # 10 550 bytes added against a target of 8 000

    call_command("seed_demo", "--scale", "0", stdout=io.StringIO())
    with scopes_disabled():
        assert MetricsSnapshot.objects.count() == len(MEASURED_TYPES)  # idempotent
