"""The staff agreement list caches its block ({% cache %} under the fragment key,
core/dataversion.py): it follows every write at once, a repeated GET runs no query, and a
committee member (who may only read agreements) gets their own block, without "New agreement"."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from accounts.roles import GRANTS_COMMITTEE
from agreements.models import Agreement, AgreementStatus
from tests.factories import UserFactory
from tests.query_counts import get_with_queries

pytestmark = pytest.mark.django_db


def test_the_agreement_list_follows_every_write_and_costs_no_query_when_nothing_changed(
    agreement_factory, staff_client
):
    first = agreement_factory(partner_name="Musée Saint-Raymond")
    url = reverse("staff:agreement_list")
    body = staff_client.get(url).content.decode()
    assert first.reference in body and "badge-agreement-draft" in body

    # Nothing written: the second GET reads nothing.
    second, body = get_with_queries(staff_client, url)
    assert second == []
    assert first.reference in body

    # A new row.
    other = agreement_factory(partner_name="Musée des Augustins")
    body = staff_client.get(url).content.decode()
    assert other.reference in body and first.reference in body

    # A status changed by update() (no signal, no save()): the first one only.
    with scopes_disabled():
        Agreement.objects.filter(pk=first.pk).update(status=AgreementStatus.IN_REVIEW)
    body = staff_client.get(url).content.decode()
    assert "badge-agreement-in_review" in body
    assert body.count("badge-agreement-draft") == 1

    # A row deleted.
    with scopes_disabled():
        Agreement.objects.filter(pk=other.pk).delete()
    queries, body = get_with_queries(staff_client, url)
    assert queries != []
    assert other.reference not in body
    assert first.reference in body
    assert get_with_queries(staff_client, url)[0] == []


def test_a_committee_member_gets_their_own_agreement_list(agreement_factory, staff_client):
    """The key holds the user: the same address and data version, two blocks."""
    agreement = agreement_factory()
    committee_member = UserFactory(is_staff=True)
    committee_member.groups.add(Group.objects.get(name=GRANTS_COMMITTEE))
    committee_client = Client()
    committee_client.force_login(committee_member)  # both logged in before any read
    url = reverse("staff:agreement_list")
    new_button = f'href="{reverse("staff:agreement_create")}"'
    for round_ in range(2):
        queries, body = get_with_queries(staff_client, url)
        assert new_button in body and agreement.reference in body
        assert not round_ or queries == []
        queries, body = get_with_queries(committee_client, url)
        assert new_button not in body and agreement.reference in body
        assert not round_ or queries == []
