"""Risky controls ask first: revoking an invitation, terminating an agreement or withdrawing
the version sent for signature answer a confirmation page and change nothing until confirmed;
terminating is not a button beside a draft's main action; a status select starts on the
current status."""

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from agreements.models import AgreementStatus
from agreements.services import agreement_draft

pytestmark = pytest.mark.django_db


def logged(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def state(obj):
    with scopes_disabled():
        obj.refresh_from_db()
    return obj


def test_staff_revoke_asks_first(cast):
    client = logged(cast["users"]["staff"])
    url = reverse("staff:invitation_revoke", args=[cast["invitation"].pk])
    response = client.post(url)
    assert response.status_code == 200
    assert "Révoquer cette invitation" in response.content.decode()
    assert 'name="confirm" value="yes"' in response.content.decode()
    assert state(cast["invitation"]).revoked_at is None
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert state(cast["invitation"]).revoked_at is not None


def test_portal_revoke_asks_first(cast):
    client = logged(cast["users"]["partner_a_admin"])
    url = reverse("portal:invitation_revoke", args=[cast["invitation"].pk])
    assert client.post(url).status_code == 200
    assert state(cast["invitation"]).revoked_at is None
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert state(cast["invitation"]).revoked_at is not None


def test_terminate_asks_first_and_keeps_the_reason(cast):
    agreement = cast["agreement"]
    client = logged(cast["users"]["staff"])
    url = reverse("staff:agreement_transition", args=[agreement.pk, AgreementStatus.TERMINATED])
    response = client.post(url, {"reason": "Le musée ferme."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "ne peut pas être rouverte" in page
    assert 'name="reason" value="Le musée ferme."' in page
    assert state(agreement).status == AgreementStatus.SENT
    client.post(url, {"reason": "Le musée ferme.", "confirm": "yes"})
    assert state(agreement).status == AgreementStatus.TERMINATED


def test_a_sent_agreement_does_not_go_back_to_draft_without_confirmation(cast):
    agreement = cast["agreement"]
    client = logged(cast["users"]["staff"])
    url = reverse("staff:agreement_transition", args=[agreement.pk, AgreementStatus.DRAFT])
    page = client.post(url).content.decode()
    assert "nouvelle version" in page
    assert state(agreement).status == AgreementStatus.SENT
    client.post(url, {"confirm": "yes"})
    assert state(agreement).status == AgreementStatus.DRAFT


def test_terminate_is_not_beside_a_drafts_main_action(cast):
    from activities.models import ActivityType
    from agreements.services import ActionSpec

    with scopes_disabled():
        draft = agreement_draft(
            partnership=cast["partnership"],
            partner=cast["partner"],
            kind="partnership_agreement",
            language="fr",
            by=cast["users"]["staff"],
            actions=[ActionSpec(activity_type=ActivityType.objects.get(code="training"))],
        )
    page = logged(cast["users"]["staff"]).get(draft.get_absolute_url()).content.decode()
    terminate = reverse("staff:agreement_transition", args=[draft.pk, AgreementStatus.TERMINATED])
    risky = page[page.index('data-testid="risky-transitions"') :]
    risky = risky[: risky.index("</details>")]
    assert terminate in risky
    assert page.count(terminate) == 1


def test_partnership_status_select_starts_on_the_current_status(cast):
    partnership = cast["partnership"]
    client = logged(cast["users"]["staff"])
    page = client.get(partnership.get_absolute_url()).content.decode()
    select = page[page.index('name="status"') :]
    select = select[: select.index("</select>")]
    first = select[select.index("<option") : select.index("</option>")]
    assert f'value="{partnership.status}"' in first and "selected" in first
    assert "(actuel)" in first
    response = client.post(reverse("staff:partnership_status", args=[partnership.pk]), {"status": partnership.status})
    assert response.status_code == 302
    assert state(partnership).status == partnership.status
