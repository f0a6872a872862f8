"""Draft an agreement with two actions, generate its PDF, wait for it, download it."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.factories import ContactFactory, PartnerFactory, PartnershipFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_draft_generate_wait_and_download(page, live_server, login, catalogue):
    StaffFactory(username="alice")
    partner = PartnerFactory(name="Médiathèque José-Cabanis", city="Toulouse")
    ContactFactory(partner=partner, first_name="Léon", last_name="Faure", is_signatory=True)
    partnership = PartnershipFactory(partners=[partner], title="Patrimoine toulousain")

    login("alice")
    page.goto(f"{live_server.url}/staff/agreements/new/?partnership={partnership.pk}")
    page.select_option("#id_partner", str(partner.pk))
    page.select_option("#id_language", "fr")
    page.select_option("#id_action_0_type", "edit-a-thon")
    page.fill("#id_action_0_title", "Edit-a-thon des bibliothécaires")
    page.select_option("#id_action_1_type", "content-upload")
    page.get_by_role("button", name="Créer le brouillon").click()
    expect(page.locator("h1")).to_contain_text("Patrimoine toulousain")
    expect(page.locator("main")).to_contain_text("WMFR-")
    expect(page.locator("main")).to_contain_text("Edit-a-thon des bibliothécaires")

    page.get_by_role("button", name="Générer le PDF").click()
    ready = page.locator('#documents .doc-state[data-state="ready"]')
    expect(ready).to_have_count(1, timeout=30_000)
    with page.expect_download() as download_info:
        page.locator("#documents a[href*='/download/']").first.click()
    data = Path(download_info.value.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert "Médiathèque José-Cabanis" in text
    assert "Pour la Médiathèque José-Cabanis" in text  # the article, derived from the name
    assert text.startswith("PROJET")  # a draft says so
    assert "2.1 – Edit-a-thon des bibliothécaires" in text
    assert "2.2 – Import de contenus" in text
