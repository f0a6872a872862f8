"""The pages of joint evaluations, staff and portal: lists, filters, who sees what."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import ActivityType
from evaluations.models import Evaluation
from evaluations.services import evaluation_close, evaluation_create, grid_load
from partnerships.models import PartnerMember, PartnerRole, Partnership
from tests.factories import PartnerFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_evaluations(catalogue):
    """An open evaluation of an edit-a-thon of the Louvre (2025), a closed one of the BnF's partnership."""
    from demo.factories import ActivityFactory

    with scopes_disabled():
        grid_load()
        louvre, bnf = PartnerFactory(name="Musée du Louvre"), PartnerFactory(name="BnF")
        louvre_partnership = PartnershipFactory(partners=[louvre], title="Louvre et Wikipédia")
        activity = ActivityFactory(
            partnership=louvre_partnership,
            activity_type=ActivityType.objects.get(code="edit-a-thon"),
            title="Edit-a-thon des peintres",
            start_date=datetime.date(2025, 3, 8),
        )
        open_one = evaluation_create(partnership=louvre_partnership, activity=activity)
        closed_one = evaluation_create(partnership=PartnershipFactory(partners=[bnf], title="Gallica"))
        evaluation_close(evaluation=closed_one, by=None)
    return {"open": open_one, "closed": closed_one, "louvre": louvre, "bnf": bnf}


def _list(client, **params) -> str:
    response = client.get(reverse("staff:evaluation_list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_staff_list_and_its_filters(staff_client, two_evaluations):
    page = _list(staff_client)
    assert "Edit-a-thon des peintres" in page and "Gallica" in page

    page = _list(staff_client, state="closed")
    assert "Gallica" in page and "Edit-a-thon des peintres" not in page

    page = _list(staff_client, partner=two_evaluations["louvre"].pk)
    assert "Edit-a-thon des peintres" in page and "Gallica" not in page
    page = _list(staff_client, partner="louvre")  # part of the name, case and accents ignored
    assert "Edit-a-thon des peintres" in page and "Gallica" not in page

    with scopes_disabled():
        edit_a_thon = ActivityType.objects.get(code="edit-a-thon").pk
    page = _list(staff_client, activity_type=edit_a_thon)
    assert "Edit-a-thon des peintres" in page and "Gallica" not in page

    page = _list(staff_client, year=2025)
    assert "Edit-a-thon des peintres" in page and "Gallica" not in page
    page = _list(staff_client, year=2024)
    assert "Edit-a-thon des peintres" not in page


def test_staff_list_follows_every_write_and_costs_no_query_when_nothing_changed(staff_client, two_evaluations):
    assert "Gallica" in _list(staff_client)
    with CaptureQueriesContext(connection) as warm:
        page = _list(staff_client)
    assert "Gallica" in page
    assert len(warm.captured_queries) == 0, [q["sql"] for q in warm.captured_queries]

    with scopes_disabled():
        evaluation_create(partnership=PartnershipFactory(partners=[two_evaluations["bnf"]], title="Retronews"))
    assert "Retronews" in _list(staff_client)

    with scopes_disabled():
        Partnership.objects.filter(evaluations=two_evaluations["closed"]).update(title="Gallica images")  # no signal
    page = _list(staff_client)
    assert "Gallica images" in page
    with CaptureQueriesContext(connection) as warm:
        assert "Gallica images" in _list(staff_client)
    assert len(warm.captured_queries) == 0

    with scopes_disabled():
        Evaluation.objects.filter(pk=two_evaluations["closed"].pk).delete()
    assert "Gallica" not in _list(staff_client)


def test_portal_list_shows_the_partners_own_evaluations_only(client, two_evaluations):
    user = UserFactory(username="louvre-member")
    with scopes_disabled():
        PartnerMember.objects.create(partner=two_evaluations["louvre"], user=user, role=PartnerRole.MEMBER)
    client.force_login(user)
    response = client.get(reverse("portal:evaluation_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Edit-a-thon des peintres" in page and "Gallica" not in page
