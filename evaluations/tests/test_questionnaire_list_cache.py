"""The staff questionnaire list is cached under the data version (core/dataversion.py): a new
response or a changed action shows at the next GET; with nothing written, a GET runs no query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import Activity
from evaluations.questionnaire_services import questionnaire_answer
from evaluations.tests.questionnaire_fixtures import OPENS, VALID, make_questionnaire

pytestmark = pytest.mark.django_db


def _responses_cell(html: str) -> str:
    return html.split('<td class="text-end">', 1)[1].split("<", 1)[0]


def test_the_list_follows_writes_and_costs_nothing_warm(catalogue, staff_client):
    with scopes_disabled():
        questionnaire = make_questionnaire()
    url = reverse("staff:questionnaire_list")
    assert _responses_cell(staff_client.get(url).content.decode()) == "0"

    with CaptureQueriesContext(connection) as warm:
        staff_client.get(url)
    assert len(warm.captured_queries) == 0

    with scopes_disabled():
        questionnaire_answer(questionnaire=questionnaire, values=VALID, address="10.0.0.1", day=OPENS)
        Activity.objects.filter(pk=questionnaire.activity_id).update(title="Atelier renommé")
    body = staff_client.get(url).content.decode()
    assert _responses_cell(body) == "1"
    assert "Atelier renommé" in body
