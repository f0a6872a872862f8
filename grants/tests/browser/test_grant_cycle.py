"""The whole grant cycle in a real browser: the invited organisation drafts (saved as it
types), closes the page and finds its draft again, submits; the officer checks eligibility;
a committee member scores; the officer approves; the applicant sees "approved · funded" and
submits the final report."""

import datetime
import re

import pytest
import time_machine
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from grants import services
from grants.models import Application, ApplicationStatus

from ..conftest import BEFORE_DEADLINE, admin_of, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "viewport": {"width": 390, "height": 844}}


@pytest.fixture
def clock():
    with time_machine.travel(BEFORE_DEADLINE, tick=True):
        yield


def _logout(page):
    page.context.clear_cookies()  # at 390 px the log-out button sits in the collapsed menu


def test_full_grant_cycle_in_the_browser(page, context, live_server, login, clock, ssa, applicant, officer, member_ssa):
    with scopes_disabled():
        services.invitation_create(round_region=ssa, partner=applicant, by=officer)
    member, admin = member_of(applicant).user, admin_of(applicant).user

    login(member.username)
    page.goto(f"{live_server.url}/portal/grants/")
    page.get_by_role("button", name="Rédiger notre proposition").click()
    expect(page.locator("#save-status")).to_contain_text("Votre brouillon s’enregistre")
    application_url = page.url
    page.fill("#id_title", "Wikipédia dans les bibliothèques de Nairobi")
    page.fill("#id_summary", "Ateliers d'écriture avec trois bibliothèques.")
    page.fill("#id_organisation_details", "Association de bibliothécaires fondée en 2012.")
    page.fill("#id_language", "Français")
    page.fill("#id_requested_amount", "12000.00")
    page.check("#id_focus_areas_1")
    page.fill("#id_advisor_name", "Achieng Otieno")
    page.fill("#id_obj-0-text", "Former 30 bibliothécaires")
    page.fill("#id_obj-0-target", "30 personnes formées")
    page.fill("#id_act-0-title", "Atelier d'écriture")
    page.fill("#id_act-0-starts_on", "2024-07-06")
    page.fill("#id_bud-0-label", "Salle et repas")
    page.fill("#id_bud-0-amount", "4000.00")
    page.fill("#id_bud-1-label", "Coordination")
    with page.expect_response(lambda r: r.url.endswith("/autosave/") and r.ok):  # the save after the last key
        page.fill("#id_bud-1-amount", "8000.00")
    expect(page.locator("#save-status")).to_contain_text(re.compile(r"Enregistré à \d\d:\d\d"), timeout=10_000)
    assert not page.locator("#submit-application").count()  # a member does not submit

    # Closed without pressing any button: the draft is there when they come back.
    page.close()
    page = context.new_page()
    page.goto(application_url)
    expect(page.locator("#id_title")).to_have_value("Wikipédia dans les bibliothèques de Nairobi")
    expect(page.locator("#id_bud-1-amount")).to_have_value("8000.00")
    _logout(page)

    login(admin.username, on=page)
    page.goto(application_url)
    page.locator("#submit-application").click()
    expect(page.locator("#status")).to_have_text("Soumise")
    _logout(page)
    with scopes_disabled():
        application = Application.objects.get(partner=applicant)

    login(officer.username, on=page)
    staff_url = f"{live_server.url}/staff/grants/applications/{application.pk}/"
    page.goto(staff_url)
    page.get_by_role("button", name="Commencer la vérification de l’éligibilité").click()
    page.get_by_role("button", name="Enregistrer la vérification de l’éligibilité").click()  # every criterion: pass
    expect(page.locator("#status")).to_have_text("En cours d’examen")
    _logout(page)

    login(member_ssa.username, on=page)
    page.goto(staff_url)
    for field in page.locator("#review-form input[type=number]").all():
        field.fill("4")
    page.fill("#review-form textarea", "Projet solide, communauté engagée.")
    page.get_by_role("button", name="Enregistrer mes notes").click()
    expect(page.locator("#scores")).to_contain_text("Projet solide")
    _logout(page)

    login(officer.username, on=page)
    page.goto(staff_url)
    expect(page.locator("#scores")).to_contain_text("Moyenne")
    page.select_option("#id_decision", "approve")
    page.fill("#id_amount", "12000.00")
    page.fill("#id_decided_on", "2024-05-03")
    page.fill("#id_reasons", "Un projet bien construit.")
    page.get_by_role("button", name="Enregistrer la décision du comité").click()
    expect(page.locator("#status")).to_have_text("Approuvée · Financée")
    page.fill("#ag-on", "2024-05-17")
    page.get_by_role("button", name="Enregistrer la convention signée").click()
    expect(page.locator("main")).to_contain_text("rapport final attendu")
    _logout(page)

    login(admin.username, on=page)
    page.goto(f"{live_server.url}/portal/grants/")
    expect(page.locator("main")).to_contain_text("Approuvée · Financée")
    page.goto(application_url)
    expect(page.locator("main")).to_contain_text("nous ne prévoyons pas de processus d’appel")
    page.fill("#id_text", "Nous avons formé 31 bibliothécaires.")
    page.get_by_role("button", name="Remettre le rapport final").click()
    expect(page.locator("main")).to_contain_text("Remis le")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.final_report.text == "Nous avons formé 31 bibliothécaires."
    assert application.grant_ends_on == datetime.date(2025, 5, 16)
