import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from core.models import AuditEntry
from partnerships.models import Contact, Partner, Partnership, PipelineStatus
from tests.factories import ContactFactory, MembershipFactory, PartnerFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def partner_post(**overrides):
    data = {
        "name": "Musée des Confluences",
        "legal_name": "",
        "partner_type": "cultural_institutions",
        "sector": "museums",
        "legal_status": "public_body",
        "relationship_status": "prospect",
        "owner": "",
        "street_address": "86 quai Perrache",
        "postal_code": "69002",
        "city": "Lyon",
        "region": "ARA",
        "country": "FR",
        "website": "https://www.museedesconfluences.fr",
        "wikidata_id": "Q1377",
        "tags": "GLAM, Lyon",
        "notes": "",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "50",
        "contacts-0-civility": "mme",
        "contacts-0-first_name": "Hélène",
        "contacts-0-last_name": "Durand",
        "contacts-0-role": "Directrice",
        "contacts-0-email": "helene.durand@example.org",
        "contacts-0-phone": "04 28 38 11 90",
        "contacts-0-preferred_language": "fr",
        "contacts-0-is_signatory": "on",
    }
    data.update(overrides)
    return data


def test_create_partner_with_contact(staff_client):
    response = staff_client.post(reverse("staff:partner_create"), partner_post())
    with scopes_disabled():
        partner = Partner.objects.get(name="Musée des Confluences")
        assert response.status_code == 302
        assert response["Location"] == partner.get_absolute_url()
        contact = partner.contacts.get()
    assert (contact.last_name, contact.is_signatory, str(contact.phone)) == ("Durand", True, "+33428381190")
    assert contact.civility == "mme"  # agreements write "Madame Hélène Durand"
    assert (partner.name_article, partner.article_code) == ("", "le")  # derived from "Musée"


def test_staff_correct_the_article_of_a_partner(staff_client):
    staff_client.post(reverse("staff:partner_create"), partner_post(name="Comédie-Française", name_article="la"))
    with scopes_disabled():
        partner = Partner.objects.get(name="Comédie-Française")
        assert (partner.name_article, partner.article_code) == ("la", "la")
        assert sorted(partner.tags.names()) == ["GLAM", "Lyon"]
        assert AuditEntry.objects.filter(action="partner.created", object_id=str(partner.pk)).exists()
        assert partner.history.count() == 1
    detail = staff_client.get(partner.get_absolute_url())
    assert "Hélène" in detail.content.decode() and "Q1377" in detail.content.decode()


