"""The partnership and invitation lists cache their block ({% cache %} under the fragment key,
core/dataversion.py): what they show follows every write at once (and, for the invitations,
the moment one expires), a repeated GET runs no query, and two staff members with different
permissions each see their own block."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.roles import GRANTS_COMMITTEE
from partnerships.lifecycle import PipelineStatus
from partnerships.models import Invitation, PartnerRole, Partnership
from partnerships.services import invitation_create
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory, UserFactory
from tests.query_counts import get_with_queries

pytestmark = pytest.mark.django_db


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
    second, body = get_with_queries(client, url)
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
    assert get_with_queries(client, url)[0] == []


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
        queries, body = get_with_queries(staff_client, url)
        assert new_button in body
        assert "Numérisation des fonds" in body
        if round_:
            assert queries == []  # from the cache: nothing was written in between
        queries, body = get_with_queries(committee_client, url)
        assert new_button not in body
        assert "Numérisation des fonds" in body
        if round_:
            assert queries == []


@pytest.fixture
def invite(staff_user, django_capture_on_commit_callbacks):
    def _invite(email, partner):
        with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
            return invitation_create(
                partner=partner, email=email, role=PartnerRole.MEMBER, language="fr", by=staff_user
            )

    return _invite


def test_the_invitation_list_follows_every_write_and_costs_no_query_when_nothing_changed(invite, staff_client):
    partner = PartnerFactory(name="Musée des Augustins")
    first = invite("lea.martin@example.org", partner)
    url = reverse("staff:invitation_list")
    revoke_first = f'formaction="{reverse("staff:invitation_revoke", args=[first.pk])}"'
    body = staff_client.get(url).content.decode()
    assert "lea.martin@example.org" in body and revoke_first in body

    # Nothing written: the second GET reads nothing.
    second, body = get_with_queries(staff_client, url)
    assert second == []
    assert "lea.martin@example.org" in body

    # A new row.
    invite("jean.dupont@example.org", partner)
    body = staff_client.get(url).content.decode()
    assert "jean.dupont@example.org" in body and "lea.martin@example.org" in body

    # Revoked by update() (no signal, no save()).
    with scopes_disabled():
        Invitation.objects.filter(pk=first.pk).update(revoked_at=timezone.now())
    body = staff_client.get(url).content.decode()
    assert "badge-invitation-revoked" in body
    assert revoke_first not in body

    # A row deleted.
    with scopes_disabled():
        Invitation.objects.filter(pk=first.pk).delete()
    queries, body = get_with_queries(staff_client, url)
    assert queries != []
    assert "lea.martin@example.org" not in body and "jean.dupont@example.org" in body
    assert get_with_queries(staff_client, url)[0] == []


def test_the_invitation_list_shows_an_invitation_expired_the_moment_it_expires(invite, staff_client):
    """No write happens when an invitation expires: the block's key holds the soonest expiry of
    a pending invitation, so the cached "pending" and its "Revoke" button end with it."""
    start = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=datetime.UTC)
    url = reverse("staff:invitation_list")
    with time_machine.travel(start, tick=False) as traveller:
        invitation = invite("lea.martin@example.org", PartnerFactory())
        with scopes_disabled():
            Invitation.objects.filter(pk=invitation.pk).update(expires_at=start + datetime.timedelta(hours=1))
        revoke = f'formaction="{reverse("staff:invitation_revoke", args=[invitation.pk])}"'
        for query in ("", "?state=pending", "?state=expired"):
            staff_client.get(url + query)
        body = staff_client.get(url).content.decode()
        assert "badge-invitation-pending" in body and revoke in body
        assert "1 invitation" in staff_client.get(url + "?state=pending").content.decode()
        queries, body = get_with_queries(staff_client, url + "?state=expired")
        assert queries == [] and "Aucune invitation dans cet état" in body

        traveller.move_to(start + datetime.timedelta(minutes=4))
        assert get_with_queries(staff_client, url)[0] == []  # still cached: nothing changed

        # Expiring in the block's lifetime (300 s): one minute later.
        with scopes_disabled():
            Invitation.objects.filter(pk=invitation.pk).update(expires_at=start + datetime.timedelta(minutes=5))
        for query in ("", "?state=pending", "?state=expired"):
            body = staff_client.get(url + query).content.decode()
        assert "Aucune invitation dans cet état" in body
        assert get_with_queries(staff_client, url)[0] == []
        assert revoke in staff_client.get(url).content.decode()

        traveller.move_to(start + datetime.timedelta(minutes=5))
        body = staff_client.get(url).content.decode()
        assert "badge-invitation-expired" in body
        assert "badge-invitation-pending" not in body and revoke not in body
        assert "Aucune invitation dans cet état" in staff_client.get(url + "?state=pending").content.decode()
        assert "1 invitation" in staff_client.get(url + "?state=expired").content.decode()


def test_the_revoke_buttons_submit_the_form_outside_the_cached_block(invite, staff_client):
    """The block holds no CSRF token: each row's button names the one form after it."""
    invitation = invite("lea.martin@example.org", PartnerFactory())
    url = reverse("staff:invitation_list")
    body = staff_client.get(url).content.decode()
    revoke_url = reverse("staff:invitation_revoke", args=[invitation.pk])
    assert f'form="invitation-revoke" formaction="{revoke_url}"' in body
    form = re.search(r'<form id="invitation-revoke" method="post" hidden>(.*?)</form>', body, re.DOTALL)
    assert form and 'name="csrfmiddlewaretoken"' in form.group(1) and f'name="next" value="{url}"' in form.group(1)
    response = staff_client.post(revoke_url, {"confirm": "yes", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    with scopes_disabled():
        invitation.refresh_from_db()
    assert invitation.revoked_at is not None
