"""Open data: only the partnerships whose partners agreed to publish them, with their figures,
and nothing personal (no contact, no user, no e-mail, no stakeholder)."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import ActivityType, MetricsScope, Stakeholder
from core.models import AuditEntry
from demo.factories import ActivityFactory
from evaluations.opendata import publication_set
from evaluations.tests.test_impact import snapshot
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import ContactFactory, PartnerFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSONAL = [
    "Claire Personne",  # a contact
    "claire.personne@example.org",
    "lead-staff@example.org",  # the partnership's staff lead
    "Jean Bénévole",  # a stakeholder
    "JeanWiki",  # a participant's username
    "secret-notes",  # the activity's notes
]


@pytest.fixture
def published(catalogue):
    lead = UserFactory(username="lead", email="lead-staff@example.org", first_name="Léa", last_name="Lead")
    open_partner = PartnerFactory(name="Archives ouvertes", partner_type="cultural_institutions", region="NOR")
    ContactFactory(partner=open_partner, first_name="Claire", last_name="Personne", email="claire.personne@example.org")
    shut_partner = PartnerFactory(name="Musée discret")
    shown = PartnershipFactory(partners=[open_partner], title="Archives et Wikipédia", lead=lead)
    hidden = PartnershipFactory(partners=[shut_partner], title="Partenariat non publié")
    edit_a_thon = ActivityType.objects.get(code="edit-a-thon")
    activity = ActivityFactory(
        partnership=shown,
        activity_type=edit_a_thon,
        title="Atelier d’archives",
        start_date=datetime.date(2025, 4, 1),
        notes="secret-notes",
    )
    Stakeholder.objects.create(activity=activity, name="Jean Bénévole", kind="volunteer", username="JeanWiki", hours=4)
    MetricsScope.objects.create(activity=activity, usernames="JeanWiki")
    snapshot(
        activity, edited={"Archives", "Rouen"}, created={"Archives"}, files={1, 2}, in_use={2}, views={"Rouen": 30}
    )
    ActivityFactory(partnership=hidden, activity_type=edit_a_thon, title="Action cachée")
    staff = UserFactory(username="staffer", is_staff=True)
    publication_set(partnership=shown, published=True, by=staff)
    publication_set(partnership=hidden, published=False, by=staff)
    return {"shown": shown, "hidden": hidden, "staff": staff, "partner": open_partner}


def _assert_nothing_personal(text: str) -> None:
    for value in PERSONAL:
        assert value not in text, f"{value!r} is published"


def test_public_page_shows_only_published_partnerships(client, published):
    response = client.get(reverse("evaluations:open_data"))
    assert response.status_code == 200
    page = response.content.decode()
    assert ">Archives et Wikipédia</h3>" in page and "Atelier d’archives" in page
    assert "Partenariat non publié" not in page and "Action cachée" not in page
    _assert_nothing_personal(page)


def test_csv_holds_the_figures_and_nothing_personal(client, published):
    response = client.get(reverse("evaluations:open_data_export", args=["csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    _assert_nothing_personal(text)
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["Activity"] if "Activity" in r else r["Activité"] for r in rows] == ["Atelier d’archives"]
    row = rows[0]
    values = list(row.values())
    # articles created 1, improved 1, files 2, in use 1, page views 30, hours 4
    assert values[-10:] == ["0", "0", "0", "1", "1", "0", "2", "1", "30", "4"]


def test_json_holds_the_figures_and_nothing_personal(client, published):
    response = client.get(reverse("evaluations:open_data_export", args=["json"]))
    assert response.status_code == 200
    text = response.content.decode()
    _assert_nothing_personal(text)
    data = json.loads(text)
    assert [p["title"] for p in data["partnerships"]] == ["Archives et Wikipédia"]
    partnership = data["partnerships"][0]
    assert set(partnership) == {
        "id",
        "title",
        "goal",
        "kind",
        "status",
        "start_date",
        "end_date",
        "partners",
        "activities",
    }
    assert partnership["partners"] == [
        {
            "name": "Archives ouvertes",
            "type": "cultural_institutions",
            "region": "NOR",
            "city": published["partner"].city,
        }
    ]
    figures = partnership["activities"][0]["figures"]
    assert figures["articles_created"] == 1 and figures["files_in_use"] == 1 and figures["page_views"] == 30
    assert data["totals"]["files_uploaded"] == 2


def test_an_unknown_format_is_a_404(client, published):
    assert client.get("/open-data/partnerships.xml").status_code == 404


def test_the_flag_is_audited_once_per_change(published):
    staff = published["staff"]
    before = AuditEntry.objects.filter(action="partnership.open_data_set").count()
    with scopes_disabled():
        publication_set(partnership=published["shown"], published=True, by=staff)  # unchanged
        assert AuditEntry.objects.filter(action="partnership.open_data_set").count() == before
        publication_set(partnership=published["shown"], published=False, by=staff)
        entry = AuditEntry.objects.filter(action="partnership.open_data_set").latest("pk")
    assert (entry.from_state, entry.to_state, entry.actor) == ("true", "false", staff)


def test_staff_set_the_flag(client, published):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory(username="staff-flag"))
    url = reverse("staff:partnership_publication", args=[published["hidden"].pk])
    assert client.post(url, {"published": "on"}).status_code == 302
    assert ">Partenariat non publié</h3>" in client.get(reverse("evaluations:open_data")).content.decode()


def test_partner_admins_set_the_flag_in_the_portal_members_cannot(client, published):
    partner = published["partner"]
    admin, member = UserFactory(username="adm"), UserFactory(username="mem")
    PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
    PartnerMember.objects.create(partner=partner, user=member, role=PartnerRole.MEMBER)
    url = reverse("portal:open_data_set", args=[published["shown"].pk])

    client.force_login(member)
    assert client.get(reverse("portal:open_data")).status_code == 200
    assert client.post(url, {}).status_code == 403

    client.force_login(admin)
    page = client.get(reverse("portal:open_data")).content.decode()
    assert "Archives et Wikipédia" in page and "Partenariat non publié" not in page
    assert client.post(url, {}).status_code == 302  # withdrawn
    assert ">Archives et Wikipédia</h3>" not in client.get(reverse("evaluations:open_data")).content.decode()
    # Another organisation's partnership: 404.
    other = reverse("portal:open_data_set", args=[published["hidden"].pk])
    assert client.post(other, {"published": "on"}).status_code == 404
