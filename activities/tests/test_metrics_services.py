"""Scope and snapshots through the real client and the replay server (a real socket)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from activities import metrics
from activities.metrics import ScopeInput
from activities.models import MetricsScope, MetricsSnapshot, SnapshotStatus
from activities.tests.conftest import ATELIER_USERS, SAMPLE
from core.models import AuditEntry

TODAY = datetime.date(2024, 5, 1)


def atelier(**changes) -> ScopeInput:
    return ScopeInput(**{"usernames": ATELIER_USERS, "commons_category": SAMPLE, **changes})


def test_scope_is_saved_once_the_wiki_confirms_it(activity, replay):
    with scopes_disabled():
        scope = metrics.scope_save(activity=activity, data=atelier(), by=None)
        assert scope.username_list == ["Exemple Contributrice", "Exemple Contributeur"]
        assert scope.commons_category == SAMPLE
        assert scope.wiki == "fr.wikipedia.org"
        assert [s.params.get("list") or s.params.get("prop") for s in replay.seen] == ["users", "categoryinfo"]
    assert replay.unmatched == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"usernames": "Exemple Contributrice\nCompte inexistant exemple"},
            "usernames",
            "Aucun compte «\u00a0Compte inexistant exemple\u00a0» sur fr.wikipedia.org.",
        ),
        (
            {"commons_category": "Catégorie inexistante exemple", "usernames": ""},
            "commons_category",
            "La catégorie «\u00a0Category:Catégorie inexistante exemple\u00a0» n’existe pas sur commons.wikimedia.org.",
        ),
        (
            {"window_start": datetime.date(2024, 3, 20), "window_end": datetime.date(2024, 3, 10)},
            "window_end",
            "La période se termine avant de commencer.",
        ),
        ({"wiki": "example.com"}, "wiki", "n’est pas un projet Wikimédia"),
    ],
)
def test_bad_scope_gives_a_clear_message_and_saves_nothing(activity, replay, changes, field, message):
    with pytest.raises(ValidationError) as caught:
        metrics.scope_save(activity=activity, data=atelier(**changes), by=None)
    errors = caught.value.message_dict
    assert list(errors) == [field]
    assert message in " ".join(errors[field])
    assert not MetricsScope.objects.exists()
    assert not AuditEntry.objects.filter(action="activity.scope_saved").exists()


def test_snapshot_collects_the_figures_of_the_atelier(activity, replay, django_capture_on_commit_callbacks):
    with scopes_disabled():
        metrics.scope_save(activity=activity, data=atelier(), by=None)
        replay.seen.clear()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            snapshot = metrics.snapshot_request(activity=activity, by=None)
    assert len(callbacks) == 1  # the task is sent once the transaction commits
    assert snapshot.status == SnapshotStatus.QUEUED
    with scopes_disabled():
        snapshot = metrics.snapshot_collect(snapshot_id=snapshot.pk, today=TODAY)
    assert snapshot.status == SnapshotStatus.DONE
    # users, contributions, uploads, categoryinfo, categorymembers, globalusage, 4 page views
    assert snapshot.request_count == len(replay.seen) == 10
    assert replay.unmatched == []
    f = snapshot.figures
    assert (f["edits"], f["bytes_added"], f["articles_created"]) == (6, 10550, 2)
    assert (f["files_total"], f["files_in_use"], f["reuse_share"]) == (50, 8, 0.16)
    assert f["page_views"] == 31 * (410 + 12 + 95)
    assert snapshot.figure("articles_improved") == 4 - 2
    assert snapshot.taken_at is not None and snapshot.duration_seconds is not None


def test_a_snapshot_is_collected_once_and_never_overwritten(activity, replay):
    with scopes_disabled():
        metrics.scope_save(activity=activity, data=atelier(), by=None)
        first = metrics.snapshot_request(activity=activity, by=None)
        assert metrics.snapshot_request(activity=activity, by=None) == first  # already queued
        metrics.snapshot_collect(snapshot_id=first.pk, today=TODAY)
        seen = len(replay.seen)
        again = metrics.snapshot_collect(snapshot_id=first.pk, today=TODAY)
        assert len(replay.seen) == seen  # nothing collected the second time
        assert again.figures == MetricsSnapshot.objects.get(pk=first.pk).figures
        second = metrics.snapshot_request(activity=activity, by=None)
        assert second.pk != first.pk
        assert MetricsSnapshot.objects.count() == 2


def test_a_failed_part_is_recorded_and_the_others_kept(activity, replay):
    with scopes_disabled():
        metrics.scope_save(activity=activity, data=atelier(), by=None)
        url = (
            "https://commons.wikimedia.org/w/api.php?action=query&list=categorymembers"
            f"&cmtitle=Category:{SAMPLE}&cmtype=file&cmlimit=500&format=json"
        )
        replay.fail_first(url, kind="503", times=10)
        snapshot = metrics.snapshot_request(activity=activity, by=None)
    from core.wikimedia import RetryPolicy, WikimediaClient

    client = WikimediaClient.from_settings(sleep=lambda s: None, retry=RetryPolicy(attempts=2, backoff=0.0))
    with scopes_disabled():
        snapshot = metrics.snapshot_collect(snapshot_id=snapshot.pk, client=client, today=TODAY)
    assert snapshot.status == SnapshotStatus.PARTIAL
    assert set(snapshot.failures) == {"category", "file_usage"}
    assert snapshot.figures["bytes_added"] == 10550
    assert snapshot.figures["files_total"] is None


def test_refresh_needs_a_scope(activity):
    with pytest.raises(ValidationError, match="périmètre"), scopes_disabled():
        metrics.snapshot_request(activity=activity, by=None)


def test_nightly_refresh_takes_the_activities_of_the_last_90_days(activity, replay, django_capture_on_commit_callbacks):
    with scopes_disabled():
        metrics.scope_save(activity=activity, data=atelier(), by=None)
        with django_capture_on_commit_callbacks(execute=False):
            assert metrics.snapshots_refresh_recent(today=datetime.date(2024, 6, 14)) == 1  # 90 days after
        with django_capture_on_commit_callbacks(execute=False):
            # one is already queued: the same snapshot, no second one
            assert metrics.snapshots_refresh_recent(today=datetime.date(2024, 6, 14)) == 1
        assert MetricsSnapshot.objects.count() == 1
        assert metrics.snapshots_refresh_recent(today=datetime.date(2024, 6, 15)) == 0  # 91 days after


def test_the_portal_adds_participants_checked_on_the_wiki(activity, replay):
    with scopes_disabled():
        metrics.scope_save(activity=activity, data=atelier(usernames="Exemple Contributrice"), by=None)
        scope, added = metrics.scope_add_usernames(activity=activity, usernames="exemple_Contributeur", by=None)
        assert added == ["Exemple Contributeur"]
        assert scope.username_list == ["Exemple Contributrice", "Exemple Contributeur"]
        with pytest.raises(ValidationError) as caught:
            metrics.scope_add_usernames(activity=activity, usernames="Compte inexistant exemple", by=None)
        assert "Compte inexistant exemple" in caught.value.message_dict["usernames"][0]
        assert MetricsScope.objects.get().username_list == ["Exemple Contributrice", "Exemple Contributeur"]


def test_collect_metrics_command_prints_the_figures(activity, replay):
    from io import StringIO

    from django.core.management import call_command

    with scopes_disabled():
        metrics.scope_save(activity=activity, data=atelier(), by=None)
        out = StringIO()
        # The window ended long ago: page views of 16 March to 15 April 2024, as recorded.
        call_command("collect_metrics", activity=activity.pk, stdout=out)
        text = out.getvalue()
        assert "Complet" in text
        assert "10 requests" in text
        assert "Octets ajoutés: 10550" in text
        assert f"Pages vues: {31 * (410 + 12 + 95)}" in text
        assert "Taux de réutilisation: 16.0 %" in text
        assert MetricsSnapshot.objects.get().status == SnapshotStatus.DONE


def test_collect_metrics_command_refuses_an_unknown_activity(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="No activity with id 999"):
        call_command("collect_metrics", activity=999)
