"""The partnership and invitation lists cache their block ({% cache %} under the fragment key,
core/dataversion.py): what they show follows every write at once, a repeated GET runs no
query, and two staff members with different permissions each see their own block."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from accounts.roles import GRANTS_COMMITTEE
from partnerships.lifecycle import PipelineStatus
from partnerships.models import Partnership
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def queries_of_get(client, url) -> tuple[list[str], str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries], response.content.decode()


def test_the_partnership_list_follows_every_write_and_costs_no_query_when_nothing_changed():
    partner = PartnerFactory(name="Musée des Augustins")
    first = PartnershipFactory(title="Numérisation des fonds", partners=[partner], status=PipelineStatus.IDENTIFIED)
    client = Client()
    client.force_login(StaffFactory())
    url = reverse("staff:partnership_list")
    body = client.get(url).content.decode()
    assert "Numérisation des fonds" in body and "badge-pipeline-identified" in body

    # Nothing written: the second GET reads nothing (session, user, permissions, badge and
    # block all cached under the data version).
    second, body = queries_of_get(client, url)
    assert second == []
    assert "Numérisation des fonds" in body

    # A new row.
    PartnershipFactory(title="Ateliers contributifs", partners=[partner], status=PipelineStatus.DRAFTING)
    body = client.get(url).content.decode()
    assert "Ateliers contributifs" in body and "Numérisation des fonds" in body

    # A status changed by update() (no signal, no save()).
    with scopes_disabled():
        Partnership.objects.filter(pk=first.pk).update(status=PipelineStatus.ACTIVE)
    body = client.get(url).content.decode()
    assert "badge-pipeline-active" in body
    assert "badge-pipeline-identified" not in body

    # A row deleted.
    with scopes_disabled():
        Partnership.objects.filter(pk=first.pk).delete()
    body = client.get(url).content.decode()
    assert "Numérisation des fonds" not in body
    assert "Ateliers contributifs" in body
    assert queries_of_get(client, url)[0] == []


def test_two_staff_members_with_different_permissions_each_see_their_own_partnership_list():
    """The key holds the user: at the same address and data version, a staff member who may
    add partnerships sees the button, a committee member (who may only read) does not, however
    often each reloads."""
    PartnershipFactory(title="Numérisation des fonds", partners=[PartnerFactory()])
    staff_member = StaffFactory()
    committee_member = UserFactory(is_staff=True)
    committee_member.groups.add(Group.objects.get(name=GRANTS_COMMITTEE))
    assert staff_member.has_perm("partnerships.add_partnership")
    assert not committee_member.has_perm("partnerships.add_partnership")
    assert committee_member.has_perm("partnerships.view_partnership")
    # Both logged in first (a login writes last_login, hence a new data version), then only reads.
    staff_client, committee_client = Client(), Client()
    staff_client.force_login(staff_member)
    committee_client.force_login(committee_member)
    url = reverse("staff:partnership_list")
    new_button = f'href="{reverse("staff:partnership_create")}"'

    for round_ in range(2):
        queries, body = queries_of_get(staff_client, url)
        assert new_button in body
        assert "Numérisation des fonds" in body
        if round_:
            assert queries == []  # from the cache: nothing was written in between
        queries, body = queries_of_get(committee_client, url)
        assert new_button not in body
        assert "Numérisation des fonds" in body
        if round_:
            assert queries == []
