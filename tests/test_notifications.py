"""In-app notifications (core/notifications.py): written by the sweep with the sent-log rows,
once; the bell's exact unread count; mark one or all read (POST, the user's own only)."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from agreements.models import Agreement
from core.models import Notification, ReminderSent
from core.reminders import reminder_preference_set, reminders_sweep
from tests.calendar_world import build_calendar_world

DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(db, catalogue):
    return build_calendar_world()


def _sweep(world, capture):
    with capture(execute=True):
        return reminders_sweep(day=world["today"], enqueue=lambda ids: None)


def _due(world):
    """A's agreement ends in 7 days, B's in 30: reminders today for both (60/30/7 days before)."""
    with scopes_disabled():
        Agreement.objects.filter(pk=world["agreement_a"].pk).update(end_date=world["today"] + 7 * DAY)
        Agreement.objects.filter(pk=world["agreement_b"].pk).update(end_date=world["today"] + 30 * DAY)


def _bell(client, url) -> str | None:
    text = client.get(url).content.decode()
    assert 'data-testid="bell"' in text
    if 'data-testid="bell-count">' not in text:
        return None
    return text.split('data-testid="bell-count">')[1].split("<")[0]


def test_the_sweep_writes_one_notification_per_user_reminder_once(world, django_capture_on_commit_callbacks):
    _due(world)
    first = _sweep(world, django_capture_on_commit_callbacks)
    with scopes_disabled():
        rows = set(ReminderSent.objects.exclude(user=None).values_list("user_id", "deadline", "offset"))
        notes = set(Notification.objects.values_list("recipient_id", "deadline", "offset"))
    assert first.sent == 4  # Léa and A's admin for A's; Marc and B's admin for B's
    assert notes == rows and len(notes) == 4
    second = _sweep(world, django_capture_on_commit_callbacks)
    assert second.sent == 0
    with scopes_disabled():
        assert Notification.objects.count() == 4
        text = Notification.objects.get(recipient=world["admin_a"]).text
    assert "Accord A" in text and "prend fin" in text  # the portal's sentence, in French


def test_a_muted_kind_gives_neither_email_nor_notification(world, django_capture_on_commit_callbacks):
    with scopes_disabled():
        Agreement.objects.filter(pk=world["agreement_a"].pk).update(end_date=world["today"] + 7 * DAY)
    # The membership renewal kind can be muted; the agreement's end cannot: Léa still gets it.
    reminder_preference_set(user=world["lea"], delivery="", muted_kinds=["membership_renewal"])
    _sweep(world, django_capture_on_commit_callbacks)
    with scopes_disabled():
        assert Notification.objects.filter(recipient=world["lea"]).count() == 1


def test_bell_counts_exactly_and_mark_read(client, world, django_capture_on_commit_callbacks):
    _due(world)
    with scopes_disabled():
        Agreement.objects.filter(pk=world["agreement_b"].pk).update(end_date=world["today"] + 7 * DAY)
        partnership = world["agreement_b"].partnership
        partnership.lead = world["lea"]
        partnership.save(update_fields=["lead"])
    _sweep(world, django_capture_on_commit_callbacks)
    client.force_login(world["lea"])
    assert _bell(client, reverse("staff:dashboard")) == "2"
    with scopes_disabled():
        mine = list(Notification.objects.filter(recipient=world["lea"]).order_by("pk"))
        others = Notification.objects.exclude(recipient=world["lea"]).first()
    # Someone else's notification: 404, and nothing changes; GET is refused.
    assert client.post(reverse("notifications_read"), {"id": others.pk}).status_code == 404
    assert client.post(reverse("notifications_read"), {"id": "abc"}).status_code == 404
    assert client.get(reverse("notifications_read")).status_code == 405
    response = client.post(reverse("notifications_read"), {"id": mine[0].pk})
    assert response.status_code == 302 and response["Location"] == mine[0].url
    assert _bell(client, reverse("notifications")) == "1"
    assert client.post(reverse("notifications_read")).status_code == 302
    assert _bell(client, reverse("notifications")) is None
    with scopes_disabled():
        assert Notification.objects.filter(recipient=world["lea"], read_at=None).count() == 0
        assert Notification.objects.get(pk=others.pk).read_at is None


def test_portal_bell_and_page(client, world, django_capture_on_commit_callbacks):
    _due(world)
    _sweep(world, django_capture_on_commit_callbacks)
    client.force_login(world["admin_a"])
    assert _bell(client, reverse("portal:home")) == "1"
    page = client.get(reverse("portal:notifications")).content.decode()
    assert page.count('data-testid="notification"') == 1 and "Accord A" in page and "Accord B" not in page
    assert client.post(reverse("portal:notifications_read")).status_code == 302
    assert _bell(client, reverse("portal:home")) is None
    client.force_login(world["member_a"])  # members are not reminded of the agreement's end
    assert _bell(client, reverse("portal:home")) is None
