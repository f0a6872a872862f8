"""Invitation end to end in a real browser: staff invite, e-mail, link, password, portal."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import ContactFactory, PartnerFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "Wikipedia-en-residence-2026"


def test_staff_invite_then_partner_sets_password_and_sees_only_their_portal(page, live_server, login, catalogue):
    StaffFactory(username="alice")
    partner = PartnerFactory(name="Bibliothèque municipale de Lyon", city="Lyon")
    ContactFactory(partner=partner, first_name="Inès", last_name="Moreau", email="ines.moreau@example.org")
    PartnerFactory(name="Archives de Bordeaux", city="Bordeaux")
    mail.outbox.clear()

    login("alice")
    page.goto(f"{live_server.url}/staff/partners/{partner.pk}/invite/")
    page.select_option("#id_contact", label="Inès Moreau")
    page.select_option("#id_role", "admin")
    page.select_option("#id_language", "fr")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("ines.moreau@example.org")
    page.locator("header form[action$='/logout/'] button, nav form[action$='/logout/'] button").first.click()

    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/invitations/\d+/[A-Za-z0-9_-]{43}/)", mail.outbox[0].body).group(1)
    page.goto(live_server.url + path)
    expect(page.locator("main")).to_contain_text("Bibliothèque municipale de Lyon")
    page.fill("#id_first_name", "Inès")
    page.fill("#id_last_name", "Moreau")
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/portal/$"))
    expect(page.locator("h1")).to_contain_text("Bibliothèque municipale de Lyon")
    expect(page.locator("body")).not_to_contain_text("Archives de Bordeaux")

    response = page.goto(live_server.url + path)
    assert response.status == 404
