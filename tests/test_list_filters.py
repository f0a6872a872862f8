"""The agreements, proposals and invitations lists filter through django-filter filtersets."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from agreements.models import AgreementStatus
from agreements.services import agreement_transition
from partnerships.models import InvitationState
from partnerships.services import invitation_revoke

pytestmark = pytest.mark.django_db


def test_agreements_by_status_kind_and_text(cast, client):
    client.force_login(cast["users"]["staff"])
    url = reverse("staff:agreement_list")
    sent = cast["agreement"]
    assert [a.pk for a in client.get(url, {"status": AgreementStatus.SENT}).context["agreements"]] == [sent.pk]
    assert client.get(url, {"status": AgreementStatus.DRAFT}).context["agreements"] == []
    assert [a.pk for a in client.get(url, {"q": sent.reference}).context["agreements"]] == [sent.pk]
    assert client.get(url, {"q": "nothing like it"}).context["agreements"] == []
    assert client.get(url, {"kind": "sponsorship"}).context["agreements"] == []
    response = client.get(url, {"status": "bogus"})
    assert response.status_code == 200
    assert [a.pk for a in response.context["agreements"]] == [sent.pk]  # an unknown value filters nothing
    with scopes_disabled():
        agreement_transition(agreement=sent, to=AgreementStatus.DRAFT, by=cast["users"]["staff"])
    assert [a.pk for a in client.get(url, {"status": AgreementStatus.DRAFT}).context["agreements"]] == [sent.pk]


def test_proposals_waiting_by_default_all_on_request(cast, client):
    client.force_login(cast["users"]["staff"])
    url = reverse("staff:proposal_list")
    proposal = cast["proposal"]
    assert [p.pk for p in client.get(url).context["proposals"]] == [proposal.pk]
    assert client.get(url, {"status": "declined"}).context["proposals"] == []
    assert [p.pk for p in client.get(url, {"status": ""}).context["proposals"]] == [proposal.pk]


def test_invitations_by_state(cast, client):
    client.force_login(cast["users"]["staff"])
    url = reverse("staff:invitation_list")
    invitation = cast["invitation"]
    assert [i.pk for i in client.get(url, {"state": InvitationState.PENDING}).context["invitations"]] == [invitation.pk]
    assert client.get(url, {"state": InvitationState.REVOKED}).context["invitations"] == []
    with scopes_disabled():
        invitation_revoke(invitation=invitation, by=cast["users"]["staff"])
    assert [i.pk for i in client.get(url, {"state": InvitationState.REVOKED}).context["invitations"]] == [invitation.pk]
    assert client.get(url, {"state": InvitationState.PENDING}).context["invitations"] == []
