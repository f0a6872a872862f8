"""The activities' back-office pages served from their cached block ({% cache %} under the
fragment key, core/dataversion.py): after a write that changes what a page shows, the same
user's next GET shows it (never the cached copy), and a GET with no write in between runs no
SQL query at all."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.models import ActionProposal, Activity, ActivityStatus, ActivityType, ProposalStatus
from demo.factories import ActivityFactory, PartnerFactory, PartnershipFactory, StaffFactory
from partnerships.models import Invitation, Partner, RelationshipStatus


def staff_client() -> Client:
    client = Client()
    client.force_login(StaffFactory())
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def warm_page(client: Client, url: str) -> str:
    """A GET with no write since the last one: served from the cached blocks, 0 queries (the
    session's user, permissions and badge are read once per data version too)."""
    with CaptureQueriesContext(connection) as ctx:
        body = page(client, url)
    assert [q["sql"] for q in ctx.captured_queries] == []
    return body


@pytest.mark.django_db
def test_the_proposal_list_follows_each_write_and_costs_no_query_when_nothing_changed(catalogue):
    client = staff_client()
    url = reverse("staff:proposal_list")
    all_url = url + "?status="
    assert "Idée des canuts" not in page(client, url)

    with scopes_disabled():
        proposal = ActionProposal.objects.create(
            partner=PartnerFactory(),
            activity_type=ActivityType.objects.get(code="edit-a-thon"),
            title="Idée des canuts",
            description="Un edit-a-thon sur la soie.",
        )
    assert "Idée des canuts" in page(client, url), "a new row"
    assert "Idée des canuts" in warm_page(client, url)

    with scopes_disabled():
        ActionProposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.DECLINED)  # no signal
    assert "Idée des canuts" not in page(client, url), "the waiting list after a status's update()"
    assert "Idée des canuts" in page(client, all_url)
    warm_page(client, all_url)

    with scopes_disabled():
        ActionProposal.objects.filter(pk=proposal.pk).delete()
    assert "Idée des canuts" not in page(client, all_url), "a deleted row"


@pytest.mark.django_db
def test_the_activity_list_follows_each_write_and_costs_no_query_when_nothing_changed(catalogue):
    client = staff_client()
    url = reverse("staff:activity_list")
    assert "Edit-a-thon des canuts" not in page(client, url)

    with scopes_disabled():
        activity = ActivityFactory(
            partnership=PartnershipFactory(partners=[PartnerFactory(name="Musée de la soie")]),
            activity_type=ActivityType.objects.get(code="edit-a-thon"),
            title="Edit-a-thon des canuts",
        )
    body = page(client, url)
    assert "Edit-a-thon des canuts" in body, "a new row"
    assert "Musée de la soie" in body
    assert "badge-activity-planned" in warm_page(client, url)

    with scopes_disabled():
        Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.CANCELLED)  # no signal
    body = page(client, url)
    assert "badge-activity-cancelled" in body, "a status's update()"
    assert "badge-activity-planned" not in body
    warm_page(client, url)

    with scopes_disabled():
        Activity.objects.filter(pk=activity.pk).delete()
    assert "Edit-a-thon des canuts" not in page(client, url), "a deleted row"


def card(body: str, query: str = "") -> int:
    """The dashboard's count of partners in the card linking to ``partners/?<query>``."""
    found = re.search(rf'href="partners/{re.escape("?" + query if query else "")}">(\d+)</a>', body)
    assert found, f"no card for {query!r}"
    return int(found.group(1))


def todo_count(body: str, key: str) -> int:
    found = re.search(rf'data-todo="{key}">\s*<a href="[^"]*"[^>]*>(\d+) ', body)
    assert found, f"no to do item {key}"
    return int(found.group(1))


@pytest.mark.django_db
def test_the_dashboard_follows_each_write_and_costs_no_query_when_nothing_changed():
    client = staff_client()
    url = reverse("staff:dashboard")
    prospects = "relationship_status=prospect"
    body = page(client, url)
    assert (card(body), card(body, prospects)) == (0, 0)

    partner = PartnerFactory(name="Musée de la soie", relationship_status=RelationshipStatus.ACTIVE)
    body = page(client, url)
    assert (card(body), card(body, prospects)) == (1, 0), "a new row"
    assert "Musée de la soie" in body, "a partner with no action yet, to follow up"
    assert card(warm_page(client, url)) == 1

    with scopes_disabled():
        Partner.objects.filter(pk=partner.pk).update(relationship_status=RelationshipStatus.PROSPECT)  # no signal
    body = page(client, url)
    assert (card(body), card(body, prospects)) == (1, 1), "a status's update()"
    assert "Musée de la soie" not in body, "a prospect is not followed up"
    warm_page(client, url)

    with scopes_disabled():
        Partner.objects.filter(pk=partner.pk).delete()
    body = page(client, url)
    assert (card(body), card(body, prospects)) == (0, 0), "a deleted row"


@pytest.mark.django_db
def test_the_dashboard_to_do_follows_the_clock_without_a_write():
    """The count of invitations expiring within a week changes with no write: when one comes within the
    week, and when it expires. The panel is outside the cached block; its count is cached only
    until the next of those instants (core/todo.py)."""
    now = timezone.now().replace(microsecond=0)
    with time_machine.travel(now, tick=False):
        client = staff_client()
        with scopes_disabled():
            Invitation.objects.create(
                partner=PartnerFactory(),
                email="conservation@example.org",
                salt="s",
                token_hash="h",
                expires_at=now + datetime.timedelta(days=7, minutes=2),
            )
        url = reverse("staff:dashboard")
        assert todo_count(page(client, url), "invitations_expiring") == 0
        assert todo_count(warm_page(client, url), "invitations_expiring") == 0
    with time_machine.travel(now + datetime.timedelta(minutes=2, seconds=1), tick=False):
        assert todo_count(page(client, url), "invitations_expiring") == 1, "within the week now"
        assert todo_count(warm_page(client, url), "invitations_expiring") == 1
    # Its last minutes (a session lasts 12 hours: a new login a week later).
    with time_machine.travel(now + datetime.timedelta(days=7, minutes=1), tick=False):
        client = staff_client()
        assert todo_count(page(client, url), "invitations_expiring") == 1
        assert todo_count(warm_page(client, url), "invitations_expiring") == 1
    with time_machine.travel(now + datetime.timedelta(days=7, minutes=2), tick=False):
        assert todo_count(page(client, url), "invitations_expiring") == 0, "expired now"
