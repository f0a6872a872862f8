"""Unique constraints reachable from a form come back as form errors, even when a colleague's
save lands between our check and our insert (simulated by a real insert in ``pre_save``):
400 with the constraint's message, nothing half-saved, never a 500."""

import contextlib

import pytest
from django.db.models.signals import pre_save
from django.urls import reverse
from django_scopes import scopes_disabled

from partnerships.models import Contact, Partner, PartnerMember, PartnerRole
from partnerships.tests.test_views_staff import partner_post
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

CONTACT_TAKEN = "Ce partenaire a déjà un contact avec cette adresse e-mail."
NAME_TAKEN = "Un partenaire portant ce nom existe déjà dans cette ville."


@contextlib.contextmanager
def colleague_saves_first(model, make):
    """Right before our row is written, a colleague's identical row is committed."""
    done = []

    def receiver(sender, instance, **kwargs):
        if not done:
            done.append(True)
            make(instance)

    pre_save.connect(receiver, sender=model, weak=False)
    try:
        yield done
    finally:
        pre_save.disconnect(receiver, sender=model)


def duplicate_contact(instance):
    Contact.objects.bulk_create(
        [Contact(partner_id=instance.partner_id, first_name="A", last_name="B", email=instance.email.upper())]
    )


def card_post(partner, **overrides):
    data = {
        "street_address": partner.street_address,
        "postal_code": partner.postal_code,
        "city": partner.city,
        "region": partner.region,
        "country": "FR",
        "website": "",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "50",
        "contacts-0-first_name": "Hélène",
        "contacts-0-last_name": "Durand",
        "contacts-0-email": "helene.durand@example.org",
        "contacts-0-preferred_language": "fr",
    }
    data.update(overrides)
    return data


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
    response = client.post(reverse("portal:organisation_edit"), card_post(partner, city="Bordeaux"))
    assert response.status_code == 400
    assert NAME_TAKEN in response.context["form"].non_field_errors()
    partner.refresh_from_db()
    assert partner.city == "Lyon"
    with scopes_disabled():
        assert not partner.contacts.exists()


def test_portal_card_racing_a_namesake_is_a_form_error(portal_admin_client):
    client, partner = portal_admin_client

    def namesake(instance):
        Partner.objects.bulk_create([Partner(name=instance.name, city="BORDEAUX", partner_type="other")])

    with colleague_saves_first(Partner, namesake) as done:
        response = client.post(reverse("portal:organisation_edit"), card_post(partner, city="Bordeaux"))
    assert done
    assert response.status_code == 400
    assert NAME_TAKEN in response.content.decode()
    partner.refresh_from_db()
    assert partner.city == "Lyon"


def test_portal_same_contact_email_from_two_colleagues(portal_admin_client):
    client, partner = portal_admin_client
    with colleague_saves_first(Contact, duplicate_contact) as done:
        response = client.post(reverse("portal:organisation_edit"), card_post(partner))
    assert done
    assert response.status_code == 400
    assert CONTACT_TAKEN in response.content.decode()
    # In this simulation the colleague's row shares our transaction: both are rolled back.
    with scopes_disabled():
        assert partner.contacts.count() == 0


def test_staff_same_contact_email_from_two_colleagues(staff_client):
    with colleague_saves_first(Contact, duplicate_contact) as done:
        response = staff_client.post(reverse("staff:partner_create"), partner_post())
    assert done
    assert response.status_code == 400
    assert CONTACT_TAKEN in response.content.decode()
    with scopes_disabled():
        assert not Partner.objects.filter(name="Musée des Confluences").exists()


def test_staff_create_racing_a_namesake_is_a_form_error(staff_client):
    def namesake(instance):
        Partner.objects.bulk_create(
            [Partner(name=instance.name.lower(), city=instance.city.upper(), partner_type="other")]
        )

    with colleague_saves_first(Partner, namesake) as done:
        response = staff_client.post(reverse("staff:partner_create"), partner_post())
    assert done
    assert response.status_code == 400
    assert NAME_TAKEN in response.content.decode()
    with scopes_disabled():
        assert Partner.objects.count() == 0 and Contact.objects.count() == 0  # nothing half-saved
