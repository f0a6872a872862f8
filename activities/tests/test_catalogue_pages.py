import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_public_catalogue_lists_all_types_without_account(client, catalogue):
    response = client.get(reverse("catalogue:list"), HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["activity_types"]) == 11
    assert "Wikipédien en résidence" in html
    assert "Cotisation d’adhésion (100 € min.)" in html or "Cotisation d'adhésion (100 € min.)" in html


def test_catalogue_in_english(client, catalogue):
    html = client.get(reverse("catalogue:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wikipedian in residence" in html
    assert "Mobilize Wikimedia France stakeholders (instructors / supervisors or contributors)" in html


@pytest.mark.parametrize(
    ("partner_type", "expected"),
    [
        ("companies", {"training", "wikitech-lunches"}),
        ("general_public", {"wikipermanence", "wikitech-lunches"}),
        (
            "local_authorities",
            {
                "edit-a-thon",
                "conference",
                "awareness-session",
                "training",
                "content-upload",
                "wikipermanence",
                "wikipedia-offline",
                "public-domain-day",
                "wikipedia-in-town",
            },
        ),
    ],
)
def test_what_can_we_do_together_filter(client, catalogue, partner_type, expected):
    response = client.get(reverse("catalogue:list"), {"partner_type": partner_type})
    assert {t.code for t in response.context["activity_types"]} == expected


def test_unknown_partner_type_shows_everything(client, catalogue):
    response = client.get(reverse("catalogue:list"), {"partner_type": "<script>"})
    assert len(response.context["activity_types"]) == 11
    assert "<script>" not in response.content.decode()


def test_catalogue_detail_and_404(client, catalogue):
    response = client.get(reverse("catalogue:detail", args=["training"]), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Invoices drawn up for the requesting organization at the rates in force" in html
    assert "Training agreement" in html and "Service provision contract" in html
    assert client.get(reverse("catalogue:detail", args=["nope"])).status_code == 404
