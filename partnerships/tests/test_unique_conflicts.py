"""Unique constraints reachable from a form come back as form errors at save time, even when
the form leaves the field out or a colleague saved first: 400 with the message, nothing saved."""

import pytest
from django.urls import reverse

from partnerships.models import Contact, Partner, PartnerMember, PartnerRole
from partnerships.tests.test_views_staff import partner_post
from tests.factories import ContactFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

EMPTY_CONTACTS = {
    "contacts-TOTAL_FORMS": "0",
    "contacts-INITIAL_FORMS": "0",
    "contacts-MIN_NUM_FORMS": "0",
    "contacts-MAX_NUM_FORMS": "50",
}


def card_post(partner, **overrides):
    data = {
        "street_address": partner.street_address,
        "postal_code": partner.postal_code,
        "city": partner.city,
        "region": partner.region,
        "country": "FR",
        "website": "",
        **EMPTY_CONTACTS,
    }
    data.update(overrides)
    return data


def new_contact(prefix_index=0, email="helene.durand@example.org", initial=0):
    i = prefix_index
    return {
        "contacts-TOTAL_FORMS": str(initial + 1),
        "contacts-INITIAL_FORMS": str(initial),
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "50",
        f"contacts-{i}-first_name": "Hélène",
        f"contacts-{i}-last_name": "Durand",
        f"contacts-{i}-role": "",
        f"contacts-{i}-email": email,
        f"contacts-{i}-phone": "",
        f"contacts-{i}-preferred_language": "fr",
    }


@pytest.fixture
def portal_admin_client(client):
    partner = PartnerFactory(name="Musée de la Ville", city="Lyon")
    admin = UserFactory(username="admin-card")
    PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
    client.force_login(admin)
    return client, partner


def test_portal_card_moved_to_a_city_with_a_namesake_is_a_form_error(portal_admin_client):
    client, partner = portal_admin_client
    PartnerFactory(name="Musée de la ville", city="Bordeaux")  # same name, other case
    response = client.post(
        reverse("portal:organisation_edit"), card_post(partner, city="Bordeaux", street_address="1 rue X")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["city"] == ["Un partenaire portant ce nom existe déjà dans cette ville."]
    partner.refresh_from_db()
    assert (partner.city, partner.street_address) == ("Lyon", "")


def test_portal_contact_email_added_twice_from_two_tabs(portal_admin_client):
    client, partner = portal_admin_client
    url = reverse("portal:organisation_edit")
    first = client.post(url, card_post(partner, **new_contact()))
    assert first.status_code == 302
    # The second tab still shows the card without the new contact, and adds the same e-mail.
    second = client.post(url, card_post(partner, **new_contact(email="Helene.Durand@example.org")))
    assert second.status_code == 400
    errors = [f.errors for f in second.context["formset"].forms if f.errors]
    assert errors == [{"email": ["Ce partenaire a déjà un contact avec cette adresse e-mail."]}]
    assert Contact.objects.filter(partner=partner).count() == 1


def test_staff_contact_email_added_twice_from_two_tabs(staff_client):
    partner = PartnerFactory(name="Archives municipales", city="Nantes")
    ContactFactory(partner=partner, email="helene.durand@example.org")
    data = partner_post(name="Archives municipales", city="Nantes", **new_contact(email="HELENE.durand@example.org"))
    data["contacts-INITIAL_FORMS"] = "0"
    response = staff_client.post(reverse("staff:partner_update", args=[partner.pk]), data)
    assert response.status_code == 400
    assert "Ce partenaire a déjà un contact avec cette adresse e-mail." in response.content.decode()
    assert partner.contacts.count() == 1


def test_staff_create_racing_a_namesake_is_a_form_error_and_nothing_is_kept(staff_client):
    PartnerFactory(name="musée des confluences", city="LYON")
    response = staff_client.post(reverse("staff:partner_create"), partner_post())
    assert response.status_code == 400
    assert "Un partenaire portant ce nom existe déjà dans cette ville." in response.content.decode()
    assert Partner.objects.count() == 1
    assert Contact.objects.count() == 0
