"""Partner and partnership services take typed arguments and hold the rules themselves;
the admin moves a partnership's pipeline status only through the service."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from core.models import AuditEntry
from partnerships.models import Contact, LegalStatus, Partner, PartnerType, PipelineStatus
from partnerships.services import (
    ContactData,
    partner_create,
    partner_update,
    partnership_create,
    partnership_set_status,
    partnership_update,
)
from tests.factories import PartnerFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _partner(**overrides):
    fields = {
        "name": "Archives de Lyon",
        "partner_type": PartnerType.CULTURAL_INSTITUTIONS,
        "legal_status": LegalStatus.PUBLIC_BODY,
        "city": "Lyon",
    }
    fields.update(overrides)
    return fields


def test_partner_create_with_contacts_all_or_nothing(staff_user):
    with scopes_disabled():
        partner = partner_create(
            by=staff_user,
            contacts=[ContactData(first_name="Ada", last_name="Lovelace", email="ada@example.org", is_signatory=True)],
            tags=["archives"],
            **_partner(),
        )
        assert [str(c) for c in partner.contacts.all()] == ["Ada Lovelace"]
        assert [t.name for t in partner.tags.all()] == ["archives"]
        assert AuditEntry.objects.filter(action="partner.created", object_id=str(partner.pk)).count() == 1
        # Two contacts with one e-mail: nothing is saved, not even the partner.
        with pytest.raises(ValidationError) as exc:
            partner_create(
                by=staff_user,
                contacts=[
                    ContactData(first_name="A", last_name="B", email="same@example.org"),
                    ContactData(first_name="C", last_name="D", email="SAME@example.org"),
                ],
                **_partner(name="Archives de Nantes", city="Nantes"),
            )
        assert exc.value.message_dict == {"contacts": ["This e-mail is used by another contact of this partner."]}
        assert not Partner.objects.filter(name="Archives de Nantes").exists()


def test_partner_rules_are_the_models(staff_user):
    with scopes_disabled():
        partner_create(by=staff_user, **_partner())
        with pytest.raises(ValidationError) as exc:
            partner_create(by=staff_user, **_partner(name="ARCHIVES DE LYON"))  # same name and city, any case
        assert "__all__" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            partner_create(by=staff_user, **_partner(name="Autre", wikidata_id="X12"))
    assert set(exc.value.message_dict) == {"wikidata_id"}


def test_partner_update_replaces_the_contacts(staff_user):
    with scopes_disabled():
        partner = partner_create(
            by=staff_user,
            contacts=[
                ContactData(first_name="Ada", last_name="Lovelace", email="ada@example.org"),
                ContactData(first_name="Bob", last_name="Gone"),
            ],
            **_partner(),
        )
        ada = partner.contacts.get(first_name="Ada")
        partner_update(
            partner=partner,
            by=staff_user,
            city="Villeurbanne",
            contacts=[
                ContactData(pk=ada.pk, first_name="Ada", last_name="King", email="ada@example.org"),
                ContactData(first_name="Chloé", last_name="Nouvelle"),
            ],
        )
        partner.refresh_from_db()
        assert partner.city == "Villeurbanne"
        assert sorted(str(c) for c in partner.contacts.all()) == ["Ada King", "Chloé Nouvelle"]
        assert partner.contacts.get(pk=ada.pk).last_name == "King"
        # Another partner's contact cannot be taken over.
        other = Contact.objects.create(partner=PartnerFactory(name="Autre"), first_name="X", last_name="Y")
        with pytest.raises(ValidationError):
            partner_update(
                partner=partner, by=staff_user, contacts=[ContactData(pk=other.pk, first_name="Z", last_name="Z")]
            )
        other.refresh_from_db()
    assert other.first_name == "X"


def test_partnership_create_and_update_check_dates_and_partners(staff_user):
    partner = PartnerFactory()
    with pytest.raises(ValidationError) as exc:
        partnership_create(by=staff_user, title="T", goal="G", partners=[])
    assert set(exc.value.message_dict) == {"partners"}
    with pytest.raises(ValidationError) as exc:
        partnership_create(
            by=staff_user,
            title="T",
            goal="G",
            partners=[partner],
            start_date=datetime.date(2026, 5, 1),
            end_date=datetime.date(2026, 1, 1),
        )
    assert exc.value.message_dict == {"end_date": ["The end date cannot be before the start date."]}
    with scopes_disabled():
        partnership = partnership_create(by=staff_user, title="T", goal="G", partners=[partner])
        partnership_update(partnership=partnership, by=staff_user, title="Nouveau titre")
        partnership.refresh_from_db()
        assert partnership.title == "Nouveau titre"
        assert AuditEntry.objects.filter(action="partnership.updated", object_id=str(partnership.pk)).get().data == {
            "fields": ["title"]
        }


def test_the_pipeline_refuses_a_jump(staff_user):
    partnership = PartnershipFactory(partners=[PartnerFactory()])
    with pytest.raises(ValidationError) as exc, scopes_disabled():
        partnership_set_status(partnership=partnership, status=PipelineStatus.COMPLETED, by=staff_user)
    assert exc.value.messages == ["A partnership cannot go from “Identified” to “Completed”."]


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_the_admin_moves_the_pipeline_only_through_the_service(admin_client):
    partnership = PartnershipFactory(partners=[PartnerFactory()])
    change = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    assert 'name="status"' not in admin_client.get(change).content.decode()
    changelist = reverse("admin:partnerships_partnership_changelist")
    admin_client.post(changelist, {"action": "move_to_completed", "_selected_action": [partnership.pk]})
    partnership.refresh_from_db()
    assert partnership.status == PipelineStatus.IDENTIFIED  # refused: not an allowed move
    admin_client.post(changelist, {"action": "move_to_in_discussion", "_selected_action": [partnership.pk]})
    partnership.refresh_from_db()
    assert partnership.status == PipelineStatus.IN_DISCUSSION
    entry = AuditEntry.objects.get(action="partnership.status", object_id=str(partnership.pk))
    assert (entry.from_state, entry.to_state) == (PipelineStatus.IDENTIFIED, PipelineStatus.IN_DISCUSSION)
