"""The public catalogue caches its block ({% cache %} under the fragment key,
core/dataversion.py): it follows every write at once and a repeated GET runs no query; the
key holds the user (a partner's user sees "Propose this action", a visitor does not)."""

import pytest
from django.test import Client
from django.urls import reverse

from activities.models import ActivityType
from tests.factories import UserFactory
from tests.query_counts import get_with_queries

pytestmark = pytest.mark.django_db


def new_type() -> ActivityType:
    texts = {f"{field}_{lang}": f"{field} {lang}" for field in ("definition", "period") for lang in ("fr", "en")}
    return ActivityType.objects.create(
        code="atelier-lecture",
        position=99,
        name_fr="Atelier de lecture partagée",
        name_en="Shared reading workshop",
        wmfr_contribution_fr="Animation",
        partner_contribution_fr="Une salle",
        reciprocal_commitments_fr="Se citer",
        eligible_partner_types=["social_economy"],
        min_months=1,
        max_months=2,
        **texts,
    )


def test_the_catalogue_follows_every_write_and_costs_no_query_when_nothing_changed(catalogue):
    client = Client()  # a visitor
    url = reverse("catalogue:list")
    body = client.get(url).content.decode()
    assert "Wikipédien en résidence" in body and "11 types d’action" in body

    # Nothing written: the second GET reads nothing.
    second, body = get_with_queries(client, url)
    assert second == []
    assert "Wikipédien en résidence" in body

    # A new row.
    added = new_type()
    body = client.get(url).content.decode()
    assert "Atelier de lecture partagée" in body and "12 types d’action" in body

    # A type withdrawn by update() (no signal, no save()).
    ActivityType.objects.filter(code="wikipedian-in-residence").update(is_active=False)
    body = client.get(url).content.decode()
    assert "Wikipédien en résidence" not in body and "11 types d’action" in body

    # A row deleted.
    added.delete()
    queries, body = get_with_queries(client, url)
    assert queries != []
    assert "Atelier de lecture partagée" not in body and "10 types d’action" in body
    assert get_with_queries(client, url)[0] == []


def test_a_partners_user_and_a_visitor_each_get_their_own_catalogue(catalogue):
    member = Client()
    member.force_login(UserFactory())  # logged in before any read (a login is a write)
    visitor = Client()
    url = reverse("catalogue:list")
    propose = reverse("portal:proposal_create", args=["edit-a-thon"])
    for round_ in range(2):
        queries, body = get_with_queries(member, url)
        assert f'href="{propose}"' in body
        assert not round_ or queries == []
        queries, body = get_with_queries(visitor, url)
        assert f'href="{propose}"' not in body and "Edit-a-thon" in body
        assert not round_ or queries == []
