"""Invitations: e-mail, token states, acceptance, and the staff and portal doors."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from core.models import AuditEntry
from partnerships.models import Invitation, InvitationState, PartnerMember, PartnerRole
from partnerships.services import (
    InvitationUnavailableError,
    invitation_accept,
    invitation_create,
    invitation_find,
    invitation_revoke,
)
from partnerships.tokens import invitation_path, invitation_token, token_hash
from tests.factories import ContactFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Une-phrase-de-passe-solide-2026"


@pytest.fixture
def partner():
    return PartnerFactory(name="Musée des Augustins", city="Toulouse")


@pytest.fixture
def invite(partner, staff_user, django_capture_on_commit_callbacks):
    def _invite(email="lea.martin@example.org", role=PartnerRole.ADMIN, language="fr", target=None):
        # Called from test bodies: it writes as staff code does, with scopes disabled.
        with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
            return invitation_create(
                partner=target or partner, email=email, role=role, language=language, by=staff_user
            )

    return _invite


def link_in(message) -> str:
    match = re.search(r"https?://[^/\s]+(/invitations/\d+/[A-Za-z0-9_-]{43}/)", message.body)
    assert match, message.body
    return match.group(1)


def test_invitation_email_goes_out_on_commit_in_the_invitees_language(invite, partner):
    invitation = invite(language="en")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lea.martin@example.org"]
    assert "Musée des Augustins" in message.subject
    assert "invite" in message.subject.lower()  # English
    assert link_in(message) == invitation_path(invitation)
    invitation.refresh_from_db()
    assert invitation.emailed_at is not None


def test_french_invitation_email(invite):
    invite(language="fr")
    assert "invite" in mail.outbox[0].subject.lower()
    assert "Wikimédia France" in mail.outbox[0].body
    assert "espace partenaire" in (mail.outbox[0].subject + mail.outbox[0].body).lower()


def test_email_task_is_idempotent(invite):
    from partnerships.tasks import send_invitation_email

    invitation = invite()
    send_invitation_email.delay(invitation.pk)
    send_invitation_email.delay(invitation.pk)
    assert len(mail.outbox) == 1


def test_token_is_random_long_and_stored_hashed(invite):
    invitation = invite()
    token = invitation_token(invitation)
    assert len(token) == 43  # 256 bits, base64url
    with scopes_disabled():
        assert invitation.token_hash == token_hash(token)
        assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    other = invite(email="autre@example.org")
    assert invitation_token(other) != token


def test_accepting_creates_account_and_membership_then_link_is_dead(client, invite, partner):
    invitation = invite()
    url = invitation_path(invitation)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"first_name": "Léa", "last_name": "Martin", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    user = get_user_model().objects.get(email="lea.martin@example.org")
    assert user.check_password(PASSWORD)
    with scopes_disabled():
        assert not user.is_staff
        member = PartnerMember.objects.get(user=user)
        assert (member.partner, member.role) == (partner, PartnerRole.ADMIN)
        invitation.refresh_from_db()
        assert invitation.state == InvitationState.ACCEPTED
        assert invitation.accepted_by == user
        assert AuditEntry.objects.filter(action="invitation.accepted").exists()
    home = client.get(reverse("portal:home"))
    assert "Musée des Augustins" in home.content.decode()
    client.logout()
    assert client.get(url).status_code == 404
    assert (
        client.post(
            url, {"first_name": "X", "last_name": "Y", "password1": PASSWORD, "password2": PASSWORD}
        ).status_code
        == 404
    )


def test_expired_token_is_404(client, invite):
    with scopes_disabled():
        invitation = invite()
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(invitation_path(invitation)).status_code == 404
    with pytest.raises(InvitationUnavailableError):
        invitation_accept(invitation=invitation, first_name="a", last_name="b", password=PASSWORD)


def test_default_validity_is_fourteen_days(invite):
    invitation = invite()
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        datetime.timedelta(days=14), abs=datetime.timedelta(seconds=5)
    )


def test_revoked_token_is_404(invite, staff_client):
    invitation = invite()
    assert Client().get(invitation_path(invitation)).status_code == 200
    staff_client.post(reverse("staff:invitation_revoke", args=[invitation.pk]), {"confirm": "yes"})
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED
    assert Client().get(invitation_path(invitation)).status_code == 404  # anonymous, as the invitee


def test_wrong_organisation_is_404(client, invite):
    invitation = invite()
    other = PartnerFactory(name="Autre musée")
    token = invitation_token(invitation)
    assert client.get(reverse("invitation_accept", args=[other.pk, token])).status_code == 404


@pytest.mark.parametrize("token", ["", "short", "x" * 43 + "y", "a" * 42 + "!", "../../etc/passwd", "A" * 43])
def test_malformed_or_unknown_token_is_404(client, partner, token):
    url = f"/invitations/{partner.pk}/{token}/"
    assert client.get(url).status_code == 404
    with pytest.raises(InvitationUnavailableError):
        invitation_find(partner_id=partner.pk, token=token)


def test_logged_in_user_with_another_email_gets_404(client, invite):
    invitation = invite()
    client.force_login(UserFactory(email="someone.else@example.org"))
    assert client.get(invitation_path(invitation)).status_code == 404


def test_existing_account_is_linked_not_duplicated(client, invite, partner):
    existing = UserFactory(username="lea", email="Lea.Martin@example.org")
    invitation = invite()
    url = invitation_path(invitation)
    # Not logged in: asked to log in first, nothing used yet.
    response = client.post(url)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    client.force_login(existing)
    assert client.post(url).status_code == 302
    with scopes_disabled():
        assert get_user_model().objects.filter(email__iexact="lea.martin@example.org").count() == 1
        assert PartnerMember.objects.get(user=existing).partner == partner


def test_weak_password_is_refused_and_nothing_is_used(client, invite):
    invitation = invite()
    response = client.post(
        invitation_path(invitation),
        {"first_name": "Léa", "last_name": "Martin", "password1": "court", "password2": "court"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "at least 12 characters" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING
    assert not get_user_model().objects.filter(email="lea.martin@example.org").exists()


def test_staff_invite_a_contact_from_the_partner_page(staff_client, partner):
    contact = ContactFactory(partner=partner, email="jean.dupont@example.org", preferred_language="en")
    response = staff_client.post(
        reverse("staff:partner_invite", args=[partner.pk]),
        {"contact": contact.pk, "email": "", "role": "member", "language": ""},
    )
    with scopes_disabled():
        assert response.status_code == 302
        invitation = Invitation.objects.get()
    assert (invitation.email, invitation.language, invitation.contact) == ("jean.dupont@example.org", "en", contact)
    page = staff_client.get(reverse("staff:invitation_list")).content.decode()
    assert "jean.dupont@example.org" in page


def test_staff_invitation_form_errors(staff_client, partner):
    response = staff_client.post(
        reverse("staff:partner_invite", args=[partner.pk]),
        {"contact": "", "email": "pas-un-email", "role": "member", "language": "fr"},
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_partner_admin_invites_a_colleague_to_their_own_organisation(
    client, partner, django_capture_on_commit_callbacks
):
    admin = UserFactory(username="admin-a")
    PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:invite_colleague"), {"email": "collegue@example.org", "role": "member", "language": "fr"}
        )
    with scopes_disabled():
        assert response.status_code == 302
        invitation = Invitation.objects.get()
    assert invitation.partner == partner
    assert len(mail.outbox) == 1


def test_partner_member_cannot_invite(client, partner):
    member = UserFactory(username="member-a")
    PartnerMember.objects.create(partner=partner, user=member, role=PartnerRole.MEMBER)
    client.force_login(member)
    assert client.get(reverse("portal:invite_colleague")).status_code == 403
    assert (
        client.post(
            reverse("portal:invite_colleague"), {"email": "x@example.org", "role": "admin", "language": "fr"}
        ).status_code
        == 403
    )
    assert not Invitation.objects.exists()


def test_invitee_whose_email_is_someone_elses_login_name_still_gets_an_account(client, invite):
    UserFactory(username="lea.martin@example.org", email="another@example.org")
    invitation = invite()
    response = client.post(
        invitation_path(invitation),
        {"first_name": "Léa", "last_name": "Martin", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="lea.martin@example.org")
    assert user.username == "lea.martin@example.org-2"


# --- A link that no longer works says why and offers the next step (still a 404, so a
# guessed link learns nothing), instead of the bare "page not found".


def page(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 404
    return response.content.decode()


def test_used_link_offers_to_log_in(invite):
    invitation = invite()
    url = link_in(mail.outbox[-1])
    with scopes_disabled():
        invitation_accept(invitation=invitation, first_name="Léa", last_name="Martin", password=PASSWORD)
    body = page(url)
    assert "Cette invitation a déjà été utilisée" in body
    assert 'href="/accounts/login/?next=/portal/"' in body
    assert "Mot de passe oublié" in body


def test_revoked_link_says_it_was_withdrawn_and_how_to_get_a_new_one(invite, staff_user):
    invitation = invite()
    url = link_in(mail.outbox[-1])
    with scopes_disabled():
        invitation_revoke(invitation=invitation, by=staff_user)
    body = page(url)
    assert "Cette invitation a été retirée" in body
    assert "nouvelle invitation" in body
    assert "mailto:partenariats@wikimedia.fr" in body


def test_expired_link_gives_the_date_and_the_next_step(invite):
    invitation = invite()
    url = link_in(mail.outbox[-1])
    with scopes_disabled():
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.make_aware(datetime.datetime(2026, 3, 16, 12, 0))
        )
    body = page(url)
    assert "Cette invitation a expiré" in body
    assert "16 mars 2026" in body
    assert "nouvelle invitation" in body


def test_unknown_link_reveals_nothing_but_helps(partner):
    body = page(f"/invitations/{partner.pk}/{'A' * 43}/")
    assert "Ce lien d’invitation ne fonctionne pas" in body
    assert partner.name not in body


def test_logged_in_with_another_account_is_told_to_log_out(invite):
    invite()
    url = link_in(mail.outbox[-1])
    client = Client()
    client.force_login(UserFactory(email="someone.else@example.org"))
    body = page(url, client)
    assert "Cette invitation est destinée à une autre adresse e-mail" in body
    assert "lea.martin@example.org" not in body
