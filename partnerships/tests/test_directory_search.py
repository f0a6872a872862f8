"""The directory searches and sorts as French speakers expect, on SQLite and PostgreSQL alike:
accents and case ignored, acronyms and legal names found, "É" sorted with the E."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from core.text import acronym, fold
from partnerships.models import Partner
from partnerships.services import partners_reindex
from tests.factories import PartnerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_fold_and_acronym():
    assert fold("  Musée d’Orsay – ŒUVRES ") == "musee d orsay oeuvres"
    assert fold("Écomusée") == "ecomusee"
    assert acronym("Bibliothèque nationale de France") == "bnf"
    assert acronym("Inria") == ""


@pytest.fixture
def directory(client):
    staff = StaffFactory()
    client.force_login(staff)
    PartnerFactory(name="Bibliothèque nationale de France", city="Paris")
    PartnerFactory(name="Musée des Beaux-Arts", city="Lyon")
    PartnerFactory(name="Écomusée du Véron", city="Savigny-en-Véron")
    PartnerFactory(name="Inria", legal_name="Institut national de recherche en sciences et technologies du numérique")
    PartnerFactory(name="Centre Pompidou", legal_name="Centre national d’art et de culture Georges-Pompidou")
    PartnerFactory(name="Mucem", acronym="MuCEM", city="Marseille")
    PartnerFactory(name="abbaye de Fontevraud", city="Fontevraud-l’Abbaye")
    PartnerFactory(name="Zoo de Vincennes", city="Paris")
    return client


def names(client, **params) -> list[str]:
    response = client.get(reverse("staff:partner_list"), params)
    assert response.status_code == 200
    return [p.name for p in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("musee", {"Musée des Beaux-Arts", "Écomusée du Véron"}),
        ("MUSÉE", {"Musée des Beaux-Arts", "Écomusée du Véron"}),
        ("ecomusee", {"Écomusée du Véron"}),
        ("veron", {"Écomusée du Véron"}),
        ("bnf", {"Bibliothèque nationale de France"}),
        ("BnF", {"Bibliothèque nationale de France"}),
        ("numerique", {"Inria"}),
        ("georges pompidou", {"Centre Pompidou"}),
        ("art et de culture", {"Centre Pompidou"}),
        ("mucem", {"Mucem"}),
        ("beaux arts", {"Musée des Beaux-Arts"}),
    ],
)
def test_search_ignores_accents_and_case_and_finds_acronyms_and_legal_names(directory, query, expected):
    assert set(names(directory, q=query)) == expected


def test_sort_puts_accented_and_lowercase_names_in_french_order(directory):
    ordered = names(directory)
    assert ordered == [
        "abbaye de Fontevraud",
        "Bibliothèque nationale de France",
        "Centre Pompidou",
        "Écomusée du Véron",
        "Inria",
        "Mucem",
        "Musée des Beaux-Arts",
        "Zoo de Vincennes",
    ]
    assert names(directory, ordering="-name") == list(reversed(ordered))


def test_a_bulk_change_is_caught_up_by_reindexing(directory):
    with scopes_disabled():
        partner = Partner.objects.get(name="Zoo de Vincennes")
        Partner.objects.filter(pk=partner.pk).update(name="Parc zoologique de Paris")  # bypasses the service
    assert names(directory, q="zoologique") == []
    with scopes_disabled():
        assert partners_reindex() == 8
    assert names(directory, q="zoologique") == ["Parc zoologique de Paris"]


def test_renaming_through_the_service_updates_the_columns(directory):
    from django_scopes import scopes_disabled

    from partnerships.services import partner_update

    with scopes_disabled():
        partner = Partner.objects.get(name="Zoo de Vincennes")
        partner_update(partner=partner, by=None, name="Parc zoologique de Paris")
    assert names(directory, q="zoologique") == ["Parc zoologique de Paris"]
    assert names(directory, q="vincennes") == []
