"""A partner's card from a recorded wbgetentities answer: a proposal accepted field by field."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.replay import replay_server
from core.models import AuditEntry
from core.wikimedia_replay import no_outside_network
from partnerships.models import Partner
from tests.factories import PartnerFactory

SANDBOX = "Q4115189"  # derived_wbgetentities_wikidata_sandbox_museum.json (see its README)


@pytest.fixture
def replay(settings):
    with no_outside_network(), replay_server() as server:
        settings.WIKIMEDIA_MIRROR = server.url
        yield server


def test_the_proposal_is_shown_beside_the_card_and_writes_nothing(staff_client, replay):
    partner = PartnerFactory(name="Musée de la soie", website="https://ancien.example.org/")
    page = staff_client.get(reverse("staff:partner_wikidata", args=[partner.pk]) + f"?item={SANDBOX}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-field="website"' in html and 'data-field="coordinates"' in html
    assert "https://ancien.example.org/" in html  # the current value, beside the proposed one
    with scopes_disabled():
        assert Partner.objects.get(pk=partner.pk).website == "https://ancien.example.org/"
        assert not AuditEntry.objects.filter(action="partner.wikidata_card").exists()


def test_only_the_ticked_fields_are_copied(staff_client, replay):
    partner = PartnerFactory(name="Musée de la soie", website="https://ancien.example.org/")
    url = reverse("staff:partner_wikidata", args=[partner.pk])
    response = staff_client.post(url, {"item": SANDBOX, "accept": ["coordinates", "wikidata_id", "name_en"]})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.wikidata_id == SANDBOX
    assert partner.latitude is not None and partner.longitude is not None
    assert isinstance(partner.latitude, Decimal)
    assert partner.name_en != ""
    # Not ticked: never overwritten.
    assert partner.website == "https://ancien.example.org/"
    assert partner.name == "Musée de la soie"
    assert AuditEntry.objects.get(action="partner.wikidata_card").data["fields"] == [
        "coordinates",
        "wikidata_id",
        "name_en",
    ]


def test_an_item_that_does_not_exist_or_nothing_ticked_changes_nothing(staff_client, replay):
    partner = PartnerFactory(name="Musée de la soie")
    url = reverse("staff:partner_wikidata", args=[partner.pk])
    page = staff_client.get(url + "?item=Q6")  # recorded as missing
    assert page.status_code == 400
    assert "Q6" in page.content.decode()
    response = staff_client.post(url, {"item": SANDBOX})
    assert response.status_code == 302
    with scopes_disabled():
        assert Partner.objects.get(pk=partner.pk).wikidata_id == ""
    page = staff_client.get(url + "?item=pas-un-élément").content.decode()
    assert "alert-danger" in page
