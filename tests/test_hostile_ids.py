"""Ids that are no ids: a 404 or a form error, never a 500."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import PartnerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def test_no_url_takes_an_unbounded_int():
    """Ids go through the <id:> converter (64-bit bound); <int:> would let 10**20 reach SQLite."""
    offenders = [r for r in _patterns(get_resolver()) if "<int:" in r and not r.startswith("admin/")]
    assert offenders == []


@pytest.mark.parametrize("number", ["100000000000000000000", "9223372036854775808", "9999999999999999999"])
def test_ids_beyond_64_bits_are_404_everywhere(client, number):
    admin = StaffFactory(username="root-ids", is_superuser=True)
    client.force_login(admin)
    routes = [r for r in _patterns(get_resolver()) if "<id:" in r]
    assert routes
    for route in routes:
        path = "/" + route.replace("^", "").replace("$", "")
        while "<id:" in path:
            start = path.index("<id:")
            path = path[:start] + number + path[path.index(">", start) + 1 :]
        if "<" in path:
            continue  # other kwargs: the URL walk builds those
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("value", ["abc", "99999999999999999999", "-1", "1e3", "١٢"])
def test_partnership_form_with_a_partner_that_is_no_id_is_a_form_error(staff_client, value):
    PartnerFactory()
    response = staff_client.post(
        reverse("staff:partnership_create"), {"title": "Projet", "partners": [value], "kind": "project"}
    )
    assert response.status_code == 400
    assert "partners" in response.context["form"].errors
