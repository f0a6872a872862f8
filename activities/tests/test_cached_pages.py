"""The activities' back-office pages served from their cached block ({% cache %} under the
fragment key, core/dataversion.py): after a write that changes what a page shows, the same
user's next GET shows it (never the cached copy), and a GET with no write in between runs no
SQL query at all."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import ActionProposal, Activity, ActivityStatus, ActivityType, ProposalStatus
from demo.factories import ActivityFactory, PartnerFactory, PartnershipFactory, StaffFactory


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
