"""The activity status table and the snapshot predicates live in activities/lifecycle.py;
the service enforces the table, templates read the predicates."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from activities import lifecycle
from activities.models import Activity, ActivityStatus, MetricsSnapshot, SnapshotStatus
from activities.services import activity_transition


def test_the_transition_table_is_what_the_service_enforces(activity):
    assert lifecycle.activity_next_statuses(activity) == (
        ActivityStatus.IN_PREPARATION,
        ActivityStatus.DONE,
        ActivityStatus.CANCELLED,
    )
    with scopes_disabled():
        activity_transition(activity=activity, to=ActivityStatus.DONE, by=None)
        assert Activity.objects.get(pk=activity.pk).status == ActivityStatus.DONE
        # From "done", only back to "in preparation": "cancelled" is refused and nothing changes.
        assert not lifecycle.activity_can_transition(activity, ActivityStatus.CANCELLED)
        with pytest.raises(ValidationError):
            activity_transition(activity=activity, to=ActivityStatus.CANCELLED, by=None)
        assert Activity.objects.get(pk=activity.pk).status == ActivityStatus.DONE


@pytest.mark.parametrize(
    ("status", "waiting", "running", "complete", "partial", "finished", "good"),
    [
        (SnapshotStatus.QUEUED, True, False, False, False, False, False),
        (SnapshotStatus.RUNNING, False, True, False, False, False, False),
        (SnapshotStatus.DONE, False, False, True, False, True, True),
        (SnapshotStatus.PARTIAL, False, False, False, True, True, True),
        (SnapshotStatus.FAILED, False, False, False, False, True, False),
    ],
)
def test_snapshot_predicates(status, waiting, running, complete, partial, finished, good):
    snapshot = MetricsSnapshot(status=status)
    assert (
        snapshot.is_waiting,
        snapshot.is_running,
        snapshot.is_complete,
        snapshot.is_partial,
        snapshot.is_finished,
        snapshot.is_good,
    ) == (waiting, running, complete, partial, finished, good)
