"""core.choices: the filter panels' choices come from the cache, and a change shows at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

pytestmark = pytest.mark.django_db


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    return body, [q["sql"] for q in ctx.captured_queries]


def test_the_partner_list_reads_its_filter_choices_once_then_follows_a_new_tag(staff_client):
    url = reverse("staff:partner_list")
    Tag.objects.create(name="Archives", slug="archives")
    cache.clear()
    body, cold = _get(staff_client, url)
    assert '<option value="archives">Archives</option>' in body
    body, warm = _get(staff_client, url)
    assert '<option value="archives">Archives</option>' in body

    def choice_queries(sql):  # the priorities, the tags, the staff owners
        return [
            q
            for q in sql
            if 'FROM "taggit_tag"' in q
            or 'FROM "partnerships_priority"' in q
            or 'WHERE "accounts_user"."is_staff"' in q
        ]

    assert len(choice_queries(cold)) == 3
    assert choice_queries(warm) == [], "the choices are read again"

    Tag.objects.create(name="Bibliothèques", slug="bibliotheques")
    body, _ = _get(staff_client, url)
    assert '<option value="bibliotheques">Bibliothèques</option>' in body


def test_a_submitted_choice_is_still_validated_against_the_table(staff_client):
    Tag.objects.create(name="Archives", slug="archives")
    url = reverse("staff:partner_list")
    staff_client.get(url)
    body = staff_client.get(url, {"tag": "no-such-tag"}).content.decode()
    assert "invalid-feedback" in body
