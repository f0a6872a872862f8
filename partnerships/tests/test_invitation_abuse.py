"""Invitation e-mails cannot be used as a relay: limited per partner admin, per organisation
and per invited address; names copied into them are names; the text is ours."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from partnerships.models import Invitation, PartnerMember, PartnerRole
from partnerships.services import InvitationLimitError, invitation_create
from partnerships.tokens import invitation_path
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Une-phrase-de-passe-solide-2026"
PHISHING = "SECURITY ALERT: log in at https://evil.example/login"


@pytest.fixture
def portal_admin(client):
    partner = PartnerFactory(name="Musée des Augustins")
    admin = UserFactory(username="admin-a", first_name="Claire", last_name="Dubois")
    PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
    client.force_login(admin)
    return client, partner, admin


def invite(client, email):
    return client.post(reverse("portal:invite_colleague"), {"email": email, "role": "member", "language": "fr"})


def test_a_partner_admin_sends_at_most_the_daily_limit(portal_admin, settings, django_capture_on_commit_callbacks):
    client, _partner, _ = portal_admin
    settings.INVITATIONS_PER_USER_PER_DAY = 5
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [invite(client, f"cible{i}@example.org").status_code for i in range(8)]
    assert statuses == [302] * 5 + [429] * 3
    assert len(mail.outbox) == 5
    with scopes_disabled():
        assert Invitation.objects.count() == 5
    response = invite(client, "encore@example.org")
    assert "le nombre maximal d’invitations pour aujourd’hui" in response.content.decode()


def test_the_organisation_limit_holds_across_its_admins(portal_admin, settings, client):
    _, partner, _ = portal_admin
    settings.INVITATIONS_PER_PARTNER_PER_DAY = 4
    settings.INVITATIONS_PER_USER_PER_DAY = 100
    admins = [UserFactory(username=f"admin-{i}") for i in range(2)]
    for admin in admins:
        PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
    statuses = []
    for i in range(6):
        client.force_login(admins[i % 2])
        statuses.append(invite(client, f"cible{i}@example.org").status_code)
    assert statuses == [302] * 4 + [429] * 2
    with scopes_disabled():
        assert Invitation.objects.filter(partner=partner).count() == 4
        # Another organisation is not affected.
        other = PartnerFactory()
        invitation_create(partner=other, email="ailleurs@example.org", role="member", language="fr", by=admins[0])


def test_one_address_is_invited_a_few_times_a_day_at_most(portal_admin, settings):
    _, partner, admin = portal_admin
    settings.INVITATIONS_PER_ADDRESS_PER_DAY = 2
    for _ in range(2):
        invitation_create(partner=partner, email="Victime@Example.org", role="member", language="fr", by=admin)
    with pytest.raises(InvitationLimitError):
        invitation_create(
            partner=PartnerFactory(), email="victime@example.org ", role="member", language="fr", by=admin
        )


def test_staff_limit_is_separate(staff_user, settings):
    settings.STAFF_INVITATIONS_PER_DAY = 3
    settings.INVITATIONS_PER_USER_PER_DAY = 1
    for i in range(3):
        invitation_create(
            partner=PartnerFactory(), email=f"p{i}@example.org", role="admin", language="fr", by=staff_user
        )
    with pytest.raises(InvitationLimitError):
        invitation_create(partner=PartnerFactory(), email="p9@example.org", role="admin", language="fr", by=staff_user)


def test_staff_invitation_over_the_limit_is_a_form_error(staff_client, settings):
    settings.INVITATIONS_PER_PARTNER_PER_DAY = 1
    partner = PartnerFactory()
    url = reverse("staff:partner_invite", args=[partner.pk])
    data = {"contact": "", "email": "a@example.org", "role": "member", "language": "fr"}
    assert staff_client.post(url, data).status_code == 302
    response = staff_client.post(url, {**data, "email": "b@example.org"})
    assert response.status_code == 429
    with scopes_disabled():
        assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    "first_name",
    [PHISHING, "Claire\nCliquez ici", "www.evil.example", "Claire https://evil.example", "x" * 61, "Appelez 0800"],
)
def test_names_that_carry_a_message_are_refused_on_acceptance(
    client, staff_user, first_name, django_capture_on_commit_callbacks
):
    partner = PartnerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            partner=partner, email="lea@example.org", role="admin", language="fr", by=staff_user
        )
    response = client.post(
        invitation_path(invitation),
        {"first_name": first_name, "last_name": "Martin", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 400
    assert "first_name" in response.context["form"].errors
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_real_names_are_accepted(client, staff_user):
    partner = PartnerFactory()
    invitation = invitation_create(partner=partner, email="lea@example.org", role="admin", language="fr", by=staff_user)
    response = client.post(
        invitation_path(invitation),
        {"first_name": "Marie-Thérèse", "last_name": "d’Alembert-O'Neil", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302


def test_an_inviter_name_that_is_not_a_name_stays_out_of_the_email(portal_admin, django_capture_on_commit_callbacks):
    client, _partner, admin = portal_admin
    # Set behind the forms' back (admin import, old data): the e-mail still does not relay it.
    admin.first_name = PHISHING
    admin.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(client, "cible@example.org").status_code == 302
    body = mail.outbox[0].body
    assert "evil.example" not in body and "SECURITY ALERT" not in body
    assert "Musée des Augustins" in body
    admin.first_name = "Claire"
    admin.save()
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, "autre@example.org")
    assert "Claire Dubois" in mail.outbox[1].body


def test_contact_names_are_validated_in_the_staff_form(staff_client):
    from partnerships.models import Contact

    field = Contact._meta.get_field("first_name")
    with pytest.raises(ValidationError) as exc:
        field.clean(PHISHING, None)
    assert exc.value.error_list[0].code == "invalid_person_name"


def test_html_email_templates_are_autoescaped():
    """Every HTML e-mail template keeps Django's autoescaping; text ones carry only names."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    templates = [p for p in root.glob("*/templates/**/*.html") if "email" in str(p.relative_to(root))]
    templates += [p for p in (root / "templates").glob("**/*.html") if "email" in p.name]
    assert templates  # the password reset e-mail at least
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert "autoescape off" not in text, path
        assert "|safe" not in text, path
