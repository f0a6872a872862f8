"""The partner portal: organisation card, guiding principles, proposals of new actions."""

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import ActionProposal, ActivityType, ProposalStatus
from core.models import AuditEntry
from partnerships.models import PartnerMember, PartnerRole, PrincipleAcceptance
from tests.factories import ContactFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def museum():
    return PartnerFactory(name="Musée de Grenoble", city="Grenoble", street_address="5 place de Lavalette")


def member_of(partner, role, username):
    user = UserFactory(username=username, first_name="Maud", last_name="Perrin")
    PartnerMember.objects.create(partner=partner, user=user, role=role)
    return user


def org_post(partner, **overrides):
    data = {
        "street_address": "5 place de Lavalette",
        "postal_code": "38000",
        "city": "Grenoble",
        "region": "ARA",
        "country": "FR",
        "website": "https://www.museedegrenoble.fr",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "50",
    }
    data.update(overrides)
    return data


def test_partner_admin_edits_the_organisation_card(client, museum):
    client.force_login(member_of(museum, PartnerRole.ADMIN, "admin-grenoble"))
    response = client.post(reverse("portal:organisation_edit"), org_post(museum, postal_code="38000"))
    assert response.status_code == 302
    museum.refresh_from_db()
    assert (museum.postal_code, museum.website, museum.name) == (
        "38000",
        "https://www.museedegrenoble.fr",
        "Musée de Grenoble",
    )
    assert AuditEntry.objects.filter(action="partner.updated_in_portal").exists()


def test_bad_input_on_the_organisation_card_is_refused(client, museum):
    client.force_login(member_of(museum, PartnerRole.ADMIN, "admin-grenoble"))
    response = client.post(reverse("portal:organisation_edit"), org_post(museum, website="pas une adresse"))
    assert response.status_code == 400
    museum.refresh_from_db()
    assert museum.website == ""


def test_partner_member_cannot_edit_the_organisation(client, museum):
    client.force_login(member_of(museum, PartnerRole.MEMBER, "member-grenoble"))
    assert client.get(reverse("portal:organisation_edit")).status_code == 403
    assert client.post(reverse("portal:organisation_edit"), org_post(museum, city="Lyon")).status_code == 403
    museum.refresh_from_db()
    assert museum.city == "Grenoble"


def test_partner_admin_accepts_the_guiding_principles(client, museum):
    admin = member_of(museum, PartnerRole.ADMIN, "admin-grenoble")
    client.force_login(admin)
    page = client.get(reverse("portal:principles"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "organization has a say in defining, implementing, monitoring and evaluating the project" in page
    assert client.post(reverse("portal:principles"), {"accept": "on"}).status_code == 302
    with scopes_disabled():
        acceptance = PrincipleAcceptance.objects.get(partner=museum)
    assert (acceptance.accepted_by, acceptance.accepted_by_name) == (admin, "Maud Perrin")
    assert acceptance.accepted_at is not None


def test_partner_member_cannot_accept_the_principles(client, museum):
    client.force_login(member_of(museum, PartnerRole.MEMBER, "member-grenoble"))
    assert client.post(reverse("portal:principles"), {"accept": "on"}).status_code == 403
    assert not PrincipleAcceptance.objects.exists()


def test_proposal_from_the_catalogue_becomes_a_partnership(staff_client, staff_user, museum, catalogue):
    ContactFactory(partner=museum)
    client = Client()  # the partner's own browser; staff_client is the staff member's
    client.force_login(member_of(museum, PartnerRole.MEMBER, "member-grenoble"))
    url = reverse("portal:proposal_create", args=["edit-a-thon"])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Train groups taking part in advance of and on the day of the edit-a-thon" in page
    assert client.post(url, {"title": "", "description": ""}).status_code == 400
    response = client.post(
        url,
        {
            "title": "Edit-a-thon Fantin-Latour",
            "description": "Autour de l’exposition.",
            "desired_start": "2027-03-06",
            "audience": "Étudiants",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        proposal = ActionProposal.objects.get()
    assert (proposal.partner, proposal.activity_type.code) == (museum, "edit-a-thon")

    assert "Edit-a-thon Fantin-Latour" in staff_client.get(reverse("staff:proposal_list")).content.decode()
    response = staff_client.post(reverse("staff:proposal_decision", args=[proposal.pk, "accept"]))
    proposal.refresh_from_db()
    partnership = proposal.partnership
    assert proposal.status == ProposalStatus.ACCEPTED
    assert response["Location"] == partnership.get_absolute_url()
    with scopes_disabled():
        assert list(partnership.partners.all()) == [museum]
        assert partnership.activities.get().activity_type == ActivityType.objects.get(code="edit-a-thon")
    # Handled once only.
    staff_client.post(reverse("staff:proposal_decision", args=[proposal.pk, "decline"]))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    # The partner sees the outcome, and its partnership, in the portal.
    assert partnership.title in client.get(reverse("portal:home")).content.decode()