def test_wikidata_url_is_normalised_to_qid(staff_client):
    staff_client.post(reverse("staff:partner_create"), partner_post(wikidata_id="https://www.wikidata.org/wiki/q1377"))
    with scopes_disabled():
        assert Partner.objects.get().wikidata_id == "Q1377"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"wikidata_id": "P31"}, "wikidata_id", "Wikidata"),
        ({"wikidata_id": "Q12abc"}, "wikidata_id", "Wikidata"),
        ({"contacts-0-email": "not-an-email"}, "email", "e-mail"),
        ({"name": "x" * 201}, "name", "200"),
        ({"postal_code": "1" * 17}, "postal_code", "16"),
        ({"website": "javascript:alert(1)"}, "website", "URL"),
        ({"contacts-0-phone": "123"}, "phone", "phone"),
        ({"partner_type": "spaceship"}, "partner_type", "spaceship"),
    ],
)
def test_bad_input_gives_form_error_and_saves_nothing(staff_client, overrides, field, message):
    response = staff_client.post(reverse("staff:partner_create"), partner_post(**overrides), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert "is-invalid" in html
    assert message.lower() in html.lower()
    with scopes_disabled():
        assert Partner.objects.count() == 0
        assert Contact.objects.count() == 0


def test_duplicate_name_in_same_city_is_refused_case_insensitively(staff_client):
    PartnerFactory(name="Musée des Confluences", city="Lyon")
    response = staff_client.post(
        reverse("staff:partner_create"),
        partner_post(name="musée des confluences", city="LYON"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "A partner with this name already exists in this city." in response.content.decode()
    with scopes_disabled():
        assert Partner.objects.count() == 1
        assert Contact.objects.count() == 0
    # Same name in another city is fine.
    response = staff_client.post(reverse("staff:partner_create"), partner_post(city="Paris", region="IDF"))
    assert response.status_code == 302


def test_invalid_contact_saves_neither_partner_nor_contact(staff_client):
    response = staff_client.post(reverse("staff:partner_create"), partner_post(**{"contacts-0-last_name": ""}))
    assert response.status_code == 400
    assert not Partner.objects.exists()


def test_edit_partner_and_delete_contact(staff_client):
    partner = PartnerFactory()
    contact = ContactFactory(partner=partner)
    data = partner_post(
        name=partner.name,
        city=partner.city,
        **{
            "contacts-TOTAL_FORMS": "2",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(contact.pk),
            "contacts-0-partner": str(partner.pk),
            "contacts-0-first_name": contact.first_name,
            "contacts-0-last_name": contact.last_name,
            "contacts-0-email": contact.email,
            "contacts-0-DELETE": "on",
            "contacts-1-first_name": "",
            "contacts-1-last_name": "",
            "contacts-1-email": "",
            "contacts-1-preferred_language": "fr",
        },
    )
    response = staff_client.post(reverse("staff:partner_update", args=[partner.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    partner.refresh_from_db()
    assert partner.wikidata_id == "Q1377"
    with scopes_disabled():
        assert not partner.contacts.exists()


def test_directory_filters_and_text_search(staff_client):
    museum = PartnerFactory(name="Musée Fabre", city="Montpellier", region="OCC")
    PartnerFactory(name="Archives de Lyon", sector="archives", city="Lyon")
    ContactFactory(partner=museum, last_name="Courbet")
    url = reverse("staff:partner_list")
    html = staff_client.get(url, {"q": "courbet"}).content.decode()
    assert "Musée Fabre" in html and "Archives de Lyon" not in html
    html = staff_client.get(url, {"sector": "archives"}).content.decode()
    assert "Archives de Lyon" in html and "Musée Fabre" not in html
    html = staff_client.get(url, {"region": "OCC"}).content.decode()
    assert "Musée Fabre" in html and "Archives de Lyon" not in html


def test_membership_and_priority_filters(staff_client, catalogue):
    from django.utils import timezone

    from partnerships.models import SubPriority

    this_year = timezone.localdate().year
    member = PartnerFactory(name="Membre actuel")
    MembershipFactory(partner=member, year=this_year)
    lapsed = PartnerFactory(name="Ancien membre")
    MembershipFactory(partner=lapsed, year=this_year - 2)
    PartnerFactory(name="Jamais membre")
    glam = SubPriority.objects.get(priority__number=1, title_en="GLAM")
    partnership = PartnershipFactory(partners=[member, lapsed])
    partnership.sub_priorities.add(glam)
    url = reverse("staff:partner_list")

    def names(**params):
        return [p.name for p in staff_client.get(url, params).context["partners"]]

    assert names(membership="current") == ["Membre actuel"]
    detail = staff_client.get(reverse("staff:partner_detail", args=[member.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert f"Member in {this_year}" in detail.content.decode()
    detail = staff_client.get(reverse("staff:partner_detail", args=[lapsed.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert f"Not a member in {this_year}" in detail.content.decode()
    assert names(membership="lapsed") == ["Ancien membre"]
    assert names(membership="never") == ["Jamais membre"]
    assert names(priority=glam.priority.pk) == ["Ancien membre", "Membre actuel"]
    assert names(priority=glam.priority.pk, ordering="-name") == ["Membre actuel", "Ancien membre"]
    member.tags.add("Wiki Loves Monuments")
    assert names(tag="wiki-loves-monuments") == ["Membre actuel"]


def test_export_csv_and_xlsx_contain_exactly_the_filtered_rows(staff_client):
    for i in range(3):
        PartnerFactory(name=f"Bibliothèque {i}", sector="libraries")
    PartnerFactory(name="Musée hors filtre", sector="museums")
    params = {"sector": "libraries"}
    response = staff_client.get(reverse("staff:partner_export", args=["csv"]), params)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert sorted(r["Nom"] for r in rows) == ["Bibliothèque 0", "Bibliothèque 1", "Bibliothèque 2"]
    response = staff_client.get(reverse("staff:partner_export", args=["xlsx"]), params)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Bibliothèque 0", "Bibliothèque 1", "Bibliothèque 2"]
    assert staff_client.get(reverse("staff:partner_export", args=["pdf"])).status_code == 404


HOSTILE = {
    "name": '=HYPERLINK("https://evil.example","Cliquez")',
    "legal_name": "@SUM(1+1)",
    "street_address": "=1+1",
    "city": "+WMFR",
    "postal_code": "-2+3",
    "website": "",
}


def test_export_neutralises_formulas_typed_by_partners(staff_client):
    partner = PartnerFactory(**HOSTILE)
    partner.tags.add("\tTab", "\rReturn")
    response = staff_client.get(reverse("staff:partner_export", args=["csv"]))
    (row,) = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert row["Nom"] == "'" + HOSTILE["name"]
    assert row["Raison sociale"] == "'@SUM(1+1)"
    assert row["Adresse"] == "'=1+1"
    assert row["Ville"] == "'+WMFR"
    assert row["Code postal"] == "'-2+3"
    assert row["Étiquettes"].startswith("'")  # "\rReturn, \tTab" sorted: a carriage return first

    response = staff_client.get(reverse("staff:partner_export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = next(sheet.iter_rows(min_row=2))
    assert [c.data_type for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    for value in HOSTILE.values():
        if value:
            assert "'" + value in texts
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_export_opens_cleanly_in_french_and_english_spreadsheets(staff_client):
    PartnerFactory(name="Musée d'Orsay", legal_name="Établissement public du musée d'Orsay", city="Paris")
    response = staff_client.get(reverse("staff:partner_export", args=["csv"]))
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Identifiant;Nom;Raison sociale;Type de partenaire;")
    assert "Créé le" in header

    staff_client.cookies["django_language"] = "en"
    response = staff_client.get(reverse("staff:partner_export", args=["csv"]))
    assert response.content.startswith(b"\xef\xbb\xbf")
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Identifier,Name,Legal name,Partner type,")
    del staff_client.cookies["django_language"]

    response = staff_client.get(reverse("staff:partner_export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["Identifiant", "Nom", "Raison sociale"]
    row = next(sheet.iter_rows(min_row=2))
    by_header = dict(zip(headers, row, strict=True))
    assert by_header["Identifiant"].data_type == "n" and isinstance(by_header["Identifiant"].value, int)
    created = by_header["Créé le"]
    assert created.is_date and created.number_format == "DD/MM/YYYY HH:MM"
    width = sheet.column_dimensions[by_header["Raison sociale"].column_letter].width
    assert width >= len("Établissement public du musée d'Orsay")
    assert sheet.column_dimensions[by_header["Identifiant"].column_letter].width < 20


def test_partnership_status_transition_is_audited(staff_client, staff_user):
    partnership = PartnershipFactory(partners=[PartnerFactory()])
    url = reverse("staff:partnership_status", args=[partnership.pk])
    staff_client.post(url, {"status": PipelineStatus.IN_DISCUSSION})
    partnership.refresh_from_db()
    assert partnership.status == PipelineStatus.IN_DISCUSSION
    entry = AuditEntry.objects.get(action="partnership.status")
    assert (entry.from_state, entry.to_state, entry.actor) == ("identified", "in_discussion", staff_user)
    # Not allowed: in discussion -> completed.
    staff_client.post(url, {"status": PipelineStatus.COMPLETED})
    partnership.refresh_from_db()
    assert partnership.status == PipelineStatus.IN_DISCUSSION
    assert AuditEntry.objects.filter(action="partnership.status").count() == 1


def test_partnership_create_and_date_validation(staff_client, catalogue):
    partner = PartnerFactory()
    data = {
        "title": "Wiki Loves Lyon",
        "partners": [partner.pk],
        "goal": "Photographier le patrimoine",
        "kind": "agreement",
        "start_date": "2026-05-01",
        "end_date": "2026-03-01",
    }
    response = staff_client.post(reverse("staff:partnership_create"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Partnership.objects.exists()
    data["end_date"] = "2026-09-30"
    response = staff_client.post(reverse("staff:partnership_create"), data)
    with scopes_disabled():
        partnership = Partnership.objects.get()
        assert response["Location"] == partnership.get_absolute_url()
        assert list(partnership.partners.all()) == [partner]


def test_directory_paginates_and_keeps_filters(staff_client):
    from partnerships.models import Partner

    Partner.objects.bulk_create(
        [
            Partner(
                name=f"Bibliothèque {i:02d}",
                city="Lyon",
                partner_type="cultural_institutions",
                sector="libraries",
                legal_status="public_body",
            )
            for i in range(60)
        ]
    )
    url = reverse("staff:partner_list")
    first = staff_client.get(url, {"sector": "libraries"})
    assert len(first.context["partners"]) == 50
    assert "?sector=libraries&amp;page=2" in first.content.decode()
    second = staff_client.get(url, {"sector": "libraries", "page": 2})
    assert second.context["partners"][0].name == "Bibliothèque 50"
    assert len(second.context["partners"]) == 10
