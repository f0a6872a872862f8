"""The grants pages' cached blocks (core/dataversion.py): the next GET after a write shows it, a
GET with no write in between runs no query, and a committee member's block is theirs only."""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from grants.models import Application, FiscalYear, Programme

from .test_query_counts import applications


def _warm(client, url: str) -> str:
    """A second GET with nothing written since the first: served from the cached block."""
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    assert len(ctx.captured_queries) == 0, [q["sql"] for q in ctx.captured_queries]
    return body


def test_the_programme_list_follows_every_write_and_costs_no_query_when_nothing_changed(client, officer, fund):
    client.force_login(officer)
    url = reverse("staff:grants_programmes")
    assert "Fonds des alliances Wikimédia" in client.get(url).content.decode()
    assert "Fonds des alliances Wikimédia" in _warm(client, url)

    programme = Programme.objects.create(code="micro", name="Micro-subventions")
    FiscalYear.objects.create(
        programme=programme, code="2030-31", starts_on=datetime.date(2030, 7, 1), ends_on=datetime.date(2031, 6, 30)
    )
    body = client.get(url).content.decode()
    assert "Micro-subventions" in body and "2030-31" in body

    Programme.objects.filter(pk=programme.pk).update(name="Petites subventions")  # no signal
    body = client.get(url).content.decode()
    assert "Petites subventions" in body and "Micro-subventions" not in body
    assert "Petites subventions" in _warm(client, url)

    FiscalYear.objects.filter(programme=programme).delete()
    Programme.objects.filter(pk=programme.pk).delete()
    assert "Petites subventions" not in client.get(url).content.decode()


def test_the_pipeline_follows_every_write_and_costs_no_query_when_nothing_changed(client, ssa, officer):
    with scopes_disabled():
        application = applications(ssa, 1, "Lecture")[0]
    client.force_login(officer)
    url = reverse("staff:grants_pipeline", args=[ssa.round.fiscal_year_id])
    assert "Lecture projet 0" in client.get(url).content.decode()
    assert "Lecture projet 0" in _warm(client, url)

    with scopes_disabled():
        applications(ssa, 1, "Écriture")
    assert "Écriture projet 0" in client.get(url).content.decode()

    with scopes_disabled():
        Application.objects.filter(pk=application.pk).update(title="Lecture publique")  # no signal
    body = client.get(url).content.decode()
    assert "Lecture publique" in body and "Lecture projet 0" not in body
    assert "Lecture publique" in _warm(client, url)

    with scopes_disabled():
        Application.objects.filter(pk=application.pk).update(status="draft")  # officers see drafts
        application.budget_lines.all().delete()
        Application.objects.filter(pk=application.pk).delete()
    assert "Lecture publique" not in client.get(url).content.decode()


def test_two_committee_members_on_the_same_address_each_see_their_region_only(ssa, eseap, member_ssa, member_eseap):
    with scopes_disabled():
        applications(ssa, 1, "Nairobi")
        applications(eseap, 1, "Manille")
    url = reverse("staff:grants_pipeline", args=[ssa.round.fiscal_year_id])
    assert ssa.round.fiscal_year_id == eseap.round.fiscal_year_id
    # Both log in first (a login writes last_login, a new data version): the second round of
    # GETs is then served from each one's cached block, under one version.
    sam, eve = Client(), Client()
    sam.force_login(member_ssa)
    eve.force_login(member_eseap)
    for read in (lambda c: c.get(url).content.decode(), lambda c: _warm(c, url)):
        body = read(sam)
        assert "Nairobi projet 0" in body and "Manille projet 0" not in body
        body = read(eve)
        assert "Manille projet 0" in body and "Nairobi projet 0" not in body
