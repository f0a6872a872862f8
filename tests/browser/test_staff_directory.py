"""Main staff flow in a real browser (Debian's Chromium through Playwright)."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from partnerships.models import Partner
from tests.factories import PartnerFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_filters_creates_partner_and_switches_language(page, live_server, login, catalogue):
    StaffFactory(username="alice")
    PartnerFactory(
        name="Archives nationales", partner_type="cultural_institutions", sector="archives", city="Paris", region="IDF"
    )
    PartnerFactory(
        name="Mairie de Toulouse",
        partner_type="local_authorities",
        sector="local_authorities",
        legal_status="public_body",
        city="Toulouse",
        region="OCC",
    )

    login("alice")
    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.locator("h1")).to_contain_text("Tableau de bord")

    # Filter the directory by partner type.
    page.get_by_role("link", name="Partenaires", exact=True).click()
    expect(page.locator("table")).to_contain_text("Archives nationales")
    page.select_option("#id_partner_type", "local_authorities")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("table")).to_contain_text("Mairie de Toulouse")
    expect(page.locator("table")).not_to_contain_text("Archives nationales")

    # Create a partner with a contact.
    page.goto(f"{live_server.url}/staff/partners/new/")
    page.fill("#id_name", "Musée de Bretagne")
    page.select_option("#id_partner_type", "cultural_institutions")
    page.select_option("#id_sector", "museums")
    page.select_option("#id_legal_status", "public_body")
    page.fill("#id_city", "Rennes")
    page.select_option("#id_region", "BRE")
    page.fill("#id_wikidata_id", "Q3329663")
    page.fill("#id_contacts-0-first_name", "Yann")
    page.fill("#id_contacts-0-last_name", "Le Goff")
    page.fill("#id_contacts-0-email", "yann.legoff@example.org")
    page.locator("form.partner-form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Musée de Bretagne")
    expect(page.locator("main")).to_contain_text("Le Goff")
    with scopes_disabled():
        assert Partner.objects.get(name="Musée de Bretagne").contacts.get().email == "yann.legoff@example.org"

    # It appears in the directory.
    page.goto(f"{live_server.url}/staff/partners/?q=Bretagne")
    expect(page.locator("table")).to_contain_text("Musée de Bretagne")

    # Switch the interface to English, then back to French: choosing an option changes
    # nothing by itself (WCAG 3.2.2), the button does; the user is told the preference changed.
    page.select_option("#lang-select", "en")
    page.wait_for_timeout(300)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("button", name="Appliquer").click()
    expect(page.locator("h1")).to_have_text("Partners")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".messages")).to_contain_text("English is now also your preferred language")
    page.select_option("#lang-select", "fr")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("h1")).to_have_text("Partenaires")
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_public_catalogue_filter_without_account(page, live_server, catalogue):
    page.goto(f"{live_server.url}/catalogue/?partner_type=companies")
    expect(page.locator("main")).to_contain_text("Formation")
    expect(page.locator("main")).to_contain_text("Déjeuners Wikitech")
    expect(page.locator("main")).not_to_contain_text("Wikipédien en résidence")
